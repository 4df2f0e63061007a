"""The follow-up timeline, one test (or table row) per rule in DOMAIN.md."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from lib.domain.days import is_business_day
from lib.domain.followup import done_mark, follow_up_timeline, snooze_step, thank_you_key
from lib.domain.model import Interview, Interviewer, Outcome, Stage, ValidationError
from lib.domain.steps import Step, StepKind, StepMark, StepSnooze, StepStatus, next_step
from tests.factories import D, build_interview

T = datetime.fromisoformat
PRIYA = Interviewer("Priya Shah", "Engineering Manager", "priya@acme.example", id=7)
TOM = Interviewer("Tom Okafor", "Staff Engineer", id=8)
LENA = Interviewer("Lena Berg", id=9)
# The default interview: Tue 10 Nov 2026, 14:00-15:00, with Priya.
DAY0 = D("2026-11-10")


def interview(**overrides) -> Interview:
    overrides.setdefault("interviewers", (PRIYA,))
    return build_interview(**overrides)


def timeline(entry: Interview, marks=(), now="2026-11-10T09:00", tz=None) -> list[Step]:
    return follow_up_timeline(entry, marks, T(now), tz)


def step(steps: list[Step], key: str) -> Step:
    return next(s for s in steps if s.key == key)


def kinds(steps: list[Step]) -> list[StepKind]:
    return [s.kind for s in steps]


def done(key: str, on: str) -> StepMark:
    return StepMark(key, StepStatus.DONE, D(on))


def skipped(key: str, on: str = "2026-11-10") -> StepMark:
    return StepMark(key, StepStatus.SKIPPED, D(on))


# --- which steps, in which order ------------------------------------------------------


def test_recruiter_update_comes_before_the_thank_you_notes():
    steps = timeline(interview(recruiter="Sam (Hays)", interviewers=(PRIYA, TOM)))
    assert kinds(steps) == [
        StepKind.ASK_NEXT_STEPS,
        StepKind.RECRUITER_UPDATE,
        StepKind.THANK_YOU,
        StepKind.THANK_YOU,
        StepKind.SOFT_TOUCH,
        StepKind.CHECK_IN,
    ]
    assert "Sam (Hays)" in step(steps, "recruiter_update").title


def test_no_recruiter_update_without_a_recruiter():
    assert StepKind.RECRUITER_UPDATE not in kinds(timeline(interview(recruiter="")))


def test_recruiter_update_is_day0_once_the_interview_is_over():
    update = step(timeline(interview(recruiter="Sam")), "recruiter_update")
    assert update.recommended == DAY0
    assert update.opens == T("2026-11-10T15:00")
    assert "ask before sending anything" in update.why


def test_check_in_goes_through_the_recruiter_when_there_is_one():
    check_in = step(timeline(interview(recruiter="Sam")), "check_in")
    assert "via Sam (recruiter)" in check_in.title
    assert "Ask Sam first" in check_in.why


def test_one_thank_you_per_interviewer():
    steps = timeline(interview(interviewers=(PRIYA, TOM, LENA)))
    notes = [s for s in steps if s.kind is StepKind.THANK_YOU]
    assert [s.recipient for s in notes] == [PRIYA, TOM, LENA]
    assert [s.key for s in notes] == ["thank_you:7", "thank_you:8", "thank_you:9"]
    assert [s.title for s in notes] == [f"Thank-you note to {p.name}" for p in (PRIYA, TOM, LENA)]
    assert all(p.name in s.why for p, s in zip((PRIYA, TOM, LENA), notes, strict=True))


def test_one_generic_thank_you_when_no_interviewer_is_named():
    notes = [s for s in timeline(interview(interviewers=())) if s.kind is StepKind.THANK_YOU]
    assert len(notes) == 1
    assert (notes[0].key, notes[0].recipient) == ("thank_you", None)
    assert notes[0].title == "Thank-you note to your interviewer"


def test_a_form_row_with_an_email_but_no_name_yet_is_thanked_as_your_interviewer():
    """The Log form's plan showed "**Thank-you note to **", its bold broken by the empty name."""
    nameless = Interviewer(name=" ", email="jane@acme.com")
    [note] = [s for s in timeline(interview(interviewers=(nameless,))) if s.kind is StepKind.THANK_YOU]
    assert note.title == "Thank-you note to your interviewer"
    assert note.why.startswith("Thank your interviewer for their time")


