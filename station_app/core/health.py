"""Is this station file sound? `station-app check`, start-up, the command line and `restore` ask here.

SQLite's own checks (integrity, foreign keys) and the file handling are `db.maintenance`'s;
what the domain adds is here: the event chain unbroken up to the head it last recorded, the
cash ledger balanced, and the state tables equal to a replay of the events
(`core.replay_check`: in full for `station-app check` and `restore`, a cheap sample at
start-up and before a command works on the file). All of it is read in one snapshot: a check
that runs while the program writes must never report tampering that is only a write landing
between two reads.

Start-up costs what is new, not what is old: the chain is verified from where the last sound
check left it (`CHAIN_AT`, "seq:hash": that event must still carry that hash), and on a file
too large to read whole at every start SQLite's page checks are left to the commands (the
nightly `station-app sync` among them) and `station-app check`. A chain edited behind the mark shows at the mark (its hash changes) or
in the full check.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from station_app import keystore
from station_app.clock import Clock
from station_app.core import identity, replay_check, sync_state
from station_app.core.cash import ledger_problems
from station_app.core.events import verify_chain
from station_app.db import Store, maintenance, open_station
from station_app.db.maintenance import QUICK_CHECK_BYTES, DomainCheck
from station_app.errors import StorageError
from station_app.i18n import QT_TRANSLATE_NOOP, translate

#: local_settings: "seq:hash" of the last event a sound check found the chain intact up to
CHAIN_AT = "check.chain_at"


def station_problems(db: Store) -> list[str]:
    """The everyday check (start-up, commands): the event chain since the last sound check, the
    cash ledger and a sampled replay, read in one snapshot (empty: sound)."""
    with db.snapshot():
        chain = verify_chain(db, after=db.local(CHAIN_AT))  # a broken chain is the finding: not replayed
        return chain + ledger_problems(db) + ([] if chain else replay_check.sampled_problems(db))


def full_problems(db: Store) -> list[str]:
    """The whole check: the event chain, the cash ledger and every state table against a replay
    of every event, read in one snapshot (empty: sound)."""
    with db.snapshot():
        chain = verify_chain(db)
        return chain + ledger_problems(db) + ([] if chain else replay_check.replay_problems(db))


def _scratch_problems(db: Store) -> list[str]:
    """`full_problems` replaying into a scratch file: a backup being restored leaves no replica."""
    with db.snapshot():
        chain = verify_chain(db)
        return chain + ledger_problems(db) + ([] if chain else replay_check.replay_problems(db, keep=False))


def check(db: Store) -> list[str]:
    """Every problem the everyday check finds: SQLite integrity, the event chain, the cash
    ledger, a sample of the state tables replayed. Empty = healthy."""
    return _marking(db, station_problems, pages=True)


def full_check(db: Store) -> list[str]:
    """`check` with every state table compared with a replay of every event."""
    return _marking(db, full_problems, pages=True)


def check_file(path: Path, *, scratch: bool = False) -> list[str]:
    """The full check of the station file at `path` (`station-app check`); a file that cannot be
    opened (missing, empty, damaged) says why. `scratch`: every event replayed into a scratch
    file instead of the kept replica brought up to date (`station-app check --full`)."""
    if scratch:
        return maintenance.check_file(path, _scratch_problems)
    try:
        db = open_station(path, create=False)
    except StorageError as exc:
        return [exc.message()]
    try:
        return full_check(db)
    finally:
        db.close()


def before_use(db: Store, *, pages: bool | None = None) -> list[str]:
    """The check the program makes before it works on a file (start-up, `station-app report`,
    `sync`, `backup`): the everyday check. SQLite's page checks read the whole file: at start-up
    (`pages` None) they are left out on a file too large to read at every start; the commands
    (`pages=True`: the nightly `station-app sync` among them) and `station-app check` make them."""
    if pages is None:
        pages = not (db.path.exists() and db.path.stat().st_size >= QUICK_CHECK_BYTES)
    return _marking(db, station_problems, pages=pages)


def _marking(db: Store, domain: DomainCheck, *, pages: bool) -> list[str]:
    """`domain`'s problems (after SQLite's page checks with `pages`); when there are none, the
    chain's head read in the same snapshot is marked as checked, so the next everyday check
    verifies only the events after it."""
    verified: list[str] = []

    def checked(d: Store) -> list[str]:
        problems = domain(d)
        head = d.row("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
        if not problems and head is not None:
            verified.append(f"{head['seq']}:{head['hash']}")
        return problems

    if pages:
        problems = maintenance.check(db, checked)
    else:
        try:
            with db.snapshot():
                problems = checked(db)
        except sqlite3.DatabaseError as exc:
            return [f"unreadable: {exc}"]
    if not problems and verified and verified[0] != db.local(CHAIN_AT):
        # a read-only file: the next check verifies more
        with contextlib.suppress(StorageError, sqlite3.Error), db.transaction():
            db.set_local(CHAIN_AT, verified[0])
    return problems


def restore(source: Path, station_file: Path, clock: Clock | None = None) -> Path | None:
    """Replace the station file with a backup that passes the full check; the file it replaces
    is kept beside it and its path returned. Raises DamagedStation (the backup fails its check)
    or StorageError (no such backup)."""
    return maintenance.restore(source, station_file, clock, domain=_scratch_problems)


def warnings(db: Store) -> list[str]:
    """What a sound file still asks a person to look at, in the station language: records
    stamped by a PC clock far ahead (they keep that stamp; later records do not follow it),
    people whose ID numbers were hashed with a key this PC does not hold, PINs an older
    version let out in events."""
    found = [w for w in [sync_state.ahead_warning(db)] if w]
    foreign = _hashed_elsewhere(db)
    if foreign:
        found.append(translate("health", QT_TRANSLATE_NOOP(
            "health", "{count} people's ID numbers were recorded with a key this PC does not hold: the same "
                      "number typed again is not recognised")).format(count=foreign))
    exposed = int(db.value("SELECT count(*) FROM operator_pins p JOIN operators o ON o.id = p.operator_id "
                           "WHERE p.must_change = 1 AND o.active = 1", default=0))
    if exposed:
        found.append(translate("health", QT_TRANSLATE_NOOP(
            "health", "{count} operators still use a PIN that an older version sent to the county hub: they "
                      "should change it")).format(count=exposed))
    return found


def _hashed_elsewhere(db: Store) -> int:
    hashed = db.rows("SELECT substr(id_hash, 1, 8) AS kid, count(*) AS n FROM people "
                     "WHERE id_hash LIKE '%:%' GROUP BY kid")
    if not hashed:
        return 0
    try:
        if not keystore.holds(db.path, keystore.ID_KEY):
            return sum(int(r["n"]) for r in hashed)
        mine = identity.key_id(identity.id_key(db))
    except StorageError:  # the key is sealed for another PC or user
        return sum(int(r["n"]) for r in hashed)
    return sum(int(r["n"]) for r in hashed if r["kid"] != mine)
