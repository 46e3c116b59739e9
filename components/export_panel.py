"""Export panel (placeholder until the export issue lands)."""

import streamlit as st

from newslens.model import Analysis


def render(analysis: Analysis, *, key: str) -> None:
    st.info("Export is coming soon.")
