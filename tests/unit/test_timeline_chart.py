"""The follow-up timeline strip: a label and a colour for every kind of step, the closed ones' reason in the tooltip."""

from __future__ import annotations

from datetime import datetime

from lib.charts.palette import STATUS_COLOURS, SUGGESTION_COLOUR, colour_key, step_colour
from lib.charts.timeline import short_step_label, timeline_chart, timeline_frame
from lib.domain.applications import LaterRound
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Outcome
from lib.domain.steps import StepKind, StepMark, StepStatus
from tests.factories import FIXED_NOW, D, build_interview

SILENT = (StepMark("check_in", StepStatus.DONE, D("2026-10-26")),
          StepMark("second_check_in", StepStatus.DONE, D("2026-11-02")))  # no answer to either
OCT_12 = datetime(2026, 10, 12, 14, 0)


def steps_of(marks=SILENT, **overrides):
    return follow_up_timeline(build_interview(interview_at=OCT_12, **overrides), marks, FIXED_NOW)


def test_every_kind_of_step_has_a_short_label_of_its_own():
    labels = {step.kind: short_step_label(step) for step in steps_of(recruiter="Sam Lee")}
    assert labels[StepKind.SECOND_CHECK_IN] == "Second check-in"
    assert labels[StepKind.NO_RESPONSE] == "No response?"
    assert len(set(labels.values())) == len(labels) == len(StepKind)
    assert all(len(label) <= 16 for label in labels.values())


def test_the_no_response_suggestion_is_drawn_in_a_calm_colour_until_it_is_settled():
    suggestion = next(s for s in steps_of() if s.kind is StepKind.NO_RESPONSE)
    assert suggestion.status is StepStatus.OPEN
    assert (colour_key(suggestion), step_colour(suggestion)) == ("suggestion", SUGGESTION_COLOUR)
    recorded = next(s for s in steps_of(outcome=Outcome.NO_RESPONSE) if s.kind is StepKind.NO_RESPONSE)
    assert step_colour(recorded) == STATUS_COLOURS[StepStatus.DONE]
    frame = timeline_frame(steps_of(), FIXED_NOW.date())
    assert frame.set_index("step").loc["No response?", "colour"] == "suggestion"
    spec = timeline_chart(steps_of(), FIXED_NOW.date()).to_dict()
    assert "suggestion" in spec["layer"][0]["encoding"]["color"]["scale"]["domain"]


def test_a_step_closed_by_a_later_round_says_so_in_the_tooltip():
    round_two = build_interview(interview_at=datetime(2026, 11, 25, 10, 0), id=2)
    round_one = build_interview(interview_at=OCT_12, id=1)
    steps = follow_up_timeline(round_one, (), FIXED_NOW, later_round=LaterRound(2, round_two))
    frame = timeline_frame(steps, FIXED_NOW.date()).set_index("step")
    assert frame.loc["Check in", "state"] == "Closed: round 2 is booked"

