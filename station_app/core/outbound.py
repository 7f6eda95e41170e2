"""Parcels out (代发): take a villager's parcel, charge the county fee, hand the day's batch
to the courier with a scan-checked list.

Fees come from the county fee table (hub event `county.fee_table`), or `DEFAULT_FEES` until
the county sends one. Cash goes into the drawer (drawer + / income:parcels -); a QR payment
is recorded against the `qr` account (money at the payment provider, not in the drawer).
Farm produce sent out of the county is subsidised per parcel with the e-waybill as evidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from station_app.clock import iso, local_day, show
from station_app.core import cash, events, evidence_files, villages
from station_app.core.carriers import CARRIERS
from station_app.core.events import Event
from station_app.core.identity import mask_phone
from station_app.core.money import format_fen
from station_app.core.operators import Operator, check_name
from station_app.core.parcels import (
    carrier_name,
    check_carrier,
    check_phone_field,
    check_waybill,
    day_bounds,
    guess_carriers,
)
from station_app.core.people import get_person
from station_app.core.station import get_station
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from station_app.ids import new_id

INCOME, QR = "income:parcels", cash.QR_CLEARING
CASH_PAYMENT, QR_PAYMENT = "cash", "qr"
PAYMENTS = {CASH_PAYMENT: QT_TRANSLATE_NOOP("outbound", "Cash"), QR_PAYMENT: QT_TRANSLATE_NOOP("outbound", "QR code payment")}
COUNTY_PAYMENT = "county"  # a county online-shop parcel: the platform pays the postage, no money at the counter
IN_COUNTY, OUT_OF_COUNTY, ANY_ZONE = "in", "out", "any"
FARM_CATEGORIES: dict[str, str] = {
    "fruit": QT_TRANSLATE_NOOP("outbound", "Fruit"),
    "vegetables": QT_TRANSLATE_NOOP("outbound", "Vegetables"),
    "grain_oil": QT_TRANSLATE_NOOP("outbound", "Grain and oil"),
    "meat_eggs": QT_TRANSLATE_NOOP("outbound", "Meat and eggs"),
    "aquatic": QT_TRANSLATE_NOOP("outbound", "Fish and aquatic products"),
    "tea": QT_TRANSLATE_NOOP("outbound", "Tea"),
    "mountain": QT_TRANSLATE_NOOP("outbound", "Dried and mountain produce"),
    "other_farm": QT_TRANSLATE_NOOP("outbound", "Other farm produce"),
}
MAX_WEIGHT_G = 50_000
TAKEN, HANDED_OVER, CANCELLED = "taken", "handed_over", "cancelled"


@dataclass(frozen=True)
class FeeRule:
    """A carrier's fee for one zone: `first_fen` up to `first_g`, then `extra_fen` per started `extra_g`."""

    carrier: str
    zone: str
    first_g: int
    first_fen: int
    extra_g: int
    extra_fen: int

    def fee(self, weight_g: int) -> int:
        if weight_g <= self.first_g:
            return self.first_fen
        return self.first_fen + math.ceil((weight_g - self.first_g) / self.extra_g) * self.extra_fen


def _rules(carrier: str, in_first: int, in_extra: int, out_first: int, out_extra: int) -> list[FeeRule]:
    return [FeeRule(carrier, IN_COUNTY, 1000, in_first, 1000, in_extra), FeeRule(carrier, OUT_OF_COUNTY, 1000, out_first, 1000, out_extra)]


# used until the county sends its table: typical rural counter prices, in fen
DEFAULT_FEES: tuple[FeeRule, ...] = tuple(
    r for c, *f in (("ZTO", 500, 100, 800, 200), ("YTO", 500, 100, 800, 200), ("STO", 500, 100, 800, 200),
                    ("YUNDA", 500, 100, 800, 200), ("JT", 500, 100, 800, 200), ("POST", 600, 100, 900, 300),
                    ("SF", 1200, 200, 1800, 500), ("JD", 1000, 200, 1500, 400), ("BEST", 500, 100, 800, 200),
                    ("YUNEXPRESS", 1000, 200, 1500, 400), ("DHL", 1000, 200, 1500, 400),
                    ("DEPPON", 800, 200, 1200, 300))
    for r in _rules(c, *f))


@dataclass(frozen=True)
class Quote:
    carrier: str
    zone: str
    weight_g: int
    fee_fen: int
    from_county: bool  # False: the built-in default table


