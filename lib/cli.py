"""The `debrief` command: demo data, import, export, backup, restore, check and reports from a terminal.

Each subcommand is one `Command` in COMMANDS: its arguments and a `run(args, context)`
returning the exit code, so a new subcommand is one more entry. Exit codes: 0 done,
1 something failed (disk, database), 2 bad input (argparse uses 2 for bad arguments too).
Nothing is written when the input is bad.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import cached_property
from pathlib import Path

from lib.clock import local_zone, now_local
from lib.domain.days import date_out_of_range
from lib.domain.model import ValidationError
from lib.domain.text import count_of
from lib.files.csv import export_csv
from lib.files.demo import load_demo, load_generated
from lib.files.export_file import ProtectedTarget, protected_problem, write_export_file
from lib.files.ics import export_ics
from lib.files.import_limits import MAX_BYTES, size_problem
from lib.files.imports import add_new, read_entries
from lib.files.json import export_json
from lib.files.review_reply import Reply, ignored_words, is_reply, plan_reply, read_reply
from lib.store import DatabaseUnavailable, Store, backup, default_path
from lib.store.restore import RESTORE_FAILURES, restore

BAD_INPUT, FAILED = 2, 1
MAX_GENERATED = 1_000_000


@dataclass
class Context:
    """What every command may need, opened only when it is needed (a bad file opens no database)."""

    db_path: Path | None
    now: datetime
    tz: tzinfo
    creates: bool = True  # False for commands that only read: they never make a database

    @property
    def path(self) -> Path:
        return self.db_path or default_path()

    @cached_property
    def store(self) -> Store:
        if not self.creates or self.path.is_dir():
            return Store.open_existing(self.path)  # refuses a folder, or a missing file here
        return Store(self.path)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Context], int]


# --- demo -------------------------------------------------------------------------------
def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=_count, metavar="N", help="generate N synthetic entries instead (benchmarks)")
    parser.add_argument("--seed", type=int, metavar="S", help="seed for --count, for a different data set (default: 7)")


def _demo(args: argparse.Namespace, context: Context) -> int:
    if args.count is None and args.seed is not None:
        return _fail("--seed only goes with --count", BAD_INPUT)
    if args.count is None:
        added = load_demo(context.store, context.now)
        if not added:
            print("The demo data is already there; nothing added. Delete it first to load it again.")
            return 0
        print(f"Added the demo data: {count_of(added, 'interview')}.")
        return 0
    started = time.perf_counter()
    added = load_generated(context.store, args.count, context.now, seed=7 if args.seed is None else args.seed)
    print(f"Added {count_of(added, 'generated interview')} in {time.perf_counter() - started:.1f} s.")
    return 0


# --- import -----------------------------------------------------------------------------
def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="a CSV or JSON file made by `debrief export csv|json`, or a mentor's reply to a review "
                     "packet ('-' reads stdin)"
    )


def _import(args: argparse.Namespace, context: Context) -> int:
    name = "stdin" if args.file == "-" else args.file
    try:
        data = _read_limited(args.file)
        if is_reply(data):
            return _import_reply(name, read_reply(data), context)
        file = read_entries(data, "" if args.file == "-" else args.file, context.now, context.tz)
    except OSError as error:
        return _fail(f"cannot read {name}: {error.strerror or error}", BAD_INPUT)
    except ValidationError as error:
        for where, message in error.errors.items():
            print(f"{name}: {message}" if where == "file" else f"{name}, {where}: {message}", file=sys.stderr)
        print("Nothing imported: fix the problems above and try again.", file=sys.stderr)
        return BAD_INPUT
    plan = add_new(context.store, file)  # the database is opened only for a good file
    if ignored := plan.ignored_words():
        print(ignored)
    if not plan.new:
        print(f"Nothing imported: every interview in {name} ({len(plan.duplicates):,}) is already in Debrief.")
        return 0
    skipped = f" Skipped {len(plan.duplicates):,} already in Debrief." if plan.duplicates else ""
    print(f"Imported {count_of(len(plan.new), 'interview')} from {name}.{skipped}")
    return 0


def _import_reply(name: str, reply: Reply, context: Context) -> int:
    """A mentor's reply: the preview, then the session it makes (imported without a prompt, like a file)."""
    today = context.now.date()
    plan = plan_reply(context.store, reply)
    print(f"{name}: a review by {reply.mentor}. {plan.summary(today)}")
    for line in [*(ignored_words(reply) or "").splitlines(), *plan.notes(today)]:
        print(f"  {line}")
    for line in plan.lines(today):
        print(f"  {line}")
    if not plan.can_import:
        return 0
    try:
        imported = context.store.coaching.replies.import_reply(reply, context.now)
    except ValidationError as error:  # decided again inside the write: the database may have changed
        for where, message in error.errors.items():
            print(f"{name}, {where}: {message}", file=sys.stderr)
        print("Nothing imported.", file=sys.stderr)
        return BAD_INPUT
    if not imported.added:
        print("Nothing imported: this reply was imported meanwhile.")
        return 0
    print(f"Imported a session with {reply.mentor} (session {imported.session_id}): "
          f"{count_of(imported.interviews, 'interview')}, {count_of(imported.actions, 'action')}.")
    return 0


