"""Closing a month: the county freezes the month's report as it stands (the snapshot it submits
upward) and keeps it on the hub, exportable as it was. Records that reach the hub later and
belong to the closed month never change the snapshot silently: the month's pages show them as
a revision against it (which station, which figure, from what to what, how many late records).

One code path for the dashboard, `station-hub close-month` and `POST /county/months/{month}/close`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, insert, select

from station_app.clock import local_day
from station_app.core import reports
from station_app.errors import Conflict, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub import audit
from sync.hub.county_report import county_month
from sync.hub.db import events, reading, stations, writing
from sync.hub.office_db import ensure_office_tables, month_closes
from sync.hub.shadows import Shadows
from sync.hub.store import Hub

ALREADY = QT_TRANSLATE_NOOP("errors", "{month} was already closed by {who} on {day}")
NOT_OVER = QT_TRANSLATE_NOOP("errors", "{month} is not over yet: a month can be closed from the day after its last")


@dataclass(frozen=True)
class Revision:
    """A figure of a closed month that differs from the snapshot now."""

    station: str
    section: str
    key: str
    label: str
    kind: str
    closed: Any
    now: Any


@dataclass(frozen=True)
class LateRecords:
    """Records of a closed month a station sent after the close."""

    station: str
    hub_id: str
    count: int


def closed_report(hub: Hub, month: str) -> dict[str, Any] | None:
    """The month's report as the county closed it (with `closed`: who and when), or None."""
    ensure_office_tables(hub.engine)
    with reading(hub.engine) as conn:
        r = conn.execute(select(month_closes).where(month_closes.c.month == month)).first()
    if r is None:
        return None
    snapshot: dict[str, Any] = json.loads(r.snapshot)
    snapshot["closed"] = {"closed_at": r.closed_at, "closed_by": r.closed_by}
    return snapshot


def closed_months(hub: Hub) -> list[dict[str, str]]:
    """Every closed month, newest first: month, closed_at, closed_by."""
    ensure_office_tables(hub.engine)
    with reading(hub.engine) as conn:
        return [{"month": r.month, "closed_at": r.closed_at, "closed_by": r.closed_by}
                for r in conn.execute(select(month_closes.c.month, month_closes.c.closed_at, month_closes.c.closed_by)
                                      .order_by(month_closes.c.month.desc()))]


def close_month(shadows: Shadows, month: str, who: str) -> dict[str, Any]:
    """Freeze `month`'s county report (audited). Returns the snapshot. Raises ValidationError
    for a bad month or one not over yet, Conflict when it was closed before."""
    hub = shadows.hub
    first, last = reports.month_days(month)
    month = reports.month_of(first)
    if local_day(hub.clock.now()) <= last:
        raise ValidationError(NOT_OVER, month=month)
    before = closed_report(hub, month)
    if before is not None:
        raise Conflict(ALREADY, month=month, who=before["closed"]["closed_by"], day=before["closed"]["closed_at"][:10])
    snapshot = county_month(shadows, month)
    with reading(hub.engine) as conn:
        snapshot["acked_at_close"] = {r.id: int(r.acked_seq) for r in conn.execute(select(stations.c.id,
                                                                                         stations.c.acked_seq))}
    now = hub.now()
    with writing(hub.engine) as conn:
        if conn.execute(select(month_closes.c.month).where(month_closes.c.month == month)).first() is not None:
            raise Conflict(ALREADY, month=month, who="?", day=now[:10])
        conn.execute(insert(month_closes).values(month=month, closed_at=now, closed_by=who[:80],
                                                 snapshot=json.dumps(snapshot, ensure_ascii=False)))
        audit.record_in(conn, now, who, "month.closed", month,
                        {"covered": snapshot["covered"], "stations": snapshot["station_count"]})
    snapshot["closed"] = {"closed_at": now, "closed_by": who}
    return snapshot


def late_records(hub: Hub, snapshot: dict[str, Any]) -> list[LateRecords]:
    """Per station, the records of the closed month the hub received after the close."""
    first, last = date.fromisoformat(snapshot["first_day"]), date.fromisoformat(snapshot["last_day"])
    acked = snapshot.get("acked_at_close", {})
    out = []
    with reading(hub.engine) as conn:
        for r in conn.execute(select(stations.c.id, stations.c.name).order_by(stations.c.name)):
            n = conn.execute(select(func.count()).select_from(events).where(and_(
                events.c.station_id == r.id, events.c.seq > int(acked.get(r.id, 0)),
                events.c.day.between(first.isoformat(), last.isoformat())))).scalar_one()
            if n:
                out.append(LateRecords(r.name, r.id, int(n)))
    return out


def revisions(snapshot: dict[str, Any], now: dict[str, Any]) -> list[Revision]:
    """Every figure that differs between the closed month's snapshot and the month `now`
    (`county_month`), per station and for the county total (station "")."""
    out: list[Revision] = []
    before = {s["hub_id"]: s for s in snapshot["stations"]}
    pairs = [(s["name"], (before.get(s["hub_id"]) or {}).get("report"), s["report"]) for s in now["stations"]]
    pairs.append(("", snapshot["total"] or None, now["total"] or None))
    for name, old, new in pairs:
        if old is None and new is None:
            continue
        for fig in reports.FIGURES:
            a = fig.value(old) if old else None
            b = fig.value(new) if new else None
            if a != b:
                out.append(Revision(name, fig.section, fig.key, fig.label, fig.kind, a, b))
    return out
