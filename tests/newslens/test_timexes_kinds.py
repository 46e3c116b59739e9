"""Time expressions: kinds of expression learnt from TimeML-style news (made-up sentences)."""

from __future__ import annotations

from newslens.model import Timex
from newslens.timexes import extract_timexes


def found(nlp, text: str, dct: str) -> dict[str, str | None]:
    """Each timex's text -> its value."""
    return {t.text: t.value for t in extract_timexes(nlp(text), dct)}


def the(nlp, text: str, dct: str, span: str) -> Timex:
    hits = [t for t in extract_timexes(nlp(text), dct) if t.text == span]
    assert len(hits) == 1, [(t.text, t.value) for t in extract_timexes(nlp(text), dct)]
    return hits[0]


def test_a_quarterly_report_keeps_its_quarter_past_an_outlook_and_a_comparison(nlp):
    dct = "2016-11-01"
    text = (
        "Acme posted a 20% gain in third-quarter net income. After a flat second quarter, "
        "sales rose. It expects a fourth-quarter charge. Net rose from $90 million a year ago, "
        "and costs were lower than in the year-earlier period."
    )
    values = found(nlp, text, dct)
    assert values["second quarter"] == "2016-Q2"
    assert values["a year ago"] == "2015-Q3"
    assert values["the year-earlier period"] == "2015-Q3"
    # a story that turns to a later quarter once it is over follows it
    text = "Net rose in the second quarter. In the third quarter, sales fell from a year ago."
    assert found(nlp, text, dct)["a year ago"] == "2015-Q3"


def test_a_clock_time_without_a_day_of_its_own_takes_the_day_the_story_named(nlp):
    dct = "2016-06-19"  # a Sunday
    text = "The bomb went off on Friday near the market. Witnesses heard it at 10 p.m."
    assert found(nlp, text, dct)["10 p.m."] == "2016-06-17T22:00"
    # with no day named before it, the DCT
    assert found(nlp, "Witnesses heard it at 10 p.m.", dct)["10 p.m."] == "2016-06-19T22:00"


def test_last_or_next_before_a_month_and_day_is_one_date(nlp):
    dct = "2016-04-19"
    assert found(nlp, "He was shot last Oct. 23 at his home.", dct)["last Oct. 23"] == "2015-10-23"
    assert found(nlp, "The vote is set for next March 3.", dct)["next March 3"] == "2017-03-03"
    # said in the month after, "last" is still the one just past
    assert found(nlp, "He was shot last Oct. 23.", "2016-11-02")["last Oct. 23"] == "2016-10-23"


def test_or_so_belongs_to_the_duration_and_to_its_ago(nlp):
    dct = "2016-06-15"
    t = the(nlp, "The plant closed a week or so ago.", dct, "a week or so ago")
    assert (t.type, t.value) == ("DATE", "2016-W23")
    t = the(nlp, "The works will last the next two years or so.", dct, "the next two years or so")
    assert (t.type, t.value) == ("DURATION", "P2Y")


def test_a_month_or_a_season_before_a_year_read_out_is_in_that_year(nlp):
    dct = "1998-02-27"
    text = "January nineteen ninety-seven. Atlanta again."
    assert found(nlp, text, dct)["January nineteen ninety-seven"] == "1997-01"
    text = "Oil fell to the level we saw in the winter of nineteen ninety-four."
    assert found(nlp, text, dct)["the winter of nineteen ninety-four"] == "1994-WI"


def test_the_week_of_a_date_is_that_week(nlp):
    text = "The case may be heard the week of March 6, lawyers said."
    assert found(nlp, text, "2000-02-24")["the week of March 6"] == "2000-W10"


def test_a_unit_in_the_plural_without_a_count_is_a_vague_duration(nlp):
    dct = "1991-02-25"
    text = "Some 5,500 prisoners were taken in the first hours of the ground war."
    t = the(nlp, text, dct, "the first hours")
    assert (t.type, t.value) == ("DURATION", "PTXH")
    text = "You don't save as many lives in the early years, by a small fraction."
    assert found(nlp, text, dct)["the early years"] == "PXY"


