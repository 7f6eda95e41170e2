"""The state tables are a fold of the events: one applier per event kind, listed here.

A station can be rebuilt from its events alone (`rebuild`): a new PC restores a station
from the county hub the same way, and a test rebuilds a simulated station and compares
every table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from station_app.core import (
    bills,
    cash,
    consignment,
    online_orders,
    operators,
    outbound,
    parcels,
    people,
    proxy_orders,
    settings,
    shelves,
    station,
    sync_state,
    training,
)
from station_app.core.events import Event, append, from_row

Applier = Callable[[Any, Event], None]

APPLIERS: dict[str, Applier] = {
    **station.APPLY,
    **operators.APPLY,
    **settings.APPLY,
    **people.APPLY,
    **cash.APPLY,
    **shelves.APPLY,
    **parcels.APPLY,
    **outbound.APPLY,
    **sync_state.APPLY,
    **training.APPLY,
    **bills.APPLY,
    **consignment.APPLY,
    **proxy_orders.APPLY,
    **online_orders.APPLY,
}

# tables that belong to this PC and this file, not to the fold of events
LOCAL_TABLES = {"meta", "local_settings", "_sqlite_migrations"}


def apply(db: Any, event: Event) -> None:
    try:
        applier = APPLIERS[event.kind]
    except KeyError:
        raise ValueError(f"no applier for event kind {event.kind!r}") from None
    applier(db, event)


def hub_event(row: Any) -> Event:
    """A county (hub) event as an Event for the appliers; it is not part of the station chain."""
    return Event(seq=0, id=f"hub:{row['hub_seq']}", kind=row["kind"], entity_id=row["entity_id"],
                 payload=json.loads(row["payload"]), operator_id="hub", station_time=row["hub_time"],
                 hlc="", prev_hash="", hash="")


def rebuild(source: Any, target: Any) -> int:
    """Fold every event of `source` (station chain and county events, in the order they were
    applied) into the empty station file `target`. Returns the number of events applied."""
    hub_rows = source.rows("SELECT * FROM hub_events ORDER BY hub_seq")
    count, h = 0, 0
    with target.transaction():
        for row in source.execute("SELECT * FROM events ORDER BY seq"):
            ev = from_row(row)
            while h < len(hub_rows) and hub_rows[h]["after_seq"] < ev.seq:
                _apply_hub(target, hub_rows[h])
                h, count = h + 1, count + 1
            apply(target, ev)
            append(target, ev)
            count += 1
        for rest in hub_rows[h:]:
            _apply_hub(target, rest)
            count += 1
    return count


def _apply_hub(target: Any, row: Any) -> None:
    apply(target, hub_event(row))
    target.insert("hub_events", dict(row))


def state_tables(db: Any) -> list[str]:
    names = [r["name"] for r in db.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return sorted(n for n in names if n not in LOCAL_TABLES)


def table_differences(a: Any, b: Any) -> list[str]:
    """Tables whose rows differ between two station files (order-independent)."""
    diffs = []
    for table in state_tables(a):
        rows_a = sorted(tuple(r) for r in a.rows(f"SELECT * FROM {table}"))
        rows_b = sorted(tuple(r) for r in b.rows(f"SELECT * FROM {table}"))
        if rows_a != rows_b:
            diffs.append(f"{table}: {len(rows_a)} rows vs {len(rows_b)}")
    return diffs
