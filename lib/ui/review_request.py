"""Coaching's "Ask for a review": a mentor, the interviews (or a whole application), what they may see, a packet.

The packet (`lib.files.review_packet`) is one HTML file the candidate emails; the mentor reviews in
it and sends back a reply file. The form is drawn only while its expander is open, and the packet
is built only when its download is clicked, so the Coaching page pays nothing for it otherwise.
"""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from lib.domain.coaching import COACHING_LIMITS, clean_mentor
from lib.domain.model import Interview, ValidationError
from lib.domain.privacy import Sharing
from lib.domain.review_request import MAX_INTERVIEWS, check_request, private_notes_line
from lib.domain.text import md_escape
from lib.files.review_packet import new_packet_id, packet_file_name, review_packet
from lib.ui.app import now as clock_now
from lib.ui.cache import data, store
from lib.ui.coaching_nav import S, interview_label
from lib.ui.widgets import field_error, opened
from lib.ui.your_name import YOUR_NAME

R = S + "rr."  # the keys of this section's widgets
SHARING = {  # checkbox label -> (Sharing field, on by default)
    "Scores": ("scores", True),
    "Evidence": ("evidence", True),
    "Questions they asked": ("questions", True),
    "Notes": ("notes", False),
}


def review_request_section(now: datetime) -> None:
    """The section on the Coaching overview (heading and asking; the reply's import follows it).

    Its form is drawn only once the expander is opened.
    """
    st.subheader("A mentor anywhere, by email", divider="gray", anchor=False)
    st.caption("Send your mentor a review packet: one HTML file that opens in any browser, on a computer or a "
               "phone, works offline and loads nothing. They review in it and email back a small reply file, "
               "which you import below.")
    with opened(st.expander("Ask a mentor for a review by email", icon=":material/forward_to_inbox:",
                            key=R + "open", on_change="rerun")) as is_open:
        if is_open:
            review_request_form(now)


def on_known_mentor() -> None:
    if chosen := st.session_state.get(R + "known"):
        st.session_state[R + "mentor"] = chosen


def on_application() -> None:
    """A whole application picked: its rounds become the picks."""
    uid = st.session_state.get(R + "application")
    application = data().applications.get(uid) if uid else None
    if application is not None:
        st.session_state[R + "picks"] = [i.saved_id for i in application.rounds]


def review_request_form(now: datetime) -> None:
    state, today = st.session_state, now.date()
    state.setdefault(R + "mentor", state.get(S + "mentor", ""))
    state.setdefault(R + "picks", [])
    labels = interview_choices(now, state[R + "picks"])
    state[R + "picks"] = [i for i in state[R + "picks"] if i in labels]  # one deleted since is no longer offered
    if known := data().coaching.mentors():
        st.pills("Your mentors", known, key=R + "known", on_change=on_known_mentor)
    st.text_input("Mentor", key=R + "mentor", max_chars=COACHING_LIMITS["mentor"],
                  placeholder="Who will review them?")
    errors = request_errors(state[R + "mentor"], state[R + "picks"])
    untouched = not state[R + "mentor"].strip() and not state[R + "picks"]
    shown = {} if untouched else errors  # a form just opened gets a hint, not two red errors
    field_error(shown, "mentor", "Mentor")
    st.multiselect("Interviews to review", list(labels), key=R + "picks", format_func=lambda i: labels.get(i, f"#{i}"),
                   placeholder="Pick interviews", max_selections=MAX_INTERVIEWS)
    if applications := data().applications.page(limit=MAX_INTERVIEWS):
        titles = {a.uid: f"{a.title} ({len(a.rounds)} round{'s' if len(a.rounds) != 1 else ''})"
                  for a in applications}
        st.selectbox("Or a whole application", list(titles), index=None, key=R + "application",
                     format_func=lambda uid: titles.get(uid, uid), on_change=on_application,
                     placeholder="Pick an application: its rounds become the picks")
    field_error(shown, "interview_ids", "Interviews")
    picked = data().interviews.with_ids(state[R + "picks"])
    sharing = sharing_choice()
    st.caption(md_escape(private_notes_line(picked)))
    if untouched:
        st.caption("Type your mentor's name and pick at least one interview to make the packet.")
    download_packet(state[R + "mentor"], [i.saved_id for i in picked], sharing, today, disabled=bool(errors))


def request_errors(mentor: str, picks: list[int]) -> dict[str, str]:
    try:
        check_request(mentor, picks)
    except ValidationError as problem:
        return problem.errors
    return {}


def interview_choices(now: datetime, picks: list[int]) -> dict[int, str]:
    """The interviews that took place, newest first, plus any picked (an application's older rounds)."""
    today = now.date()
    labels = {i.saved_id: interview_label(i, today) for i in data().interviews.find(limit=MAX_INTERVIEWS)
              if not i.is_ahead(now)}
    missing = [i for i in picks if i not in labels]
    labels |= {i.saved_id: interview_label(i, today) for i in data().interviews.with_ids(missing)}
    return labels


def sharing_choice() -> Sharing:
    st.markdown("**What they may see** (besides company, role, stage and date)")
    columns = st.columns(len(SHARING))
    chosen = {
        field: column.checkbox(label, value=default, key=R + field,
                               help="Your notes and preparation notes" if field == "notes" else None)
        for column, (label, (field, default)) in zip(columns, SHARING.items(), strict=True)
    }
    return Sharing(**chosen)


def download_packet(mentor: str, ids: list[int], sharing: Sharing, today: date, *, disabled: bool) -> None:
    """The packet is built when the button is clicked, from the interviews as saved then."""
    candidate = data().settings.get(YOUR_NAME)

    def packet() -> str:
        interviews: list[Interview] = store().interviews.with_ids(ids)
        return review_packet(interviews, mentor=clean_mentor(mentor), candidate=candidate, sharing=sharing,
                             packet_id=new_packet_id(), made_at=clock_now())

    st.download_button("Download review packet (HTML)", packet, packet_file_name(mentor, today), "text/html",
                       on_click="ignore", icon=":material/download:", key=R + "download", disabled=disabled,
                       type="primary")
