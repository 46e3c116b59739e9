"""Target-dependent sentiment and the stance of the article (placeholder)."""

from __future__ import annotations

from spacy.tokens import Doc

from newslens.model import EntityCluster, EntityMention, EntityStance, Position, Quote


def compute_stance(
    doc: Doc,
    entities: list[EntityMention],
    clusters: list[EntityCluster],
    quotes: list[Quote],
) -> tuple[list[EntityStance], list[Position]]:
    return [], []
