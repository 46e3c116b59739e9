"""HTML of the article with highlights, built from offsets; every text fragment escaped.
(Placeholder: the app issue fills this in.) Used by the app and by the HTML report."""

from __future__ import annotations

import html

from newslens.model import Analysis

ARTICLE_CSS = ""


def article_html(analysis: Analysis) -> str:
    """Self-contained highlighted article (escape every fragment)."""
    return f"<div class='nl-article'>{html.escape(analysis.text)}</div>"
