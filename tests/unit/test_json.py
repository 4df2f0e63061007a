"""lib.files.json: every table out, raw text kept, and interviews back in with their people and marks."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from lib.domain.model import Dimension, Interviewer, Outcome, ValidationError
from lib.domain.steps import StepMark, StepStatus
from lib.files.csv import COLUMNS, TEXT_COLUMNS, export_csv
from lib.files.import_limits import MAX_ROWS
from lib.files.json import FORMAT, FORMAT_VERSION, export_json, read_json
from lib.store import Store, migrations
from lib.store.backup import data_tables
from tests.factories import FIXED_NOW, build_interview, store_unchecked

FORMULA_STARTS = ["=1+1", "+44 20 7946 0000", "-2 on culture", "@SUM(A1)", "\tindented", "\rcarriage", "\nnewline"]


def full_interview(text: str = "plain"):
    return build_interview(
        company=f"{text} Co", role=f"{text} role", recruiter=text, stated_timeframe=text, notes=text, questions=text,
        interviewers=(Interviewer(text, "Manager", "a@b.example"), Interviewer("Tom Lee")),
        evidence={d: text for d in Dimension}, outcome=Outcome.NEXT_ROUND, outcome_on=date(2026, 11, 12),
        prep_questions=text, prep_stories=text, prep_pitch=text,
    )


def exported(store: Store) -> dict:
    return json.loads(export_json(store, FIXED_NOW))


def test_the_export_says_what_it_is_and_lists_every_table(store: Store):
    store.interviews.import_entries([(full_interview(), [])])
    document = exported(store)
    assert (document["format"], document["version"]) == (FORMAT, FORMAT_VERSION)
    assert document["migrations"] == [m.name for m in migrations._migrations]
    assert document["schema_version"] == len(document["migrations"])
    assert document["exported_at"] == "2026-11-20T17:00:00"
    with store.connect() as db:
        assert list(document["tables"]) == data_tables(db)  # generic: a later table appears with no change
    assert len(document["tables"]["interviewers"]) == 2
    assert "_sqlite_migrations" not in document["tables"]


def test_a_table_added_later_is_exported_with_no_change_blobs_as_base64(store: Store):
    with store.connect() as db:
        db.execute("CREATE TABLE coaching_extra (id INTEGER PRIMARY KEY, note TEXT, photo BLOB)")
        db.execute("INSERT INTO coaching_extra (note, photo) VALUES ('mentor said hi', x'00ff10')")
        db.conn.commit()
    assert exported(store)["tables"]["coaching_extra"] == [{"id": 1, "note": "mentor said hi",
                                                            "photo": {"base64": "AP8Q"}}]


def test_every_row_value_is_exported_exactly_as_stored(store: Store):
    [new_id] = store.interviews.import_entries([(full_interview("Zoë, 李 🚀\n\"quoted\""), [])])
    store.settings.save_form_draft("new", '{"company": "Half"}')
    document = exported(store)
    with store.connect() as db:
        row = dict(next(db.query("SELECT * FROM interviews WHERE id = ?", [new_id])))
    assert document["tables"]["interviews"] == [row]
    assert document["tables"]["form_drafts"][0]["payload"] == '{"company": "Half"}'


@pytest.mark.parametrize("text", FORMULA_STARTS, ids=repr)
def test_json_keeps_formula_text_raw_while_the_full_csv_export_neutralises_it(store: Store, text: str):
    """Guarantee 5 over whole exports: every free-text column of the CSV, the raw text in the JSON."""
    store_unchecked(store, full_interview(text))  # stored as given: an import does not trim
    row = exported(store)["tables"]["interviews"][0]
    assert row["notes"] == row["recruiter"] == row["skills_evidence"] == text
    assert (row["company"], row["role"]) == (f"{text} Co", f"{text} role")
    [cells] = list(csv.DictReader(io.StringIO(export_csv(store), newline="")))
    stored = {"company": f"{text} Co", "role": f"{text} role", "interviewers": f"{text}; Tom Lee"}
    for column in TEXT_COLUMNS & set(COLUMNS) - {"application", "uid", "private"}:  # ids and field names: the store's
        assert cells[column] == "'" + stored.get(column, text), column


def test_export_read_import_round_trips_every_entry_field_and_mark(store: Store, tmp_path: Path):
    people = (Interviewer("Priya Shah", "EM", "priya@acme.example"), Interviewer("Tom Lee"))
    first = store.interviews.save(full_interview(), now=FIXED_NOW)
    second = store.interviews.save(replace(full_interview(), company="Borealis", interviewers=people, is_demo=True),
                                   now=FIXED_NOW)
    saved = store.interviews.get(second)
    store.follow_up.mark(second, StepMark(f"thank_you:{saved.interviewers[1].id}", StepStatus.DONE, date(2026, 11, 10)))
    store.follow_up.mark(first, StepMark("soft_touch", StepStatus.SKIPPED, date(2026, 11, 13)))

    fresh = Store(tmp_path / "fresh.db")
    fresh.interviews.import_entries(read_json(export_json(store, FIXED_NOW).encode("utf-8"), FIXED_NOW))

    def essence(s: Store):
        entries = sorted(s.interviews.find(), key=lambda i: i.company)
        marks = s.follow_up.marks_for([i.id for i in entries])
        out = []
        for interview in entries:
            names = {f"thank_you:{p.id}": f"thank_you:{p.name}" for p in interview.interviewers}
            people = tuple(replace(p, id=None) for p in interview.interviewers)
            keys = sorted((names.get(m.step_key, m.step_key), m.status, m.on) for m in marks[interview.id])
            out.append((replace(interview, id=None, interviewers=people), keys))
        return out

    assert essence(fresh) == essence(store)


def test_read_json_gives_entries_in_record_order(store: Store):
    store.interviews.import_entries([(replace(full_interview(), company=name, interview_at=datetime(2026, 11, day, 10)),
                                      []) for name, day in (("Late", 12), ("Early", 3))])
    entries = read_json(export_json(store, FIXED_NOW), FIXED_NOW)
    assert [interview.company for interview, _ in entries] == ["Late", "Early"]


def test_an_interview_at_with_an_offset_becomes_local_wall_clock_time(store: Store):
    from zoneinfo import ZoneInfo

    store.interviews.save(full_interview(), now=FIXED_NOW)
    document = exported(store)
    document["tables"]["interviews"][0]["interview_at"] = "2026-11-10T14:00:00+00:00"
    [(interview, _)] = read_json(json.dumps(document), FIXED_NOW, ZoneInfo("America/New_York"))
    assert interview.interview_at == datetime(2026, 11, 10, 9, 0)


def test_the_export_is_readable_utf8_not_escaped(store: Store):
    store.interviews.save(full_interview("Zoë"), now=FIXED_NOW)
    text = export_json(store, FIXED_NOW)
    assert "Zoë" in text and "\\u00eb" not in text


# --- refused at the depth of the reader: numbers, surrogates, steps and dates --------------
def one_entry_export(store: Store) -> dict:
    """An export of one entry (with a recruiter, two people and a thank-you mark) as a dict to spoil."""
    interview_id = store.interviews.save(replace(full_interview(), recruiter="Rita"), now=FIXED_NOW)
    person = store.interviews.get(interview_id).interviewers[0]
    store.follow_up.mark(interview_id, StepMark(f"thank_you:{person.id}", StepStatus.DONE, date(2026, 11, 10)))
    return exported(store)


def refusal(data: str | bytes) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        read_json(data, FIXED_NOW)
    return caught.value.errors


@pytest.mark.parametrize(
    ("number", "words"),
    [("9" * 5_000, "has a number 5,000 digits long"), ("-" + "1" * 400, "has a number 400 digits long"),
     ("1e999", "has a number Debrief cannot read"), ("NaN", "has NaN, which is not a JSON number"),
     ("-Infinity", "has -Infinity")],
    ids=["5000 digits", "negative 400 digits", "overflowing float", "NaN", "-Infinity"],
)
def test_a_number_no_export_holds_is_refused_with_a_message(store: Store, number: str, words: str):
    text = json.dumps(one_entry_export(store)).replace('"duration_min": 60', f'"duration_min": {number}')
    assert number in text
    errors = refusal(text)
    assert list(errors) == ["file"] and words in errors["file"]


@pytest.mark.parametrize("field", ["notes", "company"])
def test_a_lone_surrogate_escape_is_refused_naming_the_record_and_field(store: Store, field: str):
    document = one_entry_export(store)
    document["tables"]["interviews"][0][field] = "before \ud800 after"
    text = json.dumps(document)  # ASCII: the file holds the six characters \ud800
    assert "\\ud800" in text
    errors = refusal(text)
    assert f"interviews[0], field {field}" in errors
    assert "lone surrogate" in errors[f"interviews[0], field {field}"]


def test_a_lone_surrogate_in_any_table_or_field_name_is_refused(store: Store):
    document = one_entry_export(store)
    document["tables"]["form_drafts"] = [{"form_key": "new", "payload": "\udfff"}]
    assert "form_drafts[0], field payload" in refusal(json.dumps(document))
    document["tables"]["form_drafts"] = [{"\ud800": 1}]
    assert "lone surrogate" in refusal(json.dumps(document))["file"]


def test_the_preview_refuses_a_surrogate_before_anything_shows_it(store: Store, tmp_path: Path):
    from lib.files.imports import plan_import

    document = one_entry_export(Store(tmp_path / "source.db"))
    document["tables"]["interviewers"][0]["name"] = "\ud800"
    with pytest.raises(ValidationError) as caught:
        plan_import(store, json.dumps(document).encode(), "x.json", FIXED_NOW)
    assert "interviewers[0], field name" in caught.value.errors


def test_a_csv_given_as_text_with_a_lone_surrogate_is_refused():
    from lib.files.csv import read_csv

    with pytest.raises(ValidationError) as caught:
        read_csv(",".join(COLUMNS) + "\r\nAcme \ud800,role\r\n", FIXED_NOW)
    assert "lone surrogate, line 2" in caught.value.errors["file"]


@pytest.mark.parametrize(
    ("key", "words"),
    [("lunch", "is not a follow-up step of interview 1"), ("check_in:5", "is not a follow-up step"),
     ("thank_you:new0", "is not a follow-up step"), (" soft_touch", "is not a follow-up step"),
     ("thank_you:999", "names no interviewer of interview 1")],
)
def test_a_mark_of_a_step_no_timeline_has_is_refused(store: Store, key: str, words: str):
    document = one_entry_export(store)
    document["tables"]["step_marks"][0]["step_key"] = key
    errors = refusal(json.dumps(document))
    assert words in errors["step_marks[0], field step_key"]


@pytest.mark.parametrize(
    ("table", "field", "value", "where"),
    [("step_marks", "on_date", "1900-01-01", "step_marks[0], field on_date"),
     ("step_marks", "on_date", "2101-01-01", "step_marks[0], field on_date"),
     ("interviews", "outcome_on", "1900-01-01", "interviews[0], field outcome_on"),
     ("interviews", "interview_at", "1900-01-01T10:00", "interviews[0], field interview_at")],
)
def test_a_date_outside_1990_to_2100_is_refused_naming_entry_and_field(store: Store, table, field, value, where):
    document = one_entry_export(store)
    document["tables"][table][0][field] = value
    errors = refusal(json.dumps(document))
    assert f"must be between 1990 and 2100 (got {value[:10]})" in errors[where]
    if table == "step_marks":
        assert "interview 1" in errors[where]


def marks_as_exported(store: Store) -> list[tuple]:
    """Every step mark of the export, its thank-you keys by the person's name (row ids differ)."""
    tables = exported(store)["tables"]
    names = {f"thank_you:{p['id']}": f"thank_you:{p['name']}" for p in tables["interviewers"]}
    return sorted((names.get(m["step_key"], m["step_key"]), m["status"], m["on_date"]) for m in tables["step_marks"])


