"""Trends analytics on small frames whose answers are worked out by hand in each test."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from lib.domain.analytics import (
    ADVANCED,
    NOT_ADVANCED,
    Calibration,
    calibration,
    calibration_caption,
    calibration_scores,
    group_caption,
    lowest_dimension,
    periodic_scores,
    recent_caption,
    recent_vs_earlier,
    rolling_scores,
    scores_by,
    scores_long,
    signed,
    trend_caption,
    trend_granularity,
)
from lib.domain.model import Dimension
from tests.factories import score_rows

SKILLS, ENTHUSIASM, CULTURE = (d.label for d in Dimension)
NA = float("nan")


THREE = score_rows(
    ("2026-01-05T10:00", "Acme", "technical", "next_round", 3, 2, None),
    ("2026-01-12T10:00", "Beta", "panel", "rejected", 4, None, 2),
    ("2026-01-19T10:00", "Acme", "phone_screen", "offer", 5, 4, 3),
)
T = pd.Timestamp


def test_scores_long_leaves_unscored_out_instead_of_counting_zero():
    expected = pd.DataFrame(
        {
            "id": [1, 1, 2, 2, 3, 3, 3],
            "interview_at": pd.to_datetime(["2026-01-05T10:00"] * 2 + ["2026-01-12T10:00"] * 2
                                           + ["2026-01-19T10:00"] * 3),
            "dimension": [SKILLS, ENTHUSIASM, SKILLS, CULTURE, SKILLS, ENTHUSIASM, CULTURE],
            "score": [3.0, 2.0, 4.0, 2.0, 5.0, 4.0, 3.0],
        }
    )
    assert_frame_equal(scores_long(THREE), expected, check_dtype=False)


def test_rolling_mean_counts_interviews_and_skips_the_unscored():
    trend = rolling_scores(THREE, window=2)
    got = trend[["id", "dimension", "score", "rolling_mean", "stage"]]
    expected = pd.DataFrame(
        {
            "id": [1, 2, 3, 1, 3, 2, 3],
            "dimension": [SKILLS] * 3 + [ENTHUSIASM] * 2 + [CULTURE] * 2,
            "score": [3.0, 4.0, 5.0, 2.0, 4.0, 2.0, 3.0],
            # skills 3, (3+4)/2, (4+5)/2; enthusiasm 2, then only 4 in [NaN, 4]; culture 2, (2+3)/2
            "rolling_mean": [3.0, 3.5, 4.5, 2.0, 4.0, 2.0, 2.5],
            "stage": ["Technical", "Panel / onsite", "Phone screen", "Technical", "Phone screen",
                      "Panel / onsite", "Phone screen"],
        }
    )
    assert_frame_equal(got, expected, check_dtype=False)
    assert "evidence" not in trend


def test_rolling_scores_carry_a_one_line_evidence_note_for_the_tooltip():
    evidence = pd.DataFrame(
        {"id": [1, 2, 3], "skills_evidence": ["Solid SQL\nmore", "", "x" * 300],
         "enthusiasm_evidence": ["", "", ""], "culture_evidence": ["", "", ""]}
    )
    trend = rolling_scores(THREE, window=2, evidence=evidence)
    notes = trend[trend["dimension"] == SKILLS]["evidence"].tolist()
    assert notes[0] == "Solid SQL"
    assert notes[1] == ""
    assert len(notes[2]) == 140 and notes[2].endswith("…")


def test_granularity_switches_to_weeks_then_months_above_500_interviews():
    days = pd.date_range("2026-01-01", periods=501, freq="D")
    many = score_rows(*[(str(d), "Acme", "technical", "pending", 3, 3, 3) for d in days])
    assert trend_granularity(many.head(500)) == "interview"
    assert trend_granularity(many) == "week"
    spread = many.assign(interview_at=pd.date_range("2022-01-01", periods=501, freq="4D"))
    assert trend_granularity(spread) == "month"


def test_periodic_scores_are_means_with_counts_and_a_count_weighted_rolling_mean():
    rows = score_rows(
        ("2026-01-05T10:00", "Acme", "technical", "pending", 2, 4, None),
        ("2026-01-07T10:00", "Acme", "technical", "pending", 4, None, None),
        ("2026-01-20T10:00", "Acme", "technical", "pending", 5, 2, 3),
    )
    got = periodic_scores(rows, window=2, granularity="week")
    expected = pd.DataFrame(
        {
            "period": pd.to_datetime(["2026-01-05", "2026-01-19", "2026-01-05", "2026-01-19", "2026-01-19"]),
            "dimension": [SKILLS, SKILLS, ENTHUSIASM, ENTHUSIASM, CULTURE],
            "mean": [3.0, 5.0, 4.0, 2.0, 3.0],
            "count": [2, 1, 1, 1, 1],
            # the week of 12 Jan has no scores: the 2-week window at 19 Jan holds only that week
            "rolling_mean": [3.0, 5.0, 4.0, 2.0, 3.0],
        }
    )
    assert_frame_equal(got, expected, check_dtype=False)
    weekly_then_window_3 = periodic_scores(rows, window=3, granularity="week")
    assert weekly_then_window_3["rolling_mean"].tolist() == [3.0, round(11 / 3, 2), 4.0, 3.0, 3.0]


def test_lowest_dimension_needs_a_real_pattern():
    lagging = score_rows(*[(f"2026-02-0{d}T10:00", "Acme", "technical", "pending", 4, 3, 2) for d in range(1, 7)])
    assert lowest_dimension(lagging) == (Dimension.CULTURE_FIT, 6, 6)
    ties = score_rows(*[(f"2026-02-0{d}T10:00", "Acme", "technical", "pending", 3, 3, 3) for d in range(1, 7)])
    assert lowest_dimension(ties) is None
    assert lowest_dimension(lagging.head(3)) is None  # fewer than 4 interviews: no claim


def test_trend_caption_names_the_lagging_dimension_or_the_biggest_move():
    lagging = score_rows(*[(f"2026-02-0{d}T10:00", "Acme", "technical", "pending", 4, 3, 2) for d in range(1, 9)])
    assert trend_caption(lagging, rolling_scores(lagging, 5)) == (
        "Culture fit is your lowest dimension in 8 of your last 8 interviews."
    )
    rising = score_rows(*[(f"2026-02-0{d}T10:00", "Acme", "technical", "pending", d % 5 + 1, 3, None)
                          for d in range(1, 5)])
    # skills 2, 3, 4, 5 with a window of 2: rolling 2.0, 2.5, 3.5, 4.5
    assert trend_caption(rising, rolling_scores(rising, 2)) == (
        "Skills match moved most: its rolling mean rose from 2.0 to 4.5 over this period."
    )


def test_recent_against_all_earlier_interviews():
    got = recent_vs_earlier(THREE, last=1)
    expected = pd.DataFrame(
        {
            "dimension": [SKILLS, ENTHUSIASM, CULTURE],
            "recent_mean": [5.0, 4.0, 3.0],
            "recent_count": [1, 1, 1],
            "earlier_mean": [3.5, 2.0, 2.0],
            "earlier_count": [2, 1, 1],
            "change": [1.5, 2.0, 1.0],
        }
    )
    assert_frame_equal(got, expected)


def test_recent_caption_leads_with_the_biggest_change():
    assert recent_caption(recent_vs_earlier(THREE, 1), 1, 2) == (
        "Enthusiasm signaled +2.0 over your last 1 interviews (4.0, against 2.0 in the 2 before); "
        "Skills match +1.5, Culture fit +1.0."
    )
    flat = score_rows(*[(f"2026-02-0{d}T10:00", "Acme", "technical", "pending", 3, 3, 3) for d in range(1, 7)])
    assert recent_caption(recent_vs_earlier(flat, 2), 2, 4) == (
        "Your last 2 interviews score about the same as the 4 before them (every dimension within a quarter point)."
    )


@pytest.mark.parametrize(("change", "text"), [(0.8, "+0.8"), (-0.3, "−0.3"), (0.04, "±0.0"), (-0.04, "±0.0")])
def test_signed_changes_use_a_real_minus_sign(change, text):
    assert signed(change) == text


def test_scores_by_stage_keep_the_stage_order_and_count_scores_only():
    got = scores_by(THREE, "stage")
    expected = pd.DataFrame(
        {
            "group": ["Phone screen"] * 3 + ["Technical"] * 2 + ["Panel / onsite"] * 2,
            "dimension": [SKILLS, ENTHUSIASM, CULTURE, SKILLS, ENTHUSIASM, SKILLS, CULTURE],
            "mean": [5.0, 4.0, 3.0, 3.0, 2.0, 4.0, 2.0],
            "count": [1, 1, 1, 1, 1, 1, 1],
        }
    )
    assert_frame_equal(got, expected)


def test_scores_by_company_keeps_the_most_interviewed():
    got = scores_by(THREE, "company", top=1)
    expected = pd.DataFrame(
        {"group": ["Acme"] * 3, "dimension": [SKILLS, ENTHUSIASM, CULTURE], "mean": [4.0, 3.0, 3.0], "count": [2, 2, 1]}
    )
    assert_frame_equal(got, expected)


def test_group_caption_names_the_widest_gap_only_with_enough_scores():
    summary = pd.DataFrame(
        {
            "group": ["Phone screen", "Phone screen", "Panel / onsite", "Panel / onsite"],
            "dimension": [SKILLS, CULTURE, SKILLS, CULTURE],
            "mean": [4.1, 3.0, 2.9, 3.1],
            "count": [12, 12, 6, 6],
        }
    )
    assert group_caption(summary, "stage") == (
        "Skills match is highest in Phone screen (4.1, 12 scored) and lowest in Panel / onsite (2.9, 6)."
    )
    thin = summary.assign(count=[12, 12, 2, 2])
    assert group_caption(thin, "stage") == (
        "Once two stages each have 3 scored interviews, this shows where you do best."
    )


def test_calibration_scores_split_advanced_from_not_and_ignore_withdrawn_and_pending():
    rows = pd.concat(
        [THREE, score_rows(("2026-01-26T10:00", "Acme", "technical", "withdrawn", 1, 1, 1),
                           ("2026-01-27T10:00", "Acme", "technical", "pending", 1, 1, 1)).assign(id=[4, 5])],
        ignore_index=True,
    )
    got = calibration_scores(rows)
    expected = pd.DataFrame(
        {
            "dimension": [SKILLS, SKILLS, ENTHUSIASM, CULTURE, CULTURE],
            "result": [ADVANCED, NOT_ADVANCED, ADVANCED, ADVANCED, NOT_ADVANCED],
            "mean": [4.0, 4.0, 3.0, 3.0, 2.0],
            "count": [2, 1, 2, 1, 1],
        }
    )
    assert_frame_equal(got, expected)


def _results(advanced: list[float], not_advanced: list[float]) -> pd.DataFrame:
    records = [("2026-03-01T10:00", "Acme", "technical", "offer", s, s, s) for s in advanced]
    records += [("2026-03-01T10:00", "Acme", "technical", "rejected", s, s, s) for s in not_advanced]
    return score_rows(*records)


def test_calibration_auc_is_the_chance_an_advanced_interview_outscored_another():
    result = calibration(_results([4, 5], [3, 4]))
    # pairs (4,3) win, (4,4) tie, (5,3) win, (5,4) win: (3 + 0.5) / 4
    assert result.auc == pytest.approx(0.875)
    assert (result.advanced, result.not_advanced) == (2, 2)
    assert (result.advanced_mean, result.not_advanced_mean) == (4.5, 3.5)
    assert 0 < result.p_value < 1
    assert not result.enough


def test_calibration_says_not_enough_data_below_five_of_each():
    assert calibration_caption(calibration(_results([4, 5, 4], [3, 2]))) == (
        "Not enough data yet: 3 scored interviews advanced and 2 did not; a fair comparison needs at least 5 of each."
    )


def test_calibration_says_yes_only_for_a_clear_link_unlikely_to_be_chance():
    clear = calibration(_results([4, 5, 4, 5, 4, 5], [2, 3, 2, 3, 2, 1]))
    assert clear.auc == 1.0 and clear.p_value < 0.05 and clear.separates
    assert calibration_caption(clear).startswith(
        "Yes, so far: across 12 interviews with a result (6 advanced, 6 did not), your self-scores averaged 4.5"
    )
    unclear = calibration(_results([4, 3, 4, 3, 5], [3, 4, 3, 2, 4]))
    assert not unclear.separates
    assert calibration_caption(unclear).startswith("Not clearly yet: across 10 interviews with a result")
    coin = calibration(_results([3, 4] * 15, [4, 3] * 15))
    assert calibration_caption(coin).startswith("No, so far: across 60 interviews")


def test_calibration_reports_a_reversed_link_plainly():
    reversed_link = Calibration(8, 8, 2.5, 4.0, auc=0.1, p_value=0.001)
    assert calibration_caption(reversed_link).startswith("Not the way you'd expect")


def test_calibration_uses_each_interviews_mean_of_scored_dimensions():
    rows = score_rows(("2026-03-01T10:00", "Acme", "technical", "offer", 5, None, 3),
                      ("2026-03-02T10:00", "Acme", "technical", "rejected", None, None, None))
    result = calibration(rows)
    assert (result.advanced, result.not_advanced) == (1, 0)  # an unscored interview cannot be compared
    assert result.advanced_mean == 4.0 and result.auc is None
    assert math.isclose(calibration(_results([5], [1])).auc, 1.0)
