"""The cost counter: SMS sent per station and month (the hub's month, Asia/Shanghai), by gateway,
in the parts the provider bills. The county's dashboard shows it (`monthly_costs`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, insert, select, update
from sqlalchemy.exc import IntegrityError

from station_app.clock import SHANGHAI, parse_iso
from sync.hub.db import reading, stations
from sync.hub.gateway_db import ensure_gateway_tables, sms_costs
from sync.hub.store import Hub


def count_cost(conn: Connection, station_id: str, at: str, gateway: str, parts: int) -> None:
    """One more message of `parts` SMS for the station's month (the hub's month of `at`)."""
    month = _month(at)
    where = and_(sms_costs.c.station_id == station_id, sms_costs.c.month == month, sms_costs.c.gateway == gateway)
    bump = update(sms_costs).where(where).values(messages=sms_costs.c.messages + 1, parts=sms_costs.c.parts + parts)
    if not conn.execute(bump).rowcount:
        _insert_or_update(conn, insert(sms_costs).values(station_id=station_id, month=month, gateway=gateway,
                                                         messages=1, parts=parts), bump)


def monthly_costs(hub: Hub, month: str | None = None) -> list[dict[str, Any]]:
    """[{station_id, name, month, gateway, messages, parts}], newest month first."""
    ensure_gateway_tables(hub.engine)
    query = (select(sms_costs, stations.c.name).select_from(sms_costs.outerjoin(stations, stations.c.id == sms_costs.c.station_id))
             .order_by(sms_costs.c.month.desc(), stations.c.name, sms_costs.c.gateway))
    if month:
        query = query.where(sms_costs.c.month == month)
    with reading(hub.engine) as conn:
        return [{"station_id": r.station_id, "name": r.name or r.station_id, "month": r.month, "gateway": r.gateway,
                 "messages": int(r.messages), "parts": int(r.parts)} for r in conn.execute(query)]


def _insert_or_update(conn: Connection, insert_stmt: Any, update_stmt: Any) -> None:
    savepoint = conn.begin_nested()
    try:
        conn.execute(insert_stmt)
        savepoint.commit()
    except IntegrityError:  # another writer made the row first
        savepoint.rollback()
        conn.execute(update_stmt)


def _month(at: str) -> str:
    try:
        return parse_iso(at).astimezone(SHANGHAI).strftime("%Y-%m")
    except ValueError:
        return at[:7]
