"""lib.files.imports: which format a file is, the preview of new vs duplicates, and adding only the new."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from lib.domain.model import ValidationError
from lib.domain.steps import StepMark, StepStatus
from lib.files.csv import export_csv
from lib.files.imports import REPLY_ELSEWHERE, file_kind, import_file, interview_key, plan_import
from lib.files.json import export_json
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview, reply_document, reply_entry

AT = datetime(2026, 11, 10, 14, 0)


def source_with(tmp_path: Path, *entries: tuple[str, str, datetime]) -> Store:
    source = Store(tmp_path / "source.db")
    source.interviews.import_entries(
        [(build_interview(company=c, role=r, interview_at=at), []) for c, r, at in entries]
    )
    return source


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"{}", "x.csv", "CSV"),  # the name wins
        (b"company,role", "x.JSON", "JSON"),
        (b'\xef\xbb\xbf  {"format": "debrief"}', "download", "JSON"),  # a BOM and spaces first
        (b"[1, 2]", "", "JSON"),
        (b"company,role\r\n", "", "CSV"),
        ("  {", "", "JSON"),
        ('{"format": "debrief"}'.encode("utf-16"), "-", "JSON"),  # read from stdin: its reader names the encoding
    ],
)
def test_file_kind_goes_by_the_name_then_by_the_first_character(data, name, kind):
    assert file_kind(data, name) == kind


def test_a_duplicate_is_the_same_company_role_and_minute_whatever_the_case_or_spaces():
    one = build_interview(company="Acme", role="Data Engineer", interview_at=AT)
    assert interview_key(one) == interview_key(replace(one, company=" ACME ", role="data engineer", notes="other"))
    assert interview_key(one) != interview_key(replace(one, interview_at=AT.replace(minute=1)))
    assert interview_key(one) != interview_key(replace(one, role="Analyst"))


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_plan_splits_new_entries_from_those_already_here_and_writes_nothing(store, tmp_path, fmt):
    store.interviews.import_entries([(build_interview(company="acme", role="Engineer", interview_at=AT), [])])
    source = source_with(tmp_path, ("Acme", "Engineer", AT), ("Acme", "Engineer", AT.replace(hour=16)),
                         ("Borealis", "Analyst", AT))
    data = export_csv(source) if fmt == "csv" else export_json(source, FIXED_NOW)
    version = store.data_version()

    plan = plan_import(store, data.encode("utf-8"), f"file.{fmt}", FIXED_NOW)

    assert plan.kind == fmt.upper()
    assert sorted((i.company, i.interview_at.hour) for i, _ in plan.new) == [("Acme", 16), ("Borealis", 14)]
    assert [(i.company, i.interview_at.hour) for i, _ in plan.duplicates] == [("Acme", 14)]
    assert store.data_version() == version
    assert [(r["Company"], r["When"], r["Import"]) for r in plan.preview_rows()] == [
        ("Acme", "2026-11-10 14:00", "already in Debrief"),
        ("Borealis", "2026-11-10 14:00", "new"),
        ("Acme", "2026-11-10 16:00", "new"),
    ]


def test_importing_the_same_file_twice_adds_nothing_the_second_time(store, tmp_path):
    data = export_json(source_with(tmp_path, ("Acme", "Engineer", AT), ("Borealis", "Analyst", AT)), FIXED_NOW)
    assert len(import_file(store, data, "a.json", FIXED_NOW).new) == 2
    again = import_file(store, data, "a.json", FIXED_NOW)
    assert (len(again.new), len(again.duplicates), store.interviews.count()) == (0, 2, 2)


def test_import_plans_again_so_an_entry_added_since_the_preview_is_skipped(store, tmp_path):
    data = export_csv(source_with(tmp_path, ("Acme", "Engineer", AT)))
    assert len(plan_import(store, data, "a.csv", FIXED_NOW).new) == 1
    store.interviews.import_entries(
        [(build_interview(company="Acme", role="Engineer", interview_at=AT), [])]
    )  # another tab
    assert len(import_file(store, data, "a.csv", FIXED_NOW).new) == 0
    assert store.interviews.count() == 1


def test_a_confirm_after_a_stale_preview_adds_only_what_is_still_new(store: Store, tmp_path: Path):
    source = source_with(tmp_path, ("Acme", "Data engineer", AT), ("Borealis", "Analyst", AT))
    data = export_csv(source).encode()
    preview = plan_import(store, data, "a.csv", FIXED_NOW)
    assert len(preview.new) == 2
    another_tab = build_interview(company=" acme ", role="DATA ENGINEER", interview_at=AT)
    store.interviews.import_entries([(another_tab, [])])
    done = import_file(store, data, "a.csv", FIXED_NOW)
    assert [i.company for i, _ in done.new] == ["Borealis"]
    assert [i.company for i, _ in done.duplicates] == ["Acme"]
    assert store.interviews.count() == 2


def test_the_store_checks_identities_inside_the_write(store: Store):
    def identity(company: str, role: str, at: str) -> tuple[str, str]:
        return company.casefold(), at[:16]

    entry = (build_interview(company="Acme", interview_at=AT), [])
    assert store.interviews.import_new_entries([entry, entry], identity) == [1, None]  # a repeat within the batch too
    assert store.interviews.import_new_entries([entry], identity) == [None]


@pytest.mark.parametrize("sent_on", [date(2026, 11, 9), date(1990, 1, 1), date(2026, 12, 5)],
                         ids=["before the interview", "the earliest day Debrief keeps", "after today"])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_thank_you_mark_the_app_stored_imports_back_from_either_format(store, tmp_path, fmt, sent_on):
    """Older versions let a thank-you be marked on any day: whatever Debrief exports, it imports."""
    [interview_id] = store.interviews.import_entries([(build_interview(interview_at=AT), [])])
    person = store.interviews.get(interview_id).interviewers[0]
    store.follow_up.mark(interview_id, StepMark(f"thank_you:{person.id}", StepStatus.DONE, sent_on))
    data = export_csv(store) if fmt == "csv" else export_json(store, FIXED_NOW)

    fresh = Store(tmp_path / "fresh.db")
    assert len(import_file(fresh, data.encode("utf-8"), f"all.{fmt}", FIXED_NOW).new) == 1

    [copy] = fresh.interviews.find()
    expected = StepMark(f"thank_you:{copy.interviewers[0].id}", StepStatus.DONE, sent_on)
    assert fresh.follow_up.marks_for([copy.id])[copy.id] == [expected]


def test_a_mentors_reply_brought_to_the_data_import_is_sent_to_coaching_and_adds_nothing(store):
    saved = store.interviews.get(store.interviews.save(build_interview(), now=FIXED_NOW))
    reply = json.dumps(reply_document(reply_entry(saved, (4, None, 3))))
    with pytest.raises(ValidationError) as refused:
        plan_import(store, reply, "review-from-sam.json", FIXED_NOW)
    assert refused.value.errors == {"file": REPLY_ELSEWHERE}
    assert "Coaching" in REPLY_ELSEWHERE
    assert len(store.interviews.find()) == 1
