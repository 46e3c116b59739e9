"""Everything that leaves the dashboard: data as CSV/JSON (and a ZIP of all of it), each chart
as PNG/SVG (plotly + kaleido on the system Chromium) or standalone HTML, and a one-page,
self-contained HTML report that is safe to open even though the article text is untrusted.
"""

from __future__ import annotations

import atexit
import base64
import csv
import html
import io
import json
import os
import re
import shlex
import shutil
import sys
import tempfile
import threading
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from newslens.events.display import action_text
from newslens.model import Analysis

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
IMAGE_WIDTH = 1000
IMAGE_HEIGHT = 600
# Every exported chart is drawn with this template, named here rather than taken from
# plotly's process-wide default: Streamlit sets that default to its own template (no
# automargin), so the app's downloads used to differ from the CLI's.
EXPORT_TEMPLATE = "plotly_white"
# Cells starting with these are formulas to Excel/LibreOffice/Sheets (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The report is inert: no script, no external fetch; only inline styles and data: images.
REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


class ExportError(RuntimeError):
    """An export that could not be made; the message is meant for the user."""


# --------------------------------------------------------------------------- data


def _cell(value: Any) -> Any:
    """A CSV cell no spreadsheet runs as a formula: spreadsheets skip leading blanks and
    read full-width signs ("＝", "＋") as the ASCII ones, so the first character that is not
    blank, made ASCII-compatible (NFKC), is what counts."""
    if isinstance(value, str):
        first = unicodedata.normalize("NFKC", value.lstrip()[:1])
        if value.startswith(FORMULA_PREFIXES) or first.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def _csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell("" if v is None else v) for v in row])
    return out.getvalue()


def _cluster_names(analysis: Analysis) -> dict[str, str]:
    return {c.id: c.name for c in analysis.entity_clusters}


def entities_csv(analysis: Analysis) -> str:
    names = _cluster_names(analysis)
    return _csv(
        ["start", "end", "text", "label", "entity_id", "entity_name"],
        (
            [m.start, m.end, m.text, m.label, m.entity_id, names.get(m.entity_id, "")]
            for m in analysis.entities
        ),
    )


def clusters_csv(analysis: Analysis) -> str:
    return _csv(
        ["entity_id", "name", "label", "mention_count", "mentions"],
        (
            [c.id, c.name, c.label, len(c.mentions), ";".join(f"{s}-{e}" for s, e in c.mentions)]
            for c in analysis.entity_clusters
        ),
    )


def quotes_csv(analysis: Analysis) -> str:
    def row(i: int, q: Any) -> list[Any]:
        sp = q.speaker
        return [
            i,
            q.start,
            q.end,
            q.kind,
            q.text,
            sp.name if sp else "",
            sp.entity_id if sp else "",
            sp.text if sp else "",
            q.cue.text if q.cue else "",
        ]

    return _csv(
        [
            "index",
            "start",
            "end",
            "kind",
            "text",
            "speaker_name",
            "speaker_entity_id",
            "speaker_text",
            "cue",
        ],
        (row(i, q) for i, q in enumerate(analysis.quotes)),
    )


def timexes_csv(analysis: Analysis) -> str:
    return _csv(
        ["start", "end", "text", "type", "value"],
        ([t.start, t.end, t.text, t.type, t.value] for t in analysis.timexes),
    )


def events_csv(analysis: Analysis) -> str:
    def row(e: Any) -> list[Any]:
        return [
            e.start,
            e.end,
            e.actor.text if e.actor else "",
            e.actor.entity_id if e.actor else "",
            e.action,
            e.phrase,
            e.target.text if e.target else "",
            e.target.entity_id if e.target else "",
            e.place.text if e.place else "",
            e.date.text if e.date else "",
            e.date.value if e.date else "",
            e.negated,
            action_text(e),
            e.modality,
            e.source.text if e.source else "",
            e.category,
            e.cameo.code if e.cameo else "",
            e.cameo.name if e.cameo else "",
            e.cameo.goldstein if e.cameo else "",
            analysis.text[e.start : e.end],
        ]

    return _csv(
        [
            "start",
            "end",
            "actor",
            "actor_entity_id",
            "action",
            "phrase",
            "target",
            "target_entity_id",
            "place",
            "date_text",
            "date_value",
            "negated",
            "action_text",
            "modality",
            "reported_by",
            "category",
            "cameo_code",
            "cameo_name",
            "goldstein",
            "sentence",
        ],
        (row(e) for e in analysis.events),
    )


def stance_csv(analysis: Analysis) -> str:
    """One row per entity: how it is portrayed (counts of mentions by polarity, net score)."""
    return _csv(
        ["entity_id", "name", "mentions", "negative", "neutral", "positive", "net"],
        (
            [
                s.entity_id,
                s.name,
                len(s.mentions),
                s.portrayal.get("negative", ""),
                s.portrayal.get("neutral", ""),
                s.portrayal.get("positive", ""),
                s.portrayal.get("net", ""),
            ]
            for s in analysis.stance
        ),
    )


