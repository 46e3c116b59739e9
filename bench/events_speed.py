"""Speed of the event stage (parse and the other stages excluded), per 1,000 words.

    .venv/bin/python bench/events_speed.py [--repeats 20]

Parses each sample article (and a ~1,000-word article made of their paragraphs) once, runs
the stages events depend on (entities, timexes, quotes), then times `extract_events` and
`redate_events` over the parsed docs. Times are the best of --repeats runs, the least
disturbed by other load on the machine. Goal: a few ms per 1,000 words.
"""

from __future__ import annotations

from common import StageRuns, stage_speed_table

DCT = "2025-05-20"


def events_stage(doc) -> StageRuns:  # noqa: ANN001 - a spaCy Doc
    """Event extraction on `doc`, after the stages it depends on, and redating its events."""
    from newslens.entities import extract_entities
    from newslens.events import extract_events, redate_events
    from newslens.quotes import extract_quotes
    from newslens.timexes import extract_timexes

    mentions, clusters = extract_entities(doc)
    timexes = extract_timexes(doc, DCT)
    quotes = extract_quotes(doc, mentions, clusters)
    return (
        lambda: extract_events(doc, mentions, clusters, timexes, quotes),
        lambda found: redate_events(found, timexes),
    )


def main() -> int:
    return stage_speed_table(
        __doc__,
        events_stage,
        found="events",
        again="redate ms",
        again_digits=3,
        goal="goal: a few ms per 1,000 words (extraction, parse excluded)",
    )


if __name__ == "__main__":
    raise SystemExit(main())
