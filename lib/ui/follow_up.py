"""The follow-up reads the pages share: one interview's timeline, and the agenda over every open interview."""

from __future__ import annotations

from datetime import datetime

from lib import clock
from lib.domain.agenda import Agenda, build_agenda
from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interview
from lib.domain.steps import Step
from lib.store import Store
from lib.ui.cache import data, derived


def timeline(interview: Interview, at: datetime) -> list[Step]:
    """An interview's steps as they stand at `at`, with its marks and snoozes."""
    reads = data()
    done = reads.follow_up.marks_for((interview.saved_id,)).get(interview.saved_id, [])
    snoozed = reads.follow_up.snoozes_for((interview.saved_id,)).get(interview.saved_id, [])
    later = reads.applications.later_rounds((interview.saved_id,)).get(interview.saved_id)
    return follow_up_timeline(interview, done, at, clock.local_zone(), snoozed, later)


@derived(shared=True, max_entries=4)
def _agenda(store: Store, at: datetime) -> Agenda:
    """A resource, not data: st.cache_data would unpickle every due step on every rerun (0.7 s at
    100,000 entries). Safe to share: the Agenda is frozen and its readers copy what they change."""
    open_ones = store.interviews.open()
    ids = [i.saved_id for i in open_ones]
    marks, snoozes = store.follow_up.marks_for(ids), store.follow_up.snoozes_for(ids)
    later = store.applications.later_rounds(ids)
    return build_agenda(open_ones, marks, at, clock.local_zone(), snoozes_by_id=snoozes, later_by_id=later)


def agenda(at: datetime) -> Agenda:
    """What is due across every open interview; to the minute, so reruns within one share an entry."""
    return _agenda(at.replace(second=0, microsecond=0))