def stance_mentions_csv(analysis: Analysis) -> str:
    return _csv(
        [
            "entity_id",
            "name",
            "start",
            "end",
            "text",
            "polarity",
            "negative",
            "neutral",
            "positive",
        ],
        (
            [
                s.entity_id,
                s.name,
                m.start,
                m.end,
                analysis.text[m.start : m.end],
                m.polarity,
                m.scores.get("negative", ""),
                m.scores.get("neutral", ""),
                m.scores.get("positive", ""),
            ]
            for s in analysis.stance
            for m in s.mentions
        ),
    )


def positions_csv(analysis: Analysis) -> str:
    names = _cluster_names(analysis)
    return _csv(
        ["speaker_entity_id", "speaker", "target_entity_id", "target", "quote_index", "polarity"],
        (
            [
                p.speaker_entity_id,
                names.get(p.speaker_entity_id, ""),
                p.target_entity_id,
                names.get(p.target_entity_id, ""),
                p.quote_index,
                p.polarity,
            ]
            for p in analysis.positions
        ),
    )


CSV_TABLES: dict[str, Callable[[Analysis], str]] = {
    "entities": entities_csv,
    "entity_clusters": clusters_csv,
    "quotes": quotes_csv,
    "events": events_csv,
    "timexes": timexes_csv,
    "stance": stance_csv,
    "stance_mentions": stance_mentions_csv,
    "positions": positions_csv,
}


def analysis_json(analysis: Analysis) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2)


def data_zip(analysis: Analysis) -> bytes:
    """Every CSV table plus the whole analysis as JSON, in one ZIP."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, table in CSV_TABLES.items():
            # utf-8-sig so that Excel opens non-ASCII names correctly.
            archive.writestr(f"{name}.csv", table(analysis).encode("utf-8-sig"))
        archive.writestr("analysis.json", analysis_json(analysis).encode("utf-8"))
    return out.getvalue()


# --------------------------------------------------------------------------- charts

_kaleido_lock = threading.Lock()
_kaleido_broken: str | None = None  # why the image server cannot be used in this process
RENDER_TIMEOUT_S = 90.0


def browser_path() -> str | None:
    """The browser kaleido drives: $BROWSER_PATH, else Debian's chromium, else its own search."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"]
    if SYSTEM_CHROMIUM.is_file():
        return str(SYSTEM_CHROMIUM)
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=False)


