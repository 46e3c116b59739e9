"""End to end in real Chromium: on the Corpus page, pick two articles in Compare coverage,
click a speaker only one of them quotes, and see that quote lit in that article's text (and
nothing lit in the other)."""

from __future__ import annotations

import pytest

from tests.browser import app_rerun, launch_chromium, new_page, running_app
from tests.corpus_ui_articles import built_corpus

pytestmark = pytest.mark.browser

TRANSPARENT = "rgba(0, 0, 0, 0)"
NYT = "nyt · 2015-12-07 · Donald Trump calls for a ban on Muslims entering the United States."
POST = "wash-post · 2015-12-08 · Republicans recoil from Trump's Muslim ban."


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, nlp):
    corpus = built_corpus(tmp_path_factory)
    folder = tmp_path_factory.mktemp("corpus-app")
    env = {"NEWSLENS_CORPUS": str(corpus), "NEWSLENS_LIBRARY": str(folder / "lib.sqlite3")}
    with running_app(folder, env=env) as base:
        yield base


def choose(page, label: str, option: str) -> None:
    """Add `option` to a multiselect and wait until the app has taken it (its chip shows and
    the rerun it starts is over), so that the next choice does not race the rerun."""
    from playwright.sync_api import expect

    box = page.get_by_label(label, exact=True)
    with app_rerun(page):
        box.click()
        box.fill(option[:40])
        page.get_by_role("option", name=option).first.click()
        page.keyboard.press("Escape")
    expect(page.get_by_role("button", name=f"Remove {option}")).to_be_visible()


def test_clicking_a_speaker_only_one_article_quotes_lights_that_quote(base_url, tmp_path):
    from playwright.sync_api import expect

    with launch_chromium() as browser:
        page = new_page(browser, viewport={"width": 1440, "height": 900})
        page.goto(base_url)
        # The Read page first: the click below is the way a reader goes to the Corpus page.
        expect(page.get_by_role("button", name="Analyze")).to_be_visible()
        nav = page.get_by_role("navigation", name="App pages").get_by_role(
            "link", name="Corpus", exact=True
        )
        nav.click()
        expect(page.get_by_text("Choose two to four articles")).to_be_visible()

        choose(page, "Articles to compare (2 to 4)", NYT)
        choose(page, "Articles to compare (2 to 4)", POST)
        trump = page.get_by_role("button", name="Donald Trump · 1 · only here")
        expect(trump).to_be_visible()
        # Paul Ryan speaks in both articles: shared in each column.
        expect(page.get_by_role("button", name="Paul Ryan · 1 · shared")).to_have_count(2)
        expect(page.locator("mark.nl-corpus-lit")).to_have_count(0)

        trump.click()
        lit = page.locator("mark.nl-corpus-lit")
        expect(lit).to_have_count(1)
        expect(lit).to_contain_text("We have no choice")
        assert lit.evaluate("e => getComputedStyle(e).backgroundColor") != TRANSPARENT
        # It is lit in the New York Times article's text, the first column.
        columns = page.locator("[data-testid='stColumn']").filter(
            has=page.locator(".nl-corpus-text")
        )
        expect(columns.first.locator("mark.nl-corpus-lit")).to_have_count(1)
        page.screenshot(path=str(tmp_path / "compare.png"))
