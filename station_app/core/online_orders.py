"""County online-shop orders (县级电商平台): the county's shop sold goods this station holds on
consignment; the order comes down as county data (`county.online_order`), the station packs
it — the goods leave consignment stock as a sale paid to the county platform
(`receivable:county`), so the consignor is paid for them at settlement — and sends it as an
outgoing parcel (postage paid by the platform) in the carrier's next courier batch. A packed
order can be unpacked (goods back on hand, the sale voided); one the station cannot fill is
refused with its reason, which reaches the county with the next sync.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from station_app.core import cash, consignment, events, outbound
from station_app.core.consignment import SaleItem, local_today, show_qty, to_milli
from station_app.core.events import Event
from station_app.core.identity import mask_phone
from station_app.core.operators import Operator
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id


@dataclass(frozen=True)
class OnlineOrder:
    id: str
    number: str
    platform: str
    receiver_name: str
    receiver_phone_masked: str
    receiver_address: str
    lines: list[dict[str, Any]]
    total: int
    county_status: str
    status: str  # 'new', 'packed', 'sent', 'cancelled'
    sale_id: str | None
    waybill: str | None
    carrier: str | None = None
    outbound_id: str | None = None
    ordered_at: str = ""
    note: str = ""  # why the county cancelled it, or why the station could not fill it


def _online(r: Row) -> OnlineOrder:
    return OnlineOrder(r["id"], r["number"], r["platform"], r["receiver_name"], mask_phone(r["receiver_phone"]),
                       r["receiver_address"], json.loads(r["lines"]), r["total"], r["county_status"], r["status"],
                       r["sale_id"], r["waybill"], r["carrier"], r["outbound_id"], r["ordered_at"], r["note"])


def get_online_order(db: Store, order_id: str) -> OnlineOrder:
    r = db.row("SELECT * FROM online_orders WHERE id = ?", (order_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such order"))
    return _online(r)


def online_orders(db: Store, status: str | None = None) -> list[OnlineOrder]:
    return [_online(r) for r in db.rows("SELECT * FROM online_orders WHERE ? IS NULL OR status = ? ORDER BY ordered_at",
                                        (status, status))]


def pack_online_order(db: Store, actor: Operator, *, order_id: str, codes: Sequence[str] = ()) -> OnlineOrder:
    """Pack an online order. Lines that sell this station's consignment lots take the goods
    out of stock: scan each unit's label (`codes`) for goods with unit labels (unscanned
    units are taken in label order); weighed goods by the ordered quantity. Raises Conflict
    (cancelled, already packed, not enough on hand, a label not in the order)."""
    with db.transaction():
        order = get_online_order(db, order_id)
        if order.county_status == "cancelled" or order.status == "cancelled":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "The county cancelled order {number}"), number=order.number)
        if order.status != "new":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Order {number} is already packed"), number=order.number)
        scanned: dict[str, list[str]] = {}
        for text in codes:
            found = consignment.check_label(db, text)
            scanned.setdefault(found.lot.id, []).append(found.code)
        items: list[SaleItem] = []
        prices: dict[str, int] = {}
        for line in order.lines:
            lot_id = line.get("lot_id")
            if not lot_id:
                continue
            lot = consignment.get_lot(db, lot_id)
            prices[lot_id] = int(line["price"])
            qty = to_milli(line["quantity"], lot.unit)
            mine = scanned.pop(lot_id, [])
            if lot.per_unit:
                if len(mine) * 1000 > qty:
                    raise Conflict(QT_TRANSLATE_NOOP("errors", "More labels of {name} were scanned than the order has"),
                                   name=lot.name)
                items += [SaleItem(code=c) for c in mine]
                if qty - len(mine) * 1000:
                    items.append(SaleItem(lot_id=lot_id, quantity=show_qty(qty - len(mine) * 1000)))
            else:
                items.append(SaleItem(lot_id=lot_id, quantity=show_qty(qty)))
        if scanned:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "A scanned label is not part of order {number}"), number=order.number)
        payload: dict[str, Any] = {"sale": None, "sale_id": None}
        if items:
            sale = consignment.build_sale(db, items, payment="online", prices=prices)
            sale.update(channel="online", tendered=None, buyer_id=None)
            payload = {"sale": sale, "sale_id": new_id()}
            cash.ensure_open(db, actor)
        events.record(db, actor.id, "order.online_packed", order_id, payload, appliers=APPLY)
    return get_online_order(db, order_id)


def send_online_order(db: Store, actor: Operator, *, order_id: str, waybill: str, carrier: str, weight_g: int,
                      out_of_county: bool = True) -> OnlineOrder:
    """Hand a packed online order to the courier: it becomes an outgoing parcel under its
    e-waybill (postage paid by the county platform), which goes in the carrier's next courier
    batch. Fresh or processed food counts as farm produce sent out. Raises ValidationError
    (waybill, carrier, weight) or Conflict (not packed, e-waybill used)."""
    with db.transaction():
        order = get_online_order(db, order_id)
        if order.status != "packed":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Order {number} must be packed before it is sent"), number=order.number)
        produce = any(consignment.get_lot(db, line["lot_id"]).category != consignment.CRAFT
                      for line in order.lines if line.get("lot_id"))
        contents = "、".join(str(line.get("name", "")) for line in order.lines)[:100] or order.number
        phone = db.value("SELECT receiver_phone FROM online_orders WHERE id = ?", (order_id,))
        outbound_id = outbound.record_platform_parcel(
            db, actor, recipient_name=order.receiver_name, recipient_phone=phone, recipient_address=order.receiver_address,
            contents=contents, weight_g=weight_g, carrier=carrier, ewaybill=waybill, out_of_county=out_of_county,
            farm_produce=produce, farm_category="other_farm" if produce else None)
        sent = outbound.get_outbound(db, outbound_id)
        events.record(db, actor.id, "order.online_sent", order_id, {
            "waybill": sent.ewaybill, "carrier": sent.carrier, "outbound_id": outbound_id, "day": local_today(db)}, appliers=APPLY)
    return get_online_order(db, order_id)


def unpack_online_order(db: Store, actor: Operator, *, order_id: str, reason: str) -> OnlineOrder:
    """Put a packed online order's goods back on hand (the county cancelled it after packing,
    or the goods cannot go): its sale is voided through the ledger and the order waits to be
    packed again, or ends cancelled when the county cancelled it. Raises Conflict (not packed,
    already settled with the consignor)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Say why the goods are unpacked"))
    with db.transaction():
        order = get_online_order(db, order_id)
        if order.status != "packed":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Order {number} is not packed"), number=order.number)
        if order.sale_id and db.value("SELECT 1 FROM consign_moves WHERE sale_id = ? AND settlement_id IS NOT NULL",
                                      (order.sale_id,)):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Order {number} is already settled with the consignor"),
                           number=order.number)
        if order.sale_id:
            cash.ensure_open(db, actor)
        events.record(db, actor.id, "order.online_unpacked", order_id, {"reason": reason, "day": local_today(db)}, appliers=APPLY)
    return get_online_order(db, order_id)


