"""Every receipt the station prints, as functions of plain values returning a `Receipt`.

Templates take keyword arguments (and small dataclasses for lists), never database
rows, so the services can call them with what their actions return. Text is in the
station language through `translate("receipt", ...)`; money is shown with the
full-width ￥ (U+FFE5), which every GBK printer has; phones are always masked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from printer.document import Column, Receipt, ReceiptBuilder
from station_app.core.clock import show
from station_app.core.identity import mask_phone
from station_app.core.money import format_fen
from station_app.i18n import translate
from station_app.resources import asset

LOGO = ("receipt-logo.png",)


def yuan(fen: int) -> str:
    """Money for a receipt: 1250 -> '￥12.50' (full-width sign)."""
    return format_fen(fen, symbol="\uffe5")


def when(value: datetime | date | str) -> str:
    """A time as people read it (Asia/Shanghai); a stored ISO text or a date works too."""
    if isinstance(value, datetime):
        return show(value)
    if isinstance(value, date):
        return value.isoformat()
    return show(value) if "T" in value else value


def masked(phone: str | None) -> str:
    """A phone as receipts show it (138****5678); an already masked one stays as it is."""
    if not phone or "*" in phone:
        return phone or ""
    return mask_phone("".join(c for c in phone if c.isdigit()))


def station_logo() -> bytes | None:
    """The receipt logo (assets/receipt-logo.png), None when it is missing."""
    path = asset(*LOGO)
    return path.read_bytes() if path.exists() else None


def _start(kind: str, title: str, station: str, heading: str, *, logo: bool = False) -> ReceiptBuilder:
    b = ReceiptBuilder(kind, title)
    png = station_logo() if logo else None
    if png:
        b.image(png)
    b.center(station, bold=True, size=2).center(heading, bold=True).rule("=")
    return b


def _signature(b: ReceiptBuilder, label: str) -> ReceiptBuilder:
    return b.feed(1).line(label + "________________").feed(1).line(translate("receipt", "Date:") + "________________")


def pickup_slip(*, station: str, pickup_code: str, waybill: str, phone: str | None, carrier: str = "",
                recipient: str = "", shelf: str = "", arrived: datetime | str = "") -> Receipt:
    """Shelf label and pickup slip for an arrived parcel: the pickup code very large."""
    b = ReceiptBuilder("pickup_slip", translate("receipt", "Pickup code") + " " + pickup_code)
    b.center(station, bold=True).center(translate("receipt", "Parcel pickup slip")).rule("=")
    b.center(translate("receipt", "Pickup code"))
    b.center(pickup_code, bold=True, size=3).rule()
    b.pair(translate("receipt", "Waybill"), waybill)
    if carrier:
        b.pair(translate("receipt", "Carrier"), carrier)
    if recipient:
        b.pair(translate("receipt", "Recipient"), recipient)
    b.pair(translate("receipt", "Phone"), masked(phone))
    if shelf:
        b.pair(translate("receipt", "Shelf"), shelf)
    if arrived:
        b.pair(translate("receipt", "Arrived at"), when(arrived))
    b.barcode(waybill)
    b.line(translate("receipt", "Show the pickup code or give the last 4 digits of your phone to collect."))
    return b.cut().build()


def parcel_out_receipt(*, station: str, receipt_no: str, waybill: str, carrier: str, sender: str,
                       sender_phone: str | None, destination: str, weight_g: int, fee_fen: int,
                       when_taken: datetime | str, operator: str, contents: str = "",
                       farm_produce: bool = False, fee_from_county: bool = False) -> Receipt:
    """The sender's receipt for an outbound parcel, with its waybill as a barcode."""
    b = _start("parcel_out", translate("receipt", "Parcel sent") + " " + waybill, station,
               translate("receipt", "Parcel sending receipt"))
    b.pair(translate("receipt", "Receipt no."), receipt_no)
    b.pair(translate("receipt", "Waybill"), waybill).pair(translate("receipt", "Carrier"), carrier)
    b.pair(translate("receipt", "Sender"), sender).pair(translate("receipt", "Phone"), masked(sender_phone))
    b.pair(translate("receipt", "Destination"), destination)
    if contents:
        b.pair(translate("receipt", "Contents"), contents)
    b.pair(translate("receipt", "Weight"), f"{weight_g / 1000:.2f} kg")
    if farm_produce:
        b.line(translate("receipt", "Farm produce sent out of the county (county programme)"))
    b.rule()
    if fee_from_county:
        b.pair(translate("receipt", "Postage"), yuan(fee_fen)).line(translate("receipt", "Paid by the county subsidy"))
    else:
        b.pair(translate("receipt", "Postage"), yuan(fee_fen), bold=True, size=2)
    b.rule().pair(translate("receipt", "Time"), when(when_taken)).pair(translate("receipt", "Operator"), operator)
    b.barcode(waybill)
    return b.cut().build()


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
    b = _start("bill_accepted", translate("receipt", "Bill accepted") + " " + p.receipt_no, station,
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
    b = _start("bill_paid", translate("receipt", "Bill paid") + " " + p.receipt_no, station,
               p.heading or translate("receipt", "Bill payment: PAID"))
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
    b = _start("bill_failed", translate("receipt", "Bill failed") + " " + p.receipt_no, station,
               p.heading or translate("receipt", "Bill payment: FAILED"))
    b.center(translate("receipt", "PAYMENT FAILED"), bold=True, size=2)
    _bill_lines(b, p)
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
    b = _start("bill_refunded", translate("receipt", "Refund") + " " + p.receipt_no, station,
               p.heading or translate("receipt", "Bill payment: REFUNDED"))
    _bill_lines(b, p)
    if p.reason:
        b.pair(translate("receipt", "Reason"), p.reason)
    b.rule().pair(translate("receipt", "Refund amount"), yuan(refund), bold=True, size=2)
    b.pair(translate("receipt", "Refund time"), when(p.refunded_at or p.accepted_at))
    b.pair(translate("receipt", "Operator"), p.operator)
    if p.notice:
        b.line(p.notice)
    _signature(b, translate("receipt", "Received by (signature):"))
    return b.cut().build()


def consignment_label(*, station: str, item_no: str, product: str, consignor: str, village: str,
                      quantity: str, price_fen: int, intake: date | datetime | str, trace_payload: str,
                      grade: str = "") -> Receipt:
    """The label on a consigned product: price, producer and a traceability QR."""
    b = ReceiptBuilder("consignment_label", translate("receipt", "Consignment label") + " " + item_no)
    b.center(station, bold=True).rule("=")
    b.center(product, bold=True, size=2)
    if grade:
        b.center(grade)
    b.center(yuan(price_fen), bold=True, size=2).rule()
    b.pair(translate("receipt", "Quantity"), quantity)
    b.pair(translate("receipt", "Producer"), consignor).pair(translate("receipt", "Origin"), village)
    b.pair(translate("receipt", "Taken in"), when(intake)).pair(translate("receipt", "Item no."), item_no)
    b.qr(trace_payload).center(translate("receipt", "Scan to trace where it comes from"))
    return b.cut().build()


@dataclass(frozen=True)
class SaleLine:
    name: str
    quantity: int
    unit_price_fen: int

    @property
    def amount_fen(self) -> int:
        return self.quantity * self.unit_price_fen


def _goods_table(b: ReceiptBuilder, rows: list[tuple[str, ...]]) -> None:
    b.table([Column(translate("receipt", "Goods")), Column(translate("receipt", "Qty"), 4, "right"),
             Column(translate("receipt", "Amount"), 11, "right")], rows)


def sale_receipt(*, station: str, receipt_no: str, lines: Sequence[SaleLine], paid_fen: int,
                 when_sold: datetime | str, operator: str, payment: str = "") -> Receipt:
    """A shop sale: goods, total, cash paid and change."""
    total = sum(line.amount_fen for line in lines)
    b = _start("sale", translate("receipt", "Sale") + " " + receipt_no, station, translate("receipt", "Sales receipt"))
    b.pair(translate("receipt", "Receipt no."), receipt_no).pair(translate("receipt", "Time"), when(when_sold)).rule()
    _goods_table(b, [(line.name, str(line.quantity), yuan(line.amount_fen)) for line in lines])
    b.rule().pair(translate("receipt", "Total"), yuan(total), bold=True, size=2)
    if payment:
        b.pair(translate("receipt", "Paid by"), payment)
    b.pair(translate("receipt", "Cash paid"), yuan(paid_fen)).pair(translate("receipt", "Change given"), yuan(max(paid_fen - total, 0)))
    b.pair(translate("receipt", "Operator"), operator).center(translate("receipt", "Thank you!"))
    return b.cut().build()


@dataclass(frozen=True)
class SettlementLine:
    name: str
    quantity: int
    amount_fen: int


def settlement_statement(*, station: str, statement_no: str, consignor: str, phone: str | None, period: str,
                         lines: Sequence[SettlementLine], commission_fen: int, when_settled: datetime | str,
                         operator: str) -> Receipt:
    """What a consignor's goods sold for, the station's commission and the money paid out, signed."""
    gross = sum(line.amount_fen for line in lines)
    b = _start("settlement", translate("receipt", "Settlement") + " " + statement_no, station,
               translate("receipt", "Consignment settlement"))
    b.pair(translate("receipt", "Statement no."), statement_no).pair(translate("receipt", "Consignor"), consignor)
    b.pair(translate("receipt", "Phone"), masked(phone)).pair(translate("receipt", "Settlement period"), period).rule()
    _goods_table(b, [(line.name, str(line.quantity), yuan(line.amount_fen)) for line in lines])
    b.rule().pair(translate("receipt", "Sales total"), yuan(gross))
    b.pair(translate("receipt", "Station commission"), yuan(-commission_fen))
    b.pair(translate("receipt", "Paid to consignor"), yuan(gross - commission_fen), bold=True, size=2)
    b.pair(translate("receipt", "Time"), when(when_settled)).pair(translate("receipt", "Operator"), operator)
    _signature(b, translate("receipt", "Consignor (signature):"))
    return b.cut().build()


def training_card(*, station: str, attendee: str, village: str, phone: str | None, payload: str,
                  session: str = "", starts: datetime | str = "", place: str = "") -> Receipt:
    """A trainee's sign-in card: name and a QR the sign-in scanner reads."""
    b = ReceiptBuilder("training_card", translate("receipt", "Training card") + " " + attendee)
    b.center(station, bold=True).center(translate("receipt", "Training sign-in card"), bold=True).rule("=")
    b.center(attendee, bold=True, size=2).center(f"{village}  {masked(phone)}".strip())
    if session:
        b.rule().pair(translate("receipt", "Course"), session)
    if starts:
        b.pair(translate("receipt", "Time"), when(starts))
    if place:
        b.pair(translate("receipt", "Place"), place)
    b.qr(payload).center(translate("receipt", "Show this code at sign-in"))
    return b.cut().build()


@dataclass(frozen=True)
class CashLine:
    label: str
    count: int
    amount_fen: int


def cash_close(*, station: str, day: date | str, operator: str, opening_fen: int, lines: Sequence[CashLine],
               counted_fen: int, when_closed: datetime | str) -> Receipt:
    """The day's cash close: what came in and went out per service, expected against counted."""
    expected = opening_fen + sum(line.amount_fen for line in lines)
    diff = counted_fen - expected
    b = _start("cash_close", translate("receipt", "Cash close") + " " + when(day), station,
               translate("receipt", "Daily cash close"))
    b.pair(translate("receipt", "Business day"), when(day)).pair(translate("receipt", "Operator"), operator)
    b.pair(translate("receipt", "Opening float"), yuan(opening_fen)).rule()
    b.table([Column(translate("receipt", "Business")), Column(translate("receipt", "Transactions"), 5, "right"),
             Column(translate("receipt", "Amount"), 12, "right")],
            [(line.label, str(line.count), yuan(line.amount_fen)) for line in lines])
    b.rule().pair(translate("receipt", "Expected cash"), yuan(expected), bold=True)
    b.pair(translate("receipt", "Counted cash"), yuan(counted_fen), bold=True)
    label = translate("receipt", "Over") if diff > 0 else translate("receipt", "Short") if diff < 0 \
        else translate("receipt", "Difference")
    b.pair(label, yuan(abs(diff)), bold=True, size=2 if diff else 1)
    b.pair(translate("receipt", "Closed at"), when(when_closed))
    _signature(b, translate("receipt", "Operator (signature):"))
    return b.cut().build()


def printer_test_page(*, paper_mm: int, printer: str = "", profile: str = "", station: str = "",
              printed: datetime | str = "") -> Receipt:
    """A page that shows what the printer can do: sizes, Chinese, widths, QR, barcode, cut."""
    from printer.profiles import paper

    cols = paper(paper_mm).columns
    b = _start("test_page", translate("receipt", "Printer test page"), station or translate("receipt", "Village Station"),
               translate("receipt", "Printer test page"), logo=True)
    b.pair(translate("receipt", "Printer"), printer or "-").pair(translate("receipt", "Printer model"), profile or "-")
    b.pair(translate("receipt", "Paper width"), f"{paper_mm} mm / {cols}").pair(translate("receipt", "Time"), when(printed) or "-")
    b.line("".join(str(i % 10) for i in range(1, cols + 1)))
    b.line(translate("receipt", "Normal size 中文 ABC 123")).line(translate("receipt", "Bold 粗体"), bold=True)
    b.line(translate("receipt", "Double 2倍"), size=2)
    b.line(translate("receipt", "Left aligned"), align="left").line(translate("receipt", "Centred"), align="center")
    b.line(translate("receipt", "Right aligned"), align="right")
    b.line("，。、；：！？（）【】《》“”‘’…—￥·")
    b.line("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 !@#$%^&*()-+=/\\")
    b.table([Column(translate("receipt", "Goods")), Column(translate("receipt", "Qty"), 4, "right"),
             Column(translate("receipt", "Amount"), 10, "right")],
            [("高山土豆 5 斤装", "2", yuan(3600)), ("Honey 蜂蜜", "1", yuan(4850))])
    b.rule().qr("VS1:TEST:" + str(paper_mm)).barcode("SF1234567890123")
    b.center(translate("receipt", "If you can read every line above, the printer works."))
    return b.cut().build()
