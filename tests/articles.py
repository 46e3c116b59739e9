"""Articles written for the tests: one whose sixteen actors all have long names (the charts'
labels must still fit and stay apart), used by the export legibility tests."""

from __future__ import annotations

LONG_ACTORS = (
    "International Federation of Maritime Shipping Unions",
    "European Council for Agricultural Trade and Fisheries",
    "African Development Bank Infrastructure Committee",
    "United Nations Office for Disaster Risk Reduction",
    "Association of Southeast Asian Nations Trade Council",
    "International Organization for Standardization Board",
    "World Meteorological Organization Executive Council",
    "Organisation for Economic Co-operation and Development",
    "International Committee of the Red Cross Delegation",
    "European Bank for Reconstruction and Development",
    "Inter-American Commission on Human Rights Secretariat",
    "International Atomic Energy Agency Board of Governors",
    "Food and Agriculture Organization of the United Nations",
    "International Telecommunication Union Radio Bureau",
    "Commonwealth Parliamentary Association Steering Group",
    "North Atlantic Treaty Organization Military Committee",
)
_ACTIONS = (
    ("accused", "of blocking the agreement"),
    ("praised", "for its help with the new port"),
    ("criticised", "over the delayed payments"),
    ("welcomed", "to the talks"),
)
LONG_ACTORS_PUBLISHED = "2025-04-01"


def long_actor_article() -> str:
    """Each actor acts on the next one on a dated day, is quoted about it and meets it: every
    chart (portrayal, positions, cooperation, timeline) gets a row per actor."""
    paragraphs = []
    for i, actor in enumerate(LONG_ACTORS):
        target = LONG_ACTORS[(i + 1) % len(LONG_ACTORS)]
        verb, rest = _ACTIONS[i % len(_ACTIONS)]
        paragraphs.append(
            f"On {i % 27 + 1} March 2025 the {actor} {verb} the {target} {rest}. "
            f"“The {target} has let everyone down and must change course,” the {actor} "
            f"said in a statement. Officials of the {actor} met the {target} in Geneva a "
            "week later."
        )
    return "\n\n".join(paragraphs)


# --------------------------------------------------------------------------- as a PDF

PDF_LINE_CHARS = 86  # about what Helvetica 11 pt fits on a Letter page with 1-inch margins
PDF_LINES_PER_PAGE = 48


def _typeset(paragraph: str, width: int) -> list[str]:
    """Lines of at most `width` characters, as a typesetter breaks them: a long plain word
    that would overflow is hyphenated ("negoti-" / "ations"); a word with its own hyphen is
    moved whole to the next line."""
    lines, line = [], ""
    for word in paragraph.split():
        if not line:
            line = word
            continue
        if len(line) + 1 + len(word) <= width:
            line += " " + word
            continue
        room = width - len(line) - 2  # a space and the hyphen
        if word.isalpha() and len(word) >= 8 and room >= 4:
            cut = min(room, len(word) - 4)
            lines.append(f"{line} {word[:cut]}-")
            line = word[cut:]
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252") + b")"  # WinAnsiEncoding is Windows-1252


def article_pdf(
    text: str, *, width: int = PDF_LINE_CHARS, lines_per_page: int = PDF_LINES_PER_PAGE
) -> bytes:
    """`text` (paragraphs one a line) typeset as a PDF, as a browser prints a page: lines
    broken at `width` characters, a line of space (11 pt) between paragraphs, several pages."""
    lines: list[str | None] = []  # None: the gap between two paragraphs
    for paragraph in text.splitlines():
        if paragraph.strip():
            lines += [*_typeset(paragraph.strip(), width), None]
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    streams = []
    for page_lines in pages:
        ops = [b"BT /F1 11 Tf 14 TL 72 720 Td"]
        ops += [
            b"0 -11 Td" if line is None else _pdf_string(line) + b" Tj T*" for line in page_lines
        ]
        streams.append(b"\n".join([*ops, b"ET"]))
    return pdf_of_pages(streams)


def pdf_of_pages(streams: list[bytes]) -> bytes:
    """A PDF with one page per content stream, in Helvetica (font /F1), WinAnsiEncoding."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", font]
    kids = []
    for stream in streams:
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % content
        )
        kids.append(len(objects))
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [" + refs + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
