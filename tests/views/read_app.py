"""The Read page in AppTest, for the view tests: the app, and articles pasted or uploaded and
analysed through its Article box."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 180  # the first run loads the spaCy model


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)


def paste_and_analyze(at: AppTest, text: str) -> AppTest:
    at.text_area(key="read-input-paste").input(text)
    return at.button(key="read-input-analyze").click().run()


def upload_and_analyze(at: AppTest, *uploads: tuple[str, bytes, str]) -> AppTest:
    at.radio(key="read-input-source").set_value("Upload files").run()
    at.file_uploader(key="read-input-files").set_value(list(uploads))
    return at.button(key="read-input-analyze").click().run()


def analysed_uploads(*uploads: tuple[str, bytes, str]) -> AppTest:
    """A fresh app after these (name, bytes, MIME type) uploads are analysed; it must not
    have shown a traceback."""
    at = upload_and_analyze(app().run(), *uploads)
    assert not at.exception
    return at
