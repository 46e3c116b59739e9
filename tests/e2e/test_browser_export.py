"""End to end in real Chromium: upload an HTML article, download the stance chart as PNG and
the report, open the report; save to the library, reload the app and reopen it from there.

The app runs as `streamlit run app.py` on a free port with its library in a temporary folder,
under a guard that refuses (and records) every connection and name lookup that leaves the
machine, so the module ends by checking the app made no network call.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import pytest

from tests.browser import (
    ANALYSIS_TIMEOUT_MS,
    ROOT,
    WAIT_TIMEOUT_MS,
    download_page,
    new_page,
    running_app,
)

pytestmark = pytest.mark.browser

SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"
TITLE = "Kremlin and White House trade calls over Ukraine ceasefire"
PHRASE = "Istanbul"  # a word of the article that no highlight splits
ARTICLE_FRAME = "iframe[title*='article_frame']"  # the article text's component


# Runs `streamlit` with every non-loopback connection and name lookup refused and recorded.
GUARDED_STREAMLIT = r"""
import socket
import sys

record = sys.argv.pop(1)
LOCAL = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::"}
real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo


def note(what):
    with open(record, "a", encoding="utf-8") as handle:
        handle.write(what + "\n")


def local(host):
    host = host.decode() if isinstance(host, bytes) else host
    return host is None or host in LOCAL or str(host).startswith("127.")


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not local(address[0]):
        note(f"connect {address!r}")
        raise OSError("network access blocked by the test")
    return real_connect(self, address)


def getaddrinfo(host, *args, **kwargs):
    if not local(host):
        note(f"getaddrinfo {host!r}")
        raise socket.gaierror("name lookup blocked by the test")
    return real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.getaddrinfo = getaddrinfo
from streamlit.web.cli import main

sys.argv[0] = "streamlit"
main()
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """(base URL, library path, network record) of a running app; always terminated."""
    folder = tmp_path_factory.mktemp("app")
    library = folder / "library.sqlite3"
    network = folder / "network.log"
    network.touch()
    launcher = folder / "guarded_streamlit.py"
    launcher.write_text(GUARDED_STREAMLIT, encoding="utf-8")
    with running_app(
        folder,
        launcher=(sys.executable, str(launcher), str(network)),
        env={"NEWSLENS_LIBRARY": str(library)},
    ) as base:
        yield base, library, network


@pytest.fixture()
def page(browser):
    with download_page(browser, viewport={"width": 1600, "height": 1000}) as page:
        yield page


@pytest.fixture(scope="module")
def article_file(tmp_path_factory) -> Path:
    """The seed article as a news web page, with title and publication date in its metadata."""
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{TITLE}</title>"
        "<meta property='article:published_time' content='2025-05-20T10:00:00Z'>"
        f"</head><body><article><h1>{TITLE}</h1>{body}</article></body></html>"
    )
    path = tmp_path_factory.mktemp("upload") / "kremlin-ceasefire.html"
    path.write_text(page, encoding="utf-8")
    return path


def upload_and_analyse(page, base: str, article: Path) -> None:
    from playwright.sync_api import expect

    page.goto(base)
    page.get_by_text("Upload files", exact=True).click()
    page.locator("input[type='file']").set_input_files(str(article))
    expect(page.get_by_role("button", name=f"Remove {article.name}")).to_be_visible()
    page.get_by_role("button", name="Analyze").click()
    expect(page.get_by_role("tab", name="Export")).to_be_visible(timeout=ANALYSIS_TIMEOUT_MS)
    expect(page.get_by_text(TITLE).first).to_be_visible()


