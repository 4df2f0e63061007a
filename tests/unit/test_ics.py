"""The calendar export: valid RFC 5545 that calendar apps (and `icalendar`) read back exactly."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interviewer, Outcome
from lib.domain.steps import StepMark, StepStatus
from lib.files.demo import load_demo
from lib.files.ics import export_ics, ics_text, write_ics
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview

LONDON = ZoneInfo("Europe/London")


def events(text: str) -> dict[str, object]:
    """UID -> event, parsed by an independent implementation."""
    calendar = Calendar.from_ical(text)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def saved(store: Store, **overrides):
    return store.interviews.get(store.interviews.save(build_interview(**overrides), now=FIXED_NOW))


def test_calendar_has_the_required_properties_and_crlf_lines(store: Store):
    saved(store)
    text = export_ics(store, FIXED_NOW, LONDON)
    calendar = Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert "Debrief" in str(calendar["PRODID"])
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_one_all_day_event_per_reminder_still_to_do_on_its_recommended_date(store: Store):
    load_demo(store, FIXED_NOW)
    interviews = store.interviews.find()
    marks = store.follow_up.marks_for(i.id for i in interviews)
    later = store.applications.later_rounds([i.id for i in interviews])  # the booked round 3 closes round 2
    assert later
    expected = {
        f"{i.id}-{s.key}@debrief.local": s.recommended
        for i in interviews
        for s in follow_up_timeline(i, marks[i.id], FIXED_NOW, LONDON, later_round=later.get(i.id))
        if s.reminder and not s.status.settled
    }
    found = events(export_ics(store, FIXED_NOW, LONDON))
    assert expected and found.keys() == expected.keys()
    for uid, event in found.items():
        assert event.decoded("DTSTART") == expected[uid]
        assert event.decoded("DTEND") == expected[uid] + timedelta(days=1)
        assert not isinstance(event.decoded("DTSTART"), datetime)  # VALUE=DATE: all day


def test_done_skipped_closed_and_recorded_steps_are_left_out(store: Store):
    interview = saved(store, stated_timeframe="within 2 weeks")
    person = interview.interviewers[0]
    store.follow_up.mark(interview.id, StepMark(f"thank_you:{person.id}", StepStatus.DONE, date(2026, 11, 10)))
    store.follow_up.mark(interview.id, StepMark("soft_touch", StepStatus.SKIPPED, date(2026, 11, 17)))
    saved(store, company="Closed Co", outcome=Outcome.REJECTED)
    assert list(events(export_ics(store, FIXED_NOW, LONDON))) == [f"{interview.id}-check_in@debrief.local"]


def test_uids_stay_the_same_across_exports(store: Store):
    saved(store)
    first = events(export_ics(store, FIXED_NOW, LONDON))
    second = events(export_ics(store, FIXED_NOW + timedelta(hours=3), LONDON))
    assert first.keys() == second.keys()
    assert len(first) == 3  # thank-you, soft touch, check-in


def test_summary_names_the_step_company_and_role(store: Store):
    interview = saved(store, interviewers=(Interviewer("Jane Doe"),), company="Acme", role="Data engineer")
    person = interview.interviewers[0]
    event = events(export_ics(store, FIXED_NOW, LONDON))[f"{interview.id}-thank_you:{person.id}@debrief.local"]
    assert str(event["SUMMARY"]) == "Thank-you note to Jane Doe · Acme: Data engineer"
    [step] = [s for s in follow_up_timeline(interview, [], FIXED_NOW, LONDON) if s.key == f"thank_you:{person.id}"]
    assert str(event["DESCRIPTION"]) == step.why


@pytest.mark.parametrize(
    ("company", "role", "person"),
    [
        ("Smith, Jones; Partners", "Data engineer", "Jane Doe"),
        ("Back\\slash Ltd", "Lead; data, platform", "O'Brien, Seán"),
        ("Zoë & Ångström", "Ingénieure données 数据工程师 🚀", "李小龙"),
        ("A" * 100, "B" * 100, "Ñ" * 100),
    ],
)
def test_text_survives_escaping_and_folding(store: Store, company: str, role: str, person: str):
    interview = saved(store, company=company, role=role, interviewers=(Interviewer(person),))
    text = export_ics(store, FIXED_NOW, LONDON)
    summaries = {str(e["SUMMARY"]) for e in events(text).values()}
    assert f"Thank-you note to {person} · {company}: {role}" in summaries
    assert f"Status check-in · {interview.title}" in summaries
    for line in text.encode("utf-8").split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never split inside a character


def test_newlines_in_text_are_escaped_not_written_raw():
    assert ics_text("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour"
    assert ics_text("a\\b;c,d") == "a\\\\b\\;c\\,d"
    assert ics_text("bell\x07tab\tok") == "belltab\tok"


def test_a_multiline_role_arrives_as_one_multiline_summary(store: Store):
    interview = saved(store, role="Data engineer\nplatform team")
    text = export_ics(store, FIXED_NOW, LONDON)
    event = events(text)[f"{interview.id}-check_in@debrief.local"]
    assert str(event["SUMMARY"]) == "Status check-in · Acme Analytics: Data engineer\nplatform team"


def test_dtstamp_is_now_in_utc(store: Store):
    saved(store)
    new_york = ZoneInfo("America/New_York")
    stamps = {e.decoded("DTSTAMP") for e in events(export_ics(store, FIXED_NOW, new_york)).values()}
    assert stamps == {datetime(2026, 11, 20, 22, 0, tzinfo=ZoneInfo("UTC"))}


def test_nothing_to_do_gives_an_empty_but_valid_calendar(store: Store):
    text = export_ics(store, FIXED_NOW, LONDON)
    assert events(text) == {}
    assert Calendar.from_ical(text)["VERSION"] == "2.0"


def test_unsaved_interviews_are_refused_because_uids_need_ids():
    with pytest.raises(ValueError, match="saved interviews"):
        write_ics([build_interview()], {}, FIXED_NOW, LONDON)
