"""Follow-up emails, ready to send: Debrief's own wording or the user's templates, filled from an entry.

A template is plain text with placeholders in braces, like "Hi {first_name},". Filling is pure:
the same entry, step, template and choices always give the same draft. In a body, a line that
uses {topic} is left out when no topic is picked, so the default wording reads well either
way; any other value that is not known shows as a bracketed hint ("[your name]") for the user
to fill in before sending. Write {{ or }} for a brace of your own.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote, urlencode

from lib.domain.followup import follow_up_timeline
from lib.domain.model import Format, Interview, Interviewer, Stage, ValidationError
from lib.domain.privacy import shared_copy
from lib.domain.steps import Step, StepKind, StepMark, StepStatus
from lib.domain.topics import as_topic, suggest_topics

DRAFT_KINDS = (StepKind.RECRUITER_UPDATE, StepKind.THANK_YOU, StepKind.SOFT_TOUCH, StepKind.CHECK_IN,
               StepKind.SECOND_CHECK_IN)
KIND_LABELS = {
    StepKind.RECRUITER_UPDATE: "Recruiter update",
    StepKind.THANK_YOU: "Thank-you note",
    StepKind.SOFT_TOUCH: "Soft touch",
    StepKind.CHECK_IN: "Status check-in",
    StepKind.SECOND_CHECK_IN: "Second check-in",
}
PLACEHOLDERS: dict[str, str] = {
    "first_name": "first name of the person you are writing to",
    "role": "the role you interviewed for",
    "company": "the company",
    "interview_date": "the day of the interview, like “Thursday 19 November”",
    "topic": "a topic you discussed, if you pick one; a body line using it is left out otherwise",
    "recruiter": "the recruiter's name, as you logged it",
    "your_name": "your name, as saved on the Templates page or when a draft asked for it",
}
HINTS = {name: "[" + name.replace("_", " ") + "]" for name in PLACEHOLDERS} | {"recruiter": "[recruiter's name]"}
OPTIONAL_LINE = "topic"
SUBJECT_LIMIT, BODY_LIMIT, NAME_LIMIT = 200, 5_000, 120


@dataclass(frozen=True)
class Template:
    kind: StepKind
    subject: str
    body: str


@dataclass(frozen=True)
class Draft:
    """One email to send: who to, subject and body, all editable before it goes."""

    step_key: str
    to: str
    subject: str
    body: str

    @property
    def to_fill(self) -> list[str]:
        """Bracketed hints still in the text ("[link to the article]"), in the order they appear."""
        found = re.findall(r"\[[^\[\]\n]{1,40}\]", f"{self.subject}\n{self.body}")
        return list(dict.fromkeys(found))

    @property
    def mailto(self) -> str:
        return mailto_url(self.to, self.subject, self.body)


DEFAULT_TEMPLATES: dict[StepKind, Template] = {
    StepKind.THANK_YOU: Template(
        StepKind.THANK_YOU,
        "Thank you: {role} interview",
        "Hi {first_name},\n\n"
        "Thank you for taking the time to talk with me on {interview_date} about the {role} role.\n"
        "I especially enjoyed discussing {topic}.\n\n"
        "I came away even more excited about the role and about the chance to join {company}.\n\n"
        "Best wishes,\n{your_name}",
    ),
    StepKind.RECRUITER_UPDATE: Template(
        StepKind.RECRUITER_UPDATE,
        "How my {company} interview went",
        "Hi {first_name},\n\n"
        "A quick update: I spoke with {company} on {interview_date} about the {role} role, "
        "and I think it went well.\n"
        "We talked about {topic}.\n\n"
        "I am still very keen. Is there anything you would like me to do, or to hold off on, "
        "before I follow up with them?\n\n"
        "Thanks for your help,\n{your_name}",
    ),
    StepKind.SOFT_TOUCH: Template(
        StepKind.SOFT_TOUCH,
        "Thought you might enjoy this",
        "Hi {first_name},\n\n"
        "I came across this and thought of our conversation on {interview_date}:\n"
        "[link to the article]\n"
        "It reminded me of what we said about {topic}.\n\n"
        "No reply needed: I just thought you might find it interesting.\n\n"
        "All the best,\n{your_name}",
    ),
    StepKind.CHECK_IN: Template(
        StepKind.CHECK_IN,
        "Checking in: {role} at {company}",
        "Hi {first_name},\n\n"
        "I hope you are well. We met on {interview_date} about the {role} role, "
        "and I am still very keen on joining {company}.\n\n"
        "I wanted to ask whether a decision has been made, or whether there is anything more I can share.\n\n"
        "Thank you, and best wishes,\n{your_name}",
    ),
    StepKind.SECOND_CHECK_IN: Template(  # sent as a reply to the first check-in, so its subject starts "Re:"
        StepKind.SECOND_CHECK_IN,
        "Re: Checking in: {role} at {company}",
        "Hi {first_name},\n\n"
        "I am following up on my earlier note about the {role} role. I know these decisions take time.\n\n"
        "I am still very interested in joining {company}. Is there any news on the timeline, "
        "or anything more I can send you?\n\n"
        "Thank you, and best wishes,\n{your_name}",
    ),
}


# --- templates: parsing and checking -------------------------------------------------------
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")


@dataclass(frozen=True)
class _Field:
    name: str


def _tokens(line: str) -> list[str | _Field]:
    """One line as literal text and placeholders; ValueError with the user's words if it is wrong."""
    parts: list[str | _Field] = []
    position = 0
    for match in _TOKEN.finditer(line):
        parts.append(line[position : match.start()])
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            parts.append(token[0])
        elif token == "{":
            raise ValueError("has a “{” that is never closed: write {{ for a brace of your own")
        elif token == "}":
            raise ValueError("has a “}” that closes nothing: write }} for a brace of your own")
        elif not name.strip():
            raise ValueError("has an empty {}: put a placeholder name inside, like {first_name}")
        elif name not in PLACEHOLDERS:
            raise ValueError(_unknown(name))
        else:
            parts.append(_Field(name))
        position = match.end()
    parts.append(line[position:])
    return [p for p in parts if p != ""]


