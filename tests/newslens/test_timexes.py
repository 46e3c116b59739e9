"""Time expressions: detection and TIMEX3 normalisation against fixed publication dates."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslens.model import Analysis, Timex
from newslens.timexes import extract_timexes, resolve_timexes


def timexes(nlp, text: str, dct: str | None) -> list[Timex]:
    return extract_timexes(nlp(text), dct)


def the(nlp, text: str, dct: str | None, span: str) -> Timex:
    """The one timex whose text is `span` (fails with the full list otherwise)."""
    found = timexes(nlp, text, dct)
    hits = [t for t in found if t.text == span]
    assert len(hits) == 1, [(t.text, t.value) for t in found]
    return hits[0]


def value(nlp, text: str, dct: str | None, span: str) -> str | None:
    return the(nlp, text, dct, span).value


# ------------------------------------------------------------ one rule each


def test_offsets_point_into_the_text(nlp):
    text = "Talks began on May 16, 2025 and lasted two hours.\nThey resume next week."
    for t in timexes(nlp, text, "2025-05-20"):
        assert text[t.start : t.end] == t.text


def test_full_dates_in_several_spellings(nlp):
    assert value(nlp, "It closed on May 16, 2025.", None, "May 16, 2025") == "2025-05-16"
    assert value(nlp, "It closed on 16 May 2025.", None, "16 May 2025") == "2025-05-16"
    assert value(nlp, "Paris , March 01 , 2008 .", None, "March 01 , 2008") == "2008-03-01"
    assert value(nlp, "It was chosen as 7/8/07 .", None, "7/8/07") == "2007-07-08"
    assert value(nlp, "Filed on 2024-11-05 in Ohio.", None, "2024-11-05") == "2024-11-05"


def test_month_day_takes_the_year_of_the_publication_date(nlp):
    text = "The talks took place on May 16, but Russia sent a low-level delegation."
    assert value(nlp, text, "2025-05-20", "May 16") == "2025-05-16"


def test_years_months_decades_centuries(nlp):
    assert value(nlp, "The first jets will be delivered in 2014 .", None, "2014") == "2014"
    assert value(nlp, "Deliveries begin in May 2008 .", None, "May 2008") == "2008-05"
    assert value(nlp, "It was built in the 1990s.", None, "the 1990s") == "199"
    assert value(nlp, "It grew in the 21st century.", None, "the 21st century") == "20"
    assert value(nlp, "It was released in mid-2011 .", None, "mid-2011") == "2011"


def test_bare_month_resolved_by_tense(nlp):
    assert value(nlp, "The plane crashed in March.", "2025-05-20", "March") == "2025-03"
    assert value(nlp, "The plant will open in March.", "2025-05-20", "March") == "2026-03"


def test_relative_days(nlp):
    dct = "2025-05-20"
    assert value(nlp, "He arrived yesterday.", dct, "yesterday") == "2025-05-19"
    assert value(nlp, "Apple today announced a phone.", dct, "today") == "2025-05-20"
    assert value(nlp, "It rained. Today Apple announced a phone.", dct, "Today") == "2025-05-20"
    assert value(nlp, "They meet tomorrow.", dct, "tomorrow") == "2025-05-21"
    assert value(nlp, "Apple announced this morning.", dct, "this morning") == "2025-05-20TMO"


def test_a_past_verb_says_little_about_the_time_of_its_object(nlp):
    dct = "1990-08-16"
    text = (
        "Iraq has informed oil companies of a 15-20 percent cutback in its oil supply "
        "in September. Meanwhile, Egypt said."
    )
    assert value(nlp, text, dct, "September") == "1990-09"
    assert value(nlp, "Iraq cut its oil supply in September .", dct, "September") == "1989-09"


def test_weekdays_by_tense(nlp):
    dct = "2025-05-20"  # a Tuesday
    assert value(nlp, "Putin spoke to Trump on Monday.", dct, "Monday") == "2025-05-19"
    assert value(nlp, "Putin spoke to Trump on Tuesday.", dct, "Tuesday") == "2025-05-20"
    assert value(nlp, "Putin will speak to Trump on Friday.", dct, "Friday") == "2025-05-23"
    assert value(nlp, "The trial is set to begin on Friday.", dct, "Friday") == "2025-05-23"
    assert value(nlp, "Talks ended Friday morning.", dct, "Friday morning") == "2025-05-16TMO"
    # "as early as", a modal on a bare verb: a day still to come
    text = "The envoy could arrive in Paris as early as Monday."
    assert value(nlp, text, dct, "Monday") == "2025-05-26"
    text = "The team might fly home on Monday, aides said."
    assert value(nlp, text, dct, "Monday") == "2025-05-26"
    # a planning verb dates the plan, not what is planned, when the day comes first or the
    # participle has nothing planned *for*; "set for Friday" still looks ahead
    text = "On Monday, the ministry planned to pay the bonuses."
    assert value(nlp, text, dct, "Monday") == "2025-05-19"
    text = "The index is near the record high set on Friday ."
    assert value(nlp, text, dct, "Friday") == "2025-05-16"
    text = "Protesters planned a large rally on Friday ."
    assert value(nlp, text, dct, "Friday") == "2025-05-23"
    text = "The summit set for Friday is in doubt ."
    assert value(nlp, text, dct, "Friday") == "2025-05-23"
    # a plan in the pluperfect was for a day now past
    text = "The offer had been scheduled to expire on Friday."
    assert value(nlp, text, dct, "Friday") == "2025-05-16"


def test_calendar_units_around_the_dct(nlp):
    dct = "2025-05-20"  # ISO week 21
    assert value(nlp, "He spoke last week.", dct, "last week") == "2025-W20"
    assert value(nlp, "They meet next week.", dct, "next week") == "2025-W22"
    assert value(nlp, "Sales rose earlier this month.", dct, "earlier this month") == "2025-05"
    assert value(nlp, "Sales rose this year.", dct, "this year") == "2025"
    assert value(nlp, "Sales rose last year.", dct, "last year") == "2024"
    assert value(nlp, "It became public this weekend.", dct, "this weekend") == "2025-W21-WE"


def test_quarters_and_halves(nlp):
    dct = "2025-05-20"
    assert value(nlp, "Profits are expected in Q3.", dct, "Q3") == "2025-Q3"
    assert value(nlp, "Results for Q3 2024 were weak.", dct, "Q3 2024") == "2024-Q3"
    text = "Profits rose in the third quarter of 2024."
    assert value(nlp, text, dct, "the third quarter of 2024") == "2024-Q3"
    text = "Profits rose during the last quarter."
    assert value(nlp, text, "2007-01-18", "the last quarter") == "2006-Q4"
    text = "Sales rose 5% in the latest period , it said ."
    assert value(nlp, text, "2007-01-18", "the latest period") == "2006-Q4"
    text = "Sales fell in the first half of this year."
    assert value(nlp, text, dct, "the first half of this year") == "2025-H1"


def test_fiscal_years_and_weekends(nlp):
    dct = "2007-01-18"  # a Thursday
    # TimeBank: a US fiscal year is written as its calendar year; "financial year", "FY" keep FY
    assert value(nlp, "Profit rose in fiscal 2009 .", dct, "fiscal 2009") == "2009"
    text = "Earnings for the current fiscal year will rise."
    assert value(nlp, text, dct, "the current fiscal year") == "2007"
    text = "It earned $5 million in the latest fiscal year."
    assert value(nlp, text, dct, "the latest fiscal year") == "2006"
    text = "Profit for the financial year will rise."
    assert value(nlp, text, dct, "the financial year") == "FY2007"
    assert value(nlp, "Sales rose in FY2009 .", dct, "FY2009") == "FY2009"
    assert value(nlp, "Shares fell over the weekend.", dct, "the weekend") == "2007-W02-WE"
    assert value(nlp, "Shares will rise over the weekend.", dct, "the weekend") == "2007-W03-WE"


def test_seasons(nlp):
    dct = "2025-05-20"
    assert value(nlp, "The army withdrew in the summer.", dct, "the summer") == "2024-SU"
    assert value(nlp, "The talks will resume in the summer.", dct, "the summer") == "2025-SU"
    assert value(nlp, "It opened in the summer of 2010 .", dct, "the summer of 2010") == "2010-SU"
    assert value(nlp, "Prices rose last winter.", dct, "last winter") == "2024-WI"
    # a winter is named by the year it starts in
    assert value(nlp, "It is cold this winter.", "2025-01-10", "this winter") == "2024-WI"
    assert value(nlp, "It was hot last summer.", "2025-08-01", "last summer") == "2024-SU"
    assert [t.text for t in timexes(nlp, "He studied the fall of the Wall.", dct)] == []


def test_vague_references(nlp):
    dct = "2025-05-20"
    assert value(nlp, "Talks may resume in the coming days.", dct, "the coming days") == (
        "FUTURE_REF"
    )
    assert value(nlp, "The nano is now smaller.", dct, "now") == "PRESENT_REF"
    assert value(nlp, "He recently left the firm.", dct, "recently") == "PAST_REF"
    assert value(nlp, "There is little hope in the near future.", dct, "the near future") == (
        "FUTURE_REF"
    )
    assert value(nlp, "It has been delayed several years .", dct, "several years") == "PXY"


def test_durations(nlp):
    dct = "2025-05-20"
    assert the(nlp, "It has grown after two weeks of diplomacy.", dct, "two weeks").value == "P2W"
    call = the(nlp, "Despite a two-hour telephone call, no deal.", dct, "two-hour")
    assert (call.type, call.value) == ("DURATION", "PT2H")
    assert value(nlp, "The aircraft 's fifty-year service life .", dct, "fifty-year") == "P50Y"
    assert value(nlp, "It is 18 months behind schedule .", dct, "18 months") == "P18M"
    text = "It is two and a half years late."
    # a fraction in the next smaller unit, as TimeBank writes it
    assert value(nlp, text, dct, "two and a half years") == "P2Y6M"
    assert value(nlp, "They lived there for 2 1/2 years .", dct, "2 1/2 years") == "P2Y6M"
    assert value(nlp, "She spent 5 1/2 hours there .", dct, "5 1/2 hours") == "PT5H30M"
    text = "A minute and a half later , it fell ."
    assert value(nlp, text, dct, "A minute and a half") == "PT1M30S"
    assert value(nlp, "The talks lasted half an hour .", dct, "half an hour") == "PT30M"
    assert value(nlp, "The system failed after thirty minutes .", dct, "thirty minutes") == (
        "PT30M"
    )
    assert value(nlp, "Cuts over the next four years .", dct, "the next four years") == "P4Y"


def test_ago_is_a_date_at_the_granularity_of_its_unit(nlp):
    # TimeML (TempEval-3, MEANTIME): "six years ago" is the date it points to, not a duration
    t = the(nlp, "The project began two weeks ago.", "2025-05-20", "two weeks ago")
    assert (t.type, t.value) == ("DATE", "2025-W19")
    assert value(nlp, "It began three days ago.", "2025-05-20", "three days ago") == "2025-05-17"
    assert value(nlp, "He left six years ago.", "2025-05-20", "six years ago") == "2019"
    assert value(nlp, "It fell nearly two months ago.", "2025-05-20", "nearly two months ago") == (
        "2025-03"
    )


def test_sets(nlp):
    dct = "2025-05-20"
    t = the(nlp, "They will build tankers at a rate of 15 a year .", dct, "a year")
    assert (t.type, t.value) == ("SET", "P1Y")
    assert value(nlp, "He sang at church every week.", dct, "every week") == "P1W"
    assert timexes(nlp, "Sales grow 8% annually.", dct) == []  # a rate (TimeBank)
    assert value(nlp, "They march each July to the church .", dct, "each July") == "XXXX-07"
    assert timexes(nlp, "Each may take a seat .", dct) == []  # "may" the verb
    # before a noun, "annual"/"quarterly" name no time ("the annual meeting", TimeML)
    assert "annual" not in {t.text for t in timexes(nlp, "It holds an annual meeting.", dct)}


def test_clock_time_takes_the_day_named_in_its_sentence(nlp):
    text = "The Dreamliner made its first flight Tuesday in Everett at 18:00 UTC ."
    found = {t.text: t.value for t in timexes(nlp, text, "2009-12-16")}
    assert found["Tuesday"] == "2009-12-15"
    assert found["18:00 UTC"] == "2009-12-15T18:00Z"


def test_the_previous_and_following_weekday_count_from_the_story_day(nlp):
    dct = "2025-05-20"  # a Tuesday
    text = "The index fell on Friday , down 4.5% from the previous Friday ."
    assert value(nlp, text, dct, "the previous Friday") == "2025-05-09"
    text = "He arrived on May 3, 2025 and left the following Monday ."
    assert value(nlp, text, dct, "the following Monday") == "2025-05-05"


def test_a_quoted_date_is_still_a_date(nlp):
    assert value(nlp, 'He said : "March 5 is the day ."', "2025-02-10", "March 5") == "2025-03-05"


def test_second_day_of_a_pair_and_prefixed_years(nlp):
    text = "The summit will be held on April 24 and 25 ."
    found = {t.text: t.value for t in timexes(nlp, text, "2025-02-10")}
    assert found == {"April 24": "2025-04-24", "25": "2025-04-25"}
    text = "Talks ran March 3-5, 2009 , in Geneva ."
    found = {t.text: t.value for t in timexes(nlp, text, "2025-02-10")}
    assert found["March 3"] == "2009-03-03" and found["5"] == "2009-03-05"
    # a count after a date is no second day
    text = "Sales rose on Jan. 5 to 12 percent ."
    assert [t.text for t in timexes(nlp, text, "2025-02-10")] == ["Jan. 5"]
    assert value(nlp, "The post-1959 politics split families .", "2025-02-10", "post-1959") == (
        "1959"
    )


def test_parts_of_the_day_take_the_story_day(nlp):
    dct = "2025-05-20"  # a Tuesday
    text = "Markets fell on Friday. Traders sold heavily in the morning."
    found = {t.text: (t.type, t.value) for t in timexes(nlp, text, dct)}
    assert found["the morning"] == ("TIME", "2025-05-16TMO")
    assert value(nlp, "By mid afternoon , the rally had faded .", dct, "mid afternoon") == (
        "2025-05-20TAF"
    )
    text = "At mid-afternoon yesterday , shares were up ."
    assert value(nlp, text, dct, "mid-afternoon yesterday") == "2025-05-19TAF"
    text = "The ferry will leave at 4 in the morning ."
    assert value(nlp, text, dct, "4 in the morning") == "2025-05-20T04:00"
    assert value(nlp, "He phoned at ten at night .", dct, "ten at night") == "2025-05-20T22:00"
    # a part of the day that names a thing is no time
    text = "She read the morning paper and watched the evening news ."
    assert timexes(nlp, text, dct) == []


def test_clock_time_takes_the_nearest_day_even_when_named_after_it(nlp):
    text = "The earthquake struck at 2:46 p.m. local time on Friday ."
    found = {t.text: t.value for t in timexes(nlp, text, "2011-03-15")}
    assert found["2:46 p.m."] == "2011-03-11T14:46"
    found = {t.text: t.value for t in timexes(nlp, "It ended at 6 pm on May 3, 2020.", None)}
    assert found["6 pm"] == "2020-05-03T18:00"


def test_the_next_day_follows_the_story_not_the_dct(nlp):
    text = (
        "The earthquake struck on March 11 . The next day , a reactor exploded . "
        "In 2009 , sales fell from the previous year and recovered the following year ."
    )
    found = {t.text: t.value for t in timexes(nlp, text, "2011-03-15")}
    assert found["The next day"] == "2011-03-12"
    assert found["the previous year"] == "2008"
    assert found["the following year"] == "2010"
    assert value(nlp, "He signed it the same day .", "2011-03-15", "the same day") == "2011-03-15"
    # "for the week", "later in the day": the story's week and day
    text = "The index fell on Friday , March 11 . For the week , it lost 3% ."
    assert value(nlp, text, "2011-03-15", "the week") == "2011-W10"
    text = "The quake struck on March 11 . Later in the day , a reactor failed ."
    assert value(nlp, text, "2011-03-15", "Later in the day") == "2011-03-11"
    text = "It was the busiest day of the week ."
    assert [t.value for t in timexes(nlp, text, "2011-03-15")] in ([], [None])


def test_the_full_year_is_not_a_target_year_named_before_it(nlp):
    text = "It aims to double sales by 2030 . It forecast a profit for the full year ."
    assert value(nlp, text, "2025-10-30", "the full year") == "2025"


def test_spacy_entities_that_name_no_time_are_dropped(nlp):
    for text in ("The teacher knew him from his year in kindergarten .",
                 "He was shot on the night of Oct. 23 at home ."):  # fmt: skip
        found = [t.text for t in timexes(nlp, text, "1998-11-20")]
        assert "his year" not in found and "the night of" not in found


def test_year_ranges_are_their_two_years(nlp):
    """TimeML (TimeBank, TempEval-3): 'between 1985 and 1987' is two DATEs, no duration."""
    for text in (
        "It will receive six aircraft from 2009 to 2011 .",
        "He sold the shares between 2009 and 2011 , records show .",
    ):
        found = [(t.text, t.type, t.value) for t in timexes(nlp, text, "2012-06-09")]
        assert found == [("2009", "DATE", "2009"), ("2011", "DATE", "2011")]


@pytest.mark.parametrize(
    "text",
    [
        "USA Today reported the story.",
        "He told USA Today that it was fine. She watched Larry King Now on TV.",
        "Jobs, aged 56, left the company.",
        "A second A380 is also travelling to the U.S.",
        "Less than a quarter of the donors gave more.",
        "The five-year-old boy was found.",
        "It is a slow-moving issue on a day-to-day basis.",
        "The flight carried 2,400 people and 737 bags.",
        "You may leave the room.",
        'Baker said on ABC\'s "This Week" that talks had stalled.',
        "He told CBS's ''60 Minutes'' he would stay.",
    ],
)
def test_no_time_expression(nlp, text):
    assert [(t.text, t.value) for t in timexes(nlp, text, "2025-05-20")] == []


# ------------------------------------------------------------ tricky cases, one table

TRICKY = [
    # weekday around the DCT (2025-05-16 is a Friday)
    ("They will meet next Friday.", "2025-05-16", "next Friday", "2025-05-23"),
    ("They met last Friday.", "2025-05-16", "last Friday", "2025-05-09"),
    ("They will meet next Friday.", "2025-05-14", "next Friday", "2025-05-16"),
    ("The summit opened on Friday.", "2025-05-16", "Friday", "2025-05-16"),
    ("He resigned on Saturday.", "2025-05-16", "Saturday", "2025-05-10"),
    ("They will vote on Saturday.", "2025-05-16", "Saturday", "2025-05-17"),
    ("The Senate voted on Sunday.", "2025-01-01", "Sunday", "2024-12-29"),
    ("Democrats vote on Saturday.", "2025-05-14", "Saturday", "2025-05-17"),
    ("Apple says Monday that sales rose.", "2025-05-14", "Monday", "2025-05-12"),
    ("They meet this Friday.", "2025-05-18", "this Friday", "2025-05-23"),
    # year rollover in January articles, and the other way round
    ("The deal was signed on December 28.", "2025-01-03", "December 28", "2024-12-28"),
    ("Deliveries began in December.", "2025-01-03", "December", "2024-12"),
    ("The vote will take place on January 10.", "2024-12-20", "January 10", "2025-01-10"),
    ("The plane crashed on 11 December .", "2010-01-25", "11 December", "2009-12-11"),
    ("Sales fell last week.", "2025-01-01", "last week", "2024-W52"),
    ("Sales fell last year.", "2025-01-01", "last year", "2024"),
    # "last month" early in the year
    ("Prices rose last month.", "2025-03-15", "last month", "2025-02"),
    ("Prices rose last month.", "2025-01-15", "last month", "2024-12"),
    ("It aired last December.", "2025-05-20", "last December", "2024-12"),
    ("Exports rose last May.", "2025-05-20", "last May", "2024-05"),
    ("The firm reported on the fourth quarter.", "2025-01-20", "the fourth quarter", "2024-Q4"),
    ("Thousands have died since January 1st.", "2016-10-15", "January 1st", "2016-01-01"),
    ("He arrived yesterday.", "2025-03-01", "yesterday", "2025-02-28"),
    # a weekday named with the date picks the year; a slip of a few days is no other year
    (
        "Apple will release it on Friday , March 11 .",
        "2011-03-15",
        "Friday , March 11",
        "2011-03-11",
    ),
    ("The talks took place on May 22.", "2025-05-20", "May 22", "2025-05-22"),
    ("Sales fell 2% a year earlier.", "2025-05-20", "a year earlier", "2024"),
    ("Stocks fell for seven straight weeks.", "2025-05-20", "seven straight weeks", "P7W"),
    ("Tickets go on sale next month.", "2025-12-10", "next month", "2026-01"),
]


@pytest.mark.parametrize(("text", "dct", "span", "expected"), TRICKY)
def test_tricky_cases(nlp, text, dct, span, expected):
    assert value(nlp, text, dct, span) == expected


# ------------------------------------------------------------ no DCT, re-resolution

TEXT = (
    "Putin spoke to Trump on Monday. The talks took place on May 16, 2025 and in 1998. "
    "Sales fell last week, two weeks ago and yesterday."
)


def test_without_a_dct_absolute_dates_resolve_and_relative_ones_stay_open(nlp):
    found = {t.text: t.value for t in timexes(nlp, TEXT, None)}
    assert found["May 16, 2025"] == "2025-05-16"
    assert found["1998"] == "1998"
    assert found["two weeks ago"] is None  # a date relative to the DCT
    for relative in ("Monday", "last week", "yesterday"):
        assert relative in found and found[relative] is None
    assert value(nlp, "The talks took place on May 16.", None, "May 16") is None


def test_resolve_timexes_re_anchors_without_the_doc(nlp):
    first = timexes(nlp, TEXT, "2025-05-20")
    moved = resolve_timexes(first, "2024-03-06")  # a Wednesday
    before = {t.text: t.value for t in first}
    after = {t.text: t.value for t in moved}
    assert before["Monday"] == "2025-05-19" and after["Monday"] == "2024-03-04"
    assert before["last week"] == "2025-W20" and after["last week"] == "2024-W09"
    assert before["yesterday"] == "2025-05-19" and after["yesterday"] == "2024-03-05"
    assert after["May 16, 2025"] == "2025-05-16"
    assert before["two weeks ago"] == "2025-W19" and after["two weeks ago"] == "2024-W08"
    # the same spans, untouched inputs
    assert [(t.start, t.end) for t in moved] == [(t.start, t.end) for t in first]
    assert {t.text: t.value for t in first} == before
    cleared = {t.text: t.value for t in resolve_timexes(first, None)}
    assert cleared["Monday"] is None and cleared["1998"] == "1998"


def test_anchor_survives_json_and_the_analysis_round_trip(nlp):
    first = timexes(nlp, TEXT, "2025-05-20")
    analysis = Analysis(id="x", text=TEXT, timexes=first)
    restored = Analysis.from_dict(json.loads(json.dumps(analysis.to_dict())))
    again = resolve_timexes(restored.timexes, "2025-05-20")
    assert [(t.text, t.value) for t in again] == [(t.text, t.value) for t in first]


def test_timex_without_anchor_is_left_alone():
    given = [Timex(0, 5, "later", "DATE", "XXXX-XX-XX")]
    assert resolve_timexes(given, "2025-05-20") == given


# ------------------------------------------------------------ the seed article


def test_seed_article(nlp, seed_text):
    found = extract_timexes(nlp(seed_text), "2025-05-20")
    by_text = {t.text: t for t in found}
    assert by_text["May 16"].value == "2025-05-16"
    assert by_text["two weeks"].value == "P2W"
    assert not any(t.type == "DATE" and "two-hour" in t.text for t in found)
    assert by_text["two-hour"].type == "DURATION"
    for t in found:
        assert seed_text[t.start : t.end] == t.text


# ------------------------------------------------------------ robustness

WORDS = [
    "May", "may", "16", "2025", "last", "next", "week", "Friday", "ago", "two", "-", "year",
    "the", "1990s", "Q3", "12:30", "p.m.", "UTC", "a", "every", "fiscal", "quarter", "of",
    "\n", ",", "31", "February", "30", "2/30/2009", "2024-13-45", "today", "USA", "Today",
    "half", "and", "years", "old", "since", "decades-long", "now", "’s", "in", "tonight",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=30),
    dct=st.sampled_from([None, "2025-05-20", "2024-02-29", "not a date", "2025-01-01T10:00"]),
)
def test_never_raises_and_offsets_hold(nlp, words, dct):
    text = " ".join(words)
    found = extract_timexes(nlp(text), dct)
    for t in found:
        assert text[t.start : t.end] == t.text
        assert t.type in {"DATE", "TIME", "DURATION", "SET"}
    json.dumps([t.anchor for t in resolve_timexes(found, "2020-03-15")])


# ------------------------------------------------------------ kinds seen on unseen text

UNSEEN_KINDS = [  # (text, DCT, span, type, value); 2016-06-15 is a Wednesday
    ("The talks collapsed in the autumn.", "2016-06-15", "the autumn", "DATE", "2015-FA"),
    ("It was hot in summer.", "2016-08-15", "summer", "DATE", "2016-SU"),
    ("It will close by the end of the year.", "2016-06-15", "the end of the year", "DATE", "2016"),
    ("Sales rose 5% the year before.", "2016-06-15", "the year before", "DATE", "2015"),
    ("It was founded six years ago.", "2016-06-15", "six years ago", "DATE", "2010"),
    ("The talks were adjourned until Friday.", "2016-06-15", "Friday", "DATE", "2016-06-17"),
    ("The two sides agreed in October to cut output.", "2016-06-15", "October", "DATE", "2015-10"),
    ("The plant opens in October of next year.", "2016-06-15", "October of next year", "DATE",
     "2017-10"),
    ("The summit ended on Monday. That day, crowds marched.", "2016-06-15", "That day", "DATE",
     "2016-06-13"),
    ("Sales fell 3% from the same period last year.", "2016-06-15",
     "the same period last year", "DATE", "2015"),
    ("Shares suffered a single-day drop.", "2016-06-15", "single-day", "DURATION", "P1D"),
    ("The economy shrank for two consecutive quarters.", "2016-06-15",
     "two consecutive quarters", "DURATION", "P2Q"),
    ("The loan is due in 60 to 90 days.", "2016-06-15", "60 to 90 days", "DURATION", "P60D"),
    ("He played there in 1957-58.", "2016-06-15", "58", "DATE", "1958"),
    ("The fashion of the '80s returned.", "2016-06-15", "the '80s", "DATE", "198"),
    ("The nineties were good years.", "2016-06-15", "The nineties", "DATE", "199"),
    ("The market opens at 0800 GMT.", "2016-06-15", "0800 GMT", "TIME", "2016-06-15T08:00Z"),
    ("Polls closed at 9 p.m. Tuesday.", "2016-06-15", "9 p.m. Tuesday", "TIME", "2016-06-14T21:00"),
    ("The tax is currently 5%.", "2016-06-15", "currently", "DATE", "PRESENT_REF"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "dct", "span", "type_", "expected"), UNSEEN_KINDS)
def test_kinds_seen_on_unseen_text(nlp, text, dct, span, type_, expected):
    t = the(nlp, text, dct, span)
    assert (t.type, t.value) == (type_, expected)


def test_a_quarter_is_a_fraction_not_a_date(nlp):
    assert timexes(nlp, "Profits fell by a quarter.", "2016-06-15") == []


def test_a_year_ago_in_a_quarterly_report_is_that_quarter_a_year_back(nlp):
    text = (
        "In the third quarter, net income rose 5% from a year ago. The year-ago quarter was weak."
    )
    found = {t.text: t.value for t in timexes(nlp, text, "2016-10-20")}
    assert found["the third quarter"] == "2016-Q3"
    assert found["a year ago"] == "2015-Q3"
    assert found["The year-ago quarter"] == "2015-Q3"
    # a quarter without a year, reported after it ended, is the one just past
    assert value(nlp, "It expects a loss for the third quarter.", "2016-10-20",
                 "the third quarter") == "2016-Q3"  # fmt: skip


def test_a_day_without_a_year_stays_near_the_dct_even_after_a_past_verb(nlp):
    text = "The company declared a dividend payable Dec. 1 to holders of record Nov. 10."
    found = {t.text: t.value for t in timexes(nlp, text, "2016-10-27")}
    assert found["Dec. 1"] == "2016-12-01" and found["Nov. 10"] == "2016-11-10"


def test_moving_holidays_spoken_years_and_vague_ago(nlp):
    dct = "2000-01-06"
    assert value(nlp, "He was found on Thanksgiving Day.", dct, "Thanksgiving Day") == (
        "1999-11-25"
    )
    assert value(nlp, "It began in nineteen ninety-six.", dct, "nineteen ninety-six") == "1996"
    assert "Two thousand" not in {t.text for t in timexes(nlp, "Two thousand people came.", dct)}
    assert value(nlp, "It was removed several years ago.", dct, "several years ago") == "PAST_REF"


def test_a_discourse_now_is_no_time_but_a_clause_now_is_the_present(nlp):
    dct = "2001-03-05"
    text = 'The deal collapsed in May. Now, the mayor says, "we start again."'
    assert "Now" not in {t.text for t in timexes(nlp, text, dct)}
    assert value(nlp, "The company now owns 40% of the mill.", dct, "now") == "PRESENT_REF"
    assert value(nlp, "Now the court has ruled for the city.", dct, "Now") == "PRESENT_REF"


def test_todays_before_an_era_noun_is_no_date_but_todays_paper_is_the_dct(nlp):
    dct = "2001-03-05"
    found = {t.text for t in timexes(nlp, "It matters for today's youth and today's world.", dct)}
    assert "today" not in found
    text = "The notice ran in today's editions of the paper."
    assert value(nlp, text, dct, "today") == "2001-03-05"


def test_a_clause_of_its_own_or_a_clausal_subject_gives_no_plan_cue(nlp):
    dct = "2003-06-09"  # a Monday
    text = "On Friday, when the minister set aside her holiday, she flew to the coast."
    assert value(nlp, text, dct, "Friday") == "2003-06-06"
    text = "Among the states to join the pact on Friday were Chile and Peru."
    assert value(nlp, text, dct, "Friday") == "2003-06-06"
    assert value(nlp, "The vote is scheduled for Friday.", dct, "Friday") == "2003-06-13"


def test_a_base_form_verb_after_a_singular_subject_is_a_past(nlp):
    dct = "2003-06-09"  # a Monday: 'hurt' after 'weakness' can only be the past form
    text = "Weakness in big technology stocks hurt the index on Friday."
    assert value(nlp, text, dct, "Friday") == "2003-06-06"
    assert value(nlp, "The trial opens Friday.", dct, "Friday") == "2003-06-13"


def test_idioms_foreseeable_future_and_high_noon_are_no_times(nlp):
    dct = "2003-06-09"
    text = "Troops will stay for the foreseeable future. It was high noon for the party."
    assert timexes(nlp, text, dct) == []
    text = "Prices will fall in the near future, and the talks resume at noon."
    found = {t.text: t.value for t in timexes(nlp, text, dct)}
    assert found == {"the near future": "FUTURE_REF", "noon": "2003-06-09T12:00"}


def test_the_fiscal_year_ended_a_date_is_a_year_long_duration(nlp):
    text = "In the fiscal year ended Jan. 31, the chain had sales of $59 million."
    the_year = the(nlp, text, "1989-10-31", "the fiscal year")
    assert (the_year.type, the_year.value) == ("DURATION", "P1Y")
    assert value(nlp, "Profit will rise in the fiscal year.", "1989-10-31", "the fiscal year") == (
        "1989"
    )


def test_a_rate_after_a_counted_quantity_is_no_timex_but_a_frequency_is_a_set(nlp):
    dct = "2003-06-09"
    text = (
        "The airline will add 700 seats a week. The plant makes 10,000 units annually, "
        "and sales should rise 8.5% annually. The chip runs 15 million instructions per second."
    )
    assert timexes(nlp, text, dct) == []
    found = the(nlp, "The board meets twice a year.", dct, "a year")
    assert (found.type, found.value) == ("SET", "P1Y")
    found = the(nlp, "Rallies are held here annually.", dct, "annually")
    assert (found.type, found.value) == ("SET", "P1Y")


def test_today_is_the_nth_day_of_an_event_is_the_dct(nlp):
    dct = "2003-06-09"
    text = "Today is the fifth day of the strike, and talks have stalled."
    assert value(nlp, text, dct, "the fifth day") == "2003-06-09"
    text = "It's the third day of the offensive in the north."
    assert value(nlp, text, dct, "the third day") == "2003-06-09"


def test_a_holiday_week_is_the_iso_week_of_the_nearest_holiday(nlp):
    dct = "2000-04-17"  # Easter Sunday fell on 2000-04-23
    text = "Pilgrims gathered as Easter week began."
    assert value(nlp, text, dct, "Easter week") == "2000-W16"
    assert value(nlp, "They met last Easter.", dct, "last Easter") == "1999-04-04"


def test_last_month_name_said_the_month_after_is_a_year_back(nlp):
    dct = "2003-03-02"  # "last month" would name February 2003
    assert value(nlp, "The plane crashed last February.", dct, "last February") == "2002-02"
    assert value(nlp, "The plane crashed last January.", dct, "last January") == "2003-01"
    assert value(nlp, "The plant opens next April.", dct, "next April") == "2004-04"
    assert value(nlp, "The plant opens next May.", dct, "next May") == "2003-05"


@pytest.mark.parametrize("dct", ["0001-01-01", "0001-12-31", "9999-01-01", "9999-12-31"])
def test_a_dct_at_the_edge_of_the_calendar_never_breaks_resolution(nlp, dct):
    text = (
        "Six years ago, last week, on Monday, next quarter, a year ago, the year-ago quarter, "
        "Thanksgiving, in summer, the next day, the year before, at 9 a.m. Tuesday, yesterday, "
        "tomorrow, next year, last year, two decades ago, the weekend, last month."
    )
    found = timexes(nlp, text, dct)
    assert len(found) > 10
    for t in found:  # a value is a TIMEX3 value within the calendar, or None
        assert t.value is None or not t.value[:1].isdigit() or 1 <= int(t.value[:4]) <= 9999
    again = resolve_timexes(found, "9999-12-31")
    assert [t.text for t in again] == [t.text for t in found]