def test_thank_you_keys_are_stable_per_saved_person_and_positional_on_a_new_form():
    assert thank_you_key(None) == "thank_you"
    assert thank_you_key(PRIYA, 3) == "thank_you:7"
    assert thank_you_key(Interviewer("New person"), 2) == "thank_you:new2"


# --- thank-you note ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "minutes", "deadline"),
    [
        pytest.param("2026-11-10T14:00", 60, "2026-11-11T15:00", id="afternoon-hour"),
        pytest.param("2026-11-10T09:30", 30, "2026-11-11T10:00", id="short-screen"),
        pytest.param("2026-11-10T10:00", 240, "2026-11-11T14:00", id="half-day-onsite"),
        pytest.param("2026-11-10T23:00", 90, "2026-11-12T00:30", id="ends-after-midnight"),
        pytest.param("2026-11-13T16:00", 60, "2026-11-14T17:00", id="friday-into-saturday"),
    ],
)
def test_thank_you_deadline_is_24_hours_after_the_interview_ended(starts, minutes, deadline):
    note = step(timeline(interview(interview_at=T(starts), duration_min=minutes)), "thank_you:7")
    assert note.opens == T(starts) + timedelta(minutes=minutes)
    assert note.deadline == T(deadline)


def test_thank_you_is_recommended_on_day0():
    assert step(timeline(interview()), "thank_you:7").recommended == DAY0


@pytest.mark.parametrize("saturday_or_sunday", ["2026-03-07T14:00", "2026-03-08T11:00"], ids=["saturday", "sunday"])
def test_weekend_interview_thank_you_keeps_day0_and_its_24_hours_while_the_recruiter_waits_for_monday(
    saturday_or_sunday,
):
    entry = interview(interview_at=T(saturday_or_sunday), recruiter="Sam")
    steps = timeline(entry, now=saturday_or_sunday)
    assert step(steps, "recruiter_update").recommended == D("2026-03-09")
    note = step(steps, "thank_you:7")
    assert note.recommended == entry.day0
    assert note.deadline == entry.ends_at + timedelta(hours=24)


@pytest.mark.parametrize(
    ("now", "status", "text"),
    [
        ("2026-03-07T16:00", StepStatus.DUE_TODAY, "Due today"),
        ("2026-03-08T10:00", StepStatus.DUE_TODAY, "Due today, by 15:00"),
        ("2026-03-09T09:00", StepStatus.OVERDUE, "Overdue since Sun 8 Mar, 15:00: still worth sending"),
    ],
    ids=["saturday-evening", "sunday-morning", "monday"],
)
def test_weekend_interview_thank_you_is_never_overdue_the_day_it_is_due(now, status, text):
    note = step(timeline(interview(interview_at=T("2026-03-07T14:00")), now=now), "thank_you:7")
    assert (note.status, note.status_text(T(now).date())) == (status, text)


def test_thank_you_after_a_screen_says_early_follow_up_reads_as_initiative():
    screen = step(timeline(interview(stage=Stage.PHONE_SCREEN)), "thank_you:7")
    onsite = step(timeline(interview(stage=Stage.PANEL)), "thank_you:7")
    assert "first screen" in screen.why
    assert "first screen" not in onsite.why
    assert "within 24 hours" in onsite.why
    assert "Missing it can cost the job" in onsite.why


# --- no recommended date on a weekend, ever ------------------------------------------

TIMEFRAMES = [
    "", "soon", "10 days", "within 2 weeks", "at least 3 weeks", "by Saturday", "by Sunday",
    "end of next week", "1 Dec", "3 business days", "5 days", "a month", "end of the month",
]


