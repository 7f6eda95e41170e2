"""Consignment (代卖/代销): consignors, intake with traceability codes, counter sales,
returns, handing unsold goods back, and settlement with each consignor.

Money (see `core.cash`): a counter sale puts the total into `drawer` (cash) or `clearing:qr`
(a QR payment the operator saw arrive in the station's collection account: no drawer
movement, but the ledger still balances); the consignors' share is owed to them on
`payable:consignment`, the station's commission is `income:consignment`. A settlement
pays the share out of the drawer (`payable:consignment` + / `drawer` -). Voids and returns
are reversal events; nothing is edited.

一物一码 rule: every unit of a lot counted in whole pieces (个, 盒, 瓶 ... any unit that is not a
weight) gets its own traceability code, up to `MAX_UNIT_CODES` units; a lot sold by weight
(斤, kg ...) or larger than that gets one code for the lot, printed on the lot's label and
on every receipt that sells from it. Codes are 20 characters (see `trace_code`); their QR
payloads and links are `core.labels`' `VS1:T:<code>` and `https://<hub>/t/<code>`.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from station_app.core import cash, events, labels, settings
from station_app.core.clock import local_day
from station_app.core.errors import Conflict, NotFound, ValidationError
from station_app.core.events import Event
from station_app.core.identity import clean_phone, mask_phone
from station_app.core.ids import new_id
from station_app.core.money import format_fen
from station_app.core.operators import Operator, check_name
from station_app.core.people import POVERTY
from station_app.i18n import QT_TRANSLATE_NOOP, translate

SERVICE = "consignment"
PAYABLE, INCOME = "payable:consignment", "income:consignment"
CLEARING_QR = cash.QR_CLEARING
RECEIVABLE_COUNTY = "receivable:county"  # paid to the county platform for an online order

FRESH, PROCESSED, CRAFT = "fresh", "processed", "craft"
CATEGORIES = {
    FRESH: QT_TRANSLATE_NOOP("consignment", "Fresh produce"),
    PROCESSED: QT_TRANSLATE_NOOP("consignment", "Processed food"),
    CRAFT: QT_TRANSLATE_NOOP("consignment", "Handicraft"),
}
PAYMENTS = {
    "cash": QT_TRANSLATE_NOOP("consignment", "Cash"),
    "qr": QT_TRANSLATE_NOOP("consignment", "QR payment"),
    "online": QT_TRANSLATE_NOOP("consignment", "County online shop"),
}
PAYMENT_ACCOUNTS = {"cash": cash.DRAWER, "qr": CLEARING_QR, "online": RECEIVABLE_COUNTY}
WEIGHED_UNITS = ("斤", "公斤", "kg", "克", "g", "两")
UNITS = ("斤", "公斤", "个", "盒", "袋", "瓶", "罐", "件", "只", "把", "双", "箱", "份")
MAX_UNIT_CODES = 200
MAX_PRICE = 10_000_000  # ¥100,000 per unit: nothing at a village counter costs more
MAX_QUANTITY_M = 100_000_000  # 100,000 units, in thousandths
MAX_COMMISSION_BP = 5000

# -- traceability codes -------------------------------------------------------------------

_B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U to misread
_CODE = re.compile(r"^([0-9A-Z]{5})(\d{6})(\d{3})([0-9A-Z]{6})$")
_SPACING = re.compile(r"[\s\-－_]")


@dataclass(frozen=True)
class TraceCode:
    """A parsed code: `tag` names the station, `lot_no` and `unit_no` (0 = the whole lot)."""

    code: str
    tag: str
    lot_no: int
    unit_no: int
    mac: str


def _b32(data: bytes, n: int) -> str:
    value, bits = int.from_bytes(data, "big"), len(data) * 8
    return "".join(_B32[(value >> (bits - 5 * (i + 1))) & 31] for i in range(n))


def station_tag(station_id: str) -> str:
    """Five characters that name a station inside its codes."""
    return _b32(hashlib.sha256(station_id.encode()).digest()[:4], 5)


def _mac(id_salt: str, body: str) -> str:
    # a key of its own, derived from the station's secret salt (the hub has it from station.created)
    key = hashlib.sha256(b"village-station trace code v1:" + id_salt.encode()).digest()
    return _b32(hmac.new(key, body.encode(), hashlib.sha256).digest()[:4], 6)


def trace_code(station_id: str, id_salt: str, lot_no: int, unit_no: int) -> str:
    """20 characters, like the MoA seed-label unit ID: station tag (5), lot number (6 digits),
    unit number (3 digits, 000 = the whole lot), MAC (6). E.g. `7KQ2M000123004X3F9TZ`.

    The MAC (30 bits of an HMAC keyed by the station's secret) makes a code for a lot or unit
    that was never printed practically impossible to guess; the hub checks it the same way.
    """
    body = f"{station_tag(station_id)}{lot_no:06d}{unit_no:03d}"
    return body + _mac(id_salt, body)


def spaced(code: str) -> str:
    """The code as printed under the QR, in groups a person can read out: `7KQ2M 000123 004 X3F9TZ`."""
    return f"{code[:5]} {code[5:11]} {code[11:14]} {code[14:]}" if _CODE.match(code) else code


def parse_trace(text: str) -> TraceCode | None:
    """The code in a scanned label (`VS1:T:<code>`, a trace link `https://<hub>/t/<code>`), a code
    typed by hand (spaces and dashes ignored), or any line of a multi-line QR text (the MoA
    four-line form). None when it holds no trace code."""
    for line in (text or "").strip().splitlines() or [""]:
        candidate = line.strip()
        if labels.looks_like_label(candidate):
            try:
                label = labels.parse_label(candidate)
            except ValidationError:
                continue
            if label.kind != labels.TRACE:
                continue
            candidate = label.value
        c = _CODE.match(_SPACING.sub("", candidate).upper())
        if c:
            return TraceCode(c.group(0), c.group(1), int(c.group(2)), int(c.group(3)), c.group(4))
    return None


def verify_trace(code: TraceCode, station_id: str, id_salt: str) -> bool:
    """True when `code` was made by this station (right tag and MAC). The hub checks codes with it."""
    body = f"{code.tag}{code.lot_no:06d}{code.unit_no:03d}"
    return code.tag == station_tag(station_id) and hmac.compare_digest(code.mac, _mac(id_salt, body))


def label_payload(db: Any, code: str) -> str:
    """What the label's QR holds: the trace link when the county hub is known (a phone opens the
    trace page; the counter scanner reads the code from it), else `VS1:T:<code>`."""
    hub = str(settings.get(db, "sync.hub_url") or "").strip()
    m = re.match(r"^(https?://[A-Za-z0-9.-]+(?::\d{1,5})?)", hub)
    return labels.trace_url(m.group(1), code) if m else labels.format_trace(code)


# -- quantities, prices, percentages --------------------------------------------------------


def is_weighed(unit: str) -> bool:
    return unit.strip().lower() in WEIGHED_UNITS


def to_milli(value: Any, unit: str = "") -> int:
    """A quantity as integer thousandths of `unit`; whole numbers only for counted units."""
    if isinstance(value, (bool, float)):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quantity '{text}' is not a number"), text=value)
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quantity '{text}' is not a number"), text=value) from None
    if not d.is_finite() or d <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quantity must be more than zero"))
    m = d * 1000
    if m != m.to_integral_value():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quantity has at most three decimals"))
    if unit and not is_weighed(unit) and d != d.to_integral_value():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Items sold by {unit} are counted in whole numbers"), unit=unit)
    if m > MAX_QUANTITY_M:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quantity is too large"))
    return int(m)


def show_qty(milli: int) -> str:
    """2500 -> '2.5', 3000 -> '3'."""
    whole, frac = divmod(milli, 1000)
    return f"{whole}.{frac:03d}".rstrip("0").rstrip(".") if frac else str(whole)


def check_price(price: int) -> int:
    """A unit price in fen: more than zero and at most ¥100,000."""
    if isinstance(price, bool) or not isinstance(price, int):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A price must be whole fen"))
    if price <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A price must be more than zero"))
    if price > MAX_PRICE:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A price of {price} per unit is not believable (at most ¥100,000)"),
                              price=format_fen(price))
    return price


def percent_to_bp(value: Any) -> int:
    """'12.5' (percent) -> 1250 basis points; 0 to 50 %, at most two decimals."""
    try:
        d = Decimal(str(value).strip().rstrip("%"))
    except InvalidOperation:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Commission '{text}' is not a percentage"), text=value) from None
    bp = d * 100
    if not d.is_finite() or bp != bp.to_integral_value() or not 0 <= bp <= MAX_COMMISSION_BP:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Commission must be between 0 and 50 percent"))
    return int(bp)


def show_bp(bp: int) -> str:
    return f"{show_qty(bp * 10)}%"


def share_of(amount: int, bp: int) -> int:
    """Commission on `amount` at `bp` basis points, rounded half up to the fen."""
    return (amount * bp + 5000) // 10000


def _portion(amount: int, part_m: int, whole_m: int) -> int:
    return (2 * amount * part_m + whole_m) // (2 * whole_m)


def _allocate(total: int, weights: list[int]) -> list[int]:
    """Split `total` over `weights` in proportion, exactly (largest remainder, ties to the first)."""
    base = sum(weights)
    if not base:
        return [0] * len(weights)
    shares = [total * w // base for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % base), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def local_today(db: Any) -> str:
    """Today in the station's time zone, as YYYY-MM-DD."""
    return local_day(db.clock.now()).isoformat()


