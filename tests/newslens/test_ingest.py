"""Ingest: every file type and encoding from real files, several files at once, every error."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from newslens import ingest
from newslens.ingest import (
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    Article,
    IngestError,
    dateline,
    from_paste,
    iso_date,
    load_bytes,
    load_many,
    load_path,
)
from tests.files import make_docx, make_pdf

TITLE = "Zelensky meets Macron in Paris"
BODY = (
    "Ukrainian President Volodymyr Zelensky met French President Emmanuel Macron in Paris "
    "on Tuesday, the Élysée said. “We will not give up,” Zelensky told reporters in Kyiv’s "
    "embassy. The talks lasted two hours and ended with a joint statement on security "
    "guarantees for Ukraine."
)
SECOND = "Macron said the next meeting would take place in Berlin next month."


# ---------------------------------------------------------------- builders of real files


def make_html(*, charset: str = "utf-8", long: bool = True) -> str:
    paragraphs = [BODY, SECOND] + ([BODY.replace("Tuesday", "Monday")] if long else [])
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html><head><meta charset="{charset}">
<title>{TITLE}</title>
<meta property="og:title" content="{TITLE}">
<meta property="article:published_time" content="2025-05-20T08:30:00+00:00">
<script>var tracking = "should not appear";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>{TITLE}</h1>
<p class="byline">By <span class="author">Jane Reporter</span></p>
{body}
</article>
<footer>Copyright 2025 Example News. All rights reserved.</footer>
</body></html>"""


# ---------------------------------------------------------------- paste and plain text


def test_paste_keeps_text_and_takes_first_line_as_title():
    article = from_paste(f"{TITLE}\r\n\r\n{BODY}", published="2025-05-20")
    assert isinstance(article, Article)
    assert article.text == f"{TITLE}\n\n{BODY}"
    assert article.meta.title == TITLE
    assert article.meta.published == "2025-05-20"
    assert article.meta.source == "paste"


@pytest.mark.parametrize("text", ["", "   \n\t  ", None])
def test_paste_empty_is_refused(text):
    with pytest.raises(IngestError, match="empty"):
        from_paste(text)


def test_paste_bad_date_is_refused():
    with pytest.raises(IngestError, match="not a date"):
        from_paste(BODY, published="20 May")


