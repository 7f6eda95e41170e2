"""Are the state tables what the events say? The tables are a fold of the events (`core.replay`),
so an edit made to a table without an event (someone at the file with an SQLite tool) shows as
a difference from a replay of the events.

- `replay_problems`: every state table compared with a replay of every event (`station-app
  check`). The replay is kept beside the station file (`<file>.replay`, state tables only: the
  events stay in the station file) and each check folds only the events since the last one, so
  a check costs what the new events and one comparison cost, not a replay of years. A replica
  that does not continue the file (a restored backup, another program's appliers) is made anew
  from every event; `keep=False` (a backup being restored) replays into a scratch file;
- `sampled_problems`: cheap enough for every start-up: the station, its operators and settings
  replayed whole, and a random sample of people (the rows that carry ID numbers and the
  poverty-register mark), plus a count of people against the events that added them.

Both read the station file only; call them inside one snapshot (`core.health` does). The kept
replica is read in one transaction of its own connection, which sees the station file as of
one moment too (it folds and compares in that same moment).
"""

from __future__ import annotations

import functools
import hashlib
import random
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from station_app.core import replay
from station_app.core.events import Event, from_row
from station_app.db import Store, maintenance, migrations
from station_app.db.connection import StationDB, open_station
from station_app.db.migrations import known_names
from station_app.errors import StorageError

#: state tables a replay is compared on (the event tables are the source, not a result)
SOURCE_TABLES = {"events", "hub_events"}
#: people replayed at every start-up (all of them on a station with fewer)
SAMPLE_PEOPLE = 200
#: station-chain kinds and county kinds whose appliers touch only these tables (so they replay alone)
_WHOLE = {
    "station": ("station.",),
    "operators": ("operator.",),
    "settings": ("setting.", "county.setting_changed"),
}
REPLICA_SUFFIX = ".replay"
#: meta keys of the replica: the station event and county change it was folded up to, and the
#: appliers it was folded with
AT, HUB_AT, FOLDED_WITH = "replica.at", "replica.hub_at", "replica.program"
_PAGE = 5000  # events folded per read


def replica_path(db: Store) -> Path | None:
    """Where the replay of this station file is kept (None for a file not on disk)."""
    path = Path(str(db.path))
    if str(db.path) in ("", ":memory:") or not path.exists():
        return None
    return path.with_name(path.name + REPLICA_SUFFIX)


def replay_problems(db: Store, *, keep: bool = True) -> list[str]:
    """Every state table of `db` compared with the events folded through the appliers; one
    line per table that differs (empty: the tables are what the events say). With `keep`, the
    replica beside the file is brought up to date and compared; else a scratch file is."""
    path = replica_path(db) if keep else None
    if path is None:
        return _scratch_problems(db)
    try:
        return _replica_problems(db, path)
    except (sqlite3.Error, StorageError):  # a damaged or locked replica: it is only derived data
        _remove(path)
        return _scratch_problems(db)


def _scratch_problems(db: Store) -> list[str]:
    with maintenance.scratch_station(db.clock) as scratch:
        try:
            replay.rebuild(db, scratch)
        except (KeyError, ValueError, TypeError, sqlite3.Error) as exc:
            return [f"the events cannot be replayed: {type(exc).__name__} {exc}"]
        return [p for table in replay.state_tables(db) if table not in SOURCE_TABLES
                for p in [_difference(db, scratch, table)] if p]


@functools.cache
def program() -> str:
    """What a replay depends on: the station's migrations and the source of its core, where the
    appliers and every helper they call live. Any change to what an applier does (not only to
    the list of appliers) gives another value, so a replica or a hub shadow folded by another
    program is folded anew rather than compared or reported stale."""
    digest = hashlib.sha256("\n".join([*known_names(), *sorted(replay.APPLIERS)]).encode())
    core = Path(replay.__file__).parent
    for path in sorted(core.rglob("*.py")):
        digest.update(path.relative_to(core).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(Path(migrations.__file__).read_bytes())
    return digest.hexdigest()[:16]


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)


def _open_replica(db: Store, path: Path) -> StationDB:
    """The replica, attached to the station file as `s` (read through it, in its snapshot); made
    anew when it does not continue the station's chain or was folded by other appliers."""
    if path.exists() and _migrations(path) != known_names():
        _remove(path)  # another program's tables: never migrated (nor backed up) like a station file
    for attempt in range(2):
        replica = open_station(path, clock=db.clock)
        replica.execute("PRAGMA synchronous=OFF")  # derived data: a power cut only means folding it again
        replica.execute("ATTACH DATABASE ? AS s", (str(db.path),))
        at = replica.local(AT)
        if attempt == 0 and at is not None:
            seq, _, mark = at.partition(":")
            same = replica.local(FOLDED_WITH) == program() and replica.value(
                "SELECT hash FROM s.events WHERE seq = ?", (int(seq or 0),)) == (mark or None)
            if not same:
                replica.close()
                _remove(path)
                continue
        return replica
    raise StorageError("the replica cannot be made")  # never reached: the second file is new


