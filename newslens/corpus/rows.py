"""One `Analysis` as rows of the corpus tables (plain dicts, then Arrow tables).

Everything here is deterministic in the analysis: no clocks, no hosts, no random ids, and
floats rounded, so the same article gives the same rows in any process on any machine.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from newslens.corpus.names import entity_key
from newslens.corpus.schema import PARTITION, TABLES, UNKNOWN_MONTH, with_partition
from newslens.model import Analysis

SCORE_DIGITS = 4  # stance class scores are rounded: equal across runs, ample for charts
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A crude sentence splitter, only for analyses that come without their parse (the library).
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[\"\u201c(A-Z0-9])|\n\s*\n")

Rows = dict[str, list[dict[str, Any]]]


@dataclass
class ArticleInfo:
    """What the input says about an article besides its text."""

    article_id: str
    content_hash: str
    outlet: str | None = None
    url: str | None = None
    source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def day(value: str | None) -> dt.date | None:
    if value and _DAY.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def month_of(published: dt.date | None) -> str:
    return published.strftime("%Y-%m") if published else UNKNOWN_MONTH


def rough_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation, for analyses saved without their parse."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            bounds.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text.rstrip())))
    return bounds


def empty_rows() -> Rows:
    return {name: [] for name in TABLES}


def analysis_rows(
    analysis: Analysis, info: ArticleInfo, sentences: Sequence[tuple[int, int]], rows: Rows
) -> None:
    """Append the article's rows to `rows` (one list per table)."""
    published = day(analysis.meta.published)
    month = month_of(published)
    aid = info.article_id
    keys = {"article_id": aid, "outlet": info.outlet, "published": published}
    text = analysis.text
    cluster_keys = {c.id: entity_key(c.name) for c in analysis.entity_clusters}
    starts = [s for s, _ in sentences]

    def sentence_of(offset: int) -> int | None:
        i = bisect.bisect_right(starts, offset) - 1
        return i if i >= 0 and offset < sentences[i][1] else None

    rows["articles"].append(
        {
            "article_id": aid,
            "content_hash": info.content_hash,
            "title": analysis.meta.title,
            "published": published,
            "outlet": info.outlet,
            "source": info.source or analysis.meta.source,
            "url": info.url,
            "byline": analysis.meta.byline,
            "n_chars": len(text),
            "n_words": len(text.split()),
            "n_sentences": len(sentences),
            "n_entities": len(analysis.entity_clusters),
            "n_mentions": len(analysis.entities),
            "n_quotes": len(analysis.quotes),
            "n_events": len(analysis.events),
            "n_timexes": len(analysis.timexes),
            "text": text,
            PARTITION: month,
        }
    )
    for i, (start, end) in enumerate(sentences):
        rows["sentences"].append(
            {"article_id": aid, "sentence": i, "start": start, "end": end, PARTITION: month}
        )
    for cluster in analysis.entity_clusters:
        rows["entities"].append(
            {
                **keys,
                "entity_id": cluster.id,
                "key": cluster_keys[cluster.id],
                "name": cluster.name,
                "label": cluster.label,
                "n_mentions": len(cluster.mentions),
                "first_start": min((m[0] for m in cluster.mentions), default=None),
                PARTITION: month,
            }
        )
    stance = {(s.entity_id, m.start, m.end): m for s in analysis.stance for m in s.mentions}
    for i, mention in enumerate(analysis.entities):
        answer = stance.get((mention.entity_id, mention.start, mention.end))
        scores = answer.scores if answer else {}
        sent = sentence_of(mention.start)
        rows["mentions"].append(
            {
                **keys,
                "mention_index": i,
                "entity_id": mention.entity_id,
                "key": cluster_keys.get(mention.entity_id) or entity_key(mention.text),
                "label": mention.label,
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "sentence": sent,
                "sentence_start": sentences[sent][0] if sent is not None else None,
                "sentence_end": sentences[sent][1] if sent is not None else None,
                "polarity": answer.polarity if answer else None,
                "p_negative": _score(scores, "negative"),
                "p_neutral": _score(scores, "neutral"),
                "p_positive": _score(scores, "positive"),
                PARTITION: month,
            }
        )
    for i, quote in enumerate(analysis.quotes):
        speaker = quote.speaker
        speaker_key = None
        if speaker is not None:
            speaker_key = cluster_keys.get(speaker.entity_id or "") or entity_key(
                speaker.name or speaker.text
            )
        rows["quotes"].append(
            {
                **keys,
                "quote_index": i,
                "start": quote.start,
                "end": quote.end,
                "text": quote.text,
                "kind": quote.kind,
                "n_words": len(quote.text.split()),
                "speaker_text": speaker.text if speaker else None,
                "speaker_name": speaker.name if speaker else None,
                "speaker_entity_id": speaker.entity_id if speaker else None,
                "speaker_key": speaker_key,
                "cue": quote.cue.text if quote.cue else None,
                "cue_start": quote.cue.start if quote.cue else None,
                "cue_end": quote.cue.end if quote.cue else None,
                PARTITION: month,
            }
        )
    for position in analysis.positions:
        rows["positions"].append(
            {
                **keys,
                "quote_index": position.quote_index,
                "speaker_entity_id": position.speaker_entity_id,
                "speaker_key": cluster_keys.get(position.speaker_entity_id),
                "target_entity_id": position.target_entity_id,
                "target_key": cluster_keys.get(position.target_entity_id),
                "polarity": position.polarity,
                PARTITION: month,
            }
        )
    for i, event in enumerate(analysis.events):
        row = {
            **keys,
            "event_index": i,
            "start": event.start,
            "end": event.end,
            "action": event.action,
            "phrase": event.phrase,
            "negated": event.negated,
        }
        for role in ("actor", "target", "place"):
            ref = getattr(event, role)
            row[f"{role}_text"] = ref.text if ref else None
            row[f"{role}_entity_id"] = ref.entity_id if ref else None
            row[f"{role}_key"] = (
                (cluster_keys.get(ref.entity_id or "") or entity_key(ref.text)) if ref else None
            )
        date = event.date
        row.update(
            {
                "date_text": date.text if date else None,
                "date_value": date.value if date else None,
                "event_date": day(date.value) if date else None,
                "cameo_code": event.cameo.code if event.cameo else None,
                "cameo_name": event.cameo.name if event.cameo else None,
                "goldstein": event.cameo.goldstein if event.cameo else None,
                PARTITION: month,
            }
        )
        rows["events"].append(row)
    for i, timex in enumerate(analysis.timexes):
        rows["timexes"].append(
            {
                **keys,
                "timex_index": i,
                "start": timex.start,
                "end": timex.end,
                "text": timex.text,
                "type": timex.type,
                "value": timex.value,
                "date": day(timex.value),
                PARTITION: month,
            }
        )


def error_row(rows: Rows, *, source: str, article_id: str | None, stage: str, reason: str) -> None:
    rows["errors"].append(
        {
            "source": source,
            "article_id": article_id,
            "stage": stage,
            "reason": " ".join(str(reason).split()),
            PARTITION: UNKNOWN_MONTH,
        }
    )


def _score(scores: dict[str, float], label: str) -> float | None:
    value = scores.get(label)
    return round(float(value), SCORE_DIGITS) if value is not None else None


def to_tables(rows: Rows) -> dict[str, pa.Table]:
    """Arrow tables (with the partition column) from the row lists."""
    return {
        name: pa.Table.from_pylist(rows.get(name, []), schema=with_partition(schema))
        for name, schema in TABLES.items()
    }