@dataclass(frozen=True)
class OutboundParcel:
    id: str
    receipt_no: str
    ewaybill: str
    carrier: str
    sender_id: str | None  # None: the station itself sends (a county online-shop order)
    sender_name: str
    sender_phone: str | None
    recipient_name: str
    recipient_phone: str
    recipient_address: str
    contents: str
    farm_produce: bool
    farm_category: str | None
    out_of_county: bool
    weight_g: int
    fee_fen: int
    payment: str
    status: str
    batch_id: str | None
    taken_at: str
    handed_over_at: str | None
    destination_code: str | None = None  # GB/T 2260, 6 digits (core.villages); None before issue 21
    goods_value_fen: int = 0  # what the goods are worth (the national 网络零售额 figures)
    sender_org_code: str | None = None  # a cooperative or company sending: its 统一社会信用代码
    sender_org_name: str | None = None

    @property
    def carrier_name(self) -> str:
        return carrier_name(self.carrier)

    @property
    def recipient_phone_masked(self) -> str:
        return mask_phone(self.recipient_phone)

    @property
    def sender_phone_masked(self) -> str:
        return mask_phone(self.sender_phone)

    @property
    def subsidy_eligible(self) -> bool:
        """Farm produce going out of the county, with its e-waybill: the county pays per parcel."""
        return self.farm_produce and self.out_of_county and self.status != CANCELLED

    @property
    def fee_text(self) -> str:
        return format_fen(self.fee_fen)


@dataclass(frozen=True)
class OutboundReceipt:
    """What the printer needs for the sender's receipt."""

    parcel: OutboundParcel
    station_name: str
    operator_name: str
    fee_table_from_county: bool
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Batch:
    id: str
    carrier: str
    status: str
    opened_at: str
    closed_at: str | None
    courier_name: str | None
    sheet_no: str | None
    scanned: int


@dataclass(frozen=True)
class BatchScan:
    parcel: OutboundParcel
    scanned: int
    still_to_scan: int
    duplicate: bool = False


@dataclass(frozen=True)
class BatchCheck:
    batch: Batch
    scanned: list[OutboundParcel]
    not_scanned: list[OutboundParcel]  # this carrier's parcels waiting to go that were not scanned


@dataclass(frozen=True)
class HandOverSheet:
    """The courier hand-over list (交接单) to print and have signed."""

    batch: Batch
    station_name: str
    operator_name: str
    lines: list[OutboundParcel]
    left_behind: list[OutboundParcel]

    @property
    def total_weight_g(self) -> int:
        return sum(p.weight_g for p in self.lines)

    @property
    def farm_count(self) -> int:
        return sum(p.farm_produce for p in self.lines)


def _outbound(r: Row) -> OutboundParcel:
    return OutboundParcel(
        r["id"], r["receipt_no"], r["ewaybill"], r["carrier"], r["sender_id"], r["sender_name"], r["sender_phone"],
        r["recipient_name"], r["recipient_phone"], r["recipient_address"], r["contents"], bool(r["farm_produce"]),
        r["farm_category"], bool(r["out_of_county"]), r["weight_g"], r["fee_fen"], r["payment"], r["status"],
        r["batch_id"], r["taken_at"], r["handed_over_at"], r["destination_code"], r["goods_value_fen"],
        r["sender_org_code"], r["sender_org_name"])


def _batch(db: Store, r: Row) -> Batch:
    n = db.value("SELECT count(*) FROM batch_items WHERE batch_id = ?", (r["id"],), default=0)
    return Batch(r["id"], r["carrier"], r["status"], r["opened_at"], r["closed_at"], r["courier_name"], r["sheet_no"], n)


