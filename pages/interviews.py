"""Every entry, newest first, each with its follow-up timeline beside it."""

from __future__ import annotations

import streamlit as st

from lib import ui
from lib.domain.applications import Application
from lib.domain.days import human_date, human_time
from lib.domain.entry_form import heard_on_choices
from lib.domain.model import PREP_FIELDS, Dimension, Interview, Outcome, Stage
from lib.domain.rounds import booked_line, grouped_by_application
from lib.domain.rubric import score_label
from lib.domain.steps import next_step
from lib.domain.text import md_escape
from lib.store import InterviewFilter
from lib.ui.applications import applications_of, round_link_on_card

PAGE_SIZE = 10


def on_outcome(interview_id: int, key: str) -> None:
    outcome = st.session_state[f"{key}.outcome"]
    on = st.session_state.get(f"{key}.on") if outcome is not Outcome.PENDING else None
    ui.store().interviews.set_outcome(interview_id, outcome, on)
    st.session_state[f"{key}.outcome_menu"] = False  # close the menu: the entry shows the outcome
    st.session_state["flash"] = f"Outcome recorded: {outcome.label}."


def badges(interview: Interview, scored: bool = True) -> str:
    """Scores, missing evidence, outcome and demo flag as Markdown badges: one element, not six."""
    parts = [f":blue-badge[{d.label} {score_label(interview.score(d)).lower()}]" for d in Dimension if scored]
    if interview.evidence_missing:
        missing = ", ".join(d.label.lower() for d in interview.evidence_missing)
        parts.append(f":orange-badge[:material/warning: evidence missing \\({missing}\\)]")
    if interview.outcome is not Outcome.PENDING:
        parts.append(f":violet-badge[{interview.outcome.label}]")
    if interview.is_demo:
        parts.append(":gray-badge[demo]")
    return " ".join(parts)


def entry_summary(interview: Interview, today, key: str, scored: bool = True) -> None:
    when = f"{human_date(interview.day0, today)}, {human_time(interview.interview_at)}"
    about = f"{when} · {interview.stage.label} · {interview.format.label} · {interview.duration_min} min"
    people = ", ".join(p.name for p in interview.interviewers) or "Interviewer not recorded"
    extra = f" · recruiter {interview.recruiter}" if interview.recruiter else ""
    st.markdown(
        f"### {md_escape(interview.company)}: {md_escape(interview.role)}\n\n"
        f":gray[{md_escape(about)}]  \n:gray[{md_escape(people + extra)}]\n\n{badges(interview, scored)}"
    )
    if not scored:  # booked ahead: nothing to read yet
        return
    with ui.opened(st.expander("Evidence and notes", key=f"{key}.evidence", on_change="rerun")) as is_open:
        if not is_open:  # drawn when opened: ten closed expanders cost the browser ten Markdown blocks
            return
        lines = [f"**{d.label}** ({score_label(interview.score(d))}): {md_escape(interview.evidence_for(d) or '—')}"
                 for d in Dimension]
        if interview.stated_timeframe:
            lines.append(f"**Timing they gave:** {md_escape(interview.stated_timeframe)}")
        if interview.questions:
            lines.append(f"**Questions asked:** {md_escape(interview.questions)}")
        if interview.notes:
            lines.append(f"**Notes:** {md_escape(interview.notes)}")
        st.markdown("\n\n".join(lines))


def outcome_control(interview: Interview, today, key: str) -> None:
    with ui.menu("Record outcome", f"{key}.outcome_menu", icon=":material/flag:") as open_:
        if not open_:
            return
        choice = st.selectbox("Outcome", list(Outcome), index=list(Outcome).index(interview.outcome),
                              format_func=lambda o: o.label, key=f"{key}.outcome")
        if choice is not Outcome.PENDING:
            heard_on, earliest, latest = heard_on_choices(interview, today)
            st.date_input("Heard on", value=heard_on, min_value=earliest, max_value=latest, key=f"{key}.on",
                          format="YYYY-MM-DD")
        st.button("Save outcome", type="primary", key=f"{key}.save", on_click=on_outcome, args=(interview.id, key))


def booked_card(interview: Interview, now, application: Application | None) -> None:
    """An interview logged ahead: when it is, its preparation notes; no scores and no timeline yet."""
    today = now.date()
    with st.container(border=True, key=f"entry-{interview.id}"):
        summary_column, prep_column = st.columns([2, 3], gap="medium")
        with summary_column:
            entry_summary(interview, today, f"iv{interview.id}", scored=False)
            round_link_on_card(application, interview)
            st.page_link(ui.PAGES["log"], label="Edit or add notes", icon=":material/edit:",
                         query_params={"id": str(interview.id)})
        with prep_column:
            st.markdown(f"**{booked_line(interview, today)}.** :gray[Follow-up starts once it is over.]")
            notes = [f"**{label}:** {md_escape(getattr(interview, name))}"
                     for name, label in PREP_FIELDS.items() if getattr(interview, name).strip()]
            st.markdown("\n\n".join(notes) or ":gray[No preparation notes yet: add them with Edit.]")


