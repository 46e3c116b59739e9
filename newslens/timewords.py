"""TIMEX3 values in words for readers: "PRESENT_REF" -> "now", "PXW" -> "a few weeks",
"2025-05-16" -> "16 May 2025". The one place the app turns a TimeML value into text; a value
it does not know is returned unchanged (still correct, only less friendly)."""

from __future__ import annotations

import re

MONTHS = (
    "January February March April May June July August September October November December"
).split()
REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
# Duration units: (singular, plural); lower-case keys are the time units after "T".
UNITS = {
    "Y": ("year", "years"),
    "M": ("month", "months"),
    "W": ("week", "weeks"),
    "D": ("day", "days"),
    "h": ("hour", "hours"),
    "m": ("minute", "minutes"),
    "s": ("second", "seconds"),
    "DE": ("decade", "decades"),
    "CE": ("century", "centuries"),
}
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
QUARTERS = {"Q1": "first quarter", "Q2": "second quarter", "Q3": "third quarter"}
QUARTERS |= {"Q4": "fourth quarter", "H1": "first half", "H2": "second half"}
PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}
PARTS_OF_DAY |= {"DT": "daytime"}
UNRESOLVED = "not resolved"

_DURATION = re.compile(r"^P(?:T?)(\d+(?:\.\d+)?|X)(DE|CE|[YMWDHS])$")
_DATE = re.compile(r"^(\d{4}|XXXX)-(\d{2})(?:-(\d{2}))?(?:T(.+))?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-(WE))?$")
_PART_OF_YEAR = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])$")
_DECADE = re.compile(r"^(\d{3})X$")
_CENTURY = re.compile(r"^(\d{2})$")
_CLOCK = re.compile(r"^(\d{2}):(\d{2})")


def _duration(value: str) -> str | None:
    match = _DURATION.match(value)
    if not match:
        return None
    amount, unit = match.groups()
    # Minutes and months share the letter M: after "T" it is minutes.
    key = unit.lower() if value.startswith("PT") and unit in "HMS" else unit
    singular, plural = UNITS.get(key, (unit, unit))
    if amount == "X":
        return f"a few {plural}"
    number = float(amount)
    if number == 1:
        return f"an {singular}" if singular == "hour" else f"a {singular}"
    shown = amount if "." in amount else str(int(number))
    return f"{shown} {plural}"


def _time_of_day(part: str) -> str:
    if part in PARTS_OF_DAY:
        return PARTS_OF_DAY[part]
    clock = _CLOCK.match(part)
    return f"{clock.group(1)}:{clock.group(2)}" if clock else part


def _calendar(value: str) -> str | None:
    match = _DATE.match(value)
    if match:
        year, month, day, time = match.groups()
        if not 1 <= int(month) <= 12:
            return None
        words = MONTHS[int(month) - 1]
        if day:
            words = f"{int(day)} {words}"
        words = f"{words} {year}" if year != "XXXX" else f"{words} (year unknown)"
        return f"{words}, {_time_of_day(time)}" if time else words
    if re.fullmatch(r"\d{4}", value):
        return value
    week = _WEEK.match(value)
    if week:
        year, number, weekend = week.groups()
        return f"{'the weekend of ' if weekend else ''}week {int(number)} of {year}"
    part = _PART_OF_YEAR.match(value)
    if part:
        year, code = part.groups()
        if code in SEASONS:
            return f"{SEASONS[code]} {year}"
        return f"the {QUARTERS[code]} of {year}"
    decade = _DECADE.match(value)
    if decade:
        return f"the {decade.group(1)}0s"
    century = _CENTURY.match(value)
    if century:
        return f"the {century.group(1)}00s"
    return None


def time_in_words(value: str | None, *, kind: str | None = None) -> str:
    """A TIMEX3 `value` as a reader would say it; `kind` is the timex type (DATE, TIME,
    DURATION, SET): a SET reads "every …". None or "" -> "not resolved"."""
    if not value:
        return UNRESOLVED
    value = value.strip()
    words = REFERENCES.get(value) or _duration(value) or _calendar(value)
    if words is None:
        return value
    if kind == "SET":
        return "every " + words.removeprefix("a ").removeprefix("an ")
    return words
