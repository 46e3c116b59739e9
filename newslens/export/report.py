"""A one-page, self-contained HTML report of an analysis: the article with its highlights,
the quotes, the charts (as inline SVG images) and the events. The article text is untrusted,
so every value is escaped and the page can run no script and fetch nothing."""

from __future__ import annotations

import base64
import html
from typing import Any

import plotly.graph_objects as go

from newslens.events.display import action_text
from newslens.export.images import ExportError, dashboard_figures, figure_svg, figure_title
from newslens.model import Analysis

# The report is inert: no script, no external fetch; only inline styles and data: images.
REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

REPORT_CSS = """
body { font: 16px/1.55 Georgia, 'Times New Roman', serif; color: #1b1b1b; background: #fff;
  max-width: 920px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; }
h2 { font: 600 1.15rem/1.3 system-ui, sans-serif; border-bottom: 1px solid #ddd;
  padding-bottom: .2rem; margin-top: 2rem; }
.nl-report-meta { color: #555; font: .9rem system-ui, sans-serif; }
.nl-report-quotes li { margin-bottom: .6rem; }
.nl-report-quotes blockquote { margin: .2rem 0 0; padding-left: .7rem;
  border-left: 3px solid #d9a400; }
.nl-report-speaker { font: 600 .9rem system-ui, sans-serif; }
.nl-report-kind { color: #777; font: .8rem system-ui, sans-serif; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font: .85rem system-ui, sans-serif; color: #555; }
table { border-collapse: collapse; width: 100%; font: .85rem/1.35 system-ui, sans-serif; }
th, td { border-bottom: 1px solid #e4e4e4; padding: .3rem .4rem; text-align: left;
  vertical-align: top; }
th { background: #f6f6f6; }
footer { margin-top: 2.5rem; color: #777; font: .8rem system-ui, sans-serif; }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _meta_line(analysis: Analysis) -> str:
    meta = analysis.meta
    parts = []
    if meta.published:
        parts.append(f"Published {_e(meta.published)}")
    if meta.byline:
        parts.append(f"By {_e(meta.byline)}")
    if meta.source:
        parts.append(f"Source: {_e(meta.source)}")
    model = analysis.model.get("spacy_model")
    if model:
        parts.append(f"Analysed with {_e(model)} {_e(analysis.model.get('spacy_model_version'))}")
    return " · ".join(parts)


def _quotes_section(analysis: Analysis) -> str:
    if not analysis.quotes:
        return "<p>No quotes found.</p>"
    items = []
    for q in analysis.quotes:
        speaker = (q.speaker.name or q.speaker.text) if q.speaker else "Unknown speaker"
        # The quote text keeps its own quote marks (direct) or has none (reported speech).
        items.append(
            f"<li><span class='nl-report-speaker'>{_e(speaker)}</span> "
            f"<span class='nl-report-kind'>({_e(q.kind)})</span>"
            f"<blockquote>{_e(q.text)}</blockquote></li>"
        )
    return "<ol class='nl-report-quotes'>" + "".join(items) + "</ol>"


def _events_section(analysis: Analysis) -> str:
    if not analysis.events:
        return "<p>No events found.</p>"
    # Chronological, undated events last, as in the Events panel.
    events = sorted(
        analysis.events,
        key=lambda e: (e.date is None or not e.date.value, (e.date.value or "") if e.date else ""),
    )
    rows = []
    for e in events:
        date = (e.date.value or e.date.text) if e.date else ""
        cells = [
            date,
            e.actor.text if e.actor else "",
            action_text(e),
            e.target.text if e.target else "",
            e.place.text if e.place else "",
            f"{e.category} ({e.cameo.goldstein:+g})" if e.cameo else e.category,
        ]
        rows.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
    head = "".join(
        f"<th>{h}</th>" for h in ("Date", "Actor", "Action", "Target", "Place", "Category")
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _charts_section(figures: dict[str, go.Figure]) -> str:
    if not figures:
        return "<p>No charts for this article.</p>"
    parts = []
    for name, fig in figures.items():
        try:
            # SVG inside <img> is a static image: any script in it never runs.
            svg = figure_svg(fig)
        except ExportError as exc:
            parts.append(f"<p>{_e(name)}: {_e(exc)}</p>")
            continue
        data = base64.b64encode(svg).decode("ascii")
        title = figure_title(fig)
        caption = "" if title else f"<figcaption>{_e(name)}</figcaption>"
        parts.append(
            f"<figure><img alt='{_e(title or name)}' src='data:image/svg+xml;base64,{data}'>"
            f"{caption}</figure>"
        )
    return "".join(parts)


def report_title(analysis: Analysis) -> str:
    """The title, else the article's first line when it reads like a headline, else its id."""
    if analysis.meta.title:
        return analysis.meta.title
    first = next((line.strip() for line in analysis.text.splitlines() if line.strip()), "")
    if 0 < len(first) <= 150 and not first.endswith((".", "!", "?", ":", "”", '"')):
        return first
    return analysis.id or "Article"


def report_html(analysis: Analysis, *, figures: dict[str, go.Figure] | None = None) -> str:
    """A one-page, self-contained, script-free HTML report of the analysis."""
    from newslens.render import ARTICLE_CSS, article_html

    if figures is None:
        figures = dashboard_figures(analysis)
    title = report_title(analysis)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{REPORT_CSP}\">"
        "<meta name='referrer' content='no-referrer'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(title)} — newslens report</title>"
        f"<style>{REPORT_CSS}\n{ARTICLE_CSS}</style></head><body>"
        f"<header><h1>{_e(title)}</h1><p class='nl-report-meta'>{_meta_line(analysis)}</p>"
        "</header>"
        f"<section><h2>Article</h2>{article_html(analysis)}</section>"
        f"<section><h2>Quotes</h2>{_quotes_section(analysis)}</section>"
        f"<section><h2>Charts</h2>{_charts_section(figures)}</section>"
        f"<section><h2>Events</h2>{_events_section(analysis)}</section>"
        "<footer>Made with newslens. Highlights, quotes, stance and events are automatic "
        "and can be wrong.</footer></body></html>\n"
    )
