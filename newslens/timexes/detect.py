"""Finding time expressions in a parsed doc: rules first, spaCy DATE/TIME entities as a fallback,
and the tense cue of the governing verb for each."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from newslens.timexes.vocabulary import (
    DECADE_WORDS,
    ERA_NOUNS,
    FALLBACK_JUNK,
    FUTURE_LEMMAS,
    HOLIDAYS,
    MONTHS,
    NON_TIME_LABELS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    PLANNING_LEMMAS,
    PRENOMINAL_NOT_SETS,
    RE_ANAPHOR,
    RE_CENTURY,
    RE_DECADE,
    RE_DECADE_WORD,
    RE_DMY,
    RE_DURATION,
    RE_FISCAL,
    RE_HALF,
    RE_HALF_UNIT,
    RE_HOLIDAY,
    RE_HOUR_OF_PART,
    RE_ISO,
    RE_MDY,
    RE_MONTH_YEAR,
    RE_MOVING_HOLIDAY,
    RE_OF_THE_UNIT,
    RE_ORDINAL_DAY_TODAY,
    RE_PART_OF_DAY,
    RE_QUARTER,
    RE_QUARTER_CENTURY,
    RE_REF,
    RE_RELDAY,
    RE_RELUNIT,
    RE_SEASON,
    RE_SECOND_DAY,
    RE_SET,
    RE_SLASH,
    RE_SPOKEN_YEAR,
    RE_THE_QUARTER,
    RE_TIME,
    RE_UNIT_LONG,
    RE_VAGUE,
    RE_WEEKDAY,
    RE_WEEKEND,
    RE_YEAR,
    RE_YEAR_AGO,
    RE_YEAR_END,
    RE_YEAR_ENDED,
    RE_YEAR_PAIR,
    REPORTING_LEMMAS,
    SEASONS,
    SET_ADJECTIVES,
    SPOKEN_ONES,
    SPOKEN_TEENS,
    SPOKEN_TENS,
    TEMPORAL_PREPS,
    TIME_WORD,
    TIMEZONES,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAYS,
    YEAR_AGO_UNITS,
)

# ------------------------------------------------------------------ detection


@dataclass
class Match:
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
    elif t.endswith(" 1/2"):  # "2 1/2 years"
        half, t = 0.5, t[: -len(" 1/2")]
    if t in {"half a", "half an"}:
        return 0.5
    try:
        return float(t.replace(",", "")) + half  # "2,000 years"
    except ValueError:
        pass
    total = 0.0
    for word in t.split():
        if word not in NUMBER_WORDS:
            return None
        n = NUMBER_WORDS[word]
        total = total * n if n in {100, 1000} and total else total + n
    return total + half if total else None


def _fmt_number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration_value(n: float | None, unit: str) -> str:
    """'P2Y', 'PT2H'; a fraction goes to the next smaller unit where a whole number of them
    fits ('2 1/2 years' P2Y6M, 'half an hour' PT30M), as TimeBank writes it."""
    base = unit.lower().rstrip("s")
    base = "century" if base.startswith("centur") else base
    letter, mult, is_time = UNITS[base]
    if n is None:
        return f"P{'T' if is_time else ''}X{letter}"
    whole, part = divmod(n * mult, 1)
    smaller = FRACTION_UNITS.get(letter if not is_time else "T" + letter)
    if part and smaller and (part * smaller[1]).is_integer():
        small_letter, per = smaller
        rest = f"{int(part * per)}{small_letter}"
        if letter == "D":  # "a day and a half": P1DT12H; "half a day": PT12H
            return f"P{int(whole)}DT{rest}" if whole else f"PT{rest}"
        lead = f"{int(whole)}{letter}" if whole else ""
        return f"P{'T' if is_time else ''}{lead}{rest}"
    if letter == "Y" and n * mult >= 1000 and not n * mult % 1000:
        return f"P{_fmt_number(n * mult / 1000)}L"  # millennia, as TimeBank writes them
    return f"P{'T' if is_time else ''}{_fmt_number(n * mult)}{letter}"


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


# the unit a fraction of a unit is written in, and how many of it make one
FRACTION_UNITS = {"Y": ("M", 12), "W": ("D", 7), "D": ("H", 24), "TH": ("M", 60), "TM": ("S", 60)}
AGO_UNITS = {"day", "night", "week", "month", "quarter", "year", "decade", "century"}
UNIT_NEEDLES = (
    "second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year", "decade",
    "centur", "quarter", "spring", "summer", "autumn", "fall", "winter",
)  # fmt: skip


def _scan(rx: re.Pattern[str], text: str, low: str, needles: tuple[str, ...]):  # noqa: ANN202
    """`rx.finditer(text)`, skipped when none of its key words occurs (for speed)."""
    return rx.finditer(text) if any(n in low for n in needles) else iter(())


def _hit(m: re.Match[str], type_: str, kind: str, /, **fields: Any) -> Match:
    return Match(m.start(), m.end(), type_, kind, fields)


def _find_iso(text: str, _low: str) -> Iterator[Match]:
    for m in RE_ISO.finditer(text):
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            yield _hit(m, "DATE", "date", y=y, m=mo, d=d)


def _find_slash(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_SLASH, text, low, ("/",)):
        a, b, y = int(m.group(1)), int(m.group(2)), _year2(m.group(3))
        mo, d = (a, b) if a <= 12 else (b, a)  # US month/day unless impossible
        if 1 <= mo <= 12 and 1 <= d <= 31:
            yield _hit(m, "DATE", "date", y=y, m=mo, d=d)


# what may stand before a month and day: "last Oct. 23", "the week of March 6"
RE_BEFORE_DAY = re.compile(
    r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)|[Tt]he[ \t]+week[ \t]+of)[ \t]+$"
)


def _find_month_day(text: str, _low: str) -> Iterator[Match]:
    for rx in (RE_MDY, RE_DMY):
        for m in rx.finditer(text):
            d = _day_number(m.group("day"))
            if not 1 <= d <= 31:
                continue
            year = int(m.group("year")) if m.group("year") else None
            wd = WEEKDAYS[m.group("wd").lower()] if m.group("wd") else None
            month = _month_number(m.group("mon"))
            fields = {"y": year, "m": month, "d": d, "wd": wd, "rel": None}
            before = (
                RE_BEFORE_DAY.search(text, max(0, m.start() - 20), m.start()) if not wd else None
            )
            if before and before.group("rel"):  # "last Oct. 23": one date, a year back or on
                fields["rel"] = before.group("rel").lower()
                yield Match(before.start(), m.end(), "DATE", "date", fields)
            elif before:  # "the week of March 6": that day's week
                yield Match(before.start(), m.end(), "DATE", "date", {**fields, "week": True})
            else:
                yield Match(m.start(), m.end(), "DATE", "date", fields)


def _find_second_day(text: str, _low: str) -> Iterator[Match]:
    """'April 24 and 25': the '25' (the first day is found as a month-day)."""
    for m in RE_SECOND_DAY.finditer(text):
        d1, d2 = _day_number(m.group("day")), int(m.group("day2"))
        if not d1 < d2 <= 31:
            continue
        year = int(m.group("year")) if m.group("year") else None
        month = _month_number(m.group("mon"))
        yield Match(
            m.start("day2"), m.end("day2"), "DATE", "date", {"y": year, "m": month, "d": d2}
        )
        if year is not None:  # "March 3-5, 2009": the year is the first day's too
            fields = {"y": year, "m": month, "d": d1}
            yield Match(m.start("mon"), m.end("day"), "DATE", "date", fields, priority=2)


def _find_month_year(text: str, _low: str) -> Iterator[Match]:
    for m in RE_MONTH_YEAR.finditer(text):
        year = int(m.group("year")) if m.group("year") else None
        if (
            year is None
            and not m.group("mod")
            and not m.group("rel")
            and m.group("mon").lower() == "may"
            and _prev_word(text, m.start()) not in {
                "in", "since", "until", "of", "early", "late", "mid", "last", "next", "this",
                "by", "from", "through", "till", "during", "before", "after",
            }
        ):  # fmt: skip
            continue
        rel = (m.group("rel") or "").split()
        yrel = (m.group("yrel") or "").lower()
        yield _hit(
            m,
            "DATE",
            "date",
            y=year,
            m=_month_number(m.group("mon")),
            bare=year is None and not rel and not yrel,
            rel=rel[-1].lower() if rel and year is None else None,
            yoff={"last": -1, "next": 1, "this": 0}[yrel] if yrel else None,
        )


def _find_year_pair(text: str, _low: str) -> Iterator[Match]:
    """'1957-58', '2014–15': two years, the second named by its last two digits."""
    for m in RE_YEAR_PAIR.finditer(text):
        y1 = int(m.group("y1"))
        y2 = y1 // 100 * 100 + int(m.group("y2"))
        if y1 < y2 <= y1 + 10:
            yield Match(m.start("y1"), m.end("y1"), "DATE", "date", {"y": y1})
            yield Match(m.start("y2"), m.end("y2"), "DATE", "date", {"y": y2})


def _find_year(text: str, _low: str) -> Iterator[Match]:
    for m in RE_YEAR.finditer(text):
        yield _hit(m, "DATE", "date", y=int(m.group("year")), bare=not m.group("mod"))


def _find_decade(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_DECADE, text, low, ("0s", "0's", "0’s")):
        if m.group("short"):
            value = "19" + m.group("short")
        elif m.group("cent"):
            value = m.group("cent") + m.group("dec")
        else:
            continue  # "the 80s" without century: ages or temperatures as often as decades
        yield _hit(m, "DATE", "fixed", value=value)


def _find_century(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_CENTURY, text, low, ("centur",)):
        yield _hit(m, "DATE", "fixed", value=f"{ORDINALS[m.group('ord').lower()] - 1:02d}")


def _find_weekday(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_WEEKDAY, text, low, ("day",)):
        part = m.group("part")
        yield _hit(
            m,
            "TIME" if part else "DATE",
            "weekday",
            wd=WEEKDAYS[m.group("wd").lower()],
            rel=(m.group("rel") or "").lower().split()[-1] if m.group("rel") else None,
            part=PARTS_OF_DAY[part.lower()] if part else None,
        )


def _find_relday(text: str, low: str) -> Iterator[Match]:
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
        yield _hit(m, "TIME" if code else "DATE", "relday", offset=offset, part=code)


def _find_relunit(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_RELUNIT, text, low, UNIT_NEEDLES):
        rel, unit = m.group("rel").lower(), m.group("unit").lower()
        if m.group("the") and rel in {"previous", "following"}:
            continue  # "the previous year": relative to the story's time, see RE_ANAPHOR
        if m.group("the") and rel in {"past", "next", "coming"} and unit == "year":
            # "over the past year", "closed over the next year": the calendar year before or
            # after the DCT's, as TimeBank writes it (3 of 3 in train)
            yield _hit(m, "DATE", "relunit", unit=unit, offset=-1 if rel == "past" else 1)
            continue
        if m.group("the") and rel in {"past", "next", "coming"}:
            kind_unit = unit if unit in UNITS else None
            if kind_unit:  # "the past year": a duration, not a calendar year
                yield _hit(m, "DURATION", "fixed", value=_duration_value(1, kind_unit))
            continue
        if unit == "fall" and rel not in {"this", "last", "next"}:
            continue
        offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        offset = 1 if rel in {"upcoming", "following"} else offset
        yield _hit(m, "DATE", "relunit", unit=unit, offset=offset)


def _find_of_the_unit(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_OF_THE_UNIT, text, low, (" of the ",)):
        yield _hit(m, "DATE", "relunit", unit=m.group("unit").lower(), offset=0)


def _find_quarter(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_QUARTER, text, low, ("quarter", "q1", "q2", "q3", "q4")):
        if m.group("qn"):
            q = int(m.group("qn"))
            year = int(m.group("qyear")) if m.group("qyear") else None
            yield _hit(m, "DATE", "quarter", q=q, y=year)
            continue
        ordinal = m.group("ord").lower()
        start = m.start()
        if text[m.end("ord") : m.end("ord") + 1] == "-" and not (
            m.group("pyear") or m.group("prel")
        ):
            start = m.start("ord")  # "the third-quarter loss": the adjective alone
        year = m.group("year") or m.group("pyear")
        rel = m.group("rel") or m.group("prel")
        fields = {
            "q": 4 if ordinal == "final" else ORDINALS[ordinal],
            "y": int(year) if year else None,
            "yoff": {"last": -1, "next": 1, "this": 0, "the": 0}[rel.lower()] if rel else None,
        }
        yield Match(start, m.end(), "DATE", "quarter", fields)


def _find_half(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_HALF, text, low, ("half of", "h1 ", "h2 ")):
        if m.group("hn"):  # "H1 2024"
            yield _hit(m, "DATE", "half", h=int(m.group("hn")), y=int(m.group("hyear")), yoff=None)
            continue
        year = int(m.group("year")) if m.group("year") else None
        rel = m.group("rel")
        yoff = {"last": -1, "next": 1, "this": 0, "the": 0}[rel.lower()] if rel else None
        yield _hit(
            m, "DATE", "half", h=1 if m.group("ord").lower() == "first" else 2, y=year, yoff=yoff
        )


def _find_quarter_century(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_QUARTER_CENTURY, text, low, ("century",)):
        yield _hit(m, "DURATION", "fixed", value="P25Y")


def _find_fiscal(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_FISCAL, text, low, ("fiscal", "financial", "fy")):
        year = m.group("year") or m.group("year2") or m.group("year3")
        rel = (m.group("rel") or "").lower()
        offset = {"last": -1, "latest": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}
        # TimeBank writes a US "fiscal 1989" / "the fiscal year" as the calendar year (1989);
        # "the financial year" and "FY2007" keep TIMEX3's FY prefix
        calendar = "fiscal" in m.group(0).lower()
        yield _hit(
            m,
            "DATE",
            "fiscal",
            y=_year2(year) if year else None,
            offset=offset.get(rel, 0),
            calendar=calendar,
        )


def _find_anaphor(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_ANAPHOR, text, low, UNIT_NEEDLES):
        if m.group("inyear"):  # "for the year", "earlier in the day": the story's year, day
            if m.group("inyear")[4:5] in {"Y", "W"}:
                continue  # "Person of the Year", "This Week"
            unit = m.group("inyear").split()[-1].lower()
            yield _hit(m, "DATE", "anaphor", unit=unit, offset=0)
            continue
        if m.group("unit2"):  # "the year before", "the day after"
            back = m.group("dir").lower() in {"before", "earlier"}
            yield _hit(
                m, "DATE", "anaphor", unit=m.group("unit2").lower(), offset=-1 if back else 1
            )
            continue
        rel = (m.group("rel") or "same").lower()
        unit = m.group("unit").lower()
        offset = {"next": 1, "following": 1, "previous": -1, "prior": -1, "preceding": -1}
        part = PARTS_OF_DAY.get(unit)
        yield _hit(
            m,
            "TIME" if part else "DATE",
            "anaphor",
            unit="day" if part else unit,
            offset=offset.get(rel, 0),
            part=part,
            whole=rel in {"full", "entire", "whole"},
        )


def _find_the_quarter(text: str, low: str) -> Iterator[Match]:
    """'the quarter', 'the latest quarter': the one the story is about (else the last one)."""
    for m in _scan(RE_THE_QUARTER, text, low, ("quarter", "latest period")):
        ended = _month_number(m.group("mon")) if m.group("mon") else None
        yield _hit(
            m, "DATE", "anaphor", unit="quarter", offset=0, latest=bool(m.group("latest")),
            ended=ended,
        )  # fmt: skip


def _find_year_ended(text: str, low: str) -> Iterator[Match]:
    """'the year ended Sept. 30': a duration of a year (the date follows as its own)."""
    for m in _scan(RE_YEAR_ENDED, text, low, ("year end",)):
        # beats the fiscal-year reading of the same words: "the fiscal year ended Jan. 31"
        yield Match(m.start(), m.end(), "DURATION", "fixed", {"value": "P1Y"}, priority=2)


def _find_year_end(text: str, low: str) -> Iterator[Match]:
    """'by year-end', 'at year's end': the year (the one past after 'since')."""
    for m in _scan(RE_YEAR_END, text, low, ("end",)):
        since = _prev_word(text, m.start()) == "since"
        yield _hit(m, "DATE", "relunit", unit="year", offset=-1 if since else 0)


