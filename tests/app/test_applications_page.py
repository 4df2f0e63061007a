"""The Applications page: every application with its rounds and one next step; `?app=UID` opens one side by side."""

from __future__ import annotations

from datetime import datetime

from lib.domain.model import Dimension, Outcome, Stage
from tests.app.helpers import an_interview, badges, open_menu, open_page, texts
from tests.factories import FIXED_NOW

APPLICATIONS = "pages/applications.py"
KESTREL = dict(company="Kestrel", role="Backend engineer")


def links(at) -> list[tuple[str, str, str]]:
    """Every page link as (label without Markdown escapes, page, query string)."""
    return [(p.label.replace("\\", ""), p.proto.page, p.proto.query_string) for p in at.page_link]


def kestrel_rounds(store, third: dict | None = None) -> list[int]:
    """Two Kestrel rounds a week apart (the second scored 5 / – / 2), and an Acme round in between."""
    ids = [
        store.interviews.save(an_interview(**KESTREL, stage=Stage.PHONE_SCREEN,
                                           interview_at=datetime(2026, 11, 10, 10)), now=FIXED_NOW),
        store.interviews.save(an_interview(interview_at=datetime(2026, 11, 12, 10)), now=FIXED_NOW),
        store.interviews.save(an_interview(**KESTREL, interview_at=datetime(2026, 11, 17, 10), scores={
            Dimension.SKILLS_MATCH: 5, Dimension.ENTHUSIASM: None, Dimension.CULTURE_FIT: 2}), now=FIXED_NOW),
    ]
    if third is not None:
        ids.append(store.interviews.save(an_interview(**KESTREL, **third), now=FIXED_NOW))
    return ids


def test_with_no_applications_it_says_so_and_links_to_the_log_form(app):
    at = open_page(app, APPLICATIONS)
    assert not at.exception
    assert "No applications yet" in at.info[0].value
    assert [label for label, _, _ in links(at)] == ["Log an interview"]


def test_each_application_lists_its_rounds_in_order_with_their_scores_newest_application_first(app, store):
    first, _, _ = kestrel_rounds(store)
    at = open_page(app, APPLICATIONS)
    assert not at.exception
    page = texts(at)
    assert page.index("Kestrel: Backend engineer") < page.index("Acme: Data engineer")  # latest round first
    assert "2 applications, newest first" in page
    assert "Skills 4 · Enthusiasm 3 · Culture –" in page and "Skills 5 · Enthusiasm – · Culture 2" in page
    shown = links(at)
    uid = store.applications.of_interview(first).uid
    assert ("Open", "applications", f"app={uid}") in shown
    assert not [label for label, _, _ in shown if label.startswith("Round")]  # one Markdown block, not a link each
    kestrel = next(m.value for m in at.markdown if m.value.startswith("**Round 1**"))
    assert kestrel.split("  \n") == [  # text: a Markdown link would open a new tab; Open leads to each round
        "**Round 1** · Phone screen · Tue 10 Nov · :gray[Skills 4 · Enthusiasm 3 · Culture –]",
        "**Round 2** · Hiring manager · Tue 17 Nov · :gray[Skills 5 · Enthusiasm – · Culture 2]",
    ]
    assert ":blue-badge[Active]" in badges(at)


def test_the_next_step_of_an_application_is_its_latest_rounds(app, store):
    kestrel_rounds(store)
    at = open_page(app, APPLICATIONS)
    page = texts(at)
    # Kestrel: round 1's follow-up moved on with round 2; round 2's thank-you is what is left
    assert "**Next:** Thank-you note to Jane Doe · Overdue since Wed 18 Nov, 10:45: still worth sending" in page
    assert "**Next:** Thank-you note to Jane Doe · Overdue since Fri 13 Nov, 10:45: still worth sending" in page  # Acme


def test_a_round_booked_ahead_asks_for_preparation_and_one_that_is_over_for_its_scores(app, store):
    kestrel_rounds(store, third=dict(interview_at=datetime(2026, 11, 26, 14), scores={}, evidence={}))
    at = open_page(app, APPLICATIONS)
    assert "**Next:** Round 3 on Thu 26 Nov: prepare" in texts(at)
    assert "Booked, 14:00" in texts(at)  # in place of its scores

    over = store.interviews.save(an_interview(company="Wren", role="Analyst", interview_at=datetime(2026, 11, 20, 10),
                                              scores={}, evidence={}), now=datetime(2026, 11, 19, 9))
    at = open_page(app, APPLICATIONS)
    assert "**Next:** Score round 1 while it's fresh" in texts(at)
    assert ("Score it", "log", f"id={over}") in links(at)


def test_a_closed_application_shows_its_status_as_its_next_step(app, store):
    store.interviews.save(an_interview(outcome=Outcome.OFFER, outcome_on=FIXED_NOW.date()), now=FIXED_NOW)
    at = open_page(app, APPLICATIONS)
    assert ":green-badge[Offer]" in badges(at)
    assert "**Next:** Offer" in texts(at)


def test_demo_applications_carry_the_demo_badge(app, store):
    store.interviews.save(an_interview(is_demo=True), now=FIXED_NOW)
    at = open_page(app, APPLICATIONS)
    assert ":blue-badge[Active]" in badges(at) and ":gray-badge[demo]" in badges(at)


