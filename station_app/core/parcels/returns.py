"""Returns to the carrier (退件), problem parcels (damaged, lost, ...), and putting a parcel
found during a stock-take back on the shelf.
"""

from __future__ import annotations

from typing import Any

from station_app.clock import iso
from station_app.core import events, shelves
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.core.parcels.lookups import get_parcel
from station_app.core.parcels.moves import (
    ARRIVED,
    EXCEPTION,
    EXCEPTION_KINDS,
    NOTIFIED,
    RETURN_REASONS,
    RETURNED,
    require_move,
)
from station_app.core.parcels.records import Parcel
from station_app.core.parcels.sms import NEW_CODE_SMS, _insert_notice, _new_notice
from station_app.db import Store
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP


def return_parcel(db: Store, actor: Operator, *, parcel_id: str, reason: str, note: str = "") -> Parcel:
    """Send a parcel back to its carrier (退件). Raises ValidationError, NotFound, Conflict."""
    if reason not in RETURN_REASONS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown return reason {reason}"), reason=reason)
    with db.transaction():
        require_move(db, parcel_id, "return")
        events.record(db, actor.id, "parcel.returned", parcel_id, {"reason": reason, "note": note.strip()[:200], "at": iso(db.clock.now())}, appliers=APPLY)
    return get_parcel(db, parcel_id)


def record_exception(db: Store, actor: Operator, *, parcel_id: str, kind: str, note: str = "", photo_path: str | None = None) -> Parcel:
    """Mark a problem parcel (damaged, lost, wrong address, refused), with an optional photo file."""
    if kind not in EXCEPTION_KINDS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown kind of problem {kind}"), kind=kind)
    with db.transaction():
        require_move(db, parcel_id, "exception")
        events.record(db, actor.id, "parcel.exception", parcel_id,
                      {"kind": kind, "note": note.strip()[:500], "photo_path": photo_path or None, "at": iso(db.clock.now())}, appliers=APPLY)
    return get_parcel(db, parcel_id)


def reshelve_plan(db: Store, parcel_id: str) -> dict[str, Any]:
    """Where a parcel found during a stock-take goes back: its old slot and code when free,
    else a new slot and code (and an SMS with the new code). Inside a transaction."""
    r = require_move(db, parcel_id, "reshelve")
    old = next((u for u in shelves.usage(db) if (u.layer.shelf, u.layer.layer) == (r["shelf"], r["layer"])), None)
    layer = old.layer if old and old.free > 0 else shelves.choose_slot(db, r["size"])
    serial = shelves.choose_serial(db, layer.shelf, r["waybill"], keep=r["serial"] if layer.shelf == r["shelf"] else None)
    code = shelves.pickup_code(layer.shelf, layer.layer, serial)
    notice = None if code == r["pickup_code"] else _new_notice(db, "new_code", r["phone"], r["phone_tail"], NEW_CODE_SMS, code=code)
    return {"shelf": layer.shelf, "layer": layer.layer, "serial": serial, "pickup_code": code,
            "status": NOTIFIED if (notice or r["notified_at"]) else ARRIVED, "notice": notice}


def _returned(db: Store, ev: Event) -> None:
    p = ev.payload
    db.update("parcels", {"id": ev.entity_id}, {"status": RETURNED, "on_shelf": 0, "returned_at": p["at"],
                                                "return_reason": p["reason"], "return_note": p["note"],
                                                "closed_by": ev.operator_id})


def apply_exception(db: Store, parcel_id: str, *, kind: str, note: str, photo_path: str | None, at: str, operator_id: str) -> None:
    values: dict[str, Any] = {"status": EXCEPTION, "exception_kind": kind, "exception_note": note, "exception_at": at}
    if photo_path:
        values["photo_path"] = photo_path
    if kind == "lost":
        values.update(on_shelf=0, closed_by=operator_id)
    db.update("parcels", {"id": parcel_id}, values)


def _exception(db: Store, ev: Event) -> None:
    p = ev.payload
    apply_exception(db, ev.entity_id, kind=p["kind"], note=p["note"], photo_path=p["photo_path"], at=p["at"], operator_id=ev.operator_id)


def apply_reshelve(db: Store, parcel_id: str, plan: dict[str, Any], *, at: str) -> None:
    db.update("parcels", {"id": parcel_id}, {
        "shelf": plan["shelf"], "layer": plan["layer"], "serial": plan["serial"], "pickup_code": plan["pickup_code"],
        "status": plan["status"], "on_shelf": 1, "picked_up_at": None, "returned_at": None, "collector": None,
        "proxy_name": None, "verified_by": None, "exception_kind": None, "exception_at": None, "closed_by": None,
    })
    if plan["notice"]:
        _insert_notice(db, parcel_id, plan["notice"], at)
        db.update("parcels", {"id": parcel_id}, {"notified_at": at})


APPLY = {
    "parcel.returned": _returned,
    "parcel.exception": _exception,
}
