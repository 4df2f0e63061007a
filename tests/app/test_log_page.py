"""Logging and editing an interview through the form, as a user would."""

from __future__ import annotations

from datetime import date

import pytest

from lib.domain.model import Dimension, Outcome
from lib.domain.rubric import RUBRIC
from lib.store.interviews import Interviews
from tests.app.helpers import LOG, an_interview, badges, errors, fill_log_form, open_page, person_row, save, texts
from tests.factories import FIXED_NOW


def test_a_typed_far_year_reaches_the_forms_own_check_instead_of_being_put_back(app, store):
    """Streamlit's own bounds (ten years from today) replaced a typed 2099 by the default day, and it saved."""
    at = open_page(app, LOG)
    assert (at.date_input(key="f.day").min, at.date_input(key="f.day").max) == (date.min, date.max)
    fill_log_form(at)
    at.date_input(key="f.day").set_value(date(2099, 6, 1))
    at = save(at)
    assert any("more than a year away" in message for message in errors(at))
    assert store.interviews.count() == 0


def test_an_empty_form_names_each_missing_field_and_saves_nothing(app, store):
    at = save(open_page(app, LOG))
    assert not at.exception
    assert errors(at) == ["Company is required", "Role is required",
                          "Nothing was saved. 2 fields to fix: company, role."]
    assert store.interviews.count() == 0


def test_saving_a_complete_entry_stores_it_and_shows_the_thank_you_due_today(app, store):
    at = fill_log_form(
        open_page(app, LOG),
        timeframe="within 2 weeks",
        scores={Dimension.SKILLS_MATCH: 4, Dimension.ENTHUSIASM: 5},
        evidence={
            Dimension.SKILLS_MATCH: "Explained the migration I led",
            Dimension.ENTHUSIASM: "Asked about Q1 plans",
        },
    )
    at = save(at)
    assert not at.exception
    assert not errors(at)
    [saved] = store.interviews.find()
    assert (saved.company, saved.role, saved.stated_timeframe) == ("Acme", "Data engineer", "within 2 weeks")
    assert saved.score(Dimension.SKILLS_MATCH) == 4 and saved.score(Dimension.CULTURE_FIT) is None
    assert saved.evidence_for(Dimension.ENTHUSIASM) == "Asked about Q1 plans"
    assert [p.name for p in saved.interviewers] == ["Jane Doe"]
    assert at.query_params["id"] == str(saved.id)
    assert "Saved. Next: **Thank\\-you note to Jane Doe** · Due today" in at.success[0].value


def test_a_double_click_on_save_stores_one_entry(app, store):
    at = fill_log_form(open_page(app, LOG))
    at = save(save(at))
    assert store.interviews.count() == 1


def test_each_score_shows_its_anchor_and_unscored_means_not_sure(app):
    at = open_page(app, LOG)
    assert "Not sure yet" in texts(at)
    at.segmented_control(key="f.score.culture_fit").set_value(2).run()
    assert RUBRIC[Dimension.CULTURE_FIT].anchors[2] in texts(at)


def test_the_timeframe_is_read_back_with_its_check_in_date(app):
    at = fill_log_form(open_page(app, LOG), timeframe="within 2 weeks")
    assert "Decision expected by Fri 4 Dec. Check in on Wed 9 Dec." in texts(at)
    at.text_input(key="f.stated_timeframe").input("they'll be in touch").run()
    assert "Couldn't read “they'll be in touch” as a date" in texts(at)


def test_a_decision_more_than_a_year_away_is_a_warning_at_the_field_and_the_entry_saves(app, store):
    at = fill_log_form(open_page(app, LOG), timeframe="in 13 months")
    flag = "Mon 20 Dec 2027 is more than a year after the interview, so it counts as no timeframe: check it"
    warnings = [w.value.replace("\\", "") for w in at.warning]  # shown Markdown-escaped
    assert any(w.startswith(flag) for w in warnings), warnings
    at = save(at)
    assert not at.exception and not errors(at)
    [saved] = store.interviews.find()
    assert saved.stated_timeframe == "in 13 months"