def test_applications_come_ten_to_a_page(app, store):
    for day in range(1, 13):
        store.interviews.save(an_interview(company=f"Company {day:02}", interview_at=datetime(2026, 11, day, 10)),
                              now=FIXED_NOW)
    at = open_page(app, APPLICATIONS)
    assert "1–10 of 12 applications · page 1 of 2" in texts(at)
    assert "Company 12" in texts(at) and "Company 03" in texts(at) and "Company 02" not in texts(at)
    assert not at.number_input  # Newer and Older, as on Interviews
    at = at.button(key="top.older").click().run()
    page = texts(at)
    assert at.query_params["page"] == "2"  # a bookmark or a refresh lands on it again
    assert "11–12 of 12 applications · page 2 of 2" in page and "Company 02" in page and "Company 01" in page
    assert "Company 12" not in page
    [(_, _, opened)] = [link for link in links(at) if link[0] == "Open" and link[2].startswith("app=")][:1]
    assert opened.endswith("&page=2")  # All applications comes back to this page
    uid = opened.split("&")[0].removeprefix("app=")
    at.query_params["app"] = uid  # as the Open link does
    at = at.run()
    [back] = [b for b in at.button if b.label == "All applications"]
    at = back.click().run()
    assert "page 2 of 2" in texts(at) and "Company 01" in texts(at)


def test_one_application_shows_its_rounds_side_by_side_with_a_chart_and_the_why_of_closed_steps(app, store):
    first, _, second = kestrel_rounds(store)
    uid = store.applications.of_interview(first).uid
    at = open_page(app, APPLICATIONS, app=uid)
    assert not at.exception
    page = texts(at)
    assert at.header[0].value.replace("\\", "") == "Kestrel: Backend engineer"
    columns = [[m.value for m in c.markdown if m.value.startswith("**Round")] for c in at.columns]
    assert [c for c in columns if c] == [["**Round 1** · Phone screen  \n:gray[Tue 10 Nov]"],
                                         ["**Round 2** · Hiring manager  \n:gray[Tue 17 Nov]"]]  # one column each
    assert not at.get("vega_lite_chart")  # a picture: the browser draws an image for a fraction of a chart's cost
    [picture] = at.image[0].proto.imgs  # the three dimensions across rounds, in words for a screen reader
    assert picture.alt == ("Your self-scores across rounds. round 1: Skills 4 · Enthusiasm 3 · Culture –; "
                           "round 2: Skills 5 · Enthusiasm – · Culture 2.")
    assert "**Skills match** 5" in page and "**Enthusiasm signaled** –" in page
    assert "Walked through the pipeline rebuild" in page  # the evidence under its score
    assert ("Closed: round 2 followed: Thank-you note to Jane Doe, Soft touch (optional), Status check-in"
            in page)  # round 1's steps, closed by round 2
    at = open_menu(at, f"round-{first}.why")
    assert "Round 2 followed (Tue 17 Nov), so no check-in is needed: this round moved you on." in texts(at)
    assert ("Open this round", "interviews", f"id={second}") in links(at)
    assert "All applications" in [b.label for b in at.button]


def test_an_application_with_no_scores_draws_no_chart(app, store):
    ahead = store.interviews.save(an_interview(interview_at=datetime(2026, 11, 26, 14), scores={}, evidence={},
                                               prep_questions="Ask about *on-call*"), now=FIXED_NOW)
    at = open_page(app, APPLICATIONS, app=store.applications.of_interview(ahead).uid)
    assert not at.image and not at.get("vega_lite_chart")
    page = texts(at)
    assert "Booked for Thu 26 Nov, 14:00" in page
    assert "**What to ask them:** Ask about *on-call*" in page  # escaped: shown as typed


def test_an_unknown_application_says_so(app, store):
    store.interviews.save(an_interview(), now=FIXED_NOW)
    at = open_page(app, APPLICATIONS, app="app-gone")
    assert "There is no such application" in at.warning[0].value


def test_user_text_in_an_application_is_shown_as_typed_never_as_markdown(app, store):
    link = "[x](javascript:window.x=1) *loud*"
    first = store.interviews.save(an_interview(company=link, evidence={Dimension.SKILLS_MATCH: link}), now=FIXED_NOW)
    store.interviews.save(an_interview(company=link, interview_at=datetime(2026, 11, 26, 14), scores={}, evidence={},
                                       prep_questions=link), now=FIXED_NOW)
    uid = store.applications.of_interview(first).uid
    for at in (open_page(app, APPLICATIONS), open_page(app, APPLICATIONS, app=uid)):
        assert not at.exception
        shown = "\n".join([*(m.value for m in at.markdown), *(h.value for h in at.header)])
        assert "](javascript" not in shown and "*loud*" not in shown  # every bracket and star escaped
        assert "\\[x\\]\\(javascript\\:window\\.x\\=1\\) \\*loud\\*" in shown


def test_a_long_process_lists_its_latest_five_rounds_and_counts_the_rest(app, store):
    for day in range(2, 9):  # seven rounds
        store.interviews.save(an_interview(interview_at=datetime(2026, 11, day, 10)), now=FIXED_NOW)
    at = open_page(app, APPLICATIONS)
    assert not at.exception
    block = next(m.value for m in at.markdown if "earlier rounds" in m.value).split("  \n")
    assert block[0] == ":gray[2 earlier rounds: open the application to see them all.]"
    assert [line.split(" · ")[0] for line in block[1:]] == [f"**Round {n}**" for n in range(3, 8)]
