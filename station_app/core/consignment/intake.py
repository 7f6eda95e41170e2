"""Taking in goods from a consignor: one lot per line, each with its traceability codes.

一物一码 rule: every unit of a lot counted in whole pieces (个, 盒, 瓶 ... any unit that is not a
weight) gets its own traceability code, up to `MAX_UNIT_CODES` units; a lot sold by weight
(斤, kg ...) or larger than that gets one code for the lot, printed on the lot's label and
on every receipt that sells from it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from station_app.core import events
from station_app.core.consignment.codes import parse_trace, trace_code
from station_app.core.consignment.consignors import Consignor, _person_poverty, get_consignor
from station_app.core.consignment.lots import CATEGORIES, Lot, get_lot
from station_app.core.consignment.quantities import (
    check_price,
    is_weighed,
    local_today,
    parse_day,
    percent_to_bp,
    to_milli,
)
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.db import Store
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

MAX_UNIT_CODES = 200


@dataclass(frozen=True)
class IntakeItem:
    """One line of goods a consignor brings: becomes one lot."""

    name: str
    category: str
    unit: str
    quantity: str | int  # '12.5' for weighed goods, whole numbers for counted ones
    price: int  # fen per unit
    commission_pct: str | int | None = None  # None: the consignor's default
    expiry: date | str | None = None
    photo: str = ""


@dataclass(frozen=True)
class Intake:
    id: str
    consignor: Consignor
    lots: list[Lot]
    codes: list[str]


def _clean_item(item: IntakeItem, today: str) -> dict[str, Any]:
    """One intake line checked: its name, kind, unit, quantity (milli-units), price (fen, more
    than zero), commission (basis points; None: the consignor's default), expiry and photo.
    Raises ValidationError."""
    name = " ".join((item.name or "").split())
    if not name:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Each item needs a name"))
    if len(name) > 40:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "An item name is at most 40 characters"))
    if item.category not in CATEGORIES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown kind of goods {category}"), category=item.category)
    unit = (item.unit or "").strip()
    if not unit or len(unit) > 4:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Each item needs a unit such as 斤 or 个"))
    qty = to_milli(item.quantity, unit)
    price = check_price(item.price)
    bp = None if item.commission_pct in (None, "") else percent_to_bp(item.commission_pct)
    expiry = parse_day(item.expiry, "expiry") if item.expiry else None
    if expiry and expiry < today:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{name} is already past its expiry date {date}"),
                              name=name, date=expiry)
    return {"name": name, "category": item.category, "unit": unit, "quantity_m": qty, "price": price,
            "commission_bp": bp, "expiry": expiry, "photo": (item.photo or "").strip()}


def check_intake_item(db: Store, item: IntakeItem) -> None:
    """Refuse a line as soon as it is typed, with the same checks `take_in` makes (a ¥0 price,
    a bad quantity or date...), so nothing wrong waits on the list until the save. Raises
    ValidationError."""
    _clean_item(item, local_today(db))


def take_in(db: Store, actor: Operator, *, consignor_id: str, items: Sequence[IntakeItem], note: str = "") -> Intake:
    """Receive goods from a consignor: one lot per item, each with its traceability codes (see this
    module's 一物一码 rule). Raises ValidationError for bad names, prices, quantities or dates."""
    if not items:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Add at least one item"))
    today = local_today(db)
    with db.transaction():
        consignor = get_consignor(db, consignor_id)
        station = db.row("SELECT id, id_salt FROM station")
        assert station is not None  # a consignor exists only in a station that is set up
        next_no = int(db.value("SELECT max(lot_no) FROM consign_lots", default=0)) + 1
        lots: list[dict[str, Any]] = []
        for item in items:
            line = _clean_item(item, today)
            name, unit, qty = line["name"], line["unit"], line["quantity_m"]
            bp = consignor.commission_bp if line["commission_bp"] is None else line["commission_bp"]
            per_unit = not is_weighed(unit) and qty <= MAX_UNIT_CODES * 1000
            units = range(1, qty // 1000 + 1) if per_unit else range(0, 1)
            codes = [trace_code(station["id"], station["id_salt"], next_no, u) for u in units]
            lots.append({"lot_id": new_id(), "lot_no": next_no, "name": name, "category": line["category"], "unit": unit,
                         "quantity_m": qty, "price": line["price"], "commission_bp": bp, "expiry": line["expiry"],
                         "photo": line["photo"], "per_unit": per_unit, "codes": codes})
            next_no += 1
        payload = {"consignor_id": consignor_id, "day": today, "poverty": _person_poverty(db, consignor.person_id),
                   "note": (note or "").strip()[:200], "lots": lots}
        intake_id = new_id()
        events.record(db, actor.id, "consign.intake", intake_id, payload, appliers=APPLY)
    return Intake(intake_id, get_consignor(db, consignor_id), [get_lot(db, lot["lot_id"]) for lot in lots],
                  [c for lot in lots for c in lot["codes"]])


# -- appliers ---------------------------------------------------------------------------------


def _intake(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("consign_intakes", {"id": ev.entity_id, "consignor_id": p["consignor_id"], "day": p["day"],
                                  "at": ev.station_time, "operator_id": ev.operator_id, "note": p["note"]})
    db.update("consignors", {"id": p["consignor_id"]}, {"poverty": int(p["poverty"])})
    for lot in p["lots"]:
        db.insert("consign_lots", {
            "id": lot["lot_id"], "lot_no": lot["lot_no"], "intake_id": ev.entity_id, "consignor_id": p["consignor_id"],
            "name": lot["name"], "category": lot["category"], "unit": lot["unit"], "per_unit": int(lot["per_unit"]),
            "quantity_m": lot["quantity_m"], "on_hand_m": lot["quantity_m"], "price": lot["price"],
            "commission_bp": lot["commission_bp"], "expiry": lot["expiry"], "photo": lot["photo"],
            "intake_day": p["day"], "created_at": ev.station_time, "status": "on_hand"})
        for code in lot["codes"]:
            parsed = parse_trace(code)
            assert parsed is not None
            db.insert("consign_codes", {"code": code, "lot_id": lot["lot_id"], "unit_no": parsed.unit_no, "status": "on_hand"})


APPLY = {
    "consign.intake": _intake,
}