def get_outbound(db: Store, outbound_id: str) -> OutboundParcel:
    r = db.row("SELECT * FROM outbound_parcels WHERE id = ?", (outbound_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such outgoing parcel"))
    return _outbound(r)


# -- fees ---------------------------------------------------------------------------------------


def fee_rules(db: Store) -> tuple[list[FeeRule], bool]:
    """The fee table in force and whether it came from the county."""
    rows = db.rows("SELECT * FROM county_fees ORDER BY carrier, zone")
    if not rows:
        return list(DEFAULT_FEES), False
    return [FeeRule(r["carrier"], r["zone"], r["first_g"], r["first_fen"], r["extra_g"], r["extra_fen"]) for r in rows], True


_WEIGHT = re.compile(r"^(\d+(?:\.\d+)?)\s*(kg|g|公斤|千克|克|斤|jin|j)?$")
_GRAMS_PER = {"kg": 1000, "公斤": 1000, "千克": 1000, "g": 1, "克": 1, "斤": 500, "jin": 500, "j": 500}
#: a bare whole number below this is kilograms, from it up to MAX_WEIGHT_G/1000 it could be
#: either (a 25 kg sack of rice, a 25 g letter), above that it can only be grams
KG_BELOW, EITHER_UP_TO = 20, MAX_WEIGHT_G // 1000


def read_weight(text: str) -> int:
    """Grams from what the operator typed: "2.5" or "2.5kg" (kg), "800" or "800g" (grams),
    "3斤" or "3j" (jin, 500 g). A bare whole number below 20 is kilograms, above 50 grams; from
    20 to 50 it could be either, so the operator says which. Raises ValidationError."""
    t = "".join((text or "").split()).lower()
    if not t:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Type the weight, e.g. 2.5 (kg) or 800 (g)"))
    m = _WEIGHT.match(t)
    if not m:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Weight '{text}' cannot be read: type e.g. 2.5 (kg), 800 (g) or 6j (jin)"),
                              text=text.strip())
    number, unit = m.group(1), m.group(2)
    value = float(number)
    if unit is None:
        if "." in number or value < KG_BELOW:
            unit = "kg"
        elif value <= EITHER_UP_TO:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{n}: kilograms or grams? Type {n}kg or {n}g"), n=number)
        else:
            unit = "g"
    return check_weight(round(value * _GRAMS_PER[unit]))


def show_weight(grams: int) -> str:
    """A weight as the operator checks it before saving: "0.12 kg · 120 g"."""
    return f"{grams / 1000:g} kg · {grams} g"


def check_weight(weight_g: int) -> int:
    if isinstance(weight_g, bool) or not isinstance(weight_g, int) or not 1 <= weight_g <= MAX_WEIGHT_G:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Weight must be between 1 g and {max} kg"), max=MAX_WEIGHT_G // 1000)
    return weight_g


def quote_fee(db: Store, *, carrier: str, weight_g: int, out_of_county: bool) -> Quote:
    """The fee for a parcel. Raises ValidationError (weight, carrier) or NotFound (no fee for the carrier)."""
    carrier = check_carrier(carrier)
    if not carrier:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose the carrier"))
    weight_g = check_weight(weight_g)
    zone = OUT_OF_COUNTY if out_of_county else IN_COUNTY
    rules, from_county = fee_rules(db)
    rule = next((r for r in rules if r.carrier == carrier and r.zone == zone), None) or \
        next((r for r in rules if r.carrier == carrier and r.zone == ANY_ZONE), None)
    if rule is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "The county fee table has no fee for {carrier}"), carrier=carrier_name(carrier))
    return Quote(carrier, zone, weight_g, rule.fee(weight_g), from_county)


# -- taking a parcel -----------------------------------------------------------------------------


def _text(value: str, limit: int, message: str) -> str:
    t = " ".join((value or "").split())
    if not t:
        raise ValidationError(message)
    return t[:limit]


def _next_number(db: Store, table: str, column: str, prefix: str) -> str:
    n = db.value(f"SELECT count(*) FROM {table} WHERE {column} >= ? AND {column} < ?", (prefix, prefix + "~"), default=0)
    return f"{prefix}{n + 1:03d}"


def _parcel(db: Store, *, recipient_name: str, recipient_phone: str, recipient_address: str, contents: str,
            ewaybill: str, farm_produce: bool, farm_category: str | None) -> dict[str, Any]:
    """The checked fields every outgoing parcel has, whoever sends it. Raises ValidationError or
    Conflict (the e-waybill is on another parcel); call inside the action's transaction."""
    name = check_name(recipient_name)
    phone = check_phone_field(recipient_phone)
    if phone is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The recipient's phone number is required"))
    address = _text(recipient_address, 200, QT_TRANSLATE_NOOP("errors", "The recipient's address is required"))
    what = _text(contents, 100, QT_TRANSLATE_NOOP("errors", "Say what is in the parcel"))
    waybill = check_waybill(ewaybill)
    if farm_produce and farm_category not in FARM_CATEGORIES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose the kind of farm produce"))
    used = db.row("SELECT receipt_no FROM outbound_parcels WHERE ewaybill = ? AND status != ?", (waybill, CANCELLED))
    if used:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "E-waybill {waybill} is already used (receipt {receipt})"),
                       waybill=waybill, receipt=used["receipt_no"])
    now = db.clock.now()
    return {"receipt_no": _next_number(db, "outbound_parcels", "receipt_no", f"F{local_day(now):%Y%m%d}-"),
            "ewaybill": waybill, "recipient_name": name, "recipient_phone": phone, "recipient_address": address,
            "contents": what, "farm_produce": bool(farm_produce), "farm_category": farm_category if farm_produce else None,
            "at": iso(now)}


