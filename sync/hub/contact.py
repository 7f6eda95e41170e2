"""How each station takes the county's changes: the cursor it pulls from, and whether it keeps
asking from the same one while there is more (it refuses what comes down: its county data
clashes with the hub's, or a change does not apply there).

The protocol router calls `pulled` after answering a pull; `sync.hub.health` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update

from sync.hub.db import reading, writing
from sync.hub.office_db import ensure_office_tables, station_contact
from sync.hub.store import Hub

REFUSING_AFTER = 2  # asked again from the same cursor this often (three pulls) = refusing


@dataclass(frozen=True)
class PullState:
    after: int
    next: int
    at: str
    repeats: int
    stuck_since: str | None

    @property
    def refusing(self) -> bool:
        return self.repeats >= REFUSING_AFTER


def pulled(hub: Hub, station_id: str, after: int, page: dict[str, Any]) -> None:
    """Note a pull from `after` answered with `page` (`Hub.changes_page`). Asking again from
    the same cursor when the last answer had more is a refusal; moving on clears it. A pull that
    changes nothing here (the usual empty one) writes nothing."""
    ensure_office_tables(hub.engine)
    now, nxt = hub.now(), int(page.get("next", after))
    with reading(hub.engine) as conn:
        row = conn.execute(select(station_contact).where(station_contact.c.station_id == station_id)).first()
    if row is None:
        with writing(hub.engine) as conn:
            if conn.execute(select(station_contact.c.station_id)
                            .where(station_contact.c.station_id == station_id)).first() is None:
                conn.execute(insert(station_contact).values(station_id=station_id, pull_after=after, pull_next=nxt,
                                                            pull_at=now, repeats=0, stuck_since=None))
        return
    again = row.pull_after == after and row.pull_next > after
    values = {"pull_after": after, "pull_next": nxt, "repeats": row.repeats + 1 if again else 0,
              "stuck_since": (row.stuck_since or row.pull_at) if again else None}
    if all(getattr(row, k) == v for k, v in values.items()):
        return
    with writing(hub.engine) as conn:
        conn.execute(update(station_contact).where(station_contact.c.station_id == station_id)
                     .values(**values, pull_at=now))


def pull_states(hub: Hub) -> dict[str, PullState]:
    """Every station's last pull, by station id."""
    ensure_office_tables(hub.engine)
    with reading(hub.engine) as conn:
        return {r.station_id: PullState(r.pull_after, r.pull_next, r.pull_at, r.repeats, r.stuck_since)
                for r in conn.execute(select(station_contact))}
