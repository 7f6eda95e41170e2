"""Is this station file sound? `station-app check`, start-up and `restore` ask here.

SQLite's own checks (integrity, foreign keys) and the file handling are `db.maintenance`'s;
what the domain adds is here: the event chain unbroken up to the head it last recorded, and
the cash ledger balanced. All of it is read in one snapshot: a check that runs while the
program writes must never report tampering that is only a write landing between two reads.
"""

from __future__ import annotations

from pathlib import Path

from station_app.clock import Clock
from station_app.core.cash import ledger_problems
from station_app.core.events import verify_chain
from station_app.db import Store, maintenance


def station_problems(db: Store) -> list[str]:
    """What is wrong with the event chain and the cash ledger, read in one snapshot (empty: sound)."""
    with db.snapshot():
        return verify_chain(db) + ledger_problems(db)


def check(db: Store) -> list[str]:
    """Every problem found: SQLite integrity, the event chain, the cash ledger. Empty = healthy."""
    return maintenance.check(db, station_problems)


def check_file(path: Path) -> list[str]:
    """`check` of the station file at `path`; a file that cannot be opened says why."""
    return maintenance.check_file(path, station_problems)


def restore(source: Path, station_file: Path, clock: Clock | None = None) -> Path | None:
    """Replace the station file with a backup that passes `check`; the file it replaces is kept
    beside it and its path returned. Raises DamagedStation (the backup fails its check) or
    StorageError (no such backup)."""
    return maintenance.restore(source, station_file, clock, domain=station_problems)
