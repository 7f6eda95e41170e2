"""The printed slips of proxy orders and online-shop orders, made from what the core returns."""

from __future__ import annotations

from printer import templates
from printer.document import Receipt
from station_app.core import consignment as cs
from station_app.core.online_orders import OnlineOrder
from station_app.core.proxy_orders import ProxyOrder
from station_app.i18n import translate


def _goods(order: ProxyOrder) -> str:
    return order.description


def _paid_by(payment: str) -> str:
    return translate("consignment", cs.PAYMENTS.get(payment, payment))


def order_slip(station: str, operator: str, order: ProxyOrder, payment: str) -> Receipt:
    return templates.order_slip(
        station=station, order_no=order.number, villager=order.person_name, phone=order.phone_masked, goods=_goods(order),
        quantity=order.quantity, unit=order.unit, estimate_fen=order.estimate, fee_fen=order.fee, deposit_fen=order.deposit,
        payment=_paid_by(payment), when_placed=order.created_at, operator=operator, payload=order.payload)


def order_pickup_receipt(station: str, operator: str, order: ProxyOrder, payment: str) -> Receipt:
    return templates.order_pickup_receipt(
        station=station, order_no=order.number, villager=order.person_name, phone=order.phone_masked, goods=_goods(order),
        cost_fen=order.cost or 0, fee_fen=order.fee, deposit_fen=order.deposit, balance_fen=order.balance or 0,
        payment=_paid_by(payment), when_picked_up=order.closed_at or "", operator=operator)


def order_cancelled_receipt(station: str, operator: str, order: ProxyOrder, reason: str) -> Receipt:
    return templates.order_cancelled_receipt(
        station=station, order_no=order.number, villager=order.person_name, phone=order.phone_masked, goods=_goods(order),
        deposit_fen=order.deposit, reason=reason, when_cancelled=order.closed_at or "", operator=operator)


def packing_slip(db: object, station: str, operator: str, order: OnlineOrder, when_packed: str) -> Receipt:
    """The list that goes in the box: each line with the trace codes of the units packed."""
    codes: dict[str, list[str]] = {}
    if order.sale_id:
        for line in cs.sale_lines(db, order.sale_id):
            codes.setdefault(line.lot_id, []).extend(line.codes)
    lines = [templates.PackedLine(str(x.get("name", "")), f"{x.get('quantity', '')}{x.get('unit', '')}",
                                   codes.get(str(x.get("lot_id")), [])) for x in order.lines]
    return templates.online_packing_slip(
        station=station, order_no=order.number, platform=order.platform, receiver=order.receiver_name,
        phone=order.receiver_phone_masked, address=order.receiver_address, lines=lines, when_packed=when_packed,
        operator=operator)