def parse_day(value: date | str, what: str = "") -> str:
    """A date (or YYYY-MM-DD text) as YYYY-MM-DD; ValidationError otherwise."""
    try:
        return (value if isinstance(value, date) else date.fromisoformat(str(value).strip())).isoformat()
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Date '{text}' is not valid: write it like 2026-11-23"),
                              text=value) from None


# -- consignors -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Consignor:
    id: str
    number: int
    kind: str  # 'person' (a villager in the registry) or 'coop' (a cooperative)
    person_id: str | None
    name: str
    phone: str
    village: str
    commission_bp: int
    poverty: bool
    note: str = ""

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


def _consignor(r: Any) -> Consignor:
    return Consignor(r["id"], r["number"], r["kind"], r["person_id"], r["name"], r["phone"], r["village"],
                     r["commission_bp"], bool(r["poverty"]), r["note"])


def _person_poverty(db: Any, person_id: str | None) -> bool:
    if not person_id:
        return False
    cats = db.value("SELECT categories FROM people WHERE id = ?", (person_id,), default="")
    return POVERTY in cats.split(",")


def register_consignor(db: Any, actor: Operator, *, person_id: str | None = None, name: str = "",
                       phone: str | None = None, village: str = "", commission_pct: Any = None,
                       note: str = "") -> Consignor:
    """A villager from the people registry (`person_id`) or a cooperative (`name`) who leaves goods
    to sell. A contact phone is required (the person's own unless given). The poverty-register
    flag comes from the person's categories. Raises ValidationError, NotFound or Conflict."""
    with db.transaction():
        if person_id:
            person = db.row("SELECT * FROM people WHERE id = ?", (person_id,))
            if person is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "No such person"))
            if db.value("SELECT 1 FROM consignors WHERE person_id = ?", (person_id,)):
                raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} is already a consignor"), name=person["name"])
            name, village = person["name"], village or person["village"]
            phone = phone or person["phone"]
        name = check_name(name)
        if not phone or not phone.strip():
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A consignor needs a contact phone number"))
        phone = clean_phone(phone)
        if not person_id and db.value("SELECT 1 FROM consignors WHERE name = ? AND phone = ?", (name, phone)):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} is already a consignor"), name=name)
        if commission_pct is None or str(commission_pct).strip() == "":
            bp = int(settings.get(db, "consignment.default_commission_pct")) * 100
        else:
            bp = percent_to_bp(commission_pct)
        payload = {"number": int(db.value("SELECT max(number) FROM consignors", default=0)) + 1,
                   "kind": "person" if person_id else "coop", "person_id": person_id, "name": name, "phone": phone,
                   "village": " ".join((village or "").split()), "commission_bp": bp,
                   "poverty": _person_poverty(db, person_id), "note": (note or "").strip()[:200]}
        consignor_id = new_id()
        events.record(db, actor.id, "consign.consignor_registered", consignor_id, payload)
    return get_consignor(db, consignor_id)


def update_consignor(db: Any, actor: Operator, consignor_id: str, *, phone: str, commission_pct: Any,
                     village: str | None = None, note: str = "") -> Consignor:
    """Correct a consignor's phone, default commission, village or note (lots already taken in
    keep the commission they came in with)."""
    old = get_consignor(db, consignor_id)
    if not phone or not phone.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A consignor needs a contact phone number"))
    payload = {"phone": clean_phone(phone), "commission_bp": percent_to_bp(commission_pct),
               "village": old.village if village is None else " ".join(village.split()), "note": (note or "").strip()[:200]}
    with db.transaction():
        events.record(db, actor.id, "consign.consignor_updated", consignor_id, payload)
    return get_consignor(db, consignor_id)


