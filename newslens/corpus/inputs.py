"""What a corpus is built from: folders and files (through `newslens.ingest`), JSONL lines,
and the saved library. Each input becomes an `InputArticle` or a `ReadError`.

JSONL lines: ``{"id", "text", "published"?, "source"?/"outlet"?, "url"?, "title"?, "byline"?}``
(``source`` names the outlet when ``outlet`` is absent). PolNeAR ids
(``nyt_2016-09-12_visa-program…``) carry the outlet and the date: `polnear_meta` reads them,
and ``corpus build --polnear-ids`` fills in what a line does not say.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlparse

from newslens.ingest import SUPPORTED_SUFFIXES, IngestError, iso_date, load_path

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_POLNEAR_ID = re.compile(r"^([a-z][a-z0-9-]*)_(\d{4}-\d{2}-\d{2})_")


@dataclass
class InputArticle:
    article_id: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None
    source: str | None = None  # where it was read: path, path:line, library:ID
    byline: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ReadError:
    source: str
    reason: str


def polnear_meta(article_id: str) -> tuple[str, str] | None:
    """('nyt', '2016-09-12') from 'nyt_2016-09-12_visa-program-...'; None otherwise."""
    match = _POLNEAR_ID.match(article_id)
    if not match or iso_date(match.group(2)) is None:
        return None
    return match.group(1), match.group(2)


def outlet_of_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def _text_field(record: dict, *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def read_jsonl(path: Path) -> Iterator[InputArticle | ReadError]:
    with contextlib.ExitStack() as files:
        try:
            handle = files.enter_context(open(path, encoding="utf-8"))
        except OSError as exc:
            yield ReadError(str(path), f"cannot be read ({exc.strerror or exc})")
            return
        lineno = 0
        try:
            for lineno, line in enumerate(handle, 1):  # noqa: B007 (used after the loop)
                if not line.strip():
                    continue
                where = f"{path}:{lineno}"
                try:
                    record = json.loads(line)
                    if not isinstance(record, dict):
                        raise TypeError("the line is not a JSON object")
                    text = record["text"]
                    if not isinstance(text, str):
                        raise TypeError("'text' is not a string")
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    yield ReadError(where, f"not a valid input line ({exc})")
                    continue
                url = _text_field(record, "url")
                yield InputArticle(
                    article_id=str(record.get("id") or f"{path.name}:{lineno}"),
                    text=text,
                    title=_text_field(record, "title"),
                    published=iso_date(record.get("published")),
                    outlet=_text_field(record, "outlet", "source") or outlet_of_url(url),
                    url=url,
                    source=where,
                    byline=_text_field(record, "byline", "author"),
                )
        except UnicodeDecodeError as exc:
            yield ReadError(f"{path}:{lineno + 1}", f"not UTF-8 text ({exc.reason})")


def read_file(path: Path, *, article_id: str) -> InputArticle | ReadError:
    try:
        article = load_path(path)
    except IngestError as exc:
        return ReadError(str(path), str(exc))
    return InputArticle(
        article_id=article_id,
        text=article.text,
        title=article.meta.title,
        published=article.meta.published,
        source=str(path),
        byline=article.meta.byline,
    )


def read_sources(
    sources: list[str], *, outlet: str | None = None, polnear_ids: bool = False
) -> Iterator[InputArticle | ReadError]:
    """Every article of the sources in a stable order (folders sorted by path)."""
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = sorted(
                f
                for f in path.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES + JSONL_SUFFIXES
            )
            items = (
                item
                for f in files
                for item in _read_one(f, article_id=f.relative_to(path).as_posix())
            )
        elif path.exists():
            items = _read_one(path, article_id=path.name)
        else:
            items = iter([ReadError(str(path), "no such file or folder")])
        for item in items:
            if isinstance(item, InputArticle):
                _fill(item, outlet=outlet, polnear_ids=polnear_ids)
            yield item


def _read_one(path: Path, *, article_id: str) -> Iterator[InputArticle | ReadError]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(path)
    else:
        yield read_file(path, article_id=article_id)


def _fill(item: InputArticle, *, outlet: str | None, polnear_ids: bool) -> None:
    if polnear_ids and (meta := polnear_meta(item.article_id)):
        item.outlet = item.outlet or meta[0]
        item.published = item.published or meta[1]
    item.outlet = item.outlet or outlet


def read_library(path: str | None) -> Iterator[tuple[InputArticle, object]]:
    """(article, saved Analysis) for each library entry, oldest first, without re-analysis."""
    from newslens.library import Library

    library = Library(path)
    for entry in reversed(library.list()):
        analysis = library.load(entry.id)
        meta = analysis.meta
        url = meta.source if (meta.source or "").startswith(("http://", "https://")) else None
        yield (
            InputArticle(
                article_id=analysis.id,
                text=analysis.text,
                title=meta.title,
                published=iso_date(meta.published),
                outlet=outlet_of_url(url),
                url=url,
                source=f"library:{entry.id}",
                byline=meta.byline,
            ),
            analysis,
        )
