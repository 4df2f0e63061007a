"""The log form as data: drafts (whole, partial, unreadable), a booking ahead, the application picked."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time

import pytest

from lib.domain.applications import Application
from lib.domain.entry_form import EntryForm, application_choice, application_options, follow_up_preview
from lib.domain.model import NEW_APPLICATION, Outcome, Stage, validate
from lib.domain.steps import StepKind, StepStatus
from tests.factories import FIXED_NOW, build_interview

BASE = EntryForm.blank(FIXED_NOW)


def test_a_whole_draft_reads_back_as_the_form_that_wrote_it():
    typed = replace(BASE, company="Acme", stage=Stage.PANEL, scores={"skills_match": 4}, outcome=Outcome.OFFER,
                    outcome_on=date(2026, 11, 19), people=[{"name": "Jo", "title": "", "email": "", "id": 3}])
    assert EntryForm.from_saved(typed.to_json(), BASE) == typed


def test_a_partial_draft_from_an_older_version_keeps_the_base_forms_other_values():
    read = EntryForm.from_saved('{"company": "Half-typed Co"}', BASE)
    assert read == replace(BASE, company="Half-typed Co")
    assert (read.day, read.start) == (date(2026, 11, 20), time(16, 0))  # the base's, not today's


@pytest.mark.parametrize("payload", [
    '{"stage": "lunch"}', '{"company": "\\ud800"}', '{"start": "noon"}', '{"outcome_on": 5}',
    '{"duration_min": true}', '{"scores": {"skills_match": "4"}}', '{"evidence": {"skills_match": 4}}',
    '{"people": [{"name": 7}]}', '{"interview_id": "12"}', '{"is_demo": "no"}', "[]", "null", "{",
])
def test_a_draft_the_form_cannot_hold_reads_as_none(payload: str):
    assert EntryForm.from_saved(payload, BASE) is None


# --- booking ahead, the application picked, the preparation ------------------------------
@pytest.mark.parametrize(("start", "duration", "booking"), [
    (time(17, 30), 45, True),  # later today
    (time(16, 30), 45, True),  # under way: it ends at 17:15
    (time(16, 0), 45, False),  # ended at 16:45
    (time(16, 15), 45, False),  # ends at 17:00 sharp, which is now
])
def test_a_form_is_a_booking_while_its_end_is_still_ahead(start, duration, booking):
    form = replace(BASE, day=FIXED_NOW.date(), start=start, duration_min=duration)
    assert form.is_booking(FIXED_NOW) is booking


@pytest.mark.parametrize("debrief", [
    {"scores": {"skills_match": 3}}, {"evidence": {"culture_fit": "Laughed at the same things"}},
    {"outcome": Outcome.REJECTED},
])
def test_a_form_holding_a_debrief_stays_a_scoring_form_whatever_its_date(debrief):
    tomorrow = replace(BASE, day=date(2026, 11, 21), **debrief)
    assert not tomorrow.is_booking(FIXED_NOW)


def test_a_draft_with_its_application_and_preparation_reads_back():
    typed = replace(BASE, application=NEW_APPLICATION, prep_questions="Team size?", prep_stories="The migration",
                    prep_pitch="I ship", logged_ahead=True)
    assert EntryForm.from_saved(typed.to_json(), BASE) == typed


def test_a_whole_draft_from_before_applications_and_preparation_still_loads():
    older = {k: v for k, v in json.loads(replace(BASE, company="Kestrel").to_json()).items()
             if k not in ("application", "prep_questions", "prep_stories", "prep_pitch", "logged_ahead")}
    assert EntryForm.from_saved(json.dumps(older), BASE) == replace(BASE, company="Kestrel")
    assert EntryForm.from_json(json.dumps(older)) == replace(BASE, company="Kestrel")


@pytest.mark.parametrize("payload", ['{"application": 3}', '{"prep_pitch": ["a"]}', '{"logged_ahead": "yes"}'])
def test_a_draft_with_a_wrong_kind_of_application_or_preparation_reads_as_none(payload):
    assert EntryForm.from_saved(payload, BASE) is None


def test_preparation_alone_is_worth_a_draft():
    assert replace(BASE, prep_stories="The outage I led").has_content()


def test_a_saved_booking_carries_its_preparation_and_is_saved_as_its_debrief_once_over():
    booked = build_interview(booked=True, application="app-1", prep_questions="Team size?", scores={}, evidence={})
    form = EntryForm.from_interview(booked)
    assert (form.application, form.prep_questions, form.logged_ahead) == ("app-1", "Team size?", True)
    assert form.awaits_scores(FIXED_NOW)
    assert form.to_interview().booked  # still booked: it holds no scores yet
    form.scores["enthusiasm"] = 4
    assert not validate(form.to_interview(), FIXED_NOW).booked  # scored: its debrief
    assert form.to_interview().application == "app-1"


def test_a_bookings_preview_is_its_follow_up_at_the_moment_it_ends():
    form = replace(BASE, day=date(2026, 11, 23), start=time(10, 0), duration_min=60,
                   people=[{"name": "Jo Park", "title": "", "email": "", "id": None}])
    preview = follow_up_preview(form)
    assert [s.kind for s in preview][:2] == [StepKind.ASK_NEXT_STEPS, StepKind.THANK_YOU]
    thank_you = preview[1]
    assert thank_you.title == "Thank-you note to Jo Park"
    assert thank_you.status is StepStatus.DUE_TODAY and thank_you.recommended == date(2026, 11, 23)


def _application(uid: str, *days: int) -> Application:
    return Application(uid, tuple(build_interview(id=d, interview_at=datetime(2026, 11, d, 10)) for d in days))


def test_a_new_entry_is_offered_the_matching_applications_latest_first_then_a_new_one():
    latest, older = _application("app-b", 18), _application("app-a", 2, 9)
    options = application_options(None, [latest, older])
    assert options == ["app-b", "app-a", NEW_APPLICATION]
    assert application_choice("", options, "") == "app-b"


def test_no_match_offers_nothing_and_files_the_round_by_the_stores_default():
    assert application_options(None, []) == []
    assert application_choice("app-gone", [], "") == ""


def test_an_edited_round_is_offered_its_own_application_first_and_keeps_it():
    own, other = _application("app-own", 9, 10), _application("app-other", 18)
    options = application_options(own, [other, own])
    assert options == ["app-own", "app-other", NEW_APPLICATION]
    assert application_choice("", options, "app-own") == "app-own"
    assert application_choice("app-other", options, "app-own") == "app-other"


def test_a_single_round_with_no_other_match_gets_no_picker_and_keeps_its_application():
    own = _application("app-own", 10)
    assert application_options(own, [own]) == []
    assert application_choice("app-picked-before-retyping", [], "app-own") == "app-own"


def test_the_private_fields_go_from_an_entry_to_the_form_to_its_draft_and_back():
    saved = build_interview(id=7, notes="The manager seemed rushed", private=frozenset({"notes", "culture_evidence"}))
    form = EntryForm.from_interview(saved)
    assert form.private == ["culture_evidence", "notes"]
    restored = EntryForm.from_saved(form.to_json(), BASE)
    assert restored is not None and restored.private == ["culture_evidence", "notes"]
    assert restored.to_interview().private == frozenset({"notes", "culture_evidence"})


def test_a_form_keeps_nothing_private_by_default_and_a_draft_from_before_private_fields_still_loads():
    assert BASE.to_interview().private == frozenset()
    older = json.loads(BASE.to_json())
    del older["private"]
    read = EntryForm.from_saved(json.dumps(older), BASE)
    assert read is not None and read.private == []


@pytest.mark.parametrize("payload", ['{"private": "notes"}', '{"private": ["diary"]}', '{"private": [3]}'])
def test_a_draft_naming_a_field_that_cannot_be_private_reads_as_none(payload: str):
    assert EntryForm.from_saved(payload, BASE) is None
