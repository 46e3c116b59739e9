"""JSON Lines input for the CLI (`analyze --jsonl`, `target-sentiment --jsonl`): one record
per line, read so that a bad line (not UTF-8, not JSON, nested too deeply, an integer too
long to parse, a lone surrogate, a field of the wrong type) is one message naming its line
and id, and never costs the lines after it."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

ID_TYPES = (str, int, float)


class RecordError(ValueError):
    """A record that cannot be used; the message says why, for the user."""


@dataclass
class Line:
    """One non-blank input line: its record, or why it has none."""

    lineno: int
    record: dict[str, Any] | None = None
    error: str | None = None

    def label(self, path: str) -> str:
        """'IN.jsonl:3 (id "a7")': where the line is, for messages."""
        where = f"{path}:{self.lineno}"
        doc_id = (self.record or {}).get("id")
        if isinstance(doc_id, ID_TYPES) and not isinstance(doc_id, bool):
            return f"{where} (id {json.dumps(doc_id, ensure_ascii=False)[:80]})"
        return where


def read_lines(path: str) -> Iterator[Line]:
    """Every non-blank line of `path` ('-' for stdin) as a `Line`; raises OSError when the
    file cannot be opened. Bytes are decoded line by line, so one non-UTF-8 byte spoils only
    its own line; a UTF-8 byte-order mark before the first line is skipped."""
    handle = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    try:
        for lineno, raw in enumerate(handle, 1):
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            yield parse_line(raw, lineno)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def parse_line(raw: bytes, lineno: int) -> Line:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Line(lineno, error=f"the line is not UTF-8 (byte {raw[exc.start]:#04x})")
    try:
        record = json.loads(line)
    except RecursionError:
        return Line(lineno, error="not a valid input line (JSON nested too deeply)")
    except ValueError as exc:  # JSONDecodeError, and ints over Python's digit limit
        return Line(lineno, error=f"not a valid input line ({_short(exc)})")
    if not isinstance(record, dict):
        return Line(lineno, error="not a valid input line (a line must be a JSON object)")
    return Line(lineno, record=record)


def _short(exc: Exception) -> str:
    message = " ".join(str(exc).split())
    return message if len(message) <= 120 else message[:117] + "..."


def text_field(record: dict[str, Any], key: str = "text") -> str:
    """The record's string field `key`, which must be valid Unicode."""
    if key not in record:
        raise RecordError(f"'{key}' is missing")
    return unicode_string(record[key], key)


def optional_string(record: dict[str, Any], key: str) -> str | None:
    """The record's optional string field `key`; None when absent, null or not a string.
    Such fields are metadata: other data sets use the same names for other things (the
    PLOVER records' `source` is a list of actors), and the text is still worth analysing."""
    value = record.get(key)
    return unicode_string(value, key) if isinstance(value, str) else None


def unicode_string(value: object, key: str) -> str:
    if not isinstance(value, str):
        raise RecordError(f"'{key}' is not a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate such as "\ud800" in the JSON
        raise RecordError(
            f"'{key}' holds a character that is not valid Unicode (at position {exc.start})"
        ) from exc
    return value


def record_id(record: dict[str, Any], lineno: int) -> str:
    """The record's 'id' as a string (its line number when it has none)."""
    doc_id = record.get("id", lineno)
    if doc_id is None:
        return str(lineno)
    if isinstance(doc_id, bool) or not isinstance(doc_id, ID_TYPES):
        raise RecordError("'id' must be a string or a number")
    return unicode_string(str(doc_id), "id")
