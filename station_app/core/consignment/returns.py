"""Goods coming back: a buyer returning goods (refunded at once, or waiting for the consignor
to inspect them), and a consignor taking unsold goods home (their labels are retired)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from station_app.core import cash, events
from station_app.core.consignment.codes import parse_trace
from station_app.core.consignment.consignors import get_consignor
from station_app.core.consignment.ledger import COUNTER_PAYMENTS, check_method, post_takings
from station_app.core.consignment.lots import Lot, _lot_per_unit, _move_stock, get_lot, stock
from station_app.core.consignment.quantities import _portion, local_today, show_qty, to_milli
from station_app.core.consignment.sales import SaleItem, SaleLine, _gather, _sale_row, sale_lines
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.db import Store
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

# -- returns from buyers ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnItem:
    line_no: int
    quantity: str | int | None = None  # None: everything of the line not yet returned
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
    sale_number: str = ""
    refund_by: str | None = None  # 'cash' or 'qr' once the money went back
    finished_at: str | None = None
    lines: tuple[ReturnLine, ...] = ()


@dataclass(frozen=True)
class ReturnLine:
    """What came back on one line of the sale (the refund receipt lists them)."""

    name: str
    quantity: str
    unit: str
    codes: tuple[str, ...]
    refund: int


def _return(db: Store, return_id: str) -> SaleReturn:
    r = db.row("SELECT * FROM consign_returns WHERE id = ?", (return_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such return"))
    lines = tuple(ReturnLine(x["name"], show_qty(x["quantity_m"]), x["unit"], tuple(c for c in x["codes"].split(",") if c),
                             x["refund"]) for x in db.rows(
        """SELECT l.name, l.unit, x.quantity_m, x.codes, x.refund FROM consign_return_lines x
           JOIN consign_lots l ON l.id = x.lot_id WHERE x.return_id = ? ORDER BY x.line_no""", (return_id,)))
    return SaleReturn(r["id"], r["number"], r["sale_id"], r["status"], r["refund"], r["commission"], r["share"], r["reason"],
                      db.value("SELECT number FROM consign_sales WHERE id = ?", (r["sale_id"],), default=""), r["refund_by"],
                      r["finished_at"], lines)


def return_items(db: Store, actor: Operator, *, sale_id: str, items: Sequence[ReturnItem] | None = None, reason: str,
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
            refund = _returned_part(line.amount, line, qty)
            commission = _returned_part(line.commission, line, qty)
            out.append({"line_no": line.line_no, "lot_id": line.lot_id, "consignor_id": line.consignor_id, "quantity_m": qty,
                        "codes": codes, "refund": refund, "commission": commission, "share": refund - commission,
                        "category": line.category, "poverty": line.poverty})
        if not out:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Everything on receipt {number} was already returned"), number=s["number"])
        refund_by = check_method(refund_by or s["payment"], COUNTER_PAYMENTS)
        total = sum(x["refund"] for x in out)
        n = int(db.value("SELECT count(*) FROM consign_returns", default=0)) + 1
        payload = {"sale_id": sale_id, "number": f"TH{n:05d}", "reason": reason, "lines": out, "refund": total,
                   "commission": sum(x["commission"] for x in out), "share": sum(x["share"] for x in out)}
        return_id = new_id()
        events.record(db, actor.id, "consign.return_opened", return_id, payload, appliers=APPLY)
        if refund_now:
            _finish(db, actor, return_id, refund_by)
    return _return(db, return_id)


def _returned_part(amount: int, line: SaleLine, qty: int) -> int:
    """The part of a line's `amount` that `qty` more returned thousandths take back; parts
    returned one after another add up to the whole amount exactly."""
    done = line.returned_m
    return _portion(amount, done + qty, line.quantity_m) - _portion(amount, done, line.quantity_m)


def codes_sold_on(db: Store, sale_id: str, line: SaleLine) -> list[str]:
    """Unit labels of a sale line that are still counted as sold on it."""
    return [c for c in line.codes if db.value("SELECT 1 FROM consign_codes WHERE code = ? AND status = 'sold' AND sale_id = ?",
                                              (c, sale_id))]


def _waiting_return(db: Store, return_id: str) -> SaleReturn:
    r = _return(db, return_id)
    if r.status != "pending":
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Return {number} is already finished"), number=r.number)
    return r


def _finish(db: Store, actor: Operator, return_id: str, refund_by: str) -> None:
    r = _waiting_return(db, return_id)
    check_method(refund_by, COUNTER_PAYMENTS)
    cash.ensure_open(db, actor)
    if refund_by == "cash":
        cash.require_cash(db, r.refund)
    events.record(db, actor.id, "consign.return_finished", return_id, {"refund_by": refund_by, "day": local_today(db)}, appliers=APPLY)


def finish_return(db: Store, actor: Operator, *, return_id: str, refund_by: str = "cash") -> SaleReturn:
    """Pay back a waiting return and put its goods on hand again."""
    with db.transaction():
        _finish(db, actor, return_id, refund_by)
    return _return(db, return_id)


def cancel_return(db: Store, actor: Operator, *, return_id: str, reason: str) -> SaleReturn:
    """Drop a waiting return (the buyer keeps the goods, no money moves)."""
    with db.transaction():
        _waiting_return(db, return_id)
        events.record(db, actor.id, "consign.return_cancelled", return_id, {"reason": " ".join((reason or "").split())}, appliers=APPLY)
    return _return(db, return_id)


def pending_returns(db: Store) -> list[SaleReturn]:
    return [_return(db, r["id"]) for r in db.rows("SELECT id FROM consign_returns WHERE status = 'pending' ORDER BY opened_at")]


# -- handing unsold goods back to the consignor -----------------------------------------------


def hand_back(db: Store, actor: Operator, *, consignor_id: str, items: Sequence[SaleItem] | None = None,
              note: str = "") -> list[Lot]:
    """The consignor takes unsold goods home: stock goes down and their labels are retired for
    good. `items` as for a sale (scanned labels or lots and quantities); None = all on hand."""
    with db.transaction():
        consignor = get_consignor(db, consignor_id)
        if items is None:
            items = [SaleItem(lot_id=lot.id, quantity=show_qty(lot.on_hand_m)) for lot in stock(db, consignor_id)]
        if not items:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} has no goods on hand"), name=consignor.name)
        lines: list[dict[str, Any]] = []  # the event's lines
        for picked in _gather(db, items, allow_expired=True):
            if picked.lot.consignor_id != consignor_id:
                raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} (lot {lot}) belongs to another consignor"),
                               name=picked.lot.name, lot=picked.lot.lot_no)
            lines.append({"lot_id": picked.lot.id, "quantity_m": picked.qty,
                          "codes": picked.codes if picked.lot.per_unit else []})
        events.record(db, actor.id, "consign.handed_back", new_id(),
                      {"consignor_id": consignor_id, "day": local_today(db), "note": (note or "").strip()[:200], "lines": lines}, appliers=APPLY)
    return [get_lot(db, line["lot_id"]) for line in lines]


# -- appliers ---------------------------------------------------------------------------------


def _return_opened(db: Store, ev: Event) -> None:
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


def _return_finished(db: Store, ev: Event) -> None:
    p = ev.payload
    r = db.row("SELECT * FROM consign_returns WHERE id = ?", (ev.entity_id,))
    assert r is not None, f"no return {ev.entity_id}"
    for line in db.rows("SELECT * FROM consign_return_lines WHERE return_id = ?", (ev.entity_id,)):
        q = line["quantity_m"]
        db.execute("UPDATE consign_sale_lines SET returned_m = returned_m + ? WHERE sale_id = ? AND line_no = ?",
                   (q, r["sale_id"], line["line_no"]))
        _move_stock(db, line["lot_id"], on_hand=q, sold=-q, codes=[c for c in line["codes"].split(",") if c])
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
    post_takings(db, ev, kind="consign_refund", memo=r["number"], payment=p["refund_by"], total=-r["refund"],
                 share=-r["share"], commission=-r["commission"])


def _return_cancelled(db: Store, ev: Event) -> None:
    db.update("consign_returns", {"id": ev.entity_id}, {"status": "cancelled", "finished_at": ev.station_time,
                                                         "cancel_reason": ev.payload["reason"]})


def _handed_back(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("consign_handbacks", {"id": ev.entity_id, "consignor_id": p["consignor_id"], "day": p["day"],
                                    "at": ev.station_time, "operator_id": ev.operator_id, "note": p["note"]})
    for line in p["lines"]:
        db.insert("consign_handback_lines", {"handback_id": ev.entity_id, "lot_id": line["lot_id"],
                                             "quantity_m": line["quantity_m"], "codes": ",".join(line["codes"])})
        _move_stock(db, line["lot_id"], on_hand=-line["quantity_m"], handed_back=line["quantity_m"], codes=line["codes"])


APPLY = {
    "consign.return_opened": _return_opened,
    "consign.return_finished": _return_finished,
    "consign.return_cancelled": _return_cancelled,
    "consign.handed_back": _handed_back,
}
