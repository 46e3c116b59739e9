"""newslens dashboard entry point: `streamlit run app.py`."""

import streamlit as st

st.set_page_config(page_title="newslens", page_icon="📰", layout="wide")

pages = [
    st.Page("pages/read.py", title="Read", icon="📰", default=True),
    st.Page("pages/library.py", title="Library", icon="📚"),
]
st.navigation(pages).run()
