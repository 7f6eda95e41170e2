"""A shadow keeps each folded event's row without its payload, hashes, operator and clock stamp
(the hub's own events table has them): the station code the hub runs on a shadow must never
read those columns, and a shadow's figures still equal the station's own."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import select

from station_app.core import report_rows, reports
from sync.hub.db import reading, stations
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