def test_a_mark_left_from_an_earlier_edit_round_trips_exactly(store: Store, tmp_path: Path):
    """A recruiter_update marked, then the recruiter removed: the mark stays in the database, so
    it stays through export and import too."""
    interview_id = store.interviews.save(replace(full_interview(), recruiter="Rita"), now=FIXED_NOW)
    store.follow_up.mark(interview_id, StepMark("recruiter_update", StepStatus.DONE, date(2026, 11, 11)))
    store.follow_up.mark(interview_id, StepMark("soft_touch", StepStatus.SKIPPED, date(2026, 11, 13)))
    store.interviews.save(replace(store.interviews.get(interview_id), recruiter=""), now=FIXED_NOW)
    before = marks_as_exported(store)
    assert ("recruiter_update", "done", "2026-11-11") in before

    fresh = Store(tmp_path / "fresh.db")
    fresh.interviews.import_entries(read_json(export_json(store, FIXED_NOW), FIXED_NOW))
    assert marks_as_exported(fresh) == before


# --- whatever Debrief exports, it imports ---------------------------------------------------
def long_entries(count: int, notes_length: int) -> list:
    start = datetime(2025, 1, 1, 9, 0)
    return [(build_interview(company=f"Co {n}", interview_at=start + timedelta(hours=n),
                             notes=("Candid note. " * 1_000)[:notes_length]), []) for n in range(count)]


