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


def sent_today(keys: list[str]) -> list[StepMark]:
    return [StepMark(key, StepStatus.DONE, D("2026-11-20")) for key in keys]


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


def test_marking_several_steps_lands_in_one_write_and_undoing_removes_exactly_those(store):
    interview_id = store.interviews.save(build_interview(interview_at=NOV_20, interviewers=THREE), now=FIXED_NOW)
    keys = [s.key for s in thank_yous_to_send(steps_of(store, interview_id))]
    store.follow_up.mark(interview_id, StepMark("soft_touch", StepStatus.SKIPPED, D("2026-11-20")))
    version = store.data_version()
    written, at = store.follow_up.mark_unmarked(interview_id, sent_today(keys))
    assert store.data_version() == version + 1 and len(written) == 3
    assert thank_yous_to_send(steps_of(store, interview_id)) == []
    assert store.follow_up.unmark_unchanged(interview_id, written, at) == 3
    marks = store.follow_up.marks_for([interview_id])[interview_id]
    assert [(m.step_key, m.status) for m in marks] == [("soft_touch", StepStatus.SKIPPED)]  # only the bulk undone
    assert len(thank_yous_to_send(steps_of(store, interview_id))) == 3


def test_a_note_marked_meanwhile_keeps_its_own_mark_and_undo_leaves_it(store):
    interview_id = store.interviews.save(build_interview(interview_at=NOV_20, interviewers=THREE), now=FIXED_NOW)
    keys = [s.key for s in thank_yous_to_send(steps_of(store, interview_id))]
    earlier = StepMark(keys[0], StepStatus.DONE, D("2026-11-18"))
    store.follow_up.mark(interview_id, earlier)  # another tab, before the click
    written, at = store.follow_up.mark_unmarked(interview_id, sent_today(keys))
    assert [m.step_key for m in written] == keys[1:]
    store.follow_up.unmark_unchanged(interview_id, written, at)
    assert store.follow_up.marks_for([interview_id])[interview_id] == [earlier]


def test_undo_keeps_a_note_changed_after_the_bulk_mark(store):
    interview_id = store.interviews.save(build_interview(interview_at=NOV_20, interviewers=THREE), now=FIXED_NOW)
    keys = [s.key for s in thank_yous_to_send(steps_of(store, interview_id))]
    written, at = store.follow_up.mark_unmarked(interview_id, sent_today(keys))
    skipped = StepMark(keys[1], StepStatus.SKIPPED, D("2026-11-20"))
    store.follow_up.mark(interview_id, skipped)  # Ben's note, skipped after all
    assert store.follow_up.unmark_unchanged(interview_id, written, at) == 2
    assert store.follow_up.marks_for([interview_id])[interview_id] == [skipped]


def test_a_bad_mark_among_several_leaves_none_written(store):
    interview_id = store.interviews.save(build_interview(interview_at=NOV_20, interviewers=THREE), now=FIXED_NOW)
    keys = [s.key for s in thank_yous_to_send(steps_of(store, interview_id))]
    marks = [StepMark(keys[0], StepStatus.DONE, D("2026-11-20")), StepMark(keys[1], StepStatus.OPEN, D("2026-11-20"))]
    with pytest.raises(ValueError):
        store.follow_up.mark_unmarked(interview_id, marks)
    assert store.follow_up.marks_for([interview_id])[interview_id] == []


def test_undo_leaves_a_mark_made_anew_since_even_one_identical_to_the_bulk_s(store, monkeypatch):
    import lib.store.interview_rows as rows

    interview_id = store.interviews.save(build_interview(interview_at=NOV_20, interviewers=THREE), now=FIXED_NOW)
    keys = [s.key for s in thank_yous_to_send(steps_of(store, interview_id))]
    written, at = store.follow_up.mark_unmarked(interview_id, sent_today(keys))
    store.follow_up.unmark(interview_id, keys[0])
    monkeypatch.setattr(rows, "stamp", lambda: "2026-11-20T17:05:00")  # marked by hand, later (a reused id, say)
    again = StepMark(keys[0], StepStatus.DONE, D("2026-11-20"))
    store.follow_up.mark(interview_id, again)
    assert store.follow_up.unmark_unchanged(interview_id, written, at) == 2
    assert store.follow_up.marks_for([interview_id])[interview_id] == [again]
