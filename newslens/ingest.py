"""Turning what the user gives us (pasted text, .txt/.md/.html/.pdf/.docx files) into plain
text plus metadata. Every failure is an `IngestError` whose message is fit for the user."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import logging
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, cast

from newslens.model import Meta

if TYPE_CHECKING:
    from pypdf import PageObject

# pypdf logs its parser complaints ("EOF marker not found") to stderr; our IngestError already
# says what went wrong in one line, which is all the user (and the CLI contract) should see.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

MAX_FILE_BYTES = 20 * 1024 * 1024  # raw upload cap (PDF/DOCX carry more than their text)
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # several files at once
# Longer texts are refused, never truncated, both here and by the analysis
# (newslens.pipeline); spaCy's own limit (nlp.max_length) is the same.
MAX_TEXT_CHARS = 1_000_000
MAX_FILES = 20
# Bounds on what a file unpacks to, checked before it is parsed (a small file can be a bomb).
MAX_HTML_BYTES = 2 * 1024 * 1024  # extraction takes 3-10 s per MB; news pages are under
FAST_HTML_BYTES = 512 * 1024  # above this, trafilatura skips its comparison extractors
MAX_PDF_PAGES = 1_000  # a 1 M-character article is ~400 dense pages
MAX_DOCX_ENTRIES = 2_000  # parts in the zip
MAX_DOCX_UNZIPPED = 32 * 1024 * 1024  # all parts together, as the zip declares them
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
TITLE_MAX_CHARS = 200


class IngestError(ValueError):
    """Input that cannot be turned into an article; the message is meant for the user."""


def megabytes(n: int) -> str:
    """A size for a message, in MB of 2**20 bytes, rounded up to a tenth: a file just over
    a 20 MB limit reads "20.1 MB", never "20.0 MB" (or "21.3 MB; the limit is 21 MB")."""
    tenths = -(-n * 10 // 2**20)
    return f"{tenths // 10}.{tenths % 10} MB"


def _too_large(name: str, size: int, limit: int, what: str = "the file") -> IngestError:
    return IngestError(
        f"{name}: {what} is too large ({megabytes(size)}; the limit is {limit // 2**20} MB)"
    )


@dataclass
class Article:
    text: str
    meta: Meta = field(default_factory=Meta)
    name: str = "article"


# ---------------------------------------------------------------- checks and dates


def _check_text(text: str, name: str) -> str:
    if not text or not text.strip():
        raise IngestError(f"{name}: no text found in this file")
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            f"{name}: the text is too long ({len(text):,} characters; the limit is "
            f"{MAX_TEXT_CHARS:,}): split it and load the parts"
        )
    return text


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: object) -> str | None:
    """YYYY-MM-DD from a date, datetime or a string that starts with one; else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and (match := _ISO_DATE.match(value)):
        try:
            return dt.date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            return None
    return None


_DATELINE_FORMATS = ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%b %d, %Y", "%b %d %Y", "%d %b %Y")
_DATELINE_PREFIX = re.compile(
    r"^(?:(?:published|updated|posted|date)\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?",
    re.I,
)


def dateline(text: str, *, lines: int = 4) -> str | None:
    """The publication date written on a line of its own near the top ("March 28, 2006",
    "*Published 20 May 2025*", "2025-05-20"), as YYYY-MM-DD."""
    candidates = [line.strip() for line in text[:2000].splitlines() if line.strip()][:lines]
    for line in candidates:
        line = line.strip("*_ \t")
        if len(line) > 40:
            continue
        line = _DATELINE_PREFIX.sub("", line).strip(" .")
        if (iso := iso_date(line)) and len(line) == 10:
            return iso
        for fmt in _DATELINE_FORMATS:
            try:
                return dt.datetime.strptime(line, fmt).date().isoformat()
            except ValueError:
                continue
    return None


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_WORDS = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
# "Published 8 October 2016", "Updated: Oct. 8, 2016 10:15", "Posted on 2016-10-08".
_STAMPED = re.compile(
    rf"\b(published|updated|posted|first published)(?:\s+on)?\s*:?\s*{_WEEKDAY}({_DATE_WORDS})",
    re.I,
)
# An agency dateline opening the story: "WASHINGTON, March 28, 2006 (Reuters) -".
_AGENCY_DATELINE = re.compile(rf"^[A-Z][A-Z .'’-]{{1,40}},\s+(?i:{_WEEKDAY})((?i:{_DATE_WORDS}))\b")
TEXT_DATE_LINES = 8  # how far down the top of the text a date stamp is looked for


