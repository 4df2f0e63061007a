"""validate(): every door refuses the same bad input, with the message on the field it concerns."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from lib.domain.days import clamped_to_range
from lib.domain.entry_form import heard_on_choices
from lib.domain.model import (
    LIMITS,
    Dimension,
    Interviewer,
    Outcome,
    Stage,
    ValidationError,
    validate,
)
from tests.factories import FIXED_NOW as NOW
from tests.factories import INTERVIEW_AT, build_interview

SKILLS, ENTHUSIASM, CULTURE = Dimension.SKILLS_MATCH, Dimension.ENTHUSIASM, Dimension.CULTURE_FIT


def errors_for(**overrides) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate(build_interview(**overrides), NOW)
    return caught.value.errors


def test_a_plausible_interview_passes():
    entry = build_interview()
    assert validate(entry, NOW) == entry


@pytest.mark.parametrize(
    ("overrides", "key", "message"),
    [
        pytest.param({"company": ""}, "company", "is required", id="company-missing"),
        pytest.param({"company": "   \t"}, "company", "is required", id="company-whitespace"),
        pytest.param({"role": ""}, "role", "is required", id="role-missing"),
        pytest.param({"role": "\n "}, "role", "is required", id="role-whitespace"),
        pytest.param({"interview_at": NOW + timedelta(days=400)}, "interview_at", "a year away", id="next-year"),
        pytest.param({"interview_at": datetime(2031, 1, 1, 9)}, "interview_at", "a year away", id="typo-year"),
        pytest.param({"interview_at": NOW - timedelta(days=6 * 365)}, "interview_at", "five years ago", id="long-ago"),
        pytest.param({"duration_min": 4}, "duration_min", "between 5 and 600", id="duration-4"),
        pytest.param({"duration_min": 601}, "duration_min", "between 5 and 600", id="duration-601"),
        pytest.param({"duration_min": 0}, "duration_min", "between 5 and 600", id="duration-0"),
        pytest.param({"duration_min": -60}, "duration_min", "between 5 and 600", id="duration-negative"),
        pytest.param({"scores": {SKILLS: 0}}, "score.skills_match", "1 to 5", id="skills-0"),
        pytest.param({"scores": {SKILLS: 6}}, "score.skills_match", "1 to 5", id="skills-6"),
        pytest.param({"scores": {ENTHUSIASM: 0}}, "score.enthusiasm", "1 to 5", id="enthusiasm-0"),
        pytest.param({"scores": {CULTURE: 6}}, "score.culture_fit", "1 to 5", id="culture-6"),
        pytest.param({"outcome_on": date(2026, 11, 9)}, "outcome_on", "before the interview", id="outcome-before"),
        pytest.param({"interview_at": datetime(9999, 12, 31, 9)}, "interview_at", "must be between 1990 and 2100",
                     id="year-9999"),
        pytest.param({"interview_at": datetime(1, 1, 1, 9)}, "interview_at", "must be between 1990 and 2100",
                     id="year-1"),
        pytest.param({"outcome": Outcome.OFFER, "outcome_on": date(9999, 12, 31)}, "outcome_on",
                     "must be between 1990 and 2100 (got 9999-12-31)", id="outcome-in-year-9999"),
        pytest.param({"stated_timeframe": "by 9999-12-31"}, "stated_timeframe",
                     "names a date that must be between 1990 and 2100 (got 9999-12-31): check the year",
                     id="timeframe-in-year-9999"),
        pytest.param({"stated_timeframe": "by 1900-01-01"}, "stated_timeframe",
                     "names a date that must be between 1990 and 2100 (got 1900-01-01)", id="timeframe-in-1900"),
        pytest.param({"interviewers": (Interviewer("A"),) * 13}, "interviewers", "are too many (13; the limit is 12",
                         id="13-interviewers"),
        pytest.param(
            {"interviewers": (Interviewer("", "CTO"),)}, "interviewers.0.name", "needs a name", id="title-without-name"
        ),
        pytest.param(
            {"interviewers": (Interviewer("Priya"), Interviewer("", "", "x@acme.com"))},
            "interviewers.1.name",
            "needs a name",
            id="second-row-points-at-index-1",
        ),
    ],
)
def test_validate_refuses_bad_input_on_the_right_field(overrides, key, message):
    errors = errors_for(**overrides)
    assert list(errors) == [key]
    assert message in errors[key]


@pytest.mark.parametrize(
    ("interview_at", "accepted"),
    [
        pytest.param(NOW + timedelta(days=300), True, id="in-ten-months"),
        pytest.param(NOW - timedelta(days=4 * 365), True, id="four-years-ago"),
        pytest.param(NOW, True, id="now"),
        pytest.param(NOW + timedelta(days=380), False, id="a-year-and-two-weeks-ahead"),
        pytest.param(NOW - timedelta(days=5 * 365 + 30), False, id="five-years-and-a-month-ago"),
    ],
)
def test_interview_date_must_be_within_a_year_ahead_and_five_years_back(interview_at, accepted):
    entry = build_interview(interview_at=interview_at)
    if accepted:
        assert validate(entry, NOW).interview_at == interview_at
    else:
        assert "interview_at" in errors_for(interview_at=interview_at)


@pytest.mark.parametrize(
    "email",
    [
        "priya",
        "priya@",
        "@acme.com",
        "priya@acme",
        "priya@acme.c",
        "priya@@acme.com",
        "priya @acme.com",
        "priya@acme .com",
        "Priya Shah <priya@acme.com>",
        "'priya'@acme.com",
        "priya@acme..com",
        "priya@.acme.com",
        "priya@acme.com.",
        "priya@acme,com",
    ],
)
def test_malformed_email_is_refused_on_its_row(email):
    errors = errors_for(interviewers=(Interviewer("Tom"), Interviewer("Priya", email=email)))
    assert list(errors) == ["interviewers.1.email"]
    assert "does not look like an email address" in errors["interviewers.1.email"]


@pytest.mark.parametrize(
    "email", ["priya@acme.com", "priya.shah+jobs@acme.co.uk", "p@a-b.io", "PRIYA@ACME.COM", "  priya@acme.com  ", ""]
)
def test_plausible_or_empty_email_is_accepted(email):
    person = validate(build_interview(interviewers=(Interviewer("Priya", email=email),)), NOW).interviewers[0]
    assert person.email == email.strip()


def _long(limit_key: str) -> str:
    return "x" * (LIMITS[limit_key] + 1)


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"company": _long("company")}, "company"),
        ({"role": _long("role")}, "role"),
        ({"recruiter": _long("recruiter")}, "recruiter"),
        ({"stated_timeframe": _long("stated_timeframe")}, "stated_timeframe"),
        ({"questions": _long("questions")}, "questions"),
        ({"notes": _long("notes")}, "notes"),
        ({"interviewers": (Interviewer(_long("name")),)}, "interviewers.0.name"),
        ({"interviewers": (Interviewer("Priya", _long("title")),)}, "interviewers.0.title"),
        ({"interviewers": (Interviewer("Priya", email="p" * 250 + "@acme.com"),)}, "interviewers.0.email"),
        ({"evidence": {SKILLS: _long("evidence")}}, "evidence.skills_match"),
        ({"evidence": {ENTHUSIASM: _long("evidence")}}, "evidence.enthusiasm"),
        ({"evidence": {CULTURE: _long("evidence")}}, "evidence.culture_fit"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_over_long_text_is_refused_on_its_field(overrides, key):
    errors = errors_for(**overrides)
    assert list(errors) == [key]
    assert "is too long" in errors[key]


def test_text_exactly_at_the_limit_is_accepted():
    entry = build_interview(
        company="c" * LIMITS["company"],
        notes="n" * LIMITS["notes"],
        evidence={SKILLS: "e" * LIMITS["evidence"]},
        interviewers=(Interviewer("p" * LIMITS["name"]),),
    )
    assert validate(entry, NOW).company == entry.company


def test_every_bad_field_is_reported_at_once():
    errors = errors_for(company="", duration_min=1, scores={CULTURE: 9}, outcome_on=date(2020, 1, 1))
    assert set(errors) == {"company", "duration_min", "score.culture_fit", "outcome_on"}


def test_validate_trims_whitespace_and_seconds():
    entry = build_interview(
        company="  Acme  ",
        role="\tData Engineer\n",
        recruiter=" Sam ",
        stated_timeframe="  within 2 weeks ",
        questions=" Q ",
        notes=" N ",
        interview_at=datetime(2026, 11, 10, 14, 0, 42, 123),
        interviewers=(Interviewer("  Priya Shah ", " EM ", " priya@acme.com ", id=3),),
        evidence={SKILLS: "  pipeline story  "},
    )
    clean = validate(entry, NOW)
    assert (clean.company, clean.role, clean.recruiter) == ("Acme", "Data Engineer", "Sam")
    assert (clean.stated_timeframe, clean.questions, clean.notes) == ("within 2 weeks", "Q", "N")
    assert clean.interview_at == INTERVIEW_AT
    assert clean.interviewers == (Interviewer("Priya Shah", "EM", "priya@acme.com", id=3),)
    assert clean.evidence_for(SKILLS) == "pipeline story"


def test_validate_drops_fully_empty_interviewer_rows():
    rows = (Interviewer(""), Interviewer("Priya"), Interviewer("  ", " ", ""), Interviewer("Tom", id=4))
    kept = validate(build_interview(interviewers=rows), NOW).interviewers
    assert kept == (Interviewer("Priya"), Interviewer("Tom", id=4))


def test_validate_fills_every_dimension():
    clean = validate(build_interview(scores={SKILLS: 3}, evidence={}), NOW)
    assert clean.scores == {SKILLS: 3, ENTHUSIASM: None, CULTURE: None}
    assert clean.evidence == {SKILLS: "", ENTHUSIASM: "", CULTURE: ""}


@pytest.mark.parametrize(
    ("scores", "evidence", "missing"),
    [
        pytest.param({SKILLS: 4}, {SKILLS: "Walked through the redesign"}, (), id="scored-with-evidence"),
        pytest.param({SKILLS: 4}, {}, (SKILLS,), id="scored-without-evidence"),
        pytest.param({SKILLS: 4}, {SKILLS: "   "}, (SKILLS,), id="whitespace-is-no-evidence"),
        pytest.param({SKILLS: None, CULTURE: None}, {}, (), id="unscored-needs-none"),
        pytest.param({SKILLS: 1, ENTHUSIASM: 5, CULTURE: 3}, {ENTHUSIASM: "x"}, (SKILLS, CULTURE), id="two-of-three"),
    ],
)
def test_evidence_missing_flags_a_score_without_evidence(scores, evidence, missing):
    assert build_interview(scores=scores, evidence=evidence).evidence_missing == missing


def test_validation_error_carries_field_and_message():
    error = ValidationError("company", "is required")
    assert (error.field, error.message, error.errors) == ("company", "is required", {"company": "is required"})
    assert str(error) == "company: is required"
    many = ValidationError({"role": "is required", "notes": "is too long"})
    assert many.field == "role"
    assert str(many) == "role: is required; notes: is too long"
    assert isinstance(many, ValueError)


@pytest.mark.parametrize("text", ["phone_screen", "Phone screen", "PHONE SCREEN", "phone-screen", Stage.PHONE_SCREEN])
def test_stage_parses_its_value_or_its_label(text):
    assert Stage.parse(text) is Stage.PHONE_SCREEN


def test_unknown_stage_names_the_choices():
    with pytest.raises(ValueError, match="Recruiter screen"):
        Stage.parse("coffee chat")


@pytest.mark.parametrize(
    ("outcome", "closes", "advanced"),
    [
        (Outcome.PENDING, False, None),
        (Outcome.NEXT_ROUND, True, True),
        (Outcome.OFFER, True, True),
        (Outcome.REJECTED, True, False),
        (Outcome.WITHDRAWN, True, None),
        (Outcome.NO_RESPONSE, True, False),
    ],
    ids=lambda v: v.value if isinstance(v, Outcome) else None,
)
def test_any_recorded_outcome_closes_the_follow_up(outcome, closes, advanced):
    assert outcome.closes_follow_up is closes
    assert outcome.advanced is advanced


@pytest.mark.parametrize(
    "text", ["by 2027-11-01", "12 months", "soon", "the CEO sat in", "in 13 months", "by 2028-03-01"]
)
def test_a_timeframe_read_unread_or_more_than_a_year_away_is_accepted_as_typed(text):
    assert validate(build_interview(stated_timeframe=text), NOW).stated_timeframe == text


@pytest.mark.parametrize(
    ("overrides", "choices"),
    [
        pytest.param({}, ("2026-11-20", "2026-11-10", "2026-11-20"), id="from-the-interview-to-today"),
        pytest.param({"outcome_on": date(2026, 11, 12)}, ("2026-11-12", "2026-11-10", "2026-11-20"), id="saved-day"),
        pytest.param({"interview_at": datetime(9999, 12, 31, 9)}, ("2026-11-20",) * 3, id="interview-in-year-9999"),
        pytest.param({"interview_at": datetime(1, 1, 1, 9)}, ("2026-11-20", "1990-01-01", "2026-11-20"),
                     id="interview-in-year-1"),
        pytest.param({"outcome_on": date(9999, 12, 31)}, ("2026-11-20", "2026-11-10", "2026-11-20"),
                     id="outcome-in-year-9999"),
    ],
)
def test_the_heard_on_picker_always_opens_within_its_bounds(overrides, choices):
    assert heard_on_choices(build_interview(**overrides), NOW.date()) == tuple(map(date.fromisoformat, choices))


@pytest.mark.parametrize(
    ("day", "clamped"),
    [
        pytest.param(date(9999, 12, 31), date(2100, 12, 31), id="year-9999-is-the-last-day"),
        pytest.param(date(1, 1, 1), date(1990, 1, 1), id="year-1-is-the-first-day"),
        pytest.param(date(2026, 11, 20), date(2026, 11, 20), id="in-range-unchanged"),
    ],
)
def test_a_day_is_clamped_to_the_accepted_range(day, clamped):
    assert clamped_to_range(day) == clamped


def test_interview_knows_when_it_ends_and_its_day0():
    entry = build_interview(interview_at=datetime(2026, 12, 31, 23, 30), duration_min=45)
    assert entry.ends_at == datetime(2027, 1, 1, 0, 15)
    assert entry.day0 == date(2026, 12, 31)
    assert entry.title == "Acme Analytics: Data Engineer"
