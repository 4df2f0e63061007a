"""Debrief's entrypoint: page config, the shared sidebar, and the router over pages/."""

import os
from pathlib import Path

import streamlit as st

from lib import ui
from lib.ui.page_style import page_style
from lib.ui.timeline import warm_pictures

# A file shipped with the app: a ":material/…:" page icon makes the browser fetch it from a font host.
ICON = Path(__file__).resolve().parent / "lib" / "assets" / "debrief-icon.svg"
st.set_page_config(page_title="Debrief", page_icon=str(ICON), layout="wide")

pages = [
    st.Page(ui.PAGES["today"], title="Today", icon=":material/today:", default=True),
    st.Page(ui.PAGES["log"], title="Log an interview", icon=":material/edit_note:"),
    st.Page(ui.PAGES["interviews"], title="Interviews", icon=":material/list_alt:"),
    st.Page(ui.PAGES["applications"], title="Applications", icon=":material/view_column:"),
    st.Page(ui.PAGES["templates"], title="Templates", icon=":material/mail:"),
    st.Page(ui.PAGES["trends"], title="Trends", icon=":material/insights:"),
    st.Page(ui.PAGES["coaching"], title="Coaching", icon=":material/school:"),
    st.Page(ui.PAGES["data"], title="Your data", icon=":material/database:"),
]
if os.environ.get("DEBRIEF_BENCH_BLANK") == "1":  # `make bench` times the pages against these references
    from tests.bench.reference_pages import bench_pages

    pages[-1:-1] = bench_pages()  # listed before Your data
page = st.navigation(pages)
page_style()  # the accessibility rules Streamlit's theme options cannot set
ui.require_database()  # a folder, a read-only place, someone else's file: one plain screen, no page runs

with st.sidebar:
    ui.demo_banner()

ui.auto_backup()  # at most once a day, only after a change (a save also checks, through the store)
warm_pictures()  # the timeline pictures' engine starts in the background, once per process
page.run()
