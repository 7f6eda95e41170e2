"""A shadow keeps each folded event's row without its payload, hashes, operator and clock stamp
(the hub's own events table has them): the station code the hub runs on a shadow must never
read those columns, and a shadow's figures still equal the station's own."""

from __future__ import annotations

import os
import sqlite3
import time
from typing import Any

from sqlalchemy import select

from station_app.core import operators, parcels, report_rows, reports
from sync.hub import shadow_files
from sync.hub.db import reading, stations
from sync.hub.shadow_files import packed
from sync.hub.shadows import SHADOW_PAGE, Shadows

from .fresh import sync

LEFT_OUT = {"payload", "prev_hash", "hash", "operator_id", "hlc"}


def test_the_hub_reads_no_left_out_column_of_a_shadow_and_its_figures_equal_the_station(live_hub, enrolled, tmp_path):
    sync(enrolled)
    with reading(live_hub.hub.engine) as conn:
        station_id = conn.execute(select(stations.c.id)).scalar_one()
    month = enrolled.value("SELECT substr(min(station_time), 1, 7) FROM events")
    shadows = Shadows(live_hub.hub, tmp_path / "shadows")
    try:
        shadows.update(station_id)
        shadow = shadows._db(station_id)  # the shadow's own connection: watch what is read from it
        read: list[tuple[str, str]] = []

        def watch(action: int, table: Any, column: Any, *_: Any) -> int:
            if action == sqlite3.SQLITE_READ and table == "events" and column in LEFT_OUT:
                read.append((table, column))
            return sqlite3.SQLITE_OK

        shadow.conn.set_authorizer(watch)
        hub_report = shadows.monthly(station_id, month)
        sheets = {key: shadows.evidence(station_id, month, key) for key in report_rows.SHEETS}
        shadow.conn.set_authorizer(None)

        assert read == []  # (the next test shows the watch sees such a read)
        assert hub_report == reports.monthly_report(enrolled, month)  # to the fen
        assert sheets == {key: report_rows.evidence(enrolled, month, key) for key in report_rows.SHEETS}
        kept = shadow.rows("SELECT payload, prev_hash, hash, operator_id, hlc FROM events")
        assert kept and all(tuple(r) == ("", "", "", "", "") for r in kept)
        assert shadow.value("PRAGMA page_size") == SHADOW_PAGE
    finally:
        shadows.close()


def test_the_watch_sees_a_read_of_a_left_out_column(station):
    seen: list[str] = []

    def watch(action: int, table: Any, column: Any, *_: Any) -> int:
        if action == sqlite3.SQLITE_READ and table == "events" and column in LEFT_OUT:
            seen.append(column)
        return sqlite3.SQLITE_OK

    station.conn.set_authorizer(watch)
    station.rows("SELECT seq, payload FROM events LIMIT 1")
    station.conn.set_authorizer(None)
    assert seen == ["payload"]


def test_an_idle_shadow_is_packed_and_unpacked_when_needed_with_the_same_figures(live_hub, enrolled, tmp_path):
    sync(enrolled)
    with reading(live_hub.hub.engine) as conn:
        station_id = conn.execute(select(stations.c.id)).scalar_one()
    month = enrolled.value("SELECT substr(min(station_time), 1, 7) FROM events")
    folder = tmp_path / "shadows"
    shadows = Shadows(live_hub.hub, folder)
    try:
        before = shadows.monthly(station_id, month)
        path = shadows.path(station_id)
        unpacked = sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
        assert shadows.pack_idle(after=3600) == 0  # just used: left as it is
        assert shadows.pack_idle(after=0) == 1
        assert not shadows.path(station_id).exists()
        assert packed(shadows.path(station_id)).stat().st_size * 3 < unpacked
        assert shadows.monthly(station_id, month) == before  # unpacked again, the cached report kept
        assert shadows.path(station_id).exists() and not packed(shadows.path(station_id)).exists()
    finally:
        shadows.close()

    later = Shadows(live_hub.hub, folder)  # a restarted hub packs the files the last run left
    try:
        assert later.pack_idle(after=0) == 1
        manager = next(o for o in operators.list_operators(enrolled) if o.role == "manager")
        parcels.check_in_parcel(enrolled, manager, waybill="ZT73019990001", phone="13812345678")
        sync(enrolled)  # new events while packed: unpacked, and only they are folded
        assert later.update(station_id) > 0
        assert later.monthly(station_id, month) == reports.monthly_report(enrolled, month)
    finally:
        later.close()


