"""Applications on screen: the compact list row, one application's rounds side by side, its rounds chart.

The Applications page places these; the words come from lib.domain.rounds, the chart from
lib.charts.rounds (drawn once per data version as an SVG picture, as the Interviews timelines are).
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from lib import charts
from lib.charts.contrast import in_scheme
from lib.charts.rounds import rounds_chart
from lib.domain.applications import Application, ApplicationStatus
from lib.domain.days import human_date, human_time
from lib.domain.model import EVIDENCE_COLUMNS, PREP_FIELDS, Dimension, Interview
from lib.domain.rounds import NextMove, booked_line, next_move, round_line, score_row
from lib.domain.steps import StepStatus
from lib.domain.text import count_of, md_escape, one_line
from lib.store import Store
from lib.ui.app import PAGES
from lib.ui.cache import derived
from lib.ui.follow_up import timeline
from lib.ui.interview_card import private_mark
from lib.ui.timeline import step_text
from lib.ui.widgets import dark_page, opened

STATUS_BADGES = {
    ApplicationStatus.ACTIVE: "blue",
    ApplicationStatus.OFFER: "green",
    ApplicationStatus.REJECTED: "gray",
    ApplicationStatus.WITHDRAWN: "gray",
    ApplicationStatus.NO_RESPONSE: "orange",
}
EVIDENCE_EXCERPT = 90  # characters of evidence under a score in the side-by-side view
ROUNDS_PER_ROW = 4  # more rounds than this wrap to a second row of columns


def status_badge(application: Application) -> str:
    """Its status as a badge, and the demo badge Interviews shows when every round is demo data."""
    demo = " :gray-badge[demo]" if application.is_demo else ""
    return f":{STATUS_BADGES[application.status]}-badge[{application.status.label}]{demo}"


def application_next_move(application: Application, now: datetime) -> NextMove:
    """The one next step of the application, from its latest round's timeline as it stands now."""
    latest = application.latest
    steps = [] if latest.is_ahead(now) else timeline(latest, now)
    return next_move(application, steps, now)


NEXT_LINKS = {"score": ("Score it", "log", ":material/edit_note:"),
              "prepare": ("Prepare", "interviews", ":material/arrow_forward:"),
              "step": ("Follow up", "interviews", ":material/arrow_forward:")}


def next_move_link(move: NextMove) -> None:
    """A short link that acts on the next step (Score it, Prepare, Follow up, Log it); none when closed or waiting."""
    if move.kind == "log":
        st.page_link(PAGES["log"], label="Log it", icon=":material/edit_note:")
    elif move.kind in NEXT_LINKS:
        label, page, icon = NEXT_LINKS[move.kind]
        st.page_link(PAGES[page], label=label, icon=icon, query_params={"id": str(move.interview.saved_id)})


# --- the list ------------------------------------------------------------------------------
ROUNDS_IN_A_ROW = 5  # rounds listed per application on the list; its own view shows every one


def application_row(application: Application, now: datetime, page: int = 1) -> None:
    """One application as a compact row: title, status and next step on the left, its rounds on the right.

    Its rounds are one Markdown block with a link per round, not a page link and a line each: a
    page of ten applications drew 139 elements (the browser pays ~1-2 ms each), now about 40.
    Links carry short labels (Streamlit cuts a long one off); the text beside them wraps. Open keeps
    the list's `page` in the URL, so All applications comes back to it.
    """
    move = application_next_move(application, now)
    opened_from = {"page": str(page)} if page > 1 else {}
    with st.container(border=True, key=f"app-{application.uid}"):
        about, rounds = st.columns([4, 7], gap="medium")
        with about:
            st.markdown(f"**{md_escape(application.title)}** {status_badge(application)}  \n"
                        f"**Next:** {md_escape(move.text)}")
            with st.container(horizontal=True, gap="small"):
                st.page_link(PAGES["applications"], label="Open", icon=":material/view_column:",
                             query_params={"app": application.uid, **opened_from}, help="Its rounds side by side")
                next_move_link(move)
        with rounds:
            st.markdown(rounds_block(application, now))


def rounds_block(application: Application, now: datetime) -> str:
    """The latest rounds, one line each, and how many earlier ones the application's own view shows."""
    lines = [round_line_md(number, interview, now)
             for number, interview in list(enumerate(application.rounds, 1))[-ROUNDS_IN_A_ROW:]]
    earlier = len(application.rounds) - ROUNDS_IN_A_ROW
    if earlier > 0:  # a long process: its latest rounds, the rest one click away
        lines.insert(0, f":gray[{earlier} earlier round{'s' if earlier != 1 else ''}: open the application to "
                        "see them all.]")
    return "  \n".join(lines)


def round_line_md(number: int, interview: Interview, now: datetime) -> str:
    """"**Round 1** · Phone screen · Tue 1 Dec · :gray[Skills 4 · …]": text, not a link. Streamlit opens
    a Markdown link in a new tab (a new session); each round's own link sits on the application's
    page, one click away through Open."""
    if interview.is_ahead(now):
        detail = f"Booked, {human_time(interview.interview_at)}"
    elif interview.awaits_scores(now):
        detail = "Not scored yet"
    else:
        detail = score_row(interview)
    return (f"**Round {number}** · {interview.stage.label} · "
            f"{human_date(interview.day0, now.date())} · :gray[{detail}]")


# --- one application -----------------------------------------------------------------------
ROUNDS_CHART_WIDTH = 820  # px of the plot: about its natural size in the page at 1366 px, smaller on a phone


