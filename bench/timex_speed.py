"""Speed of the time-expression stage (parse excluded), per 1,000 words of article.

    .venv/bin/python bench/timex_speed.py [--repeats 20]

Parses each sample article once, then times `extract_timexes` (detection + normalisation)
and `resolve_timexes` (re-anchoring on a new publication date, as the app does when the
user edits it) over the parsed docs. Goal: extraction <= 50 ms per 1,000-word article.
"""

from __future__ import annotations

from common import StageRuns, stage_speed_table


def timex_stage(doc) -> StageRuns:  # noqa: ANN001 - a spaCy Doc
    """Time expressions of `doc` against one publication date, and re-anchored on another."""
    from newslens.timexes import extract_timexes, resolve_timexes

    return (
        lambda: extract_timexes(doc, "2025-05-20"),
        lambda found: resolve_timexes(found, "2024-01-31"),
    )


def main() -> int:
    return stage_speed_table(
        __doc__,
        timex_stage,
        found="timexes",
        again="resolve ms",
        again_digits=2,
        goal="goal: <= 50 ms per 1,000-word article (extraction, parse excluded)",
    )


if __name__ == "__main__":
    raise SystemExit(main())
