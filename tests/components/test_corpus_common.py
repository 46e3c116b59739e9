"""The corpus views' shared pieces: tables as CSV safe for spreadsheets, and article text
with lit spans that stays escaped."""

from __future__ import annotations

import io

import pandas as pd

from components.corpus_common import article_link, frame_csv, marked_text_html


def test_csv_defuses_formulas_and_joins_lists():
    frame = pd.DataFrame(
        {"quote": ['=HYPERLINK("x")', "plain"], "refs": [["a:1:2", "b:3:4"], []], "n": [1, 2]}
    )
    data = frame_csv(frame)
    assert data.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["quote"][0] == '\'=HYPERLINK("x")'
    assert back["refs"][0] == "a:1:2; b:3:4"
    assert list(back["n"]) == [1, 2]


def test_marked_text_escapes_and_lights_merged_spans():
    text = "<script>x</script> said “We have no choice,” Mr. Trump said."
    start = text.index("“We")
    end = text.index(" Mr.")
    html = marked_text_html(text, [(start, end), (start + 2, start + 10)], mark_class="lit")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count('<mark class="lit"') == 1
    assert "We have no choice" in html.split('<mark class="lit"')[1]


def test_article_link_carries_the_span():
    assert article_link("nyt_2016-01-01_a b", 3, 9) == "/corpus?article=nyt_2016-01-01_a+b&lit=3-9"