def get_consignor(db: Any, consignor_id: str) -> Consignor:
    row = db.row("SELECT * FROM consignors WHERE id = ?", (consignor_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such consignor"))
    return _consignor(row)


def list_consignors(db: Any, text: str = "") -> list[Consignor]:
    q = "".join((text or "").split())
    rows = db.rows("SELECT * FROM consignors WHERE status = 'active' AND (? = '' OR instr(name, ?) > 0 OR phone LIKE ?)"
                   " ORDER BY number", (q, q, f"%{q}%"))
    return [_consignor(r) for r in rows]


# -- intake ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeItem:
    """One line of goods a consignor brings: becomes one lot."""

    name: str
    category: str
    unit: str
    quantity: Any  # '12.5' for weighed goods, whole numbers for counted ones
    price: int  # fen per unit
    commission_pct: Any = None  # None: the consignor's default
    expiry: date | str | None = None
    photo: str = ""


@dataclass(frozen=True)
class Lot:
    id: str
    lot_no: int
    consignor_id: str
    name: str
    category: str
    unit: str
    per_unit: bool
    quantity_m: int
    on_hand_m: int
    price: int
    commission_bp: int
    expiry: str | None
    intake_day: str
    status: str
    photo: str = ""
    consignor_name: str = ""

    @property
    def on_hand(self) -> str:
        return show_qty(self.on_hand_m)


def _lot(r: Any) -> Lot:
    keys = r.keys()
    return Lot(r["id"], r["lot_no"], r["consignor_id"], r["name"], r["category"], r["unit"], bool(r["per_unit"]),
               r["quantity_m"], r["on_hand_m"], r["price"], r["commission_bp"], r["expiry"], r["intake_day"],
               r["status"], r["photo"], r["consignor_name"] if "consignor_name" in keys else "")


@dataclass(frozen=True)
class Intake:
    id: str
    consignor: Consignor
    lots: list[Lot]
    codes: list[str]


def take_in(db: Any, actor: Operator, *, consignor_id: str, items: Sequence[IntakeItem], note: str = "") -> Intake:
    """Receive goods from a consignor: one lot per item, each with its traceability codes (see the
    module's 一物一码 rule). Raises ValidationError for bad names, prices, quantities or dates."""
    if not items:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Add at least one item"))
    today = local_today(db)
    with db.transaction():
        consignor = get_consignor(db, consignor_id)
        station = db.row("SELECT id, id_salt FROM station")
        next_no = int(db.value("SELECT max(lot_no) FROM consign_lots", default=0)) + 1
        lots: list[dict[str, Any]] = []
        for item in items:
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
            bp = consignor.commission_bp if item.commission_pct in (None, "") else percent_to_bp(item.commission_pct)
            expiry = parse_day(item.expiry, "expiry") if item.expiry else None
            if expiry and expiry < today:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "{name} is already past its expiry date {date}"),
                                      name=name, date=expiry)
            per_unit = not is_weighed(unit) and qty <= MAX_UNIT_CODES * 1000
            units = range(1, qty // 1000 + 1) if per_unit else range(0, 1)
            codes = [trace_code(station["id"], station["id_salt"], next_no, u) for u in units]
            lots.append({"lot_id": new_id(), "lot_no": next_no, "name": name, "category": item.category, "unit": unit,
                         "quantity_m": qty, "price": price, "commission_bp": bp, "expiry": expiry,
                         "photo": (item.photo or "").strip(), "per_unit": per_unit, "codes": codes})
            next_no += 1
        payload = {"consignor_id": consignor_id, "day": today, "poverty": _person_poverty(db, consignor.person_id),
                   "note": (note or "").strip()[:200], "lots": lots}
        intake_id = new_id()
        events.record(db, actor.id, "consign.intake", intake_id, payload)
    return Intake(intake_id, get_consignor(db, consignor_id), [get_lot(db, lot["lot_id"]) for lot in lots],
                  [c for lot in lots for c in lot["codes"]])


def get_lot(db: Any, lot_id: str) -> Lot:
    row = db.row("SELECT l.*, c.name AS consignor_name FROM consign_lots l JOIN consignors c ON c.id = l.consignor_id"
                 " WHERE l.id = ?", (lot_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such consignment lot"))
    return _lot(row)


def stock(db: Any, consignor_id: str | None = None, text: str = "") -> list[Lot]:
    """Lots with goods on hand (all consignors, or one), oldest first; `text` filters by name."""
    q = "".join((text or "").split())
    rows = db.rows("SELECT l.*, c.name AS consignor_name FROM consign_lots l JOIN consignors c ON c.id = l.consignor_id"
                   " WHERE l.on_hand_m > 0 AND (? IS NULL OR l.consignor_id = ?) AND (? = '' OR instr(l.name, ?) > 0"
                   " OR instr(c.name, ?) > 0) ORDER BY l.lot_no", (consignor_id, consignor_id, q, q, q))
    return [_lot(r) for r in rows]


def codes_of(db: Any, lot_id: str, status: str | None = None) -> list[str]:
    return [r["code"] for r in db.rows("SELECT code FROM consign_codes WHERE lot_id = ? AND (? IS NULL OR status = ?)"
                                       " ORDER BY unit_no", (lot_id, status, status))]


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


def label_data(db: Any, lot_id: str, codes: Sequence[str] | None = None) -> list[LabelData]:
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


def trace_record(db: Any, text: str) -> TraceRecord:
    """The story of a scanned or typed code. Raises ValidationError (no code) or NotFound."""
    parsed = parse_trace(text)
    if parsed is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' is not a consignment label"), text=(text or "")[:40])
    row = db.row("SELECT * FROM consign_codes WHERE code = ?", (parsed.code,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "Label {code} was never issued here"), code=parsed.code)
    station = db.row("SELECT id, id_salt, name FROM station")
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


def check_label(db: Any, text: str, *, allow_expired: bool = False) -> LabelCheck:
    """The goods a scanned label stands for, refusing labels that are not ours, forged, sold,
    handed back or expired. Raises ValidationError, Conflict or NotFound."""
    parsed = parse_trace(text)
    if parsed is None:
        if labels.looks_like_label(text or "") and labels.parse_label(text).kind != labels.TRACE:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "This is a {kind}, not a consignment label"),
                                  kind=translate("labels", labels.KIND_NAMES[labels.parse_label(text).kind]))
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' is not a consignment label"), text=(text or "")[:40])
    station = db.row("SELECT id, id_salt FROM station")
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


def _not_expired(db: Any, lot: Lot) -> None:
    if lot.expiry and lot.expiry < local_today(db):
        raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} (lot {lot}) expired on {date} and may not be sold"),
                       name=lot.name, lot=lot.lot_no, date=lot.expiry)


# -- sales ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaleItem:
    """What the operator put on the sale: a scanned label (`code`) or a lot picked from the stock
    list (`lot_id`), and the quantity (ignored for a unit's own label: that is one unit)."""

    code: str | None = None
    lot_id: str | None = None
    quantity: Any = 1


def _gather(db: Any, items: Sequence[SaleItem], *, allow_expired: bool = False) -> list[dict[str, Any]]:
    """Sale lines (one per lot, in the order first seen) with the codes they take. Expired goods
    only with `allow_expired` (handing them back to their consignor)."""
    lines: dict[str, dict[str, Any]] = {}
    for item in items:
        if item.code:
            found = check_label(db, item.code, allow_expired=allow_expired)
            lot = found.lot
            line = lines.setdefault(lot.id, {"lot": lot, "codes": [], "qty": 0})
            if lot.per_unit:
                if found.code in line["codes"]:
                    raise Conflict(QT_TRANSLATE_NOOP("errors", "Label {code} was scanned twice"), code=found.code)
                line["codes"].append(found.code)
                line["qty"] += 1000
                continue
            if not line["codes"]:
                line["codes"].append(found.code)
            line["qty"] += to_milli(item.quantity, lot.unit)
        elif item.lot_id:
            lot = get_lot(db, item.lot_id)
            if not allow_expired:
                _not_expired(db, lot)
            line = lines.setdefault(lot.id, {"lot": lot, "codes": [], "qty": 0})
            qty = to_milli(item.quantity, lot.unit)
            if lot.per_unit:
                free = [c for c in codes_of(db, lot.id, "on_hand") if c not in line["codes"]]
                line["codes"].extend(free[: qty // 1000])
            elif not line["codes"]:
                line["codes"].extend(codes_of(db, lot.id)[:1])
            line["qty"] += qty
        else:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Scan a label or pick goods from the stock list"))
    for line in lines.values():
        lot = line["lot"]
        if line["qty"] > lot.on_hand_m or (lot.per_unit and len(line["codes"]) * 1000 < line["qty"]):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Only {on_hand} {unit} of {name} are on hand; {wanted} cannot be sold"),
                           on_hand=lot.on_hand, unit=lot.unit, name=lot.name, wanted=show_qty(line["qty"]))
    return list(lines.values())


def build_sale(db: Any, items: Sequence[SaleItem], *, discount: int = 0, payment: str = "cash",
               prices: dict[str, int] | None = None) -> dict[str, Any]:
    """The payload of a sale (validated, nothing written). `prices` overrides a lot's tag price
    (an online order sells at the county platform's price)."""
    if not items:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The sale is empty"))
    if payment not in PAYMENTS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown payment method {method}"), method=payment)
    if isinstance(discount, bool) or not isinstance(discount, int) or discount < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A discount must be zero or more"))
    gathered = _gather(db, items)
    rows = []
    for line in gathered:
        lot = line["lot"]
        price = (prices or {}).get(lot.id, lot.price)
        rows.append({"lot": lot, "codes": line["codes"], "qty": line["qty"], "price": price,
                     "list": _portion(price * 1000, line["qty"], 1_000_000) if line["qty"] else 0})
    list_total = sum(r["list"] for r in rows)
    limit_pct = int(settings.get(db, "consignment.max_discount_pct"))
    if discount * 100 > list_total * limit_pct:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "A discount of {discount} is more than the county allows ({pct}% of {total})"),
                       discount=format_fen(discount), pct=limit_pct, total=format_fen(list_total))
    cuts = _allocate(discount, [r["list"] for r in rows])
    lines = []
    for i, (r, cut) in enumerate(zip(rows, cuts, strict=True)):
        lot, amount = r["lot"], r["list"] - cut
        commission = share_of(amount, lot.commission_bp)
        consignor = db.row("SELECT person_id FROM consignors WHERE id = ?", (lot.consignor_id,))
        lines.append({"line_no": i + 1, "lot_id": lot.id, "consignor_id": lot.consignor_id, "codes": r["codes"],
                      "quantity_m": r["qty"], "price": r["price"], "list_amount": r["list"], "discount": cut,
                      "amount": amount, "commission_bp": lot.commission_bp, "commission": commission,
                      "share": amount - commission, "category": lot.category,
                      "poverty": _person_poverty(db, consignor["person_id"])})
    day = local_today(db)
    n = int(db.value("SELECT count(*) FROM consign_sales WHERE day = ?", (day,), default=0)) + 1
    return {"number": f"XS{day[2:4]}{day[5:7]}{day[8:10]}-{n:03d}", "day": day, "payment": payment,
            "list_total": list_total, "discount": discount, "total": list_total - discount,
            "commission": sum(line["commission"] for line in lines), "share": sum(line["share"] for line in lines),
            "lines": lines}


