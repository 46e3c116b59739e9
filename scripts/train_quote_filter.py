"""Train the quote filter of the quote extractor (`newslens/quotes/confidence.py`).

    .venv/bin/python scripts/train_quote_filter.py \
        --train ../shared/eval/data/quotes_train.jsonl [--cache /tmp/quotes_train.spacy]

Runs the quote stage (filter off) on every training article; each quote it finds is an
example, positive when it matches a gold attribution at whitespace-token Jaccard >= 0.8 (one
to one, best overlap first, as `score.py quotes` matches). Fits a logistic regression on the
features of `quote_features`, prints the 5-fold cross-validated F1@0.8 / F1@0.3 for a few
thresholds, and writes the weights (and `--threshold`) as JSON to
`newslens/data/quotes/quote_filter.json`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def token_set(tokens: list[tuple[int, int]], spans) -> frozenset[int]:
    return frozenset(
        i for i, (ts, te) in enumerate(tokens) if any(ts < e and te > s for s, e in spans)
    )


def greedy_match(pairs: list[tuple[float, int, int]]) -> set[int]:
    """Indices of predictions matched one to one, best overlap first."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, g, p in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
    return used_p


def load_docs(nlp, texts: list[str], cache: Path | None):
    from spacy.tokens import DocBin

    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts, strict=True)):
            return docs
    docs = list(nlp.pipe(texts, batch_size=16))
    if cache is not None:
        bin_ = DocBin(store_user_data=True)
        for d in docs:
            bin_.add(d)
        bin_.to_disk(cache)
    return docs


def examples(rows: list[dict], docs):
    """(features, matched at 0.8, matched at 0.3, exempt from the filter) per found quote;
    and the gold count."""
    from newslens.entities import extract_entities
    from newslens.quotes import extract_quotes
    from newslens.quotes.confidence import quote_features

    feats, y8, y3, always = [], [], [], []
    n_gold = 0
    for row, doc in zip(rows, docs, strict=True):
        entities, clusters = extract_entities(doc)
        quotes = extract_quotes(doc, entities, clusters, use_filter=False)
        tokens = [m.span() for m in re.finditer(r"\S+", row["text"])]
        golds = [token_set(tokens, q["content"]) for q in row["quotes"]]
        n_gold += len(golds)
        preds = [token_set(tokens, q.spans or [[q.start, q.end]]) for q in quotes]
        pairs = []
        for gi, g in enumerate(golds):
            for pi, p in enumerate(preds):
                union = len(g | p)
                j = len(g & p) / union if union else 0.0
                if j >= 0.3:
                    pairs.append((j, gi, pi))
        m3 = greedy_match(pairs)
        m8 = greedy_match([x for x in pairs if x[0] >= 0.8])
        for pi, q in enumerate(quotes):
            feats.append(quote_features(doc, q))
            y8.append(pi in m8)
            y3.append(pi in m3)
            always.append(q.cue is None)  # floating quotes are never filtered
    return feats, y8, y3, always, n_gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation")
    parser.add_argument("--threshold", type=float, default=0.3)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "newslens" / "data" / "quotes" / "quote_filter.json"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    from newslens.nlp import load_nlp

    rows = [json.loads(line) for line in args.train.read_text(encoding="utf-8").splitlines()]
    docs = load_docs(load_nlp(), [r["text"] for r in rows], args.cache)
    feats, y8, y3, always, n_gold = examples(rows, docs)
    y8_arr, y3_arr, always_arr = np.array(y8), np.array(y3), np.array(always)
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    clf = LogisticRegression(C=args.c, max_iter=3000)
    probs = cross_val_predict(clf, x, y8_arr, cv=5, method="predict_proba")[:, 1]
    for threshold in (0.0, 0.2, 0.25, 0.3, 0.35, 0.4):
        keep = (probs >= threshold) | always_arr
        f8 = 2 * int((y8_arr & keep).sum()) / (int(keep.sum()) + n_gold)
        f3 = 2 * int((y3_arr & keep).sum()) / (int(keep.sum()) + n_gold)
        print(f"threshold {threshold:.2f}: 5-fold F1@0.8 {f8:.4f}  F1@0.3 {f3:.4f}")
    clf.fit(x, y8_arr)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
        if abs(w) >= 1e-3
    }
    model = {
        "about": "newslens quote filter; scripts/train_quote_filter.py",
        "trained_on": f"{args.train.name}, {len(rows)} articles, {len(y8)} quotes",
        "c": args.c,
        "threshold": args.threshold,
        "intercept": round(float(clf.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(f"{len(y8)} quotes ({sum(y8)} right at 0.8), {len(weights)} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
