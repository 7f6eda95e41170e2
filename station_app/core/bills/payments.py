"""Taking a payment (受理), refunding a failed one, settling a conflict: the station's own bill
events and their appliers.

Money (cash ledger): accepting posts drawer +(amount + fee), payable:bills -amount,
income:bills -fee. A refund hands back the amount AND the fee: payable:bills +amount,
income:bills +fee, drawer -(amount + fee).
"""

from __future__ import annotations

from dataclasses import dataclass

from station_app.clock import iso, local_day, show
from station_app.core import cash, events, people
from station_app.core.bills.billers import catalogue
from station_app.core.bills.checks import check_account, check_amount
from station_app.core.bills.lookups import get_bill, recent_payment
from station_app.core.bills.records import ACCEPTED, REFUND_DUE, REFUNDED, Bill, DuplicatePayment
from station_app.core.events import Event
from station_app.core.money import check_fen, format_fen
from station_app.core.operators import Operator, check_name
from station_app.db import Store
from station_app.errors import Conflict, PermissionDenied, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

SERVICE = "bills"
PAYABLE, INCOME = "payable:bills", "income:bills"


@dataclass(frozen=True)
class Quote:
    amount: int
    fee: int

    @property
    def total(self) -> int:
        return self.amount + self.fee


def quote(db: Store, *, product_id: str, amount: int | None) -> Quote:
    """What the payer hands over for this product and amount (ValidationError for a bad amount)."""
    product = catalogue(db).product(product_id)
    return Quote(check_amount(product, amount), product.fee)


def _number(db: Store, column: str, prefix: str) -> str:
    day = local_day(db.clock.now()).strftime("%Y%m%d")
    n = int(db.value(f"SELECT count(*) FROM bills WHERE {column} LIKE ?", (f"{prefix}{day}-%",), default=0)) + 1
    return f"{prefix}{day}-{n:03d}"


def accept_payment(db: Store, actor: Operator, *, product_id: str, account: str, amount: int | None = None,
                   cash_received: int | None = None, payer_id: str | None = None, payer_name: str = "",
                   holder_name: str = "", confirm_duplicate: bool = False) -> Bill:
    """Take a villager's cash for a bill or top-up (受理). The bill is NOT paid yet: the county
    hub pays it after the next sync. `cash_received` defaults to exactly amount + fee.

    Raises ValidationError (account rule, amount, cash short, payer), NotFound (product, person),
    DuplicatePayment when the same account was paid within `bills.duplicate_minutes` and
    `confirm_duplicate` is not set."""
    product = catalogue(db).product(product_id)
    account = check_account(product, account)
    amount = check_amount(product, amount)
    total = amount + product.fee
    received = total if cash_received is None else check_fen(cash_received)
    if received < total:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Cash received {cash} is less than the {total} to pay"),
                              cash=format_fen(received), total=format_fen(total))
    if payer_id:
        payer_name = people.get_person(db, payer_id).name
    elif payer_name.strip():
        payer_name = check_name(payer_name)
    holder = " ".join(holder_name.split())[:30]
    with db.transaction():
        previous = recent_payment(db, product, account)
        if previous and not confirm_duplicate:
            minutes = int(previous.age(db.clock.now()).total_seconds() // 60)
            raise DuplicatePayment(previous, max(0, minutes))
        cash.ensure_open(db, actor)
        bill_id = new_id()
        events.record(db, actor.id, "bill.accepted", bill_id, {
            "receipt_no": _number(db, "receipt_no", "JF"), "product_id": product.id, "biller_id": product.biller_id,
            "biller_name": product.biller_name, "product_name": product.name, "kind": product.kind,
            "account": account, "amount": amount, "fee": product.fee,
            "commission": amount * product.commission_bp // 10_000, "cash_received": received,
            "change": received - total, "payer_id": payer_id or None, "payer_name": payer_name.strip(),
            "name_check": "not_checked" if product.name_check else "not_offered", "holder_expected": holder,
            "duplicate_of": previous.id if previous else None, "at": iso(db.clock.now())}, appliers=APPLY)
    return get_bill(db, bill_id)


def refund_bill(db: Store, actor: Operator, *, bill_id: str) -> Bill:
    """Hand the cash of a failed bill back to the payer (amount and fee; of a partly paid one,
    the unpaid part), with a refund receipt the payer signs. Raises NotFound, Conflict (not failed, already refunded, drawer short)."""
    with db.transaction():
        bill = get_bill(db, bill_id)
        if bill.state == REFUNDED:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "This bill was already refunded on {time} (receipt {receipt})"),
                           time=show(bill.refunded_at or bill.accepted_at), receipt=bill.refund_no)
        if bill.state != REFUND_DUE:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Only a bill the county reported failed can be refunded; this one is: {state}"),
                           state=bill.state_text())
        cash.ensure_open(db, actor)
        cash.require_cash(db, bill.refund_amount)
        paid = bill.paid_amount or 0  # 部分成功: only the unpaid part goes back, the fee stays
        events.record(db, actor.id, "bill.refunded", bill_id, {
            "refund_no": _number(db, "refund_no", "TK"), "amount": bill.amount - paid,
            "fee": 0 if bill.partly_paid else bill.fee, "paid_amount": bill.paid_amount,
            "at": iso(db.clock.now())}, appliers=APPLY)
    return get_bill(db, bill_id)