@pytest.mark.parametrize(
    ("timeframe", "named"),
    [("by 9999-12-31", "9999-12-31"), ("by Jan 1 9999", "9999-01-01"), ("by 1 Jan 1980", "1980-01-01")],
)
def test_a_timeframe_naming_a_date_outside_the_range_is_an_error_while_typing_in_the_words_of_save(
    app, store, timeframe, named
):
    refused = f"The timeframe names a date that must be between 1990 and 2100 (got {named}): check the year"
    at = fill_log_form(open_page(app, LOG), timeframe=timeframe)
    assert not at.exception
    assert errors(at) == [refused]
    assert not [w.value for w in at.warning], "no warning that reads as if the entry would save"
    at = save(at)
    assert errors(at).count(refused) == 1, "the same words, once, at the field"
    assert errors(at)[-1] == "Nothing was saved. 1 field to fix: the timeframe."
    assert store.interviews.count() == 0


def test_an_entry_with_a_decision_more_than_a_year_away_can_record_its_outcome(app, store):
    entry_id = store.interviews.save(an_interview(stated_timeframe="by 2028-03-01"), now=FIXED_NOW)
    at = open_page(app, LOG, id=str(entry_id))
    at.selectbox(key="f.outcome").set_value(Outcome.REJECTED).run()
    at = save(at)
    assert not at.exception and not errors(at)
    assert store.interviews.get(entry_id).outcome is Outcome.REJECTED


def test_bad_input_is_reported_at_its_field_and_nothing_is_saved(app, store):
    at = fill_log_form(open_page(app, LOG), email="jane-at-acme", duration=2000, day=date(2028, 6, 1))
    at = save(at)
    messages = errors(at)
    assert messages == [
        "The interview's date is more than a year away: check the year",
        "Duration must be between 5 and 600 minutes",
        "Interviewer 1's email does not look like an email address: 'jane-at-acme'",
        "Nothing was saved. 3 fields to fix: the interview's date, duration, interviewer 1's email.",
    ]
    assert store.interviews.count() == 0


def test_an_entry_scored_without_evidence_can_be_saved(app, store):
    at = fill_log_form(open_page(app, LOG), scores={Dimension.CULTURE_FIT: 3})
    assert "No evidence yet: you can save, but the entry will be flagged." in texts(at)
    save(at)
    [saved] = store.interviews.find()
    assert saved.evidence_missing == (Dimension.CULTURE_FIT,)


def test_editing_from_a_deep_link_updates_the_same_entry_and_keeps_people(app, store):
    first = store.interviews.save(an_interview(), now=FIXED_NOW)
    person_id = store.interviews.get(first).interviewers[0].id
    at = open_page(app, LOG, id=str(first))
    assert at.title[0].value == "Edit interview"
    assert at.text_input(key="f.role").value == "Data engineer"
    at.text_input(key="f.role").input("Senior data engineer").run()
    at = save(at)
    assert not errors(at)
    edited = store.interviews.get(first)
    assert store.interviews.count() == 1
    assert edited.role == "Senior data engineer"
    assert edited.interviewers[0].id == person_id


def test_a_missing_entry_in_the_link_says_so(app):
    at = open_page(app, LOG, id="999")
    assert "There is no interview #999" in at.warning[0].value


def test_people_can_be_added_and_removed(app, store):
    at = fill_log_form(open_page(app, LOG))
    [add] = [b for b in at.button if b.label == "Add another interviewer"]
    at = add.click().run()
    second = person_row(at, 1)
    at.text_input(key=f"f.p.{second}.name").input("Raj Patel").run()
    at = save(at)
    assert [p.name for p in store.interviews.find()[0].interviewers] == ["Jane Doe", "Raj Patel"]
    at.button(key=f"f.p.{person_row(at, 0)}.remove").click().run()
    at = save(at)
    assert [p.name for p in store.interviews.find()[0].interviewers] == ["Raj Patel"]


def test_recording_an_outcome_in_the_form_closes_the_follow_up(app, store):
    at = fill_log_form(open_page(app, LOG))
    at.selectbox(key="f.outcome").set_value(Outcome.REJECTED).run()
    at = save(at)
    saved = store.interviews.find()[0]
    assert saved.outcome is Outcome.REJECTED and saved.outcome_on == date(2026, 11, 20)
    assert badges(at).count(":gray-badge[Closed: an outcome is recorded]") == 3


