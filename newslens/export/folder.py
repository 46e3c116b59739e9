"""Every export of one analysis written as files into a folder (what `python -m newslens
export` makes): the JSON, each CSV table, the ZIP, each chart as HTML/PNG/SVG, the report."""

from __future__ import annotations

from pathlib import Path

from newslens.export.images import (
    ExportError,
    chart_slug,
    dashboard_figures,
    figure_html,
    figure_image,
)
from newslens.export.report import report_html
from newslens.export.tables import CSV_TABLES, analysis_json, data_zip
from newslens.model import Analysis


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