def test_an_export_of_1100_interviews_with_long_notes_imports_back(store: Store, tmp_path: Path):
    from lib.files.imports import import_file

    store.interviews.import_entries(long_entries(1_100, 9_500))
    data = export_json(store, FIXED_NOW).encode("utf-8")
    assert len(data) > 10.5 * 1024 * 1024  # larger than 10 MB: the size of export that could not be imported back
    fresh = Store(tmp_path / "fresh.db")
    assert len(import_file(fresh, data, "all.json", FIXED_NOW).new) == 1_100
    assert fresh.interviews.count() == 1_100


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_an_export_too_big_to_import_back_is_refused(store: Store, monkeypatch, kind: str):
    monkeypatch.setattr("lib.files.import_limits.MAX_BYTES", 200 * 1024)  # scaled down: 30 entries of 9,500 characters
    store.interviews.import_entries(long_entries(30, 9_500))
    with pytest.raises(ValidationError) as caught:
        export_json(store, FIXED_NOW) if kind == "json" else export_csv(store)
    said = caught.value.message
    assert f"The {kind.upper()} export would be 0.3 MB, more than one import reads back (0.2 MB)" in said


def test_an_export_just_under_the_limit_is_made_and_imports_back(store: Store, monkeypatch, tmp_path: Path):
    from lib.files.imports import import_file

    store.interviews.import_entries(long_entries(30, 9_500))
    size = len(export_json(store, FIXED_NOW).encode("utf-8"))
    monkeypatch.setattr("lib.files.import_limits.MAX_BYTES", size)
    data = export_json(store, FIXED_NOW).encode("utf-8")
    assert len(import_file(Store(tmp_path / "fresh.db"), data, "all.json", FIXED_NOW).new) == 30


