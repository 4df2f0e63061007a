"""Your data: export it, import a file after a preview, back up and restore, delete everything."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from lib import ui
from lib.domain.days import human_date
from lib.domain.model import ValidationError
from lib.domain.text import md_escape
from lib.files.csv import export_csv
from lib.files.demo import DEMO_COMPANIES, DEMO_SIZE
from lib.files.import_limits import MAX_BYTES, MEGABYTE, megabytes
from lib.files.imports import import_file, plan_import
from lib.files.json import export_json
from lib.store import backup
from lib.store.erase import delete_everything
from lib.store.restore import RESTORE_FAILURES, check_upload, restore, restore_bytes

CONFIRM_WORD = "DELETE"
ERASED = "data.erased"  # set for the run after "Delete everything"
# The rarely used forms, each drawn only while its expander is open (their keys hold whether it is)
IMPORT_FORM, RESTORE_FORM, ERASE_FORM = "data.import_form", "data.restore_form", "data.erase_form"


def start_over(message: str) -> None:
    """After a restore or an erase every screen must read the database afresh."""
    st.session_state.clear()  # half-typed forms and selections may point at rows that are gone
    st.cache_data.clear()  # nor may a cached frame keep old text in memory
    st.session_state["flash"] = message
    fresh_uploaders()  # new keys: the browser drops the files it still shows


def count_of(number: int, noun: str) -> str:
    """count_of(1, "interview") -> '1 interview'; count_of(3, "backup") -> '3 backups'."""
    return f"{number} {noun}{'s' * (number != 1)}"


def uploader_key(name: str) -> str:
    """Changes after an import, a restore or an erase, so the uploader comes back empty."""
    return f"data.{name}.{st.session_state.get('data.uploaders', '')}"


def fresh_uploaders() -> None:
    st.session_state["data.uploaders"] = uuid.uuid4().hex[:8]


def problems_table(error: ValidationError) -> None:
    st.dataframe([{"Where": where, "Problem": message} for where, message in error.errors.items()],
                 hide_index=True, width="stretch")


# --- export -----------------------------------------------------------------------------------
def export_section(today) -> None:
    st.subheader("Export", anchor=False)
    st.caption(f"Each file is made when you click, from your data as it is at that moment. A CSV or JSON file "
               f"holds up to {megabytes(MAX_BYTES)}, what Import reads back; the database file holds everything.")
    store, stamp = ui.store(), f"{today:%Y-%m-%d}"
    # label, what it holds, how to build it, file extension, media type, icon
    files: list[tuple[str, str, Callable[[], str | bytes], str, str, str]] = [
        ("CSV", "Every interview as a spreadsheet: the format Import reads back.", lambda: export_csv(store),
         "csv", "text/csv", ":material/table:"),
        ("JSON", "Every table: interviews, follow-up marks, drafts, templates, coaching. For programs.",
         lambda: export_json(store, ui.now()), "json", "application/json", ":material/data_object:"),
        ("Database", "The database file itself, as one consistent copy: everything, for safekeeping.",
         lambda: backup.database_snapshot(store), "db", backup.DATABASE_MEDIA_TYPE, ":material/database:"),
    ]
    for label, what, build, extension, mime, icon in files:
        with st.container(border=True, horizontal=True, vertical_alignment="center", gap="small"):
            st.markdown(f"**{label}** · {what}", width="stretch")
            st.download_button(f"Download {label}", data=build, file_name=f"debrief-{stamp}.{extension}", mime=mime,
                               key=f"export.{extension}", on_click="ignore", icon=icon)
    with st.container(border=True, horizontal=True, vertical_alignment="center", gap="small"):
        st.markdown("**Calendar** · The follow-up reminders still to do, for your calendar app.", width="stretch")
        ui.calendar_button("Download calendar", key="export.ics", file_name=f"debrief-{stamp}.ics")
    ui.calendar_subscription()


# --- import -----------------------------------------------------------------------------------
def on_import(data: bytes, name: str) -> None:
    """Planned again on confirm: the database may have changed since the preview."""
    try:
        plan = import_file(ui.store(), data, name, ui.now(), ui.user_zone())
    except ValidationError:
        st.session_state["data.import_failed"] = True
        return
    skipped = f" Skipped {len(plan.duplicates)} already in Debrief." if plan.duplicates else ""
    st.session_state["flash"] = (f"Imported {count_of(len(plan.new), 'interview')}.{skipped}" if plan.new else
                                 "Nothing imported: every interview in the file is already in Debrief "
                                 "(another tab or import may have just added them).")
    fresh_uploaders()


def import_section() -> None:
    """The uploader and its preview are drawn only once the form is opened: few visits import, and an
    uploader is one more kind of widget for the browser to load before the page is ready."""
    st.subheader("Import", anchor=False)
    st.caption("A CSV or JSON file exported by Debrief (or edited in a spreadsheet), or a spreadsheet of your own "
               "saved as CSV: columns company, role and date are enough. Nothing is added until you "
               "confirm, and an interview already here (same company, role, date and time) is skipped.")
    failed = st.session_state.pop("data.import_failed", False)
    with ui.opened(st.expander("Import a file", icon=":material/upload_file:", key=IMPORT_FORM,
                               on_change="rerun")) as is_open:
        if is_open:
            import_form(failed)


def import_form(failed: bool) -> None:
    uploaded = st.file_uploader("CSV or JSON file", type=["csv", "json"], max_upload_size=MAX_BYTES // MEGABYTE,
                                key=uploader_key("import"))
    if failed:
        st.error("The file could not be imported. Nothing was added.", icon=":material/error:")
    if uploaded is None:
        return
    data = uploaded.getvalue()
    try:
        plan = plan_import(ui.store(), data, uploaded.name, ui.now(), ui.user_zone())
    except ValidationError as problem:
        st.error("Nothing was imported: fix these in the file, then upload it again.", icon=":material/error:")
        problems_table(problem)
        return
    new, known = len(plan.new), len(plan.duplicates)
    st.markdown(f"**Preview of the {plan.kind} file:** {plan.preview_words()}")
    if ignored := plan.ignored_words():
        st.info(md_escape(ignored), icon=":material/info:")
    st.dataframe(plan.preview_rows(), hide_index=True, width="stretch", height=min(38 + 35 * (new + known), 320))
    st.button(f"Add {count_of(new, 'interview')}", type="primary", disabled=not new, on_click=on_import,
              args=(data, uploaded.name), icon=":material/upload:", key="data.import.confirm")


# --- demo data -------------------------------------------------------------------------------
def demo_section() -> None:
    """Load the demo at any time, beside the user's own entries; remove it in one click.

    Load stays where it is (disabled once loaded) and Remove appears beside it, so a double
    click on Load lands on a disabled button, not on Remove.
    """
    st.subheader("Demo data", anchor=False)
    demo_count, own_count = ui.data().interviews.count(demo=True), ui.data().interviews.count(demo=False)
    if demo_count:
        st.caption(f"{count_of(demo_count, 'demo interview')} loaded, beside {count_of(own_count, 'interview')} "
                   "of your own. Each carries a :gray-badge[demo] badge on Interviews; removing them leaves your own "
                   "entries untouched.")
    else:
        st.caption(f"Try every page with {DEMO_SIZE} made-up interviews at {DEMO_COMPANIES} companies over four "
                   "months. Each is marked demo (a :gray-badge[demo] badge on Interviews), and removing them "
                   "later leaves your own entries untouched.")
    with st.container(horizontal=True, gap="small"):
        st.button("Load demo data", on_click=ui.load_demo_data, disabled=bool(demo_count), key="data.load_demo",
                  icon=":material/science:", help="Already loaded" if demo_count else None)
        if demo_count:
            st.button("Remove demo data", on_click=ui.remove_demo_data, key="data.remove_demo",
                      icon=":material/delete_sweep:")


# --- backups and restore ----------------------------------------------------------------------
def on_backup_now() -> None:
    made = backup.backup_now(ui.store(), ui.now())
    st.session_state["flash"] = f"Backed up {count_of(made.interviews or 0, 'interview')} and checked the copy."


def on_restore(path: Path | None, data: bytes | None) -> None:
    store, now = ui.store(), ui.now()
    place = "upload" if path is None else "list"  # the failure is shown beside what was restored from
    try:
        restored = restore(store, path, now) if path else restore_bytes(store, data or b"", now)
    except ValidationError as problem:
        st.session_state["data.restore_failed"] = (f"Nothing was restored: the file {problem.message}.", place)
        return
    except RESTORE_FAILURES as error:  # e.g. the disk filled during the safety backup; rolled back
        st.session_state["data.restore_failed"] = (f"Nothing was restored: {error}. Your data is unchanged.", place)
        return
    restored_count = count_of(restored.interviews, "interview")
    if restored.into_new_database:  # it held nothing, so no copy of it was made
        start_over(f"Restored {restored_count} into a new database at {store.path}.")
    else:
        start_over(f"Restored {restored_count}. Your data from just before is in the backups list.")


def on_delete_backups() -> None:
    removed = backup.delete_backups(ui.store().path)
    st.session_state["flash"] = f"Deleted {count_of(removed, 'backup')}."


def restore_menu_key(item: backup.Backup) -> str:
    return f"data.restore_menu.{item.path.name}"


def backup_row(item: backup.Backup, today) -> None:
    with st.container(border=True, horizontal=True, vertical_alignment="center", gap="small"):
        when = f"{human_date(item.made_at.date(), today)}, {item.made_at:%H:%M}"
        count = "unreadable" if item.interviews is None else count_of(item.interviews, "interview")
        st.markdown(f"**{when}** · {item.label} · {count} · {backup.human_size(item.size_bytes)}", width="stretch")
        with ui.menu("Restore", key=restore_menu_key(item), icon=":material/restore:") as is_open:
            if is_open:
                st.markdown(f"Replace all your current data with this backup from {when}? "
                            "Your current data is backed up first.")
                st.button("Restore this backup", type="primary", key=f"data.restore.{item.path.name}",
                          on_click=on_restore, args=(item.path, None))


def restore_from_file() -> None:
    uploaded = st.file_uploader("Restore from a .db file", type=list(backup.DATABASE_SUFFIXES),
                                key=uploader_key("restore_file"),
                                help="A backup, or a database downloaded above. It is checked before anything "
                                     "changes.")
    failed = st.session_state.get("data.restore_failed")
    if failed and failed[1] == "upload":
        st.session_state.pop("data.restore_failed")
        st.error(failed[0], icon=":material/error:")
    if uploaded is None:
        return
    data = uploaded.getvalue()
    checked = st.session_state.get("data.restore_checked")
    if not checked or checked[0] != uploaded.file_id:  # a full check of a 20 MB file takes ~0.3 s: once per upload
        try:
            checked = (uploaded.file_id, check_upload(ui.store(), data))
        except RESTORE_FAILURES as error:  # e.g. no room for the private copy
            st.error(f"This file could not be checked: {error}. Nothing was changed.", icon=":material/error:")
            return
        st.session_state["data.restore_checked"] = checked
    check = checked[1]
    if not check.ok:
        st.error(f"This file cannot be restored: it {check.problems[0]}.", icon=":material/error:")
        return
    st.markdown(f"A healthy Debrief database with **{count_of(check.interviews or 0, 'interview')}** (schema version "
                f"{check.schema_version}). Restoring replaces all your current data; it is backed up "
                "first.")
    st.button("Restore from this file", type="primary", on_click=on_restore, args=(None, data),
              icon=":material/restore:", key="data.restore.upload")


def backups_section(today) -> None:
    st.subheader("Backups", anchor=False)
    folder = backup.backups_folder(ui.store().path)
    st.caption(f"Kept in `{str(folder).replace('`', '')}`  \nDebrief makes one automatically each day you use it "
               f"after a change, and keeps the newest {backup.BACKUPS_KEPT} of each kind.")
    st.button("Back up now", on_click=on_backup_now, icon=":material/backup:", key="data.backup_now")
    failed = st.session_state.get("data.restore_failed")
    if failed and failed[1] == "list":
        st.session_state.pop("data.restore_failed")
        st.error(failed[0], icon=":material/error:")
    backups = backup.list_backups(ui.store().path)
    if not backups:
        st.caption("No backups yet.")
    for item in backups:
        backup_row(item, today)
    with ui.opened(st.expander("Restore from a file", icon=":material/restore_page:", key=RESTORE_FORM,
                               on_change="rerun")) as is_open:
        if is_open:
            restore_from_file()


# --- delete everything ------------------------------------------------------------------------
def on_delete_everything() -> None:
    if st.session_state.get("data.erase_word", "").strip() != CONFIRM_WORD:
        return
    erased = delete_everything(ui.store())
    start_over(f"Deleted everything ({erased.rows} rows). Your database is empty.")
    st.session_state[ERASED] = True


def leftover_backups(backups: list[backup.Backup]) -> None:
    held = "still holds a copy" if len(backups) == 1 else "still hold copies"
    st.warning(f"Your {count_of(len(backups), 'backup')} {held} of your old data:",
               icon=":material/warning:")
    for item in backups:
        st.text(item.path.name)
    which = "it" if len(backups) == 1 else f"the {len(backups)} backups"
    st.button(f"Delete {which} too", type="primary", on_click=on_delete_backups,
              icon=":material/delete_forever:", key="data.delete_backups")


def delete_section() -> None:
    """The confirmation is drawn only once opened; what is left after an erase shows at once."""
    st.subheader("Delete everything", anchor=False)
    backups = backup.list_backups(ui.store().path)
    if st.session_state.get(ERASED) and backups:
        leftover_backups(backups)
        return
    with ui.opened(st.expander("Delete all your data", icon=":material/delete_forever:", key=ERASE_FORM,
                               on_change="rerun")) as is_open:
        if is_open:
            erase_form()


def erase_form() -> None:
    st.markdown("Removes every interview, note, follow-up mark, draft, template and coaching session from this "
                "computer's database, then rewrites the file so nothing can be recovered from it. "
                "**This cannot be undone.** Backups are separate files: you can delete them next.")
    word = st.text_input(f"Type {CONFIRM_WORD} to confirm", key="data.erase_word", max_chars=20)
    st.button("Delete everything", type="primary", disabled=word.strip() != CONFIRM_WORD,
              on_click=on_delete_everything, icon=":material/delete_forever:", key="data.erase")


# --- the page ---------------------------------------------------------------------------------
ui.route_through_entrypoint()
ui.flash()
today = ui.now().date()
st.title("Your data", anchor=False)
st.caption(f"Everything stays on this computer, in one database file: `{str(ui.store().path).replace('`', '')}`  \n"
           "Nothing is sent anywhere.")
export_section(today)
import_section()
demo_section()
backups_section(today)
delete_section()
