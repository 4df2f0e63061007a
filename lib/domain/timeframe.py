"""Reading what the interviewer said about timing ("within 2 weeks", "by 1 Dec").

A phrase is read only when the whole of it is understood: a small grammar (a few filler words,
a lead such as "within" or "at least", one timing expression, an ending such as "or so") must
match all of it. Anything else is said to be unread and counts as no timeframe, so "two weeks
from Monday" is never read as Monday, nor "the CEO sat in" as Saturday. The original text is
always kept, and the timeline then falls back to the usual 1-2 weeks instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from lib.domain.days import add_business_days, add_months, end_of_month, end_of_week, human_date


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
    problem: str = ""  # why a phrase that names a date is not used: "… more than a year after …"
    # The date an unread phrase names ("by 2062-12-01", "by 2026-11-01" before the interview), so
    # validation can refuse one outside the accepted range; not part of what the phrase means.
    named: date | None = field(default=None, compare=False)

    @property
    def understood(self) -> bool:
        return self.decision_by is not None

    def meaning(self, today: date | None = None) -> str:
        """The parsed meaning, shown back to the user as they type."""
        if self.kind is TimeframeKind.NONE:
            return "No timeframe recorded: the check-in uses the usual 1–2 weeks."
        if self.problem:
            return f"{self.problem}. Until then the check-in uses the usual 1–2 weeks."
        if self.kind is TimeframeKind.UNREAD or self.decision_by is None:
            return (
                f"Couldn't read “{self.text}” as a date, so it counts as no timeframe "
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
    "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2,
    "a few": 3, "few": 3, "several": 3,
}
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
}
WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"),
         ("thu", "thur", "thurs", "thursday"), ("fri", "friday"),
         ("sat", "saturday"), ("sun", "sunday")]
    )
    for name in names
}


# A decision expected more than a year after the interview is likely a typo ("by 2062-12-01"):
# it is flagged at the field and counts as no timeframe rather than a check-in dated years away.
HORIZON = timedelta(days=366)


def _words(names: Iterable[str]) -> str:
    """An alternation that tries the longest name first ("september" before "sep")."""
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


# --- the grammar: [fillers] [lead] expression [ending], matched against the whole phrase ------
# Words around the expression that do not change its meaning. Each must be followed (a lead)
# or preceded (an ending) by the rest of the phrase; they never stand for a timeframe alone.
# Who hears from whom, and how ("I'll hear", "recruiter will call", "should have an answer"): the
# longer phrases come before "expect" alone, or "expect" would be taken and "to hear back" left over.
_HEARING = (
    r"(?:(?:they|we|i|you|she|he|(?:the )?recruiter) )?"
    r"(?:should |will |would |hope to |expect to |(?:am |are )?waiting to )?"
    r"(?:hear(?: back)?(?: from (?:them|him|her|the recruiter))?|decide|know(?: more)?|"
    r"get back(?: to (?:me|us))?|come back(?: to (?:me|us))?|(?:be )?in touch|let (?:me|us) know|"
    r"respond|reply|call(?: me| us)?|have (?:an answer|a decision|news|feedback))"
)
_FILLERS = re.compile(
    r"(?:~\s*|(?:they (?:said|say|mentioned|told me|told us)|(?:i|we) (?:was|were) told|said|"
    r"probably|hopefully|maybe|perhaps|likely|roughly|about|around|approximately|approx\.?|"
    r"(?:a |the )?(?:final )?decision(?: is)?(?: expected| due)?|(?:an )?answer|feedback|"
    rf"{_HEARING}|expected|expect|"
    r"within the next|in the next|over the next|within|in|by|before|on|until|till|"
    r"no later than|up to|no more than|not more than|sometime|some time|"
    rf"(?:the )?next(?=\s+(?:\d|(?:{_words(NUMBER_WORDS)})\b)))\s+)"  # "the next 2 weeks", never "next week"
)
_AT_LEAST = re.compile(r"(?:at least|no sooner than|no earlier than|not before|not until|minimum of|minimum|min\.?)\s+")
_ENDINGS = re.compile(r"\s+(?:or so|or thereabouts|ish|at the latest|at most|tops|max|or sooner|or less|time)$|-ish$")
_AT_LEAST_ENDINGS = re.compile(r"\s+(?:at the earliest|or more|or longer|minimum)$")

_NUMBER = r"(\d{1,3}(?:\.\d+)?|" + _words(NUMBER_WORDS) + ")"
_UNIT = (
    r"(business days?|working days?|bus\.? days?|days?|d|weeks?|wks?|wk|w|"
    r"fortnights?|months?|mos?)"
)
_MONTH = "(" + _words(MONTHS) + r")\.?"
_WEEKDAY = "(" + _words(WEEKDAYS) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(\d{4}))?"
_ON_WEEKDAY = rf"(?:{_words(WEEKDAYS)})\.?,?\s+"  # "Fri 4 Dec": the date decides, the weekday is a courtesy


def _normalised(text: str) -> str:
    """Lower case, one space between words, contractions spelled out, no closing punctuation."""
    phrase = text.casefold().replace("’", "'").replace("‘", "'")
    phrase = re.sub(r"'ll\b", " will", phrase)
    phrase = re.sub(r"'d\b", " would", phrase)
    phrase = phrase.replace("'", "")
    phrase = re.sub(r"\s+", " ", phrase).strip()
    return re.sub(r"[\s.,;:!?\"()]+$", "", phrase).strip(" \"(")


def _expression(phrase: str) -> tuple[str, bool]:
    """The timing expression inside the phrase, and whether it was said as a minimum."""
    at_least = False
    while True:
        if match := _AT_LEAST.match(phrase):
            at_least = True
        elif not (match := _FILLERS.match(phrase)):
            break
        phrase = phrase[match.end():]
    while True:
        if match := _AT_LEAST_ENDINGS.search(phrase):
            at_least = True
        elif not (match := _ENDINGS.search(phrase)):
            break
        phrase = phrase[: match.start()]
    return phrase, at_least


def parse_timeframe(text: str | None, day0: date) -> Timeframe:
    """Turn a typed timeframe into the date a decision is expected by, counted from day 0.

    Total: any text and any day 0 give a Timeframe, never an exception (a stored row may hold
    a date at the end of the calendar, where date arithmetic overflows).
    """
    original = (text or "").strip()
    if not original:
        return Timeframe("", TimeframeKind.NONE)
    expression, at_least = _expression(_normalised(original))
    try:
        found = _read(expression, day0)
        too_late = found is not None and found - day0 > HORIZON  # day0 + HORIZON overflows near 9999
    except (OverflowError, ValueError):  # day 0 itself at the end of the calendar (year 10000)
        found, too_late = None, False
    if too_late and found is not None:
        when = human_date(found, day0)
        problem = f"{when} is more than a year after the interview, so it counts as no timeframe: check it"
        return Timeframe(original, TimeframeKind.UNREAD, problem=problem, named=found)
    if found is None or found < day0:
        return Timeframe(original, TimeframeKind.UNREAD, named=found)
    kind = TimeframeKind.AT_LEAST if at_least else TimeframeKind.BY_DATE
    return Timeframe(original, kind, found)


def _read(expression: str, day0: date) -> date | None:
    """The date the whole expression names, or None when any part of it is not understood."""
    for pattern, meaning in _EXPRESSIONS:
        if match := pattern.fullmatch(expression):
            return meaning(match, day0)
    return None


# --- what each expression means -------------------------------------------------------------
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


def _end_of_named_month(day0: date, month: int) -> date:
    """'end of December': the last day of the next December that has not ended by day 0."""
    year = day0.year if month >= day0.month else day0.year + 1
    return end_of_month(date(year, month, 1))


def _weekday_after(day0: date, weekday: int) -> date:
    """'Friday' (or 'next Friday'): the first one strictly after day 0."""
    return day0 + timedelta(days=(weekday - day0.weekday() - 1) % 7 + 1)


def _monday_next_week(day0: date) -> date:
    next_week = day0 + timedelta(days=7)
    return next_week - timedelta(days=next_week.weekday())


def _number(word: str) -> float:
    return float(word) if word[0].isdigit() else float(NUMBER_WORDS[word])


def _add(start: date, amount: float, unit: str) -> date | None:
    if amount <= 0 or amount > 366:
        return None
    if unit.startswith(("business", "working", "bus")):
        return add_business_days(start, round(amount))
    if unit.startswith("f"):
        return start + timedelta(days=round(amount * 14))
    if unit.startswith("d"):
        return start + timedelta(days=round(amount))
    if unit.startswith("w"):
        return start + timedelta(days=round(amount * 7))
    return add_months(start, round(amount)) if amount <= 24 else None


def _anchor(word: str, day0: date) -> date:
    """The day an amount counts from: 'two weeks from Monday' counts from the Monday."""
    if word in ("now", "today", "the interview", "interview"):
        return day0
    if word == "tomorrow":
        return day0 + timedelta(days=1)
    return _weekday_after(day0, WEEKDAYS[word.split()[-1].rstrip(".")])


def _end_of_week_of(day: date | None) -> date | None:
    """'the week of Dec 14': the Friday of that week, by when a decision that week is due."""
    return None if day is None else end_of_week(day)


def _in_range(lower: float, upper: float, unit: str, day0: date) -> date | None:
    """'1-2 weeks': the upper bound, when the range runs upwards."""
    return _add(day0, upper, unit) if 0 < lower <= upper else None


_RELATIVE: dict[str, Callable[[date], date]] = {
    r"(?:the )?end of next week|next week|late next week": lambda d: end_of_week(d + timedelta(days=7)),
    r"early next week": lambda d: _monday_next_week(d) + timedelta(days=1),
    r"mid next week|the middle of next week": lambda d: _monday_next_week(d) + timedelta(days=2),
    r"(?:the )?end of (?:the |this )?week|(?:later )?this week|(?:the |this )?weekend": end_of_week,
    r"(?:the )?end of next month|next month": lambda d: end_of_month(add_months(d.replace(day=1), 1)),
    r"(?:the )?end of (?:the |this )?month|this month": end_of_month,
    r"(?:(?:the )?end of (?:the )?day )?tomorrow": lambda d: d + timedelta(days=1),
    r"(?:later )?today|(?:the )?end of (?:the )?day": lambda d: d,
}

_ANCHORS = rf"(now|today|tomorrow|(?:the )?interview|(?:next |this |coming )?{_words(WEEKDAYS)}\.?)"
_EXPRESSIONS: list[tuple[re.Pattern[str], Callable[[re.Match[str], date], date | None]]] = [
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), lambda m, d: _safe_date(int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(rf"(?:{_ON_WEEKDAY})?(?:the )?{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}"),
     lambda m, d: _next_occurrence(d, MONTHS[m[2]], int(m[1]), m[3])),
    (re.compile(rf"(?:{_ON_WEEKDAY})?{_MONTH}\s+(?:the )?{_DAY}{_YEAR}"),
     lambda m, d: _next_occurrence(d, MONTHS[m[1]], int(m[2]), m[3])),
    (re.compile(rf"(?:the )?end of {_MONTH}"), lambda m, d: _end_of_named_month(d, MONTHS[m[1]])),
    *[(re.compile(pattern), lambda m, d, f=meaning: f(d)) for pattern, meaning in _RELATIVE.items()],
    (re.compile(rf"{_WEEKDAY} next week"), lambda m, d: _monday_next_week(d) + timedelta(days=WEEKDAYS[m[1]])),
    (re.compile(rf"(?:next |this |coming )?{_WEEKDAY} or {_WEEKDAY}"),  # "Thursday or Friday": the later one
     lambda m, d: max(_weekday_after(d, WEEKDAYS[m[1]]), _weekday_after(d, WEEKDAYS[m[2]]))),
    (re.compile(rf"(?:the )?week of (?:the )?{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}"),  # the Friday of that week
     lambda m, d: _end_of_week_of(_next_occurrence(d, MONTHS[m[2]], int(m[1]), m[3]))),
    (re.compile(rf"(?:the )?week of {_MONTH}\s+(?:the )?{_DAY}{_YEAR}"),
     lambda m, d: _end_of_week_of(_next_occurrence(d, MONTHS[m[1]], int(m[2]), m[3]))),
    (re.compile(rf"(?:next |this |coming |the coming )?{_WEEKDAY}"), lambda m, d: _weekday_after(d, WEEKDAYS[m[1]])),
    (re.compile(rf"{_NUMBER}\s*(?:-|–|—|to|or)\s*{_NUMBER}\s*{_UNIT}"),
     lambda m, d: _in_range(_number(m[1]), _number(m[2]), m[3], d)),
    (re.compile(rf"{_NUMBER}\s*{_UNIT},? (?:or|maybe|or maybe|perhaps|possibly) {_NUMBER}"),
     lambda m, d: _in_range(_number(m[1]), _number(m[3]), m[2], d)),
    (re.compile(rf"{_NUMBER}\s*{_UNIT} (?:from|after) {_ANCHORS}"),
     lambda m, d: _add(_anchor(m[3], d), _number(m[1]), m[2])),
    (re.compile(rf"{_NUMBER}\s*{_UNIT}"), lambda m, d: _add(d, _number(m[1]), m[2])),
]
