"""Proxy purchase (代买/代购) for villagers who cannot order online themselves (the county
online shop's orders that this station packs and sends are `core.online_orders`).

A villager orders from the county catalogue (county data, `county.catalogue_item`) or asks
for something in their own words, and leaves a deposit. The keeper buys the goods online
with their own money; the goods arrive (as an inbound parcel, `link_order_to_parcel`, or
with the county's van, `receive_order`), and at pickup the villager pays the balance and
the order closes.

Money (see `core.cash`): the deposit is held for the villager (`drawer` + / `payable:orders`
-). At pickup the balance comes in, the deposit is released, the keeper gets back the cost
they paid out of their own pocket (`owner`), and the service fee is earned
(`income:orders`): balance + deposit = cost + fee. A cancelled order pays the deposit back.

Farm inputs (农资: seed, fertiliser, pesticide, fuel) are proxy purchases too: the county's
catalogue marks an item with its kind and producer, and at pickup — the sale to the villager —
the batch number on the bag is recorded, so each sale names producer and batch (the trace
chain the plans ask for: who bought which batch of whose product). A farm-input order is not
handed over without its batch.

The figures count both: proxy orders and the online-shop orders sent; farm inputs apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from station_app.clock import iso
from station_app.core import cash, consignment, events, labels, parcels
from station_app.core.consignment import (
    check_price,
    local_today,
    parse_day,
)
from station_app.core.events import Event
from station_app.core.identity import mask_phone
from station_app.core.money import check_fen, format_fen
from station_app.core.operators import Operator
from station_app.core.people import POVERTY
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

SERVICE = "consignment"
PAYABLE_ORDERS, INCOME_ORDERS = "payable:orders", "income:orders"
#: the kinds of farm input (农资) a catalogue item or request may be
FARM_KINDS = {
    "seed": QT_TRANSLATE_NOOP("orders", "Seed"),
    "fertiliser": QT_TRANSLATE_NOOP("orders", "Fertiliser"),
    "pesticide": QT_TRANSLATE_NOOP("orders", "Pesticide"),
    "fuel": QT_TRANSLATE_NOOP("orders", "Fuel oil"),
}
STATUSES = {
    "ordered": QT_TRANSLATE_NOOP("orders", "Ordered"),
    "arrived": QT_TRANSLATE_NOOP("orders", "Arrived"),
    "closed": QT_TRANSLATE_NOOP("orders", "Picked up"),
    "cancelled": QT_TRANSLATE_NOOP("orders", "Cancelled"),
}


@dataclass(frozen=True)
class CatalogueItem:
    id: str
    name: str
    spec: str
    unit: str
    price: int
    supplier: str
    farm_kind: str = ""  # one of FARM_KINDS for a farm input, else ""
    producer: str = ""

    @property
    def is_farm_input(self) -> bool:
        return bool(self.farm_kind)


def catalogue(db: Store, text: str = "") -> list[CatalogueItem]:
    """The county catalogue's items on offer, filtered by any part of the name."""
    q = "".join((text or "").split())
    return [CatalogueItem(r["id"], r["name"], r["spec"], r["unit"], r["price"], r["supplier"], r["farm_kind"],
                          r["producer"]) for r in db.rows(
        "SELECT * FROM county_catalogue WHERE active = 1 AND (? = '' OR instr(name, ?) > 0) ORDER BY name", (q, q))]


@dataclass(frozen=True)
class ProxyOrder:
    """A proxy-purchase order, also what its deposit and pickup slips print."""

    id: str
    number: str
    person_id: str
    person_name: str
    phone_masked: str
    kind: str  # 'catalogue' or 'request'
    description: str
    quantity: int
    unit: str
    estimate: int
    fee: int
    deposit: int
    cost: int | None
    balance: int | None
    status: str
    parcel_id: str | None
    poverty: bool
    created_at: str
    closed_at: str | None
    farm_kind: str = ""  # a farm input's kind (FARM_KINDS), else ""
    producer: str = ""
    batch: str = ""  # recorded at pickup for a farm input

    @property
    def is_farm_input(self) -> bool:
        return bool(self.farm_kind)

    @property
    def payload(self) -> str:
        """The order slip's QR: scanning it at pickup finds the order."""
        return labels.format_order(self.number)


