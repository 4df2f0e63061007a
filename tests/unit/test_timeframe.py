"""Reading what the interviewer said about timing: parse what can be parsed, keep the text."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lib.domain.timeframe import Timeframe, TimeframeKind, parse_timeframe
from tests.factories import D

DAY0 = D("2026-11-10")  # a Tuesday
WED = D("2026-12-02")  # a Wednesday
BY, AT_LEAST = TimeframeKind.BY_DATE, TimeframeKind.AT_LEAST


@pytest.mark.parametrize(
    ("text", "kind", "decision_by"),
    [
        # the phrases DOMAIN.md names
        pytest.param("within two weeks", BY, "2026-11-24", id="within-two-weeks"),
        pytest.param("2 wks", BY, "2026-11-24", id="2-wks"),
        pytest.param("at least 3 weeks", AT_LEAST, "2026-12-01", id="at-least-3-weeks"),
        pytest.param("10 days", BY, "2026-11-20", id="10-days"),
        pytest.param("by 2026-12-01", BY, "2026-12-01", id="iso-date"),
        pytest.param("end of next week", BY, "2026-11-20", id="end-of-next-week"),
        # other ways people say it
        pytest.param("within 2 weeks", BY, "2026-11-24", id="within-2-weeks"),
        pytest.param("Within 2 Weeks.", BY, "2026-11-24", id="capitals-and-full-stop"),
        pytest.param("1-2 weeks", BY, "2026-11-24", id="range-takes-upper-bound"),
        pytest.param("2–3 weeks", BY, "2026-12-01", id="en-dash-range"),
        pytest.param("one to two weeks", BY, "2026-11-24", id="worded-range"),
        pytest.param("a week or two", BY, "2026-11-24", id="a-week-or-two"),
        pytest.param("a couple of weeks", BY, "2026-11-24", id="a-couple-of-weeks"),
        pytest.param("a few days", BY, "2026-11-13", id="a-few-days"),
        pytest.param("10 business days", BY, "2026-11-24", id="10-business-days"),
        pytest.param("within 10 working days", BY, "2026-11-24", id="10-working-days"),
        pytest.param("a month", BY, "2026-12-10", id="a-month"),
        pytest.param("minimum of 2 weeks", AT_LEAST, "2026-11-24", id="minimum-of"),
        pytest.param("not before 3 weeks", AT_LEAST, "2026-12-01", id="not-before"),
        pytest.param("by Friday", BY, "2026-11-13", id="by-friday"),
        pytest.param("by Tuesday", BY, "2026-11-17", id="weekday-of-day0-means-next-week"),
        pytest.param("next Monday", BY, "2026-11-16", id="next-monday"),
        pytest.param("end of the week", BY, "2026-11-13", id="end-of-the-week"),
        pytest.param("early next week", BY, "2026-11-17", id="early-next-week"),
        pytest.param("end of the month", BY, "2026-11-30", id="end-of-the-month"),
        pytest.param("next month", BY, "2026-12-31", id="next-month"),
        pytest.param("tomorrow", BY, "2026-11-11", id="tomorrow"),
        pytest.param("later today", BY, "2026-11-10", id="today"),
        pytest.param("1 Dec", BY, "2026-12-01", id="1-dec"),
        pytest.param("by 1 Dec", BY, "2026-12-01", id="by-1-dec"),
        pytest.param("Dec 1st", BY, "2026-12-01", id="dec-1st"),
        pytest.param("January 5, 2027", BY, "2027-01-05", id="month-day-comma-year"),
        pytest.param("5th of January 2027", BY, "2027-01-05", id="5th-of-january-2027"),
        pytest.param("by 1 Mar", BY, "2027-03-01", id="date-passed-this-year-is-next-year"),
        pytest.param("by 10 Nov", BY, "2026-11-10", id="day0-itself-is-this-year"),
        pytest.param("  by   Friday  ", BY, "2026-11-13", id="extra-spaces"),
    ],
)
def test_readable_phrases_give_a_decision_date(text, kind, decision_by):
    timeframe = parse_timeframe(text, DAY0)
    assert (timeframe.kind, timeframe.decision_by) == (kind, D(decision_by))
    assert timeframe.understood
    assert timeframe.text == text.strip()


@pytest.mark.parametrize(
    ("text", "kind", "decision_by", "day0"),
    [
        # an amount counted from a named day is that day plus the amount, never the day itself
        pytest.param("two weeks from Monday", BY, "2026-11-30", DAY0, id="two-weeks-from-monday"),
        pytest.param("10 days from now", BY, "2026-11-20", DAY0, id="days-from-now"),
        pytest.param("a week after Friday", BY, "2026-11-20", DAY0, id="a-week-after-friday"),
        # filler words, leads and endings around one expression
        pytest.param("they said 2 weeks", BY, "2026-11-24", DAY0, id="they-said"),
        pytest.param("Probably within two weeks.", BY, "2026-11-24", DAY0, id="probably-and-a-full-stop"),
        pytest.param("2 weeks or so", BY, "2026-11-24", DAY0, id="or-so"),
        pytest.param("in 2 weeks' time", BY, "2026-11-24", DAY0, id="weeks-time"),
        pytest.param("within the next 10 days", BY, "2026-11-20", DAY0, id="within-the-next"),
        pytest.param("They’ll get back to me by Friday!", BY, "2026-11-13", DAY0, id="get-back-to-me-by"),
        pytest.param("a decision is expected by 1 Dec", BY, "2026-12-01", DAY0, id="decision-expected-by"),
        pytest.param("no later than 2026-12-01", BY, "2026-12-01", DAY0, id="no-later-than"),
        pytest.param("3 weeks at the earliest", AT_LEAST, "2026-12-01", DAY0, id="at-the-earliest"),
        pytest.param("they said at least 3 weeks", AT_LEAST, "2026-12-01", DAY0, id="they-said-at-least"),
        # more expressions
        pytest.param("2 or 3 weeks", BY, "2026-12-01", DAY0, id="two-or-three-weeks"),
        pytest.param("2 weeks or 3", BY, "2026-12-01", DAY0, id="weeks-or-three"),
        pytest.param("a fortnight", BY, "2026-11-24", DAY0, id="a-fortnight"),
        pytest.param("Friday next week", BY, "2026-11-20", DAY0, id="friday-next-week"),
        pytest.param("by Fri 4 Dec", BY, "2026-12-04", DAY0, id="weekday-and-date"),
        pytest.param("end of December", BY, "2026-12-31", DAY0, id="end-of-december"),
        pytest.param("by the end of the week", BY, "2026-11-13", DAY0, id="by-the-end-of-the-week"),
        pytest.param("by Sat", BY, "2026-11-14", DAY0, id="sat-alone-is-saturday"),
        # said on a Wednesday (Wed 2 Dec), the way people put it
        pytest.param("~2 weeks", BY, "2026-12-16", WED, id="tilde-without-a-space"),
        pytest.param("expect to hear back next week", BY, "2026-12-11", WED, id="expect-to-hear-back"),
        pytest.param("up to 2 weeks", BY, "2026-12-16", WED, id="up-to"),
        pytest.param("no more than 2 weeks", BY, "2026-12-16", WED, id="no-more-than"),
        pytest.param("final decision in 2 weeks", BY, "2026-12-16", WED, id="final-decision"),
        pytest.param("I'll hear in 2 weeks", BY, "2026-12-16", WED, id="ill-hear"),
        pytest.param("hear back from them next week", BY, "2026-12-11", WED, id="hear-back-from-them"),
        pytest.param("recruiter will call next week", BY, "2026-12-11", WED, id="recruiter-will-call"),
        pytest.param("should know more next week", BY, "2026-12-11", WED, id="know-more"),
        pytest.param("in touch next week", BY, "2026-12-11", WED, id="in-touch"),
        pytest.param("should have an answer by Friday", BY, "2026-12-04", WED, id="have-an-answer"),
        pytest.param("waiting to hear by Friday", BY, "2026-12-04", WED, id="waiting-to-hear"),
        pytest.param("later this week", BY, "2026-12-04", WED, id="later-this-week"),
        pytest.param("end of day tomorrow", BY, "2026-12-03", WED, id="end-of-day-tomorrow"),
        pytest.param("next couple of weeks", BY, "2026-12-16", WED, id="next-couple-of-weeks"),
        pytest.param("the next 2 weeks", BY, "2026-12-16", WED, id="the-next-2-weeks"),
        pytest.param("next few days", BY, "2026-12-05", WED, id="next-few-days"),
        pytest.param("Thursday or Friday", BY, "2026-12-04", WED, id="two-days-takes-the-later"),
        pytest.param("Monday or Tuesday", BY, "2026-12-08", WED, id="two-days-next-week-takes-the-later"),
        pytest.param("2 weeks, maybe 3", BY, "2026-12-23", WED, id="amount-maybe-more-takes-the-later"),
        pytest.param("week of Dec 14", BY, "2026-12-18", WED, id="week-of-a-date-is-the-friday-of-that-week"),
        pytest.param("the week of 14 Dec", BY, "2026-12-18", WED, id="the-week-of-a-date-day-first"),
    ],
)
def test_a_whole_phrase_is_read(text, kind, decision_by, day0):
    assert parse_timeframe(text, day0) == Timeframe(text, kind, D(decision_by))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("the CEO sat in", id="ceo-sat-in-is-not-saturday"),
        pytest.param("the CEO sat in on the call, 2 weeks", id="sat-and-an-amount"),
        pytest.param("2 weeks, then another round", id="amount-then-more"),
        pytest.param("two weeks from the offsite", id="from-an-unknown-day"),
        pytest.param("not sure, maybe 2 weeks", id="doubt-then-an-amount"),
        pytest.param("the 2nd round is on Monday", id="a-round-on-monday"),
        pytest.param("Monday was mentioned", id="weekday-in-a-sentence"),
        pytest.param("by Friday or maybe later", id="a-day-then-doubt"),
        pytest.param("after the holidays", id="holidays"),
        pytest.param("3 candidates left", id="amount-of-people"),
        pytest.param("2-1 weeks", id="range-running-downwards"),
        pytest.param("in 1000 days", id="too-many-digits"),
        pytest.param("decision", id="filler-alone"),
        pytest.param("by", id="lead-alone"),
        pytest.param("at least", id="minimum-alone"),
        pytest.param("they'll be in touch", id="in-touch-alone"),
        pytest.param("the recruiter will call", id="a-call-with-no-day"),
        pytest.param("2 weeks, maybe more", id="amount-maybe-more"),
        pytest.param("the week of the offsite", id="week-of-an-unknown-day"),
        pytest.param("next", id="next-alone"),
    ],
)
def test_a_phrase_understood_only_in_part_is_unread(text):
    timeframe = parse_timeframe(text, DAY0)
    assert timeframe == Timeframe(text, TimeframeKind.UNREAD, None)
    assert f"Couldn't read “{text}” as a date, so it counts as no timeframe" in timeframe.meaning(DAY0)


@pytest.mark.parametrize(
    ("day0", "text", "decision_by"),
    [
        pytest.param("2026-12-17", "by 5 Jan", "2027-01-05", id="by-5-jan-said-in-december"),
        pytest.param("2026-12-17", "Jan 5th", "2027-01-05", id="jan-5th-said-in-december"),
        pytest.param("2026-12-28", "2 weeks", "2027-01-11", id="weeks-across-year-end"),
        pytest.param("2026-12-31", "end of next week", "2027-01-08", id="next-week-from-31-dec"),
        pytest.param("2026-12-31", "3 business days", "2027-01-05", id="business-days-from-31-dec"),
        pytest.param("2027-01-29", "end of next month", "2027-02-28", id="next-month-end-clamps"),
        pytest.param("2028-02-15", "end of the month", "2028-02-29", id="leap-february"),
    ],
)
def test_year_and_month_ends(day0, text, decision_by):
    assert parse_timeframe(text, D(day0)).decision_by == D(decision_by)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("soon", id="soon"),
        pytest.param("they'll let me know", id="let-me-know"),
        pytest.param("2nd week of december", id="nth-week-of-month"),
        pytest.param("ASAP", id="asap"),
        pytest.param("by 31 Feb", id="impossible-date"),
        pytest.param("by 2026-13-01", id="impossible-iso-date"),
        pytest.param("by 2026-11-01", id="iso-date-before-the-interview"),
        pytest.param("400 days", id="absurdly-long"),
        pytest.param("0 days", id="zero"),
    ],
)
def test_unreadable_phrase_is_kept_and_said_plainly(text):
    timeframe = parse_timeframe(text, DAY0)
    assert timeframe == Timeframe(text, TimeframeKind.UNREAD, None)
    assert not timeframe.understood
    meaning = timeframe.meaning(DAY0)
    assert f"Couldn't read “{text}”" in meaning
    assert "counts as no timeframe" in meaning


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("by 9999-12-31", id="year-9999"),
        pytest.param("December 1, 2027", id="a-year-and-three-weeks-away"),
        pytest.param("by 2062-12-01", id="typo-year"),
        pytest.param("in 24 months", id="two-years"),
        pytest.param("in 13 months", id="thirteen-months"),
    ],
)
def test_a_decision_more_than_a_year_after_the_interview_is_flagged_as_no_timeframe(text):
    timeframe = parse_timeframe(text, DAY0)
    assert (timeframe.kind, timeframe.decision_by) == (TimeframeKind.UNREAD, None)
    flag = "is more than a year after the interview, so it counts as no timeframe: check it"
    assert timeframe.problem.endswith(flag)
    assert timeframe.meaning(DAY0) == f"{timeframe.problem}. Until then the check-in uses the usual 1–2 weeks."


def test_an_amount_more_than_a_year_away_is_flagged_with_its_date():
    assert parse_timeframe("in 13 months", DAY0).problem == (
        "Fri 10 Dec 2027 is more than a year after the interview, so it counts as no timeframe: check it"
    )


def test_a_decision_a_year_after_the_interview_is_still_read():
    assert parse_timeframe("12 months", DAY0).decision_by == D("2027-11-10")


_LAST, _NEAR_LAST, _FIRST = date.max, date.max - timedelta(days=20), date.min  # a Friday, a Saturday, a Monday


@pytest.mark.parametrize(
    ("day0", "text", "decision_by"),
    [
        # on the last day of the calendar every reading would fall in year 10000
        *[pytest.param(_LAST, text, None, id=f"max-{text.replace(' ', '-')}")
          for text in ("2 weeks", "next month", "end of next week", "by Friday", "by 1 Dec", "tomorrow")],
        # twenty days before it a date still in 9999 is read; only what falls in 10000 is unread
        pytest.param(_NEAR_LAST, "2 weeks", "9999-12-25", id="max-20-2-weeks"),
        pytest.param(_NEAR_LAST, "next month", None, id="max-20-next-month-is-in-10000"),
        pytest.param(_NEAR_LAST, "end of next week", "9999-12-24", id="max-20-end-of-next-week"),
        pytest.param(_NEAR_LAST, "by Friday", "9999-12-17", id="max-20-by-friday"),
        pytest.param(_NEAR_LAST, "by 1 Dec", None, id="max-20-next-1-dec-is-in-10000"),
        pytest.param(_NEAR_LAST, "tomorrow", "9999-12-12", id="max-20-tomorrow"),
        # the first day of the calendar reads like any other day
        pytest.param(_FIRST, "2 weeks", "0001-01-15", id="min-2-weeks"),
        pytest.param(_FIRST, "next month", "0001-02-28", id="min-next-month"),
        pytest.param(_FIRST, "end of next week", "0001-01-12", id="min-end-of-next-week"),
        pytest.param(_FIRST, "by Friday", "0001-01-05", id="min-by-friday"),
        pytest.param(_FIRST, "by 1 Dec", "0001-12-01", id="min-by-1-dec"),
        pytest.param(_FIRST, "tomorrow", "0001-01-02", id="min-tomorrow"),
    ],
)
def test_any_day0_gives_a_timeframe_never_an_exception(day0, text, decision_by):
    """Unread exactly where the reading would leave Python's calendar, read everywhere else."""
    if decision_by is None:
        assert parse_timeframe(text, day0) == Timeframe(text, TimeframeKind.UNREAD)
    else:
        assert parse_timeframe(text, day0) == Timeframe(text, BY, D(decision_by))


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t"], ids=["none", "empty", "spaces", "whitespace"])
def test_nothing_typed_is_no_timeframe(text):
    timeframe = parse_timeframe(text, DAY0)
    assert timeframe == Timeframe("", TimeframeKind.NONE)
    assert not timeframe.understood
    assert timeframe.meaning(DAY0).startswith("No timeframe recorded")
    assert timeframe.summary(DAY0) == "no timeframe"


@pytest.mark.parametrize(
    ("text", "today", "meaning"),
    [
        pytest.param("within 2 weeks", DAY0, "Decision expected by Tue 24 Nov.", id="by-date"),
        pytest.param("at least 3 weeks", DAY0, "Not before Tue 1 Dec: they said at least that long.", id="at-least"),
        pytest.param("by 5 Jan", DAY0, "Decision expected by Tue 5 Jan 2027.", id="next-year-shows-year"),
    ],
)
def test_meaning_is_shown_back_as_a_sentence(text, today, meaning):
    assert parse_timeframe(text, DAY0).meaning(today) == meaning


def test_summary_reads_inside_a_sentence():
    assert parse_timeframe("10 days", DAY0).summary(DAY0) == "a decision expected by Fri 20 Nov"
