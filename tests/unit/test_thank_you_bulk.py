"""Every thank-you note of one interview marked sent in one write, and undone in one."""

from __future__ import annotations

from datetime import datetime

import pytest

from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interviewer
from lib.domain.steps import StepKind, StepMark, StepStatus, thank_yous_to_send
from lib.store import Store
from tests.factories import FIXED_NOW, D, build_interview

THREE = (Interviewer("Ana Ruiz"), Interviewer("Ben Okafor"), Interviewer("Cleo Park"))
NOV_20 = datetime(2026, 11, 20, 10, 0)  # FIXED_NOW is 17:00 the same day: every thank-you is due


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "d.db")


def steps_of(store: Store, interview_id: int) -> list:
    interview = store.interviews.get(interview_id)
    return follow_up_timeline(interview, store.follow_up.marks_for([interview_id])[interview_id], FIXED_NOW)


def test_the_notes_to_send_are_the_open_thank_yous_one_per_person():
    interview = build_interview(interview_at=NOV_20, interviewers=THREE)
    steps = follow_up_timeline(interview, (), FIXED_NOW)
    assert [s.recipient.name for s in thank_yous_to_send(steps)] == ["Ana Ruiz", "Ben Okafor", "Cleo Park"]
    sent = next(s for s in steps if s.kind is StepKind.THANK_YOU)
    steps = follow_up_timeline(interview, (StepMark(sent.key, StepStatus.DONE, D("2026-11-20")),), FIXED_NOW)
    assert [s.recipient.name for s in thank_yous_to_send(steps)] == ["Ben Okafor", "Cleo Park"]


def test_marking_several_steps_lands_in_one_write_and_unmarking_them_opens_exactly_those(store):
    interview_id = store.interviews.save(build_interview(interview_at=NOV_20, interviewers=THREE), now=FIXED_NOW)
    keys = [s.key for s in thank_yous_to_send(steps_of(store, interview_id))]
    store.follow_up.mark(interview_id, StepMark("soft_touch", StepStatus.SKIPPED, D("2026-11-20")))
    version = store.data_version()
    store.follow_up.mark_many(interview_id, [StepMark(k, StepStatus.DONE, D("2026-11-20")) for k in keys])
    assert store.data_version() == version + 1
    assert thank_yous_to_send(steps_of(store, interview_id)) == []
    store.follow_up.unmark_many(interview_id, keys)
    marks = store.follow_up.marks_for([interview_id])[interview_id]
    assert [(m.step_key, m.status) for m in marks] == [("soft_touch", StepStatus.SKIPPED)]  # only the bulk undone
    assert len(thank_yous_to_send(steps_of(store, interview_id))) == 3


def test_a_bad_mark_among_several_leaves_none_written(store):
    interview_id = store.interviews.save(build_interview(interview_at=NOV_20, interviewers=THREE), now=FIXED_NOW)
    keys = [s.key for s in thank_yous_to_send(steps_of(store, interview_id))]
    marks = [StepMark(keys[0], StepStatus.DONE, D("2026-11-20")), StepMark(keys[1], StepStatus.OPEN, D("2026-11-20"))]
    with pytest.raises(ValueError):
        store.follow_up.mark_many(interview_id, marks)
    assert store.follow_up.marks_for([interview_id])[interview_id] == []
