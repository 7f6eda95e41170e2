"""County (hub) events: the manifest of parcels on their way, return requests, flags and SMS
delivery reports. Tolerant of missing fields, since a refused hub event would stall sync.
"""

from __future__ import annotations

from station_app.core.events import Event
from station_app.core.parcels.moves import RETURN_REQUESTED, WARNINGS, county_may
from station_app.core.parcels.waybills import _plain
from station_app.db import Store
from station_app.db.store import Row


def _latest(db: Store, waybill: str) -> Row | None:
    return db.row("SELECT * FROM parcels WHERE waybill = ? ORDER BY arrived_at DESC LIMIT 1", (waybill,))


def _county_expected(db: Store, ev: Event) -> None:
    p = ev.payload
    waybill = _plain(p.get("waybill"))
    phone = p.get("phone") or None
    tail = (phone[-4:] if phone else None) or p.get("phone_tail") or None
    parcel = _latest(db, waybill)
    db.execute(
        """INSERT INTO parcels_expected (waybill, hub_ref, carrier, recipient_name, phone, phone_tail, dispatched_at, received_at, parcel_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(waybill) DO UPDATE SET hub_ref = excluded.hub_ref,
           carrier = excluded.carrier, recipient_name = excluded.recipient_name, phone = excluded.phone,
           phone_tail = excluded.phone_tail, dispatched_at = excluded.dispatched_at""",
        (waybill, ev.entity_id, _plain(p.get("carrier")), p.get("recipient_name") or p.get("name") or "", phone, tail,
         p.get("dispatched_at"), ev.station_time, parcel["id"] if parcel else None))
    if parcel and not parcel["dispatched_at"]:  # the manifest came after the parcel: keep its dispatch time
        db.update("parcels", {"id": parcel["id"]}, {"dispatched_at": p.get("dispatched_at"), "expected": 1})


def _county_return_requested(db: Store, ev: Event) -> None:
    p = ev.payload
    waybill = _plain(p.get("waybill"))
    parcel = _latest(db, waybill)
    if parcel is None:
        db.execute("INSERT INTO parcels_expected (waybill, hub_ref, received_at) VALUES (?, ?, ?) ON CONFLICT(waybill) DO NOTHING",
                   (waybill, ev.entity_id, ev.station_time))
        db.execute("UPDATE parcels_expected SET return_requested = 1, return_reason = ? WHERE waybill = ?", (p.get("reason") or "", waybill))
    elif county_may("county_return", parcel["status"]):
        db.update("parcels", {"id": parcel["id"]}, {"status": RETURN_REQUESTED, "return_reason": "county_requested",
                                                    "return_note": p.get("reason") or ""})
    elif parcel["status"] != RETURN_REQUESTED:
        db.update("parcels", {"id": parcel["id"]}, {"warning": "late_return_request", "warning_detail": p.get("reason") or ""})


def _county_flagged(db: Store, ev: Event) -> None:
    p = ev.payload
    parcel = _latest(db, _plain(p.get("waybill")))
    if parcel:
        code = None if p.get("cleared") else (p.get("code") if p.get("code") in WARNINGS else "hub")
        db.update("parcels", {"id": parcel["id"]}, {"warning": code, "warning_detail": None if code is None else p.get("reason") or ""})


def _county_notice_status(db: Store, ev: Event) -> None:
    p = ev.payload
    if p.get("status") in ("sent", "failed"):
        db.execute("UPDATE parcel_notices SET status = ?, sent_at = ?, detail = ? WHERE id = ? AND sent_by IS NULL",
                   (p["status"], p.get("at"), p.get("detail") or "", p.get("notice_id")))


APPLY = {
    "county.parcel_expected": _county_expected,
    "county.parcel_return_requested": _county_return_requested,
    "county.parcel_flagged": _county_flagged,
    "county.notice_status": _county_notice_status,
}
