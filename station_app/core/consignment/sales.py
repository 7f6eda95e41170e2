"""Counter sales of consigned goods: gathering what was scanned or picked, pricing and
discounting it, the receipt, and voiding a sale rung up by mistake."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from station_app.core import cash, events, settings
from station_app.core.consignment.codes import label_payload
from station_app.core.consignment.consignors import _person_poverty
from station_app.core.consignment.ledger import (
    COUNTER_PAYMENTS,
    PAYMENTS,
    check_method,
    post_takings,
)
from station_app.core.consignment.lots import Lot, _move_stock, codes_of, get_lot
from station_app.core.consignment.quantities import (
    _allocate,
    _portion,
    local_today,
    share_of,
    show_qty,
    to_milli,
)
from station_app.core.consignment.tracing import _not_expired, check_label
from station_app.core.events import Event
from station_app.core.money import format_fen
from station_app.core.operators import Operator
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id


@dataclass(frozen=True)
class SaleItem:
    """What the operator put on the sale: a scanned label (`code`) or a lot picked from the stock
    list (`lot_id`), and the quantity (ignored for a unit's own label: that is one unit)."""

    code: str | None = None
    lot_id: str | None = None
    quantity: str | int = 1


@dataclass
class Picked:
    """One lot of a sale (or of goods handed back): the labels it takes and how much, in thousandths."""

    lot: Lot
    codes: list[str] = field(default_factory=list)
    qty: int = 0


def _gather(db: Store, items: Sequence[SaleItem], *, allow_expired: bool = False) -> list[Picked]:
    """Sale lines (one per lot, in the order first seen) with the codes they take. Expired goods
    only with `allow_expired` (handing them back to their consignor)."""
    lines: dict[str, Picked] = {}
    for item in items:
        if item.code:
            found = check_label(db, item.code, allow_expired=allow_expired)
            lot = found.lot
            line = lines.setdefault(lot.id, Picked(lot))
            if lot.per_unit:
                if found.code in line.codes:
                    raise Conflict(QT_TRANSLATE_NOOP("errors", "Label {code} was scanned twice"), code=found.code)
                line.codes.append(found.code)
                line.qty += 1000
                continue
            if not line.codes:
                line.codes.append(found.code)
            line.qty += to_milli(item.quantity, lot.unit)
        elif item.lot_id:
            lot = get_lot(db, item.lot_id)
            if not allow_expired:
                _not_expired(db, lot)
            line = lines.setdefault(lot.id, Picked(lot))
            qty = to_milli(item.quantity, lot.unit)
            if lot.per_unit:
                free = [c for c in codes_of(db, lot.id, "on_hand") if c not in line.codes]
                line.codes.extend(free[: qty // 1000])
            elif not line.codes:
                line.codes.extend(codes_of(db, lot.id)[:1])
            line.qty += qty
        else:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Scan a label or pick goods from the stock list"))
    for line in lines.values():
        lot = line.lot
        if line.qty > lot.on_hand_m or (lot.per_unit and len(line.codes) * 1000 < line.qty):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Only {on_hand} {unit} of {name} are on hand; {wanted} cannot be sold"),
                           on_hand=lot.on_hand, unit=lot.unit, name=lot.name, wanted=show_qty(line.qty))
    return list(lines.values())


def build_sale(db: Store, items: Sequence[SaleItem], *, discount: int = 0, payment: str = "cash",
               prices: dict[str, int] | None = None) -> dict[str, Any]:
    """The payload of a sale (validated, nothing written). `prices` overrides a lot's tag price
    (an online order sells at the county platform's price)."""
    if not items:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The sale is empty"))
    check_method(payment, PAYMENTS)
    if isinstance(discount, bool) or not isinstance(discount, int) or discount < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A discount must be zero or more"))
    gathered = _gather(db, items)
    priced: list[tuple[Picked, int, int]] = []  # (line, unit price, amount at that price)
    for line in gathered:
        price = (prices or {}).get(line.lot.id, line.lot.price)
        priced.append((line, price, _portion(price * 1000, line.qty, 1_000_000) if line.qty else 0))
    list_total = sum(listed for _, _, listed in priced)
    limit_pct = int(settings.get(db, "consignment.max_discount_pct"))
    if discount * 100 > list_total * limit_pct:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "A discount of {discount} is more than the county allows ({pct}% of {total})"),
                       discount=format_fen(discount), pct=limit_pct, total=format_fen(list_total))
    cuts = _allocate(discount, [listed for _, _, listed in priced])
    lines = []
    for i, ((picked, price, listed), cut) in enumerate(zip(priced, cuts, strict=True)):
        lot, amount = picked.lot, listed - cut
        commission = share_of(amount, lot.commission_bp)
        consignor = db.row("SELECT person_id FROM consignors WHERE id = ?", (lot.consignor_id,))
        assert consignor is not None, f"lot {lot.id} has no consignor"
        lines.append({"line_no": i + 1, "lot_id": lot.id, "consignor_id": lot.consignor_id, "codes": picked.codes,
                      "quantity_m": picked.qty, "price": price, "list_amount": listed, "discount": cut,
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


def sell(db: Store, actor: Operator, *, items: Sequence[SaleItem], payment: str = "cash", discount: int = 0,
         tendered: int | None = None, buyer_id: str | None = None) -> SaleReceipt:
    """A counter sale: cash into the drawer (or a QR payment to `clearing:qr`), the consignors'
    share owed to them, the commission earned. Raises ValidationError (bad label, quantity,
    payment), Conflict (more than on hand, a sold or foreign label, too big a discount)."""
    check_method(payment, COUNTER_PAYMENTS)
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
        events.record(db, actor.id, "consign.sold", sale_id, payload, appliers=APPLY)
    return sale_receipt(db, sale_id)


def _sale_row(db: Store, sale_id: str) -> Row:
    row = db.row("SELECT * FROM consign_sales WHERE id = ?", (sale_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such sale"))
    return row


def find_sale(db: Store, number: str) -> str:
    """A sale's id from its receipt number (as printed)."""
    sale_id = db.value("SELECT id FROM consign_sales WHERE number = ?", ((number or "").strip().upper(),))
    if sale_id is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No sale with receipt number {number}"), number=number)
    return str(sale_id)


def sale_lines(db: Store, sale_id: str) -> list[SaleLine]:
    rows = db.rows("""SELECT s.*, l.name, l.unit, l.lot_no, c.name AS consignor_name,
                             EXISTS (SELECT 1 FROM consign_moves m WHERE m.sale_id = s.sale_id AND m.line_no = s.line_no
                                     AND m.kind = 'sale' AND m.settlement_id IS NOT NULL) AS settled
                      FROM consign_sale_lines s JOIN consign_lots l ON l.id = s.lot_id JOIN consignors c ON c.id = s.consignor_id
                      WHERE s.sale_id = ? ORDER BY s.line_no""", (sale_id,))
    return [SaleLine(r["line_no"], r["lot_id"], r["lot_no"], r["name"], r["unit"], r["category"], r["consignor_id"],
                     r["consignor_name"], tuple(c for c in r["codes"].split(",") if c), r["quantity_m"], r["price"],
                     r["list_amount"], r["discount"], r["amount"], r["commission"], r["returned_m"], bool(r["poverty"]),
                     bool(r["settled"])) for r in rows]


def sale_receipt(db: Store, sale_id: str) -> SaleReceipt:
    s = _sale_row(db, sale_id)
    lines = sale_lines(db, sale_id)
    op = db.value("SELECT name FROM operators WHERE id = ?", (s["operator_id"],), default="")
    refunded = int(db.value("SELECT sum(refund) FROM consign_returns WHERE sale_id = ? AND status = 'done'", (sale_id,), default=0))
    change = s["tendered"] - s["total"] if s["tendered"] is not None else None
    payloads = {c: label_payload(db, c) for line in lines for c in line.codes}
    return SaleReceipt(s["id"], s["number"], db.value("SELECT name FROM station", default=""), s["at"], op, s["payment"],
                       lines, s["list_total"], s["discount"], s["total"], s["tendered"], change, s["status"], refunded,
                       any(line.poverty for line in lines), payloads)


def recent_sales(db: Store, limit: int = 30) -> list[Row]:
    return db.rows("SELECT * FROM consign_sales ORDER BY at DESC, number DESC LIMIT ?", (limit,))


def void_sale(db: Store, actor: Operator, *, sale_id: str, reason: str) -> SaleReceipt:
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
        events.record(db, actor.id, "consign.sale_voided", sale_id, {"reason": reason, "day": local_today(db)}, appliers=APPLY)
    return sale_receipt(db, sale_id)


# -- appliers ---------------------------------------------------------------------------------


def apply_sale(db: Store, ev: Event, sale_id: str, p: dict[str, Any]) -> None:
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
        _move_stock(db, line["lot_id"], on_hand=-line["quantity_m"], sold=line["quantity_m"], codes=line["codes"],
                    sale_id=sale_id)
        db.insert("consign_moves", {
            "id": f"{sale_id}:{line['line_no']}", "consignor_id": line["consignor_id"], "kind": "sale", "sale_id": sale_id,
            "return_id": None, "line_no": line["line_no"], "lot_id": line["lot_id"], "day": p["day"],
            "quantity_m": line["quantity_m"], "amount": line["amount"], "commission": line["commission"],
            "share": line["share"], "poverty": int(line["poverty"]), "category": line["category"], "channel": p["channel"],
            "voided": 0, "settlement_id": None})
    post_takings(db, ev, kind="consign_sale", memo=p["number"], payment=p["payment"], total=p["total"], share=p["share"],
                 commission=p["commission"])


def _sold(db: Store, ev: Event) -> None:
    apply_sale(db, ev, ev.entity_id, ev.payload)


def _sale_voided(db: Store, ev: Event) -> None:
    s = db.row("SELECT * FROM consign_sales WHERE id = ?", (ev.entity_id,))
    assert s is not None, f"no sale {ev.entity_id}"
    for line in db.rows("SELECT * FROM consign_sale_lines WHERE sale_id = ?", (ev.entity_id,)):
        _move_stock(db, line["lot_id"], on_hand=line["quantity_m"], sold=-line["quantity_m"],
                    codes=[c for c in line["codes"].split(",") if c])
    db.execute("UPDATE consign_moves SET voided = 1 WHERE sale_id = ?", (ev.entity_id,))
    db.update("consign_sales", {"id": ev.entity_id}, {"status": "voided", "void_reason": ev.payload["reason"],
                                                       "voided_at": ev.station_time})
    post_takings(db, ev, kind="consign_void", memo=s["number"], payment=s["payment"], total=-s["total"], share=-s["share"],
                 commission=-s["commission"])


APPLY = {
    "consign.sold": _sold,
    "consign.sale_voided": _sale_voided,
}
