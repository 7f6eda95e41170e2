"""Bill payment receipts, one per state of a payment: accepted (not paid yet), paid, failed,
refunded, voided (the same day, before it went to the county). `bill_receipt` lays out the receipt `core.bills.receipt` says a bill may have."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from printer.document import Receipt, ReceiptBuilder
from station_app.i18n import translate
from station_app.receipts.layout import masked, signature, start, when, yuan

if TYPE_CHECKING:
    from station_app.core.bills import BillReceipt


@dataclass(frozen=True)
class BillPayment:
    """One bill payment, as the receipts for its states need it."""

    receipt_no: str
    service: str  # 电费, 水费, 话费, 医保 ...
    biller: str
    account: str  # account or phone number at the biller
    account_name: str
    amount_fen: int
    accepted_at: datetime | str
    operator: str
    fee_fen: int = 0
    biller_ref: str = ""
    paid_at: datetime | str = ""
    reason: str = ""
    refund_fen: int | None = None
    refunded_at: datetime | str = ""
    account_is_phone: bool = False  # a phone top-up: the number is masked like any phone
    heading: str = ""  # replaces the template's heading (e.g. core.bills.BillReceipt.title)
    notice: str = ""  # replaces or adds the explanation (e.g. core.bills.BillReceipt.notice)
    demo: bool = False  # paid by a demo hub's simulator: nothing was paid (says 演示 in large type)
    part_paid_fen: int | None = None  # 部分成功: what the biller paid; only the rest comes back


def _bill_lines(b: ReceiptBuilder, p: BillPayment) -> None:
    b.pair(translate("receipt", "Receipt no."), p.receipt_no)
    b.pair(translate("receipt", "Service"), p.service).pair(translate("receipt", "Biller"), p.biller)
    b.pair(translate("receipt", "Account no."), masked(p.account) if p.account_is_phone else p.account)
    b.pair(translate("receipt", "Account name"), p.account_name)
    b.pair(translate("receipt", "Amount"), yuan(p.amount_fen))
    if p.fee_fen:
        b.pair(translate("receipt", "Service fee"), yuan(p.fee_fen))
    b.pair(translate("receipt", "Cash received"), yuan(p.amount_fen + p.fee_fen), bold=True)
    b.pair(translate("receipt", "Accepted at"), when(p.accepted_at))


def bill_accepted(*, station: str, payment: BillPayment) -> Receipt:
    """Taken in, not paid yet: the slip says so plainly, so nobody takes it for proof of payment."""
    p = payment
    b = start("bill_accepted", translate("receipt", "Bill accepted") + " " + p.receipt_no, station,
              p.heading or translate("receipt", "Bill payment: ACCEPTED (not yet paid)"))
    b.center(translate("receipt", "NOT PAID YET"), bold=True, size=2)
    b.line(p.notice or translate("receipt", "The station has taken your money and will pay the bill. The bill is "
                                            "NOT paid until you get a 'Bill paid' receipt. If the payment fails, "
                                            "all of the money is given back."), bold=True).rule()
    _bill_lines(b, p)
    b.pair(translate("receipt", "Operator"), p.operator).barcode(p.receipt_no)
    b.line(translate("receipt", "Keep this slip until the payment is done."))
    return b.cut().build()


def bill_paid(*, station: str, payment: BillPayment) -> Receipt:
    """The biller confirmed the payment: its reference number is the proof."""
    p = payment
    if not p.biller_ref:
        raise ValueError("a paid bill receipt needs the biller's reference number")
    b = start("bill_paid", translate("receipt", "Bill paid") + " " + p.receipt_no, station,
              p.heading or translate("receipt", "Bill payment: PAID"))
    if p.demo:  # the hub's simulator "paid" it: in large type, and in the hub's own words (演示…)
        b.center(translate("receipt", "DEMO, NOT PAID"), bold=True, size=2)
        if p.reason:
            b.line(p.reason, bold=True)
    if p.notice:
        b.line(p.notice, bold=True)
    _bill_lines(b, p)
    b.pair(translate("receipt", "Paid at"), when(p.paid_at or p.accepted_at))
    b.pair(translate("receipt", "Biller reference"), p.biller_ref, bold=True)
    b.pair(translate("receipt", "Operator"), p.operator).barcode(p.receipt_no)
    return b.cut().build()


def bill_failed(*, station: str, payment: BillPayment) -> Receipt:
    """The biller refused the payment: the money will be given back."""
    p = payment
    b = start("bill_failed", translate("receipt", "Bill failed") + " " + p.receipt_no, station,
              p.heading or translate("receipt", "Bill payment: FAILED"))
    partly = p.part_paid_fen is not None
    b.center(translate("receipt", "PARTLY PAID") if partly else translate("receipt", "PAYMENT FAILED"), bold=True,
             size=2)
    _bill_lines(b, p)
    if partly:
        _part_lines(b, p)
    if p.reason:
        b.pair(translate("receipt", "Reason"), p.reason)
    b.rule().line(p.notice or translate("receipt", "The bill was not paid. Bring this slip to the station to get "
                                                   "your money back: {amount}.").format(
        amount=yuan(p.amount_fen + p.fee_fen)), bold=True)
    b.pair(translate("receipt", "Operator"), p.operator).barcode(p.receipt_no)
    return b.cut().build()


def bill_refunded(*, station: str, payment: BillPayment) -> Receipt:
    """Money given back for a failed or cancelled payment, signed for by the villager."""
    p = payment
    refund = p.refund_fen if p.refund_fen is not None else p.amount_fen + p.fee_fen
    b = start("bill_refunded", translate("receipt", "Refund") + " " + p.receipt_no, station,
              p.heading or translate("receipt", "Bill payment: REFUNDED"))
    _bill_lines(b, p)
    if p.part_paid_fen is not None:
        _part_lines(b, p)
    if p.reason:
        b.pair(translate("receipt", "Reason"), p.reason)
    b.rule().pair(translate("receipt", "Refund amount"), yuan(refund), bold=True, size=2)
    b.pair(translate("receipt", "Refund time"), when(p.refunded_at or p.accepted_at))
    b.pair(translate("receipt", "Operator"), p.operator)
    if p.notice:
        b.line(p.notice)
    signature(b, translate("receipt", "Received by (signature):"))
    return b.cut().build()


def _part_lines(b: ReceiptBuilder, p: BillPayment) -> None:
    """What the biller paid of a partly paid bill, and what comes back (the fee stays)."""
    paid = p.part_paid_fen or 0
    b.pair(translate("receipt", "Paid by the biller"), yuan(paid), bold=True)
    if p.biller_ref:
        b.pair(translate("receipt", "Biller reference"), p.biller_ref)
    b.pair(translate("receipt", "Unpaid part"), yuan(p.amount_fen - paid), bold=True)


def bill_voided(*, station: str, payment: BillPayment) -> Receipt:
    """Voided the same day before it went to the county: never paid, the money given back,
    signed for by the villager."""
    p = payment
    refund = p.refund_fen if p.refund_fen is not None else p.amount_fen + p.fee_fen
    b = start("bill_voided", translate("receipt", "Void") + " " + p.receipt_no, station,
              p.heading or translate("receipt", "Bill payment: VOIDED"))
    b.center(translate("receipt", "VOIDED, NOT PAID"), bold=True, size=2)
    _bill_lines(b, p)
    if p.reason:
        b.pair(translate("receipt", "Reason"), p.reason)
    b.rule().pair(translate("receipt", "Refund amount"), yuan(refund), bold=True, size=2)
    b.pair(translate("receipt", "Refund time"), when(p.refunded_at or p.accepted_at))
    b.pair(translate("receipt", "Operator"), p.operator)
    if p.notice:
        b.line(p.notice)
    signature(b, translate("receipt", "Received by (signature):"))
    return b.cut().build()


def bill_receipt(slip: BillReceipt) -> Receipt:
    """The printed receipt for one receipt of a bill (`core.bills.receipt`), by its kind."""
    b = slip.bill
    voided = slip.kind == "voided"
    payment = BillPayment(
        receipt_no=b.receipt_no, service=b.product_name, biller=b.biller_name, account=b.account_masked,
        account_name=slip.account_name, amount_fen=b.amount, fee_fen=b.fee, accepted_at=b.accepted_at,
        operator=slip.operator, biller_ref=b.biller_ref, paid_at=b.paid_at or "",
        reason=b.void_reason if voided else b.result_message,
        refund_fen=b.amount - (b.paid_amount or 0) + b.refund_fee if b.refund_no else None,
        refunded_at=(b.voided_at if voided else b.refunded_at) or "",
        notice=slip.notice if voided or slip.demo or slip.partly_paid else "",
        heading=slip.title if slip.demo or slip.partly_paid else "", demo=slip.demo,
        part_paid_fen=b.paid_amount if slip.partly_paid else None)
    make = {"accepted": bill_accepted, "paid": bill_paid, "failed": bill_failed, "refunded": bill_refunded,
            "voided": bill_voided}[slip.kind]
    return make(station=slip.station, payment=payment)
