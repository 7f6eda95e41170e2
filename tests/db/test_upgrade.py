"""Every newer version opens the station files of older versions (real files kept as fixtures)."""

import shutil
from pathlib import Path

import pytest

from station_app.core import people
from station_app.core.health import check
from station_app.core.operators import list_operators
from station_app.db import open_station
from station_app.db.migrations import known_names

FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("station-v*.sqlite"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_old_station_file_opens_migrates_and_checks(tmp_path, fixture):
    path = tmp_path / "station.sqlite"
    shutil.copy(fixture, path)
    db = open_station(path)
    try:
        applied = [r["name"] for r in db.rows("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert applied == known_names()
        assert check(db) == []
        assert people.count_people(db) > 0
        people.add_person(db, list_operators(db)[0], name="升级后新增", phone="13700000000")
        assert check(db) == []
    finally:
        db.close()


def test_there_is_a_fixture_for_the_first_version():
    assert any("v0.1.0" in p.name for p in FIXTURES)


def test_a_backup_is_taken_before_migrating_an_old_file(tmp_path):
    path = tmp_path / "station.sqlite"
    shutil.copy(FIXTURES[0], path)
    open_station(path).close()
    backups = list((tmp_path / "backups").glob("before-migration-*.sqlite"))
    assert len(backups) == 1
    import sqlite3

    conn = sqlite3.connect(backups[0])
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    conn.close()
    assert names == ["m001_foundation"]  # the file exactly as the old version left it
    open_station(path).close()
    assert len(list((tmp_path / "backups").glob("*.sqlite"))) == 1  # nothing more to migrate, no new copy


def test_rebuilding_the_outbound_table_keeps_every_parcel_and_batch(tmp_path):
    """station-v0.1.1 was written by commit 2764635 (all services, before online-shop orders became
    outbound parcels): m007 rebuilds outbound_parcels under the courier batches that refer to it."""
    import sqlite3

    path = tmp_path / "station.sqlite"
    shutil.copy(FIXTURES[0].with_name("station-v0.1.1.sqlite"), path)
    old = sqlite3.connect(path)
    before = old.execute("SELECT * FROM outbound_parcels ORDER BY id").fetchall()
    columns = ", ".join(c[1] for c in old.execute("PRAGMA table_info(outbound_parcels)"))  # later ones add more
    batches = old.execute("SELECT * FROM batch_items ORDER BY outbound_id").fetchall()
    old.close()
    assert before and batches
    db = open_station(path)
    try:
        assert [tuple(r) for r in db.rows(f"SELECT {columns} FROM outbound_parcels ORDER BY id")] == before
        assert [tuple(r) for r in db.rows("SELECT * FROM batch_items ORDER BY outbound_id")] == batches
        assert db.rows("PRAGMA foreign_key_check") == []
        assert db.value("PRAGMA foreign_keys") == 1  # back on after migrating
        sql = db.value("SELECT sql FROM sqlite_master WHERE name = 'outbound_parcels'")
        assert "'county'" in sql and "sender_id TEXT REFERENCES" in sql
        assert {r["name"] for r in db.rows("PRAGMA index_list(outbound_parcels)")} >= {
            "outbound_ewaybill", "outbound_waiting", "outbound_taken_at", "outbound_handed_over"}
        assert check(db) == []
    finally:
        db.close()