def _sender(db: Store, sender_id: str | None, name: str | None, phone: str | None) -> tuple[str | None, str, str | None]:
    """(id, name, phone) of who sends: a registered villager, or a walk-in by name and phone."""
    if sender_id:
        person = get_person(db, sender_id)
        return person.id, person.name, person.phone
    if not (name or "").strip() and not (phone or "").strip():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Who sends it? Choose a registered villager, or type the "
                                                          "sender's name and phone"))
    walk_in_name = check_name(name or "")
    walk_in_phone = check_phone_field(phone)
    if walk_in_phone is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The sender's phone number is required"))
    return None, walk_in_name, walk_in_phone


def take_outbound_parcel(db: Store, actor: Operator, *, sender_id: str | None = None, sender_name: str | None = None,
                         sender_phone: str | None = None, recipient_name: str, recipient_phone: str,
                         recipient_address: str, contents: str, weight_g: int, carrier: str, ewaybill: str,
                         out_of_county: bool = True, farm_produce: bool = False, farm_category: str | None = None,
                         payment: str = CASH_PAYMENT, destination_code: str | None = None, goods_value_fen: int = 0,
                         sender_org_code: str | None = None, sender_org_name: str | None = None,
                         ewaybill_photo: str | Path | None = None) -> OutboundReceipt:
    """Take a villager's parcel to send, charge the county fee (cash into the drawer, or a QR
    payment), and return the receipt. The sender is a registered villager (`sender_id`) or a
    walk-in who gives `sender_name` and `sender_phone` (nobody must register to send a parcel);
    a cooperative sending gives its 统一社会信用代码 and name as well (the subsidy's entity).

    `destination_code` (GB/T 2260, `core.villages`) decides whether the parcel leaves the
    county when the county's own code is known: a destination inside it is in-county whatever
    `out_of_county` says. `ewaybill_photo` (webcam frame or image file) is kept as the subsidy's
    evidence, recorded with the parcel in the same transaction.
    Raises ValidationError, NotFound (sender, fee, photo file), Conflict (e-waybill already used)."""
    sender_key, sender_full_name, sender_tel = _sender(db, sender_id, sender_name, sender_phone)
    if payment not in PAYMENTS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown way of paying {payment}"), payment=payment)
    destination = villages.check_division_code(db, destination_code or "") if (destination_code or "").strip() else None
    inside = villages.inside_county(db, destination)
    if inside is not None:
        out_of_county = not inside
    value = _goods_value(goods_value_fen)
    org_code, org_name = _sender_org(sender_org_code, sender_org_name)
    quote = quote_fee(db, carrier=carrier, weight_g=weight_g, out_of_county=out_of_county)
    outbound_id = new_id()
    kept = evidence_files.keep(db, ewaybill_photo, folder=f"outbound/{outbound_id}", name="ewaybill") \
        if ewaybill_photo else None
    try:
        with db.transaction():
            parcel = _parcel(db, recipient_name=recipient_name, recipient_phone=recipient_phone,
                             recipient_address=recipient_address, contents=contents, ewaybill=ewaybill,
                             farm_produce=farm_produce, farm_category=farm_category)
            cash.ensure_open(db, actor)
            events.record(db, actor.id, "outbound.taken", outbound_id, {
                **parcel, "carrier": quote.carrier, "sender_id": sender_key, "sender_name": sender_full_name,
                "sender_phone": sender_tel, "out_of_county": bool(out_of_county), "weight_g": quote.weight_g,
                "fee_fen": quote.fee_fen, "fee_table_from_county": quote.from_county, "payment": payment,
                "destination_code": destination, "goods_value_fen": value, "sender_org_code": org_code,
                "sender_org_name": org_name}, appliers=APPLY)
            if kept is not None:
                events.record(db, actor.id, "outbound.photo_added", new_id(),
                              {"outbound_id": outbound_id, **kept.payload()}, appliers=APPLY)
    except BaseException:
        if kept is not None:
            kept.target.unlink(missing_ok=True)
        raise
    guesses = guess_carriers(parcel["ewaybill"])
    warnings = () if not guesses or quote.carrier in guesses else (
        translate("outbound", NOT_THIS_CARRIER).format(carrier=carrier_name(quote.carrier)),)
    station = get_station(db)
    return OutboundReceipt(get_outbound(db, outbound_id), station.name if station else "", actor.name, quote.from_county, warnings)