@dataclass(frozen=True)
class SaleLine:
    line_no: int
    lot_id: str
    lot_no: int
    name: str
    unit: str
    category: str
    consignor_id: str
    consignor_name: str
    codes: tuple[str, ...]
    quantity_m: int
    price: int
    list_amount: int
    discount: int
    amount: int
    commission: int
    returned_m: int
    poverty: bool
    settled: bool


@dataclass(frozen=True)
class SaleReceipt:
    """Everything a sale receipt prints (the printer package lays it out)."""

    id: str
    number: str
    station_name: str
    at: str
    operator_name: str
    payment: str
    lines: list[SaleLine]
    list_total: int
    discount: int
    total: int
    tendered: int | None
    change: int | None
    status: str
    refunded: int
    #: the sale helps a registered poor household (建档立卡贫困户): print the note
    helps_poverty: bool
    trace_payloads: dict[str, str] = field(default_factory=dict)


def sell(db: Any, actor: Operator, *, items: Sequence[SaleItem], payment: str = "cash", discount: int = 0,
         tendered: int | None = None, buyer_id: str | None = None) -> SaleReceipt:
    """A counter sale: cash into the drawer (or a QR payment to `clearing:qr`), the consignors'
    share owed to them, the commission earned. Raises ValidationError (bad label, quantity,
    payment), Conflict (more than on hand, a sold or foreign label, too big a discount)."""
    if payment not in ("cash", "qr"):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown payment method {method}"), method=payment)
    with db.transaction():
        payload = build_sale(db, items, discount=discount, payment=payment)
        if tendered is not None:
            if payment != "cash" or isinstance(tendered, bool) or not isinstance(tendered, int):
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "Cash tendered is only for cash sales"))
            if tendered < payload["total"]:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "{tendered} tendered is less than the total {total}"),
                                      tendered=format_fen(tendered), total=format_fen(payload["total"]))
        payload.update(channel="counter", tendered=tendered, buyer_id=buyer_id)
        cash.ensure_open(db, actor)
        sale_id = new_id()
        events.record(db, actor.id, "consign.sold", sale_id, payload)
    return sale_receipt(db, sale_id)


