"""Hostile files: every one is read or refused within bounded time and memory. Each file is
built here and loaded by `load_path` in a child process under an address-space limit
(RLIMIT_AS) and a timeout; the child reports its time and peak RSS (goal: <= 20 s and
<= 1 GB on 2 cores, with room for a loaded machine in the time bound)."""

from __future__ import annotations

import io
import json
import os
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from newslens.ingest import (
    MAX_DOCX_UNZIPPED,
    MAX_HTML_BYTES,
    MAX_PDF_PAGES,
    IngestError,
    load_bytes,
    load_path,
    megabytes,
)
from tests.conftest import ROOT
from tests.files import write_pdf_objects

ADDRESS_SPACE = 3 * 2**30  # enough for the interpreter and its libraries; a bomb is not
TIMEOUT_S = 60  # the child is killed past this; the answer itself must come in 20 s
ANSWER_S = 20
PEAK_RSS_MB = 1024

_CHILD = """
import json, resource, sys, time
from newslens.ingest import IngestError, load_path
t = time.perf_counter()
try:
    article = load_path(sys.argv[1])
    error, chars = None, len(article.text)
except IngestError as exc:
    error, chars = str(exc), 0
print(json.dumps({
    "error": error,
    "chars": chars,
    "seconds": time.perf_counter() - t,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def load_bounded(path: Path) -> dict:
    """`load_path(path)` in a child process with bounded memory and time."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        preexec_fn=limit,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["seconds"] <= ANSWER_S, result
    assert result["rss_mb"] <= PEAK_RSS_MB, result
    return result


# ---------------------------------------------------------------- builders of hostile files


def docx_bomb(path: Path, *, xml_bytes: int) -> Path:
    """A DOCX whose word/document.xml inflates to `xml_bytes` of paragraphs (a few hundred
    KB compressed)."""
    paragraph = b"<w:p><w:r><w:t>The minister said the talks would go on.</w:t></w:r></w:p>"
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>"
    )
    chunk = paragraph * (1_000_000 // len(paragraph))
    import docx

    template = io.BytesIO()
    docx.Document().save(template)  # a real package; its document part is replaced
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for entry in source.infolist():
            if entry.filename != "word/document.xml":
                archive.writestr(entry, source.read(entry))
        with archive.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(head)
            written = len(head)
            while written + len(chunk) < xml_bytes:  # never past xml_bytes
                xml.write(chunk)
                written += len(chunk)
            xml.write(b"</w:body></w:document>")
    return path


def pdf_with_pages(path: Path, pages: int, *, declared: int | None = None) -> Path:
    """A valid PDF of `pages` pages, each showing a line of text (all share one content
    stream, so the file stays small); `declared` is the /Count it claims (a lie if given)."""
    stream = b"BT /F1 11 Tf 72 720 Td (The minister said the talks would go on.) Tj ET"
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % (declared or pages),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>"
    )
    objects += [page] * pages
    with path.open("wb") as out:
        write_pdf_objects(out, objects)
    return path


