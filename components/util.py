"""Small helpers shared by the panels."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import streamlit as st
from spacy.language import Language

from newslens.nlp import load_nlp

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")
# Streamlit's markdown (remark-gfm) finds links in the text *after* escapes are undone, so
# "https://…", "www.…" and "name@host" (with or without "mailto:") became live links however
# escaped. A word joiner (U+2060, invisible) inside each trigger stops that.
_AUTOLINK_TRIGGER = re.compile(r"(?<=:)(?=//)|(?<=[wW]{3})(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def md_escape(text: str) -> str:
    """Untrusted text made literal inside Streamlit markdown (labels, st.markdown, captions,
    alerts): one line, every markdown character escaped, and no autolink."""
    text = _AUTOLINK_TRIGGER.sub(WORD_JOINER, " ".join(str(text).split()))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def shorten(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@st.cache_resource(show_spinner="Loading the language model (first time only)…")
def spacy_pipeline() -> Language:
    """The spaCy pipeline, loaded once per server process."""
    return load_nlp()


def selection_of(event: object) -> dict:
    """The `selection` of an `st.plotly_chart`/`st.dataframe` event, whether Streamlit returns
    its state object or the plain dict that was put in session state."""
    selection = event.get("selection") if isinstance(event, dict) else None
    if selection is None:
        selection = getattr(event, "selection", None)
    return selection if isinstance(selection, dict) else {}


def clickable_chart(fig: go.Figure, *, key: str) -> dict:
    """`fig` drawn full width with its points clickable (a click reruns the page); the
    selection of the clicked points (read it with `clicked_values`)."""
    event = st.plotly_chart(
        fig,
        key=key,
        on_select="rerun",
        selection_mode="points",
        width="stretch",
    )
    return selection_of(event)


def selected_rows(event: object) -> list[int]:
    rows = selection_of(event).get("rows") or []
    return [r for r in rows if isinstance(r, int)]


def clicked_values(selection: object) -> list[str]:
    """The customdata of the clicked points of an `st.plotly_chart` selection, as strings."""
    if isinstance(selection, dict):
        points = selection.get("points") or []
    else:
        points = getattr(selection, "points", None) or []
    values = []
    for point in points:
        data = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(data, list):
            data = data[0] if data else None
        if data is not None:
            values.append(str(data))
    return values