def _sale_row(db: Any, sale_id: str) -> Any:
    row = db.row("SELECT * FROM consign_sales WHERE id = ?", (sale_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such sale"))
    return row


def find_sale(db: Any, number: str) -> str:
    """A sale's id from its receipt number (as printed)."""
    sale_id = db.value("SELECT id FROM consign_sales WHERE number = ?", ((number or "").strip().upper(),))
    if sale_id is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No sale with receipt number {number}"), number=number)
    return str(sale_id)


def sale_lines(db: Any, sale_id: str) -> list[SaleLine]:
    rows = db.rows("""SELECT s.*, l.name, l.unit, l.lot_no, c.name AS consignor_name,
                             EXISTS (SELECT 1 FROM consign_moves m WHERE m.sale_id = s.sale_id AND m.line_no = s.line_no
                                     AND m.kind = 'sale' AND m.settlement_id IS NOT NULL) AS settled
                      FROM consign_sale_lines s JOIN consign_lots l ON l.id = s.lot_id JOIN consignors c ON c.id = s.consignor_id
                      WHERE s.sale_id = ? ORDER BY s.line_no""", (sale_id,))
    return [SaleLine(r["line_no"], r["lot_id"], r["lot_no"], r["name"], r["unit"], r["category"], r["consignor_id"],
                     r["consignor_name"], tuple(c for c in r["codes"].split(",") if c), r["quantity_m"], r["price"],
                     r["list_amount"], r["discount"], r["amount"], r["commission"], r["returned_m"], bool(r["poverty"]),
                     bool(r["settled"])) for r in rows]


def sale_receipt(db: Any, sale_id: str) -> SaleReceipt:
    s = _sale_row(db, sale_id)
    lines = sale_lines(db, sale_id)
    op = db.value("SELECT name FROM operators WHERE id = ?", (s["operator_id"],), default="")
    refunded = int(db.value("SELECT sum(refund) FROM consign_returns WHERE sale_id = ? AND status = 'done'", (sale_id,), default=0))
    change = s["tendered"] - s["total"] if s["tendered"] is not None else None
    payloads = {c: label_payload(db, c) for line in lines for c in line.codes}
    return SaleReceipt(s["id"], s["number"], db.value("SELECT name FROM station", default=""), s["at"], op, s["payment"],
                       lines, s["list_total"], s["discount"], s["total"], s["tendered"], change, s["status"], refunded,
                       any(line.poverty for line in lines), payloads)


def recent_sales(db: Any, limit: int = 30) -> list[Any]:
    return db.rows("SELECT * FROM consign_sales ORDER BY at DESC, number DESC LIMIT ?", (limit,))


def void_sale(db: Any, actor: Operator, *, sale_id: str, reason: str) -> SaleReceipt:
    """Undo a counter sale rung up by mistake, in the same cash day: the money goes back out
    through the ledger (the drawer must hold it), the goods back on hand. Later: `return_items`."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Say why the sale is voided"))
    with db.transaction():
        s = _sale_row(db, sale_id)
        if s["status"] != "completed" or s["channel"] != "counter":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Sale {number} cannot be voided now"), number=s["number"])
        if db.value("SELECT 1 FROM consign_returns WHERE sale_id = ? AND status != 'cancelled'", (sale_id,)):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Sale {number} has returns: it cannot be voided"), number=s["number"])
        if db.value("SELECT 1 FROM consign_moves WHERE sale_id = ? AND settlement_id IS NOT NULL", (sale_id,)):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Sale {number} is already settled with the consignor"), number=s["number"])
        period = cash.open_period(db)
        if period is None or s["period_id"] != period.id:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Sale {number} is from an earlier cash day: take the goods back as a return"),
                           number=s["number"])
        if s["payment"] == "cash":
            cash.require_cash(db, s["total"])
        events.record(db, actor.id, "consign.sale_voided", sale_id, {"reason": reason, "day": local_today(db)})
    return sale_receipt(db, sale_id)


# -- returns from buyers ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnItem:
    line_no: int
    quantity: Any = None  # None: everything of the line not yet returned
    codes: tuple[str, ...] = ()  # for goods with unit labels: which units came back


@dataclass(frozen=True)
class SaleReturn:
    id: str
    number: str
    sale_id: str
    status: str  # 'pending' (goods or money not yet settled), 'done', 'cancelled'
    refund: int
    commission: int
    share: int
    reason: str


def _return(db: Any, return_id: str) -> SaleReturn:
    r = db.row("SELECT * FROM consign_returns WHERE id = ?", (return_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such return"))
    return SaleReturn(r["id"], r["number"], r["sale_id"], r["status"], r["refund"], r["commission"], r["share"], r["reason"])


def return_items(db: Any, actor: Operator, *, sale_id: str, items: Sequence[ReturnItem] | None = None, reason: str,
                 refund_now: bool = True, refund_by: str | None = None) -> SaleReturn:
    """A buyer brings goods back. With `refund_now` the money goes back (cash through the
    drawer, which must hold it) and the goods are on hand again at once; otherwise the return
    waits ('pending', e.g. for the consignor to inspect) until `finish_return` or `cancel_return`,
    and the consignor cannot be settled for that period meanwhile."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Say why the goods come back"))
    with db.transaction():
        s = _sale_row(db, sale_id)
        if s["channel"] != "counter" or s["status"] == "voided":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Sale {number} cannot take returns here"), number=s["number"])
        if db.value("SELECT 1 FROM consign_returns WHERE sale_id = ? AND status = 'pending'", (sale_id,)):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Sale {number} already has a return waiting: finish it first"),
                           number=s["number"])
        by_no = {line.line_no: line for line in sale_lines(db, sale_id)}
        wanted = items if items is not None else [ReturnItem(n) for n, line in by_no.items() if line.returned_m < line.quantity_m]
        out: list[dict[str, Any]] = []
        for item in wanted:
            line = by_no.get(item.line_no)
            if line is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "Sale {number} has no line {line}"), number=s["number"], line=item.line_no)
            left = line.quantity_m - line.returned_m
            per_unit = _lot_per_unit(db, line.lot_id)
            sold = codes_sold_on(db, sale_id, line) if per_unit else []
            if item.codes:
                codes = [found.code if (found := parse_trace(c)) else c for c in item.codes]
                if not per_unit or any(c not in sold for c in codes) or len(set(codes)) != len(codes):
                    raise Conflict(QT_TRANSLATE_NOOP("errors", "These labels were not sold on receipt {number}"), number=s["number"])
                qty = 1000 * len(codes)
            else:
                qty = left if item.quantity in (None, "") else to_milli(item.quantity, line.unit)
                codes = sold[len(sold) - qty // 1000:] if per_unit and qty // 1000 else []
            if qty <= 0 or qty > left:
                raise Conflict(QT_TRANSLATE_NOOP("errors", "Only {left} {unit} of {name} can still be returned"),
                               left=show_qty(left), unit=line.unit, name=line.name)
            refund = _portion(line.amount, line.returned_m + qty, line.quantity_m) - _portion(line.amount, line.returned_m, line.quantity_m)
            commission = (_portion(line.commission, line.returned_m + qty, line.quantity_m)
                          - _portion(line.commission, line.returned_m, line.quantity_m))
            out.append({"line_no": line.line_no, "lot_id": line.lot_id, "consignor_id": line.consignor_id, "quantity_m": qty,
                        "codes": codes, "refund": refund, "commission": commission, "share": refund - commission,
                        "category": line.category, "poverty": line.poverty})
        if not out:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Everything on receipt {number} was already returned"), number=s["number"])
        refund_by = refund_by or s["payment"]
        if refund_by not in ("cash", "qr"):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown payment method {method}"), method=refund_by)
        total = sum(x["refund"] for x in out)
        n = int(db.value("SELECT count(*) FROM consign_returns", default=0)) + 1
        payload = {"sale_id": sale_id, "number": f"TH{n:05d}", "reason": reason, "lines": out, "refund": total,
                   "commission": sum(x["commission"] for x in out), "share": sum(x["share"] for x in out)}
        return_id = new_id()
        events.record(db, actor.id, "consign.return_opened", return_id, payload)
        if refund_now:
            _finish(db, actor, return_id, refund_by)
    return _return(db, return_id)


def _lot_per_unit(db: Any, lot_id: str) -> bool:
    return bool(db.value("SELECT per_unit FROM consign_lots WHERE id = ?", (lot_id,)))


def codes_sold_on(db: Any, sale_id: str, line: SaleLine) -> list[str]:
    """Unit labels of a sale line that are still counted as sold on it."""
    return [c for c in line.codes if db.value("SELECT 1 FROM consign_codes WHERE code = ? AND status = 'sold' AND sale_id = ?",
                                              (c, sale_id))]


def _finish(db: Any, actor: Operator, return_id: str, refund_by: str) -> None:
    r = _return(db, return_id)
    if r.status != "pending":
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Return {number} is already finished"), number=r.number)
    if refund_by not in ("cash", "qr"):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown payment method {method}"), method=refund_by)
    cash.ensure_open(db, actor)
    if refund_by == "cash":
        cash.require_cash(db, r.refund)
    events.record(db, actor.id, "consign.return_finished", return_id, {"refund_by": refund_by, "day": local_today(db)})


def finish_return(db: Any, actor: Operator, *, return_id: str, refund_by: str = "cash") -> SaleReturn:
    """Pay back a waiting return and put its goods on hand again."""
    with db.transaction():
        _finish(db, actor, return_id, refund_by)
    return _return(db, return_id)


def cancel_return(db: Any, actor: Operator, *, return_id: str, reason: str) -> SaleReturn:
    """Drop a waiting return (the buyer keeps the goods, no money moves)."""
    with db.transaction():
        r = _return(db, return_id)
        if r.status != "pending":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Return {number} is already finished"), number=r.number)
        events.record(db, actor.id, "consign.return_cancelled", return_id, {"reason": " ".join((reason or "").split())})
    return _return(db, return_id)


def pending_returns(db: Any) -> list[SaleReturn]:
    return [_return(db, r["id"]) for r in db.rows("SELECT id FROM consign_returns WHERE status = 'pending' ORDER BY opened_at")]


# -- handing unsold goods back to the consignor -----------------------------------------------


def hand_back(db: Any, actor: Operator, *, consignor_id: str, items: Sequence[SaleItem] | None = None,
              note: str = "") -> list[Lot]:
    """The consignor takes unsold goods home: stock goes down and their labels are retired for
    good. `items` as for a sale (scanned labels or lots and quantities); None = all on hand."""
    with db.transaction():
        consignor = get_consignor(db, consignor_id)
        if items is None:
            items = [SaleItem(lot_id=lot.id, quantity=show_qty(lot.on_hand_m)) for lot in stock(db, consignor_id)]
        if not items:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} has no goods on hand"), name=consignor.name)
        lines = []
        for line in _gather(db, items, allow_expired=True):
            if line["lot"].consignor_id != consignor_id:
                raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} (lot {lot}) belongs to another consignor"),
                               name=line["lot"].name, lot=line["lot"].lot_no)
            lines.append({"lot_id": line["lot"].id, "quantity_m": line["qty"],
                          "codes": line["codes"] if line["lot"].per_unit else []})
        events.record(db, actor.id, "consign.handed_back", new_id(),
                      {"consignor_id": consignor_id, "day": local_today(db), "note": (note or "").strip()[:200], "lines": lines})
    return [get_lot(db, line["lot_id"]) for line in lines]


