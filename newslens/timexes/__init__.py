"""Time expressions (TIMEX3) found in an article and normalised against its publication date.

Two steps, so that a new publication date (DCT) never needs a re-parse:

* `extract_timexes` finds the expressions (rules over the text, spaCy's DATE/TIME entities as
  a fallback for what the rules do not know) and parses each into DCT-independent *fields*
  stored in `Timex.anchor` together with the tense cue of the governing verb;
* `resolve_timexes` turns those fields into TIMEX3 values against a DCT.

Conventions follow TimeML/TIMEX3 as annotated in MEANTIME and TempEval-3: values such as
`2025-05-16`, `2025-W20`, `2025-Q3`, `199` (the 1990s), `P2W`, `PT2H`, `PRESENT_REF`;
`two weeks ago` is the date it points to (`2025-W19`), at the granularity of its unit, and
"a year ago" in a story about a quarter is that quarter a year back. A duration moved by
"before"/"from now" keeps the date it points to in `anchor["date"]`. An expression that
cannot be resolved keeps its span with `value=None`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newslens.model import Timex
from newslens.timexes.detect import find_candidates
from newslens.timexes.resolve import resolve_all


def extract_timexes(doc: Doc, published: str | None) -> list[Timex]:
    """Time expressions of the doc, normalised against `published` (YYYY-MM-DD or None)."""
    text = doc.text
    timexes = []
    for m, tense, sent in find_candidates(doc, text):
        anchor = {"kind": m.kind, "fields": m.fields, "tense": tense, "sent": sent}
        timexes.append(Timex(m.start, m.end, text[m.start : m.end], m.type, None, anchor))
    return resolve_timexes(timexes, published)


def resolve_timexes(timexes: list[Timex], published: str | None) -> list[Timex]:
    """Re-resolve values against another DCT without re-parsing (uses `Timex.anchor`)."""
    return resolve_all(timexes, published)
