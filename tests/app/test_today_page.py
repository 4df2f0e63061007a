"""The Today page: a welcome when empty; otherwise what is due, what opens soon, and progress."""

from __future__ import annotations

from datetime import datetime

from lib.domain.model import Dimension
from lib.domain.steps import StepMark, StepStatus
from lib.domain.text import md_escape
from tests.app.helpers import TODAY, an_interview, open_menu, open_page, texts
from tests.factories import FIXED_NOW


def test_a_first_time_user_is_welcomed_with_the_three_dimensions_and_two_ways_in(app):
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Welcome to Debrief"
    page = texts(at)
    for label in ("Skills match", "Enthusiasm signaled", "Culture fit"):
        assert f"**{label}**" in page
    # AppTest does not follow st.switch_page; the browser journey clicks through to the form
    assert [b.label for b in at.button] == ["Log your first interview", "Explore with demo data"]


def test_demo_data_loads_in_one_click_and_leaves_in_one_click(app, store):
    own = store.interviews.save(an_interview(company="My own company"), now=FIXED_NOW)
    at = app.run()
    assert at.title[0].value == "Today"  # with data, Today is the default
    store.interviews.delete(own)
    at = app.run()
    at = next(b for b in at.button if b.label == "Explore with demo data").click().run()
    demo_count = store.interviews.count(demo=True)
    assert 20 <= demo_count <= 40
    assert at.title[0].value == "Today"
    assert "made-up interviews beside none of your own yet" in texts(at)
    store.interviews.save(an_interview(company="My own company"), now=FIXED_NOW)
    at = at.button(key="remove_demo").click().run()
    assert store.interviews.count(demo=True) == 0
    assert [i.company for i in store.interviews.find()] == ["My own company"]


def test_what_is_due_now_links_to_its_entry(app, store):
    interview_id = store.interviews.save(an_interview(interview_at=datetime(2026, 11, 20, 15, 0)), now=FIXED_NOW)
    at = open_page(app, TODAY)
    page = texts(at)
    assert "Due now" in page
    assert "Thank-you note to Jane Doe" in page
    links = [p for p in at.page_link if p.label == "Open entry"]
    assert links
    assert all(p.proto.query_string == f"id={interview_id}" for p in links)


def test_progress_compares_the_last_five_with_all(app, store):
    for day, skills in zip(range(1, 8), [2, 2, 3, 4, 4, 5, 5], strict=True):
        when = datetime(2026, 11, day, 10, 0)
        store.interviews.save(an_interview(interview_at=when, scores={Dimension.SKILLS_MATCH: skills}), now=FIXED_NOW)
    at = open_page(app, TODAY)
    assert "Skills match 4.2 vs 3.6" in texts(at)  # last five: 3,4,4,5,5; all seven: 25/7
    assert "Culture fit: not scored yet" in texts(at)


def test_when_nothing_is_due_it_says_all_caught_up(app, store):
    interview_id = store.interviews.save(an_interview(interview_at=datetime(2026, 11, 20, 9, 0)), now=FIXED_NOW)
    person = store.interviews.get(interview_id).interviewers[0]
    store.follow_up.mark(
        interview_id, StepMark(f"thank_you:{person.id}", StepStatus.DONE, datetime(2026, 11, 20).date())
    )
    at = open_page(app, TODAY)
    assert "All caught up" in texts(at)


def test_a_long_due_list_shows_the_most_urgent_ten_and_more_on_request(app, store):
    for n in range(12):
        store.interviews.save(an_interview(company=f"Company {n:02}", interview_at=datetime(2026, 11, 20, 9, n)),
                              now=FIXED_NOW)
    at = open_page(app, TODAY)
    assert len([p for p in at.page_link if p.label == "Open entry"]) == 10
    more = at.button(key="due.more")
    assert more.label.startswith("Show 2 more (2 not shown")
    at = more.click().run()
    assert len([p for p in at.page_link if p.label == "Open entry"]) == 12
    assert not [b for b in at.button if b.key == "due.more"]


def test_a_crowded_day_in_the_week_lists_six_and_counts_the_rest(app, store):
    for n in range(8):  # eight soft touches, all on Thu 26 Nov (7 days after Thursday's thank-you notes)
        store.interviews.save(an_interview(company=f"Company {n}", interview_at=datetime(2026, 11, 19, 9, n)),
                              now=FIXED_NOW)
    at = open_menu(open_page(app, TODAY), "wk.2026-11-26")  # Draft ahead, on Thursday
    soft_touches = [b for b in at.button if b.key and b.key.endswith(".soft_touch.draft") and b.key.startswith("wk")]
    assert len(soft_touches) == 6
    assert "and 2 more on this day" in texts(at)


def test_latest_entries_show_a_company_name_as_typed_never_as_markdown(app, store):
    store.interviews.save(an_interview(company="*Bold* Co_", interview_at=datetime(2026, 11, 10, 14)), now=FIXED_NOW)
    at = open_page(app, TODAY)
    labels = [link.proto.label for link in at.get("page_link")]
    assert md_escape("*Bold* Co_: Data engineer") in labels