def test_no_reminder_is_ever_recommended_on_a_weekend():
    first = T("2026-01-01T10:00")
    for offset in range(400):  # every day of 2026 and into 2027, each weekday many times over
        starts = first + timedelta(days=offset, hours=offset % 9)
        entry = interview(interview_at=starts, recruiter="Sam", interviewers=(PRIYA, TOM))
        sent_on = (starts + timedelta(days=offset % 6)).date().isoformat()
        marks = [done("thank_you:7", sent_on)] if offset % 2 else []  # the soft touch counts from it
        for text in TIMEFRAMES:
            for s in timeline(replace(entry, stated_timeframe=text), marks, now=starts.isoformat()):
                if s.reminder and s.kind is not StepKind.THANK_YOU:  # the 24 hours win over the weekend
                    assert is_business_day(s.recommended), (starts, text, marks, s.key, s.recommended)


def test_asking_about_next_steps_stays_on_the_interview_day_even_at_a_weekend():
    """It happens during the interview, so it is dated when the interview was, not moved to Monday."""
    ask = step(timeline(interview(interview_at=T("2026-03-07T10:00"))), "ask_next_steps")
    assert ask.recommended == D("2026-03-07")
    assert not ask.reminder


# --- soft touch -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("people", "marks", "recommended"),
    [
        pytest.param((PRIYA,), (), "2026-11-17", id="unsent-counts-from-recommended-date"),
        pytest.param((PRIYA,), (done("thank_you:7", "2026-11-12"),), "2026-11-19", id="sent-thursday"),
        pytest.param((PRIYA,), (done("thank_you:7", "2026-11-14"),), "2026-11-23", id="sent-saturday-to-monday"),
        pytest.param((PRIYA,), (done("thank_you:7", "2026-11-15"),), "2026-11-23", id="sent-sunday-to-monday"),
        pytest.param(
            (PRIYA, TOM),
            (done("thank_you:7", "2026-11-11"), done("thank_you:8", "2026-11-13")),
            "2026-11-20",
            id="latest-of-several",
        ),
        pytest.param(
            (PRIYA, TOM),
            (done("thank_you:7", "2026-11-11"), skipped("thank_you:8")),
            "2026-11-18",
            id="skipped-one-does-not-count",
        ),
        pytest.param((PRIYA,), (skipped("thank_you:7"),), "2026-11-17", id="skipped-counts-as-unsent"),
        pytest.param((), (done("thank_you", "2026-11-11"),), "2026-11-18", id="generic-thank-you-sent"),
    ],
)
def test_soft_touch_is_a_week_after_the_thank_you_was_sent(people, marks, recommended):
    soft = step(timeline(interview(interviewers=people), marks), "soft_touch")
    assert soft.recommended == D(recommended)
    assert soft.optional


def test_soft_touch_of_a_weekend_interview_counts_from_monday():
    soft = step(timeline(interview(interview_at=T("2026-03-07T10:00"))), "soft_touch")
    assert soft.recommended == D("2026-03-16")


@pytest.mark.parametrize(
    ("sent_on", "soft_touch"),
    [
        ("2026-11-10", "2026-11-17"),
        ("2026-11-11", "2026-11-18"),
        ("2026-11-16", "2026-11-23"),
        ("2026-11-27", "2026-12-04"),
    ],
    ids=["same-day", "next-day", "a-week-late", "across-month-end"],
)
def test_marking_the_thank_you_done_later_moves_the_soft_touch(sent_on, soft_touch):
    before = step(timeline(interview()), "soft_touch")
    after = step(timeline(interview(), [done("thank_you:7", sent_on)]), "soft_touch")
    assert before.recommended == D("2026-11-17")
    assert after.recommended == D(soft_touch)
    assert "sent" in after.why


