"""Guarantee 4: a malformed import is refused whole, named by place, and nothing is written.

The table below goes through `plan_import` / `import_file`, the one door the Data page and
`debrief import` share. CSV cell-by-cell cases live in tests/unit/test_csv.py; here are
the JSON side and what the CSV tests do not cover (a file that repeats an interview).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from lib.domain.model import Format, Interview, Interviewer, Stage, ValidationError
from lib.domain.steps import StepMark, StepStatus
from lib.files.csv import COLUMNS, export_csv
from lib.files.import_limits import MAX_BYTES
from lib.files.imports import import_file, plan_import
from lib.files.json import export_json
from lib.store import Store
from tests.factories import FIXED_NOW

Mutation = Callable[[dict], object]


@pytest.fixture(scope="module")
def good_export(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real export of two interviews, one with two interviewers and a thank-you marked sent."""
    source = Store(tmp_path_factory.mktemp("source") / "source.db")
    source.interviews.import_entries([
        (Interview("Acme", "Data engineer", Stage.TECHNICAL, Format.VIDEO, datetime(2026, 11, 10, 14, 0),
                   interviewers=(Interviewer("Priya Shah"), Interviewer("Tom Lee"))), []),
        (Interview("Borealis", "Analyst", Stage.PHONE_SCREEN, Format.PHONE, datetime(2026, 11, 12, 9, 0)), []),
    ])
    acme = next(i for i in source.interviews.find() if i.company == "Acme")
    source.follow_up.mark(acme.id, StepMark(f"thank_you:{acme.interviewers[0].id}", StepStatus.DONE, acme.day0))
    return export_json(source, FIXED_NOW)


@pytest.fixture
def doc(good_export: str) -> dict:
    """A fresh copy of the good export for a test to break."""
    return json.loads(good_export)


def interview(doc: dict, index: int = 0) -> dict:
    return doc["tables"]["interviews"][index]


def set_field(index: int, name: str, value: object) -> Mutation:
    def mutate(doc: dict) -> dict:
        interview(doc, index)[name] = value
        return doc

    return mutate


def drop_field(index: int, name: str) -> Mutation:
    def mutate(doc: dict) -> dict:
        del interview(doc, index)[name]
        return doc

    return mutate


def in_table(table: str, index: int, name: str, value: object) -> Mutation:
    def mutate(doc: dict) -> dict:
        doc["tables"][table][index][name] = value
        return doc

    return mutate


def top(name: str, value: object) -> Mutation:
    def mutate(doc: dict) -> dict:
        doc[name] = value
        return doc

    return mutate


def repeat_first(doc: dict) -> dict:
    twin = copy.deepcopy(interview(doc))
    twin["id"] = 99
    twin["company"] = " ACME "  # the same interview, typed differently
    doc["tables"]["interviews"].append(twin)
    return doc


def nested(doc: dict) -> str:
    return "[" * 100_000 + "]" * 100_000