def words_date(words: str) -> str | None:
    """YYYY-MM-DD from "8 October 2016", "Oct. 8th, 2016", "2016-10-08"; None if no date."""
    if iso := iso_date(words):
        return iso
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", words.replace(".", "").replace(",", " "))
    cleaned = " ".join(cleaned.split()).title().replace("Sept ", "Sep ")
    for fmt in ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y"):
        try:
            return dt.datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def text_date(text: str) -> str | None:
    """The publication date the article states near its top: a dateline on its own line or
    opening the story, else "Published …", else "Updated …" (a later date, but the article's
    own). None when the top of the text names no such date."""
    if found := dateline(text):
        return found
    top = [line.strip("*_ \t") for line in text[:3000].splitlines() if line.strip()]
    top = top[:TEXT_DATE_LINES]
    for line in top:
        if (match := _AGENCY_DATELINE.match(line)) and (found := words_date(match.group(1))):
            return found
    stamped = [(m.group(1).lower(), m.group(2)) for line in top for m in _STAMPED.finditer(line)]
    for wanted in ("published", "first published", "posted", "updated"):
        for kind, words in stamped:
            if kind == wanted and (found := words_date(words)):
                return found
    return None


# python-docx's default template says it was created on this day; it is no article's date.
DOCX_TEMPLATE_CREATED = dt.date(2013, 12, 23)
# A file "created" this close to now was made by whoever just printed or saved it.
JUST_MADE = dt.timedelta(minutes=15)


def file_date(created: object, *, now: dt.datetime | None = None) -> str | None:
    """YYYY-MM-DD of a file's creation time, unless it says nothing about the article: the
    python-docx template date, or (about) the moment the file is read."""
    day = iso_date(created)
    if day is None or day == DOCX_TEMPLATE_CREATED.isoformat():
        return None
    if isinstance(created, dt.datetime):
        current = now or dt.datetime.now(created.tzinfo or None)
        if created.tzinfo is not None and current.tzinfo is None:
            current = current.astimezone()
        elif created.tzinfo is None and current.tzinfo is not None:
            current = current.replace(tzinfo=None)
        if abs(current - created) <= JUST_MADE:
            return None
    return day


def _dated(meta: Meta, text: str, *, fallback: str | None, fallback_source: str) -> Meta:
    """`meta` with the publication date by precedence: the text, then `fallback`."""
    if found := text_date(text):
        meta.published, meta.published_source = found, "text"
    elif fallback:
        meta.published, meta.published_source = fallback, fallback_source
    return meta


def _first_line_title(text: str) -> str | None:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = first.lstrip("#").strip()
    return first if 0 < len(first) <= TITLE_MAX_CHARS else None


