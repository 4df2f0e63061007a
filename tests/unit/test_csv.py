"""CSV export and import: the columns, the round trip, and a bad file refused whole."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lib.domain.followup import follow_up_timeline
from lib.domain.model import Dimension, Format, Interviewer, Outcome, Stage, ValidationError
from lib.domain.steps import StepKind, StepMark, StepStatus
from lib.files.csv import (
    COLUMNS,
    export_csv,
    neutralise,
    read_csv,
    unneutralise,
    write_csv,
)
from lib.files.csv_people import sent_marks
from lib.files.demo import load_demo
from lib.files.import_limits import MAX_BYTES, MAX_PROBLEMS, MAX_ROWS
from lib.files.imports import import_file
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview

LONDON = ZoneInfo("Europe/London")
HEADER = ",".join(COLUMNS)
GOOD = {
    "company": "Acme Analytics",
    "role": "Data engineer",
    "stage": "technical",
    "format": "video",
    "interview_at": "2026-11-10T14:00",
    "duration_min": "60",
    "interviewers": "Priya Shah; Tom Lee",
    "recruiter": "",
    "stated_timeframe": "within 2 weeks",
    "skills_match": "4",
    "enthusiasm": "3",
    "culture_fit": "",
    "skills_evidence": "Walked through the pipeline redesign",
    "enthusiasm_evidence": "Asked about their roadmap",
    "culture_evidence": "",
    "notes": "",
    "outcome": "pending",
    "thank_you_sent": "2026-11-10; 2026-11-10",
    "application": "",
    "booked": "",
    "prep_questions": "",
    "prep_stories": "",
    "prep_pitch": "",
    "questions": "",
    "outcome_on": "",
    "uid": "iv-0123456789abcdef",
    "private": "notes",
}


def csv_text(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def row(**changes: str) -> dict[str, str]:
    return GOOD | changes


def refused(store: Store, data: str | bytes) -> dict[str, str]:
    """Import `data`, expect a refusal, check nothing was written, return the problems."""
    with pytest.raises(ValidationError) as caught:
        import_file(store, data, "all.csv", FIXED_NOW, LONDON)
    assert store.interviews.count() == 0
    return caught.value.errors


def saved_entries(store: Store):
    interviews = store.interviews.find()
    return interviews, store.follow_up.marks_for(i.id for i in interviews)


# --- export -----------------------------------------------------------------------------


def test_export_starts_with_the_columns_in_order(store: Store):
    assert export_csv(store) == HEADER + "\r\n"


def test_export_writes_stored_values_and_empty_cells_for_not_sure(store: Store):
    store.interviews.save(build_interview(stage=Stage.HIRING_MANAGER, format=Format.IN_PERSON, outcome=Outcome.OFFER),
                          now=FIXED_NOW)
    [written] = list(csv.DictReader(io.StringIO(export_csv(store))))
    assert written["stage"] == "hiring_manager"
    assert written["format"] == "in_person"
    assert written["outcome"] == "offer"
    assert written["interview_at"] == "2026-11-10T14:00"
    assert (written["skills_match"], written["enthusiasm"], written["culture_fit"]) == ("4", "3", "")
    assert written["interviewers"] == "Priya Shah"
    assert written["thank_you_sent"] == ""


def test_export_gives_each_interviewer_their_own_thank_you_date(store: Store):
    people = (Interviewer("Priya Shah"), Interviewer("Tom Lee"))
    interview_id = store.interviews.save(build_interview(interviewers=people), now=FIXED_NOW)
    first, second = store.interviews.get(interview_id).interviewers
    store.follow_up.mark(interview_id, StepMark(f"thank_you:{first.id}", StepStatus.DONE, date(2026, 11, 10)))
    store.follow_up.mark(interview_id, StepMark(f"thank_you:{second.id}", StepStatus.DONE, date(2026, 11, 12)))
    store.follow_up.mark(interview_id, StepMark("check_in", StepStatus.DONE, date(2026, 11, 19)))
    [written] = list(csv.DictReader(io.StringIO(export_csv(store))))
    assert written["thank_you_sent"] == "2026-11-10; 2026-11-12"


def test_export_ignores_a_thank_you_mark_left_from_before_people_were_added(store: Store):
    interview_id = store.interviews.save(build_interview(interviewers=()), now=FIXED_NOW)
    store.follow_up.mark(interview_id, StepMark("thank_you", StepStatus.DONE, date(2026, 11, 10)))
    store.interviews.save(replace(store.interviews.get(interview_id), interviewers=(Interviewer("Jane Doe"),)),
                          now=FIXED_NOW)
    [written] = list(csv.DictReader(io.StringIO(export_csv(store))))
    assert written["thank_you_sent"] == ""


def test_export_ignores_a_skipped_thank_you():
    interview = build_interview(id=1, interviewers=(Interviewer("Priya Shah", id=5),))
    skipped = {1: [StepMark("thank_you:5", StepStatus.SKIPPED, date(2026, 11, 11))]}
    done = {1: [StepMark("thank_you:5", StepStatus.DONE, date(2026, 11, 11))]}
    def sent(marks) -> str:
        return next(csv.DictReader(io.StringIO(write_csv([interview], marks))))["thank_you_sent"]

    assert (sent(skipped), sent(done)) == ("", "2026-11-11")


def test_export_is_oldest_first_whatever_order_it_is_given():
    older = build_interview(id=2, interview_at=datetime(2026, 10, 1, 9, 0), company="Older")
    newer = build_interview(id=1, interview_at=datetime(2026, 11, 1, 9, 0), company="Newer")
    assert write_csv([newer, older], {}) == write_csv([older, newer], {})
    assert write_csv([newer, older], {}).splitlines()[1].startswith("Older,")


def test_demo_export_import_export_gives_identical_text(store: Store, tmp_path: Path):
    load_demo(store, FIXED_NOW)
    first = export_csv(store)
    fresh = Store(tmp_path / "fresh.db")
    assert len(import_file(fresh, first.encode("utf-8"), "all.csv", FIXED_NOW, LONDON).new) == store.interviews.count()
    assert export_csv(fresh) == first


# --- formula neutralisation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2 on culture", "'-2 on culture"),
        ("@mention", "'@mention"),
        ("\tindented", "'\tindented"),
        ("\rcarriage", "'\rcarriage"),
        ("\nnewline", "'\nnewline"),
        ("'=already quoted", "''=already quoted"),
        ("'plain quote", "'plain quote"),
        ("plain = text", "plain = text"),
    ],
)
def test_formula_cells_get_an_apostrophe_that_import_takes_off(text: str, written: str):
    assert neutralise(text) == written
    assert unneutralise(written) == text


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "'=quoted on purpose", "''+two"])
def test_formula_text_round_trips_through_the_store(store: Store, tmp_path: Path, text: str):
    store.interviews.save(build_interview(company=text, notes=text, recruiter=text), now=FIXED_NOW)
    exported = export_csv(store)
    assert f"'{text}" in exported
    fresh = Store(tmp_path / "fresh.db")
    import_file(fresh, exported, "all.csv", FIXED_NOW, LONDON)
    [back] = fresh.interviews.find()
    assert (back.company, back.notes, back.recruiter) == (text, text, text)


# --- import: what it accepts ------------------------------------------------------------


def test_import_accepts_labels_and_values_in_any_case():
    text = csv_text(row(stage="HIRING MANAGER", format="In person", outcome="next round booked"),
                    row(stage="Panel / onsite", format="PHONE", outcome="No_Response"))
    [(first, _), (second, _)] = read_csv(text, FIXED_NOW)
    assert (first.stage, first.format, first.outcome) == (Stage.HIRING_MANAGER, Format.IN_PERSON, Outcome.NEXT_ROUND)
    assert (second.stage, second.format, second.outcome) == (Stage.PANEL, Format.PHONE, Outcome.NO_RESPONSE)


def test_import_reads_a_date_alone_as_nine_am_and_an_empty_duration_as_an_hour():
    [(interview, _)] = read_csv(csv_text(row(interview_at="2026-11-10", duration_min="")), FIXED_NOW)
    assert interview.interview_at == datetime(2026, 11, 10, 9, 0)
    assert interview.duration_min == 60


def test_import_converts_a_utc_offset_to_the_local_zone():
    text = csv_text(row(interview_at="2026-07-10T13:00:00+00:00"))
    [(interview, _)] = read_csv(text, FIXED_NOW, LONDON)
    assert interview.interview_at == datetime(2026, 7, 10, 14, 0)  # BST


def test_import_reads_scores_evidence_and_people():
    [(interview, _)] = read_csv(csv_text(row()), FIXED_NOW)
    assert interview.scores == {Dimension.SKILLS_MATCH: 4, Dimension.ENTHUSIASM: 3, Dimension.CULTURE_FIT: None}
    assert interview.evidence_for(Dimension.SKILLS_MATCH) == "Walked through the pipeline redesign"
    assert [p.name for p in interview.interviewers] == ["Priya Shah", "Tom Lee"]
    assert not interview.is_demo


def test_import_accepts_a_utf8_bom_header_in_any_case_and_order_and_blank_lines():
    columns = list(reversed(COLUMNS))
    lines = [",".join(c.upper() for c in columns), "", ",".join(GOOD[c] for c in columns), ",,,"]
    data = "\ufeff".encode() + "\r\n".join(lines).encode("utf-8")
    [(interview, _)] = read_csv(data, FIXED_NOW)
    assert interview.company == "Acme Analytics"


def test_import_marks_every_thank_you_done_on_the_day_given(store: Store):
    import_file(store, csv_text(row(thank_you_sent="2026-11-11; 2026-11-11")), "all.csv", FIXED_NOW, LONDON)
    [interview], marks = saved_entries(store)
    timeline = follow_up_timeline(interview, marks[interview.id], FIXED_NOW, LONDON)
    thank_yous = [s for s in timeline if s.kind is StepKind.THANK_YOU]
    assert len(thank_yous) == 2
    assert all(s.status is StepStatus.DONE and s.done_on == date(2026, 11, 11) for s in thank_yous)


def test_import_without_interviewers_marks_the_one_thank_you(store: Store):
    import_file(store, csv_text(row(interviewers="", thank_you_sent="2026-11-10")), "all.csv", FIXED_NOW, LONDON)
    [interview], marks = saved_entries(store)
    assert marks[interview.id] == [StepMark("thank_you", StepStatus.DONE, date(2026, 11, 10))]


def test_import_saves_multiline_and_unicode_text_exactly(store: Store):
    notes = 'Line one, with "quotes";\nline two: Zoë, 李, 🚀'
    import_file(store, csv_text(row(notes=notes)).encode("utf-8"), "all.csv", FIXED_NOW, LONDON)
    [interview], _ = saved_entries(store)
    assert interview.notes == notes


def test_import_entries_saves_positional_thank_yous_under_the_new_ids(store: Store):
    people = (Interviewer("Priya Shah"), Interviewer("Tom Lee"))
    interview = build_interview(interviewers=people)
    [new_id] = store.interviews.import_entries([(interview, sent_marks(people, [date(2026, 11, 10)] * len(people)))])
    saved = store.interviews.get(new_id)
    assert {m.step_key for m in store.follow_up.marks_for(
        [new_id]
    )[new_id]} == {f"thank_you:{p.id}" for p in saved.interviewers}


def test_import_entries_rolls_back_everything_on_a_bad_mark(store: Store):
    good = (build_interview(), [])
    bad = (build_interview(), [StepMark("thank_you:new5", StepStatus.DONE, date(2026, 11, 10))])
    with pytest.raises(ValueError, match="names no interviewer"):
        store.interviews.import_entries([good, bad])
    assert store.interviews.count() == 0


# --- import: what it refuses, all or nothing --------------------------------------------


def test_import_is_all_or_nothing(store: Store):
    errors = refused(store, csv_text(row(), row(), row(skills_match="9")))
    assert list(errors) == ["row 4, column skills_match"]


BAD_CELLS = [
    ("skills_match", "0", "is not a score"),
    ("skills_match", "6", "is not a score"),
    ("enthusiasm", "x", "is not a score"),
    ("culture_fit", "3.5", "is not a score"),
    ("stage", "lunch", "is not one of"),
    ("format", "carrier pigeon", "is not one of"),
    ("outcome", "hired", "is not one of"),
    ("interview_at", "18/11/2026", "is not a date"),
    ("interview_at", "2026-02-30", "is not a date"),
    ("interview_at", "", "is required"),
    ("interview_at", "2028-01-10T10:00", "more than a year away"),
    ("interview_at", "2019-01-10", "more than five years ago"),
    ("duration_min", "90 min", "is not a whole number of minutes"),
    ("duration_min", "1000", "between 5 and 600"),
    ("duration_min", "9" * 5_000, "is not a whole number of minutes"),
    ("skills_match", "4" * 5_000, "is not a score"),
    ("company", "   ", "is required"),
    ("role", "", "is required"),
    ("skills_evidence", "x" * 1_001, "is too long"),
    ("interviewers", "Priya Shah; " + "N" * 121, "interviewer 2 (name) is too long"),
    ("notes", "n" * 10_001, "is too long"),
    ("thank_you_sent", "yesterday", "is not a date"),
    ("thank_you_sent", "2026-11-10; yesterday", "date 2: “yesterday” is not a date"),
    ("thank_you_sent", "1989-12-31", "must be between 1990 and 2100 (got 1989-12-31)"),
    ("thank_you_sent", "; 2101-01-01", "date 2: must be between 1990 and 2100 (got 2101-01-01)"),
    ("thank_you_sent", "2026-11-10; 2026-11-10; 2026-11-10", "has 3 dates but the row lists 2 interviewers"),
]


@pytest.mark.parametrize(("column", "value", "reason"), BAD_CELLS, ids=[f"{c}={v[:12]!r}" for c, v, _ in BAD_CELLS])
def test_a_bad_cell_names_its_row_and_column_and_nothing_is_written(store: Store, column, value, reason):
    errors = refused(store, csv_text(row(), row(**{column: value})))
    assert list(errors) == [f"row 3, column {column}"]
    assert reason in errors[f"row 3, column {column}"]


BAD_FILES = [
    ("empty", b"", "file", "is empty"),
    ("blank", b" \r\n\r\n", "file", "is empty"),
    ("header only", (HEADER + "\r\n").encode(), "file", "no interviews below the header"),
    ("not utf-8", csv_text(row(company="Caf\u00e9")).encode("latin-1"), "file", "is not UTF-8 text"),
    ("too big", b"x" * (MAX_BYTES + 1), "file", "the limit is 20 MB"),
    ("missing required column", csv_text(row()).replace(",role", ""), "row 1", "is missing the column role"),
    ("duplicated column", HEADER + ",notes\r\n" + ",".join(GOOD.values()) + ",x\r\n", "row 1, column notes",
     "appears more than once"),
    ("short row", HEADER + "\r\nAcme,Data engineer\r\n", "row 2", "has 2 cells but the header has 27"),
    ("NUL byte", csv_text(row(notes="a\x00b")), "file", "contains a NUL character (line 2)"),
    ("UTF-16", csv_text(row()).encode("utf-16-le"), "file", "contains a NUL character"),
    ("huge cell", csv_text(row(notes="n" * 200_000)), "file", "cannot be read as CSV near line 2"),
]


@pytest.mark.parametrize(("data", "where", "reason"), [f[1:] for f in BAD_FILES], ids=[f[0] for f in BAD_FILES])
def test_a_bad_file_is_refused_with_a_clear_reason(store: Store, data, where, reason):
    errors = refused(store, data)
    assert reason in errors[where]


def test_too_many_rows_are_refused_before_checking_them(store: Store):
    text = HEADER + "\r\n" + "x\r\n" * (MAX_ROWS + 1)
    errors = refused(store, text)
    assert errors == {"file": f"has {MAX_ROWS + 1:,} interviews; the limit is {MAX_ROWS:,} per file: split it"}


def test_every_problem_is_listed_not_just_the_first(store: Store):
    errors = refused(store, csv_text(row(skills_match="7", stage="lunch"), row(), row(company="", outcome="hired")))
    assert set(errors) == {
        "row 2, column skills_match",
        "row 2, column stage",
        "row 4, column company",
        "row 4, column outcome",
    }


def test_the_problem_list_stops_at_fifty_and_says_how_many_more(store: Store):
    errors = refused(store, csv_text(*[row(skills_match="x")] * 80))
    assert len(errors) == MAX_PROBLEMS + 1
    assert errors["more"].startswith("and 30 more problems")


def test_row_numbers_are_those_a_spreadsheet_shows_even_with_multiline_cells(store: Store):
    errors = refused(store, csv_text(row(notes="three\nline\nnote"), row(enthusiasm="0")))
    assert list(errors) == ["row 3, column enthusiasm"]


def test_a_bad_cell_message_quotes_the_value_shortened():
    with pytest.raises(ValidationError) as caught:
        read_csv(csv_text(row(duration_min="about an hour and a half, give or take a bit")), FIXED_NOW)
    message = caught.value.errors["row 2, column duration_min"]
    assert "“about an hour and a half, give or take…”" in message
