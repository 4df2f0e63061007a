"""Private text stays out of what is made for someone else (an email draft, calendar events) and stays in
the user's own exports (JSON, CSV), which must bring back everything."""

from __future__ import annotations

import csv
import io
import json

from lib.domain.drafts import topic_suggestions
from lib.domain.model import EVIDENCE_COLUMNS, PRIVATE_FIELDS, Dimension
from lib.files.csv import export_csv, read_csv
from lib.files.ics import export_ics
from lib.files.json import export_json, read_json
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview

MARKER = "PRIVATE-7f3a"


def candid(**overrides):
    """Every field that can be private holds the marker; `private` says which are kept private."""
    return build_interview(
        questions=f"{MARKER} they asked about the on-call rota", notes=f"{MARKER} the manager seemed rushed",
        prep_questions=f"{MARKER} ask", prep_stories=f"{MARKER} story", prep_pitch=f"{MARKER} pitch",
        evidence={d: f"{MARKER} {column}" for d, column in EVIDENCE_COLUMNS.items()}, **overrides)


def test_an_email_drafts_topics_come_only_from_shared_notes_and_questions():
    shared = build_interview(notes="Their rebuild of the pricing dashboards", questions="On-call rota?")
    assert topic_suggestions(shared)  # shared notes give topics
    both_private = build_interview(notes=shared.notes, questions=shared.questions,
                                   private=frozenset({"notes", "questions"}))
    assert topic_suggestions(both_private) == []


def test_calendar_events_carry_no_private_text(store: Store):
    store.interviews.save(candid(private=frozenset(PRIVATE_FIELDS)), now=FIXED_NOW)
    calendar = export_ics(store, FIXED_NOW, None)
    assert "BEGIN:VEVENT" in calendar and MARKER not in calendar


def test_the_json_export_keeps_every_private_field_and_which_are_private(store: Store):
    store.interviews.save(candid(private=frozenset({"notes", "culture_evidence"})), now=FIXED_NOW)
    document = export_json(store, FIXED_NOW)
    [back] = [entry[0] for entry in read_json(document, FIXED_NOW)]
    assert back.private == frozenset({"notes", "culture_evidence"})
    assert back.notes == f"{MARKER} the manager seemed rushed"
    assert back.evidence_for(Dimension.CULTURE_FIT) == f"{MARKER} culture_evidence"
    assert json.dumps(json.loads(document)).count(MARKER) == len(PRIVATE_FIELDS)


def test_the_csv_export_keeps_every_private_field_and_which_are_private(store: Store):
    store.interviews.save(candid(private=frozenset({"notes", "prep_pitch"})), now=FIXED_NOW)
    text = export_csv(store)
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["private"] == "notes prep_pitch"
    assert row["notes"] == f"{MARKER} the manager seemed rushed" and row["prep_pitch"] == f"{MARKER} pitch"
    [back] = [entry[0] for entry in read_csv(text, FIXED_NOW)]
    assert back.private == frozenset({"notes", "prep_pitch"}) and back.prep_pitch == f"{MARKER} pitch"