def record_platform_parcel(db: Store, actor: Operator, *, recipient_name: str, recipient_phone: str,
                           recipient_address: str, contents: str, weight_g: int, carrier: str, ewaybill: str,
                           out_of_county: bool = True, farm_produce: bool = False,
                           farm_category: str | None = None) -> str:
    """Record a parcel the station itself sends for the county online shop, inside the caller's
    transaction: the county platform pays the postage (no money at the counter), and it joins
    the carrier's next courier batch like any other. Returns the new parcel's id."""
    carrier = check_carrier((carrier or "").upper())
    if not carrier:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose the carrier"))
    parcel = _parcel(db, recipient_name=recipient_name, recipient_phone=recipient_phone,
                     recipient_address=recipient_address, contents=contents, ewaybill=ewaybill,
                     farm_produce=farm_produce, farm_category=farm_category)
    station = db.row("SELECT name, phone FROM station")
    assert station is not None  # the county sends orders only to a station that is set up
    outbound_id = new_id()
    events.record(db, actor.id, "outbound.taken", outbound_id, {
        **parcel, "carrier": carrier, "sender_id": None, "sender_name": station["name"],
        "sender_phone": station["phone"] or None, "out_of_county": bool(out_of_county),
        "weight_g": check_weight(weight_g), "fee_fen": 0, "fee_table_from_county": False, "payment": COUNTY_PAYMENT}, appliers=APPLY)
    return outbound_id


_ORG_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
MAX_GOODS_VALUE_FEN = 100_000_000  # ¥1,000,000: nothing a village counter sends is worth more


def _goods_value(fen: int) -> int:
    if isinstance(fen, bool) or not isinstance(fen, int) or not 0 <= fen <= MAX_GOODS_VALUE_FEN:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The goods' value must be between ¥0 and ¥1,000,000"))
    return fen


def _sender_org(code: str | None, name: str | None) -> tuple[str | None, str | None]:
    """A cooperative's 统一社会信用代码 (18 characters) and name, or (None, None)."""
    code = "".join((code or "").split()).upper()
    if not code:
        return None, None
    if not _ORG_CODE.match(code):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{code}' is not a unified social credit code (18 "
                                                          "characters)"), code=code)
    org = " ".join((name or "").split())[:60]
    if not org:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Give the cooperative's name with its code"))
    return code, org


@dataclass(frozen=True)
class EwaybillPhoto:
    id: str
    outbound_id: str
    file: str
    sha256: str
    added_at: str


def add_ewaybill_photo(db: Store, actor: Operator, outbound_id: str, *, source: str | Path) -> EwaybillPhoto:
    """Keep a photo of the parcel's e-waybill (webcam frame or image file) as the subsidy's
    evidence, for a parcel taken without one. Raises NotFound (parcel, file), ValidationError
    (not a photo, too large)."""
    get_outbound(db, outbound_id)
    photo_id = new_id()
    kept = evidence_files.keep(db, source, folder=f"outbound/{outbound_id}", name=photo_id)
    try:
        with db.transaction():
            get_outbound(db, outbound_id)
            events.record(db, actor.id, "outbound.photo_added", photo_id, {"outbound_id": outbound_id,
                                                                            **kept.payload()}, appliers=APPLY)
    except BaseException:
        kept.target.unlink(missing_ok=True)
        raise
    return ewaybill_photos(db, outbound_id)[-1]


def ewaybill_photos(db: Store, outbound_id: str) -> list[EwaybillPhoto]:
    return [EwaybillPhoto(r["id"], r["outbound_id"], r["file"], r["sha256"], r["added_at"]) for r in db.rows(
        "SELECT * FROM outbound_photos WHERE outbound_id = ? ORDER BY seq", (outbound_id,))]


