"""What the per-stage speed scripts share: the sample articles, a ~1,000-word article made of
their paragraphs, and best-of-N timing (the run least disturbed by other load)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


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
