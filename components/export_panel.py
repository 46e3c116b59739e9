"""Export panel: download each chart (PNG/SVG/HTML), the data (CSV ZIP, JSON, single tables)
and a one-page report, and save the analysis to the library.

Every file is made only when its button is clicked (`st.download_button` with a callable
`data`, run by Streamlit on its own thread), so showing the panel costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, NamedTuple

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.util import md_escape
from newslens import export
from newslens.library import Library, LibraryError
from newslens.model import Analysis

IMAGE_MIME = {"png": "image/png", "svg": "image/svg+xml"}
NO_BROWSER_HELP = "Needs Chromium (Debian package 'chromium')."


class DataFile(NamedTuple):
    """One of the article's data files and its button. `make` looks `newslens.export` up on
    the click, not at import, like every other button of the panel."""

    label: str
    make: Callable[[Analysis], bytes | str]
    suffix: str  # the file name after the article's stem
    mime: str
    key: str
    help: str | None = None
    type: Literal["primary", "secondary"] = "secondary"


DATA_FILES = (
    DataFile(
        "All tables (CSV, ZIP)", lambda a: export.data_zip(a), "-data.zip", "application/zip", "zip"
    ),
    DataFile(
        "Analysis (JSON)", lambda a: export.analysis_json(a), ".json", "application/json", "json"
    ),
    DataFile(
        "Report (HTML)",
        lambda a: export.report_html(a),
        "-report.html",
        "text/html",
        "report",
        help="One self-contained page: article with highlights, quotes, charts, events",
        type="primary",
    ),
)


def _stem(analysis: Analysis) -> str:
    return export.chart_slug(analysis.meta.title or analysis.id or "article")[:40]


def _image(fig: go.Figure, fmt: str) -> Callable[[], bytes]:
    return lambda: export.figure_image(fig, fmt=fmt)


def _html(fig: go.Figure) -> Callable[[], str]:
    return lambda: export.figure_html(fig)


def chart_buttons(
    places: Sequence[DeltaGenerator],
    fig: go.Figure,
    *,
    file_stem: str,
    key: str,
    images_ok: bool = True,
    html_help: str | None = None,
) -> None:
    """PNG, SVG and HTML downloads of a chart, one button in each of the three `places` (the
    same container thrice for a row), for the article and the corpus charts. The images need
    Chromium: without it (`images_ok` False) their buttons are disabled and say why."""
    for place, fmt in zip(places[:2], ("png", "svg"), strict=True):
        place.download_button(
            fmt.upper(),
            data=_image(fig, fmt),
            file_name=f"{file_stem}.{fmt}",
            mime=IMAGE_MIME[fmt],
            key=f"{key}-{fmt}",
            on_click="ignore",
            disabled=not images_ok,
            help=None if images_ok else NO_BROWSER_HELP,
        )
    places[2].download_button(
        "HTML",
        data=_html(fig),
        file_name=f"{file_stem}.html",
        mime="text/html",
        key=f"{key}-html",
        on_click="ignore",
        help=html_help,
    )


def _chart_title(name: str, fig: go.Figure) -> str:
    title = export.figure_title(fig)
    return title or name.replace("_", " ").capitalize()


def _warm_up() -> bool:
    """Start Chromium for PNG/SVG in the background; False when there is no browser."""
    try:
        return export.warm_up()
    except Exception:  # never let a missing browser break the page; buttons say so
        return False


def _charts(analysis: Analysis, *, key: str) -> None:
    st.markdown("**Charts**")
    try:
        figures = export.dashboard_figures(analysis)
    except Exception:  # a chart bug must not take the data exports down with it
        st.warning("The charts could not be built for this article.")
        return
    if not figures:
        st.caption("No charts for this article yet.")
        return
    images_ok = _warm_up()
    stem = _stem(analysis)
    for name, fig in figures.items():
        slug = export.chart_slug(name)
        # Title, then the buttons at their natural width in a row that wraps: fixed columns
        # cut the labels to "P…", "S…" in a narrow panel.
        st.markdown(md_escape(_chart_title(name, fig)))
        row = st.container(horizontal=True, key=f"{key}-chart-{slug}-row")
        chart_buttons(
            (row, row, row),
            fig,
            file_stem=f"{stem}-{slug}",
            key=f"{key}-chart-{slug}",
            images_ok=images_ok,
            html_help="Interactive chart that works offline",
        )


def _data(analysis: Analysis, *, key: str) -> None:
    st.markdown("**Data**")
    stem = _stem(analysis)
    row = st.container(horizontal=True, key=f"{key}-data-row")
    for file in DATA_FILES:
        row.download_button(
            file.label,
            data=lambda make=file.make: make(analysis),
            file_name=f"{stem}{file.suffix}",
            mime=file.mime,
            key=f"{key}-{file.key}",
            on_click="ignore",
            help=file.help,
            type=file.type,
        )
    tables = st.expander("Single tables (CSV)")
    for name, table in export.CSV_TABLES.items():
        tables.download_button(
            f"{name}.csv",
            data=(lambda t=table: t(analysis).encode("utf-8-sig")),
            file_name=f"{stem}-{name}.csv",
            mime="text/csv",
            key=f"{key}-csv-{name}",
            on_click="ignore",
        )


def _library(analysis: Analysis, *, key: str) -> None:
    st.markdown("**Library**")
    library = Library()
    try:
        existing = library.find(analysis.text)
    except LibraryError as exc:
        st.error(f"The library cannot be used: {exc}")
        return
    if existing is not None:
        st.caption("This article is in the library; saving again replaces that copy.")
    if st.button("Save to library", key=f"{key}-save", icon=":material/bookmark_add:"):
        try:
            entry_id = library.save(analysis)
        except LibraryError as exc:
            st.error(f"Could not save: {exc}")
        else:
            st.success(f"Saved to the library (entry {entry_id}).")


def render(analysis: Analysis, *, key: str) -> None:
    _charts(analysis, key=key)
    _data(analysis, key=key)
    _library(analysis, key=key)
