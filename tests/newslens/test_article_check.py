"""A text that does not look like a news article gets one plain warning; articles get none."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslens.article_check import article_doubt
from newslens.model import Meta
from newslens.pipeline import analyze_text

ROOT = Path(__file__).resolve().parents[2]

LOGIN = "Login\nUsername\nPassword\nRemember me\nForgot your password?\nSign in"
COOKIE_WALL = (
    "We use cookies to improve your experience. Accept all cookies or manage your "
    "preferences. Subscribe to read this article: create an account or log in. "
) * 4
MENU = "\n".join(
    ["Home", "World", "Politics", "Business", "Sport", "Culture", "Contact us", "About"]
) + ("\n" + "A longer line of text that could be the start of something but is alone here." * 5)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Login please now", "only 3 words"),
        (LOGIN, "only 10 words"),
        (COOKIE_WALL, "login, subscription or cookie page"),
        (MENU, "a menu or a form"),
    ],
)
def test_pages_that_are_not_articles_are_doubted(text, reason):
    doubt = article_doubt(text)
    assert doubt and doubt.startswith("This does not look like a news article") and reason in doubt


@pytest.mark.parametrize("sample", sorted((ROOT / "sample_articles").glob("*.txt")))
def test_the_sample_articles_are_not_doubted(sample):
    assert article_doubt(sample.read_text(encoding="utf-8")) is None


def test_the_warning_reaches_the_analysis(nlp):
    analysis = analyze_text("Login\nPassword\nSign in", doc_id="x", meta=Meta(), nlp=nlp)
    assert any(w.startswith("This does not look like a news article") for w in analysis.warnings)
