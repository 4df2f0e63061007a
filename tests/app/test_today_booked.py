"""Today with interviews logged ahead: score the one that just ended first, see what is coming up, log a new one."""

from __future__ import annotations

from datetime import datetime

from lib.domain.coming_up import ON_THE_DAY
from lib.domain.model import Stage
from lib.domain.text import md_escape
from tests.app.helpers import TODAY, an_interview, open_menu, open_page, texts
from tests.factories import FIXED_NOW

# FIXED_NOW is Fri 20 Nov 2026, 17:00.


def book(store, when: datetime, minutes: int = 60, **fields) -> int:
    """An interview logged ahead: booked, no scores yet."""
    interview = an_interview(interview_at=when, duration_min=minutes, booked=True, scores={}, evidence={}, **fields)
    return store.interviews.save(interview, now=FIXED_NOW)


def subheaders(at) -> list[str]:
    return [s.value for s in at.subheader]


def test_an_interview_that_just_ended_is_the_first_item_with_score_it_now(app, store):
    store.interviews.save(an_interview(company="Older", interview_at=datetime(2026, 11, 20, 9, 0)), now=FIXED_NOW)
    ended = book(store, datetime(2026, 11, 20, 10, 0), company="Kestrel", role="Backend engineer",
                 stage=Stage.TECHNICAL)
    at = open_page(app, TODAY)
    assert not at.exception
    assert subheaders(at)[0] == "Score it while it's fresh"
    assert subheaders(at).index("Score it while it's fresh") < subheaders(at).index("Due now")
    assert "Kestrel: Backend engineer · Technical, ended 11:00 today" in texts(at)
    score = at.button(key=f"score-it.{ended}")
    assert (score.label, score.proto.type) == ("Score it now", "primary")


def test_score_it_now_opens_the_log_form_on_that_entry_in_one_click(app, store):
    ended = book(store, datetime(2026, 11, 20, 16, 0), 45, company="Kestrel", role="Backend engineer")
    at = open_page(app, TODAY)
    at = at.button(key=f"score-it.{ended}").click().run()
    assert not at.exception
    assert at.query_params["id"] == str(ended)
    assert at.text_input(key="f.company").value == "Kestrel"  # filled in: only the scores are left to give


def test_a_scored_interview_leaves_score_it_and_nothing_empty_is_drawn(app, store):
    store.interviews.save(an_interview(interview_at=datetime(2026, 11, 20, 9, 0)), now=FIXED_NOW)
    at = open_page(app, TODAY)
    assert "Score it while it's fresh" not in subheaders(at)
    assert "Coming up" not in subheaders(at)
    assert not [b for b in at.button if b.key and b.key.startswith("score-it")]


def test_coming_up_lists_the_week_soonest_first_with_the_on_the_day_reminder(app, store):
    book(store, datetime(2026, 11, 24, 10, 0), company="Kestrel", role="Backend engineer", stage=Stage.TECHNICAL)
    book(store, datetime(2026, 11, 20, 18, 0), 30, company="Heron", role="SRE", stage=Stage.PHONE_SCREEN)
    book(store, datetime(2026, 11, 30, 10, 0), company="Too far")  # next Monday: past the seven days
    at = open_page(app, TODAY)
    page = texts(at)
    assert "Coming up" in subheaders(at)
    assert page.index("Today, 18:00–18:30") < page.index("Tue 24 Nov, 10:00–11:00")
    assert "Heron: SRE · Phone screen" in page and "Kestrel: Backend engineer · Technical" in page
    assert "Too far" not in page
    assert page.count(ON_THE_DAY) == 1  # only today's interview, not Tuesday's


def test_preparation_notes_are_one_click_away_and_shown_as_typed(app, store):
    booked_id = book(store, datetime(2026, 11, 23, 10, 0), company="Kestrel",
                     prep_questions="How is *on-call* shared? [link](javascript:alert(1))",
                     prep_stories="The pipeline rebuild")
    at = open_page(app, TODAY)
    assert "What to ask them" not in texts(at)  # closed: its body is not drawn
    at = open_menu(at, f"prep.{booked_id}")
    page = texts(at)
    assert "What to ask them" in page and "Stories to tell" in page
    assert "What they must learn about you" not in page  # left empty: no empty heading
    raw = "\n".join(m.value for m in at.markdown)
    assert r"How is \*on\-call\* shared? \[link\]\(javascript\:alert\(1\)\)" in raw  # escaped, not rendered
    assert any(p.label == "Edit these notes" and p.proto.query_string == f"id={booked_id}" for p in at.page_link)


def test_an_interview_without_preparation_offers_to_add_some(app, store):
    booked_id = book(store, datetime(2026, 11, 23, 10, 0))
    at = open_page(app, TODAY)
    assert any(p.label == "Add preparation notes" and p.proto.query_string == f"id={booked_id}"
               for p in at.page_link)


def test_log_an_interview_is_a_primary_button_beside_the_title_and_opens_a_new_entry(app, store):
    store.interviews.save(an_interview(interview_at=datetime(2026, 11, 20, 9, 0)), now=FIXED_NOW)
    at = open_page(app, TODAY)
    button = at.button(key="today.log")
    assert (button.label, button.proto.type) == ("Log an interview", "primary")
    at = button.click().run()
    assert at.title[0].value == "Log an interview"
    assert at.text_input(key="f.company").value == ""


def test_the_welcome_loads_the_demo_with_the_data_pages_words_and_says_how_to_remove_it(app, store):
    at = app.run()
    assert "remove them in one click from the sidebar or the Your data page" in texts(at)
    at = next(b for b in at.button if b.label == "Explore with demo data").click().run()
    assert store.interviews.count(demo=True) > 0
    assert "demo interviews, each marked demo. Your own entries are untouched." in at.toast[0].value


def test_the_welcomes_first_button_opens_the_log_form(app):
    at = app.run()
    at = next(b for b in at.button if b.label == "Log your first interview").click().run()
    assert at.title[0].value == "Log an interview"


def test_latest_entries_leave_out_booked_interviews_which_have_no_scores_to_show(app, store):
    store.interviews.save(an_interview(company="Acme", interview_at=datetime(2026, 11, 19, 9, 0)), now=FIXED_NOW)
    book(store, datetime(2026, 11, 24, 10, 0), company="Kestrel", role="Backend engineer")
    book(store, datetime(2026, 11, 20, 10, 0), company="Heron", role="SRE")
    book(store, datetime(2026, 12, 14, 10, 0), company="Far off", role="SRE")  # beyond Coming up, still unscored
    at = open_page(app, TODAY)
    latest = [p.label for p in at.page_link if p.proto.page.endswith("interviews") and p.label != "Open entry"]
    assert latest == [md_escape("Acme: Data engineer")]  # a label renders Markdown: the name is escaped
