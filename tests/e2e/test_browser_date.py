"""In real Chromium: a publication date typed into the Article box applies on Enter, and the
header says it is the user's ("· as you set it")."""

from __future__ import annotations

import pytest

from tests.browser import ANALYSIS_TIMEOUT_MS, ROOT, launch_chromium, new_page

pytestmark = pytest.mark.browser

SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"


def test_a_typed_date_applies_on_enter(app):
    from playwright.sync_api import expect

    with launch_chromium() as browser:
        page = new_page(browser, viewport={"width": 1440, "height": 900})
        page.goto(app)
        page.get_by_label("Article text").fill(SEED.read_text(encoding="utf-8"))
        page.get_by_role("button", name="Analyze").click()
        text = page.frame_locator("iframe[title*='article_frame']")
        expect(text.locator(".nl-article")).to_be_visible(timeout=ANALYSIS_TIMEOUT_MS)
        expect(page.get_by_text("publication date unknown")).to_be_visible()
        # The Article box closed after Analyze; the date field is in it.
        page.get_by_text("Article: paste, upload or try a sample").click()
        field = page.get_by_role("textbox", name="Publication date", exact=True)
        field.fill("2025-05-20")
        field.press("Enter")  # and nothing else: no click elsewhere, no Tab
        expect(page.get_by_text("published 2025-05-20 · as you set it")).to_be_visible()
        expect(page.get_by_text("No publication date")).to_have_count(0)
