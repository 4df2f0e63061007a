"""A CSV a person made by hand imports: company, role and the date in any order and case, the rest defaulted."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from lib.domain.model import Dimension, Format, Outcome, Stage, ValidationError
from lib.files.csv import COLUMNS, read_csv, read_csv_file
from lib.files.imports import import_file, plan_import
from lib.store import Store
from tests.factories import FIXED_NOW

AT_NINE = datetime(2026, 11, 10, 9, 0)
AT_TWO = datetime(2026, 11, 10, 14, 30)

# name, the file, what its one interview reads as (company, role, when, stage, format, duration)
READABLE = [
    ("only the three required columns", "company,role,interview_at\r\nAcme,Data engineer,2026-11-10\r\n",
     ("Acme", "Data engineer", AT_NINE, Stage.OTHER, Format.VIDEO, 60)),
    ("reordered", "interview_at,role,company\r\n2026-11-10T14:30,Data engineer,Acme\r\n",
     ("Acme", "Data engineer", AT_TWO, Stage.OTHER, Format.VIDEO, 60)),
    ("upper-case headers with spaces", " COMPANY , Role,INTERVIEW_AT ,Stage\r\nAcme,Data engineer,2026-11-10,Final\r\n",
     ("Acme", "Data engineer", AT_NINE, Stage.FINAL, Format.VIDEO, 60)),
    ("words for headers", "Company,Role,Interview at,Duration min\r\nAcme,Data engineer,2026-11-10 14:30,45\r\n",
     ("Acme", "Data engineer", AT_TWO, Stage.OTHER, Format.VIDEO, 45)),
    ("a date header", "Date,Company,Role\r\n2026-11-10,Acme,Data engineer\r\n",
     ("Acme", "Data engineer", AT_NINE, Stage.OTHER, Format.VIDEO, 60)),
    ("a date and a time", "company,role,date,time\r\nAcme,Data engineer,2026-11-10,14:30\r\n",
     ("Acme", "Data engineer", AT_TWO, Stage.OTHER, Format.VIDEO, 60)),
    ("a time with am/pm", "company,role,date,time\r\nAcme,Data engineer,2026-11-10,2:30 PM\r\n",
     ("Acme", "Data engineer", AT_TWO, Stage.OTHER, Format.VIDEO, 60)),
    ("an empty time", "company,role,date,time\r\nAcme,Data engineer,2026-11-10,\r\n",
     ("Acme", "Data engineer", AT_NINE, Stage.OTHER, Format.VIDEO, 60)),
    ("a BOM before the header", "\ufeffCompany,Role,Date\r\nAcme,Data engineer,2026-11-10\r\n",
     ("Acme", "Data engineer", AT_NINE, Stage.OTHER, Format.VIDEO, 60)),
    ("extra columns", "Company,Source,Role,Date,Mood\r\nAcme,LinkedIn,Data engineer,2026-11-10,good\r\n",
     ("Acme", "Data engineer", AT_NINE, Stage.OTHER, Format.VIDEO, 60)),
    ("empty stage and format cells", "company,role,interview_at,stage,format\r\nAcme,Data engineer,2026-11-10,,\r\n",
     ("Acme", "Data engineer", AT_NINE, Stage.OTHER, Format.VIDEO, 60)),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in READABLE], ids=[r[0] for r in READABLE])
def test_a_hand_made_csv_imports_with_the_missing_columns_defaulted(text: str, expected):
    for data in (text, text.encode("utf-8")):
        [(interview, marks)] = read_csv(data, FIXED_NOW)
        got = (interview.company, interview.role, interview.interview_at, interview.stage, interview.format,
               interview.duration_min)
        assert got == expected
        assert interview.interviewers == () and marks == []
        assert interview.scores == dict.fromkeys(Dimension)
        assert (interview.notes, interview.recruiter, interview.outcome) == ("", "", Outcome.PENDING)


def test_a_missing_column_reads_exactly_as_its_empty_cell():
    header = ",".join(COLUMNS)
    every_cell_empty = {c: "" for c in COLUMNS} | {"company": "Acme", "role": "Data engineer",
                                                   "interview_at": "2026-11-10"}
    full = header + "\r\n" + ",".join(every_cell_empty[c] for c in COLUMNS) + "\r\n"
    short = "company,role,interview_at\r\nAcme,Data engineer,2026-11-10\r\n"
    assert read_csv(full, FIXED_NOW) == read_csv(short, FIXED_NOW)


def test_extra_columns_are_ignored_and_named_in_the_order_of_the_file():
    read = read_csv_file("Company,Source,Role,Date,Mood,,\r\nAcme,LinkedIn,Data engineer,2026-11-10,good,,\r\n",
                         FIXED_NOW)
    assert read.ignored_columns == ("Source", "Mood")  # the unnamed, empty ones need no mention


def test_an_unnamed_column_holding_text_is_named_by_its_letter():
    read = read_csv_file("company,role,date,\r\nAcme,Data engineer,2026-11-10,call back\r\n", FIXED_NOW)
    assert read.ignored_columns == ("column D (no header)",)


def test_an_exported_file_ignores_nothing():
    header = ",".join(COLUMNS)
    cells = {c: "" for c in COLUMNS} | {"company": "Acme", "role": "Data engineer", "interview_at": "2026-11-10"}
    assert read_csv_file(header + "\r\n" + ",".join(cells[c] for c in COLUMNS), FIXED_NOW).ignored_columns == ()


# name, the header row, where the refusal is, words it must say
REFUSED_HEADERS = [
    ("no role", "company,interview_at", "row 1", "is missing the column role: every file needs company, role and "
     "interview_at"),
    ("no date", "Company,Role,When", "row 1", "is missing the column interview_at"),
    ("only notes", "notes", "row 1", "is missing the columns company, role, interview_at: every file needs"),
    ("date twice", "company,role,date,interview_at", "row 1, column interview_at",
     "is the same column as date: keep one of them"),
    ("a column twice", "company,role,date,Notes,notes", "row 1, column notes", "appears more than once"),
    ("both thank-you columns", "company,role,date,thank_you_sent,thank_you_sent_on", "row 1, column thank_you_sent_on",
     "is the older form of thank_you_sent: keep one of them"),
]


@pytest.mark.parametrize(("header", "where", "words"), [r[1:] for r in REFUSED_HEADERS],
                         ids=[r[0] for r in REFUSED_HEADERS])
def test_a_header_without_the_required_columns_is_refused_naming_them(header: str, where: str, words: str):
    cells = ",".join("x" for _ in header.split(","))
    with pytest.raises(ValidationError) as caught:
        read_csv(f"{header}\r\n{cells}\r\n", FIXED_NOW)
    assert words in caught.value.errors[where]


# name, date cell, time cell, column refused, words
BAD_TIMES = [
    ("not a time", "2026-11-10", "after lunch", "time", "“after lunch” is not a time: write it as 14:30"),
    ("hour 25", "2026-11-10", "25:00", "time", "is not a time"),
    ("two different times", "2026-11-10T10:00", "14:30", "time",
     "interview_at already gives the time 10:00: leave one of them empty"),
    ("a time without a date", "", "14:30", "interview_at", "is required"),
]


@pytest.mark.parametrize(("day", "at", "column", "words"), [r[1:] for r in BAD_TIMES], ids=[r[0] for r in BAD_TIMES])
def test_a_time_column_that_cannot_be_read_is_refused_at_its_row(day: str, at: str, column: str, words: str):
    with pytest.raises(ValidationError) as caught:
        read_csv(f"company,role,interview_at,time\r\nAcme,Data engineer,{day},{at}\r\n", FIXED_NOW)
    assert words in caught.value.errors[f"row 2, column {column}"]


def test_the_same_time_in_both_columns_is_read_once():
    [(interview, _)] = read_csv("company,role,interview_at,time\r\nAcme,Eng,2026-11-10T14:30,14:30\r\n", FIXED_NOW)
    assert interview.interview_at.time() == time(14, 30)


def test_a_hand_made_file_previews_then_imports_and_names_the_ignored_columns(store: Store):
    data = b"Company,Role,Date,Time,Source\r\nAcme,Data engineer,2026-11-10,14:30,LinkedIn\r\n"
    plan = plan_import(store, data, "mine.csv", FIXED_NOW)
    assert plan.preview_words() == "1 new interview to add."
    assert plan.ignored_words() == "Ignored the column Source: Debrief has no field for it."
    assert store.interviews.count() == 0
    done = import_file(store, data, "mine.csv", FIXED_NOW)
    assert len(done.new) == 1 and done.ignored_columns == ("Source",)
    [saved] = store.interviews.find()
    assert (saved.company, saved.interview_at, saved.stage) == ("Acme", AT_TWO, Stage.OTHER)
