"""TIMEX3 values from the DCT-independent fields that detection stored in `Timex.anchor`."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from typing import Any

from newslens.model import Timex
from newslens.timexes.vocabulary import (
    MOVING_HOLIDAYS,
    SEASON_START,
    SEASONS,
)

# ------------------------------------------------------------------ resolution

DAY_WINDOW = 300
# characters after which a quarter named earlier no longer sets the granularity of "a year ago"
QUARTER_REACH = 600
# characters within which a day named before a clock time is the day of that time
DAY_REACH = 600


def _dct(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _years_around(dct: dt.date, reach: int) -> list[int]:
    """The DCT's year and `reach` years either side, within the calendar (1-9999)."""
    span = range(dct.year - reach, dct.year + reach + 1)
    return [y for y in span if dt.MINYEAR <= y <= dt.MAXYEAR]


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

    years = _years_around(dct, 1)
    if day is not None and weekday is not None:  # "Friday, March 11": the year that fits
        fitting = [y for y in years if _weekday_of(y, month, day) == weekday]
        if fitting:
            return min(fitting, key=lambda y: abs(gap(y)))
    if tense == "this":
        return dct.year
    # a week of slack: a date a few days on the "wrong" side is a slip, not another year
    slack = 0 if day is None else 7
    # a day more than DAY_WINDOW days away on the verb's side is rather the nearest one: "a
    # dividend payable Dec. 1" in a past-tense sentence of late October is this year's
    window = DAY_WINDOW if day is not None and tense != "since" else 400
    if tense in {"past", "since"}:
        past = [y for y in years if -window <= gap(y) <= slack]
        if past:
            return max(past)
    if tense == "future" or (tense == "present" and day is not None):
        # "voters head to the polls on Nov. 6": a present verb on a day looks ahead
        ahead = [y for y in years if -slack <= gap(y) <= window]
        if ahead:
            return min(ahead)
    # no cue: news mostly looks back, so a date ahead counts double
    return min(years, key=lambda y: (abs(gap(y)) * (2 if gap(y) > 0 else 1), abs(y - dct.year)))


def _nearest_year(month: int, day: int, dct: dt.date, *, back: bool) -> int:
    """The year of the latest such day before the DCT ("last Oct. 23"), or the first after it
    ("next March 3")."""
    if back:
        return dct.year if (month, day) < (dct.month, dct.day) else dct.year - 1
    return dct.year if (month, day) > (dct.month, dct.day) else dct.year + 1


def _months_back(year: int, month: int, dct: dt.date) -> int:
    """How many months before the DCT's month (year, month) lies (negative: after it)."""
    return (dct.year * 12 + dct.month) - (year * 12 + month)


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


def _weekday_after(day: dt.date, wd: int) -> dt.date:
    """The first weekday `wd` after `day` (a week on when `day` is one)."""
    return day + dt.timedelta(days=(wd - day.weekday()) % 7 or 7)


def _weekday_before(day: dt.date, wd: int) -> dt.date:
    """The latest weekday `wd` before `day` (a week back when `day` is one)."""
    return day - dt.timedelta(days=(day.weekday() - wd) % 7 or 7)


