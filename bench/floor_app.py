"""The least a Streamlit click can cost here: one checkbox in a fragment and the text it
changes. `bench/browser_speed.py` clicks it in the same run as the Read page, so the Read
page's times can be read against what this machine and this Streamlit allow at the moment."""

import streamlit as st


@st.fragment
def _floor() -> None:
    ticked = st.checkbox("tick", key="floor-tick")
    st.markdown(f"state: {'on' if ticked else 'off'}")


_floor()
