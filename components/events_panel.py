"""Events panel: who did what to whom, when; a timeline to click, a table sorted by date;
the publication date the dates are resolved against, editable."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components import dct_input
from components.highlights import Highlights
from components.util import clickable_chart, clicked_values, md_escape, selected_rows
from newslens.charts import event_date, timeline_figure
from newslens.events.display import (
    DEFAULT_MODALITIES,
    action_text,
    goldstein_text,
    modality_text,
)
from newslens.model import Analysis, EntityRef, Event
from newslens.timewords import time_in_words

UNDATED = "undated"


def _ref(ref: EntityRef | None) -> str:
    if ref is None:
        return ""
    # The words as written ("the Ukrainian land"), a resolved pronoun's entity name.
    return ref.text


def category(event: Event) -> str:
    return event.category


# Tag colours of the categories, by the sign of the Goldstein score (uncoded: grey).
TAG_COLOURS = {"cooperative": "#d6ecd2", "conflictual": "#f6d5d1", "neutral": "#e6e9ef"}
COLUMNS = ["When", "Who", "Did what", "To whom", "Category", "Mode"]
# What the table shows: one readable line per event fits a narrow panel without scrolling.
SHOWN = ["When", "Category", "Event"]
CATEGORY_HELP = (
    "Plain-language CAMEO category with its Goldstein score, from -10 (most conflictual) "
    "to +10 (most cooperative). 'other': an action without a CAMEO code and score."
)


def _tone(event: Event) -> str:
    if event.cameo is None or event.cameo.goldstein == 0:
        return "neutral"
    return "cooperative" if event.cameo.goldstein > 0 else "conflictual"


def _when(event: Event) -> str:
    if event.date is None:
        return UNDATED
    if event.date.inferred:
        return f"{time_in_words(event.date.value)} (published)" if event.date.value else UNDATED
    if event.date.value and event_date(event):
        return time_in_words(event.date.value)
    return event.date.text


def events_table(
    analysis: Analysis,
    *,
    actors: list[str] | None = None,
    categories: list[str] | None = None,
    all_modalities: bool = True,
) -> pd.DataFrame:
    """Events sorted by date (undated last, then in text order); index = event index.
    Without `all_modalities`, only asserted and reported events."""
    rows = []
    for index, event in enumerate(analysis.events):
        actor = _ref(event.actor)
        if actors and actor not in actors:
            continue
        if categories and category(event) not in categories:
            continue
        if not all_modalities and event.modality not in DEFAULT_MODALITIES:
            continue
        day = event_date(event)
        rows.append(
            {
                "index": index,
                "sort": (day is None, day or dt.date.min, event.start),
                "When": _when(event),
                "Who": actor,
                "Did what": action_text(event),
                "To whom": _ref(event.target),
                "Category": category(event),
                "Mode": modality_text(event),
                "tone": _tone(event),
                "Goldstein": goldstein_text(event),
            }
        )
        row = rows[-1]
        row["Event"] = event_line(row["Who"], row["Did what"], row["To whom"], row["Mode"])
        score = f" {event.cameo.goldstein:+g}" if event.cameo else ""
        row["Category"] = category(event)
        row["Tag"] = f"{category(event)}{score}"
    rows.sort(key=lambda r: r["sort"])
    frame = pd.DataFrame(rows, columns=["index", *COLUMNS, "Event", "Tag", "tone", "Goldstein"])
    return frame.set_index("index")


def event_line(who: str, did: str, whom: str, mode: str) -> str:
    """ "Russia · has still not agreed → a ceasefire (negated)"."""
    line = f"{who or '—'} · {did}"
    if whom:
        line += f" → {whom}"
    return f"{line} ({mode})" if mode else line


def _styled(table: pd.DataFrame) -> object:
    """The table as shown: when, the event in one line, the category as a coloured tag."""
    shown = table[["When", "Tag", "Event"]].rename(columns={"Tag": "Category"})  # pyright: ignore[reportCallIssue]
    tones = table["tone"]

    def colour(column: pd.Series) -> list[str]:
        return [f"background-color: {TAG_COLOURS[tones.iloc[i]]}" for i in range(len(column))]

    return shown.style.apply(colour, subset=["Category"])


def _details(event: Event) -> None:
    """The selected event in full (the table row may be cut at the panel's edge)."""
    parts = [
        f"**When** {md_escape(_when(event))}",
        f"**Who** {md_escape(_ref(event.actor) or '—')}",
        f"**Did what** {md_escape(action_text(event))}",
    ]
    if event.target is not None:
        parts.append(f"**To whom** {md_escape(_ref(event.target))}")
    if event.place is not None:
        parts.append(f"**Where** {md_escape(_ref(event.place))}")
    if modality_text(event):
        parts.append(f"**Mode** {md_escape(modality_text(event))}")
    parts.append(f"**Category** {md_escape(category(event))} — {md_escape(goldstein_text(event))}")
    st.markdown(" · ".join(parts))


def _evidence(event: Event) -> list[tuple[int, int]]:
    """Every sentence that mentions the event."""
    return [(m[0], m[1]) for m in event.mentions] or [(event.start, event.end)]


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
        selection = clickable_chart(timeline_figure(analysis), key=f"{key}-timeline")
        for index in selected_event_indices(selection):
            if 0 <= index < len(analysis.events):
                event = analysis.events[index]
                evidence.extend(_evidence(event))
        st.caption("Click a point to light the sentences it comes from.")
    else:
        st.caption("No event has a date to place on a timeline.")
    all_rows = events_table(analysis)
    col_actor, col_category = st.columns(2)
    actors = col_actor.multiselect(
        "Actor", sorted({a for a in all_rows["Who"] if a}), key=f"{key}-actors"
    )
    categories = col_category.multiselect(
        "Category", sorted(set(all_rows["Category"])), key=f"{key}-categories"
    )
    hidden = sum(e.modality not in DEFAULT_MODALITIES for e in analysis.events)
    # Off by default through session state (not `value=`): the page turns it on when it
    # selects an event that only shows with every modality.
    all_key = f"{key}-all-modalities"
    if all_key not in st.session_state:
        st.session_state[all_key] = False
    all_modalities = st.checkbox(
        f"Also show planned, possible, demanded and negated events ({hidden})", key=all_key
    )
    table = events_table(
        analysis, actors=actors, categories=categories, all_modalities=all_modalities
    )
    if table.empty:
        st.info("No event matches the filters.")
        return Highlights(show_timexes=show_timexes, evidence_spans=evidence)
    picked = st.dataframe(
        _styled(table),
        key=f"{key}-table",
        on_select="rerun",
        selection_mode="multi-row",
        hide_index=True,
        width="stretch",
        column_config={
            # Widths in proportion (the table stretches to the panel, 360-470 px): most of
            # it for the event, whose words a short date and a tag leave room for.
            "When": st.column_config.TextColumn(width=64),
            "Category": st.column_config.TextColumn(width=106, help=CATEGORY_HELP),
            "Event": st.column_config.TextColumn(
                width=250,
                help="Who · did what → to whom; in brackets when it is not stated as fact "
                "(reported by, planned, possible, demanded, negated).",
            ),
        },
    )
    for row in selected_rows(picked):
        if 0 <= row < len(table):
            event = analysis.events[int(table.index[row])]
            evidence.extend(_evidence(event))
            _details(event)
    st.caption("Click a row to light its sentences in the article and read it in full.")
    return Highlights(show_timexes=show_timexes, evidence_spans=evidence)
