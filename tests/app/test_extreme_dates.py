"""Every page opens over a database holding the far-future dates old versions let in.

Rows are written unchecked (tests.factories.store_unchecked and its kin), as an older Debrief, an
import before the date bounds, or a restored file could have left them. Each page must draw
without an exception, so the user can still reach the entry and fix or delete it.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from lib.domain.coaching import ActionItem, CoachingSession
from lib.domain.model import Outcome
from lib.domain.steps import StepMark, StepSnooze, StepStatus
from lib.store import Store
from tests.app.helpers import an_interview, errors, fill_log_form, open_menu, open_page, save, texts
from tests.factories import store_unchecked, store_unchecked_action, store_unchecked_session

FAR = date(9999, 12, 31)
PAGES = ["pages/today.py", "pages/log.py", "pages/interviews.py", "pages/trends.py",
         "pages/templates.py", "pages/coaching.py", "pages/data.py"]


def store_extreme_rows(store: Store) -> dict[str, int]:
    """One entry per way a far date can sit in the store; returns their ids by what they hold."""
    names = ("timeframe", "late", "early", "outcome", "marked")
    ids = dict(zip(names, store_unchecked(
        store,
        an_interview(company="Far timeframe", stated_timeframe="by 9999-12-31"),
        an_interview(company="Far day", interview_at=datetime(9999, 12, 31, 23, 0)),
        an_interview(company="Early day", interview_at=datetime(1, 1, 1, 0, 0)),
        an_interview(company="Far outcome", outcome=Outcome.OFFER, outcome_on=FAR),
        an_interview(company="Far marks", stated_timeframe="in 300 months"),
    ), strict=True))
    store.follow_up.mark(ids["marked"], StepMark("thank_you", StepStatus.DONE, FAR))
    store.follow_up.snooze(ids["marked"], StepSnooze("check_in", FAR, "they are slow"))
    ids["session"] = store_unchecked_session(store, CoachingSession("Sam Lee", FAR, (ids["timeframe"], ids["late"])))
    store_unchecked_action(store, ActionItem("Practise the pitch", due_on=FAR, session_id=ids["session"]))
    return ids


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.removeprefix("pages/").removesuffix(".py"))
def test_every_page_opens_over_rows_holding_far_dates(app: AppTest, store: Store, page: str):
    store_extreme_rows(store)
    at = open_page(app, page)
    assert not at.exception, at.exception
    assert texts(at)


def test_a_coaching_session_dated_9999_opens(app: AppTest, store: Store):
    session_id = store_extreme_rows(store)["session"]
    at = open_page(app, "pages/coaching.py", session=str(session_id))
    assert not at.exception, at.exception
    assert "Session with Sam Lee" in texts(at)


@pytest.mark.parametrize("which", ["timeframe", "late", "early", "outcome", "marked"])
def test_an_entry_holding_a_far_date_opens_for_editing_and_deleting(app: AppTest, store: Store, which: str):
    entry_id = store_extreme_rows(store)[which]
    at = open_page(app, "pages/log.py", id=str(entry_id))
    assert not at.exception, at.exception
    assert any(b.label.startswith("Delete") for b in at.button), [b.label for b in at.button]


def test_a_stored_timeframe_dated_9999_is_said_to_count_as_no_timeframe_on_the_entry(app: AppTest, store: Store):
    entry_id = store_extreme_rows(store)["timeframe"]
    at = open_page(app, "pages/interviews.py", id=str(entry_id))
    assert not at.exception, at.exception
    flag = "Fri 31 Dec 9999 is more than a year after the interview, so it counts as no timeframe: check it"
    assert flag in texts(at), texts(at)


@pytest.mark.parametrize("which", ["timeframe", "late", "early", "outcome", "marked"])
def test_the_menus_of_an_entry_holding_a_far_date_open_so_it_can_be_fixed(app: AppTest, store: Store, which: str):
    entry_id = store_extreme_rows(store)[which]
    key = f"iv{entry_id}"
    at = open_menu(open_page(app, "pages/interviews.py", id=str(entry_id)), f"{key}.outcome_menu")
    assert not at.exception, at.exception
    at.selectbox(key=f"{key}.outcome").set_value(Outcome.REJECTED)
    at = at.run()
    assert not at.exception, at.exception
    for step_key in ("check_in", "soft_touch"):
        at = open_menu(at, f"{key}.{step_key}.more")
        assert not at.exception, (step_key, at.exception)



@pytest.mark.parametrize("which", ["timeframe", "late", "early", "marked"])
def test_the_check_in_draft_of_an_entry_holding_a_far_date_opens(app: AppTest, store: Store, which: str):
    entry_id = store_extreme_rows(store)[which]
    at = open_page(app, "pages/interviews.py", id=str(entry_id))
    at = at.button(key=f"iv{entry_id}.check_in.draft").click().run()
    assert not at.exception, at.exception
    assert at.code, "the draft's subject and body are shown"


def test_a_timeframe_dated_after_2100_is_refused_at_its_field_and_nothing_is_saved(app: AppTest, store: Store):
    at = save(fill_log_form(open_page(app, "pages/log.py"), timeframe="by 9999-12-31"))
    assert not at.exception, at.exception
    refused = "The timeframe names a date that must be between 1990 and 2100 (got 9999-12-31): check the year"
    assert refused in errors(at)
    assert store.interviews.count() == 0


def test_saving_an_old_entry_dated_9999_says_so_at_the_date_and_keeps_the_row(app: AppTest, store: Store):
    entry_id = store_extreme_rows(store)["late"]
    at = save(open_page(app, "pages/log.py", id=str(entry_id)))
    assert not at.exception, at.exception
    assert "The interview's date must be between 1990 and 2100 (got 9999-12-31)" in errors(at)
    assert store.interviews.get(entry_id).interview_at == datetime(9999, 12, 31, 23, 0)