def _weekday_date(wd: int, rel: str | None, tense: str | None, dct: dt.date) -> dt.date:
    back = (dct.weekday() - wd) % 7  # days back to the latest such weekday, 0 = the DCT
    ahead = (wd - dct.weekday()) % 7
    if rel == "last":
        return _weekday_before(dct, wd)
    if rel == "next":
        return _weekday_after(dct, wd)
    if rel == "this" and tense in {"past", "since"}:
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
        return f"{dct.year + offset:04d}"
    if unit == "quarter":
        q = (dct.month - 1) // 3 + offset
        y, q = dct.year + q // 4, q % 4
        return f"{y}-Q{q + 1}"
    if unit == "decade":
        return str(dct.year // 10 + offset)
    if unit == "century":
        return f"{dct.year // 100 + offset:02d}"
    if unit in SEASONS:
        return _season(SEASONS[unit], {-1: "last", 0: "this", 1: "next"}.get(offset, "this"), dct)
    return None


def _season(code: str, which: str, dct: dt.date) -> str:
    """The season `code` seen from the DCT: which = last | this | next | past | future."""

    def start(year: int) -> dt.date:
        return dt.date(year, SEASON_START[code], 1)

    def end(year: int) -> dt.date:
        return _add_months(start(year), 3)

    years = [y for y in _years_around(dct, 2) if y < dct.year + 2]
    if which == "last":  # the latest one that is over
        year = max(y for y in years if end(y) <= dct)
    elif which == "past":  # the latest one begun ("withdrew in the summer")
        year = max(y for y in years if start(y) <= dct)
    elif which == "next":
        year = min(y for y in years if start(y) > dct)
    elif which == "future":  # the current or the coming one
        year = min(y for y in years if end(y) > dct)
    else:  # this: the current one, else the one of this year
        current = [y for y in years if start(y) <= dct < end(y)]
        year = current[0] if current else dct.year - (1 if code == "WI" and dct.month <= 2 else 0)
    return f"{year}-{code}"


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
    if unit == "quarter":
        return _resolve_relunit("quarter", round(n), dct)
    return None


def _period_year(n: int, months: int, dct: dt.date, tense: str | None) -> int:
    """The year of quarter/half `n` (of `months` months) given without one: the latest one
    begun; with a future verb, the one not yet reported (ended less than a period ago)."""

    def start(year: int) -> dt.date:
        return dt.date(year, (n - 1) * months + 1, 1)

    years = _years_around(dct, 1)
    if tense == "future":
        return min(y for y in years if _add_months(start(y), 2 * months) > dct)
    return max(y for y in years if start(y) <= dct)


def _resolve_one(anchor: dict[str, Any], dct: dt.date | None, ref: dt.date | None) -> str | None:
    kind, f, tense = anchor.get("kind"), anchor.get("fields", {}), anchor.get("tense")
    if kind == "fixed":
        return f.get("value")
    if kind == "fiscal" and f.get("y"):
        return f"{f['y']:04d}" if f.get("calendar") else f"FY{f['y']}"
    if kind == "date":
        year, month, day = f.get("y"), f.get("m"), f.get("d")
        if year is None:
            if dct is None or month is None:
                return None
            if f.get("yoff") is not None:  # "October of next year", "July last year"
                year = dct.year + f["yoff"]
            elif day is not None and f.get("rel") in {"last", "next"}:
                year = _nearest_year(month, day, dct, back=f["rel"] == "last")
            else:
                year = _infer_year(
                    month, day, dct, _month_rel_tense(f.get("rel"), tense), weekday=f.get("wd")
                )
            if f.get("yoff") is not None or day is not None:
                pass
            elif f.get("rel") in {"last", "past"} and _months_back(year, month, dct) in {0, 1}:
                year -= 1  # "last May" said in May or June: "last month" would name that one
            elif f.get("rel") in {"next", "coming"} and _months_back(year, month, dct) in {0, -1}:
                year += 1
        if month is None:
            return f"{year:04d}"
        if day is None:
            return f"{year:04d}-{month:02d}"
        if day > calendar.monthrange(year, month)[1]:
            return None
        if f.get("week"):  # "the week of March 6"
            return _week(dt.date(year, month, day))
        return f"{year:04d}-{month:02d}-{day:02d}"
    if kind == "time":
        day = ref or dct
        if day is None:
            return None
        return f"{day.isoformat()}T{f['h']:02d}:{f['mi']:02d}{f.get('tz') or ''}"
    if dct is None:
        return None
    if kind == "holiday":
        if not f.get("week"):
            return _resolve_holiday(f, tense, dct)
        # "as Easter week began": the week runs up to the day, so the nearest one
        return _week(dt.date.fromisoformat(_resolve_holiday(f, None, dct)))
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
            year = _period_year(n, months_per, dct, tense)
        return f"{year:04d}-{letter}{n}"
    if kind == "fiscal":
        year = dct.year + f.get("offset", 0)
        return f"{year:04d}" if f.get("calendar") else f"FY{year}"
    if kind == "weekend":  # "over the weekend": the one just past, unless the verb looks ahead
        if dct.weekday() >= 5 or tense == "future":
            return _week(dct) + "-WE"
        return _week(dct - dt.timedelta(days=dct.weekday() + 1)) + "-WE"
    if kind == "season":
        if f.get("y"):
            return f"{f['y']}-{f['season']}"
        if f.get("by_tense"):  # "the summer": the one the verb points at
            return _season(f["season"], "future" if tense == "future" else "past", dct)
        name = next(k for k, v in SEASONS.items() if v == f["season"])
        return _resolve_relunit(name, f.get("offset", 0), dct)
    return None


def _easter(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month = (h + leap - 7 * m + 90) // 25
    return dt.date(year, month, (h + leap - 7 * m + 33 * month + 19) % 32)


def _holiday(name: str, year: int) -> dt.date:
    month, weekday, nth = MOVING_HOLIDAYS[name]
    if name.startswith("easter") or name == "good friday":
        return _easter(year) - dt.timedelta(days=2 if name == "good friday" else 0)
    if name == "election day":  # the Tuesday after the first Monday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
    if nth < 0:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _resolve_holiday(f: dict[str, Any], tense: str | None, dct: dt.date) -> str:
    """'Thanksgiving', 'last Easter': the one the verb (or 'last'/'next') points at."""
    rel = f.get("rel")
    years = _years_around(dct, 1)
    days = [_holiday(f["name"], y) for y in years]
    if rel == "this":
        return days[1].isoformat()
    if rel == "last" or rel is None and tense in {"past", "since"}:
        return max((d for d in days if d <= dct), default=days[1]).isoformat()
    if rel == "next" or tense == "future":
        return min((d for d in days if d >= dct), default=days[1]).isoformat()
    return min(days, key=lambda d: abs((d - dct).days)).isoformat()


def _resolved_day(value: str | None) -> dt.date | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\w+)?", value):
        return dt.date.fromisoformat(value[:10])
    return None


def _remember(story: dict[str, dt.date], value: str | None, dct: dt.date | None = None) -> None:
    """Note the day, month and year a resolved value names (for "the next day")."""
    if not value:
        return
    quarter = story.get("quarter")
    q = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if q:
        named = dt.date(int(q.group(1)), 3 * int(q.group(2)) - 2, 1)
        kept = quarter if quarter is not None and _reported(quarter, named, dct) else named
        story.clear()
        story["quarter"] = kept
        story["year"] = dt.date(kept.year, 1, 1)
        return
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d-]*W)", value)
    if not m:
        return
    year, month, day = m.group(1), m.group(2), m.group(3)
    story.clear()  # the latest time named wins, at whatever granularity it has
    if quarter is not None and quarter.year == int(year):
        story["quarter"] = quarter  # "the quarter ended Sept. 30": still that quarter's story
    elif quarter is not None and int(year) > quarter.year and _over(quarter, dct):
        story["quarter"] = quarter  # "losses through 1990" in a report: an outlook
    try:
        if day:
            story["day"] = dt.date(int(year), int(month), int(day))
        if month:
            story["month"] = dt.date(int(year), int(month), 1)
        story["year"] = dt.date(int(year), 1, 1)
    except ValueError:
        pass


