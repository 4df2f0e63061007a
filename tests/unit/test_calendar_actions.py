"""Calendar files for one step, one interview or every open step: reminders, updates on re-import."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from lib.cli import main
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interview, Interviewer, Outcome
from lib.domain.steps import StepMark, StepSnooze, StepStatus
from lib.files.demo import load_demo
from lib.files.ics import calendar_events, export_ics, render_calendar
from lib.store import Store
from tests.factories import FIXED_NOW, D, build_interview

LONDON = ZoneInfo("Europe/London")


def events(text: str) -> dict[str, object]:
    """UID -> event, parsed by an independent implementation (icalendar)."""
    return {str(e["UID"]): e for e in Calendar.from_ical(text).walk("VEVENT")}


def sequences(text: str) -> dict[str, int]:
    return {uid: int(event["SEQUENCE"]) for uid, event in events(text).items()}


def saved(store: Store, **overrides) -> Interview:
    overrides.setdefault("interviewers", (Interviewer("Priya Shah", email="priya@acme.example"),))
    return store.interviews.get(store.interviews.save(build_interview(**overrides), now=FIXED_NOW))


def uid(interview: Interview, key: str) -> str:
    return f"{interview.id}-{key}@debrief.local"


def export(store: Store, **which) -> str:
    return export_ics(store, FIXED_NOW, LONDON, **which)


def test_every_event_has_a_display_reminder_on_the_morning_of_its_day(store: Store):
    load_demo(store, FIXED_NOW)
    found = events(export(store))
    assert found
    for event in found.values():
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
        assert alarm.decoded("TRIGGER") == timedelta(hours=9)  # from the all-day start: 09:00 local
        assert alarm["TRIGGER"].params.get("RELATED", "START") == "START"


def test_one_interview_or_one_step_gives_just_those_events_with_the_same_uids(store: Store):
    first, second = saved(store), saved(store, company="Globex")
    person = first.interviewers[0]
    everything = events(export(store))
    one_interview = events(export(store, interview_id=first.id))
    one_step = events(export(store, interview_id=first.id, step_key=f"thank_you:{person.id}"))
    assert set(one_interview) == {uid(first, key) for key in (f"thank_you:{person.id}", "soft_touch", "check_in")}
    assert set(one_step) == {uid(first, f"thank_you:{person.id}")}
    assert set(one_interview) < set(everything) and uid(second, "check_in") in everything
    for key, event in one_interview.items():
        assert event.to_ical() == everything[key].to_ical()  # the same event, whichever file it comes in


def test_a_settled_step_or_a_missing_interview_gives_an_empty_but_valid_calendar(store: Store):
    interview = saved(store)
    store.follow_up.mark(interview.id, StepMark("check_in", StepStatus.DONE, FIXED_NOW.date()))
    assert events(export(store, interview_id=interview.id, step_key="check_in")) == {}
    assert events(export(store, interview_id=404)) == {}
    assert Calendar.from_ical(export(store, interview_id=404))["VERSION"] == "2.0"


def test_event_dates_are_the_timelines_recommended_dates_snoozes_included(store: Store):
    interview = saved(store)
    store.follow_up.snooze(interview.id, StepSnooze("check_in", D("2026-12-02"), "they are at a conference"))
    steps = follow_up_timeline(
        interview, [], FIXED_NOW, LONDON, store.follow_up.snoozes_for([interview.id])[interview.id]
    )
    found = events(export(store, interview_id=interview.id))
    assert {key: e.decoded("DTSTART") for key, e in found.items()} == {
        uid(interview, s.key): s.recommended for s in steps if s.reminder and not s.status.settled
    }
    check_in = found[uid(interview, "check_in")]
    assert check_in.decoded("DTSTART") == D("2026-12-02")
    assert str(check_in["DESCRIPTION"]).startswith("Snoozed from Tue 24 Nov: they are at a conference.")


def test_uids_and_sequences_stay_the_same_when_nothing_changed(store: Store):
    saved(store)
    first = export(store)
    later = export_ics(store, FIXED_NOW + timedelta(days=1), LONDON)
    assert set(events(first)) == set(events(later))
    assert set(sequences(first).values()) == {0}
    assert sequences(later) == sequences(first)


def test_sequence_grows_for_exactly_the_events_an_edit_changed(store: Store):
    interview = saved(store)
    thank_you = f"thank_you:{interview.interviewers[0].id}"
    export(store)
    store.interviews.save(replace(interview, notes="Nothing the calendar shows"), now=FIXED_NOW)
    assert set(sequences(export(store)).values()) == {0}  # notes are not in any event
    store.follow_up.snooze(interview.id, StepSnooze("check_in", D("2026-12-02"), "away"))
    assert sequences(export(store)) == {uid(interview, thank_you): 0, uid(interview, "soft_touch"): 0,
                                        uid(interview, "check_in"): 1}
    store.interviews.save(replace(interview, role="Senior Data Engineer"),
                          now=FIXED_NOW)  # every summary names the role
    assert sequences(export(store)) == {uid(interview, thank_you): 1, uid(interview, "soft_touch"): 1,
                                        uid(interview, "check_in"): 2}
    assert sequences(export(store)) == {uid(interview, thank_you): 1, uid(interview, "soft_touch"): 1,
                                        uid(interview, "check_in"): 2}


def test_sending_the_thank_you_moves_the_soft_touch_and_raises_only_its_sequence(store: Store):
    interview = saved(store)
    thank_you = f"thank_you:{interview.interviewers[0].id}"
    before = events(export(store))
    store.follow_up.mark(interview.id, StepMark(thank_you, StepStatus.DONE, D("2026-11-16")))
    after = events(export(store))
    sent = after[uid(interview, thank_you)]  # exported before: it comes back cancelled, without its alarm
    assert str(sent["STATUS"]) == "CANCELLED" and int(sent["SEQUENCE"]) == 1 and not sent.walk("VALARM")
    soft = after[uid(interview, "soft_touch")]
    assert soft.decoded("DTSTART") == D("2026-11-23") != before[uid(interview, "soft_touch")].decoded("DTSTART")
    assert int(soft["SEQUENCE"]) == 1
    assert int(after[uid(interview, "check_in")]["SEQUENCE"]) == 0


def test_a_step_done_after_its_event_was_exported_is_cancelled_and_comes_back_if_undone(store: Store):
    interview = saved(store)
    export(store)
    store.follow_up.mark(interview.id, StepMark("check_in", StepStatus.DONE, FIXED_NOW.date()))
    for text in (export(store), export(store, interview_id=interview.id),
                 export(store, interview_id=interview.id, step_key="check_in")):
        check_in = events(text)[uid(interview, "check_in")]
        assert str(check_in["STATUS"]) == "CANCELLED" and int(check_in["SEQUENCE"]) == 1
    store.follow_up.unmark(interview.id, "check_in")
    check_in = events(export(store))[uid(interview, "check_in")]
    assert "STATUS" not in check_in and int(check_in["SEQUENCE"]) == 2 and check_in.walk("VALARM")


def test_recording_an_outcome_cancels_the_events_already_exported_and_only_those(store: Store):
    exported, never_exported = saved(store), saved(store, company="Globex")
    export(store, interview_id=exported.id)
    for interview in (exported, never_exported):
        store.interviews.set_outcome(interview.id, Outcome.REJECTED, FIXED_NOW.date())
    found = events(export(store))  # neither interview is pending any more
    assert set(found) == {uid(exported, f"thank_you:{exported.interviewers[0].id}"), uid(exported, "soft_touch"),
                          uid(exported, "check_in")}
    assert {str(e["STATUS"]) for e in found.values()} == {"CANCELLED"}


def test_the_pure_writer_numbers_events_from_the_sequences_it_is_given():
    interview = replace(build_interview(), id=9)
    found = calendar_events([interview], {}, FIXED_NOW, LONDON, step_key="check_in")
    assert [e.uid for e in found] == ["9-check_in@debrief.local"]
    text = render_calendar(found, FIXED_NOW, LONDON, {"9-check_in@debrief.local": 4})
    assert sequences(text) == {"9-check_in@debrief.local": 4}
    three_days_later = calendar_events([interview], {}, FIXED_NOW + timedelta(days=3), LONDON)
    assert found[0].fingerprint == three_days_later[-1].fingerprint  # the content does not depend on `now`


def test_the_command_line_export_still_works_with_reminders(store: Store, tmp_path, capsys):
    saved(store)
    out = tmp_path / "reminders.ics"
    assert main(["export", "ics", "--db", str(store.path), "--out", str(out)]) == 0
    found = events(out.read_text(encoding="utf-8"))
    assert len(found) == 3
    assert all(event.walk("VALARM") for event in found.values())