@pytest.mark.parametrize(
    ("now", "status"),
    [
        ("2026-11-16T12:00", StepStatus.UPCOMING),
        ("2026-11-17T08:00", StepStatus.DUE_TODAY),
        ("2026-11-18T08:00", StepStatus.OPEN),
        ("2027-01-30T08:00", StepStatus.OPEN),
    ],
    ids=["before", "on-the-day", "day-after", "months-later"],
)
def test_soft_touch_is_optional_and_never_overdue(now, status):
    soft = step(timeline(interview(), now=now), "soft_touch")
    assert soft.status is status
    assert soft.optional


# --- status check-in --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "soon", "they'll let me know"], ids=["none", "soon", "let-me-know"])
def test_check_in_without_a_readable_timeframe_opens_day_7_and_is_best_day_14(text):
    check_in = step(timeline(interview(stated_timeframe=text)), "check_in")
    assert check_in.opens == T("2026-11-17T00:00")
    assert check_in.recommended == D("2026-11-24")
    assert "No timeframe given" in check_in.why


def test_check_in_without_timeframe_after_a_weekend_interview_avoids_the_weekend():
    check_in = step(timeline(interview(interview_at=T("2026-03-07T10:00"))), "check_in")
    assert check_in.recommended == D("2026-03-23")
    assert check_in.opens == T("2026-03-16T00:00")


@pytest.mark.parametrize(
    ("text", "recommended"),
    [
        pytest.param("within 2 weeks", "2026-11-27", id="within-2-weeks-tue-24"),
        pytest.param("10 days", "2026-11-25", id="10-days-fri-20"),
        pytest.param("by 2026-12-01", "2026-12-04", id="by-1-dec"),
        pytest.param("end of next week", "2026-11-25", id="end-of-next-week"),
        pytest.param("10 business days", "2026-11-27", id="10-business-days"),
        pytest.param("by Friday", "2026-11-18", id="by-friday"),
        pytest.param("a week or two", "2026-11-27", id="a-week-or-two"),
        pytest.param("by Sunday", "2026-11-18", id="by-sunday"),
    ],
)
def test_check_in_waits_for_stated_timeframe_plus_3_business_days(text, recommended):
    check_in = step(timeline(interview(stated_timeframe=text)), "check_in")
    assert check_in.recommended == D(recommended)
    assert check_in.opens == T(f"{recommended}T00:00")
    assert f"They said “{text}”" in check_in.why
    assert "3 business days" in check_in.why


@pytest.mark.parametrize(
    ("text", "recommended"),
    [
        pytest.param("at least 1 week", "2026-11-20", id="1-week"),
        pytest.param("at least 3 weeks", "2026-12-04", id="3-weeks"),
        pytest.param("at least 4 weeks", "2026-12-11", id="4-weeks"),
    ],
)
def test_check_in_after_at_least_n_weeks_waits_n_weeks_plus_3_business_days(text, recommended):
    check_in = step(timeline(interview(stated_timeframe=text)), "check_in")
    assert check_in.recommended == D(recommended)
    assert "at least" in check_in.why


@pytest.mark.parametrize(
    ("text", "now"),
    [
        ("within 2 weeks", "2026-11-24T12:00"),  # the decision date itself
        ("within 2 weeks", "2026-11-26T23:59"),  # the day before the check-in
        ("at least 3 weeks", "2026-11-24T12:00"),  # day 14, when the usual check-in would be due
        ("at least 3 weeks", "2026-12-03T12:00"),
    ],
    ids=["decision-day", "day-before", "usual-day-14", "day-before-at-least"],
)
def test_check_in_waits_for_stated_timeframe(text, now):
    check_in = step(timeline(interview(stated_timeframe=text), now=now), "check_in")
    assert check_in.status is StepStatus.UPCOMING
    assert check_in.status_text(T(now).date()).startswith("Not yet: wait until")
    assert not check_in.needs_action


# --- statuses at a moment -----------------------------------------------------------------

NOT_YET_1500 = "Not yet: from 15:00, once the interview is over"


