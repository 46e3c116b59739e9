"""The publication date (DCT) of the article: shown, editable; a change re-resolves the dates
without re-parsing (`newslens.pipeline.reanchor`). Several copies of this widget (sidebar,
Events tab) stay in step because each re-syncs from `analysis.meta.published`.

A text field, not `st.date_input`: Streamlit's date field applies a typed date only when it
loses focus, while a text field applies it on Enter too. It takes 2016-10-08, 2016/10/08 or
"8 October 2016"; an empty field clears the date."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from newslens.ingest import words_date
from newslens.model import Analysis
from newslens.pipeline import reanchor

MIN_DATE = dt.date(1800, 1, 1)
MAX_DATE = dt.date(2200, 12, 31)


def parse_published(published: str | None) -> dt.date | None:
    """The date a user typed (or the analysis holds), or None when it is none or out of range."""
    if not published or not published.strip():
        return None
    iso = words_date(published.strip().replace("/", "-"))
    if iso is None:
        return None
    day = dt.date.fromisoformat(iso)
    return day if MIN_DATE <= day <= MAX_DATE else None


def _changed(analysis: Analysis, widget_key: str, synced_key: str, error_key: str) -> None:
    typed = (st.session_state.get(widget_key) or "").strip()
    day = parse_published(typed)
    if typed and day is None:
        st.session_state[error_key] = typed
        return
    st.session_state.pop(error_key, None)
    published = day.isoformat() if day else None
    if published != analysis.meta.published:
        reanchor(analysis, published)
    st.session_state[synced_key] = analysis.meta.published
    st.session_state[widget_key] = analysis.meta.published or ""


def render(analysis: Analysis, *, key: str, label: str = "Publication date") -> dt.date | None:
    widget_key, synced_key, error_key = f"{key}-date", f"{key}-synced", f"{key}-bad-date"
    if synced_key not in st.session_state or (
        st.session_state[synced_key] != analysis.meta.published
    ):
        st.session_state[widget_key] = analysis.meta.published or ""
        st.session_state[synced_key] = analysis.meta.published
        st.session_state.pop(error_key, None)
    st.text_input(
        label,
        key=widget_key,
        placeholder="YYYY-MM-DD",
        on_change=_changed,
        args=(analysis, widget_key, synced_key, error_key),
        help="Type the date and press Enter. Relative dates ('yesterday', 'last week') are "
        "resolved against it.",
    )
    if bad := st.session_state.get(error_key):
        st.error(f"“{bad[:40]}” is not a date: write it as YYYY-MM-DD, e.g. 2025-05-20.")
    return parse_published(analysis.meta.published)