def _reported(quarter: dt.date | None, named: dt.date, dct: dt.date | None) -> bool:
    """Whether the story's `quarter` stays the one it reports when another is `named`: a
    quarter not yet over at the DCT ("a fourth-quarter charge" in a third-quarter report) is
    an outlook, an earlier one ("after a flat second quarter") a comparison."""
    if quarter is None or not _over(quarter, dct):
        return False
    return not _over(named, dct) or named < quarter


def _over(quarter: dt.date, dct: dt.date | None) -> bool:
    """Whether the quarter starting on `quarter` has ended by the DCT."""
    return dct is not None and _add_months(quarter, 3) <= dct


def _resolve_anaphor(
    f: dict[str, Any], story: dict[str, dt.date], dct: dt.date | None
) -> str | None:
    """'the next day', 'that year': relative to the latest time the story named, else the DCT."""
    unit, offset = f.get("unit"), f.get("offset", 0)
    if unit == "quarter":  # "the quarter": the story's, else the last one over
        if f.get("ended") and dct is not None:  # "the quarter ended Sept. 30"
            n = (f["ended"] - 1) // 3 + 1
            return f"{_period_year(n, 3, dct, 'past')}-Q{n}"
        if story.get("quarter") and not f.get("latest"):
            return _resolve_relunit("quarter", offset, story["quarter"])
        return None if dct is None else _resolve_relunit("quarter", offset or -1, dct)
    if unit in {"day", "week"}:
        ref = story.get("day") or dct
    elif unit == "month":
        ref = story.get("day") or story.get("month") or dct
    else:
        ref = story.get("day") or story.get("month") or story.get("year") or dct
    if f.get("whole") and dct is not None and ref is not None and ref.year > dct.year:
        ref = dct  # "for the full year" after a target "by 1992": the year under way
    if ref is None:
        return None
    if unit == "day":
        return _fmt_date(ref + dt.timedelta(days=offset), f.get("part"))
    return _resolve_relunit(unit, offset, ref)  # pyright: ignore[reportArgumentType]