@pytest.mark.parametrize(
    ("key", "now", "status", "text"),
    [
        ("thank_you:7", "2026-11-10T09:00", StepStatus.UPCOMING, NOT_YET_1500),
        ("thank_you:7", "2026-11-10T14:59", StepStatus.UPCOMING, NOT_YET_1500),
        ("thank_you:7", "2026-11-09T12:00", StepStatus.UPCOMING, "Not yet: wait until Tue 10 Nov"),
        ("thank_you:7", "2026-11-10T15:00", StepStatus.DUE_TODAY, "Due today"),
        ("thank_you:7", "2026-11-11T09:00", StepStatus.DUE_TODAY, "Due today, by 15:00"),
        ("thank_you:7", "2026-11-11T15:00", StepStatus.DUE_TODAY, "Due today, by 15:00"),
        ("thank_you:7", "2026-11-11T15:01", StepStatus.OVERDUE, "Overdue since Wed 11 Nov, 15:00: still worth sending"),
        ("thank_you:7", "2026-12-20T09:00", StepStatus.OVERDUE, "Overdue since Wed 11 Nov, 15:00: still worth sending"),
        ("recruiter_update", "2026-11-10T14:30", StepStatus.UPCOMING, NOT_YET_1500),
        ("recruiter_update", "2026-11-10T15:30", StepStatus.DUE_TODAY, "Due today"),
        ("recruiter_update", "2026-11-11T08:00", StepStatus.OVERDUE, "Overdue since Tue 10 Nov: still worth doing"),
        ("check_in", "2026-11-16T12:00", StepStatus.UPCOMING, "Not yet: wait until Tue 17 Nov"),
        ("check_in", "2026-11-17T00:00", StepStatus.OPEN, "Open: best on Tue 24 Nov"),
        ("check_in", "2026-11-24T12:00", StepStatus.DUE_TODAY, "Due today"),
        ("check_in", "2026-11-25T08:00", StepStatus.OVERDUE, "Overdue since Tue 24 Nov: still worth doing"),
        ("soft_touch", "2026-11-12T08:00", StepStatus.UPCOMING, "Not yet: wait until Tue 17 Nov"),
        ("soft_touch", "2026-11-17T08:00", StepStatus.DUE_TODAY, "Due today"),
        ("soft_touch", "2026-11-20T08:00", StepStatus.OPEN, "Open since Tue 17 Nov"),
    ],
    ids=[
        "thank-you-before-interview", "thank-you-during-interview", "thank-you-day-before",
        "thank-you-as-it-ends", "thank-you-next-morning", "thank-you-at-deadline", "thank-you-a-minute-late",
        "thank-you-weeks-late",
        "recruiter-during", "recruiter-after", "recruiter-next-day",
        "check-in-day-6", "check-in-day-7", "check-in-day-14", "check-in-day-15",
        "soft-touch-early", "soft-touch-on-the-day", "soft-touch-later",
    ],
)
def test_status_at_a_chosen_now(key, now, status, text):
    entry = interview(recruiter="Sam")
    found = step(timeline(entry, now=now), key)
    assert found.status is status
    assert found.status_text(T(now).date()) == text


@pytest.mark.parametrize(
    ("mark", "status", "text"),
    [
        (done("thank_you:7", "2026-11-10"), StepStatus.DONE, "Done Tue 10 Nov"),
        (skipped("thank_you:7"), StepStatus.SKIPPED, "Skipped"),
    ],
    ids=["done", "skipped"],
)
def test_marks_settle_a_step_whatever_the_time(mark, status, text):
    for now in ("2026-11-10T09:00", "2026-11-11T09:00", "2026-12-31T09:00"):
        note = step(timeline(interview(), [mark], now=now), "thank_you:7")
        assert note.status is status
        assert note.status_text(D("2026-11-20")) == text
        assert note.status.settled
        assert not note.needs_action
    done_on = step(timeline(interview(), [mark]), "thank_you:7").done_on
    assert done_on == (mark.on if status is StepStatus.DONE else None)


