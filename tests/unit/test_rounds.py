"""An application's rounds as they read on screen: score row, round line, the one next step, the rounds chart."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from lib import charts
from lib.charts.rounds import rounds_chart, rounds_frame
from lib.domain.applications import Application
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Dimension, Outcome
from lib.domain.rounds import grouped_by_application, next_move, round_line, score_row
from tests.factories import FIXED_NOW, build_interview

ROUND_1 = build_interview(id=1, company="Kestrel", role="Backend engineer", interview_at=datetime(2026, 11, 10, 14))
ROUND_2 = build_interview(id=2, company="Kestrel", role="Backend engineer", interview_at=datetime(2026, 11, 17, 10),
                          scores={Dimension.SKILLS_MATCH: 5, Dimension.ENTHUSIASM: None, Dimension.CULTURE_FIT: 2})


def kestrel(*rounds) -> Application:
    return Application("app-kestrel", tuple(rounds))


def latest_steps(application: Application, now: datetime = FIXED_NOW) -> list:
    return follow_up_timeline(application.latest, [], now, ZoneInfo("Europe/London"))


def test_score_row_names_each_dimension_shortly_and_marks_the_unscored_with_a_dash():
    assert score_row(ROUND_1) == "Skills 4 · Enthusiasm 3 · Culture –"
    assert score_row(replace(ROUND_1, scores={})) == "Skills – · Enthusiasm – · Culture –"


def test_round_line_says_which_round_of_how_many_and_the_application():
    assert round_line(kestrel(ROUND_1, ROUND_2), ROUND_2) == "Round 2 of 2 · Kestrel: Backend engineer"


@pytest.mark.parametrize(
    ("latest", "text", "kind"),
    [
        pytest.param(replace(ROUND_2, interview_at=datetime(2026, 11, 26, 14), booked=True, scores={}),
                     "Round 2 on Thu 26 Nov: prepare", "prepare", id="booked-ahead"),
        pytest.param(replace(ROUND_2, interview_at=datetime(2026, 11, 20, 9), booked=True, scores={}),
                     "Score round 2 while it's fresh", "score", id="over-and-not-debriefed"),
        pytest.param(replace(ROUND_2, outcome=Outcome.OFFER), "Offer", "closed", id="offer"),
        pytest.param(replace(ROUND_2, outcome=Outcome.NO_RESPONSE), "No response", "closed", id="no-response"),
        pytest.param(replace(ROUND_2, outcome=Outcome.NEXT_ROUND), "Round 3 is booked: log it to prepare", "log",
                     id="next-round-booked-not-logged"),
        pytest.param(ROUND_2, "Thank-you note to Priya Shah · Overdue since Wed 18 Nov, 11:00: still worth sending",
                     "step", id="follow-up-step"),
    ],
)
def test_the_next_move_of_an_application_comes_from_its_latest_round(latest, text, kind):
    application = kestrel(ROUND_1, latest)
    move = next_move(application, latest_steps(application), FIXED_NOW)
    assert (move.text, move.kind, move.interview) == (text, kind, latest)


def test_an_application_with_nothing_left_to_send_says_waiting_is_right():
    move = next_move(kestrel(ROUND_1, ROUND_2), [], FIXED_NOW)
    assert (move.text, move.kind) == ("Nothing to send: waiting is the right move now", "wait")


def test_rounds_of_one_application_sit_together_where_the_first_of_them_stood():
    acme = build_interview(id=3, application="app-a")
    page = [replace(ROUND_2, id=5, application="app-k"), acme, replace(ROUND_1, id=4, application="app-k"),
            build_interview(id=6)]
    grouped = grouped_by_application(page)
    assert [i.id for i in grouped] == [5, 4, 3, 6]


def test_the_rounds_frame_has_the_round_number_on_x_and_leaves_the_unscored_empty():
    frame = rounds_frame(kestrel(ROUND_1, ROUND_2))
    enthusiasm = frame[frame["dimension"] == "Enthusiasm signaled"]
    assert enthusiasm["round"].tolist() == [1, 2]
    assert enthusiasm["score"].iloc[0] == 3 and pd.isna(enthusiasm["score"].iloc[1])  # unscored is missing, never 0
    assert frame[frame["round"] == 1]["score"].isna().tolist() == [False, False, True]


def test_the_rounds_chart_draws_a_line_per_dimension_over_round_numbers_and_breaks_at_a_gap():
    spec = charts.vega_lite_spec(rounds_chart(kestrel(ROUND_1, ROUND_2)))
    lines, dots = spec["layer"]
    assert lines["mark"]["type"] == "line" and dots["mark"]["type"] == "circle"
    assert lines["mark"]["invalid"] == "break-paths-show-path-domains"  # a gap, not a line through 0
    assert lines["encoding"]["x"]["field"] == "round" and lines["encoding"]["x"]["axis"]["values"] == [1, 2]
    assert lines["encoding"]["y"]["scale"]["domain"] == [0.6, 5.4]  # the 1-5 score axis of Trends
    assert lines["encoding"]["color"]["field"] == "dimension"
    rows = next(iter(spec["datasets"].values()))
    shown = {k: v for k, v in rows[4].items() if k in ("round", "dimension", "score")}
    assert shown == {"round": 2, "dimension": "Enthusiasm signaled", "score": None}
    json.dumps(spec, allow_nan=False)  # valid JSON: no NaN reaches the browser
