"""The key that names one actor across articles: a normalised entity name.

Within an article the entity clusters already join "Donald Trump", "Trump" and "Mr. Trump";
across articles the store compares each cluster's full name in a normal form (case, titles,
possessives, punctuation and spacing removed). Finer cross-article identity (surname-only
clusters, aliases) is the query layer's business; this key never merges two names that differ.
"""

from __future__ import annotations

import re
import unicodedata

# Titles and honorifics that do not change who is meant.
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "president",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "secretary",
        "gen",
        "general",
        "rev",
        "the",
    }
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s?$")
_NOT_WORD = re.compile(r"[^\w'-]+")


def entity_key(name: str | None) -> str | None:
    """'Mr. Donald Trump’s' -> 'donald trump'; None for a name with no words."""
    if not name:
        return None
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).lower()
    words = [w.strip("'-") for w in _NOT_WORD.split(text)]
    words = [_POSSESSIVE.sub("", w) for w in words if w]
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    words = [w for w in words if w]
    return " ".join(words) or None
