"""Side by side in real Chromium: choosing an entity in the panel scrolls the text to its
first mention and steps to the next; clicking a mention or a quote in the text selects it in
its panel; the strip above the text chooses too; on a phone (390 x 844) the page needs no
sidebar and the panels come before the text. Screenshots go to the test's tmp folder (and
to $NEWSLENS_SHOTS when set)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser import (
    ANALYSIS_TIMEOUT_MS,
    new_page,
    wait_app_idle,
)

pytestmark = pytest.mark.browser

FRAME = "iframe[title*='article_frame']"
FILLER = (
    "The weather stayed mild for most of the week, and the markets were calm as traders "
    "waited for new figures on prices, wages and the housing market in the coming days."
)
# A long article whose only people appear at its very end: far below the first screen.
ARTICLE = (
    "\n\n".join([FILLER] * 40)
    + "\n\nAngela Merkel visited Paris on Monday. “We will help,” Merkel said after the talks."
)
WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def shot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / name))
    folder = os.environ.get("NEWSLENS_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name))


def analyse(browser, base: str, text: str, viewport: dict):
    from playwright.sync_api import expect

    page = new_page(browser, viewport=viewport)
    page.goto(base)
    page.get_by_label("Article text").fill(text)
    page.get_by_role("button", name="Analyze").click()
    frame = page.frame_locator(FRAME)
    expect(frame.locator("mark.nl-ent").first).to_be_attached(timeout=ANALYSIS_TIMEOUT_MS)
    wait_app_idle(page)
    return page, frame


def test_choosing_an_entity_scrolls_the_text_to_it_and_steps(app, browser, tmp_path):
    from playwright.sync_api import expect

    page, frame = analyse(browser, app, ARTICLE, WIDE)
    merkel = frame.locator('mark.nl-ent[data-label="PERSON"]')
    expect(merkel.first).not_to_be_in_viewport()  # far below: the text starts at the top

    # Choose Merkel (the most mentioned entity: the first row of the table).
    grid = page.locator(".st-key-read-panels [data-testid='stDataFrame']").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    expect(merkel.first).to_be_in_viewport()
    expect(frame.locator(".nl-nav")).to_contain_text("Angela Merkel")
    expect(frame.locator(".nl-nav")).to_contain_text("mention 1 of 2")
    # The panels stay in view beside it.
    expect(page.get_by_role("tab", name="Entities")).to_be_in_viewport()
    expect(page.locator(".st-key-read-panels [data-testid='stDataFrame']")).to_be_in_viewport()
    shot(page, tmp_path, "side-by-side-chosen-1440.png")

    frame.get_by_role("button", name="Next mention").click()
    expect(frame.locator(".nl-nav")).to_contain_text("mention 2 of 2")
    expect(frame.locator(".nl-anchor-now").first).to_be_in_viewport()
    expect(frame.locator(".nl-anchor-now").first).to_have_text("Merkel")
    page.close()


def test_clicking_in_the_text_selects_in_the_panels(app, browser, tmp_path):
    from playwright.sync_api import expect

    page, frame = analyse(browser, app, ARTICLE, WIDE)
    # An entity: the Entities panel selects it, and its mentions light up.
    paris = frame.locator('mark.nl-ent[data-label="GPE"]').first
    paris.click()
    expect(page.get_by_role("tab", name="Entities")).to_have_attribute("aria-selected", "true")
    expect(frame.locator("mark.nl-ent.nl-lit").first).to_have_text("Paris")
    wait_app_idle(page)

    # A quote, while another tab is open: the Quotes tab opens with that quote ticked.
    page.get_by_role("tab", name="Events").click()
    expect(page.get_by_role("tab", name="Events")).to_have_attribute("aria-selected", "true")
    wait_app_idle(page)
    frame.locator(".nl-article .nl-quote").first.click()
    expect(page.get_by_role("tab", name="Quotes")).to_have_attribute("aria-selected", "true")
    ticked = page.locator(".st-key-read-panels [data-testid='stCheckbox'] input:checked")
    expect(ticked.first).to_be_attached()
    expect(frame.locator(".nl-article .nl-quote-lit").first).to_be_visible()
    shot(page, tmp_path, "side-by-side-text-click-1440.png")
    page.close()


def test_the_strip_chooses_and_scrolls(app, browser, tmp_path):
    from playwright.sync_api import expect

    page, frame = analyse(browser, app, ARTICLE, WIDE)
    strip = page.locator(".st-key-read-glance-strip")
    expect(strip).to_contain_text("Quoted most")
    strip.get_by_role("button", name="Angela Merkel · 1").click()
    expect(page.get_by_role("tab", name="Quotes")).to_have_attribute("aria-selected", "true")
    expect(frame.locator(".nl-article .nl-quote-lit").first).to_be_in_viewport()
    page.close()


def test_phone_layout_needs_no_sidebar_and_puts_the_panels_first(app, browser, tmp_path):
    from playwright.sync_api import expect

    page = new_page(browser, viewport=PHONE)
    page.goto(app)
    welcome = page.get_by_test_id("stAlert").first
    expect(welcome).to_contain_text("Analyze")
    assert "sidebar" not in welcome.inner_text().lower()
    expect(page.get_by_label("Article text")).to_be_visible()  # the input is on the page
    shot(page, tmp_path, "phone-welcome-390.png")
    page.close()

    page, frame = analyse(browser, app, ARTICLE, PHONE)
    expect(page.get_by_test_id("stSidebar")).not_to_be_visible()
    # The input box closed after Analyze: the result is in view.
    expect(page.get_by_label("Article text")).not_to_be_visible()
    tab = page.get_by_role("tab", name="Entities")
    expect(tab).to_be_visible()
    tab_box = tab.bounding_box()
    text_box = page.locator(FRAME).bounding_box()
    assert tab_box["y"] < text_box["y"], "the panels come before the text"
    assert tab_box["y"] < 1.5 * PHONE["height"], "the tabs are reached without the article"
    # The page is no wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    shot(page, tmp_path, "phone-read-390.png")
    page.close()
