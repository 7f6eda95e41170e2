"""Stations for sync tests and the bench: simulated activity, enrolled with a live hub, by the
same steps a real station takes (set up, enroll, work, sync) and nothing else.

A simulated station that is enrolled with a hub invents no county data
(`station_app.core.simulate`): what it knows of the county came by sync. A test that needs the
county's side too (manifests, bill results, schedules) builds a county with `sync.demo`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from station_app.core.simulate import Simulation
from station_app.db import StationDB, open_station
from sync import client
from sync.hub.store import Hub
from sync.link import Retry
from sync.testing.live_hub import LiveHub

NAME, VILLAGE = "幸福村电商服务站", "幸福村"


def enroll(hub: Hub, url: str, db: StationDB, name: str = NAME, village: str = VILLAGE, **kwargs: Any) -> str:
    """Enroll the station file with the hub at `url` (a fresh code for `name`); returns the station id."""
    _, code = hub.enroll_code(name, village)
    return client.enroll(db, url, code, retry=Retry(attempts=3, base=0.01, cap=0.05), **kwargs).station_id


def simulated_file(path: Path, days: int, seed: int = 1) -> Path:
    """A station file with `days` of simulated activity, checkpointed (safe to copy): a station
    set up and enrolled with a county hub (a throwaway one, beside `path`) that then worked
    those days before its first sync, so it holds only its own records. A test enrolls its
    copy with the hub it runs (the copy carries no key: `station_app.keystore`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_station(path)
    try:
        simulation = Simulation(db, days, seed)
        with LiveHub(f"sqlite:///{path.with_name(path.stem + '-first-hub.sqlite')}") as live:
            assert live.hub is not None
            enroll(live.hub, live.url, db)
        for _ in range(days):
            simulation.day()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return path
