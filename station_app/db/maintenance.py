"""`check`, `backup` and `restore`: the station file's health, and copies of it.

A damaged file is never repaired silently: `check` says what is wrong, `restore` brings
back a backup that passes `check` (the damaged file is kept beside it).

This is the file-level part (SQLite's own checks, the backup API, swapping files). What
makes a station sound beyond SQLite (the event chain, the cash ledger) is the domain's:
callers pass it in as `domain`, and `core.health` binds the two, so nothing here imports
the core.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from station_app.clock import Clock
from station_app.db.connection import StationDB, connect, open_station
from station_app.db.copies import copy_through_sqlite
from station_app.db.store import Store
from station_app.errors import DamagedStation, StorageError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

#: the domain's own checks of a sound file (`core.health.station_problems`): empty = sound
DomainCheck = Callable[[Store], list[str]]


def check(db: Store, domain: DomainCheck) -> list[str]:
    """Every problem found: SQLite integrity and foreign keys, then on a sound file `domain`'s.
    Empty = healthy. Everything is read in one snapshot, so a program writing meanwhile is
    never mistaken for damage."""
    try:
        with db.snapshot():
            problems = [r[0] for r in db.rows("PRAGMA integrity_check") if r[0] != "ok"]
            problems += [f"foreign key: {tuple(r)}" for r in db.rows("PRAGMA foreign_key_check")]
            if problems:
                return problems
            return domain(db)
    except sqlite3.DatabaseError as exc:
        return [f"unreadable: {exc}"]


# above this size the program's start-up leaves SQLite's page checks (which read the whole file)
# to the commands (the nightly `station-app sync` among them) and `station-app check` (`core.health.before_use`)
QUICK_CHECK_BYTES = 64 * 1024 * 1024


@contextlib.contextmanager
def scratch_station(clock: Clock) -> Iterator[StationDB]:
    """An empty, migrated station file in a temporary folder, to fold events into and compare
    (`core.replay_check`); deleted afterwards. It is thrown away, so it is written without fsyncs."""
    with tempfile.TemporaryDirectory(prefix="station-check-") as tmp:
        scratch = open_station(Path(tmp) / "replay.sqlite", clock=clock)
        try:
            scratch.execute("PRAGMA synchronous=OFF")
            yield scratch
        finally:
            scratch.close()


def scratch_tables(db: Store, tables: Iterable[str]) -> StationDB:
    """An empty in-memory file with `db`'s own shape of `tables` (no migrations: cheap enough for
    every start-up). Close it after use."""
    conn = connect(":memory:")
    names = list(tables)
    for (sql,) in db.rows(f"SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN "
                          f"({','.join('?' * len(names))})", names):
        conn.execute(sql)
    return StationDB(Path(":memory:"), conn, db.clock)


def check_file(path: Path, domain: DomainCheck) -> list[str]:
    """`check` of the station file at `path` (a file that cannot be opened: why)."""
    try:
        db = open_station(path, create=False)
    except StorageError as exc:
        return [exc.message()]
    try:
        return check(db, domain)
    finally:
        db.close()


def restore(source: Path, station_file: Path, clock: Clock | None = None, *, domain: DomainCheck) -> Path | None:
    """Replace the station file with a backup that passes `check` (with `domain`'s checks).

    The current file (if any) is kept as `<name>.replaced-<time>`; that path is returned.
    The restored copy gets a new instance id, so the hub can tell it from the original.
    Raises DamagedStation if the backup itself fails its check.
    """
    source, station_file = Path(source), Path(station_file)
    if not source.exists():
        raise StorageError(QT_TRANSLATE_NOOP("errors", "No backup file at {path}"), path=str(source))
    station_file.parent.mkdir(parents=True, exist_ok=True)  # a new PC has no data folder yet
    staging = station_file.with_name(station_file.name + ".restoring")
    for leftover in (staging, Path(f"{staging}-wal"), Path(f"{staging}-shm")):
        leftover.unlink(missing_ok=True)
    copy_through_sqlite(source, staging)
    problems = check_file(staging, domain)
    if problems:
        staging.unlink(missing_ok=True)
        raise DamagedStation(
            QT_TRANSLATE_NOOP("errors", "The backup cannot be restored: {problems}"), problems="; ".join(problems[:3])
        )
    conn = connect(staging)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'instance_id'", (new_id(),))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    kept = None
    if station_file.exists():
        stamp = (clock or Clock()).now().strftime("%Y%m%d-%H%M%S")
        kept = station_file.with_name(f"{station_file.name}.replaced-{stamp}")
        station_file.replace(kept)
        for side in ("-wal", "-shm"):  # the WAL travels with its file, or committed pages are lost
            if Path(f"{station_file}{side}").exists():
                Path(f"{station_file}{side}").replace(Path(f"{kept}{side}"))
    staging.replace(station_file)
    for side in ("-wal", "-shm"):
        Path(f"{staging}{side}").unlink(missing_ok=True)
    return kept
