"""Self-score against the mentor's read: gaps per interview, their summary and how they read (hand-computed)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from lib.domain.gaps import GAP_COLUMNS, gap_sentence, gap_sentences, gap_summary, mean_scores, score_gaps

NAN = math.nan


def review(session_id, held_on, mentor, interview_id, interview_at, own, theirs, company="Acme"):
    """One row as store.coaching.review_rows gives it: own and theirs are (skills, enthusiasm, culture)."""
    row = {"session_id": session_id, "held_on": pd.Timestamp(held_on), "mentor": mentor, "interview_id": interview_id,
           "interview_at": pd.Timestamp(interview_at), "company": company, "role": "Engineer"}
    for column, mine, yours in zip(("skills_match", "enthusiasm", "culture_fit"), own, theirs, strict=True):
        row[column], row[f"mentor_{column}"] = float(mine), float(yours)
    return row


@pytest.fixture
def reviews() -> pd.DataFrame:
    return pd.DataFrame(
        [
            review(1, "2026-10-10", "Sam", 1, "2026-10-01 10:00", (3, 4, NAN), (4, 4, 3)),
            review(1, "2026-10-10", "Sam", 2, "2026-10-05 10:00", (2, 3, 4), (4, NAN, 3)),
            review(2, "2026-11-10", "Sam", 2, "2026-10-05 10:00", (2, 3, 4), (3, NAN, NAN)),  # re-scored skills
            review(2, "2026-11-10", "Sam", 3, "2026-11-01 10:00", (3, 5, 3), (3, 4, 3)),
            review(3, "2026-11-15", "Alex", 3, "2026-11-01 10:00", (3, 5, 3), (5, NAN, NAN)),
        ]
    )


def gap_rows(*rows) -> pd.DataFrame:
    """Expected gaps: (mentor, interview_id, interview_at, session_id, held_on, dimension, self, mentor)."""
    records = [
        {"mentor": m, "interview_id": i, "interview_at": pd.Timestamp(at), "company": "Acme", "role": "Engineer",
         "session_id": s, "held_on": pd.Timestamp(held), "dimension": d, "self_score": float(own),
         "mentor_score": float(theirs), "gap": float(theirs - own)}
        for m, i, at, s, held, d, own, theirs in rows
    ]
    return pd.DataFrame(records, columns=GAP_COLUMNS)


def test_a_gap_is_the_mentors_score_minus_yours_on_interviews_both_scored(reviews):
    gaps = score_gaps(reviews)
    expected = gap_rows(
        ("Sam", 1, "2026-10-01 10:00", 1, "2026-10-10", "Skills match", 3, 4),
        ("Sam", 2, "2026-10-05 10:00", 2, "2026-11-10", "Skills match", 2, 3),  # the later session's score wins
        ("Sam", 3, "2026-11-01 10:00", 2, "2026-11-10", "Skills match", 3, 3),
        ("Sam", 1, "2026-10-01 10:00", 1, "2026-10-10", "Enthusiasm signaled", 4, 4),
        ("Sam", 3, "2026-11-01 10:00", 2, "2026-11-10", "Enthusiasm signaled", 5, 4),
        ("Sam", 2, "2026-10-05 10:00", 1, "2026-10-10", "Culture fit", 4, 3),  # not re-scored: the first one stays
        ("Sam", 3, "2026-11-01 10:00", 2, "2026-11-10", "Culture fit", 3, 3),
        ("Alex", 3, "2026-11-01 10:00", 3, "2026-11-15", "Skills match", 3, 5),
    )
    assert_frame_equal(gaps, expected, check_dtype=False)


def test_not_sure_yet_on_either_side_leaves_the_interview_out_never_zero(reviews):
    gaps = score_gaps(reviews)
    assert not ((gaps["interview_id"] == 1) & (gaps["dimension"] == "Culture fit")).any()  # self not sure
    assert not ((gaps["interview_id"] == 2) & (gaps["dimension"] == "Enthusiasm signaled")).any()  # mentor not sure


def test_no_paired_scores_gives_an_empty_frame_with_the_columns():
    empty = pd.DataFrame([review(1, "2026-10-10", "Sam", 1, "2026-10-01", (NAN, NAN, NAN), (4, 4, 4))])
    gaps = score_gaps(empty)
    assert gaps.empty and list(gaps.columns) == GAP_COLUMNS
    assert gap_summary(gaps).empty
    assert gap_sentences(gap_summary(gaps)) == []


def test_the_summary_keeps_mentors_apart_and_waits_for_four_interviews_before_a_trend(reviews):
    summary = gap_summary(score_gaps(reviews))
    expected = pd.DataFrame(
        [
            # skills: gaps +1, +1, 0 -> mean 2/3; earlier half [1], later half [1, 0]
            ("Sam", "Skills match", 3, 0.67, 0.67, 1.0, 0.5, "too early"),
            ("Sam", "Enthusiasm signaled", 2, -0.5, 0.5, 0.0, 1.0, "too early"),
            ("Sam", "Culture fit", 2, -0.5, 0.5, 1.0, 0.0, "too early"),
            ("Alex", "Skills match", 1, 2.0, 2.0, NAN, 2.0, "too early"),
        ],
        columns=["mentor", "dimension", "count", "mean_gap", "mean_abs_gap", "earlier_abs_gap", "later_abs_gap",
                 "trend"],
    )
    assert_frame_equal(summary, expected)


@pytest.mark.parametrize(
    "gaps, trend, earlier, later",
    [
        ([2, 2, 1, 0], "closing", 2.0, 0.5),
        ([0, 1, 1, 2, 2], "widening", 0.5, 1.67),  # five: the middle one goes to the later half
        ([1, -1, 1, 1], "steady", 1.0, 1.0),
        ([1, 1, 1], "too early", 1.0, 1.0),
    ],
)
def test_the_gap_is_closing_when_the_later_half_is_a_quarter_point_nearer(gaps, trend, earlier, later):
    rows = [review(1, "2026-11-10", "Sam", n, f"2026-10-{n + 1:02d}", (3, NAN, NAN), (3 + g, NAN, NAN))
            for n, g in enumerate(gaps)]
    [summary] = gap_summary(score_gaps(pd.DataFrame(rows))).to_dict("records")
    assert (summary["trend"], summary["earlier_abs_gap"], summary["later_abs_gap"]) == (trend, earlier, later)


def test_sentences_say_under_and_over_rating_and_the_trend_in_plain_words(reviews):
    lines = gap_sentences(gap_summary(score_gaps(reviews)), mentor="sam")
    assert lines == [
        "You under-rate your skills match by 0.7 on average: Sam scores it higher (3 interviews).",
        "You over-rate your enthusiasm by 0.5 on average: Sam scores it lower (2 interviews).",
        "You over-rate your culture fit by 0.5 on average: Sam scores it lower (2 interviews).",
    ]


@pytest.mark.parametrize(
    "row, sentence",
    [
        ({"mean_gap": 0.9, "mean_abs_gap": 1.0, "earlier_abs_gap": 1.5, "later_abs_gap": 0.5, "trend": "closing"},
         "You under-rate your skills match by 0.9 on average: Sam scores it higher (6 interviews); "
         "the gap is closing (1.5 → 0.5 points apart)."),
        ({"mean_gap": 0.0, "mean_abs_gap": 1.0, "earlier_abs_gap": 1.0, "later_abs_gap": 1.0, "trend": "steady"},
         "You and Sam differ on skills match by 1.0 on average, both ways (6 interviews); "
         "the gap is steady (1.0 → 1.0 points apart)."),
        ({"mean_gap": 0.1, "mean_abs_gap": 0.1, "earlier_abs_gap": 0.2, "later_abs_gap": 0.0, "trend": "steady"},
         "You and Sam agree on skills match (6 interviews, +0.1 on average)."),
        ({"mean_gap": -0.5, "mean_abs_gap": 0.8, "earlier_abs_gap": 0.3, "later_abs_gap": 1.3, "trend": "widening"},
         "You over-rate your skills match by 0.5 on average: Sam scores it lower (6 interviews); "
         "the gap is widening (0.3 → 1.3 points apart)."),
    ],
)
def test_one_sentence_per_dimension(row, sentence):
    assert gap_sentence(pd.Series({"mentor": "Sam", "dimension": "Skills match", "count": 6} | row)) == sentence


def test_means_per_dimension_over_the_interviews_both_scored(reviews):
    gaps = score_gaps(reviews)
    means = mean_scores(gaps[gaps["mentor"] == "Sam"])
    expected = pd.DataFrame(
        [("Skills match", 3, 2.67, 3.33, 0.67), ("Enthusiasm signaled", 2, 4.5, 4.0, -0.5),
         ("Culture fit", 2, 3.5, 3.0, -0.5)],
        columns=["dimension", "count", "self_mean", "mentor_mean", "mean_gap"],
    )
    assert_frame_equal(means, expected)
