"""How an event reads: the one wording of its action for the table, the timeline, the CSV
and the report."""

from __future__ import annotations

import re

from newslens.model import Event

_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't", re.IGNORECASE)
# Modalities a reader sees by default; the others sit behind a filter.
DEFAULT_MODALITIES = frozenset({"asserted", "reported"})


def action_text(event: Event) -> str:
    """The predicate as written ("has still not agreed", "threatened tough new
    sanctions"), with "not" only when the negation is not written already."""
    action = event.phrase or event.action
    if event.negated and not _NEGATION.search(action):
        action = f"not {action}"
    return action


def modality_text(event: Event) -> str:
    """ "reported by Lavrov", "planned", "" for a plain statement of fact."""
    if event.modality == "asserted":
        return ""
    if event.source is not None and event.modality == "reported":
        return f"reported by {event.source.text}"
    return event.modality


def goldstein_text(event: Event) -> str:
    """The Goldstein score explained, for hovers: "Goldstein −4.4 (−10 most conflictual,
    +10 most cooperative)"; empty for uncoded events."""
    if event.cameo is None:
        return "no CAMEO code, no Goldstein score"
    return (
        f"CAMEO {event.cameo.code} {event.cameo.name}; Goldstein {event.cameo.goldstein:+g} "
        "(−10 most conflictual, +10 most cooperative)"
    )
