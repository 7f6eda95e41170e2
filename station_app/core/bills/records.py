"""A bill payment as the screens and receipts see it, and its ranked states:

    accepted (0) < pending (1) < paid (2)
                               < refund_due (2, the biller said failed) < refunded (3)
    accepted (0) < voided (3, the same day, before it went to the county)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from station_app.clock import parse_iso
from station_app.core.bills.checks import mask_account
from station_app.core.money import format_fen
from station_app.db.store import Row
from station_app.errors import Conflict
from station_app.i18n import QT_TRANSLATE_NOOP, translate

ACCEPTED, PENDING, PAID, REFUND_DUE, REFUNDED = "accepted", "pending", "paid", "refund_due", "refunded"
VOIDED = "voided"
STATES: dict[str, str] = {
    ACCEPTED: QT_TRANSLATE_NOOP("bills", "Accepted, waiting to go to the county"),
    PENDING: QT_TRANSLATE_NOOP("bills", "Being paid"),
    PAID: QT_TRANSLATE_NOOP("bills", "Paid"),
    REFUND_DUE: QT_TRANSLATE_NOOP("bills", "Failed: refund due"),
    REFUNDED: QT_TRANSLATE_NOOP("bills", "Refunded"),
    VOIDED: QT_TRANSLATE_NOOP("bills", "Voided: cash handed back, never sent to the county"),
}
DEMO_PAID = QT_TRANSLATE_NOOP("bills", "Demo: simulated payment, NOT really paid")
PART_STATES: dict[str, str] = {
    REFUND_DUE: QT_TRANSLATE_NOOP("bills", "Partly paid ({paid}): refund of the unpaid {unpaid} due"),
    REFUNDED: QT_TRANSLATE_NOOP("bills", "Partly paid ({paid}): the unpaid {unpaid} refunded"),
}
RANK = {ACCEPTED: 0, PENDING: 1, PAID: 2, REFUND_DUE: 2, REFUNDED: 3, VOIDED: 3}
#: what the hub may report for a request; "submitted" (handed to the biller) ranks as pending
RESULT_STATUSES = ("submitted", "pending", "paid", "failed", "partial")

CONFLICTS: dict[str, str] = {
    "paid_after_refund": QT_TRANSLATE_NOOP(
        "bills", "The county reports this bill PAID after the cash was refunded: the biller and the payer both "
                 "have the money. Call the county."),
    "paid_after_failed": QT_TRANSLATE_NOOP(
        "bills", "The county first reported this bill failed, then paid: it is paid and no refund is owed. "
                 "Check the biller's reference."),
    "failed_after_paid": QT_TRANSLATE_NOOP(
        "bills", "The county reports this bill failed after reporting it paid. It stays paid; ask the county "
                 "which is right."),
    "paid_after_void": QT_TRANSLATE_NOOP(
        "bills", "The county reports this bill PAID, but it was voided at the station and the cash handed back: "
                 "the biller and the payer both have the money. Call the county."),
    "partly_paid": QT_TRANSLATE_NOOP(
        "bills", "The biller paid only part of this bill ({detail}). It stays pending here: the county settles "
                 "the rest with the payer."),
    "second_reference": QT_TRANSLATE_NOOP(
        "bills", "The county reported this bill paid twice with different references ({detail}). Ask the "
                 "county whether it was paid twice."),
}
NAME_CHECKS: dict[str, str] = {
    "not_offered": QT_TRANSLATE_NOOP("bills", "Not offered by this biller"),
    "not_checked": QT_TRANSLATE_NOOP("bills", "Not checked (offline)"),
    "reported": QT_TRANSLATE_NOOP("bills", "Holder reported by the biller"),
    "matches": QT_TRANSLATE_NOOP("bills", "Holder matches"),
    "differs": QT_TRANSLATE_NOOP("bills", "Holder differs: check with the payer"),
}


@dataclass(frozen=True)
class Bill:
    id: str  # the request id the hub pays with: the idempotency key
    receipt_no: str
    product_id: str
    biller_id: str
    biller_name: str
    product_name: str
    kind: str
    account: str
    amount: int
    fee: int
    commission: int
    cash_received: int
    change: int
    payer_id: str | None
    payer_name: str
    operator_id: str
    state: str
    accepted_at: str
    pending_since: str | None = None
    paid_at: str | None = None
    failed_at: str | None = None
    refunded_at: str | None = None
    biller_ref: str = ""
    result_message: str = ""
    name_check: str = "not_checked"
    holder_expected: str = ""
    holder_reported: str = ""
    refund_no: str | None = None
    refund_fee: int = 0
    refunded_by: str | None = None
    conflict: str = ""
    conflict_detail: str = ""
    conflict_note: str = ""
    duplicate_of: str | None = None
    seq: int = 0  # the station seq of its acceptance (went to the county once the hub acked it)
    voided_at: str | None = None
    voided_by: str | None = None
    void_no: str | None = None
    void_reason: str = ""
    void_requested_at: str | None = None  # voiding asked of the county (after it went there)
    demo: int = 0  # paid by a demo hub's simulated biller: nothing was really paid (issue 19)
    paid_amount: int | None = None  # 部分成功: what the biller paid; the rest is refunded at the counter

    @property
    def partly_paid(self) -> bool:
        return self.paid_amount is not None

    @property
    def refund_amount(self) -> int:
        """What the payer gets back when this bill is refunded: all of it (amount and fee) when
        it failed; only the unpaid part when the biller paid part of it (the fee stays: the
        service was given)."""
        if self.paid_amount is not None:
            return self.amount - self.paid_amount
        return self.amount + self.fee

    @property
    def total(self) -> int:
        return self.amount + self.fee

    @property
    def account_masked(self) -> str:
        return mask_account(self.account)

    @property
    def label(self) -> str:
        return f"{self.biller_name} {self.product_name}"

    def state_text(self) -> str:
        """The bill's state in words; a demo hub's "paid" says it was not really paid."""
        if self.demo and self.state == PAID:
            return translate("bills", DEMO_PAID)
        if self.partly_paid and self.state in (REFUND_DUE, REFUNDED):
            return translate("bills", PART_STATES[self.state]).format(
                paid=format_fen(self.paid_amount or 0), unpaid=format_fen(self.refund_amount))
        return translate("bills", STATES[self.state])

    def conflict_text(self) -> str:
        return translate("bills", CONFLICTS[self.conflict]).format(detail=self.conflict_detail) if self.conflict else ""

    def age(self, now: datetime) -> timedelta:
        return now - parse_iso(self.accepted_at)


@dataclass(frozen=True)
class BillResult:
    """One result the county sent for a bill, and what it did (`effect`: applied, repeat, late,
    conflict, orphan, unknown_status)."""

    id: str
    request_id: str
    status: str
    biller_ref: str
    message: str
    at: str
    effect: str


class DuplicatePayment(Conflict):
    """The same account was paid a few minutes ago; the operator must confirm a second payment."""

    def __init__(self, previous: Bill, minutes: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "{account} was already paid {minutes} minutes ago ({amount}, receipt {receipt}). "
                                        "Take it again only if the payer really wants to pay twice."),
            account=previous.account_masked, minutes=minutes, amount=format_fen(previous.amount),
            receipt=previous.receipt_no)
        self.previous = previous


_BILL_FIELDS = tuple(Bill.__dataclass_fields__)


def _bill(r: Row) -> Bill:
    return Bill(**{k: r[k] for k in _BILL_FIELDS})
