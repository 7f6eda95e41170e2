"""Settling with a consignor: a statement of their sales and returns over a period (amount due
= sales - commission), paying it out of the drawer or by transfer, withdrawing an unpaid one,
and what the station holds for a consignor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from station_app.core import cash, events
from station_app.core.consignment.consignors import Consignor, get_consignor
from station_app.core.consignment.ledger import PAYABLE, SERVICE, check_method
from station_app.core.consignment.lots import stock
from station_app.core.consignment.quantities import _portion, local_today, parse_day, show_qty
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id


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


def _statement_rows(db: Store, where: str, params: tuple[Any, ...]) -> list[Row]:
    """The sales and returns (`consign_moves`) matching `where`, as statement lines are made from them."""
    return db.rows(f"""SELECT m.*, l.name, l.unit, coalesce(r.number, s.number) AS receipt, l.commission_bp
                       FROM consign_moves m JOIN consign_lots l ON l.id = m.lot_id JOIN consign_sales s ON s.id = m.sale_id
                       LEFT JOIN consign_returns r ON r.id = m.return_id WHERE ({where})
                       ORDER BY m.day, s.number, m.line_no""", params)


def _moves_for(db: Store, consignor_id: str, start: str, end: str) -> list[Row]:
    """A consignor's sales and returns of a period not settled yet."""
    return _statement_rows(db, "m.consignor_id = ? AND m.day BETWEEN ? AND ? AND m.settlement_id IS NULL AND m.voided = 0",
                           (consignor_id, start, end))


def _statement_lines(rows: list[Row]) -> list[StatementLine]:
    return [StatementLine(r["day"], r["receipt"], r["kind"], r["name"], show_qty(r["quantity_m"]), r["unit"], r["amount"],
                          r["commission_bp"], r["commission"], r["share"]) for r in rows]


def settlement_preview(db: Store, *, consignor_id: str, start: date | str, end: date | str) -> Statement:
    """What settling this period would pay (nothing is written)."""
    consignor = get_consignor(db, consignor_id)
    start, end = parse_day(start, "start"), parse_day(end, "end")
    rows = _moves_for(db, consignor_id, start, end)
    lines = _statement_lines(rows)
    return Statement("", "", db.value("SELECT name FROM station", default=""), consignor, start, end, lines,
                     sum(x.amount for x in lines), sum(x.commission for x in lines), sum(x.share for x in lines), "preview")


def settle_consignor(db: Store, actor: Operator, *, consignor_id: str, start: date | str, end: date | str) -> Statement:
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
        events.record(db, actor.id, "consign.settled", settlement_id, payload, appliers=APPLY)
    return statement(db, settlement_id)


def _due_statement(db: Store, settlement_id: str) -> Statement:
    st = statement(db, settlement_id)
    if st.status != "due":
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Statement {number} is not waiting to be paid"), number=st.number)
    return st


def pay_settlement(db: Store, actor: Operator, *, settlement_id: str, method: str = "cash", reference: str = "") -> Statement:
    """Pay a consignor what a statement says: cash from the drawer (which must hold it), or a
    bank/WeChat transfer the keeper made from their own money (`reference` required)."""
    reference = " ".join((reference or "").split())
    with db.transaction():
        st = _due_statement(db, settlement_id)
        check_method(method, ("cash", "transfer"))
        if method == "transfer" and not reference:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A transfer needs its reference number"))
        cash.ensure_open(db, actor)
        if method == "cash":
            cash.require_cash(db, st.due)
        events.record(db, actor.id, "consign.settlement_paid", settlement_id,
                      {"method": method, "reference": reference, "paid": st.due, "day": local_today(db)}, appliers=APPLY)
    return statement(db, settlement_id)


def cancel_settlement(db: Store, actor: Operator, *, settlement_id: str, reason: str) -> Statement:
    """Withdraw an unpaid statement; its sales can be settled again."""
    with db.transaction():
        _due_statement(db, settlement_id)
        events.record(db, actor.id, "consign.settlement_cancelled", settlement_id, {"reason": " ".join((reason or "").split())}, appliers=APPLY)
    return statement(db, settlement_id)


