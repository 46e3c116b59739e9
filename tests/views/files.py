"""Real article files of each supported type, built in the test (no fixtures on disk)."""

from __future__ import annotations

from tests.files import make_docx, make_pdf

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
    return make_docx(text.split("\n\n"))


def pdf_bytes(text: str = ARTICLE) -> bytes:
    """A one-page PDF with one sentence per line."""
    return make_pdf(text.replace(". ", ".\n").split("\n"))
