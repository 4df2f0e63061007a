"""The follow-up reminders as an RFC 5545 calendar, written by hand (no runtime dependency).

One all-day event per reminder still to do, on the step's recommended date, so the user's
own calendar app nags at the right moment. UIDs are stable (interview id + step key), so
importing a newer export updates events instead of duplicating them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo

from lib.followup import StepMark, follow_up_timeline
from lib.model import Interview

PRODID = "-//Debrief//Follow-up reminders//EN"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def write_ics(
    interviews: Iterable[Interview], marks_by_id: Mapping[int, Sequence[StepMark]], now: datetime, tz: tzinfo | None
) -> str:
    """An RFC 5545 calendar with one all-day event per follow-up reminder still to do.

    Each event sits on the step's recommended date and keeps a stable UID, so importing a
    newer export updates the events instead of duplicating them.
    """
    stamp = (now.replace(tzinfo=tz).astimezone(UTC) if tz else now).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:Debrief follow-ups"]  # fmt: skip
    for interview in sorted(interviews, key=lambda i: (i.interview_at, i.id or 0)):
        if interview.id is None:
            raise ValueError("write_ics needs saved interviews: the event UIDs use their ids")
        for step in follow_up_timeline(interview, marks_by_id.get(interview.id, ()), now, tz):
            if step.reminder and not step.status.settled:
                lines += _vevent(interview, step.key, step.recommended, f"{step.title} · {interview.title}",
                                 step.why, stamp)  # fmt: skip
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _vevent(interview: Interview, key: str, day: date, summary: str, description: str, stamp: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{interview.id}-{key}@debrief.local",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{ics_text(summary)}",
        f"DESCRIPTION:{ics_text(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def ics_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines."""
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))  # other control characters are not TEXT
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(raw):
        end = min(start + limit, len(raw))
        while end < len(raw) and raw[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(raw[start:end].decode("utf-8"))
        start, limit = end, 74  # a continuation line starts with one space
    return "\r\n ".join(parts)
