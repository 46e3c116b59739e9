"""How fast each corpus view's questions are answered by `newslens.corpus.explore` (no
browser): the median of `--repeat` runs of every question a view asks on first showing,
with the default filters and with one outlet, plus the one-time cost of opening the corpus
(views and the cross-article identity).

    .venv/bin/python bench/corpus_views_speed.py /tmp/polnear-corpus /tmp/newslens-synthetic

The synthetic corpus is bench/corpus_bench.py's (the PolNeAR corpus replicated with new ids
and dates shifted by a week per replica: 1 M quote rows, 5.9 M mention rows). Goal: each view
<= 2 s on it (<= 0.5 s in the browser on the 840-article corpus: bench/corpus_ui_speed.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import write_report  # noqa: E402

from newslens.corpus.explore import Explorer, Filters  # noqa: E402

GOAL_S = 2.0


def views(x: Explorer, f: Filters) -> dict:
    """Each view's questions, as the page asks them on first showing."""

    def voice() -> None:
        top = x.share_of_voice(f, top=20)
        x.voice_by_outlet(f, speakers=list(top["speaker"]))
        x.quotes_of(f, speaker=top["speaker"].iloc[0])

    def portrayal() -> None:
        actors = x.actors(f, top=60)
        actor = actors["actor"].iloc[0]
        x.portrayal(f, actor=actor)
        x.portrayal_evidence(f, actor=actor)

    def overview() -> None:
        x.date_range()
        x.outlets()
        x.actors(Filters(), top=200)
        x.headline_counts(f)
        x.articles_per_week(f)

    def compare() -> None:
        stories, members, _ = x.stories(f)
        ids = list(members[members["story"] == stories["story"].iloc[0]]["article_id"])[:4]
        x.compare(ids)

    return {
        "Corpus overview": overview,
        "Share of voice": voice,
        "Portrayal over time": portrayal,
        "Who speaks about whom": lambda: x.who_about_whom(f, top=15),
        "Events across articles": lambda: x.event_items(f, min_articles=2),
        "Stories": lambda: x.stories(f),
        "Compare coverage (a story's articles)": compare,
    }


def measure(path: str, *, repeat: int) -> dict:
    t0 = time.perf_counter()
    x = Explorer.open(path)
    opened = time.perf_counter() - t0
    outlet = x.outlets()[0]
    out: dict = {"corpus": path, "open_s": round(opened, 3)}
    for label, f in (("all", Filters()), (f"outlet={outlet}", Filters(outlets=(outlet,)))):
        timings = {}
        for name, fn in views(x, f).items():
            runs = []
            for _ in range(repeat):
                t = time.perf_counter()
                fn()
                runs.append(time.perf_counter() - t)
            timings[name] = round(statistics.median(runs), 3)
        out[label] = timings
    out["rows"] = {
        t: int(x.sql(f"SELECT count(*) AS n FROM {t}")["n"].iloc[0])
        for t in ("articles", "quotes", "mentions", "events")
    }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report = {
        "cpus": os.cpu_count(),
        "load_average_1_5_15": [round(v, 1) for v in os.getloadavg()],
        "goal_s": GOAL_S,
        "corpora": [measure(c, repeat=args.repeat) for c in args.corpora],
    }
    write_report(report, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
