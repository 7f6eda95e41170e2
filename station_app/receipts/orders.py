"""Order receipts: proxy purchases (代购) — the order slip, the pickup receipt, the
cancellation — and the packing slip inside a county online-shop parcel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from printer.document import Receipt, ReceiptBuilder
from station_app.core.consignment.codes import spaced
from station_app.core.consignment.ledger import PAYMENTS
from station_app.core.proxy_orders import FARM_KINDS
from station_app.i18n import translate
from station_app.receipts.layout import goods_table, masked, signature, start, when, yuan

if TYPE_CHECKING:
    from station_app.core.online_orders import OnlineOrder
    from station_app.core.proxy_orders import ProxyOrder


def _order_lines(b: ReceiptBuilder, order_no: str, villager: str, phone: str | None, goods: str) -> None:
    b.pair(translate("receipt", "Order no."), order_no).pair(translate("receipt", "Ordered by"), villager)
    b.pair(translate("receipt", "Phone"), masked(phone)).pair(translate("receipt", "Goods"), goods)


def _paid_by(payment: str) -> str:
    return translate("consignment", PAYMENTS.get(payment, payment))


def order_slip(*, station: str, order_no: str, villager: str, phone: str | None, goods: str, quantity: int | str,
               unit: str, estimate_fen: int, fee_fen: int, deposit_fen: int, payment: str,
               when_placed: datetime | str, operator: str, payload: str) -> Receipt:
    """The villager's slip for a proxy order: the order number large, the estimated price, fee,
    deposit paid and the balance left for pickup (estimate + fee - deposit), and a QR of
    `payload` that finds the order when the slip is scanned at pickup."""
    balance = estimate_fen + fee_fen - deposit_fen
    b = start("order_slip", translate("receipt", "Proxy order") + " " + order_no, station,
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


def proxy_order_slip(station: str, operator: str, order: ProxyOrder, payment: str) -> Receipt:
    """The slip for a proxy order just placed, its deposit paid by `payment` (cash, qr)."""
    return order_slip(
        station=station, order_no=order.number, villager=order.person_name, phone=order.phone_masked,
        goods=order.description, quantity=order.quantity, unit=order.unit, estimate_fen=order.estimate,
        fee_fen=order.fee, deposit_fen=order.deposit, payment=_paid_by(payment), when_placed=order.created_at,
        operator=operator, payload=order.payload)


def order_pickup_receipt(*, station: str, order_no: str, villager: str, phone: str | None, goods: str, cost_fen: int,
                         fee_fen: int, deposit_fen: int, balance_fen: int, payment: str,
                         when_picked_up: datetime | str, operator: str, farm_kind: str = "", producer: str = "",
                         batch: str = "") -> Receipt:
    """The goods of a proxy order handed over: real cost, fee, the deposit taken off, and either
    the balance paid or the money given back, with the villager's signature. A farm input
    (`farm_kind`, the kind's name) prints its producer and batch: the villager's proof of what
    was sold to them (the trace chain).

    Raises ValueError when the balance is not cost + fee - deposit (the receipt would not add up)."""
    if balance_fen != cost_fen + fee_fen - deposit_fen:
        raise ValueError(f"balance {balance_fen} is not cost {cost_fen} + fee {fee_fen} - deposit {deposit_fen}")
    b = start("order_pickup", translate("receipt", "Order pickup") + " " + order_no, station,
              translate("receipt", "Proxy purchase pickup receipt"))
    _order_lines(b, order_no, villager, phone, goods)
    if farm_kind:
        b.pair(translate("receipt", "Farm input"), farm_kind).pair(translate("receipt", "Producer"), producer)
        b.pair(translate("receipt", "Batch no."), batch, bold=True)
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
    signature(b, translate("receipt", "Goods received by (signature):"))
    return b.cut().build()


def proxy_pickup_receipt(station: str, operator: str, order: ProxyOrder, payment: str) -> Receipt:
    """The receipt for a proxy order picked up, its balance settled by `payment` (cash, qr)."""
    return order_pickup_receipt(
        station=station, order_no=order.number, villager=order.person_name, phone=order.phone_masked,
        goods=order.description, cost_fen=order.cost or 0, fee_fen=order.fee, deposit_fen=order.deposit,
        balance_fen=order.balance or 0, payment=_paid_by(payment), when_picked_up=order.closed_at or "",
        operator=operator, farm_kind=translate("orders", FARM_KINDS[order.farm_kind]) if order.farm_kind else "",
        producer=order.producer, batch=order.batch)


def order_cancelled_receipt(*, station: str, order_no: str, villager: str, phone: str | None, goods: str,
                            deposit_fen: int, reason: str, when_cancelled: datetime | str,
                            operator: str) -> Receipt:
    """A proxy order cancelled: the deposit given back (or that there was none), signed."""
    b = start("order_cancelled", translate("receipt", "Order cancelled") + " " + order_no, station,
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
    signature(b, translate("receipt", "Received by (signature):") if deposit_fen
              else translate("receipt", "Ordered by (signature):"))
    return b.cut().build()


def proxy_cancel_receipt(station: str, operator: str, order: ProxyOrder, reason: str) -> Receipt:
    """The receipt for a proxy order cancelled, its deposit (if any) given back."""
    return order_cancelled_receipt(
        station=station, order_no=order.number, villager=order.person_name, phone=order.phone_masked,
        goods=order.description, deposit_fen=order.deposit, reason=reason, when_cancelled=order.closed_at or "",
        operator=operator)


@dataclass(frozen=True)
class PackedLine:
    """A line of a packed parcel: no price, but the trace codes of the goods in it."""

    name: str
    quantity: str
    trace_codes: Sequence[str] = ()


def online_packing_slip(*, station: str, order_no: str, platform: str, receiver: str, phone: str | None,
                        address: str, lines: Sequence[PackedLine], when_packed: datetime | str,
                        operator: str) -> Receipt:
    """The slip inside a county online-shop parcel: who it is for, and the goods with their
    trace codes (in groups a person can read) under each, and how to trace them."""
    rows: list[tuple[str, ...]] = []
    for line in lines:
        rows.append((line.name, line.quantity))
        rows += [("  " + spaced(code), "") for code in line.trace_codes]
    b = start("online_packing", translate("receipt", "Packing slip") + " " + order_no, station,
              translate("receipt", "Online order packing slip"))
    b.pair(translate("receipt", "Order no."), order_no).pair(translate("receipt", "Platform"), platform)
    b.pair(translate("receipt", "Deliver to"), receiver).pair(translate("receipt", "Phone"), masked(phone))
    b.pair(translate("receipt", "Address"), address).rule()
    goods_table(b, rows, amounts=False)
    b.rule().line(translate("receipt", "Each item's label has a QR code: scan it to see who produced it and where. "
                                       "Its trace code is listed under the item."))
    b.pair(translate("receipt", "Packed at"), when(when_packed)).pair(translate("receipt", "Packed by"), operator)
    b.center(translate("receipt", "Thank you for buying from our village!"))
    return b.cut().build()


def packing_slip(station: str, operator: str, order: OnlineOrder, when_packed: str,
                 codes: Mapping[str, Sequence[str]]) -> Receipt:
    """The list that goes in the box: each line of the order with the trace codes of the units
    packed for it (`codes`: lot id -> codes, from the order's sale)."""
    lines = [PackedLine(str(x.get("name", "")), f"{x.get('quantity', '')}{x.get('unit', '')}",
                        codes.get(str(x.get("lot_id")), [])) for x in order.lines]
    return online_packing_slip(
        station=station, order_no=order.number, platform=order.platform, receiver=order.receiver_name,
        phone=order.receiver_phone_masked, address=order.receiver_address, lines=lines, when_packed=when_packed,
        operator=operator)
