"""What the three Coaching screens share: the URL's session, their widgets' key prefix, an interview's label."""

from __future__ import annotations

from datetime import date

import streamlit as st

from lib.domain.days import human_date
from lib.domain.model import Interview

S = "c."  # every widget key of the Coaching screens starts with it


def interview_label(interview: Interview, today: date) -> str:
    """How an interview reads in a pick list: when, where, what."""
    return f"{human_date(interview.day0, today)} · {interview.company}: {interview.role}"


def requested_session() -> int | None:
    """The session the URL opens (`/coaching?session=N`), or None for the overview."""
    raw = st.query_params.get("session")
    return int(raw) if raw and raw.isdigit() else None


def open_session(session_id: int | None) -> None:
    """Go to a session's screen, or back to the overview with None."""
    if session_id is None:
        st.query_params.pop("session", None)
    else:
        st.query_params["session"] = str(session_id)
