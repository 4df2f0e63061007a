"""The Interviews page and applications: rounds of one application together, booked and unscored cards."""

from __future__ import annotations

from datetime import datetime

from tests.app.helpers import INTERVIEWS, an_interview, badges, open_details, open_menu, open_page, texts
from tests.factories import FIXED_NOW

KESTREL = dict(company="Kestrel", role="Backend engineer")


def links(at) -> list[tuple[str, str, str]]:
    return [(p.label.replace("\\", ""), p.proto.page, p.proto.query_string) for p in at.page_link]


def cards(at) -> list[tuple[str, str]]:
    """The company and role of each card, top to bottom, with its line of when, stage, format and round."""
    headings = [m.value.replace("\\", "").split("  \n") for m in at.markdown if m.value.startswith("**")]
    return [(lines[0], lines[1]) for lines in headings if len(lines) > 2 and lines[1].startswith(":gray[")]


def test_rounds_of_one_application_sit_together_each_saying_which_round_it_is(app, store):
    first = store.interviews.save(an_interview(**KESTREL, interview_at=datetime(2026, 11, 10, 10)), now=FIXED_NOW)
    store.interviews.save(an_interview(interview_at=datetime(2026, 11, 12, 10)), now=FIXED_NOW)
    store.interviews.save(an_interview(**KESTREL, interview_at=datetime(2026, 11, 17, 10)), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    assert not at.exception
    assert cards(at) == [
        ("**Kestrel: Backend engineer**", ":gray[Tue 17 Nov, 10:00 · Hiring manager · Video · round 2 of 2]"),
        ("**Kestrel: Backend engineer**", ":gray[Tue 10 Nov, 10:00 · Hiring manager · Video · round 1 of 2]"),
        ("**Acme: Data engineer**", ":gray[Thu 12 Nov, 10:00 · Hiring manager · Video]"),  # one round: no count
    ]
    assert "**Follow-up closed:** round 2 followed." in texts(at)  # round 1 moved on; the whole why in Details
    assert not [link for link in links(at) if link[1] == "applications"]  # the link waits in Details too
    at = open_details(at, first)
    uid = store.applications.of_interview(first).uid
    rounds = [(label, query) for label, page, query in links(at) if page == "applications"]
    assert rounds == [("Round 1 of 2 · Kestrel: Backend engineer", f"app={uid}")]
    assert "Round 2 followed (Tue 17 Nov), so no check-in is needed: this round moved you on." in texts(at)


def test_a_booked_interview_shows_when_and_its_preparation_without_scores_or_timeline(app, store):
    booked = store.interviews.save(an_interview(interview_at=datetime(2026, 12, 3, 14), scores={}, evidence={},
                                                prep_questions="Who owns *on-call*?", prep_pitch="I ship"),
                                   now=FIXED_NOW)
    at = open_page(app, INTERVIEWS)
    assert not at.exception
    assert "**What to ask them:**" not in texts(at)  # the notes open on demand
    at = open_menu(at, f"iv{booked}.prep")
    page = texts(at)
    assert "**Booked for Thu 3 Dec, 14:00.** :gray[Follow-up starts once it is over.]" in page
    assert "**What to ask them:** Who owns *on-call*?" in page  # escaped: shown as typed, not as emphasis
    assert "\\*on\\-call\\*" in "\n".join(m.value for m in at.markdown)
    assert "**What they must learn about you:** I ship" in page
    assert not [b for b in badges(at) if "/ 5" in b or "not sure yet" in b]  # no scores
    assert not at.image and "Next:" not in page  # no timeline
    assert ("Edit or add notes", "log", f"id={booked}") in links(at)


def test_an_interview_that_is_over_but_not_debriefed_links_to_score_it(app, store):
    over = store.interviews.save(an_interview(interview_at=datetime(2026, 11, 20, 10), scores={}, evidence={}),
                                 now=datetime(2026, 11, 19, 9))
    at = open_page(app, INTERVIEWS)
    assert not at.exception
    assert ("Score it while it's fresh", "log", f"id={over}") in links(at)
    assert not [b for b in badges(at) if "not sure yet" in b]  # the link stands in for three empty scores
    assert len(at.image) == 1  # its follow-up started at its end


def test_a_focused_round_keeps_its_round_line(app, store):
    store.interviews.save(an_interview(**KESTREL, interview_at=datetime(2026, 11, 10, 10)), now=FIXED_NOW)
    second = store.interviews.save(an_interview(**KESTREL, interview_at=datetime(2026, 11, 17, 10)), now=FIXED_NOW)
    at = open_page(app, INTERVIEWS, id=str(second))
    assert [label for label, page, _ in links(at) if page == "applications"] == [
        "Round 2 of 2 · Kestrel: Backend engineer"]
