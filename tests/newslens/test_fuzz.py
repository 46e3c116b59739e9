"""Fuzzing the core: whatever text or file a user throws at newslens ends in an analysis (with
offsets that point into the text) or in a user-facing error — AnalysisError / IngestError —
and never in any other exception. The renderer and the exports survive every analysis."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newslens import export
from newslens.ingest import MAX_FILE_BYTES, MAX_TEXT_CHARS, IngestError, load_bytes
from newslens.model import Analysis
from newslens.pipeline import AnalysisError, analyze_text
from newslens.render import article_html
from tests.files import make_docx, make_pdf

ROOT = Path(__file__).resolve().parents[2]
FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Pieces that tend to break text handling: zero-width and bidi controls, combining marks,
# quote marks of every style, emoji sequences, CR/LF variants, non-Latin scripts.
TRICKY = [
    "\u200d",
    "\u200b",
    "\u200c",
    "\ufeff",
    "\u202e",
    "\u2066",
    "\u0301",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r\n",
    "\r",
    "\u2028",
    "\t",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    '"',
    "'",
    "👩‍👩‍👧",
    "🇺🇦",
    "שלום עולם. ",
    "مرحبا بالعالم. ",
    "Привет, мир. ",
    "你好，世界。",
    "Putin said ",
    "Trump ",
    "on Monday ",
    "last week ",
    ". ",
    "\n\n",
    "<b>",
    "&amp;",
    "ﬁ",
    "İ",
    "ß",
]

NON_ENGLISH = [
    "Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten. "
    "„Wir brauchen Frieden“, sagte er.",
    "Le président Emmanuel Macron a rencontré Olaf Scholz à Paris mardi. « Nous voulons la "
    "paix », a-t-il déclaré.",
    "Президент России Владимир Путин заявил во вторник, что переговоры продолжатся.",
    "中国国家主席习近平周一在北京会见了来访的法国总统马克龙。",
    "الرئيس الأمريكي دونالد ترامب قال يوم الاثنين إن المحادثات ستستمر.",
]

NO_SENTENCES = ["...", "!!! ??? !!!", "12345 67890", "— — —", "* * *", "a", "\u200d" * 50, "🙂🙂🙂"]


def check_analysis(analysis: Analysis, text: str) -> None:
    assert analysis.text == text
    n = len(text)
    spans = (
        [(e.start, e.end) for e in analysis.entities]
        + [(q.start, q.end) for q in analysis.quotes]
        + [(t.start, t.end) for t in analysis.timexes]
        + [(e.start, e.end) for e in analysis.events]
    )
    for start, end in spans:
        assert 0 <= start <= end <= n
    for mention in analysis.entities:
        assert text[mention.start : mention.end] == mention.text
    # The renderer and the data exports take every analysis the core makes.
    assert isinstance(article_html(analysis), str)
    assert export.data_zip(analysis)


def analyse_or_refuse(nlp, text: str) -> None:
    try:
        analysis = analyze_text(text, doc_id="fuzz", nlp=nlp)
    except AnalysisError as exc:
        assert str(exc)  # a message for the user
        return
    check_analysis(analysis, text)


@FUZZ
@given(text=st.text(max_size=400))
@example(text="\x00\x01\x02 binary \x7f\x80 junk")
@example(text="\u202eevil reversed text\u202c said Putin.")
@example(text="Putin met Trump. \ud800 A lone surrogate, as JSON input can carry.")
def test_random_unicode(nlp, text):
    analyse_or_refuse(nlp, text)


@FUZZ
@given(text=st.text(st.characters(codec=None, categories=["Cs", "Lu", "Zs", "Po"]), max_size=80))
def test_text_with_lone_surrogates(nlp, text):
    analyse_or_refuse(nlp, text)


@FUZZ
@given(pieces=st.lists(st.sampled_from(TRICKY), max_size=60))
def test_tricky_pieces(nlp, pieces):
    analyse_or_refuse(nlp, "".join(pieces))


@pytest.mark.parametrize("text", NON_ENGLISH + NO_SENTENCES)
def test_non_english_and_sentence_free_texts(nlp, text):
    analyse_or_refuse(nlp, text)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u3000"])
def test_empty_text_is_refused(nlp, text):
    with pytest.raises(AnalysisError, match="empty"):
        analyze_text(text, nlp=nlp)


def test_five_megabyte_text_is_refused_not_truncated(nlp):
    text = "Putin spoke to Trump. " * (5_000_000 // 22)
    assert len(text) > MAX_TEXT_CHARS
    with pytest.raises(AnalysisError, match="too long"):
        analyze_text(text, nlp=nlp)
    with pytest.raises(IngestError, match="too long"):
        load_bytes(text.encode("utf-8"), "huge.txt")


def test_text_just_over_the_cap_is_refused(nlp):
    with pytest.raises(AnalysisError, match="too long"):
        analyze_text("x" * (MAX_TEXT_CHARS + 1), nlp=nlp)


def test_the_cap_refuses_what_spacy_would_refuse(nlp):
    # Between spaCy's max_length and the cap, the parser would raise a ValueError instead.
    assert nlp.max_length >= MAX_TEXT_CHARS
    with pytest.raises(AnalysisError, match="too long"):
        analyze_text("word " * (nlp.max_length // 5 + 1), nlp=nlp)


def test_file_over_the_size_cap_is_refused():
    with pytest.raises(IngestError, match="too large"):
        load_bytes(b"a" * (MAX_FILE_BYTES + 1), "big.pdf")


def test_the_uploader_refuses_what_ingest_would_refuse():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_FILE_BYTES


# --------------------------------------------------------------------------- files


def ingest_or_refuse(data: bytes, name: str) -> None:
    try:
        article = load_bytes(data, name)
    except IngestError as exc:
        assert str(exc)
        return
    assert isinstance(article.text, str) and article.text.strip()


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".html", ".pdf"]))
def test_binary_junk_files(data, suffix):
    ingest_or_refuse(data, "junk" + suffix)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_binary_junk_docx(data):
    ingest_or_refuse(data, "junk.docx")


BROKEN_HTML = [
    b"<html><body><p>Unclosed <div><span>Putin said <b>yes",
    b"<<<>>></p></p></html><html>",
    b"<html><head><title>x</title></head><body></body></html>",
    b"<!-- never closed",
    b"<?xml version='1.0'?><!DOCTYPE html [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
    b"<html><body><p>&x;</p></body></html>",
    b"<html><body>" + b"<div>" * 5000 + b"deep" + b"</div>" * 5000 + b"</body></html>",
    "<html><body><p>Caf\xe9 in Latin-1</p></body></html>".encode("latin-1"),
]


@pytest.mark.parametrize("data", BROKEN_HTML)
def test_broken_html(data):
    ingest_or_refuse(data, "broken.html")


def pdf_with_text(text: str) -> bytes:
    return make_pdf([text])


def docx_with_text(text: str) -> bytes:
    return make_docx([text])


def test_the_reference_files_are_readable():
    # The mutation tests below start from files that really work.
    assert "Putin met Trump" in load_bytes(pdf_with_text("Putin met Trump"), "a.pdf").text
    assert "Putin met Trump" in load_bytes(docx_with_text("Putin met Trump"), "a.docx").text


@FUZZ
@given(data=st.data())
def test_broken_pdf_and_docx(data):
    kind = data.draw(st.sampled_from(["pdf", "docx"]))
    good = pdf_with_text("Putin met Trump") if kind == "pdf" else docx_with_text("Putin met Trump")
    how = data.draw(st.sampled_from(["truncate", "flip", "splice"]))
    raw = bytearray(good)
    if how == "truncate":
        raw = raw[: data.draw(st.integers(1, len(raw) - 1))]
    elif how == "flip":
        for position in data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=1, max_size=20)):
            raw[position] ^= data.draw(st.integers(1, 255))
    else:
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=200))
    ingest_or_refuse(bytes(raw), f"broken.{kind}")