def _read_limited(path: str) -> bytes:
    """The file, or ValidationError naming its real size when it is over the limit (never read whole).

    Standard input has no size to ask for: one byte past the limit says it is larger.
    """
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        problem = size_problem(len(data), at_least=True)
    else:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            problem = size_problem(size)
            data = b"" if problem else file.read(MAX_BYTES + 1)
            problem = problem or size_problem(len(data), at_least=True)  # a file that grew, or a pipe
    if problem:
        raise ValidationError("file", problem)
    return data


# --- export -----------------------------------------------------------------------------
EXPORTS: dict[str, Callable[[Context], str]] = {
    "csv": lambda context: export_csv(context.store),
    "ics": lambda context: export_ics(context.store, context.now, context.tz),
    "json": lambda context: export_json(context.store, context.now),  # every table
}


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=sorted(EXPORTS),
                        help="csv: every interview; ics: reminders still to do; json: every table")
    parser.add_argument("--out", metavar="FILE", help="write here instead of to standard output")


def _export(args: argparse.Namespace, context: Context) -> int:
    refused = _refused_target(args.out, context)  # before the export: `export ics` also records what it sent
    if refused is not None:
        return refused
    try:
        text = EXPORTS[args.format](context)
    except ValidationError as error:  # too big to import back
        return _fail(error.message, FAILED)
    return _deliver(text, args.out, args.format.upper(), context)


def _refused_target(out: str | None, context: Context) -> int | None:
    problem = protected_problem(Path(out), context.path) if out is not None else None
    return None if problem is None else _fail(f"--out {out} {problem}: choose another file name; nothing written",
                                              BAD_INPUT)


def _deliver(text: str, out: str | None, what: str, context: Context) -> int:
    """To standard output, or atomically to `out` (never one of Debrief's own files) with one line saying so."""
    if out is None:
        _write_stdout(text)
        return 0
    data = text.encode("utf-8")
    try:
        write_export_file(Path(out), data, context.path)
    except ProtectedTarget as error:
        return _fail(f"--out {error}; nothing written", BAD_INPUT)
    except OSError as error:
        return _fail(f"cannot write {out}: {error.strerror or error}", FAILED)
    print(f"Wrote {out} ({what}, {count_of(len(data), 'byte')}).")
    return 0


