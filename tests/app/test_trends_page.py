"""The Trends page through the entrypoint: empty, sparse, demo and big data; filters from the URL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from streamlit.testing.v1 import AppTest

from lib.domain.model import Dimension, Outcome, Stage
from lib.files.demo import load_demo, load_generated
from tests.app.helpers import ENTRYPOINT, an_interview, open_page, texts
from tests.factories import FIXED_NOW

TRENDS = "pages/trends.py"


def charts(at) -> list:
    return at.get("vega_lite_chart")


def infos(at) -> list[str]:
    return [i.value for i in at.main.info]  # not the sidebar's demo banner


SECTIONS = ("Scores over time", "Recent against earlier", "By stage and company", "Scores and outcomes",
            "Follow-up discipline")


def open_section(at: AppTest, label: str) -> AppTest:
    """A click on the section's tab: the page reruns with it open (and names it in the URL)."""
    at.session_state["section"] = label
    return at.run()


def drawn(at: AppTest) -> list[str]:
    """The tabs whose content is on the page: only the open one."""
    return [tab.label for tab in at.tabs if len(tab.children)]


def test_with_no_entries_it_says_what_will_appear_and_when(app):
    at = open_page(app, TRENDS)
    assert not at.exception
    assert "No interviews yet" in at.info[0].value
    assert "from the 2nd" in at.info[0].value and "from the 8th" in at.info[0].value
    assert [p.label for p in at.page_link] == ["Log an interview"]
    assert not charts(at)


def test_a_few_entries_show_the_trend_and_explain_the_rest(app, store):
    for days_ago, skills in ((10, 2), (5, 3), (1, 4)):
        at_time = datetime(2026, 11, 20, 10, 0) - timedelta(days=days_ago)
        store.interviews.save(an_interview(interview_at=at_time, scores={Dimension.SKILLS_MATCH: skills}),
                              now=FIXED_NOW)
    at = open_page(app, TRENDS)
    assert not at.exception
    assert len(charts(at)) == 1  # skills match, the only one scored: unscored draws nothing
    page = texts(at)
    assert "3 interviews in this view." in page
    assert "Skills match moved most: its rolling mean rose from 2.0 to 3.0 over this period." in page
    at = open_section(at, "Recent against earlier")
    assert "Appears after 8 interviews in this view: your last 5 against at least 3 before them (so far: 3)." in texts(
        at)
    assert "Appears once you have scored interviews at two different stages." in infos(
        open_section(at, "By stage and company"))
    assert "Not enough data yet: 0 scored interviews advanced and 0 did not" in texts(
        open_section(at, "Scores and outcomes"))
    assert len(charts(open_section(at, "Follow-up discipline"))) == 1


def test_demo_data_draws_every_chart_with_a_caption(app, store):
    load_demo(store, FIXED_NOW)
    at = open_page(app, TRENDS)
    assert not at.exception
    assert [tab.label for tab in at.tabs] == list(SECTIONS)
    seen = {}
    for label in SECTIONS:
        at = open_section(at, label)
        assert not at.exception and not infos(at)
        assert drawn(at) == [label]
        seen[label] = (len(charts(at)), len(at.get("download_button")), texts(at))
    # three dimensions; recent; by stage and by company; calibration; follow-up. PNG and SVG per chart
    # (scores over time as one)
    assert {label: counts[:2] for label, counts in seen.items()} == {
        "Scores over time": (3, 2), "Recent against earlier": (1, 2), "By stage and company": (2, 4),
        "Scores and outcomes": (1, 2), "Follow-up discipline": (1, 2)}
    assert "26 interviews in this view." in seen["Scores over time"][2]
    assert "over your last 5 interviews" in seen["Recent against earlier"][2]
    assert "across 21 interviews with a result (16 advanced, 5 did not)" in seen["Scores and outcomes"][2]
    assert "thank-you notes within 24 hours" in seen["Follow-up discipline"][2]


def test_only_the_open_section_is_drawn_and_the_url_names_it(app, store):
    load_demo(store, FIXED_NOW)
    at = open_page(app, TRENDS)
    assert drawn(at) == ["Scores over time"]
    assert "over your last 5 interviews" not in texts(at) and "thank-you notes" not in texts(at)
    at = open_page(AppTest.from_file(ENTRYPOINT, default_timeout=30), TRENDS, section="Follow-up discipline",
                   company="Kestrel Pay")
    assert not at.exception
    assert drawn(at) == ["Follow-up discipline"]
    assert len(charts(at)) == 1 and "thank-you notes within 24 hours" in texts(at)
    assert "moved most" not in texts(at)  # the scores over time are not drawn behind it
    del at.query_params["section"]  # AppTest resends its URL on every run; a browser's follows the tab
    at = open_section(at, "Scores over time")
    assert at.multiselect(key="company").value == ["Kestrel Pay"]  # the filters stay across sections
    assert drawn(at) == ["Scores over time"] and len(charts(at)) == 3