# -- settlement -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementLine:
    day: str
    receipt: str
    kind: str  # 'sale' or 'return' (a return shows negative amounts)
    name: str
    quantity: str
    unit: str
    amount: int
    commission_bp: int
    commission: int
    share: int


@dataclass(frozen=True)
class Statement:
    """A settlement statement, for printing and for the consignor's signature."""

    id: str  # "" for a preview
    number: str
    station_name: str
    consignor: Consignor
    start: str
    end: str
    lines: list[StatementLine]
    sales: int
    commission: int
    due: int
    status: str  # 'preview', 'due', 'paid', 'cancelled'
    created_at: str | None = None
    paid_at: str | None = None
    method: str | None = None
    reference: str = ""
    #: the line the consignor signs on the printed statement
    signature_label: str = QT_TRANSLATE_NOOP("consignment", "Consignor's signature")


def _moves_for(db: Any, consignor_id: str, start: str, end: str) -> list[Any]:
    return db.rows("""SELECT m.*, l.name, l.unit, coalesce(r.number, s.number) AS receipt, l.commission_bp
                      FROM consign_moves m JOIN consign_lots l ON l.id = m.lot_id JOIN consign_sales s ON s.id = m.sale_id
                      LEFT JOIN consign_returns r ON r.id = m.return_id WHERE m.consignor_id = ? AND m.day BETWEEN ? AND ? AND m.settlement_id IS NULL AND m.voided = 0
                      ORDER BY m.day, s.number, m.line_no""", (consignor_id, start, end))


def _statement_lines(rows: list[Any]) -> list[StatementLine]:
    return [StatementLine(r["day"], r["receipt"], r["kind"], r["name"], show_qty(r["quantity_m"]), r["unit"], r["amount"],
                          r["commission_bp"], r["commission"], r["share"]) for r in rows]


def settlement_preview(db: Any, *, consignor_id: str, start: date | str, end: date | str) -> Statement:
    """What settling this period would pay (nothing is written)."""
    consignor = get_consignor(db, consignor_id)
    start, end = parse_day(start, "start"), parse_day(end, "end")
    rows = _moves_for(db, consignor_id, start, end)
    lines = _statement_lines(rows)
    return Statement("", "", db.value("SELECT name FROM station", default=""), consignor, start, end, lines,
                     sum(x.amount for x in lines), sum(x.commission for x in lines), sum(x.share for x in lines), "preview")


def settle_consignor(db: Any, actor: Operator, *, consignor_id: str, start: date | str, end: date | str) -> Statement:
    """Close a period for a consignor: every sale and return of theirs in it, not settled before,
    goes on one statement (amount due = sales - commission). Raises Conflict when a sale of the
    period still has a return waiting, when there is nothing to settle or returns exceed sales."""
    start, end = parse_day(start, "start"), parse_day(end, "end")
    if start > end:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The period starts after it ends"))
    if end > local_today(db):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A period can only be settled once it is over (ends {end})"), end=end)
    with db.transaction():
        consignor = get_consignor(db, consignor_id)
        waiting = db.row("""SELECT r.number AS ret, s.number FROM consign_returns r JOIN consign_sales s ON s.id = r.sale_id
                            WHERE r.status = 'pending' AND s.day <= ? AND EXISTS (SELECT 1 FROM consign_sale_lines x
                            WHERE x.sale_id = s.id AND x.consignor_id = ?)""", (end, consignor_id))
        if waiting:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Sale {number} still has return {ret} waiting: finish or cancel it before settling"),
                           number=waiting["number"], ret=waiting["ret"])
        rows = _moves_for(db, consignor_id, start, end)
        if not rows:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} has nothing to settle from {start} to {end}"),
                           name=consignor.name, start=start, end=end)
        due = sum(r["share"] for r in rows)
        if due < 0:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Returns exceed sales for {name} in this period: nothing can be paid"),
                           name=consignor.name)
        n = int(db.value("SELECT count(*) FROM consign_settlements", default=0)) + 1
        payload = {"consignor_id": consignor_id, "number": f"JS{n:05d}", "start": start, "end": end,
                   "moves": [r["id"] for r in rows], "sales": sum(r["amount"] for r in rows),
                   "commission": sum(r["commission"] for r in rows), "total": due}
        settlement_id = new_id()
        events.record(db, actor.id, "consign.settled", settlement_id, payload)
    return statement(db, settlement_id)


def pay_settlement(db: Any, actor: Operator, *, settlement_id: str, method: str = "cash", reference: str = "") -> Statement:
    """Pay a consignor what a statement says: cash from the drawer (which must hold it), or a
    bank/WeChat transfer the keeper made from their own money (`reference` required)."""
    reference = " ".join((reference or "").split())
    with db.transaction():
        st = statement(db, settlement_id)
        if st.status != "due":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Statement {number} is not waiting to be paid"), number=st.number)
        if method not in ("cash", "transfer"):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown payment method {method}"), method=method)
        if method == "transfer" and not reference:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A transfer needs its reference number"))
        cash.ensure_open(db, actor)
        if method == "cash":
            cash.require_cash(db, st.due)
        events.record(db, actor.id, "consign.settlement_paid", settlement_id,
                      {"method": method, "reference": reference, "paid": st.due, "day": local_today(db)})
    return statement(db, settlement_id)


def cancel_settlement(db: Any, actor: Operator, *, settlement_id: str, reason: str) -> Statement:
    """Withdraw an unpaid statement; its sales can be settled again."""
    with db.transaction():
        st = statement(db, settlement_id)
        if st.status != "due":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Statement {number} is not waiting to be paid"), number=st.number)
        events.record(db, actor.id, "consign.settlement_cancelled", settlement_id, {"reason": " ".join((reason or "").split())})
    return statement(db, settlement_id)


def statement(db: Any, settlement_id: str) -> Statement:
    s = db.row("SELECT * FROM consign_settlements WHERE id = ?", (settlement_id,))
    if s is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such settlement"))
    rows = db.rows("""SELECT m.*, l.name, l.unit, coalesce(r.number, x.number) AS receipt, l.commission_bp
                      FROM consign_moves m JOIN consign_lots l ON l.id = m.lot_id JOIN consign_sales x ON x.id = m.sale_id
                      LEFT JOIN consign_returns r ON r.id = m.return_id WHERE m.settlement_id = ? OR (? = 'cancelled' AND m.id IN (SELECT value FROM json_each(?)))
                      ORDER BY m.day, x.number, m.line_no""", (settlement_id, s["status"], s["moves"]))
    return Statement(s["id"], s["number"], db.value("SELECT name FROM station", default=""),
                     get_consignor(db, s["consignor_id"]), s["start_day"], s["end_day"], _statement_lines(rows), s["sales"],
                     s["commission"], s["due"], s["status"], s["created_at"], s["paid_at"], s["method"], s["reference"])


def settlements(db: Any, consignor_id: str | None = None) -> list[Statement]:
    return [statement(db, r["id"]) for r in db.rows(
        "SELECT id FROM consign_settlements WHERE ? IS NULL OR consignor_id = ? ORDER BY number DESC LIMIT 100",
        (consignor_id, consignor_id))]


