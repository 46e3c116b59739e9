"""A bookmarked page opens inside the app: the first request a fresh server gets, straight
to /corpus or /library, runs app.py's navigation (the top bar with Read, Library, Corpus),
never a bare page file under Streamlit's list of script files. (With the page scripts in a
folder named pages/, Streamlit served that list, and the page without app.py, until app.py
had run once.)"""

from __future__ import annotations

import pytest

from tests.browser import launch_chromium, new_page, running_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("path", "heading"), [("corpus", "Corpus"), ("library", "Library")])
def test_first_request_to_a_page_url_runs_the_apps_navigation(tmp_path, path, heading):
    from playwright.sync_api import expect

    with running_app(tmp_path) as base, launch_chromium() as browser:
        page = new_page(browser, viewport={"width": 1440, "height": 900})
        page.goto(f"{base}/{path}")
        expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
        nav = page.get_by_role("navigation", name="App pages")
        for title in ("Read", "Library", "Corpus"):
            expect(nav.get_by_role("link", name=title, exact=True)).to_be_visible()
        # Streamlit's list of script files names them in lower case, "app" among them.
        expect(page.get_by_role("link", name="app", exact=True)).to_have_count(0)
        expect(page.locator("[data-testid='stSidebarNav']")).to_have_count(0)
