"""Time expressions (TIMEX3) found in an article and normalised against its publication date.

Two steps, so that a new publication date (DCT) never needs a re-parse:

* `extract_timexes` finds the expressions (rules over the text, spaCy's DATE/TIME entities as
  a fallback for what the rules do not know) and parses each into DCT-independent *fields*
  stored in `Timex.anchor` together with the tense cue of the governing verb;
* `resolve_timexes` turns those fields into TIMEX3 values against a DCT.

Conventions follow TimeML/TIMEX3 as annotated in MEANTIME: values such as `2025-05-16`,
`2025-W20`, `2025-Q3`, `199` (the 1990s), `P2W`, `PT2H`, `PRESENT_REF`; `two weeks ago` is
marked as the duration `two weeks` (`P2W`), the date it points to is kept in
`anchor["date"]`. An expression that cannot be resolved keeps its span with `value=None`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Span

from newslens.model import Timex

# ------------------------------------------------------------------ vocabulary

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "couple": 2,
}  # fmt: skip
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11,
    "twelfth": 12, "12th": 12, "thirteenth": 13, "13th": 13, "fourteenth": 14, "14th": 14,
    "fifteenth": 15, "15th": 15, "sixteenth": 16, "16th": 16, "seventeenth": 17, "17th": 17,
    "eighteenth": 18, "18th": 18, "nineteenth": 19, "19th": 19, "twentieth": 20,
    "20th": 20, "twenty-first": 21, "21st": 21, "twenty-second": 22, "22nd": 22,
}  # fmt: skip
VAGUE_QUANTITIES = {"several", "few", "many", "some", "numerous", "couple of", "a few"}
# unit -> (ISO letter, multiplier, needs the "T" time designator)
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "year": ("Y", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False), "quarter": ("Q", 1, False),
}  # fmt: skip
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31),
    "valentine's day": (2, 14), "boxing day": (12, 26), "independence day": (7, 4),
}  # fmt: skip
SET_ADJECTIVES = {
    "annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "biannual": "P6M",
    "biennial": "P2Y", "quarterly": "P3M", "monthly": "P1M", "weekly": "P1W",
    "daily": "P1D", "nightly": "P1D", "hourly": "PT1H",
}  # fmt: skip
TIMEZONES = {"utc": "Z", "gmt": "Z", "z": "Z"}

# ------------------------------------------------------------------ regular expressions


def _alt(words: object) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


_S = r"[ \t]+"  # inside one expression: spaces, never a line break
_COMMA = r"[ \t]*,?[ \t]*"
_NUMW = _alt(k for k in NUMBER_WORDS if k not in {"a", "an", "couple"})
_NUM = (
    rf"(?:\d+(?:\.\d+)?|(?:{_NUMW})(?:[- ](?:{_NUMW}))?(?:{_S}and{_S}a{_S}half)?"
    rf"|an?(?:{_S}couple{_S}of|{_S}few|{_S}dozen)?|half{_S}an?|couple{_S}of"
    rf"|several|few|many|some|numerous)"
)
_UNIT = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ies)|quarter)s?"
)
_MONTH_FULL = _alt(
    w.capitalize() for w in MONTHS if len(w) > 3 or w == "may"
)  # capitalised: "may" the verb is no month
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}|(?:Jan|Feb|Apr|Aug|Sept?|Oct|Nov|Dec)(?=[ \t]*\d))"
_WEEKDAY = _alt(w.capitalize() for w in WEEKDAYS)
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_MOD = (
    rf"(?:(?:early|late|mid|the{_S}middle{_S}of|the{_S}(?:very{_S})?(?:beginning|start|end|"
    rf"close|rest|remainder)(?:{_S}part)?{_S}of)(?:{_S}|-))"
)
_PART = r"(?:morning|afternoon|evening|night)"
_REL = r"(?:this|last|next|coming|past|previous|current|upcoming|following)"

RE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
RE_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
RE_MDY = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY}){_COMMA})?(?P<mod>{_MOD})?(?P<mon>{_MONTH}){_S}(?:the{_S})?"
    rf"(?P<day>{_DAYNUM})\b(?:{_COMMA}(?P<year>{_YEAR})\b)?"
)
RE_DMY = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY}){_COMMA})?(?:the{_S})?(?P<day>{_DAYNUM}){_S}(?:of{_S})?"
    rf"(?P<mon>{_MONTH})(?:{_COMMA}(?P<year>{_YEAR})\b)?"
)
RE_MONTH_YEAR = re.compile(
    rf"(?:(?P<rel>last|next|this(?:{_S}(?:past|coming))?){_S})?(?P<mod>{_MOD})?(?P<mon>{_MONTH})"
    rf"(?:{_COMMA}(?:of{_S})?(?P<year>{_YEAR})\b)?"
)
RE_YEAR = re.compile(
    rf"(?:(?P<mod>{_MOD})|(?<![\w$€£.,/-]))(?P<year>{_YEAR})(?![\w%]|[.,]\d|-\d|[ \t]*%)"
)
RE_DECADE = re.compile(
    rf"(?:the{_S})?(?P<mod>(?:early|late|mid)(?:{_S}|-))?"
    r"(?:(?P<cent>1[6-9]|20)?(?P<dec>\d)0|['’](?P<short>\d)0)[ \t]*['’]?s\b"
)
RE_CENTURY = re.compile(
    rf"(?:the{_S})?(?P<mod>(?:early|late|mid)(?:{_S}|-))?(?P<ord>{_alt(ORDINALS)})[ \t-]+century\b",
    re.I,
)
RE_WEEKDAY = re.compile(
    rf"(?:(?P<rel>last|next|this|coming|past){_S})?(?P<wd>{_WEEKDAY})s?\b"
    rf"(?:{_S}(?P<part>{_PART})\b)?"
)
RE_RELDAY = re.compile(
    rf"\b(?:(?P<dba>the{_S}day{_S}(?:before|after)){_S})?(?P<word>yesterday|today|tomorrow|tonight)\b"
    rf"(?:{_S}(?P<part>{_PART})\b)?|\b(?P<rel>this|last){_S}(?P<part2>{_PART})\b",
    re.I,
)
RE_RELUNIT = re.compile(
    rf"\b(?P<mod>(?:earlier|later|early|late|mid)(?:{_S}|-)|{_MOD})?(?P<the>the{_S})?"
    rf"(?P<rel>{_REL}){_S}(?P<unit>week(?:end)?|month|year|quarter|decade|century|"
    rf"spring|summer|autumn|fall|winter)\b(?!-|'s{_S}(?:high|low))",
    re.I,
)
RE_OF_THE_UNIT = re.compile(
    rf"\b(?:the{_S})?(?:very{_S})?(?:beginning|start|end|middle|rest|remainder|close)"
    rf"{_S}of{_S}the{_S}(?P<unit>week|month|year|decade|century)\b",
    re.I,
)
RE_QUARTER = re.compile(
    rf"\b(?:Q(?P<qn>[1-4])(?:{_S}(?P<qyear>{_YEAR}))?\b|(?:the{_S})?(?:fiscal{_S})?(?P<ord>first|"
    rf"second|third|fourth|final|1st|2nd|3rd|4th)[ \t-]+quarter\b(?:{_S}(?:of{_S})?(?:"
    rf"(?:fiscal{_S})?(?P<year>{_YEAR})\b|(?P<rel>this|last|next|the){_S}year\b))?)",
    re.I,
)
RE_HALF = re.compile(
    rf"\b(?:the{_S})?(?P<ord>first|second)[ \t-]+half{_S}of{_S}(?:(?P<year>{_YEAR})|"
    rf"(?P<rel>this|last|next|the){_S}year)\b",
    re.I,
)
RE_FISCAL = re.compile(
    rf"\b(?:the{_S})?(?:(?P<rel>current|this|last|next|previous|past|coming){_S})?(?:fiscal|"
    rf"financial){_S}year(?:{_S}(?P<year>{_YEAR}))?\b|\bfiscal{_S}(?:year{_S})?(?P<year2>{_YEAR})\b"
    r"|\bFY[ \t]?(?P<year3>\d{4}|\d{2})\b",
    re.I,
)
RE_ANAPHOR = re.compile(
    rf"\b(?:the{_S}(?P<rel>same|next|following|previous|prior|preceding){_S}|(?P<that>that){_S})"
    rf"(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b(?![ \t]*-)",
    re.I,
)
RE_WEEKEND = re.compile(rf"\bthe{_S}weekend\b", re.I)
RE_SEASON = re.compile(
    rf"\b(?:(?P<rel>this|last|next|the{_S}coming|the{_S}past){_S})?(?P<season>spring|summer|"
    rf"autumn|fall|winter)(?:{_COMMA}(?:of{_S})?(?P<year>{_YEAR}))?\b",
    re.I,
)
RE_DURATION = re.compile(
    rf"(?<![\w-])(?:(?P<the>the){_S}(?P<rel>past|last|next|coming|previous|first|following|"
    rf"final|remaining|preceding|latest|recent){_S})?(?P<num>{_NUM})(?P<sep>{_S}|-)"
    rf"(?:(?:straight|consecutive|successive|full|whole|long|more|additional|extra){_S})?"
    rf"(?P<unit>{_UNIT})(?:(?P<long>-long)|(?!-(?!old\b)))\b(?P<old>[ \t-]+old\b)?"
    rf"(?:{_S}(?P<after>ago|earlier|later|before|after|from{_S}now)\b)?",
    re.I,
)
RE_HALF_UNIT = re.compile(
    rf"\b(?:a|one)[ \t]+(?P<unit>year|month|day|hour){_S}and{_S}a{_S}half\b", re.I
)
RE_VAGUE = re.compile(
    rf"\b(?P<prep>for|over|in|within|during|across|throughout)?(?:{_S})?(?P<the>the{_S})?"
    rf"(?:(?P<rel>past|last|next|coming|recent|following|previous|upcoming){_S})?"
    rf"(?:(?P<q>several|few|many|some|numerous|a{_S}few|a{_S}couple{_S}of){_S})?"
    rf"(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)\b(?P<long>-long)?"
    rf"(?:{_S}(?P<after>ago|before|after|later|earlier)\b)?",
    re.I,
)
RE_REF = re.compile(
    r"(?<![\w-])(?P<present>now|nowadays|presently|at present|at the moment|these days|"
    r"the present day)(?![\w-])"
    r"|\b(?P<past>recently|lately|in the past|more recently|until recently|"
    r"(?:a long time|long) ago)\b"
    r"|\b(?P<future>(?:the|in)(?: near| foreseeable| distant)? future|in future)\b"
    r"|\b(?P<unknown>an? (?:later|earlier|future|unspecified|undisclosed) (?:date|time))\b",
    re.I,
)
RE_SET = re.compile(
    rf"\b(?P<q>every|each|per){_S}(?:(?P<other>other){_S})?(?P<unit>second|minute|hour|day|"
    rf"night|week|month|year|decade|quarter|{_alt(WEEKDAYS)}|{_PART})\b"
    rf"|\b(?P<adj>{_alt(SET_ADJECTIVES)})\b",
    re.I,
)
RE_A_UNIT = re.compile(r"\b(?:a|an)[ \t]+(?P<unit>hour|day|week|month|year)\b", re.I)
RE_TIME = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?:(?::|\.(?=\d\d[ \t]*[ap]\.?m))(?P<m>[0-5]\d))?"
    r"(?:[ \t]*(?P<ampm>[ap])\.?[ \t]?m\b\.?)?(?P<tz>[ \t]*(?:UTC|GMT|BST|CET|CEST|EST|EDT|"
    r"PST|PDT|CST|CDT|ET|PT)\b)?|\b(?P<named>noon|midnight|midday)\b",
    re.I,
)
RE_RANGE = re.compile(
    rf"\b(?:from|between){_S}(?P<y1>{_YEAR}){_S}(?:to|and|until|through){_S}(?P<y2>{_YEAR})\b",
    re.I,
)
RE_HOLIDAY = re.compile(rf"\b(?:{_alt(k.title() for k in HOLIDAYS)})", re.I)

# Words that announce a bare year or month name ("in 2014", "since March").
TEMPORAL_PREPS = {
    "in", "since", "by", "until", "till", "from", "to", "through", "between", "and", "of",
    "during", "before", "after", "early", "late", "mid", "the", "around", "circa", "for",
    "fiscal", "or", "last", "next", "this", "throughout", "as", "spring",
    "summer", "autumn", "fall", "winter", "'s", "into", "at", "on",
}  # fmt: skip
NON_TIME_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "LAW"}
TIME_WORD = re.compile(
    r"\b(?:day|days|week|weeks|weekend|month|months|year|years|decade|decades|century|"
    r"centuries|morning|afternoon|evening|night|tonight|season|era|period|spring|"
    r"summer|autumn|winter|christmas|easter|holiday|holidays|hour|hours|minute|minutes)\b",
    re.I,
)
FUTURE_LEMMAS = {"schedule", "set", "due", "plan", "expect", "slate", "intend", "aim"}
REPORTING_LEMMAS = {
    "say", "tell", "announce", "report", "claim", "state", "add", "note", "write", "argue",
    "confirm", "reveal", "disclose", "unveil", "acknowledge", "insist", "warn", "explain",
}  # fmt: skip
PLANNING_LEMMAS = FUTURE_LEMMAS | {
    "go", "be", "hope", "want", "prepare", "vow", "promise", "threaten", "agree", "likely",
    "poise", "seek", "propose",
}  # fmt: skip
FALLBACK_JUNK = re.compile(
    r"^(?:an?|the|all|some)?\s*(?:\w+-)?(?:day|days|night|nights|hour|hours|minute|minutes|"
    r"morning|evening|afternoon|time|times)$|-|^an?\s",
    re.I,
)

# ------------------------------------------------------------------ detection


@dataclass
class _Match:
    start: int
    end: int
    type: str
    kind: str
    fields: dict[str, Any]
    priority: int = 1  # rules beat the spaCy fallback on equal length


def _number(text: str) -> float | None:
    """A duration's count: 2, 2.5, 'two and a half', 'twenty-five'; None for vague ones."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t in VAGUE_QUANTITIES or t in {"a couple of", "couple of", "a dozen"}:
        return 2.0 if "couple" in t else 12.0 if "dozen" in t else None
    half = 0.0
    if t.endswith(" and a half"):
        half, t = 0.5, t[: -len(" and a half")]
    if t in {"half a", "half an"}:
        return 0.5
    try:
        return float(t) + half
    except ValueError:
        pass
    total = 0.0
    for word in t.split():
        if word not in NUMBER_WORDS:
            return None
        n = NUMBER_WORDS[word]
        total = total * n if n == 100 and total else total + n
    return total + half if total else None


