"""The app `make run` serves: Debrief's pages behind a guard that answers this computer only.

`streamlit run serve.py` finds `app` below and serves `streamlit_app.py` through it, with the
middleware in `lib.web` in front of every request and websocket (see that module for why).
`streamlit run streamlit_app.py` still runs the pages, without the guard: use it only for a quick look.
"""

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

from lib.web import LoopbackGuard


def _server_port() -> int:
    return int(config.get_option("server.port"))


app = st.App("streamlit_app.py", middleware=[Middleware(LoopbackGuard, port=_server_port)])
