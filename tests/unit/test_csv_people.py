"""The CSV's interviewers and thank-you cells: every name and every per-person date round-trips."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime

import pytest

from lib.domain.followup import follow_up_timeline
from lib.domain.model import Interviewer
from lib.domain.steps import StepKind, StepMark, StepStatus
from lib.files.csv import COLUMNS, export_csv, read_csv
from lib.files.csv_columns import LEGACY_COLUMNS
from lib.files.csv_people import join_items, split_items
from lib.files.imports import import_file
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview

TRICKY = ["Doe; Jane", "a\\b", "ends with \\", "\\;", ";", ";;", "\\\\;\\", "say \"hi\"", "line\nbreak",
          "=HYPERLINK(\"x\")", "'=quoted", "+44 20", "-minus", "@at", "O'Brien", "Zoë Ñúñez", "李雷", "tab\there",
          "comma, inside", "'", "\\n", "semi;colon;s"]
ALPHABET = ["a", "Z", " ", ";", "\\", "\"", "'", ",", "=", "+", "-", "@", "\n", "\r\n", "\t", "é", "😀", "n"]


def random_names(rng: random.Random, count: int) -> list[str]:
    names = []
    while len(names) < count:
        name = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))).strip()
        if name:
            names.append(name)
    return names


def exported_rows(store: Store) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_csv(store))))


def test_a_name_with_the_separator_or_a_backslash_is_one_person_after_the_round_trip(store: Store):
    people = tuple(Interviewer(n) for n in ("Doe; Jane", "C:\\temp", "Tom Lee"))
    store.interviews.import_entries([(build_interview(interviewers=people), [])])
    [written] = exported_rows(store)
    assert written["interviewers"] == "Doe\\; Jane; C:\\\\temp; Tom Lee"
    [(interview, _)] = read_csv(export_csv(store), FIXED_NOW)
    assert [p.name for p in interview.interviewers] == ["Doe; Jane", "C:\\temp", "Tom Lee"]


def test_one_thank_you_sent_of_two_stays_one_of_two(store: Store, tmp_path):
    people = (Interviewer("Priya Shah"), Interviewer("Tom Lee"))
    interview_id = store.interviews.save(build_interview(interviewers=people), now=FIXED_NOW)
    first, _ = store.interviews.get(interview_id).interviewers
    store.follow_up.mark(interview_id, StepMark(f"thank_you:{first.id}", StepStatus.DONE, date(2026, 11, 11)))
    text = export_csv(store)
    fresh = Store(tmp_path / "fresh.db")
    import_file(fresh, text, "all.csv", FIXED_NOW)
    [interview] = fresh.interviews.find()
    timeline = follow_up_timeline(interview, fresh.follow_up.marks_for([interview.id])[interview.id], FIXED_NOW, None)
    sent = {s.recipient.name: s.status is StepStatus.DONE for s in timeline if s.kind is StepKind.THANK_YOU}
    assert sent == {"Priya Shah": True, "Tom Lee": False}
    assert export_csv(fresh) == text


def test_only_the_second_thank_you_sent_is_written_after_an_empty_place(store: Store):
    people = (Interviewer("Priya Shah"), Interviewer("Tom Lee"))
    interview_id = store.interviews.save(build_interview(interviewers=people), now=FIXED_NOW)
    _, second = store.interviews.get(interview_id).interviewers
    store.follow_up.mark(interview_id, StepMark(f"thank_you:{second.id}", StepStatus.DONE, date(2026, 11, 12)))
    [written] = exported_rows(store)
    assert written["thank_you_sent"] == "; 2026-11-12"


@pytest.mark.parametrize("seed", range(8))
def test_export_import_export_is_identical_for_tricky_names_and_dates(store: Store, tmp_path, seed: int):
    """A property test over seeded random data: names built from separators, escapes, quotes,
    line breaks and formula starts, with a random subset of thank-yous sent."""
    rng = random.Random(seed)
    pool = TRICKY + random_names(rng, 40)
    rng.shuffle(pool)
    entries = []
    for n in range(12):
        people = tuple(Interviewer(name) for name in pool[n * 3 : n * 3 + rng.randint(0, 3)])
        marks = [StepMark(f"thank_you:new{i}" if people else "thank_you", StepStatus.DONE, date(2026, 11, 10 + i))
                 for i in range(max(len(people), 1)) if rng.random() < 0.5]
        entries.append((build_interview(company=f"Co {n}", interview_at=datetime(2026, 11, 10, 9 + n % 8, n),
                                        interviewers=people), marks))
    store.interviews.import_entries(entries)
    text = export_csv(store)
    fresh = Store(tmp_path / "fresh.db")
    import_file(fresh, text, "all.csv", FIXED_NOW)
    assert export_csv(fresh) == text
    names = sorted(p.name for i in fresh.interviews.find() for p in i.interviewers)
    assert names == sorted(p.name for i, _ in entries for p in i.interviewers)
    sent = sum(len([m for m in ms if m.step_key.startswith("thank_you")]) for ms in fresh.follow_up.marks_for(
        [i.id for i in fresh.interviews.find()]).values())
    assert sent == sum(len(marks) for _, marks in entries)


@pytest.mark.parametrize("seed", range(20))
def test_split_undoes_join_for_any_list_of_trimmed_names(seed: int):
    rng = random.Random(seed)
    names = random_names(rng, rng.randint(1, 6)) + rng.sample(TRICKY, 3)
    names = [n.strip() for n in names if n.strip()]
    assert split_items(join_items(names)) == names


def test_a_lone_backslash_typed_by_hand_is_kept_as_typed():
    assert split_items("C:\\temp; Tom") == ["C:\\temp", "Tom"]


def test_a_file_from_the_previous_version_imports_as_before(store: Store):
    """Its header has thank_you_sent_on (one date for every person) and names split at each ";"."""
    cells = {c: "" for c in LEGACY_COLUMNS} | {
        "company": "Acme", "role": "Data engineer", "stage": "technical", "format": "video",
        "interview_at": "2026-11-10T14:00", "interviewers": "Priya Shah; Tom Lee", "outcome": "pending",
        "thank_you_sent_on": "2026-11-11",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=LEGACY_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(cells)
    import_file(store, out.getvalue(), "all.csv", FIXED_NOW)
    [interview] = store.interviews.find()
    assert [p.name for p in interview.interviewers] == ["Priya Shah", "Tom Lee"]
    timeline = follow_up_timeline(interview, store.follow_up.marks_for([interview.id])[interview.id], FIXED_NOW, None)
    thank_yous = [s for s in timeline if s.kind is StepKind.THANK_YOU]
    assert [(s.status, s.done_on) for s in thank_yous] == [(StepStatus.DONE, date(2026, 11, 11))] * 2
    assert list(exported_rows(store)[0]) == list(COLUMNS)