def refuse_online_order(db: Store, actor: Operator, *, order_id: str, reason: str) -> OnlineOrder:
    """The station cannot fill an online order (sold out, spoilt): it ends cancelled with the
    reason, which reaches the county with the next sync (unpack a packed order first).
    Raises ValidationError (no reason) or Conflict (not waiting to be packed)."""
    reason = " ".join((reason or "").split())[:200]
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Say why the order cannot be filled"))
    with db.transaction():
        order = get_online_order(db, order_id)
        if order.status != "new":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Order {number} is not waiting to be packed"), number=order.number)
        events.record(db, actor.id, "order.online_refused", order_id, {"reason": reason, "day": local_today(db)}, appliers=APPLY)
    return get_online_order(db, order_id)



# -- appliers ---------------------------------------------------------------------------------


def _online_order(db: Store, ev: Event) -> None:
    """County data: an order from the county online shop for this station to pack and send, or a
    later change of it (`status` 'cancelled'). A cancellation of goods already packed stays
    visible as the county status until a person settles it."""
    p = ev.payload
    receiver = p.get("receiver", {})
    county_status = p.get("status", "paid")
    old = db.row("SELECT status FROM online_orders WHERE id = ?", (ev.entity_id,))
    if old is None:
        db.insert("online_orders", {
            "id": ev.entity_id, "number": p["number"], "platform": p.get("platform", ""),
            "receiver_name": receiver.get("name", ""), "receiver_phone": receiver.get("phone", ""),
            "receiver_address": receiver.get("address", ""), "lines": events.canonical(p.get("lines", [])),
            "total": int(p.get("total", 0)), "ordered_at": p.get("ordered_at", ev.station_time),
            "county_status": county_status, "status": "cancelled" if county_status == "cancelled" else "new",
            "received_at": ev.station_time})
        return
    db.update("online_orders", {"id": ev.entity_id}, {"county_status": county_status})
    if p.get("reason"):
        db.update("online_orders", {"id": ev.entity_id}, {"note": str(p["reason"])[:200]})
    if county_status == "cancelled" and old["status"] == "new":
        db.update("online_orders", {"id": ev.entity_id}, {"status": "cancelled"})


def _online_packed(db: Store, ev: Event) -> None:
    p = ev.payload
    if p["sale"]:
        consignment.apply_sale(db, ev, p["sale_id"], p["sale"])
    db.update("online_orders", {"id": ev.entity_id}, {"status": "packed", "sale_id": p["sale_id"],
                                                       "packed_at": ev.station_time})


def _online_unpacked(db: Store, ev: Event) -> None:
    o = db.row("SELECT sale_id, county_status FROM online_orders WHERE id = ?", (ev.entity_id,))
    assert o is not None, f"no online order {ev.entity_id}"
    if o["sale_id"]:  # the sale is undone exactly as a voided counter sale is
        consignment.APPLY["consign.sale_voided"](db, dataclasses.replace(ev, entity_id=o["sale_id"]))
    db.update("online_orders", {"id": ev.entity_id}, {
        "status": "cancelled" if o["county_status"] == "cancelled" else "new", "sale_id": None, "packed_at": None})


def _online_refused(db: Store, ev: Event) -> None:
    db.update("online_orders", {"id": ev.entity_id}, {"status": "cancelled", "note": ev.payload["reason"]})


def _online_sent(db: Store, ev: Event) -> None:
    p = ev.payload
    db.update("online_orders", {"id": ev.entity_id}, {"status": "sent", "waybill": p["waybill"], "carrier": p["carrier"],
                                                       "outbound_id": p.get("outbound_id"), "sent_at": ev.station_time,
                                                       "sent_day": p["day"]})



APPLY = {
    "order.online_packed": _online_packed,
    "order.online_sent": _online_sent,
    "order.online_unpacked": _online_unpacked,
    "order.online_refused": _online_refused,
    "county.online_order": _online_order,
}
