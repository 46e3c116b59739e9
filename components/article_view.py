"""The article text with its highlights (HTML built and escaped by `newslens.render`)."""

from __future__ import annotations

import streamlit as st

from components.highlights import Highlights
from newslens.model import Analysis
from newslens.render import article_html


def render(analysis: Analysis, *, key: str, highlights: Highlights | None = None) -> None:
    options = (highlights or Highlights()).options()
    with st.container(key=f"{key}-article"):
        st.html(article_html(analysis, **options))
