"""Speed of the event stage (parse and the other stages excluded), per 1,000 words.

    .venv/bin/python bench/events_speed.py [--repeats 20]

Parses each sample article (and a ~1,000-word article made of their paragraphs) once, runs
the stages events depend on (entities, timexes, quotes), then times `extract_events` and
`redate_events` over the parsed docs. Times are the best of --repeats runs, the least
disturbed by other load on the machine. Goal: a few ms per 1,000 words.
"""

from __future__ import annotations

import argparse

from common import best_of, sample_articles

DCT = "2025-05-20"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    from newslens.entities import extract_entities
    from newslens.events import extract_events, redate_events
    from newslens.nlp import load_nlp
    from newslens.quotes import extract_quotes
    from newslens.timexes import extract_timexes

    nlp = load_nlp()
    articles = sample_articles()
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
