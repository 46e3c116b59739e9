"""The target-dependent sentiment model (committed ONNX artifact) and the article's stance."""

from __future__ import annotations

import json
import math
import socket
import subprocess
import sys
import threading

import pytest

from newslens import stance
from newslens.model import Quote, Speaker
from tests.conftest import ROOT


@pytest.fixture
def fresh_model_cache(monkeypatch):
    """Forget the loaded model for one test; the previous one comes back afterwards."""
    monkeypatch.setattr(stance, "_model", None)


@pytest.fixture(scope="module")
def seed_doc(nlp, seed_text):
    return nlp(seed_text)


def span_of(text: str, target: str, nth: int = 0) -> tuple[str, int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(target, start + 1)
    return text, start, start + len(target)


# ------------------------------------------------------------------ the model itself


@pytest.mark.parametrize(
    ("sentence", "first", "second", "expected"),
    [
        ("Trump is good, but Putin is bad.", "Trump", "Putin", (1, -1)),
        ("Putin is bad, but Trump is good.", "Putin", "Trump", (-1, 1)),
        (
            "Critics accused Johnson of lying to voters, while they praised Smith for her honesty.",
            "Johnson",
            "Smith",
            (-1, 1),
        ),
    ],
)
def test_two_targets_in_one_sentence_get_opposite_polarities(sentence, first, second, expected):
    results = stance.predict([span_of(sentence, first), span_of(sentence, second)])
    assert tuple(polarity for polarity, _ in results) == expected


def test_scores_are_probabilities_and_polarity_is_their_argmax():
    items = [
        span_of("The senator was praised for her courage.", "senator"),
        span_of("The minister met reporters in Berlin on Tuesday.", "Berlin"),
        span_of("Police arrested the suspect after a violent attack.", "suspect"),
    ]
    for polarity, scores in stance.predict(items):
        assert set(scores) == {"negative", "neutral", "positive"}
        assert math.isclose(sum(scores.values()), 1.0, abs_tol=1e-3)
        assert polarity == stance.POLARITY[max(scores, key=scores.get)]


def test_batched_prediction_keeps_input_order():
    short = span_of("Putin is bad.", "Putin")
    long = span_of("In a long speech on Monday, the president said that Obama " * 3, "Obama")
    alone = [stance.predict([item])[0] for item in (long, short)]
    together = stance.predict([long, short])
    assert [p for p, _ in together] == [p for p, _ in alone]
    # int8 activations are quantised per batch, so batch-mates move scores a little.
    for (_, a), (_, b) in zip(together, alone, strict=True):
        for label in a:
            assert a[label] == pytest.approx(b[label], abs=0.05)


def test_repeated_items_are_answered_alike_and_in_order():
    sentence = "Trump is good, but Putin is bad."
    trump, putin = span_of(sentence, "Trump"), span_of(sentence, "Putin")
    results = stance.predict([trump, putin, trump, putin, trump])
    assert [p for p, _ in results] == [1, -1, 1, -1, 1]
    assert results[0] == results[2] == results[4] and results[1] == results[3]


@pytest.mark.parametrize("max_tokens", [24, 48])
def test_long_text_is_cut_around_the_target(max_tokens):
    tokenizer = stance.load_model().tokenizer
    filler = "The weather was mild and the markets were calm. " * 60
    text = filler + "Merkel was criticised harshly. " + filler
    start = text.index("Merkel")
    encoded = stance.encode_items(
        tokenizer, [(text, start, start + len("Merkel"))], max_tokens=max_tokens
    )
    (row, first, last), ids = encoded.targets[0], encoded.rows[0]
    assert row == 0 and len(ids) == max_tokens
    assert tokenizer.decode(ids).count("merkel") == 1
    assert tokenizer.decode(ids[first:last]) == "merkel"


def test_a_sentence_is_encoded_once_for_all_its_targets():
    tokenizer = stance.load_model().tokenizer
    sentence = "Critics accused Johnson of lying, while they praised Smith."
    items = [
        span_of(sentence, "Johnson"),
        span_of(sentence, "Smith"),
        span_of("Putin spoke.", "Putin"),
    ]
    encoded = stance.encode_items(tokenizer, items)
    assert len(encoded.rows) == 2
    assert [row for row, _, _ in encoded.targets] == [0, 0, 1]
    words = [tokenizer.decode(encoded.rows[r][a:b]) for r, a, b in encoded.targets]
    assert words == ["johnson", "smith", "putin"]


def test_a_target_outside_the_text_is_refused():
    with pytest.raises(ValueError):
        stance.encode_items(stance.load_model().tokenizer, [("Short.", 3, 40)])


# ------------------------------------------------------------------ the committed artifact


def test_the_committed_artifact_loads_and_runs_with_sockets_blocked(monkeypatch, fresh_model_cache):
    def no_network(*args, **kwargs):
        raise OSError("network access during stance model loading")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.delenv(stance.MODEL_DIR_ENV, raising=False)
    model = stance.load_model()
    assert stance.model_dir() == ROOT / "models" / "stance"
    for name in ("model.onnx", "tokenizer.json", "config.json"):
        assert (ROOT / "models" / "stance" / name).stat().st_size <= 50 * 1024 * 1024
    assert model.config["labels"] == list(stance.LABELS)
    # Inference cuts the same window around the target as training did.
    assert model.max_tokens == model.config["max_tokens"]
    ((polarity, _),) = model.predict([span_of("Putin is bad.", "Putin")])
    assert polarity == -1


def test_the_model_is_loaded_once_across_threads(fresh_model_cache):
    loaded = []
    threads = [
        threading.Thread(target=lambda: loaded.append(stance.load_model())) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(loaded) == 4 and all(m is loaded[0] for m in loaded)


def test_a_missing_model_fails_with_a_clear_error(monkeypatch, tmp_path, fresh_model_cache):
    monkeypatch.setenv(stance.MODEL_DIR_ENV, str(tmp_path))
    with pytest.raises(stance.StanceModelMissing, match="model.onnx"):
        stance.predict([span_of("Putin is bad.", "Putin")])


# ------------------------------------------------------------------ CLI contract


def run_target_sentiment(path: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newslens", "target-sentiment", "--jsonl", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
    )


def target_line(doc_id: str, sentence: str, target: str) -> str:
    _, start, end = span_of(sentence, target)
    return json.dumps({"id": doc_id, "text": sentence, "start": start, "end": end})


def test_cli_answers_each_good_line_and_reports_bad_ones(tmp_path):
    sentence = "Trump is good, but Putin is bad."
    lines = [
        target_line("a", sentence, "Trump"),
        "{not json",
        json.dumps({"id": "far", "text": "Short.", "start": 2, "end": 99}),
        target_line("b", sentence, "Putin"),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_target_sentiment(str(path))
    assert proc.returncode != 0
    *errors, count = proc.stderr.strip().splitlines()
    assert len(errors) == 2 and all(e.startswith("newslens: error:") for e in errors)
    assert ":2:" in errors[0] and ':3 (id "far"):' in errors[1]
    assert count.startswith("newslens: error: 2 of 4 input lines failed")
    out = [json.loads(line) for line in proc.stdout.strip().splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert [o["polarity"] for o in out] == [1, -1]
    for o in out:
        assert set(o) == {"id", "polarity", "scores"}
        assert set(o["scores"]) == {"negative", "neutral", "positive"}


def test_cli_reads_stdin():
    stdin = target_line("x", "Putin is bad, but Trump is good.", "Putin") + "\n"
    proc = run_target_sentiment("-", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stdout.strip().splitlines()
    assert json.loads(line)["id"] == "x" and json.loads(line)["polarity"] == -1


# ------------------------------------------------------------------ the article's stance


def test_seed_portrayal_covers_every_actor_mention(seed_analysis):
    actor_ids = {c.id for c in seed_analysis.entity_clusters if c.label in stance.ACTOR_LABELS}
    by_id = {s.entity_id: s for s in seed_analysis.stance}
    assert set(by_id) == actor_ids
    for mention in seed_analysis.entities:
        if mention.entity_id in actor_ids:
            spans = {(m.start, m.end) for m in by_id[mention.entity_id].mentions}
            assert (mention.start, mention.end) in spans
    for entity_stance in seed_analysis.stance:
        cluster = seed_analysis.cluster(entity_stance.entity_id)
        assert entity_stance.name == cluster.name
        p = entity_stance.portrayal
        counts = [p["negative"], p["neutral"], p["positive"]]
        assert sum(counts) == len(entity_stance.mentions)
        assert p["net"] == pytest.approx((p["positive"] - p["negative"]) / sum(counts), abs=1e-3)
        for m in entity_stance.mentions:
            assert m.polarity in (-1, 0, 1)
            assert m.polarity == stance.POLARITY[max(m.scores, key=m.scores.get)]


def test_seed_russia_is_portrayed_mostly_negative_or_neutral(seed_analysis):
    # The article reports Russia refusing a ceasefire and pushing for territory; it also calls
    # it "confident", so some positive mentions are fair, but not most of them.
    russian_side = [
        s for s in seed_analysis.stance if s.name in {"Russia", "Moscow", "Kremlin", "the Kremlin"}
    ]
    assert len(russian_side) >= 2
    mentions = [m for s in russian_side for m in s.mentions]
    negative_or_neutral = sum(m.polarity <= 0 for m in mentions)
    assert negative_or_neutral > len(mentions) / 2
    assert any(m.polarity == -1 for m in mentions)


def test_lavrov_speaks_negatively_about_zelensky(nlp, seed_doc):
    from newslens.entities import extract_entities

    entities, clusters = extract_entities(seed_doc)
    by_name = {c.name: c.id for c in clusters}
    text = seed_doc.text
    start = text.index("“You’re putting the cart")
    end = text.index("new elections…”") + len("new elections…”")
    lavrov_at = text.index("Sergei Lavrov")
    quote = Quote(
        start=start,
        end=end,
        text=text[start:end],
        kind="direct",
        speaker=Speaker(
            lavrov_at,
            lavrov_at + len("Sergei Lavrov"),
            "Sergei Lavrov",
            by_name["Sergei Lavrov"],
            "Sergei Lavrov",
        ),
    )
    unattributed = Quote(start=start, end=end, text=text[start:end], kind="direct")
    _, positions = stance.extract_stance(seed_doc, entities, clusters, [unattributed, quote])
    toward = {p.target_entity_id: p for p in positions}
    assert all(p.quote_index == 1 for p in positions)
    assert all(p.speaker_entity_id == by_name["Sergei Lavrov"] for p in positions)
    assert by_name["Sergei Lavrov"] not in toward
    assert toward[by_name["Volodymyr Zelensky"]].polarity == -1


def test_no_actor_mentions_means_no_stance(nlp):
    doc = nlp("it rained all day and nobody went out.")
    assert stance.extract_stance(doc, [], [], []) == ([], [])


def test_network_calls_stay_within_the_padded_token_budget():
    rows = [[0] * n for n in (5, 40, 12, 30, 130, 8, 60, 25)]
    chunks = stance._batches(rows, 96)
    assert sorted(i for chunk in chunks for i in chunk) == list(range(len(rows)))
    for chunk in chunks:
        width = max(len(rows[i]) for i in chunk)
        assert len(chunk) == 1 or len(chunk) * width <= 96
    assert [130] in [[len(rows[i]) for i in chunk] for chunk in chunks]  # alone, not dropped