def statement(db: Store, settlement_id: str) -> Statement:
    s = db.row("SELECT * FROM consign_settlements WHERE id = ?", (settlement_id,))
    if s is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such settlement"))
    # a cancelled statement no longer holds its moves: it lists the ones it held
    rows = _statement_rows(db, "m.settlement_id = ? OR (? = 'cancelled' AND m.id IN (SELECT value FROM json_each(?)))",
                           (settlement_id, s["status"], s["moves"]))
    return Statement(s["id"], s["number"], db.value("SELECT name FROM station", default=""),
                     get_consignor(db, s["consignor_id"]), s["start_day"], s["end_day"], _statement_lines(rows), s["sales"],
                     s["commission"], s["due"], s["status"], s["created_at"], s["paid_at"], s["method"], s["reference"])


def settlements(db: Store, consignor_id: str | None = None) -> list[Statement]:
    return [statement(db, r["id"]) for r in db.rows(
        "SELECT id FROM consign_settlements WHERE ? IS NULL OR consignor_id = ? ORDER BY number DESC LIMIT 100",
        (consignor_id, consignor_id))]


@dataclass(frozen=True)
class Balance:
    """What the station holds for a consignor: on hand (at tag price), sold but not settled, settled but unpaid."""

    on_hand_value: int
    unsettled: int
    unpaid: int


def balance(db: Store, consignor_id: str) -> Balance:
    on_hand = sum(_portion(lot.price * 1000, lot.on_hand_m, 1_000_000) for lot in stock(db, consignor_id))
    unsettled = int(db.value("SELECT sum(share) FROM consign_moves WHERE consignor_id = ? AND settlement_id IS NULL"
                             " AND voided = 0", (consignor_id,), default=0))
    unpaid = int(db.value("SELECT sum(due) FROM consign_settlements WHERE consignor_id = ? AND status = 'due'",
                          (consignor_id,), default=0))
    return Balance(on_hand, unsettled, unpaid)


# -- appliers ---------------------------------------------------------------------------------


def _settled(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("consign_settlements", {
        "id": ev.entity_id, "number": p["number"], "consignor_id": p["consignor_id"], "start_day": p["start"],
        "end_day": p["end"], "sales": p["sales"], "commission": p["commission"], "due": p["total"],
        "moves": events.canonical(p["moves"]), "status": "due", "created_at": ev.station_time, "created_by": ev.operator_id,
        "reference": ""})
    db.execute("UPDATE consign_moves SET settlement_id = ? WHERE id IN (SELECT value FROM json_each(?))",
               (ev.entity_id, events.canonical(p["moves"])))


def _settlement_paid(db: Store, ev: Event) -> None:
    p = ev.payload
    number = db.value("SELECT number FROM consign_settlements WHERE id = ?", (ev.entity_id,))
    source = cash.DRAWER if p["method"] == "cash" else cash.OWNER
    cash.post(db, ev, kind="consign_payout", service=SERVICE, memo=number, entries=[(PAYABLE, p["paid"]), (source, -p["paid"])])
    db.update("consign_settlements", {"id": ev.entity_id}, {"status": "paid", "paid_at": ev.station_time, "paid_day": p["day"],
                                                             "paid_by": ev.operator_id, "method": p["method"],
                                                             "reference": p["reference"]})


def _settlement_cancelled(db: Store, ev: Event) -> None:
    db.execute("UPDATE consign_moves SET settlement_id = NULL WHERE settlement_id = ?", (ev.entity_id,))
    db.update("consign_settlements", {"id": ev.entity_id}, {"status": "cancelled", "cancel_reason": ev.payload["reason"]})


APPLY = {
    "consign.settled": _settled,
    "consign.settlement_paid": _settlement_paid,
    "consign.settlement_cancelled": _settlement_cancelled,
}
