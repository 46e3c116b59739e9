"""Acronyms an article defines: "the Securities and Exchange Commission (SEC)".

Scope: a short form in parentheses right after a name is that name's acronym when its
letters can be read, in order, out of the name, its first letter starting a word (the
Schwartz & Hearst rule, PSB 2003: "SIA" for "Singapore Airlines", not "AP" for
"WASHINGTON"). The clustering joins every later use of the acronym to the full name, and a
use that spaCy did not mark is added as a mention.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newslens.entities.words import word_strings

# A short form is 2 to 8 characters, mostly capitals ("SEC", "NATO", "U.N.", "R&D").
MIN_LETTERS = 2
MAX_CHARS = 8


def defined_acronyms(doc: Doc, spans: list[tuple[int, int, str]]) -> dict[str, tuple[int, int]]:
    """{acronym as written: (start, end) of the name it abbreviates} for every "NAME (ACR)"
    of the article whose NAME is one of `spans` (token spans of names)."""
    ends = {end: (start, end) for start, end, _ in spans}
    out: dict[str, tuple[int, int]] = {}
    words = word_strings(doc) if ends else []
    for i in range(1, len(words) - 2):
        if words[i] != "(" or words[i + 2] != ")" or i not in ends:
            continue
        short = words[i + 1]
        start, end = ends[i]
        if short in out or not _looks_like_acronym(short):
            continue
        long_form = doc[start:end].text
        if len(long_form.split()) >= 2 and abbreviates(short, long_form):
            out[short] = (start, end)
    return out


def _looks_like_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if "." in text and any(len(part) > 1 for part in text.split(".")):
        return False  # a ticker ("JPM.N", "VOD.L"), not "U.N." or "U.S."
    return (
        len(letters) >= MIN_LETTERS
        and len(text) <= MAX_CHARS
        and text[0].isupper()
        and sum(ch.isupper() for ch in letters) >= len(letters) - 1
    )


def abbreviates(short: str, long_form: str) -> bool:
    """Schwartz & Hearst: each letter or digit of `short`, right to left, is found in
    `long_form` further left than the previous one, and the first one starts a word."""
    s = [ch for ch in short.lower() if ch.isalnum()]
    text = long_form.lower()
    li = len(text) - 1
    for si in range(len(s) - 1, -1, -1):
        ch = s[si]
        while li >= 0 and (text[li] != ch or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True
