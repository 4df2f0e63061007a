"""The reference pages `make bench` times the app against: only there when asked for, and drawn whole."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def list_bench_pages() -> None:
    import streamlit as st

    from tests.bench.reference_pages import bench_pages

    st.text(" | ".join(page.title for page in bench_pages()) or "none")


def test_reference_pages_exist_only_for_the_bench(monkeypatch):
    assert AppTest.from_function(list_bench_pages).run().text[0].value == "none"
    monkeypatch.setenv("DEBRIEF_BENCH_BLANK", "1")
    listed = AppTest.from_function(list_bench_pages).run().text[0].value
    assert listed == "Blank (bench) | One chart (bench) | Trends floor (bench) | Form floor (bench)"


def draw_floors() -> None:
    from tests.bench.reference_pages import form_floor, trends_floor

    trends_floor()
    form_floor()


def test_the_floors_hold_what_the_issues_ask_of_trends_and_of_the_log_form():
    at = AppTest.from_function(draw_floors).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Trends floor", "Form floor"]
    assert [m.label for m in at.multiselect] == ["Company", "Stage", "Format", "Outcome", "Interviewers"]
    assert [d.label for d in at.date_input] == ["Period", "Date"]  # a range, then one day
    assert len(at.get("vega_lite_chart")) == 5
    assert (len(at.text_input), len(at.text_area), len(at.selectbox), len(at.button)) == (1, 1, 1, 1)
