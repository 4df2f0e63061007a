"""Business-day arithmetic and the way dates are written for people.

Kept apart from the rules so the timeframe parser and the timeline count days the same way.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

SATURDAY = 5


def is_business_day(day: date) -> bool:
    return day.weekday() < SATURDAY


def next_business_day(day: date) -> date:
    """The day itself on a weekday; a Saturday or Sunday moves to the next Monday."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def add_business_days(day: date, count: int) -> date:
    """`count` business days after `day` (Friday + 1 is Monday)."""
    for _ in range(count):
        day += timedelta(days=1)
        while not is_business_day(day):
            day += timedelta(days=1)
    return day


def end_of_week(day: date) -> date:
    """The Friday of that week; from a weekend, the next Friday."""
    if day.weekday() > 4:
        day += timedelta(days=7 - day.weekday())
    return day + timedelta(days=4 - day.weekday())


def end_of_month(day: date) -> date:
    first_of_next = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first_of_next - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = end_of_month(date(year, month, 1)).day
    return date(year, month, min(day.day, last))


def human_date(day: date, today: date | None = None) -> str:
    """'Thu 19 Nov', with the year when it is not this year's."""
    text = f"{day:%a} {day.day} {day:%b}"
    if today is None or day.year != today.year:
        text += f" {day.year}"
    return text


def human_time(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def human_datetime(moment: datetime, today: date | None = None) -> str:
    return f"{human_date(moment.date(), today)}, {human_time(moment)}"


# Every date a user can type, import or restore lies in here: outside it a date is a typo, and
# date arithmetic near the ends of Python's calendar (year 1 or 9999) overflows.
DATE_RANGE = (date(1990, 1, 1), date(2100, 12, 31))


def date_out_of_range(value: date | datetime) -> str | None:
    """Why `value` is not a date Debrief accepts (the message for its field), or None when it is."""
    day = value.date() if isinstance(value, datetime) else value
    low, high = DATE_RANGE
    if not low <= day <= high:
        return f"must be between {low.year} and {high.year} (got {day.isoformat()})"
    return None


def clamped_to_range(day: date) -> date:
    """`day` pulled into DATE_RANGE: the nearest day the app accepts (a stored year 9999 becomes 2100)."""
    low, high = DATE_RANGE
    return min(max(day, low), high)