def _resolve_back(
    kind: str, f: dict[str, Any], story: dict[str, dt.date], dct: dt.date | None
) -> str | None:
    """'six years ago' (kind 'ago') and 'the year-ago quarter' (kind 'yearago'): a year back
    stays at the granularity of the quarter the story reports, if any."""
    if dct is None:
        return None
    quarter = story.get("quarter")
    if kind == "ago":
        n, unit = f["n"], f["unit"]
        if unit == "year" and n == -1 and quarter is not None:
            return _resolve_relunit("quarter", -4, quarter)
        if unit in {"decade", "century"}:  # "a decade ago": a year, not a decade
            return str(dct.year + round(n * (10 if unit == "decade" else 100)))
        return _shifted(dct, n, unit)
    unit, q = f.get("unit"), f.get("q")
    if f.get("y"):  # "the 1988 quarter"
        return f"{f['y']}-Q{(quarter.month - 1) // 3 + 1}" if quarter else str(f["y"])
    if q:
        return f"{_period_year(q, 3, dct, 'past') - 1}-Q{q}"
    if unit == "month":
        return _add_months(story.get("month") or dct, -12).strftime("%Y-%m")
    if unit == "week":
        return _week((story.get("day") or dct) - dt.timedelta(weeks=52))
    if unit in {"quarter", "period"} and quarter is not None:
        return _resolve_relunit("quarter", -4, quarter)
    if unit == "quarter":
        return _resolve_relunit("quarter", -5, dct)
    return str(dct.year - 1)


STORY_WEEKDAY_RELS = {"previous", "preceding", "following"}


def _story_weekday(f: dict[str, Any], story: dict[str, dt.date], dct: dt.date | None) -> str | None:
    """'the previous Friday', 'the following Monday': the one before or after the day the
    story last named (else the DCT)."""
    ref = story.get("day") or dct
    if ref is None:
        return None
    day = _weekday_after(ref, f["wd"]) if f["rel"] == "following" else _weekday_before(ref, f["wd"])
    return _fmt_date(day, f.get("part"))


def _day_after(f: dict[str, Any], prev: dt.date) -> str:
    """'next Tuesday and Wednesday': the first such weekday after the day listed before it."""
    return _fmt_date(_weekday_after(prev, f["wd"]), f.get("part"))


def _value(anchor: dict[str, Any], story: dict[str, dt.date], dct: dt.date | None) -> str | None:
    """The value of one (non clock-time) expression; None where the date arithmetic fails
    (a DCT at the edge of the calendar, such as 0001-01-01 or 9999-12-31)."""
    kind, fields = anchor["kind"], anchor.get("fields", {})
    try:
        if kind == "anaphor":
            value = _resolve_anaphor(fields, story, dct)
        elif kind in {"ago", "yearago"}:
            value = _resolve_back(kind, fields, story, dct)
        elif kind == "weekday" and fields.get("rel") in STORY_WEEKDAY_RELS:
            value = _story_weekday(fields, story, dct)
        else:
            value = _resolve_one(anchor, dct, None)
        named = _resolved_day(value) if fields.get("dshift") else None
        if named is not None and value:  # "the day before last Tuesday"
            value = (named + dt.timedelta(days=fields["dshift"])).isoformat() + value[10:]
    except (ValueError, OverflowError):
        return None
    if kind == "fixed" or fields.get("unit") in {"decade", "century"}:
        return value
    return value if _in_calendar(value) else None


