"""The follow-up timeline as pure rules: `(interview, marks, now) -> steps`.

Every step carries a `why` sentence: the rule, in the user's words, shown next to it.
Dates are wall-clock dates in the user's zone; the only elapsed-time rule (a thank-you
within 24 hours) is computed in real hours through `tz`, so it is right across DST changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from lib.domain.applications import LaterRound
from lib.domain.days import (
    add_business_days,
    clamped_to_range,
    date_out_of_range,
    human_date,
    human_datetime,
    next_business_day,
)
from lib.domain.model import (
    DURATION_RANGE,
    Interview,
    Interviewer,
    Outcome,
    Stage,
    ValidationError,
)
from lib.domain.silence import silence_steps
from lib.domain.steps import Step, StepKind, StepMark, StepSnooze, StepStatus, day_start, open_step
from lib.domain.timeframe import Timeframe, TimeframeKind, parse_timeframe

SNOOZE_REASON_LIMIT = 200
SNOOZE_HORIZON = timedelta(days=366)


def follow_up_timeline(
    interview: Interview,
    marks: Iterable[StepMark],
    now: datetime,
    tz: tzinfo | None = None,
    snoozes: Iterable[StepSnooze] = (),
    later_round: LaterRound | None = None,
) -> list[Step]:
    """Every follow-up step of one interview, in the order to do them, with its status at `now`.

    A snooze moves only its own step, and the steps whose rule counts from it (the soft touch
    counts from an unsent thank-you's date); a mark (done, skipped) wins over a snooze. An
    interview booked ahead has no follow-up until it is over; one with a `later_round` in its
    application has moved on, and its open steps close with that round as their why.
    """
    if interview.is_ahead(now):
        return []
    interview = _within_range(interview)
    by_key = {m.step_key: replace(m, on=clamped_to_range(m.on)) for m in marks}
    snoozed = {s.step_key: replace(s, until=clamped_to_range(s.until)) for s in snoozes}
    timeframe = parse_timeframe(interview.stated_timeframe, interview.day0)
    drafts = [_ask_next_steps(interview, timeframe)]
    if interview.recruiter:
        drafts.append(_recruiter_update(interview))
    thank_yous = [_snoozed(s, snoozed.get(s.key), interview.day0) for s in _thank_yous(interview, tz)]
    drafts += thank_yous
    drafts.append(_soft_touch(interview, thank_yous, by_key))
    drafts.append(_check_in(interview, timeframe))
    drafts += silence_steps(interview, by_key)
    drafts = [d if d.kind is StepKind.THANK_YOU else _snoozed(d, snoozed.get(d.key), interview.day0) for d in drafts]
    steps = [replace(_with_status(step, by_key.get(step.key), interview, now), day0=interview.day0) for step in drafts]
    return [_moved_on(step, later_round, now) for step in steps] if later_round else steps


def _moved_on(step: Step, later_round: LaterRound, now: datetime) -> Step:
    """A step still to do, closed because a later round of the application exists (as "next round" would).

    A thank-you note within its 24 hours stays open: the next round does not make it less worth sending.
    """
    if not step.reminder or step.status.settled:
        return step
    if step.kind is StepKind.THANK_YOU and step.deadline and now <= step.deadline:
        return step
    moved_on = later_round.why(now)
    return replace(step, status=StepStatus.CLOSED, why=f"{moved_on} {step.why}", closed_why=later_round.what(now),
                   moved_on=moved_on)


def _within_range(interview: Interview) -> Interview:
    """The interview with its date and length pulled into the range the app accepts.

    Validation keeps new entries inside it, but a row from an older version (or a restored
    file) may hold year 9999 or year 1, where adding a week overflows Python's calendar. The
    timeline of such a row is computed as if on the nearest accepted day, so every page still
    opens and the entry can be fixed or deleted.
    """
    moment, duration = moment_within_range(interview.interview_at, interview.duration_min)
    if moment == interview.interview_at and duration == interview.duration_min:
        return interview
    return replace(interview, interview_at=moment, duration_min=duration)


def moment_within_range(interview_at: datetime, duration_min: int) -> tuple[datetime, int]:
    """An interview's start and length as its timeline counts them (see `_within_range`)."""
    low, high = DURATION_RANGE
    duration = min(max(duration_min, low), high)
    if date_out_of_range(interview_at):
        interview_at = datetime.combine(clamped_to_range(interview_at.date()), interview_at.time())
    return interview_at, duration


def thank_you_key(person: Interviewer | None, index: int = 0) -> str:
    """Stable per person once saved (their row id); by position for an unsaved form."""
    if person is None:
        return "thank_you"
    return person_thank_you_key(person.id, index)


def person_thank_you_key(person_id: int | None, index: int) -> str:
    """`thank_you_key` of the person with this row id (None: unsaved, at `index` in the form)."""
    return f"thank_you:{person_id}" if person_id is not None else f"thank_you:new{index}"


def _ask_next_steps(interview: Interview, timeframe: Timeframe) -> Step:
    why = (
        "Ask what happens next and when they expect to decide: the answer sets your check-in "
        "date. Recorded with the entry, not a reminder."
    )
    if timeframe.kind is not TimeframeKind.NONE:
        why = f"They said “{timeframe.text}”. {timeframe.meaning(interview.day0)}"
    step = open_step("ask_next_steps", StepKind.ASK_NEXT_STEPS, "Ask about next steps",
                  interview.day0, why, reminder=False)
    recorded = StepStatus.DONE if timeframe.kind is not TimeframeKind.NONE else StepStatus.SKIPPED
    return replace(step, status=recorded, done_on=interview.day0 if recorded is StepStatus.DONE else None)


def _recruiter_update(interview: Interview) -> Step:
    return open_step(
        "recruiter_update",
        StepKind.RECRUITER_UPDATE,
        f"Update the recruiter ({interview.recruiter})",
        next_business_day(interview.day0),
        "Tell the recruiter how it went and ask before sending anything to the employer; "
        "keep them in the loop on every later step.",
        opens=interview.ends_at,
    )


def _thank_yous(interview: Interview, tz: tzinfo | None) -> list[Step]:
    """One per interviewer, on day 0 even at a weekend: the 24 real hours win, and email goes out any day."""
    recommended = interview.day0
    deadline = thank_you_deadline(interview.ends_at, tz)
    screen = interview.stage in (Stage.RECRUITER_SCREEN, Stage.PHONE_SCREEN)
    after_screen = " Worth it after a first screen too: early follow-up reads as initiative." if screen else ""
    people: list[Interviewer | None] = list(interview.interviewers) or [None]
    steps = []
    for index, person in enumerate(people):
        who = (person.name.strip() if person else "") or "your interviewer"  # a form row not named yet
        why = (
            f"Thank {who} for their time and restate your enthusiasm for the role and "
            f"{interview.company or 'the company'}, by email, within 24 hours "
            f"(by {human_datetime(deadline, interview.day0)}). Missing it can cost the job.{after_screen}"
        )
        steps.append(
            open_step(thank_you_key(person, index), StepKind.THANK_YOU, f"Thank-you note to {who}",
                   recommended, why, opens=interview.ends_at, deadline=deadline, recipient=person)
        )
    return steps


def thank_you_deadline(ends_at: datetime, tz: tzinfo | None) -> datetime:
    """24 real hours after the interview ends: the one elapsed-time rule."""
    return _hours_later(ends_at, 24, tz)


def _hours_later(moment: datetime, hours: int, tz: tzinfo | None) -> datetime:
    """`hours` real hours after a wall-clock moment, as wall-clock time again."""
    if tz is None:
        return moment + timedelta(hours=hours)
    utc = moment.replace(tzinfo=tz).astimezone(UTC)
    return (utc + timedelta(hours=hours)).astimezone(tz).replace(tzinfo=None)


def _soft_touch(interview: Interview, thank_yous: list[Step], marks: dict[str, StepMark]) -> Step:
    """Counts from the thank-you actually sent (the latest one), or from when it is due."""
    sent = [marks[s.key].on for s in thank_yous if s.key in marks and marks[s.key].status is StepStatus.DONE]
    anchor = max(sent) if sent else max(s.recommended for s in thank_yous)  # a snoozed note moves it
    anchor_text = f"sent {human_date(anchor, interview.day0)}" if sent else "once it is sent"
    return open_step(
        "soft_touch",
        StepKind.SOFT_TOUCH,
        "Soft touch (optional)",
        next_business_day(anchor + timedelta(days=7)),
        "Optional: a week after your thank-you note "
        f"({anchor_text}), share something relevant to what you discussed (news, an article) "
        "and say plainly that no reply is expected.",
        optional=True,
    )


def _check_in(interview: Interview, timeframe: Timeframe) -> Step:
    met = f"“we met on {human_date(interview.day0, interview.day0)} about the {interview.role} role”"
    opens, recommended = check_in_days(interview.day0, timeframe)
    if timeframe.decision_by is not None:
        rule = (
            f"They said “{timeframe.text}”: {timeframe.summary(interview.day0)}. "
            "Checking in before that has passed annoys; wait 3 business days more, since "
            f"delays are common. Then a short email: {met}, and ask whether a decision has been made."
        )
    else:
        given = "No timeframe given:"
        if timeframe.problem:  # a decision more than a year away: flagged, and the usual rule applies
            given = f"They said “{timeframe.text}”: {timeframe.problem}. Meanwhile,"
        rule = (
            f"{given} it is fine to ask from a week after the interview; two weeks "
            f"is the usual moment. A short email: {met}, and ask whether a decision has been made."
        )
    title = "Status check-in"
    if interview.recruiter:
        title = f"Status check-in, via {interview.recruiter} (recruiter)"
        rule += f" Ask {interview.recruiter} first: the recruiter owns the relationship."
    return open_step("check_in", StepKind.CHECK_IN, title, recommended, rule, opens=opens)


def check_in_days(day0: date, timeframe: Timeframe) -> tuple[datetime, date]:
    """When a check-in opens and its best day: 3 business days after a stated decision date,
    else from a week after the interview, best at two weeks."""
    if timeframe.decision_by is not None:
        recommended = add_business_days(timeframe.decision_by, 3)
        return day_start(recommended), recommended
    return (day_start(next_business_day(day0 + timedelta(days=7))),
            next_business_day(day0 + timedelta(days=14)))


def snoozed_day(recommended: date, until: date) -> date | None:
    """The day a snooze moves a step to, or None when it would not move it later (a moot snooze)."""
    day = next_business_day(until)
    return day if day > recommended else None


def _snoozed(step: Step, snooze: StepSnooze | None, day0: date) -> Step:
    """The step moved to the snooze day; a snooze that would not move it later is moot."""
    if snooze is None or not step.reminder:
        return step
    day = snoozed_day(step.recommended, snooze.until)
    if day is None:
        return step
    why = f"Snoozed from {human_date(step.recommended, day0)}: {snooze.reason.strip()}. {step.why}"
    return replace(step, recommended=day, opens=max(step.opens, day_start(day)), deadline=None, why=why,
                    snoozed_from=step.recommended, snooze_reason=snooze.reason.strip())


def snooze_step(step: Step, until: date | None, reason: str, today: date) -> StepSnooze:
    """A checked snooze for `step`, or ValidationError naming what is wrong ("until", "reason").

    The day must be later than today and than the rule's own date: a snooze never brings a step forward.
    """
    errors: dict[str, str] = {}
    reason = " ".join((reason or "").split())
    if not step.reminder or step.status.settled:
        errors["step"] = f"is {step.status.value}: only a step still to do can be snoozed"
    earliest = max(today, step.snoozed_from or step.recommended)
    if until is None:
        errors["until"] = "pick the day to be reminded again"
    elif out_of_range := date_out_of_range(until):
        errors["until"] = out_of_range
    elif until <= earliest:
        errors["until"] = f"pick a day after {human_date(earliest, today)}"
    elif until > today + SNOOZE_HORIZON:
        errors["until"] = "is more than a year away"
    if not reason:
        errors["reason"] = "say why, in a few words: it is shown beside the step"
    elif len(reason) > SNOOZE_REASON_LIMIT:
        errors["reason"] = f"is too long ({len(reason)} characters; the limit is {SNOOZE_REASON_LIMIT})"
    if errors or until is None:  # a missing day is always among the errors
        raise ValidationError(errors)
    return StepSnooze(step.key, until, reason)


def done_mark(step_key: str, on: date | None, today: date, day0: date) -> StepMark:
    """A checked "done on" mark, or ValidationError on "on": a real day, from `day0` (the interview's
    day: a thank-you is not sent before the interview) to today."""
    if on is None:
        raise ValidationError("on", "pick the day it was done")
    if out_of_range := date_out_of_range(on):
        raise ValidationError("on", out_of_range)
    if on > today:
        raise ValidationError("on", "is after today: pick the day it was really done")
    if on < day0:
        when = human_date(day0, today)
        raise ValidationError("on", f"is before the interview ({when}): pick the day it was really done")
    return StepMark(step_key, StepStatus.DONE, on)


def suggested_snooze_day(step: Step, today: date) -> date:
    """What the snooze form offers first: three business days after the step's date (or today)."""
    return add_business_days(max(today, step.snoozed_from or step.recommended), 3)


def _with_status(step: Step, mark: StepMark | None, interview: Interview, now: datetime) -> Step:
    if not step.reminder:
        return step
    if mark is not None:
        done_on = mark.on if mark.status is StepStatus.DONE else None
        return replace(step, status=mark.status, done_on=done_on)
    if step.kind is StepKind.NO_RESPONSE and interview.outcome is Outcome.NO_RESPONSE:
        return replace(step, status=StepStatus.DONE, done_on=interview.outcome_on)
    if interview.outcome.closes_follow_up:
        return replace(step, status=StepStatus.CLOSED)
    return replace(step, status=_open_status(step, now))


def _open_status(step: Step, now: datetime) -> StepStatus:
    today = now.date()
    if now < step.opens:
        return StepStatus.UPCOMING
    past_deadline = now > step.deadline if step.deadline else today > step.recommended
    if past_deadline and not step.optional and step.kind is not StepKind.NO_RESPONSE:  # a suggestion never nags
        return StepStatus.OVERDUE
    last_day = step.deadline.date() if step.deadline else step.recommended
    if today == step.recommended or (today == last_day and not step.optional):
        return StepStatus.DUE_TODAY
    return StepStatus.OPEN
