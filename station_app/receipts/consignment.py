"""Consignment receipts: the label on a consigned product, the shop sale and its return, and a
consignor's settlement statement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from printer.document import Receipt, ReceiptBuilder
from station_app.core.consignment.codes import spaced
from station_app.core.consignment.ledger import PAYMENTS
from station_app.core.consignment.quantities import show_qty
from station_app.i18n import translate
from station_app.receipts.layout import (
    goods_columns,
    goods_table,
    masked,
    signature,
    start,
    when,
    yuan,
)

if TYPE_CHECKING:
    from station_app.core.consignment.returns import SaleReturn
    from station_app.core.consignment.sales import SaleReceipt
    from station_app.core.consignment.settlement import Statement
    from station_app.core.consignment.tracing import LabelData


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


def item_label(d: LabelData) -> Receipt:
    """The printed label of one traceability label (`core.consignment` LabelData)."""
    return consignment_label(station=d.station_name, item_no=d.item_no, product=d.product, consignor=d.producer,
                             village=d.village, quantity=d.quantity, price_fen=d.price, intake=d.intake_day,
                             trace_payload=d.payload)


#: trace codes printed under one sale line; a line of more units prints one fewer and says how
#: many more there are (each unit carries its own label: the receipt stays short)
MAX_CODES_SHOWN = 4


@dataclass(frozen=True)
class SaleLine:
    name: str
    quantity: int
    unit_price_fen: int
    trace_codes: Sequence[str] = ()

    @property
    def amount_fen(self) -> int:
        return self.quantity * self.unit_price_fen


@dataclass(frozen=True)
class GoodsLine:
    """A line whose quantity is text, as weighed goods are sold ("2.5斤"), with its amount and
    the traceability codes of what was sold (the lot's code, or each unit's)."""

    name: str
    quantity: str
    amount_fen: int
    trace_codes: Sequence[str] = ()


def _goods_with_codes(b: ReceiptBuilder, lines: Sequence[SaleLine | GoodsLine]) -> None:
    """The goods table, each line followed by its trace codes across the whole width, in groups
    a person can read (at most `MAX_CODES_SHOWN` rows of them)."""
    rows = [(line.name, str(line.quantity), yuan(line.amount_fen)) for line in lines]
    columns = goods_columns(rows)
    for i, (line, row) in enumerate(zip(lines, rows, strict=True)):
        b.table(columns, [row], header=i == 0)
        codes = list(line.trace_codes)
        shown = codes if len(codes) <= MAX_CODES_SHOWN else codes[:MAX_CODES_SHOWN - 1]
        for code in shown:
            b.line("  " + spaced(code))
        if len(shown) < len(codes):
            b.line("  " + translate("receipt", "…and {n} more (on each item's label)").format(n=len(codes) - len(shown)))


def sale_receipt(*, station: str, receipt_no: str, lines: Sequence[SaleLine | GoodsLine], paid_fen: int,
                 when_sold: datetime | str, operator: str, payment: str = "", discount_fen: int = 0,
                 in_cash: bool = True) -> Receipt:
    """A shop sale: goods (each with its trace codes under it), any discount, total, and for
    cash the money paid and change (on the discounted total); a QR payment prints no cash lines.

    Raises ValueError for a discount below zero or above the goods' sum."""
    gross = sum(line.amount_fen for line in lines)
    if not 0 <= discount_fen <= gross:
        raise ValueError(f"a discount of {discount_fen} fen on goods worth {gross} fen")
    total = gross - discount_fen
    b = start("sale", translate("receipt", "Sale") + " " + receipt_no, station, translate("receipt", "Sales receipt"))
    b.pair(translate("receipt", "Receipt no."), receipt_no).pair(translate("receipt", "Time"), when(when_sold)).rule()
    _goods_with_codes(b, lines)
    b.rule()
    if any(line.trace_codes for line in lines):
        b.line(translate("receipt", "Under each item: its trace code, which tells where it comes from."))
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


