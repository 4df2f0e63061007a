"""The rubric: what interviewers weigh afterwards, and what each score looks like.

Anchors describe what the candidate could *observe* in the room, so a score is something
the candidate can defend with evidence rather than a mood.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.domain.model import Dimension


@dataclass(frozen=True)
class DimensionGuide:
    dimension: Dimension
    question: str  # the one-line explanation shown to a first-time user
    anchors: dict[int, str]  # score -> what that score looks like
    evidence_prompt: str

    @property
    def label(self) -> str:
        return self.dimension.label

    def anchor(self, score: int | None) -> str:
        return NOT_SURE if score is None else self.anchors[score]

    @property
    def anchors_help(self) -> str:
        """Every anchor of the scale as Markdown, one paragraph per score: the help beside a score picker."""
        return "\n\n".join(f"**{n}**: {text}" for n, text in self.anchors.items())


NOT_SURE = "leave it unscored rather than guess; you can score it later."

RUBRIC: dict[Dimension, DimensionGuide] = {
    Dimension.SKILLS_MATCH: DimensionGuide(
        Dimension.SKILLS_MATCH,
        "Do you have the skills this job needs, and did you show them clearly?",
        {
            1: "Could not answer core questions for the role; examples missing or off-target.",
            2: "Answered some essentials, but examples were thin or hard to follow.",
            3: "Covered the essential skills with relevant examples; a gap or two showed.",
            4: "Strong, job-specific examples; explained clearly and tackled problems head-on.",
            5: "Showed every essential skill applied to their problems, clearly and convincingly.",
        },
        "Which question or example shows it? What did you say or do?",
    ),
    Dimension.ENTHUSIASM: DimensionGuide(
        Dimension.ENTHUSIASM,
        "Did they come away sure you want this role, here, and would stay?",
        {
            1: "Came across unprepared or lukewarm; little sign you want this role.",
            2: "Polite interest, generic reasons; nothing specific to them.",
            3: "Said why you want the role and showed some research on the organisation.",
            4: "Specific reasons tied to their mission and work; asked thoughtful questions.",
            5: "Made it unmistakable they are near the top of your list, and why, specifically.",
        },
        "What did you say or ask that showed your interest in them specifically?",
    ),
    Dimension.CULTURE_FIT: DimensionGuide(
        Dimension.CULTURE_FIT,
        "Would you fit the team: work style, communication, how you get on with people?",
        {
            1: "Styles clashed: awkward rapport, or your way of working seemed at odds with theirs.",
            2: "Civil but stiff; unclear how you would work with them day to day.",
            3: "Easy rapport; your work style seemed compatible with the team's.",
            4: "Real back-and-forth; shared values or ways of working came up naturally.",
            5: "Felt like a colleague already: they talked about you on the team.",
        },
        "What moment showed how you would work with these people?",
    ),
}

SCALE = tuple(range(1, 6))


def score_label(score: int | None) -> str:
    return "Not sure yet" if score is None else f"{score} / 5"
