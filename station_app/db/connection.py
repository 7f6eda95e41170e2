"""The one place that opens a station file.

Every connection gets the same PRAGMAs: WAL, foreign keys, `synchronous=FULL` (money and
parcels survive a power cut mid-write) and a busy timeout. Connections run in autocommit
mode; writes happen only inside `StationDB.transaction()` (BEGIN IMMEDIATE ... COMMIT),
so a user action is one transaction or nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import platformdirs
import sqlite_utils

from station_app.clock import Clock
from station_app.db.copies import backup
from station_app.db.migrations import known_names, migrate, migrations
from station_app.db.store import Params, Row
from station_app.errors import DamagedStation, DiskFull, NewerVersion, StorageError
from station_app.i18n import QT_TRANSLATE_NOOP

STATION_FILE = "station.sqlite"
BUSY_TIMEOUT_MS = 10_000


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("VillageStation", "VillageStation"))


def station_path(data_dir: Path | str | None) -> Path:
    return Path(data_dir or default_data_dir()) / STATION_FILE


def connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def storage_error(exc: sqlite3.Error) -> StorageError | None:
    """The person-facing meaning of an SQLite failure, or None if it is a program bug."""
    text = str(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull(QT_TRANSLATE_NOOP("errors", "The disk is full: nothing was saved. Free some space and try again."))
    if "malformed" in text or "not a database" in text or "disk i/o error" in text:
        return DamagedStation(
            QT_TRANSLATE_NOOP("errors", "The station file is damaged ({detail}). Restore it from a backup."),
            detail=str(exc),
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(QT_TRANSLATE_NOOP("errors", "The station file cannot be written (read-only)."))
    return None


class StationDB:
    """An open station file. Not shared between threads: each thread opens its own."""

    def __init__(self, path: Path, conn: sqlite3.Connection, clock: Clock) -> None:
        self.path = path
        self.conn = conn
        self.clock = clock
        self.utils = sqlite_utils.Database(conn)
        self._owner = threading.get_ident()

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    @contextlib.contextmanager
    def transaction(self) -> Iterator[StationDB]:
        """One user action: everything inside commits together or not at all."""
        if self.conn.in_transaction:
            raise RuntimeError("nested transaction: a core action must not call another inside its own")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise (storage_error(exc) or exc) from exc
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise (storage_error(exc) or exc) from exc

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[StationDB]:
        """A consistent read: every read inside sees the file as of one moment, however much
        another connection writes meanwhile (one read transaction; writers are not blocked).
        Inside `transaction()` it is that transaction. Nothing done inside is kept."""
        if self.conn.in_transaction:
            yield self
            return
        self.execute("BEGIN")  # deferred: the first read fixes what every later read sees
        try:
            yield self
        finally:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            err = storage_error(exc)
            if err:
                raise err from exc
            raise

    def rows(self, sql: str, params: Params = ()) -> list[Row]:
        return self.execute(sql, params).fetchall()

    def row(self, sql: str, params: Params = ()) -> Row | None:
        found: Row | None = self.execute(sql, params).fetchone()
        return found

    def value(self, sql: str, params: Params = (), default: Any = None) -> Any:
        r = self.execute(sql, params).fetchone()
        return default if r is None or r[0] is None else r[0]

    def insert(self, table: str, values: dict[str, Any]) -> None:
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        self.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(values.values()))

    def update(self, table: str, key: dict[str, Any], values: dict[str, Any]) -> int:
        sets = ", ".join(f"{c} = ?" for c in values)
        where = " AND ".join(f"{c} = ?" for c in key)
        cur = self.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*values.values(), *key.values()])
        return cur.rowcount

    def local(self, key: str, default: str | None = None) -> str | None:
        """A machine-local value (never an event, never synced)."""
        r = self.row("SELECT value FROM local_settings WHERE key = ?", (key,))
        return default if r is None else r["value"]

    def set_local(self, key: str, value: str | None) -> None:
        if value is None:
            self.execute("DELETE FROM local_settings WHERE key = ?", (key,))
        else:
            self.execute(
                "INSERT INTO local_settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def close(self) -> None:
        self.conn.close()


def backup_before_migrating(db: StationDB) -> Path | None:
    """Before a newer program changes an older station file: a copy of the file as it was,
    `backups/before-migration-<time>.sqlite` beside it. None when there is nothing to migrate
    (a new file, an up-to-date one, or one from a newer version, which is refused anyway)."""
    applied = {m.name for m in migrations.applied(db.utils)}
    if not applied or applied >= set(known_names()) or not applied <= set(known_names()):
        return None
    stamp = db.clock.now().strftime("%Y%m%d-%H%M%S")
    return backup(db, db.path.parent / "backups" / f"before-migration-{stamp}.sqlite")


def open_station(path: Path | str, *, clock: Clock | None = None, create: bool = True) -> StationDB:
    """Open (and migrate) a station file; create it when missing and `create` is true.

    Raises DamagedStation for a file that is not a healthy SQLite database, NewerVersion for
    one written by a newer program; neither is ever changed.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise StorageError(QT_TRANSLATE_NOOP("errors", "No station file at {path}"), path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
    elif path.stat().st_size < 512:  # an empty file too: never taken for a new station
        raise DamagedStation(
            QT_TRANSLATE_NOOP("errors", "The station file is damaged ({detail}). Restore it from a backup."),
            detail="truncated" if path.stat().st_size else "empty: 0 bytes",
        )
    try:
        conn = connect(path)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise (storage_error(exc) or DamagedStation(
            QT_TRANSLATE_NOOP("errors", "The station file is damaged ({detail}). Restore it from a backup."),
            detail=str(exc),
        )) from exc
    db = StationDB(path, conn, clock or Clock())
    try:
        backup_before_migrating(db)
        migrate(db)
        offset = db.local("clock_offset_ms")
        if offset:
            db.clock.load_offset(offset)  # with the PC time it was measured at
    except (NewerVersion, StorageError):
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise (storage_error(exc) or DamagedStation(
            QT_TRANSLATE_NOOP("errors", "The station file is damaged ({detail}). Restore it from a backup."),
            detail=str(exc),
        )) from exc
    return db
