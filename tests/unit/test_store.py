"""The SQLite store: schema and migrations, round trips, transactions, queries, concurrency."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from lib import store as store_module
from lib.domain.model import Dimension, Format, Interview, Interviewer, Outcome, Stage
from lib.domain.steps import StepMark, StepStatus
from lib.store import SCHEMA_VERSION, InterviewFilter, Store, migrations
from lib.store.interview_rows import interview_row
from tests.factories import FIXED_NOW, D, build_interview


def saved(store: Store, **overrides) -> Interview:
    """Save an interview and read it back, as the app would see it."""
    return store.interviews.get(store.interviews.save(build_interview(**overrides), now=FIXED_NOW))


def done(key: str, on: str = "2026-11-11") -> StepMark:
    return StepMark(key, StepStatus.DONE, D(on))


# --- schema and migrations --------------------------------------------------------------


def test_without_debrief_db_the_database_is_data_debrief_db_at_the_top_of_the_project(monkeypatch):
    monkeypatch.delenv("DEBRIEF_DB", raising=False)
    project = Path(__file__).resolve().parents[2]
    assert store_module.default_path() == project / "data" / "debrief.db"


def test_opening_creates_the_schema_with_wal_and_foreign_keys(store: Store):
    raw = sqlite3.connect(store.path)
    try:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"interviews", "interviewers", "step_marks", "form_drafts", "meta"} <= tables
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()
    with store.connect() as db:
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert store.schema_version() == SCHEMA_VERSION
    assert store.data_version() == 0


def test_foreign_keys_refuse_a_mark_for_a_missing_interview(store: Store):
    with pytest.raises(sqlite3.IntegrityError):
        store.follow_up.mark(999, done("check_in"))


def test_reopening_runs_no_migration_twice_and_keeps_the_data(tmp_path: Path):
    path = tmp_path / "debrief.db"
    first = Store(path)
    interview_id = first.interviews.save(build_interview(), now=FIXED_NOW)
    for _ in range(3):
        again = Store(path)
        assert again.schema_version() == SCHEMA_VERSION
        assert again.interviews.get(interview_id).company == "Acme Analytics"
    with again.connect() as db:
        names = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'debrief'")]
        assert names == [m.name for m in migrations._migrations]
        assert not migrations.pending(db)


def test_opening_a_new_database_from_many_threads_at_once_migrates_once(tmp_path: Path):
    path = tmp_path / "fresh.db"
    failures: list[BaseException] = []
    start = threading.Barrier(6)

    def open_store() -> None:
        start.wait()
        try:
            Store(path)
        except BaseException as error:  # collected and asserted below
            failures.append(error)

    threads = [threading.Thread(target=open_store) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert Store(path).schema_version() == SCHEMA_VERSION


# --- saving and reading back ---------------------------------------------------------


def test_save_and_get_round_trip_every_field(store: Store):
    original = build_interview(
        company="Acme Analytics",
        role="Senior Data Engineer",
        stage=Stage.HIRING_MANAGER,
        format=Format.IN_PERSON,
        interview_at=datetime(2026, 11, 10, 14, 30),
        duration_min=75,
        interviewers=(Interviewer("Priya Shah", "EM", "priya@acme.example"), Interviewer("Tom Okafor")),
        recruiter="Sam at Hays",
        stated_timeframe="within 2 weeks",
        questions="Tell me about a time…\nWhy us?",
        notes="Went well; whiteboard was tiny. ünïcødé ✓",
        scores={Dimension.SKILLS_MATCH: 4, Dimension.ENTHUSIASM: 5, Dimension.CULTURE_FIT: None},
        evidence={Dimension.SKILLS_MATCH: "pipeline story", Dimension.ENTHUSIASM: "asked about roadmap",
                  Dimension.CULTURE_FIT: ""},
        outcome=Outcome.NEXT_ROUND,
        outcome_on=date(2026, 11, 17),
        is_demo=True,
        private=frozenset({"notes", "culture_evidence"}),
    )
    new_id = store.interviews.save(original, now=FIXED_NOW)
    back = store.interviews.get(new_id)
    assert back.uid.startswith("iv-")  # given at the first save
    people = tuple(replace(p, id=back.interviewers[i].id) for i, p in enumerate(original.interviewers))
    assert all(p.id is not None for p in back.interviewers)
    assert back.application.startswith("app-")  # filed under a new application of its own
    assert back == replace(original, id=new_id, interviewers=people, application=back.application, uid=back.uid)


def test_get_a_missing_interview_is_none(store: Store):
    assert store.interviews.get(404) is None


def test_double_save_with_the_same_submit_token_stores_one_row(store: Store):
    first = store.interviews.save(build_interview(), submit_token="form-123", now=FIXED_NOW)
    second = store.interviews.save(build_interview(company="Changed"), submit_token="form-123", now=FIXED_NOW)
    assert first == second
    assert store.interviews.count() == 1
    assert store.interviews.get(first).company == "Acme Analytics"
    assert store.interviews.save(build_interview(), submit_token="form-456", now=FIXED_NOW) != first


def test_edit_keeps_interviewer_ids_and_drops_the_removed_persons_thank_you_mark(store: Store):
    entry = saved(store, interviewers=(Interviewer("Priya"), Interviewer("Tom")))
    priya, tom = entry.interviewers
    for key in (f"thank_you:{priya.id}", f"thank_you:{tom.id}", "check_in"):
        store.follow_up.mark(entry.id, done(key))
    edited = replace(entry, interviewers=(replace(priya, name="Priya Shah"), Interviewer("Lena")))
    assert store.interviews.save(edited, now=FIXED_NOW) == entry.id
    back = store.interviews.get(entry.id)
    assert [(p.id, p.name) for p in back.interviewers[:1]] == [(priya.id, "Priya Shah")]
    assert back.interviewers[1].name == "Lena"
    assert back.interviewers[1].id not in (priya.id, tom.id)
    keys = {m.step_key for m in store.follow_up.marks_for([entry.id])[entry.id]}
    assert keys == {f"thank_you:{priya.id}", "check_in"}


def test_edit_reorders_interviewers(store: Store):
    entry = saved(store, interviewers=(Interviewer("Priya"), Interviewer("Tom")))
    swapped = replace(entry, interviewers=tuple(reversed(entry.interviewers)))
    store.interviews.save(swapped, now=FIXED_NOW)
    assert store.interviews.get(entry.id).interviewers == swapped.interviewers


def test_editing_a_deleted_interview_is_refused(store: Store):
    entry = saved(store)
    store.interviews.delete(entry.id)
    with pytest.raises(LookupError):
        store.interviews.save(entry, now=FIXED_NOW)


# --- transactions --------------------------------------------------------------------


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, SystemExit, RuntimeError], ids=lambda e: e.__name__)
def test_anything_raised_inside_write_rolls_everything_back(store: Store, interruption):
    kept = saved(store)
    version = store.data_version()
    with pytest.raises(interruption), store.write() as db:
        row = interview_row(build_interview())
        db["interviews"].insert({**row, "created_at": "2026-11-10T16:00", "updated_at": "2026-11-10T16:00"})
        db.execute("DELETE FROM interviews WHERE id = ?", [kept.id])
        raise interruption
    assert [i.id for i in store.interviews.find()] == [kept.id]
    assert store.data_version() == version


def test_interrupted_save_leaves_nothing_behind(store: Store, monkeypatch: pytest.MonkeyPatch):
    def interrupted(*args):
        raise KeyboardInterrupt  # what a Streamlit rerun (a BaseException) looks like mid-save

    monkeypatch.setattr("lib.store.interviews.save_interviewers", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.interviews.save(build_interview(), submit_token="t1", now=FIXED_NOW)
    assert store.interviews.count() == 0
    monkeypatch.undo()
    assert store.interviews.save(build_interview(), submit_token="t1", now=FIXED_NOW)  # the token is free again
    assert store.interviews.count() == 1


def test_a_failing_import_saves_none_of_its_entries(store: Store):
    bad_mark = StepMark("check_in", StepStatus.OPEN, D("2026-11-11"))
    with pytest.raises(ValueError, match="done or skipped"):
        store.interviews.import_entries([(build_interview(), [done("check_in")]), (build_interview(), [bad_mark])])
    assert store.interviews.count() == 0


def test_import_entries_stores_entries_and_marks_together(store: Store):
    entries = [(build_interview(), [done("check_in")]), (build_interview(company="Bolt"), [])]
    ids = store.interviews.import_entries(entries)
    assert store.interviews.count() == 2
    assert store.follow_up.marks_for(ids) == {ids[0]: [done("check_in")], ids[1]: []}


WRITES = {
    "save": lambda s, i: s.interviews.save(build_interview(), now=FIXED_NOW),
    "edit": lambda s, i: s.interviews.save(replace(s.interviews.get(i), notes="more"), now=FIXED_NOW),
    "save_many": lambda s, i: s.interviews.import_entries([(build_interview(), [])]),
    "set_outcome": lambda s, i: s.interviews.set_outcome(i, Outcome.OFFER, D("2026-11-20")),
    "mark": lambda s, i: s.follow_up.mark(i, done("check_in")),
    "unmark": lambda s, i: s.follow_up.unmark(i, "check_in"),
    "delete": lambda s, i: s.interviews.delete(i),
    "delete_demo": lambda s, i: s.interviews.delete_demo(),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_data_version_bumps_on_every_write(store: Store, write):
    interview_id = store.interviews.save(build_interview(), now=FIXED_NOW)
    before = store.data_version()
    write(store, interview_id)
    assert store.data_version() == before + 1


def test_reads_do_not_bump_the_data_version(store: Store):
    interview_id = store.interviews.save(build_interview(), now=FIXED_NOW)
    before = store.data_version()
    store.interviews.get(interview_id)
    store.interviews.find()
    store.follow_up.marks_for([interview_id])
    store.interviews.companies()
    assert store.data_version() == before


# --- finding interviews ----------------------------------------------------------------


def on_day(day: int, **overrides) -> Interview:
    """An interview at 09:00 on `day` October 2026 (stage 'other' unless given)."""
    return build_interview(**({"interview_at": datetime(2026, 10, day, 9), "stage": Stage.OTHER} | overrides))


@pytest.fixture
def history(store: Store) -> dict[str, int]:
    """Seven entries across companies, stages and outcomes, on different days."""
    rows = {
        "acme-screen": on_day(1, company="Acme", stage=Stage.PHONE_SCREEN),
        "acme-tech": on_day(8, company="Acme", stage=Stage.TECHNICAL, outcome=Outcome.REJECTED),
        "bolt": on_day(15, company="Bolt", stage=Stage.TECHNICAL, interviewers=(Interviewer("Zanele Mokoena"),),
                       evidence={Dimension.CULTURE_FIT: "laughed about kubernetes"}),
        "percent": on_day(20, company="100% Remote"),
        "hundred": on_day(21, company="100 Remote"),
        "snake": on_day(22, company="snake_case Ltd", notes="C:\\dev"),
        "camel": on_day(23, company="snakeXcase Ltd", is_demo=True),
    }
    return {name: store.interviews.save(entry, now=FIXED_NOW) for name, entry in rows.items()}


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        pytest.param(InterviewFilter(), ["camel", "snake", "hundred", "percent", "bolt", "acme-tech", "acme-screen"],
                     id="everything-newest-first"),
        pytest.param(InterviewFilter(companies=("Acme",)), ["acme-tech", "acme-screen"], id="company"),
        pytest.param(InterviewFilter(companies=("Acme", "Bolt")), ["bolt", "acme-tech", "acme-screen"], id="companies"),
        pytest.param(InterviewFilter(stages=(Stage.TECHNICAL,)), ["bolt", "acme-tech"], id="stage"),
        pytest.param(InterviewFilter(outcomes=(Outcome.REJECTED,)), ["acme-tech"], id="outcome"),
        pytest.param(InterviewFilter(companies=("Acme",), stages=(Stage.PHONE_SCREEN,)), ["acme-screen"],
                     id="company-and-stage"),
        pytest.param(InterviewFilter(text="kubernetes"), ["bolt"], id="text-in-evidence"),
        pytest.param(InterviewFilter(text="zanele"), ["bolt"], id="text-in-interviewer-name-any-case"),
        pytest.param(InterviewFilter(text="  BOLT "), ["bolt"], id="text-trimmed-case-insensitive"),
        pytest.param(InterviewFilter(text="100%"), ["percent"], id="percent-is-literal"),
        pytest.param(InterviewFilter(text="e_c"), ["snake"], id="underscore-is-literal"),
        pytest.param(InterviewFilter(text="C:\\dev"), ["snake"], id="backslash-is-literal"),
        pytest.param(InterviewFilter(text="%"), ["percent"], id="lone-percent"),
        pytest.param(InterviewFilter(text="nobody"), [], id="no-match"),
    ],
)
def test_find_interviews_filters(store: Store, history, where, expected):
    found = store.interviews.find(where)
    assert [i.id for i in found] == [history[name] for name in expected]
    assert store.interviews.count(where) == len(expected)


def test_find_interviews_pages_with_limit_and_offset(store: Store, history):
    everything = [i.id for i in store.interviews.find()]
    pages = [[i.id for i in store.interviews.find(limit=3, offset=start)] for start in (0, 3, 6)]
    assert pages == [everything[0:3], everything[3:6], everything[6:]]
    assert store.interviews.find(limit=3, offset=99) == []


def test_same_moment_interviews_come_newest_saved_first(store: Store):
    first, second = (store.interviews.save(build_interview(), now=FIXED_NOW) for _ in range(2))
    assert [i.id for i in store.interviews.find()] == [second, first]


def test_find_interviews_brings_each_entrys_interviewers(store: Store, history):
    bolt = next(i for i in store.interviews.find() if i.id == history["bolt"])
    assert [p.name for p in bolt.interviewers] == ["Zanele Mokoena"]


def test_companies_and_open_interviews(store: Store, history):
    companies = store.interviews.companies()
    assert companies == ["100 Remote", "100% Remote", "Acme", "Bolt", "snake_case Ltd", "snakeXcase Ltd"]
    assert history["acme-tech"] not in [i.id for i in store.interviews.open()]
    assert len(store.interviews.open()) == 6


def test_delete_demo_data_removes_only_demo_rows(store: Store, history):
    store.follow_up.mark(history["camel"], done("check_in"))
    assert store.interviews.count(demo=True) == 1
    assert store.interviews.delete_demo() == 1
    assert store.interviews.count(demo=True) == 0
    assert store.interviews.count(demo=False) == 6
    assert store.follow_up.marks_for([history["camel"]]) == {history["camel"]: []}
    assert store.interviews.delete_demo() == 0


def test_delete_interview_removes_its_people_and_marks(store: Store):
    entry = saved(store)
    store.follow_up.mark(entry.id, done(f"thank_you:{entry.interviewers[0].id}"))
    store.interviews.delete(entry.id)
    with store.connect() as db:
        assert db.execute("SELECT COUNT(*) FROM interviewers").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM step_marks").fetchone()[0] == 0


# --- marks and outcomes ----------------------------------------------------------------


def test_mark_and_unmark_a_step(store: Store):
    entry = saved(store)
    other = saved(store)
    store.follow_up.mark(entry.id, done("check_in", "2026-11-20"))
    store.follow_up.mark(entry.id, StepMark("soft_touch", StepStatus.SKIPPED, D("2026-11-18")))
    assert sorted(store.follow_up.marks_for([entry.id, other.id])[entry.id], key=lambda m: m.step_key) == [
        done("check_in", "2026-11-20"),
        StepMark("soft_touch", StepStatus.SKIPPED, D("2026-11-18")),
    ]
    assert store.follow_up.marks_for([other.id]) == {other.id: []}
    store.follow_up.mark(entry.id, done("check_in", "2026-11-23"))  # marking again replaces the date
    store.follow_up.unmark(entry.id, "soft_touch")
    assert store.follow_up.marks_for([entry.id]) == {entry.id: [done("check_in", "2026-11-23")]}
    assert store.follow_up.marks_for([]) == {}


@pytest.mark.parametrize("status", [StepStatus.OPEN, StepStatus.OVERDUE, StepStatus.CLOSED], ids=lambda s: s.name)
def test_only_done_or_skipped_can_be_marked(store: Store, status):
    entry = saved(store)
    with pytest.raises(ValueError, match="done or skipped"):
        store.follow_up.mark(entry.id, StepMark("check_in", status, D("2026-11-11")))


def test_set_outcome(store: Store):
    entry = saved(store)
    store.interviews.set_outcome(entry.id, Outcome.OFFER, D("2026-11-24"))
    back = store.interviews.get(entry.id)
    assert (back.outcome, back.outcome_on) == (Outcome.OFFER, D("2026-11-24"))
    store.interviews.set_outcome(entry.id, Outcome.PENDING, None)
    back = store.interviews.get(entry.id)
    assert (back.outcome, back.outcome_on) == (Outcome.PENDING, None)


def test_form_draft_round_trip(store: Store):
    assert store.settings.form_draft("log") is None
    store.settings.save_form_draft("log", '{"company": "Acme"}')
    store.settings.save_form_draft("log", '{"company": "Bolt"}')
    payload, saved_at = store.settings.form_draft("log")
    assert payload == '{"company": "Bolt"}'
    assert isinstance(saved_at, datetime)
    store.settings.discard_form_draft("log")
    assert store.settings.form_draft("log") is None


# --- concurrency ---------------------------------------------------------------------------


def test_concurrent_writers_lose_nothing_and_never_see_database_is_locked(store: Store):
    failures: list[BaseException] = []
    start = threading.Barrier(4)
    base = datetime(2026, 11, 2, 9)

    def writer(n: int) -> None:
        start.wait()
        for k in range(25):
            try:
                entry = build_interview(company=f"Writer {n}", interview_at=base + timedelta(hours=n * 25 + k))
                interview_id = store.interviews.save(entry, submit_token=f"{n}-{k}", now=FIXED_NOW)
                store.follow_up.mark(interview_id, done("check_in"))
            except BaseException as error:  # collected and asserted below
                failures.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert store.interviews.count() == 100
    for n in range(4):
        assert store.interviews.count(InterviewFilter(companies=(f"Writer {n}",))) == 25
    assert store.data_version() == 200
    ids = [i.id for i in store.interviews.find()]
    assert all(marks == [done("check_in")] for marks in store.follow_up.marks_for(ids).values())


def test_a_generic_thank_you_mark_goes_once_interviewers_are_named(store):
    """Marked 'sent' before anyone was named; naming Jane later gives her own, open, thank-you."""
    interview_id = store.interviews.save(
        Interview("Acme", "Engineer", Stage.TECHNICAL, Format.VIDEO, datetime(2026, 11, 10, 14, 0)), now=FIXED_NOW
    )
    store.follow_up.mark(interview_id, StepMark("thank_you", StepStatus.DONE, date(2026, 11, 10)))
    store.follow_up.mark(interview_id, StepMark("soft_touch", StepStatus.SKIPPED, date(2026, 11, 12)))
    store.interviews.save(replace(store.interviews.get(interview_id), interviewers=(Interviewer("Jane Doe"),)),
                          now=FIXED_NOW)
    assert [m.step_key for m in store.follow_up.marks_for([interview_id])[interview_id]] == ["soft_touch"]


def test_a_failing_after_write_hook_is_logged_and_the_committed_save_returns_normally(
    db_path: Path, caplog: pytest.LogCaptureFixture
):
    def broken_hook(written: Store) -> None:
        raise RuntimeError("the backup hook broke")

    store = Store(db_path, after_write=broken_hook)
    with caplog.at_level("WARNING", logger="lib.store"):
        interview_id = store.interviews.save(build_interview(company="Landed"), now=FIXED_NOW)
    assert store.interviews.get(interview_id).company == "Landed"
    assert "the backup hook broke" in caplog.text
