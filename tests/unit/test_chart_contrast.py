"""Every chart's colours meet WCAG 2.2 AA against the page in both schemes: 4.5:1 for text, 3:1
for marks. The ratios are computed from the specs as the pages draw them (after in_scheme), by a
collector of this test's own, so a colour the recolouring missed shows here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pandas as pd
import pytest

from lib import charts
from lib.charts.contrast import DECORATION_OPACITY, blend, contrast, in_scheme, is_colour
from lib.charts.rounds import rounds_chart
from lib.charts.timeline import timeline_spec
from lib.domain.discipline import follow_up_facts
from lib.domain.trends import follow_up_view, trends_view
from tests.factories import rows_of
from tests.unit.test_discipline import ENTRIES
from tests.unit.test_rounds import ROUND_1, ROUND_2, kestrel
from tests.unit.test_timeline_chart import TODAY, steps_of


def specs_as_drawn(dark: bool) -> dict[str, dict]:
    view = trends_view(rows_of(40).assign(stage=["technical", "panel"] * 20, outcome=["offer", "rejected"] * 20),
                       window=5)
    built = charts.trends_charts(view, date(2026, 11, 20))
    built["follow-up"] = charts.discipline_chart(follow_up_view(follow_up_facts(ENTRIES), pd.Series([1, 2, 3, 4]),
                                                                date(2026, 11, 20)).frame)
    built["rounds"] = rounds_chart(kestrel(ROUND_1, ROUND_2))
    for dimension in charts.DIMENSION_COLOURS:
        built[f"self-vs-mentor-{dimension}"] = charts.self_vs_mentor_chart(mentor_gaps(), dimension, "Sam")
    specs = {name: in_scheme(charts.vega_lite_spec(chart), dark) for name, chart in built.items()}
    specs["timeline"] = timeline_spec(steps_of(), TODAY, dark)
    return specs


def mentor_gaps() -> pd.DataFrame:
    """Coaching's frame of your score and a mentor's per interview and dimension, as lib.domain.gaps makes it."""
    rows = [
        {"mentor": "Sam", "dimension": dimension, "company": company, "role": "Data engineer",
         "interview_at": pd.Timestamp(2026, 11, day, 15), "self_score": own, "mentor_score": theirs,
         "gap": theirs - own}
        for dimension in charts.DIMENSION_COLOURS
        for company, day, own, theirs in (("Acme", 3, 4, 2), ("Globex", 10, 2, 3), ("Initech", 17, 3, 3))
    ]
    return pd.DataFrame(rows)


def background_of(spec: dict) -> str:
    return spec.get("background") or spec["config"]["background"]


def colours(spec: dict) -> Iterator[tuple[str, str, float, str]]:
    """(kind, colour, opacity, where) for every text and mark colour the spec names."""
    config = spec.get("config", {})
    for part in ("axis", "legend"):
        for key in ("labelColor", "titleColor"):
            if key in config.get(part, {}):
                yield "text", config[part][key], 1.0, f"config.{part}.{key}"
    yield from _walk(spec, "spec")


def _walk(node: dict, where: str) -> Iterator[tuple[str, str, float, str]]:
    title = node.get("title")
    if isinstance(title, dict) and "color" in title:
        yield "text", title["color"], 1.0, f"{where}.title"
    mark = node.get("mark")
    if mark is not None:
        mark = {"type": mark} if isinstance(mark, str) else mark
        kind = "text" if mark["type"] == "text" else "mark"
        opacity = float(mark.get("opacity", 1.0))
        for key in ("color", "fill", "stroke"):
            if is_colour(mark.get(key)):
                yield kind, mark[key], opacity, f"{where}.mark.{key}"
        encoding = node.get("encoding", {})
        colour = encoding.get("color", {})
        for value in (colour.get("scale") or {}).get("range", []):
            if is_colour(value):
                yield kind, value, opacity, f"{where}.color.range"
        for channel in encoding.values():
            for holder in ("axis", "legend"):
                if isinstance(channel, dict) and isinstance(channel.get(holder), dict):
                    for key in ("labelColor", "titleColor"):
                        if key in channel[holder]:
                            yield "text", channel[holder][key], 1.0, f"{where}.{holder}.{key}"
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for i, part in enumerate(node.get(key, [])):
            yield from _walk(part, f"{where}.{key}[{i}]")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_chart_colour_meets_its_ratio_on_the_page(dark):
    short = []
    for name, spec in specs_as_drawn(dark).items():
        background = background_of(spec)
        for kind, colour, opacity, where in colours(spec):
            if kind == "mark" and opacity < DECORATION_OPACITY:
                continue  # a decoration beside the mark that carries the value
            needed = 4.5 if kind == "text" else 3.0
            ratio = contrast(blend(colour, background, min(opacity, 1.0)), background)
            if ratio < needed:
                short.append(f"{name} {where}: {colour} at {opacity} on {background} is {ratio:.2f}:1")
    assert short == []


def test_heatmap_text_reads_on_its_own_cell():
    view = trends_view(rows_of(40).assign(stage=["technical", "panel"] * 20), window=5)
    frame = view.by_stage.frame
    spec = charts.vega_lite_spec(charts.group_heatmap(frame, "Stage"))
    [rows] = [rows for rows in spec["datasets"].values() if rows and "text_colour" in rows[0]]
    for row in rows:
        assert contrast(row["text_colour"], charts.heatmap_cell_colour(row["mean"])) >= 4.5
    worst = min(max(contrast(charts.heatmap_cell_colour(m / 10), c) for c in ("#000000", "#ffffff"))
                for m in range(10, 51))
    assert worst >= 4.5  # every mean from 1 to 5, not only these


def test_the_recolouring_darkens_a_pale_mark_on_white_and_lightens_a_dark_one_on_black():
    spec = {"mark": {"type": "point", "color": "#a3a3a3"}, "config": {}}
    assert contrast(in_scheme(spec, False)["mark"]["color"], "#ffffff") >= 3.0
    dark = in_scheme({"mark": {"type": "text", "color": "#374151"}}, True)
    assert contrast(dark["mark"]["color"], dark["config"]["background"]) >= 4.5
    kept = in_scheme({"mark": {"type": "point", "color": "#1d4ed8"}}, False)
    assert kept["mark"]["color"] == "#1d4ed8"  # a colour that already meets its ratio is left alone


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_chart_as_drawn_renders(dark):
    """Vega-Lite refuses some specs only when drawing them (a heatmap's text with `scale: null` on
    the colour its cells use): each one is drawn here, as the page would."""
    import vl_convert

    for name, spec in specs_as_drawn(dark).items():
        assert "<svg" in vl_convert.vegalite_to_svg(spec), name
