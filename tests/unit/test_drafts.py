"""Follow-up email drafts: Debrief's wording and the user's templates, filled from an entry."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from lib.domain.drafts import (
    DEFAULT_TEMPLATES,
    DRAFT_KINDS,
    PLACEHOLDERS,
    SAMPLE_INTERVIEW,
    Template,
    as_topic,
    check_template,
    check_your_name,
    draft_for,
    fill,
    mailto_url,
    preview_draft,
    template_for,
    topic_suggestions,
)
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interview, Interviewer, ValidationError
from lib.domain.steps import Step, StepKind, StepMark, StepStatus
from tests.factories import D, build_interview

NOW = datetime(2026, 11, 10, 16, 0)
PRIYA = Interviewer("Priya Shah", "Engineering Manager", "priya@acme.example", id=7)
TOM = Interviewer("Tom Okafor", "Staff Engineer", id=8)
EVERY_PLACEHOLDER = " | ".join(f"{{{name}}}" for name in PLACEHOLDERS)


def interview(**overrides) -> Interview:
    overrides.setdefault("interviewers", (PRIYA,))
    return build_interview(**overrides)


CHECK_IN_SENT = (StepMark("check_in", StepStatus.DONE, D("2026-11-24")),)  # what makes the second check-in


def step_of(entry: Interview, kind: StepKind, index: int = 0) -> Step:
    marks = CHECK_IN_SENT if kind is StepKind.SECOND_CHECK_IN else ()
    return [s for s in follow_up_timeline(entry, marks, NOW) if s.kind is kind][index]


def default_draft(entry: Interview, kind: StepKind, **choices):
    return draft_for(entry, step_of(entry, kind), DEFAULT_TEMPLATES[kind], **choices)


# --- filling every placeholder ----------------------------------------------------------------


def test_every_placeholder_is_filled_from_the_entry_and_the_choices():
    entry = interview(company="Acme Analytics", role="Data Engineer", recruiter="Sam Lee")
    mine = Template(StepKind.THANK_YOU, "{first_name}", EVERY_PLACEHOLDER)
    draft = draft_for(entry, step_of(entry, StepKind.THANK_YOU), mine, your_name="Alex Morgan", topic="the roadmap")
    assert draft.body.split(" | ") == [
        "Priya", "Data Engineer", "Acme Analytics", "Tuesday 10 November", "the roadmap", "Sam Lee", "Alex Morgan",
    ]
    assert draft.subject == "Priya"
    assert draft.to == "priya@acme.example"
    assert draft.to_fill == []


def test_the_thank_you_names_role_date_topic_and_restates_enthusiasm():
    draft = default_draft(interview(), StepKind.THANK_YOU, your_name="Alex", topic="the pipeline redesign")
    assert draft.subject == "Thank you: Data Engineer interview"
    assert draft.body.startswith("Hi Priya,\n\n")
    assert "on Tuesday 10 November about the Data Engineer role" in draft.body
    assert "I especially enjoyed discussing the pipeline redesign." in draft.body
    assert "even more excited about the role and about the chance to join Acme Analytics" in draft.body
    assert draft.body.endswith("Best wishes,\nAlex")


def test_each_interviewer_gets_their_own_thank_you():
    entry = interview(interviewers=(PRIYA, TOM))
    first, second = (draft_for(entry, step_of(entry, StepKind.THANK_YOU, i), DEFAULT_TEMPLATES[StepKind.THANK_YOU])
                     for i in (0, 1))
    assert (first.step_key, first.to, first.body.splitlines()[0]) == ("thank_you:7", "priya@acme.example", "Hi Priya,")
    assert (second.step_key, second.to, second.body.splitlines()[0]) == ("thank_you:8", "", "Hi Tom,")


def test_the_recruiter_update_goes_to_the_recruiter_and_asks_before_anything_goes_to_the_employer():
    draft = default_draft(interview(recruiter="Sam Lee"), StepKind.RECRUITER_UPDATE)
    assert draft.to == ""  # no recruiter address is kept
    assert draft.body.startswith("Hi Sam,")
    assert "before I follow up with them?" in draft.body


def test_the_soft_touch_leaves_room_for_the_article_and_says_no_reply_is_needed():
    draft = default_draft(interview(), StepKind.SOFT_TOUCH, your_name="Alex")
    assert "[link to the article]" in draft.body
    assert "No reply needed" in draft.body
    assert draft.to_fill == ["[link to the article]"]


def test_the_check_in_reminds_who_you_are_and_asks_about_a_decision():
    draft = default_draft(interview(), StepKind.CHECK_IN, your_name="Alex")
    assert draft.subject == "Checking in: Data Engineer at Acme Analytics"
    assert "We met on Tuesday 10 November about the Data Engineer role" in draft.body
    assert "whether a decision has been made" in draft.body
    assert draft.to == "priya@acme.example"


def test_with_a_recruiter_the_check_in_goes_to_the_recruiter_first():
    draft = default_draft(interview(recruiter="Sam Lee"), StepKind.CHECK_IN)
    assert (draft.to, draft.body.splitlines()[0]) == ("", "Hi Sam,")


def test_the_second_check_in_replies_to_the_first_restates_interest_and_asks_for_news():
    draft = default_draft(interview(), StepKind.SECOND_CHECK_IN, your_name="Alex")
    assert draft.subject == "Re: Checking in: Data Engineer at Acme Analytics"
    assert draft.body.startswith("Hi Priya,\n\nI am following up on my earlier note about the Data Engineer role.")
    assert "still very interested in joining Acme Analytics" in draft.body
    assert "any news on the timeline" in draft.body
    assert draft.body.endswith("Thank you, and best wishes,\nAlex")
    assert draft.to == "priya@acme.example"
    assert draft.to_fill == []
    assert not any(word in draft.body.lower() for word in ("sorry", "bother", "haven't heard", "no reply"))


def test_the_second_check_in_without_a_name_asks_for_it_once_and_goes_to_the_recruiter_first():
    draft = default_draft(interview(recruiter="Sam Lee"), StepKind.SECOND_CHECK_IN)
    assert (draft.to, draft.body.splitlines()[0]) == ("", "Hi Sam,")
    assert draft.to_fill == ["[your name]"]
    assert draft.body.count("[your name]") == 1


def test_the_second_check_in_preview_fills_from_the_entry_although_no_check_in_was_sent():
    draft, source = preview_draft(DEFAULT_TEMPLATES[StepKind.SECOND_CHECK_IN], interview(), NOW, "Alex")
    assert source.company == "Acme Analytics"
    assert draft.step_key == "second_check_in"
    assert draft.to_fill == []


def test_soft_touch_and_check_in_go_to_the_first_interviewer_with_an_address():
    entry = interview(interviewers=(TOM, PRIYA))
    assert default_draft(entry, StepKind.SOFT_TOUCH).to == "priya@acme.example"
    assert default_draft(entry, StepKind.SOFT_TOUCH).body.startswith("Hi Priya,")


# --- missing values ------------------------------------------------------------------------------


def test_without_a_topic_the_lines_that_use_it_are_left_out():
    for kind in DRAFT_KINDS:
        draft = default_draft(interview(recruiter="Sam Lee"), kind, your_name="Alex")
        assert "[topic]" not in draft.body and "{" not in draft.body
        assert "\n\n\n" not in draft.body
    assert "enjoyed discussing" not in default_draft(interview(), StepKind.THANK_YOU).body


def test_a_topic_in_the_subject_shows_as_a_hint_when_none_is_picked():
    entry = interview()
    mine = Template(StepKind.THANK_YOU, "About {topic}", "Hi {first_name}")
    draft = draft_for(entry, step_of(entry, StepKind.THANK_YOU), mine)
    assert draft.subject == "About [topic]"
    assert draft.to_fill == ["[topic]"]


def test_missing_name_and_address_become_hints_to_fill_in():
    entry = interview(interviewers=())  # nobody named: one generic thank-you
    draft = default_draft(entry, StepKind.THANK_YOU)
    assert draft.to == ""
    assert draft.body.startswith("Hi [first name],")
    assert draft.body.endswith("[your name]")
    assert draft.to_fill == ["[first name]", "[your name]"]


def test_a_missing_recruiter_in_a_user_template_is_a_hint():
    assert fill("Cc {recruiter}", {"recruiter": ""}) == "Cc [recruiter's name]"


def test_an_interviewer_without_an_email_gives_a_mailto_without_an_address():
    entry = interview(interviewers=(TOM,))
    draft = default_draft(entry, StepKind.THANK_YOU)
    assert draft.to == ""
    assert draft.mailto.startswith("mailto:?subject=")


def test_your_name_and_topic_are_tidied():
    draft = default_draft(interview(), StepKind.THANK_YOU, your_name="  Alex   Morgan ", topic="- the Kafka migration.")
    assert draft.body.endswith("Alex Morgan")
    assert "discussing the Kafka migration." in draft.body


# --- templates: unknown placeholders and braces -----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Hi {frist_name}", "uses {frist_name}, which is not a placeholder. Did you mean {first_name}?"),
        ("Hi {first name}", "Did you mean {first_name}?"),
        ("Hi {salary}", "uses {salary}, which is not a placeholder. The placeholders are: {first_name}, {role}"),
        ("Hi {first_name", "has a “{” that is never closed: write {{ for a brace of your own"),
        ("Hi first_name}", "has a “}” that closes nothing: write }} for a brace of your own"),
        ("Hi {}", "has an empty {}: put a placeholder name inside"),
        ("Hi {{first_name}", "has a “}” that closes nothing"),
        ("Hi {role!r}", "uses {role!r}, which is not a placeholder"),
    ],
)
def test_a_bad_template_is_refused_with_a_message_naming_the_problem(body: str, message: str):
    with pytest.raises(ValidationError) as caught:
        check_template(StepKind.THANK_YOU, "Thanks", body)
    assert list(caught.value.errors) == ["body"]
    assert message in caught.value.errors["body"]


def test_the_message_names_the_line_of_a_longer_body():
    with pytest.raises(ValidationError) as caught:
        check_template(StepKind.CHECK_IN, "Hello {company}", "Hi {first_name},\n\nWe met about {rol}.")
    assert caught.value.errors["body"].startswith("line 3 uses {rol}")


def test_subject_and_body_are_checked_together():
    with pytest.raises(ValidationError) as caught:
        check_template(StepKind.SOFT_TOUCH, "Hi {nope}", "")
    assert caught.value.errors == {
        "subject": caught.value.errors["subject"],
        "body": "is required",
    }
    assert "{nope}" in caught.value.errors["subject"]


@pytest.mark.parametrize(
    ("subject", "message"),
    [("", "is required"), ("one\ntwo", "must be one line"), ("x" * 201, "is too long (201 characters")],
)
def test_a_subject_is_one_short_line(subject: str, message: str):
    with pytest.raises(ValidationError) as caught:
        check_template(StepKind.THANK_YOU, subject, "Hi")
    assert caught.value.errors["subject"].startswith(message)


def test_doubled_braces_are_literal_braces():
    template = check_template(StepKind.THANK_YOU, "Thanks {{team}}", "Hi {first_name} {{literally}}")
    entry = interview()
    draft = draft_for(entry, step_of(entry, StepKind.THANK_YOU), template)
    assert (draft.subject, draft.body) == ("Thanks {team}", "Hi Priya {literally}")


def test_a_good_template_is_tidied_and_kept():
    template = check_template(StepKind.CHECK_IN, "  Checking in  ", "\r\nHi {first_name},\r\nThanks\r\n\n")
    assert template == Template(StepKind.CHECK_IN, "Checking in", "Hi {first_name},\nThanks")


def test_every_default_template_passes_its_own_check():
    for kind, template in DEFAULT_TEMPLATES.items():
        assert check_template(kind, template.subject, template.body) == template


def test_the_users_template_wins_and_a_broken_stored_one_falls_back():
    mine = Template(StepKind.THANK_YOU, "Cheers", "Hi {first_name}")
    assert template_for(StepKind.THANK_YOU, {StepKind.THANK_YOU: mine}) is mine
    assert template_for(StepKind.CHECK_IN, {StepKind.THANK_YOU: mine}) is DEFAULT_TEMPLATES[StepKind.CHECK_IN]
    broken = Template(StepKind.THANK_YOU, "Cheers", "Hi {gone}")
    assert template_for(StepKind.THANK_YOU, {StepKind.THANK_YOU: broken}) is DEFAULT_TEMPLATES[StepKind.THANK_YOU]


def test_your_name_is_one_tidy_line_of_reasonable_length():
    assert check_your_name("  Alex \n Morgan ") == "Alex Morgan"
    with pytest.raises(ValidationError) as caught:
        check_your_name("A" * 121)
    assert caught.value.field == "your_name"


def test_steps_without_an_email_have_no_draft():
    entry = interview()
    with pytest.raises(ValueError, match="no email"):
        draft_for(entry, step_of(entry, StepKind.ASK_NEXT_STEPS), DEFAULT_TEMPLATES[StepKind.THANK_YOU])


# --- mailto ---------------------------------------------------------------------------------------


def test_mailto_encodes_subject_and_body_and_keeps_the_address():
    url = mailto_url("priya+jobs@acme.example", "Thanks & hello?", "Hi Priya,\n\n50% sure: a=b #1\nAlex")
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "priya+jobs@acme.example"
    assert " " not in url and "\n" not in url and "+" not in url.split("?", 1)[1]
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thanks & hello?"]
    assert query["body"] == ["Hi Priya,\r\n\r\n50% sure: a=b #1\r\nAlex"]  # line breaks as CRLF (RFC 6068)


def test_a_draft_gives_its_mailto_link():
    draft = default_draft(interview(), StepKind.THANK_YOU)
    assert draft.mailto.startswith("mailto:priya@acme.example?subject=Thank%20you%3A%20Data%20Engineer%20interview&")


# --- topics ---------------------------------------------------------------------------------------


def test_topics_come_from_the_notes_then_the_questions():
    entry = interview(
        notes="- Kafka migration next quarter.\n* Team of six; hybrid in Leeds!\n\nok",
        questions="1. How do you test pipelines?",
    )
    assert topic_suggestions(entry) == [
        "Kafka migration next quarter",
        "team of six",
        "hybrid in Leeds",  # "ok" is too short to be a topic
        "how to test pipelines",
    ]  # not the evidence ("Walked through the pipeline redesign"): it is about you, not a shared topic


def test_topics_are_unique_short_and_limited():
    entry = interview(notes="\n".join(["Same thing", "same thing", "x" * 200] + [f"Topic {n}" for n in range(20)]))
    topics = topic_suggestions(entry)
    assert len(topics) == 8
    assert topics[0] == "same thing" and topics[1] == "topic 0"
    assert as_topic("  1) The   roadmap?! ") == "the roadmap"


# --- preview --------------------------------------------------------------------------------------


def test_the_preview_uses_the_latest_entry_or_the_sample():
    mine = Template(StepKind.RECRUITER_UPDATE, "Update", "Hi {first_name}, about {topic}")
    draft, source = preview_draft(mine, interview(), NOW, "Alex")  # no recruiter on this entry
    assert source is SAMPLE_INTERVIEW
    assert draft.body == "Hi Sam, about the rebuild of the pricing dashboards"
    draft, source = preview_draft(DEFAULT_TEMPLATES[StepKind.THANK_YOU], interview(notes="The roadmap"), NOW)
    assert source.company == "Acme Analytics"
    assert "discussing the roadmap." in draft.body
