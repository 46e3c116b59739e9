"""Cost of the quote stage relative to the bare spaCy parse of the same article.

    .venv/bin/python bench/quotes_speed.py [--repeats 5] [--jsonl ARTICLES.jsonl]

For each sample article (and a ~1,000-word article made of their paragraphs, plus, with
`--jsonl`, every article of a JSONL file such as ../shared/eval/data/quotes_dev.jsonl):
the parse time of `nlp(text)`, the time of `extract_quotes` on the parsed doc (entities are
computed beforehand: they are their own stage), and their ratio. Best of N runs each.
Goal: quotes add <= 20% to the parse time.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from common import SAMPLES, best_of, thousand_word_article


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jsonl", type=Path, help="more articles, one {'text'} per line")
    args = parser.parse_args()
    from newslens.entities import extract_entities
    from newslens.nlp import load_nlp
    from newslens.quotes import extract_quotes

    nlp = load_nlp()
    paths = sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.md"))
    paths = [p for p in paths if p.stem.upper() != "SOURCES"]
    articles = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
    articles.append(
        ("1000-word article", thousand_word_article([t for _, t in articles], sep="\n\n"))
    )
    if args.jsonl:
        with args.jsonl.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    articles.append((str(row.get("id", "?"))[:40], row["text"]))
    nlp("warm up")
    header = ("article", "words", "quotes", "parse ms", "quotes ms", "ratio")
    print(
        f"{header[0]:42s} " + " ".join(f"{h:>9s}" if "ms" in h else f"{h:>6s}" for h in header[1:])
    )
    total_parse = total_quotes = 0.0
    worst = 0.0
    for name, text in articles:
        doc = nlp(text)
        entities, clusters = extract_entities(doc)
        parse = best_of(args.repeats, lambda text=text: nlp(text))
        quotes_t = best_of(
            args.repeats,
            lambda doc=doc, e=entities, c=clusters: extract_quotes(doc, e, c),
        )
        n_quotes = len(extract_quotes(doc, entities, clusters))
        ratio = quotes_t / parse if parse else 0.0
        worst = max(worst, ratio)
        total_parse += parse
        total_quotes += quotes_t
        print(
            f"{name[:42]:42s} {len(text.split()):6d} {n_quotes:6d} {parse * 1000:9.1f} "
            f"{quotes_t * 1000:9.2f} {ratio:6.1%}"
        )
    print(
        f"total: parse {total_parse * 1000:.1f} ms, quotes {total_quotes * 1000:.1f} ms, "
        f"ratio {total_quotes / total_parse:.1%} (worst article {worst:.1%}; goal <= 20%)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
