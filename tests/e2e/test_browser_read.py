"""End to end in real Chromium: paste the seed article, analyse it, see "Vladimir Putin"
highlighted (styled, not raw markup), filter the entity types, select an entity, take a
screenshot. The app runs as `streamlit run app.py` on a free port and is always stopped."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ANALYSIS_TIMEOUT_MS = 180_000
TRANSPARENT = "rgba(0, 0, 0, 0)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("the app did not become healthy")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("read-app")
    port = free_port()
    env = {**os.environ, "NEWSLENS_LIBRARY": str(folder / "library.sqlite3")}
    with (folder / "streamlit.log").open("w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_healthy(base, proc)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture()
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1100})
            page.set_default_timeout(60_000)
            yield page
        finally:
            browser.close()


def test_paste_analyse_highlight_filter_and_screenshot(base_url, page, tmp_path):
    from playwright.sync_api import expect

    page.goto(base_url)
    page.get_by_label("Article text").fill(SEED.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Analyze").click()

    putin = page.locator("mark.nl-ent", has_text="Vladimir Putin").first
    expect(putin).to_be_visible(timeout=ANALYSIS_TIMEOUT_MS)
    # Highlighted means styled by the article CSS, not a bare element.
    assert putin.evaluate("e => getComputedStyle(e).backgroundColor") != TRANSPARENT
    assert putin.get_attribute("data-label") == "PERSON"
    for tab in ("Entities", "Quotes", "Stance", "Events", "Export"):
        expect(page.get_by_role("tab", name=tab)).to_be_visible()
    # Side by side on a wide screen: the tabs sit to the right of the article text.
    text_box = page.locator(".nl-article").bounding_box()
    tabs_box = page.get_by_role("tab", name="Entities").bounding_box()
    assert tabs_box["x"] > text_box["x"] + text_box["width"] - 1

    places = page.locator('mark.nl-ent[data-label="GPE"]')
    assert places.count() > 0
    page.get_by_role("button", name="Remove GPE").click()
    expect(places).to_have_count(0)
    expect(putin).to_be_visible()

    # Selecting the first row of the entity table lights that entity's mentions.
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    expect(page.locator("mark.nl-ent.nl-lit").first).to_be_visible()

    shot = tmp_path / "read.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
