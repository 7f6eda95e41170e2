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
from printer.text import printable, width
from station_app.clock import show
from station_app.core.consignment import spaced
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


@dataclass(frozen=True)
class GoodsLine:
    """A line whose quantity is text, as weighed goods are sold ("2.5斤"), with its amount."""

    name: str
    quantity: str
    amount_fen: int


@dataclass(frozen=True)
class PackedLine:
    """A line of a packed parcel: no price, but the trace codes of the goods in it."""

    name: str
    quantity: str
    trace_codes: Sequence[str] = ()


def _goods_table(b: ReceiptBuilder, rows: list[tuple[str, ...]], *, amounts: bool = True) -> None:
    """Goods, quantity and (with `amounts`) amount; the quantity column widens for texts like '2.5斤'."""
    qty = min(max([4, *(width(printable(row[1])) for row in rows)]), 8)
    columns = [Column(translate("receipt", "Goods")), Column(translate("receipt", "Qty"), qty, "right")]
    if amounts:
        columns.append(Column(translate("receipt", "Amount"), 11, "right"))
    b.table(columns, rows)


def sale_receipt(*, station: str, receipt_no: str, lines: Sequence[SaleLine | GoodsLine], paid_fen: int,
                 when_sold: datetime | str, operator: str, payment: str = "", discount_fen: int = 0,
                 in_cash: bool = True) -> Receipt:
    """A shop sale: goods, any discount, total, and for cash the money paid and change (on the
    discounted total); a QR payment prints no cash lines.

    Raises ValueError for a discount below zero or above the goods' sum."""
    gross = sum(line.amount_fen for line in lines)
    if not 0 <= discount_fen <= gross:
        raise ValueError(f"a discount of {discount_fen} fen on goods worth {gross} fen")
    total = gross - discount_fen
    b = _start("sale", translate("receipt", "Sale") + " " + receipt_no, station, translate("receipt", "Sales receipt"))
    b.pair(translate("receipt", "Receipt no."), receipt_no).pair(translate("receipt", "Time"), when(when_sold)).rule()
    _goods_table(b, [(line.name, str(line.quantity), yuan(line.amount_fen)) for line in lines])
    b.rule()
    if discount_fen:
        b.pair(translate("receipt", "Discount"), yuan(-discount_fen))
    b.pair(translate("receipt", "Total"), yuan(total), bold=True, size=2)
    if payment:
        b.pair(translate("receipt", "Paid by"), payment)
    if in_cash:
        b.pair(translate("receipt", "Cash paid"), yuan(paid_fen)).pair(translate("receipt", "Change given"),
                                                                        yuan(max(paid_fen - total, 0)))
    b.pair(translate("receipt", "Operator"), operator).center(translate("receipt", "Thank you!"))
    return b.cut().build()


def sale_return_receipt(*, station: str, return_no: str, sale_no: str, lines: Sequence[SaleLine | GoodsLine],
                        refund_fen: int, refund_by: str, reason: str, when_returned: datetime | str,
                        operator: str) -> Receipt:
    """Consignment goods taken back: what came back from which sale, the money refunded and how,
    signed for by the buyer. When the refund is not the goods' sum, both are shown."""
    gross = sum(line.amount_fen for line in lines)
    title = translate("receipt", "Return and refund")
    b = _start("sale_return", title + " " + return_no, station, translate("receipt", "Return and refund receipt"))
    b.center(title, bold=True, size=2)
    b.pair(translate("receipt", "Return no."), return_no).pair(translate("receipt", "Original sale no."), sale_no)
    b.pair(translate("receipt", "Time"), when(when_returned)).rule()
    _goods_table(b, [(line.name, str(line.quantity), yuan(line.amount_fen)) for line in lines])
    b.rule()
    if refund_fen != gross:
        b.pair(translate("receipt", "Goods total"), yuan(gross))
    b.pair(translate("receipt", "Refund total"), yuan(refund_fen), bold=True, size=2)
    b.pair(translate("receipt", "Refunded by"), refund_by)
    if reason:
        b.pair(translate("receipt", "Reason"), reason)
    b.pair(translate("receipt", "Operator"), operator)
    _signature(b, translate("receipt", "Received by (signature):"))
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


# -- proxy purchase (代购) and county online-shop orders ---------------------------------------


def _order_lines(b: ReceiptBuilder, order_no: str, villager: str, phone: str | None, goods: str) -> None:
    b.pair(translate("receipt", "Order no."), order_no).pair(translate("receipt", "Ordered by"), villager)
    b.pair(translate("receipt", "Phone"), masked(phone)).pair(translate("receipt", "Goods"), goods)


def order_slip(*, station: str, order_no: str, villager: str, phone: str | None, goods: str, quantity: int | str,
               unit: str, estimate_fen: int, fee_fen: int, deposit_fen: int, payment: str,
               when_placed: datetime | str, operator: str, payload: str) -> Receipt:
    """The villager's slip for a proxy order: the order number large, the estimated price, fee,
    deposit paid and the balance left for pickup (estimate + fee - deposit), and a QR of
    `payload` that finds the order when the slip is scanned at pickup."""
    balance = estimate_fen + fee_fen - deposit_fen
    b = _start("order_slip", translate("receipt", "Proxy order") + " " + order_no, station,
               translate("receipt", "Proxy purchase order slip"))
    b.center(translate("receipt", "Order no.")).center(order_no, bold=True, size=3).rule()
    b.pair(translate("receipt", "Ordered by"), villager).pair(translate("receipt", "Phone"), masked(phone))
    b.pair(translate("receipt", "Goods"), goods).pair(translate("receipt", "Quantity"), f"{quantity}{unit}").rule()
    b.pair(translate("receipt", "Estimated price"), yuan(estimate_fen))
    b.pair(translate("receipt", "Service fee"), yuan(fee_fen))
    b.pair(translate("receipt", "Deposit paid"), yuan(deposit_fen))
    if deposit_fen and payment:
        b.pair(translate("receipt", "Paid by"), payment)
    if balance >= 0:
        b.pair(translate("receipt", "Balance to pay at pickup (estimated)"), yuan(balance), bold=True, size=2)
    else:
        b.pair(translate("receipt", "To be returned at pickup (estimated)"), yuan(-balance), bold=True, size=2)
    b.line(translate("receipt", "The balance is worked out on the real price of the goods when you pick them up."))
    b.rule().pair(translate("receipt", "Ordered at"), when(when_placed)).pair(translate("receipt", "Operator"), operator)
    b.qr(payload).center(translate("receipt", "Bring this slip when the goods arrive."), bold=True)
    return b.cut().build()


