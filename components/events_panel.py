"""Events panel: who did what to whom, when; a timeline to click, a table sorted by date;
the publication date the dates are resolved against, editable."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components import dct_input
from components.highlights import Highlights
from components.util import clicked_values, selected_rows, selection_of
from newslens.charts import event_date, timeline_figure
from newslens.model import Analysis, EntityRef, Event
from newslens.timewords import time_in_words

UNDATED = "undated"


def _ref(analysis: Analysis, ref: EntityRef | None) -> str:
    if ref is None:
        return ""
    cluster = analysis.cluster(ref.entity_id)
    return cluster.name if cluster else ref.text


def category(event: Event) -> str:
    return f"{event.cameo.code} {event.cameo.name}" if event.cameo else "unclassified"


def events_table(
    analysis: Analysis, *, actors: list[str] | None = None, categories: list[str] | None = None
) -> pd.DataFrame:
    """Events sorted by date (undated last, then in text order); index = event index."""
    rows = []
    for index, event in enumerate(analysis.events):
        actor = _ref(analysis, event.actor)
        if actors and actor not in actors:
            continue
        if categories and category(event) not in categories:
            continue
        day = event_date(event)
        rows.append(
            {
                "index": index,
                "sort": (day is None, day or dt.date.min, event.start),
                "Date": time_in_words(event.date.value) if event.date and day else UNDATED,
                "When": event.date.text if event.date else "",
                "Actor": actor,
                "Action": ("not " if event.negated else "") + (event.phrase or event.action),
                "Target": _ref(analysis, event.target),
                "Place": _ref(analysis, event.place),
                "Category": category(event),
                "Goldstein": event.cameo.goldstein if event.cameo else None,
            }
        )
    rows.sort(key=lambda r: r["sort"])
    columns = ["index", "Date", "When", "Actor", "Action", "Target", "Place", "Category"]
    frame = pd.DataFrame(rows, columns=[*columns, "Goldstein"])
    return frame.set_index("index")


def selected_event_indices(selection: object) -> list[int]:
    """Event indices of the clicked timeline points (their customdata)."""
    return [int(v) for v in clicked_values(selection) if v.lstrip("-").isdigit()]


def _dct_section(analysis: Analysis, *, key: str) -> None:
    if analysis.meta.published:
        st.caption("Dates are resolved against the publication date (DCT); change it here:")
    else:
        st.warning(
            "No publication date: relative dates ('yesterday', 'last week') stay unresolved. "
            "Set the date to resolve them."
        )
    dct_input.render(analysis, key=f"{key}-dct", label="Publication date (DCT)")


def _timexes(analysis: Analysis, *, key: str) -> bool:
    # On by default through session state (not `value=`), so the page may carry the state
    # over while the tab is closed without Streamlit warning about two defaults.
    show_key = f"{key}-show-timexes"
    if show_key not in st.session_state:
        st.session_state[show_key] = True
    show = st.checkbox("Highlight dates and times in the text", key=show_key)
    if analysis.timexes:
        with st.expander(f"Time expressions ({len(analysis.timexes)})"):
            frame = pd.DataFrame(
                [
                    {
                        "Text": t.text,
                        "Type": t.type.lower(),
                        "Means": time_in_words(t.value, kind=t.type),
                    }
                    for t in analysis.timexes
                ],
                columns=["Text", "Type", "Means"],
            )
            st.dataframe(frame, hide_index=True, width="stretch", key=f"{key}-timex-table")
    else:
        st.caption("No dates or times found in this article.")
    return show


def render(analysis: Analysis, *, key: str) -> Highlights:
    _dct_section(analysis, key=key)
    show_timexes = _timexes(analysis, key=key)
    if not analysis.events:
        st.info("No events found in this article.")
        return Highlights(show_timexes=show_timexes)
    evidence: list[tuple[int, int]] = []
    if any(event_date(e) for e in analysis.events):
        chart = st.plotly_chart(
            timeline_figure(analysis),
            key=f"{key}-timeline",
            on_select="rerun",
            selection_mode="points",
            width="stretch",
        )
        for index in selected_event_indices(selection_of(chart)):
            if 0 <= index < len(analysis.events):
                event = analysis.events[index]
                evidence.append((event.start, event.end))
        st.caption("Click a point to light the sentence it comes from.")
    else:
        st.caption("No event has a date to place on a timeline.")
    all_rows = events_table(analysis)
    col_actor, col_category = st.columns(2)
    actors = col_actor.multiselect(
        "Actor", sorted({a for a in all_rows["Actor"] if a}), key=f"{key}-actors"
    )
    categories = col_category.multiselect(
        "Category", sorted(set(all_rows["Category"])), key=f"{key}-categories"
    )
    table = events_table(analysis, actors=actors, categories=categories)
    if table.empty:
        st.info("No event matches the filters.")
        return Highlights(show_timexes=show_timexes, evidence_spans=evidence)
    picked = st.dataframe(
        table,
        key=f"{key}-table",
        on_select="rerun",
        selection_mode="multi-row",
        hide_index=True,
        width="stretch",
        column_config={"Goldstein": st.column_config.NumberColumn(format="%+.1f")},
    )
    for row in selected_rows(picked):
        if 0 <= row < len(table):
            event = analysis.events[int(table.index[row])]
            evidence.append((event.start, event.end))
    return Highlights(show_timexes=show_timexes, evidence_spans=evidence)
