"""Speed of the time-expression stage (parse excluded), per 1,000 words of article.

    .venv/bin/python bench/timex_speed.py [--repeats 20]

Parses each sample article once, then times `extract_timexes` (detection + normalisation)
and `resolve_timexes` (re-anchoring on a new publication date, as the app does when the
user edits it) over the parsed docs. Goal: extraction <= 50 ms per 1,000-word article.
"""

from __future__ import annotations

import argparse

from common import best_of, sample_articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    from newslens.nlp import load_nlp
    from newslens.timexes import extract_timexes, resolve_timexes

    nlp = load_nlp()
    articles = sample_articles()
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
