"""The Data page in AppTest: exports give the right bytes, import previews before it writes,
backups and restore work from the page, and deleting everything needs the typed word."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from lib.domain.model import Format, Interview, Stage
from lib.files.csv import export_csv
from lib.files.demo import DEMO_SIZE, load_demo
from lib.store import Store, backup, restore
from tests.app.helpers import open_menu, open_page, texts
from tests.factories import FIXED_NOW

DATA = "pages/data.py"


def an_entry(company: str, hour: int = 14) -> tuple[Interview, list]:
    return Interview(company, "Engineer", Stage.TECHNICAL, Format.VIDEO, datetime(2026, 11, 10, hour, 0)), []


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[Callable, str]]:
    """Every deferred download the page registers: file extension -> (the callable, its MIME type)."""
    seen: dict[str, tuple[Callable, str]] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        seen[Path(file_name or "").suffix] = (data_callable, mimetype)
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen


FORMS = ("data.import_form", "data.restore_form", "data.erase_form")  # drawn only while opened


def data_page(at: AppTest, open_forms: bool = True) -> AppTest:
    """The Data page, with its import, restore-from-file and delete forms opened, as a user who uses them."""
    at = open_page(at, DATA)
    assert not at.exception, at.exception
    if open_forms:
        for key in FORMS:
            at.session_state[key] = True
        at = at.run()
        assert not at.exception, at.exception
    return at


def open_restore_menu(at: AppTest, item: backup.Backup) -> AppTest:
    return open_menu(at, f"data.restore_menu.{item.path.name}")


def as_bytes(value: str | bytes) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


def test_each_export_button_gives_the_right_bytes_with_a_safe_type(app: AppTest, store: Store, downloads):
    load_demo(store, FIXED_NOW)
    data_page(app)
    assert set(downloads) == {".csv", ".json", ".db", ".ics"}
    assert {ext: mime for ext, (_, mime) in downloads.items()} == {
        ".csv": "text/csv", ".json": "application/json", ".db": "application/vnd.sqlite3",
        ".ics": "text/calendar"}  # never text/html: a download must not render in the app's origin
    assert as_bytes(downloads[".csv"][0]()) == export_csv(store).encode("utf-8")
    document = json.loads(downloads[".json"][0]())
    assert (document["format"], document["version"]) == ("debrief", 1)
    assert len(document["tables"]["interviews"]) == store.interviews.count() == DEMO_SIZE
    snapshot = downloads[".db"][0]()
    assert snapshot.startswith(b"SQLite format 3\x00")
    copy = Path(store.path.parent / "downloaded.db")
    copy.write_bytes(snapshot)
    assert Store(copy).interviews.count() == DEMO_SIZE
    assert as_bytes(downloads[".ics"][0]()).startswith(b"BEGIN:VCALENDAR")


def test_import_shows_a_preview_and_writes_only_on_confirm(app: AppTest, store: Store, tmp_path: Path):
    store.interviews.import_entries([an_entry("Acme")])
    source = Store(tmp_path / "source.db")
    source.interviews.import_entries([an_entry("Acme"), an_entry("Borealis", 16)])
    at = data_page(app)
    at.file_uploader[0].upload("interviews.csv", export_csv(source).encode("utf-8"), "text/csv")
    at.run()

    preview = at.dataframe[0].value
    assert list(zip(preview["Company"], preview["Import"], strict=True)) == [
        ("Acme", "already in Debrief"), ("Borealis", "new")]
    assert "1 new interview to add, 1 already in Debrief (skipped)" in texts(at)
    assert store.interviews.count() == 1  # nothing yet

    at.button(key="data.import.confirm").click().run()
    assert sorted(i.company for i in store.interviews.find()) == ["Acme", "Borealis"]
    assert at.toast[0].value == "Imported 1 interview. Skipped 1 already in Debrief."
    assert not at.dataframe  # the uploader is fresh again


def test_a_hand_made_csv_previews_names_its_ignored_columns_and_imports(app: AppTest, store: Store):
    made_by_hand = "\ufeffDate,Time,COMPANY,Role,Source\r\n2026-11-10,14:30,Acme,Data engineer,LinkedIn\r\n"
    at = data_page(app)
    assert "columns company, role and date are enough" in texts(at)
    at.file_uploader[0].upload("my interviews.csv", made_by_hand.encode("utf-8"), "text/csv").run()

    assert not at.error
    preview = at.dataframe[0].value
    assert list(zip(preview["When"], preview["Company"], preview["Stage"], strict=True)) == [
        ("2026-11-10 14:30", "Acme", "Other")]
    assert "1 new interview to add." in texts(at)
    assert "Ignored the column Source: Debrief has no field for it." in texts(at)

    at.button(key="data.import.confirm").click().run()
    [saved] = store.interviews.find()
    assert (saved.company, saved.role, saved.interview_at) == ("Acme", "Data engineer", datetime(2026, 11, 10, 14, 30))
    assert at.toast[0].value == "Imported 1 interview."


def test_a_confirm_after_another_tab_imported_the_file_adds_nothing_and_says_so(app: AppTest, store: Store, tmp_path):
    source = Store(tmp_path / "source.db")
    source.interviews.import_entries([an_entry("Acme")])
    at = data_page(app)
    at.file_uploader[0].upload("interviews.csv", export_csv(source).encode("utf-8"), "text/csv").run()
    assert "1 new interview to add" in texts(at)
    store.interviews.import_entries([an_entry("Acme")])  # the same file, confirmed in another tab meanwhile
    at.button(key="data.import.confirm").click().run()
    assert store.interviews.count() == 1
    assert at.toast[0].value.startswith("Nothing imported: every interview in the file is already in Debrief")


@pytest.mark.parametrize(("spoil", "where", "words"), [
    (lambda text: text.replace('"duration_min": 60', '"duration_min": ' + "9" * 5_000), "file", "5,000 digits long"),
    (lambda text: text.replace('"company": "Acme"', '"company": "Acme \\ud800"'), "interviews[0], field company",
     "lone surrogate"),
], ids=["5000 digits", "lone surrogate"])
def test_a_json_with_a_number_or_text_no_export_holds_is_refused_at_the_upload(app, store, tmp_path, spoil, where,
                                                                               words):
    from lib.files.json import export_json

    source = Store(tmp_path / "source.db")
    source.interviews.import_entries([an_entry("Acme")])
    text = export_json(source, FIXED_NOW)
    assert spoil(text) != text
    at = data_page(app)
    at.file_uploader[0].upload("export.json", spoil(text).encode("ascii", "backslashreplace"), "application/json")
    at.run()
    assert not at.exception
    assert "Nothing was imported" in at.error[0].value
    problems = dict(zip(at.dataframe[0].value["Where"], at.dataframe[0].value["Problem"], strict=True))
    assert words in problems[where]
    assert store.interviews.count() == 0


def test_a_bad_import_file_lists_its_problems_and_adds_nothing(app: AppTest, store: Store):
    at = data_page(app)
    at.file_uploader[0].upload("export.json", b'{"format": "debrief", "version": 9, "tables": {}}', "application/json")
    at.run()
    assert "Nothing was imported" in at.error[0].value
    problems = at.dataframe[0].value
    assert list(problems["Where"]) == ["field version"]
    assert "newer Debrief" in problems["Problem"][0]
    assert not [b for b in at.button if b.key == "data.import.confirm"]
    assert store.data_version() == 0


def test_back_up_now_lists_a_new_checked_backup(app: AppTest, store: Store):
    store.interviews.import_entries([an_entry("Acme")])
    at = data_page(app)
    before = len(backup.list_backups(store.path))  # the automatic one of the day, if any
    at.button(key="data.backup_now").click().run()
    backups = backup.list_backups(store.path)
    assert len(backups) == before + 1
    assert backups[0].kind == "manual" and backups[0].interviews == 1
    assert backup.check_database(backups[0].path).ok
    assert "Made by you · 1 interview ·" in texts(at)


def test_restore_from_a_listed_backup_brings_back_the_earlier_state(app: AppTest, store: Store):
    store.interviews.import_entries([an_entry("Acme")])
    earlier = backup.backup_now(store, datetime(2026, 11, 19, 9, 0))
    store.interviews.import_entries([an_entry("Borealis")])
    at = open_restore_menu(data_page(app), earlier)
    at.button(key=f"data.restore.{earlier.path.name}").click().run()
    assert [i.company for i in store.interviews.find()] == ["Acme"]
    safety = [b for b in backup.list_backups(store.path) if b.kind == "before-restore"]
    assert [b.interviews for b in safety] == [2]  # the state just before is kept
    assert at.toast[0].value.startswith("Restored 1 interview.")


def test_a_listed_backup_is_restored_from_its_path(app: AppTest, store: Store, monkeypatch: pytest.MonkeyPatch):
    store.interviews.import_entries([an_entry("Acme")])
    earlier = backup.backup_now(store, datetime(2026, 11, 19, 9, 0))
    sources: list[object] = []
    restore_backup = restore.restore

    def recording(store: Store, source: Path, now: datetime) -> restore.Restored:
        sources.append(source)
        return restore_backup(store, source, now)

    monkeypatch.setattr(restore, "restore", recording)
    open_restore_menu(data_page(app), earlier).button(key=f"data.restore.{earlier.path.name}").click().run()
    assert sources == [earlier.path] and isinstance(sources[0], Path)


def test_restore_from_an_uploaded_database_after_checking_it(app: AppTest, store: Store, tmp_path: Path):
    store.interviews.import_entries([an_entry("Acme")])
    source = Store(tmp_path / "other.db")
    source.interviews.import_entries([an_entry("Cobalt"), an_entry("Dune", 16)])
    at = data_page(app)
    at.file_uploader[1].upload("other.db", backup.database_snapshot(source)).run()
    assert "healthy Debrief database with **2 interviews**" in texts(at)
    assert store.interviews.count() == 1  # nothing yet
    at.button(key="data.restore.upload").click().run()
    assert sorted(i.company for i in store.interviews.find()) == ["Cobalt", "Dune"]


def test_restore_into_an_empty_database_says_it_is_new_and_makes_no_backup(app: AppTest, store: Store, tmp_path):
    source = Store(tmp_path / "other.db")
    source.interviews.import_entries([an_entry("Cobalt")])
    at = data_page(app)
    at.file_uploader[1].upload("other.db", backup.database_snapshot(source)).run()
    at.button(key="data.restore.upload").click().run()
    assert at.toast[0].value == f"Restored 1 interview into a new database at {store.path}."
    assert [i.company for i in store.interviews.find()] == ["Cobalt"]
    assert "before-restore" not in [b.kind for b in backup.list_backups(store.path)]  # the daily one may follow


def test_a_file_that_is_not_a_debrief_database_cannot_be_restored(app: AppTest, store: Store, tmp_path: Path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.close()
    at = data_page(app)
    at.file_uploader[1].upload("photos.db", other.read_bytes()).run()
    assert "is not a Debrief database" in at.error[0].value
    assert not [b for b in at.button if b.key == "data.restore.upload"]


def test_delete_everything_needs_the_typed_word_then_leaves_an_empty_database(app: AppTest, store: Store):
    load_demo(store, FIXED_NOW)
    store.settings.save_form_draft("new", '{"notes": "a candid half-typed note"}')
    backup.backup_now(store, FIXED_NOW)
    at = data_page(app)
    assert at.button(key="data.erase").disabled
    at.text_input(key="data.erase_word").input("delete").run()
    assert at.button(key="data.erase").disabled  # the exact word, in capitals
    at.text_input(key="data.erase_word").input("DELETE").run()
    at.button(key="data.erase").click().run()

    assert store.interviews.count() == 0
    with store.connect() as db:
        counts = {t: db.execute(f"SELECT COUNT(*) FROM {backup.quoted(t)}").fetchone()[0] for t in
                  backup.data_tables(db)}
    assert counts.pop("meta") == 1 and set(counts.values()) == {0}
    assert at.toast[0].value.startswith("Deleted everything")
    assert "Your 1 backup still holds a copy of your old data" in texts(at)

    at.button(key="data.delete_backups").click().run()
    assert backup.list_backups(store.path) == []


def test_a_first_visit_shows_the_downloads_and_draws_the_rarely_used_forms_only_once_opened(app: AppTest,
                                                                                            store: Store):
    store.interviews.import_entries([an_entry("Acme")])
    made = backup.backup_now(store, datetime(2026, 11, 19, 9, 0))
    at = data_page(app, open_forms=False)
    assert [b.label for b in at.get("download_button")] == [
        "Download CSV", "Download JSON", "Download Database", "Download calendar"]
    assert not at.file_uploader and not at.text_input  # no import, restore or delete form yet
    assert f"data.restore.{made.path.name}" not in [b.key for b in at.button]  # the backup's Restore menu is shut
    at = open_menu(at, "data.import_form")
    assert [u.proto.label for u in at.file_uploader] == ["CSV or JSON file"]
    at = open_menu(at, "data.erase_form")
    assert at.text_input(key="data.erase_word").value == "" and at.button(key="data.erase").disabled
    at = open_restore_menu(at, made)
    assert "Replace all your current data with this backup" in texts(at)


def test_the_page_names_where_the_data_lives(app: AppTest, store: Store):
    at = data_page(app)
    assert str(store.path) in texts(at)
    assert "Nothing is sent anywhere" in texts(at)


def test_an_empty_uploader_after_a_successful_import_accepts_the_next_file(app: AppTest, store: Store, tmp_path):
    source = Store(tmp_path / "source.db")
    source.interviews.import_entries([an_entry("Acme")])
    at = data_page(app)
    at.file_uploader[0].upload("a.csv", export_csv(source).encode(), "text/csv").run()
    at.button(key="data.import.confirm").click().run()
    at.file_uploader[0].upload("a.csv", io.BytesIO(export_csv(source).encode()).getvalue(), "text/csv").run()
    assert "0 new interviews to add, 1 already in Debrief" in texts(at)
    assert at.button(key="data.import.confirm").disabled


def test_the_app_makes_one_automatic_backup_a_day_after_a_change(app: AppTest, store: Store):
    store.interviews.import_entries([an_entry("Acme")])
    app.run()
    app.run()
    [made] = backup.list_backups(store.path)
    assert (made.kind, made.made_at.date(), made.interviews) == ("auto", FIXED_NOW.date(), 1)
    store.interviews.import_entries([an_entry("Borealis")])
    AppTest.from_file(app._script_path, default_timeout=30).run()  # a new session, the same day
    assert len(backup.list_backups(store.path)) == 1


def a_file_breaking_a_rule(source: Store, tmp_path: Path) -> bytes:
    """A sound SQLite file with Debrief's tables and columns but no CHECK constraints, holding a score of 9."""
    path = tmp_path / "broken.db"
    path.write_bytes(backup.database_snapshot(source))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'CHECK (skills_match BETWEEN 1 AND 5)', '') "
                     "WHERE name = 'interviews'")
        conn.commit()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE interviews SET skills_match = 9")
        conn.commit()
    return path.read_bytes()


