"""What the speed scripts share: the sample articles, a ~1,000-word article made of their
paragraphs, best-of-N timing (the run least disturbed by other load), the table of a stage's
speed per 1,000 words, and the JSON report of the corpus scripts."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# The evaluation kit sits beside the checkout (../shared), two levels up from a worktree, or
# inside the copy of the tree that the device machine gets (shared/).
EVAL = next(
    (
        p / "shared" / "eval"
        for p in (ROOT.parent, ROOT.parent.parent, ROOT)
        if (p / "shared" / "eval").is_dir()
    ),
    ROOT.parent / "shared" / "eval",
)


def thousand_word_article(texts: list[str], *, sep: str = "\n", words: int = 1000) -> str:
    """About 1,000 (or `words`) words of real news text, whole paragraphs, from the given
    articles (repeated when they are shorter)."""
    paragraphs = [p for text in texts for p in text.split("\n") if p.strip()]
    out: list[str] = []
    count = 0
    while count < words:
        for p in paragraphs:
            out.append(p)
            count += len(p.split())
            if count >= words:
                break
    return sep.join(out)


def sample_articles() -> list[tuple[str, str]]:
    """(name, text) of each .txt sample article, then the ~1,000-word article."""
    paths = sorted(SAMPLES.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    articles = [(p.name, t) for p, t in zip(paths, texts, strict=True)]
    articles.append(("1000-word article", thousand_word_article(texts)))
    return articles


def best_of(repeats: int, func: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


# A stage to time on one parsed doc: (extract, again), where `extract()` runs the stage and
# returns what it found, and `again(found)` is the stage's cheap second step on that.
StageRuns = tuple[Callable[[], list], Callable[[list], object]]


def stage_speed_table(
    doc: str,
    stage: Callable[[Any], StageRuns],
    *,
    found: str,
    again: str,
    again_digits: int,
    goal: str,
) -> int:
    """The main of a stage's speed script (`doc` is its docstring; --repeats, default 20):
    parses each sample article once, then prints per article its words, how many `found`,
    the best time of the stage's extraction in ms and per 1,000 words, and of its second step
    (column `again`); then the `goal`. `stage(doc)` gives the two runs on a parsed doc."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    from newslens.nlp import load_nlp

    nlp = load_nlp()
    articles = sample_articles()
    print(f"{'article':42s} {'words':>6s} {found:>{len(found)}s} {'extract ms':>10s} "
          f"{'ms/1k words':>11s} {again:>{len(again)}s}")  # fmt: skip
    for name, text in articles:
        parsed = nlp(text)
        words = len(text.split())
        extract, then = stage(parsed)
        results = extract()
        extract_s = best_of(args.repeats, extract)
        again_s = best_of(args.repeats, lambda r=results, t=then: t(r))
        print(
            f"{name[:42]:42s} {words:6d} {len(results):{len(found)}d} {extract_s * 1000:10.2f} "
            f"{extract_s * 1000 * 1000 / words:11.2f} "
            f"{again_s * 1000:{len(again)}.{again_digits}f}"
        )
    print(goal)
    return 0


def write_report(report: dict, path: Path | None) -> None:
    """The report as indented JSON on stdout and, when a path is given, in that file."""
    text = json.dumps(report, indent=1)
    print(text)
    if path:
        path.write_text(text + "\n", encoding="utf-8")
