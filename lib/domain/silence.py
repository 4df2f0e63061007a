"""Silence after a check-in: one more polite nudge, then the suggestion to record "no response".

Hiring is slow and a single unanswered email is common, so the app nudges once and then offers to
close the application calmly (one click, never automatic), without a third check-in (DOMAIN.md).
"""

from __future__ import annotations

from collections.abc import Mapping

from lib.domain.days import add_business_days, human_date
from lib.domain.model import Interview
from lib.domain.steps import Step, StepKind, StepMark, StepStatus, open_step

SECOND_CHECK_IN_AFTER = 5  # business days after the first check-in went out
NO_RESPONSE_AFTER = 10  # business days after the second one went out


def silence_steps(interview: Interview, marks: Mapping[str, StepMark]) -> list[Step]:
    """The second check-in once the first was sent, and the no-response suggestion once that one was.

    Both count from the day the earlier email really went out (its mark); a second check-in the
    user skipped counts from the day it was skipped, so the suggestion still comes.
    """
    first = marks.get(StepKind.CHECK_IN.value)
    if first is None or first.status is not StepStatus.DONE:
        return []
    sent = human_date(first.on, interview.day0)
    via = f", via {interview.recruiter} (recruiter)" if interview.recruiter else ""
    second = open_step(
        StepKind.SECOND_CHECK_IN.value,
        StepKind.SECOND_CHECK_IN,
        f"Second check-in{via}",
        add_business_days(first.on, SECOND_CHECK_IN_AFTER),
        f"Your check-in went out {sent} and no answer has come yet. One polite nudge is fine, and a "
        f"single unanswered email is common: {SECOND_CHECK_IN_AFTER} business days on, reply to your own "
        "email, say you are still interested and ask whether there is any news on the timeline.",
    )
    nudge = marks.get(StepKind.SECOND_CHECK_IN.value)
    if nudge is None:
        return [second]
    nudged = human_date(nudge.on, interview.day0)
    suggestion = open_step(
        StepKind.NO_RESPONSE.value,
        StepKind.NO_RESPONSE,
        "No answer yet: record “no response”?",
        add_business_days(nudge.on, NO_RESPONSE_AFTER),
        f"Two check-ins ({sent} and {nudged}) have gone unanswered for {NO_RESPONSE_AFTER} business days. "
        "Silence is common and it is not a verdict on you: processes stall, budgets move, inboxes overflow. "
        "Recording no response closes this follow-up so it stops weighing on you; if they write back, "
        "change the outcome and carry on. No third check-in is needed.",
    )
    return [second, suggestion]
