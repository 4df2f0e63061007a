"""Writing an export to a file the user named, without ever writing over Debrief's own files.

Every `--out` of the command line goes through `write_export_file`: the text lands in a
temporary file in the target's folder, is flushed to disk, and replaces the target in one
`os.replace`, so a reader never sees half a file and a failed write leaves the old one. A
target that is the database, its `-wal`/`-shm` companions or anything in its backups folder
is refused before a byte is written: an export typed over `data/debrief.db` would otherwise
replace every note with a calendar.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from lib.store.backup import backups_folder, fsync_folder

COMPANIONS = ("", "-wal", "-shm", "-journal")


class ProtectedTarget(ValueError):
    """The export's target is one of Debrief's own files; the message says which and why."""


def protected_problem(target: Path, db_path: Path) -> str | None:
    """Why `target` must not be written (it is the database, a companion or a backup), or None.

    Compared by resolved path and, for files that exist, by inode (`os.path.samefile`), so a
    symlink, a hard link or `./data/../data/debrief.db` is caught too. When `db_path` is itself a
    symlink, the files beside the real database are guarded as well: SQLite keeps the `-wal`
    and `-shm` there, not beside the link.
    """
    resolved = _resolved(target)
    for base in _database_spellings(db_path):
        for suffix in COMPANIONS:
            own = Path(f"{base}{suffix}")
            if resolved == _resolved(own) or _same_file(target, own):
                what = "the Debrief database itself" if not suffix else f"the database's {suffix} file"
                return f"is {what} ({own})"
    for base in _database_spellings(db_path):
        folder = _resolved(backups_folder(base))
        if resolved == folder or folder in resolved.parents:
            return f"is in Debrief's backups folder ({backups_folder(base)})"
    return None


def _database_spellings(db_path: Path) -> list[Path]:
    """The database path as given and, when that differs (a symlink), the real file's path."""
    real = _resolved(db_path)
    return [Path(db_path)] if real == Path(db_path) else [Path(db_path), real]


def write_export_file(target: Path, data: bytes, db_path: Path) -> None:
    """Write `data` to `target` atomically; ProtectedTarget (nothing written) for Debrief's own files.

    OSError when the folder is missing or not writable (the target is then untouched).
    """
    problem = protected_problem(target, db_path)
    if problem:
        raise ProtectedTarget(f"{target} {problem}: choose another file name")
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; an export gets the usual mode
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # the file is in place; a folder that cannot be synced is no failure
        fsync_folder(target.parent)  # so the rename itself survives a power cut


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
