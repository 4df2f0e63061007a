"""Every application (one company and role over its rounds), newest first; `?app=UID` opens one of them."""

from __future__ import annotations

import streamlit as st

from lib import ui
from lib.ui.applications import application_row, application_view

PAGE_SIZE = 10


def on_show_all() -> None:
    st.query_params.pop("app", None)


# --- the page ------------------------------------------------------------------------------
ui.route_through_entrypoint()
ui.flash()
now = ui.now()
st.title("Applications")
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

pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
page_number = min(max(st.session_state.get("apps_page", 1), 1), pages)
st.session_state["apps_page"] = page_number
st.caption(
    f"{total:,} application{'s' if total != 1 else ''}, the latest round first"
    + (f" · page {page_number} of {pages}" if pages > 1 else "")
)
for application in ui.data().applications.page(PAGE_SIZE, (page_number - 1) * PAGE_SIZE):
    application_row(application, now)
if pages > 1:
    st.number_input("Page", min_value=1, max_value=pages, key="apps_page", step=1, width=160)
