"""Read page: paste or upload an article, see it analysed."""

import streamlit as st

st.title("newslens")
st.write("Paste or upload an article.")
