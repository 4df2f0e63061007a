"""Applications: how rounds are filed, what a later round does to the earlier one, and the queries behind them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from lib.domain.applications import Application, ApplicationStatus, LaterRound, application_match_key
from lib.domain.followup import follow_up_timeline
from lib.domain.model import NEW_APPLICATION, Outcome, Stage
from lib.domain.steps import StepKind, StepMark, StepStatus
from lib.store import Store
from tests.factories import FIXED_NOW, D, build_interview

ROUND_1 = datetime(2026, 11, 2, 10, 0)  # Mon 2 Nov
ROUND_2 = datetime(2026, 11, 12, 14, 0)  # Thu 12 Nov


def kestrel(at: datetime = ROUND_1, **overrides):
    return build_interview(**{"company": "Kestrel", "role": "Backend engineer", "interview_at": at, "interviewers": ()}
                           | overrides)


def by_key(steps):
    return {s.key: s for s in steps}


# --- the match rule ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (("Kestrel", "Backend engineer"), ("KESTREL", "Backend engineer"), True),
        (("Kestrel", "Backend engineer"), ("  kestrel ", "backend  engineer"), True),
        (("Straße AG", "Analyst"), ("STRASSE AG", "analyst"), True),  # casefold, not only ASCII lower()
        (("Kestrel", "Backend engineer"), ("Kestrel", "Data engineer"), False),
        (("Kestrel", "Backend engineer"), ("Kestrel Labs", "Backend engineer"), False),
    ],
)
def test_rounds_match_by_company_in_any_case_and_the_same_role(first, second, same):
    assert (application_match_key(*first) == application_match_key(*second)) is same


# --- filing rounds in the store --------------------------------------------------------------
def test_a_new_round_of_the_same_company_in_another_case_and_role_joins_its_application(store: Store):
    first = store.interviews.save(kestrel(), now=FIXED_NOW)
    second = store.interviews.save(kestrel(ROUND_2, company="KESTREL"), now=FIXED_NOW)
    other_role = store.interviews.save(kestrel(ROUND_2, role="Data engineer"), now=FIXED_NOW)
    application = store.applications.of_interview(first)
    assert [r.id for r in application.rounds] == [first, second]
    assert store.applications.of_interview(other_role).uid != application.uid
    assert store.applications.count() == 2


@pytest.mark.parametrize(
    ("saved", "typed"),
    [
        pytest.param(("Kestrel", "Backend engineer"), ("  KESTREL", "backend   engineer "), id="ascii"),
        pytest.param(("ÆRØ Energi", "Analytiker"), ("ærø energi", "ANALYTIKER"), id="beyond-ascii"),
        pytest.param(("100% Labs", "Data_engineer"), ("100% labs", "data_engineer"), id="like-wildcards-typed"),
    ],
)
def test_a_round_typed_in_any_case_and_spacing_finds_and_joins_its_application(store: Store, saved, typed):
    first = store.interviews.save(kestrel(company=saved[0], role=saved[1]), now=FIXED_NOW)
    assert [a.latest.id for a in store.applications.matching(*typed)] == [first]
    assert store.applications.matching("100 Labs" if "%" in saved[0] else "Other", saved[1]) == []
    second = store.interviews.save(kestrel(ROUND_2, company=typed[0], role=typed[1]), now=FIXED_NOW)
    assert store.applications.of_interview(second).uid == store.applications.of_interview(first).uid


def test_someone_who_reapplies_starts_a_new_application_when_they_say_so(store: Store):
    first = store.interviews.save(kestrel(), now=FIXED_NOW)
    again = store.interviews.save(kestrel(ROUND_2, application=NEW_APPLICATION), now=FIXED_NOW)
    assert store.applications.of_interview(first).uid != store.applications.of_interview(again).uid
    later = store.interviews.save(kestrel(ROUND_2 + timedelta(days=1)), now=FIXED_NOW)
    assert store.applications.of_interview(later).uid == store.applications.of_interview(again).uid  # the latest


def test_an_edited_round_keeps_its_application_and_can_move_to_another(store: Store):
    first = store.interviews.save(kestrel(), now=FIXED_NOW)
    second = store.interviews.save(kestrel(ROUND_2, application=NEW_APPLICATION), now=FIXED_NOW)
    saved = store.interviews.get(first)
    store.interviews.save(replace(saved, application="", notes="edited"), now=FIXED_NOW)
    assert store.interviews.get(first).application == saved.application
    store.interviews.save(replace(saved, application=store.interviews.get(second).application), now=FIXED_NOW)
    assert store.applications.count() == 1  # the one left without rounds is gone


def test_an_application_named_by_a_file_is_created_with_that_uid_and_joined_by_the_next(store: Store):
    ids = store.interviews.import_entries([(kestrel(application="app-from-file"), ()),
                                           (kestrel(ROUND_2, company="KESTREL", application="app-from-file"), ())])
    assert {store.interviews.get(i).application for i in ids} == {"app-from-file"}


def test_deleting_the_last_round_removes_its_application(store: Store):
    only = store.interviews.save(kestrel(), now=FIXED_NOW)
    store.interviews.delete(only)
    assert store.applications.count() == 0
    store.interviews.import_entries([(kestrel(is_demo=True), ())])
    assert store.interviews.delete_demo() == 1 and store.applications.count() == 0


def test_the_applications_page_lists_the_newest_first_with_all_rounds(store: Store):
    store.interviews.save(kestrel(), now=FIXED_NOW)
    store.interviews.save(build_interview(company="Borealis", interview_at=ROUND_1 + timedelta(days=1)),
                          now=FIXED_NOW)
    store.interviews.save(kestrel(ROUND_2), now=FIXED_NOW)
    page = store.applications.page(limit=10)
    assert [(a.company, len(a.rounds)) for a in page] == [("Kestrel", 2), ("Borealis", 1)]
    assert [a.company for a in store.applications.page(limit=1, offset=1)] == ["Borealis"]


def test_matching_offers_the_applications_a_new_round_could_join(store: Store):
    store.interviews.save(kestrel(), now=FIXED_NOW)
    store.interviews.save(kestrel(ROUND_2, application=NEW_APPLICATION), now=FIXED_NOW)
    found = store.applications.matching("kestrel", "BACKEND ENGINEER")
    assert [len(a.rounds) for a in found] == [1, 1] and found[0].latest.interview_at == ROUND_2
    assert store.applications.matching("Kestrel", "") == []
    assert store.applications.matching("Nobody", "Backend engineer") == []


# --- a later round moves the earlier one on ------------------------------------------------
def test_a_later_round_closes_the_earlier_check_in_and_soft_touch_with_its_why():
    round_2 = kestrel(ROUND_2, id=2)
    steps = by_key(follow_up_timeline(kestrel(id=1), [], FIXED_NOW, later_round=LaterRound(2, round_2)))
    for key in ("check_in", "soft_touch"):
        assert steps[key].status is StepStatus.CLOSED
        assert steps[key].status_text(FIXED_NOW.date()) == "Closed: round 2 followed"
        assert steps[key].why.startswith("Round 2 followed (Thu 12 Nov), so no check-in is needed")


def test_a_booked_later_round_says_it_is_booked():
    booked = kestrel(FIXED_NOW + timedelta(days=5), id=2, booked=True)
    check_in = by_key(follow_up_timeline(kestrel(id=1), [], FIXED_NOW, later_round=LaterRound(2, booked)))["check_in"]
    assert check_in.status_text(FIXED_NOW.date()) == "Closed: round 2 is booked"
    assert check_in.why.startswith("Round 2 is booked (Wed 25 Nov), so no check-in is needed: this round moved you on.")


def test_a_thank_you_still_within_its_24_hours_stays_open_when_the_next_round_is_booked():
    now = ROUND_1 + timedelta(hours=3)
    steps = by_key(follow_up_timeline(kestrel(id=1), [], now, later_round=LaterRound(2, kestrel(ROUND_2, id=2))))
    assert steps["thank_you"].status is StepStatus.DUE_TODAY
    assert steps["check_in"].status is StepStatus.CLOSED


def test_marks_stay_what_they_were_when_a_later_round_arrives():
    marks = [StepMark("thank_you", StepStatus.DONE, D("2026-11-02"))]
    steps = by_key(follow_up_timeline(kestrel(id=1), marks, FIXED_NOW, later_round=LaterRound(2, kestrel(ROUND_2))))
    assert steps["thank_you"].status is StepStatus.DONE


def test_a_round_with_an_outcome_of_its_own_is_not_moved_on(store: Store):
    rejected, reapplied = store.interviews.import_entries([
        (kestrel(outcome=Outcome.REJECTED, outcome_on=D("2026-11-05"), application="app-a"), ()),
        (kestrel(ROUND_2, application="app-a"), ())])
    data = dict(role="Data engineer")
    one, two, three = store.interviews.import_entries([(kestrel(**data), ()), (kestrel(ROUND_2, **data), ()),
                                                       (kestrel(ROUND_2 + timedelta(days=3), **data), ())])
    found = store.applications.later_rounds([rejected, reapplied, one, two, three])
    assert {k: (v.number, v.interview.id) for k, v in found.items()} == {one: (2, two), two: (3, three)}


def test_the_store_finds_the_later_round_however_the_rounds_arrived(store: Store):
    """Imported newest first (a file sorted by someone else): rounds are ordered by when they took place."""
    third, first, second = store.interviews.import_entries([
        (kestrel(ROUND_2 + timedelta(days=7), stage=Stage.FINAL), ()),
        (kestrel(), ()),
        (kestrel(ROUND_2, company="kestrel"), ()),
    ])
    found = store.applications.later_rounds([first, second, third])
    assert {k: (v.number, v.interview.id) for k, v in found.items()} == {first: (2, second), second: (3, third)}


def test_the_application_status_is_its_latest_rounds_outcome():
    def status(*outcomes):
        rounds = tuple(kestrel(ROUND_1 + timedelta(days=n), id=n + 1, outcome=o) for n, o in enumerate(outcomes))
        return Application("a", rounds).status

    assert status(Outcome.PENDING) is ApplicationStatus.ACTIVE
    assert status(Outcome.NEXT_ROUND, Outcome.PENDING) is ApplicationStatus.ACTIVE
    assert status(Outcome.NEXT_ROUND, Outcome.OFFER) is ApplicationStatus.OFFER
    assert status(Outcome.PENDING, Outcome.NO_RESPONSE) is ApplicationStatus.NO_RESPONSE
    assert ApplicationStatus.NO_RESPONSE.label == "No response"


def test_the_agenda_has_nothing_due_for_a_round_that_moved_on(store: Store):
    first = store.interviews.save(kestrel(), now=FIXED_NOW)
    store.interviews.save(kestrel(FIXED_NOW + timedelta(days=3)), now=FIXED_NOW)  # round 2, booked
    from lib.domain.agenda import build_agenda

    interviews = store.interviews.open()
    later = store.applications.later_rounds([i.saved_id for i in interviews])
    agenda = build_agenda(interviews, {}, FIXED_NOW, later_by_id=later)
    assert [item for item in agenda.due if item.interview.id == first] == []
    check_in = by_key(follow_up_timeline(store.interviews.get(first), [], FIXED_NOW,
                                         later_round=later[first]))["check_in"]
    assert check_in.kind is StepKind.CHECK_IN and check_in.status is StepStatus.CLOSED


def test_progress_over_the_latest_five_skips_a_round_booked_ahead(store: Store):
    from lib.domain.model import Dimension

    for n in range(5):
        store.interviews.save(kestrel(ROUND_1 + timedelta(days=n)), now=FIXED_NOW)  # skills 4 each
    store.interviews.save(kestrel(FIXED_NOW + timedelta(days=2), scores={}, evidence={}),
                          now=FIXED_NOW)  # booked, newest
    assert store.interviews.score_averages(latest=5)[Dimension.SKILLS_MATCH] == (4.0, 5)


def test_a_new_round_naming_another_companys_application_is_filed_by_its_own(store: Store):
    kestrel_id = store.interviews.save(kestrel(), now=FIXED_NOW)
    uid = store.interviews.get(kestrel_id).application
    copied = store.interviews.import_entries([(build_interview(company="Borealis", application=uid), ())])
    assert store.interviews.get(copied[0]).application != uid
    assert len(store.applications.of_interview(kestrel_id).rounds) == 1


def test_demo_rounds_and_the_users_own_never_share_an_application(store: Store):
    own = store.interviews.save(kestrel(), now=FIXED_NOW)
    [demo] = store.interviews.import_entries([(kestrel(ROUND_2, is_demo=True), ())])
    assert store.interviews.get(demo).application != store.interviews.get(own).application
    assert [a.latest.id for a in store.applications.matching("Kestrel", "Backend engineer")] == [own]
    assert [a.latest.id for a in store.applications.matching("Kestrel", "Backend engineer", demo=True)] == [demo]
    assert store.applications.later_rounds([own]) == {}  # a demo round never closes the user's follow-up


def test_a_round_renamed_to_another_company_leaves_the_application_it_no_longer_fits(store: Store):
    first = store.interviews.save(kestrel(), now=FIXED_NOW)
    second = store.interviews.save(kestrel(ROUND_2), now=FIXED_NOW)
    store.interviews.save(replace(store.interviews.get(second), company="Acme"), now=FIXED_NOW)  # as the form edits
    assert store.applications.of_interview(second).uid != store.applications.of_interview(first).uid
    assert store.applications.later_rounds([first]) == {}  # Kestrel's round 1 is not moved on by an Acme round


def test_a_typo_fixed_on_a_single_round_joins_the_application_it_was_meant_for(store: Store):
    first = store.interviews.save(kestrel(), now=FIXED_NOW)
    typo = store.interviews.save(kestrel(ROUND_2, company="Kestral"), now=FIXED_NOW)
    store.interviews.save(replace(store.interviews.get(typo), company="Kestrel"), now=FIXED_NOW)
    assert [r.id for r in store.applications.of_interview(first).rounds] == [first, typo]


def test_another_machines_export_joins_the_application_of_the_same_company_and_role(store: Store):
    here = store.interviews.save(kestrel(ROUND_2), now=FIXED_NOW)
    [there] = store.interviews.import_entries([(kestrel(application="app-from-elsewhere"), ())])
    assert store.applications.of_interview(there).uid == store.applications.of_interview(here).uid
    assert store.applications.later_rounds([there])[there].interview.id == here


def test_two_applications_a_file_keeps_apart_stay_apart_on_import(store: Store):
    store.interviews.save(kestrel(ROUND_2 + timedelta(days=30)), now=FIXED_NOW)
    ids = store.interviews.import_entries([(kestrel(application="app-first-try"), ()),
                                           (kestrel(ROUND_2, application="app-reapplied"), ())])
    assert len({store.applications.of_interview(i).uid for i in ids}) == 2


def test_a_name_typed_in_another_script_groups_as_an_import_would(store: Store):
    typed = store.interviews.save(kestrel(company="Straße GmbH"), now=FIXED_NOW)
    again = store.interviews.save(kestrel(ROUND_2, company="STRASSE GMBH"), now=FIXED_NOW)
    assert store.applications.of_interview(again).uid == store.applications.of_interview(typed).uid


def test_recording_an_outcome_on_a_booked_round_ends_its_wait_for_scores(store: Store):
    from lib.domain.model import Outcome

    booked = store.interviews.save(kestrel(FIXED_NOW + timedelta(hours=1), scores={}, evidence={}), now=FIXED_NOW)
    store.interviews.set_outcome(booked, Outcome.REJECTED, D("2026-11-21"))
    assert store.interviews.booked() == [] and not store.interviews.get(booked).booked
