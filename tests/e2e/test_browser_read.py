"""End to end in real Chromium: paste the seed article, analyse it, see "Vladimir Putin"
highlighted (styled, not raw markup), filter the entity types, select an entity, take a
screenshot. The app runs as `streamlit run app.py` on a free port and is always stopped."""

from __future__ import annotations

import pytest

from tests.browser import (
    ANALYSIS_TIMEOUT_MS,
    ROOT,
    launch_chromium,
    new_page,
    wait_app_idle,
)

pytestmark = pytest.mark.browser

SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"
TRANSPARENT = "rgba(0, 0, 0, 0)"


@pytest.fixture()
def page():
    with launch_chromium() as browser:
        yield new_page(browser, viewport={"width": 1600, "height": 1100})


def test_paste_analyse_highlight_filter_and_screenshot(app, page, tmp_path):
    from playwright.sync_api import expect

    page.goto(app)
    page.get_by_label("Article text").fill(SEED.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Analyze").click()

    text = page.frame_locator("iframe[title*='article_frame']")
    putin = text.locator("mark.nl-ent", has_text="Vladimir Putin").first
    expect(putin).to_be_visible(timeout=ANALYSIS_TIMEOUT_MS)
    # Highlighted means styled by the article CSS, not a bare element.
    assert putin.evaluate("e => getComputedStyle(e).backgroundColor") != TRANSPARENT
    assert putin.get_attribute("data-label") == "PERSON"
    for tab in ("Entities", "Quotes", "Stance", "Events", "Export"):
        expect(page.get_by_role("tab", name=tab)).to_be_visible()
    # Side by side on a wide screen: the tabs sit to the right of the article text.
    text_box = page.locator("iframe[title*='article_frame']").bounding_box()
    tabs_box = page.get_by_role("tab", name="Entities").bounding_box()
    assert tabs_box["x"] > text_box["x"] + text_box["width"] - 1

    places = text.locator('mark.nl-ent[data-label="GPE"]')
    assert places.count() > 0
    page.get_by_role("button", name="Remove PLACE").click()  # GPE, in the text's words
    expect(places).to_have_count(0)
    expect(putin).to_be_visible()

    # Selecting the first row of the entity table lights that entity's mentions (clicked
    # once the filter's rerun is over, so the table no longer moves).
    wait_app_idle(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    expect(text.locator("mark.nl-ent.nl-lit").first).to_be_visible()

    # "Show in Entities" on a speaker in the Quotes tab opens the Entities tab.
    page.get_by_role("tab", name="Quotes").click()
    expect(page.get_by_role("tab", name="Quotes")).to_have_attribute("aria-selected", "true")
    page.get_by_role("button", name="Show in Entities").first.click()
    expect(page.get_by_role("tab", name="Entities")).to_have_attribute("aria-selected", "true")

    shot = tmp_path / "read.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
