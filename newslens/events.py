"""Who did what to whom, where and when (placeholder)."""

from __future__ import annotations

from spacy.tokens import Doc

from newslens.model import EntityCluster, EntityMention, Event, Quote, Timex


def extract_events(
    doc: Doc,
    entities: list[EntityMention],
    clusters: list[EntityCluster],
    timexes: list[Timex],
    quotes: list[Quote],
) -> list[Event]:
    return []


def redate_events(events: list[Event], timexes: list[Timex]) -> list[Event]:
    """Refresh each event's date value from the (re-resolved) timexes, without re-parsing."""
    return events
