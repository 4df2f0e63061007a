"""Reference pages `make bench` times the app against; streamlit_app.py adds them only when DEBRIEF_BENCH_BLANK=1.

A blank page (the target's yardstick); a page with one three-point chart, the floor that
Streamlit's chart library sets for any page with a chart; and two floors made of nothing but
what the app asks a page to hold: Trends' five filters with five three-point charts, and one
input of each kind the Log form needs. Streamlit's browser code loads each kind of widget on
its first use in a page, so these say what any page with those widgets costs, data or not.
"""

from __future__ import annotations

import os
from datetime import date

import streamlit as st

_SPEC = {
    "data": {"values": [{"x": 1, "y": 3}, {"x": 2, "y": 1}, {"x": 3, "y": 2}]},
    "mark": "line",
    "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}},
}


def bench_pages() -> list:
    """The reference pages as st.Page objects, or none unless DEBRIEF_BENCH_BLANK=1."""
    if os.environ.get("DEBRIEF_BENCH_BLANK") != "1":
        return []
    pages = {
        "bench-blank": (blank, "Blank"),
        "bench-one-chart": (one_chart, "One chart"),
        "bench-trends-floor": (trends_floor, "Trends floor"),
        "bench-form-floor": (form_floor, "Form floor"),
    }
    return [st.Page(run, title=f"{title} (bench)", url_path=path, icon=":material/speed:")
            for path, (run, title) in pages.items()]


def blank() -> None:
    st.title("Blank")


def one_chart() -> None:
    st.title("One chart")
    st.vega_lite_chart(spec=_SPEC, width="stretch")


def trends_floor() -> None:
    st.title("Trends floor")
    with st.container(horizontal=True):
        st.date_input("Period", (date(2026, 1, 1), date(2026, 11, 20)))
        for label in ("Company", "Stage", "Format", "Outcome"):
            st.multiselect(label, ["a", "b"])
    for _ in range(5):
        st.vega_lite_chart(spec=_SPEC, width="stretch")


def form_floor() -> None:
    st.title("Form floor")
    st.text_input("Company")
    st.date_input("Date", date(2026, 11, 20))
    st.selectbox("Stage", ["a", "b"])
    st.multiselect("Interviewers", ["a", "b"])
    st.text_area("Evidence")
    st.button("Save")