YEAR_AGO_NEEDLES = (
    "year-ago", "year-earlier", "last year", "year ago", "year earlier", "previous year",
    "prior year",
)  # fmt: skip


def _find_year_ago(text: str, low: str) -> Iterator[Match]:
    """'the year-ago quarter', 'year-earlier results', 'the same period last year'."""
    for m in _scan(RE_YEAR_AGO, text, low, YEAR_AGO_NEEDLES):
        if m.group("py"):  # "the 1988 quarter": the story's quarter, in that year
            fields = {"unit": "period", "y": int(m.group("py"))}
            yield Match(m.start(), m.end(), "DATE", "yearago", fields)
            continue
        unit = (m.group("unit") or m.group("unit2") or m.group("unit4") or "period").lower()
        ordinal = m.group("ord")
        # "the year-ago quarter" is one expression; in "the year-ago results" only "year-ago"
        start = m.start("core") if m.group("core") and not m.group("unit") else m.start()
        fields = {
            "unit": YEAR_AGO_UNITS.get(unit, "period"),
            "q": ORDINALS[ordinal.lower()] if ordinal else None,
        }
        yield Match(start, m.end(), "DATE", "yearago", fields)


def _find_decade_word(text: str, low: str) -> Iterator[Match]:
    """'the nineties', 'the late eighties': decades of the 20th century."""
    for m in _scan(RE_DECADE_WORD, text, low, ("ties",)):
        if not (m.group(0).lower().startswith("the") or "nineteen" in m.group(0).lower()):
            continue  # "in his sixties": an age
        yield _hit(m, "DATE", "fixed", value=f"19{DECADE_WORDS[m.group('dec').lower()]}")


