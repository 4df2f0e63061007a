"""Files carry the application, the booking and the prep notes; a file without applications groups its rounds
by company (any case) and role, as the store files a round it is given without one."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lib.domain.model import NEW_APPLICATION, ValidationError
from lib.files.csv import COLUMNS, export_csv, read_csv
from lib.files.csv_columns import LEGACY_COLUMNS
from lib.files.imports import import_file
from lib.files.json import export_json
from lib.store import Store
from tests.factories import FIXED_NOW, D, build_interview

LONDON = ZoneInfo("Europe/London")
EARLIER_COLUMNS = COLUMNS[: COLUMNS.index("thank_you_sent") + 1]  # a file from before applications


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def imported(store: Store, text: str, name: str = "all.csv") -> list[list[str]]:
    """Import `text`, then each application's rounds as (company, day), latest application first."""
    import_file(store, text, name, FIXED_NOW, LONDON)
    return [[f"{r.company} {r.interview_at:%d %b}" for r in a.rounds] for a in store.applications.page()]


def test_the_new_columns_come_last_so_an_earlier_file_keeps_its_columns_in_place():
    assert COLUMNS[: len(EARLIER_COLUMNS)] == EARLIER_COLUMNS
    assert COLUMNS[len(EARLIER_COLUMNS) :] == ("application", "booked", "prep_questions", "prep_stories",
                                               "prep_pitch", "questions", "outcome_on", "uid", "private")
    assert len(LEGACY_COLUMNS) == len(COLUMNS)


def test_rounds_without_an_application_column_group_by_company_in_any_case_and_role(store: Store):
    text = ("company,role,date\r\nKestrel,Data engineer,2026-10-01\r\nKESTREL,Data engineer,2026-10-08\r\n"
            "kestrel ,Data engineer,2026-10-15\r\nKestrel,Analyst,2026-10-20\r\n")
    assert imported(store, text) == [["Kestrel 20 Oct"], ["Kestrel 01 Oct", "KESTREL 08 Oct", "kestrel 15 Oct"]]


def test_empty_application_cells_join_the_application_already_in_the_database(store: Store):
    earlier = store.interviews.save(build_interview(company="Kestrel", role="Data engineer"), now=FIXED_NOW)
    imported(store, "company,role,date,application\r\nKESTREL,Data engineer,2026-11-17,\r\n")
    [application] = store.applications.page()
    assert [r.id for r in application.rounds] == [earlier, earlier + 1]


def test_two_application_ids_for_one_company_and_role_stay_two_applications(store: Store):
    text = ("company,role,date,application\r\nKestrel,Data engineer,2025-03-01,app-first\r\n"
            "Kestrel,Data engineer,2026-10-01,app-again\r\nKestrel,Data engineer,2026-10-08,app-again\r\n")
    assert imported(store, text) == [["Kestrel 01 Oct", "Kestrel 08 Oct"], ["Kestrel 01 Mar"]]
    assert {a.uid for a in store.applications.page()} == {"app-first", "app-again"}


def test_export_then_import_into_a_fresh_database_keeps_the_grouping_and_the_ids(store: Store, tmp_path: Path):
    first = build_interview(company="Kestrel", interview_at=datetime(2025, 3, 2, 10, 0))
    store.interviews.save(first, now=FIXED_NOW)
    store.interviews.save(replace(first, interview_at=datetime(2026, 10, 5, 10, 0), application=NEW_APPLICATION),
                          now=FIXED_NOW)  # reapplied: a new application for the same company and role
    store.interviews.save(replace(first, company="KESTREL", interview_at=datetime(2026, 10, 12, 10, 0)),
                          now=FIXED_NOW)
    store.interviews.save(build_interview(company="Borealis"), now=FIXED_NOW)
    fresh = Store(tmp_path / "fresh.db")
    import_file(fresh, export_csv(store), "all.csv", FIXED_NOW, LONDON)

    def grouping(s: Store) -> list[tuple[str, list[str]]]:
        return [(a.uid, [f"{r.company} {r.interview_at:%Y-%m-%d}" for r in a.rounds]) for a in s.applications.page()]

    assert grouping(fresh) == grouping(store)
    assert len(grouping(store)) == 3
    assert export_csv(fresh) == export_csv(store)


def test_booked_and_prep_notes_round_trip(store: Store, tmp_path: Path):
    ahead = build_interview(interview_at=datetime(2026, 11, 26, 10, 0), scores={}, evidence={},
                            prep_questions="Who owns the roadmap?", prep_stories="=The migration",
                            prep_pitch="I ship\non time")
    store.interviews.save(ahead, now=FIXED_NOW)
    [cells] = rows_of(export_csv(store))
    assert (cells["booked"], cells["prep_questions"], cells["prep_stories"], cells["prep_pitch"]) == (
        "1", "Who owns the roadmap?", "'=The migration", "I ship\non time")  # a formula start is neutralised
    fresh = Store(tmp_path / "fresh.db")
    import_file(fresh, export_csv(store), "all.csv", FIXED_NOW, LONDON)
    [back] = fresh.interviews.find()
    assert (back.booked, back.prep_questions, back.prep_stories, back.prep_pitch) == (
        True, "Who owns the roadmap?", "=The migration", "I ship\non time")


@pytest.mark.parametrize(("cell", "booked"), [("", False), ("0", False), ("false", False), ("FALSE", False),
                                               ("1", True), ("true", True), ("True", True), (" 1 ", True)])
