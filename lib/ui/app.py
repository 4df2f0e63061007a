"""What every page shares with the entrypoint: the pages map, routing, the database guard, the clock, demo data."""

from __future__ import annotations

from datetime import datetime, tzinfo

import streamlit as st

from lib import clock
from lib.files.demo import load_demo
from lib.store import DatabaseUnavailable, default_path
from lib.ui.cache import data, store

PAGES = {
    "today": "pages/today.py",
    "log": "pages/log.py",
    "interviews": "pages/interviews.py",
    "applications": "pages/applications.py",
    "trends": "pages/trends.py",
    "templates": "pages/templates.py",
    "data": "pages/data.py",
    "coaching": "pages/coaching.py",
}


def route_through_entrypoint() -> None:
    """Make sure this page runs under streamlit_app.py's st.navigation.

    Streamlit 1.67 picks "legacy pages/ mode" once per process, at the first session, when a
    `pages/` folder exists; if a fresh server's first request is a deep link (/interviews),
    the page runs alone and the legacy sidebar sticks for every later session. Switching the
    flag off and rerunning sends the request through the entrypoint, which keeps the URL.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def require_database() -> None:
    """Stop the run with one plain screen when the database cannot be opened, instead of a traceback.

    The entrypoint calls it before any page runs, so every page shows the same screen. Nothing is
    cached on failure: the next rerun tries again, so fixing the path or permissions is enough.
    """
    try:
        store()
    except DatabaseUnavailable as error:
        st.error(f"Debrief cannot open its database: {error}.", icon=":material/database:")
        st.markdown(
            f"Debrief uses the database file `{default_path()}` (set by the `DEBRIEF_DB` environment variable, "
            "or `data/debrief.db` when it is not set). Fix the problem above, or set `DEBRIEF_DB` to another "
            "file path and start Debrief again; then reload this page."
        )
        st.stop()


def now() -> datetime:
    """The one place the app asks the time; pages pass it down."""
    return clock.now_local()


def user_zone() -> tzinfo:
    return clock.local_zone()


def load_demo_data() -> None:
    """Button callback: add the demo set once (a second click finds it there and adds nothing)."""
    added = load_demo(store(), now())
    st.session_state["flash"] = (f"Loaded {added} demo interviews, each marked demo. Your own entries are untouched."
                                 if added else "The demo data is already loaded: nothing was added.")


def remove_demo_data() -> None:
    """Button callback: delete every demo entry, never the user's own."""
    removed = store().interviews.delete_demo()
    st.session_state["flash"] = f"Removed {removed} demo interviews. Your own entries are untouched."


def demo_banner() -> None:
    """While demo entries exist, say how many beside the user's own, and offer to remove them in one click."""
    demo_count = data().interviews.count(demo=True)
    if not demo_count:
        return
    own_count = data().interviews.count(demo=False)
    own = f"your {own_count} own" if own_count else "none of your own yet"
    st.info(f"Demo data: {demo_count} made-up interviews beside {own}. Each carries a :gray-badge[demo] badge "
            "on Interviews.", icon=":material/science:")
    st.button("Remove demo data", on_click=remove_demo_data, key="remove_demo", icon=":material/delete_sweep:")