# ---------------------------------------------------------------- plain text


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes look like mostly-ASCII UTF-16: NUL in nearly
    every high byte and almost never in the low byte (binary junk has NULs everywhere)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    if odd.count(0) > 0.7 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.7 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding: a BOM first, then UTF-16 without BOM, UTF-8, and
    Windows-1252 (a superset of Latin-1's printable characters) as the last resort."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    encoding = _utf16_without_bom(data)
    if encoding:
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # five byte values are undefined in cp1252
        return data.decode("latin-1")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    replaced = sample.count("\ufffd")
    return "\x00" in sample or controls > len(sample) * 0.02 or replaced > len(sample) * 0.1


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def from_plain(data: bytes, name: str) -> Article:
    text = normalise_newlines(decode_text(data))
    if _looks_binary(text):
        raise IngestError(f"{name}: this does not look like a text file (binary content)")
    if name.lower().endswith(".md"):
        text = markdown_to_text(text)
    _check_text(text, name)
    meta = Meta(title=_first_line_title(text), source=name)
    return Article(
        text=text, meta=_dated(meta, text, fallback=None, fallback_source="text"), name=name
    )


_MD_RULES = (
    (re.compile(r"^```.*$\n?", re.M), ""),  # code fences (their content stays)
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> link text
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^ {0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$", re.M), ""),  # horizontal rules
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
)


def markdown_to_text(text: str) -> str:
    """Markdown as the reader sees it: headings, emphasis, links and quotes without their
    markup (the analysis offsets point into this text)."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# ---------------------------------------------------------------- HTML


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes) -> str:
    """HTML bytes to text: BOM, then UTF-8, then the page's own <meta charset>, then cp1252."""
    if any(data.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(data):
        return decode_text(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return decode_text(data)


_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre")
_SKIP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript")


def _html_blocks(html: str) -> str:
    """Fallback when trafilatura finds no main text (short pages): the page's paragraphs
    and headings outside navigation, one per line."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises ParserError/ValueError on empty or odd documents
        return ""
    for bad in root.iter(*_SKIP_TAGS):
        bad.drop_tree()
    lines = []
    for element in root.iter(*_BLOCK_TAGS):
        if any(a.tag in _BLOCK_TAGS for a in element.iterancestors()):
            continue  # nested block: its text is already in the outer one
        line = " ".join(element.text_content().split())
        if line:
            lines.append(line)
    if not lines:
        body = root.find("body")
        text = (body if body is not None else root).text_content()
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    return "\n".join(lines)


def _only_title(text: str, meta: object) -> bool:
    """Whether the text found is just the page's <title> (trafilatura's answer for a page
    with no body): that is no article."""
    title = getattr(meta, "title", None)
    return bool(title) and " ".join(text.split()) == " ".join(str(title).split())


_STREAM_SKIP = {"head", "title", "script", "style", "template", "svg", *_SKIP_TAGS}
_STREAM_BREAK = {"br", "div", "section", "article", "main", "tr", "td", *_BLOCK_TAGS}


class _TextCollector(HTMLParser):
    """The visible text of a page, one line per block, in one pass with no tree: the last
    resort for pages nested too deep for lxml (which drops everything past 255 levels)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:  # noqa: ARG002 - HTMLParser's
        if tag in _STREAM_SKIP:
            self.skipping += 1
        elif tag in _STREAM_BREAK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _STREAM_SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _STREAM_BREAK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _html_stream_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)


_INVISIBLE = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def _check_visible_text(html: str, name: str) -> None:
    """Refuse a page whose visible text alone is over the text limit before the slow parse
    (3 MB of paragraphs took 20 s to extract, only to be refused for its length)."""
    visible = _TAG.sub(" ", _INVISIBLE.sub(" ", html))
    chars = sum(len(word) + 1 for word in visible.split())
    if chars > MAX_TEXT_CHARS:
        raise IngestError(
            f"{name}: the text is too long (about {chars:,} characters; the limit is "
            f"{MAX_TEXT_CHARS:,}): split it and load the parts"
        )


def from_html(data: bytes, name: str) -> Article:
    import trafilatura

    html = decode_html(data)
    if _looks_binary(html):
        raise IngestError(f"{name}: this does not look like an HTML page (binary content)")
    _check_visible_text(html, name)
    try:
        text = trafilatura.extract(
            html,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
            fast=len(data) > FAST_HTML_BYTES,  # no second-opinion extractors on big pages
        )
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura/lxml raise a variety of parser errors
        raise IngestError(f"{name}: this HTML page could not be read ({exc})") from exc
    if not text or "\n" not in text.strip():
        # trafilatura's baseline for short pages runs the paragraphs into one line.
        blocks = _html_blocks(html)
        if len(blocks) >= len(text or "") * 0.8:
            text = blocks
    if not text or not text.strip() or _only_title(text, meta):
        text = _html_stream_text(html)  # lxml gives up on pages nested over 255 deep
    if not text or not text.strip():
        raise IngestError(f"{name}: no article text found in this HTML page")
    title = (meta.title if meta else None) or None
    text = _check_text(normalise_newlines(text).strip("\n"), name)
    found = Meta(
        title=title,
        source=(meta.url if meta and meta.url else name),
        byline=(meta.author if meta else None) or None,
    )
    page_date = iso_date(meta.date) if meta else None
    return Article(
        text=text, meta=_dated(found, text, fallback=page_date, fallback_source="html"), name=name
    )


# ---------------------------------------------------------------- PDF


# Typographic ligatures a PDF font may hand back as one character; NFKC spells them out.
LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
_LIGATURE = re.compile(f"[{LIGATURES}]")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)
_WORD_HEAD = re.compile(r"^[a-z]+")
_WORD_TAIL = re.compile(r"[A-Za-z]+$")
# A line shorter than this share of the page's full lines ends its paragraph.
SHORT_LINE = 0.75


def _full_width(lines: list[str]) -> int:
    """The length of a full line of the layout: the longest lines, ignoring a stray few."""
    lengths = sorted(len(line) for line in lines if line)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _join_hyphenated(left: str, right: str, words: set[str]) -> str:
    """`left` ends in "-" at a line end, `right` goes on: a word split by the layout is
    joined ("negoti-" + "ations"), a compound the text also writes whole keeps its hyphen."""
    head = _WORD_TAIL.search(left[:-1])
    tail = _WORD_HEAD.match(right)
    if head and tail and f"{head.group(0)}-{tail.group(0)}".lower() in words:
        return left + right
    return left[:-1] + right


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def rebuild_pdf_text(pages: list[str]) -> str:
    """Paragraphs out of the lines a PDF's layout broke them into (pages as pypdf's layout
    mode gives them: a blank line where the page leaves a gap, leading spaces for an indent).
    Lines of a paragraph are joined with a space (a word hyphenated at the line end is joined
    whole); a paragraph ends at a gap, before an indented line or after a short line; page
    numbers are dropped and ligatures (ﬁ, ﬀ, ﬂ, …) spelled out. Paragraphs are separated by
    a blank line."""
    raw = [
        line.rstrip()
        for page in pages
        for line in normalise_newlines(_LIGATURE.sub(_nfkc, page)).split("\n")
    ]
    raw = [line for line in raw if not _PAGE_NUMBER.match(line.strip())]
    indents = Counter(_indent(line) for line in raw if line)
    margin = min(indents, key=lambda i: (-indents[i], i)) if indents else 0
    starts = {i for i, line in enumerate(raw) if line and _indent(line) > margin + 1}
    lines = [" ".join(line.split()) for line in raw]
    full = _full_width(lines)
    hyphenated = {w.lower() for w in re.findall(r"[A-Za-z]+-[A-Za-z]+", " ".join(lines))}
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        if not line or index in starts:
            if current:
                paragraphs.append(current)
            current = ""
            if not line:
                continue
        if not current:
            current = line
        elif current.endswith("-") and line[0].islower() and current[-2:-1].isalpha():
            current = _join_hyphenated(current, line, hyphenated)
        else:
            current += " " + line
        if len(line) < SHORT_LINE * full:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group(0))