def test_paste_too_long_is_refused_not_truncated():
    with pytest.raises(IngestError, match="too long"):
        from_paste("word " * (MAX_TEXT_CHARS // 5 + 1))


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"],
)
def test_txt_in_every_common_encoding(tmp_path, encoding):
    text = f"{TITLE}\n\n{BODY}\n"
    if encoding in ("cp1252", "latin-1"):
        # Latin-1 has no curly quotes; cp1252 has them but keep one text for both.
        text = text.replace("“", '"').replace("”", '"').replace("’", "'")
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    article = load_path(path)
    assert article.text == text
    assert not article.text.startswith("\ufeff")
    assert article.meta.title == TITLE
    assert article.meta.source == path.name
    assert article.name == path.name


def test_cp1252_curly_quotes_are_decoded(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(f"{TITLE}\n{BODY}".encode("cp1252", errors="strict"))
    assert "“We will not give up,”" in load_path(path).text


def test_windows_line_endings_become_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(f"{TITLE}\r\n{BODY}\r{SECOND}".encode())
    assert load_path(path).text == f"{TITLE}\n{BODY}\n{SECOND}"


def test_markdown_loses_its_markup(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(
        f"# {TITLE}\n\n*Published 20 May 2025* by **Jane Reporter**\n\n"
        f"{BODY}\n\n> {SECOND}\n\nMore at [the Élysée](https://www.elysee.fr/).\n",
        encoding="utf-8",
    )
    article = load_path(path)
    assert article.meta.title == TITLE
    assert article.text.startswith(f"{TITLE}\n\nPublished 20 May 2025 by Jane Reporter\n")
    assert BODY in article.text and SECOND in article.text
    assert "More at the Élysée." in article.text
    for markup in ("#", "**", "](", "> "):
        assert markup not in article.text


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ("March 28, 2006", "2006-03-28"),
        ("Wednesday, March 29, 2006", "2006-03-29"),
        ("*Published: 20 May 2025*", "2025-05-20"),
        ("2025-05-20", "2025-05-20"),
        ("May 2025 was the hottest month on record.", None),
        ("February 30, 2006", None),
    ],
)
def test_dateline_near_the_top_is_the_publication_date(top, expected):
    assert dateline(f"{TITLE}\n\n{top}\n\n{BODY}") == expected


def test_dateline_far_down_the_text_is_not_the_publication_date():
    text = "\n".join([TITLE, BODY, SECOND, BODY, SECOND, "March 28, 2006"])
    assert dateline(text) is None


def test_txt_dateline_sets_published(tmp_path):
    path = tmp_path / "dated.txt"
    path.write_text(f"{TITLE}\n\nMay 20, 2025\n\n{BODY}\n", encoding="utf-8")
    assert load_path(path).meta.published == "2025-05-20"


# ---------------------------------------------------------------- HTML


def test_html_main_text_title_date_and_byline(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(make_html(), encoding="utf-8")
    article = load_path(path)
    assert BODY in article.text and SECOND in article.text
    for boilerplate in ("Home", "Copyright", "tracking"):
        assert boilerplate not in article.text
    assert article.meta.title == TITLE
    assert article.meta.published == "2025-05-20"
    assert article.meta.byline == "Jane Reporter"


def test_short_html_page_keeps_its_paragraphs_apart():
    article = load_bytes(make_html(long=False).encode(), "short.htm")
    assert BODY in article.text and SECOND in article.text
    assert f"{BODY}\n{SECOND}" in article.text


def test_html_in_a_legacy_charset(tmp_path):
    html = make_html(charset="windows-1252")
    data = html.encode("cp1252")
    article = load_bytes(data, "legacy.html")
    assert "Élysée" in article.text and "“We will not give up,”" in article.text


def test_html_without_text_is_refused():
    html = b"<html><head><title>Empty</title></head><body><div></div></body></html>"
    with pytest.raises(IngestError, match="no article text"):
        load_bytes(html, "empty.html")


# ---------------------------------------------------------------- PDF


def test_pdf_text_title_and_date(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(
        make_pdf(
            ["Zelensky met Macron in Paris on Tuesday.", "The talks lasted two hours."],
            title=TITLE,
            created="D:20250520083000+00'00'",
        )
    )
    article = load_path(path)
    assert "Zelensky met Macron in Paris on Tuesday." in article.text
    assert "The talks lasted two hours." in article.text
    assert article.meta.title == TITLE
    assert article.meta.published == "2025-05-20"


def test_pdf_line_breaks_inside_sentences_are_joined():
    data = make_pdf(["The talks in Istanbul were de-", "layed and then", "resumed on Friday."])
    article = load_bytes(data, "layout.pdf")
    assert "The talks in Istanbul were delayed and then resumed on Friday." in article.text
    assert article.meta.title  # no Info title: the first line stands in


def test_pdf_without_text_is_refused():
    with pytest.raises(IngestError, match="no text found in this PDF"):
        load_bytes(make_pdf([]), "scan.pdf")


def test_broken_pdf_is_refused():
    data = make_pdf(["Some text"])
    with pytest.raises(IngestError, match="could not be read|no text"):
        load_bytes(data[: len(data) // 3], "cut.pdf")


# ---------------------------------------------------------------- DOCX


def test_docx_paragraphs_title_date_and_author(tmp_path):
    path = tmp_path / "story.docx"
    path.write_bytes(make_docx([BODY, SECOND], title=TITLE, created=dt.datetime(2025, 5, 20, 9, 0)))
    article = load_path(path)
    assert article.text == f"{TITLE}\n{BODY}\n{SECOND}"
    assert article.meta.title == TITLE
    assert article.meta.published == "2025-05-20"
    assert article.meta.byline == "Jane Reporter"


def test_docx_dateline_beats_the_file_creation_date():
    data = make_docx(["May 20, 2025", BODY], title=TITLE, created=dt.datetime(2024, 1, 2))
    assert load_bytes(data, "dated.docx").meta.published == "2025-05-20"


def test_docx_title_from_its_title_paragraph_when_properties_have_none():
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph(BODY)
    document.core_properties.title = ""
    out = io.BytesIO()
    document.save(out)
    assert load_bytes(out.getvalue(), "untitled.docx").meta.title == TITLE


def test_empty_docx_is_refused():
    with pytest.raises(IngestError, match="no text"):
        load_bytes(make_docx([]), "blank.docx")


def test_a_zip_that_is_not_a_docx_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    with pytest.raises(IngestError, match="DOCX file could not be read"):
        load_bytes(out.getvalue(), "fake.docx")


# ---------------------------------------------------------------- several files


def test_load_many_keeps_order_and_reports_each_bad_file():
    files = [
        ("a.txt", f"{TITLE}\n{BODY}".encode()),
        ("b.exe", b"MZ\x90\x00"),
        ("c.docx", make_docx([SECOND])),
        ("d.txt", b""),
        ("e.html", make_html().encode()),
        ("f.pdf", make_pdf(["Zelensky met Macron."])),
    ]
    articles, errors = load_many(files)
    assert [a.name for a in articles] == ["a.txt", "c.docx", "e.html", "f.pdf"]
    assert len(errors) == 2
    assert errors[0].startswith("b.exe: unsupported file type")
    assert errors[1].startswith("d.txt: the file is empty")


def test_load_many_caps_the_number_of_files():
    files = [(f"{i}.txt", f"Article {i}: {BODY}".encode()) for i in range(5)]
    articles, errors = load_many(files, max_files=3)
    assert [a.name for a in articles] == ["0.txt", "1.txt", "2.txt"]
    assert len(errors) == 1 and "too many files" in errors[0]


def test_load_many_caps_the_total_size(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_TOTAL_BYTES", 2 * len(BODY.encode()) + 10)
    files = [(f"{i}.txt", BODY.encode()) for i in range(3)]
    articles, errors = load_many(files)
    assert len(articles) == 2
    assert len(errors) == 1 and errors[0].startswith("2.txt: skipped")


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("name", ["photo.png", "archive.zip", "README", "notes.doc"])
def test_unsupported_types_are_refused(name):
    with pytest.raises(IngestError, match="unsupported file type"):
        load_bytes(b"some bytes", name)


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.pdf", "a.docx"])
def test_empty_files_are_refused(name):
    with pytest.raises(IngestError, match="empty"):
        load_bytes(b"", name)


def test_whitespace_only_text_is_refused():
    with pytest.raises(IngestError, match="no text found"):
        load_bytes(b" \n\n\t \r\n", "blank.txt")


def test_oversized_file_is_refused(tmp_path):
    with pytest.raises(IngestError, match="too large"):
        load_bytes(b"a" * (MAX_FILE_BYTES + 1), "big.txt")
    path = tmp_path / "big.pdf"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(IngestError, match="too large"):
        load_path(path)


def test_text_over_the_character_cap_is_refused():
    with pytest.raises(IngestError, match="too long"):
        load_bytes(b"news " * (MAX_TEXT_CHARS // 5 + 1), "long.txt")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,  # every byte value
        b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03IHDR" * 50,  # a PNG renamed to .txt
        b"\x00" * 1000,
    ],
)
def test_binary_content_in_a_text_file_is_refused(data):
    with pytest.raises(IngestError, match="does not look like a text file"):
        load_bytes(data, "binary.txt")


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        load_path(tmp_path / "missing.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(IngestError, match="folder"):
        load_path(folder)


def test_client_folders_are_dropped_from_names():
    article = load_bytes(BODY.encode(), "../../etc/story.txt")
    assert article.name == "story.txt"


def test_every_sample_article_loads_with_title_and_date():
    from tests.conftest import SAMPLES

    samples = [
        p
        for p in SAMPLES.iterdir()
        if p.suffix in ingest.SUPPORTED_SUFFIXES and p.name != "SOURCES.md"
    ]
    shapes = {p.suffix for p in samples}
    assert {".txt", ".md", ".html"} <= shapes and len(samples) >= 4
    sources = (SAMPLES / "SOURCES.md").read_text(encoding="utf-8")
    for path in samples:
        assert path.name in sources, f"{path.name} has no attribution in SOURCES.md"
        if path.name == "russia-ukraine-diplomacy.txt":
            continue
        article = load_path(path)
        assert article.meta.title and article.meta.title in article.text
        assert iso_date(article.meta.published)
        assert len(article.text.split()) > 150
        # Rebuilt from corpus tokens: no token-joined punctuation left behind.
        for leftover in (" ,", " .", " 's", "``", "''", "( ", " )"):
            assert leftover not in article.text, (path.name, leftover)


def test_seed_sample_loads_unchanged(seed_text):
    from tests.conftest import SEED

    article = load_path(SEED)
    assert article.text == seed_text
    # Its first line is a paragraph, not a headline: no title is made up.
    assert article.meta.title is None
