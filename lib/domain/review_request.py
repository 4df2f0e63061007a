"""Asking a mentor for a review by email: who, which interviews, and the limits a reply keeps to.

A review packet goes to one named mentor about at least one interview; the reply that comes back
(format `debrief-review-reply`, version 1) names every interview of the packet by its uid and
holds at most `MAX_ACTIONS` suggested actions per interview. The packet's page enforces the same
limits as the importer, so what a mentor downloads is something Debrief can read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lib.domain.coaching import COACHING_LIMITS, clean_mentor
from lib.domain.model import Interview, ValidationError
from lib.domain.privacy import private_fields_with_text

REPLY_FORMAT = "debrief-review-reply"
REPLY_VERSION = 1
MAX_ACTIONS = 20  # suggested actions per interview in a reply
MAX_INTERVIEWS = 200  # interviews in one packet (and so in one reply)


def check_request(mentor: str, interview_ids: Sequence[int]) -> str:
    """The mentor's name as it will be written, or ValidationError naming the field to fix.

    >>> check_request("  Sam   Lee ", [3])
    'Sam Lee'
    """
    name, errors = clean_mentor(mentor), {}
    if not name:
        errors["mentor"] = "needs a name: who will review these interviews?"
    elif len(name) > COACHING_LIMITS["mentor"]:
        errors["mentor"] = f"is too long (the limit is {COACHING_LIMITS['mentor']} characters)"
    if not interview_ids:
        errors["interview_ids"] = "pick at least one interview, or a whole application"
    elif len(interview_ids) > MAX_INTERVIEWS:
        errors["interview_ids"] = f"one packet holds at most {MAX_INTERVIEWS} interviews: pick fewer"
    if errors:
        raise ValidationError(errors)
    return name


def with_private_notes(interviews: Iterable[Interview]) -> int:
    """How many of `interviews` keep some text private (which a packet leaves out whatever is shared)."""
    return sum(1 for interview in interviews if private_fields_with_text(interview))


def private_notes_line(interviews: Sequence[Interview]) -> str:
    """'Private notes are never included: 2 of the 5 picked interviews have some.'"""
    count = with_private_notes(interviews)
    if not interviews:
        return "Private notes are never included."
    if count == 0:
        return "Private notes are never included: none of the picked interviews has any."
    return f"Private notes are never included: {count} of the {len(interviews)} picked interviews have some."