def order_pickup_receipt(*, station: str, order_no: str, villager: str, phone: str | None, goods: str, cost_fen: int,
                         fee_fen: int, deposit_fen: int, balance_fen: int, payment: str,
                         when_picked_up: datetime | str, operator: str) -> Receipt:
    """The goods of a proxy order handed over: real cost, fee, the deposit taken off, and either
    the balance paid or the money given back, with the villager's signature.

    Raises ValueError when the balance is not cost + fee - deposit (the receipt would not add up)."""
    if balance_fen != cost_fen + fee_fen - deposit_fen:
        raise ValueError(f"balance {balance_fen} is not cost {cost_fen} + fee {fee_fen} - deposit {deposit_fen}")
    b = _start("order_pickup", translate("receipt", "Order pickup") + " " + order_no, station,
               translate("receipt", "Proxy purchase pickup receipt"))
    _order_lines(b, order_no, villager, phone, goods)
    b.rule().pair(translate("receipt", "Cost of the goods"), yuan(cost_fen))
    b.pair(translate("receipt", "Service fee"), yuan(fee_fen))
    b.pair(translate("receipt", "Order total"), yuan(cost_fen + fee_fen), bold=True)
    b.pair(translate("receipt", "Deposit already paid"), yuan(-deposit_fen)).rule()
    if balance_fen > 0:
        b.pair(translate("receipt", "Balance paid"), yuan(balance_fen), bold=True, size=2)
        b.pair(translate("receipt", "Paid by"), payment)
    elif balance_fen < 0:
        b.pair(translate("receipt", "Returned to you"), yuan(-balance_fen), bold=True, size=2)
        b.pair(translate("receipt", "Returned by"), payment)
        b.line(translate("receipt", "The deposit was more than the order total; the difference was given back to you."))
    else:
        b.line(translate("receipt", "The deposit paid for the whole order; nothing more was paid."), bold=True)
    b.pair(translate("receipt", "Picked up at"), when(when_picked_up)).pair(translate("receipt", "Operator"), operator)
    _signature(b, translate("receipt", "Goods received by (signature):"))
    return b.cut().build()


def order_cancelled_receipt(*, station: str, order_no: str, villager: str, phone: str | None, goods: str,
                            deposit_fen: int, reason: str, when_cancelled: datetime | str,
                            operator: str) -> Receipt:
    """A proxy order cancelled: the deposit given back (or that there was none), signed."""
    b = _start("order_cancelled", translate("receipt", "Order cancelled") + " " + order_no, station,
               translate("receipt", "Proxy purchase cancellation"))
    b.center(translate("receipt", "ORDER CANCELLED"), bold=True, size=2)
    _order_lines(b, order_no, villager, phone, goods)
    if reason:
        b.pair(translate("receipt", "Reason"), reason)
    b.rule()
    if deposit_fen:
        b.pair(translate("receipt", "Deposit returned"), yuan(deposit_fen), bold=True, size=2)
    else:
        b.line(translate("receipt", "No deposit was paid, so there is nothing to give back."), bold=True)
    b.pair(translate("receipt", "Cancelled at"), when(when_cancelled)).pair(translate("receipt", "Operator"), operator)
    _signature(b, translate("receipt", "Received by (signature):") if deposit_fen
               else translate("receipt", "Ordered by (signature):"))
    return b.cut().build()


def online_packing_slip(*, station: str, order_no: str, platform: str, receiver: str, phone: str | None,
                        address: str, lines: Sequence[PackedLine], when_packed: datetime | str,
                        operator: str) -> Receipt:
    """The slip inside a county online-shop parcel: who it is for, and the goods with their
    trace codes (in groups a person can read) under each, and how to trace them."""
    rows: list[tuple[str, ...]] = []
    for line in lines:
        rows.append((line.name, line.quantity))
        rows += [("  " + spaced(code), "") for code in line.trace_codes]
    b = _start("online_packing", translate("receipt", "Packing slip") + " " + order_no, station,
               translate("receipt", "Online order packing slip"))
    b.pair(translate("receipt", "Order no."), order_no).pair(translate("receipt", "Platform"), platform)
    b.pair(translate("receipt", "Deliver to"), receiver).pair(translate("receipt", "Phone"), masked(phone))
    b.pair(translate("receipt", "Address"), address).rule()
    _goods_table(b, rows, amounts=False)
    b.rule().line(translate("receipt", "Each item's label has a QR code: scan it to see who produced it and where. "
                                       "Its trace code is listed under the item."))
    b.pair(translate("receipt", "Packed at"), when(when_packed)).pair(translate("receipt", "Packed by"), operator)
    b.center(translate("receipt", "Thank you for buying from our village!"))
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