def test_booked_reads_0_or_1_true_or_false_and_empty_as_not_booked(cell: str, booked: bool):
    [(interview, _)] = read_csv(f"company,role,date,booked\r\nAcme,Analyst,2026-11-02,{cell}\r\n", FIXED_NOW)
    assert interview.booked is booked  # an interview in the past keeps the flag its file holds


def test_an_interview_in_the_future_is_booked_whatever_its_cell_says():
    [(interview, _)] = read_csv("company,role,date,booked\r\nAcme,Analyst,2026-11-27,0\r\n", FIXED_NOW)
    assert interview.booked


@pytest.mark.parametrize(("column", "cell", "words"), [
    ("booked", "maybe", "“maybe” is not 0 or 1: write 1 (or true) for an interview logged ahead"),
    ("booked", "yes", "“yes” is not 0 or 1"),
    ("application", "a" * 65, "is too long (65 characters; an application's id has at most 64)"),
])
def test_a_bad_application_or_booked_cell_is_refused_naming_row_and_column(column: str, cell: str, words: str):
    with pytest.raises(ValidationError) as refused:
        read_csv(f"company,role,date,{column}\r\nAcme,Analyst,2026-11-02,{cell}\r\n", FIXED_NOW)
    assert refused.value.errors[f"row 2, column {column}"].startswith(words)


def test_a_file_from_an_earlier_version_imports_with_nothing_booked_and_rounds_grouped(store: Store):
    store.interviews.save(build_interview(company="Kestrel"), now=FIXED_NOW)
    store.interviews.save(build_interview(company="kestrel", interview_at=datetime(2026, 11, 17, 10, 0)),
                          now=FIXED_NOW)
    earlier = io.StringIO()
    writer = csv.writer(earlier, lineterminator="\r\n")
    writer.writerow(EARLIER_COLUMNS)
    writer.writerows([[r[c] for c in EARLIER_COLUMNS] for r in rows_of(export_csv(store))])
    fresh = Store(store.path.with_name("fresh.db"))
    assert imported(fresh, earlier.getvalue()) == [["Kestrel 10 Nov", "kestrel 17 Nov"]]
    assert not any(i.booked for i in fresh.interviews.find())


def test_a_json_export_of_an_earlier_version_groups_its_rounds_by_company_and_role(store: Store, tmp_path: Path):
    """No applications table, and no application_id, booked or prep keys in its interviews."""
    for company, day in (("Kestrel", 2), ("KESTREL", 9), ("Borealis", 10)):
        store.interviews.save(build_interview(company=company, interview_at=datetime(2026, 11, day, 10, 0)),
                              now=FIXED_NOW)
    document = json.loads(export_json(store, FIXED_NOW))
    del document["tables"]["applications"]
    for row in document["tables"]["interviews"]:
        for key in ("application_id", "booked", "prep_questions", "prep_stories", "prep_pitch"):
            del row[key]
    fresh = Store(tmp_path / "fresh.db")
    grouped = imported(fresh, json.dumps(document), "all.json")
    assert grouped == [["Borealis 10 Nov"], ["Kestrel 02 Nov", "KESTREL 09 Nov"]]
    assert not any(i.booked or i.has_prep for i in fresh.interviews.find())


def test_a_json_export_keeps_the_application_ids(store: Store, tmp_path: Path):
    first = build_interview(company="Kestrel", interview_at=datetime(2025, 3, 2, 10, 0))
    store.interviews.save(first, now=FIXED_NOW)
    store.interviews.save(replace(first, interview_at=datetime(2026, 10, 5, 10, 0), application=NEW_APPLICATION),
                          now=FIXED_NOW)
    fresh = Store(tmp_path / "fresh.db")
    import_file(fresh, export_json(store, FIXED_NOW), "all.json", FIXED_NOW, LONDON)
    assert [a.uid for a in fresh.applications.page()] == [a.uid for a in store.applications.page()]


def test_the_questions_asked_and_the_day_the_outcome_came_survive_a_csv_round_trip(store: Store, tmp_path):
    """Earlier versions wrote neither: an export and re-import dropped "Questions they asked"."""
    from lib.domain.model import Outcome

    store.interviews.save(build_interview(questions="How do you test pipelines?\n=SUM(A1)", outcome=Outcome.REJECTED,
                                          outcome_on=D("2026-11-17")), now=FIXED_NOW)
    fresh = Store(tmp_path / "fresh.db")
    fresh.interviews.import_entries(read_csv(export_csv(store), FIXED_NOW))
    [back] = fresh.interviews.find()
    assert back.questions == "How do you test pipelines?\n=SUM(A1)"
    assert (back.outcome, back.outcome_on) == (Outcome.REJECTED, D("2026-11-17"))


@pytest.mark.parametrize("cell", ["new", "NEW", "ab\ncd", "\u200b", "a b"])
def test_a_cell_that_is_no_application_id_is_refused_at_its_row(cell: str):
    row = ("company,role,interview_at,application\r\n"
           f'Acme,Data engineer,2026-11-10T14:00,"{cell}"\r\n')
    with pytest.raises(ValidationError) as refused:
        read_csv(row, FIXED_NOW)
    assert "row 2, column application" in str(refused.value)


def test_a_json_file_naming_one_application_id_twice_is_refused(store: Store):
    store.interviews.save(build_interview(), now=FIXED_NOW)
    document = json.loads(export_json(store, FIXED_NOW))
    document["tables"]["applications"].append(dict(document["tables"]["applications"][0], uid="app-other"))
    with pytest.raises(ValidationError) as refused:
        from lib.files.json import read_json

        read_json(json.dumps(document).encode(), FIXED_NOW)
    assert "applications[1], field id" in str(refused.value)
