"""Read page: bring an article in (sidebar), read it with highlights (left) and explore it in
the Entities, Quotes, Stance, Events and Export tabs (right)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import streamlit as st

from components import (
    article_input,
    article_view,
    dct_input,
    entities_panel,
    events_panel,
    export_panel,
    quotes_panel,
    stance_panel,
)
from components.highlights import Highlights
from components.util import md_escape, shorten
from newslens.model import Analysis, Meta

KEY = "read"
ANALYSES, GENERATION = f"{KEY}-analyses", f"{KEY}-generation"
# The selected tab (stateful tabs), so a link in one panel can open another.
TABS = f"{KEY}-tabs"
# The analysis on screen, shared with other pages: the Library page puts the one it reopens
# here and switches to this page.
SHARED = "nl_analysis"


def _store(new: list[tuple[str, Analysis]]) -> None:
    st.session_state[ANALYSES] = new
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def _adopt_shared() -> None:
    """Show an analysis another page put under SHARED (e.g. reopened from the library)."""
    shared = st.session_state.get(SHARED)
    analyses: list[tuple[str, Analysis]] = st.session_state.get(ANALYSES) or []
    if isinstance(shared, Analysis) and all(a is not shared for _, a in analyses):
        _store([(shared.meta.title or shared.id, shared)])


def _current() -> tuple[Analysis, str] | None:
    """The analysis on screen and the key prefix of its widgets (new analysis: new widgets)."""
    analyses: list[tuple[str, Analysis]] = st.session_state.get(ANALYSES) or []
    if not analyses:
        return None
    generation = st.session_state.get(GENERATION, 0)
    index = 0
    if len(analyses) > 1:
        index = st.selectbox(
            f"Show article ({len(analyses)} analysed)",
            range(len(analyses)),
            format_func=lambda i: analyses[i][0],
            key=f"{KEY}-pick-{generation}",
        )
    return analyses[index][1], f"{KEY}-{generation}-{index}"


# Where the publication date came from, as the header says it (Meta.published_source).
DATE_SOURCES = {
    "text": "from the article's text",
    "html": "from the page's metadata",
    "file": "from the file's creation time (check it)",
    "user": "as you set it",
}


def _published(meta: Meta) -> str:
    if not meta.published:
        return "publication date unknown"
    where = DATE_SOURCES.get(meta.published_source or "")
    return f"published {meta.published}" + (f" · {where}" if where else "")


def _header(analysis: Analysis) -> None:
    meta = analysis.meta
    first_line = next((line for line in analysis.text.splitlines() if line.strip()), "")
    st.subheader(md_escape(meta.title or shorten(first_line, 60) or analysis.id))
    facts = [
        f"source: {md_escape(meta.source)}" if meta.source else None,
        f"by {md_escape(meta.byline)}" if meta.byline else None,
        _published(meta),
        f"{len(analysis.entity_clusters)} entities · {len(analysis.quotes)} quotes · "
        f"{len(analysis.events)} events · {len(analysis.timexes)} dates",
    ]
    st.caption(" · ".join(f for f in facts if f))
    for warning in analysis.warnings:
        st.warning(md_escape(warning))


def _guarded(
    name: str, render: Callable[..., Any], analysis: Analysis, key: str, **options: Any
) -> Highlights:
    """Draw one panel; a bug in it shows one line in its tab instead of stopping the page."""
    try:
        highlights = render(analysis, key=key, **options)
    except Exception as exc:
        st.error(f"The {name} panel could not be drawn ({type(exc).__name__}).")
        return Highlights()
    return highlights if isinstance(highlights, Highlights) else Highlights()


def _show_in_entities(analysis: Analysis, entity_id: str, *, key: str) -> None:
    """Widget callback: select an entity in the Entities panel and open its tab."""
    entities_panel.select_entity(analysis, entity_id, key=key)
    st.session_state[TABS] = "Entities"


def _welcome() -> None:
    st.info(
        "Paste an article, upload files (.txt, .md, .html, .pdf, .docx) or try a sample in "
        "the sidebar, then press **Analyze**. The text comes back with its people, places and "
        "organisations highlighted, its quotes and who said them, the stance toward each "
        "actor and a timeline of events."
    )


st.title("newslens")
messages = st.container()
with st.sidebar:
    st.header("Article")
    new = article_input.render(key=f"{KEY}-input", messages=messages)
    if new:
        _store(new)
    else:
        _adopt_shared()
    current = _current()
    if current is not None:
        st.session_state[SHARED] = current[0]
        dct_input.render(current[0], key=f"{current[1]}-dct-sidebar")

if current is None:
    _welcome()
else:
    analysis, key = current
    _header(analysis)
    text_column, panel_column = st.columns([3, 2], gap="large")
    with panel_column:
        # Every tab is drawn on each run (the text shows the highlights of all of them);
        # tracking the selected tab lets "Show in Entities" switch to it.
        tab_entities, tab_quotes, tab_stance, tab_events, tab_export = st.tabs(
            ["Entities", "Quotes", "Stance", "Events", "Export"], key=TABS, on_change="rerun"
        )
        with tab_entities:
            highlights = _guarded("Entities", entities_panel.render, analysis, f"{key}-entities")
        with tab_quotes:
            link = functools.partial(_show_in_entities, analysis, key=f"{key}-entities")
            highlights = highlights.merge(
                _guarded("Quotes", quotes_panel.render, analysis, f"{key}-quotes", on_speaker=link)
            )
        with tab_stance:
            highlights = highlights.merge(
                _guarded("Stance", stance_panel.render, analysis, f"{key}-stance")
            )
        with tab_events:
            highlights = highlights.merge(
                _guarded("Events", events_panel.render, analysis, f"{key}-events")
            )
        with tab_export:
            _guarded("Export", export_panel.render, analysis, f"{key}-export")
    with text_column:
        try:
            article_view.render(analysis, key=f"{key}-view", highlights=highlights)
        except Exception as exc:  # never lose the text: fall back to it without highlights
            st.error(f"The highlights could not be drawn ({type(exc).__name__}).")
            st.text(analysis.text)