def _find_ordinal_day_today(text: str, low: str) -> Iterator[Match]:
    """'today is the eighth day of the operation': the day of the story (the DCT)."""
    for m in _scan(RE_ORDINAL_DAY_TODAY, text, low, (" day",)):
        yield Match(m.start("day"), m.end("day"), "DATE", "relday", {"offset": 0})


def _find_weekend(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_WEEKEND, text, low, ("weekend",)):
        yield _hit(m, "DATE", "weekend")


def _find_season(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_SEASON, text, low, ("spring", "summer", "autumn", "fall", "winter")):
        rel = " ".join((m.group("rel") or "").lower().split())
        year = int(m.group("year")) if m.group("year") else None
        name = m.group("season").lower()
        by_prep = False
        if not rel and year is None:
            if m.group("mod"):
                by_prep = True  # "early summer", "in late fall"
            elif name == "fall" or _prev_word(text, m.start()) not in SEASON_PREPS:
                continue  # a bare "spring"/"fall" is too often no time at all
            by_prep = True  # "in summer", "during winter"
        if rel == "the" and year is None and name == "fall":
            continue  # "the fall of the Wall"
        offset = {"last": -1, "the past": -1, "this past": -1, "next": 1, "the coming": 1,
                  "this coming": 1}.get(rel, 0)  # fmt: skip
        season, by_tense = SEASONS[name], rel == "the" or by_prep
        yield _hit(m, "DATE", "season", season=season, y=year, offset=offset, by_tense=by_tense)


SEASON_PREPS = {"in", "during", "over", "through", "throughout", "until", "by", "since", "early",
                "late", "mid"}  # fmt: skip