def test_a_shadow_another_process_has_open_is_not_packed(live_hub, enrolled, tmp_path):
    sync(enrolled)
    with reading(live_hub.hub.engine) as conn:
        station_id = conn.execute(select(stations.c.id)).scalar_one()
    one, two = Shadows(live_hub.hub, tmp_path / "shadows"), Shadows(live_hub.hub, tmp_path / "shadows")
    try:
        one.update(station_id)
        two.update(station_id)  # the other process has it open (its own lock on the shared folder)
        assert one.pack_idle(after=0) == 0 and one.path(station_id).exists()
        two.close()
        assert one.pack_idle(after=0) == 1
    finally:
        one.close()
        two.close()


def test_a_pack_or_unpack_cut_short_leaves_the_newer_file(tmp_path):
    path = tmp_path / "station.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('packed')")
    conn.commit()
    conn.close()
    assert shadow_files.pack(path) > 0 and not path.exists()
    shadow_files.unpack(path)
    assert sqlite3.connect(path).execute("SELECT x FROM t").fetchall() == [("packed",)]
    with sqlite3.connect(path) as newer:  # changed after unpacking; then a stale packed copy appears
        newer.execute("UPDATE t SET x = 'newer'")
    packed(path).write_bytes(b"stale")  # as a power cut between writing the copy and removing the file
    shadow_files.unpack(path)
    assert not packed(path).exists()
    assert sqlite3.connect(path).execute("SELECT x FROM t").fetchall() == [("newer",)]
    left = path.with_name(path.name + ".compact-4242")  # a copy a process stopped while making
    left.write_bytes(b"half")
    os.utime(left, (0, 0))
    kept = path.with_name(path.name + "-20261208")  # a copy someone made by hand: not ours to remove
    kept.write_bytes(b"backup")
    os.utime(kept, (0, 0))
    assert path in shadow_files.idle_files(tmp_path, 0) and not left.exists() and kept.exists()


def test_serve_s_packer_packs_what_was_left_unused(live_hub, enrolled, tmp_path):
    sync(enrolled)
    with reading(live_hub.hub.engine) as conn:
        station_id = conn.execute(select(stations.c.id)).scalar_one()
    shadows = Shadows(live_hub.hub, tmp_path / "shadows")
    try:
        shadows.update(station_id)
        shadows.start_packing(after=0.2)  # `serve` leaves 15 minutes
        for _ in range(300):
            if packed(shadows.path(station_id)).exists():
                break
            time.sleep(0.1)
        assert packed(shadows.path(station_id)).exists() and not shadows.path(station_id).exists()
    finally:
        shadows.close()  # stops the packer
    assert shadows._packer is not None and not shadows._packer.is_alive()


def test_only_shadows_are_packed_from_a_shared_folder(live_hub, tmp_path):
    """`--shadows` may name a folder with other SQLite files in it (the hub's own database):
    the packer leaves anything that is not a shadow alone."""
    other = tmp_path / "hub.sqlite"  # the live hub's own database
    for p in (other, other.with_name(other.name + "-wal")):
        if p.exists():
            os.utime(p, (0, 0))
    shadows = Shadows(live_hub.hub, tmp_path)
    try:
        assert shadows.pack_idle(after=0) == 0
    finally:
        shadows.close()
    assert other.exists() and not packed(other).exists()