@dataclass(frozen=True)
class Balance:
    """What the station holds for a consignor: on hand (at tag price), sold but not settled, settled but unpaid."""

    on_hand_value: int
    unsettled: int
    unpaid: int


def balance(db: Any, consignor_id: str) -> Balance:
    on_hand = sum(_portion(lot.price * 1000, lot.on_hand_m, 1_000_000) for lot in stock(db, consignor_id))
    unsettled = int(db.value("SELECT sum(share) FROM consign_moves WHERE consignor_id = ? AND settlement_id IS NULL"
                             " AND voided = 0", (consignor_id,), default=0))
    unpaid = int(db.value("SELECT sum(due) FROM consign_settlements WHERE consignor_id = ? AND status = 'due'",
                          (consignor_id,), default=0))
    return Balance(on_hand, unsettled, unpaid)


# -- figures for reports ----------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """Consignment (代销) figures for a period of local days, both ends included. Amounts are net
    of returns; voided sales do not count."""

    start: str
    end: str
    sales: int
    amount: int
    returns: int
    returned_amount: int
    #: category -> (sales with goods of that category, amount)
    by_category: dict[str, tuple[int, int]]
    #: sales of goods from registered poor households (建档立卡贫困户)
    poverty_sales: int
    poverty_amount: int
    poverty_consignors: int
    commission: int
    settlements_paid: int
    settlements_paid_amount: int
    lots_taken_in: int


def figures(db: Any, start: date | str, end: date | str) -> Figures:
    start, end = parse_day(start, "start"), parse_day(end, "end")
    where = "voided = 0 AND day BETWEEN ? AND ?"
    one = db.row(f"""SELECT count(DISTINCT CASE WHEN kind != 'return' THEN sale_id END) AS sales,
                            count(DISTINCT return_id) AS returns, coalesce(sum(amount), 0) AS amount,
                            coalesce(sum(CASE WHEN kind = 'return' THEN -amount ELSE 0 END), 0) AS returned,
                            coalesce(sum(commission), 0) AS commission,
                            count(DISTINCT CASE WHEN poverty AND kind != 'return' THEN sale_id END) AS p_sales,
                            coalesce(sum(CASE WHEN poverty THEN amount ELSE 0 END), 0) AS p_amount,
                            count(DISTINCT CASE WHEN poverty THEN consignor_id END) AS p_consignors
                     FROM consign_moves WHERE {where}""", (start, end))
    by_category = {c: (0, 0) for c in CATEGORIES}
    for r in db.rows(f"""SELECT category, count(DISTINCT CASE WHEN kind != 'return' THEN sale_id END) AS n, sum(amount) AS amount
                         FROM consign_moves WHERE {where} GROUP BY category""", (start, end)):
        by_category[r["category"]] = (r["n"], r["amount"])
    paid = db.row("SELECT count(*) AS n, coalesce(sum(due), 0) AS amount FROM consign_settlements"
                  " WHERE status = 'paid' AND paid_day BETWEEN ? AND ?", (start, end))
    lots = db.value("SELECT count(*) FROM consign_lots WHERE intake_day BETWEEN ? AND ?", (start, end), default=0)
    return Figures(start, end, one["sales"], one["amount"], one["returns"], one["returned"], by_category, one["p_sales"],
                   one["p_amount"], one["p_consignors"], one["commission"], paid["n"], paid["amount"], lots)


# -- appliers ---------------------------------------------------------------------------------


def _consignor_registered(db: Any, ev: Event) -> None:
    p = ev.payload
    db.insert("consignors", {"id": ev.entity_id, "number": p["number"], "kind": p["kind"], "person_id": p["person_id"],
                             "name": p["name"], "phone": p["phone"], "village": p["village"], "commission_bp": p["commission_bp"],
                             "poverty": int(p["poverty"]), "note": p["note"], "status": "active",
                             "created_at": ev.station_time, "updated_at": ev.station_time})


def _consignor_updated(db: Any, ev: Event) -> None:
    p = ev.payload
    db.update("consignors", {"id": ev.entity_id}, {"phone": p["phone"], "commission_bp": p["commission_bp"],
                                                     "village": p["village"], "note": p["note"], "updated_at": ev.station_time})


def _intake(db: Any, ev: Event) -> None:
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


def _move_stock(db: Any, lot_id: str, *, on_hand: int, sold: int = 0, handed_back: int = 0, sale_id: str | None = None) -> None:
    """Change a lot's counts and keep its status and its lot label's status in step."""
    db.execute("""UPDATE consign_lots SET on_hand_m = on_hand_m + ?, sold_m = sold_m + ?, returned_m = returned_m + ?
                  WHERE id = ?""", (on_hand, sold, handed_back, lot_id))
    db.execute("""UPDATE consign_lots SET status = CASE WHEN on_hand_m > 0 THEN 'on_hand'
                  WHEN ? > 0 THEN 'returned' WHEN ? > 0 THEN 'sold_out' ELSE status END WHERE id = ?""",
               (handed_back, sold, lot_id))
    lot = db.row("SELECT per_unit, on_hand_m, status FROM consign_lots WHERE id = ?", (lot_id,))
    if not lot["per_unit"]:
        status = "on_hand" if lot["on_hand_m"] > 0 else ("retired" if lot["status"] == "returned" else "sold")
        db.execute("UPDATE consign_codes SET status = ?, sale_id = coalesce(?, sale_id) WHERE lot_id = ?",
                   (status, sale_id, lot_id))


def _set_codes(db: Any, codes: list[str], status: str, sale_id: str | None) -> None:
    for code in codes:
        db.execute("UPDATE consign_codes SET status = ?, sale_id = ? WHERE code = ?", (status, sale_id, code))


def apply_sale(db: Any, ev: Event, sale_id: str, p: dict[str, Any]) -> None:
    """Write a sale built by `build_sale` (counter sale, or an online order packed) and post it."""
    period = db.value("SELECT id FROM cash_periods WHERE status = 'open'")
    db.insert("consign_sales", {
        "id": sale_id, "number": p["number"], "channel": p["channel"], "payment": p["payment"], "day": p["day"],
        "at": ev.station_time, "operator_id": ev.operator_id, "buyer_id": p.get("buyer_id"), "period_id": period,
        "list_total": p["list_total"], "discount": p["discount"], "total": p["total"], "commission": p["commission"],
        "share": p["share"], "tendered": p.get("tendered"), "status": "completed"})
    for line in p["lines"]:
        db.insert("consign_sale_lines", {
            "sale_id": sale_id, "line_no": line["line_no"], "lot_id": line["lot_id"], "consignor_id": line["consignor_id"],
            "codes": ",".join(line["codes"]), "quantity_m": line["quantity_m"], "price": line["price"],
            "list_amount": line["list_amount"], "discount": line["discount"], "amount": line["amount"],
            "commission_bp": line["commission_bp"], "commission": line["commission"], "share": line["share"],
            "returned_m": 0, "poverty": int(line["poverty"]), "category": line["category"]})
        if _lot_per_unit(db, line["lot_id"]):
            _set_codes(db, line["codes"], "sold", sale_id)
        _move_stock(db, line["lot_id"], on_hand=-line["quantity_m"], sold=line["quantity_m"], sale_id=sale_id)
        db.insert("consign_moves", {
            "id": f"{sale_id}:{line['line_no']}", "consignor_id": line["consignor_id"], "kind": "sale", "sale_id": sale_id,
            "return_id": None, "line_no": line["line_no"], "lot_id": line["lot_id"], "day": p["day"],
            "quantity_m": line["quantity_m"], "amount": line["amount"], "commission": line["commission"],
            "share": line["share"], "poverty": int(line["poverty"]), "category": line["category"], "channel": p["channel"],
            "voided": 0, "settlement_id": None})
    cash.post(db, ev, kind="consign_sale", service=SERVICE, memo=p["number"],
              entries=[(PAYMENT_ACCOUNTS[p["payment"]], p["total"]), (PAYABLE, -p["share"]), (INCOME, -p["commission"])])


def _sold(db: Any, ev: Event) -> None:
    apply_sale(db, ev, ev.entity_id, ev.payload)


def _sale_voided(db: Any, ev: Event) -> None:
    s = db.row("SELECT * FROM consign_sales WHERE id = ?", (ev.entity_id,))
    for line in db.rows("SELECT * FROM consign_sale_lines WHERE sale_id = ?", (ev.entity_id,)):
        if _lot_per_unit(db, line["lot_id"]):
            _set_codes(db, [c for c in line["codes"].split(",") if c], "on_hand", None)
        _move_stock(db, line["lot_id"], on_hand=line["quantity_m"], sold=-line["quantity_m"])
    db.execute("UPDATE consign_moves SET voided = 1 WHERE sale_id = ?", (ev.entity_id,))
    db.update("consign_sales", {"id": ev.entity_id}, {"status": "voided", "void_reason": ev.payload["reason"],
                                                       "voided_at": ev.station_time})
    cash.post(db, ev, kind="consign_void", service=SERVICE, memo=s["number"],
              entries=[(PAYMENT_ACCOUNTS[s["payment"]], -s["total"]), (PAYABLE, s["share"]), (INCOME, s["commission"])])


def _return_opened(db: Any, ev: Event) -> None:
    p = ev.payload
    db.insert("consign_returns", {"id": ev.entity_id, "number": p["number"], "sale_id": p["sale_id"], "reason": p["reason"],
                                  "status": "pending", "refund": p["refund"], "commission": p["commission"],
                                  "share": p["share"], "opened_at": ev.station_time, "opened_by": ev.operator_id})
    for line in p["lines"]:
        db.insert("consign_return_lines", {"return_id": ev.entity_id, "line_no": line["line_no"], "lot_id": line["lot_id"],
                                           "consignor_id": line["consignor_id"], "quantity_m": line["quantity_m"],
                                           "codes": ",".join(line["codes"]), "refund": line["refund"],
                                           "commission": line["commission"], "share": line["share"],
                                           "poverty": int(line["poverty"]), "category": line["category"]})


def _return_finished(db: Any, ev: Event) -> None:
    p = ev.payload
    r = db.row("SELECT * FROM consign_returns WHERE id = ?", (ev.entity_id,))
    for line in db.rows("SELECT * FROM consign_return_lines WHERE return_id = ?", (ev.entity_id,)):
        q = line["quantity_m"]
        db.execute("UPDATE consign_sale_lines SET returned_m = returned_m + ? WHERE sale_id = ? AND line_no = ?",
                   (q, r["sale_id"], line["line_no"]))
        _set_codes(db, [c for c in line["codes"].split(",") if c], "on_hand", None)
        _move_stock(db, line["lot_id"], on_hand=q, sold=-q)
        db.insert("consign_moves", {
            "id": f"{ev.entity_id}:{line['line_no']}", "consignor_id": line["consignor_id"], "kind": "return",
            "sale_id": r["sale_id"], "return_id": ev.entity_id, "line_no": line["line_no"], "lot_id": line["lot_id"],
            "day": p["day"], "quantity_m": -q, "amount": -line["refund"], "commission": -line["commission"],
            "share": -line["share"], "poverty": line["poverty"], "category": line["category"], "channel": "counter",
            "voided": 0, "settlement_id": None})
    if not db.value("SELECT 1 FROM consign_sale_lines WHERE sale_id = ? AND returned_m < quantity_m", (r["sale_id"],)):
        db.update("consign_sales", {"id": r["sale_id"]}, {"status": "returned"})
    db.update("consign_returns", {"id": ev.entity_id}, {"status": "done", "refund_by": p["refund_by"], "day": p["day"],
                                                         "finished_at": ev.station_time})
    cash.post(db, ev, kind="consign_refund", service=SERVICE, memo=r["number"],
              entries=[(PAYMENT_ACCOUNTS[p["refund_by"]], -r["refund"]), (PAYABLE, r["share"]), (INCOME, r["commission"])])


def _return_cancelled(db: Any, ev: Event) -> None:
    db.update("consign_returns", {"id": ev.entity_id}, {"status": "cancelled", "finished_at": ev.station_time,
                                                         "cancel_reason": ev.payload["reason"]})


def _handed_back(db: Any, ev: Event) -> None:
    p = ev.payload
    db.insert("consign_handbacks", {"id": ev.entity_id, "consignor_id": p["consignor_id"], "day": p["day"],
                                    "at": ev.station_time, "operator_id": ev.operator_id, "note": p["note"]})
    for line in p["lines"]:
        db.insert("consign_handback_lines", {"handback_id": ev.entity_id, "lot_id": line["lot_id"],
                                             "quantity_m": line["quantity_m"], "codes": ",".join(line["codes"])})
        _set_codes(db, line["codes"], "retired", None)
        _move_stock(db, line["lot_id"], on_hand=-line["quantity_m"], handed_back=line["quantity_m"])


def _settled(db: Any, ev: Event) -> None:
    p = ev.payload
    db.insert("consign_settlements", {
        "id": ev.entity_id, "number": p["number"], "consignor_id": p["consignor_id"], "start_day": p["start"],
        "end_day": p["end"], "sales": p["sales"], "commission": p["commission"], "due": p["total"],
        "moves": events.canonical(p["moves"]), "status": "due", "created_at": ev.station_time, "created_by": ev.operator_id,
        "reference": ""})
    db.execute("UPDATE consign_moves SET settlement_id = ? WHERE id IN (SELECT value FROM json_each(?))",
               (ev.entity_id, events.canonical(p["moves"])))


def _settlement_paid(db: Any, ev: Event) -> None:
    p = ev.payload
    number = db.value("SELECT number FROM consign_settlements WHERE id = ?", (ev.entity_id,))
    source = cash.DRAWER if p["method"] == "cash" else cash.OWNER
    cash.post(db, ev, kind="consign_payout", service=SERVICE, memo=number, entries=[(PAYABLE, p["paid"]), (source, -p["paid"])])
    db.update("consign_settlements", {"id": ev.entity_id}, {"status": "paid", "paid_at": ev.station_time, "paid_day": p["day"],
                                                             "paid_by": ev.operator_id, "method": p["method"],
                                                             "reference": p["reference"]})


def _settlement_cancelled(db: Any, ev: Event) -> None:
    db.execute("UPDATE consign_moves SET settlement_id = NULL WHERE settlement_id = ?", (ev.entity_id,))
    db.update("consign_settlements", {"id": ev.entity_id}, {"status": "cancelled", "cancel_reason": ev.payload["reason"]})


APPLY = {
    "consign.consignor_registered": _consignor_registered,
    "consign.consignor_updated": _consignor_updated,
    "consign.intake": _intake,
    "consign.sold": _sold,
    "consign.sale_voided": _sale_voided,
    "consign.return_opened": _return_opened,
    "consign.return_finished": _return_finished,
    "consign.return_cancelled": _return_cancelled,
    "consign.handed_back": _handed_back,
    "consign.settled": _settled,
    "consign.settlement_paid": _settlement_paid,
    "consign.settlement_cancelled": _settlement_cancelled,
}
