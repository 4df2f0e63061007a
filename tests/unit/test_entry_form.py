"""Reading a saved log-form draft: whole drafts round-trip, partial ones fill in, unreadable ones are None."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from lib.domain.entry_form import EntryForm
from lib.domain.model import Outcome, Stage
from tests.factories import FIXED_NOW

BASE = EntryForm.blank(FIXED_NOW)


def test_a_whole_draft_reads_back_as_the_form_that_wrote_it():
    typed = replace(BASE, company="Acme", stage=Stage.PANEL, scores={"skills_match": 4}, outcome=Outcome.OFFER,
                    outcome_on=date(2026, 11, 19), people=[{"name": "Jo", "title": "", "email": "", "id": 3}])
    assert EntryForm.from_saved(typed.to_json(), BASE) == typed


def test_a_partial_draft_from_an_older_version_keeps_the_base_forms_other_values():
    read = EntryForm.from_saved('{"company": "Half-typed Co"}', BASE)
    assert read == replace(BASE, company="Half-typed Co")
    assert (read.day, read.start) == (date(2026, 11, 20), time(16, 0))  # the base's, not today's


@pytest.mark.parametrize("payload", [
    '{"stage": "lunch"}', '{"company": "\\ud800"}', '{"start": "noon"}', '{"outcome_on": 5}',
    '{"duration_min": true}', '{"scores": {"skills_match": "4"}}', '{"evidence": {"skills_match": 4}}',
    '{"people": [{"name": 7}]}', '{"interview_id": "12"}', '{"is_demo": "no"}', "[]", "null", "{",
])
def test_a_draft_the_form_cannot_hold_reads_as_none(payload: str):
    assert EntryForm.from_saved(payload, BASE) is None
