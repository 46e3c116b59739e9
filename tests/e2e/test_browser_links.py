"""Article text never becomes a link: URLs, www. addresses and e-mail addresses (with or
without mailto:) in a title, a quote, a source or a speaker are shown as text in the Read
page's header, the Quotes tab and the Library page, in real Chromium, at a desktop and a
phone size. (Streamlit's markdown autolinks them after escapes are undone.)"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.browser import ANALYSIS_TIMEOUT_MS, ROOT, launch_chromium, new_page, running_app

pytestmark = pytest.mark.browser

ARTICLE = (
    "Visit www.evil.example and https://evil.example/login today\n\n"
    "The mayor said on Monday: “Send your papers to https://evil.example/upload or write to "
    "mailto:clerk@evil.example by Friday.”\n\n"
    "“Everyone should check www.evil.example/news every day,” said John Smith, the city "
    "clerk of www.evil.example.\n"
)
SAVED = {
    "id": "links",
    "text": ARTICLE + "Saved copy.\n",
    "title": "Saved: see https://evil.example/saved or www.evil.example",
    "source": "mailto:desk@evil.example",
}
LINKS = "a[href*='evil']:not([href^='#']), a[href^='mailto'], a[href^='http']:has-text('evil')"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("links-app")
    library = folder / "library.sqlite3"
    saved = subprocess.run(
        [sys.executable, "-m", "newslens", "analyze", "--jsonl", "-", "--save"]
        + ["--library", str(library)],
        cwd=ROOT,
        input=json.dumps(SAVED) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert saved.returncode == 0, saved.stderr
    with running_app(folder, env={"NEWSLENS_LIBRARY": str(library)}) as base:
        yield base


def no_links_from_text(page) -> None:
    # Streamlit's own heading anchors ("#slug") are not article text.
    assert page.locator(LINKS).count() == 0, page.locator(LINKS).first.evaluate("e => e.outerHTML")
    # Nor in the article text, which the Read page shows in its own frame.
    for frame in page.frames:
        assert frame.locator(LINKS).count() == 0, frame.url


def test_no_article_text_becomes_a_link(app, tmp_path):
    from playwright.sync_api import expect

    shots = tmp_path / "shots"
    shots.mkdir()
    with launch_chromium() as browser:
        page = new_page(browser, viewport={"width": 1440, "height": 900})
        page.goto(app)
        page.get_by_label("Article text").fill(ARTICLE)
        page.get_by_role("button", name="Analyze").click()
        text = page.frame_locator("iframe[title*='article_frame']")
        expect(text.locator("mark.nl-ent").first).to_be_visible(timeout=ANALYSIS_TIMEOUT_MS)

        # The header: the title (the first line) is there, as text.
        header = page.locator("[data-testid='stHeading']", has_text="evil").first
        expect(header).to_be_visible()
        assert "https:" in header.inner_text() and "www" in header.inner_text()
        no_links_from_text(page)
        page.screenshot(path=str(shots / "read-1440.png"), full_page=True)

        # The Quotes tab: quote text, cue and speaker captions.
        page.get_by_role("tab", name="Quotes").click()
        quote = page.get_by_role("tabpanel").get_by_text("evil.example/upload", exact=False).first
        expect(quote).to_be_visible()
        no_links_from_text(page)
        page.screenshot(path=str(shots / "quotes-1440.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        expect(quote).to_be_attached()
        no_links_from_text(page)
        page.screenshot(path=str(shots / "quotes-390.png"), full_page=True)

        # The Library page: the saved entry's title and source.
        for width, height in ((1440, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(app + "/library")
            entry = page.get_by_text("evil.example/saved", exact=False).first
            expect(entry).to_be_visible()
            expect(page.get_by_text("desk", exact=False).first).to_be_visible()
            no_links_from_text(page)
            page.screenshot(path=str(shots / f"library-{width}.png"), full_page=True)
    print(f"screenshots: {shots}")