def test_the_day_before_or_after_a_day_is_one_day_away_and_the_story_stays_on_that_day(nlp):
    dct = "2000-02-24"  # a Thursday
    text = (
        "The day before last Tuesday's hearing, Manuel went to the court. "
        "The boy appeared in court the next day."
    )
    values = found(nlp, text, dct)
    assert values["The day before last Tuesday"] == "2000-02-21"
    assert values["the next day"] == "2000-02-23"
    assert found(nlp, "They met the day after Christmas.", dct)["the day after Christmas"] == (
        "1999-12-26"
    )


def test_a_time_between_a_reporting_verb_and_its_clause_dates_the_saying(nlp):
    dct = "2025-05-20"
    # the parser hangs "in October" on "cut"; it dates the (past) saying
    assert found(nlp, "The company said in October it would cut jobs.", dct)["October"] == (
        "2024-10"
    )
    assert found(nlp, "Officials said on Monday they will meet again.", dct)["Monday"] == (
        "2025-05-19"
    )
    # after "that", or inside the clause's subject, the time is the clause's own
    text = "The company said that in October it will cut jobs."
    assert found(nlp, text, dct)["October"] == "2025-10"
    text = "The company said third-quarter profit will fall."
    assert found(nlp, text, "2025-08-20")["third-quarter"] == "2025-Q3"


def test_a_range_written_with_a_dash_is_one_duration_at_its_lower_bound(nlp):
    dct = "2025-05-20"
    t = the(nlp, "Delivery takes 60-90 days.", dct, "60-90 days")
    assert (t.type, t.value) == ("DURATION", "P60D")
    assert found(nlp, "The repairs lasted 2–3 weeks.", dct)["2–3 weeks"] == "P2W"


def test_noon_or_midnight_with_a_zone_keeps_the_zone(nlp):
    dct = "2025-05-20"
    t = the(nlp, "The ceasefire took effect at noon GMT.", dct, "noon GMT")
    assert (t.type, t.value) == ("TIME", "2025-05-20T12:00Z")
    assert found(nlp, "Polls close at midnight EST.", dct)["midnight EST"] == "2025-05-20T00:00"


def test_current_before_a_noun_is_the_present(nlp):
    dct = "2025-05-20"
    text = "The delay was blamed on current market conditions."
    t = the(nlp, text, dct, "current")
    assert (t.type, t.value) == ("DATE", "PRESENT_REF")
    # "the current quarter" stays a quarter; "current account" is an economic term
    assert found(nlp, "Sales rose in the current quarter.", dct) == {
        "the current quarter": "2025-Q2"
    }
    assert found(nlp, "The current account deficit widened.", dct) == {}
    # the noun is no time
    assert found(nlp, "The current swept him out to sea.", dct) == {}


def test_a_spacy_date_naming_the_unit_alone_is_the_story_s_unit(nlp):
    dct = "1989-10-30"
    text = "Shares fluctuated, rising to a high for the year of $42.875 in June."
    assert found(nlp, text, dct)["the year"] == "1989"


def test_a_unit_long_adjective_without_a_count_is_one_unit(nlp):
    dct = "2000-04-03"
    t = the(nlp, "Lawyers emerged from their third day-long meeting.", dct, "day-long")
    assert (t.type, t.value) == ("DURATION", "P1D")
    assert found(nlp, "Workers ended their month-long strike.", dct)["month-long"] == "P1M"


def test_a_weekday_listed_after_an_earlier_one_is_the_next_such_day(nlp):
    dct = "2025-05-20"  # a Tuesday
    values = found(nlp, "The central bank meets next Tuesday and Wednesday.", dct)
    assert values == {"next Tuesday": "2025-05-27", "Wednesday": "2025-05-28"}
    # listed backwards, each day is read on its own
    values = found(nlp, "Statements were made Friday and Thursday.", dct)
    assert values == {"Friday": "2025-05-16", "Thursday": "2025-05-15"}


def test_centuries_ago_is_a_year(nlp):
    dct = "2025-05-20"
    t = the(nlp, "The war began a century ago.", dct, "a century ago")
    assert (t.type, t.value) == ("DATE", "1925")
    assert found(nlp, "The town was founded two centuries ago.", dct)["two centuries ago"] == "1825"


