"""Exports: CSV tables (formula-safe), JSON, ZIP, chart images through kaleido on the system
Chromium, the self-contained report and `python -m newslens export`."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import plotly.graph_objects as go
import pytest

from newslens import export
from newslens.model import Analysis
from tests.components.handmade import small_analysis

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"


def rows(table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(table)))


def small_figure(title: str = "Mentions") -> go.Figure:
    return go.Figure(go.Bar(x=["a", "b"], y=[3, 1]), layout={"title": {"text": title}})


# --------------------------------------------------------------------------- data


def test_every_table_has_one_row_per_record():
    analysis = small_analysis()
    sizes = {
        "entities": len(analysis.entities),
        "entity_clusters": len(analysis.entity_clusters),
        "quotes": len(analysis.quotes),
        "events": len(analysis.events),
        "timexes": len(analysis.timexes),
        "stance": len(analysis.stance),
        "stance_mentions": sum(len(s.mentions) for s in analysis.stance),
        "positions": len(analysis.positions),
    }
    assert set(export.CSV_TABLES) == set(sizes)
    for name, table in export.CSV_TABLES.items():
        assert len(rows(table(analysis))) == sizes[name], name


def test_csv_cells_point_into_the_text():
    analysis = small_analysis()
    for row in rows(export.entities_csv(analysis)):
        assert analysis.text[int(row["start"]) : int(row["end"])] == row["text"]
    (quote,) = rows(export.quotes_csv(analysis))
    assert quote["speaker_name"] == "Anna Berg" and quote["cue"] == "said"
    (event,) = rows(export.events_csv(analysis))
    assert event["date_value"] == "2025-05-19" and event["cameo_code"] == "04"
    assert event["sentence"].startswith("Anna Berg met Tom Vik")
    (position,) = rows(export.positions_csv(analysis))
    assert (position["speaker"], position["target"], position["polarity"]) == (
        "Anna Berg",
        "Tom Vik",
        "-1",
    )


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_cells_cannot_become_formulas(payload):
    analysis = small_analysis(name=payload, quote=payload)
    for table in export.CSV_TABLES.values():
        for row in rows(table(analysis)):
            for cell in row.values():
                if cell.lstrip("'") == payload or cell.startswith(payload):
                    assert cell == "'" + payload
    # Numbers stay numbers: a negative polarity is not a text cell.
    (position,) = rows(export.positions_csv(analysis))
    assert position["polarity"] == "-1"


def test_zip_holds_every_table_and_the_analysis_json():
    analysis = small_analysis()
    with zipfile.ZipFile(io.BytesIO(export.data_zip(analysis))) as archive:
        names = set(archive.namelist())
        assert names == {f"{n}.csv" for n in export.CSV_TABLES} | {"analysis.json"}
        restored = Analysis.from_dict(json.loads(archive.read("analysis.json")))
        entities = archive.read("entities.csv").decode("utf-8-sig")
    assert restored.to_dict() == analysis.to_dict()
    assert entities.startswith("start,end,text,label")


def test_analysis_json_round_trips_the_seed(seed_analysis):
    restored = Analysis.from_dict(json.loads(export.analysis_json(seed_analysis)))
    assert restored.to_dict() == seed_analysis.to_dict()


# --------------------------------------------------------------------------- charts


def test_png_and_svg_come_from_a_warm_chromium_session():
    fig = small_figure()
    png = export.figure_png(fig)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert export.image_server_running()  # the session stays up for the next click
    svg = export.figure_svg(fig)
    assert svg.lstrip().startswith(b"<svg") and b"Mentions" in svg


def test_standalone_html_chart_needs_no_network():
    page = export.figure_html(small_figure())
    assert "<html" in page and "Plotly.newPlot" in page
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, flags=re.I)


def test_a_chart_coloured_by_streamlits_template_exports_in_real_colours():
    """plotly express under Streamlit's template leaves placeholder colours (#000001, ...)
    that only Streamlit's page replaces; an exported chart must not show them (black)."""
    import pandas as pd
    import plotly.express as px
    import plotly.io as pio
    import streamlit.elements.plotly_chart  # noqa: F401 - registers Streamlit's template

    frame = pd.DataFrame({"week": [1, 1, 2], "articles": [3, 4, 5], "outlet": ["a", "b", "a"]})
    fig = px.bar(frame, x="week", y="articles", color="outlet", template=pio.templates["streamlit"])
    assert [t.marker.color for t in fig.data] == ["#000001", "#000002"]  # what the app holds
    for out in (export.export_figure(fig), export.export_figure(fig, width=None)):
        assert [t.marker.color for t in out.data] == ["#0068c9", "#83c9ff"]
    assert [t.marker.color for t in fig.data] == ["#000001", "#000002"]  # the app's is kept
    assert "#000001" not in export.figure_svg(fig).decode()
    plain = small_figure()
    assert export.export_figure(plain).data[0] == plain.data[0]  # real colours are left alone


def test_every_dashboard_chart_exports(seed_analysis):
    from newslens.charts import all_figures

    for name, fig in all_figures(seed_analysis).items():
        assert export.figure_png(fig).startswith(b"\x89PNG"), name
        assert export.chart_slug(name)


