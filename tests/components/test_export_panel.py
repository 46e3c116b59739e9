"""Export panel: a download button per chart and format, data and report; nothing is exported
until a button is clicked (callable `data`); each button's callable gives the right file;
Save to library stores the analysis."""

from __future__ import annotations

import io
import zipfile

import pytest
from streamlit.delta_generator import DeltaGenerator

from newslens import export
from newslens.charts import all_figures
from newslens.library import Library
from tests.components.handmade import handmade_analysis
from tests.components.harness import panel_app


@pytest.fixture()
def library(tmp_path, monkeypatch) -> Library:
    monkeypatch.setenv("NEWSLENS_LIBRARY", str(tmp_path / "library.sqlite3"))
    return Library(tmp_path / "library.sqlite3")


@pytest.fixture()
def buttons(monkeypatch) -> dict[str, dict]:
    """Every download button the panel draws: key suffix -> its arguments."""
    seen: dict[str, dict] = {}
    original = DeltaGenerator.download_button

    def record(self, label, data, file_name=None, mime=None, key=None, **kwargs):
        seen[key.removeprefix("t-")] = {"label": label, "data": data, "file_name": file_name}
        return original(self, label, data, file_name, mime, key, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", record)
    return seen


@pytest.fixture()
def export_calls(monkeypatch) -> list[str]:
    calls: list[str] = []
    for name in ("figure_image", "figure_html", "data_zip", "analysis_json", "report_html"):
        real = getattr(export, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(export, name, counted)
    return calls


def test_buttons_for_every_chart_and_the_data_and_nothing_exported_yet(
    library, buttons, export_calls
):
    at = panel_app("export_panel").run()
    assert not at.exception
    charts = [export.chart_slug(n) for n in all_figures(handmade_analysis())]
    assert charts  # the hand-made analysis has charts
    for slug in charts:
        for fmt in ("png", "svg", "html"):
            assert f"chart-{slug}-{fmt}" in buttons
    assert {"zip", "json", "report"} <= set(buttons)
    assert {f"csv-{name}" for name in export.CSV_TABLES} <= set(buttons)
    assert all(callable(b["data"]) for b in buttons.values())
    assert export_calls == []  # nothing made until a click


def test_each_button_makes_its_file_on_click(library, buttons, export_calls):
    panel_app("export_panel").run()
    slug = export.chart_slug(next(iter(all_figures(handmade_analysis()))))
    assert buttons[f"chart-{slug}-png"]["data"]().startswith(b"\x89PNG")
    assert buttons[f"chart-{slug}-svg"]["data"]().lstrip().startswith(b"<svg")
    assert "Plotly.newPlot" in buttons[f"chart-{slug}-html"]["data"]()
    with zipfile.ZipFile(io.BytesIO(buttons["zip"]["data"]())) as archive:
        assert "entities.csv" in archive.namelist()
    report = buttons["report"]["data"]()
    assert report.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in report
    assert buttons["csv-quotes"]["data"]().decode("utf-8-sig").startswith("index,start,end")
    assert buttons["report"]["file_name"].endswith("-report.html")
    assert {"figure_image", "figure_html", "data_zip", "report_html"} <= set(export_calls)


def test_save_to_library(library):
    at = panel_app("export_panel").run()
    assert len(library) == 0
    at.button(key="t-save").click().run()
    assert not at.exception
    assert any("Saved to the library" in s.value for s in at.success)
    (entry,) = library.list()
    assert library.load(entry.id).text == handmade_analysis().text
    # Saving again updates the same entry, and the panel says it is already there.
    at.button(key="t-save").click().run()
    assert len(library) == 1
    assert any("in the library" in c.value for c in at.caption)


def test_empty_analysis_has_no_chart_buttons_but_data(library, buttons):
    at = panel_app("export_panel", "empty_analysis").run()
    assert not at.exception
    assert not [k for k in buttons if k.startswith("chart-")]
    assert {"zip", "json", "report"} <= set(buttons)
