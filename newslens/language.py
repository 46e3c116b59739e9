"""Whether a text looks like English. newslens's models read English only: an article in
another language comes out with few or no names, quotes and dates, and the reader is told
why instead of trusting empty results.

Scope: the share of letters in the Latin script, then the share of words that are common
English function words; no model. Short texts are not judged."""

from __future__ import annotations

import re

NOT_ENGLISH_NOTE = (
    "newslens reads English: this text looks like it is in another language, so names, "
    "quotes, dates and events in it are likely missed or wrong."
)
SAMPLE_CHARS = 20_000  # enough to judge; the check stays cheap on long articles
MIN_LETTERS = 40
MIN_WORDS = 30
LATIN_SHARE = 0.6  # below this share of Latin letters, the text is in another script
FUNCTION_WORD_SHARE = 0.08  # English prose has 20-35 % of these; other languages ~0-5 %
_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on was with he she it as at by said his her from are be "
    "have has had not this but they were will would an or which who their its been".split()
)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def looks_english(text: str) -> bool:
    """False when the text is clearly in another language (or script); True when it is
    English or too short to tell."""
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return True
    latin = sum(1 for ch in letters if ch < "\u0250")  # Basic Latin to Latin Extended-B
    if latin < LATIN_SHARE * len(letters):
        return False
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return True
    return sum(w in _FUNCTION_WORDS for w in words) >= FUNCTION_WORD_SHARE * len(words)


def language_notes(text: str) -> list[str]:
    """The note for the reader when the text is not English (else none)."""
    return [] if looks_english(text) else [NOT_ENGLISH_NOTE]