@pytest.mark.parametrize("outcome", [o for o in Outcome if o is not Outcome.PENDING], ids=lambda o: o.value)
def test_an_outcome_closes_every_open_step_without_nagging(outcome):
    entry = interview(outcome=outcome, recruiter="Sam", interviewers=(PRIYA, TOM))
    marks = [done("thank_you:7", "2026-11-10"), skipped("recruiter_update")]
    for now in ("2026-11-10T09:00", "2026-11-11T16:00", "2027-02-01T09:00"):
        steps = timeline(entry, marks, now=now)
        assert step(steps, "thank_you:7").status is StepStatus.DONE
        assert step(steps, "recruiter_update").status is StepStatus.SKIPPED
        for key in ("thank_you:8", "soft_touch", "check_in"):
            assert step(steps, key).status is StepStatus.CLOSED
            assert step(steps, key).status_text(T(now).date()) == "Closed: an outcome is recorded"
        assert not any(s.needs_action for s in steps)
        assert next_step(steps) is None


def test_pending_outcome_does_not_close_anything():
    steps = timeline(interview(outcome=Outcome.PENDING), now="2026-12-20T09:00")
    assert StepStatus.CLOSED not in {s.status for s in steps}


# --- asking about next steps is part of the entry, not a reminder ------------------------


@pytest.mark.parametrize(
    ("text", "status", "why"),
    [
        pytest.param("within 2 weeks", StepStatus.DONE, "They said “within 2 weeks”", id="timeframe-recorded"),
        pytest.param("soon", StepStatus.DONE, "Couldn't read “soon”", id="unreadable-recorded"),
        pytest.param("", StepStatus.SKIPPED, "Ask what happens next", id="nothing-recorded"),
    ],
)
def test_asking_about_next_steps_is_recorded_not_a_reminder(text, status, why):
    entry = interview(stated_timeframe=text)
    for now in ("2026-11-10T09:00", "2026-11-10T16:00", "2027-01-10T09:00"):
        ask = step(timeline(entry, now=now), "ask_next_steps")
        assert ask.kind is StepKind.ASK_NEXT_STEPS
        assert not ask.reminder
        assert not ask.needs_action
        assert ask.status is status
        assert why in ask.why
    assert ask.done_on == (DAY0 if status is StepStatus.DONE else None)
    closed = step(timeline(interview(stated_timeframe=text, outcome=Outcome.OFFER)), "ask_next_steps")
    assert closed.status is status


# --- next step ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "marks", "expected"),
    [
        pytest.param("2026-11-10T09:00", (), "thank_you:7", id="thank-you-first"),
        pytest.param("2026-11-12T09:00", (done("thank_you:7", "2026-11-10"),), "check_in", id="then-check-in"),
        pytest.param(
            "2026-11-12T09:00",
            (done("thank_you:7", "2026-11-10"), skipped("check_in")),
            "soft_touch",
            id="optional-last",
        ),
        pytest.param(
            "2026-11-12T09:00",
            (done("thank_you:7", "2026-11-10"), done("check_in", "2026-11-20")),
            "second_check_in",
            id="a-sent-check-in-brings-the-second",
        ),
        pytest.param(
            "2026-11-12T09:00",
            (done("thank_you:7", "2026-11-10"), skipped("check_in"), skipped("soft_touch")),
            None,
            id="nothing-left",
        ),
    ],
)
def test_next_step_is_the_first_reminder_still_to_do(now, marks, expected):
    found = next_step(timeline(interview(), marks, now=now))
    assert (found.key if found else None) == expected


# --- time zones, month ends and year ends ----------------------------------------------