def _find_duration(text: str, low: str) -> Iterator[Match]:
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
        if num_text.lower() in {"a", "an"} and unit.startswith("quarter"):
            continue  # "a quarter": a fraction far more often than three months
        n = 1.0 if num_text.lower() == "single" else _number(num_text)
        if m.group("lo"):  # "60 to 90 days": the range's lower bound
            n = _number(m.group("lo"))
        prev = _prev_word(text, m.start())
        if (
            num_text.lower() in {"a", "an"}
            and not m.group("after")
            and not m.group("approx")
            and _after_quantity(text, m.start())
        ):
            continue  # "$500 million a year", "700 seats a week": a rate, unannotated
        if (
            num_text.lower() in {"a", "an"}
            and _is_rate(prev)
            and not m.group("after")
            and not m.group("approx")
        ):
            yield (
                Match(
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
        if n is None and (m.group("after") or "").lower() == "ago":  # "several years ago"
            yield Match(m.start("num"), m.end(), "DATE", "fixed", {"value": "PAST_REF"})
            continue
        if re.fullmatch(r"\d+", num_text) and n is not None and n > 1000:
            continue
        end = (
            m.end("long")
            if m.group("long")
            else m.end("orso")
            if m.group("orso")
            else m.end("unit")
        )
        start = m.start()
        if m.group("the") and (m.group("rel") or "").lower() in {"latest", "recent"}:
            start = m.start("num")
        elif m.group("the") and not m.group("rel") and m.group("sep") == "-":
            start = m.start("num")  # "the 14-day limit": the adjective alone
        after = (m.group("after") or "").lower()
        base = "century" if unit.startswith("centur") else unit.rstrip("s")
        if after in {"ago", "earlier"} and n is not None and base in AGO_UNITS:
            # "six years ago": a date (TimeML), at the unit's granularity
            start = m.start("approx") if m.group("approx") else m.start("num")
            yield Match(start, m.end(), "DATE", "ago", {"n": -n, "unit": base})
            continue
        fields: dict[str, Any] = {"value": _duration_value(n, unit)}
        if after in {"ago", "earlier", "before"} and n is not None:
            fields["shift"] = {"n": -n, "unit": unit.rstrip("s")}
        elif after in {"later", "after", "from now"} and n is not None and after == "from now":
            fields["shift"] = {"n": n, "unit": unit.rstrip("s")}
        yield (Match(start, end, "DURATION", "fixed", fields))


def _find_half_unit(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_HALF_UNIT, text, low, ("and a half",)):
        yield _hit(m, "DURATION", "fixed", value=_duration_value(1.5, m.group("unit")))


def _find_unit_long(text: str, low: str) -> Iterator[Match]:
    for m in _scan(RE_UNIT_LONG, text, low, ("-long",)):
        yield _hit(m, "DURATION", "fixed", value=_duration_value(1, m.group("unit")))


VAGUE_NEEDLES = ("minutes", "hours", "days", "weeks", "months", "quarters", "years", "decades",
                 "centuries")  # fmt: skip


def _find_vague(text: str, low: str) -> Iterator[Match]:
    for m in _scan(
        RE_VAGUE,
        text,
        low,
        VAGUE_NEEDLES,
    ):
        rel = (m.group("rel") or "").lower()
        quantity = m.group("q")
        after = (m.group("after") or "").lower()
        if not (rel or quantity or m.group("long") or m.group("prep") or after):
            continue
        if m.group("unit").lower() == "quarters" and rel not in {"next", "coming", "upcoming"}:
            continue  # only "coming quarters" (FUTURE_REF); "recent quarters" is written PXM
        start = m.start("the") if m.group("the") else m.start("rel") if rel else None
        if start is None:
            start = m.start("q") if quantity else m.start("unit")
        end = m.end("long") if m.group("long") else m.end("unit")
        if m.group("ahead") and m.group("the"):
            end = m.end("ahead")  # "the weeks ahead": the coming weeks
        unit = m.group("unit")
        if after == "ago" and not rel and not quantity:
            yield (Match(start, m.end(), "DATE", "fixed", {"value": "PAST_REF"}))
        elif rel in {"next", "coming", "upcoming"} and not quantity:
            yield (Match(start, end, "DATE", "fixed", {"value": "FUTURE_REF"}))
        elif rel == "recent" and not quantity:
            yield (Match(start, end, "DATE", "fixed", {"value": "PAST_REF"}))
        else:
            value = _duration_value(None, unit)
            if unit.lower() == "centuries":
                value = "PXC"  # TimeBank's century letter ("for centuries"); decades are years
            elif value.endswith("XY"):
                value = "PXY"
            yield (Match(start, end, "DURATION", "fixed", {"value": value}))


def _find_ref(text: str, low: str) -> Iterator[Match]:
    for m in _scan(
        RE_REF,
        text,
        low,
        (
            "now",
            "present",
            "current",
            "moment",
            "these days",
            "recent",
            "lately",
            "past",
            "future",
            " term",
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
        yield (Match(start, m.end(), "DATE", "fixed", {"value": value}))


def _find_set(text: str, low: str) -> Iterator[Match]:
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
            if adj.lower() in PRENOMINAL_NOT_SETS and re.match(r"[ \t]+[A-Za-z]", text[m.end() :]):
                continue  # "the annual meeting", "a quarterly dividend"
            if _after_quantity(text, m.start()):
                continue  # "rise 8.5% annually", "10,000 units annually": a rate
            yield _hit(m, "SET", "fixed", value=SET_ADJECTIVES[adj.lower()])
            continue
        if m.group("n"):  # "every three months"
            n = _number(m.group("n"))
            if n is not None:
                yield _hit(m, "SET", "fixed", value=_duration_value(n, m.group("units").lower()))
            continue
        if m.group("q").lower() == "per" and _after_quantity(text, m.start()):
            continue  # "15 million instructions per second": a rate
        unit = m.group("unit").lower()
        step = 2 if m.group("other") else 1
        if unit in WEEKDAYS:
            value = f"XXXX-WXX-{WEEKDAYS[unit] + 1}"
        elif unit in PARTS_OF_DAY:
            value = f"TXX{PARTS_OF_DAY[unit]}"
        elif unit in MONTHS:  # "each July": that month of every year
            value = f"XXXX-{MONTHS[unit]:02d}"
        else:
            value = _duration_value(step, unit)
        yield _hit(m, "SET", "fixed", value=value)


def _find_time(text: str, low: str) -> Iterator[Match]:
    for m in _scan(
        RE_TIME,
        text,
        low,
        (
            ":",
            "a.m",
            "p.m",
            "am",
            "pm",
            "noon",
            "midnight",
            "midday",
            "gmt",
            "utc",
            "local",
            " e",
            " c",
            " p",
            "bst",
            "cet",
        ),
    ):
        if m.group("named"):
            named = m.group("named").lower()
            tz = TIMEZONES.get((m.group("tz3") or "").strip().lower())  # "noon GMT"
            yield _hit(m, "TIME", "time", h=0 if named == "midnight" else 12, mi=0, tz=tz)
            continue
        if m.group("h2"):  # "0800 GMT"
            tz = m.group("tz2").strip().lower()
            h, mi = int(m.group("h2")), int(m.group("m2"))
            yield _hit(m, "TIME", "time", h=h, mi=mi, tz=TIMEZONES.get(tz))
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
        yield _hit(m, "TIME", "time", h=h, mi=int(m.group("m") or 0), tz=TIMEZONES.get(tz))


def _find_part_of_day(text: str, low: str) -> Iterator[Match]:
    """'in the morning', 'by mid afternoon': that part of the story's day (of 'yesterday' if
    it follows)."""
    for m in _scan(RE_PART_OF_DAY, text, low, ("morning", "afternoon", "evening")):
        start = m.start("the") if m.group("the") else m.start("mod")
        part = PARTS_OF_DAY[m.group("part").lower()]
        word = (m.group("word") or "").lower()
        if word:
            offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
            yield Match(start, m.end(), "TIME", "relday", {"offset": offset, "part": part})
        else:
            fields = {"unit": "day", "offset": 0, "part": part}
            yield Match(start, m.end(), "TIME", "anaphor", fields)


def _find_hour_of_part(text: str, low: str) -> Iterator[Match]:
    """'4 in the morning', 'ten at night': a clock time."""
    for m in _scan(RE_HOUR_OF_PART, text, low, (" the morning", " the afternoon", " the evening",
                                                 "at night")):  # fmt: skip
        h_text = m.group("h").lower()
        h = int(h_text) if h_text.isdigit() else int(NUMBER_WORDS[h_text])
        part = (m.group("part") or "night").lower()
        if part == "morning":
            h = 0 if h == 12 else h
        elif h < 12 and not (part == "night" and h <= 4):  # "two at night" is after midnight
            h += 12
        yield _hit(m, "TIME", "time", h=h, mi=0, tz=None)


def _find_holiday(text: str, low: str) -> Iterator[Match]:
    for m in _scan(
        RE_HOLIDAY,
        text,
        low,
        ("christmas", "new year", "halloween", "valentine", "boxing day", "independence day"),
    ):
        mo, d = HOLIDAYS[" ".join(m.group(0).lower().split())]
        yield _hit(m, "DATE", "date", y=None, m=mo, d=d)


def _find_moving_holiday(text: str, low: str) -> Iterator[Match]:
    """'Thanksgiving Day', 'last Easter', 'Election Day': holidays whose day moves."""
    for m in _scan(RE_MOVING_HOLIDAY, text, low, MOVING_HOLIDAY_NEEDLES):
        name = " ".join(m.group("name").lower().split())
        rel = (m.group("rel") or "").lower() or None
        yield _hit(m, "DATE", "holiday", name=name, rel=rel, week=bool(m.group("week")))


MOVING_HOLIDAY_NEEDLES = (
    "thanksgiving", "memorial day", "labor day", "king day", "presidents", "mother's day",
    "father's day", "election day", "easter", "good friday",
)  # fmt: skip


def _find_spoken_year(text: str, low: str) -> Iterator[Match]:
    """'nineteen ninety-six', 'the year two thousand'."""
    for m in _scan(RE_SPOKEN_YEAR, text, low, ("nineteen", "eighteen", "two thousand")):
        if m.group("c") or m.group("c2"):
            century = 1900 if (m.group("c") or m.group("c2")).lower() == "nineteen" else 1800
            tens = SPOKEN_TENS.get((m.group("t") or "").lower(), 0)
            rest = SPOKEN_ONES.get((m.group("o") or "").lower(), 0)
            rest += SPOKEN_TEENS.get((m.group("teen") or "").lower(), 0)
            year = century + tens + rest
        else:
            last = (m.group("o2") or "").lower()
            year = 2000 + (SPOKEN_ONES.get(last) or SPOKEN_TEENS.get(last) or (10 if last else 0))
            if not m.group(0).lower().startswith("the") and _prev_word(text, m.start()) not in {
                "in", "since", "by", "until", "of", "from", "to", "before", "after",
            }:  # fmt: skip
                continue  # "two thousand people"
        yield _hit(m, "DATE", "date", y=year, spoken=True)


RULES = (
    _find_iso,
    _find_slash,
    _find_month_day,
    _find_second_day,
    _find_month_year,
    _find_year,
    _find_year_pair,
    _find_decade,
    _find_century,
    _find_weekday,
    _find_relday,
    _find_relunit,
    _find_of_the_unit,
    _find_quarter,
    _find_half,
    _find_fiscal,
    _find_anaphor,
    _find_the_quarter,
    _find_year_end,
    _find_year_ended,
    _find_year_ago,
    _find_decade_word,
    _find_weekend,
    _find_ordinal_day_today,
    _find_season,
    _find_duration,
    _find_half_unit,
    _find_quarter_century,
    _find_unit_long,
    _find_vague,
    _find_ref,
    _find_set,
    _find_time,
    _find_part_of_day,
    _find_hour_of_part,
    _find_holiday,
    _find_moving_holiday,
    _find_spoken_year,
)


def _rule_matches(text: str) -> list[Match]:
    low = text.lower()
    return [match for rule in RULES for match in rule(text, low)]


_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
# a count of something or a percentage right before a rate's time unit: "700 seats", "8.5%"
RE_QUANTITY_BEFORE = re.compile(
    r"(?:\d[\d.,]*|\b(?:"
    + "|".join(w for w in NUMBER_WORDS if w not in {"a", "an"})
    + rf"|{_SCALE}))(?:[ \t]*%|[ \t]+percent"
    rf"|(?:[ \t]+{_SCALE})?[ \t]+(?!{_SCALE}\b)[A-Za-z][a-z-]*)[ \t]+$",
    re.I,
)


def _after_quantity(text: str, start: int) -> bool:
    """Whether a percentage or a counted noun ends right before `start` ('700 seats a week',
    '8.5% annually', '24 hours a day'): the time unit is then a rate's denominator, which
    TimeBank mostly leaves unannotated (a bare '15 a year' is kept: annotated as often)."""
    before = text[max(0, start - 40) : start]
    m = RE_QUANTITY_BEFORE.search(before)
    # a sum of money per period is as often annotated as not ('$33 million a year'): kept
    return bool(m) and not re.search(r"[$€£#]$|\b(?:C|US|A|HK)\$$", before[: m.start()])


def _is_rate(prev_word: str) -> bool:
    """'15 a year', 'twice a week', '$5 a month': the 'a UNIT' is a frequency."""
    return bool(
        re.fullmatch(r"[\d.,%$€£]+|once|twice|times|million|billion|thousand|hundred", prev_word)
        or prev_word in NUMBER_WORDS
        or prev_word.endswith(("%", "s"))
        and prev_word in {"times", "hours", "dollars", "euros", "pounds", "percent"}
    )


def _select(matches: list[Match]) -> list[Match]:
    """Longest first; a match overlapping an already chosen one is dropped."""
    chosen: list[Match] = []  # by start; they never overlap, so their ends are in order too
    for m in sorted(matches, key=lambda x: (-(x.end - x.start), -x.priority, x.start)):
        # Only the chosen neighbours can overlap: a bisection keeps long articles linear.
        i = bisect.bisect_left(chosen, m.start, key=lambda c: c.start)
        if not _overlaps_chosen(chosen, i, m):
            chosen.insert(i, m)
    return chosen


def _near(ents: list[Span], start: int, end: int) -> list[Span]:
    """The entities (in order, never overlapping) that can overlap [start, end), found by
    bisection so that a long article's many matches stay linear."""
    first = bisect.bisect_right(ents, start, key=lambda e: e.end_char)
    last = bisect.bisect_left(ents, end, lo=first, key=lambda e: e.start_char)
    return ents[first:last]


def _overlaps_chosen(chosen: list[Match], i: int, m: Match) -> bool:
    """Whether `m` overlaps one of `chosen` (ordered, disjoint), `i` being where it would go:
    only the one before and those starting before `m` ends can."""
    for c in chosen[max(0, i - 1) : i + 1]:
        if m.start < c.end and c.start < m.end:
            return True
    j = i + 1
    while j < len(chosen) and chosen[j].start < m.end:
        if m.start < chosen[j].end:
            return True
        j += 1
    return False


DAY_KINDS = {"weekday", "relday", "date"}
RE_TIME_DAY_GAP = re.compile(r"[ \t]*,?[ \t]*")


def _merge_time_day(chosen: list[Match], text: str) -> list[Match]:
    """'9 a.m. Tuesday', '5 p.m. EST, Nov. 6', 'noon Thursday': one TIME whose day is the
    expression that follows the clock time."""
    out: list[Match] = []
    i = 0
    while i < len(chosen):
        m = chosen[i]
        nxt = chosen[i + 1] if i + 1 < len(chosen) else None
        if (
            m.kind == "time"
            and nxt is not None
            and nxt.kind in DAY_KINDS
            and nxt.fields.get("part") is None
            and RE_TIME_DAY_GAP.fullmatch(text[m.end : nxt.start])
            and (nxt.kind != "date" or nxt.fields.get("d") is not None)
        ):
            fields = dict(m.fields, day={"kind": nxt.kind, "fields": nxt.fields})
            out.append(Match(m.start, nxt.end, "TIME", "time", fields, m.priority))
            i += 2
            continue
        out.append(m)
        i += 1
    return out


RE_DAY_LIST_GAP = re.compile(r"[ \t]*(?:,|and|or|,[ \t]*and|through|to|-|–)[ \t]*")


def _mark_day_lists(chosen: list[Match], text: str) -> list[Match]:
    """'next Tuesday and Wednesday', 'on Monday or Tuesday': a weekday listed after an earlier
    one of the week is the first such day after it (`follows` in its fields)."""
    out: list[Match] = []
    for m in chosen:
        prev = out[-1] if out else None
        if (
            m.kind == "weekday"
            and m.fields.get("rel") is None
            and prev is not None
            and prev.kind == "weekday"
            and m.fields["wd"] > prev.fields["wd"]  # "Friday and Thursday": no run of days
            and RE_DAY_LIST_GAP.fullmatch(text[prev.end : m.start])
        ):
            m = Match(m.start, m.end, m.type, m.kind, {**m.fields, "follows": True}, m.priority)
        out.append(m)
    return out


RE_DAY_BEFORE = re.compile(r"\b[Tt]he[ \t]+day[ \t]+(before|after)[ \t]+$")


def _merge_day_before(chosen: list[Match], text: str) -> list[Match]:
    """'the day before last Tuesday', 'the day after Christmas': a day one away from a day."""
    out = []
    for m in chosen:
        before = RE_DAY_BEFORE.search(text, max(0, m.start - 20), m.start)
        a_day = m.kind in {"weekday", "relday", "holiday"} or m.fields.get("d") is not None
        if before and a_day and m.type == "DATE":
            fields = {**m.fields, "dshift": -1 if before.group(1) == "before" else 1}
            m = Match(before.start(), m.end, m.type, m.kind, fields, m.priority)
        out.append(m)
    return out


RE_SPOKEN_YEAR_GAP = re.compile(r"[ \t]*,?[ \t]*(?:of[ \t]+)?")


def _merge_spoken_year(chosen: list[Match], text: str) -> list[Match]:
    """'January nineteen ninety-seven', 'the winter of nineteen ninety-four': a month or a
    season followed by a year read out is one expression in that year."""
    out: list[Match] = []
    for m in chosen:
        prev = out[-1] if out else None
        if (
            m.fields.get("spoken")
            and prev is not None
            and prev.kind in {"date", "season"}
            and prev.fields.get("y") is None
            and (prev.kind == "season" or prev.fields.get("m") is not None)
            and RE_SPOKEN_YEAR_GAP.fullmatch(text[prev.end : m.start])
        ):
            fields = {**prev.fields, "y": m.fields["y"], "bare": False, "rel": None}
            out[-1] = Match(prev.start, m.end, prev.type, prev.kind, fields, prev.priority)
            continue
        out.append(m)
    return out


def _covered_by(ents: list[Span], start: int, end: int, labels: set[str]) -> bool:
    near = _near(ents, start, end)
    return any(e.label_ in labels and e.start_char <= start and end <= e.end_char for e in near)


def _overlaps(ents: list[Span], start: int, end: int, labels: set[str]) -> bool:
    near = _near(ents, start, end)
    return any(e.label_ in labels and e.start_char < end and start < e.end_char for e in near)


def _filter_rules(matches: list[Match], text: str, ents: list[Span]) -> list[Match]:
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
        if _covered_by(ents, m.start, m.end, NON_TIME_LABELS) and not _overlaps(
            ents, m.start, m.end, {"DATE", "TIME"}
        ):
            continue  # "The Sunday Times", "April Ryan", "USA Today"
        if m.kind in {"relday", "fixed"} and _is_name_part(text, m.start, m.end):
            continue  # "Russia Today", "Larry King Now"
        if m.kind in {"relunit", "fixed", "relday"} and _is_quoted_title(text, m.start, m.end):
            continue  # ABC's "This Week", CBS's ''60 Minutes''
        if m.kind == "fixed" and _is_discourse_now(text, m.start, m.end):
            continue  # "Now, he says, ...": a turn in the telling, not a time (TimeBank)
        if text[m.start : m.end].lower() == "noon" and _prev_word(text, m.start) == "high":
            continue  # "High Noon", "high noon comes today": an idiom for a showdown
        if _is_named_march(text, m.start, m.end):
            continue  # "the annual March for Life", "the March on Washington": a protest
        if m.kind == "relday" and _is_era_today(text, m.start, m.end):
            continue  # "today's youth", "in today's world": the present era, unannotated
        kept.append(m)
    return kept


RE_MARCH_NAME_AFTER = re.compile(r"[ \t]+(?:for|on|against|of)[ \t]+(?:the[ \t]+)?[A-Z]")


def _is_named_march(text: str, start: int, end: int) -> bool:
    """'March' after an article and before 'for/on/against/of' + a name: a protest's name."""
    if text[start:end] != "March" or not RE_MARCH_NAME_AFTER.match(text, end):
        return False
    return _prev_word(text, start) in {"the", "a", "annual"}  # not "last March on Monday"


def _is_discourse_now(text: str, start: int, end: int) -> bool:
    """'Now,' opening a sentence (or a quote) and set off by a comma."""
    if text[start:end] != "Now" or text[end : end + 1] != ",":
        return False
    before = text[max(0, start - 4) : start].rstrip(" \t\n\"'`“‘")
    return not before or before[-1] in ".!?:;"


def _is_era_today(text: str, start: int, end: int) -> bool:
    """'today's' before a noun of an era or a population ('today's world', 'today's youth',
    'today's personal computers'), not a day's event ('today's editions', 'today's meeting')."""
    if text[start:end].lower() != "today":
        return False
    after = re.match(r"['’]s\s+([a-z]+)(?:\s+([a-z]+))?", text[end : end + 40])
    return after is not None and bool(ERA_NOUNS.intersection(after.groups()))


def _is_quoted_title(text: str, start: int, end: int) -> bool:
    """Two or more title-cased words right after an opening quote: a programme's name."""
    words = text[start:end].split()
    if len(words) < 2 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    return text[max(0, start - 2) : start].endswith(('"', "“", "``", "''"))


def _is_name_part(text: str, start: int, end: int) -> bool:
    """A capitalised word inside a run of capitalised words, not opening a sentence."""
    word = text[start:end]
    if not word[:1].isupper():
        return False
    before = text[max(0, start - 40) : start].rstrip(" \t")
    prev = re.search(r"(\S+)$", before)
    follows_name = bool(prev and prev.group(1)[:1].isupper() and prev.group(1)[-1].isalnum())
    mid_sentence = bool(prev and prev.group(1)[-1].isalnum())
    nxt = re.match(r"[ \t]+(\S+)", text[end : end + 40])
    precedes_name = bool(nxt and nxt.group(1)[:1].isupper())
    return word.isupper() and len(word) > 2 or follows_name or precedes_name and mid_sentence


# a spaCy DATE that is a unit in the plural without a count: a vague duration (PXY, PTXH)
RE_VAGUE_PLURAL = re.compile(
    r"(?:the\s+(?:first|early|last|final|late|initial|opening|closing)\s+"
    r"|(?:hundreds|thousands|dozens|scores)\s+of\s+)?"  # "for hundreds of years"
    r"(minutes|hours|days|weeks|months|years|decades|centuries)"
)


RE_UNIT_ON_UNIT = re.compile(
    r"\b(?:year|month|quarter|week)[ -]on[ -](?:year|month|quarter|week)\b", re.I
)
RE_THE_UNIT = re.compile(r"(?:the|this|that)\s+(day|week|month|year)")


def _spacy_fallback(ents: list[Span], chosen: list[Match], doc_text: str) -> list[Match]:
    """spaCy DATE/TIME entities the rules do not know; kept only when they name a time unit.
    `doc_text` is `doc.text` (spaCy rebuilds it on every access)."""
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
        if _is_quoted_title(doc_text, start, end):
            continue  # ABC's "This Week"
        if text.lower() in {"year", "month"} and doc_text[max(0, start - 3) : start] in {
            "'s ",
            "’s ",
        }:
            continue  # "This hasn't been Kellogg's year": a good or bad spell, no date
        pair = RE_UNIT_ON_UNIT.search(doc_text, max(0, start - 12), end + 12)
        if pair and pair.start() < end and start < pair.end():
            continue  # "3% year on year", "a year-on-year rise": a comparison, no time
        bare = text.strip().lower()
        plural = RE_VAGUE_PLURAL.fullmatch(bare)
        if plural:  # "weeks of fighting", "the first hours of the war", "the early years"
            unit = plural.group(1)
            value = {"decades": "PXY", "centuries": "PXC"}.get(unit) or _duration_value(None, unit)
            out.append(Match(start, end, "DURATION", "fixed", {"value": value}, 0))
            continue
        unit = RE_THE_UNIT.fullmatch(bare)
        if unit:  # "a high for the year of $42": the story's year
            fields = {"unit": unit.group(1), "offset": 0}
            out.append(Match(start, end, "DATE", "anaphor", fields, 0))
            continue
        out.append(Match(start, end, "TIME" if e.label_ == "TIME" else "DATE", "none", {}, 0))
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
    """'past', 'since', 'future', 'present' or None from the verb governing the expression."""
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    if prev == "since":
        return "since"  # the past, however far back
    tense = _verb_tense(span)
    if tense == "past" and _via_noun(span):
        tense = None  # "announced a cutback in its supply in September": the noun's time
    if [t.lower_ for t in doc[max(0, span.start - 3) : span.start]] in EARLIEST_CUES:
        return "future"  # "could arrive as early as Tuesday": a time not yet come
    if prev in UNTIL_WORDS and tense != "pluperfect":
        return "future"  # "talks were adjourned until Friday": a deadline lies ahead
    if prev in {"to", "until", "till"} and _rescheduled(span):
        return "future"  # "the summit was postponed to Friday": the new date lies ahead
    if prev in DEADLINE_WORDS and tense == "past":
        return None  # "extended to Nov. 16", "payable Dec. 1": either side of the DCT
    if prev in {"through", "by"} and tense in {None, "present"}:
        return "future"  # "a plan to repay the loan by February"
    return "past" if tense == "pluperfect" else tense


def _rescheduled(span: Span) -> bool:
    """Whether the expression is the new date of a verb of rescheduling ('postponed to')."""
    verb = _governing_verb(span)
    if verb is None or verb.lemma_ not in RESCHEDULE_LEMMAS:
        return False
    prep = span.root.head  # "to", hung on the verb or on its particle ("pushed back to")
    host = prep.head if prep.head.dep_ not in {"prt", "advmod"} else prep.head.head
    return prep.dep_ == "prep" and host.i == verb.i


UNTIL_WORDS = {"until", "till", "til"}
RESCHEDULE_LEMMAS = {"postpone", "delay", "adjourn", "defer", "extend", "reschedule", "push",
                     "move", "put", "bring"}  # fmt: skip
DEADLINE_WORDS = {"through", "by", "to", "effective", "payable", "due", "before"}
EARLIEST_CUES = [["as", "early", "as"], ["as", "soon", "as"]]
# modals that put a bare verb ahead of the DCT ("the group might come Tuesday")
FUTURE_MODALS = {"could", "might", "may", "can", "should", "must", "ca"}


def _verb_tense(span: Span) -> str | None:
    """'past', 'pluperfect', 'future', 'present' or None from the governing verb."""
    verb = _governing_verb(span)
    if verb is None:
        return None
    verb = _reporting_head(span, verb)
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    lowers = {a.lower_ for a in auxes}
    if "had" in lowers:
        return "pluperfect"
    if verb.dep_ == "xcomp" and any(
        c.dep_ == "aux" and c.lower_ == "had"
        for h in (verb.head, verb.head.head)
        for c in h.children
    ):
        return "pluperfect"  # "had been scheduled to expire Friday": a plan since overtaken
    if lowers & {"will", "shall", "'ll", "wo", "would", "'d", "going"}:
        return "future"
    if lowers & FUTURE_MODALS and verb.tag_ == "VB" and _attached_to(span, verb):
        return "future"
    if (
        any(a.tag_ == "TO" for a in auxes)
        and verb.head.lemma_ in PLANNING_LEMMAS
        and verb.dep_ != "csubj"  # "the countries to accede on Friday were": no plan
    ):
        return "future"  # "is set to begin on Wednesday", "plans to visit on Monday"
    if (
        verb.lemma_ in FUTURE_LEMMAS or (verb.head.lemma_ in FUTURE_LEMMAS and verb.dep_ == "xcomp")
    ) and (not any(a.tag_ == "VBD" for a in auxes) or verb.lemma_ in {"schedule", "set", "due"}):
        if verb.lemma_ in FUTURE_LEMMAS and not auxes and _names_the_planning(span, verb):
            return "past"
        return "future"
    if any(
        c.lower_ in {"due", "scheduled", "set", "expected"} and not _has_subject(c)
        for c in verb.children
    ):
        return "future"  # "talks are scheduled for Monday", not "when Albright set aside plans"
    if verb.tag_ == "VBD" or any(a.tag_ in {"VBD"} for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (lowers & {"has", "have", "had", "'ve", "'s"} or not auxes):
        return "past"
    if verb.tag_ == "MD" and verb.lower_ in {"will", "would", "shall", "'ll"}:
        return "future"
    if verb.tag_ == "VBP" and not auxes and _singular_subject(verb):
        return "past"  # "weakness hurt the index on Friday": 'hurt' with 'it' is a past form
    if verb.tag_ in {"VBZ", "VBP"} and not auxes:
        # "the trial opens Monday" looks ahead; "Apple says Monday" reports the past
        if verb.lemma_ in REPORTING_LEMMAS:
            return "past"
        return "present" if _attached_to(span, verb) and span.root.dep_ != "poss" else None
    return None


def _reporting_head(span: Span, verb):  # noqa: ANN001, ANN202 - spaCy Tokens
    """The reporting verb for a time between it and the subject of the clause it reports:
    in "said in October it would cut jobs" (or "said Monday they will meet") the parser hangs
    the time on 'cut', but it dates the saying."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.lemma_ not in REPORTING_LEMMAS or not head.i < span.start:
        return verb
    if any(c.dep_ == "mark" and c.i < span.start for c in verb.children):
        return verb  # "said that last week a customer found": the clause's own time
    # the time lies before the clause's subject, not inside it ("said third-quarter profit")
    subjects = [c.left_edge.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    return head if subjects and span.end <= min(subjects) else verb


def _singular_subject(verb) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether the verb's subject is a singular noun (so a base form can only be a past:
    'cut', 'set', 'hit', 'put', 'hurt')."""
    return any(c.dep_ == "nsubj" and c.tag_ in {"NN", "NNP"} for c in verb.children)


def _has_subject(tok) -> bool:  # noqa: ANN001 - a spaCy Token
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


def _names_the_planning(span: Span, verb) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether the expression dates the (past) planning rather than what was planned: "On
    Friday, the government planned to pay" (before the verb), "the record high set on Aug. 6"
    (a participle with nothing set *for*)."""
    if verb.tag_ == "VBD":
        return span.end <= verb.i
    if verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"}:
        return not any(c.lower_ == "for" for c in verb.children)
    return False


def _via_noun(span: Span) -> bool:
    """Whether the expression hangs from a noun on its way up to the verb."""
    tok = span.root.head
    for _ in range(5):
        if tok.pos_ in {"VERB", "AUX"} or tok.head.i == tok.i:
            return False
        if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in range(span.start, span.end):
            return True
        tok = tok.head
    return False


def _attached_to(span: Span, verb) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether the expression modifies `verb` itself ("opens Monday", "opens on Monday")."""
    head = span.root.head
    return head.i == verb.i or head.dep_ == "prep" and head.head.i == verb.i


def _is_noun_current(doc: Doc, text: str, m: Match) -> bool:
    """'The current swept him away': the noun, no time ('current market conditions' is)."""
    if text[m.start : m.end].lower() != "current":
        return False
    span = doc.char_span(m.start, m.end)
    return span is not None and span[0].pos_ != "ADJ"


# before "one day", these make it "some day" ("Islam will one day be", "hopes to one day run")
SOMEDAY_MODALS = {"will", "would", "could", "might", "may", "can", "shall", "should", "'ll",
                  "must"}  # fmt: skip


def _as_someday(doc: Doc, text: str, m: Match) -> Match:
    """'one day' between a modal (or an infinitive's 'to') and its verb is an unnamed future
    day (FUTURE_REF), not a one-day duration ('it took one day')."""
    if m.type != "DURATION" or text[m.start : m.end].lower() != "one day":
        return m
    span = doc.char_span(m.start, m.end)
    if span is None or span.start == 0 or span.end >= len(doc):
        return m
    prev, nxt = doc[span.start - 1], doc[span.end]
    after_to = prev.lower_ == "to" and nxt.tag_ == "VB"
    if prev.lower_ not in SOMEDAY_MODALS and not after_to:
        return m
    return Match(m.start, m.end, "DATE", "fixed", {"value": "FUTURE_REF"}, m.priority)


def find_candidates(doc: Doc, text: str) -> list[tuple[Match, str | None, int]]:
    """(match, tense cue, sentence start) for every time expression of the doc, in order;
    `text` is `doc.text` (passed in: spaCy rebuilds it on every access)."""
    ents = list(doc.ents)
    rules = _filter_rules(_rule_matches(text), text, ents)
    chosen = _select(rules)
    chosen = _select(chosen + _spacy_fallback(ents, chosen, text))
    chosen = _merge_time_day(chosen, text)
    chosen = _merge_spoken_year(chosen, text)
    chosen = _merge_day_before(chosen, text)
    chosen = _mark_day_lists(chosen, text)
    chosen = [_as_someday(doc, text, m) for m in chosen if not _is_noun_current(doc, text, m)]
    chosen = sorted(chosen, key=lambda m: (m.start, -m.end))
    return [(m, *_cues(doc, m.start, m.end)) for m in chosen]
