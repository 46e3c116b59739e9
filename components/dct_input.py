"""The publication date (DCT) of the article: shown, editable; a change re-resolves the dates
without re-parsing (`newslens.pipeline.reanchor`). Several copies of this widget (sidebar,
Events tab) stay in step because each re-syncs from `analysis.meta.published`."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from newslens.model import Analysis
from newslens.pipeline import reanchor

MIN_DATE = dt.date(1800, 1, 1)
MAX_DATE = dt.date(2200, 12, 31)


def parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _changed(analysis: Analysis, widget_key: str, synced_key: str) -> None:
    value = st.session_state.get(widget_key)
    published = value.isoformat() if isinstance(value, dt.date) else None
    if published != analysis.meta.published:
        reanchor(analysis, published)
    st.session_state[synced_key] = analysis.meta.published


def render(analysis: Analysis, *, key: str, label: str = "Publication date") -> dt.date | None:
    widget_key, synced_key = f"{key}-date", f"{key}-synced"
    if synced_key not in st.session_state or (
        st.session_state[synced_key] != analysis.meta.published
    ):
        st.session_state[widget_key] = parse_published(analysis.meta.published)
        st.session_state[synced_key] = analysis.meta.published
    return st.date_input(
        label,
        min_value=MIN_DATE,
        max_value=MAX_DATE,
        key=widget_key,
        format="YYYY-MM-DD",
        on_change=_changed,
        args=(analysis, widget_key, synced_key),
        help="Relative dates ('yesterday', 'last week') are resolved against this date.",
    )
