"""The Interviews page and applications: rounds of one application together, booked and unscored cards."""

from __future__ import annotations

from datetime import datetime

from tests.app.helpers import INTERVIEWS, an_interview, badges, open_page, texts
from tests.factories import FIXED_NOW

KESTREL = dict(company="Kestrel", role="Backend engineer")


def links(at) -> list[tuple[str, str, str]]:
    return [(p.label.replace("\\", ""), p.proto.page, p.proto.query_string) for p in at.page_link]


def cards(at) -> list[str]:
    """The company and role heading of each card, top to bottom."""
    return [m.value.split("\n")[0].replace("\\", "") for m in at.markdown if m.value.startswith("### ")]


def test_rounds_of_one_application_sit_together_each_saying_which_round_it_is(app, store):
    first = store.interviews.save(an_interview(**KESTREL, interview_at=datetime(2026, 11, 10, 10)), now=FIXED_NOW)
    store.interviews.save(an_interview(interview_at=datetime(2026, 11, 12, 10)), now=FIXED_NOW)
    store.interviews.save(an_interview(**KESTREL, interview_at=datetime(2026, 11, 17, 10)), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    assert not at.exception
    assert cards(at) == ["### Kestrel: Backend engineer", "### Kestrel: Backend engineer", "### Acme: Data engineer"]
    uid = store.applications.of_interview(first).uid
    rounds = [(label, query) for label, page, query in links(at) if page == "applications"]
    assert rounds == [("Round 2 of 2 · Kestrel: Backend engineer", f"app={uid}"),
                      ("Round 1 of 2 · Kestrel: Backend engineer", f"app={uid}")]  # Acme's one round has none
    assert ("**Follow-up closed:** Round 2 followed (Tue 17 Nov), so no check-in is needed: this round moved you on."
            in texts(at))  # round 1 moved on


def test_a_booked_interview_shows_when_and_its_preparation_without_scores_or_timeline(app, store):
    booked = store.interviews.save(an_interview(interview_at=datetime(2026, 12, 3, 14), scores={}, evidence={},
                                                prep_questions="Who owns *on-call*?", prep_pitch="I ship"),
                                   now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    assert not at.exception
    page = texts(at)
    assert "**Booked for Thu 3 Dec, 14:00.** :gray[Follow-up starts once it is over.]" in page
    assert "**What to ask them:** Who owns *on-call*?" in page  # escaped: shown as typed, not as emphasis
    assert "\\*on\\-call\\*" in "\n".join(m.value for m in at.markdown)
    assert "**What they must learn about you:** I ship" in page
    assert not [b for b in badges(at) if "/ 5" in b or "not sure yet" in b]  # no scores
    assert not at.get("vega_lite_chart") and "Next:" not in page  # no timeline
    assert ("Edit or add notes", "log", f"id={booked}") in links(at)


def test_an_interview_that_is_over_but_not_debriefed_links_to_score_it(app, store):
    over = store.interviews.save(an_interview(interview_at=datetime(2026, 11, 20, 10), scores={}, evidence={}),
                                 now=datetime(2026, 11, 19, 9))
    at = open_page(app, INTERVIEWS)
    assert not at.exception
    assert ("Score it while it's fresh", "log", f"id={over}") in links(at)
    assert not [b for b in badges(at) if "not sure yet" in b]  # the link stands in for three empty scores
    assert len(at.get("vega_lite_chart")) == 1  # its follow-up started at its end


def test_a_focused_round_keeps_its_round_line(app, store):
    store.interviews.save(an_interview(**KESTREL, interview_at=datetime(2026, 11, 10, 10)), now=FIXED_NOW)
    second = store.interviews.save(an_interview(**KESTREL, interview_at=datetime(2026, 11, 17, 10)), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS, id=str(second))
    assert [label for label, page, _ in links(at) if page == "applications"] == [
        "Round 2 of 2 · Kestrel: Backend engineer"]
