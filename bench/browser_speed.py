"""How fast the Read page answers, measured in a real browser (Playwright on Debian's
Chromium, the app run as `streamlit run app.py` on a free port).

For the seed article and for the PolNeAR dev article closest to 1,000 words it prints the
median of 5 of:
- bare analysis: `analyze_text` in this process (the floor under "Analyze → drawn");
- Analyze → drawn: from the click on Analyze until the highlighted text, the strip and the
  open panel are on screen and the app is idle;
- the floor: a click on a one-checkbox app (`bench/floor_app.py`), what this machine and
  Streamlit need at the moment for any click;
- one click each of: a tab switch, ticking a quote, a mention clicked in the text, an item of
  the at-a-glance strip, stepping to the next mention: from the click until what it changes
  is on screen (polled every animation frame). The time includes Playwright's own round trip
  (a few ms).

Goals (issue #12): every click <= 0.3 s; Analyze → drawn <= 1.5 s for 1,000 words.
The machine may be shared: run it more than once and read the medians with that in mind.

    .venv/bin/python bench/browser_speed.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from common import EVAL  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from tests.browser import (  # noqa: E402
    STREAMLIT_ARGS,
    free_port,
    launch_chromium,
    running_app,
    wait_healthy,
)

SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"
DEV_SET = EVAL / "data" / "quotes_dev.jsonl"
VIEWPORT = {"width": 1440, "height": 900}
TIMEOUT_MS = 180_000
FRAME_URL = "article_frame"  # the component's name, in its iframe's title

IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
DRAWN = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    " && document.querySelector('.st-key-read-glance-strip button')"
    " && document.querySelector('.st-key-read-panels [data-testid=\"stDataFrame\"]')"
)
TEXT_DRAWN = "() => document.querySelectorAll('mark.nl-ent').length > 0"


def dev_article(words: int = 1000) -> tuple[str, str]:
    """(id, text) of the PolNeAR dev article whose word count is closest to `words`."""
    if not DEV_SET.is_file():
        raise SystemExit(f"{DEV_SET} not found (the evaluation kit, ../shared/eval)")
    records = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()]
    best = min(records, key=lambda r: abs(len(r["text"].split()) - words))
    return best["id"], best["text"]


def bare_analysis(text: str, repeats: int) -> float:
    from newslens.nlp import load_nlp
    from newslens.pipeline import analyze_text

    nlp = load_nlp()
    analyze_text(text, doc_id="warm", nlp=nlp)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        analyze_text(text, doc_id="bench", nlp=nlp)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def article_frame(page):
    """The frame of the article text (waits for it to be attached)."""
    handle = page.wait_for_selector(f"iframe[title*='{FRAME_URL}']", state="attached")
    frame = handle.content_frame()
    frame.wait_for_load_state()
    return frame


def timed(
    action: Callable[[], None], wait: Callable[[], None], settle: Callable[[], None] | None = None
) -> float:
    """Seconds from `action` until `wait` returns; `settle` (untimed) waits for the app to
    finish its run before the next click."""
    t0 = time.perf_counter()
    action()
    wait()
    elapsed = time.perf_counter() - t0
    if settle is not None:
        settle()
    return elapsed


def analyse(page, base: str, text: str) -> float:
    page.goto(base)
    page.get_by_label("Article text").fill(text)
    page.wait_for_function(IDLE, polling="raf")

    def drawn() -> None:
        page.wait_for_function(DRAWN, polling="raf", timeout=TIMEOUT_MS)
        article_frame(page).wait_for_function(TEXT_DRAWN, polling="raf", timeout=TIMEOUT_MS)

    return timed(lambda: page.get_by_role("button", name="Analyze").click(), drawn)


def clicks(page, repeats: int) -> dict[str, list[float]]:
    """Each kind of click `repeats` times, alternating so that each click changes something."""
    out: dict[str, list[float]] = {}
    panels = ".st-key-read-panels"

    def until(predicate: str, *, in_frame: bool = False) -> Callable[[], None]:
        def wait() -> None:
            if not in_frame:
                page.wait_for_function(predicate, polling="raf", timeout=TIMEOUT_MS)
                return
            try:
                article_frame(page).wait_for_function(predicate, polling="raf", timeout=TIMEOUT_MS)
            except PlaywrightError as exc:  # the frame was redrawn while we waited: look again
                if "detached" not in str(exc):
                    raise
                print(f"  (note: the article frame was redrawn: {predicate[:40]}…)")
                article_frame(page).wait_for_function(predicate, polling="raf", timeout=TIMEOUT_MS)

        return wait

    def idle() -> None:
        page.wait_for_timeout(50)
        page.wait_for_function(IDLE, polling="raf", timeout=TIMEOUT_MS)

    # Tab switch: Events <-> Entities (the tab's own widgets appear).
    out["tab switch"] = []
    for n in range(repeats):
        name, widget = ("Events", "stTextInput") if n % 2 == 0 else ("Entities", "stMultiSelect")
        out["tab switch"].append(
            timed(
                lambda name=name: page.get_by_role("tab", name=name).click(),
                until(
                    f"() => [...document.querySelectorAll('{panels} [data-testid=\"{widget}\"]')]"
                    ".some(e => e.offsetParent !== null)"
                ),
                idle,
            )
        )
    # Tick the first quote on and off (the text lights / unlights it).
    page.get_by_role("tab", name="Quotes").click()
    page.wait_for_selector(f"{panels} [data-testid='stCheckbox']")
    page.wait_for_function(IDLE, polling="raf")
    box = page.locator(f"{panels} [data-testid='stCheckbox']").nth(1)
    out["tick a quote"] = []
    for n in range(repeats):
        lit = "> 0" if n % 2 == 0 else "=== 0"
        out["tick a quote"].append(
            timed(
                lambda: box.click(),
                until(
                    f"() => document.querySelectorAll('.nl-quote-lit').length {lit}", in_frame=True
                ),
                idle,
            )
        )
    # A mention clicked in the text: its entity is selected (its mentions lit by the panel).
    frame = article_frame(page)
    ids = frame.evaluate(
        "() => [...new Set([...document.querySelectorAll('mark.nl-ent')]"
        ".map(m => m.dataset.entity))]"
    )[:2]
    out["click in text"] = []
    for n in range(repeats):
        entity = ids[n % len(ids)]
        mark = article_frame(page).locator(f'mark.nl-ent[data-entity="{entity}"]').first
        out["click in text"].append(
            timed(
                lambda mark=mark: mark.click(),
                until(
                    f"() => document.querySelector('mark.nl-lit[data-entity=\"{entity}\"]')"
                    f" && !document.querySelector('mark.nl-lit:not([data-entity=\"{entity}\"])')",
                    in_frame=True,
                ),
                idle,
            )
        )
    # An item of the strip: its panel opens, the text shows the step bar for it.
    buttons = page.locator(".st-key-read-glance-strip button:visible")
    count = min(buttons.count(), 2)
    out["strip item"] = []
    for n in range(repeats):
        button = buttons.nth(n % count)
        token = article_frame(page).evaluate("() => document.body.dataset.focusToken || ''")
        out["strip item"].append(
            timed(
                lambda button=button: button.click(),
                until(
                    f"() => (document.body.dataset.focusToken || '') !== '{token}'", in_frame=True
                ),
                idle,
            )
        )
    # Stepping to the next mention happens in the browser alone.
    out["next mention"] = []
    for _ in range(repeats):
        frame = article_frame(page)
        before = frame.evaluate("() => document.getElementById('nav-index').textContent")
        out["next mention"].append(
            timed(
                lambda frame=frame: frame.locator("#nav-next").click(),
                until(
                    f"() => document.getElementById('nav-index').textContent !== '{before}'"
                    " || document.getElementById('nav-total').textContent === '1'",
                    in_frame=True,
                ),
                idle,
            )
        )
    return out


def floor_clicks(browser, repeats: int) -> list[float]:
    """Clicks on `bench/floor_app.py` (a checkbox in a fragment): the machine's floor."""
    port = free_port()
    args = [a if a != "app.py" else "bench/floor_app.py" for a in STREAMLIT_ARGS]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", *args, "--server.port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base, proc)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(base)
        page.get_by_text("state: off").wait_for()
        times = []
        for n in range(repeats):
            want = "on" if n % 2 == 0 else "off"
            times.append(
                timed(
                    lambda: page.get_by_text("tick").click(),
                    lambda want=want: page.get_by_text(f"state: {want}").wait_for(),
                    lambda: page.wait_for_function(IDLE, polling="raf"),
                )
            )
        page.close()
        return times
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    dev_id, dev_text = dev_article()
    articles = [
        (f"seed ({len(SEED.read_text(encoding='utf-8').split())} words)", SEED.read_text("utf-8")),
        (f"dev {dev_id[:40]} ({len(dev_text.split())} words)", dev_text),
    ]
    with tempfile.TemporaryDirectory() as folder:
        env = {"NEWSLENS_LIBRARY": str(Path(folder) / "library.sqlite3")}
        with running_app(Path(folder), env=env) as base, launch_chromium() as browser:
            page = browser.new_page(viewport=VIEWPORT)
            page.set_default_timeout(TIMEOUT_MS)
            analyse(page, base, articles[0][1])  # warm-up: loads the models once
            floor = floor_clicks(browser, options.repeats)
            print(
                f"floor (one checkbox in a fragment, bench/floor_app.py): median "
                f"{statistics.median(floor):.3f} s (runs {', '.join(f'{t:.2f}' for t in floor)})"
            )
            for name, text in articles:
                bare = bare_analysis(text, options.repeats)
                drawn = [analyse(page, base, text) for _ in range(options.repeats)]
                print(f"\n{name}")
                print(
                    f"  Analyze -> drawn   median {statistics.median(drawn):.2f} s "
                    f"(bare analysis {bare:.2f} s; runs {', '.join(f'{t:.2f}' for t in drawn)})"
                )
                for kind, times in clicks(page, options.repeats).items():
                    print(
                        f"  {kind:<17}  median {statistics.median(times):.3f} s "
                        f"(runs {', '.join(f'{t:.2f}' for t in times)})"
                    )


if __name__ == "__main__":
    main()