def test_last_years_quarter_is_the_reported_quarter_a_year_back(nlp):
    dct = "2016-11-01"
    text = "Acme's third-quarter profit rose. U.K. sales for last year's quarter were $3 million."
    assert found(nlp, text, dct)["last year's quarter"] == "2015-Q3"


def test_the_past_or_next_year_is_the_calendar_year_before_or_after(nlp):
    dct = "1998-03-03"
    text = "Hate groups grew over the past year, the report said."
    t = the(nlp, text, dct, "the past year")
    assert (t.type, t.value) == ("DATE", "1997")
    text = "The plants will be closed over the next year or so."
    assert found(nlp, text, dct)["the next year or so"] == "1999"
    # other units stay durations
    assert found(nlp, "Prices fell over the past decade.", dct)["the past decade"] == "P10Y"


def test_an_outlook_for_a_later_year_does_not_end_the_reported_quarter(nlp):
    dct = "1989-10-26"
    text = (
        "Acme posted a 54% drop in third-quarter profit. Analysts expect weak results through "
        "1990 and losses through the third quarter of 1990. In the year-ago period, Acme "
        "earned $101 million."
    )
    assert found(nlp, text, dct)["the year-ago period"] == "1988-Q3"


def test_the_new_date_of_a_postponement_lies_ahead(nlp):
    dct = "2025-05-20"  # a Tuesday
    assert found(nlp, "The summit was postponed to Friday.", dct)["Friday"] == "2025-05-23"
    assert found(nlp, "The vote was pushed back to Monday.", dct)["Monday"] == "2025-05-26"
    # a past event that merely happened on the day stays in the past
    assert found(nlp, "Talks ended Friday without a deal.", dct)["Friday"] == "2025-05-16"


def test_a_day_named_paragraphs_before_does_not_date_a_clock_time(nlp):
    dct = "2016-06-19"
    filler = "The company makes engines and sells them in forty countries. " * 12
    text = f"The firm was founded on May 3, 1990. {filler}Trading opens at 10 a.m."
    assert found(nlp, text, dct)["10 a.m."] == "2016-06-19T10:00"


def test_quarter_centuries_half_decades_and_h1(nlp):
    dct = "2025-05-20"
    assert found(nlp, "It was the first time in a quarter-century.", dct) == {
        "a quarter-century": "P25Y"
    }
    assert found(nlp, "The program ran for a decade and a half.", dct) == {
        "a decade and a half": "P15Y"
    }
    assert found(nlp, "Revenue rose in H1 2024.", dct) == {"H1 2024": "2024-H1"}
    # "a quarter" alone stays a fraction
    assert found(nlp, "A quarter of the voters stayed home.", dct) == {}


def test_the_near_term_and_coming_quarters_are_the_future(nlp):
    dct = "1989-10-30"
    text = "We don't minimize the challenges of the near term, he said."
    assert found(nlp, text, dct) == {"the near term": "FUTURE_REF"}
    text = "It could placate holders in the short term."
    assert found(nlp, text, dct) == {"the short term": "FUTURE_REF"}
    text = "It doesn't bode well for coming quarters."
    assert found(nlp, text, dct) == {"coming quarters": "FUTURE_REF"}


def test_a_forecast_points_ahead(nlp):
    dct = "2025-05-20"  # a Tuesday
    assert found(nlp, "The storm is forecast to hit on Friday.", dct)["Friday"] == "2025-05-23"


def test_a_present_verb_on_a_day_looks_ahead_as_for_weekdays(nlp):
    dct = "2025-05-20"
    assert found(nlp, "Voters head to the polls on Nov. 6.", dct)["Nov. 6"] == "2025-11-06"
    assert found(nlp, "The law takes effect on Jan. 1.", dct)["Jan. 1"] == "2026-01-01"
    # a past verb keeps the day behind
    assert found(nlp, "The law took effect on Jan. 1.", dct)["Jan. 1"] == "2025-01-01"


