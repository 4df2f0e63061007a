"""The rubric's anchors as the score pickers' help text."""

from __future__ import annotations

import pytest

from lib.domain.model import Dimension
from lib.domain.rubric import RUBRIC


@pytest.mark.parametrize("dimension", list(Dimension))
def test_the_help_beside_a_score_picker_lists_every_anchor_from_1_to_5(dimension: Dimension):
    guide = RUBRIC[dimension]
    paragraphs = guide.anchors_help.split("\n\n")
    assert paragraphs == [f"**{score}**: {guide.anchors[score]}" for score in range(1, 6)]
