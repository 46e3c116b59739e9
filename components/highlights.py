"""What the panels ask the article view to light, merged into `article_html` options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Highlights:
    entity_labels: set[str] | None = None  # None: every label shown
    lit_entity_ids: set[str] = field(default_factory=set)
    lit_quotes: set[int] = field(default_factory=set)
    speaker_spans: list[tuple[int, int]] = field(default_factory=list)
    show_timexes: bool = True
    stance_entity_id: str | None = None
    evidence_spans: list[tuple[int, int]] = field(default_factory=list)

    def merge(self, other: Highlights) -> Highlights:
        """Both panels' highlights at once (a panel that does not care leaves defaults)."""
        if self.entity_labels is None or other.entity_labels is None:
            labels = self.entity_labels if other.entity_labels is None else other.entity_labels
        else:
            labels = self.entity_labels & other.entity_labels
        return Highlights(
            entity_labels=labels,
            lit_entity_ids=self.lit_entity_ids | other.lit_entity_ids,
            lit_quotes=self.lit_quotes | other.lit_quotes,
            speaker_spans=self.speaker_spans + other.speaker_spans,
            show_timexes=self.show_timexes and other.show_timexes,
            stance_entity_id=self.stance_entity_id or other.stance_entity_id,
            evidence_spans=self.evidence_spans + other.evidence_spans,
        )

    def options(self) -> dict[str, Any]:
        """Keyword options of `newslens.render.article_html`."""
        return {
            "entity_labels": self.entity_labels,
            "lit_entity_ids": self.lit_entity_ids,
            "lit_quotes": self.lit_quotes,
            "speaker_spans": self.speaker_spans,
            "show_timexes": self.show_timexes,
            "stance_entity_id": self.stance_entity_id,
            "evidence_spans": self.evidence_spans,
        }
