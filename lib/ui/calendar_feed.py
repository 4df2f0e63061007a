"""The Data page's "Subscribe in your calendar app": the feed's address to copy, and a New address button.

The address and its copy button (`st.code`) are drawn only while the expander is open: `st.code`
loads ~700 ms of browser code the first time a page uses it, and few visits subscribe. Opening it
is also what makes the token (lib.store.settings), so a database never asked for one has none.
"""

from __future__ import annotations

import streamlit as st
from streamlit import config

from lib.ui.cache import store
from lib.ui.widgets import menu, opened
from lib.web_calendar import feed_url

SUBSCRIBE_FORM = "data.subscribe_form"  # whether the expander is open
NEW_ADDRESS_MENU = "data.calendar_new_address"
WHO_CAN_SUBSCRIBE = (
    "Desktop calendar apps on this same computer can subscribe (Apple Calendar, Thunderbird, Outlook desktop); "
    "web calendars such as Google Calendar or Outlook.com cannot reach 127.0.0.1."
)
SERVED_BY = (
    "The address answers while Debrief runs with `make run`; started as `streamlit run streamlit_app.py`, "
    "Debrief serves no feed. Your calendar app fetches it on its own schedule, only while Debrief is running."
)


def server_port() -> int:
    """The port this server really listens on (Streamlit records the one it settled on)."""
    return int(config.get_option("server.port"))


def calendar_subscription() -> None:
    with opened(st.expander("Subscribe in your calendar app", icon=":material/calendar_month:", key=SUBSCRIBE_FORM,
                            on_change="rerun")) as is_open:
        if is_open:
            subscription_details()


def subscription_details() -> None:
    st.markdown("Add this address to your calendar app as a subscription (*New calendar subscription*, "
                "*Subscribe to calendar* or *From Internet*): it stays current as you work, with the same "
                "events as the downloads. Keep it to yourself: anyone with it can read your follow-ups.")
    st.code(feed_url(server_port(), store().settings.calendar_token()), language=None, wrap_lines=True)
    st.caption(WHO_CAN_SUBSCRIBE)
    st.caption(SERVED_BY)
    with menu("New address", key=NEW_ADDRESS_MENU, icon=":material/autorenew:") as menu_open:
        if menu_open:
            st.markdown("Make a new address? The one above **stops working at once**: every calendar "
                        "subscribed to it must be subscribed again with the new one.")
            st.button("Make a new address", type="primary", on_click=new_address, key="data.calendar_regenerate",
                      icon=":material/autorenew:")


def new_address() -> None:
    """Button callback: a new token; the menu closes and the expander shows the new address."""
    store().settings.regenerate_calendar_token()
    st.session_state[NEW_ADDRESS_MENU] = False
    st.session_state["flash"] = ("New calendar address made. The old one no longer works: subscribe your calendar "
                                 "apps again with the new one.")
