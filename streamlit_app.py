"""Debrief's entrypoint: page config, the shared sidebar, and the router over pages/."""

import streamlit as st

from lib import ui

st.set_page_config(page_title="Debrief", page_icon=":material/forum:", layout="wide")

pages = [
    st.Page(ui.PAGES["today"], title="Today", icon=":material/today:", default=True),
    st.Page(ui.PAGES["log"], title="Log an interview", icon=":material/edit_note:"),
    st.Page(ui.PAGES["interviews"], title="Interviews", icon=":material/list_alt:"),
]
page = st.navigation(pages)

with st.sidebar:
    ui.demo_banner()

page.run()