def settle_conflict(db: Store, actor: Operator, *, bill_id: str, note: str) -> Bill:
    """A manager notes how a conflicting result was sorted out with the county; clears the flag."""
    if not actor.is_manager:
        raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "Only a manager can settle a conflict"))
    note = " ".join((note or "").split())[:500]
    if not note:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Write down how it was settled"))
    with db.transaction():
        if not get_bill(db, bill_id).conflict:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "This bill has no conflict to settle"))
        events.record(db, actor.id, "bill.conflict_settled", bill_id, {"note": note, "at": iso(db.clock.now())}, appliers=APPLY)
    return get_bill(db, bill_id)


# -- appliers -------------------------------------------------------------------------------------


def _accepted(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("bills", {
        "id": ev.entity_id, "receipt_no": p["receipt_no"], "product_id": p["product_id"], "biller_id": p["biller_id"],
        "biller_name": p["biller_name"], "product_name": p["product_name"], "kind": p["kind"], "account": p["account"],
        "amount": p["amount"], "fee": p["fee"], "commission": p["commission"], "cash_received": p["cash_received"],
        "change": p["change"], "payer_id": p["payer_id"], "payer_name": p["payer_name"], "operator_id": ev.operator_id,
        "state": ACCEPTED, "accepted_at": p["at"], "name_check": p["name_check"], "holder_expected": p["holder_expected"],
        "duplicate_of": p["duplicate_of"], "seq": ev.seq})
    cash.post(db, ev, kind="bill_accepted", service=SERVICE,
              entries=[(cash.DRAWER, p["amount"] + p["fee"]), (PAYABLE, -p["amount"]), (INCOME, -p["fee"])],
              memo=p["receipt_no"])


def _refunded(db: Store, ev: Event) -> None:
    p = ev.payload
    db.update("bills", {"id": ev.entity_id}, {"state": REFUNDED, "refunded_at": p["at"], "refund_no": p["refund_no"],
                                              "refund_fee": p["fee"], "refunded_by": ev.operator_id})
    cash.post(db, ev, kind="bill_refunded", service=SERVICE,
              entries=[(PAYABLE, p["amount"]), (INCOME, p["fee"]), (cash.DRAWER, -(p["amount"] + p["fee"]))],
              memo=p["refund_no"])


def _conflict_settled(db: Store, ev: Event) -> None:
    db.update("bills", {"id": ev.entity_id}, {"conflict": "", "conflict_detail": "",
                                              "conflict_note": ev.payload["note"]})


APPLY = {
    "bill.accepted": _accepted,
    "bill.refunded": _refunded,
    "bill.conflict_settled": _conflict_settled,
}