def truncated(doc: dict) -> str:
    text = json.dumps(doc, indent=1)
    return text[: len(text) // 2]


def too_big(doc: dict) -> bytes:
    return b" " * MAX_BYTES + json.dumps(doc).encode()


def latin1(doc: dict) -> bytes:
    interview(doc)["notes"] = "Café"
    return json.dumps(doc, ensure_ascii=False).encode("latin-1")


# (case, mutation of a good export, where the message must point, words it must contain)
BAD_JSON = [
    ("empty file", lambda doc: b"", "file", "is empty"),
    ("only spaces", lambda doc: b"  \n\t ", "file", "is empty"),
    ("truncated", truncated, "file", "Was the file cut short?"),
    ("not JSON at all", lambda doc: "company,role\nAcme,Engineer", "file", "is not valid JSON"),
    ("array, not object", lambda doc: [doc], "file", "is a JSON array, not a Debrief export"),
    ("string, not object", lambda doc: json.dumps("just text"), "file", "is a JSON string"),
    ("null", lambda doc: None, "file", "is a JSON null"),
    ("nested too deep", nested, "file", "nested too deeply"),
    ("non-UTF-8", latin1, "file", "is not UTF-8 text"),
    ("over the size limit", too_big, "file", "the limit is 20 MB"),
    ("another format", top("format", "trello"), "field format", "not a Debrief export"),
    ("newer version", top("version", 2), "field version", "is 2, written by a newer Debrief"),
    ("version as text", top("version", "1"), "field version", "not a whole number"),
    ("no version", top("version", None), "field version", "is missing"),
    ("no tables", top("tables", None), "field tables", "is missing"),
    ("interviews not a list", top("tables", {"interviews": {}}), "field tables.interviews", "not a list"),
    ("record not an object", lambda doc: doc["tables"]["interviews"].append("Acme") or doc, "interviews[2]",
     "is a JSON string, not an object"),
    ("missing company", drop_field(0, "company"), "interviews[0], field company", "is missing"),
    ("blank role", set_field(1, "role", "   "), "interviews[1], field role", "is required"),
    ("company a number", set_field(0, "company", 42), "interviews[0], field company", "must be text"),
    ("notes an object", set_field(0, "notes", {"a": 1}), "interviews[0], field notes", "must be text"),
    ("bad date", set_field(0, "interview_at", "18/11/2026"), "interviews[0], field interview_at",
     "is not a date-time"),
    ("impossible date", set_field(0, "interview_at", "2026-02-30T10:00"), "interviews[0], field interview_at",
     "is not a date-time"),
    ("far future", set_field(0, "interview_at", "2029-01-10T10:00"), "interviews[0], field interview_at",
     "more than a year away"),
    ("bad outcome date", set_field(1, "outcome_on", "soon"), "interviews[1], field outcome_on", "soon"),
    ("score 0", set_field(0, "skills_match", 0), "interviews[0], field skills_match", "must be 1 to 5"),
    ("score 6", set_field(1, "culture_fit", 6), "interviews[1], field culture_fit", "must be 1 to 5"),
    ("score x", set_field(0, "enthusiasm", "x"), "interviews[0], field enthusiasm", "is not a score"),
    ("score 4.5", set_field(0, "enthusiasm", 4.5), "interviews[0], field enthusiasm", "is not a score"),
    ("score true", set_field(0, "enthusiasm", True), "interviews[0], field enthusiasm", "is not a score"),
    ("duration as text", set_field(0, "duration_min", "60"), "interviews[0], field duration_min",
     "not a whole number"),
    ("duration 0", set_field(0, "duration_min", 0), "interviews[0], field duration_min", "between 5 and 600"),
    ("unknown stage", set_field(0, "stage", "lunch"), "interviews[0], field stage", "is not one of"),
    ("unknown outcome", set_field(1, "outcome", "hired"), "interviews[1], field outcome", "is not one of"),
    ("demo flag 7", set_field(0, "is_demo", 7), "interviews[0], field is_demo", "not true or false"),
    ("evidence too long", set_field(0, "skills_evidence", "x" * 1_001), "interviews[0], field skills_evidence",
     "is too long"),
    ("id missing", drop_field(1, "id"), "interviews[1], field id", "must be a whole number"),
    ("id repeated", set_field(1, "id", 1), "interviews[1], field id", "repeats the id of interviews[0]"),
    ("same interview twice", repeat_first, "interviews[2], field interview_at", "repeats interviews[0]"),
    ("person of no interview", in_table("interviewers", 1, "interview_id", 77), "interviewers[1], field interview_id",
     "77 names no interview"),
    ("person name too long", in_table("interviewers", 0, "name", "N" * 121), "interviewers[0], field name",
     "is too long"),
    ("person email bad", in_table("interviewers", 1, "email", "tom@"), "interviewers[1], field email",
     "does not look like an email"),
    ("mark status", in_table("step_marks", 0, "status", "maybe"), "step_marks[0], field status",
     "is not \"done\" or \"skipped\""),
    ("mark date", in_table("step_marks", 0, "on_date", "yesterday"), "step_marks[0], field on_date", "not a date"),
    ("mark of a stranger", in_table("step_marks", 0, "step_key", "thank_you:999"), "step_marks[0], field step_key",
     "names no interviewer"),
]


def as_bytes(value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    return (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)).encode("utf-8")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "target.db")


