"""Topics offered for a draft are short phrases that fit "We talked about …", never a sentence from the notes."""

from __future__ import annotations

import pytest

from lib.domain.drafts import DEFAULT_TEMPLATES, as_topic, draft_for, topic_suggestions
from lib.domain.followup import follow_up_timeline
from lib.domain.steps import StepKind
from tests.factories import FIXED_NOW, build_interview


def offered(notes: str, questions: str = "") -> list[str]:
    return topic_suggestions(build_interview(notes=notes, questions=questions))


@pytest.mark.parametrize(
    ("line", "topics"),
    [
        # lead-ins go, whoever asked
        ("They asked about on-call.", ["on-call"]),
        ("Asked me about SRE practices", ["SRE practices"]),
        ("We talked about the hiring timeline", ["the hiring timeline"]),
        ("Question on system design", ["system design"]),
        ("Lots of questions on stakeholder management", ["stakeholder management"]),
        ("The hiring manager talked a lot about their data platform", ["the data platform"]),
        ("Priya went through the onboarding plan", ["the onboarding plan"]),
        ("Priya and Tom asked about the Kafka migration", ["the Kafka migration"]),
        ("Jane Doe asked about on-call", ["on-call"]),
        # several topics in one line
        ("Discussed the migration to Kafka and team rituals", ["the migration to Kafka", "team rituals"]),
        ("Topics: pricing, churn, the Q3 roadmap", ["pricing", "churn", "the Q3 roadmap"]),
        ("We discussed the team's roadmap, and also the move to remote work",
         ["the team's roadmap", "the move to remote work"]),
        ("Team of six; hybrid in Leeds!", ["team of six", "hybrid in Leeds"]),
        # a sentence's capital goes; a name's or an acronym's stays
        ("Kafka migration next quarter.", ["Kafka migration next quarter"]),
        ("Pricing dashboards rebuild", ["pricing dashboards rebuild"]),
        ("Distributed systems", ["distributed systems"]),
        ("SRE rotation", ["SRE rotation"]),
        ("Notice period and salary expectations", ["notice period", "salary expectations"]),
        ("Biggest challenges in the first year", ["biggest challenges in the first year"]),
        ("Leeds office, GraphQL gateway", ["Leeds office", "GraphQL gateway"]),
        # "their" reads wrong in an email to them: "the" reads right to them and to a recruiter
        ("Their move to Kafka next quarter", ["the move to Kafka next quarter"]),
        # questions they asked become what they were about
        ("How do you test pipelines?", ["how to test pipelines"]),
        ("What is the on-call rotation like?", ["the on-call rotation"]),
        ("Is there a training budget?", ["a training budget"]),
        ("Explain event sourcing", ["event sourcing"]),
    ],
)
def test_a_notes_line_offers_short_phrases(line: str, topics: list[str]):
    assert offered(line) == topics


@pytest.mark.parametrize(
    "line",
    [
        "Priya mentioned they are hiring two more engineers",  # still a clause
        "Interviewer was late",
        "What are your salary expectations?",  # about me, and "your" would mean them in the email
        "Tell me about a time you failed",
        "Explained my approach to testing",
        "Nailed the SQL question",  # a verdict on myself
        "Went well overall",
        "Felt nervous at the start",
        "Send them my portfolio link",  # a note to self
        "They seemed to like the dashboard idea a lot more than I expected",
        "Covered a lot",
        "Notes:",
        "ok",
    ],
)
def test_a_line_with_no_short_phrase_offers_nothing(line: str):
    assert offered(line) == []


def test_a_capital_stays_on_a_word_the_notes_write_in_lower_case_nowhere():
    assert offered("Snowflake costs\nWe moved off redshift") == ["Snowflake costs"]
    assert offered("Redshift costs\nthey still run redshift") == ["redshift costs"]


def test_every_offer_is_a_phrase_that_fits_into_a_sentence():
    notes = "\n".join([
        "- They asked about on-call.", "* We talked about the Kafka migration, team rituals and pairing",
        "1. Discussed their roadmap for Q1", "Felt I rambled on the system design question", "Good vibes overall!",
    ])
    for topic in offered(notes, questions="How do you deploy?\nWhat's the team structure like?"):
        assert topic == as_topic(topic)  # picking one changes nothing
        assert len(topic.split()) <= 6 and not topic.endswith((".", "!", "?"))
        assert not topic[0].isupper() or topic.split()[0] in {"Kafka", "SRE"}
        assert not any(word in topic.split() for word in ("I", "we", "they", "We", "They"))


@pytest.mark.parametrize(
    ("typed", "topic"),
    [
        ("We talked about the roadmap.", "the roadmap"),
        ("They asked about on-call", "on-call"),
        ("  1) The   roadmap?! ", "the roadmap"),
        ("- the Kafka migration.", "the Kafka migration"),
        ("Kafka.", "Kafka"),
        ("SRE practices", "SRE practices"),
        ("your plans for the EU launch", "your plans for the EU launch"),  # the user's own words stay
        ("We talked about", ""),  # nothing left: the line that mentions a topic is left out
    ],
)
def test_a_topic_the_user_types_is_cleaned_but_keeps_their_wording(typed: str, topic: str):
    assert as_topic(typed) == topic


def test_the_recruiter_update_never_pastes_a_sentence_into_a_sentence():
    entry = build_interview(recruiter="Sam Lee", notes="They asked about on-call.")
    step = next(s for s in follow_up_timeline(entry, (), FIXED_NOW) if s.kind is StepKind.RECRUITER_UPDATE)
    [topic] = topic_suggestions(entry)
    for picked in (topic, "They asked about on-call.", "We talked about on-call"):
        body = draft_for(entry, step, DEFAULT_TEMPLATES[StepKind.RECRUITER_UPDATE], topic=picked).body
        assert "\nWe talked about on-call.\n" in body
    body = draft_for(entry, step, DEFAULT_TEMPLATES[StepKind.RECRUITER_UPDATE], topic="We talked about.").body
    assert "We talked about" not in body
