"""Export panel: download each chart (PNG/SVG/HTML), the data (CSV ZIP, JSON, single tables)
and a one-page report, and save the analysis to the library.

Every file is made only when its button is clicked (`st.download_button` with a callable
`data`, run by Streamlit on its own thread), so showing the panel costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from components.util import md_escape
from newslens import export
from newslens.library import Library, LibraryError
from newslens.model import Analysis

IMAGE_MIME = {"png": "image/png", "svg": "image/svg+xml"}


def _stem(analysis: Analysis) -> str:
    return export.chart_slug(analysis.meta.title or analysis.id or "article")[:40]


def _image(fig: go.Figure, fmt: str) -> Callable[[], bytes]:
    return lambda: export.figure_image(fig, fmt=fmt)


def _html(fig: go.Figure) -> Callable[[], str]:
    return lambda: export.figure_html(fig)


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
        for fmt in ("png", "svg"):
            row.download_button(
                fmt.upper(),
                data=_image(fig, fmt),
                file_name=f"{stem}-{slug}.{fmt}",
                mime=IMAGE_MIME[fmt],
                key=f"{key}-chart-{slug}-{fmt}",
                on_click="ignore",
                disabled=not images_ok,
                help=None if images_ok else "Needs Chromium (Debian package 'chromium').",
            )
        row.download_button(
            "HTML",
            data=_html(fig),
            file_name=f"{stem}-{slug}.html",
            mime="text/html",
            key=f"{key}-chart-{slug}-html",
            on_click="ignore",
            help="Interactive chart that works offline",
        )


def _data(analysis: Analysis, *, key: str) -> None:
    st.markdown("**Data**")
    stem = _stem(analysis)
    row = st.container(horizontal=True, key=f"{key}-data-row")
    row.download_button(
        "All tables (CSV, ZIP)",
        data=lambda: export.data_zip(analysis),
        file_name=f"{stem}-data.zip",
        mime="application/zip",
        key=f"{key}-zip",
        on_click="ignore",
    )
    row.download_button(
        "Analysis (JSON)",
        data=lambda: export.analysis_json(analysis),
        file_name=f"{stem}.json",
        mime="application/json",
        key=f"{key}-json",
        on_click="ignore",
    )
    row.download_button(
        "Report (HTML)",
        data=lambda: export.report_html(analysis),
        file_name=f"{stem}-report.html",
        mime="text/html",
        key=f"{key}-report",
        on_click="ignore",
        help="One self-contained page: article with highlights, quotes, charts, events",
        type="primary",
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
