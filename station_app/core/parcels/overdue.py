"""Parcels left on the shelf too long: the overdue list, what is due to go back, reminder SMS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from station_app.clock import iso
from station_app.core import events, settings
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.core.parcels.lookups import get_notice
from station_app.core.parcels.moves import RETURN_REQUESTED
from station_app.core.parcels.records import _ON_SHELF_SQL, Notice, Parcel, _parcel
from station_app.core.parcels.sms import REMINDER_SMS, _insert_notice, _new_notice
from station_app.db import Store
from station_app.errors import Conflict, NotFound
from station_app.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Overdue:
    parcel: Parcel
    days: int
    return_due: bool


def overdue_parcels(db: Store) -> list[Overdue]:
    """Parcels on the shelf longer than `parcels.overdue_days`, oldest first; `return_due` past
    `parcels.return_days`."""
    now = db.clock.now()
    overdue, back = settings.get(db, "parcels.overdue_days"), settings.get(db, "parcels.return_days")
    cutoff = iso(now - timedelta(days=overdue))
    rows = db.rows(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND arrived_at <= ? ORDER BY arrived_at", (cutoff,))
    out = []
    for r in rows:
        p = _parcel(r)
        days = p.days_on_shelf(now)
        out.append(Overdue(p, days, days >= back))
    return out


def parcels_to_return(db: Store) -> list[Parcel]:
    """On the shelf and due to go back: asked for by the county, refused, wrong address, or past return_days."""
    due = {o.parcel.id: o.parcel for o in overdue_parcels(db) if o.return_due}
    for r in db.rows(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND (status = ? OR exception_kind IN ('refused', 'wrong_address'))",
                     (RETURN_REQUESTED,)):
        due.setdefault(r["id"], _parcel(r))
    return sorted(due.values(), key=lambda p: p.arrived_at)


def send_reminders(db: Store, actor: Operator, *, parcel_ids: list[str]) -> list[Notice]:
    """Queue a reminder SMS for each parcel still on the shelf that has a phone (or tail)."""
    now = db.clock.now()
    ids: list[str] = []
    with db.transaction():
        for pid in dict.fromkeys(parcel_ids):
            r = db.row("SELECT * FROM parcels WHERE id = ?", (pid,))
            if r is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "No such parcel"))
            if not r["on_shelf"]:
                raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {code} is no longer on the shelf"), code=r["pickup_code"] or r["waybill"])
            notice = _new_notice(db, "reminder", r["phone"], r["phone_tail"], REMINDER_SMS, code=r["pickup_code"],
                                 days=_parcel(r).days_on_shelf(now))
            if notice:
                events.record(db, actor.id, "parcel.reminded", pid, {"at": iso(now), "notice": notice}, appliers=APPLY)
                ids.append(notice["id"])
    return [get_notice(db, i) for i in ids]


def _reminded(db: Store, ev: Event) -> None:
    p = ev.payload
    _insert_notice(db, ev.entity_id, p["notice"], p["at"])
    db.execute("UPDATE parcels SET reminders = reminders + 1, last_reminded_at = ? WHERE id = ?", (p["at"], ev.entity_id))


APPLY = {
    "parcel.reminded": _reminded,
}
