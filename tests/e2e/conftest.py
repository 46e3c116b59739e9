"""Fixtures of the browser tests, made of the helpers in tests/browser.py: per test module,
the app on a library of its own (`app`, its base URL) and one headless Chromium (`browser`).
A module that needs another app (a guarded launcher, a filled library) defines its own `app`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import app_with_own_library, launch_chromium


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[str]:
    with app_with_own_library(tmp_path_factory.mktemp("app")) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_chromium() as chromium:
        yield chromium
