"""Named entities: spaCy mentions, clustered per real-world entity within the article."""

from __future__ import annotations

from spacy.tokens import Doc

from newslens.model import EntityCluster, EntityMention

# Labels shown as entities in the dashboard (numbers and dates go to timexes.py instead).
NAME_LABELS = {
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
    "LANGUAGE",
}


def extract_entities(doc: Doc) -> tuple[list[EntityMention], list[EntityCluster]]:
    """Entity mentions of `doc` and their clusters (first version: exact-text clusters)."""
    mentions: list[EntityMention] = []
    clusters: dict[str, EntityCluster] = {}
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        key = ent.text.lower()
        cluster = clusters.get(key)
        if cluster is None:
            cluster = EntityCluster(id=f"E{len(clusters)}", name=ent.text, label=ent.label_)
            clusters[key] = cluster
        cluster.mentions.append([ent.start_char, ent.end_char])
        mentions.append(
            EntityMention(ent.start_char, ent.end_char, ent.text, ent.label_, cluster.id)
        )
    return mentions, list(clusters.values())
