"""The CSV's two list cells: `interviewers` and `thank_you_sent`, one item per person.

A spreadsheet user reads `Priya Shah; Tom Lee` and can type it. A name holding the separator
or a backslash is written with a backslash before it (`Doe\\; Jane` is one person, `C:\\\\x`
a name with one backslash), so every name comes back exactly; a backslash before any other
character is kept as typed, so hand-written text rarely needs one. `thank_you_sent` holds the
day each person's thank-you went out, in the same order (empty for not sent), so one note sent
of two stays one of two. Files from before (one `thank_you_sent_on` date for everyone, names
split at every `;`) are still read the old way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from lib.domain.followup import thank_you_key
from lib.domain.model import Interview, Interviewer
from lib.domain.steps import StepMark, StepStatus

SEPARATOR = ";"
ESCAPE = "\\"


def join_items(items: Iterable[str]) -> str:
    """`a; b`, with `;` and `\\` inside an item escaped by a backslash."""
    return "; ".join(item.replace(ESCAPE, ESCAPE * 2).replace(SEPARATOR, ESCAPE + SEPARATOR) for item in items)


def split_items(text: str) -> list[str]:
    """Undo `join_items`: the items, trimmed, empty ones kept (their position matters)."""
    items, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == ESCAPE and text[index + 1 : index + 2] in (ESCAPE, SEPARATOR):
            current.append(text[index + 1])
            index += 2
            continue
        if char == SEPARATOR:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    items.append("".join(current).strip())
    return items


def people_cell(interview: Interview) -> str:
    return join_items(p.name for p in interview.interviewers)


def sent_cell(interview: Interview, marks: Sequence[StepMark]) -> str:
    """The day each person's thank-you was marked sent, in interviewer order; trailing "not sent" left out.

    Only steps the interview has now count: a mark left from a removed person is not one.
    """
    done = {m.step_key: m.on for m in marks if m.status is StepStatus.DONE}
    days = [done.get(thank_you_key(p, i)) for i, p in enumerate(interview.interviewers or [None])]
    while days and days[-1] is None:
        days.pop()
    return "; ".join(d.isoformat() if d else "" for d in days)


def read_people(cell: str, *, legacy: bool) -> tuple[Interviewer, ...]:
    """The interviewers of a cell; `legacy` splits at every `;` as earlier versions wrote them."""
    names = [n.strip() for n in cell.split(SEPARATOR)] if legacy else split_items(cell)
    return tuple(Interviewer(name) for name in names if name)


def read_sent_days(cell: str, people: int, parse_day: Callable[[str], date | None]) -> list[date | None]:
    """One day or None per thank-you step (at least one: no interviewer still means one note).

    ValueError names the item that is not a date, or too many items for the people listed.
    """
    steps = max(people, 1)
    items = [item.strip() for item in cell.split(SEPARATOR)] if cell.strip() else []
    while items and not items[-1]:
        items.pop()
    if len(items) > steps:
        who = f"{people} interviewer{'s' * (people != 1)}" if people else "no interviewer (one thank-you)"
        raise ValueError(f"has {len(items)} dates but the row lists {who}: one date per interviewer, in order")
    days = []
    for position, item in enumerate(items, start=1):
        try:
            days.append(parse_day(item) if item else None)
        except ValueError as error:
            raise ValueError(f"date {position}: {error}" if len(items) > 1 else str(error)) from None
    return days + [None] * (steps - len(days))


def sent_marks(people: Sequence[Interviewer], days: Sequence[date | None]) -> list[StepMark]:
    """A done thank-you mark per person with a day, keyed by position (the people are not saved yet)."""
    recipients: Sequence[Interviewer | None] = people or [None]
    return [
        StepMark(thank_you_key(p, i), StepStatus.DONE, day)
        for i, (p, day) in enumerate(zip(recipients, days, strict=False))
        if day is not None
    ]


def sent_marks_on(people: Sequence[Interviewer], day: date | None) -> list[StepMark]:
    """Every thank-you of a new entry marked sent on one `day` (none when it is None)."""
    return sent_marks(people, [day] * max(len(people), 1))