def test_one_file_holds_the_promised_number_of_interviews_at_every_limit(store: Store, tmp_path: Path):
    """Computed from lib.domain.model.LIMITS: every text at its longest in 4-byte characters (emoji),
    the most interviewers, a mark for every step: full_length_entries of them fit in MAX_BYTES."""
    from lib.domain.model import LIMITS, MAX_INTERVIEWERS
    from lib.files.import_limits import MAX_BYTES

    def full(key: str) -> str:
        return "😀" * LIMITS[key]

    email = "a" * (LIMITS["email"] - len("@example.com")) + "@example.com"
    people = tuple(Interviewer(full("name"), full("title"), email) for _ in range(MAX_INTERVIEWERS))
    interview = build_interview(company=full("company"), role=full("role"), recruiter=full("recruiter"),
                                stated_timeframe=full("stated_timeframe"), questions=full("questions"),
                                notes=full("notes"), evidence={d: full("evidence") for d in Dimension},
                                interviewers=people)
    keys = ["ask_next_steps", "recruiter_update", "soft_touch", "check_in"]
    keys += [f"thank_you:new{i}" for i in range(MAX_INTERVIEWERS)]
    empty = len(export_json(store, FIXED_NOW).encode("utf-8"))
    store.interviews.import_entries([(interview, [StepMark(k, StepStatus.DONE, date(2026, 11, 11)) for k in keys])])
    per_entry = len(export_json(store, FIXED_NOW).encode("utf-8")) - empty
    print(f"\none interview at every limit: {per_entry:,} bytes; {MAX_BYTES // per_entry} fit in one file")
    assert per_entry > 90_000  # the worst case is the worst: about 100 KB for one interview
    full_length_entries = 200  # the number the README promises for one file
    assert full_length_entries * per_entry <= MAX_BYTES
    assert full_length_entries <= MAX_ROWS