def test_download_stance_png_and_report(app, page, article_file, tmp_path):
    from playwright.sync_api import expect

    base, _, _ = app
    upload_and_analyse(page, base, article_file)
    page.get_by_role("tab", name="Export").click()

    # The stance chart is the portrayal chart (who is portrayed how).
    png_button = page.locator("[class*='-export-chart-portrayal-png'] button")
    expect(png_button).to_be_enabled()
    with page.expect_download(timeout=WAIT_TIMEOUT_MS) as download:
        png_button.click()
    png = tmp_path / "stance.png"
    download.value.save_as(png)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert download.value.suggested_filename.endswith("-portrayal.png")

    with page.expect_download(timeout=WAIT_TIMEOUT_MS) as download:
        page.get_by_role("button", name="Report (HTML)").click()
    report = tmp_path / "report.html"
    download.value.save_as(report)

    viewer = new_page(page.context)
    viewer.goto(report.as_uri())
    expect(viewer.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(viewer.get_by_text(PHRASE).first).to_be_visible()
    expect(viewer.get_by_role("heading", name="Quotes")).to_be_visible()
    # The charts are embedded images that actually decode.
    widths = viewer.eval_on_selector_all("figure img", "imgs => imgs.map(i => i.naturalWidth)")
    assert widths and all(w > 0 for w in widths)


def test_save_reload_reopen_from_library(app, page, article_file):
    from playwright.sync_api import expect

    from newslens.library import Library

    base, library_path, _ = app
    upload_and_analyse(page, base, article_file)
    page.get_by_role("tab", name="Export").click()
    page.get_by_role("button", name="Save to library").click()
    expect(page.get_by_text("Saved to the library")).to_be_visible()
    titles = [e.title for e in Library(library_path).list()]
    assert TITLE in titles

    page.goto(base)  # a reload: a new session, nothing on screen
    # The Read page shows again, empty; the Library is reached through the top bar.
    expect(page.get_by_role("button", name="Analyze")).to_be_visible()
    expect(page.get_by_role("tab", name="Export")).to_have_count(0)
    nav = page.get_by_role("navigation", name="App pages")
    nav.get_by_role("link", name="Library", exact=True).click()
    entry = page.locator("[class*='st-key-nl-lib-entry-']", has_text=TITLE).first
    expect(entry).to_be_visible()
    entry.get_by_role("button", name="Open").click()

    expect(page.get_by_role("tab", name="Export")).to_be_visible()
    expect(page.get_by_text(TITLE).first).to_be_visible()
    expect(page.frame_locator(ARTICLE_FRAME).get_by_text(PHRASE).first).to_be_visible()


HOSTILE = (
    "Vladimir Putin met Donald Trump in Geneva on Monday. "
    "<script>window.__pwned = 'script'; alert('script')</script>\n\n"
    "“We want peace <img src=x onerror=\"window.__pwned='img'; alert('img')\">,” Putin said. "
    "<a href=\"javascript:window.__pwned='link'\">read more</a> </div></div>"
    "<svg onload=\"window.__pwned='svg'\"></svg>"
)


def test_a_hostile_article_stays_text_in_the_page(app, page):
    from playwright.sync_api import expect

    base, _, _ = app
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base)
    page.get_by_text("Paste text", exact=True).click()
    page.get_by_label("Article text").fill(HOSTILE)
    page.get_by_role("button", name="Analyze").click()
    article = page.frame_locator(ARTICLE_FRAME).locator(".nl-article")
    expect(article).to_be_visible(timeout=ANALYSIS_TIMEOUT_MS)
    expect(article).to_contain_text("<script>window.__pwned = 'script'")
    expect(article).to_contain_text("<img src=x onerror=")
    assert article.locator("script, img, svg, a[href^='javascript']").count() == 0
    # Any handler would have run by the time the text's document has loaded (an image's
    # error, an svg's load and every script come before its load event).
    frame = next(f for f in page.frames if "article_frame" in f.url)
    frame.wait_for_function("document.readyState === 'complete'")
    assert page.evaluate("window.__pwned") is None and dialogs == []
    assert frame.evaluate("window.__pwned") is None


def test_the_app_made_no_network_call(app, page):
    base, _, network = app
    page.goto(base)  # at least one full session, whichever tests ran before
    page.get_by_role("button", name="Analyze").wait_for()
    assert network.read_text(encoding="utf-8") == ""
