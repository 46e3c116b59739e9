"""Compare coverage: what each of 2-4 articles gives and leaves out, next to the others.

For each article: the speakers it quotes (shared with another chosen article, or only here),
its portrayal of each actor that at least two of the articles name (mean stance of its
mentions), the events it reports (one event = the same actor, action and target, actors
joined across articles by `identity`) and the events the others report that it omits, and the
dates and numbers it gives. Every item carries the character span of its evidence in that
article (the quote, or the sentence), so the view can light it in the article's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

from newslens.corpus.explore import Explorer, numbers_in

MAX_ARTICLES = 4
PORTRAYED_LABELS = ("PERSON", "ORG", "NORP")  # whose portrayal is compared (not places)
POLARITY_WORDS = {-1: "negative", 0: "neutral", 1: "positive"}
# One event across articles: actor, action, target, negated.
EventKey = tuple[str, str, str, bool]


@dataclass
class ArticleCoverage:
    article_id: str
    outlet: str | None
    published: object
    title: str
    text: str
    speakers: pd.DataFrame  # speaker, name, quotes, status, spans (list of (start, end))
    items: pd.DataFrame  # kind, item, status, detail, start, end (evidence; -1: none)


def _sentence_of(sentences: pd.DataFrame, start: int, end: int) -> tuple[int, int]:
    hit: pd.DataFrame = sentences.loc[(sentences["start"] <= start) & (sentences["end"] >= end)]
    if hit.empty:
        return int(start), int(end)
    return int(hit["start"].iloc[0]), int(hit["end"].iloc[0])


def _net_word(net: float) -> str:
    if net <= -0.34:
        return "negative"
    if net >= 0.34:
        return "positive"
    return "mixed/neutral"


def compare(x: Explorer, article_ids: list[str]) -> list[ArticleCoverage]:
    """The coverage of each article (in the order given; unknown ids are skipped)."""
    ids = list(dict.fromkeys(article_ids))[:MAX_ARTICLES]
    quotes = x.article_rows("quotes", ids)
    mentions = x.article_rows("mentions", ids)
    events = x.article_rows("events", ids)
    timexes = x.article_rows("timexes", ids)
    sentences = x.article_rows("sentences", ids)

    speakers_in = _articles_per(quotes, "speaker")
    actors_in = _articles_per(mentions, "actor")
    shared_actors = sorted(actor for actor, n in actors_in.items() if n >= 2)
    events = events.assign(
        event_key=[
            (a if isinstance(a, str) else "", act or "", t if isinstance(t, str) else "", bool(n))
            for a, act, t, n in zip(
                events["actor"],
                events["action"],
                events["target"],
                events["negated"],
                strict=True,
            )
        ]
    )
    events = events.loc[events["event_key"].map(lambda k: bool(k[0] or k[2]))]
    event_articles = _articles_per(events, "event_key")

    rows = x.articles_meta(ids)
    texts = x.texts(ids)
    metas = {
        aid: ({**rows[aid], "text": texts.get(aid, "")} if aid in rows else None) for aid in ids
    }
    outlet_of = {aid: (m or {}).get("outlet") or aid for aid, m in metas.items()}
    out = []
    for aid in ids:
        meta = metas[aid]
        if meta is None:
            continue
        sents: pd.DataFrame = sentences.loc[sentences["article_id"] == aid]
        q: pd.DataFrame = quotes.loc[(quotes["article_id"] == aid) & quotes["speaker"].notna()]
        speakers = []
        for speaker, rows in q.groupby("speaker", sort=False):
            speakers.append(
                {
                    "speaker": speaker,
                    "name": x.name(cast(str, speaker)),
                    "quotes": len(rows),
                    "status": "shared" if speakers_in.get(speaker, 0) >= 2 else "only here",
                    "spans": [
                        (int(s), int(e)) for s, e in zip(rows["start"], rows["end"], strict=True)
                    ],
                }
            )
        speakers_frame = pd.DataFrame(
            speakers, columns=["speaker", "name", "quotes", "status", "spans"]
        ).sort_values(["status", "quotes", "name"], ascending=[True, False, True])

        items: list[dict] = []
        m: pd.DataFrame = mentions.loc[
            (mentions["article_id"] == aid)
            & mentions["actor"].isin(shared_actors)
            & mentions["label"].isin(PORTRAYED_LABELS)
            & mentions["polarity"].notna()
        ]
        for actor, rows in m.groupby("actor"):
            polarity = cast(pd.Series, rows["polarity"])
            net = float(polarity.mean())
            strongest = rows.iloc[int((polarity - net).abs().argmin())]
            items.append(
                {
                    "kind": "portrayal",
                    "item": x.name(cast(str, actor)),
                    "status": "shared",
                    "detail": f"{_net_word(net)} (net {net:+.2f}, {len(rows)} mentions)",
                    "start": int(strongest["sentence_start"]),
                    "end": int(strongest["sentence_end"]),
                }
            )
        e: pd.DataFrame = events.loc[events["article_id"] == aid]
        seen_keys = set()
        for row in _records(e):
            if row["event_key"] in seen_keys:
                continue
            seen_keys.add(row["event_key"])
            start, end = _sentence_of(sents, int(row["start"]), int(row["end"]))
            date = row["event_date"]
            items.append(
                {
                    "kind": "event",
                    "item": _event_label(x, row["event_key"]),
                    "status": "shared"
                    if event_articles.get(row["event_key"], 0) >= 2
                    else "only here",
                    "detail": f"dated {pd.Timestamp(date):%Y-%m-%d}" if pd.notna(date) else "",
                    "start": start,
                    "end": end,
                }
            )
        others: pd.DataFrame = events.loc[
            (events["article_id"] != aid) & ~events["event_key"].isin(list(seen_keys))
        ]
        for key, rows in others.groupby("event_key", sort=False):
            items.append(
                {
                    "kind": "event omitted",
                    "item": _event_label(x, cast(EventKey, key)),
                    "status": "omitted here",
                    "detail": "reported by "
                    + ", ".join(sorted({str(outlet_of[a]) for a in rows["article_id"]})),
                    "start": -1,
                    "end": -1,
                }
            )
        t: pd.DataFrame = timexes.loc[timexes["article_id"] == aid]
        for row in _records(t):
            start, end = _sentence_of(sents, int(row["start"]), int(row["end"]))
            items.append(
                {
                    "kind": "date",
                    "item": str(row["text"]),
                    "status": "",
                    "detail": str(row["value"] or ""),
                    "start": start,
                    "end": end,
                }
            )
        text = meta["text"] or ""
        for sent in _records(sents):
            for number in numbers_in(text[int(sent["start"]) : int(sent["end"])]):
                items.append(
                    {
                        "kind": "number",
                        "item": number,
                        "status": "",
                        "detail": "",
                        "start": int(sent["start"]),
                        "end": int(sent["end"]),
                    }
                )
        out.append(
            ArticleCoverage(
                article_id=aid,
                outlet=meta["outlet"],
                published=meta["published"],
                title=meta["title"] or aid,
                text=text,
                speakers=speakers_frame.reset_index(drop=True),
                items=pd.DataFrame(
                    items, columns=["kind", "item", "status", "detail", "start", "end"]
                ),
            )
        )
    return out


def _articles_per(frame: pd.DataFrame, column: str) -> dict[Any, int]:
    """How many articles each value of `column` occurs in (missing values left out)."""
    counts = cast(pd.Series, frame.dropna(subset=[column]).groupby(column)["article_id"].nunique())
    return {key: int(n) for key, n in counts.items()}


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of `frame` as dicts, column name -> value."""
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def _event_label(x: Explorer, key: EventKey) -> str:
    actor, action, target, negated = key
    verb = f"not {action}" if negated else action
    return " ".join(p for p in (x.name(actor) or "(someone)", verb, x.name(target)) if p)
