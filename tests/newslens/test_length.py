"""Time grows linearly with the article's length, and long texts are parsed in pieces that
join back exactly. The goal itself (400 k characters <= 5x the time of 100 k) is measured by
bench/length_scaling.py in wall time; this test holds the same bound in CPU time, which other
people's load on the machine does not skew, so that a quadratic stage cannot come back unseen
(the quote filter reading doc.text once per quote made the ratio 5.8 on this text, and 30x
on the bench's, which has more quotes)."""

from __future__ import annotations

import time

from newslens.model import Meta
from newslens.pipeline import LONG_TEXT_CHARS, PARSE_CHUNK_CHARS, analyze_text, text_pieces
from tests.conftest import SAMPLES

RATIO_BOUND = 5.0  # the goal, for 4x the length (measured 3.3; with doc.text per quote 5.8)


def news_text(chars: int) -> str:
    unit = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    text = ""
    while len(text) < chars:
        text += unit + "\n\n"
    return text[:chars].rsplit("\n\n", 1)[0]


def cpu_seconds(text: str, nlp) -> float:
    t = time.process_time()
    analyze_text(text, nlp=nlp, meta=Meta(published="2025-05-20"))
    return time.process_time() - t


def test_four_times_the_text_takes_at_most_five_times_the_cpu(nlp):
    nlp("warm up.")
    small = cpu_seconds(news_text(100_000), nlp)
    large = cpu_seconds(news_text(400_000), nlp)
    assert large <= RATIO_BOUND * small, (small, large)


def test_long_text_pieces_join_back_exactly_at_paragraph_breaks():
    text = news_text(250_000)
    pieces = text_pieces(text)
    assert "".join(pieces) == text
    assert len(pieces) > 1
    assert all(len(p) < 3 * PARSE_CHUNK_CHARS for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:-1])  # cut after a break, never in a word
    assert text_pieces(text[:LONG_TEXT_CHARS]) == [text[:LONG_TEXT_CHARS]]


def test_a_long_analysis_indexes_into_its_own_text(nlp):
    text = news_text(LONG_TEXT_CHARS + 30_000)
    analysis = analyze_text(text, nlp=nlp)
    assert analysis.text == text
    assert all(text[e.start : e.end] == e.text for e in analysis.entities)
    assert all(text[q.start : q.end] == q.text for q in analysis.quotes)
