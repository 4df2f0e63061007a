"""What is due now across all interviews (with its actions), the week ahead, the latest entries, progress."""

from __future__ import annotations

import streamlit as st

from lib import ui
from lib.domain.agenda import AgendaItem, PlanDay, due_cards
from lib.domain.analytics import progress_from_averages, progress_line
from lib.domain.days import human_date
from lib.domain.drafts import DRAFT_KINDS, KIND_LABELS
from lib.domain.model import Dimension
from lib.domain.rubric import RUBRIC, score_label
from lib.domain.steps import StepKind
from lib.domain.text import md_escape
from lib.ui.bulk_thank_you import undo_bar
from lib.ui.thank_you_card import PAGE, thank_you_card
from lib.ui.today_booked import booked, coming_up_section, open_log, open_log_if_asked, score_it


def welcome() -> None:
    st.title("Welcome to Debrief", anchor=False)
    st.markdown(
        "Reflect on every interview while it is fresh, back each score with evidence, "
        "and always know which follow-up to send, and when."
    )
    st.markdown("After an interview, hiring managers weigh three things. You score yourself on the same three:")
    for dimension in Dimension:
        st.markdown(f"- **{dimension.label}**: {RUBRIC[dimension].question}")
    with st.container(horizontal=True):
        st.button("Log your first interview", type="primary", icon=":material/edit_note:", on_click=open_log)
        st.button("Explore with demo data", on_click=ui.load_demo_data, icon=":material/science:")
    st.caption("Everything stays on this computer, in one database file. The demo interviews are marked demo; "
               "remove them in one click from the sidebar or the Your data page.")


def agenda_item(item: AgendaItem, today) -> None:
    """One step to do now: what, for which entry, and its actions (Draft; More: done, snooze, skip)."""
    interview, step = item.interview, item.step
    with st.container(border=True, key=f"due-{interview.id}-{step.key.replace(':', '-')}"):
        detail = f"{interview.company}: {interview.role} · interviewed {human_date(interview.day0, today)}"
        lines = [f"{ui.status_badge_md(step, today)} **{md_escape(step.title)}**", f":gray[{md_escape(detail)}]"]
        if step.snoozed_from:
            snoozed = f"Snoozed from {human_date(step.snoozed_from, today)}: {step.snooze_reason}"
            lines.append(f":gray[{md_escape(snoozed)}]")
        if step.kind is StepKind.NO_RESPONSE:  # its why is the reassurance: above the actions, full width
            lines.append(f":gray[{md_escape(step.why)}]")
        st.markdown("  \n".join(lines))
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            ui.step_actions(step, interview.saved_id, today, key=f"td{interview.id}.{step.key}", why_shown=True)
            st.page_link(ui.PAGES["interviews"], label="Open entry", icon=":material/arrow_forward:",
                         query_params={"id": str(interview.id)})


DUE_PAGE = 10  # due cards drawn at first; each has its own actions, so hundreds would stall the page
DAY_LIMIT = 6  # steps listed per later day of the week plan


def show_more_due() -> None:
    st.session_state["due_shown"] = st.session_state.get("due_shown", DUE_PAGE) + DUE_PAGE


def due_now(items: list[AgendaItem], today) -> None:
    st.subheader("Due now", anchor=False)
    if not any(item.step.needs_action for item in items):
        st.success("All caught up: nothing to send right now. Waiting is the right move.",
                   icon=":material/done_all:")
    cards = due_cards(items)  # an interview's thank-you notes share one card
    shown = st.session_state.get("due_shown", DUE_PAGE)
    for card in cards[:shown]:
        if card.is_thank_yous:
            thank_you_card(card, today)
        else:
            agenda_item(card.items[0], today)
    hidden = len(cards) - shown
    if hidden > 0:
        st.button(f"Show {min(hidden, DUE_PAGE)} more ({hidden:,} not shown, the most urgent are above)",
                  on_click=show_more_due, icon=":material/expand_more:", type="tertiary", key="due.more")


def week_label(item: AgendaItem) -> str:
    step = item.step
    what = step.title if step.kind is StepKind.THANK_YOU else KIND_LABELS.get(step.kind, step.title)
    return f"{md_escape(what)} · {md_escape(item.interview.company)}"