def test_chromium_is_started_with_its_network_features_off(tmp_path):
    fake = tmp_path / "fake browser"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    fake.chmod(0o700)
    wrapper = export.offline_browser(str(fake))
    args = subprocess.run(
        [wrapper, "--headless"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert "--disable-background-networking" in args
    assert "--host-resolver-rules=MAP * ~NOTFOUND" in args  # no DNS lookups at all
    assert args[-1] == "--headless"  # kaleido's own flags still reach the browser


def test_chart_slug_is_a_safe_file_name():
    assert export.chart_slug("Who speaks how / about whom?") == "who-speaks-how-about-whom"
    assert export.chart_slug("../../etc/passwd") == "etc-passwd"
    assert export.chart_slug("<>") == "chart"


def test_missing_browser_is_a_clear_error(tmp_path):
    code = (
        "import plotly.graph_objects as go\n"
        "from newslens import export\n"
        "try:\n"
        "    export.figure_png(go.Figure())\n"
        "except export.ExportError as exc:\n"
        "    print('ExportError:', exc)\n"
    )
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "no-such-browser")}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert "ExportError: no Chromium browser found" in out.stdout, out.stderr


def test_a_browser_that_will_not_start_is_a_clear_error_and_is_retried(tmp_path):
    # /bin/false "starts" and exits at once: each call says so (no wait for the render
    # timeout), and the next call starts a fresh browser rather than reusing the dead one.
    code = (
        "import plotly.graph_objects as go\n"
        "from newslens import export\n"
        "for _ in range(2):\n"
        "    try:\n"
        "        export.figure_png(go.Figure())\n"
        "    except export.ExportError as exc:\n"
        "        print('ExportError:', exc)\n"
        "    print('running:', export.image_server_running())\n"
    )
    env = {**os.environ, "BROWSER_PATH": "/bin/false"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    lines = out.stdout.splitlines()
    assert len(lines) == 4, out.stdout + out.stderr
    assert all("could not be rendered as PNG" in line for line in lines[0::2])
    assert lines[1::2] == ["running: False", "running: False"]


# --------------------------------------------------------------------------- report


def test_report_is_self_contained_and_script_free():
    analysis = small_analysis()
    report = export.report_html(analysis, figures={"Mentions": small_figure()})
    lowered = report.lower()
    assert "content-security-policy" in lowered and "default-src 'none'" in report
    assert "<script" not in lowered
    assert "src='http" not in lowered and 'src="http' not in lowered
    assert "Anna Berg in Oslo" in report  # title
    assert "We will build the bridge." in report  # article / quote list
    assert "data:image/svg+xml;base64," in report  # the chart, embedded
    assert "<td>2025-05-19</td>" in report and "<td>Anna Berg</td>" in report  # event table


def test_report_title_falls_back_to_a_headline_line_then_the_id():
    analysis = small_analysis()
    analysis.meta.title = None
    assert export.report_title(analysis) == "handmade.txt"  # first line is a sentence
    analysis.text = "Bridge opens in Oslo\n\n" + analysis.text
    assert export.report_title(analysis) == "Bridge opens in Oslo"


def test_report_quotes_keep_their_own_marks_and_negation_reads_once():
    analysis = small_analysis()
    analysis.events[0].negated = True
    analysis.events[0].phrase = "did not meet"
    report = export.report_html(analysis, figures={})
    assert "<blockquote>“We will build the bridge.”</blockquote>" in report
    assert "<td>did not meet</td>" in report
    analysis.events[0].phrase = "met"
    assert "<td>not met</td>" in export.report_html(analysis, figures={})


def test_report_without_charts_or_browser_still_has_the_article(seed_analysis):
    report = export.report_html(seed_analysis, figures={})
    assert "No charts for this article." in report
    assert "Istanbul" in report


# --------------------------------------------------------------------------- CLI


def test_cli_export_writes_every_file(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "newslens",
            "export",
            str(SEED),
            "--to",
            str(tmp_path / "out"),
            "--published",
            "2025-05-20",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    folder = tmp_path / "out"
    expected = {"analysis.json", "data.zip", "report.html"} | {
        f"{n}.csv" for n in export.CSV_TABLES
    }
    assert expected <= {p.name for p in folder.iterdir()}
    listed = {Path(line).name for line in out.stdout.splitlines()}
    assert expected <= listed
    saved = json.loads((folder / "analysis.json").read_text(encoding="utf-8"))
    assert saved["meta"]["published"] == "2025-05-20"
    assert "Istanbul" in saved["text"]
    for chart in (folder / "charts").glob("*.png"):
        assert chart.read_bytes().startswith(b"\x89PNG")
        assert chart.with_suffix(".svg").exists() and chart.with_suffix(".html").exists()


def test_cli_export_bad_file_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    out = subprocess.run(
        [sys.executable, "-m", "newslens", "export", str(bad), "--to", str(tmp_path / "o")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1
    # One line: pypdf's own parser warnings are silenced, ours says what went wrong.
    assert len(out.stderr.splitlines()) == 1
    assert out.stderr.startswith("newslens: error: bad.pdf: ")
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "payload",
    [' =HYPERLINK("http://x")', "\u3000=1+1", '＝HYPERLINK("http://x")', "＋1", "  ＠SUM(A1)"],
    ids=["space", "ideographic-space", "full-width-equals", "full-width-plus", "full-width-at"],
)
def test_csv_cells_behind_blanks_or_in_full_width_cannot_become_formulas(payload):
    analysis = small_analysis(name=payload, quote=payload)
    seen = 0
    for table in export.CSV_TABLES.values():
        for row in rows(table(analysis)):
            for cell in row.values():
                if cell.lstrip("'") == payload:
                    assert cell == "'" + payload
                    seen += 1
    assert seen > 0  # the payload did reach a cell