# Chromium phones home (DNS lookups, component and variation updates) unless told not to, and
# choreographer has no option for extra flags: kaleido starts it through this wrapper.
OFFLINE_FLAGS = (
    "--disable-background-networking",
    "--disable-extensions",
    "--disable-component-update",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-sync",
    "--disable-quic",
    "--no-pings",
    "--dns-prefetch-disable",
    "--disable-features=OptimizationHints,MediaRouter,Translate,NetworkTimeServiceQuerying",
    # Charts render from local files only: no host name needs resolving, so none is.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def offline_browser(path: str) -> str:
    """An executable that starts the browser at `path` with network features off."""
    folder = Path(tempfile.mkdtemp(prefix="newslens-chromium-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    wrapper = folder / "chromium"
    flags = " ".join(shlex.quote(flag) for flag in OFFLINE_FLAGS)
    wrapper.write_text(f'#!/bin/sh\nexec {shlex.quote(path)} {flags} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o700)
    return str(wrapper)


def _server() -> Any:
    import kaleido

    return kaleido._global_server  # the singleton behind kaleido.start_sync_server()


def _server_alive() -> bool:
    server = _server()
    return server.is_running() and server._thread.is_alive()


def start_image_server() -> None:
    """Start (once per process) the warm Kaleido/Chromium session that renders PNG/SVG.

    Call with `_kaleido_lock` held."""
    import kaleido

    if _server_alive():
        return
    if _server().is_running():  # its thread died (browser crashed): start a fresh one
        kaleido.stop_sync_server(silence_warnings=True)
    path = browser_path()
    if not path or not Path(path).is_file():
        raise ExportError("no Chromium browser found: install Debian's chromium package")
    # choreographer reads BROWSER_PATH when it searches for a browser by itself.
    os.environ.setdefault("BROWSER_PATH", path)
    # MathJax would otherwise be fetched from a CDN: the app makes no network calls.
    kaleido.start_sync_server(
        path=offline_browser(path), enable_extensions=False, mathjax=False, silence_warnings=True
    )


def warm_up() -> bool:
    """Start the image server in the background (it returns at once); False without a browser.

    Called when the export panel shows, so the first click finds Chromium already running."""
    with _kaleido_lock:
        if _kaleido_broken:
            return False
        try:
            start_image_server()
        except ExportError:
            return False
    return True


def stop_image_server() -> None:
    import kaleido

    with _kaleido_lock:
        kaleido.stop_sync_server(silence_warnings=True)


def _with_timeout(fn: Callable[[], Any], timeout: float) -> Any:
    # The sync server waits forever on its queue if the browser never comes up; a watchdog
    # thread turns that into an error the user can read.
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller below
            box["error"] = exc

    thread = threading.Thread(target=run, name="newslens-kaleido-call", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError(f"no answer from Chromium within {timeout:.0f} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def export_figure(fig: go.Figure, *, width: int | None = IMAGE_WIDTH) -> go.Figure:
    """A copy of `fig` as every export (app download, CLI, report) draws it: the export
    template, a white background, automargin on every axis, and a fixed width (None: the
    width of the page, for interactive HTML). The app's figure itself is left as it is."""
    out = go.Figure(fig)
    out.update_layout(
        template=pio.templates[EXPORT_TEMPLATE],
        width=width,
        height=fig.layout.height or IMAGE_HEIGHT,
        autosize=width is None,
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    out.update_xaxes(automargin=True)
    out.update_yaxes(automargin=True)
    return out


def figure_image(fig: go.Figure, *, fmt: str, timeout: float = RENDER_TIMEOUT_S) -> bytes:
    """The figure as PNG or SVG bytes; raises ExportError when no browser can render it."""
    global _kaleido_broken
    if fmt not in ("png", "svg"):
        raise ValueError(f"unsupported image format: {fmt}")
    import kaleido

    fig = export_figure(fig)
    opts = {
        "format": fmt,
        "width": fig.layout.width,
        "height": fig.layout.height,
        "scale": 2 if fmt == "png" else 1,
    }
    # The sync server answers one request at a time through a shared queue: serialise callers
    # (Streamlit runs each download callable on its own thread).
    with _kaleido_lock:
        if _kaleido_broken:
            raise ExportError(_kaleido_broken)
        try:
            start_image_server()
            data = _with_timeout(lambda: kaleido.calc_fig_sync(fig, opts=opts), timeout)
        except ExportError:
            raise
        except TimeoutError as exc:
            # The server thread is stuck on its queue for good; don't queue more behind it.
            _kaleido_broken = f"charts cannot be rendered as images here ({exc})"
            raise ExportError(_kaleido_broken) from exc
        except Exception as exc:  # kaleido/choreographer raise many types; the user needs one
            raise ExportError(
                f"the chart could not be rendered as {fmt.upper()} ({type(exc).__name__}: {exc})"
            ) from exc
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def figure_png(fig: go.Figure) -> bytes:
    return figure_image(fig, fmt="png")


def figure_svg(fig: go.Figure) -> bytes:
    return figure_image(fig, fmt="svg")


def figure_html(fig: go.Figure) -> str:
    """A standalone interactive chart: plotly.js is inlined, so it works offline."""
    return export_figure(fig, width=None).to_html(include_plotlyjs=True, full_html=True)


def chart_slug(name: str) -> str:
    """A safe file name stem for a chart name."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:60] or "chart"


def dashboard_figures(analysis: Analysis) -> dict[str, go.Figure]:
    """The dashboard's charts (the same Figures the app shows), by name."""
    from newslens.charts import all_figures

    return all_figures(analysis)


# --------------------------------------------------------------------------- report

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


def _action(event: Any) -> str:
    return action_text(event)


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
            _action(e),
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
        title = fig.layout.title.text if fig.layout.title else None
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


# --------------------------------------------------------------------------- files / CLI


def write_all(analysis: Analysis, to: str | Path) -> tuple[list[Path], list[str]]:
    """Write every export into the folder `to`; returns (files written, error messages)."""
    folder = Path(to)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    errors: list[str] = []

    def put(name: str, data: str | bytes) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        written.append(path)

    put("analysis.json", analysis_json(analysis))
    for name, table in CSV_TABLES.items():
        put(f"{name}.csv", table(analysis).encode("utf-8-sig"))
    put("data.zip", data_zip(analysis))
    figures = dashboard_figures(analysis)
    for name, fig in figures.items():
        slug = chart_slug(name)
        put(f"charts/{slug}.html", figure_html(fig))
        for fmt in ("png", "svg"):
            try:
                put(f"charts/{slug}.{fmt}", figure_image(fig, fmt=fmt))
            except ExportError as exc:
                errors.append(f"{name}: {exc}")
    put("report.html", report_html(analysis, figures=figures))
    return written, errors


def cli_export(file: str, to: str, *, published: str | None, model: str | None) -> int:
    """`python -m newslens export FILE --to DIR`: analyse FILE and write every export."""
    from newslens.ingest import IngestError, load_path
    from newslens.nlp import ModelNotFound, load_nlp
    from newslens.pipeline import AnalysisError, analyze_text

    def error(message: str) -> None:
        print("newslens: error: " + " ".join(str(message).split()), file=sys.stderr)

    try:
        article = load_path(file)
        if published:
            article.meta.published, article.meta.published_source = published, "user"
        analysis = analyze_text(
            article.text, doc_id=Path(file).name, meta=article.meta, nlp=load_nlp(model)
        )
    except (IngestError, AnalysisError, ModelNotFound) as exc:
        error(str(exc))
        return 1
    try:
        written, errors = write_all(analysis, to)
    except OSError as exc:
        error(f"{to}: cannot write the exports ({exc.strerror or exc})")
        return 1
    finally:
        if _server_alive():
            stop_image_server()
    for path in written:
        print(path)
    for message in errors:
        error(message)
    return 1 if errors else 0
