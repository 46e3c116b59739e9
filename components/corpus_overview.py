"""Corpus overview: which corpus (a folder, or the saved library exported into a temporary
corpus), the filters every view obeys (date range, outlets, an actor), headline counts and
articles per outlet per week."""

from __future__ import annotations

import datetime as dt
import html
import tempfile
from pathlib import Path
from typing import cast

import plotly.express as px
import streamlit as st

from components.corpus_common import ask, default_corpus, downloads, open_corpus
from newslens.corpus.explore import Explorer, Filters
from newslens.corpus.queries import QueryError

FOLDER, LIBRARY = "Corpus folder", "Saved library"
ANY_ACTOR = ""


@st.cache_resource(max_entries=2, show_spinner="Exporting the library into a corpus…")
def _library_corpus(path: str, mtime_ns: int) -> str:  # noqa: ARG001 - the cache key
    """The saved library as a corpus folder (no re-analysis: its saved analyses become rows)."""
    from newslens.corpus.build import build

    folder = Path(tempfile.mkdtemp(prefix="newslens-library-corpus-"))
    build([], folder, from_library=True, library=path)
    return str(folder)


def _library_explorer() -> Explorer | None:
    from newslens.library import Library, LibraryError

    try:
        library = Library()
        entries = library.list()
    except LibraryError as exc:
        st.error(f"The library cannot be opened: {exc}")
        return None
    if not entries:
        st.info("The library is empty: save analyses from the Read page first.")
        return None
    path = Path(library.path)
    folder = _library_corpus(str(path), path.stat().st_mtime_ns)
    try:
        return open_corpus(folder)
    except QueryError as exc:
        st.error(str(exc))
        return None


def choose_corpus(*, key: str) -> Explorer | None:
    """The corpus the page shows, or None (with a message saying why)."""
    source = st.segmented_control("Source", [FOLDER, LIBRARY], default=FOLDER, key=f"{key}-source")
    if source == LIBRARY:
        return _library_explorer()
    path = st.text_input(
        "Corpus folder",
        value=default_corpus(),
        key=f"{key}-folder",
        placeholder="/path/to/corpus",
        help="A folder made by `python -m newslens corpus build … --corpus DIR` "
        "(or set NEWSLENS_CORPUS=DIR before starting the app).",
    ).strip()
    if not path:
        st.info(
            "Give a corpus folder built with `python -m newslens corpus build SOURCES --corpus "
            "DIR`, or choose the saved library."
        )
        return None
    try:
        return open_corpus(path)
    except QueryError as exc:
        st.error(str(exc))
        return None


def _day(value: object) -> dt.date | None:
    if value is None:
        return None
    try:
        if isinstance(value, dt.datetime):  # a Timestamp (NaT too)
            return value.date()
        return cast(dt.date, value)  # a date already
    except (TypeError, ValueError):
        return None


def filters(x: Explorer, *, key: str) -> Filters:
    """The filters row; returns what it selects."""
    first, last = (_day(d) for d in ask(x, "date_range"))
    cols = st.columns([2, 2, 2])
    start = end = None
    if first and last and first == first:  # NaT compares unequal to itself
        chosen = cols[0].date_input(
            "Published between",
            value=(first, last),
            min_value=first,
            max_value=last,
            key=f"{key}-dates",
        )
        if isinstance(chosen, tuple | list) and len(chosen) == 2:
            start, end = chosen[0].isoformat(), chosen[1].isoformat()
    outlets = cols[1].multiselect(
        "Outlets", ask(x, "outlets"), key=f"{key}-outlets", placeholder="All outlets"
    )
    actors = ask(x, "actors", Filters(), top=200)
    names = dict(zip(actors["actor"], actors["name"], strict=True))
    actor = cols[2].selectbox(
        "Articles naming",
        [ANY_ACTOR, *actors["actor"]],
        format_func=lambda a: "Any actor" if a == ANY_ACTOR else names.get(a, a),
        key=f"{key}-actor",
    )
    return Filters(start=start, end=end, outlets=tuple(outlets), actor=actor or None)


def render(x: Explorer, f: Filters, *, key: str) -> None:
    counts = ask(x, "headline_counts", f)
    cols = st.columns(6)
    for col, (label, name) in zip(
        cols,
        [
            ("Articles", "articles"),
            ("Outlets", "outlets"),
            ("Quotes", "quotes"),
            ("Speakers", "speakers"),
            ("Actors", "actors"),
            ("Events", "events"),
        ],
        strict=True,
    ):
        col.metric(label, f"{counts[name]:,}")
    weekly = ask(x, "articles_per_week", f)
    if weekly.empty:
        st.info("No dated articles match the filters.")
        return
    shown = weekly.assign(outlet=weekly["outlet"].map(lambda o: html.escape(o, quote=False)))
    fig = px.bar(
        shown,
        x="week",
        y="articles",
        color="outlet",
        title="Articles per outlet per week",
        labels={"week": "Week (Monday)", "articles": "Articles", "outlet": "Outlet"},
    )
    fig.update_layout(height=320, margin={"l": 10, "r": 10, "t": 50, "b": 40}, bargap=0.1)
    st.plotly_chart(fig, key=f"{key}-weekly", width="stretch")
    downloads(key=f"{key}-weekly-dl", name="articles per outlet per week", frame=weekly, fig=fig)
