"""The follow-up timeline picture: a label and a colour for every kind of step, dates on the dots,
a legend of what is shown, every dot inside the axis, and the same facts in words."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lib.charts.contrast import TEXT_RATIO, meeting
from lib.charts.palette import STATUS_COLOURS, SUGGESTION_COLOUR, colour_key, step_colour
from lib.charts.timeline import (
    axis_range,
    dot_colour,
    short_step_label,
    timeline_alt_text,
    timeline_rows,
    timeline_spec,
)
from lib.domain.applications import LaterRound
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interviewer, Outcome
from lib.domain.steps import StepKind, StepMark, StepStatus
from tests.factories import FIXED_NOW, D, build_interview

SILENT = (StepMark("check_in", StepStatus.DONE, D("2026-10-26")),
          StepMark("second_check_in", StepStatus.DONE, D("2026-11-02")))  # no answer to either
OCT_12 = datetime(2026, 10, 12, 14, 0)
TODAY = FIXED_NOW.date()


def steps_of(marks=SILENT, **overrides):
    return follow_up_timeline(build_interview(interview_at=OCT_12, **overrides), marks, FIXED_NOW)


def layer(spec: dict, mark: str) -> dict:
    """The last layer of a kind: the dates' text comes after today's label."""
    return [part for part in spec["layer"] if part["mark"]["type"] == mark][-1]


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
    rows = {row["step"]: row for row in timeline_rows(steps_of(), TODAY)}
    assert (rows["No response?"]["colour"], rows["No response?"]["status"]) == ("suggestion", "Suggestion")


def test_each_dot_carries_its_date_a_done_step_the_day_it_was_done():
    rows = {row["step"]: row for row in timeline_rows(steps_of(), TODAY)}
    assert rows["Check in"]["label"] == "Mon 26 Oct"  # done that day, whatever day was recommended
    assert rows["Check in"]["day"] == "2026-10-26T12:00:00"
    dates = layer(timeline_spec(steps_of(), TODAY), "text")
    assert dates["data"]["values"] == timeline_rows(steps_of(), TODAY)
    assert dates["encoding"]["text"]["field"] == "label"


def test_the_legend_names_only_the_statuses_drawn_in_the_user_s_words():
    spec = timeline_spec(steps_of(), TODAY)
    colour = layer(spec, "point")["encoding"]["color"]
    shown = set(colour["scale"]["domain"])
    assert shown == {row["colour"] for row in timeline_rows(steps_of(), TODAY)}
    assert colour["legend"]["orient"] == "bottom"
    assert "'done' ? 'Done'" in colour["legend"]["labelExpr"]
    # each status's colour, or the nearest darker one that reads on the page (lib.charts.contrast)
    assert colour["scale"]["range"] == [meeting(dot_colour(key), "#ffffff", TEXT_RATIO)
                                        for key in colour["scale"]["domain"]]
    assert dot_colour("suggestion") == SUGGESTION_COLOUR.chart and dot_colour("recorded") == step_colour(
        next(s for s in steps_of() if s.status is StepStatus.DONE)).chart


def test_ask_about_next_steps_is_recorded_or_not_never_skipped():
    rows = {row["step"]: row for row in timeline_rows(steps_of(stated_timeframe=""), TODAY)}
    assert rows["Ask next steps"]["status"] == "Not recorded"
    rows = {row["step"]: row for row in timeline_rows(steps_of(stated_timeframe="within 2 weeks"), TODAY)}
    assert rows["Ask next steps"]["status"] == "Recorded"


def test_urgent_dots_differ_by_shape_not_only_by_colour():
    steps = follow_up_timeline(build_interview(interview_at=datetime(2026, 11, 18, 10, 0)), (), FIXED_NOW)
    shape = layer(timeline_spec(steps, TODAY), "point")["encoding"]["shape"]["scale"]
    shapes = dict(zip(shape["domain"], shape["range"], strict=True))
    assert shapes["overdue"] == "triangle-up" and shapes.get("upcoming", "circle") == "circle"


def test_two_interviewers_with_one_first_name_get_a_row_each():
    people = (Interviewer("Ana Ruiz"), Interviewer("Ana Lopez"), Interviewer("Ana Lopez"))
    steps = follow_up_timeline(build_interview(interview_at=OCT_12, interviewers=people), (), FIXED_NOW)
    names = [row["step"] for row in timeline_rows(steps, TODAY)]
    assert [n for n in names if n.startswith("Thank")] == ["Thank Ana R.", "Thank Ana L.", "Thank Ana L. (2)"]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("today", [date(2026, 10, 1), TODAY, date(2027, 1, 15)])
def test_every_dot_and_today_sit_inside_the_axis_with_room_for_the_last_date(today):
    steps = steps_of()
    first, last = axis_range(steps, today)
    days = [date.fromisoformat(row["day"][:10]) for row in timeline_rows(steps, today)] + [today]
    assert first < min(days) and max(days) < last
    assert (last - max(days)).days >= 1  # the date written right of the last dot stays on the picture
    domain = layer(timeline_spec(steps, today), "point")["encoding"]["x"]["scale"]["domain"]
    assert domain == [f"{first}T12:00:00", f"{last}T12:00:00"]


def test_a_plan_of_one_day_still_gets_a_week_of_axis():
    steps = steps_of(marks=())[:1]
    first, last = axis_range(steps, steps[0].recommended)
    assert (last - first).days >= 8


def test_dark_pages_get_light_text_and_light_pages_dark_text():
    light, dark = timeline_spec(steps_of(), TODAY), timeline_spec(steps_of(), TODAY, dark=True)
    assert layer(light, "text")["mark"]["color"] == "#31333f"
    assert layer(dark, "text")["mark"]["color"] == "#fafafa"
    # its own background: a theme change does not redraw the picture, and it must stay readable
    assert (light["background"], dark["background"]) == ("#ffffff", "#171614")
    assert layer(light, "rule")["mark"]["color"] == "#7c3aed" and layer(dark, "rule")["mark"]["color"] == "#a78bfa"


def test_the_picture_says_in_words_what_it_shows_including_what_a_later_round_closed():
    round_two = build_interview(interview_at=datetime(2026, 11, 25, 10, 0), id=2)
    round_one = build_interview(interview_at=OCT_12, id=1)
    steps = follow_up_timeline(round_one, (), FIXED_NOW, later_round=LaterRound(2, round_two))
    text = timeline_alt_text(steps, TODAY)
    assert text.startswith("Follow-up timeline. ")
    assert "Check in: closed, " in text
    assert text.endswith("Today is Fri 20 Nov.")


def test_the_picture_renders_to_svg_with_its_dates_in_it():
    from lib.charts.timeline import timeline_svg

    svg = timeline_svg(steps_of(), TODAY)
    assert svg.lstrip().startswith("<svg") and "Mon 26 Oct" in svg and "today" in svg


def test_an_empty_plan_renders_too_which_is_how_the_engine_is_warmed_at_start():
    from lib.charts.timeline import timeline_svg

    assert timeline_svg((), TODAY).lstrip().startswith("<svg")