# Layout-mode lines with a gap this wide inside them: the page is set in columns.
_COLUMN_GAP = re.compile(r"\S {5,}\S")


def _page_text(page: PageObject) -> str:
    """The page's text in pypdf's layout mode (it keeps the gaps between paragraphs and the
    indents), or its plain mode for a page set in columns, which layout mode would interleave."""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode is younger and fails on some fonts; plain text will do
        return page.extract_text() or ""
    lines = [line.strip() for line in layout.splitlines() if line.strip()]
    in_columns = sum(bool(_COLUMN_GAP.search(line)) for line in lines) > 0.3 * len(lines)
    if not lines or in_columns:
        return page.extract_text() or ""
    return layout


def from_pdf(data: bytes, name: str) -> Article:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(f"{name}: this PDF is password-protected")
        pages = [_page_text(page) for page in reader.pages]
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many exception types for broken files
        raise IngestError(
            f"{name}: this PDF could not be read: the file is damaged or not really a PDF"
        ) from exc
    text = rebuild_pdf_text(pages)
    if not text.strip():
        raise IngestError(f"{name}: no text found in this PDF (is it a scanned image?)")
    title = published = byline = None
    try:
        info = reader.metadata
        if info is not None:
            title = (info.title or "").strip() or None
            byline = (info.author or "").strip() or None
            published = file_date(info.creation_date)
    except Exception:  # metadata is optional; a broken date must not lose the text
        pass
    meta = Meta(title=title or _first_line_title(text), source=name, byline=byline)
    return Article(
        text=_check_text(text, name),
        meta=_dated(meta, text, fallback=published, fallback_source="file"),
        name=name,
    )


