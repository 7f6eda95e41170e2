"""A small county for the report tests: two stations with a simulated month (September 2026)
each, made the way `station-hub demo` makes a county (`sync.demo.run_demo`): enrolled first,
then each day the county's files uploaded through the hub's real paths, every station's day
simulated and synced over HTTP with a real hub on loopback, the hub's biller paying the bills.
Built once per test session (by the first test module that asks) and copied for each user,
each station file with its secrets (`station_app.keystore`) so the copy can sync.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from station_app.clock import SHANGHAI
from station_app.db import StationDB, open_station
from sync import client
from sync.demo import run_demo
from sync.link import Retry

MONTH = "2026-09"
END = datetime(2026, 10, 1, tzinfo=SHANGHAI)
ADMIN, PASSWORD = "县运营中心", "county-staff-2026"
NAMES = {"a": "幸福村电商服务站", "b": "东山村服务站"}
VILLAGES = {"a": "幸福村", "b": "东山村"}
FILES = ("hub.sqlite", "hub.sqlite-wal", "hub.biller.sqlite", "hub.secret")


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
    county = run_demo(f"sqlite:///{folder / 'hub.sqlite'}", folder, days=30, seed=1, end=END,
                      names=[(NAMES[k], VILLAGES[k]) for k in ("a", "b")], files=["a.sqlite", "b.sqlite"],
                      who="县运营中心", admin=ADMIN, password=PASSWORD, sms=False, say=lambda _text: None)
    return {"a": county.stations[0].station_id, "b": county.stations[1].station_id}


def county(base: Path, into: Path) -> County:
    """A fresh copy of the session's county in `into` (built in `base` on first use)."""
    done = base / "county" / "ids.json"
    if not done.exists():  # tests run one at a time: the first one builds it
        ids = _build(base / "county")
        done.write_text(json.dumps(ids), encoding="utf-8")
    into.mkdir(parents=True, exist_ok=True)
    names = [*FILES, *(f"{k}.sqlite{suffix}" for k in NAMES for suffix in ("", ".secrets", ".key"))]
    for name in names:
        if (base / "county" / name).exists():
            shutil.copyfile(base / "county" / name, into / name)
    return County(into, json.loads(done.read_text(encoding="utf-8")))
