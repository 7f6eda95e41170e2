"""A small county for the report tests: two stations with a simulated month (September 2026)
each, enrolled with a real hub on loopback and synced. Built once per test session (by the
first test module that asks) and copied for each user.

Station B is enrolled before its month is simulated and first pulls a county-wide change:
the county events the simulation makes up locally are then numbered after the hub's, so
both stations' can live on one hub (`sync.testing.stations.adopt_county_events`).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from station_app.clock import SHANGHAI
from station_app.core import simulate
from station_app.db import StationDB, open_station
from sync import client
from sync.link import Retry
from sync.testing import stations
from sync.testing.live_hub import LiveHub

MONTH = "2026-09"
END = datetime(2026, 10, 1, tzinfo=SHANGHAI)
ADMIN, PASSWORD = "县运营中心", "county-staff-2026"
NAMES = {"a": "幸福村电商服务站", "b": "东山村服务站"}


@dataclass
class County:
    folder: Path
    ids: dict[str, str]  # "a"/"b" -> hub station id

    @property
    def hub_url(self) -> str:
        return f"sqlite:///{self.folder / 'hub.sqlite'}"

    def station(self, key: str, hub_url: str | None = None) -> StationDB:
        """Station `key`'s file; pointed at the hub now serving this copy when `hub_url` is given."""
        db = open_station(self.folder / f"{key}.sqlite")
        if hub_url:
            with db.transaction():
                db.set_local("setting:sync.hub_url", json.dumps(hub_url))
        return db


def retry() -> Retry:
    return Retry(attempts=5, base=0.01, cap=0.05)


def sync(db: StationDB) -> client.SyncReport:
    return client.sync_once(db, retry=retry())


def _build(folder: Path) -> dict[str, str]:
    shutil.rmtree(folder, ignore_errors=True)  # what a build that failed half-way left
    folder.mkdir(parents=True)
    a = open_station(folder / "a.sqlite")
    b = open_station(folder / "b.sqlite")
    try:
        simulate.run(a, 30, seed=1, end=END)
        with LiveHub(f"sqlite:///{folder / 'hub.sqlite'}") as live:
            assert live.hub is not None
            hub = live.hub
            hub.add_admin(ADMIN, PASSWORD)
            ids = {"a": stations.enroll(hub, live.url, a, NAMES["a"])}
            sync(a)
            _, code = hub.enroll_code(NAMES["b"], "东山村")
            ids["b"] = client.enroll(b, live.url, code, retry=retry()).station_id
            hub.push_setting("training.person_times_target", 300)  # county-wide: both stations pull it
            sync(b)
            simulate.run(b, 30, seed=2, end=END)
            stations.adopt_county_events(hub, ids["b"], b)
            sync(b)
            sync(a)
    finally:
        for db in (a, b):
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
    return ids


def county(base: Path, into: Path) -> County:
    """A fresh copy of the session's county in `into` (built in `base` on first use)."""
    done = base / "county" / "ids.json"
    if not done.exists():  # tests run one at a time: the first one builds it
        ids = _build(base / "county")
        done.write_text(json.dumps(ids), encoding="utf-8")
    into.mkdir(parents=True, exist_ok=True)
    for name in ("a.sqlite", "b.sqlite", "hub.sqlite", "hub.sqlite-wal"):
        if (base / "county" / name).exists():
            shutil.copyfile(base / "county" / name, into / name)
    return County(into, json.loads(done.read_text(encoding="utf-8")))
