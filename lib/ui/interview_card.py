"""One entry on the Interviews page as a compact card: what it was, its scores, the one next step
with its action, and a small timeline picture. The rest (each step's why and actions, evidence,
notes, settled steps) sits in a Details section drawn only while it is open.

Ten cards must fit a laptop screen's worth of scrolling (the page stays under 3,000 px), and
every element costs the browser milliseconds on each load, so a card is a few Markdown blocks,
one row of buttons, one closed expander and one image.
"""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from lib.domain.applications import Application
from lib.domain.days import human_date, human_time
from lib.domain.entry_form import heard_on_choices
from lib.domain.model import EVIDENCE_COLUMNS, PREP_FIELDS, Dimension, Interview, Outcome
from lib.domain.rounds import booked_line, round_line
from lib.domain.rubric import score_label
from lib.domain.steps import Step, next_step, thank_yous_to_send
from lib.domain.text import count_of, md_escape
from lib.ui.app import PAGES
from lib.ui.bulk_thank_you import mark_thank_yous_sent, undo_bar
from lib.ui.cache import store
from lib.ui.follow_up import timeline
from lib.ui.step_actions import calendar_button, step_actions
from lib.ui.timeline import status_badge_md, step_list, timeline_picture
from lib.ui.widgets import menu, opened

PAGE = "interviews"  # where the card's bulk action offers its undo


def on_outcome(interview_id: int, key: str) -> None:
    outcome = st.session_state[f"{key}.outcome"]
    on = st.session_state.get(f"{key}.on") if outcome is not Outcome.PENDING else None
    store().interviews.set_outcome(interview_id, outcome, on)
    st.session_state[f"{key}.outcome_menu"] = False  # close the menu: the entry shows the outcome
    st.session_state["flash"] = f"Outcome recorded: {outcome.label}."


def badges(interview: Interview, scored: bool = True) -> str:
    """Scores, missing evidence, outcome and demo flag as Markdown badges: one element, not six."""
    parts = [f":blue-badge[{d.label} {score_label(interview.score(d)).lower()}]" for d in Dimension if scored]
    if interview.evidence_missing and scored:
        missing = ", ".join(d.label.split()[0].lower() for d in interview.evidence_missing)
        parts.append(f":orange-badge[:material/warning: no evidence: {missing}]")
    if interview.outcome is not Outcome.PENDING:
        parts.append(f":violet-badge[{interview.outcome.label}]")
    if interview.is_demo:
        parts.append(":gray-badge[demo]")
    return " ".join(parts)


def heading(interview: Interview, today: date, application: Application | None, scored: bool = True) -> str:
    """Company and role; when, stage, format and round; the badges: Markdown lines of one block."""
    when = f"{human_date(interview.day0, today)}, {human_time(interview.interview_at)}"
    about = [when, interview.stage.label, interview.format.label]
    if application is not None and len(application.rounds) > 1:
        about.append(f"round {application.number_of(interview.saved_id)} of {len(application.rounds)}")
    title = f"**{md_escape(interview.company)}: {md_escape(interview.role)}**"
    return f"{title}  \n:gray[{md_escape(' · '.join(about))}]  \n{badges(interview, scored)}"


def next_line(interview: Interview, steps: list[Step], upcoming: Step | None, today: date) -> str:
    """The one thing to do and when, or in a few words why there is nothing (the whole why is in Details)."""
    if upcoming:
        return f"**Next:** {md_escape(upcoming.title)} {status_badge_md(upcoming, today)}"
    if interview.outcome.closes_follow_up:
        return f"**Follow-up closed:** {interview.outcome.label.lower()}."
    if closed := next((step.closed_why for step in steps if step.moved_on), ""):  # a later round moved it on
        return f"**Follow-up closed:** {md_escape(closed)}."
    return "**All follow-up done.** Nothing to send: waiting is the right move now."


def entry_card(interview: Interview, now: datetime, application: Application | None = None, *,
               expanded: bool = False) -> None:
    """`expanded`: Details open from the start (the one entry a link from Today opened)."""
    if interview.is_ahead(now):
        booked_card(interview, now, application, expanded)
        return
    today = now.date()
    key = f"iv{interview.id}"
    steps = timeline(interview, now)
    upcoming = next_step(steps)
    awaiting = interview.awaits_scores(now)
    open_key = f"{key}.details" + (".focus" if expanded else "")  # a deep link's own: it opens on every visit
    if expanded and open_key not in st.session_state:
        st.session_state[open_key] = True
    with st.container(border=True, key=f"entry-{interview.id}", gap="xsmall"):
        summary, picture = st.columns([11, 7], gap="small")
        summary.markdown(heading(interview, today, application, scored=not awaiting) + "  \n"
                         + next_line(interview, steps, upcoming, today))
        with picture:
            timeline_picture(steps, today)
        actions(interview, steps, upcoming, today, key, awaiting, open_key)
        undo_bar(PAGE, interview.saved_id)  # right under the button that made it
        if st.session_state.get(open_key):
            details(interview, steps, today, key, application, scored=not awaiting)


def toggle(key: str) -> None:
    st.session_state[key] = not st.session_state.get(key, False)


