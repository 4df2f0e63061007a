"""The calendar export of silence after a check-in and of rounds a later round moved on."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from lib.domain.model import Outcome
from lib.domain.steps import StepMark, StepStatus
from lib.files.ics import export_ics
from lib.store import Store
from tests.factories import FIXED_NOW, D, build_interview

LONDON = ZoneInfo("Europe/London")
OCT_12 = datetime(2026, 10, 12, 14, 0)  # a Monday, five weeks before the pinned clock (Fri 20 Nov 2026)


def events(text: str) -> dict[str, object]:
    """UID -> event, parsed by an independent implementation."""
    return {str(event["UID"]): event for event in Calendar.from_ical(text).walk("VEVENT")}


def check_in_sent(store: Store, on: str = "2026-10-26") -> int:
    interview_id = store.interviews.save(build_interview(interview_at=OCT_12), now=OCT_12)
    store.follow_up.mark(interview_id, StepMark("check_in", StepStatus.DONE, D(on)))
    return interview_id


def test_a_sent_check_in_puts_the_second_one_in_the_calendar_five_business_days_on(store: Store):
    interview_id = check_in_sent(store, "2026-11-16")
    found = events(export_ics(store, FIXED_NOW, LONDON))
    event = found[f"{interview_id}-second_check_in@debrief.local"]
    assert event.decoded("DTSTART") == D("2026-11-23")
    assert str(event["SUMMARY"]) == "Second check-in · Acme Analytics: Data Engineer"
    assert "One polite nudge is fine" in str(event["DESCRIPTION"])
    assert f"{interview_id}-check_in@debrief.local" not in found  # sent: nothing left to remind


def test_the_no_response_suggestion_is_an_event_that_reassures(store: Store):
    interview_id = check_in_sent(store)
    store.follow_up.mark(interview_id, StepMark("second_check_in", StepStatus.DONE, D("2026-11-09")))
    event = events(export_ics(store, FIXED_NOW, LONDON))[f"{interview_id}-no_response@debrief.local"]
    assert event.decoded("DTSTART") == D("2026-11-23")  # ten business days after the second check-in
    assert str(event["SUMMARY"]).startswith("No answer yet: record “no response”?")
    assert "Silence is common and it is not a verdict on you" in str(event["DESCRIPTION"])


def test_silence_events_keep_their_uids_and_sequence_across_exports(store: Store):
    interview_id = check_in_sent(store)
    store.follow_up.mark(interview_id, StepMark("second_check_in", StepStatus.DONE, D("2026-11-09")))
    first, again = (events(export_ics(store, FIXED_NOW, LONDON)) for _ in range(2))
    uid = f"{interview_id}-no_response@debrief.local"
    assert uid in first and first.keys() == again.keys()
    assert int(again[uid]["SEQUENCE"]) == int(first[uid]["SEQUENCE"]) == 0


def test_recording_no_response_cancels_the_suggestion_exported_before(store: Store):
    interview_id = check_in_sent(store)
    store.follow_up.mark(interview_id, StepMark("second_check_in", StepStatus.DONE, D("2026-11-09")))
    export_ics(store, FIXED_NOW, LONDON)
    store.interviews.set_outcome(interview_id, Outcome.NO_RESPONSE, FIXED_NOW.date())
    event = events(export_ics(store, FIXED_NOW, LONDON))[f"{interview_id}-no_response@debrief.local"]
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CANCELLED", 1)


def test_a_later_round_cancels_the_earlier_rounds_exported_events(store: Store):
    first = store.interviews.save(build_interview(interview_at=datetime(2026, 11, 2, 10, 0)), now=FIXED_NOW)
    before = events(export_ics(store, FIXED_NOW, LONDON))
    check_in = f"{first}-check_in@debrief.local"
    assert str(before[check_in].get("STATUS", "")) != "CANCELLED"
    booked = build_interview(interview_at=datetime(2026, 11, 25, 10, 0), scores={}, evidence={})
    second = store.interviews.save(booked, now=FIXED_NOW)
    after = events(export_ics(store, FIXED_NOW, LONDON))
    assert (str(after[check_in]["STATUS"]), int(after[check_in]["SEQUENCE"])) == ("CANCELLED", 1)
    assert "Round 2 is booked (Wed 25 Nov), so no check-in is needed" in str(after[check_in]["DESCRIPTION"])
    assert not any(uid.startswith(f"{second}-") for uid in after)  # round 2 is still ahead: no follow-up yet


def test_a_round_closed_before_any_export_adds_nothing_to_the_calendar(store: Store):
    first = store.interviews.save(build_interview(interview_at=datetime(2026, 11, 2, 10, 0)), now=FIXED_NOW)
    store.interviews.save(build_interview(interview_at=datetime(2026, 11, 25, 10, 0)), now=FIXED_NOW)
    assert not any(uid.startswith(f"{first}-") for uid in events(export_ics(store, FIXED_NOW, LONDON)))
