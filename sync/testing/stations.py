"""Stations for sync tests and the bench: simulated activity, enrolled with a live hub.

`station_app.core.simulate` fakes the county's side on the station (fee tables,
manifests, bill results arrive as locally numbered hub events). `adopt_county_events`
puts those same events on the hub, under the same numbers and placements, as if the hub
had sent them: then the station's whole file is what a real station with that hub would
hold, and a restore from the hub must reproduce it exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from station_app.core import simulate
from station_app.db import StationDB, open_station
from sync import client
from sync.hub.db import changes, counters, placements, writing
from sync.hub.store import Hub
from sync.link import Retry


def simulated_file(path: Path, days: int, seed: int = 1) -> Path:
    """A station file with `days` of simulated activity, checkpointed (safe to copy)."""
    db = open_station(path)
    try:
        simulate.run(db, days, seed)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return path


def adopt_county_events(hub: Hub, station_id: str, db: StationDB) -> int:
    """Make the hub hold the county events the station made up locally; returns how many were new."""
    rows = db.rows("SELECT * FROM hub_events ORDER BY hub_seq")
    if not rows:
        return 0
    with writing(hub.engine) as conn:
        known = {r.hub_seq for r in conn.execute(select(changes.c.hub_seq).where(
            changes.c.hub_seq.in_([r["hub_seq"] for r in rows])))}
        new = [r for r in rows if r["hub_seq"] not in known]
        if new:
            conn.execute(insert(changes), [{"hub_seq": r["hub_seq"], "station_id": station_id, "kind": r["kind"],
                                            "entity_id": r["entity_id"], "payload": r["payload"],
                                            "hub_time": r["hub_time"]} for r in new])
            conn.execute(insert(placements), [{"station_id": station_id, "hub_seq": r["hub_seq"],
                                               "after_seq": r["after_seq"]} for r in new])
        top = max(r["hub_seq"] for r in rows)
        current = conn.execute(select(counters.c.value).where(counters.c.name == "hub_seq")).scalar_one()
        if top > current:
            conn.execute(update(counters).where(counters.c.name == "hub_seq").values(value=top))
    return len(new)


def enroll(hub: Hub, url: str, db: StationDB, name: str, **kwargs: Any) -> str:
    """Enroll the station file with the hub at `url` (a fresh code); returns the station id."""
    _, code = hub.enroll_code(name, "幸福村")
    enrolled = client.enroll(db, url, code, retry=Retry(attempts=3, base=0.01, cap=0.05), **kwargs)
    adopt_county_events(hub, enrolled.station_id, db)
    return enrolled.station_id
