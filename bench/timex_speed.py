"""Speed of the time-expression stage (parse excluded), per 1,000 words of article.

    .venv/bin/python bench/timex_speed.py [--repeats 20]

Parses each sample article once, then times `extract_timexes` (detection + normalisation)
and `resolve_timexes` (re-anchoring on a new publication date, as the app does when the
user edits it) over the parsed docs. Goal: extraction <= 50 ms per 1,000-word article.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"


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
    from newslens.nlp import load_nlp
    from newslens.timexes import extract_timexes, resolve_timexes

    nlp = load_nlp()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    articles = [(p.name, t) for p, t in zip(sorted(SAMPLES.glob("*.txt")), texts, strict=True)]
    articles.append(("1000-word article", thousand_word_article(texts)))
    print(f"{'article':42s} {'words':>6s} {'timexes':>7s} {'extract ms':>10s} "
          f"{'ms/1k words':>11s} {'resolve ms':>10s}")  # fmt: skip
    for name, text in articles:
        doc = nlp(text)
        words = len(text.split())
        found = extract_timexes(doc, "2025-05-20")
        extract = best_of(args.repeats, lambda d=doc: extract_timexes(d, "2025-05-20"))
        resolve = best_of(args.repeats, lambda f=found: resolve_timexes(f, "2024-01-31"))
        print(
            f"{name[:42]:42s} {words:6d} {len(found):7d} {extract * 1000:10.2f} "
            f"{extract * 1000 * 1000 / words:11.2f} {resolve * 1000:10.2f}"
        )
    print("goal: <= 50 ms per 1,000-word article (extraction, parse excluded)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
