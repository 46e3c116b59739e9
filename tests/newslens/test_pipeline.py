"""The pipeline: stages on one parse, the stance network on its background thread, and
`analyze_many` keeping input order while the parse runs ahead."""

from __future__ import annotations

from newslens import pipeline, stance
from newslens.model import Analysis, Meta
from newslens.pipeline import AnalysisError, analyze_doc, analyze_many
from tests.conftest import SAMPLES


def sample_texts() -> list[tuple[str, str]]:
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md"})
    return [(p.stem, p.read_text(encoding="utf-8")) for p in files]


def test_background_stance_equals_the_direct_computation(nlp, seed_text):
    doc = nlp(seed_text)
    analysis = analyze_doc(doc, doc_id="seed", meta=Meta(published="2025-05-20"))
    direct, positions = stance.extract_stance(
        doc, analysis.entities, analysis.entity_clusters, analysis.quotes
    )
    assert analysis.stance == direct and analysis.positions == positions
    assert analysis.stance and analysis.positions
    assert analysis.timings["stance"] > 0 and "stance_wait" in analysis.timings


def test_analyze_many_keeps_input_order_around_bad_items(nlp, monkeypatch):
    texts = sample_texts()
    items = [(name, text, Meta()) for name, text in texts]
    items.insert(1, ("empty", "   ", Meta()))
    items.append(("again", texts[0][1], Meta()))
    # A parse allowed to run only one article ahead still gives every result, in order.
    monkeypatch.setattr(pipeline, "MAX_AHEAD", 1)
    results = list(analyze_many(items, nlp=nlp, batch_size=2))
    assert len(results) == len(items)
    assert isinstance(results[1], AnalysisError)
    analyses = [r for r in results if isinstance(r, Analysis)]
    assert [a.id for a in analyses] == [i[0] for i in items if i[0] != "empty"]
    for analysis, (_, text, _) in zip(analyses, [i for i in items if i[0] != "empty"], strict=True):
        assert analysis.text == text
        assert analysis.stance, analysis.id  # every sample names actors
    first, again = analyses[0], analyses[-1]
    assert first.to_dict()["stance"] == again.to_dict()["stance"]


def test_analyze_many_matches_one_by_one_analysis(nlp):
    name, text = sample_texts()[0]
    (batched,) = analyze_many([(name, text, Meta())], nlp=nlp)
    single = analyze_doc(nlp(text), doc_id=name, meta=Meta())
    assert isinstance(batched, Analysis)
    assert batched.stance == single.stance and batched.positions == single.positions
    assert batched.quotes == single.quotes and batched.events == single.events