def _in_calendar(value: str | None) -> bool:
    """False for a computed year outside 0001-9999 ('10000', '0', '-5'), which TIMEX3 cannot
    write: what a DCT at the edge of the calendar gives for 'next year' or 'a year ago'."""
    if not value or not (value[0].isdigit() or value[0] == "-"):
        return True
    year = re.match(r"(\d{4})(?![\d])", value)
    return bool(year) and int(year.group(1)) > 0


def _unanchored_that_day(t: Timex, story: dict[str, dt.date]) -> bool:
    """'that day' before the text has named any day: a generic day ('trades made that day'),
    not one to date (the DCT would be a guess)."""
    fields = (t.anchor or {}).get("fields", {})
    return (
        (t.anchor or {}).get("kind") == "anaphor"
        and fields.get("unit") == "day"
        and not fields.get("part")
        and t.text.lower().startswith("that ")
        and "day" not in story
    )


def resolve_all(timexes: list[Timex], published: str | None) -> list[Timex]:
    """Values of the timexes against the DCT `published`, from their anchors alone."""
    dct = _dct(published)
    out: list[Timex] = []
    days: list[tuple[int, int, dt.date]] = []  # (sentence, offset, day) of resolved dates
    story: dict[str, dt.date] = {}  # the latest day / month / year the text has named
    quarter_at = 0  # where the story last named a quarter
    for t in timexes:
        anchor = t.anchor or {}
        if "kind" not in anchor or anchor["kind"] == "time":
            out.append(t)  # clock times come second: they take a day named near them
            continue
        if _unanchored_that_day(t, story):
            continue  # "redemptions that day and for two days following": no day to point at
        if "quarter" in story and t.start - quarter_at > QUARTER_REACH:
            del story["quarter"]  # a quarter named paragraphs ago no longer frames the story
        value = _value(anchor, story, dct)
        if anchor.get("fields", {}).get("follows") and out:  # "next Tuesday and Wednesday"
            listed_after = _resolved_day(out[-1].value)
            value = _day_after(anchor["fields"], listed_after) if listed_after else value
        if value and re.fullmatch(r"\d{4}-Q[1-4]", value):
            quarter_at = t.start
        fields = anchor.get("fields", {})
        named = _resolved_day(value) if fields.get("dshift") else None
        if named is not None:  # "the day before last Tuesday": the
            named -= dt.timedelta(days=fields["dshift"])  # story stays on that Tuesday
            _remember(story, named.isoformat(), dct)
        elif anchor["kind"] not in {"anaphor", "ago", "yearago"} or (
            anchor["kind"] == "anaphor" and fields.get("offset", 0) >= 0
        ):
            _remember(story, value, dct)  # "the next day" moves the story on; "the day before" not
        new_anchor = dict(anchor)
        shift = anchor.get("fields", {}).get("shift")
        if shift:
            try:
                new_anchor["date"] = _shifted(dct, shift["n"], shift["unit"]) if dct else None
            except (ValueError, OverflowError):
                new_anchor["date"] = None
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
        if ref is None:  # "was shot at 10 p.m.": the day the story named just before
            before = [day for _, start, day in days if t.start - DAY_REACH < start < t.start]
            ref = before[-1] if before else None
        own_day = anchor.get("fields", {}).get("day")
        if own_day is not None:  # "9 a.m. Tuesday": the time's own day
            day_anchor = {**own_day, "tense": anchor.get("tense")}
            ref = _resolved_day(_value(day_anchor, {}, dct)) or ref
        try:
            value = _resolve_one(anchor, dct, ref)
        except (ValueError, OverflowError):
            value = None
        out[i] = replace(t, value=value, anchor=dict(anchor))
    return out
