"""Every entry, newest first, as compact cards with their follow-up timeline; ten a page, the page in the URL."""

from __future__ import annotations

import streamlit as st

from lib import ui
from lib.domain.model import Outcome, Stage
from lib.domain.paging import ID_DIGITS, Paging, url_number
from lib.domain.rounds import grouped_by_application
from lib.store import InterviewFilter
from lib.ui.applications import applications_of
from lib.ui.interview_card import entry_card
from lib.ui.paging import pager

PAGE_SIZE = 10


def read_filters() -> tuple[InterviewFilter, int | None]:
    focus = st.query_params.get("id")
    with st.container(horizontal=True, vertical_alignment="bottom"):
        text = st.text_input("Search", key="q", bind="query-params", placeholder="company, role, notes, people…",
                             on_change=first_page)
        companies = st.multiselect("Company", ui.data().interviews.companies(), key="company", bind="query-params",
                                   on_change=first_page)
        stages = st.multiselect("Stage", list(Stage), key="stage", format_func=lambda s: s.label, bind="query-params",
                                on_change=first_page)
        outcomes = st.multiselect("Outcome", list(Outcome), key="outcome", format_func=lambda o: o.label,
                                  bind="query-params", on_change=first_page)
    where = InterviewFilter(tuple(companies), tuple(stages), tuple(outcomes), text or "")
    return where, url_number(focus, digits=ID_DIGITS)


def on_show_all() -> None:
    st.query_params.pop("id", None)


def first_page() -> None:
    """A new filter shows its newest matches first."""
    st.query_params.pop("page", None)


# --- the page ------------------------------------------------------------------------------
ui.route_through_entrypoint()
ui.flash()
now = ui.now()
ui.draft_dialog_if_open(now)  # a draft opened from a step below
st.title("Interviews", anchor=False)
if ui.data().interviews.count() == 0:
    st.info("No interviews yet. Log one and its follow-up plan appears here.", icon=":material/info:")
    st.page_link(ui.PAGES["log"], label="Log your first interview", icon=":material/edit_note:")
    st.stop()

where, focus_id = read_filters()
if focus_id is not None:
    focused = ui.data().interviews.get(focus_id)
    st.button("Show all interviews", on_click=on_show_all, icon=":material/arrow_back:", type="tertiary")
    if focused is None:
        st.warning(f"There is no interview #{focus_id}: it may have been deleted.")
    else:
        entry_card(focused, now, applications_of((focused.saved_id,)).get(focused.saved_id), expanded=True)
    st.stop()

total = ui.data().interviews.count(where)
if total == 0:
    st.info("Nothing matches these filters.", icon=":material/filter_alt_off:")
    st.stop()
paging = Paging.of(total, PAGE_SIZE, st.query_params.get("page"))
shown = ui.data().interviews.find(where, PAGE_SIZE, paging.offset)
pager(paging, "top", noun="interview")
rounds_of = applications_of(tuple(i.saved_id for i in shown))
for interview in grouped_by_application(shown):
    entry_card(interview, now, rounds_of.get(interview.saved_id))
pager(paging, "bottom", noun="interview")