def sale_slip(r: SaleReceipt) -> Receipt:
    """The buyer's receipt for a shop sale just made (`core.consignment.sell`)."""
    return sale_receipt(station=r.station_name, receipt_no=r.number, when_sold=r.at, operator=r.operator_name,
                        payment=translate("consignment", PAYMENTS[r.payment]),
                        paid_fen=r.tendered if r.tendered is not None else r.total, discount_fen=r.discount,
                        in_cash=r.payment == "cash",
                        lines=[GoodsLine(x.name, f"{show_qty(x.quantity_m)}{x.unit}", x.list_amount, x.codes)
                               for x in r.lines])


def sale_return_receipt(*, station: str, return_no: str, sale_no: str, lines: Sequence[SaleLine | GoodsLine],
                        refund_fen: int, refund_by: str, reason: str, when_returned: datetime | str,
                        operator: str) -> Receipt:
    """Consignment goods taken back: what came back from which sale, the money refunded and how,
    signed for by the buyer. When the refund is not the goods' sum, both are shown."""
    gross = sum(line.amount_fen for line in lines)
    title = translate("receipt", "Return and refund")
    b = start("sale_return", title + " " + return_no, station, translate("receipt", "Return and refund receipt"))
    b.center(title, bold=True, size=2)
    b.pair(translate("receipt", "Return no."), return_no).pair(translate("receipt", "Original sale no."), sale_no)
    b.pair(translate("receipt", "Time"), when(when_returned)).rule()
    goods_table(b, [(line.name, str(line.quantity), yuan(line.amount_fen)) for line in lines])
    b.rule()
    if refund_fen != gross:
        b.pair(translate("receipt", "Goods total"), yuan(gross))
    b.pair(translate("receipt", "Refund total"), yuan(refund_fen), bold=True, size=2)
    b.pair(translate("receipt", "Refunded by"), refund_by)
    if reason:
        b.pair(translate("receipt", "Reason"), reason)
    b.pair(translate("receipt", "Operator"), operator)
    signature(b, translate("receipt", "Received by (signature):"))
    return b.cut().build()


def return_slip(station: str, r: SaleReturn, operator: str) -> Receipt:
    """The buyer's signed receipt for goods taken back and the money refunded (`core.consignment`)."""
    return sale_return_receipt(
        station=station, return_no=r.number, sale_no=r.sale_number,
        lines=[GoodsLine(x.name, f"{x.quantity}{x.unit}", x.refund) for x in r.lines], refund_fen=r.refund,
        refund_by=translate("consignment", PAYMENTS[r.refund_by or "cash"]), reason=r.reason,
        when_returned=r.finished_at or "", operator=operator)


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
    b = start("settlement", translate("receipt", "Settlement") + " " + statement_no, station,
              translate("receipt", "Consignment settlement"))
    b.pair(translate("receipt", "Statement no."), statement_no).pair(translate("receipt", "Consignor"), consignor)
    b.pair(translate("receipt", "Phone"), masked(phone)).pair(translate("receipt", "Settlement period"), period).rule()
    goods_table(b, [(line.name, str(line.quantity), yuan(line.amount_fen)) for line in lines])
    b.rule().pair(translate("receipt", "Sales total"), yuan(gross))
    b.pair(translate("receipt", "Station commission"), yuan(-commission_fen))
    b.pair(translate("receipt", "Paid to consignor"), yuan(gross - commission_fen), bold=True, size=2)
    b.pair(translate("receipt", "Time"), when(when_settled)).pair(translate("receipt", "Operator"), operator)
    signature(b, translate("receipt", "Consignor (signature):"))
    return b.cut().build()


def settlement_slip(st: Statement, operator: str) -> Receipt:
    """A consignor's settlement statement (`core.consignment`), one line per sale or return."""
    return settlement_statement(
        station=st.station_name, statement_no=st.number, consignor=st.consignor.name, phone=st.consignor.phone,
        period=f"{st.start} – {st.end}", commission_fen=st.commission, when_settled=st.paid_at or st.created_at or "",
        operator=operator,
        lines=[SettlementLine(f"{x.receipt} {x.name} {x.quantity}{x.unit}", 1, x.amount) for x in st.lines])
