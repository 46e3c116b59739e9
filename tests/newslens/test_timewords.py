"""TIMEX3 values in words (`newslens.timewords.time_in_words`)."""

from __future__ import annotations

import pytest

from newslens.timewords import time_in_words


@pytest.mark.parametrize(
    ("value", "kind", "words"),
    [
        ("PRESENT_REF", "DATE", "now"),
        ("PAST_REF", "DATE", "the past"),
        ("FUTURE_REF", "DATE", "the future"),
        ("PXW", "DURATION", "a few weeks"),
        ("PXY", "DURATION", "a few years"),
        ("P3D", "DURATION", "3 days"),
        ("P1Y", "DURATION", "a year"),
        ("PT1H", "DURATION", "an hour"),
        ("PT30M", "DURATION", "30 minutes"),
        ("P2M", "DURATION", "2 months"),
        ("P1W", "SET", "every week"),
        ("2025-05-16", "DATE", "16 May 2025"),
        ("2025-05", "DATE", "May 2025"),
        ("2025", "DATE", "2025"),
        ("2025-05-16TMO", "TIME", "16 May 2025, morning"),
        ("2025-05-16T14:30", "TIME", "16 May 2025, 14:30"),
        ("XXXX-12-25", "DATE", "25 December (year unknown)"),
        ("2025-W20", "DATE", "week 20 of 2025"),
        ("2025-W20-WE", "DATE", "the weekend of week 20 of 2025"),
        ("2025-Q1", "DATE", "the first quarter of 2025"),
        ("2025-SU", "DATE", "summer 2025"),
        ("199X", "DATE", "the 1990s"),
        (None, "DATE", "not resolved"),
        ("", "DATE", "not resolved"),
    ],
)
def test_values_read_as_words(value, kind, words):
    assert time_in_words(value, kind=kind) == words


def test_an_unknown_value_is_returned_unchanged():
    assert time_in_words("2025-13-01") == "2025-13-01"
    assert time_in_words("SOMETHING_ELSE") == "SOMETHING_ELSE"
