"""New, empty stations (set up through the wizard's core action) enrolled with a live hub, for the
county services' tests: nothing in them but what a test does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from station_app.clock import Clock
from station_app.core import events
from station_app.core import sync_state as state
from station_app.core.operators import Operator
from station_app.core.station import create_station
from station_app.db import StationDB, open_station
from sync import client
from sync import protocol as p
from sync.client import SyncReport
from sync.testing.live_hub import LiveHub

from .conftest import SHORT, fast_retry


def new_station(folder: Path, live: LiveHub, name: str = "幸福村电商服务站", village: str = "幸福村",
                clock: Clock | None = None) -> tuple[StationDB, Operator]:
    """A station file in `folder`, created and enrolled (nothing sent yet); returns it and its manager."""
    assert live.hub is not None
    folder.mkdir(parents=True, exist_ok=True)
    db = open_station(folder / "station.sqlite", clock=clock)
    _, manager = create_station(db, name=name, village=village, county="示范县", manager_name="王建国",
                                manager_pin="1234")
    _, code = live.hub.enroll_code(name, village)
    client.enroll(db, live.url, code, retry=fast_retry(3))
    return db, manager


def sync(db: StationDB, **kw: Any) -> SyncReport:
    kw.setdefault("retry", fast_retry())
    kw.setdefault("timeout", SHORT)
    return client.sync_once(db, **kw)


def push_again(db: StationDB, first_seq: int = 1, url: str | None = None) -> dict[str, Any]:
    """Send the station's events from `first_seq` once more, as a retry after a lost answer does."""
    link = client.link_for(db, url)
    try:
        body = p.pack(p.encode_batch(events.events_after(db, first_seq - 1)))
        return link.call("POST", f"/v1/stations/{db.local(state.STATION_ID)}/events", ("acked_seq",), gzip_body=body)
    finally:
        link.close()