def _migrations(path: Path) -> list[str] | None:
    try:
        conn = sqlite3.connect(path)
        try:
            return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _replica_problems(db: Store, path: Path) -> list[str]:
    replica = _open_replica(db, path)
    try:
        replica.execute("BEGIN")  # deferred: it writes the replica only; the station file is read
        try:
            try:
                _fold_new(replica)
            except (KeyError, ValueError, TypeError, sqlite3.IntegrityError) as exc:
                replica.conn.execute("ROLLBACK")
                return [f"the events cannot be replayed: {type(exc).__name__} {exc}"]
            problems = []
            for table in replay.state_tables(db):
                if table not in SOURCE_TABLES and not _same(replica, table):  # described in the same moment
                    problem = _difference(_Attached(replica), replica, table, mine=f"s.{table}", theirs=f"main.{table}")
                    problems.append(problem or f"{table}: differs from what the events say")
            replica.conn.execute("COMMIT")
        except BaseException:
            if replica.conn.in_transaction:
                replica.conn.execute("ROLLBACK")
            raise
        return problems
    finally:
        replica.close()


def _fold_new(replica: StationDB) -> int:
    """Fold the station's events (and county changes) the replica has not folded yet, in the
    order the station applied them. Returns how many."""
    at = replica.local(AT) or "0:"
    done = int(at.partition(":")[0] or 0)
    hub_done = int(replica.local(HUB_AT) or 0)
    county = replica.rows("SELECT * FROM s.hub_events WHERE hub_seq > ? ORDER BY hub_seq", (hub_done,))
    if county and county[0]["after_seq"] < done:
        raise ValueError("a county record was placed before events the replica had folded")
    h = count = 0
    last = None
    while True:
        rows = replica.rows("SELECT * FROM s.events WHERE seq > ? ORDER BY seq LIMIT ?", (done, _PAGE))
        for row in rows:
            ev = from_row(row)
            while h < len(county) and county[h]["after_seq"] < ev.seq:
                _fold_county(replica, county[h])
                h, count = h + 1, count + 1
            replay.apply(replica, ev)
            done, last, count = ev.seq, ev, count + 1
        if len(rows) < _PAGE:
            break
    for rest in county[h:]:
        _fold_county(replica, rest)
        count += 1
    if last is not None:
        replica.set_local(AT, f"{last.seq}:{last.hash}")
    if county:
        replica.set_local(HUB_AT, str(county[-1]["hub_seq"]))
    replica.set_local(FOLDED_WITH, program())
    return count


def _fold_county(replica: StationDB, row: Any) -> None:
    replay.apply(replica, replay.hub_event(row))
    replica.insert("hub_events", dict(row))


def _same(replica: StationDB, table: str) -> bool:
    """Does the station's `table` (attached as s) hold exactly the replica's rows? Joined on the
    primary key in SQLite, every column compared with IS (no rows brought into Python)."""
    info = replica.rows(f'PRAGMA main.table_info("{table}")')
    theirs = replica.rows(f'PRAGMA s.table_info("{table}")')
    columns = [r["name"] for r in info]
    if columns != [r["name"] for r in theirs]:
        return False
    key = [r["name"] for r in sorted(info, key=lambda r: r["pk"]) if r["pk"]]
    if not key:
        return not replica.value(f'SELECT count(*) FROM (SELECT * FROM s."{table}" EXCEPT SELECT * FROM main."{table}")') \
            and not replica.value(f'SELECT count(*) FROM (SELECT * FROM main."{table}" EXCEPT SELECT * FROM s."{table}")')
    on = " AND ".join(f'a."{k}" = b."{k}"' for k in key)
    differ = " OR ".join([f'b."{key[0]}" IS NULL', *(f'a."{c}" IS NOT b."{c}"' for c in columns if c not in key)])
    row = replica.row(f'SELECT count(*) AS n, sum({differ}) AS bad FROM s."{table}" a LEFT JOIN main."{table}" b ON {on}')
    mine = replica.value(f'SELECT count(*) FROM main."{table}"')
    return row is not None and not row["bad"] and row["n"] == mine


