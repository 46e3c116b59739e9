"""Read page: bring an article in (the "Article" box at the top), see it at a glance (a strip
of who is quoted most, who is portrayed how, the dated events), read it with highlights (left)
and explore it in the Entities, Quotes, Stance, Events and Export tabs (right).

Speed: the reading area (text and panels) is one fragment, so a click reruns it and not the
page; only the open tab is drawn (the others keep the highlights they last returned). Side by
side: the text scrolls in its own frame and the panels in their own column (CSS below), so
both stay in view; choosing something in a panel scrolls the text to it, clicking a mention
selects it."""

from __future__ import annotations

import contextlib
import functools
import re
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
    summary_strip,
)
from components.focus import (
    Focus,
    entity_focus,
    evidence_focus,
    newly_lit,
    quotes_focus,
    stance_focus,
    still_lit,
)
from components.highlights import Highlights
from components.session import ANALYSIS_KEY
from components.util import md_escape, shorten
from newslens.model import Analysis, Meta
from newslens.timewords import time_in_words

KEY = "read"
ANALYSES, GENERATION = f"{KEY}-analyses", f"{KEY}-generation"
# The selected tab (stateful tabs), so a link in one panel can open another.
TABS = f"{KEY}-tabs"
TAB_NAMES = ["Entities", "Quotes", "Stance", "Events", "Export"]
# Whether the "Article" input box is open (closed after Analyze, so the result is in view).
INPUT_OPEN = f"{KEY}-input-open"
# The analysis on screen, shared with other pages: the Library page puts the one it reopens
# here and switches to this page.
SHARED = ANALYSIS_KEY
# What the text scrolls to; its token changes whenever a new focus is chosen.
FOCUS, FOCUS_TOKEN, FOCUS_CHOSEN = f"{KEY}-focus", f"{KEY}-focus-token", f"{KEY}-focus-chosen"
# The highlights of the previous run (what is newly lit is the new focus).
LIT_BEFORE = f"{KEY}-lit-before"
# Panel widgets whose state must outlive a run in which their tab is closed (not drawn).
KEPT_WIDGETS = re.compile(
    r"-(entities-labels|entities-table-.*|quotes-filter|quotes-kinds|quotes-speaker-\d+|"
    r"quotes-quote-\d+|stance-actor|events-show-timexes|events-actors|events-categories|"
    r"events-table)$"
)

PAGE_CSS = """<style>
/* Side by side on a wide screen: the text scrolls in its frame, the panels in their column;
   both fit the window, so choosing in one keeps the other in view. */
.st-key-read-text iframe{height:calc(100vh - 8rem) !important;min-height:420px;
  scroll-margin-top:4.2rem;}
.st-key-read-panels{position:sticky;top:4.5rem;max-height:calc(100vh - 8rem);
  overflow-y:auto;overflow-x:hidden;padding-right:.35rem;}
[data-testid="stMainBlockContainer"]{padding-bottom:1.5rem;}
/* The at-a-glance strip: compact chips that wrap. */
.st-key-read-glance-strip{padding:.45rem .7rem !important;gap:.35rem 1.2rem !important;}
.st-key-read-glance-strip button{min-height:1.7rem;padding:.05rem .55rem;}
.st-key-read-glance-strip button p, .st-key-read-glance-strip [data-testid="stMarkdown"] p{
  font-size:.85rem;}
.st-key-read-glance-strip [data-testid="stMarkdown"]{align-self:center;}
/* Phone: the panels come first in a box of their own, the text below in its frame. */
@media (max-width: 640px){
  [data-testid="stColumn"]:has(.st-key-read-panels){order:-1;}
  .st-key-read-panels{position:static;max-height:62vh;}
  .st-key-read-text iframe{height:78vh !important;}
}
</style>"""

PANELS: dict[str, Callable[..., Any]] = {
    "Entities": entities_panel.render,
    "Quotes": quotes_panel.render,
    "Stance": stance_panel.render,
    "Events": events_panel.render,
    "Export": export_panel.render,
}


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


# --- choosing: widget callbacks that select something in a panel, open its tab and set the
# --- focus of the text (they run before the fragment reruns)


def _choose(focus: Focus | None, tab: str | None = None) -> None:
    if tab:
        st.session_state[TABS] = tab
    st.session_state[FOCUS] = focus
    st.session_state[FOCUS_TOKEN] = st.session_state.get(FOCUS_TOKEN, 0) + 1
    st.session_state[FOCUS_CHOSEN] = True