def _order(db: Store, r: Row) -> ProxyOrder:
    person = db.row("SELECT name, phone FROM people WHERE id = ?", (r["person_id"],))
    assert person is not None, f"order {r['id']} has no person"
    return ProxyOrder(r["id"], r["number"], r["person_id"], person["name"], mask_phone(person["phone"]), r["kind"],
                      r["description"], r["quantity"], r["unit"], r["estimate"], r["fee"], r["deposit"], r["cost"],
                      r["balance"], r["status"], r["parcel_id"], bool(r["poverty"]), r["created_at"], r["closed_at"],
                      r["farm_kind"], r["producer"], r["batch"])


def get_order(db: Store, order_id: str) -> ProxyOrder:
    r = db.row("SELECT * FROM proxy_orders WHERE id = ?", (order_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such order"))
    return _order(db, r)


def find_order(db: Store, text: str) -> ProxyOrder:
    """An order by its number, typed or scanned from its slip (`VS1:O:<number>`)."""
    text = (text or "").strip()
    if labels.looks_like_label(text):
        label = labels.parse_label(text)
        if label.kind != labels.ORDER:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "This label is not an order slip"))
        text = label.value
    r = db.row("SELECT * FROM proxy_orders WHERE number = ? OR id = ?", (text.upper(), text))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No order {number}"), number=text)
    return _order(db, r)


def open_orders(db: Store) -> list[ProxyOrder]:
    return [_order(db, r) for r in db.rows(
        "SELECT * FROM proxy_orders WHERE status IN ('ordered', 'arrived') ORDER BY number")]


def waiting_orders(db: Store, person_id: str) -> list[ProxyOrder]:
    """A villager's orders still waiting for their goods (check-in offers to link a parcel to one)."""
    return [_order(db, r) for r in db.rows(
        "SELECT * FROM proxy_orders WHERE person_id = ? AND status = 'ordered' ORDER BY number", (person_id,))]


def order_for_parcel(db: Store, parcel_id: str) -> ProxyOrder | None:
    """The proxy order a parcel brought (the parcels page shows it at hand-over)."""
    r = db.row("SELECT * FROM proxy_orders WHERE parcel_id = ? AND status != 'cancelled'", (parcel_id,))
    return _order(db, r) if r else None


def _pay_account(payment: str) -> str:
    if payment not in ("cash", "qr"):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown payment method {method}"), method=payment)
    return consignment.PAYMENT_ACCOUNTS[payment]


def place_order(db: Store, actor: Operator, *, person_id: str, catalogue_item_id: str | None = None,
                description: str = "", quantity: int = 1, estimate: int | None = None, fee: int = 0, deposit: int = 0,
                payment: str = "cash", note: str = "", farm_kind: str = "", producer: str = "") -> ProxyOrder:
    """Order goods for a villager: a county catalogue item (price, and for a farm input its kind
    and producer, from the catalogue) or a request in their words with an estimated price (a
    farm input's `farm_kind` and `producer` as told). The deposit is held for them.
    Raises ValidationError (missing description, bad amounts, unknown kind) or NotFound."""
    if farm_kind and farm_kind not in FARM_KINDS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown kind of farm input {kind}"), kind=farm_kind)
    producer = " ".join((producer or "").split())[:60]
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 999:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quantity must be a whole number from 1 to 999"))
    fee, deposit = check_fen(fee), check_fen(deposit)
    _pay_account(payment)
    with db.transaction():
        person = db.row("SELECT * FROM people WHERE id = ?", (person_id,))
        if person is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No such person"))
        if catalogue_item_id:
            item = db.row("SELECT * FROM county_catalogue WHERE id = ? AND active = 1", (catalogue_item_id,))
            if item is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "This item is not in the county catalogue (any more)"))
            kind, unit = "catalogue", item["unit"]
            description = " ".join(f"{item['name']} {item['spec']}".split())
            estimate = item["price"] * quantity
            farm_kind, producer = item["farm_kind"], item["producer"]
        else:
            kind, unit = "request", ""
            description = " ".join((description or "").split())
            if not description:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "Say what the villager wants bought"))
            if len(description) > 100:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "Describe the goods in at most 100 characters"))
            if estimate is None:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "Give an estimated price"))
            estimate = check_price(estimate)
        if deposit > estimate + fee:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The deposit {deposit} is more than the whole order {total}"),
                                  deposit=format_fen(deposit), total=format_fen(estimate + fee))
        if deposit:
            cash.ensure_open(db, actor)
        n = int(db.value("SELECT count(*) FROM proxy_orders", default=0)) + 1
        payload = {"number": f"DG{n:05d}", "person_id": person_id, "kind": kind, "catalogue_item_id": catalogue_item_id,
                   "description": description, "quantity": quantity, "unit": unit, "estimate": estimate, "fee": fee,
                   "deposit": deposit, "payment": payment, "poverty": POVERTY in person["categories"].split(","),
                   "day": local_today(db), "note": (note or "").strip()[:200]}
        if farm_kind:
            payload |= {"farm_kind": farm_kind, "producer": producer}
        order_id = new_id()
        events.record(db, actor.id, "order.placed", order_id, payload, appliers=APPLY)
    return get_order(db, order_id)