@pytest.mark.parametrize(
    ("zone", "starts", "deadline", "wall_hours"),
    [
        pytest.param("Europe/London", "2026-03-28T14:00", "2026-03-29T16:00", 25, id="london-spring-forward"),
        pytest.param("Europe/London", "2026-10-24T14:00", "2026-10-25T14:00", 23, id="london-fall-back"),
        pytest.param("America/New_York", "2026-03-07T14:00", "2026-03-08T16:00", 25, id="new-york-spring-forward"),
        pytest.param("America/New_York", "2026-03-08T14:00", "2026-03-09T15:00", 24, id="new-york-day-after-change"),
        pytest.param("America/New_York", "2026-10-31T14:00", "2026-11-01T14:00", 23, id="new-york-fall-back"),
        pytest.param("America/New_York", "2026-07-01T14:00", "2026-07-02T15:00", 24, id="no-change"),
    ],
)
def test_thank_you_deadline_is_24_real_hours_across_dst(zone, starts, deadline, wall_hours):
    tz = ZoneInfo(zone)
    entry = interview(interview_at=T(starts), duration_min=60)
    note = step(timeline(entry, tz=tz, now=starts), "thank_you:7")
    assert note.deadline == T(deadline)
    assert note.deadline - entry.ends_at == timedelta(hours=wall_hours)
    real = note.deadline.replace(tzinfo=tz).astimezone(UTC) - entry.ends_at.replace(tzinfo=tz).astimezone(UTC)
    assert real == timedelta(hours=24)


def test_dst_deadline_status_counts_real_hours():
    """Clocks go forward on Sun 29 Mar: at 15:30 wall clock only 23.5 real hours have passed."""
    tz = ZoneInfo("Europe/London")
    entry = interview(interview_at=T("2026-03-28T14:00"))
    assert step(timeline(entry, now="2026-03-29T15:30", tz=tz), "thank_you:7").status is StepStatus.DUE_TODAY
    assert step(timeline(entry, now="2026-03-29T16:01", tz=tz), "thank_you:7").status is StepStatus.OVERDUE


def test_year_end_interview_on_thursday_31_december():
    entry = interview(interview_at=T("2026-12-31T14:00"), recruiter="Sam")
    steps = timeline(entry, now="2026-12-31T09:00")
    assert step(steps, "thank_you:7").deadline == T("2027-01-01T15:00")
    assert step(steps, "recruiter_update").recommended == D("2026-12-31")
    assert step(steps, "soft_touch").recommended == D("2027-01-07")
    check_in = step(steps, "check_in")
    assert (check_in.opens, check_in.recommended) == (T("2027-01-07T00:00"), D("2027-01-14"))
    with_timeframe = step(timeline(replace(entry, stated_timeframe="10 days")), "check_in")
    assert with_timeframe.recommended == D("2027-01-13")  # Sun 10 Jan + 3 business days
    assert "we met on Thu 31 Dec about the Data Engineer role" in check_in.why


def test_month_end_interview():
    entry = interview(interview_at=T("2026-10-30T11:00"), stated_timeframe="end of the month")
    steps = timeline(entry)
    assert step(steps, "thank_you:7").deadline == T("2026-10-31T12:00")
    assert step(steps, "soft_touch").recommended == D("2026-11-06")
    assert step(steps, "check_in").recommended == D("2026-11-04")  # Sat 31 Oct + 3 business days


# --- words shown to the user -------------------------------------------------------------


def test_every_step_says_why():
    entries = [
        interview(),
        interview(interviewers=(), recruiter="Sam", stated_timeframe="at least 3 weeks"),
        interview(interviewers=(PRIYA, TOM), stated_timeframe="soon", stage=Stage.RECRUITER_SCREEN),
        interview(interview_at=T("2026-03-07T10:00"), stated_timeframe="by 1 Apr", outcome=Outcome.REJECTED),
    ]
    for entry in entries:
        for s in timeline(entry, [done("thank_you:7", "2026-11-11")]):
            assert s.why.strip(), s.key
            assert s.title.strip(), s.key


def test_check_in_reminds_who_you_are():
    check_in = step(timeline(interview()), "check_in")
    assert "we met on Tue 10 Nov about the Data Engineer role" in check_in.why
    assert "whether a decision has been made" in check_in.why


def test_soft_touch_says_no_reply_is_expected():
    soft = step(timeline(interview()), "soft_touch")
    assert soft.title == "Soft touch (optional)"
    assert "no reply is expected" in soft.why


