"""Inference speed of the stance model: all actor mentions of a 1,000-word article.

    .venv/bin/python bench/stance_speed.py [--repeat 20] [--file ARTICLE.txt]

Prints the cold model load time, then for the article (by default the seed article repeated to
1,000 words, which is dense in names: a pessimistic case) the number of scored mentions and
the median/best time of `compute_stance` (everything: sentence lookup, tokenising, one
batched onnxruntime call with 2 intra-op threads) over --repeat warm runs. Goal: <= 150 ms.
The spaCy parse and the entity step are not counted (they are other stages' figures).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslens import stance  # noqa: E402
from newslens.entities import extract_entities  # noqa: E402
from newslens.nlp import load_nlp  # noqa: E402

SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"


def article_of_words(path: Path, words: int) -> str:
    paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    out: list[str] = []
    count = 0
    while count < words:
        for p in paragraphs:
            out.append(p)
            count += len(p.split())
            if count >= words:
                break
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--file", type=Path, help="an article to time instead of the default")
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()

    text = (
        args.file.read_text(encoding="utf-8") if args.file else article_of_words(SEED, args.words)
    )
    nlp = load_nlp()
    doc = nlp(text)
    entities, clusters = extract_entities(doc)

    t0 = time.perf_counter()
    stance.load_model()
    cold = time.perf_counter() - t0
    stance.compute_stance(doc, entities, clusters, [])  # warm-up

    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        stances, _ = stance.compute_stance(doc, entities, clusters, [])
        times.append(time.perf_counter() - t0)
    mentions = sum(len(s.mentions) for s in stances)
    print(f"article: {len(text.split())} words, {len(list(doc.sents))} sentences")
    print(f"model load (cold): {cold * 1000:.0f} ms")
    print(
        f"compute_stance: {mentions} mentions of {len(stances)} actors, "
        f"median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms "
        f"over {args.repeat} runs (goal <= 150 ms)"
    )


if __name__ == "__main__":
    main()
