"""What a label stands for: the labels to print for a lot, the story of a scanned code, and
the check at the counter that a scanned label belongs to goods on hand here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from station_app.core import labels
from station_app.core.consignment.codes import (
    label_payload,
    parse_trace,
    spaced,
    station_tag,
    verify_trace,
)
from station_app.core.consignment.consignors import get_consignor
from station_app.core.consignment.lots import CATEGORIES, Lot, codes_of, get_lot
from station_app.core.consignment.quantities import local_today, show_qty
from station_app.db import Store
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class LabelData:
    """One traceability label to print (the MoA four lines: product, producer, unit ID, link)."""

    station_name: str
    item_no: str  # lot-unit, as people read it: "123-4" (a lot label: "123")
    product: str
    category: str
    producer: str
    village: str
    quantity: str  # "1 盒" for a unit label, "12.5 斤" for a lot label
    price: int  # fen per unit
    unit: str
    intake_day: str
    expiry: str | None
    code: str
    code_spaced: str
    payload: str  # what the QR holds
    poverty: bool


def label_data(db: Store, lot_id: str, codes: Sequence[str] | None = None) -> list[LabelData]:
    """Labels for a lot: the given codes, or every code of it still on hand."""
    lot = get_lot(db, lot_id)
    consignor = get_consignor(db, lot.consignor_id)
    station = db.value("SELECT name FROM station", default="")
    out = []
    for code in (codes if codes is not None else codes_of(db, lot_id, "on_hand") or codes_of(db, lot_id)[:1]):
        unit_no = int(code[11:14])
        out.append(LabelData(station, f"{lot.lot_no}-{unit_no}" if unit_no else str(lot.lot_no), lot.name,
                             translate("consignment", CATEGORIES[lot.category]), consignor.name, consignor.village,
                             f"1 {lot.unit}" if unit_no else f"{show_qty(lot.on_hand_m or lot.quantity_m)} {lot.unit}",
                             lot.price, lot.unit, lot.intake_day, lot.expiry, code, spaced(code), label_payload(db, code),
                             consignor.poverty))
    return out


@dataclass(frozen=True)
class TraceRecord:
    """What a trace lookup shows for a code (the county hub's /t/<code> page shows the same,
    computed from the same events)."""

    code: str
    genuine: bool  # made by this station (tag and MAC check)
    product: str
    category: str
    producer: str
    village: str
    poverty: bool
    station_name: str
    intake_day: str
    expiry: str | None
    status: str  # 'on_hand', 'sold', 'retired'
    sold_day: str | None


def trace_record(db: Store, text: str) -> TraceRecord:
    """The story of a scanned or typed code. Raises ValidationError (no code) or NotFound."""
    parsed = parse_trace(text)
    if parsed is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' is not a consignment label"), text=(text or "")[:40])
    row = db.row("SELECT * FROM consign_codes WHERE code = ?", (parsed.code,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "Label {code} was never issued here"), code=parsed.code)
    station = db.row("SELECT id, id_salt, name FROM station")
    assert station is not None  # codes exist only in a station that is set up
    lot = get_lot(db, row["lot_id"])
    consignor = get_consignor(db, lot.consignor_id)
    sold = db.value("SELECT day FROM consign_sales WHERE id = ?", (row["sale_id"],)) if row["sale_id"] else None
    return TraceRecord(parsed.code, verify_trace(parsed, station["id"], station["id_salt"]), lot.name,
                       translate("consignment", CATEGORIES[lot.category]), consignor.name, consignor.village,
                       consignor.poverty, station["name"], lot.intake_day, lot.expiry, row["status"], sold)


# -- finding goods by label -------------------------------------------------------------------


@dataclass(frozen=True)
class LabelCheck:
    """A scanned label that belongs to goods on hand here."""

    code: str
    lot: Lot
    unit_no: int


def check_label(db: Store, text: str, *, allow_expired: bool = False) -> LabelCheck:
    """The goods a scanned label stands for, refusing labels that are not ours, forged, sold,
    handed back or expired. Raises ValidationError, Conflict or NotFound."""
    parsed = parse_trace(text)
    if parsed is None:
        if labels.looks_like_label(text or "") and labels.parse_label(text).kind != labels.TRACE:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "This is a {kind}, not a consignment label"),
                                  kind=translate("labels", labels.KIND_NAMES[labels.parse_label(text).kind]))
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' is not a consignment label"), text=(text or "")[:40])
    station = db.row("SELECT id, id_salt FROM station")
    assert station is not None  # goods are taken in only in a station that is set up
    if parsed.tag != station_tag(station["id"]):
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Label {code} is from another station"), code=parsed.code)
    row = db.row("SELECT * FROM consign_codes WHERE code = ?", (parsed.code,))
    if not verify_trace(parsed, station["id"], station["id_salt"]) or row is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Label {code} is forged or damaged: it was never issued here"),
                              code=parsed.code)
    lot = get_lot(db, row["lot_id"])
    if row["status"] == "retired" or (lot.on_hand_m == 0 and lot.status == "returned"):
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Label {code} was handed back to its consignor"), code=parsed.code)
    if row["status"] == "sold" or lot.on_hand_m == 0:
        sale = db.row("SELECT number, day FROM consign_sales WHERE id = ?", (row["sale_id"],)) if row["sale_id"] else None
        if sale:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Label {code} was already sold (receipt {number}, {day}): a reused label"),
                           code=parsed.code, number=sale["number"], day=sale["day"])
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Label {code} is sold out"), code=parsed.code)
    if not allow_expired:
        _not_expired(db, lot)
    return LabelCheck(parsed.code, lot, row["unit_no"])


def _not_expired(db: Store, lot: Lot) -> None:
    if lot.expiry and lot.expiry < local_today(db):
        raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} (lot {lot}) expired on {date} and may not be sold"),
                       name=lot.name, lot=lot.lot_no, date=lot.expiry)
