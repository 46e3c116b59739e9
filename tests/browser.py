"""What the browser tests share: Debian's Chromium under Playwright, the app run as
`streamlit run app.py` on a free loopback port (always stopped afterwards), and the waits.

Every wait is on the app's own state: an element shown, or the app's script run over (the
`data-test-script-state` Streamlit keeps on its root element, set the moment a run starts or
ends; its "Running..." widget only shows after a delay). Limits are generous, because the
tests run beside other work on a few cores and a rerun can then take tens of seconds; a wait
ends as soon as its state is reached, so a generous limit costs nothing when all is well.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying to reach the (closed) network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Analysing an article (parse, every stage, the stance network) in a loaded machine.
ANALYSIS_TIMEOUT_MS = 300_000
# Every other wait: an element, a rerun, a download, a page load. Playwright's own default
# for `expect` is 5 s, which a rerun on a busy machine overruns.
WAIT_TIMEOUT_MS = 120_000
APP_ROOT = "[data-testid='stApp']"
# The app is connected and no script run is going on (nor asked for).
APP_IDLE = f"""() => {{
    const app = document.querySelector("{APP_ROOT}");
    return !!app && app.dataset.testConnectionState === "CONNECTED"
        && app.dataset.testScriptState === "notRunning";
}}"""
# Notes (on window) whether a script run starts after this is called.
WATCH_RUNS = f"""() => {{
    const app = document.querySelector("{APP_ROOT}");
    window.__nlRunStarted = false;
    if (window.__nlRunWatch) window.__nlRunWatch.disconnect();
    window.__nlRunWatch = new MutationObserver(() => {{
        if (app.dataset.testScriptState !== "notRunning") window.__nlRunStarted = true;
    }});
    window.__nlRunWatch.observe(app, {{attributes: true,
                                       attributeFilter: ["data-test-script-state"]}});
}}"""
RUN_OVER = f"() => window.__nlRunStarted === true && ({APP_IDLE})()"
STREAMLIT_ARGS = [
    "run",
    "app.py",
    "--server.headless",
    "true",
    "--server.address",
    "127.0.0.1",
    "--browser.gatherUsageStats",
    "false",
    "--server.fileWatcherType",
    "none",
]


def generous_waits() -> None:
    """Give every Playwright `expect` the generous limit (its default is 5 s)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_TIMEOUT_MS)


def new_page(opener: Any, **options: Any) -> Any:
    """A page of `opener` (a Browser or a BrowserContext) whose waits, actions and
    navigations all have the generous limit."""
    page = opener.new_page(**options)
    page.set_default_timeout(WAIT_TIMEOUT_MS)
    page.set_default_navigation_timeout(WAIT_TIMEOUT_MS)
    return page


def wait_app_idle(page: Any) -> None:
    """Wait until the app is connected and has no script run going on."""
    page.wait_for_function(APP_IDLE, timeout=WAIT_TIMEOUT_MS)


@contextmanager
def app_rerun(page: Any) -> Iterator[None]:
    """Wait, on leaving, for the script run that the actions inside start to be over (a
    widget's change reruns the app; the next step must not race that run)."""
    wait_app_idle(page)
    page.evaluate(WATCH_RUNS)
    yield
    page.wait_for_function(RUN_OVER, timeout=WAIT_TIMEOUT_MS)


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright `Browser`), closed on exit."""
    from playwright.sync_api import sync_playwright

    generous_waits()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def download_page(browser: Any, *, viewport: dict[str, int]) -> Iterator[Any]:
    """A page of `browser` in a context of its own that accepts downloads; the context is
    closed on exit."""
    context = browser.new_context(accept_downloads=True, viewport=viewport)
    yield new_page(context)
    context.close()


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


@contextmanager
def running_app(
    folder: Path,
    *,
    launcher: Sequence[str] = (sys.executable, "-m", "streamlit"),
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Base URL of the app started by `launcher` + `streamlit run app.py ...`; its output goes
    to folder/streamlit.log and it is terminated on exit."""
    port = free_port()
    with (folder / "streamlit.log").open("w") as log:
        proc = subprocess.Popen(
            [*launcher, *STREAMLIT_ARGS, "--server.port", str(port)],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
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


@contextmanager
def app_with_own_library(folder: Path) -> Iterator[str]:
    """Base URL of `running_app` whose library is a new file in `folder` (never the user's)."""
    with running_app(folder, env={"NEWSLENS_LIBRARY": str(folder / "library.sqlite3")}) as base:
        yield base
