"""Are the state tables what the events say? The tables are a fold of the events (`core.replay`),
so an edit made to a table without an event (someone at the file with an SQLite tool) shows as
a difference from a replay of the events.

- `replay_problems`: every event folded into a scratch file, every state table compared, row
  by row (`station-app check`, `restore`);
- `sampled_problems`: cheap enough for every start-up: the station, its operators and settings
  replayed whole, and a random sample of people (the rows that carry ID numbers and the
  poverty-register mark), plus a count of people against the events that added them.

Both read the station file only; call them inside one snapshot (`core.health` does).
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from station_app.core import replay
from station_app.core.events import Event, from_row
from station_app.db import Store, maintenance

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


def replay_problems(db: Store) -> list[str]:
    """Fold every event of `db` into a scratch file and compare every state table with it;
    one line per table that differs (empty: the tables are what the events say)."""
    with maintenance.scratch_station(db.clock) as scratch:
        try:
            replay.rebuild(db, scratch)
        except (KeyError, ValueError, TypeError, sqlite3.Error) as exc:
            return [f"the events cannot be replayed: {type(exc).__name__} {exc}"]
        return [p for table in replay.state_tables(db) if table not in SOURCE_TABLES
                for p in [_difference(db, scratch, table)] if p]


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
    order the station applied them."""
    like = " OR ".join("kind LIKE ?" for _ in prefixes)
    patterns = [f"{p}%" for p in prefixes]
    county = db.rows(f"SELECT * FROM hub_events WHERE {like} ORDER BY hub_seq", patterns)
    h = 0
    for row in db.rows(f"SELECT * FROM events WHERE {like} ORDER BY seq", patterns):
        while h < len(county) and county[h]["after_seq"] < row["seq"]:
            yield replay.hub_event(county[h])
            h += 1
        yield from_row(row)
    for rest in county[h:]:
        yield replay.hub_event(rest)


def _difference(a: Store, b: Store, table: str, *, where: str = "", params: Sequence[Any] = ()) -> str | None:
    """How `table` in the station file `a` differs from the replay `b`, in one line (None: same).
    Rows are compared in one order on both sides, so no table is held in memory."""
    columns = [r["name"] for r in a.rows(f"PRAGMA table_info({table})")]
    theirs = {r["name"] for r in b.rows(f"PRAGMA table_info({table})")}
    if set(columns) != theirs:
        return f"{table}: the file's columns differ from the program's"
    cols = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(str(i) for i in range(1, len(columns) + 1))
    sql = f"SELECT {cols} FROM {table}" + (f" WHERE {where}" if where else "") + f" ORDER BY {order}"
    mine, replayed = a.execute(sql, params), b.execute(sql, params)
    while True:
        x, y = mine.fetchone(), replayed.fetchone()
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