# ---------------------------------------------------------------- DOCX


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_BREAKS = {_W + "br": "\n", _W + "cr": "\n", _W + "tab": "\t", _W + "noBreakHyphen": "-"}


def _docx_paragraphs(document: object) -> list[tuple[str, str]]:
    """(text, style name) of each body paragraph, read from the XML tree itself: python-docx's
    `paragraph.text` and `.style` cost 0.2 and 2 ms each, minutes for a large document."""
    styles = {s.style_id: s.name for s in document.styles}  # type: ignore[attr-defined]
    out = []
    for p in document.element.body.iterchildren(_W + "p"):  # type: ignore[attr-defined]
        parts = []
        for node in p.iter(_W + "t", *_W_BREAKS):
            parts.append(node.text or "" if node.tag == _W + "t" else _W_BREAKS[node.tag])
        style = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(_W + "val") if style is not None else None
        out.append(("".join(parts), styles.get(style_id, "") if style_id else ""))
    return out


def from_docx(data: bytes, name: str) -> Article:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = _docx_paragraphs(document)
        props = document.core_properties
    except Exception as exc:  # python-docx raises zipfile/lxml/KeyError on broken files
        raise IngestError(
            f"{name}: this DOCX file could not be read ({type(exc).__name__})"
        ) from exc
    text = normalise_newlines("\n".join(t for t, _ in paragraphs)).strip("\n")
    _check_text(text, name)
    styled_title = next((t.strip() for t, s in paragraphs if s == "Title" and t.strip()), None)
    title = (props.title or "").strip() or styled_title or _first_line_title(text)
    try:
        created = file_date(props.created)
    except Exception:  # a malformed date in docProps must not lose the text
        created = None
    meta = Meta(title=title, source=name, byline=(props.author or "").strip() or None)
    return Article(
        text=text, meta=_dated(meta, text, fallback=created, fallback_source="file"), name=name
    )


# ---------------------------------------------------------------- entry points


def _check_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(
            f"{name}: unsupported file type '{suffix or '(none)'}'; use "
            + ", ".join(SUPPORTED_SUFFIXES)
        )
    return suffix


def load_bytes(data: bytes, name: str) -> Article:
    """An article from an uploaded file's bytes, dispatched on the file name's suffix."""
    name = Path(name or "").name or "file"  # never show or trust a client-side folder
    suffix = _check_suffix(name)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(name, len(data), MAX_FILE_BYTES)
    if not data:
        raise IngestError(f"{name}: the file is empty")
    if suffix in (".html", ".htm"):
        if len(data) > MAX_HTML_BYTES:
            raise _too_large(name, len(data), MAX_HTML_BYTES, "this HTML page")
        return from_html(data, name)
    if suffix == ".pdf":
        _check_pdf_pages(data, name)
        return from_pdf(data, name)
    if suffix == ".docx":
        _check_zip(data, name)
        return from_docx(data, name)
    return from_plain(data, name)