def entry_card(interview: Interview, now, application: Application | None = None) -> None:
    if interview.is_ahead(now):
        booked_card(interview, now, application)
        return
    today = now.date()
    key = f"iv{interview.id}"
    steps = ui.timeline(interview, now)
    upcoming = next_step(steps)
    awaiting = interview.awaits_scores(now)
    with st.container(border=True, key=f"entry-{interview.id}"):
        summary_column, timeline_column = st.columns([2, 3], gap="medium")
        with summary_column:
            entry_summary(interview, today, key, scored=not awaiting)
            round_link_on_card(application, interview)
            if awaiting:
                st.page_link(ui.PAGES["log"], label="Score it while it's fresh", icon=":material/edit_note:",
                             query_params={"id": str(interview.id)})
            with st.container(horizontal=True, gap="small"):
                st.page_link(ui.PAGES["log"], label="Edit", icon=":material/edit:",
                             query_params={"id": str(interview.id)})
                outcome_control(interview, today, key)
                if upcoming:
                    ui.calendar_button("Add to calendar", f"{key}.ics", interview.id,
                                       file_name=f"debrief-{interview.id}.ics")
        with timeline_column:
            moved_on = next((step.moved_on for step in steps if step.moved_on), "")  # a later round's why
            if upcoming:
                st.markdown(f"**Next:** {md_escape(upcoming.title)} · {upcoming.status_text(today)}")
            elif interview.outcome.closes_follow_up:
                st.markdown(f"**Follow-up closed:** {interview.outcome.label.lower()}.")
            elif moved_on:
                st.markdown(f"**Follow-up closed:** {md_escape(moved_on)}")
            else:
                st.markdown("**All follow-up done.** Nothing to send: waiting is the right move now.")
            closed = interview.outcome.closes_follow_up or bool(moved_on and not upcoming)
            rows = not closed or st.toggle("Show the steps", key=f"{key}.steps", help="Nothing is left to do here")
            ui.timeline_view(steps, today, interview_id=interview.id, key=key, rows=rows)


def read_filters() -> tuple[InterviewFilter, int | None]:
    focus = st.query_params.get("id")
    with st.container(horizontal=True, vertical_alignment="bottom"):
        text = st.text_input("Search", key="q", bind="query-params", placeholder="company, role, notes, people…")
        companies = st.multiselect("Company", ui.data().interviews.companies(), key="company", bind="query-params")
        stages = st.multiselect("Stage", list(Stage), key="stage", format_func=lambda s: s.label, bind="query-params")
        outcomes = st.multiselect("Outcome", list(Outcome), key="outcome", format_func=lambda o: o.label,
                                  bind="query-params")
    where = InterviewFilter(tuple(companies), tuple(stages), tuple(outcomes), text or "")
    return where, int(focus) if focus and focus.isdigit() else None


def on_show_all() -> None:
    st.query_params.pop("id", None)


# --- the page ------------------------------------------------------------------------------
ui.route_through_entrypoint()
ui.flash()
now = ui.now()
ui.draft_dialog_if_open(now)  # a draft opened from a step below
st.title("Interviews")
if ui.data().interviews.count() == 0:
    st.info("No interviews yet. Log one and its follow-up plan appears here.", icon=":material/info:")
    st.page_link(ui.PAGES["log"], label="Log your first interview", icon=":material/edit_note:")
    st.stop()

where, focus_id = read_filters()
if focus_id is not None:
    focused = ui.data().interviews.get(focus_id)
    st.button("Show all interviews", on_click=on_show_all, icon=":material/arrow_back:", type="tertiary")
    if focused is None:
        st.warning(f"There is no interview #{focus_id}: it may have been deleted.")
    else:
        entry_card(focused, now, applications_of((focused.saved_id,)).get(focused.saved_id))
    st.stop()

total = ui.data().interviews.count(where)
if total == 0:
    st.info("Nothing matches these filters.", icon=":material/filter_alt_off:")
    st.stop()
pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
page_number = st.session_state.get("page_number", 1)
page_number = min(max(page_number, 1), pages)
st.session_state["page_number"] = page_number
shown = ui.data().interviews.find(where, PAGE_SIZE, (page_number - 1) * PAGE_SIZE)
st.caption(
    f"{total:,} interview{'s' if total != 1 else ''}, newest first"
    + (f" · page {page_number} of {pages}" if pages > 1 else "")
)
rounds_of = applications_of(tuple(i.saved_id for i in shown))
for interview in grouped_by_application(shown):
    entry_card(interview, now, rounds_of.get(interview.saved_id))
if pages > 1:
    st.number_input("Page", min_value=1, max_value=pages, key="page_number", step=1, width=160)