def test_filters_come_from_the_url_so_a_view_can_be_bookmarked(app, store):
    load_demo(store, FIXED_NOW)
    at = open_page(app, TRENDS, stage=["Panel / onsite", "Final"], window="3", company="Kestrel Pay")
    assert not at.exception
    assert at.multiselect(key="stage").value == [Stage.PANEL, Stage.FINAL]
    assert at.multiselect(key="company").value == ["Kestrel Pay"]
    assert at.slider(key="window").value == 3
    assert "2 interviews in this view." in texts(at)
    assert "Your last 3 against the rest" in texts(open_section(at, "Recent against earlier"))
    assert at.expander[0].label == "Filters (2 set)"  # the window is a view setting, not a filter


def test_period_and_outcome_from_the_url(app, store):
    load_demo(store, FIXED_NOW)
    at = open_page(app, TRENDS, period="Last 30 days", outcome="Pending")
    assert not at.exception
    assert at.selectbox(key="period").value == "Last 30 days"
    assert at.multiselect(key="outcome").value == [Outcome.PENDING]
    assert "4 interviews in this view." in texts(at)  # pending within the last 30 days of the demo
    at = open_page(AppTest.from_file(ENTRYPOINT, default_timeout=30), TRENDS, period="Custom dates",
                   dates=["2026-07-01", "2026-08-31"])
    july, august = date(2026, 7, 1), date(2026, 8, 31)
    assert at.date_input(key="dates").value == (july, august)
    in_range = len(store.interviews.score_rows(july, august))
    assert 0 < in_range < 26
    assert f"{in_range} interviews in this view." in texts(at)


def test_nonsense_in_the_url_is_ignored(app, store):
    load_demo(store, FIXED_NOW)
    at = open_page(app, TRENDS, stage="Nonsense", window="many", period="Forever")
    assert not at.exception
    assert at.multiselect(key="stage").value == []
    assert at.slider(key="window").value == 5
    assert "26 interviews in this view." in texts(at)


def test_nothing_matching_offers_to_clear_the_filters(app, store):
    load_demo(store, FIXED_NOW)
    at = open_page(app, TRENDS, company="Kestrel Pay", stage="Recruiter screen", outcome="Offer")
    assert "No interviews match these filters." in infos(at)
    at = at.button(key="clear_empty").click().run()
    assert not at.exception
    assert "26 interviews in this view." in texts(at)
    assert at.multiselect(key="company").value == []


def test_more_than_500_interviews_are_summarised_and_the_caption_says_so(app, store):
    load_generated(store, 600, FIXED_NOW)
    at = open_page(app, TRENDS)
    assert not at.exception
    assert len(charts(at)) == 3
    assert "600 interviews in this view, too many to show one by one: each dot is a week's mean" in texts(at)


def test_changing_a_filter_counts_it_and_clearing_keeps_the_window(app, store):
    load_demo(store, FIXED_NOW)
    at = open_page(app, TRENDS, window="4")
    at = at.multiselect(key="stage").set_value([Stage.PANEL]).run()
    assert at.expander[0].label == "Filters (1 set)"
    assert "3 interviews in this view." in texts(at)
    at = at.button(key=next(b.key for b in at.button if b.label == "Clear filters")).click().run()
    assert at.expander[0].label == "Filters"
    assert "26 interviews in this view." in texts(at)
    assert at.slider(key="window").value == 4


def test_follow_up_discipline_follows_a_mark_saved_after_the_page_was_first_drawn(app, store):
    from lib.domain.steps import StepMark, StepStatus

    first = store.interviews.save(an_interview(interview_at=datetime(2026, 11, 2, 10, 0)), now=FIXED_NOW)
    store.interviews.save(an_interview(interview_at=datetime(2026, 11, 3, 10, 0)), now=FIXED_NOW)
    at = open_page(app, TRENDS, section="Follow-up discipline")
    assert "You sent 0 of 2 thank-you notes within 24 hours (0%)" in texts(at)
    person = store.interviews.get(first).interviewers[0]
    store.follow_up.mark(first, StepMark(f"thank_you:{person.id}", StepStatus.DONE, date(2026, 11, 2)))
    at = at.run()
    assert "You sent 1 of 2 thank-you notes within 24 hours (50%)" in texts(at)
