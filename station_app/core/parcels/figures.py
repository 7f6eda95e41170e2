"""Daily figures and delivery times, for the reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from station_app.clock import SHANGHAI, iso, parse_iso
from station_app.core import settings
from station_app.core.parcels.overdue import overdue_parcels
from station_app.core.parcels.records import _ON_SHELF_SQL
from station_app.db import Store


@dataclass(frozen=True)
class DayFigures:
    day: date
    checked_in: int
    picked_up: int
    returned: int
    exceptions: int
    became_overdue: int  # still on the shelf `parcels.overdue_days` after arriving, counted on that day
    on_shelf_now: int
    overdue_now: int
    outbound_taken: int
    outbound_farm_out_of_county: int
    outbound_fees_fen: int
    outbound_handed_to_courier: int


@dataclass(frozen=True)
class DeliveryTimes:
    arrived: int
    with_dispatch_time: int
    within_48h: int
    within_72h: int
    target_hours: int  # the county's target (setting parcels.delivery_target_hours)
    within_target: int
    median_hours: float | None
    median_wait_hours: float | None  # arrival to pickup


def day_bounds(day: date) -> tuple[str, str]:
    start = datetime.combine(day, time(0), SHANGHAI)
    return iso(start), iso(start + timedelta(days=1))


def daily_figures(db: Store, day: date) -> DayFigures:
    """Counts for one local (Shanghai) day: in, out, picked up, overdue, returned, outbound."""
    a, b = day_bounds(day)
    n = settings.get(db, "parcels.overdue_days")

    def count(sql: str, *params: Any) -> int:
        return int(db.value(sql, params, default=0))

    first, last = day_bounds(day - timedelta(days=n))
    became = 0
    for r in db.rows("SELECT arrived_at, picked_up_at, returned_at, exception_at, on_shelf FROM parcels WHERE arrived_at >= ? AND arrived_at < ?",
                     (first, last)):
        due = iso(parse_iso(r["arrived_at"]) + timedelta(days=n))
        left = r["picked_up_at"] or r["returned_at"] or (r["exception_at"] if not r["on_shelf"] else None)
        became += left is None or left >= due
    return DayFigures(
        day=day,
        checked_in=count("SELECT count(*) FROM parcels WHERE arrived_at >= ? AND arrived_at < ?", a, b),
        picked_up=count("SELECT count(*) FROM parcels WHERE picked_up_at >= ? AND picked_up_at < ?", a, b),
        returned=count("SELECT count(*) FROM parcels WHERE returned_at >= ? AND returned_at < ?", a, b),
        exceptions=count("SELECT count(*) FROM parcels WHERE exception_at >= ? AND exception_at < ?", a, b),
        became_overdue=became,
        on_shelf_now=count(f"SELECT count(*) FROM parcels WHERE {_ON_SHELF_SQL}"),
        overdue_now=len(overdue_parcels(db)),
        outbound_taken=count("SELECT count(*) FROM outbound_parcels WHERE taken_at >= ? AND taken_at < ? AND status != 'cancelled'", a, b),
        outbound_farm_out_of_county=count(
            "SELECT count(*) FROM outbound_parcels WHERE taken_at >= ? AND taken_at < ? AND status != 'cancelled' "
            "AND farm_produce = 1 AND out_of_county = 1", a, b),
        outbound_fees_fen=count("SELECT sum(fee_fen) FROM outbound_parcels WHERE taken_at >= ? AND taken_at < ? AND status != 'cancelled'", a, b),
        outbound_handed_to_courier=count("SELECT count(*) FROM outbound_parcels WHERE handed_over_at >= ? AND handed_over_at < ?", a, b),
    )


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    v = sorted(values)
    mid = len(v) // 2
    return round(v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2, 1)


def delivery_times(db: Store, first_day: date, last_day: date) -> DeliveryTimes:
    """County dispatch to arrival for parcels that arrived in the days given, against 48 h / 72 h."""
    a, _ = day_bounds(first_day)
    _, b = day_bounds(last_day)
    hours, waits = [], []
    rows = db.rows("SELECT dispatched_at, arrived_at, picked_up_at FROM parcels WHERE arrived_at >= ? AND arrived_at < ?", (a, b))
    for r in rows:
        if r["dispatched_at"]:
            hours.append((parse_iso(r["arrived_at"]) - parse_iso(r["dispatched_at"])).total_seconds() / 3600)
        if r["picked_up_at"]:
            waits.append((parse_iso(r["picked_up_at"]) - parse_iso(r["arrived_at"])).total_seconds() / 3600)
    target = settings.get(db, "parcels.delivery_target_hours")
    return DeliveryTimes(len(rows), len(hours), sum(h <= 48 for h in hours), sum(h <= 72 for h in hours), target,
                         sum(h <= target for h in hours), _median(hours), _median(waits))
