"""Speed of the event stage (parse and the other stages excluded), per 1,000 words.

    .venv/bin/python bench/events_speed.py [--repeats 20]

Parses each sample article (and a ~1,000-word article made of their paragraphs) once, runs
the stages events depend on (entities, timexes, quotes), then times `extract_events` and
`redate_events` over the parsed docs. Times are the best of --repeats runs, the least
disturbed by other load on the machine. Goal: a few ms per 1,000 words.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"
DCT = "2025-05-20"


def thousand_word_article(texts: list[str]) -> str:
    """About 1,000 words of real news text, whole paragraphs, from the sample articles."""
    paragraphs = [p for text in texts for p in text.split("\n") if p.strip()]
    out: list[str] = []
    words = 0
    while words < 1000:
        for p in paragraphs:
            out.append(p)
            words += len(p.split())
            if words >= 1000:
                break
    return "\n".join(out)


def best_of(repeats: int, func) -> float:  # noqa: ANN001
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from newslens.entities import extract_entities
    from newslens.events import extract_events, redate_events
    from newslens.nlp import load_nlp
    from newslens.quotes import extract_quotes
    from newslens.timexes import extract_timexes

    nlp = load_nlp()
    paths = sorted(SAMPLES.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    articles = [(p.name, t) for p, t in zip(paths, texts, strict=True)]
    articles.append(("1000-word article", thousand_word_article(texts)))
    print(f"{'article':42s} {'words':>6s} {'events':>6s} {'extract ms':>10s} "
          f"{'ms/1k words':>11s} {'redate ms':>9s}")  # fmt: skip
    for name, text in articles:
        doc = nlp(text)
        words = len(text.split())
        mentions, clusters = extract_entities(doc)
        timexes = extract_timexes(doc, DCT)
        quotes = extract_quotes(doc, mentions, clusters)

        def run(d=doc, m=mentions, c=clusters, t=timexes, q=quotes):  # noqa: ANN001, ANN202
            return extract_events(d, m, c, t, q)

        found = run()
        extract = best_of(args.repeats, run)
        redate = best_of(args.repeats, lambda f=found, t=timexes: redate_events(f, t))
        print(
            f"{name[:42]:42s} {words:6d} {len(found):6d} {extract * 1000:10.2f} "
            f"{extract * 1000 * 1000 / words:11.2f} {redate * 1000:9.3f}"
        )
    print("goal: a few ms per 1,000 words (extraction, parse excluded)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