def refused(store: Store, data: bytes, name: str) -> dict[str, str]:
    version = store.data_version()
    with pytest.raises(ValidationError) as caught:
        import_file(store, data, name, FIXED_NOW)
    assert store.interviews.count() == 0, "something was written"
    assert store.data_version() == version
    return caught.value.errors


@pytest.mark.parametrize(("mutate", "where", "words"), [c[1:] for c in BAD_JSON], ids=[c[0] for c in BAD_JSON])
def test_a_malformed_json_import_is_refused_naming_record_and_field(doc: dict, store: Store, mutate, where, words):
    data = as_bytes(mutate(doc))
    errors = refused(store, data, "export.json")
    assert where in errors, errors
    assert words in errors[where]


def test_the_untouched_export_is_accepted_so_every_refusal_above_is_the_mutations_doing(doc: dict, store: Store):
    plan = import_file(store, as_bytes(doc), "export.json", FIXED_NOW)
    assert (len(plan.new), store.interviews.count()) == (2, 2)


def test_a_json_body_in_a_file_without_extension_is_read_as_json(doc: dict, store: Store):
    errors = refused(store, as_bytes(top("version", 3)(doc)), "download")
    assert "field version" in errors


def test_every_json_problem_is_listed_not_just_the_first(doc: dict, store: Store):
    interview(doc, 0)["skills_match"] = 9
    interview(doc, 1).update(stage="lunch", company="")
    doc["tables"]["step_marks"][0]["status"] = "?"
    errors = refused(store, as_bytes(doc), "export.json")
    assert set(errors) == {"interviews[0], field skills_match", "interviews[1], field stage",
                           "interviews[1], field company", "step_marks[0], field status"}


# --- the CSV side: what tests/unit/test_csv.py does not cover ---------------------------
def csv_of(store: Store, *companies: str) -> str:
    at = datetime(2026, 11, 10, 14)
    entries = [(Interview(c, "Engineer", Stage.TECHNICAL, Format.VIDEO, at), []) for c in companies]
    store.interviews.import_entries(entries)
    return export_csv(store)


def test_a_csv_that_repeats_an_interview_is_refused_naming_both_rows(tmp_path: Path, store: Store):
    text = csv_of(Store(tmp_path / "source.db"), "Acme", "Borealis")
    lines = text.split("\r\n")
    repeated = "\r\n".join([*lines[:3], "", lines[1].replace("Acme", "acme "), ""])  # a blank row, then row 5
    errors = refused(store, repeated.encode(), "interviews.csv")
    assert errors == {"row 5, column interview_at": "repeats row 2: the same company, role and date-time. "
                                                    "Remove one of them"}


def test_a_csv_named_json_is_refused_as_json_not_guessed(tmp_path: Path, store: Store):
    text = csv_of(Store(tmp_path / "source.db"), "Acme")
    errors = refused(store, text.encode(), "interviews.json")
    assert "is not valid JSON" in errors["file"]


def test_a_csv_header_alone_in_a_file_named_csv_is_refused(store: Store):
    errors = refused(store, (",".join(COLUMNS) + "\r\n").encode(), "empty.csv")
    assert "no interviews below the header" in errors["file"]


# --- formula cells are text, whichever way they come in ------------------------------------
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1 555", "-2 on culture", "@SUM(A1)", "\tlead tab",
            "\rlead CR", "\nlead LF", "'=already quoted"]


@pytest.mark.parametrize("text", FORMULAS, ids=repr)
def test_formula_text_in_a_json_import_is_kept_exactly_and_never_unquoted(doc: dict, store: Store, text: str):
    interview(doc, 0).update(notes=text, skills_evidence=text)
    import_file(store, as_bytes(doc), "export.json", FIXED_NOW)
    acme = next(i for i in store.interviews.find() if i.company == "Acme")
    assert acme.notes == text.strip()  # the model trims surrounding whitespace, as it does for the form
    assert plan_import(store, as_bytes(doc), "export.json", FIXED_NOW).new == []  # and a second import adds nothing
