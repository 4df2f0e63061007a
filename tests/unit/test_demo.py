"""The bundled demo data set and the synthetic generator behind the benchmarks."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import mean
from zoneinfo import ZoneInfo

import pytest

from lib.domain.followup import follow_up_timeline
from lib.domain.model import Dimension, Format, Outcome, Stage, validate
from lib.domain.steps import StepKind, StepStatus
from lib.files.demo import COMPANY_POOL, MAX_SPAN_DAYS, demo_entries, generate_interviews, load_demo, load_generated
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview

LONDON = ZoneInfo("Europe/London")
ALL_STAGES_BUT_OTHER = set(Stage) - {Stage.OTHER}


# --- the bundled set ------------------------------------------------------------------------


@pytest.mark.parametrize("days_later", [0, 1, 2, 3, 30, 365])
def test_every_demo_entry_passes_validation_whatever_the_day(days_later: int):
    now = FIXED_NOW + timedelta(days=days_later)
    for interview, marks in demo_entries(now):
        assert validate(interview, now) == interview
        assert all(m.on <= now.date() for m in marks)
        if interview.outcome_on:
            assert interview.day0 <= interview.outcome_on <= now.date()


def test_demo_is_the_same_for_the_same_now():
    assert demo_entries(FIXED_NOW) == demo_entries(FIXED_NOW)


def test_demo_covers_the_four_months_before_now_on_weekdays_and_one_round_booked_ahead():
    entries = [i for i, _ in demo_entries(FIXED_NOW)]
    days = [i.day0 for i in entries]
    assert 20 <= len(days) <= 30
    assert days == sorted(days)
    assert all(d.weekday() < 5 for d in days)
    assert FIXED_NOW.date() - timedelta(days=130) <= days[0] <= FIXED_NOW.date() - timedelta(days=100)
    past = [i.day0 for i in entries if not i.booked]
    assert FIXED_NOW.date() - timedelta(days=3) <= past[-1] < FIXED_NOW.date()
    [booked] = [i for i in entries if i.booked]
    assert booked.is_ahead(FIXED_NOW) and booked.has_prep and not any(booked.scores.values())
    assert FIXED_NOW.date() < booked.day0 <= FIXED_NOW.date() + timedelta(days=4)


def test_demo_moves_with_now_so_it_always_looks_current():
    later = FIXED_NOW + timedelta(days=28)  # same weekday: no weekend shifts differ
    before = [i.interview_at for i, _ in demo_entries(FIXED_NOW)]
    after = [i.interview_at for i, _ in demo_entries(later)]
    assert [b + timedelta(days=28) for b in before] == after


def test_demo_tells_a_varied_story():
    interviews = [i for i, _ in demo_entries(FIXED_NOW)]
    assert 6 <= len({i.company for i in interviews}) <= 8
    assert {i.stage for i in interviews} >= ALL_STAGES_BUT_OTHER
    assert {i.format for i in interviews} == set(Format)
    assert {i.outcome for i in interviews} == set(Outcome)
    assert interviews[-1].outcome is Outcome.PENDING
    offers = [i for i in interviews if i.outcome is Outcome.OFFER]
    assert len(offers) == 1 and offers[0].day0 > FIXED_NOW.date() - timedelta(days=21)
    assert all(i.is_demo for i in interviews)
    assert all(1 <= len(i.interviewers) <= 3 for i in interviews)
    assert any(p.email.endswith("example.com") for i in interviews for p in i.interviewers)
    assert all(p.email.endswith(".example.com") for i in interviews for p in i.interviewers if p.email)
    assert sum(bool(i.recruiter) for i in interviews) >= 3
    timeframes = {i.stated_timeframe for i in interviews}
    assert {"within 2 weeks", "10 days", "at least 3 weeks", "by end of next week", "soon", ""} <= timeframes


def test_demo_scores_improve_with_practice_and_culture_fit_lags():
    interviews = [i for i, _ in demo_entries(FIXED_NOW) if not i.booked]  # one ahead has no scores yet
    third = len(interviews) // 3
    for dimension in Dimension:
        early = [s for i in interviews[:third] if (s := i.score(dimension)) is not None]
        late = [s for i in interviews[-third:] if (s := i.score(dimension)) is not None]
        assert mean(late) >= mean(early) + 1
    scores = {d: [s for i in interviews if (s := i.score(d)) is not None] for d in Dimension}
    assert mean(scores[Dimension.CULTURE_FIT]) < mean(scores[Dimension.SKILLS_MATCH])
    assert 1 <= sum(i.score(d) is None for i in interviews for d in Dimension) <= 5
    assert 1 <= sum(len(i.evidence_missing) for i in interviews) <= 5


def test_demo_marks_thank_yous_on_most_older_entries_and_skips_one_soft_touch():
    entries = demo_entries(FIXED_NOW)
    older = [(i, m) for i, m in entries if i.day0 < FIXED_NOW.date() - timedelta(days=7)]
    thanked = [(i, m) for i, m in older if any(k.step_key.startswith("thank_you") for k in m)]
    assert len(thanked) >= len(older) - 2
    delays = [(m.on - i.day0).days for i, marks in thanked for m in marks if m.step_key.startswith("thank_you")]
    assert sum(d <= 1 for d in delays) > sum(d > 1 for d in delays) > 0
    skipped = [m for _, marks in entries for m in marks if m.status is StepStatus.SKIPPED]
    assert [m.step_key for m in skipped] == ["soft_touch"]
    assert any(m.step_key == "check_in" for _, marks in entries for m in marks)


def test_load_demo_adds_it_once(store: Store):
    assert load_demo(store, FIXED_NOW) == len(demo_entries(FIXED_NOW))
    version = store.data_version()
    assert load_demo(store, FIXED_NOW) == 0
    assert store.interviews.count(demo=True) == len(demo_entries(FIXED_NOW))
    assert store.data_version() == version  # refused before opening a write


def test_load_demo_keeps_the_users_own_entries_apart(store: Store):
    store.interviews.save(build_interview(), now=FIXED_NOW)
    assert load_demo(store, FIXED_NOW) > 0
    assert store.interviews.delete_demo() == len(demo_entries(FIXED_NOW))
    assert store.interviews.count() == 1


def test_loaded_demo_thank_yous_show_as_done_on_the_timeline(store: Store):
    load_demo(store, FIXED_NOW)
    interviews = store.interviews.find()
    marks = store.follow_up.marks_for(i.id for i in interviews)
    thank_yous = [
        step
        for i in interviews
        for step in follow_up_timeline(i, marks[i.id], FIXED_NOW, LONDON)
        if step.kind is StepKind.THANK_YOU
    ]
    assert sum(s.status is StepStatus.DONE for s in thank_yous) >= len(thank_yous) - 4
    keys = {s.key for s in thank_yous}
    assert all(m.step_key in keys for ms in marks.values() for m in ms if m.step_key.startswith("thank_you"))


def test_loaded_demo_has_something_to_do_now_and_check_ins_coming_up(store: Store):
    load_demo(store, FIXED_NOW)
    interviews = store.interviews.find()
    marks = store.follow_up.marks_for(i.id for i in interviews)
    steps = [s for i in interviews for s in follow_up_timeline(i, marks[i.id], FIXED_NOW, LONDON)]
    assert any(s.needs_action and s.kind is StepKind.THANK_YOU for s in steps)
    next_fortnight = [
        s
        for s in steps
        if s.kind is StepKind.CHECK_IN and not s.status.settled
        and FIXED_NOW.date() < s.recommended <= FIXED_NOW.date() + timedelta(days=14)
    ]
    assert len(next_fortnight) >= 2


# --- the generator ----------------------------------------------------------------------


def test_generated_entries_are_valid_demo_entries():
    entries = generate_interviews(3_000, FIXED_NOW)
    assert len(entries) == 3_000
    for interview, marks in entries:
        assert validate(interview, FIXED_NOW) == interview
        assert interview.is_demo
        assert all(interview.day0 <= m.on <= FIXED_NOW.date() for m in marks)
    assert len({i.company for i, _ in entries}) > 150
    assert {i.company for i, _ in entries} <= set(COMPANY_POOL)
    assert {i.outcome for i, _ in entries} == set(Outcome)


def test_generated_entries_are_deterministic_by_seed():
    assert generate_interviews(500, FIXED_NOW, seed=3) == generate_interviews(500, FIXED_NOW, seed=3)
    assert generate_interviews(500, FIXED_NOW, seed=3) != generate_interviews(500, FIXED_NOW, seed=4)


@pytest.mark.parametrize(("count", "days"), [(60, 14), (6_000, 1_000), (20_000, MAX_SPAN_DAYS)])
def test_generated_entries_spread_over_count_over_six_days_at_most_five_years(count: int, days: int):
    entries = generate_interviews(count, FIXED_NOW)
    oldest = min(i.day0 for i, _ in entries)
    newest = max(i.day0 for i, _ in entries)
    assert FIXED_NOW.date() - timedelta(days=days + 3) <= oldest <= FIXED_NOW.date() - timedelta(days=days * 0.9)
    assert newest < FIXED_NOW.date()
    assert oldest > FIXED_NOW.date() - timedelta(days=5 * 365)


def test_generated_scores_drift_upwards():
    entries = generate_interviews(6_000, FIXED_NOW)
    first, last = entries[:1_000], entries[-1_000:]
    skills = Dimension.SKILLS_MATCH

    def average(part):
        return mean(s for i, _ in part if (s := i.score(skills)) is not None)

    assert average(last) > average(first) + 1


def test_load_generated_saves_in_batches_with_marks_on_the_right_people(store: Store):
    version = store.data_version()
    assert load_generated(store, 250, FIXED_NOW, seed=11, batch_size=100) == 250
    assert store.interviews.count(demo=True) == 250
    assert store.data_version() == version + 3  # one transaction per batch
    interviews = store.interviews.find()
    marks = store.follow_up.marks_for(i.id for i in interviews)
    for interview in interviews:
        keys = {s.key for s in follow_up_timeline(interview, [], FIXED_NOW, LONDON)}
        assert {m.step_key for m in marks[interview.id]} <= keys


def test_generated_thank_you_dates_are_never_before_the_interview():
    for interview, marks in generate_interviews(2_000, FIXED_NOW, seed=5):
        sent: list[date] = [m.on for m in marks if m.step_key.startswith("thank_you")]
        assert all(interview.day0 <= on <= interview.day0 + timedelta(days=2) for on in sent)
