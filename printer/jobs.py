"""Print jobs and where they are kept: in memory, or in a `print_jobs` table of an SQLite file.

A job keeps the bytes sent to the printer and the receipt document they came from, so
any past receipt can be printed again (re-rendered for today's printer). Print jobs are
machine-local bookkeeping, not station events: the table is created here with
CREATE TABLE IF NOT EXISTS and is never synced.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from printer.document import Receipt

QUEUED, PRINTING, PRINTED, FAILED, CANCELLED, INTERRUPTED = (
    "queued", "printing", "printed", "failed", "cancelled", "interrupted")
UNFINISHED = (QUEUED, PRINTING)


@dataclass
class PrintJob:
    """One receipt sent (or to be sent) to the printer."""

    id: str
    kind: str  # the template: pickup_slip, bill_paid, ...
    title: str  # a line for the list of past receipts
    document: str  # Receipt.to_json()
    data: bytes  # the ESC/POS bytes
    paper_mm: int
    profile: str
    state: str = QUEUED
    attempts: int = 0
    last_error: str = ""
    created_at: str = ""
    printed_at: str = ""
    reprint_of: str = ""

    def receipt(self) -> Receipt:
        return Receipt.from_json(self.document)

    def copy(self) -> PrintJob:
        return dataclasses.replace(self)


class JobStore(Protocol):
    """Where the print queue keeps its jobs. Implementations must be thread-safe."""

    def add(self, job: PrintJob) -> None: ...

    def update(self, job: PrintJob) -> None:
        """Store the job's state, attempts, last_error and printed_at."""

    def get(self, job_id: str) -> PrintJob | None: ...

    def recent(self, limit: int = 50) -> list[PrintJob]:
        """The newest jobs first."""

    def unfinished(self) -> list[PrintJob]:
        """Queued or printing jobs, oldest first."""


class MemoryJobStore:
    """Jobs in a dict, for tests and for a station that keeps no history."""

    def __init__(self) -> None:
        self._jobs: dict[str, PrintJob] = {}
        self._lock = threading.Lock()

    def add(self, job: PrintJob) -> None:
        with self._lock:
            self._jobs[job.id] = job.copy()

    def update(self, job: PrintJob) -> None:
        with self._lock:
            self._jobs[job.id] = job.copy()

    def get(self, job_id: str) -> PrintJob | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.copy() if job else None

    def recent(self, limit: int = 50) -> list[PrintJob]:
        with self._lock:
            return [j.copy() for j in reversed(list(self._jobs.values()))][:limit]

    def unfinished(self) -> list[PrintJob]:
        with self._lock:
            return [j.copy() for j in self._jobs.values() if j.state in UNFINISHED]


SCHEMA = """
CREATE TABLE IF NOT EXISTS print_jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    document TEXT NOT NULL,
    data BLOB NOT NULL,
    paper_mm INTEGER NOT NULL,
    profile TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    printed_at TEXT NOT NULL DEFAULT '',
    reprint_of TEXT NOT NULL DEFAULT ''
)
"""
_COLUMNS = [f.name for f in dataclasses.fields(PrintJob)]


class SqliteJobStore:
    """Jobs in the `print_jobs` table of an sqlite3 connection.

    Give it a connection of its own (`SqliteJobStore.open(path)` makes one), opened with
    check_same_thread=False: the print worker writes from its thread, and a connection
    shared with the UI would mix these writes into the UI's transactions.
    Order is insertion order (rowid), never the PC clock.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        with self._lock:
            self._conn.execute(SCHEMA)
            self._commit()

    @classmethod
    def open(cls, path: Path | str) -> SqliteJobStore:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA busy_timeout=10000")
        return cls(conn)

    def _commit(self) -> None:
        if self._conn.in_transaction:
            self._conn.commit()

    def add(self, job: PrintJob) -> None:
        values = [getattr(job, c) for c in _COLUMNS]
        with self._lock:
            self._conn.execute(f"INSERT INTO print_jobs ({', '.join(_COLUMNS)}) "
                               f"VALUES ({', '.join('?' for _ in _COLUMNS)})", values)
            self._commit()

    def update(self, job: PrintJob) -> None:
        with self._lock:
            self._conn.execute("UPDATE print_jobs SET state = ?, attempts = ?, last_error = ?, printed_at = ? "
                               "WHERE id = ?", (job.state, job.attempts, job.last_error, job.printed_at, job.id))
            self._commit()

    def _select(self, where: str, params: tuple[object, ...]) -> list[PrintJob]:
        with self._lock:
            rows = self._conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM print_jobs {where}", params).fetchall()
        jobs = []
        for r in rows:
            values: dict[str, Any] = dict(zip(_COLUMNS, r, strict=True))
            values["data"] = bytes(values["data"])
            jobs.append(PrintJob(**values))
        return jobs

    def get(self, job_id: str) -> PrintJob | None:
        found = self._select("WHERE id = ?", (job_id,))
        return found[0] if found else None

    def recent(self, limit: int = 50) -> list[PrintJob]:
        return self._select("ORDER BY rowid DESC LIMIT ?", (limit,))

    def unfinished(self) -> list[PrintJob]:
        return self._select(f"WHERE state IN ({', '.join('?' for _ in UNFINISHED)}) ORDER BY rowid",
                            tuple(UNFINISHED))

    def prune(self, keep: int = 5000) -> int:
        """Forget all but the newest `keep` finished jobs; returns how many went."""
        with self._lock:
            cur = self._conn.execute(
                "DELETE FROM print_jobs WHERE state NOT IN (?, ?) AND rowid NOT IN "
                "(SELECT rowid FROM print_jobs ORDER BY rowid DESC LIMIT ?)", (*UNFINISHED, keep))
            self._commit()
            return cur.rowcount
