"""Every application (one company and role over its rounds), newest first; `?app=UID` opens one of them."""

from __future__ import annotations

import streamlit as st

from lib import ui
from lib.domain.paging import Paging
from lib.ui.applications import application_row, application_view
from lib.ui.paging import pager

PAGE_SIZE = 10


def on_show_all() -> None:
    st.query_params.pop("app", None)


# --- the page ------------------------------------------------------------------------------
ui.route_through_entrypoint()
ui.flash()
now = ui.now()
st.title("Applications", anchor=False)
total = ui.data().applications.count()
if total == 0:
    st.info("No applications yet. Log an interview and it starts one: its later rounds join it here.",
            icon=":material/info:")
    st.page_link(ui.PAGES["log"], label="Log an interview", icon=":material/edit_note:")
    st.stop()

uid = st.query_params.get("app")
if uid:
    st.button("All applications", on_click=on_show_all, icon=":material/arrow_back:", type="tertiary")
    application = ui.data().applications.get(uid)
    if application is None:
        st.warning("There is no such application: its rounds may have been deleted or moved.")
    else:
        application_view(application, now)
    st.stop()

# Newer / Older buttons with the page in the URL, as on Interviews: a number input here made the
# browser load the code of a text field (~60 KiB) on every visit, for a list read from the top.
paging = Paging.of(total, PAGE_SIZE, st.query_params.get("page"))
pager(paging, "top", noun="application")
for application in ui.data().applications.page(PAGE_SIZE, paging.offset):
    application_row(application, now, paging.number)
pager(paging, "bottom", noun="application")
