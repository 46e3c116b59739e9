"""The analysis as data: one CSV table per kind of finding, the whole analysis as JSON, and a
ZIP of all of it. Every CSV cell that a spreadsheet would run as a formula is escaped."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from newslens.events.display import action_text
from newslens.model import Analysis

# Cells starting with these are formulas to Excel/LibreOffice/Sheets (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell no spreadsheet runs as a formula: spreadsheets skip leading blanks and
    read full-width signs ("＝", "＋") as the ASCII ones, so the first character that is not
    blank, made ASCII-compatible (NFKC), is what counts."""
    if isinstance(value, str):
        first = unicodedata.normalize("NFKC", value.lstrip()[:1])
        if value.startswith(FORMULA_PREFIXES) or first.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def _csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell("" if v is None else v) for v in row])
    return out.getvalue()


def entities_csv(analysis: Analysis) -> str:
    return _csv(
        ["start", "end", "text", "label", "entity_id", "entity_name"],
        (
            [m.start, m.end, m.text, m.label, m.entity_id, analysis.name_of(m.entity_id)]
            for m in analysis.entities
        ),
    )


def clusters_csv(analysis: Analysis) -> str:
    return _csv(
        ["entity_id", "name", "label", "mention_count", "mentions"],
        (
            [c.id, c.name, c.label, len(c.mentions), ";".join(f"{s}-{e}" for s, e in c.mentions)]
            for c in analysis.entity_clusters
        ),
    )


def quotes_csv(analysis: Analysis) -> str:
    def row(i: int, q: Any) -> list[Any]:
        sp = q.speaker
        return [
            i,
            q.start,
            q.end,
            q.kind,
            q.text,
            sp.name if sp else "",
            sp.entity_id if sp else "",
            sp.text if sp else "",
            q.cue.text if q.cue else "",
        ]

    return _csv(
        [
            "index",
            "start",
            "end",
            "kind",
            "text",
            "speaker_name",
            "speaker_entity_id",
            "speaker_text",
            "cue",
        ],
        (row(i, q) for i, q in enumerate(analysis.quotes)),
    )


def timexes_csv(analysis: Analysis) -> str:
    return _csv(
        ["start", "end", "text", "type", "value"],
        ([t.start, t.end, t.text, t.type, t.value] for t in analysis.timexes),
    )


def events_csv(analysis: Analysis) -> str:
    def row(e: Any) -> list[Any]:
        return [
            e.start,
            e.end,
            e.actor.text if e.actor else "",
            e.actor.entity_id if e.actor else "",
            e.action,
            e.phrase,
            e.target.text if e.target else "",
            e.target.entity_id if e.target else "",
            e.place.text if e.place else "",
            e.date.text if e.date else "",
            e.date.value if e.date else "",
            e.negated,
            action_text(e),
            e.modality,
            e.source.text if e.source else "",
            e.category,
            e.cameo.code if e.cameo else "",
            e.cameo.name if e.cameo else "",
            e.cameo.goldstein if e.cameo else "",
            analysis.text[e.start : e.end],
        ]

    return _csv(
        [
            "start",
            "end",
            "actor",
            "actor_entity_id",
            "action",
            "phrase",
            "target",
            "target_entity_id",
            "place",
            "date_text",
            "date_value",
            "negated",
            "action_text",
            "modality",
            "reported_by",
            "category",
            "cameo_code",
            "cameo_name",
            "goldstein",
            "sentence",
        ],
        (row(e) for e in analysis.events),
    )


def stance_csv(analysis: Analysis) -> str:
    """One row per entity: how it is portrayed (counts of mentions by polarity, net score)."""
    return _csv(
        ["entity_id", "name", "mentions", "negative", "neutral", "positive", "net"],
        (
            [
                s.entity_id,
                s.name,
                len(s.mentions),
                s.portrayal.get("negative", ""),
                s.portrayal.get("neutral", ""),
                s.portrayal.get("positive", ""),
                s.portrayal.get("net", ""),
            ]
            for s in analysis.stance
        ),
    )


def stance_mentions_csv(analysis: Analysis) -> str:
    return _csv(
        [
            "entity_id",
            "name",
            "start",
            "end",
            "text",
            "polarity",
            "negative",
            "neutral",
            "positive",
        ],
        (
            [
                s.entity_id,
                s.name,
                m.start,
                m.end,
                analysis.text[m.start : m.end],
                m.polarity,
                m.scores.get("negative", ""),
                m.scores.get("neutral", ""),
                m.scores.get("positive", ""),
            ]
            for s in analysis.stance
            for m in s.mentions
        ),
    )


def positions_csv(analysis: Analysis) -> str:
    return _csv(
        ["speaker_entity_id", "speaker", "target_entity_id", "target", "quote_index", "polarity"],
        (
            [
                p.speaker_entity_id,
                analysis.name_of(p.speaker_entity_id),
                p.target_entity_id,
                analysis.name_of(p.target_entity_id),
                p.quote_index,
                p.polarity,
            ]
            for p in analysis.positions
        ),
    )


CSV_TABLES: dict[str, Callable[[Analysis], str]] = {
    "entities": entities_csv,
    "entity_clusters": clusters_csv,
    "quotes": quotes_csv,
    "events": events_csv,
    "timexes": timexes_csv,
    "stance": stance_csv,
    "stance_mentions": stance_mentions_csv,
    "positions": positions_csv,
}


def analysis_json(analysis: Analysis) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2)


def data_zip(analysis: Analysis) -> bytes:
    """Every CSV table plus the whole analysis as JSON, in one ZIP."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, table in CSV_TABLES.items():
            # utf-8-sig so that Excel opens non-ASCII names correctly.
            archive.writestr(f"{name}.csv", table(analysis).encode("utf-8-sig"))
        archive.writestr("analysis.json", analysis_json(analysis).encode("utf-8"))
    return out.getvalue()