def _unknown(name: str) -> str:
    close = difflib.get_close_matches(name.strip().replace(" ", "_").lower(), PLACEHOLDERS, n=1)
    hint = f" Did you mean {{{close[0]}}}?" if close else ""
    known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
    return f"uses {{{name}}}, which is not a placeholder.{hint} The placeholders are: {known}"


def _problem(text: str) -> str | None:
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        try:
            _tokens(line)
        except ValueError as error:
            return f"line {number} {error}" if len(lines) > 1 else str(error)
    return None


def check_template(kind: StepKind, subject: str, body: str) -> Template:
    """The template, tidied, or ValidationError keyed "subject" / "body" naming the problem."""
    subject, body = (subject or "").strip(), (body or "").replace("\r\n", "\n").strip()
    errors: dict[str, str] = {}
    if not subject:
        errors["subject"] = "is required"
    elif "\n" in subject or "\r" in subject:
        errors["subject"] = "must be one line"
    elif len(subject) > SUBJECT_LIMIT:
        errors["subject"] = f"is too long ({len(subject)} characters; the limit is {SUBJECT_LIMIT})"
    elif problem := _problem(subject):
        errors["subject"] = problem
    if not body:
        errors["body"] = "is required"
    elif len(body) > BODY_LIMIT:
        errors["body"] = f"is too long ({len(body):,} characters; the limit is {BODY_LIMIT:,})"
    elif problem := _problem(body):
        errors["body"] = problem
    if errors:
        raise ValidationError(errors)
    return Template(kind, subject, body)


def check_your_name(name: str) -> str:
    name = " ".join((name or "").split())
    if len(name) > NAME_LIMIT:
        raise ValidationError("your_name", f"is too long ({len(name)} characters; the limit is {NAME_LIMIT})")
    return name


def template_for(kind: StepKind, custom: Mapping[StepKind, Template]) -> Template:
    """The user's own template for this kind of step, or Debrief's; a broken stored one falls back."""
    mine = custom.get(kind)
    if mine is not None and _problem(mine.subject) is None and _problem(mine.body) is None:
        return mine
    return DEFAULT_TEMPLATES[kind]