def test_a_half_typed_entry_survives_a_new_session(app, store):
    at = open_page(app, LOG)
    at.text_input(key="f.company").input("Globex").run()
    at.text_input(key="f.role").input("Analyst").run()
    from streamlit.testing.v1 import AppTest

    from tests.app.helpers import ENTRYPOINT

    fresh = open_page(AppTest.from_file(ENTRYPOINT, default_timeout=30), LOG)
    assert "You have unsaved changes" in texts(fresh)
    [restore] = [b for b in fresh.button if b.label == "Restore them"]
    fresh = restore.click().run()
    assert fresh.text_input(key="f.company").value == "Globex"
    assert fresh.text_input(key="f.role").value == "Analyst"
    assert store.interviews.count() == 0


UNREADABLE_DRAFTS = [
    '{"stage": "lunch"}',
    '{"company": "\\ud800"}',
    '{"day": "someday"}',
    '{"duration_min": 45.5}',
    '{"scores": {"skills_match": 9}}',
    '{"people": "Jane"}',
    '["a list, not a form"]',
    "half a {",
]


@pytest.mark.parametrize("payload", UNREADABLE_DRAFTS)
def test_a_draft_the_form_cannot_hold_is_treated_as_no_draft(app, store, payload):
    store.settings.save_form_draft("new", payload)
    at = open_page(app, LOG)
    for restore in [b for b in at.button if b.label == "Restore them"]:  # none should be offered
        at = restore.click().run()
    assert not at.exception
    assert "You have unsaved changes" not in texts(at)
    assert at.text_input(key="f.company").value == ""


def test_a_partial_draft_from_an_older_version_is_offered_and_restored_over_the_blank_form(app, store):
    store.settings.save_form_draft("new", '{"company": "Half-typed Co"}')  # what tests/fixtures/schema_v1.db holds
    at = open_page(app, LOG)
    [restore] = [b for b in at.button if b.label == "Restore them"]
    at = restore.click().run()
    assert not at.exception
    assert at.text_input(key="f.company").value == "Half-typed Co"
    assert at.selectbox(key="f.stage").value is not None


def test_an_entry_deleted_from_another_tab_right_after_its_save_does_not_break_the_page(app, store, monkeypatch):
    save_for_real = Interviews.save

    def save_then_deleted_elsewhere(self, *args, **kwargs):
        saved_id = save_for_real(self, *args, **kwargs)
        store.interviews.delete(saved_id)  # another tab deletes it before this page draws again
        return saved_id

    monkeypatch.setattr(Interviews, "save", save_then_deleted_elsewhere)
    at = save(fill_log_form(open_page(app, LOG)))
    assert not at.exception
    assert "Saved, but this interview has since been deleted." in texts(at)


def test_a_message_names_the_person_row_as_the_user_sees_it_numbered(app, store):
    at = fill_log_form(open_page(app, LOG), interviewer="")
    at.button(key="f.add_person").click().run()  # row 2, below the empty first row the form starts with
    at.text_input(key=f"f.p.{person_row(at, 1)}.title").input("CTO").run()
    at = save(at)
    assert errors(at) == ["Interviewer 2 needs a name (or remove this row)",
                          "Nothing was saved. 1 field to fix: interviewer 2."]
    assert store.interviews.count() == 0


def test_a_refused_timeframe_retyped_is_judged_by_the_words_typed_now_not_by_what_save_said(app, store):
    at = save(fill_log_form(open_page(app, LOG), timeframe="by 9999-12-31"))
    at.text_input(key="f.stated_timeframe").input("by 1 Jan 1980").run()
    assert errors(at) == [
        "The timeframe names a date that must be between 1990 and 2100 (got 1980-01-01): check the year",
        "Nothing was saved. 1 field to fix: the timeframe.",
    ]
    at.text_input(key="f.stated_timeframe").input("within 2 weeks").run()
    assert errors(at) == []
    assert store.interviews.count() == 0
