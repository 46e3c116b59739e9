"""Quotations and their speakers (placeholder until the quotes issue lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from newslens.model import EntityCluster, EntityMention, Quote


def extract_quotes(
    doc: Doc, entities: list[EntityMention], clusters: list[EntityCluster]
) -> list[Quote]:
    return []
