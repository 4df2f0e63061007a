"""Reading what the interviewer said about timing ("within 2 weeks", "by 1 Dec").

The original text is always kept; a phrase that cannot be read is said to be unread, and
the timeline then falls back to the usual 1-2 weeks instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from lib.days import add_business_days, add_months, end_of_month, end_of_week, human_date


class TimeframeKind(str, Enum):
    NONE = "none"  # nothing recorded
    BY_DATE = "by_date"  # a decision is expected by a date
    AT_LEAST = "at_least"  # "at least N weeks": not before a date
    UNREAD = "unread"  # text we could not turn into a date


@dataclass(frozen=True)
class Timeframe:
    text: str
    kind: TimeframeKind
    decision_by: date | None = None
    problem: str = ""  # why a phrase that names a date is not used: "… check the year"

    @property
    def understood(self) -> bool:
        return self.decision_by is not None

    def meaning(self, today: date | None = None) -> str:
        """The parsed meaning, shown back to the user as they type."""
        if self.kind is TimeframeKind.NONE:
            return "No timeframe recorded: the check-in uses the usual 1–2 weeks."
        if self.kind is TimeframeKind.UNREAD:
            why = f": {self.problem}" if self.problem else ""
            return (
                f"Couldn't read “{self.text}” as a date{why}, so it counts as no timeframe "
                "(the usual 1–2 weeks). Try “within 2 weeks”, “10 days” or “by 1 Dec”."
            )
        when = human_date(self.decision_by, today)
        if self.kind is TimeframeKind.AT_LEAST:
            return f"Not before {when}: they said at least that long."
        return f"Decision expected by {when}."

    def summary(self, today: date | None = None) -> str:
        """'a decision by Fri 4 Dec' or 'not before Thu 26 Nov', for use inside a sentence."""
        if self.decision_by is None:
            return "no timeframe"
        when = human_date(self.decision_by, today)
        if self.kind is TimeframeKind.AT_LEAST:
            return f"not before {when}, they said at least that long"
        return f"a decision expected by {when}"


NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
    "couple": 2, "a couple": 2, "a couple of": 2, "couple of": 2,
    "few": 3, "a few": 3, "several": 3,
}  # fmt: skip
MONTHS = {
    name: index
    for index, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"),
         ("thu", "thur", "thurs", "thursday"), ("fri", "friday"),
         ("sat", "saturday"), ("sun", "sunday")]
    )
    for name in names
}  # fmt: skip

_NUMBER = (
    r"(\d+(?:\.\d+)?|a couple of|a couple|couple of|a few|"
    + "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
    + ")"
)
_UNIT = r"(business days?|working days?|bus\.? days?|days?|d|weeks?|wks?|wk|w|months?|mos?)"
_RANGE_RE = re.compile(rf"{_NUMBER}\s*(?:-|–|to|or)\s*{_NUMBER}\s*{_UNIT}\b")
_AMOUNT_RE = re.compile(rf"(?<![\w-]){_NUMBER}\s*{_UNIT}\b(?:\s+or\s+(?:two|2|three|3))?")
_OR_MORE_RE = re.compile(rf"\b(?:a|one)\s+{_UNIT}\s+or\s+(two|three|2|3)\b")
_ISO_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?\b")
_MONTH_DAY_RE = re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b")


# A decision expected more than a year after the interview is a typo ("by 2062-12-01"): it is
# refused at the field, and a stored one is read as no timeframe rather than dated years away.
HORIZON = timedelta(days=366)


def parse_timeframe(text: str | None, day0: date) -> Timeframe:
    """Turn a typed timeframe into the date a decision is expected by, counted from day 0.

    Total: any text and any day 0 give a Timeframe, never an exception (a stored row may hold
    a date at the end of the calendar, where date arithmetic overflows).
    """
    original = (text or "").strip()
    if not original:
        return Timeframe("", TimeframeKind.NONE)
    phrase = re.sub(r"\s+", " ", original.casefold())
    at_least = bool(re.search(r"\b(at least|no sooner than|not before|minimum( of)?|min\.?)\b", phrase))
    try:
        found = _explicit_date(phrase, day0) or _relative_date(phrase, day0) or _amount(phrase, day0)
        too_late = found is not None and found > day0 + HORIZON
    except (OverflowError, ValueError):  # day 0 itself at the end of the calendar (year 10000)
        found, too_late = None, False
    if too_late:
        problem = f"{human_date(found, day0)} is more than a year after the interview: check the year"
        return Timeframe(original, TimeframeKind.UNREAD, problem=problem)
    if found is None or found < day0:
        return Timeframe(original, TimeframeKind.UNREAD)
    kind = TimeframeKind.AT_LEAST if at_least else TimeframeKind.BY_DATE
    return Timeframe(original, kind, found)


def _explicit_date(phrase: str, day0: date) -> date | None:
    if match := _ISO_RE.search(phrase):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH_RE.search(phrase):
        return _next_occurrence(day0, MONTHS[match[2]], int(match[1]), match[3])
    if match := _MONTH_DAY_RE.search(phrase):
        return _next_occurrence(day0, MONTHS[match[1]], int(match[2]), match[3])
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_occurrence(day0: date, month: int, day: int, year: str | None) -> date | None:
    """'1 Dec' means the first 1 December on or after the interview."""
    if year:
        return _safe_date(int(year), month, day)
    candidate = _safe_date(day0.year, month, day)
    if candidate is not None and candidate < day0:
        candidate = _safe_date(day0.year + 1, month, day)
    return candidate


def _relative_date(phrase: str, day0: date) -> date | None:
    next_week = day0 + timedelta(days=7)
    monday_next_week = next_week - timedelta(days=next_week.weekday())
    rules: list[tuple[str, date]] = [
        (r"\bearly next week\b", monday_next_week + timedelta(days=1)),
        (r"\bend of next week\b|\bby next week\b|\bnext week\b", end_of_week(next_week)),
        (r"\bend of (the |this )?week\b|\bthis week\b|\bby the weekend\b", end_of_week(day0)),
        (r"\bend of next month\b|\bnext month\b", end_of_month(add_months(day0.replace(day=1), 1))),
        (r"\bend of (the |this )?month\b|\bthis month\b", end_of_month(day0)),
        (r"\btomorrow\b", day0 + timedelta(days=1)),
        (r"\b(later )?today\b|\bend of (the )?day\b", day0),
    ]
    for pattern, found in rules:
        if re.search(pattern, phrase):
            return found
    if match := _WEEKDAY_RE.search(phrase):
        ahead = (WEEKDAYS[match[1]] - day0.weekday() - 1) % 7 + 1  # strictly after day 0
        return day0 + timedelta(days=ahead)
    return None


def _amount(phrase: str, day0: date) -> date | None:
    if match := _RANGE_RE.search(phrase):  # "1-2 weeks": the upper bound
        return _add(day0, _number(match[2]), match[3])
    if match := _OR_MORE_RE.search(phrase):  # "a week or two"
        return _add(day0, _number(match[2]), match[1])
    if match := _AMOUNT_RE.search(phrase):
        return _add(day0, _number(match[1]), match[2])
    return None


def _number(word: str) -> float:
    return float(word) if word[0].isdigit() else float(NUMBER_WORDS[word])


def _add(day0: date, amount: float, unit: str) -> date | None:
    if amount <= 0 or amount > 366:
        return None
    if unit.startswith(("business", "working", "bus")):
        return add_business_days(day0, round(amount))
    if unit.startswith("d"):
        return day0 + timedelta(days=round(amount))
    if unit.startswith("w"):
        return day0 + timedelta(days=round(amount * 7))
    return add_months(day0, round(amount)) if amount <= 24 else None
