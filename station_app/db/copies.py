"""Copies of a station file: the online backup (safe while the program runs) and a copy of a
file lying on a disk, both through SQLite's backup API. No copy carries a secret.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from station_app.db.connection import StationDB

__all__ = ["SECRET_LOCAL_KEYS", "backup", "copy_through_sqlite"]


def backup(db: StationDB, target: Path) -> Path:
    """An online copy through SQLite's backup API (safe while the program runs)."""
    target = Path(target)
    if target.is_dir():
        target = target / f"station-{db.clock.now().strftime('%Y%m%d-%H%M%S')}.sqlite"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    dest = sqlite3.connect(str(tmp))
    try:
        db.conn.backup(dest)
        _without_secrets(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    tmp.replace(target)
    return target


#: machine-local values that are secrets: never in a copy (versions before the keystore kept
#: the sync token here; `station_app.keystore` keeps it beside the file now)
SECRET_LOCAL_KEYS = ("sync.token",)


def _without_secrets(copy: sqlite3.Connection) -> None:
    """Erase secrets from a copy, overwriting their bytes (a backup is carried around on USB sticks)."""
    marks = ",".join("?" * len(SECRET_LOCAL_KEYS))
    try:
        found = copy.execute(f"SELECT count(*) FROM local_settings WHERE key IN ({marks})", SECRET_LOCAL_KEYS).fetchone()
    except sqlite3.OperationalError:  # not a station file (yet): nothing to erase
        return
    if found and found[0]:
        copy.execute("PRAGMA secure_delete=ON")
        copy.execute(f"DELETE FROM local_settings WHERE key IN ({marks})", SECRET_LOCAL_KEYS)
        copy.commit()


def copy_through_sqlite(source: Path, target: Path) -> None:
    """Copy a station file with SQLite's backup API, so a `-wal` file lying beside it (taken
    off a dead PC's disk) is read too, not silently left behind. Falls back to a byte copy
    for a file SQLite cannot read, which `check` then refuses."""
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dest = sqlite3.connect(str(target))
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
            src.close()
    except sqlite3.DatabaseError:
        Path(target).unlink(missing_ok=True)
        shutil.copyfile(source, target)
