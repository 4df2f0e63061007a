"""The Trends charts build, validate and serialise, and export to PNG and SVG."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from lib import charts
from lib.domain.discipline import follow_up_facts
from lib.domain.trends import follow_up_view, trends_view
from tests.factories import rows_of
from tests.unit.test_analytics import THREE
from tests.unit.test_discipline import ENTRIES

TODAY = date(2026, 11, 20)


def test_score_trend_chart_has_points_a_rolling_line_and_a_rule_for_today():
    view = trends_view(THREE, window=2)
    spec = charts.score_trend_chart(view.over_time.frame, "Skills match", TODAY, granular=True).to_dict()
    dots, line, today = spec["layer"]
    assert dots["mark"]["type"] == "circle" and line["mark"]["type"] == "line"
    assert line["encoding"]["y"]["field"] == "rolling_mean"
    assert [layer["mark"]["type"] for layer in today["layer"]] == ["rule", "text"]
    tooltips = [t["field"] for t in dots["encoding"]["tooltip"]]
    assert {"company", "role", "stage", "score"} <= set(tooltips)
    assert "evidence" not in tooltips  # no evidence frame was given
    no_today = charts.score_trend_chart(view.over_time.frame, "Skills match", None, granular=True).to_dict()
    assert len(no_today["layer"]) == 2


def test_score_trend_chart_of_period_means_sizes_dots_by_count():
    view = trends_view(rows_of(600), window=3)
    spec = charts.score_trend_chart(view.over_time.frame, "Culture fit", TODAY, granular=False).to_dict()
    dots = spec["layer"][0]
    assert dots["encoding"]["size"]["field"] == "count"
    assert dots["encoding"]["x"]["field"] == "period"


def test_every_trends_chart_builds_and_serialises():
    view = trends_view(rows_of(40).assign(stage=["technical", "panel"] * 20, outcome=["offer", "rejected"] * 20),
                       window=5)
    built = charts.trends_charts(view, TODAY)
    assert list(built) == ["Skills match", "Enthusiasm signaled", "Culture fit", "recent", "by-stage", "by-company",
                           "calibration"]
    follow_up = follow_up_view(follow_up_facts(ENTRIES), pd.Series([1, 2, 3, 4]), TODAY)
    built["follow-up"] = charts.discipline_chart(follow_up.frame)
    for chart in built.values():
        spec = charts.vega_lite_spec(chart)
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert "continuousWidth" not in spec.get("config", {}).get("view", {})  # takes the page's width
        json.dumps(spec)


def test_one_section_builds_only_its_own_charts():
    view = trends_view(rows_of(40).assign(stage=["technical", "panel"] * 20, outcome=["offer", "rejected"] * 20),
                       window=5)
    sections = {section: list(charts.trends_charts(view, TODAY, section))
                for section in ("over-time", "recent", "groups", "calibration")}
    assert sections == {"over-time": ["Skills match", "Enthusiasm signaled", "Culture fit"], "recent": ["recent"],
                        "groups": ["by-stage", "by-company"], "calibration": ["calibration"]}


def test_sparse_views_leave_their_charts_out():
    assert list(charts.trends_charts(trends_view(rows_of(3), window=5), TODAY)) == [
        "Skills match", "Enthusiasm signaled", "Culture fit", "by-company"
    ]


def test_heatmap_labels_each_cell_with_mean_and_count():
    view = trends_view(THREE, window=2)
    spec = charts.group_heatmap(view.by_stage.frame, "Stage").to_dict()
    values = next(iter(spec["datasets"].values()))
    assert {row["text"] for row in values} >= {"5.0 (1)", "3.0 (1)"}


def test_recent_chart_labels_the_change_with_a_sign():
    view = trends_view(rows_of(10).assign(skills_match=[2.0] * 5 + [4.0] * 5), window=5)
    values = next(iter(charts.recent_chart(view.recent.frame, 5).to_dict()["datasets"].values()))
    assert {row["dimension"]: row["label"] for row in values}["Skills match"] == "+2.0"


@pytest.mark.parametrize("name", ["recent", "calibration"])
def test_exports_are_png_and_svg_at_a_fixed_width(name):
    view = trends_view(rows_of(40).assign(outcome=["offer", "rejected"] * 20), window=5)
    spec = charts.vega_lite_spec(charts.trends_charts(view, TODAY)[name])
    png = charts.spec_png(spec)
    assert png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    assert width >= 2 * charts.EXPORT_WIDTH * 0.9  # 2× scale
    assert charts.spec_svg(spec).lstrip().startswith("<svg")


def test_stacked_export_of_scores_over_time():
    view = trends_view(THREE, window=2)
    spec = charts.vega_lite_spec(charts.score_trend_export(view.over_time.frame, TODAY, granular=True))
    assert len(spec["vconcat"]) == 3
    assert charts.spec_svg(spec).lstrip().startswith("<svg")
