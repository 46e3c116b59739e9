"""Real PDF and DOCX files built in the tests (pypdf reads PDFs but writes no text, so the
PDF is written by hand; python-docx writes the DOCX)."""

from __future__ import annotations

import datetime as dt
import io
from typing import BinaryIO


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def make_pdf(lines: list[str], *, title: str | None = None, created: str | None = None) -> bytes:
    """A small valid PDF with one text line per entry, in the standard Helvetica font,
    and an Info dictionary (built by hand: pypdf reads PDFs but writes no text)."""
    ops = [b"BT /F1 11 Tf 14 TL 72 720 Td"]
    for line in lines:
        ops.append(_pdf_string(line) + b" Tj T*")
    ops.append(b"ET")
    stream = b"\n".join(ops)
    info = b"<< /Producer (newslens tests)"
    if title:
        info += b" /Title " + _pdf_string(title)
    if created:
        info += b" /CreationDate (" + created.encode("ascii") + b")"
    info += b" >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        info,
    ]
    out = io.BytesIO()
    write_pdf_objects(out, objects, info=len(objects))
    return out.getvalue()


def write_pdf_objects(out: BinaryIO, objects: list[bytes], *, info: int | None = None) -> None:
    """A PDF file of these objects (numbered from 1, the first the catalog): header, bodies,
    cross-reference table and trailer; `info` is the number of the Info dictionary."""
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    info_ref = b" /Info %d 0 R" % info if info else b""
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, info_ref, xref)
    )


def make_docx(
    paragraphs: list[str], *, title: str | None = None, created: dt.datetime | None = None
) -> bytes:
    import docx

    document = docx.Document()
    if title:
        document.add_paragraph(title, style="Title")
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    props = document.core_properties
    props.title = title or ""
    props.author = "Jane Reporter"
    if created:
        props.created = created
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
