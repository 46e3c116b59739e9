"""Where the publication date comes from, in AppTest with the real model: the header says it
("published 2024-03-05 · from the page's metadata"); a python-docx template date or a PDF
made a moment ago is no date; a file's creation time comes with a note to check it."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from newslens.pipeline import FILE_DATE_WARNING, NO_DCT_WARNING
from tests.files import make_docx, make_pdf
from tests.views import files
from tests.views.read_app import analysed_uploads

LINES = ["Angela Merkel met Emmanuel Macron in Geneva on Tuesday.", "They discussed trade."]


def _header(at: AppTest) -> str:
    return next(c.value for c in at.caption if "published" in c.value or "publication" in c.value)


def _pdf_time(moment: dt.datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def test_a_date_from_the_pages_metadata_says_so():
    at = analysed_uploads(("story.html", files.html_bytes(published="2024-03-05"), "text/html"))
    assert at.session_state["nl_analysis"].meta.published_source == "html"
    assert "published 2024-03-05 · from the page's metadata" in _header(at)


def test_a_date_written_in_the_text_beats_the_metadata():
    text = "Leaders meet in Geneva\n\nPublished 8 October 2016\n" + "\n".join(LINES)
    at = analysed_uploads(
        ("story.html", files.html_bytes(text, published="2024-03-05"), "text/html")
    )
    assert "published 2016-10-08 · from the article's text" in _header(at)


def test_the_python_docx_template_date_is_no_publication_date():
    at = analysed_uploads(("made.docx", make_docx(LINES), "application/octet-stream"))
    assert "publication date unknown" in _header(at)
    assert NO_DCT_WARNING in [w.value.replace("\\", "") for w in at.warning]


def test_a_pdf_made_just_now_has_no_publication_date():
    now = dt.datetime.now(dt.UTC)
    at = analysed_uploads(("print.pdf", make_pdf(LINES, created=_pdf_time(now)), "application/pdf"))
    assert "publication date unknown" in _header(at)


def test_an_older_file_creation_time_is_used_with_a_note():
    old = dt.datetime(2016, 10, 8, 9, 30, tzinfo=dt.UTC)
    at = analysed_uploads(("old.pdf", make_pdf(LINES, created=_pdf_time(old)), "application/pdf"))
    assert "published 2016-10-08 · from the file's creation time (check it)" in _header(at)
    assert FILE_DATE_WARNING in [w.value.replace("\\", "") for w in at.warning]


def test_a_date_the_user_sets_says_so_and_drops_the_note():
    old = dt.datetime(2016, 10, 8, 9, 30, tzinfo=dt.UTC)
    at = analysed_uploads(("old.pdf", make_pdf(LINES, created=_pdf_time(old)), "application/pdf"))
    sidebar = next(d for d in at.text_input if d.key.endswith("dct-sidebar-date"))
    sidebar.input("9 October 2016").run()
    assert at.session_state["nl_analysis"].meta.published_source == "user"
    assert "published 2016-10-09 · as you set it" in _header(at)
    assert FILE_DATE_WARNING not in [w.value.replace("\\", "") for w in at.warning]


def test_a_typed_non_date_is_refused_in_words_and_keeps_the_date():
    at = analysed_uploads(("story.html", files.html_bytes(published="2024-03-05"), "text/html"))
    sidebar = next(d for d in at.text_input if d.key.endswith("dct-sidebar-date"))
    sidebar.input("next Tuesday").run()
    assert any("is not a date" in e.value for e in at.error)
    assert at.session_state["nl_analysis"].meta.published == "2024-03-05"
    assert "published 2024-03-05 · from the page's metadata" in _header(at)
