"""Exported charts are legible, measured in Chromium on the SVG itself: every text inside the
drawing, no two labels on top of each other, every category labelled. For the seed and for an
article of sixteen actors with long names, through `python -m newslens export` and through the
export path of a process where Streamlit has made its plotly template the default (as in the
app, whose downloads cut the labels to "p", "ia" before)."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newslens import export
from newslens.charts import portrayal_rows, position_cells
from newslens.model import Meta
from newslens.pipeline import analyze_text
from tests.articles import LONG_ACTORS, LONG_ACTORS_PUBLISHED, long_actor_article
from tests.browser import ROOT, launch_chromium
from tests.svg_check import measure, problems

pytestmark = pytest.mark.browser

SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"
CHARTS = {"portrayal", "positions", "cooperation", "timeline"}


@pytest.fixture(scope="module")
def page():
    with launch_chromium() as browser:
        yield browser.new_page()


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("articles")
    long_path = folder / "long-actors.txt"
    long_path.write_text(long_actor_article(), encoding="utf-8")
    return {"seed": (SEED, "2025-05-20"), "long": (long_path, LONG_ACTORS_PUBLISHED)}


def test_the_long_article_has_sixteen_long_named_actors(nlp):
    analysis = analyze_text(
        long_actor_article(), doc_id="long", meta=Meta(published=LONG_ACTORS_PUBLISHED), nlp=nlp
    )
    assert len(LONG_ACTORS) >= 15 and min(map(len, LONG_ACTORS)) >= 30
    assert len(portrayal_rows(analysis)) >= 15
    assert len({c.speaker for c in position_cells(analysis)}) >= 15
    assert set(export.dashboard_figures(analysis)) == CHARTS


def _assert_legible(page, folder: Path) -> None:
    svgs = sorted(folder.glob("*.svg"))
    assert {s.stem for s in svgs} == CHARTS
    found = [p for svg in svgs for p in problems(page, svg)]
    assert found == []


def _assert_every_speaker_labelled(page, svg: Path, speakers: int) -> None:
    ticks = [t for t in measure(page, svg)["texts"] if t["group"] == "ytick"]
    assert len(ticks) == speakers


@pytest.mark.parametrize("name", ["seed", "long"])
def test_cli_exports_are_legible(page, articles, tmp_path, name):
    path, published = articles[name]
    out = subprocess.run(
        [sys.executable, "-m", "newslens", "export", str(path), "--to", str(tmp_path)]
        + ["--published", published],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    _assert_legible(page, tmp_path / "charts")
    speakers = 4 if name == "seed" else len(LONG_ACTORS)
    _assert_every_speaker_labelled(page, tmp_path / "charts" / "positions.svg", speakers)
    # The charts inside the report are the same drawings.
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    embedded = re.findall(r"src='data:image/svg\+xml;base64,([^']+)'", report)
    assert len(embedded) == len(CHARTS)
    folder = tmp_path / "report-charts"
    folder.mkdir()
    for index, data in enumerate(embedded):
        (folder / f"report-chart-{index}.svg").write_bytes(base64.b64decode(data))
    assert [p for svg in sorted(folder.glob("*.svg")) for p in problems(page, svg)] == []


# Figures built after Streamlit has set plotly's default template, then exported as the app's
# download buttons do (export.figure_image).
UNDER_STREAMLIT = """
import sys
from pathlib import Path

from streamlit.elements.lib.streamlit_plotly_theme import configure_streamlit_plotly_theme

configure_streamlit_plotly_theme()
import plotly.io as pio

assert pio.templates.default == "streamlit"
from newslens import export
from newslens.ingest import load_path
from newslens.nlp import load_nlp
from newslens.pipeline import analyze_text

article = load_path(sys.argv[1])
article.meta.published = sys.argv[2]
analysis = analyze_text(article.text, doc_id="x", meta=article.meta, nlp=load_nlp(None))
for name, fig in export.dashboard_figures(analysis).items():
    Path(sys.argv[3], name + ".svg").write_bytes(export.figure_image(fig, fmt="svg"))
export.stop_image_server()
"""


@pytest.mark.parametrize("name", ["seed", "long"])
def test_exports_made_under_streamlits_template_are_legible(page, articles, tmp_path, name):
    path, published = articles[name]
    script = tmp_path / "under_streamlit.py"
    script.write_text(UNDER_STREAMLIT, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script), str(path), published, str(tmp_path)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    _assert_legible(page, tmp_path)