def _write_stdout(text: str) -> None:
    """As bytes, so CRLF line endings (CSV, iCalendar) arrive exactly as written on every OS."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


# --- backup, restore, check --------------------------------------------------------------
def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def _backup(args: argparse.Namespace, context: Context) -> int:
    made = backup.backup_now(context.store, context.now)
    print(f"Backed up {count_of(made.interviews or 0, 'interview')} to {made.path}.")
    print(f"Integrity checked; the newest {backup.BACKUPS_KEPT} backups are kept.")
    return 0


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a Debrief database file, e.g. one under backups/")


def _restore(args: argparse.Namespace, context: Context) -> int:
    try:
        restored = restore(context.store, args.file, context.now)
    except ValidationError as error:
        print(f"debrief: {args.file} {error.message}", file=sys.stderr)
        print("Nothing restored: your data is unchanged.", file=sys.stderr)
        return BAD_INPUT
    except RESTORE_FAILURES as error:  # the restore is one transaction: it rolled back
        print(f"debrief: restoring {args.file} failed: {error}", file=sys.stderr)
        print("Nothing restored: your data is unchanged.", file=sys.stderr)
        return FAILED
    if restored.safety_backup is None:  # the database was new: nothing was there to keep
        print(f"Restored {count_of(restored.interviews, 'interview')} into a new database at {context.store.path}.")
        return 0
    print(f"Restored {count_of(restored.interviews, 'interview')} from {args.file}.")
    print(f"Your data from before the restore is in {restored.safety_backup.path}.")
    return 0


def _check(args: argparse.Namespace, context: Context) -> int:
    """Reads only (no migration): exit 0 when healthy and readable by this version, else 1."""
    path = context.path
    check = backup.check_database(path)
    if not check.ok:
        for problem in check.problems:
            print(f"debrief: {path} {problem}", file=sys.stderr)
        return FAILED
    known = len(backup.KNOWN_MIGRATIONS)
    upgrade = "" if check.schema_version == known else f" (upgraded to version {known} when Debrief opens it)"
    held = count_of(check.interviews or 0, "interview")
    print(f"{path}: integrity ok, schema version {check.schema_version}{upgrade}, {held}.")
    return 0


# --- report: a coaching session or a date range as HTML --------------------------------
def _report_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", type=int, metavar="N", help="one coaching session (the app's URL shows ?session=N)")
    which.add_argument("--from", dest="start", type=_iso_date, metavar="DATE", help="the first day of a date range")
    parser.add_argument("--to", dest="end", type=_iso_date, metavar="DATE", help="its last day (default: today)")
    parser.add_argument("--mentor", metavar="NAME", help="with --from: only this mentor's sessions and scores")
    parser.add_argument("--out", metavar="FILE", help="write here instead of to standard output")


def _report(args: argparse.Namespace, context: Context) -> int:
    """A coaching report as one self-contained HTML file (imported here: it needs pandas and Altair)."""
    from lib.files.report import range_report, session_report
    from lib.files.report_html import render_html

    if args.start is None and (args.end is not None or args.mentor):
        return _fail("--to and --mentor go with --from", BAD_INPUT)
    refused = _refused_target(args.out, context)
    if refused is not None:
        return refused
    try:
        if args.session is not None:
            report = session_report(context.store, args.session, context.now, context.tz)
        else:
            end = args.end or context.now.date()
            report = range_report(context.store, args.start, end, context.now, context.tz, args.mentor)
    except LookupError as error:
        return _fail(str(error), BAD_INPUT)
    what = f"HTML report, {count_of(len(report.entries), 'interview')}"
    return _deliver(render_html(report), args.out, what, context)


def _iso_date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as 2026-11-20") from None
    if problem := date_out_of_range(day):
        raise argparse.ArgumentTypeError(f"the date {problem}")
    return day


# --- the command line -------------------------------------------------------------------
EXISTING_ONLY = frozenset({"export", "check", "report", "backup"})  # a missing database there is a typo: never made
COMMANDS: tuple[Command, ...] = (
    Command("demo", "add the bundled demo data, or --count N generated entries", _demo_arguments, _demo),
    Command("import", "add the new interviews of a CSV or JSON file, or nothing if any row is wrong",
            _import_arguments, _import),
    Command("export", "write every interview as CSV, every table as JSON, or the reminders as a calendar (.ics)",
            _export_arguments, _export),
    Command("backup", "save a checked copy of the database under backups/ beside it", _no_arguments, _backup),
    Command("restore", "replace all data with a backup's, after checking it and backing up the current data",
            _restore_arguments, _restore),
    Command("check", "check the database's integrity and schema version (exit 0 if healthy)", _no_arguments, _check),
    Command("report", "write a coaching report (one session, or a date range) as one offline HTML file",
            _report_arguments, _report),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="debrief", description="Debrief: reflect on every interview.")
    _global_options(parser, default=None)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.help)
        _global_options(sub, default=argparse.SUPPRESS)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def _global_options(parser: argparse.ArgumentParser, default: object) -> None:
    """The options every command takes, accepted before the command's name and after it.

    The command's own copy defaults to SUPPRESS: argparse copies a subcommand's defaults over
    what the main parser read, so a default there would undo `debrief --db PATH import …`.
    Given in both places, the one after the command wins.
    """
    parser.add_argument("--db", type=Path, metavar="PATH", default=default,
                        help="database file (default: $DEBRIEF_DB or data/debrief.db)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit code (tests call this directly)."""
    args = build_parser().parse_args(argv)
    context = Context(args.db, now_local(), local_zone(), creates=args.command not in EXISTING_ONLY)
    try:
        run: Callable[[argparse.Namespace, Context], int] = args.run
        return run(args, context)
    except DatabaseUnavailable as error:  # missing, a folder, read-only, not Debrief's: the message says which
        return _fail(str(error), BAD_INPUT)
    except (sqlite3.Error, OSError) as error:  # a locked or corrupt database, a full disk: SQLite's own words
        return _fail(f"{context.path}: {error}", FAILED)


def _fail(message: str, code: int) -> int:
    print(f"debrief: {message}", file=sys.stderr)
    return code


def _count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_GENERATED:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 1 to {MAX_GENERATED:,}")
    return int(text)