def _fmt_number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration_value(n: float | None, unit: str) -> str:
    base = unit.lower().rstrip("s")
    base = "century" if base.startswith("centur") else base
    letter, mult, is_time = UNITS[base]
    count = "X" if n is None else _fmt_number(n * mult)
    return f"P{'T' if is_time else ''}{count}{letter}"


def _year2(y: str) -> int:
    n = int(y)
    return n if len(y) == 4 else (2000 + n if n < 50 else 1900 + n)


def _month_number(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day_number(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([\w']+)\W*$", text[max(0, pos - 30) : pos])
    return m.group(1).lower() if m else ""


UNIT_NEEDLES = (
    "second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year", "decade",
    "centur", "quarter", "spring", "summer", "autumn", "fall", "winter",
)  # fmt: skip


def _scan(rx: re.Pattern[str], text: str, low: str, needles: tuple[str, ...]):  # noqa: ANN202
    """`rx.finditer(text)`, skipped when none of its key words occurs (for speed)."""
    return rx.finditer(text) if any(n in low for n in needles) else iter(())


def _rule_matches(text: str) -> list[_Match]:
    out: list[_Match] = []
    low = text.lower()

    def add(hit: re.Match[str], type_: str, kind: str, /, **fields: Any) -> None:
        out.append(_Match(hit.start(), hit.end(), type_, kind, fields))

    for m in RE_ISO.finditer(text):
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            add(m, "DATE", "date", y=y, m=mo, d=d)
    for m in _scan(RE_SLASH, text, low, ("/",)):
        a, b, y = int(m.group(1)), int(m.group(2)), _year2(m.group(3))
        mo, d = (a, b) if a <= 12 else (b, a)  # US month/day unless impossible
        if 1 <= mo <= 12 and 1 <= d <= 31:
            add(m, "DATE", "date", y=y, m=mo, d=d)
    for rx in (RE_MDY, RE_DMY):
        for m in rx.finditer(text):
            d = _day_number(m.group("day"))
            if not 1 <= d <= 31:
                continue
            year = int(m.group("year")) if m.group("year") else None
            wd = WEEKDAYS[m.group("wd").lower()] if m.group("wd") else None
            add(m, "DATE", "date", y=year, m=_month_number(m.group("mon")), d=d, wd=wd)
    for m in RE_MONTH_YEAR.finditer(text):
        year = int(m.group("year")) if m.group("year") else None
        if year is None and not m.group("mod") and not m.group("rel"):
            if m.group("mon").lower() == "may" and _prev_word(text, m.start()) not in {
                "in", "since", "until", "of", "early", "late", "mid", "last", "next", "this",
                "by", "from", "through", "till", "during", "before", "after",
            }:  # fmt: skip
                continue
        rel = (m.group("rel") or "").split()
        add(
            m,
            "DATE",
            "date",
            y=year,
            m=_month_number(m.group("mon")),
            bare=year is None and not rel,
            rel=rel[-1].lower() if rel and year is None else None,
        )
    for m in RE_YEAR.finditer(text):
        add(m, "DATE", "date", y=int(m.group("year")), bare=not m.group("mod"))
    for m in _scan(RE_DECADE, text, low, ("0s", "0's", "0’s")):
        if m.group("short"):
            value = "19" + m.group("short")
        elif m.group("cent"):
            value = m.group("cent") + m.group("dec")
        else:
            continue  # "the 80s" without century: ages or temperatures as often as decades
        add(m, "DATE", "fixed", value=value)
    for m in _scan(RE_CENTURY, text, low, ("centur",)):
        add(m, "DATE", "fixed", value=f"{ORDINALS[m.group('ord').lower()] - 1:02d}")
    for m in _scan(RE_WEEKDAY, text, low, ("day",)):
        part = m.group("part")
        add(
            m,
            "TIME" if part else "DATE",
            "weekday",
            wd=WEEKDAYS[m.group("wd").lower()],
            rel=(m.group("rel") or "").lower() or None,
            part=PARTS_OF_DAY[part.lower()] if part else None,
        )
    for m in _scan(
        RE_RELDAY,
        text,
        low,
        ("yesterday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening", "night"),
    ):
        if m.group("word"):
            word = m.group("word").lower()
            offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}[word]
            if m.group("dba"):
                offset += -1 if "before" in m.group("dba").lower() else 1
            part = m.group("part") or ("night" if word == "tonight" else None)
        else:
            part = m.group("part2")
            offset = -1 if m.group("rel").lower() == "last" and part.lower() == "night" else 0
        code = PARTS_OF_DAY[part.lower()] if part else None
        add(m, "TIME" if code else "DATE", "relday", offset=offset, part=code)
    for m in _scan(RE_RELUNIT, text, low, UNIT_NEEDLES):
        rel, unit = m.group("rel").lower(), m.group("unit").lower()
        if m.group("the") and rel in {"previous", "following"}:
            continue  # "the previous year": relative to the story's time, see RE_ANAPHOR
        if m.group("the") and rel in {"past", "next", "coming"}:
            kind_unit = unit if unit in UNITS else None
            if kind_unit:  # "the past year": a duration, not a calendar year
                add(m, "DURATION", "fixed", value=_duration_value(1, kind_unit))
            continue
        if unit == "fall" and rel not in {"this", "last", "next"}:
            continue
        offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        offset = 1 if rel in {"upcoming", "following"} else offset
        add(m, "DATE", "relunit", unit=unit, offset=offset)
    for m in _scan(RE_OF_THE_UNIT, text, low, (" of the ",)):
        add(m, "DATE", "relunit", unit=m.group("unit").lower(), offset=0)
    for m in _scan(RE_QUARTER, text, low, ("quarter", "q1", "q2", "q3", "q4")):
        if m.group("qn"):
            q = int(m.group("qn"))
            year = int(m.group("qyear")) if m.group("qyear") else None
            add(m, "DATE", "quarter", q=q, y=year)
            continue
        ordinal = m.group("ord").lower()
        year = int(m.group("year")) if m.group("year") else None
        rel = m.group("rel")
        yoff = {"last": -1, "next": 1, "this": 0, "the": 0}[rel.lower()] if rel else None
        if ordinal == "final":
            add(m, "DATE", "quarter", q=4, y=year, yoff=yoff)
        else:
            add(m, "DATE", "quarter", q=ORDINALS[ordinal], y=year, yoff=yoff)
    for m in _scan(RE_HALF, text, low, ("half of",)):
        year = int(m.group("year")) if m.group("year") else None
        rel = m.group("rel")
        yoff = {"last": -1, "next": 1, "this": 0, "the": 0}[rel.lower()] if rel else None
        add(m, "DATE", "half", h=1 if m.group("ord").lower() == "first" else 2, y=year, yoff=yoff)
    for m in _scan(RE_FISCAL, text, low, ("fiscal", "financial", "fy")):
        year = m.group("year") or m.group("year2") or m.group("year3")
        rel = (m.group("rel") or "").lower()
        offset = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
        add(m, "DATE", "fiscal", y=_year2(year) if year else None, offset=offset)
    for m in _scan(RE_ANAPHOR, text, low, UNIT_NEEDLES):
        rel = (m.group("rel") or "same").lower()
        unit = m.group("unit").lower()
        offset = {"next": 1, "following": 1, "previous": -1, "prior": -1, "preceding": -1}
        part = PARTS_OF_DAY.get(unit)
        add(
            m,
            "TIME" if part else "DATE",
            "anaphor",
            unit="day" if part else unit,
            offset=offset.get(rel, 0),
            part=part,
        )
    for m in _scan(RE_WEEKEND, text, low, ("weekend",)):
        add(m, "DATE", "weekend")
    for m in _scan(RE_SEASON, text, low, ("spring", "summer", "autumn", "fall", "winter")):
        rel = (m.group("rel") or "").lower().replace("the ", "")
        year = int(m.group("year")) if m.group("year") else None
        season = SEASONS[m.group("season").lower()]
        if not rel and year is None:
            continue  # a bare "spring"/"fall" is too often no time at all
        offset = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
        add(m, "DATE", "season", season=season, y=year, offset=offset)
    for m in _scan(RE_DURATION, text, low, UNIT_NEEDLES):
        if m.group("old"):
            continue  # "five-year-old", "56 years old": an age
        unit = m.group("unit").lower()
        num_text = m.group("num")
        if unit.startswith("second") and (
            m.group("sep") == "-" or num_text.lower() in {"a", "an", "one"}
        ):
            continue  # "a second A380": an ordinal
        num_text = m.group("num")
        n = _number(num_text)
        prev = _prev_word(text, m.start())
        if num_text.lower() in {"a", "an"} and _is_rate(prev) and not m.group("after"):
            out.append(
                _Match(
                    m.start("num"),
                    m.end("unit"),
                    "SET",
                    "fixed",
                    {"value": _duration_value(1, unit)},
                )
            )
            continue
        if num_text.lower() in {"some", "many"} and not unit.endswith("s"):
            continue
        if n is None and num_text.lower() not in VAGUE_QUANTITIES | {"a few", "a couple of"}:
            continue
        if re.fullmatch(r"\d+", num_text) and n is not None and n > 1000:
            continue
        end = m.end("unit") if m.group("long") is None else m.end("long")
        start = m.start()
        if m.group("the") and m.group("rel").lower() in {"latest", "recent"}:
            start = m.start("num")
        after = (m.group("after") or "").lower()
        fields: dict[str, Any] = {"value": _duration_value(n, unit)}
        if after in {"ago", "earlier", "before"} and n is not None:
            fields["shift"] = {"n": -n, "unit": unit.rstrip("s")}
        elif after in {"later", "after", "from now"} and n is not None and after == "from now":
            fields["shift"] = {"n": n, "unit": unit.rstrip("s")}
        out.append(_Match(start, end, "DURATION", "fixed", fields))
    for m in _scan(RE_HALF_UNIT, text, low, ("and a half",)):
        add(m, "DURATION", "fixed", value=_duration_value(1.5, m.group("unit")))
    for m in _scan(
        RE_VAGUE,
        text,
        low,
        ("minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"),
    ):
        rel = (m.group("rel") or "").lower()
        quantity = m.group("q")
        after = (m.group("after") or "").lower()
        if not (rel or quantity or m.group("long") or m.group("prep") or after):
            continue
        start = m.start("the") if m.group("the") else m.start("rel") if rel else None
        if start is None:
            start = m.start("q") if quantity else m.start("unit")
        end = m.end("long") if m.group("long") else m.end("unit")
        unit = m.group("unit")
        if after == "ago" and not rel and not quantity:
            out.append(_Match(start, m.end(), "DATE", "fixed", {"value": "PAST_REF"}))
        elif rel in {"next", "coming", "upcoming"} and not quantity:
            out.append(_Match(start, end, "DATE", "fixed", {"value": "FUTURE_REF"}))
        elif rel == "recent" and not quantity:
            out.append(_Match(start, end, "DATE", "fixed", {"value": "PAST_REF"}))
        else:
            value = _duration_value(None, unit)
            value = "PXY" if value.endswith("XY") else value  # decades/centuries are years
            out.append(_Match(start, end, "DURATION", "fixed", {"value": value}))
    for m in _scan(
        RE_REF,
        text,
        low,
        (
            "now",
            "present",
            "moment",
            "these days",
            "recent",
            "lately",
            "past",
            "future",
            "ago",
            " date",
            " time",
        ),
    ):
        if m.group("present"):
            value = "PRESENT_REF"
        elif m.group("past"):
            value = "PAST_REF"
        elif m.group("unknown"):
            value = "XXXX-XX-XX"
        else:
            value = "FUTURE_REF"
        start = m.start()
        if value != "PRESENT_REF" and m.group(0).lower().startswith("in "):
            start += 3
        out.append(_Match(start, m.end(), "DATE", "fixed", {"value": value}))
    for m in _scan(
        RE_SET,
        text,
        low,
        (
            "every",
            "each",
            "per ",
            "annual",
            "yearly",
            "quarterly",
            "monthly",
            "weekly",
            "daily",
            "nightly",
            "hourly",
            "biennial",
        ),
    ):
        if m.group("adj"):
            adj = m.group("adj")
            if adj[0].isupper() and m.start() > 0 and text[m.start() - 1] not in "\n":
                continue  # "Daily Mail", "China Daily"
            add(m, "SET", "fixed", value=SET_ADJECTIVES[adj.lower()])
            continue
        unit = m.group("unit").lower()
        step = 2 if m.group("other") else 1
        if unit in WEEKDAYS:
            value = f"XXXX-WXX-{WEEKDAYS[unit] + 1}"
        elif unit in PARTS_OF_DAY:
            value = f"TXX{PARTS_OF_DAY[unit]}"
        else:
            value = _duration_value(step, unit)
        add(m, "SET", "fixed", value=value)
    for m in _scan(
        RE_TIME, text, low, (":", "a.m", "p.m", "am", "pm", "noon", "midnight", "midday")
    ):
        if m.group("named"):
            named = m.group("named").lower()
            add(m, "TIME", "time", h=0 if named == "midnight" else 12, mi=0, tz=None)
            continue
        if not (m.group("m") or m.group("ampm")):
            continue
        h = int(m.group("h"))
        ampm = (m.group("ampm") or "").lower()
        if ampm and not 1 <= h <= 12:
            continue
        if ampm == "p" and h < 12:
            h += 12
        elif ampm == "a" and h == 12:
            h = 0
        tz = (m.group("tz") or "").strip().lower()
        add(m, "TIME", "time", h=h, mi=int(m.group("m") or 0), tz=TIMEZONES.get(tz))
    for m in _scan(
        RE_HOLIDAY,
        text,
        low,
        ("christmas", "new year", "halloween", "valentine", "boxing day", "independence day"),
    ):
        mo, d = HOLIDAYS[" ".join(m.group(0).lower().split())]
        add(m, "DATE", "date", y=None, m=mo, d=d)
    return out


def _is_rate(prev_word: str) -> bool:
    """'15 a year', 'twice a week', '$5 a month': the 'a UNIT' is a frequency."""
    return bool(
        re.fullmatch(r"[\d.,%$€£]+|once|twice|times|million|billion|thousand|hundred", prev_word)
        or prev_word in NUMBER_WORDS
        or prev_word.endswith(("%", "s"))
        and prev_word in {"times", "hours", "dollars", "euros", "pounds", "percent"}
    )


def _range_matches(text: str) -> list[_Match]:
    """'from 2009 to 2011': TIMEX3 marks the span as a duration around the two dates."""
    out = []
    for m in RE_RANGE.finditer(text):
        years = int(m.group("y2")) - int(m.group("y1"))
        if 0 < years < 200:
            out.append(_Match(m.start(), m.end(), "DURATION", "fixed", {"value": f"P{years}Y"}))
    return out


def _select(matches: list[_Match]) -> list[_Match]:
    """Longest first; a match overlapping an already chosen one is dropped."""
    chosen: list[_Match] = []
    for m in sorted(matches, key=lambda x: (-(x.end - x.start), -x.priority, x.start)):
        if any(m.start < c.end and c.start < m.end for c in chosen):
            continue
        chosen.append(m)
    return sorted(chosen, key=lambda x: x.start)


def _ents_by_char(doc: Doc) -> list[Span]:
    return [e for e in doc.ents]


def _covered_by(ents: list[Span], start: int, end: int, labels: set[str]) -> bool:
    return any(e.label_ in labels and e.start_char <= start and end <= e.end_char for e in ents)


def _overlaps(ents: list[Span], start: int, end: int, labels: set[str]) -> bool:
    return any(e.label_ in labels and e.start_char < end and start < e.end_char for e in ents)


def _filter_rules(matches: list[_Match], text: str, ents: list[Span]) -> list[_Match]:
    kept = []
    for m in matches:
        f = m.fields
        if (
            m.kind == "fixed"
            and re.fullmatch(r"P[\d.]+Q", f.get("value") or "")
            and re.match(r"\s+of\b", text[m.end :])
        ):
            continue  # "a quarter of the donors": a fraction
        if m.kind == "date" and f.get("bare"):
            in_time_ent = _overlaps(ents, m.start, m.end, {"DATE", "TIME"})
            prev = _prev_word(text, m.start)
            if f.get("m") is None:  # a bare year: "2014" needs a temporal context
                nxt = text[m.end : m.end + 2]
                if not (in_time_ent or prev in TEMPORAL_PREPS or nxt[:1] == "\n"):
                    continue
            elif not (in_time_ent or prev in TEMPORAL_PREPS):
                continue
        if _covered_by(ents, m.start, m.end, NON_TIME_LABELS):
            if not _overlaps(ents, m.start, m.end, {"DATE", "TIME"}):
                continue  # "The Sunday Times", "April Ryan", "USA Today"
        if m.kind in {"relday", "fixed"} and _is_name_part(text, m.start, m.end):
            continue  # "Russia Today", "Larry King Now"
        kept.append(m)
    return kept


def _is_name_part(text: str, start: int, end: int) -> bool:
    """A capitalised word inside a run of capitalised words, not opening a sentence."""
    word = text[start:end]
    if not word[:1].isupper():
        return False
    before = text[max(0, start - 40) : start].rstrip(" \t")
    prev = re.search(r"(\S+)$", before)
    follows_name = bool(prev and prev.group(1)[:1].isupper() and prev.group(1)[-1].isalnum())
    nxt = re.match(r"[ \t]+(\S+)", text[end : end + 40])
    precedes_name = bool(nxt and nxt.group(1)[:1].isupper())
    return word.isupper() and len(word) > 2 or follows_name or precedes_name and bool(prev)


def _spacy_fallback(doc: Doc, ents: list[Span], chosen: list[_Match]) -> list[_Match]:
    """spaCy DATE/TIME entities the rules do not know; kept only when they name a time unit."""
    out = []
    for e in ents:
        if e.label_ not in {"DATE", "TIME"}:
            continue
        # an entity may run over a line break (headline + dateline): keep its first line
        text = e.text.split("\n", 1)[0]
        start, end = e.start_char, e.start_char + len(text.rstrip())
        if end <= start or not TIME_WORD.search(text) or re.search(r"\bage\b|\bold\b", text):
            continue
        if FALLBACK_JUNK.search(text.strip()):
            continue  # "hours", "a good night", "day-long", "late-night": no calendar time
        if any(c.start < end and start < c.end for c in chosen):
            continue  # the rules have read (part of) it: trust them
        out.append(_Match(start, end, "TIME" if e.label_ == "TIME" else "DATE", "none", {}, 0))
    return out


# ------------------------------------------------------------------ tense cues


def _governing_verb(span: Span):  # noqa: ANN202 - a spaCy Token
    tok = span.root
    for _ in range(5):
        if tok.pos_ in {"VERB", "AUX"} and tok.i not in range(span.start, span.end):
            return tok
        if tok.head.i == tok.i:
            return tok if tok.pos_ in {"VERB", "AUX"} else None
        tok = tok.head
    return tok if tok.pos_ in {"VERB", "AUX"} else None


def _cues(doc: Doc, start: int, end: int) -> tuple[str | None, int]:
    """(tense cue, start of the sentence) of the expression at start:end."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, -1
    sent = span.sent.start_char if doc.has_annotation("SENT_START") else 0
    return _tense(doc, span), sent


def _tense(doc: Doc, span: Span) -> str | None:
    """'past', 'future' or None from the verb governing the expression."""
    if span.start > 0 and doc[span.start - 1].lower_ == "since":
        return "past"
    verb = _governing_verb(span)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    lowers = {a.lower_ for a in auxes}
    if lowers & {"will", "shall", "'ll", "wo", "would", "'d", "going"}:
        return "future"
    if any(a.tag_ == "TO" for a in auxes) and verb.head.lemma_ in PLANNING_LEMMAS:
        return "future"  # "is set to begin on Wednesday", "plans to visit on Monday"
    if verb.lemma_ in FUTURE_LEMMAS or verb.head.lemma_ in FUTURE_LEMMAS and verb.dep_ == "xcomp":
        if not any(a.tag_ == "VBD" for a in auxes) or verb.lemma_ in {"schedule", "set", "due"}:
            return "future"
    if any(c.lower_ in {"due", "scheduled", "set", "expected"} for c in verb.children):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ in {"VBD"} for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (lowers & {"has", "have", "had", "'ve", "'s"} or not auxes):
        return "past"
    if verb.tag_ == "MD" and verb.lower_ in {"will", "would", "shall", "'ll"}:
        return "future"
    if verb.tag_ in {"VBZ", "VBP"} and not auxes:
        # "the trial opens Monday" looks ahead; "Apple says Monday" reports the past
        if verb.lemma_ in REPORTING_LEMMAS:
            return "past"
        head = span.root.head
        direct = head.i == verb.i or head.dep_ == "prep" and head.head.i == verb.i
        return "present" if direct and span.root.dep_ != "poss" else None
    return None


# ------------------------------------------------------------------ resolution


def _dct(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _add_months(d: dt.date, months: int) -> dt.date:
    idx = d.year * 12 + d.month - 1 + months
    y, m = divmod(idx, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _infer_year(
    month: int, day: int | None, dct: dt.date, tense: str | None, *, weekday: int | None = None
) -> int:
    """The year of a month (and day) given without one, as seen from the DCT."""

    def gap(year: int) -> int:
        if day is None:
            return (year * 12 + month) - (dct.year * 12 + dct.month)
        safe_day = min(day, calendar.monthrange(year, month)[1])
        return (dt.date(year, month, safe_day) - dct).days

    years = [dct.year - 1, dct.year, dct.year + 1]
    if day is not None and weekday is not None:  # "Friday, March 11": the year that fits
        fitting = [y for y in years if _weekday_of(y, month, day) == weekday]
        if fitting:
            return min(fitting, key=lambda y: abs(gap(y)))
    if tense == "this":
        return dct.year
    # a week of slack: a date a few days on the "wrong" side is a slip, not another year
    slack = 0 if day is None else 7
    if tense == "past":
        return max((y for y in years if gap(y) <= slack), default=dct.year)
    if tense == "future":
        return min((y for y in years if gap(y) >= -slack), default=dct.year)
    # no cue: news mostly looks back, so a date ahead counts double
    return min(years, key=lambda y: (abs(gap(y)) * (2 if gap(y) > 0 else 1), abs(y - dct.year)))


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:
        return None


def _month_rel_tense(rel: str | None, tense: str | None) -> str | None:
    return {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(
        rel or "", "this" if rel == "this" else tense
    )


def _fmt_date(d: dt.date, part: str | None = None) -> str:
    return d.isoformat() + (f"T{part}" if part else "")


def _weekday_date(wd: int, rel: str | None, tense: str | None, dct: dt.date) -> dt.date:
    back = (dct.weekday() - wd) % 7  # days back to the latest such weekday, 0 = the DCT
    ahead = (wd - dct.weekday()) % 7
    if rel == "last":
        return dct - dt.timedelta(days=back or 7)
    if rel == "next":
        return dct + dt.timedelta(days=ahead or 7)
    if rel == "this" and tense == "past":
        return dct - dt.timedelta(days=back)
    if rel in {"coming", "this"} or tense in {"future", "present"}:
        return dct + dt.timedelta(days=ahead)
    return dct - dt.timedelta(days=back)


def _resolve_relunit(unit: str, offset: int, dct: dt.date) -> str | None:
    if unit == "week":
        return _week(dct + dt.timedelta(weeks=offset))
    if unit == "weekend":
        return _week(dct + dt.timedelta(weeks=offset)) + "-WE"
    if unit == "month":
        return _add_months(dct, offset).strftime("%Y-%m")
    if unit == "year":
        return str(dct.year + offset)
    if unit == "quarter":
        q = (dct.month - 1) // 3 + offset
        y, q = dct.year + q // 4, q % 4
        return f"{y}-Q{q + 1}"
    if unit == "decade":
        return str(dct.year // 10 + offset)
    if unit == "century":
        return f"{dct.year // 100 + offset:02d}"
    if unit in SEASONS:
        code = SEASONS[unit]
        # the season's year: the latest one started by the DCT for "this", then shift
        base = dct.year if dct.month >= SEASON_MONTH[code] or code == "WI" else dct.year - 1
        if offset == 0:
            base = dct.year
        elif offset < 0 and base == dct.year and dct.month < SEASON_MONTH[code] + 3:
            base -= 1
        return f"{base + (offset if offset > 0 else 0)}-{code}"
    return None


def _shifted(dct: dt.date, n: float, unit: str) -> str | None:
    """The date 'n units' from the DCT at the unit's granularity ('two weeks ago')."""
    if unit in {"day", "night"}:
        return (dct + dt.timedelta(days=round(n))).isoformat()
    if unit == "week":
        return _week(dct + dt.timedelta(weeks=n))
    if unit == "month":
        return _add_months(dct, round(n)).strftime("%Y-%m")
    if unit == "year":
        return str(dct.year + round(n))
    if unit == "decade":
        return str((dct.year + round(n * 10)) // 10)
    return None


def _resolve_one(anchor: dict[str, Any], dct: dt.date | None, ref: dt.date | None) -> str | None:
    kind, f, tense = anchor.get("kind"), anchor.get("fields", {}), anchor.get("tense")
    if kind == "fixed":
        return f.get("value")
    if kind == "fiscal" and f.get("y"):
        return f"FY{f['y']}"
    if kind == "date":
        year, month, day = f.get("y"), f.get("m"), f.get("d")
        if year is None:
            if dct is None or month is None:
                return None
            year = _infer_year(
                month, day, dct, _month_rel_tense(f.get("rel"), tense), weekday=f.get("wd")
            )
            if f.get("rel") in {"last", "past"} and month == dct.month:
                year -= 1  # "last May" said in May
            elif f.get("rel") in {"next", "coming"} and month == dct.month:
                year += 1
        if month is None:
            return str(year)
        if day is None:
            return f"{year}-{month:02d}"
        if day > calendar.monthrange(year, month)[1]:
            return None
        return f"{year}-{month:02d}-{day:02d}"
    if kind == "time":
        day = ref or dct
        if day is None:
            return None
        return f"{day.isoformat()}T{f['h']:02d}:{f['mi']:02d}{f.get('tz') or ''}"
    if dct is None:
        return None
    if kind == "weekday":
        return _fmt_date(_weekday_date(f["wd"], f.get("rel"), tense, dct), f.get("part"))
    if kind == "relday":
        return _fmt_date(dct + dt.timedelta(days=f["offset"]), f.get("part"))
    if kind == "relunit":
        return _resolve_relunit(f["unit"], f["offset"], dct)
    if kind in {"quarter", "half"}:
        n = f.get("q") or f.get("h")
        months_per = 3 if kind == "quarter" else 6
        letter = "Q" if kind == "quarter" else "H"
        year = f.get("y")
        if year is None and f.get("yoff") is not None:
            year = dct.year + f["yoff"]
        if year is None:
            year = _infer_year((n - 1) * months_per + 1, None, dct, tense or "past")
        return f"{year}-{letter}{n}"
    if kind == "fiscal":
        return f"FY{dct.year + f.get('offset', 0)}"
    if kind == "weekend":  # "over the weekend": the one just past, unless the verb looks ahead
        if dct.weekday() >= 5 or tense == "future":
            return _week(dct) + "-WE"
        return _week(dct - dt.timedelta(days=dct.weekday() + 1)) + "-WE"
    if kind == "season":
        if f.get("y"):
            return f"{f['y']}-{f['season']}"
        name = next(k for k, v in SEASONS.items() if v == f["season"])
        return _resolve_relunit(name, f.get("offset", 0), dct)
    return None


def _resolved_day(value: str | None) -> dt.date | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\w+)?", value):
        return dt.date.fromisoformat(value[:10])
    return None


def _remember(story: dict[str, dt.date], value: str | None) -> None:
    """Note the day, month and year a resolved value names (for "the next day")."""
    if not value:
        return
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d-]*W)", value)
    if not m:
        return
    year, month, day = m.group(1), m.group(2), m.group(3)
    story.clear()  # the latest time named wins, at whatever granularity it has
    try:
        if day:
            story["day"] = dt.date(int(year), int(month), int(day))
        if month:
            story["month"] = dt.date(int(year), int(month), 1)
        story["year"] = dt.date(int(year), 1, 1)
    except ValueError:
        pass


def _resolve_anaphor(
    f: dict[str, Any], story: dict[str, dt.date], dct: dt.date | None
) -> str | None:
    """'the next day', 'that year': relative to the latest time the story named, else the DCT."""
    unit, offset = f.get("unit"), f.get("offset", 0)
    if unit in {"day", "week"}:
        ref = story.get("day") or dct
    elif unit == "month":
        ref = story.get("day") or story.get("month") or dct
    else:
        ref = story.get("day") or story.get("month") or story.get("year") or dct
    if ref is None:
        return None
    if unit == "day":
        return _fmt_date(ref + dt.timedelta(days=offset), f.get("part"))
    return _resolve_relunit(unit, offset, ref)


def resolve_timexes(timexes: list[Timex], published: str | None) -> list[Timex]:
    """Re-resolve values against another DCT without re-parsing (uses `Timex.anchor`)."""
    dct = _dct(published)
    out: list[Timex] = []
    days: list[tuple[int, int, dt.date]] = []  # (sentence, offset, day) of resolved dates
    story: dict[str, dt.date] = {}  # the latest day / month / year the text has named
    for t in timexes:
        anchor = t.anchor or {}
        if "kind" not in anchor or anchor["kind"] == "time":
            out.append(t)  # clock times come second: they take a day named near them
            continue
        if anchor["kind"] == "anaphor":
            value = _resolve_anaphor(anchor.get("fields", {}), story, dct)
        else:
            value = _resolve_one(anchor, dct, None)
        if anchor["kind"] != "anaphor" or anchor.get("fields", {}).get("offset", 0) >= 0:
            _remember(story, value)  # "the next day" moves the story on; "the day before" not
        new_anchor = dict(anchor)
        shift = anchor.get("fields", {}).get("shift")
        if shift:
            new_anchor["date"] = _shifted(dct, shift["n"], shift["unit"]) if dct else None
        day = _resolved_day(value)
        if day is not None:
            days.append((anchor.get("sent", -1), t.start, day))
        out.append(replace(t, value=value, anchor=new_anchor))
    for i, t in enumerate(out):
        anchor = t.anchor or {}
        if anchor.get("kind") != "time":
            continue
        near = [
            (abs(start - t.start), day) for sent, start, day in days if sent == anchor.get("sent")
        ]
        ref = min(near, key=lambda pair: pair[0])[1] if near else None
        out[i] = replace(t, value=_resolve_one(anchor, dct, ref), anchor=dict(anchor))
    return out


# ------------------------------------------------------------------ entry point


def extract_timexes(doc: Doc, published: str | None) -> list[Timex]:
    """Time expressions of the doc, normalised against `published` (YYYY-MM-DD or None)."""
    text = doc.text
    ents = _ents_by_char(doc)
    rules = _filter_rules(_rule_matches(text), text, ents)
    chosen = _select(rules)
    chosen = _select(chosen + _spacy_fallback(doc, ents, chosen))
    chosen = sorted(chosen + _range_matches(text), key=lambda m: (m.start, -m.end))
    timexes = []
    for m in chosen:
        tense, sent = _cues(doc, m.start, m.end)
        anchor = {"kind": m.kind, "fields": m.fields, "tense": tense, "sent": sent}
        timexes.append(Timex(m.start, m.end, text[m.start : m.end], m.type, None, anchor))
    return resolve_timexes(timexes, published)
