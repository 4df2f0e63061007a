"""A form's messages and the widgets they were drawn at: what focus and aria-invalid are pointed with."""

from __future__ import annotations

import pytest

from lib.ui.focus import FieldErrors, key_class, message_key
from lib.ui.widgets import named


@pytest.mark.parametrize(
    ("widget", "css_class"),
    [("f.company", "st-key-f-company"), ("f.p.ab12cd34.email", "st-key-f-p-ab12cd34-email"),
     ("f.score.skills_match", "st-key-f-score-skills_match"), (" log.next ", "st-key-log-next")],
)
def test_a_widget_key_gives_the_class_streamlit_puts_on_its_container(widget, css_class):
    assert key_class(widget) == css_class


def test_a_message_sits_in_a_container_of_its_own_next_to_its_widget():
    assert key_class(message_key("f.company")) == "st-key-f-company-error"


def test_fields_are_listed_in_the_order_the_page_drew_them_not_the_order_of_the_checks():
    errors = FieldErrors({"role": "is required", "interview_at": "is more than a year away", "company": "is required"})
    errors.record("company", "f.company", "Company")
    errors.record("role", "f.role", "Role")
    errors.record("interview_at", "f.day", "The date and time")
    assert errors.labels == ["Company", "Role", "The date and time"]
    assert errors.widgets == ["f.company", "f.role", "f.day"]
    assert errors.unshown == {}


def test_a_message_drawn_twice_counts_once_and_one_no_field_drew_is_kept_apart():
    errors = FieldErrors({"company": "is required", "uid": "is not an interview's id"})
    errors.record("company", "f.company", "Company")
    errors.record("company", "f.company", "Company")
    assert errors.labels == ["Company"]
    assert errors.unshown == {"uid": "is not an interview's id"}
    assert dict(errors) == {"company": "is required", "uid": "is not an interview's id"}


def test_two_messages_at_one_widget_point_at_it_once():
    errors = FieldErrors({"interviewers": "are too many", "interviewers.11.email": "does not look like an email"})
    errors.record("interviewers.11.email", "f.p.row12.email", "Interviewer 12's email")
    errors.record("interviewers", "f.p.row12.email", "The interviewers")
    assert errors.widgets == ["f.p.row12.email"]


@pytest.mark.parametrize(
    ("label", "message", "shown"),
    [("Company", "is required", "Company is required"),
     ("Duration", "must be between 5 and 600 minutes", "Duration must be between 5 and 600 minutes"),
     ("Interviewer 2", "needs a name (or remove this row)", "Interviewer 2 needs a name (or remove this row)"),
     ("Body", "line 3 has a “{” that is never closed", "Body line 3 has a “{” that is never closed"),
     ("The reason", "say why, in a few words", "Say why, in a few words"),
     ("The day", "pick the day it was done", "Pick the day it was done"),
     (None, "is required", "is required")],
)
def test_a_message_follows_its_fields_name_or_stands_alone_as_a_sentence(label, message, shown):
    assert named(label, message) == shown
