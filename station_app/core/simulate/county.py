"""What the county (hub) sends a simulated station, as a sync pull would bring it."""

from __future__ import annotations

from typing import Any

from station_app.clock import iso
from station_app.core import replay
from station_app.core.events import canonical, last_seq
from station_app.db import Store


def county_sends(db: Store, items: list[tuple[str, str, dict[str, Any]]]) -> None:
    """County (hub) events arriving as a sync pull would bring them: stored and applied in one transaction."""
    with db.transaction():
        for kind, entity_id, payload in items:
            row = {"hub_seq": int(db.value("SELECT max(hub_seq) FROM hub_events", default=0)) + 1, "kind": kind,
                   "entity_id": entity_id, "payload": canonical(payload), "hub_time": iso(db.clock.now()),
                   "after_seq": last_seq(db)}
            db.insert("hub_events", row)
            replay.apply(db, replay.hub_event(row))
