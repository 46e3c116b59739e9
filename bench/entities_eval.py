"""Entity accuracy on MEANTIME dev: raw spaCy `doc.ents` vs newslens (`analyze --jsonl`).

    .venv/bin/python bench/entities_eval.py [--gold PATH] [--in-process]

Prints the scorer's summary for both systems on MEANTIME dev (with per-type strict F1), the
same on the two halves of dev split by article (even and odd positions in the file: one half
to develop rules on, the other to check them), then on the seed article against a small
hand annotation (SEED_NAMES below), then the entities stage's speed. Raw spaCy
predictions are built straight from `doc.ents` (every label; the scorer keeps
PERSON/ORG/GPE/LOC/FAC); newslens predictions come from the CLI, the measured contract (or,
with --in-process, from the entities stage alone).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from common import EVAL, ROOT

DEFAULT_GOLD = EVAL / "data" / "entities_dev.jsonl"
DEFAULT_SCORER = EVAL / "score.py"


def in_process_predictions(gold: list[dict]) -> tuple[list[dict], list[dict]]:
    """(raw spaCy, newslens entities stage) predictions from one parse of each text."""
    sys.path.insert(0, str(ROOT))
    from newslens.entities import extract_entities
    from newslens.nlp import load_nlp

    nlp = load_nlp()
    raw, ours = [], []
    for record, doc in zip(gold, nlp.pipe(r["text"] for r in gold), strict=True):
        ents = [{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in doc.ents]
        raw.append({"id": record["id"], "entities": ents})
        mentions, _ = extract_entities(doc)
        ours.append({"id": record["id"], "entities": [vars(m) for m in mentions]})
    return raw, ours


# The seed article's names and their types, annotated by hand for this bench (scorer types:
# PERSON / ORG / LOC) with MEANTIME's extents: a person's title and a name's own determiner
# are part of the mention ("President Vladimir Putin", "the Kremlin"). Every occurrence of a
# pattern is a gold mention, longest patterns first. "US" is only ever a premodifier there
# ("US President", "US-Russia"), so it is ignored either way, as MEANTIME ignores premodifiers.
SEED_NAMES = {
    "President Vladimir Putin": "PERSON",
    "President Donald Trump": "PERSON",
    "President Volodymyr Zelensky": "PERSON",
    "Foreign Minister Sergei Lavrov": "PERSON",
    "President Putin": "PERSON",
    "President Zelensky": "PERSON",
    "Yuri Ushakov": "PERSON",
    "Putin": "PERSON",
    "Trump": "PERSON",
    "Zelensky": "PERSON",
    "[Tt]he US Senate": "ORG",
    "[Tt]he Kremlin": "ORG",
    "Izvestia": "ORG",
    "Russia": "LOC",
    "Ukraine": "LOC",
    "Moscow": "LOC",
    "Istanbul": "LOC",
    "Europe": "LOC",
    "America": "LOC",
}
SEED_IGNORED = ("US",)


def seed_gold(text: str) -> dict:
    import re

    taken: list[tuple[int, int]] = []
    entities = []
    for name, typ in sorted(SEED_NAMES.items(), key=lambda kv: -len(kv[0])):
        for match in re.finditer(rf"\b{name}\b", text):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            entities.append({"start": span[0], "end": span[1], "type": typ})
    ignore = [list(m.span()) for name in SEED_IGNORED for m in re.finditer(rf"\b{name}\b", text)]
    return {
        "id": "seed",
        "text": text,
        "scored_until": None,
        "entities": entities,
        "ignore": ignore,
    }


def seed_comparison(scorer: Path) -> None:
    """Raw spaCy vs newslens on the seed article against the hand annotation above."""
    from newslens.entities import extract_entities
    from newslens.nlp import load_nlp

    text = (ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt").read_text("utf-8")
    doc = load_nlp()(text)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        handle.write(json.dumps(seed_gold(text)) + "\n")
    gold_path = Path(handle.name)
    raw = [{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in doc.ents]
    ours = [vars(m) for m in extract_entities(doc)[0]]
    print("== seed article, raw spaCy")
    raw_scores = score(scorer, gold_path, [{"id": "seed", "entities": raw}])
    print("== seed article, newslens")
    our_scores = score(scorer, gold_path, [{"id": "seed", "entities": ours}])
    gold_path.unlink()
    trump_raw = [e for e in doc.ents if "Trump" in e.text]
    trump_ours = [m for m in ours if "Trump" in m["text"]]
    print(
        f"seed relaxed F1: raw spaCy {raw_scores['relaxed_f1']:.3f} -> newslens "
        f"{our_scores['relaxed_f1']:.3f} (strict {raw_scores['strict_f1']:.3f} -> "
        f"{our_scores['strict_f1']:.3f}); 'Trump' found as PERSON: raw spaCy "
        f"{sum(e.label_ == 'PERSON' for e in trump_raw)} of {text.count('Trump')}, newslens "
        f"{sum(m['label'] == 'PERSON' for m in trump_ours)} of {text.count('Trump')}"
    )


def stage_speed_ms(repeats: int = 20) -> tuple[int, float]:
    """(words, milliseconds) of the entities stage on a ~1,000-word article (the seed article
    three times over), parse excluded."""
    import time

    from newslens.entities import extract_entities
    from newslens.nlp import load_nlp

    seed = (ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt").read_text("utf-8")
    doc = load_nlp()("\n".join([seed] * 3))
    extract_entities(doc)
    t0 = time.perf_counter()
    for _ in range(repeats):
        extract_entities(doc)
    return len(doc.text.split()), (time.perf_counter() - t0) / repeats * 1000


def newslens_predictions(gold_path: Path) -> list[dict]:
    """The CLI's lines; a failing run is reported, and whatever it printed is still scored."""
    done = subprocess.run(
        [sys.executable, "-m", "newslens", "analyze", "--jsonl", str(gold_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        print(f"warning: the CLI exited with {done.returncode}: {done.stderr.strip()[-300:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def score(scorer: Path, gold_path: Path, preds: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        for p in preds:
            handle.write(json.dumps(p) + "\n")
    done = subprocess.run(
        [sys.executable, str(scorer), "entities", str(gold_path), handle.name],
        check=True,
        capture_output=True,
        text=True,
    )
    Path(handle.name).unlink()
    print(done.stderr.strip())
    return json.loads(done.stdout.strip().splitlines()[-1])


def _per_type(scores: dict) -> str:
    per_type = scores["per_type_strict_f1"]
    return " ".join(f"{typ} {per_type[typ]:.3f}" for typ in sorted(per_type))


def half_comparison(scorer: Path, gold: list[dict], raw: list[dict], ours: list[dict]) -> None:
    """Both systems on each half of the gold file, split by article: A = even positions,
    B = odd positions."""
    for name, parity in (("A", 0), ("B", 1)):
        records = [r for i, r in enumerate(gold) if i % 2 == parity]
        ids = {r["id"] for r in records}
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
            for record in records:
                handle.write(json.dumps(record) + "\n")
        half_gold = Path(handle.name)
        figures = []
        for preds in (raw, ours):
            kept = [p for p in preds if p["id"] in ids]
            with contextlib.redirect_stdout(io.StringIO()):
                figures.append(score(scorer, half_gold, kept))
        half_gold.unlink()
        (r, o) = figures
        print(
            f"half {name} ({len(records)} articles): strict F1 raw spaCy {r['strict_f1']:.3f} -> "
            f"newslens {o['strict_f1']:.3f}; relaxed {r['relaxed_f1']:.3f} -> "
            f"{o['relaxed_f1']:.3f}; newslens per type {_per_type(o)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="score the entities stage directly instead of the CLI (same figures, faster)",
    )
    args = parser.parse_args()
    gold = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]

    raw_preds, stage_preds = in_process_predictions(gold)
    print("== raw spaCy (doc.ents)")
    raw = score(args.scorer, args.gold, raw_preds)
    ours_preds = stage_preds
    if args.in_process:
        print("== newslens (newslens.entities.extract_entities, in process)")
        ours = score(args.scorer, args.gold, stage_preds)
    else:
        print("== newslens (python -m newslens analyze --jsonl)")
        cli_preds = newslens_predictions(args.gold)
        if not cli_preds:
            print("the CLI printed nothing: scoring the entities stage in process instead")
            cli_preds = stage_preds
        ours_preds = cli_preds
        ours = score(args.scorer, args.gold, cli_preds)
    print(
        f"strict F1: raw spaCy {raw['strict_f1']:.3f} -> newslens {ours['strict_f1']:.3f}; "
        f"relaxed F1: raw spaCy {raw['relaxed_f1']:.3f} -> newslens {ours['relaxed_f1']:.3f}"
    )
    print(f"per type strict F1: raw spaCy {_per_type(raw)} -> newslens {_per_type(ours)}")
    half_comparison(args.scorer, gold, raw_preds, ours_preds)
    seed_comparison(args.scorer)
    words, ms = stage_speed_ms()
    print(f"entities stage on a {words}-word article: {ms:.1f} ms (parse excluded)")


if __name__ == "__main__":
    main()
