"""The scores version: moved by every write that could change the interviews table, left alone by
step marks and snoozes, so Trends' charts stay cached while the user ticks off follow-ups."""

from __future__ import annotations

import sqlite3

import pytest

from lib.domain.model import Outcome
from lib.domain.steps import StepMark, StepSnooze, StepStatus
from lib.store import Store
from lib.store.backup import backup_now
from lib.store.restore import restore
from tests.factories import FIXED_NOW, D, build_interview


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "d.db")


def test_a_step_mark_or_snooze_moves_the_data_version_but_not_the_scores_version(store):
    interview_id = store.interviews.save(build_interview(), now=FIXED_NOW)
    scores, data = store.scores_version(), store.data_version()
    store.follow_up.mark(interview_id, StepMark("soft_touch", StepStatus.SKIPPED, D("2026-11-20")))
    store.follow_up.snooze(interview_id, StepSnooze("check_in", D("2026-12-09"), "away"))
    store.follow_up.unmark(interview_id, "soft_touch")
    assert store.data_version() == data + 3
    assert store.scores_version() == scores


def test_saving_an_interview_or_its_outcome_moves_both(store):
    interview_id = store.interviews.save(build_interview(), now=FIXED_NOW)
    before = store.scores_version()
    store.interviews.set_outcome(interview_id, Outcome.OFFER, D("2026-11-20"))
    assert store.scores_version() == store.data_version() > before


def test_a_file_without_one_answers_its_data_version(store):
    store.interviews.save(build_interview(), now=FIXED_NOW)
    with sqlite3.connect(store.path) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'scores_version'")
    assert store.scores_version() == store.data_version()


def test_a_restore_never_leaves_an_older_scores_version_behind(store, tmp_path):
    store.interviews.save(build_interview(), now=FIXED_NOW)
    backup = backup_now(store, FIXED_NOW)
    store.interviews.save(build_interview(company="Globex"), now=FIXED_NOW)
    seen = {store.scores_version()}
    restore(store, backup.path, FIXED_NOW)
    assert store.scores_version() == store.data_version() and store.scores_version() not in seen


def test_deleting_everything_never_leaves_an_older_scores_version_behind(store):
    from lib.store.erase import delete_everything

    store.interviews.save(build_interview(), now=FIXED_NOW)
    seen = store.scores_version()
    delete_everything(store)
    assert store.scores_version() == store.data_version() > seen
