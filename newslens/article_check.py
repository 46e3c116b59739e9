"""Whether a text looks like a news article at all: a login page, a cookie wall or a few words
are analysed like any text, but the reader is told not to trust what comes out.

Scope: counts of words, sentences and short lines, and the words of page furniture (log in,
password, subscribe, cookies); no model. One warning at most, in plain words."""

from __future__ import annotations

import re

MIN_WORDS = 40  # fewer words than the shortest news brief
# Page furniture: the words of login forms, paywalls and cookie banners.
FURNITURE = re.compile(
    r"\b(?:log ?in|log ?out|sign ?in|sign ?up|password|username|forgot|remember me"
    r"|subscribe|subscription|cookies?|accept all|create an account|register)\b",
    re.I,
)
FURNITURE_SHARE = 0.04  # furniture words per word above which a page is furniture
SHORT_LINE_WORDS = 4
SHORT_LINE_SHARE = 0.6  # menus and forms: most lines are a few words


def article_doubt(text: str) -> str | None:
    """A warning for the reader when `text` does not look like an article, else None."""
    words = text.split()
    lines = [line for line in text.splitlines() if line.strip()]
    furniture = len(FURNITURE.findall(text))
    reason = None
    if len(words) < MIN_WORDS:
        reason = f"it has only {len(words)} word{'s' if len(words) != 1 else ''}"
    elif furniture >= 3 and furniture / len(words) >= FURNITURE_SHARE:
        reason = "it reads like a login, subscription or cookie page"
    elif len(lines) >= 8 and sum(
        len(line.split()) <= SHORT_LINE_WORDS for line in lines
    ) >= SHORT_LINE_SHARE * len(lines):
        reason = "most of its lines are a few words, like a menu or a form"
    if reason is None:
        return None
    return f"This does not look like a news article ({reason}): the results may mean little."
