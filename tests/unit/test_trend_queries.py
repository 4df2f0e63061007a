"""The Store's narrow queries for the Trends page: filtered in SQL, only the needed columns."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from lib.domain.model import Dimension, Format, Interviewer, Outcome, Stage
from lib.domain.steps import StepMark, StepSnooze, StepStatus
from lib.store import Store
from tests.factories import FIXED_NOW, D, build_interview


def fill(store: Store) -> list[int]:
    return store.interviews.import_entries(
        [
            (build_interview(company="Acme", interview_at=datetime(2026, 10, 1, 9, 0), stage=Stage.PANEL,
                             notes="private notes", outcome=Outcome.OFFER, outcome_on=D("2026-10-09")),
             [StepMark("check_in", StepStatus.DONE, D("2026-10-15"))]),
            (build_interview(company="Beta", interview_at=datetime(2026, 10, 31, 23, 30), format=Format.PHONE,
                             scores={Dimension.SKILLS_MATCH: None, Dimension.ENTHUSIASM: 5}), []),
            (build_interview(company="Acme", interview_at=datetime(2026, 11, 1, 0, 0),
                             interviewers=(Interviewer("Ann"), Interviewer("Bo"))), []),
        ]
    )


def test_score_rows_are_oldest_first_with_unscored_as_missing(store: Store):
    fill(store)
    rows = store.interviews.score_rows()
    assert list(rows.columns) == ["id", "interview_at", "company", "role", "stage", "format", "outcome",
                                  "skills_match", "enthusiasm", "culture_fit"]
    assert rows["company"].tolist() == ["Acme", "Beta", "Acme"]
    assert str(rows["interview_at"].dtype) == "datetime64[us]"
    beta = rows.iloc[1]
    assert beta["skills_match"] != beta["skills_match"]  # NaN: "not sure yet" is never 0
    assert beta["enthusiasm"] == 5.0
    assert rows["skills_match"].dtype == "float64"


def test_score_rows_filters_in_sql_with_an_inclusive_end_date(store: Store):
    fill(store)
    assert store.interviews.score_rows(end=D("2026-10-31"))["company"].tolist() == ["Acme", "Beta"]
    assert store.interviews.score_rows(start=D("2026-10-31"), end=D("2026-10-31"))["company"].tolist() == ["Beta"]
    assert store.interviews.score_rows(companies=["Acme"])["id"].tolist() == [1, 3]
    assert store.interviews.score_rows(stages=[Stage.PANEL])["id"].tolist() == [1]
    assert store.interviews.score_rows(formats=[Format.PHONE])["id"].tolist() == [2]
    assert store.interviews.score_rows(outcomes=[Outcome.OFFER, Outcome.REJECTED])["id"].tolist() == [1]
    assert store.interviews.score_rows(companies=["Acme"], formats=[Format.PHONE]).empty


def test_evidence_rows_for_the_given_ids(store: Store):
    fill(store)
    evidence = store.interviews.evidence_rows([1, 3])
    assert evidence["id"].tolist() == [1, 3]
    assert evidence["skills_evidence"].tolist() == ["Walked through the pipeline redesign"] * 2
    assert store.interviews.evidence_rows([]).empty


def test_follow_up_batches_carry_what_the_timeline_needs_and_nothing_private(store: Store):
    fill(store)
    store.follow_up.snooze(2, StepSnooze("check_in", D("2026-11-30"), "recruiter on holiday"))
    batches = list(store.follow_up.batches(batch_size=2))
    assert [len(b) for b in batches] == [2, 1]
    (first, first_marks, first_snoozes), (_, _, second_snoozes) = batches[0]
    assert first.company == "Acme" and first.outcome is Outcome.OFFER and first.outcome_on == D("2026-10-09")
    assert first.notes == "" and first.scores == {d: None for d in Dimension}
    assert first_marks == [StepMark("check_in", StepStatus.DONE, D("2026-10-15"))]
    assert first_snoozes == []
    assert second_snoozes == [StepSnooze("check_in", D("2026-11-30"), "recruiter on holiday")]
    last, _, _ = batches[1][0]
    assert [p.name for p in last.interviewers] == ["Ann", "Bo"]
    assert all(p.id is not None for p in last.interviewers)  # thank-you marks are keyed on them


def test_follow_up_batches_can_load_only_the_interviews_asked_for(store: Store):
    fill(store)
    batches = list(store.follow_up.batches(only=[3, 1, 99]))  # 99 does not exist
    assert [[i.id for i, _, _ in batch] for batch in batches] == [[1, 3]]
    assert list(store.follow_up.batches(only=[])) == []


def test_a_follow_up_fingerprint_changes_with_everything_the_discipline_facts_read_and_nothing_else(store: Store):
    fill(store)
    before = store.follow_up.fingerprints()
    assert sorted(before) == [1, 2, 3]

    def changed() -> set[int]:
        nonlocal before
        after = store.follow_up.fingerprints()
        moved = {i for i in after.keys() | before.keys() if after.get(i) != before.get(i)}
        before = after
        return moved

    store.settings.save_form_draft("new", '{"company": "Draft Co"}')
    assert changed() == set()
    store.follow_up.mark(2, StepMark("check_in", StepStatus.SKIPPED, D("2026-11-16")))
    assert changed() == {2}
    store.follow_up.snooze(3, StepSnooze("check_in", D("2026-11-30"), "away"))
    assert changed() == {3}
    store.interviews.set_outcome(3, Outcome.REJECTED, D("2026-11-10"))
    assert changed() == {3}
    edited = store.interviews.get(1)
    store.interviews.save(replace(edited, interviewers=(*edited.interviewers, Interviewer("Cy"))),
                          now=FIXED_NOW)  # keeps id 1
    assert changed() == {1}
    store.follow_up.mark(1, StepMark("soft_touch", StepStatus.SKIPPED, D("2026-10-10")))  # no fact reads it
    store.follow_up.snooze(1, StepSnooze("thank_you", D("2026-10-05"), "a thank-you is never judged snoozed"))
    assert changed() == set()
    edited = store.interviews.get(3)
    renamed = (replace(edited.interviewers[0], name="Ann B."), *edited.interviewers[1:])
    store.interviews.save(replace(edited, interviewers=renamed, notes="new notes"), now=FIXED_NOW)
    assert changed() == set()  # the same people (their ids are the thank-you keys), other words
    store.follow_up.mark(3, StepMark(f"thank_you:{edited.interviewers[1].id}", StepStatus.DONE, D("2026-11-02")))
    assert changed() == {3}
    store.interviews.delete(2)
    assert changed() == {2} and 2 not in before
