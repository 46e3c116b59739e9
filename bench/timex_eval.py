"""A fast development loop for the date rules: parse a timex gold file once (cached), then run
only the timex stage and score it, overall, per gold type and per fold.

    .venv/bin/python bench/timex_eval.py GOLD.jsonl [--folds 5] [--errors FILE] [--scorer PATH]

The parsed docs are cached next to the system temp dir (keyed by the gold file's path, size and
mtime and the spaCy model), so a second run only times the rules. Figures come from the
project's scorer (`score_timex` of ../shared/eval/score.py by default); the final figures
are still to be reported through the CLI (`python -m newslens analyze --jsonl`).
Per type: gold of that type against predictions of that (predicted) type. Folds: documents
in file order, document i in fold i % folds.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

from common import EVAL, ROOT

DEFAULT_SCORER = EVAL / "score.py"
TYPES = ("DATE", "TIME", "DURATION", "SET")
KEYS = ("value_f1", "relaxed_f1", "strict_f1")


def _scorer(path: Path):  # noqa: ANN202 - a module
    spec = importlib.util.spec_from_file_location("timex_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _docs(nlp, records: list[dict], gold: Path) -> list:  # noqa: ANN001
    from spacy.tokens import DocBin

    stat = gold.stat()
    key = f"{gold.resolve()}|{stat.st_size}|{stat.st_mtime}|{nlp.meta.get('name')}"
    cache = (
        Path(tempfile.gettempdir())
        / f"newslens-timex-{hashlib.sha1(key.encode()).hexdigest()[:12]}.spacy"
    )
    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe(r["text"] for r in records))
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def _figures(score, gold: list[dict], preds: list[dict]) -> dict[str, float]:  # noqa: ANN001
    return {k: score.score_timex(gold, preds)[k] for k in KEYS}


def _of_type(records: list[dict], type_: str) -> list[dict]:
    return [{**r, "timexes": [t for t in r["timexes"] if t["type"] == type_]} for r in records]


def _line(name: str, figures: dict[str, float], n: int) -> str:
    return f"{name:10s} n={n:5d}  " + "  ".join(f"{k[:-3]} {figures[k]:.3f}" for k in KEYS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--errors", type=Path, help="write the mismatches here (one per line)")
    args = parser.parse_args()
    from newslens.nlp import load_nlp
    from newslens.timexes import extract_timexes

    score = _scorer(args.scorer)
    records = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    nlp = load_nlp()
    docs = _docs(nlp, records, args.gold)
    preds = []
    for record, doc in zip(records, docs, strict=True):
        found = extract_timexes(doc, record.get("published"))
        timexes = [
            {"start": t.start, "end": t.end, "value": t.value, "type": t.type} for t in found
        ]
        preds.append({"id": record["id"], "timexes": timexes})
    n_all = sum(len(r["timexes"]) for r in records)
    print(_line("all", _figures(score, records, preds), n_all))
    for type_ in TYPES:
        gold_t = _of_type(records, type_)
        n = sum(len(r["timexes"]) for r in gold_t)
        print(_line(type_, _figures(score, gold_t, _of_type(preds, type_)), n))
    if args.folds > 1:
        for k in range(args.folds):
            idx = [i for i in range(len(records)) if i % args.folds == k]
            gold_k, pred_k = [records[i] for i in idx], [preds[i] for i in idx]
            n = sum(len(r["timexes"]) for r in gold_k)
            print(_line(f"fold {k}", _figures(score, gold_k, pred_k), n))
    if args.errors:
        _write_errors(args.errors, records, preds)
    return 0


def _write_errors(path: Path, records: list[dict], preds: list[dict]) -> None:
    """Each gold timex without an equal-valued overlapping prediction, and each prediction
    that matches no gold span: 'KIND gold-type gold-value | pred-value | text | context'."""
    lines = []
    for record, pred in zip(records, preds, strict=True):
        text = record["text"]
        ignore = record.get("ignore") or []
        used = set()
        for g in record["timexes"]:
            over = [
                (i, p)
                for i, p in enumerate(pred["timexes"])
                if p["start"] < g["end"] and g["start"] < p["end"]
            ]
            used.update(i for i, _ in over)
            if any(p["value"] == g["value"] for _, p in over):
                if not any((p["start"], p["end"]) == (g["start"], g["end"]) for _, p in over):
                    p = over[0][1]
                    gold_text, pred_text = text[g["start"] : g["end"]], text[p["start"] : p["end"]]
                    lines.append(f"SPAN {g['type']} {gold_text!r} -> {pred_text!r}")
                continue
            got = " / ".join(f"{p['value']} {text[p['start'] : p['end']]!r}" for _, p in over)
            ctx = text[max(0, g["start"] - 60) : g["end"] + 40].replace("\n", " ")
            kind = "VALUE" if over else "MISS"
            lines.append(
                f"{kind} {g['type']} {g['value']} {text[g['start'] : g['end']]!r} | {got} | "
                f"dct {record.get('published')} | {ctx}"
            )
        until = record.get("scored_until")
        for i, p in enumerate(pred["timexes"]):
            if i in used or any(p["start"] < b and a < p["end"] for a, b in ignore):
                continue
            if until is not None and p["start"] >= until:
                continue  # not scored
            ctx = text[max(0, p["start"] - 60) : p["end"] + 40].replace("\n", " ")
            lines.append(f"FP {p['type']} {p['value']} {text[p['start'] : p['end']]!r} | {ctx}")
    path.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