def week_day(plan_day: PlanDay, today) -> None:
    """One later day: what to send, as one list; Draft ahead opens a menu with a draft per step."""
    shown = plan_day.items[:DAY_LIMIT]
    lines = [f"**{human_date(plan_day.day, today)}**"] + [f"- {week_label(item)}" for item in shown]
    if len(plan_day.items) > DAY_LIMIT:
        lines.append(f"- :gray[and {len(plan_day.items) - DAY_LIMIT:,} more on this day]")
    st.markdown("\n".join(lines))
    emails = [item for item in shown if item.step.kind in DRAFT_KINDS]  # "record no response?" has nothing to write
    if not emails:
        return
    with ui.menu("Draft ahead", f"wk.{plan_day.day}", icon=":material/edit_note:", type="tertiary",
                 help="Prepare one of these emails now") as open_:
        for item in emails if open_ else ():
            st.button(week_label(item), key=f"wk{item.interview.id}.{item.step.key}.draft", on_click=ui.open_draft,
                      args=(item.interview.id, item.step.key), type="tertiary", icon=":material/edit_note:",
                      wrap=True)


def your_week(days: list[PlanDay], today) -> None:
    """Today's count, then each of the next six days with what to send on it."""
    st.subheader("Your week", anchor=False)
    first, later = days[0], days[1:]
    to_do = [i for i in first.items if i.step.needs_action]
    to_send = [i for i in to_do if i.step.kind is not StepKind.NO_RESPONSE]
    overdue = sum(i.step.status.value == "overdue" for i in to_send)
    count = f"{len(to_send)} to send" + (f", {overdue} overdue" if overdue else "") if to_send else "nothing to send"
    if decide := len(to_do) - len(to_send):
        count += f", {decide} to decide"
    st.markdown(f"**Today, {human_date(today, today)}**: {count}")
    quiet = [human_date(d.day, today) for d in later if not d.items]
    for plan_day in later:
        if plan_day.items:
            week_day(plan_day, today)
    if quiet and len(quiet) < len(later):
        st.caption("Nothing to send on " + ", ".join(quiet) + ".")
    if not to_do and not any(d.items for d in later):
        st.info("A quiet week: nothing planned for the next seven days. Hiring takes time, and you are on top "
                "of it.", icon=":material/self_improvement:")
    ui.calendar_button("Add all open steps to your calendar", key="ics.all", type="tertiary")


def latest_entries(today, booked_ids: set[int]) -> None:
    """The five latest entries with their scores; booked ones have none yet (the soon ones are listed above)."""
    st.subheader("Latest entries", anchor=False)
    found = ui.data().interviews.find(limit=5 + len(booked_ids))
    for interview in [i for i in found if i.id not in booked_ids][:5]:
        scores = " · ".join(f"{d.label} {score_label(interview.score(d)).lower()}" for d in Dimension)
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.page_link(ui.PAGES["interviews"], label=md_escape(f"{interview.company}: {interview.role}"),
                         query_params={"id": str(interview.id)})
            st.caption(f"{human_date(interview.day0, today)} · {scores}")


# --- the page ------------------------------------------------------------------------------
ui.route_through_entrypoint()
open_log_if_asked()  # a click on Score it now or Log an interview
ui.flash()
now = ui.now()
today = now.date()
if ui.data().interviews.count() == 0:
    welcome()
    st.stop()

with st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute"):
    st.title("Today", width="content", anchor=False)
    st.button("Log an interview", type="primary", icon=":material/edit_note:", key="today.log", on_click=open_log,
              help="A new entry: an interview you had, or one booked ahead with your preparation notes")
st.caption(human_date(today, today))
undo_bar(PAGE)  # after Mark all sent: what it did, and Undo
to_score, coming = booked(now)
score_it(to_score)  # the first item of the day while an interview waits for its scores
coming_up_section(coming)
progress = progress_from_averages(ui.data().interviews.score_averages(latest=5), ui.data().interviews.score_averages())
st.markdown(f"**Progress, last 5 vs all:** {progress_line(progress)}")
agenda = ui.agenda(now)
week = agenda.week(today)
due_column, week_column = st.columns([3, 2], gap="large")
with due_column:
    due_now(week[0].items, today)
with week_column:
    your_week(week, today)
latest_entries(today, {i.saved_id for i in ui.data().interviews.booked()})
ui.open_action_items(today)  # what was agreed with a mentor and is still open
ui.draft_dialog_if_open(now)
