"""The article at a glance, above the text: who is quoted most, who is portrayed most
negatively and most positively, the dated events in order. Each item is a button whose
callback (given by the page) selects it in its panel and scrolls the text to it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from components.quotes_panel import UNATTRIBUTED, speaker_groups
from components.util import md_escape, shorten
from newslens.charts import event_date, portrayal_rows
from newslens.events.display import action_text
from newslens.model import Analysis, EntityRef
from newslens.timewords import time_in_words

TOP_SPEAKERS = 3
TOP_ACTORS = 2
TOP_EVENTS = 4
LABEL_CHARACTERS = 48


@dataclass(frozen=True)
class GlanceItem:
    text: str  # plain text (escaped when drawn)
    target: str | int  # speaker group number, entity id or event index
    help: str


def top_speakers(analysis: Analysis) -> list[GlanceItem]:
    """The most quoted named speakers (group number in `speaker_groups` as target)."""
    items = []
    for number, group in enumerate(speaker_groups(analysis)):
        if group.name == UNATTRIBUTED or group.entity_id is None:
            continue  # a named speaker only: not "they" or "a spokesman"
        count = len(group.quote_indices)
        items.append(
            GlanceItem(
                f"{group.name} · {count}",
                number,
                f"{count} quote{'s' if count != 1 else ''} by {group.name}: light them",
            )
        )
    return items[:TOP_SPEAKERS]


def portrayed(analysis: Analysis, *, polarity: int) -> list[GlanceItem]:
    """Actors portrayed most negatively (polarity -1) or positively (+1), by net share."""
    rows = portrayal_rows(analysis)
    if polarity < 0:
        rows = sorted((r for r in rows if r.negative > r.positive), key=lambda r: (r.net, -r.total))
    else:
        rows = sorted(
            (r for r in rows if r.positive > r.negative), key=lambda r: (-r.net, -r.total)
        )
    word = "negative" if polarity < 0 else "positive"
    items = []
    for row in rows[:TOP_ACTORS]:
        count = row.negative if polarity < 0 else row.positive
        items.append(
            GlanceItem(
                f"{row.name} · {count} of {row.total}",
                row.entity_id,
                f"{count} of {row.total} scored mentions of {row.name} are {word}: show them",
            )
        )
    return items


def _name(analysis: Analysis, ref: EntityRef | None) -> str:
    if ref is None:
        return ""
    return analysis.name_of(ref.entity_id, ref.text)


def _short_date(value: str | None, day: dt.date) -> str:
    """ "16 May" for a day; a week, month or season in words ("week 20 of 2025")."""
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return f"{day.day} {day:%b}"
    return time_in_words(value)


def dated_events(analysis: Analysis) -> list[GlanceItem]:
    """One event per date (the first with an actor), in date order, the latest dates kept."""
    by_day: dict = {}
    for index, event in enumerate(analysis.events):
        day = event_date(event)
        if day is None or event.actor is None:
            continue
        by_day.setdefault(day, index)
    days = sorted(by_day)[-TOP_EVENTS:]
    items = []
    for day in days:
        event = analysis.events[by_day[day]]
        action = action_text(event)
        target = _name(analysis, event.target)
        what = f"{_name(analysis, event.actor)} {action}" + (f" → {target}" if target else "")

        when = time_in_words(event.date.value if event.date else None)
        items.append(
            GlanceItem(
                f"{_short_date(event.date.value if event.date else None, day)}: "
                f"{shorten(what, LABEL_CHARACTERS)}",
                by_day[day],
                f"{when}: {what} — show the sentence",
            )
        )
    return items


def _group(title: str, items: list[GlanceItem], on_pick: Callable, *, key: str, empty: str) -> None:
    """A label and its items, inline: the strip wraps them onto as few lines as fit."""
    with st.container(horizontal=True, gap="small", width="content", key=f"{key}-group"):
        st.markdown(f"**{title}:**" if items else f"**{title}:** _{empty}_", width="content")
        for number, item in enumerate(items):
            st.button(
                md_escape(item.text),
                key=f"{key}-{number}",
                on_click=on_pick,
                args=(item.target,),
                help=item.help,
                type="secondary",
            )


def render(
    analysis: Analysis,
    *,
    key: str,
    on_speaker: Callable[[int], None],
    on_actor: Callable[[str], None],
    on_event: Callable[[int], None],
) -> None:
    """The strip; each callback gets the item's target (see `GlanceItem.target`)."""
    with st.container(key=f"{key}-strip", border=True, horizontal=True, gap="medium"):
        _group(
            "Quoted most",
            top_speakers(analysis),
            on_speaker,
            key=f"{key}-speaker",
            empty="no attributed quotes",
        )
        _group(
            "Portrayed most negatively",
            portrayed(analysis, polarity=-1),
            on_actor,
            key=f"{key}-negative",
            empty="nobody",
        )
        _group(
            "Most positively",
            portrayed(analysis, polarity=1),
            on_actor,
            key=f"{key}-positive",
            empty="nobody",
        )
        _group(
            "Dated events",
            dated_events(analysis),
            on_event,
            key=f"{key}-event",
            empty="none",
        )