def _arrived(db: Store, actor: Operator, order_id: str, parcel_id: str | None) -> ProxyOrder:
    with db.transaction():
        order = get_order(db, order_id)
        if order.status != "ordered":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Order {number} is not waiting for goods"), number=order.number)
        if parcel_id:
            has_parcels = db.value("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'parcels'")
            if has_parcels and not db.value("SELECT 1 FROM parcels WHERE id = ?", (parcel_id,)):
                raise NotFound(QT_TRANSLATE_NOOP("errors", "No such parcel"))
            other = order_for_parcel(db, parcel_id)
            if other:
                raise Conflict(QT_TRANSLATE_NOOP("errors", "This parcel already belongs to order {number}"), number=other.number)
        events.record(db, actor.id, "order.arrived", order_id, {"parcel_id": parcel_id}, appliers=APPLY)
    return get_order(db, order_id)


def link_order_to_parcel(db: Store, actor: Operator, order_id: str, parcel_id: str) -> ProxyOrder:
    """The goods of an order came as this inbound parcel: the order is ready for pickup.
    Raises NotFound (order or parcel) or Conflict (not waiting, parcel taken by another order)."""
    if not parcel_id:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "No such parcel"))
    return _arrived(db, actor, order_id, parcel_id)


def receive_order(db: Store, actor: Operator, *, order_id: str) -> ProxyOrder:
    """The goods of an order came without a parcel (the county's own van)."""
    return _arrived(db, actor, order_id, None)


def hand_over_order(db: Store, actor: Operator, *, order_id: str, cost: int | None = None, payment: str = "cash",
                    batch: str = "", producer: str | None = None) -> ProxyOrder:
    """The villager collects the goods and pays the balance (cost + fee - deposit; paid back
    from the drawer when the deposit was more). `cost` is what the goods really cost (default:
    the estimate). The order's parcel, if it is still on the shelf, is handed over with it.
    A farm input is sold with its `batch` number (and `producer`, when the goods came from
    another than the catalogue's): the trace chain. Raises ValidationError (a farm input
    without its batch) or Conflict when the goods have not arrived or the drawer cannot refund."""
    account = _pay_account(payment)
    batch = " ".join((batch or "").split())[:40]
    with db.transaction():
        order = get_order(db, order_id)
        if order.status != "arrived":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Order {number} has not arrived yet"), number=order.number)
        made_by = " ".join((order.producer if producer is None else producer).split())[:60]
        if order.is_farm_input and not batch:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{goods} is a farm input: write down the batch number "
                                                              "printed on it (the trace chain)"), goods=order.description)
        if order.is_farm_input and not made_by:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{goods} is a farm input: write down who produced it"),
                                  goods=order.description)
        cost = order.estimate if cost is None else check_price(cost)
        balance = cost + order.fee - order.deposit
        cash.ensure_open(db, actor)
        if balance < 0 and account == cash.DRAWER:
            cash.require_cash(db, -balance)
        picked = {"cost": cost, "balance": balance, "payment": payment, "day": local_today(db)}
        if order.is_farm_input:
            picked |= {"batch": batch, "producer": made_by}
        events.record(db, actor.id, "order.picked_up", order_id, picked, appliers=APPLY)
        parcel = db.row("SELECT status, exception_kind FROM parcels WHERE id = ?", (order.parcel_id,))
        if order.parcel_id and parcel and parcels.can("hand_over", parcel["status"], parcel["exception_kind"]):
            events.record(db, actor.id, "parcel.picked_up", order.parcel_id, {
                "at": iso(db.clock.now()), "collector": parcels.SELF, "proxy_name": None, "verified_by": "order"}, appliers=parcels.APPLY)
    return get_order(db, order_id)