def _show_in_entities(analysis: Analysis, entity_id: str, *, key: str) -> None:
    """Select an entity in the Entities panel, open its tab, scroll the text to it."""
    entities_panel.select_entity(analysis, entity_id, key=f"{key}-entities")
    _choose(entity_focus(analysis, entity_id), "Entities")


def _light_quotes(key: str, *, group: int | None, quote: int | None) -> None:
    """Tick a speaker's "Light all" (group) or one quote, clearing the filters that could
    hide it, and open the Quotes tab."""
    st.session_state[f"{key}-quotes-filter"] = ""
    st.session_state[f"{key}-quotes-kinds"] = []
    if group is not None:
        st.session_state[f"{key}-quotes-speaker-{group}"] = True
    if quote is not None:
        st.session_state[f"{key}-quotes-quote-{quote}"] = True
    st.session_state[TABS] = "Quotes"


def _pick_speaker(analysis: Analysis, key: str, group: int) -> None:
    groups = quotes_panel.speaker_groups(analysis)
    if not 0 <= group < len(groups):
        return
    _light_quotes(key, group=group, quote=None)
    _choose(quotes_focus(analysis, set(groups[group].quote_indices)), "Quotes")


def _pick_actor(analysis: Analysis, key: str, entity_id: str) -> None:
    st.session_state[f"{key}-stance-actor"] = entity_id
    _choose(stance_focus(analysis, entity_id), "Stance")


def _select_events(analysis: Analysis, key: str, indices: list[int]) -> None:
    """Select events in the Events table (filters cleared) and open the Events tab."""
    st.session_state[f"{key}-events-actors"] = []
    st.session_state[f"{key}-events-categories"] = []
    # The chosen event may be planned or possible: show every modality so its row is there.
    st.session_state[f"{key}-events-all-modalities"] = True
    table = events_panel.events_table(analysis)
    rows = [table.index.get_loc(i) for i in indices if i in table.index]
    st.session_state[f"{key}-events-table"] = {"selection": {"rows": rows, "columns": []}}
    st.session_state[TABS] = "Events"


def _pick_event(analysis: Analysis, key: str, index: int) -> None:
    if not 0 <= index < len(analysis.events):
        return
    event = analysis.events[index]
    _select_events(analysis, key, [index])
    _choose(evidence_focus([(event.start, event.end)], label="event"), "Events")


def _on_text_click(analysis: Analysis, key: str) -> None:
    """A mention clicked in the text: select it in its panel (no scrolling: it is in view)."""
    click = st.session_state.get(article_view.frame_key(f"{key}-view"))
    if not isinstance(click, dict):
        return
    kind, ident = click.get("kind"), str(click.get("id", ""))
    if kind == "entity" and analysis.cluster(ident):
        entities_panel.select_entity(analysis, ident, key=f"{key}-entities")
        nth = click.get("nth") if isinstance(click.get("nth"), int) else 0
        _choose(entity_focus(analysis, ident, index=nth, scroll=False), "Entities")
    elif kind == "quote" and ident.isdigit() and int(ident) < len(analysis.quotes):
        _light_quotes(key, group=None, quote=int(ident))
        _choose(quotes_focus(analysis, {int(ident)}, scroll=False), "Quotes")
    elif kind == "timex" and ident.isdigit() and int(ident) < len(analysis.timexes):
        timex = analysis.timexes[int(ident)]
        dated = [
            i
            for i, e in enumerate(analysis.events)
            if e.date and (e.date.start, e.date.end) == (timex.start, timex.end)
        ]
        if dated:
            _select_events(analysis, key, dated)
        words = time_in_words(timex.value, kind=timex.type)
        focus = Focus(words, ((timex.start, timex.end),), ("timex", ident), 0, False)
        _choose(focus, "Events" if dated else None)


def _focus_now(analysis: Analysis, highlights: Highlights) -> Focus | None:
    """The focus of this run: chosen by a callback, else what is newly lit, else the last
    one while it is still lit."""
    focus = st.session_state.get(FOCUS)
    if not st.session_state.pop(FOCUS_CHOSEN, False):
        new = newly_lit(analysis, highlights, st.session_state.get(LIT_BEFORE))
        if new is not None:
            focus = new
            st.session_state[FOCUS_TOKEN] = st.session_state.get(FOCUS_TOKEN, 0) + 1
        elif focus is not None and not still_lit(focus, highlights):
            focus = None
    st.session_state[FOCUS] = focus
    st.session_state[LIT_BEFORE] = highlights
    return focus


