"""What the corpus views share: the page's sections, the opened corpus (cached per folder),
cached answers, chart and table downloads, tables (a row to pick, rows linked to their
articles), and an article's text with lit spans.

Answers are cached per (corpus, question, filters), so a view that reruns with the same
filters answers from memory; every chart downloads as PNG/SVG/HTML through
`newslens.export` (the article charts' path) and every table as CSV.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.export_panel import chart_buttons
from components.util import selected_rows
from newslens import export
from newslens.corpus.explore import Explorer

CORPUS_ENV = "NEWSLENS_CORPUS"
# The Corpus page's sections, top to bottom: anchor -> heading. The page (views/corpus.py)
# draws them; its tests and bench/corpus_ui_speed.py read the headings from here.
CORPUS_SECTIONS = {
    "overview": "Corpus overview",
    "voice": "Share of voice",
    "portrayal": "Portrayal over time",
    "positions": "Who speaks about whom",
    "events": "Events across articles",
    "stories": "Stories",
    "compare": "Compare coverage",
}
MARK_STYLE = (
    "background: rgba(255, 200, 0, 0.45); color: inherit; border-radius: 3px; "
    "padding: 0 1px; outline: 2px solid rgba(255, 160, 0, 0.8)"
)


def default_corpus() -> str:
    return os.environ.get(CORPUS_ENV, "")


def _signature(root: Path) -> str:
    """Changes when a build adds or rewrites shards, so the cache follows the folder."""
    marks = root / "_shards"
    files = sorted(marks.glob("*.json")) if marks.is_dir() else []
    newest = max((f.stat().st_mtime_ns for f in files), default=0)
    return f"{root.resolve()}:{len(files)}:{newest}"


@st.cache_resource(max_entries=4, show_spinner="Opening the corpus…")
def _open(signature: str, root: str) -> Explorer:  # noqa: ARG001 - the cache key
    return Explorer.open(root)


def open_corpus(root: str | Path) -> Explorer:
    """The corpus at `root`, opened once per server while its shards do not change; raises
    `queries.QueryError` when it is not a corpus folder."""
    path = Path(root)
    return _open(_signature(path), str(path))


@st.cache_data(max_entries=512, show_spinner=False)
def _answer(signature: str, method: str, args: tuple, kwargs: tuple) -> Any:
    return getattr(_EXPLORERS[signature], method)(*args, **dict(kwargs))


_EXPLORERS: dict[str, Explorer] = {}


def ask(x: Explorer, method: str, *args: Any, **kwargs: Any) -> Any:
    """`x.method(*args, **kwargs)`, cached per corpus and arguments."""
    signature = _signature(x.root)
    _EXPLORERS[signature] = x
    return _answer(signature, method, args, tuple(sorted(kwargs.items())))


# ---------------------------------------------------------------- downloads


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(export.FORMULA_PREFIXES):
        return "'" + value  # a formula to a spreadsheet (CSV injection)
    return value


def frame_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV for spreadsheets: UTF-8 with BOM, cells that look like formulas
    defused, lists joined with ';'."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda v: _cell("; ".join(map(str, v)) if isinstance(v, list | tuple) else v)
            )
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def csv_button(frame: pd.DataFrame, *, name: str, key: str, label: str = "CSV") -> None:
    st.download_button(
        label,
        data=lambda: frame_csv(frame),
        file_name=f"corpus-{export.chart_slug(name)}.csv",
        mime="text/csv",
        key=f"{key}-csv",
        on_click="ignore",
        icon=":material/download:",
    )


def matrix_layout(
    fig: go.Figure, *, title: dict[str, Any], rows: int, row_height: int
) -> go.Figure:
    """The layout of a corpus matrix (a heatmap of actors): rows read downwards, the column
    names slanted along the top with room above for them, a height that grows with the rows."""
    fig.update_layout(
        title=title,
        height=max(420, 190 + row_height * rows),
        margin={"l": 10, "r": 10, "t": 150, "b": 20},
        yaxis={"autorange": "reversed"},
        xaxis={"side": "top", "tickangle": -35},
    )
    return fig


def downloads(
    *, key: str, name: str, frame: pd.DataFrame | None = None, fig: go.Figure | None = None
) -> None:
    """One row of download buttons under a chart or table."""
    with st.popover("Download", icon=":material/download:"):
        if fig is not None:
            st.caption("Chart")
            file_stem = f"corpus-{export.chart_slug(name)}"
            chart_buttons(st.columns(3), fig, file_stem=file_stem, key=f"{key}-chart")
        if frame is not None:
            st.caption("Table")
            csv_button(frame, name=name, key=f"{key}-table", label=f"{name} (CSV)")


# ---------------------------------------------------------------- tables


def row_picker(frame: pd.DataFrame, *, key: str, **options: Any) -> list[int]:
    """`frame` as a full-width table (no index) in which one row can be picked (a pick reruns
    the page); the positions of the picked rows. `options` go to `st.dataframe`."""
    event = st.dataframe(
        frame,
        hide_index=True,
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        width="stretch",
        **options,
    )
    return selected_rows(event)


def linked_table(frame: pd.DataFrame, *, key: str, **columns: Any) -> None:
    """A full-width table (no index) of articles or their passages: the column "open" shows
    each row's link to its article, "published" its date, and `columns` configure the rest."""
    st.dataframe(
        frame,
        hide_index=True,
        key=key,
        width="stretch",
        column_config={
            "open": st.column_config.LinkColumn("Article", display_text="open"),
            "published": st.column_config.DateColumn("Published"),
            **columns,
        },
    )


# ---------------------------------------------------------------- article text


def marked_text_html(text: str, spans: list[tuple[int, int]], *, mark_class: str) -> str:
    """The article text, escaped, paragraphs kept, with `spans` in <mark> (overlaps merged)."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, pos = [], 0
    for start, end in merged:
        parts.append(html.escape(text[pos:start]))
        parts.append(
            f'<mark class="{mark_class}" style="{MARK_STYLE}">{html.escape(text[start:end])}</mark>'
        )
        pos = end
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<div class="nl-corpus-text" style="line-height: 1.6">{body}</div>'


def title_of(row: dict | pd.Series) -> str:
    date = row.get("published")
    day = pd.Timestamp(date).strftime("%Y-%m-%d") if date is not None and pd.notna(date) else ""
    title = " ".join(str(row.get("title") or row.get("article_id") or "").split())
    return " · ".join(p for p in (str(row.get("outlet") or ""), day, title) if p)


def article_link(article_id: str, start: int | None = None, end: int | None = None) -> str:
    """A link that opens the article (with a span lit) on this page."""
    from urllib.parse import urlencode

    params = {"article": article_id}
    if start is not None and end is not None:
        params["lit"] = f"{int(start)}-{int(end)}"
    return "/corpus?" + urlencode(params)