@derived(max_entries=32)
def rounds_chart_svg(store: Store, uid: str, dark: bool) -> str | None:
    """The rounds chart as an SVG picture, made once per data version (vl-convert); None if unscored.

    A picture, not an interactive chart: the browser draws an image for a fraction of a chart's cost
    (measured on Interviews: ten images 1.10-1.19x a blank page, ten charts 1.68-1.80x), and the
    round cards under it give every score in words.
    """
    import vl_convert

    application = store.applications.get(uid)
    if application is None or not any(r.score(d) is not None for r in application.rounds for d in Dimension):
        return None
    return vl_convert.vegalite_to_svg(picture_spec(charts.vega_lite_spec(rounds_chart(application)), dark))


def picture_spec(spec: dict, dark: bool) -> dict:
    """A chart's spec as a picture: a fixed width, the page's colours for its scheme."""
    return {**in_scheme(spec, dark), "width": ROUNDS_CHART_WIDTH}


def rounds_alt_text(application: Application) -> str:
    """What the picture shows, in words, for a screen reader."""
    rounds = "; ".join(f"round {number}: {score_row(interview)}"
                       for number, interview in enumerate(application.rounds, 1))
    return f"Your self-scores across rounds. {rounds}."


def application_view(application: Application, now: datetime) -> None:
    """Status and next step, the chart of scores across rounds, then the rounds side by side."""
    move = application_next_move(application, now)
    st.header(md_escape(application.title), anchor=False)
    st.markdown(f"{status_badge(application)} :gray[{count_of(len(application.rounds), 'round')}]")
    st.markdown(f"**Next:** {md_escape(move.text)}")
    next_move_link(move)
    svg = rounds_chart_svg(application.uid, dark_page())
    if svg is not None:
        st.image(svg, alt=rounds_alt_text(application), width="stretch")
        st.caption("Your three self-scores, round by round. A round you did not score is a gap, not a zero.")
    rounds = list(enumerate(application.rounds, 1))
    for start in range(0, len(rounds), ROUNDS_PER_ROW):
        row = rounds[start:start + ROUNDS_PER_ROW]
        width = min(len(rounds), ROUNDS_PER_ROW)  # three rounds take the page's width in three columns
        for column, (number, interview) in zip(st.columns(width, gap="small"), row, strict=False):
            with column, st.container(border=True, key=f"round-{interview.saved_id}"):
                round_card(application, number, interview, now)


def round_card(application: Application, number: int, interview: Interview, now: datetime) -> None:
    """One round: stage and date, each score with its evidence, outcome, and what closed its follow-up."""
    today = now.date()
    st.markdown(f"**Round {number}** · {interview.stage.label}  \n:gray[{human_date(interview.day0, today)}]")
    if interview.is_ahead(now):
        st.markdown(md_escape(booked_line(interview, today)))
        notes = [f"**{label}:**{private_mark(interview, name)} "
                 f"{md_escape(one_line(getattr(interview, name), EVIDENCE_EXCERPT))}"
                 for name, label in PREP_FIELDS.items() if getattr(interview, name).strip()]
        st.markdown("\n\n".join(notes) or ":gray[No preparation notes yet.]")
    else:
        lines = []
        for dimension in Dimension:
            score = interview.score(dimension)
            excerpt = one_line(interview.evidence_for(dimension), EVIDENCE_EXCERPT)
            mark = private_mark(interview, EVIDENCE_COLUMNS[dimension]) if excerpt else ""
            lines.append(f"**{dimension.label}** {score if score is not None else '–'}{mark}"
                         + (f"  \n:gray[{md_escape(excerpt)}]" if excerpt else ""))
        lines.append(f"**Outcome:** {interview.outcome.label}")
        st.markdown("\n\n".join(lines))
        if interview is not application.latest:
            closed_steps(interview, now)
    st.page_link(PAGES["interviews"], label="Open this round", icon=":material/arrow_forward:",
                 query_params={"id": str(interview.saved_id)})


def closed_steps(interview: Interview, now: datetime) -> None:
    """An earlier round's closed follow-up on one line, each step's why one click away."""
    today = now.date()
    closed = [s for s in timeline(interview, now) if s.status is StepStatus.CLOSED and s.reminder]
    if not closed:
        return
    by_reason: dict[str, list[str]] = {}
    for step in closed:
        by_reason.setdefault(step.status_text(today), []).append(md_escape(step.title))
    st.caption("  \n".join(f"{md_escape(reason)}: {', '.join(titles)}" for reason, titles in by_reason.items()))
    key = f"round-{interview.saved_id}.why"
    with opened(st.expander("Why the follow-up closed", key=key, on_change="rerun")) as is_open:
        if is_open:
            st.markdown("\n\n".join(step_text(s, today) for s in closed))


# --- on the Interviews page ----------------------------------------------------------------
@derived(max_entries=32)
def applications_of(store: Store, interview_ids: tuple[int, ...]) -> dict[int, Application]:
    """Each interview id to its application: one cached read for a page of cards."""
    found: dict[int, Application] = {}
    for interview_id in interview_ids:
        if interview_id not in found and (application := store.applications.of_interview(interview_id)):
            found |= {r.saved_id: application for r in application.rounds}
    return {i: found[i] for i in interview_ids if i in found}


def round_link_on_card(application: Application | None, interview: Interview) -> None:
    """"Round 2 of 3 · Kestrel: Backend engineer", linked to the application, when it has several rounds."""
    if application is None or len(application.rounds) < 2:
        return
    st.page_link(PAGES["applications"], label=md_escape(round_line(application, interview)),
                 icon=":material/view_column:", query_params={"app": application.uid})
