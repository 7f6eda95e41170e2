"""Item 10: a wrong PC clock is never permanent.

- One event stamped by a PC set to 2099 used to pin every later stamp (and the hub's filing of
  every later event) to 2099-06-01; now later events take the clock's time again and the
  2099 record is flagged.
- An offset saved under a 2009 clock (+17 years) used to make the daily report use 2043 after
  someone set the clock right; now the offset is kept with the PC time it was measured at
  and stops applying when the PC clock is far from there.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from station_app.cli import main
from station_app.clock import FixedClock, local_day, offset_text
from station_app.core import events, health, people
from station_app.core import sync_state as state
from station_app.core.operators import list_operators
from station_app.db import open_station
from sync import client
from sync import protocol as p
from sync.hub.db import events as hub_events
from sync.hub.db import reading
from sync.link import Retry
from sync.testing import stations

YEAR_2099 = datetime(2099, 6, 1, 2, tzinfo=UTC)
FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("station-v*.sqlite"))


def quick() -> Retry:
    return Retry(attempts=3, base=0.01, cap=0.05)


def test_one_event_stamped_in_2099_does_not_pin_the_later_ones(live_hub, station):
    manager = list_operators(station)[0]
    station_id = stations.enroll(live_hub.hub, live_hub.url, station, "幸福村电商服务站")
    client.sync_once(station, retry=quick())  # the hub has measured this (right) clock
    real = station.clock
    station.clock = FixedClock(YEAR_2099)  # someone sets the PC to 2099 ...
    bad = people.add_person(station, manager, name="未来人", phone="13900002099")
    station.clock = real  # ... and back
    later = [people.add_person(station, manager, name=f"今天{i}", phone=f"1390000300{i}") for i in range(3)]

    stamps = {r["entity_id"]: r["hlc"] for r in station.rows("SELECT entity_id, hlc FROM events WHERE kind = 'person.added'")}
    today = local_day(datetime.now(UTC)).isoformat()
    assert p.day_of(stamps[bad.id]) == "2099-06-01"
    assert [p.day_of(stamps[x.id]) for x in later] == [today] * 3  # not pinned to 2099
    # flagged for the keeper: the status bar's clock line and `station-app check`
    assert "2099" in (state.clock_warning(station) or "")
    assert any("2099" in w for w in health.warnings(station))

    client.sync_once(station, retry=quick())
    with reading(live_hub.hub.engine) as conn:
        days = {r.entity_id: r.day for r in conn.execute(select(hub_events.c.entity_id, hub_events.c.day).where(
            hub_events.c.station_id == station_id, hub_events.c.kind == "person.added"))}
    assert [days[x.id] for x in later] == [today] * 3  # the hub files today's events under today


def test_a_flat_battery_clock_still_never_steps_the_stamps_back(db, manager, clock):
    people.add_person(db, manager, name="甲", phone="13800001111")
    clock.set(datetime(2009, 1, 1, tzinfo=UTC))  # a reading that cannot be right: this program did not exist
    people.add_person(db, manager, name="乙", phone="13800001112")
    hlcs = [r["hlc"] for r in db.rows("SELECT hlc FROM events ORDER BY seq")]
    assert hlcs == sorted(hlcs)


def test_an_offset_saved_under_a_2009_clock_is_not_used_once_the_clock_is_right(tmp_path, capsys):
    data = tmp_path / "st"
    path = data / "station.sqlite"
    now = datetime.now(UTC)
    then = datetime(2009, 1, 1, 8, tzinfo=UTC)
    db = open_station(path, clock=FixedClock(then))
    state.save_clock_offset(db, int((now - then).total_seconds() * 1000))  # the hub said: +17 years
    assert abs(db.clock.now() - now) < timedelta(minutes=1)  # right while the clock reads 2009
    stored = db.local(state.CLOCK_OFFSET)
    db.close()
    assert stored and stored.endswith(f"@{int(then.timestamp() * 1000)}")

    # someone sets the PC clock right; the daily report (default: today) is for today, not 2043
    assert main(["report", "daily", "--data-dir", str(data)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["day"] == local_day(datetime.now(UTC)).isoformat()
    again = open_station(path)
    assert abs(again.clock.now() - datetime.now(UTC)) < timedelta(minutes=1)
    assert state.clock_offset_ms(again) == 0 and state.clock_warning(again) is None
    again.close()


def test_an_offset_an_older_version_saved_gets_its_measuring_time_or_is_dropped(tmp_path):
    now = datetime.now(UTC)
    then = datetime(2009, 1, 1, 8, tzinfo=UTC)
    offset = int((now - then).total_seconds() * 1000)
    two_days_ago = (now - timedelta(days=2)).replace(microsecond=0)
    for fixture, last_ok in zip(FIXTURES, (None, two_days_ago), strict=False):
        path = tmp_path / fixture.stem / "station.sqlite"
        path.parent.mkdir()
        shutil.copy(fixture, path)
        old = sqlite3.connect(path)
        old.execute("INSERT OR REPLACE INTO local_settings VALUES ('clock_offset_ms', ?)", (str(offset),))
        if last_ok:
            old.execute("INSERT OR REPLACE INTO local_settings VALUES ('sync.last_ok', ?)",
                        (last_ok.strftime("%Y-%m-%dT%H:%M:%S.000Z"),))
        old.commit()
        old.close()
        db = open_station(path)  # the PC clock is right now
        try:
            assert abs(db.clock.now() - datetime.now(UTC)) < timedelta(minutes=1)
            stored = db.local(state.CLOCK_OFFSET)
            if last_ok:  # dated from the last sync: measured under a 2009 clock
                measured_at = int(last_ok.timestamp() * 1000) - offset
                assert stored == offset_text(offset, measured_at)
            else:
                assert stored is None
        finally:
            db.close()


def test_events_stamped_ahead_are_listed_from_the_index(db, manager, clock):
    clock.set(YEAR_2099)
    people.add_person(db, manager, name="未来人", phone="13900002099")
    clock.set(datetime(2026, 11, 3, 2, tzinfo=UTC))
    people.add_person(db, manager, name="今天", phone="13900003000")
    ahead = events.stamped_ahead(db, db.clock.now_ms())
    assert ahead is not None and ahead.count == 1 and datetime.fromtimestamp(ahead.latest_ms / 1000, UTC).year == 2099
    plan = " ".join(str(tuple(r)) for r in db.rows("EXPLAIN QUERY PLAN SELECT count(*) FROM events WHERE hlc > '1'"))
    assert "events_hlc" in plan