def test_every_few_units_is_a_set_and_year_on_year_no_time(nlp):
    dct = "2025-05-20"
    t = the(nlp, "The company pays a dividend every three months.", dct, "every three months")
    assert (t.type, t.value) == ("SET", "P3M")
    assert found(nlp, "Inflation rose 3% year on year.", dct) == {}
    assert found(nlp, "The firm reported a year-on-year rise of 5%.", dct) == {}


def test_early_late_and_this_past_belong_to_the_season(nlp):
    dct = "2025-10-20"
    assert found(nlp, "Prices peaked in early summer.", dct) == {"early summer": "2025-SU"}
    assert found(nlp, "It happened in late fall.", dct) == {"late fall": "2025-FA"}
    assert found(nlp, "The plant opened this past spring.", dct) == {"this past spring": "2025-SP"}


def test_vague_centuries_are_written_with_the_century_letter(nlp):
    dct = "2025-05-20"
    assert found(nlp, "The fortress guarded the pass for centuries.", dct)["centuries"] == "PXC"
    # decades stay vague years, as TimeBank writes them
    assert found(nlp, "The feud has lasted for decades.", dct)["decades"] == "PXY"


def test_one_day_after_a_modal_is_some_future_day_not_a_duration(nlp):
    dct = "2025-05-20"
    t = the(nlp, "Analysts say the city will one day be a hub.", dct, "one day")
    assert (t.type, t.value) == ("DATE", "FUTURE_REF")
    t = the(nlp, "She hopes to one day run the company.", dct, "one day")
    assert (t.type, t.value) == ("DATE", "FUTURE_REF")
    # a day's length stays a duration
    t = the(nlp, "The repair took one day.", dct, "one day")
    assert (t.type, t.value) == ("DURATION", "P1D")


def test_then_current_is_the_present_of_a_past_time(nlp):
    dct = "2025-05-20"
    text = "Holders could buy shares at half the then current market price."
    assert found(nlp, text, dct) == {"then current": "PAST_REF"}


def test_thousands_of_years_are_millennia_and_grouped_digits_one_count(nlp):
    dct = "2025-05-20"
    text = "The clans kept their craft for more than two thousand years."
    assert found(nlp, text, dct) == {"more than two thousand years": "P2L"}
    assert found(nlp, "The road was used for 2,000 years.", dct) == {"2,000 years": "P2L"}
    assert found(nlp, "The strike lasted 1,200 hours.", dct) == {"1,200 hours": "PT1200H"}
    text = "The dam held for almost a hundred years."
    assert found(nlp, text, dct) == {"almost a hundred years": "P100Y"}


def test_that_day_with_no_day_named_before_is_no_date(nlp):
    dct = "2025-05-20"
    text = "When bad news hits, funds see heavy redemptions that day and a calm week after."
    assert "that day" not in found(nlp, text, dct)
    # once the story has named a day, 'that day' is that day
    text = "The plant closed on March 3, 2025. Workers left that day."
    assert found(nlp, text, dct)["that day"] == "2025-03-03"


def test_the_weeks_ahead_keeps_ahead_but_not_ahead_of(nlp):
    dct = "2025-05-20"
    assert found(nlp, "Funds may sell bonds in the weeks ahead.", dct) == {"the weeks ahead": "PXW"}
    text = "Prices may rise in the months ahead of the vote."
    assert found(nlp, text, dct) == {"the months": "PXM"}


def test_hundreds_of_years_is_a_vague_duration_and_a_names_year_no_date(nlp):
    dct = "2025-05-20"
    t = the(nlp, "The empire ruled the valley for hundreds of years.", dct, "hundreds of years")
    assert (t.type, t.value) == ("DURATION", "PXY")
    text = "This hasn't been Nabisco Co.'s year. The oat craze has cost it."
    assert found(nlp, text, dct) == {}  # spaCy calls 'year' a DATE here


def test_the_march_for_a_cause_is_a_protest_not_the_month(nlp):
    dct = "2025-05-20"
    text = "Thousands joined the annual March for Life on Capitol Hill."
    assert "March" not in found(nlp, text, dct)
    # the month stays a month, before a name too
    text = "The March accession brought three members. He spoke last March on Capitol Hill."
    assert found(nlp, text, dct) == {"March": "2025-03", "last March": "2025-03"}
