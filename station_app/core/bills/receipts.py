"""The receipts a bill may have (accepted, paid, failed, refunded) and what each says; the
domain result that `station_app.receipts` lays out on paper.
"""

from __future__ import annotations

from dataclasses import dataclass

from station_app.core.bills.lookups import get_bill
from station_app.core.bills.records import (
    ACCEPTED,
    PAID,
    PENDING,
    REFUND_DUE,
    REFUNDED,
    VOIDED,
    Bill,
)
from station_app.core.money import format_fen
from station_app.core.station import get_station
from station_app.db import Store
from station_app.errors import Conflict
from station_app.i18n import QT_TRANSLATE_NOOP, translate

RECEIPT_TITLES = {
    "accepted": QT_TRANSLATE_NOOP("bills", "Bill payment acceptance slip"),
    "paid": QT_TRANSLATE_NOOP("bills", "Bill payment success receipt"),
    "failed": QT_TRANSLATE_NOOP("bills", "Bill payment failure notice"),
    "refunded": QT_TRANSLATE_NOOP("bills", "Bill payment refund receipt"),
    "voided": QT_TRANSLATE_NOOP("bills", "Bill payment void receipt"),
}
#: a bill paid by a demo hub (its simulated biller): the receipt must never pass for proof
DEMO_TITLE = QT_TRANSLATE_NOOP("bills", "DEMO bill payment (simulated, NOT paid)")
DEMO_NOTICE = QT_TRANSLATE_NOOP("bills", "DEMO: the county hub runs in demo mode. Nothing was paid to the biller; "
                                         "this slip is not proof of payment.")
RECEIPT_NOTICES = {
    "accepted": QT_TRANSLATE_NOOP("bills", "Accepted, NOT yet paid. Only the payment success receipt proves payment."),
    "paid": QT_TRANSLATE_NOOP("bills", "Paid: the biller has confirmed this payment."),
    "failed": QT_TRANSLATE_NOOP("bills", "The payment failed. The full amount and fee are refunded at the station."),
    "refunded": QT_TRANSLATE_NOOP("bills", "Refunded in full in cash. The payer signs below."),
    "voided": QT_TRANSLATE_NOOP("bills", "Voided before it went to the county: it will NOT be paid. The amount and "
                                         "fee were handed back in cash. The payer signs below."),
}
#: a bill the biller paid only part of (部分成功): its failure notice and refund receipt say what
#: was paid and what comes back
PART_TITLES = {
    "failed": QT_TRANSLATE_NOOP("bills", "Bill payment partly paid notice"),
    "refunded": QT_TRANSLATE_NOOP("bills", "Bill payment partial refund receipt"),
}
PART_NOTICES = {
    "failed": QT_TRANSLATE_NOOP("bills", "Partly paid: the biller paid {paid} of {amount} (reference {ref}). The "
                                         "unpaid {unpaid} is refunded at the station; the service fee is kept."),
    "refunded": QT_TRANSLATE_NOOP("bills", "Partly paid: the biller paid {paid} of {amount} (reference {ref}). The "
                                           "unpaid {unpaid} was refunded in cash; the service fee is kept. The payer "
                                           "signs below."),
}
#: the receipts a bill may have in each state, the one for the state last
RECEIPT_KINDS = {ACCEPTED: ("accepted",), PENDING: ("accepted",), PAID: ("accepted", "paid"),
                 REFUND_DUE: ("accepted", "failed"), REFUNDED: ("accepted", "failed", "refunded"),
                 VOIDED: ("accepted", "voided")}


@dataclass(frozen=True)
class BillReceipt:
    """One receipt of a bill: what it is, and everything printed on it."""

    kind: str  # accepted | paid | failed | refunded | voided
    bill: Bill
    station: str
    operator: str

    @property
    def number(self) -> str:
        if self.kind == "refunded":
            return self.bill.refund_no or ""
        return (self.bill.void_no or "") if self.kind == "voided" else self.bill.receipt_no

    @property
    def demo(self) -> bool:
        """A receipt of a demo payment (the hub's simulated biller): it says 演示 all over."""
        return self.kind == "paid" and bool(self.bill.demo)

    @property
    def partly_paid(self) -> bool:
        """The failure notice or refund receipt of a bill the biller paid part of."""
        return self.bill.partly_paid and self.kind in PART_NOTICES

    @property
    def title(self) -> str:
        if self.partly_paid:
            return translate("bills", PART_TITLES[self.kind])
        return translate("bills", DEMO_TITLE if self.demo else RECEIPT_TITLES[self.kind])

    @property
    def notice(self) -> str:
        if self.partly_paid:
            b = self.bill
            return translate("bills", PART_NOTICES[self.kind]).format(
                paid=format_fen(b.paid_amount or 0), amount=format_fen(b.amount), unpaid=format_fen(b.refund_amount),
                ref=b.biller_ref or "-")
        return translate("bills", DEMO_NOTICE if self.demo else RECEIPT_NOTICES[self.kind])

    @property
    def account_name(self) -> str:
        """The holder the biller reported, else the payer; shown with the name-check result."""
        return self.bill.holder_reported or self.bill.payer_name


def receipt(db: Store, bill_id: str, kind: str | None = None) -> BillReceipt:
    """A receipt the bill may have now (default: the one for its state). A success receipt
    exists only for a paid bill, a refund receipt only for a refunded one: Conflict otherwise,
    so no receipt ever claims more than is true."""
    bill = get_bill(db, bill_id)
    allowed = RECEIPT_KINDS[bill.state]
    kind = kind or allowed[-1]
    if kind not in allowed:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "No such receipt for this bill: it is {state}"), state=bill.state_text())
    who = {"refunded": bill.refunded_by, "voided": bill.voided_by}.get(kind) or bill.operator_id
    operator = db.value("SELECT name FROM operators WHERE id = ?", (who,), default="")
    station = get_station(db)
    return BillReceipt(kind, bill, station.name if station else "", operator)
