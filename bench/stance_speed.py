"""Inference speed of the stance model: all actor mentions of a 1,000-word article.

    .venv/bin/python bench/stance_speed.py [--repeat 20] [--file ARTICLE.txt]

Prints the model (layers, token window), its cold load time, then for each article the number
of scored mentions, the token rows the network ran on (each sentence with an actor in it is
encoded once, whatever its number of mentions) and the median/best time of `extract_stance`
(everything: sentence lookup, tokenising, small onnxruntime calls on the runner threads) over
--repeat warm runs. Goal: <= 150 ms for a 1,000-word article. The articles: the seed article
repeated to 1,000 words (dense in names, but its repeated sentences are run once each) and,
when the evaluation kit is next to the checkout, the three PolNeAR dev articles closest to
1,000 words (real news). The spaCy parse and the entity step are not counted (they are other
stages' figures). CPU time is printed too: on a busy shared machine wall time mostly
measures the neighbours.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import EVAL, thousand_word_article  # noqa: E402

from newslens import stance  # noqa: E402
from newslens.entities import extract_entities  # noqa: E402
from newslens.nlp import load_nlp  # noqa: E402

SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"
POLNEAR_DEV = EVAL / "data" / "quotes_dev.jsonl"


def real_articles(words: int, count: int) -> list[tuple[str, str]]:
    if not POLNEAR_DEV.is_file():
        return []
    with POLNEAR_DEV.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    rows.sort(key=lambda r: abs(len(r["text"].split()) - words))
    return [(r["id"], r["text"]) for r in rows[:count]]


def network_rows(doc, entities, clusters) -> tuple[int, int]:
    """(rows, tokens) the network runs on for the article's actor mentions."""
    _, _, items = stance.stance_inputs(doc, entities, clusters)
    model = stance.load_model()
    encoded = stance.encode_items(model.tokenizer, items, max_tokens=model.max_tokens)
    return len(encoded.rows), sum(len(r) for r in encoded.rows)


def time_article(name: str, text: str, repeat: int) -> None:
    doc = load_nlp()(text)
    entities, clusters = extract_entities(doc)
    stance.extract_stance(doc, entities, clusters, [])  # warm-up
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        stances, _ = stance.extract_stance(doc, entities, clusters, [])
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    mentions = sum(len(s.mentions) for s in stances)
    rows, tokens = network_rows(doc, entities, clusters)
    print(
        f"{name[:40]:<40} {len(text.split()):>5} words {mentions:>4} mentions "
        f"({rows:>3} rows, {tokens:>4} tokens)  "
        f"wall median {statistics.median(walls) * 1000:4.0f} ms best {min(walls) * 1000:4.0f} ms"
        f"  cpu best {min(cpus) * 1000:4.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--file", type=Path, help="time this article instead of the default set")
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()

    if args.file:
        articles = [(args.file.name, args.file.read_text(encoding="utf-8"))]
    else:
        articles = [
            (
                f"seed article x{args.words} words",
                thousand_word_article([SEED.read_text(encoding="utf-8")], words=args.words),
            ),
            *real_articles(args.words, 3),
        ]
    t0 = time.perf_counter()
    model = stance.load_model()
    print(
        f"model {stance.model_dir()}: {model.config.get('layers', 6)} layers, "
        f"window {model.max_tokens} tokens; load (cold) {(time.perf_counter() - t0) * 1000:.0f} ms"
    )
    print(f"extract_stance, {args.repeat} warm runs each (goal <= 150 ms per 1,000 words):")
    for name, text in articles:
        time_article(name, text, args.repeat)


if __name__ == "__main__":
    main()
