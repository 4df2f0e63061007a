"""Business days (Monday to Friday) and dates written for people."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from lib.domain.days import (
    add_business_days,
    add_months,
    end_of_month,
    end_of_week,
    human_date,
    human_datetime,
    human_time,
    is_business_day,
    next_business_day,
)
from tests.factories import D


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D("2026-03-06"), D("2026-03-06"), id="friday-stays"),
        pytest.param(D("2026-03-07"), D("2026-03-09"), id="saturday-to-monday"),
        pytest.param(D("2026-03-08"), D("2026-03-09"), id="sunday-to-monday"),
        pytest.param(D("2026-03-09"), D("2026-03-09"), id="monday-stays"),
        pytest.param(D("2026-02-28"), D("2026-03-02"), id="saturday-month-end"),
        pytest.param(D("2027-01-02"), D("2027-01-04"), id="saturday-after-new-year"),
    ],
)
def test_next_business_day_moves_only_weekends(day, expected):
    assert next_business_day(day) == expected


@pytest.mark.parametrize("offset", range(7), ids=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
def test_business_days_are_monday_to_friday(offset):
    assert is_business_day(D("2026-03-02") + timedelta(days=offset)) is (offset < 5)


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        pytest.param(D("2026-03-02"), 0, D("2026-03-02"), id="zero-is-same-day"),
        pytest.param(D("2026-03-02"), 3, D("2026-03-05"), id="mon+3-same-week"),
        pytest.param(D("2026-03-06"), 1, D("2026-03-09"), id="fri+1-is-monday"),
        pytest.param(D("2026-03-05"), 3, D("2026-03-10"), id="thu+3-across-weekend"),
        pytest.param(D("2026-03-07"), 1, D("2026-03-09"), id="sat+1-is-monday"),
        pytest.param(D("2026-03-08"), 3, D("2026-03-11"), id="sun+3-is-wednesday"),
        pytest.param(D("2026-03-02"), 5, D("2026-03-09"), id="mon+5-is-next-monday"),
        pytest.param(D("2026-03-02"), 10, D("2026-03-16"), id="two-weeks"),
        pytest.param(D("2026-04-30"), 2, D("2026-05-04"), id="month-end"),
        pytest.param(D("2026-02-27"), 1, D("2026-03-02"), id="february-end"),
        pytest.param(D("2026-12-31"), 3, D("2027-01-05"), id="year-end-thu-31-dec+3"),
        pytest.param(D("2026-12-31"), 1, D("2027-01-01"), id="year-end+1-is-fri-1-jan"),
    ],
)
def test_add_business_days_skips_weekends(day, count, expected):
    assert add_business_days(day, count) == expected
    assert is_business_day(add_business_days(day, max(count, 1)))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D("2026-03-02"), D("2026-03-06"), id="monday"),
        pytest.param(D("2026-03-03"), D("2026-03-06"), id="tuesday"),
        pytest.param(D("2026-03-04"), D("2026-03-06"), id="wednesday"),
        pytest.param(D("2026-03-05"), D("2026-03-06"), id="thursday"),
        pytest.param(D("2026-03-06"), D("2026-03-06"), id="friday-is-itself"),
        pytest.param(D("2026-03-07"), D("2026-03-13"), id="saturday-next-friday"),
        pytest.param(D("2026-03-08"), D("2026-03-13"), id="sunday-next-friday"),
        pytest.param(D("2026-12-28"), D("2027-01-01"), id="week-across-year-end"),
    ],
)
def test_end_of_week_is_that_weeks_friday(day, expected):
    assert end_of_week(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D("2026-01-01"), D("2026-01-31"), id="january-first-day"),
        pytest.param(D("2026-01-31"), D("2026-01-31"), id="january-last-day"),
        pytest.param(D("2026-02-10"), D("2026-02-28"), id="february-2026"),
        pytest.param(D("2028-02-10"), D("2028-02-29"), id="february-leap-2028"),
        pytest.param(D("2028-02-29"), D("2028-02-29"), id="leap-day-itself"),
        pytest.param(D("2100-02-01"), D("2100-02-28"), id="century-not-leap"),
        pytest.param(D("2026-04-15"), D("2026-04-30"), id="thirty-day-month"),
        pytest.param(D("2026-12-05"), D("2026-12-31"), id="december"),
    ],
)
def test_end_of_month(day, expected):
    assert end_of_month(day) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        pytest.param(D("2026-01-31"), 1, D("2026-02-28"), id="31-jan+1-clamps-to-28-feb"),
        pytest.param(D("2028-01-31"), 1, D("2028-02-29"), id="31-jan+1-leap-year"),
        pytest.param(D("2026-03-31"), 1, D("2026-04-30"), id="31-mar+1-clamps-to-30-apr"),
        pytest.param(D("2026-01-15"), 1, D("2026-02-15"), id="mid-month"),
        pytest.param(D("2026-11-15"), 2, D("2027-01-15"), id="across-year-end"),
        pytest.param(D("2026-12-31"), 2, D("2027-02-28"), id="31-dec+2-clamps"),
        pytest.param(D("2026-03-31"), -1, D("2026-02-28"), id="backwards-clamps"),
        pytest.param(D("2026-01-10"), -1, D("2025-12-10"), id="backwards-across-year"),
        pytest.param(D("2026-05-20"), 0, D("2026-05-20"), id="zero"),
        pytest.param(D("2026-05-20"), 12, D("2027-05-20"), id="twelve-months"),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "today", "expected"),
    [
        pytest.param(D("2026-11-19"), D("2026-11-01"), "Thu 19 Nov", id="this-year-no-year"),
        pytest.param(D("2027-01-01"), D("2026-12-20"), "Fri 1 Jan 2027", id="next-year-with-year"),
        pytest.param(D("2025-12-31"), D("2026-01-02"), "Wed 31 Dec 2025", id="last-year-with-year"),
        pytest.param(D("2026-03-05"), None, "Thu 5 Mar 2026", id="no-today-with-year"),
        pytest.param(D("2026-03-05"), D("2026-03-05"), "Thu 5 Mar", id="single-digit-day-no-padding"),
    ],
)
def test_human_date_shows_year_only_when_not_this_year(day, today, expected):
    assert human_date(day, today) == expected


def test_human_time_and_datetime():
    moment = datetime(2026, 3, 29, 9, 5)
    assert human_time(moment) == "09:05"
    assert human_datetime(moment, D("2026-01-01")) == "Sun 29 Mar, 09:05"
    assert human_datetime(moment, D("2027-01-01")) == "Sun 29 Mar 2026, 09:05"
