"""The model's small helpers: `Quote.pieces`, `Analysis.cluster` and `Analysis.name_of`."""

from __future__ import annotations

import json
import pickle

from newslens.model import Analysis, EntityCluster, Quote


def clusters(*pairs: tuple[str, str]) -> list[EntityCluster]:
    return [EntityCluster(id=i, name=n, label="PERSON") for i, n in pairs]


def test_a_quote_in_one_piece_is_its_own_span():
    quote = Quote(start=4, end=20, text="x", kind="direct")
    assert quote.pieces == [[4, 20]]
    split = Quote(start=4, end=40, text="x", kind="direct", spans=[[4, 12], [30, 40]])
    assert split.pieces == [[4, 12], [30, 40]]


def test_name_of_an_entity_else_the_default():
    analysis = Analysis(id="a", text="", entity_clusters=clusters(("e1", "Anna Berg")))
    assert analysis.name_of("e1") == "Anna Berg"
    assert analysis.name_of("e9") == ""
    assert analysis.name_of(None, "someone") == "someone"
    assert analysis.cluster("e9") is None


def test_names_follow_a_new_list_of_clusters():
    analysis = Analysis(id="a", text="", entity_clusters=clusters(("e1", "Anna Berg")))
    assert analysis.name_of("e1") == "Anna Berg"
    analysis.entity_clusters = clusters(("e1", "Tom Vik"))
    assert analysis.name_of("e1") == "Tom Vik"
    analysis.entity_clusters.append(EntityCluster(id="e2", name="Oslo", label="GPE"))
    assert analysis.name_of("e2") == "Oslo"


def test_the_first_of_two_clusters_with_one_id_wins():
    analysis = Analysis(id="a", text="", entity_clusters=clusters(("e1", "A"), ("e1", "B")))
    assert analysis.name_of("e1") == "A"


def test_the_name_index_is_never_serialised():
    analysis = Analysis(id="a", text="", entity_clusters=clusters(("e1", "Anna Berg")))
    analysis.name_of("e1")
    assert "_cluster_index" not in json.dumps(analysis.to_dict())
    assert Analysis.from_dict(analysis.to_dict()) == analysis
    assert pickle.loads(pickle.dumps(analysis)).name_of("e1") == "Anna Berg"
