"""The article text with its highlights, in a two-way component (`article_frame/`, static
files served by Streamlit: no network): it draws the HTML built and escaped by
`newslens.render`, scrolls to the chosen mention and steps through the others, and returns
the mention a reader clicks as {"kind": "entity" | "quote" | "timex", "id", "nth", "at"}."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.components import v1 as components

from components.focus import Focus
from components.highlights import Highlights
from newslens.model import Analysis
from newslens.render import article_html

FRAME_DIR = Path(__file__).resolve().parent / "article_frame"
# The frame's height before the page's CSS sizes it to the window (see views/read.py).
DEFAULT_HEIGHT = 640

_frame = components.declare_component("article_frame", path=str(FRAME_DIR))


def frame_key(key: str) -> str:
    return f"{key}-frame"


def render(
    analysis: Analysis,
    *,
    key: str,
    highlights: Highlights | None = None,
    focus: Focus | None = None,
    focus_token: int = 0,
    on_click: Callable[[], None] | None = None,
    height: int = DEFAULT_HEIGHT,
) -> dict | None:
    """Draw the text; the last click (see module doc), or None. `on_click` is the widget
    callback run when the reader clicks a mention (read the click with `clicked(key)`)."""
    options = (highlights or Highlights()).options()
    markup = article_html(analysis, **options, anchors=focus.spans if focus else ())
    return _frame(
        html=markup,
        focus=focus.args(focus_token) if focus else None,
        height=height,
        key=frame_key(key),
        default=None,
        on_change=on_click,
    )
