"""Every interview has a uid that travels with it: through an edit, a JSON or CSV export and import, a raw insert."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from lib.domain.model import ValidationError
from lib.files.csv import export_csv
from lib.files.imports import import_file
from lib.files.json import export_json
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview


def test_a_new_interview_gets_a_uid_and_an_edit_keeps_it(store: Store):
    new_id = store.interviews.save(build_interview(), now=FIXED_NOW)
    saved = store.interviews.get(new_id)
    assert saved.uid.startswith("iv-") and len(saved.uid) == 19
    store.interviews.save(replace(saved, uid="", notes="edited"), now=FIXED_NOW)  # a form that forgot it
    assert store.interviews.get(new_id).uid == saved.uid


def test_two_interviews_never_share_a_uid(store: Store):
    first = store.interviews.save(build_interview(), now=FIXED_NOW)
    second = store.interviews.save(build_interview(uid=store.interviews.get(first).uid, company="Borealis"),
                                   now=FIXED_NOW)
    assert store.interviews.get(first).uid != store.interviews.get(second).uid


def test_a_row_inserted_without_a_uid_is_given_one_by_the_database(store: Store):
    with store.connect() as db:
        db.execute(
            "INSERT INTO interviews (company, role, stage, format, interview_at, duration_min, created_at, updated_at) "
            "VALUES ('Raw', 'Row', 'technical', 'video', '2026-11-10T14:00', 60, 'x', 'x')"
        )
        db.conn.commit()
    [raw] = store.interviews.find()
    assert raw.uid.startswith("iv-")


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_the_uid_and_private_fields_survive_an_export_and_an_import_into_another_database(tmp_path: Path, kind: str):
    source = Store(tmp_path / "source.db")
    new_id = source.interviews.save(build_interview(notes="candid", private=frozenset({"notes"})), now=FIXED_NOW)
    original = source.interviews.get(new_id)
    text = export_json(source, FIXED_NOW) if kind == "json" else export_csv(source)

    target = Store(tmp_path / "target.db")
    import_file(target, text, f"all.{kind}", FIXED_NOW)

    [copy] = target.interviews.find()
    assert (copy.uid, copy.private, copy.notes) == (original.uid, frozenset({"notes"}), "candid")


def test_an_imported_uid_already_taken_gives_the_new_entry_a_fresh_one(tmp_path: Path):
    source = Store(tmp_path / "source.db")
    source.interviews.save(build_interview(), now=FIXED_NOW)
    document = json.loads(export_json(source, FIXED_NOW))
    taken = document["tables"]["interviews"][0]["uid"]
    target = Store(tmp_path / "target.db")
    target.interviews.save(build_interview(company="Borealis", uid=taken), now=FIXED_NOW)
    import_file(target, json.dumps(document), "all.json", FIXED_NOW)
    assert sorted(i.uid == taken for i in target.interviews.find()) == [False, True]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (dict(private=frozenset({"company"})), "private"),
        (dict(uid="has a space"), "uid"),
        (dict(uid="x" * 65), "uid"),
    ],
    ids=["private-company", "uid-space", "uid-too-long"],
)
def test_a_bad_uid_or_private_field_is_refused_at_its_field(store: Store, overrides: dict, field: str):
    with pytest.raises(ValidationError) as refused:
        store.interviews.save(build_interview(**overrides), now=FIXED_NOW)
    assert field in refused.value.errors
    assert store.interviews.find() == []
