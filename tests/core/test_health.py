"""`check` while the program writes: one snapshot, so a write between two reads is not tampering."""

from __future__ import annotations

import itertools

from station_app.core import cash, people
from station_app.core.health import check, station_problems
from station_app.db import open_station


class WritesBetweenReads:
    """A station file as `check` sees it while the program is at work: after every read, another
    connection to the same file records an event (a person registered at the counter)."""

    def __init__(self, db, write):
        self._db, self._write, self.writes = db, write, 0

    def __getattr__(self, name):
        return getattr(self._db, name)

    def _then_write(self, result):
        self._write()
        self.writes += 1
        return result

    def execute(self, sql, params=()):
        return self._then_write(self._db.execute(sql, params))

    def rows(self, sql, params=()):
        return self._then_write(self._db.rows(sql, params))

    def row(self, sql, params=()):
        return self._then_write(self._db.row(sql, params))

    def value(self, sql, params=(), default=None):
        return self._then_write(self._db.value(sql, params, default))


def program_at_work(db, manager):
    """A second connection to the station file that registers one more person on each call."""
    program = open_station(db.path, clock=db.clock)
    numbers = itertools.count(1000)

    def write():
        n = next(numbers)
        people.add_person(program, manager, name=f"村民{n}", phone=f"1390000{n:04d}", village="幸福村")

    return program, write


def test_check_while_the_program_writes_reports_nothing(db, manager):
    cash.open_day(db, manager, counted=10_000)
    people.add_person(db, manager, name="张三", phone="13800001111", village="幸福村")
    program, write = program_at_work(db, manager)
    try:
        seen = WritesBetweenReads(db, write)
        events_before = db.value("SELECT count(*) FROM events")
        assert check(seen) == []
        assert station_problems(seen) == []
        # the program really wrote between the reads, and what it wrote is sound too
        assert seen.writes > 3
        assert db.value("SELECT count(*) FROM events") == events_before + seen.writes
    finally:
        program.close()
    assert check(db) == []
