"""Turning what the user gives us (pasted text, .txt/.md/.html/.pdf/.docx files) into plain
text plus metadata. Every failure is an `IngestError` whose message is fit for the user."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from newslens.model import Meta

MAX_FILE_BYTES = 20 * 1024 * 1024  # raw upload cap (PDF/DOCX carry more than their text)
MAX_TEXT_CHARS = 2_000_000  # text cap, the same as the analysis cap
MAX_FILES = 20
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


class IngestError(ValueError):
    """Input that cannot be turned into an article; the message is meant for the user."""


@dataclass
class Article:
    text: str
    meta: Meta = field(default_factory=Meta)
    name: str = "article"


def _check_text(text: str, name: str) -> str:
    if not text or not text.strip():
        raise IngestError(f"{name}: no text found in this file")
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            f"{name}: the text is too long ({len(text):,} characters; the limit is "
            f"{MAX_TEXT_CHARS:,})"
        )
    return text


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding: BOMs first, then UTF-8, then cp1252/Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    # UTF-16 without a BOM: every other byte NUL in mostly-ASCII text.
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4:
        return data.decode("utf-16-le", errors="replace")
    if len(data) >= 4 and data[0::2].count(0) > len(data) // 4:
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return "\x00" in sample or controls > len(sample) * 0.05


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def from_plain(data: bytes, name: str) -> Article:
    text = normalise_newlines(decode_text(data))
    if _looks_binary(text):
        raise IngestError(f"{name}: this does not look like a text file")
    title = None
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first and len(first) < 200:
        title = first.lstrip("# ").strip() or None
    return Article(text=_check_text(text, name), meta=Meta(title=title, source=name), name=name)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def from_html(data: bytes, name: str) -> Article:
    import trafilatura

    html = decode_text(data)
    try:
        text = trafilatura.extract(
            html, include_comments=False, include_tables=False, favor_recall=True
        )
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura/lxml raise a variety of parser errors
        raise IngestError(f"{name}: this HTML page could not be read ({exc})") from exc
    if not text:
        raise IngestError(f"{name}: no article text found in this HTML page")
    published = None
    if meta is not None and meta.date and _ISO_DATE.match(meta.date):
        published = meta.date[:10]
    return Article(
        text=_check_text(normalise_newlines(text), name),
        meta=Meta(
            title=(meta.title if meta else None) or None,
            published=published,
            source=(meta.url if meta and meta.url else name),
            byline=(meta.author if meta else None) or None,
        ),
        name=name,
    )


def from_pdf(data: bytes, name: str) -> Article:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except Exception as exc:  # pypdf raises many exception types for broken files
        raise IngestError(f"{name}: this PDF could not be read ({type(exc).__name__})") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise IngestError(f"{name}: no text found in this PDF (is it a scanned image?)")
    title = None
    published = None
    try:
        if info is not None:
            title = info.title or None
            if info.creation_date is not None:
                published = info.creation_date.date().isoformat()
    except Exception:  # metadata is optional; a broken date must not lose the text
        pass
    return Article(
        text=_check_text(normalise_newlines(text), name),
        meta=Meta(title=title, published=published, source=name),
        name=name,
    )


def from_docx(data: bytes, name: str) -> Article:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zipfile/lxml/KeyError on broken files
        raise IngestError(
            f"{name}: this DOCX file could not be read ({type(exc).__name__})"
        ) from exc
    text = "\n".join(p.text for p in document.paragraphs)
    props = document.core_properties
    published = props.created.date().isoformat() if props.created else None
    return Article(
        text=_check_text(normalise_newlines(text).strip("\n"), name),
        meta=Meta(
            title=props.title or None, published=published, source=name, byline=props.author or None
        ),
        name=name,
    )


def load_bytes(data: bytes, name: str) -> Article:
    """An article from an uploaded file's bytes, dispatched on the file name's suffix."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(
            f"{name}: unsupported file type '{suffix or '(none)'}'; use "
            + ", ".join(SUPPORTED_SUFFIXES)
        )
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(
            f"{name}: the file is too large ({len(data) / 1e6:.1f} MB; the limit is "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB)"
        )
    if not data:
        raise IngestError(f"{name}: the file is empty")
    if suffix in (".html", ".htm"):
        return from_html(data, name)
    if suffix == ".pdf":
        return from_pdf(data, name)
    if suffix == ".docx":
        return from_docx(data, name)
    return from_plain(data, name)


def load_path(path: str | Path) -> Article:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise IngestError(f"{path}: is a folder, not a file") from exc
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror})") from exc
    return load_bytes(data, path.name)


def from_paste(text: str, *, published: str | None = None) -> Article:
    text = normalise_newlines(text or "")
    _check_text(text, "pasted text")
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first if 0 < len(first) < 200 else None
    return Article(
        text=text, meta=Meta(title=title, published=published, source="paste"), name="pasted text"
    )
