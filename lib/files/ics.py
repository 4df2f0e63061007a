"""The follow-up reminders as an RFC 5545 calendar, written by hand (no runtime dependency).

One all-day event per reminder still to do, on the step's recommended date, so the user's
own calendar app nags at the right moment, with a reminder at 09:00 that morning; a step
settled since its event was exported stays in later files as STATUS:CANCELLED. UIDs are
stable (interview id + step key), and SEQUENCE grows each time an event's content changes
(the store keeps a fingerprint per UID), so importing a newer export updates events instead
of duplicating them. One step, one interview or every open step: the same events either way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from lib.domain.applications import LaterRound
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interview
from lib.domain.steps import StepMark, StepSnooze
from lib.store import Store

PRODID = "-//Debrief//Follow-up reminders//EN"
ALARM_TRIGGER = "PT9H"  # 09:00 on the (floating, all-day) start date: the morning of the recommended day
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class CalendarEvent:
    """One follow-up reminder as a calendar event, before it gets a DTSTAMP and a SEQUENCE."""

    uid: str
    day: date
    summary: str
    description: str
    cancelled: bool = False  # the step was done, skipped or closed after this event was exported

    def content_lines(self) -> list[str]:
        """Every line that says what the event is; DTSTAMP and SEQUENCE are added when written."""
        lines = [
            f"UID:{self.uid}",
            f"DTSTART;VALUE=DATE:{self.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{self.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{ics_text(self.summary)}",
            f"DESCRIPTION:{ics_text(self.description)}",
            "TRANSP:TRANSPARENT",
        ]
        if self.cancelled:  # no alarm: nothing left to remind
            return [*lines, "STATUS:CANCELLED"]
        return [
            *lines,
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{ics_text(self.summary)}",
            f"TRIGGER;RELATED=START:{ALARM_TRIGGER}",
            "END:VALARM",
        ]

    @property
    def fingerprint(self) -> str:
        """Changes exactly when the event's content does: what SEQUENCE counts."""
        return hashlib.sha256("\n".join(self.content_lines()).encode("utf-8")).hexdigest()


def event_uid(interview_id: int, step_key: str) -> str:
    return f"{interview_id}-{step_key}@debrief.local"


def exported_interview_ids(uids: Iterable[str]) -> set[int]:
    """The interviews named by event UIDs (see `event_uid`)."""
    heads = (uid.partition("-")[0] for uid in uids)
    return {int(head) for head in heads if head.isdigit()}


def calendar_events(
    interviews: Iterable[Interview],
    marks_by_id: Mapping[int, Sequence[StepMark]],
    now: datetime,
    tz: tzinfo | None,
    snoozes_by_id: Mapping[int, Sequence[StepSnooze]] | None = None,
    step_key: str | None = None,
    cancel: Collection[str] = (),
    later_by_id: Mapping[int, LaterRound] | None = None,
) -> list[CalendarEvent]:
    """The reminders still to do (only `step_key`'s, when given), oldest interview first; and,
    for the UIDs in `cancel` (those exported before), settled steps as cancelled events, so a
    calendar that imports the newer file drops a reminder for something already done."""
    events = []
    for interview in sorted(interviews, key=lambda i: (i.interview_at, i.id or 0)):
        if interview.id is None:
            raise ValueError("write_ics needs saved interviews: the event UIDs use their ids")
        snoozes = (snoozes_by_id or {}).get(interview.id, ())
        later = (later_by_id or {}).get(interview.id)
        for step in follow_up_timeline(interview, marks_by_id.get(interview.id, ()), now, tz, snoozes, later):
            uid = event_uid(interview.id, step.key)
            if not step.reminder or step_key not in (None, step.key):
                continue
            if not step.status.settled or uid in cancel:
                events.append(CalendarEvent(uid, step.recommended, f"{step.title} · {interview.title}", step.why,
                                            cancelled=step.status.settled))
    return events


def render_calendar(
    events: Iterable[CalendarEvent], now: datetime, tz: tzinfo | None, sequences: Mapping[str, int] | None = None
) -> str:
    """The events as RFC 5545 text; an event missing from `sequences` is at SEQUENCE 0."""
    stamp = (now.replace(tzinfo=tz).astimezone(UTC) if tz else now).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:Debrief follow-ups"]
    for event in events:
        content = event.content_lines()
        lines += ["BEGIN:VEVENT", content[0], f"DTSTAMP:{stamp}", f"SEQUENCE:{(sequences or {}).get(event.uid, 0)}",
                  *content[1:], "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def write_ics(
    interviews: Iterable[Interview],
    marks_by_id: Mapping[int, Sequence[StepMark]],
    now: datetime,
    tz: tzinfo | None,
    snoozes_by_id: Mapping[int, Sequence[StepSnooze]] | None = None,
    sequences: Mapping[str, int] | None = None,
) -> str:
    """An RFC 5545 calendar with one all-day event per follow-up reminder still to do.

    Each event sits on the step's recommended date and keeps a stable UID, so importing a
    newer export updates the events instead of duplicating them.
    """
    return render_calendar(calendar_events(interviews, marks_by_id, now, tz, snoozes_by_id), now, tz, sequences)


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


# --- the whole store, for the Data page and the CLI -------------------------------------
def export_ics(
    store: Store, now: datetime, tz: tzinfo | None, interview_id: int | None = None, step_key: str | None = None
) -> str:
    """Every open reminder; or one interview's (`interview_id`), or one step's (and `step_key`).

    Only pending entries can have reminders left, so only they are read, with those whose events
    went out before (to cancel what an outcome closed). The store numbers each event's SEQUENCE,
    raising it when the event's content changed since the last export, cancellation included.
    """
    exported = store.follow_up.exported_event_uids()
    if interview_id is None:
        interviews = store.interviews.open()
        closed_since = exported_interview_ids(exported) - {i.id for i in interviews}  # outcome recorded since
        interviews += [i for i in map(store.interviews.get, sorted(closed_since)) if i is not None]
    else:
        interviews = [i for i in [store.interviews.get(interview_id)] if i is not None]
    ids = [i.id for i in interviews if i.id is not None]
    marks, snoozes = store.follow_up.marks_for(ids), store.follow_up.snoozes_for(ids)
    later = store.applications.later_rounds(ids)  # a round that moved on cancels its reminders
    events = calendar_events(interviews, marks, now, tz, snoozes, step_key, exported, later)
    return render_calendar(events, now, tz, store.follow_up.calendar_sequences({e.uid: e.fingerprint for e in events}))
