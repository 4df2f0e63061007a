"""The rounds chart of one application: the three self-scores across its rounds, one line per dimension.

So "my enthusiasm drops in later rounds" shows at a glance. Same colours and score axis as Trends.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib.charts import DIMENSION_COLOURS, SCORE_AXIS, SCORE_SCALE, _scale, _styled
from lib.domain.applications import Application
from lib.domain.model import Dimension


def rounds_frame(application: Application) -> pd.DataFrame:
    """One row per round and dimension: round number (1..N), dimension label, score (None when unscored)."""
    rows = [
        {"round": number, "dimension": dimension.label, "score": interview.score(dimension),
         "stage": interview.stage.label, "day": interview.day0.isoformat()}
        for number, interview in enumerate(application.rounds, 1)
        for dimension in Dimension
    ]
    frame = pd.DataFrame(rows, columns=["round", "dimension", "score", "stage", "day"])
    frame["score"] = frame["score"].astype("Int64")  # whole scores; a missing one goes out as null, not NaN
    return frame


def rounds_chart(application: Application) -> alt.LayerChart:
    """x = round 1..N, y = 1..5; an unscored round is a gap in its line, never a 0."""
    frame = rounds_frame(application)
    rounds = len(application.rounds)
    x = alt.X("round:Q", title=None, scale=alt.Scale(domain=[0.8, rounds + 0.2], nice=False),
              axis=alt.Axis(values=list(range(1, rounds + 1)), labelExpr="'Round ' + datum.value", grid=False))
    y = alt.Y("score:Q", scale=SCORE_SCALE, axis=SCORE_AXIS, title=None)
    colour = alt.Color("dimension:N", scale=_scale(DIMENSION_COLOURS), title=None)
    tooltip = [alt.Tooltip("round:Q", title="Round"), alt.Tooltip("stage:N", title="Stage"),
               alt.Tooltip("dimension:N", title="Dimension"), alt.Tooltip("score:Q", title="Score")]
    base = alt.Chart(frame).encode(x=x, y=y, color=colour, tooltip=tooltip)
    lines = base.mark_line(strokeWidth=2.5, invalid="break-paths-show-path-domains")
    dots = base.mark_circle(size=70, opacity=1, invalid="filter")
    # Streamlit fits the whole chart (legend and axes included) into this height at the page's width.
    return _styled((lines + dots).properties(height=260))
