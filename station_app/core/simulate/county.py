"""What the county (hub) sends a simulated station, as a sync pull would bring it — only on a
station that is NOT enrolled with a hub (`make run`'s demo). An enrolled station gets the
county's data from its hub (`station-hub demo` publishes it there through the hub's real
paths), so the simulation invents none: `county_sends` does nothing on it.

County data invented here says so where a person sees it (`DEMO`: the biller list's version,
the county's training sessions, the online shop, the bill results), and the file remembers it
(`DEMO_COUNTY` in local_settings), so screens can say 演示 about it.
"""

from __future__ import annotations

from typing import Any

from station_app.clock import iso
from station_app.core import replay
from station_app.core.events import canonical, last_seq
from station_app.core.sync_state import (
    DEMO_COUNTY as DEMO_COUNTY,  # re-exported: "demo" once made up here
)
from station_app.core.sync_state import STATION_ID
from station_app.db import Store

DEMO = "（演示）"
#: the demo county's own administrative-division code (GB/T 2260 shape, made up for the demo)
DEMO_COUNTY_CODE = "360735"


def enrolled(db: Store) -> bool:
    """The station is enrolled with a county hub: its county data comes from there."""
    return db.local(STATION_ID) is not None


def county_sends(db: Store, items: list[tuple[str, str, dict[str, Any]]]) -> bool:
    """County (hub) events arriving as a sync pull would bring them: stored and applied in one
    transaction. Nothing on an enrolled station (returns False)."""
    if enrolled(db):
        return False
    with db.transaction():
        for kind, entity_id, payload in items:
            row = {"hub_seq": int(db.value("SELECT max(hub_seq) FROM hub_events", default=0)) + 1, "kind": kind,
                   "entity_id": entity_id, "payload": canonical(payload), "hub_time": iso(db.clock.now()),
                   "after_seq": last_seq(db)}
            db.insert("hub_events", row)
            replay.apply(db, replay.hub_event(row))
        if db.local(DEMO_COUNTY) is None:
            db.set_local(DEMO_COUNTY, "demo")
    return True