def cancel_order(db: Store, actor: Operator, *, order_id: str, reason: str) -> ProxyOrder:
    """Cancel an order that was not collected; the deposit goes back (from the drawer)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Say why the order is cancelled"))
    with db.transaction():
        order = get_order(db, order_id)
        if order.status not in ("ordered", "arrived"):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Order {number} is already finished"), number=order.number)
        payment = db.value("SELECT payment FROM proxy_orders WHERE id = ?", (order_id,))
        if order.deposit:
            cash.ensure_open(db, actor)
            if payment == "cash":
                cash.require_cash(db, order.deposit)
        events.record(db, actor.id, "order.cancelled", order_id, {"reason": reason, "day": local_today(db)}, appliers=APPLY)
    return get_order(db, order_id)


# -- figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderFigures:
    """Proxy purchase (代购) and county online-shop figures for a period of local days."""

    placed: int
    placed_amount: int  # estimates + fees of orders placed
    closed: int
    closed_amount: int  # cost + fee of orders collected
    fees: int
    poverty_orders: int
    poverty_amount: int
    cancelled: int
    online_sent: int
    online_amount: int
    farm_inputs: int = 0  # farm-input orders handed over
    farm_inputs_amount: int = 0  # what they cost the villagers (goods + fee)
    #: kind -> (orders, amount)
    by_farm_kind: dict[str, tuple[int, int]] | None = None


def figures(db: Store, start: date | str, end: date | str) -> OrderFigures:
    start, end = parse_day(start, "start"), parse_day(end, "end")
    placed = db.row("SELECT count(*) AS n, coalesce(sum(estimate + fee), 0) AS amount FROM proxy_orders"
                    " WHERE day BETWEEN ? AND ?", (start, end))
    closed = db.row("""SELECT count(*) AS n, coalesce(sum(cost + fee), 0) AS amount, coalesce(sum(fee), 0) AS fees,
                              count(CASE WHEN poverty THEN 1 END) AS p, coalesce(sum(CASE WHEN poverty THEN cost + fee END), 0) AS pa
                       FROM proxy_orders WHERE status = 'closed' AND closed_day BETWEEN ? AND ?""", (start, end))
    cancelled = db.value("SELECT count(*) FROM proxy_orders WHERE status = 'cancelled' AND closed_day BETWEEN ? AND ?",
                         (start, end), default=0)
    online = db.row("SELECT count(*) AS n, coalesce(sum(total), 0) AS amount FROM online_orders"
                    " WHERE status = 'sent' AND sent_day BETWEEN ? AND ?", (start, end))
    assert placed is not None and closed is not None and online is not None  # aggregates: always one row
    kinds = {r["farm_kind"]: (int(r["n"]), int(r["amount"])) for r in db.rows(
        "SELECT farm_kind, count(*) AS n, sum(cost + fee) AS amount FROM proxy_orders WHERE status = 'closed' "
        "AND farm_kind != '' AND closed_day BETWEEN ? AND ? GROUP BY farm_kind ORDER BY farm_kind", (start, end))}
    return OrderFigures(placed["n"], placed["amount"], closed["n"], closed["amount"], closed["fees"], closed["p"],
                        closed["pa"], cancelled, online["n"], online["amount"], sum(n for n, _ in kinds.values()),
                        sum(a for _, a in kinds.values()), kinds)


# -- appliers ---------------------------------------------------------------------------------


def _placed(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("proxy_orders", {
        "id": ev.entity_id, "number": p["number"], "person_id": p["person_id"], "kind": p["kind"],
        "catalogue_item_id": p["catalogue_item_id"], "description": p["description"], "quantity": p["quantity"],
        "unit": p["unit"], "estimate": p["estimate"], "fee": p["fee"], "deposit": p["deposit"], "payment": p["payment"],
        "poverty": int(p["poverty"]), "status": "ordered", "day": p["day"], "created_at": ev.station_time,
        "created_by": ev.operator_id, "note": p["note"], "farm_kind": p.get("farm_kind", ""),
        "producer": p.get("producer", "")})
    if p["deposit"]:
        cash.post(db, ev, kind="order_deposit", service=SERVICE, memo=p["number"],
                  entries=[(consignment.PAYMENT_ACCOUNTS[p["payment"]], p["deposit"]), (PAYABLE_ORDERS, -p["deposit"])])


def _order_arrived(db: Store, ev: Event) -> None:
    db.update("proxy_orders", {"id": ev.entity_id}, {"status": "arrived", "parcel_id": ev.payload["parcel_id"],
                                                      "arrived_at": ev.station_time})


def _picked_up(db: Store, ev: Event) -> None:
    p = ev.payload
    o = db.row("SELECT number, fee, deposit FROM proxy_orders WHERE id = ?", (ev.entity_id,))
    assert o is not None, f"no order {ev.entity_id}"
    cash.post(db, ev, kind="order_pickup", service=SERVICE, memo=o["number"],
              entries=[(consignment.PAYMENT_ACCOUNTS[p["payment"]], p["balance"]), (PAYABLE_ORDERS, o["deposit"]),
                       (cash.OWNER, -p["cost"]), (INCOME_ORDERS, -o["fee"])])
    db.update("proxy_orders", {"id": ev.entity_id}, {"status": "closed", "cost": p["cost"], "balance": p["balance"],
                                                      "closed_at": ev.station_time, "closed_day": p["day"]})
    if "batch" in p:  # a farm input: the trace chain
        db.update("proxy_orders", {"id": ev.entity_id}, {"batch": p["batch"], "producer": p["producer"]})


def _order_cancelled(db: Store, ev: Event) -> None:
    o = db.row("SELECT number, deposit, payment FROM proxy_orders WHERE id = ?", (ev.entity_id,))
    assert o is not None, f"no order {ev.entity_id}"
    if o["deposit"]:
        cash.post(db, ev, kind="order_refund", service=SERVICE, memo=o["number"],
                  entries=[(consignment.PAYMENT_ACCOUNTS[o["payment"]], -o["deposit"]), (PAYABLE_ORDERS, o["deposit"])])
    db.update("proxy_orders", {"id": ev.entity_id}, {"status": "cancelled", "closed_at": ev.station_time,
                                                      "closed_day": ev.payload["day"], "note": ev.payload["reason"]})


def _catalogue_item(db: Store, ev: Event) -> None:
    """County data: an item of the county catalogue, added, changed or withdrawn (`active` false)."""
    p = ev.payload
    kind = str(p.get("farm_kind") or "")
    db.execute("""INSERT INTO county_catalogue (id, name, spec, unit, price, supplier, active, updated_at, farm_kind,
                  producer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name,
                  spec = excluded.spec, unit = excluded.unit, price = excluded.price, supplier = excluded.supplier,
                  active = excluded.active, updated_at = excluded.updated_at, farm_kind = excluded.farm_kind,
                  producer = excluded.producer""",
               (ev.entity_id, p["name"], p.get("spec", ""), p.get("unit", "个"), int(p["price"]), p.get("supplier", ""),
                int(p.get("active", True)), ev.station_time, kind if kind in FARM_KINDS else "",
                str(p.get("producer") or "")[:60]))


APPLY = {
    "order.placed": _placed,
    "order.arrived": _order_arrived,
    "order.picked_up": _picked_up,
    "order.cancelled": _order_cancelled,
    "county.catalogue_item": _catalogue_item,
}
