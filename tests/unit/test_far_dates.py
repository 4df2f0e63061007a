"""Rows holding dates at the ends of the calendar never crash a command or a calendar export.

Validation now keeps every date between 1990 and 2100, but a database written by an older
version, or restored from one, may still hold "by 9999-12-31" or an interview in year 9999.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from lib.cli import main
from lib.domain.coaching import CoachingSession
from lib.domain.model import ValidationError
from lib.domain.steps import StepMark, StepSnooze, StepStatus
from lib.files.csv import export_csv, read_csv
from lib.files.ics import export_ics
from lib.files.json import export_json, read_json
from lib.files.report import session_report
from lib.files.report_html import render_html
from lib.store import Store
from tests.factories import FIXED_NOW, build_interview, store_unchecked, store_unchecked_session

FAR = date(9999, 12, 31)


def store_far_rows(store: Store) -> None:
    store_unchecked(store, build_interview(company="Far timeframe", stated_timeframe="by 9999-12-31"),
                    build_interview(company="Far day", interview_at=datetime(9999, 12, 31, 23, 0)))
    marked = store.interviews.save(build_interview(company="Far marks"), now=FIXED_NOW)
    store.follow_up.mark(marked, StepMark("soft_touch", StepStatus.SKIPPED, FAR))
    store.follow_up.snooze(marked, StepSnooze("check_in", FAR, "they are slow"))


def test_the_calendar_export_survives_far_dates_and_keeps_the_other_reminders(store: Store):
    store_far_rows(store)
    store.interviews.save(build_interview(company="Plain"), now=FIXED_NOW)
    calendar = Calendar.from_ical(export_ics(store, FIXED_NOW, ZoneInfo("Europe/London")))
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any("Plain" in s for s in summaries), summaries
    assert any("Far timeframe" in s for s in summaries), summaries


def test_export_ics_on_the_command_line_survives_far_dates(
    tmp_path: Path, cli_clock: None, capsys: pytest.CaptureFixture
):
    db = tmp_path / "far.db"
    store_far_rows(Store(db))
    out = tmp_path / "todo.ics"
    assert main(["export", "ics", "--db", str(db), "--out", str(out)]) == 0, capsys.readouterr().err
    assert Calendar.from_ical(out.read_text(encoding="utf-8")).walk("VEVENT")


def test_importing_a_timeframe_dated_after_2100_is_refused_naming_row_and_column(store: Store):
    store_unchecked(store, build_interview(stated_timeframe="by 9999-12-31"))  # as an older version let it in
    with pytest.raises(ValidationError) as caught:
        read_csv(export_csv(store), FIXED_NOW, ZoneInfo("Europe/London"))
    assert caught.value.errors == {
        "row 2, column stated_timeframe": "names a date that must be between 1990 and 2100 (got 9999-12-31): "
        "check the year"
    }


@pytest.mark.parametrize("text", ["in 13 months", "by 2028-03-01"])
def test_a_timeframe_more_than_a_year_away_but_before_2100_imports_back_from_csv_and_json(store: Store, text: str):
    """Whatever Debrief exports, it imports: such a timeframe is flagged in the app, never refused."""
    store.interviews.save(build_interview(stated_timeframe=text), now=FIXED_NOW)
    from_csv = read_csv(export_csv(store), FIXED_NOW, ZoneInfo("Europe/London"))
    from_json = read_json(export_json(store, FIXED_NOW), FIXED_NOW)
    assert [interview.stated_timeframe for interview, _ in (*from_csv, *from_json)] == [text, text]


def test_a_coaching_report_of_a_session_dated_9999_is_written(store: Store):
    interview_id = store.interviews.save(build_interview(company="Far session"), now=FIXED_NOW)
    session_id = store_unchecked_session(store, CoachingSession("Sam Lee", FAR, (interview_id,)))
    report = session_report(store, session_id, FIXED_NOW, ZoneInfo("Europe/London"))
    assert "Far session" in render_html(report)


def test_a_report_range_ending_after_2100_is_refused_on_the_command_line(
    store: Store, cli_clock: None, capsys: pytest.CaptureFixture
):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--from", "2026-01-01", "--to", "9999-12-31", "--db", str(store.path)])
    assert exit_.value.code == 2
    assert "--to: the date must be between 1990 and 2100 (got 9999-12-31)" in capsys.readouterr().err