def test_an_upload_breaking_a_rule_is_refused_at_the_upload_in_plain_words(app: AppTest, store: Store, tmp_path):
    store.interviews.import_entries([an_entry("Keep me")])
    source = Store(tmp_path / "other.db")
    source.interviews.import_entries([an_entry("Cobalt")])
    at = data_page(app)
    at.file_uploader[1].upload("other.db", a_file_breaking_a_rule(source, tmp_path)).run()
    assert not at.exception
    assert "table interviews, row id 1, column skills_match must be 1 to 5, or not sure yet" in at.error[0].value
    assert not [b for b in at.button if b.key == "data.restore.upload"]
    assert [i.company for i in store.interviews.find()] == ["Keep me"]


def test_a_restore_the_database_itself_refuses_shows_a_plain_message_at_the_upload(
    app: AppTest, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A rule only the schema knows (the row checks switched off here) still ends in words, not a traceback."""
    monkeypatch.setattr("lib.store.restore.unreadable_rows", lambda conn, tables: [], raising=False)
    store.interviews.import_entries([an_entry("Keep me")])
    source = Store(tmp_path / "other.db")
    source.interviews.import_entries([an_entry("Cobalt")])
    at = data_page(app)
    at.file_uploader[1].upload("other.db", a_file_breaking_a_rule(source, tmp_path)).run()
    at.button(key="data.restore.upload").click().run()
    assert not at.exception
    [shown] = [e.value for e in at.error]
    assert shown.startswith("Nothing was restored: the file breaks a rule of Debrief's database in table interviews")
    assert [i.company for i in store.interviews.find()] == ["Keep me"]
    assert [b.kind for b in backup.list_backups(store.path)] in ([], ["auto"])  # no safety copy of a refusal


def test_every_page_opens_a_database_whose_meta_lost_its_data_version(app: AppTest, store: Store):
    store.interviews.import_entries([an_entry("Acme")])
    with closing(sqlite3.connect(store.path)) as conn:
        conn.execute("DELETE FROM meta")  # what an earlier restore of such a file left
        conn.commit()
    at = app
    at.run()
    for page in ("pages/today.py", "pages/interviews.py", "pages/trends.py", DATA):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
    assert "Acme" in texts(at.switch_page("pages/interviews.py").run())


def test_the_first_save_on_day_one_makes_a_backup_and_the_next_day_after_a_change_another(
    app: AppTest, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    at = data_page(app)  # a fresh database: the first run sees nothing to back up
    assert "No backups yet." in texts(at)

    def import_through_the_page(*companies: str) -> None:
        source = Store(tmp_path / f"{companies[0]}.db")
        source.interviews.import_entries([an_entry(c, 9 + n) for n, c in enumerate(companies)])
        at.file_uploader[0].upload("new.csv", export_csv(source).encode("utf-8"), "text/csv").run()
        at.button(key="data.import.confirm").click().run()

    import_through_the_page("Acme")
    import_through_the_page("Borealis", "Cobalt")  # more saves the same day
    assert [(b.kind, b.interviews) for b in backup.list_backups(store.path)] == [("auto", 1)]
    assert "No backups yet." not in texts(at)
    next_day = FIXED_NOW + timedelta(days=1)
    monkeypatch.setenv("DEBRIEF_NOW", next_day.isoformat())
    import_through_the_page("Dune")  # the first rerun of the day already backs up the change of yesterday
    made = [(b.kind, b.made_at.date(), b.interviews) for b in backup.list_backups(store.path)]
    assert made == [("auto", next_day.date(), 3), ("auto", FIXED_NOW.date(), 1)]


def test_an_upload_whose_migration_fails_is_refused_at_the_upload_in_plain_words(
    app: AppTest, store: Store, tmp_path: Path
):
    store.interviews.import_entries([an_entry("Keep me")])
    source = Store(tmp_path / "other.db")
    source.interviews.import_entries([an_entry("Cobalt")])
    misrecorded = tmp_path / "misrecorded.db"
    misrecorded.write_bytes(backup.database_snapshot(source))
    with closing(sqlite3.connect(misrecorded)) as conn:  # schema 3 on disk, but its record lists only 001
        conn.execute("DELETE FROM _sqlite_migrations WHERE name != '001_initial_schema'")
        conn.commit()
    at = data_page(app)
    at.file_uploader[1].upload("misrecorded.db", misrecorded.read_bytes()).run()
    assert not at.exception
    assert "cannot be brought up to this Debrief's schema: table step_snoozes already exists" in at.error[0].value
    assert not [b for b in at.button if b.key == "data.restore.upload"]
    assert [i.company for i in store.interviews.find()] == ["Keep me"]


def _disk_full(*args, **kwargs):
    raise OSError(28, "No space left on device")


def _keep_me_beside_an_upload(store: Store, tmp_path: Path) -> bytes:
    """One interview of ours ("Keep me"), and the bytes of another database to restore over it."""
    store.interviews.import_entries([an_entry("Keep me")])
    source = Store(tmp_path / "other.db")
    source.interviews.import_entries([an_entry("Cobalt")])
    return backup.database_snapshot(source)


def test_a_disk_full_during_the_safety_backup_shows_nothing_restored_at_the_upload(
    app: AppTest, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    upload = _keep_me_beside_an_upload(store, tmp_path)
    at = data_page(app)
    at.file_uploader[1].upload("other.db", upload).run()
    monkeypatch.setattr("lib.store.restore.backup_now", _disk_full)
    at.button(key="data.restore.upload").click().run()
    assert not at.exception
    [shown] = [e.value for e in at.error]
    assert shown == "Nothing was restored: [Errno 28] No space left on device. Your data is unchanged."
    assert _drawn_after(at, "Backups", shown)  # beside the restore upload, not under Import above it
    assert [i.company for i in store.interviews.find()] == ["Keep me"]


def _drawn_after(at: AppTest, subheader: str, message: str) -> bool:
    """Whether `message` is drawn below the subheader `subheader`, in the page's order."""
    order: list[str] = []

    def walk(node) -> None:
        if getattr(node, "type", None) in ("subheader", "error"):
            order.append(node.value)
        for _, child in sorted(getattr(node, "children", {}).items()):
            walk(child)

    walk(at.main)
    return subheader in order and message in order and order.index(message) > order.index(subheader)


def test_an_upload_that_cannot_be_checked_for_want_of_room_says_so_and_changes_nothing(
    app: AppTest, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    upload = _keep_me_beside_an_upload(store, tmp_path)
    monkeypatch.setattr("lib.store.restore.check_upload", _disk_full)
    at = data_page(app)
    at.file_uploader[1].upload("other.db", upload).run()
    assert not at.exception
    assert at.error[0].value == (
        "This file could not be checked: [Errno 28] No space left on device. Nothing was changed."
    )
    assert not [b for b in at.button if b.key == "data.restore.upload"]
    assert [i.company for i in store.interviews.find()] == ["Keep me"]


def test_the_import_takes_what_an_export_holds_and_a_restore_takes_a_larger_database(app: AppTest, store: Store):
    at = data_page(app)
    import_upload, restore_upload = at.file_uploader[0], at.file_uploader[1]
    assert import_upload.proto.max_upload_size_mb == 20  # the most a CSV or JSON export holds
    assert restore_upload.proto.max_upload_size_mb == 100  # .streamlit/config.toml: a database of years of notes