class _Attached:
    """The station file as the replica's connection sees it (`s.`), for `_difference`."""

    def __init__(self, replica: StationDB) -> None:
        self.replica = replica

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self.replica.rows(sql.replace("PRAGMA table_info(", "PRAGMA s.table_info("), params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.replica.conn.cursor().execute(sql, params)


def sampled_problems(db: Store, *, sample: int = SAMPLE_PEOPLE, rng: random.Random | None = None) -> list[str]:
    """The cheap start-up part: the station, operator and settings tables replayed whole,
    `sample` people chosen at random replayed and compared, and the number of people
    against the events that added them."""
    rng = rng or random.Random()
    problems = []
    added = int(db.value("SELECT count(*) FROM events WHERE kind = 'person.added'", default=0))
    rows = int(db.value("SELECT count(*) FROM people", default=0))
    if added != rows:
        problems.append(f"people: {rows} rows but {added} people were added by events")
    scratch = maintenance.scratch_tables(db, ["station", "operators", "settings", "people", "people_terms"])
    try:
        try:
            for table, kinds in _WHOLE.items():
                for ev in _merged(db, kinds):
                    replay.apply(scratch, ev)
                problems += [p for p in [_difference(db, scratch, table)] if p]
            chosen = _sample_people(db, sample, rng)
            marks = ",".join("?" * len(chosen))
            for row in db.rows(f"SELECT * FROM events WHERE entity_id IN ({marks}) AND kind LIKE 'person.%' "
                               "ORDER BY seq", chosen):
                replay.apply(scratch, from_row(row))
        except (KeyError, ValueError, TypeError, sqlite3.Error) as exc:
            return [*problems, f"the events cannot be replayed: {type(exc).__name__} {exc}"]
        problems += [p for p in [_difference(db, scratch, "people", where=f"id IN ({marks})", params=chosen),
                                 _difference(db, scratch, "people_terms", where=f"person_id IN ({marks})",
                                             params=chosen)] if p]
    finally:
        scratch.close()
    return problems


def _sample_people(db: Store, sample: int, rng: random.Random) -> list[str]:
    top = int(db.value("SELECT max(rowid) FROM people", default=0))
    rowids = list(range(1, top + 1)) if top <= sample else rng.sample(range(1, top + 1), sample)
    found: list[str] = []
    for chunk in (rowids[i:i + 500] for i in range(0, len(rowids), 500)):
        found += [r[0] for r in db.rows(f"SELECT id FROM people WHERE rowid IN ({','.join('?' * len(chunk))})", chunk)]
    return found


def _merged(db: Store, prefixes: Sequence[str]) -> Iterator[Event]:
    """The station's events and the county's whose kind starts with one of `prefixes`, in the
    order the station applied them (ranges of kinds, so the kind index serves them)."""
    where = " OR ".join("(kind >= ? AND kind < ?)" for _ in prefixes)
    bounds = [b for p in prefixes for b in (p, p + "\U0010ffff")]
    county = db.rows(f"SELECT * FROM hub_events WHERE {where} ORDER BY hub_seq", bounds)
    h = 0
    for row in db.rows(f"SELECT * FROM events WHERE {where} ORDER BY seq", bounds):
        while h < len(county) and county[h]["after_seq"] < row["seq"]:
            yield replay.hub_event(county[h])
            h += 1
        yield from_row(row)
    for rest in county[h:]:
        yield replay.hub_event(rest)


def _difference(a: Any, b: Any, table: str, *, where: str = "", params: Sequence[Any] = (),
                mine: str | None = None, theirs: str | None = None) -> str | None:
    """How `table` in the station file `a` differs from the replay `b`, in one line (None: same).
    Rows are compared in one order on both sides, so no table is held in memory. (`mine` and
    `theirs`: the table's name as each side reads it, for an attached file.)"""
    columns = [r["name"] for r in a.rows(f"PRAGMA table_info({table})")]
    theirs_columns = {r["name"] for r in b.rows(f"PRAGMA table_info({table})")}
    if set(columns) != theirs_columns:
        return f"{table}: the file's columns differ from the program's"
    cols = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(str(i) for i in range(1, len(columns) + 1))
    tail = (f" WHERE {where}" if where else "") + f" ORDER BY {order}"
    x_rows = a.execute(f"SELECT {cols} FROM {mine or table}{tail}", params)
    y_rows = b.execute(f"SELECT {cols} FROM {theirs or table}{tail}", params)
    while True:
        x, y = x_rows.fetchone(), y_rows.fetchone()
        if x is None and y is None:
            return None
        if x is None or y is None or tuple(x) != tuple(y):
            return f"{table}: " + _describe(columns, x, y)


def _describe(columns: list[str], mine: sqlite3.Row | None, replayed: sqlite3.Row | None) -> str:
    if mine is not None and replayed is not None and mine[0] == replayed[0]:
        changed = [c for c, u, v in zip(columns, mine, replayed, strict=True) if u != v]
        return f"row {mine[0]} differs from what its events say ({', '.join(changed)}): changed without an event"
    if mine is not None and (replayed is None or _before(mine, replayed)):
        return f"row {mine[0]} is not the result of any event: added or changed without one"
    assert replayed is not None
    return f"row {replayed[0]} that the events made is missing or changed: removed or changed without an event"


def _before(x: sqlite3.Row, y: sqlite3.Row) -> bool:
    """Does row x sort before row y (so y's side has no row equal to x)? By the first column
    that differs, NULLs first, as SQLite sorts them."""
    for u, v in zip(x, y, strict=True):
        if u == v:
            continue
        if u is None or v is None:
            return u is None
        try:
            return bool(u < v)
        except TypeError:  # mixed types in one column: SQLite puts numbers before text
            return isinstance(u, int | float)
    return False
