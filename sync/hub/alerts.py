"""What the county must look at because a station's records asked the hub for something odd,
and the county's limits that decide it (DESIGN §8: no station can abuse the county's gateways).

A station token can be stolen, and a buggy station can loop. So the hub holds, instead of
sending or paying, whatever goes over a station's daily limit (`LIMITS`, county settings in
`sync.hub.county_settings`), and raises an alert here: SMS over the day's limit or the
parcel's, a reminder for a parcel the hub never saw checked in, a notice whose phone differs
from the parcel's, bills over the day's count or amount. County staff see the alerts (the
stations page, `GET /v1/admin/alerts`) and release or refuse what was held
(`POST /v1/admin/held/{sms|bills}/{id}`). An alert is never a refusal of the station's event:
the event is stored like any other (DESIGN §6).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    func,
    insert,
    select,
    update,
)

from station_app.clock import SHANGHAI, iso
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub import county_settings
from sync.hub.county_settings import HubSetting
from sync.hub.db import reading, writing
from sync.hub.office_db import ensure_office_tables, hub_settings
from sync.hub.service_db import ensure_once
from sync.hub.store import Hub

metadata = MetaData()

hub_alerts = Table(
    "hub_alerts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("station_id", String(40), nullable=False),
    Column("kind", String(40), nullable=False),  # a reason code: sms_over_day, bill_over_amount, ...
    Column("subject", String(80), nullable=False),  # the notice id or bill id it is about
    Column("seq", BigInteger, nullable=False),  # the station's event that caused it
    Column("message", Text, nullable=False),  # English source (context "hubflags")
    Column("params", Text, nullable=False),  # JSON
    Column("raised_at", String(30), nullable=False),
    Column("settled_at", String(30)),
    Column("settled_by", String(80)),
    Column("outcome", String(20)),  # released / refused / seen
)
Index("hub_alerts_open", hub_alerts.c.station_id, hub_alerts.c.settled_at)
Index("hub_alerts_subject", hub_alerts.c.subject)

#: the county's limits per station (county settings, `station-hub set` or the dashboard)
LIMITS = {s.key: s for s in (
    HubSetting("sms_per_station_day", 300, 1, 100_000,
               QT_TRANSLATE_NOOP("dashboard", "SMS the hub sends for one station per day (more are held for the county)")),
    HubSetting("sms_per_parcel", 5, 1, 50,
               QT_TRANSLATE_NOOP("dashboard", "SMS the hub sends about one parcel (more are held for the county)")),
    HubSetting("bills_per_station_day", 200, 1, 100_000,
               QT_TRANSLATE_NOOP("dashboard", "Bill payments the hub makes for one station per day (more are held)")),
    HubSetting("bill_yuan_per_station_day", 50_000, 1, 10_000_000,
               QT_TRANSLATE_NOOP("dashboard", "Yuan of bill payments the hub makes for one station per day (more are "
                                              "held)")),
)}
for _key, _setting in LIMITS.items():
    county_settings.HUB_SETTINGS.setdefault(_key, _setting)


def ensure_table(engine: Engine) -> None:
    """The alerts' table and the county settings' (call outside any transaction)."""
    ensure_once(engine, metadata)
    ensure_office_tables(engine)


def limit(conn: Connection, key: str) -> int:
    """A county limit (its default until the county sets it), read inside the caller's
    transaction (tables made beforehand: `ensure_table`)."""
    raw = conn.execute(select(hub_settings.c.value).where(hub_settings.c.key == key)).scalar()
    return int(json.loads(raw)) if raw is not None else LIMITS[key].default


def hub_day_bounds(now: datetime) -> tuple[str, str]:
    """The hub's Shanghai day around `now`, as stored-time bounds [start, end): counts per day
    go by when the hub received a record, never by a time the station wrote."""
    local = now.astimezone(SHANGHAI)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return iso(start), iso(start + timedelta(days=1))


def raise_alert(conn: Connection, station_id: str, kind: str, subject: str, seq: int, message: str,
                params: dict[str, Any], now: str) -> None:
    """One alert for the county, inside the caller's transaction (one per kind and subject)."""
    known = conn.execute(select(hub_alerts.c.id).where(and_(hub_alerts.c.kind == kind, hub_alerts.c.subject == subject,
                                                            hub_alerts.c.station_id == station_id))).first()
    if known is None:
        conn.execute(insert(hub_alerts).values(station_id=station_id, kind=kind, subject=subject[:80], seq=seq,
                                               message=message, params=json.dumps(params, ensure_ascii=False),
                                               raised_at=now))


def settle(conn: Connection, kind_prefix: str, subject: str, outcome: str, who: str, now: str) -> int:
    """Close the open alerts about `subject` (of kinds starting with `kind_prefix`)."""
    done = conn.execute(update(hub_alerts).where(and_(hub_alerts.c.subject == subject, hub_alerts.c.settled_at.is_(None),
                                                      hub_alerts.c.kind.startswith(kind_prefix)))
                        .values(settled_at=now, settled_by=who[:80], outcome=outcome))
    return int(done.rowcount or 0)


def open_alerts(hub: Hub, station_id: str | None = None) -> list[dict[str, Any]]:
    """The alerts nobody settled yet, oldest first (one station's, or every station's)."""
    ensure_table(hub.engine)
    where: ColumnElement[bool] = hub_alerts.c.settled_at.is_(None)
    if station_id is not None:
        where = and_(where, hub_alerts.c.station_id == station_id)
    with reading(hub.engine) as conn:
        rows = conn.execute(select(hub_alerts).where(where).order_by(hub_alerts.c.id)).all()
    return [{"id": r.id, "station_id": r.station_id, "kind": r.kind, "subject": r.subject, "seq": r.seq,
             "message": r.message, "params": json.loads(r.params), "raised_at": r.raised_at} for r in rows]


def open_counts(conn: Connection) -> dict[str, int]:
    """Open alerts per station."""
    return {str(k): int(v) for k, v in conn.execute(
        select(hub_alerts.c.station_id, func.count()).where(hub_alerts.c.settled_at.is_(None))
        .group_by(hub_alerts.c.station_id)).all()}


def mark_seen(hub: Hub, alert_id: int, who: str) -> bool:
    """County staff looked at an alert that held nothing (e.g. a phone that differed)."""
    ensure_table(hub.engine)
    with writing(hub.engine) as conn:
        done = conn.execute(update(hub_alerts).where(and_(hub_alerts.c.id == alert_id, hub_alerts.c.settled_at.is_(None)))
                            .values(settled_at=hub.now(), settled_by=who[:80], outcome="seen"))
    return bool(done.rowcount)
