"""PolNeAR-like articles made in the tests: ids `outlet_YYYY-MM-DD_slug`, a few actors who
speak about each other in direct and reported speech, dates across months and weeks, and one
dated event that every article reports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

OUTLETS = ("nyt", "wash-post", "breitbart", "politico")
SPEAKERS = (
    ("Hillary Clinton", "Clinton"),
    ("Donald Trump", "Trump"),
    ("Paul Ryan", "Ryan"),
    ("Elizabeth Warren", "Warren"),
    ("Mitch McConnell", "McConnell"),
)
TOPICS = ("trade deal", "tax plan", "border wall", "health law", "visa program")
VERDICTS = ("a disaster", "a great success", "a reasonable start", "a betrayal of voters")
PLACES = ("Ohio", "Iowa", "Florida", "Nevada")


def article(i: int) -> dict:
    outlet = OUTLETS[i % len(OUTLETS)]
    published = dt.date(2016, 1, 4) + dt.timedelta(days=9 * i)
    (speaker, surname) = SPEAKERS[i % len(SPEAKERS)]
    (target, target_surname) = SPEAKERS[(i + 2) % len(SPEAKERS)]
    topic = TOPICS[i % len(TOPICS)]
    verdict = VERDICTS[i % len(VERDICTS)]
    place = PLACES[i % len(PLACES)]
    slug = f"{topic.replace(' ', '-')}-{i}"
    text = (
        f"{speaker} attacks {target_surname} over the {topic}.\n\n"
        f"{place.upper()} — {speaker} said on Monday that the {topic} proposed by "
        f"{target} was {verdict}.\n\n"
        f"“{target_surname} has failed the people of {place} again and again,” {surname} told "
        f"a crowd in {place} on Tuesday. “We will not accept it.”\n\n"
        f"{target} met with governors in Washington on {published:%B} {published.day}, "
        f"{published.year}, and praised the {topic} as a fair compromise.\n\n"
        f"According to {target_surname}, the plan will create thousands of jobs by next year. "
        f"{surname} said {target_surname} was wrong about the numbers.\n\n"
        # one happening that every article reports: an event across outlets
        "Congress approved the budget on March 1, 2016.\n"
    )
    return {"id": f"{outlet}_{published.isoformat()}_{slug}", "text": text}


def polnear_like(n: int) -> list[dict]:
    return [article(i) for i in range(n)]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path
