"""Coaching on screen: the reads the Coaching pages share, and the action items agreed with a mentor (on Today too)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib.charts.palette import BadgeColour
from lib.domain.coaching import ActionStatus, action_state, actions_in_order, owner_name
from lib.domain.gaps import score_gaps as gaps_of
from lib.domain.text import md_escape
from lib.store import Store
from lib.ui.app import PAGES
from lib.ui.cache import derived, store

ACTION_BADGE_COLOURS: dict[str, BadgeColour] = {
    "open": "blue", "due today": "orange", "was due": "orange", "done": "green", "dropped": "gray"
}


@derived(max_entries=16)
def coaching_sessions(store: Store, mentor: str | None = None) -> list:
    """CoachingSession list, newest first (only `mentor`'s when given)."""
    return store.coaching.sessions(mentor or None)


@derived(max_entries=32)
def _action_items(store: Store, session_id: int | None, open_only: bool, mentor: str | None) -> list:
    status = ActionStatus.OPEN if open_only else None
    return actions_in_order(store.coaching.actions(session_id=session_id, status=status, mentor=mentor or None))


def action_items(session_id: int | None = None, open_only: bool = False, mentor: str | None = None) -> list:
    """ActionItem list: open ones first, by due date."""
    return _action_items(session_id, open_only, mentor)


@derived(max_entries=16)
def score_gaps(store: Store, mentor: str | None = None) -> pd.DataFrame:
    """lib.domain.gaps.score_gaps over every session (or only `mentor`'s)."""
    return gaps_of(store.coaching.review_rows(mentor=mentor or None))


def _set_action(action_id: int, status_value: str, today: date, in_session: int | None) -> None:
    status = ActionStatus(status_value)
    store().coaching.set_action_status(action_id, status, today, in_session)
    words = {"done": "Marked done.", "dropped": "Dropped: it will not come up again.", "open": "Open again."}
    st.session_state["flash"] = words[status.value]


def action_item_row(item, today: date, key: str, *, in_session: int | None = None, show_mentor: bool = True) -> None:
    """One action item: its state, text, who and with whom; Done / Drop while open, Reopen after."""
    state = action_state(item, today)
    colour: BadgeColour = next((c for prefix, c in ACTION_BADGE_COLOURS.items() if state.startswith(prefix)), "blue")
    with st.container(border=True, key=key, gap="small"):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.badge(state, color=colour)
            st.markdown(md_escape(item.text))
        who = f"Who: {owner_name(item)}" + (f" · agreed with {item.mentor}" if show_mentor and item.mentor else "")
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.caption(md_escape(who))
            if item.is_open:
                st.button("Done", key=f"{key}.done", on_click=_set_action, args=(item.id, "done", today, in_session),
                          icon=":material/check:", type="secondary")
                st.button("Drop", key=f"{key}.drop", on_click=_set_action, icon=":material/close:", type="tertiary",
                          args=(item.id, "dropped", today, in_session))
            else:
                st.button("Reopen", key=f"{key}.reopen", on_click=_set_action, args=(item.id, "open", today, None),
                          icon=":material/undo:", type="tertiary")


def open_action_items(today: date, limit: int = 6) -> None:
    """Today's reminder of what was agreed with a mentor and is still open (nothing when none is)."""
    items = action_items(open_only=True)
    if not items:
        return
    st.subheader("Agreed with your mentor", anchor=False)
    for item in items[:limit]:
        action_item_row(item, today, key=f"today-action-{item.id}")
    more = f"{len(items) - limit} more open · " if len(items) > limit else ""
    st.page_link(PAGES["coaching"], label=f"{more}Open Coaching", icon=":material/school:")
