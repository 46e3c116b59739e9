"""PDF text rebuilt into paragraphs: lines joined, hyphenation at line ends undone, ligatures
spelled out, page numbers dropped; the seed article as a typeset PDF gives the same quotes,
speakers and entities as its .txt."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from newslens.ingest import load_bytes, rebuild_pdf_text
from newslens.model import Analysis, Meta
from newslens.pipeline import analyze_text
from tests.articles import _pdf_string, article_pdf, pdf_of_pages

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"


def test_ligatures_are_spelled_out():
    text = rebuild_pdf_text(["The \ufb01nal o\ufb00er of the \ufb02eet was e\ufb03cient."])
    assert text == "The final offer of the fleet was efficient."


def test_lines_join_and_line_end_hyphens_go_unless_the_text_writes_the_compound():
    page = (
        "A long-term plan was agreed by them all after the long negoti-\n"
        "ations in Geneva had gone on for most of the week, and a long-\n"
        "term deal was signed by both sides later on that very same day.\n"
        "\n"
        "A second paragraph follows here."
    )
    assert rebuild_pdf_text([page]) == (
        "A long-term plan was agreed by them all after the long negotiations in Geneva had "
        "gone on for most of the week, and a long-term deal was signed by both sides later on "
        "that very same day.\n\nA second paragraph follows here."
    )


def test_paragraphs_end_at_an_indent_or_a_short_line_and_page_numbers_go():
    pages = [
        "Leaders meet in Geneva\n"
        "The two leaders met in Geneva on Tuesday and talked for most of the day about\n"
        "trade and the war.\n"
        "    Their advisers met again on Wednesday, when the talks turned to energy and\n"
        "the price of gas in the winter that is coming.\n"
        "2",
        "Page 3 of 4\nA third paragraph, on the next page, closes the story for the day.",
    ]
    assert rebuild_pdf_text(pages).split("\n\n") == [
        "Leaders meet in Geneva",
        "The two leaders met in Geneva on Tuesday and talked for most of the day about trade "
        "and the war.",
        "Their advisers met again on Wednesday, when the talks turned to energy and the price "
        "of gas in the winter that is coming.",
        "A third paragraph, on the next page, closes the story for the day.",
    ]


def _summary(analysis: Analysis) -> dict[str, Counter]:
    return {
        "entities": Counter((m.text, m.label) for m in analysis.entities),
        "quotes": Counter(" ".join(q.text.split()) for q in analysis.quotes),
        "speakers": Counter(
            (" ".join(q.text.split()), q.speaker.name if q.speaker else None)
            for q in analysis.quotes
        ),
    }


# (line width, lines a page): a one-page PDF, and one of three pages whose paragraphs run on
# across the page breaks.
@pytest.mark.parametrize(("width", "per_page"), [(86, 48), (60, 20)])
def test_the_seed_as_a_pdf_reads_as_its_txt(nlp, width, per_page):
    text = SEED.read_text(encoding="utf-8")
    data = article_pdf(text, width=width, lines_per_page=per_page)
    assert len(PdfReader(io.BytesIO(data)).pages) == (1 if per_page == 48 else 3)
    pdf = load_bytes(data, "seed.pdf")
    paragraphs = [" ".join(p.split()) for p in text.splitlines() if p.strip()]
    if per_page == 48:
        assert pdf.text.split("\n\n") == paragraphs
    else:  # a paragraph that ends at the foot of a page with a full line may run on
        assert " ".join(pdf.text.split()) == " ".join(paragraphs)
    meta = Meta(published="2025-05-20")
    from_txt = analyze_text(text, doc_id="txt", meta=meta, nlp=nlp)
    from_pdf = analyze_text(pdf.text, doc_id="pdf", meta=meta, nlp=nlp)
    assert from_txt.quotes and from_txt.entities
    assert _summary(from_pdf) == _summary(from_txt)


def test_a_page_in_two_columns_is_read_column_by_column():
    left = [
        "The council met on Monday and",
        "agreed to build a new bridge",
        "over the river by winter.",
    ]
    right = [
        "Farmers said the price of grain",
        "had fallen for the third month",
        "in a row in the region.",
    ]
    ops = [b"BT /F1 11 Tf"]
    # As a typesetter writes columns: the whole left one, then the right one.
    for x, column in ((72, left), (320, right)):
        for row, line in enumerate(column):
            ops.append(b"1 0 0 1 %d %d Tm " % (x, 720 - 14 * row) + _pdf_string(line) + b" Tj")
    text = load_bytes(pdf_of_pages([b"\n".join([*ops, b"ET"])]), "columns.pdf").text
    assert "agreed to build a new bridge over the river by winter." in text
    assert "Farmers said the price of grain had fallen for the third month" in text
