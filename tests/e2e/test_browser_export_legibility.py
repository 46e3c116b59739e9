"""The app's chart downloads are legible: each SVG from the Export tab's buttons, for the seed
and for an article of sixteen long-named actors, measured in Chromium (every text inside the
drawing, no overlapping labels); and no export button label is cut at 1,440 px."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.articles import long_actor_article
from tests.browser import (
    ANALYSIS_TIMEOUT_MS,
    ROOT,
    WAIT_TIMEOUT_MS,
    download_page,
    new_page,
)
from tests.svg_check import problems

pytestmark = pytest.mark.browser

SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"
CHARTS = ("portrayal", "positions", "cooperation", "timeline")
# Where to keep screenshots for a person to look at (unset: none are kept).
SHOTS = os.environ.get("NEWSLENS_SHOTS")


@pytest.fixture()
def page(browser):
    with download_page(browser, viewport={"width": 1440, "height": 900}) as page:
        yield page


def _analyse_pasted(page, base: str, text: str) -> None:
    from playwright.sync_api import expect

    page.goto(base)
    page.get_by_text("Paste text", exact=True).click()
    page.get_by_label("Article text").fill(text)
    page.get_by_role("button", name="Analyze").click()
    expect(page.get_by_role("tab", name="Export")).to_be_visible(timeout=ANALYSIS_TIMEOUT_MS)
    page.get_by_role("tab", name="Export").click()


@pytest.mark.parametrize("name", ["seed", "long"])
def test_every_downloaded_svg_is_legible(app, page, tmp_path, name):
    from playwright.sync_api import expect

    text = SEED.read_text(encoding="utf-8") if name == "seed" else long_actor_article()
    _analyse_pasted(page, app, text)
    saved = []
    for chart in CHARTS:
        button = page.locator(f"[class*='-export-chart-{chart}-svg'] button")
        if chart != "timeline" or name == "long":  # the pasted seed has no date to anchor
            expect(button).to_be_enabled()
        if not button.count():
            continue
        with page.expect_download(timeout=WAIT_TIMEOUT_MS) as download:
            button.click()
        path = tmp_path / f"{chart}.svg"
        download.value.save_as(path)
        saved.append(path)
    assert len(saved) >= 3
    found = [p for svg in saved for p in problems(new_page(page.context), svg)]
    assert found == []


def test_no_export_button_label_is_cut_at_1440(app, page):
    _analyse_pasted(page, app, SEED.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Report (HTML)").wait_for()
    cut = page.evaluate(
        """() => [...document.querySelectorAll('[class*="-export-"] button')]
          .filter(b => b.offsetParent !== null)
          .flatMap(b => [...b.querySelectorAll('p, span, div')]
            .filter(e => e.children.length === 0 && e.scrollWidth > e.clientWidth + 1)
            .map(e => e.textContent))"""
    )
    assert cut == []
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / "export-tab-1440.png"), full_page=True)