def _keep_closed_tab_state(key: str) -> None:
    """Widgets of a closed tab are not drawn; re-assigning their values keeps them (and what
    they light) for when the tab is opened again."""
    prefix = f"{key}-"
    for name in list(st.session_state.keys()):
        if isinstance(name, str) and name.startswith(prefix) and KEPT_WIDGETS.search(name):
            # A widget whose state cannot be set starts afresh.
            with contextlib.suppress(Exception):
                st.session_state[name] = st.session_state[name]


def _panels(analysis: Analysis, key: str) -> Highlights:
    """The tabs; only the open one is drawn, the others give the highlights they last gave."""
    highlights = Highlights()
    tabs = st.tabs(TAB_NAMES, key=TABS, on_change="rerun")
    options: dict[str, dict[str, Any]] = {
        "Quotes": {"on_speaker": functools.partial(_show_in_entities, analysis, key=key)}
    }
    for name, tab in zip(TAB_NAMES, tabs, strict=True):
        stored = f"{key}-lit-{name}"
        with tab:
            if tab.open is not False:
                panel_key = f"{key}-{name.lower()}"
                lit = _guarded(name, PANELS[name], analysis, panel_key, **options.get(name, {}))
                st.session_state[stored] = lit
            highlights = highlights.merge(st.session_state.get(stored) or Highlights())
    return highlights


@st.fragment
def _reader(analysis: Analysis, key: str) -> None:
    """The summary strip, the text and the panels: a click in here reruns only this."""
    _keep_closed_tab_state(key)
    summary_strip.render(
        analysis,
        key=f"{KEY}-glance",
        on_speaker=functools.partial(_pick_speaker, analysis, key),
        on_actor=functools.partial(_pick_actor, analysis, key),
        on_event=functools.partial(_pick_event, analysis, key),
    )
    text_column, panel_column = st.columns([3, 2], gap="medium")
    with panel_column, st.container(key=f"{KEY}-panels"):
        highlights = _panels(analysis, key)
    focus = _focus_now(analysis, highlights)
    with text_column, st.container(key=f"{KEY}-text"):
        try:
            article_view.render(
                analysis,
                key=f"{key}-view",
                highlights=highlights,
                focus=focus,
                focus_token=st.session_state.get(FOCUS_TOKEN, 0),
                on_click=functools.partial(_on_text_click, analysis, key),
            )
        except Exception as exc:  # never lose the text: fall back to it without highlights
            st.error(f"The highlights could not be drawn ({type(exc).__name__}).")
            st.text(analysis.text)


def _welcome() -> None:
    st.info(
        "Paste an article, upload files (.txt, .md, .html, .pdf, .docx) or try a sample in "
        "the **Article** box above, then press **Analyze**. The text comes back with its "
        "people, places and organisations highlighted, its quotes and who said them, the "
        "stance toward each actor and a timeline of events."
    )


def _close_input() -> None:
    st.session_state[INPUT_OPEN] = False


st.html(PAGE_CSS)
messages = st.container()
has_analysis = bool(st.session_state.get(ANALYSES)) or isinstance(
    st.session_state.get(SHARED), Analysis
)
title_slot = st.empty()
# Open until there is an analysis, through session state: `expanded=` is part of the
# expander's identity, so a value that changes with the page would make a new expander that
# forgets a reader's click (the box closed again at once).
if INPUT_OPEN not in st.session_state:
    st.session_state[INPUT_OPEN] = not has_analysis
input_box = st.expander(
    "Article: paste, upload or try a sample",
    key=INPUT_OPEN,
    on_change="rerun",
    icon=":material/edit_note:",
)
with input_box:
    new = article_input.render(key=f"{KEY}-input", messages=messages, on_analyze=_close_input)
if new:
    _store(new)
else:
    _adopt_shared()
current = _current()
if current is not None:
    st.session_state[SHARED] = current[0]
    with input_box:
        dct_input.render(current[0], key=f"{current[1]}-dct-sidebar")

if current is None:
    title_slot.title("newslens")
    _welcome()
else:
    analysis, key = current
    _header(analysis)
    _reader(analysis, key)
