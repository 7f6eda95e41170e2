"""The state tables are a fold of the events: one applier per event kind, all listed here.

This is the one place that gathers every service's `APPLY` table (`events` imports no
service: a service hands its own table to `events.record`). Everything that applies events
it did not record itself folds them through `apply` here:

- `rebuild`: a station rebuilt from its events alone (a test rebuilds a simulated station
  and compares every table);
- `apply_hub_changes`: a page of county (hub) events brought by a sync pull;
- `fold_from_hub`: a station restored on a new PC from the county hub, its own events and
  the county's applied in the order the station applied them before.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from station_app.core import (
    bills,
    cash,
    cashpoint,
    consignment,
    notices,
    online_orders,
    operators,
    outbound,
    parcels,
    people,
    proxy_orders,
    register,
    services_ledger,
    settings,
    shelves,
    station,
    sync_state,
    training,
    villages,
)
from station_app.core.events import Applier, Event, append, canonical, from_row, last_seq
from station_app.core.sync_state import ACKED, CURSOR, HubChange, local_int
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict
from station_app.i18n import QT_TRANSLATE_NOOP

APPLIERS: Mapping[str, Applier] = {
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
    **notices.APPLY,
    **cashpoint.APPLY,
    **services_ledger.APPLY,
    **villages.APPLY,
    **register.APPLY,
}

# tables that belong to this PC and this file, not to the fold of events (operator_pins: PINs
# never travel in events, see core.operators)
LOCAL_TABLES = {"meta", "local_settings", "_sqlite_migrations", "operator_pins"}


def apply(db: Store, event: Event) -> None:
    """Fold one event into the state tables through the applier for its kind (ValueError: none)."""
    try:
        applier = APPLIERS[event.kind]
    except KeyError:
        raise ValueError(f"no applier for event kind {event.kind!r}") from None
    applier(db, event)


def hub_event(row: Row | Mapping[str, object]) -> Event:
    """A county (hub) event as an Event for the appliers; it is not part of the station chain."""
    return Event(seq=0, id=f"hub:{row['hub_seq']}", kind=str(row["kind"]), entity_id=str(row["entity_id"]),
                 payload=json.loads(str(row["payload"])), operator_id="hub", station_time=str(row["hub_time"]),
                 hlc="", prev_hash="", hash="")


def rebuild(source: Store, target: Store) -> int:
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


def _apply_hub(target: Store, row: Row) -> None:
    apply(target, hub_event(row))
    target.insert("hub_events", dict(row))


# -- county changes brought by sync (called by sync.client, each in its own transaction) ----------


def apply_hub_changes(db: Store, changes: list[HubChange], cursor: int) -> list[str]:
    """Apply one page of county changes and store the new cursor, in one transaction
    (a cut link re-fetches at most this page, never skips one). Returns the kinds applied."""
    kinds: list[str] = []
    with db.transaction():
        have = _present(db, changes)
        for change in changes:
            if change.hub_seq not in have:
                _apply_change(db, change)
                kinds.append(change.kind)
        db.set_local(CURSOR, str(max(cursor, local_int(db, CURSOR))))
    return kinds


def fold_from_hub(db: Store, own: list[Event], changes: list[HubChange], *, last_page: bool) -> int:
    """Append the station's own events fetched back from the hub (already chain-checked,
    continuing this file's head), with the county changes applied where the station
    applied them before; on the last page, the rest of the changes and the cursor.
    One transaction. Returns the number of events and changes applied."""
    count = 0
    with db.transaction():
        have = _present(db, changes)
        todo = [c for c in changes if c.hub_seq not in have]
        placed = sorted(((c.after_seq, c.hub_seq, c) for c in todo if c.after_seq is not None), key=lambda t: t[:2])
        i = 0
        for ev in own:
            while i < len(placed) and placed[i][0] < ev.seq:
                _apply_change(db, placed[i][2])
                i, count = i + 1, count + 1
            apply(db, ev)
            append(db, ev)
            count += 1
        if last_page:
            done = {hub_seq for _, hub_seq, _ in placed[:i]}
            for change in todo:
                if change.hub_seq not in done:
                    _apply_change(db, change)
                    count += 1
            if changes:
                db.set_local(CURSOR, str(max(max(c.hub_seq for c in changes), local_int(db, CURSOR))))
            db.set_local(ACKED, str(last_seq(db)))
    return count


def _present(db: Store, changes: list[HubChange]) -> set[int]:
    """The changes this file already holds (a page fetched twice). Raises Conflict when a
    number holds a different county record: the file got county data from elsewhere."""
    by_seq = {c.hub_seq: c for c in changes}
    present: set[int] = set()
    seqs = list(by_seq)
    for chunk in (seqs[i:i + 500] for i in range(0, len(seqs), 500)):
        marks = ",".join("?" * len(chunk))
        for r in db.rows(f"SELECT hub_seq, kind, entity_id, payload FROM hub_events WHERE hub_seq IN ({marks})", chunk):
            c = by_seq[r["hub_seq"]]
            if (r["kind"], r["entity_id"], r["payload"]) != (c.kind, c.entity_id, canonical(c.payload)):
                raise Conflict(QT_TRANSLATE_NOOP("errors", "County record {number} differs from the one this station "
                                                 "already holds: was it enrolled with another county hub?"),
                               number=c.hub_seq)
            present.add(c.hub_seq)
    return present


def _apply_change(db: Store, change: HubChange) -> None:
    row: dict[str, object] = {"hub_seq": change.hub_seq, "kind": change.kind, "entity_id": change.entity_id,
                              "payload": canonical(change.payload), "hub_time": change.hub_time,
                              "after_seq": last_seq(db)}
    apply(db, hub_event(row))
    db.insert("hub_events", row)


# -- comparing two station files ------------------------------------------------------------------


def state_tables(db: Store) -> list[str]:
    names = [r["name"] for r in db.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return sorted(n for n in names if n not in LOCAL_TABLES)


def table_differences(a: Store, b: Store) -> list[str]:
    """Tables whose rows differ between two station files (order-independent)."""
    diffs = []
    for table in state_tables(a):
        rows_a = sorted(tuple(r) for r in a.rows(f"SELECT * FROM {table}"))
        rows_b = sorted(tuple(r) for r in b.rows(f"SELECT * FROM {table}"))
        if rows_a != rows_b:
            diffs.append(f"{table}: {len(rows_a)} rows vs {len(rows_b)}")
    return diffs