NOT_THIS_CARRIER = QT_TRANSLATE_NOOP("outbound", "The e-waybill number does not look like one of {carrier}: check the carrier")


def cancel_outbound_parcel(db: Store, actor: Operator, *, outbound_id: str, reason: str) -> OutboundParcel:
    """Cancel a parcel before the courier takes it and give the fee back. Raises NotFound,
    ValidationError (no reason), Conflict (already handed over or cancelled, not enough cash)."""
    why = _text(reason, 200, QT_TRANSLATE_NOOP("errors", "Say why the parcel is cancelled"))
    with db.transaction():
        p = get_outbound(db, outbound_id)
        if p.status != TAKEN:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {waybill} was already handed over or cancelled"), waybill=p.ewaybill)
        cash.ensure_open(db, actor)
        if p.payment == CASH_PAYMENT:
            cash.require_cash(db, p.fee_fen)
        events.record(db, actor.id, "outbound.cancelled", outbound_id, {"reason": why, "at": iso(db.clock.now())}, appliers=APPLY)
    return get_outbound(db, outbound_id)


def waiting_for_courier(db: Store, carrier: str | None = None) -> list[OutboundParcel]:
    """Parcels taken and not yet handed to a courier (one carrier, or all)."""
    sql, params = "SELECT * FROM outbound_parcels WHERE status = ?", [TAKEN]
    if carrier:
        sql, params = sql + " AND carrier = ?", [*params, carrier]
    return [_outbound(r) for r in db.rows(sql + " ORDER BY taken_at", params)]


def farm_subsidy_parcels(db: Store, first_day: date, last_day: date) -> list[OutboundParcel]:
    """Farm-produce parcels sent out of the county in the days given (the subsidy claim rows)."""
    a, _ = day_bounds(first_day)
    _, b = day_bounds(last_day)
    return [_outbound(r) for r in db.rows(
        "SELECT * FROM outbound_parcels WHERE taken_at >= ? AND taken_at < ? AND farm_produce = 1 AND out_of_county = 1 "
        "AND status != ? ORDER BY taken_at", (a, b, CANCELLED))]


# -- courier hand-over batches ----------------------------------------------------------------------


def last_courier_name(db: Store, carrier: str) -> str:
    """The courier who last took this carrier's batch (the same person comes most days), or ""."""
    # last by the event order: never by a PC clock that may be wrong
    return db.value("SELECT b.courier_name FROM courier_batches b JOIN events e ON e.entity_id = b.id "
                    "AND e.kind = 'outbound.batch_closed' WHERE b.carrier = ? ORDER BY e.seq DESC LIMIT 1",
                    (carrier,), default="") or ""


def open_batches(db: Store) -> list[Batch]:
    return [_batch(db, r) for r in db.rows("SELECT * FROM courier_batches WHERE status = 'open' ORDER BY opened_at")]