def _check_pdf_pages(data: bytes, name: str) -> None:
    """Refuse a PDF with more pages than MAX_PDF_PAGES before any text is extracted (a
    30,000-page file took 50 s to refuse after extraction). Broken files pass: `from_pdf`
    says what is wrong with them."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    try:
        reader = PdfReader(io.BytesIO(data))
        # The count the file declares costs nothing to read; the page tree (walked only
        # when that count is within the limit, as a file may lie) costs 0.3 ms a page. A
        # file whose entries are not dictionaries fails below, and from_pdf says so.
        root = cast(DictionaryObject, reader.trailer["/Root"])
        declared = cast(DictionaryObject, root["/Pages"]).get("/Count", 0)
        pages = declared if isinstance(declared, int) and declared > MAX_PDF_PAGES else None
        pages = pages or len(reader.pages)
    except Exception:  # pypdf raises many types; from_pdf reports them in one line
        return
    if pages > MAX_PDF_PAGES:
        raise IngestError(
            f"{name}: this PDF has too many pages ({pages:,}; the limit is "
            f"{MAX_PDF_PAGES:,}): split it and load the parts"
        )


def _check_zip(data: bytes, name: str) -> None:
    """Refuse a DOCX whose parts would unpack to more than MAX_DOCX_UNZIPPED, from the sizes
    its zip declares (zipfile never inflates an entry past its declared size), before
    python-docx inflates and parses them: a 1 MB file can hold 1 GB of XML."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise IngestError(
            f"{name}: this DOCX file could not be read (it is not a valid zip archive)"
        ) from exc
    if len(entries) > MAX_DOCX_ENTRIES:
        raise IngestError(
            f"{name}: this DOCX file has too many parts ({len(entries):,}; the limit is "
            f"{MAX_DOCX_ENTRIES:,})"
        )
    unzipped = sum(entry.file_size for entry in entries)
    if unzipped > MAX_DOCX_UNZIPPED:
        raise _too_large(name, unzipped, MAX_DOCX_UNZIPPED, "unpacked, this DOCX file")


def load_path(path: str | Path) -> Article:
    """An article from a file on disk. Only regular files are read (a device such as
    /dev/zero or a pipe has no size to check), the suffix and size are checked before a
    byte is read, and no more than the size limit is ever read."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(f"{path}: is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(f"{path}: is not a regular file (a device, pipe or socket)")
        _check_suffix(path.name)
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(str(path), info.st_size, MAX_FILE_BYTES)
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # the file may grow after the stat
    except FileNotFoundError as exc:
        raise IngestError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise IngestError(f"{path}: is a folder, not a file") from exc
    except PermissionError as exc:
        raise IngestError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return load_bytes(data, path.name)


def load_many(
    files: list[tuple[str, bytes]], *, max_files: int = MAX_FILES
) -> tuple[list[Article], list[str]]:
    """Articles from several uploaded (name, bytes) files, in order, and one user-facing
    message per file that could not be loaded (the others still load)."""
    articles: list[Article] = []
    errors: list[str] = []
    if len(files) > max_files:
        errors.append(
            f"too many files ({len(files)}; the limit is {max_files} at once): "
            f"only the first {max_files} were loaded"
        )
        files = files[:max_files]
    total = 0
    for name, data in files:
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            errors.append(
                f"{Path(name).name}: skipped, the files together exceed "
                f"{MAX_TOTAL_BYTES // 2**20} MB"
            )
            continue
        try:
            articles.append(load_bytes(data, name))
        except IngestError as exc:
            errors.append(str(exc))
    return articles, errors


def from_paste(text: str, *, published: str | None = None) -> Article:
    text = normalise_newlines(text or "")
    if not text.strip():
        raise IngestError("the pasted text is empty: paste an article first")
    _check_text(text, "pasted text")
    if published and iso_date(published) is None:
        raise IngestError(f"publication date {published!r} is not a date (YYYY-MM-DD)")
    meta = Meta(title=_first_line_title(text), source="paste")
    if published:  # typed by the user: it beats what the text says
        meta.published, meta.published_source = iso_date(published), "user"
    else:
        meta = _dated(meta, text, fallback=None, fallback_source="text")
    return Article(text=text, meta=meta, name="pasted text")
