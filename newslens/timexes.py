"""Time expressions normalised against the publication date (placeholder)."""

from __future__ import annotations

from spacy.tokens import Doc

from newslens.model import Timex


def extract_timexes(doc: Doc, published: str | None) -> list[Timex]:
    return []


def resolve_timexes(timexes: list[Timex], published: str | None) -> list[Timex]:
    """Re-resolve values against another DCT without re-parsing."""
    return timexes