def get_batch(db: Store, batch_id: str) -> Batch:
    r = db.row("SELECT * FROM courier_batches WHERE id = ?", (batch_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such hand-over batch"))
    return _batch(db, r)


def open_batch(db: Store, actor: Operator, *, carrier: str) -> Batch:
    """Start (or continue: one open batch per carrier) the hand-over of a carrier's parcels."""
    code = check_carrier(carrier)
    if not code:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose the carrier"))
    with db.transaction():
        r = db.row("SELECT * FROM courier_batches WHERE status = 'open' AND carrier = ?", (code,))
        if r:
            return _batch(db, r)
        batch_id = new_id()
        events.record(db, actor.id, "outbound.batch_opened", batch_id, {"carrier": code, "at": iso(db.clock.now())}, appliers=APPLY)
    return get_batch(db, batch_id)


def _open_batch_row(db: Store, batch_id: str) -> Row:
    r = db.row("SELECT * FROM courier_batches WHERE id = ?", (batch_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such hand-over batch"))
    if r["status"] != "open":
        raise Conflict(QT_TRANSLATE_NOOP("errors", "This hand-over batch is already closed"))
    return r


def scan_into_batch(db: Store, actor: Operator, *, batch_id: str, code: str) -> BatchScan:
    """Scan one outgoing parcel (e-waybill or receipt number) into the batch. A repeated scan is
    ignored. Raises NotFound (unknown), Conflict (wrong carrier, handed over, cancelled)."""
    text = "".join((code or "").split()).upper()
    with db.transaction():
        batch = _open_batch_row(db, batch_id)
        r = db.row("SELECT * FROM outbound_parcels WHERE receipt_no = ?", (text,))
        if r is None:
            waybill = check_waybill(text)
            r = db.row("SELECT * FROM outbound_parcels WHERE ewaybill = ? ORDER BY status = 'cancelled', taken_at DESC LIMIT 1", (waybill,))
        if r is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No parcel to send has e-waybill {code}"), code=text)
        p = _outbound(r)
        if p.status == CANCELLED:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {waybill} was cancelled: do not give it to the courier"), waybill=p.ewaybill)
        if p.status == HANDED_OVER:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {waybill} was already handed to the courier on {time}"),
                           waybill=p.ewaybill, time=show(p.handed_over_at or p.taken_at))
        if p.carrier != batch["carrier"]:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {waybill} goes with {carrier}, not with {batch_carrier}"),
                           waybill=p.ewaybill, carrier=p.carrier_name, batch_carrier=carrier_name(batch["carrier"]))
        duplicate = p.batch_id == batch_id
        if not duplicate:
            events.record(db, actor.id, "outbound.batch_scanned", batch_id, {"outbound_id": p.id, "at": iso(db.clock.now())}, appliers=APPLY)
        scanned = db.value("SELECT count(*) FROM batch_items WHERE batch_id = ?", (batch_id,), default=0)
        left = db.value("SELECT count(*) FROM outbound_parcels WHERE status = ? AND carrier = ? AND (batch_id IS NULL OR batch_id != ?)",
                        (TAKEN, batch["carrier"], batch_id), default=0)
    return BatchScan(get_outbound(db, p.id), scanned, left, duplicate)


def batch_check(db: Store, batch_id: str) -> BatchCheck:
    """What was scanned against what should go: the carrier's parcels not yet handed over."""
    batch = get_batch(db, batch_id)
    scanned = [_outbound(r) for r in db.rows(
        "SELECT o.* FROM batch_items b JOIN outbound_parcels o ON o.id = b.outbound_id WHERE b.batch_id = ? ORDER BY b.scanned_at",
        (batch_id,))]
    rest = [p for p in waiting_for_courier(db, batch.carrier) if p.batch_id != batch_id] if batch.status == "open" else []
    return BatchCheck(batch, scanned, rest)


def close_batch(db: Store, actor: Operator, *, batch_id: str, courier_name: str) -> HandOverSheet:
    """The courier takes the scanned parcels: close the batch and return the hand-over sheet.
    Parcels not scanned stay for the next batch. Raises ValidationError (no courier name, empty
    batch), NotFound, Conflict (closed already)."""
    courier = check_name(courier_name)
    with db.transaction():
        batch = _open_batch_row(db, batch_id)
        check = batch_check(db, batch_id)
        if not check.scanned:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Nothing was scanned into this batch"))
        now = db.clock.now()
        sheet_no = _next_number(db, "courier_batches", "sheet_no", f"J{local_day(now):%Y%m%d}-{batch['carrier']}-")
        events.record(db, actor.id, "outbound.batch_closed", batch_id, {
            "courier_name": courier, "sheet_no": sheet_no, "at": iso(now), "left_behind": [p.id for p in check.not_scanned]}, appliers=APPLY)
    return hand_over_sheet(db, batch_id)


def hand_over_sheet(db: Store, batch_id: str) -> HandOverSheet:
    """A closed batch's sheet again (for a reprint)."""
    r = db.row("SELECT b.*, o.name AS operator_name FROM courier_batches b LEFT JOIN operators o ON o.id = b.closed_by WHERE b.id = ?",
               (batch_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such hand-over batch"))
    check = batch_check(db, batch_id)
    left = [get_outbound(db, i) for i in (r["left_behind"] or "").split(",") if i]
    station = get_station(db)
    return HandOverSheet(check.batch, station.name if station else "", r["operator_name"] or "", check.scanned, left)


# -- appliers -------------------------------------------------------------------------------------


def _taken(db: Store, ev: Event) -> None:
    p = dict(ev.payload)
    at = p.pop("at")
    p.pop("fee_table_from_county")
    db.insert("outbound_parcels", {"id": ev.entity_id, **p, "farm_produce": int(p["farm_produce"]),
                                   "out_of_county": int(p["out_of_county"]), "status": TAKEN, "taken_at": at,
                                   "operator_id": ev.operator_id})
    if p["payment"] == COUNTY_PAYMENT:
        return
    account = cash.DRAWER if p["payment"] == CASH_PAYMENT else QR
    cash.post(db, ev, kind="outbound_fee", service="parcels", entries=[(account, p["fee_fen"]), (INCOME, -p["fee_fen"])],
              memo=p["receipt_no"])


def _cancelled(db: Store, ev: Event) -> None:
    r = db.row("SELECT * FROM outbound_parcels WHERE id = ?", (ev.entity_id,))
    assert r is not None  # cancel_outbound_parcel checked it exists
    db.update("outbound_parcels", {"id": ev.entity_id}, {"status": CANCELLED, "batch_id": None,
                                                         "cancel_reason": ev.payload["reason"], "cancelled_at": ev.payload["at"]})
    db.execute("DELETE FROM batch_items WHERE outbound_id = ?", (ev.entity_id,))
    # a county online-shop order whose parcel is cancelled waits, packed, to be sent again
    db.execute("""UPDATE online_orders SET status = 'packed', waybill = NULL, carrier = NULL, outbound_id = NULL,
                  sent_at = NULL, sent_day = NULL WHERE outbound_id = ?""", (ev.entity_id,))
    if r["payment"] == COUNTY_PAYMENT:
        return
    account = cash.DRAWER if r["payment"] == CASH_PAYMENT else QR
    cash.post(db, ev, kind="outbound_refund", service="parcels", entries=[(account, -r["fee_fen"]), (INCOME, r["fee_fen"])],
              memo=r["receipt_no"])


def _photo_added(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("outbound_photos", {"id": ev.entity_id, "seq": ev.seq, "outbound_id": p["outbound_id"], "file": p["file"],
                                  "sha256": p["sha256"], "bytes": p["bytes"], "added_at": ev.station_time,
                                  "operator_id": ev.operator_id})


def _batch_opened(db: Store, ev: Event) -> None:
    db.insert("courier_batches", {"id": ev.entity_id, "carrier": ev.payload["carrier"], "status": "open",
                                  "opened_at": ev.payload["at"], "opened_by": ev.operator_id})


def _batch_scanned(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("batch_items", {"batch_id": ev.entity_id, "outbound_id": p["outbound_id"], "scanned_at": p["at"]})
    db.update("outbound_parcels", {"id": p["outbound_id"]}, {"batch_id": ev.entity_id})


def _batch_closed(db: Store, ev: Event) -> None:
    p = ev.payload
    db.update("courier_batches", {"id": ev.entity_id}, {"status": "closed", "closed_at": p["at"], "closed_by": ev.operator_id,
                                                        "courier_name": p["courier_name"], "sheet_no": p["sheet_no"],
                                                        "left_behind": ",".join(p["left_behind"])})
    db.execute("UPDATE outbound_parcels SET status = ?, handed_over_at = ? WHERE batch_id = ? AND status = ?",
               (HANDED_OVER, p["at"], ev.entity_id, TAKEN))


def _county_fee_table(db: Store, ev: Event) -> None:
    """The county's fee table replaces the one in force; rows it cannot read are skipped."""
    rows = []
    for f in ev.payload.get("fees") or []:
        try:
            carrier, zone = str(f["carrier"]).upper(), f.get("zone") or ANY_ZONE
            rule = (carrier, zone if zone in (IN_COUNTY, OUT_OF_COUNTY) else ANY_ZONE, int(f["first_weight_g"]),
                    int(f["first_fen"]), max(1, int(f["extra_weight_g"])), int(f["extra_fen"]), ev.entity_id)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        if carrier in CARRIERS:
            rows.append(rule)
    if rows:
        db.execute("DELETE FROM county_fees")
        for rule in rows:
            db.execute("INSERT OR REPLACE INTO county_fees (carrier, zone, first_g, first_fen, extra_g, extra_fen, hub_ref) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", rule)


APPLY = {
    "outbound.taken": _taken,
    "outbound.cancelled": _cancelled,
    "outbound.photo_added": _photo_added,
    "outbound.batch_opened": _batch_opened,
    "outbound.batch_scanned": _batch_scanned,
    "outbound.batch_closed": _batch_closed,
    "county.fee_table": _county_fee_table,
}