# --- rows that hold dates at the ends of the calendar (older versions, restored files) ------
FAR, EARLY = date(9999, 12, 31), date(1, 1, 1)
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("entry", "marks", "snoozes"),
    [
        pytest.param(interview(stated_timeframe="by 9999-12-31"), (), (), id="timeframe-in-year-9999"),
        pytest.param(interview(interview_at=datetime(9999, 12, 31, 23, 0)), (), (), id="interview-in-year-9999"),
        pytest.param(interview(interview_at=datetime(1, 1, 1, 0, 0)), (), (), id="interview-in-year-1"),
        pytest.param(interview(duration_min=10**10), (), (), id="absurd-duration"),
        pytest.param(interview(), [done("thank_you:7", "9999-12-31")], (), id="thank-you-sent-in-year-9999"),
        pytest.param(interview(), [StepMark("check_in", StepStatus.DONE, EARLY)], (), id="done-in-year-1"),
        pytest.param(interview(), (), [StepSnooze("thank_you:7", FAR, "away")], id="snoozed-to-year-9999"),
    ],
)
def test_the_timeline_of_a_row_holding_a_far_date_is_drawn_not_raised(entry, marks, snoozes):
    steps = follow_up_timeline(entry, marks, T("2026-11-20T17:00"), LONDON, snoozes)
    assert StepKind.CHECK_IN in kinds(steps)
    for s in steps:
        assert D("1990-01-01") <= s.recommended <= D("2101-12-31"), (s.key, s.recommended)


@pytest.mark.parametrize("text", ["by 9999-12-31", "in 13 months", "by 2028-03-01"])
def test_a_timeframe_more_than_a_year_away_counts_as_no_timeframe_and_both_steps_say_so(text):
    steps = timeline(interview(stated_timeframe=text))
    assert step(steps, "check_in").recommended == step(timeline(interview()), "check_in").recommended
    flag = "is more than a year after the interview, so it counts as no timeframe: check it"
    assert flag in step(steps, "ask_next_steps").why
    assert step(steps, "check_in").why.startswith(f"They said “{text}”: ")
    assert flag in step(steps, "check_in").why and "No timeframe given" not in step(steps, "check_in").why


@pytest.mark.parametrize(
    ("on", "message"),
    [
        pytest.param(date(1900, 1, 1), "must be between 1990 and 2100 (got 1900-01-01)", id="year-1900"),
        pytest.param(date(9999, 12, 31), "must be between 1990 and 2100 (got 9999-12-31)", id="year-9999"),
        pytest.param(D("2026-11-21"), "is after today", id="tomorrow"),
        pytest.param(None, "pick the day it was done", id="no-day"),
    ],
)
def test_a_done_date_outside_the_range_or_after_today_is_refused_on_its_field(on, message):
    with pytest.raises(ValidationError) as caught:
        done_mark("check_in", on, D("2026-11-20"), DAY0)
    assert list(caught.value.errors) == ["on"] and message in caught.value.errors["on"]


def test_a_done_date_before_the_interview_is_refused_on_its_field():
    with pytest.raises(ValidationError) as caught:
        done_mark("thank_you:7", D("2026-11-09"), D("2026-11-20"), DAY0)
    assert caught.value.errors == {"on": "is before the interview (Tue 10 Nov): pick the day it was really done"}


@pytest.mark.parametrize("on", ["2026-11-10", "2026-11-20"], ids=["the-interview-day", "today"])
def test_a_done_date_from_the_interview_to_today_makes_the_mark(on):
    assert done_mark("check_in", D(on), D("2026-11-20"), DAY0) == done("check_in", on)


def test_every_step_knows_its_interview_day_for_the_done_picker():
    assert {s.day0 for s in timeline(interview())} == {DAY0}


@pytest.mark.parametrize("until", [date(9999, 12, 31), None], ids=["year-9999", "no-day"])
def test_a_snooze_to_a_day_out_of_range_is_refused_on_its_field(until):
    check_in = step(timeline(interview()), "check_in")
    with pytest.raises(ValidationError) as caught:
        snooze_step(check_in, until, "they are away", D("2026-11-20"))
    assert list(caught.value.errors) == ["until"]
