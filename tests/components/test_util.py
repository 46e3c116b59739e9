"""The one escaping helper for Streamlit markdown: no markup and no autolink survive it."""

from __future__ import annotations

import re

import pytest

from components.util import WORD_JOINER, md_escape

# What remark-gfm turns into a link in a text node (after escapes are undone).
GFM_AUTOLINK = re.compile(r"(https?://|www\.)|[-.\w+]+@[-\w]+(\.[-\w]+)+", re.I)


@pytest.mark.parametrize(
    "text",
    [
        "see https://evil.example/x",
        "HTTP://EVIL.EXAMPLE",
        "www.evil.example",
        "WWW.Evil.example",
        "mailto:boss@evil.example",
        "write to boss@evil.example",
    ],
)
def test_no_autolink_survives(text):
    shown = md_escape(text)
    unescaped = re.sub(r"\\(.)", r"\1", shown)  # what the markdown text node holds
    assert not GFM_AUTOLINK.search(unescaped), unescaped
    assert unescaped.replace(WORD_JOINER, "") == text  # and it reads the same


def test_markup_is_escaped():
    assert md_escape("**bold** [x](y) <b>") == r"\*\*bold\*\* \[x\]\(y\) \<b\>"
