"""Small verbs for driving the app in AppTest the way a user would."""

from __future__ import annotations

import re
from datetime import date, time

from streamlit.testing.v1 import AppTest

from lib.domain.model import Dimension, Interview
from tests.factories import ON_THE_PAGE, ROOT, build_interview

ENTRYPOINT = str(ROOT / "streamlit_app.py")  # the whole app, as `streamlit run` starts it
LOG = "pages/log.py"
INTERVIEWS = "pages/interviews.py"
TODAY = "pages/today.py"


def open_page(at: AppTest, page: str, **query: str) -> AppTest:
    at.run()
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page(page).run()


def texts(at: AppTest) -> str:
    """Everything the page says in text, for 'the user can read X' assertions."""
    parts = [e.value for kind in ("markdown", "caption", "title", "subheader", "info", "success", "warning", "error")
             for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))  # as read, without Markdown escapes


BADGE = re.compile(r":(\w+)-badge\[((?:\\.|[^\]\\])*)\]")


def badges(at: AppTest) -> list[str]:
    """Every badge on the page as `:colour-badge[text]`, read without Markdown escapes."""
    found = []
    for element in [*at.markdown, *at.caption]:
        for colour, text in BADGE.findall(element.value):
            plain = re.sub(r"\\(.)", r"\1", text)
            found.append(f":{colour}-badge[{plain}]")
    return found


def open_menu(at: AppTest, key: str) -> AppTest:
    """Open a menu or expander whose content is drawn only while open, as a click on it does."""
    at.session_state[key] = True
    return at.run()


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Click a tab of `st.tabs(..., key=key, on_change="rerun")`: the page reruns with that tab's content in."""
    at.session_state[key] = label
    return at.run()


def open_details(at: AppTest, interview_id: int) -> AppTest:
    """Open an Interviews card's Details (each step in words, evidence, notes), as its button does;
    one already open stays open."""
    toggle = at.button(key=f"iv{interview_id}.details_toggle")
    return toggle.click().run() if toggle.label == "Details" else at


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def person_row(at: AppTest, index: int = 0) -> str:
    return at.session_state["f.people"][index]


def fill_log_form(
    at: AppTest,
    company: str = "Acme",
    role: str = "Data engineer",
    day: date = date(2026, 11, 20),
    start: time = time(15, 0),
    duration: int = 45,
    interviewer: str = "Jane Doe",
    email: str = "",
    recruiter: str = "",
    timeframe: str = "",
    scores: dict[Dimension, int] | None = None,
    evidence: dict[Dimension, str] | None = None,
) -> AppTest:
    at.text_input(key="f.company").input(company)
    at.text_input(key="f.role").input(role)
    at.date_input(key="f.day").set_value(day)
    at.time_input(key="f.start").set_value(start)
    at.number_input(key="f.duration_min").set_value(duration)
    row = person_row(at)
    at.text_input(key=f"f.p.{row}.name").input(interviewer)
    at.text_input(key=f"f.p.{row}.email").input(email)
    at.text_input(key="f.recruiter").input(recruiter)
    at.text_input(key="f.stated_timeframe").input(timeframe)
    for dimension, value in (scores or {}).items():
        at.segmented_control(key=f"f.score.{dimension.value}").set_value(value)
    for dimension, text in (evidence or {}).items():
        at.text_area(key=f"f.evidence.{dimension.value}").input(text)
    return at.run()


def save(at: AppTest) -> AppTest:
    return at.button(key="f.save").click().run()


def an_interview(**overrides) -> Interview:
    """The factory's interview as the app tests meet it on their pages (ON_THE_PAGE); overrides win."""
    return build_interview(**(ON_THE_PAGE | overrides))
