"""Real article files of each supported type, built in the test (no fixtures on disk)."""

from __future__ import annotations

import io

ARTICLE = (
    "Leaders meet in Geneva\n\n"
    "Angela Merkel met Emmanuel Macron in Geneva on Tuesday. "
    "The two leaders discussed trade with the European Union."
)


def txt_bytes(text: str = ARTICLE, encoding: str = "utf-16") -> bytes:
    return text.encode(encoding)


def html_bytes(text: str = ARTICLE, published: str = "2024-03-05") -> bytes:
    title, _, body = text.partition("\n\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p)
    return (
        "<!doctype html><html><head>"
        f"<title>{title}</title>"
        f'<meta property="article:published_time" content="{published}T09:00:00Z">'
        "</head><body><article>"
        f"<h1>{title}</h1>{paragraphs}<p>{paragraphs and 'More reporting follows.'}</p>"
        "</article></body></html>"
    ).encode()


def docx_bytes(text: str = ARTICLE) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(text: str = ARTICLE) -> bytes:
    """A one-page PDF with the text in Helvetica, written by hand (no PDF writer needed)."""

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    lines = text.replace(". ", ".\n").split("\n")
    content = "BT /F1 11 Tf 72 720 Td 14 TL " + " ".join(
        f"({escape(line)}) Tj T*" for line in lines
    )
    content += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return out