def html_page(path: Path, *, size: int, markup: bool = False) -> Path:
    """A news-like HTML page of about `size` bytes: many paragraphs in an article; with
    `markup`, each in the nested, attribute-heavy markup of real news sites (so its text
    stays under the text limit and the whole page is extracted)."""
    sentence = (
        "The minister said on Tuesday that the talks with the union would go on, "
        "and that a deal was close, according to people familiar with the matter."
    )
    if markup:
        paragraph = (
            '<div class="story-body__inner" data-component="text-block" data-track="a1b2c3d4e5">'
            '<div class="paragraph-wrapper layout-column-main" data-testid="paragraph-block">'
            f'<section class="paragraph"><span class="text">{sentence}</span></section>'
            "</div></div>\n"
        )
    else:
        paragraph = f"<p>{sentence}</p>\n"
    body = paragraph * (size // len(paragraph))
    path.write_text(
        "<!doctype html><html><head><title>Talks</title></head><body><article>"
        + body
        + "</article></body></html>",
        encoding="utf-8",
    )
    return path


# ---------------------------------------------------------------- the bounds


def test_docx_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = docx_bomb(tmp_path / "bomb.docx", xml_bytes=256 * 2**20)
    assert bomb.stat().st_size < 2 * 2**20  # small on disk, under every upload cap
    result = load_bounded(bomb)
    assert re.fullmatch(
        r"bomb\.docx: unpacked, this DOCX file is too large \(256\.\d MB; the limit is "
        rf"{MAX_DOCX_UNZIPPED // 2**20} MB\)",
        result["error"],
    ), result


def test_docx_just_under_the_unzipped_bound_is_read_in_bounds(tmp_path):
    # The bound itself must be safe: the largest DOCX it lets through is read within the
    # time and memory goals (or refused for its text length), never a runaway.
    docx = docx_bomb(tmp_path / "big.docx", xml_bytes=MAX_DOCX_UNZIPPED - 2**20)
    result = load_bounded(docx)
    assert result["error"] is None or "too long" in result["error"], result


def test_pdf_with_too_many_pages_is_refused_before_extraction(tmp_path):
    pdf = pdf_with_pages(tmp_path / "pages.pdf", 30_000)
    result = load_bounded(pdf)
    assert result["error"] == (
        f"pages.pdf: this PDF has too many pages (30,000; the limit is {MAX_PDF_PAGES:,}): "
        "split it and load the parts"
    )


def test_pdf_that_understates_its_pages_is_still_refused(tmp_path):
    pdf = pdf_with_pages(tmp_path / "liar.pdf", 30_000, declared=1)
    result = load_bounded(pdf)
    assert result["error"].startswith("liar.pdf: this PDF has too many pages (30,000;"), result


def test_pdf_at_the_page_bound_is_read_in_bounds(tmp_path):
    result = load_bounded(pdf_with_pages(tmp_path / "pages.pdf", MAX_PDF_PAGES))
    assert result["error"] is None and result["chars"] > 10_000, result


def test_html_over_its_size_bound_is_refused_before_parsing(tmp_path):
    page = html_page(tmp_path / "big.html", size=15 * 2**20)
    result = load_bounded(page)
    assert result["error"].startswith("big.html: this HTML page is too large (15.0 MB;")
    assert result["error"].endswith(f"the limit is {MAX_HTML_BYTES // 2**20} MB)")


def test_html_at_its_size_bound_is_read_in_bounds(tmp_path):
    page = html_page(tmp_path / "big.html", size=MAX_HTML_BYTES - 4096, markup=True)
    result = load_bounded(page)
    assert result["error"] is None and result["chars"] > 200_000, result


def test_html_with_too_much_text_is_refused_before_parsing(tmp_path):
    result = load_bounded(html_page(tmp_path / "text.html", size=MAX_HTML_BYTES - 4096))
    assert result["error"].startswith("text.html: the text is too long (about 1,"), result
    assert result["seconds"] < 5, result


def test_dev_zero_is_refused_up_front():
    result = load_bounded(Path("/dev/zero"))
    assert result["error"] == "/dev/zero: is not a regular file (a device, pipe or socket)"
    assert result["seconds"] < 2


def test_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    result = load_bounded(fifo)
    assert "is not a regular file" in result["error"]


def test_unsupported_suffix_is_refused_before_reading(tmp_path):
    # A large file of the wrong type: the suffix is named, the size never matters.
    big = tmp_path / "movie.mkv"
    big.write_bytes(b"\0" * (25 * 2**20))
    with pytest.raises(IngestError, match=r"unsupported file type '\.mkv'"):
        load_path(big)


# ---------------------------------------------------------------- messages and odd pages


@pytest.mark.parametrize(
    ("size", "shown"),
    [(20 * 2**20 + 1, "20.1 MB"), (int(21.3 * 2**20), "21.3 MB"), (2**20, "1.0 MB")],
)
def test_size_messages_never_contradict_the_limit(tmp_path, size, shown):
    assert megabytes(size) == shown
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * size)
    if size <= 20 * 2**20:
        return
    with pytest.raises(IngestError) as info:
        load_path(path)
    assert str(info.value).endswith(f"the file is too large ({shown}; the limit is 20 MB)")


def test_html_nested_ten_thousand_deep_keeps_its_text():
    body = "<p>The mayor said the bridge will reopen on Monday.</p><p>Residents cheered.</p>"
    html = "<html><body>" + "<div>" * 10_000 + body + "</div>" * 10_000 + "</body></html>"
    article = load_bytes(html.encode(), "deep.html")
    assert article.text == "The mayor said the bridge will reopen on Monday.\nResidents cheered."


def test_html_with_no_body_is_not_its_title():
    html = b"<html><head><title>Only a title here</title></head></html>"
    with pytest.raises(IngestError, match="no article text found"):
        load_bytes(html, "title-only.html")


def test_aes_encrypted_pdf_opens(tmp_path):
    from pypdf import PdfReader, PdfWriter

    from tests.files import make_pdf

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["The talks went on."]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    path = tmp_path / "aes.pdf"
    with path.open("wb") as out:
        writer.write(out)
    assert "The talks went on." in load_path(path).text
