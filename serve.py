"""The app `make run` serves: Debrief's pages and its calendar feed, behind a guard that answers this computer only.

`streamlit run serve.py` finds `app` below and serves `streamlit_app.py` through it, with the
middleware in `lib.web` in front of every request and websocket (see that module for why), and
the calendar feed's routes (`/calendar/<token>.ics`, lib.web_calendar), which Starlette tries
before Streamlit's own. `streamlit run streamlit_app.py` still runs the pages, without the guard
and without the feed: use it only for a quick look.
"""

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

from lib.web import LoopbackGuard
from lib.web_calendar import calendar_routes


def _server_port() -> int:
    return int(config.get_option("server.port"))


app = st.App(
    "streamlit_app.py",
    routes=calendar_routes(),
    middleware=[Middleware(LoopbackGuard, port=_server_port)],
)
