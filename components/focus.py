"""What the article text scrolls to: the spans of the last thing a reader chose (an entity, a
quote, an actor's stance, the sentences of events), found as what a run lit that the run
before did not. The text shows "mention 1 of N" and steps through the spans itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from components.highlights import Highlights
from newslens.model import Analysis
from newslens.render import quote_pieces


@dataclass(frozen=True)
class Focus:
    label: str
    spans: tuple[tuple[int, int], ...]
    # What lit it, to drop the focus once it is no longer lit:
    # ("entity", id) | ("quotes", indices) | ("stance", id) | ("evidence", spans)
    source: tuple = field(default=())
    index: int = 0  # the span shown first
    scroll: bool = True  # False when the reader clicked the text itself (no jump)
    unit: str = "mention"  # what one span is, for "mention 2 of 5" / "quote 1 of 3"

    def args(self, token: int) -> dict:
        """The `focus` argument of the article frame."""
        return {
            "label": self.label,
            "count": len(self.spans),
            "index": self.index,
            "scroll": self.scroll,
            "token": token,
            "unit": self.unit,
        }


def entity_focus(
    analysis: Analysis, entity_id: str, *, index: int = 0, scroll: bool = True
) -> Focus | None:
    spans = sorted((m.start, m.end) for m in analysis.entities if m.entity_id == entity_id)
    if not spans:
        return None
    name = analysis.name_of(entity_id, analysis.text[spans[0][0] : spans[0][1]])
    index = min(max(index, 0), len(spans) - 1)
    return Focus(name, tuple(spans), ("entity", entity_id), index, scroll)


def quotes_focus(analysis: Analysis, indices: set[int], *, scroll: bool = True) -> Focus | None:
    valid = sorted(i for i in indices if 0 <= i < len(analysis.quotes))
    if not valid:
        return None
    spans = tuple(sorted(quote_pieces(analysis.quotes[i])[0] for i in valid))
    if len(valid) == 1:
        quote = analysis.quotes[valid[0]]
        who = (quote.speaker.name or quote.speaker.text) if quote.speaker else None
        label = f"quote by {who}" if who else "quote"
    else:
        label = f"{len(valid)} quotes"
    return Focus(label, spans, ("quotes", tuple(valid)), 0, scroll, unit="quote")


def stance_focus(analysis: Analysis, entity_id: str) -> Focus | None:
    for entity_stance in analysis.stance:
        if entity_stance.entity_id == entity_id and entity_stance.mentions:
            spans = tuple(sorted((m.start, m.end) for m in entity_stance.mentions))
            return Focus(f"{entity_stance.name} (stance)", spans, ("stance", entity_id))
    return None


def evidence_focus(spans: list[tuple[int, int]], *, label: str | None = None) -> Focus | None:
    unique = tuple(sorted(set(spans)))
    if not unique:
        return None
    words = label or (f"{len(unique)} sentences" if len(unique) > 1 else "sentence")
    return Focus(words, unique, ("evidence", unique), unit="sentence")


def newly_lit(analysis: Analysis, now: Highlights, before: Highlights | None) -> Focus | None:
    """The focus for what `now` lights that `before` did not (None: nothing new)."""
    before = before or Highlights()
    for entity_id in sorted(now.lit_entity_ids - before.lit_entity_ids):
        focus = entity_focus(analysis, entity_id)
        if focus:
            return focus
    new_quotes = now.lit_quotes - before.lit_quotes
    if new_quotes:
        focus = quotes_focus(analysis, new_quotes)
        if focus:
            return focus
    if now.stance_entity_id and now.stance_entity_id != before.stance_entity_id:
        focus = stance_focus(analysis, now.stance_entity_id)
        if focus:
            return focus
    new_evidence = [s for s in now.evidence_spans if s not in set(before.evidence_spans)]
    return evidence_focus(new_evidence)


def still_lit(focus: Focus, now: Highlights) -> bool:
    """Whether what the focus points at is still lit (else the step bar goes away)."""
    kind, value = (focus.source + (None, None))[:2]
    if kind == "entity":
        return value in now.lit_entity_ids
    if kind == "quotes":
        return set(value) <= now.lit_quotes  # pyright: ignore[reportArgumentType]
    if kind == "stance":
        return value == now.stance_entity_id
    if kind == "evidence":
        return set(value) <= set(now.evidence_spans)  # pyright: ignore[reportArgumentType]
    return True
