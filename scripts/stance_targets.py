"""Unlabelled (sentence, target) items for distilling the stance model.

Runs the newslens entity stage over a JSONL of news articles (one {"text": ...} per line,
such as PolNeAR train: ../shared/eval/data/quotes_train.jsonl) and writes, for every actor
mention, the very (context, start, end) item that `newslens.stance.extract_stance` would
ask the model about. scripts/train_stance.py has its teachers label these and trains the
student on their answers, so the student learns on the kind of input it gets in the app.

    .venv/bin/python scripts/stance_targets.py ../shared/eval/data/quotes_train.jsonl \\
        --out /tmp/stance-targets.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslens.entities import extract_entities  # noqa: E402
from newslens.nlp import load_nlp  # noqa: E402
from newslens.stance import stance_inputs  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help="JSONL with a 'text' per line")
    parser.add_argument("--out", type=Path, required=True, help="JSONL (.gz when so named)")
    args = parser.parse_args()

    with args.articles.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    nlp = load_nlp()
    seen: set[tuple[str, int, int]] = set()
    opener = gzip.open if args.out.suffix == ".gz" else open
    with opener(args.out, "wt", encoding="utf-8") as out:
        for n, doc in enumerate(nlp.pipe(texts, batch_size=16), 1):
            entities, clusters = extract_entities(doc)
            for item in stance_inputs(doc, entities, clusters)[2]:
                if item not in seen:
                    seen.add(item)
                    text, start, end = item
                    out.write(json.dumps({"text": text, "start": start, "end": end}) + "\n")
            if n % 100 == 0:
                print(f"{n}/{len(texts)} articles, {len(seen)} items", file=sys.stderr)
    print(f"{len(seen)} items from {len(texts)} articles -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
