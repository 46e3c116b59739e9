"""How fast each corpus view answers in a real browser: the app runs as `streamlit run
app.py` with NEWSLENS_CORPUS=DIR, Chromium (Playwright, /usr/bin/chromium) opens /corpus,
and each view is driven by one interaction; the time is from the interaction until the view
shows its new answer (a DOM change that only the answer makes). Each interaction runs
`--repeat` times with different choices where it can; the median and worst are reported.

    .venv/bin/python bench/corpus_ui_speed.py /tmp/polnear-corpus [--shots DIR] [--json OUT]

Cold numbers (first page load: opening the corpus and every view's first answer) are
reported apart from the interactions, which answer from DuckDB or from the per-filter cache.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import write_report  # noqa: E402

from components.corpus_common import CORPUS_SECTIONS  # noqa: E402
from tests.browser import launch_chromium, running_app  # noqa: E402

GOAL_S = 0.5
SPEAKER_PILL = re.compile(r" · \d+ · (shared|only here)$")
TIMEOUT_MS = 120_000
# Speakers and actors chosen in turn (people of the PolNeAR corpus).
NAMES = ["Hillary Clinton", "Bernie Sanders", "Ted Cruz", "Donald Trump"]


def _select(page, label: str, option: str) -> Callable[[], None]:
    """Type `option` into the Streamlit selectbox labelled `label`; returns the choosing key
    press (the clock starts there, not while Playwright types)."""
    box = page.get_by_label(label, exact=True)
    box.click()
    box.fill(option)
    page.get_by_role("option").first.wait_for()
    return lambda: page.keyboard.press("Enter")


def _corpus_link(page):
    """The app's own navigation link (app.py titles it "Corpus"): the exact link, not a
    similar word elsewhere on the page."""
    return page.get_by_role("navigation", name="App pages").get_by_role(
        "link", name="Corpus", exact=True
    )


def _timed(page, action, done_js: str, arg=None) -> float:
    start = time.perf_counter()
    action()
    page.wait_for_function(done_js, arg=arg, timeout=TIMEOUT_MS)
    return time.perf_counter() - start


def _idle(page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS
    )


def _text_of(selector: str) -> str:
    """JS: is there an element matching `selector` whose text includes the argument?"""
    found = f"document.querySelectorAll({json.dumps(selector)})"
    return f"(t) => Array.from({found}).some(e => (e.textContent || '').includes(t))"


def _choose_names(
    page, results: dict, view: str, label: str, *, shown_in: str, answer: str, repeat: int
) -> None:
    """Time, under `view` in `results`, choosing each of the first `repeat` NAMES in the
    selectbox `label`, each until an element matching `shown_in` includes `answer` (with
    the name in it)."""
    for name in NAMES[:repeat]:
        results.setdefault(view, []).append(
            _timed(
                page,
                _select(page, label, name),
                _text_of(shown_in),
                arg=answer.format(name=name),
            )
        )
        _idle(page)


def _sections(page, shots: Path, width: str) -> None:
    """One screenshot per section (the app scrolls inside its own container)."""
    for i, name in enumerate(CORPUS_SECTIONS.values()):
        page.evaluate(
            "(n) => Array.from(document.querySelectorAll('h1,h2,h3'))"
            ".find(h => h.innerText.trim() === n)?.scrollIntoView({block: 'start'})",
            name,
        )
        time.sleep(0.5)
        page.screenshot(path=str(shots / f"corpus-{width}-{i}.png"))


def run(corpus: str, *, repeat: int, shots: Path | None) -> dict:
    results: dict[str, list[float]] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_app(Path(tmp), env={"NEWSLENS_CORPUS": corpus}) as base,
        launch_chromium() as browser,
    ):
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.set_default_timeout(TIMEOUT_MS)
        # From the root URL, so that the timed step is the click into the Corpus page.
        page.goto(base + "/")
        nav = _corpus_link(page)
        nav.wait_for()
        t0 = time.perf_counter()
        nav.click()
        page.get_by_text("Choose two to four articles").wait_for()
        _idle(page)
        cold = time.perf_counter() - t0

        # Share of voice: choose whose quotes to read.
        speakers = page.evaluate(
            "() => Array.from(document.querySelectorAll('[data-testid=\"stMetricValue\"]')).length"
        )
        del speakers
        _choose_names(
            page,
            results,
            "Share of voice: quotes of a speaker",
            "Quotes of",
            shown_in="[data-testid='stCaptionContainer']",
            answer="quotes of {name}",
            repeat=repeat,
        )

        # Portrayal over time: choose the actor.
        _choose_names(
            page,
            results,
            "Portrayal over time: choose an actor",
            "Actor",
            shown_in=".gtitle",
            answer="portrays {name}",
            repeat=repeat,
        )

        # Events across articles: the minimum number of reports.
        slider = page.locator("[data-testid='stSlider'] input[type='range']").first
        for value in [3, 2, 4, 2][:repeat]:
            slider.focus()
            slider_now = int(slider.input_value())
            key = "ArrowRight" if value > slider_now else "ArrowLeft"
            steps = abs(value - slider_now)

            def move(k=key, n=steps):
                for _ in range(n):
                    page.keyboard.press(k)

            results.setdefault("Events across articles: minimum reports", []).append(
                _timed(
                    page,
                    move,
                    _text_of("[data-testid='stCaptionContainer']"),
                    arg=f"reported by {value}+ articles",
                )
            )
            _idle(page)

        # Stories -> Compare coverage: open the story, then light a speaker's quotes.
        results.setdefault("Stories: compare a story's articles", []).append(
            _timed(
                page,
                lambda: page.get_by_role("button", name="Compare these articles").click(),
                "() => document.body.innerText.includes('Speakers (name')",
            )
        )
        _idle(page)
        pills = page.get_by_role("button", name=SPEAKER_PILL)
        for i in range(min(repeat, pills.count())):
            results.setdefault("Compare coverage: light a speaker's quotes", []).append(
                _timed(
                    page,
                    lambda i=i: pills.nth(i).click(),
                    "(n) => document.querySelectorAll('mark.nl-corpus-lit').length > n",
                    arg=i,
                )
            )
            _idle(page)

        # Overview filters: one outlet (every view answers again, first time for this filter).
        results.setdefault("Corpus overview: filter one outlet (all views)", []).append(
            _timed(
                page,
                _select(page, "Outlets", "nyt"),
                "() => Array.from(document.querySelectorAll('[data-testid=\"stMetricValue\"]'))"
                ".some(e => e.innerText.trim() === '120')",
            )
        )
        _idle(page)
        print(json.dumps({k: [round(t, 3) for t in v] for k, v in results.items()}), flush=True)
        if shots:
            shots.mkdir(parents=True, exist_ok=True)
            _sections(page, shots, "1440")
            mobile = browser.new_page(viewport={"width": 390, "height": 844})
            mobile.set_default_timeout(TIMEOUT_MS)
            mobile.goto(base + "/")
            mobile.get_by_role("button", name="Open sidebar").or_(
                mobile.get_by_test_id("stExpandSidebarButton")
            ).first.click()
            _corpus_link(mobile).click()
            mobile.get_by_test_id("stSidebarCollapseButton").locator("button").click()
            mobile.get_by_text("Compare coverage").first.wait_for()
            _idle(mobile)
            _sections(mobile, shots, "390")
    report = {
        "corpus": corpus,
        "load_average_1_5_15": [round(v, 1) for v in os.getloadavg()],
        "cpus": os.cpu_count(),
        "cold_first_page_s": round(cold, 3),
        "views": {
            name: {
                "median_s": round(statistics.median(times), 3),
                "worst_s": round(max(times), 3),
                "runs": len(times),
                "goal_met": max(times) <= GOAL_S,
            }
            for name, times in results.items()
        },
    }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report = run(args.corpus, repeat=args.repeat, shots=args.shots)
    write_report(report, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