# --- filling -----------------------------------------------------------------------------
def fill(text: str, values: Mapping[str, str], *, drop_optional_lines: bool = True) -> str:
    """The text with every placeholder replaced (a missing value becomes its bracketed hint)."""
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        parts = _tokens(line)
        fields = [p.name for p in parts if isinstance(p, _Field)]
        if drop_optional_lines and OPTIONAL_LINE in fields and not values.get(OPTIONAL_LINE):
            continue
        lines.append("".join(p if isinstance(p, str) else (values.get(p.name) or HINTS[p.name]) for p in parts))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def draft_for(interview: Interview, step: Step, template: Template, *, your_name: str = "", topic: str = "") -> Draft:
    """The email for one step of one interview; `topic` and `your_name` may be empty.

    For Jane's thank-you after the Data engineer interview, Debrief's wording gives the subject
    "Thank you: Data engineer interview" and a body that starts "Hi Jane,".
    """
    if step.kind not in DRAFT_KINDS:
        raise ValueError(f"no email goes with the step {step.key!r}")
    to, first_name = _addressee(interview, step)
    values = {
        "first_name": first_name,
        "role": interview.role,
        "company": interview.company,
        "interview_date": interview_date_text(interview.day0),
        "topic": as_topic(topic),
        "recruiter": interview.recruiter,
        "your_name": " ".join(your_name.split()),
    }
    subject = " ".join(fill(template.subject, values, drop_optional_lines=False).split())
    return Draft(step.key, to, subject, fill(template.body, values))


def _addressee(interview: Interview, step: Step) -> tuple[str, str]:
    """(email, first name) of who the step's email goes to: the recruiter leads when there is one."""
    if step.kind is StepKind.THANK_YOU:
        person = step.recipient
        return (person.email, person.first_name) if person else ("", "")
    recruiter_first = interview.recruiter.split()[0] if interview.recruiter.strip() else ""
    check_in = step.kind in (StepKind.CHECK_IN, StepKind.SECOND_CHECK_IN)
    if step.kind is StepKind.RECRUITER_UPDATE or (check_in and recruiter_first):
        return "", recruiter_first
    person = main_contact(interview)
    return (person.email, person.first_name) if person else ("", "")


def main_contact(interview: Interview) -> Interviewer | None:
    """Who a soft touch or a check-in (first or second) goes to: the first interviewer with an email, else the
    first one."""
    people = interview.interviewers
    return next((p for p in people if p.email), people[0] if people else None)


def interview_date_text(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def mailto_url(to: str, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068): every value percent-encoded, line breaks as CRLF."""
    crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = urlencode({"subject": subject, "body": crlf}, quote_via=quote)
    return f"mailto:{quote(to.strip(), safe='@')}?{query}"


# --- topics from the notes ------------------------------------------------------------------
def topic_suggestions(interview: Interview, limit: int = 8) -> list[str]:
    """Short phrases from the notes, then the questions asked, to pick a topic from (see lib.domain.topics).

    Not the evidence: it is about the candidate ("Led with the migration story"), not a shared topic;
    nor a private note or private questions: an email goes to someone else, so topics come from
    the copy `shared_copy` makes.
    """
    shared = shared_copy(interview).interview
    return suggest_topics([shared.notes, shared.questions], limit)


# --- previews for the Templates page ----------------------------------------------------------
SAMPLE_INTERVIEW = Interview(
    company="Northwind",
    role="Product analyst",
    stage=Stage.HIRING_MANAGER,
    format=Format.VIDEO,
    interview_at=datetime(2026, 11, 19, 10, 0),
    interviewers=(Interviewer("Jane Doe", "Head of Analytics", "jane@northwind.example", id=1),),
    recruiter="Sam Lee",
    notes="Their rebuild of the pricing dashboards",
    id=0,
)


def preview_draft(
    template: Template, interview: Interview | None, now: datetime, your_name: str = ""
) -> tuple[Draft, Interview]:
    """The template filled from `interview` (the sample when there is none, or no step of this kind),
    with the first topic from its notes, so every placeholder shows what it becomes; and the source."""
    for source in (interview, SAMPLE_INTERVIEW):
        if source is None:
            continue
        steps = [s for s in follow_up_timeline(source, _marks_making(template.kind, source), now)
                 if s.kind is template.kind]
        if steps:
            topics = topic_suggestions(source, limit=1)
            topic = topics[0] if topics else ""
            return draft_for(source, steps[0], template, your_name=your_name, topic=topic), source
    raise ValueError(f"no step of kind {template.kind.value}")


def _marks_making(kind: StepKind, interview: Interview) -> tuple[StepMark, ...]:
    """The marks under which a step of `kind` exists: a second check-in comes only once the first was sent."""
    if kind is StepKind.SECOND_CHECK_IN:
        return (StepMark(StepKind.CHECK_IN.value, StepStatus.DONE, interview.day0),)
    return ()