def actions(interview: Interview, steps: list[Step], upcoming: Step | None, today: date, key: str,
            awaiting: bool, open_key: str) -> None:
    """The next step's own actions, the bulk thank-you, Edit and Details: one row of buttons. Outcome and
    Calendar wait in Details: a popover costs the browser more than its size on each of ten cards."""
    with st.container(horizontal=True, gap="xsmall", vertical_alignment="center"):
        if awaiting:
            st.page_link(PAGES["log"], label="Score it while it's fresh", icon=":material/edit_note:",
                         query_params={"id": str(interview.id)})
        if upcoming:
            step_actions(upcoming, interview.saved_id, today, f"{key}.next.{upcoming.key}", why_shown=True)
        to_thank = thank_yous_to_send(steps)
        if len(to_thank) > 1:
            st.button(f"Mark {count_of(len(to_thank), 'thank-you')} sent", key=f"{key}.thank_all",
                      icon=":material/done_all:", on_click=mark_thank_yous_sent,
                      args=(interview.saved_id, PAGE),
                      help="Every thank-you note of this interview sent today: one click, and Undo if not")
        st.page_link(PAGES["log"], label="Edit", icon=":material/edit:", query_params={"id": str(interview.id)})
        shown = bool(st.session_state.get(open_key))
        st.button("Hide details" if shown else "Details", key=f"{key}.details_toggle", on_click=toggle,
                  args=(open_key,), type="tertiary",
                  icon=":material/expand_less:" if shown else ":material/expand_more:",
                  help="Each step with why and when, the evidence behind your scores, your notes")


def outcome_control(interview: Interview, today: date, key: str) -> None:
    with menu("Outcome", f"{key}.outcome_menu", icon=":material/flag:", help="Record what you heard back",
              type="tertiary") as open_:
        if not open_:
            return
        choice = st.selectbox("Outcome", list(Outcome), index=list(Outcome).index(interview.outcome),
                              format_func=lambda o: o.label, key=f"{key}.outcome")
        if choice is not Outcome.PENDING:
            heard_on, earliest, latest = heard_on_choices(interview, today)
            st.date_input("Heard on", value=heard_on, min_value=earliest, max_value=latest, key=f"{key}.on",
                          format="YYYY-MM-DD")
        st.button("Save outcome", type="primary", key=f"{key}.save", on_click=on_outcome, args=(interview.id, key))


def details(interview: Interview, steps: list[Step], today: date, key: str, application: Application | None,
            scored: bool) -> None:
    """Every step in words with its actions, who was there, evidence and notes: drawn only once asked for."""
    with st.container(key=f"details-{interview.saved_id}", gap="xsmall"):
        st.divider()
        with st.container(horizontal=True, gap="xsmall", vertical_alignment="center"):  # rarer: not on the card
            outcome_control(interview, today, key)
            if next_step(steps):
                calendar_button("Calendar", f"{key}.ics", interview.id, file_name=f"debrief-{interview.id}.ics",
                                help="This interview's open steps as calendar events (.ics)", type="tertiary")
        step_list(steps, today, interview_id=interview.saved_id, key=key)
        st.markdown(people_and_evidence(interview, scored))
        round_link(application, interview)


PRIVATE_BADGE = ":gray-badge[:material/lock: Private]"


def private_mark(interview: Interview, field: str) -> str:
    """' :gray-badge[:material/lock: Private]' after a field the candidate keeps to themselves, else ''."""
    return f" {PRIVATE_BADGE}" if field in interview.private else ""


def people_and_evidence(interview: Interview, scored: bool = True) -> str:
    """Who was there, each score's evidence, the timing they gave, questions and notes, as Markdown.

    A private field shows in full (this is the candidate's own screen) with a Private badge, so they
    see what a packet or report will leave out.
    """
    people = ", ".join(p.name for p in interview.interviewers) or "not recorded"
    lines = [f"**Interviewers:** {md_escape(people)}" + (f" · **Recruiter:** {md_escape(interview.recruiter)}"
                                                        if interview.recruiter else "")]
    if scored:
        lines += [f"**{d.label}** ({score_label(interview.score(d))}){private_mark(interview, EVIDENCE_COLUMNS[d])}: "
                  f"{md_escape(interview.evidence_for(d) or '—')}" for d in Dimension]
    if interview.stated_timeframe:
        lines.append(f"**Timing they gave:** {md_escape(interview.stated_timeframe)}")
    if interview.questions:
        lines.append(f"**Questions asked:**{private_mark(interview, 'questions')} {md_escape(interview.questions)}")
    if interview.notes:
        lines.append(f"**Notes:**{private_mark(interview, 'notes')} {md_escape(interview.notes)}")
    return "\n\n".join(lines)


def round_link(application: Application | None, interview: Interview) -> None:
    """"Round 2 of 3 · Kestrel: Backend engineer", linked to the application, when it has several rounds."""
    if application is None or len(application.rounds) < 2:
        return
    st.page_link(PAGES["applications"], label=md_escape(round_line(application, interview)),
                 icon=":material/view_column:", query_params={"app": application.uid})


def booked_card(interview: Interview, now: datetime, application: Application | None, expanded: bool = False) -> None:
    """An interview logged ahead: when it is, and its preparation notes on demand; no scores and no timeline yet."""
    today = now.date()
    with st.container(border=True, key=f"entry-{interview.id}", gap="xsmall"):
        st.markdown(heading(interview, today, application, scored=False) + "\n\n"
                    f"**{booked_line(interview, today)}.** :gray[Follow-up starts once it is over.]")
        with st.container(horizontal=True, gap="xsmall", vertical_alignment="center"):
            st.page_link(PAGES["log"], label="Edit or add notes", icon=":material/edit:",
                         query_params={"id": str(interview.id)})
            round_link(application, interview)
        notes = [f"**{label}:**{private_mark(interview, name)} {md_escape(getattr(interview, name))}"
                 for name, label in PREP_FIELDS.items() if getattr(interview, name).strip()]
        if not notes:
            st.markdown(":gray[No preparation notes yet: add them with Edit.]")
            return
        section = st.expander("Preparation notes", key=f"iv{interview.id}.prep", on_change="rerun", expanded=expanded)
        with opened(section) as open_:
            if open_:
                st.markdown("\n\n".join(notes))
