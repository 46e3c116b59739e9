"""Words and regular expressions of time expressions (TIMEX3), English news style."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
    "couple": 2,
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
# "today's world", "today's youth": nouns of an era or a population, after which "today's"
# means the present age (TimeBank leaves it unannotated), not the day of the story
ERA_NOUNS = {
    "world", "youth", "society", "generation", "generations", "children", "kids", "economy",
    "culture", "standards", "age", "times", "computers", "technology", "students", "families",
    "consumers", "market", "markets", "politics", "media", "america", "europe",
}  # fmt: skip
# unit -> (ISO letter, multiplier, needs the "T" time designator)
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "year": ("Y", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False), "quarter": ("Q", 1, False),
}  # fmt: skip
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# meteorological seasons; a winter is named by the year it starts in (2024-WI: Dec 2024-Feb 2025)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31),
    "valentine's day": (2, 14), "boxing day": (12, 26), "independence day": (7, 4),
}  # fmt: skip
# holidays on a weekday of a month: (month, weekday 0=Monday, nth; -1 = the last);
# Easter (and Good Friday, two days before it) by the Gregorian computus
MOVING_HOLIDAYS = {
    "thanksgiving day": (11, 3, 4), "thanksgiving": (11, 3, 4), "memorial day": (5, 0, -1),
    "labor day": (9, 0, 1), "martin luther king day": (1, 0, 3), "presidents' day": (2, 0, 3),
    "presidents day": (2, 0, 3), "mother's day": (5, 6, 2), "father's day": (6, 6, 3),
    "election day": (11, 1, 0), "easter sunday": (4, 6, 0), "easter": (4, 6, 0),
    "good friday": (4, 4, 0),
}  # fmt: skip
SPOKEN_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
               "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
SPOKEN_TEENS = {"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
SPOKEN_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9}  # fmt: skip
SET_ADJECTIVES = {
    "annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "biannual": "P6M",
    "biennial": "P2Y", "quarterly": "P3M", "monthly": "P1M", "weekly": "P1W",
    "daily": "P1D", "nightly": "P1D", "hourly": "PT1H",
}  # fmt: skip
# "the annual meeting", "its quarterly dividend": no time expression before a noun
PRENOMINAL_NOT_SETS = {"annual", "quarterly", "yearly", "biannual", "biennial"}
TIMEZONES = {"utc": "Z", "gmt": "Z", "z": "Z"}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip
# "a year ago" / "the year-earlier quarter": the same stretch of time one year back
YEAR_AGO_UNITS = {"quarter": "quarter", "period": "period", "time": "period", "month": "month",
                  "week": "week", "year": "year"}  # fmt: skip

# ------------------------------------------------------------------ regular expressions


def _alt(words: Iterable[object]) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


_S = r"[ \t]+"  # inside one expression: spaces, never a line break
_COMMA = r"[ \t]*,?[ \t]*"
_NUMW = _alt(k for k in NUMBER_WORDS if k not in {"a", "an", "couple"})
_NUM = (
    # "2,000 years", "2.5 years", "2 1/2 years"
    rf"(?:\d+(?:(?:,\d{{3}})+(?!\d)|\.\d+|[ \t]+1/2)?"
    rf"|(?:{_NUMW})(?:[- ](?:{_NUMW}))?(?:{_S}and{_S}a{_S}half)?"
    rf"|an?(?:{_S}(?:couple{_S}of|few|dozen|hundred|thousand))?|half{_S}an?|couple{_S}of"
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
# "April 24 and 25", "March 3-5": the second day of the pair is a date of its own (TimeML)
RE_SECOND_DAY = re.compile(
    rf"(?P<mon>{_MONTH}){_S}(?P<day>{_DAYNUM})(?:{_S}(?:and|or|to|through){_S}|[ \t]?[-–][ \t]?)"
    rf"(?P<day2>[1-3]?\d)\b(?:{_COMMA}(?P<year>{_YEAR})\b)?(?=[ \t]*(?:[.,;:)\n]|$|[ \t](?:and|in|"
    rf"at|on|when|to|for|with|the|this|next|last|will|would|was|were|is|are|has|had)\b))"
)
RE_DMY = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY}){_COMMA})?(?:the{_S})?(?P<day>{_DAYNUM}){_S}(?:of{_S})?"
    rf"(?P<mon>{_MONTH})(?:{_COMMA}(?P<year>{_YEAR})\b)?"
)
RE_MONTH_YEAR = re.compile(
    rf"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his(?:{_S}(?:past|coming))?){_S})?(?P<mod>{_MOD})?(?P<mon>{_MONTH})"
    rf"(?:{_COMMA}(?:of{_S})?(?P<year>{_YEAR})\b|{_S}(?:of{_S})?(?P<yrel>next|last|this){_S}year\b"
    rf"(?!['’]s))?"
)
RE_YEAR = re.compile(
    rf"(?:(?P<mod>{_MOD}|\b(?:pre|post)-)|(?<![\w$€£.,/-]))(?P<year>{_YEAR})"
    r"(?![\w%]|[.,]\d|-\d|[ \t]*%)"
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
    rf"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|coming|past|[Tt]he{_S}(?:previous|preceding|following))"
    rf"{_S})?(?P<wd>{_WEEKDAY})s?\b"
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
    rf"spring|summer|autumn|fall|winter)\b(?!-|'s{_S}(?:high|low))(?:{_S}or{_S}so\b)?",
    re.I,
)
RE_OF_THE_UNIT = re.compile(
    rf"\b(?:the{_S})?(?:very{_S})?(?:beginning|start|end|middle|rest|remainder|close)"
    rf"{_S}of{_S}the{_S}(?P<unit>week|month|year|decade|century)\b",
    re.I,
)
RE_QUARTER = re.compile(
    rf"\b(?:Q(?P<qn>[1-4])(?:{_S}(?P<qyear>{_YEAR}))?\b|(?:the{_S})?(?:(?P<pyear>{_YEAR}){_S}|"
    rf"(?P<prel>this|last|next){_S}year['’]s{_S})?(?:fiscal[ \t-])?(?P<ord>first|"
    rf"second|third|fourth|final|1st|2nd|3rd|4th)[ \t-]+quarter\b(?:{_S}(?:of{_S})?(?:"
    rf"(?:fiscal{_S})?(?P<year>{_YEAR})\b|(?P<rel>this|last|next|the){_S}year\b))?)",
    re.I,
)
RE_HALF = re.compile(
    rf"\b(?:the{_S})?(?P<ord>first|second|last|latter)[ \t-]+half{_S}of{_S}(?:(?P<year>{_YEAR})|"
    rf"(?P<rel>this|last|next|the){_S}year)\b"
    rf"|\b(?-i:H)(?P<hn>[12]){_S}(?P<hyear>{_YEAR})\b",  # "H1 2024"
    re.I,
)
# "a quarter-century": twenty-five years ("a quarter" alone is a fraction, not a time)
RE_QUARTER_CENTURY = re.compile(r"\b(?:a|one)[ \t-]+quarter[ \t-]+century\b", re.I)
RE_FISCAL = re.compile(
    rf"\b(?:the{_S})?(?:(?P<rel>current|this|last|latest|next|previous|past|coming){_S})?(?:fiscal|"
    rf"financial){_S}year(?:{_S}(?P<year>{_YEAR}))?\b|\bfiscal{_S}(?:year{_S})?(?P<year2>{_YEAR})\b"
    r"|\bFY[ \t]?(?P<year3>\d{4}|\d{2})\b",
    re.I,
)
RE_ANAPHOR = re.compile(
    rf"\b(?:the{_S}(?P<rel>same|next|following|previous|prior|preceding|full|entire|whole){_S}|"
    rf"(?P<that>that){_S})"
    rf"(?P<unit>day|morning|afternoon|evening|night|week|month|year|quarter)\b(?![ \t]*-)"
    rf"|\bthe{_S}(?P<unit2>day|week|month|year){_S}(?P<dir>before|after|earlier|later)"
    rf"(?=[ \t]*(?:[.,;:)!?]|$|and\b|but\b))"
    rf"|\b(?P<inyear>(?:(?:earlier|later){_S}in{_S})?the{_S}year"
    rf"|(?<!day of )(?<!days of )the{_S}week|(?:earlier|later){_S}in{_S}the{_S}day)\b"
    rf"(?!-|{_S}(?:\d|ended\b|ending\b|following\b|"
    rf"of\b|before\b|after\b|earlier\b|later\b|in\b|when\b|that\b|which\b|to\b|and{_S}a{_S}half\b))",
    re.I | re.M,
)
# "the quarter", "the latest quarter": the quarter the story is about
RE_THE_QUARTER = re.compile(
    rf"\b(?:[Tt]he|[Tt]hat)(?:{_S}(?P<latest>latest|most{_S}recent|just-ended|recent))?{_S}"
    rf"(?:quarter|(?<=latest )period)\b"
    rf"(?![ \t-]+(?:of|century)\b|[ \t]*-)(?:(?={_S}(?:ended|ending){_S}(?P<mon>{_MONTH})))?"
)
# "the year ended Sept. 30", "the fiscal year ending June 30": a twelve-month period
RE_YEAR_ENDED = re.compile(
    rf"\b[Tt]he{_S}(?:(?:fiscal|financial){_S})?year(?={_S}(?:ended|ending){_S}(?:{_MONTH}|today|"
    rf"tomorrow|yesterday))"
)
# "by year-end", "at year's end": the end of the year as a whole
RE_YEAR_END = re.compile(rf"\b[Yy]ear(?:-|{_S}|['’]s{_S})end\b")
# "a year ago" as an adjective or a noun phrase: "the year-ago quarter", "year-earlier results",
# "the same period last year"
RE_YEAR_AGO = re.compile(
    rf"\b(?:(?P<the>[Tt]he){_S}(?:(?:comparable|corresponding|same){_S})?)?(?P<core>[Yy]ear-(?:ago|earlier))"
    rf"(?:{_S}(?:(?P<ord>first|second|third|fourth)[ \t-]+)?(?P<unit>quarter|period)\b)?"
    rf"|\b(?P<the2>[Tt]he){_S}(?:same|comparable|corresponding|year-ago){_S}(?P<unit2>period|quarter|"
    rf"time|month|week)(?:{_S}(?:of{_S})?(?:(?:the{_S})?last{_S}year|a{_S}year{_S}(?:ago|earlier)|"
    rf"the{_S}(?:previous|prior){_S}year))\b"
    rf"|\b(?P<the3>[Tt]he){_S}(?P<py>{_YEAR}){_S}(?P<unit3>quarter|period)\b"
    rf"|\b[Ll]ast{_S}year['’]s{_S}(?:(?:comparable|corresponding|same){_S})?(?P<unit4>quarter|period)\b",
)
RE_DECADE_WORD = re.compile(
    rf"\b(?:the{_S})?(?P<mod>(?:early|late|mid)(?:{_S}|-))?(?:nineteen[ \t-])?"
    rf"(?P<dec>{_alt(DECADE_WORDS)})\b",
    re.I,
)
# "today is the eighth day of Desert Shield", "it's the second day of the offensive": the DCT
RE_ORDINAL_DAY_TODAY = re.compile(
    rf"\b(?:[Tt]oday|[Ii]t|[Tt]his)(?:['’]s|{_S}is){_S}(?P<day>the{_S}(?:{_alt(ORDINALS)}){_S}day)\b",
    re.I,
)
RE_WEEKEND = re.compile(rf"\bthe{_S}weekend\b", re.I)
RE_SEASON = re.compile(
    rf"\b(?:(?P<rel>this(?:{_S}(?:past|coming))?|last|next|the{_S}coming|the{_S}past|the){_S})?"
    rf"(?:(?P<mod>early|late|mid)[ \t-]+)?(?P<season>spring|summer|"
    rf"autumn|fall|winter)(?:{_COMMA}(?:of{_S})?(?P<year>{_YEAR}))?\b",
    re.I,
)
RE_DURATION = re.compile(
    rf"(?<![\w-])(?P<approx>(?:nearly|almost|more{_S}than|less{_S}than|at{_S}least|up{_S}to|"
    rf"no{_S}more{_S}than){_S})?(?:(?P<the>the){_S}(?:(?P<rel>past|last|next|coming|previous|"
    rf"first|following|final|remaining|preceding|latest|recent){_S})?)?"
    rf"(?:(?P<lo>\d+|{_NUMW})(?:{_S}(?:to|or){_S}|[-–](?=\d)))?(?P<num>{_NUM}|single(?=-))(?P<sep>{_S}|-)"
    rf"(?:(?:straight|consecutive|successive|full|whole|long|more|additional|extra|trading|"
    rf"business|working|calendar){_S})?"
    rf"(?P<unit>{_UNIT})(?:(?P<long>-long)|(?!-(?!old\b)))\b(?P<old>[ \t-]+old\b)?"
    rf"(?P<orso>{_S}or{_S}so\b)?(?:{_S}(?P<after>ago|earlier|later|before|after|from{_S}now)\b)?",
    re.I,
)
RE_HALF_UNIT = re.compile(
    rf"\b(?:a|one)[ \t]+(?P<unit>decade|year|month|week|day|hour|minute){_S}and{_S}a{_S}half\b",
    re.I,
)
# "a day-long meeting", "their third day-long session": one unit, written without a count
RE_UNIT_LONG = re.compile(r"(?<![\w-])(?P<unit>day|night|week|month|year|hour|decade)-long\b", re.I)
RE_VAGUE = re.compile(
    rf"\b(?P<prep>for|over|in|within|during|across|throughout)?(?:{_S})?(?P<the>the{_S})?"
    rf"(?:(?P<rel>past|last|next|coming|recent|following|previous|upcoming){_S})?"
    rf"(?:(?P<q>several|few|many|some|numerous|a{_S}few|a{_S}couple{_S}of){_S})?"
    rf"(?P<unit>minutes|hours|days|weeks|months|quarters|years|decades|centuries)\b(?P<long>-long)?"
    # "in the weeks ahead" (not "weeks ahead of the vote": a preposition)
    rf"(?:{_S}(?P<ahead>ahead)\b(?!{_S}of\b))?"
    rf"(?:{_S}(?P<after>ago|before|after|later|earlier)\b)?",
    re.I,
)
RE_REF = re.compile(
    r"(?<![\w-])(?P<present>now|nowadays|presently|currently|at present|at the moment|these days|"
    r"the present day|current(?=[ \t]+(?!account|accounts)[a-z]))(?![\w-])"
    r"|\b(?P<past>recently|lately|in the past|more recently|until recently|"
    # "the then current price": the present of a past time
    r"(?:a long time|long) ago|then[ \t-]current(?=[ \t]+[a-z]))\b"
    # not "the foreseeable future": an idiom for "indefinitely", unannotated in TimeBank
    r"|\b(?P<future>(?:the|in)(?: near| distant)? future|in future|the (?:near|short) term)\b"
    r"|\b(?P<unknown>an? (?:later|earlier|future|unspecified|undisclosed) (?:date|time))\b",
    re.I,
)
RE_SET = re.compile(
    rf"\b(?P<q>every|each|per){_S}(?:(?P<other>other){_S})?(?P<unit>second|minute|hour|day|"
    rf"night|week|month|year|decade|quarter|{_alt(WEEKDAYS)}|{_PART}|(?-i:{_MONTH_FULL}))\b"
    # "every three months": a step of several units
    rf"|\b(?P<q2>every){_S}(?P<n>\d+|{_NUMW}){_S}(?P<units>seconds|minutes|hours|days|nights|"
    rf"weeks|months|years|decades|quarters)\b"
    rf"|\b(?P<adj>{_alt(SET_ADJECTIVES)})\b",
    re.I,
)
RE_TIME = re.compile(
    # "0800 GMT" first: the clock-time branch would read its "08" and give up
    r"\b(?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d)(?:[ \t]*(?:hrs|hours))?"
    r"(?P<tz2>[ \t]*(?:UTC|GMT|BST|CET|CEST|EST|EDT|PST|PDT|CST|CDT|local[ \t]+time)\b)"
    r"|\b(?P<h>[01]?\d|2[0-3])(?:(?::|\.(?=\d\d[ \t]*[ap]\.?m))(?P<m>[0-5]\d))?"
    r"(?:[ \t]*(?P<ampm>[ap])\.?[ \t]?m\b\.?)?(?P<tz>[ \t]*(?:UTC|GMT|BST|CET|CEST|EST|EDT|"
    r"PST|PDT|CST|CDT|ET|PT)\b)?|\b(?P<named>noon|midnight|midday)\b"
    r"(?P<tz3>[ \t]*(?:UTC|GMT|EST|EDT|PST|PDT|CST|CDT|BST|CET|CEST)\b)?",
    re.I,
)
# a part of the day without a day named: "in the morning", "by mid afternoon", "early evening";
# the day is the story's (TIMEX3 writes it 2000-04-05TAF); a relative day may follow
RE_PART_OF_DAY = re.compile(
    rf"(?:\b(?:in|by|during|until|till|through|throughout|since|from){_S}(?P<the>the{_S}"
    rf"(?:(?:early|late|mid)[ \t-]?)?)|(?<![\w-])(?P<mod>(?:early|late|mid)[ \t-]?))"
    rf"(?P<part>morning|afternoon|evening)\b(?!-|{_S}(?:of|news|paper|newspaper|show|edition|"
    rf"session|prayers?|service|star|line|rush|shift|meal|tea|class|classes|peak|hours?)\b)"
    rf"(?:{_S}(?P<word>yesterday|today|tomorrow)\b)?",
    re.I,
)
# "4 in the morning", "eight in the evening": a clock time with its half of the day
_HOUR_WORDS = _alt(k for k, v in NUMBER_WORDS.items() if 1 <= v <= 12 and k not in {"a", "an"})
RE_HOUR_OF_PART = re.compile(
    rf"\b(?P<h>1[0-2]|[1-9]|{_HOUR_WORDS})"
    rf"(?:{_S}o['’]clock)?{_S}(?:in{_S}the{_S}(?P<part>morning|afternoon|evening)|at{_S}night)\b",
    re.I,
)
# "1957-58", "2014–15": two years, the second given by its last two digits
RE_YEAR_PAIR = re.compile(rf"(?<![\w$€£.,/-])(?P<y1>{_YEAR})[–-](?P<y2>\d\d)(?![\w%]|[.,]\d)")
RE_HOLIDAY = re.compile(rf"\b(?:{_alt(k.title() for k in HOLIDAYS)})", re.I)
RE_MOVING_HOLIDAY = re.compile(
    rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his){_S})?"
    rf"(?P<name>{_alt(k.title() for k in MOVING_HOLIDAYS)})\b"
    rf"(?:(?P<week>[ \t]+week)\b|(?![ \t]+(?:[A-Z]|week)))"  # "Easter week": its ISO week
)
# "nineteen ninety-six", "the year two thousand": years read out (broadcast transcripts)
RE_SPOKEN_YEAR = re.compile(
    rf"\b(?:(?P<c>nineteen|eighteen){_S}(?P<t>{_alt(SPOKEN_TENS)})"
    rf"(?:[- ](?P<o>{_alt(SPOKEN_ONES)}))?"
    rf"|(?P<c2>nineteen|eighteen){_S}(?P<teen>{_alt(SPOKEN_TEENS)})"
    rf"|(?:the{_S}year{_S})?two{_S}thousand(?:{_S}(?:and{_S})?(?P<o2>{_alt(SPOKEN_ONES)}|ten|"
    rf"{_alt(SPOKEN_TEENS)}))?)\b",
    re.I,
)

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
    "poise", "seek", "propose", "forecast", "predict", "project",
}  # fmt: skip
FALLBACK_JUNK = re.compile(
    r"^(?:an?|the|all|some)?\s*(?:\w+-)?(?:day|days|night|nights|hour|hours|minute|minutes|"
    r"morning|evening|afternoon|time|times|week)$|-|^an?\s"
    r"|^(?:his|her|its|our|their|my|your|only)\s|\sof$",  # "his year", "the night of"
    re.I,
)
