"""Simulated consignment (代卖) and proxy purchase (代买): consignors' goods taken in, counter sales,
returns and hand-backs, monthly settlement, orders placed for villagers, and county online-shop
orders packed and sent."""

from __future__ import annotations

import contextlib
import functools
from datetime import date, timedelta

from station_app.clock import SHANGHAI, iso, parse_iso
from station_app.core import consignment as cs
from station_app.core import online_orders as oo
from station_app.core import people
from station_app.core import proxy_orders as po
from station_app.core.simulate.county import DEMO, county_sends
from station_app.core.simulate.farm_inputs import FARM_INPUTS, batch_number
from station_app.core.simulate.people import CITIES, VILLAGES, fake_name, fake_phone
from station_app.core.simulate.plan import OPENS, DayPlan, Sim
from station_app.errors import UserError

# name, category, unit, quantity range, price range (fen per unit), shelf life in days (None: keeps)
PRODUCE: list[tuple[str, str, str, tuple[int, int], tuple[int, int], int | None]] = [
    ("土鸡蛋", "fresh", "盒", (5, 20), (2800, 3800), 20),
    ("猕猴桃", "fresh", "斤", (10, 40), (600, 1000), 15),
    ("竹笋", "fresh", "斤", (5, 20), (500, 900), 6),
    ("香菇干", "processed", "斤", (5, 15), (4000, 6000), 360),
    ("菜籽油", "processed", "瓶", (4, 12), (6800, 8800), 360),
    ("腊肉", "processed", "斤", (5, 15), (4500, 6500), 120),
    ("蜂蜜", "processed", "罐", (3, 10), (5800, 9800), 720),
    ("竹编篮", "craft", "个", (2, 6), (3500, 12000), None),
    ("手工布鞋", "craft", "双", (2, 5), (6000, 15000), None),
]
CATALOGUE = [("cat-fert", "复合肥", "50公斤/袋", "袋", 16500), ("cat-seed", "玉米种子", "1公斤", "袋", 4200),
             ("cat-cooker", "电饭煲", "3升", "个", 19900), ("cat-boots", "雨靴", "42码", "双", 3500)]
REQUESTS = [("老花镜 300度", 3000), ("儿童书包", 6000), ("降压药（按处方）", 8500), ("手机充电器", 2500), ("保温水壶", 4500)]


def _consignors(sim: Sim) -> list[str]:
    """The station's consignors: villagers (three from the poverty register) and a cooperative."""
    ids: list[str] = sim.state.setdefault("consignors", [])
    if ids:
        return ids
    rng = sim.rng
    for i in range(5):
        person = (people.add_person(sim.db, sim.operator, name=fake_name(rng), phone=fake_phone(rng),
                                    village=rng.choice(VILLAGES), categories=["poverty"]) if i < 3 else sim.person())
        with contextlib.suppress(UserError):
            ids.append(cs.register_consignor(sim.db, sim.operator, person_id=person.id).id)
    ids.append(cs.register_consignor(sim.db, sim.manager, name="幸福村茶叶合作社", phone=fake_phone(rng),
                                     village="幸福村", commission_pct="8").id)
    sim.bump("consignors", len(ids))
    return ids


def consignment_day(sim: Sim, plan: DayPlan) -> None:
    """Consignors bring goods a few times a week; counter sales most days (scanned labels or
    picked from the list, cash or QR); now and then a return; expired or old goods handed
    back on Sundays; each consignor settled for the past month on the 1st; a few proxy
    orders (代买) and county online-shop orders."""
    db, rng = sim.db, sim.rng
    local = sim.clock.now().astimezone(SHANGHAI)

    def take_in() -> None:
        goods = rng.sample(PRODUCE, rng.randint(1, 3))
        items = [cs.IntakeItem(name, cat, unit, rng.randint(*qty), rng.randrange(price[0], price[1], 10),
                               expiry=(local + timedelta(days=life)).date() if life else None)
                 for name, cat, unit, qty, price, life in goods]
        cs.take_in(db, sim.operator, consignor_id=rng.choice(_consignors(sim)), items=items)
        sim.bump("consignment_lots", len(items))

    def take_back() -> None:
        if sim.state.get("last_consignment_sale"):
            with contextlib.suppress(UserError):
                cs.return_items(db, sim.operator, sale_id=sim.state.pop("last_consignment_sale"),
                                reason="顾客退货：品相不好")
                sim.bump("consignment_returns")

    def hand_back_old() -> None:
        soon = (local + timedelta(days=2)).date().isoformat()
        for lot in cs.stock(db):
            if (lot.expiry and lot.expiry <= soon) or (local.date() - date.fromisoformat(lot.intake_day)).days > 45:
                cs.hand_back(db, sim.operator, consignor_id=lot.consignor_id,
                             items=[cs.SaleItem(lot_id=lot.id, quantity=lot.on_hand)], note="临期/久未售出，退还")
                sim.bump("consignment_handed_back")

    plan.later(OPENS, functools.partial(_consignors, sim))
    if local.day == 1:
        plan.later(rng.randint(9 * 60, 10 * 60), functools.partial(_settle_month, sim, local.date()))
    if rng.random() < 0.4:
        plan.later(rng.randint(8 * 60 + 10, 10 * 60), take_in)
    if rng.random() < 0.85:
        for minute in sorted(rng.randint(9 * 60, 17 * 60) for _ in range(rng.randint(1, 4))):
            plan.later(minute, functools.partial(_counter_sale, sim))
    if rng.random() < 0.05:
        plan.later(rng.randint(10 * 60, 17 * 60), take_back)
    if local.weekday() == 6:
        plan.later(17 * 60 + 40, hand_back_old)
    _proxy_orders(sim, plan)


def _counter_sale(sim: Sim) -> None:
    db, rng = sim.db, sim.rng
    today = cs.local_today(db)
    lots = [lot for lot in cs.stock(db) if not lot.expiry or lot.expiry >= today]
    if not lots:
        return
    items = []
    for lot in rng.sample(lots, min(len(lots), rng.randint(1, 3))):
        if lot.per_unit:
            for code in cs.codes_of(db, lot.id, "on_hand")[: rng.randint(1, 2)]:
                items.append(cs.SaleItem(code=cs.label_payload(db, code)) if rng.random() < 0.8 else
                             cs.SaleItem(lot_id=lot.id, quantity=1))
        else:
            wanted = min(lot.on_hand_m, rng.choice([1000, 1500, 2000, 2500, 3000]))
            items.append(cs.SaleItem(lot_id=lot.id, quantity=cs.show_qty(wanted)))
    qr = rng.random() < 0.25
    try:
        list_total = cs.build_sale(db, items)["list_total"]
        discount = list_total % 100 if rng.random() < 0.15 and list_total > 1000 else 0
        receipt = cs.sell(db, sim.operator, items=items, payment="qr" if qr else "cash", discount=discount,
                          tendered=None if qr else ((list_total - discount) // 1000 + 1) * 1000)
    except UserError:
        sim.bump("consignment_sales_refused")
        return
    sim.state["last_consignment_sale"] = receipt.id
    sim.bump("consignment_sales")


def _settle_month(sim: Sim, first: date) -> None:
    end = first - timedelta(days=1)
    for consignor_id in _consignors(sim):
        try:
            st = cs.settle_consignor(sim.db, sim.manager, consignor_id=consignor_id, start=end.replace(day=1), end=end)
        except UserError:
            continue
        try:
            cs.pay_settlement(sim.db, sim.manager, settlement_id=st.id)
        except UserError:  # not enough cash in the drawer this morning: paid by WeChat transfer
            cs.pay_settlement(sim.db, sim.manager, settlement_id=st.id, method="transfer",
                              reference=f"WX{sim.rng.randrange(10**10):010d}")
        sim.bump("consignment_settlements")


def _farm_input(key: str) -> dict[str, str]:
    """A catalogue item's farm-input kind and producer (nothing for other goods)."""
    kind, producer = FARM_INPUTS.get(key, ("", ""))
    return {"farm_kind": kind, "producer": producer} if kind else {}


def _proxy_orders(sim: Sim, plan: DayPlan) -> None:
    """Orders placed for villagers now and then, yesterday's orders come in and collected in the
    afternoon, and sometimes a county online-shop order to pack and send."""
    db, rng = sim.db, sim.rng
    online: dict[str, str] = {}  # the day's online order, from its arrival to its packing

    def catalogue() -> None:
        if not db.value("SELECT 1 FROM county_catalogue"):
            county_sends(db, [("county.catalogue_item", key, {"name": name, "spec": spec, "unit": unit, "price": price,
                                                              "supplier": f"示范县供销社{DEMO}", "active": True,
                                                              **_farm_input(key)})
                              for key, name, spec, unit, price in CATALOGUE])

    def follow_up() -> None:
        for order in po.open_orders(db):
            age = (sim.clock.now() - parse_iso(order.created_at)).days
            if order.status == "ordered" and age >= 2 and rng.random() < 0.6:
                parcel = db.value("SELECT id FROM parcels WHERE person_id = ? AND on_shelf = 1 AND id NOT IN"
                                  " (SELECT parcel_id FROM proxy_orders WHERE parcel_id IS NOT NULL) LIMIT 1",
                                  (order.person_id,))
                if parcel:
                    po.link_order_to_parcel(db, sim.operator, order.id, parcel)
                else:
                    po.receive_order(db, sim.operator, order_id=order.id)
            elif order.status == "arrived" and rng.random() < 0.7:
                with contextlib.suppress(UserError):
                    po.hand_over_order(db, sim.operator, order_id=order.id,
                                       cost=order.estimate + rng.choice([0, 0, -200, 300]) if order.kind == "request"
                                       else None, batch=batch_number(sim, order) if order.is_farm_input else "")
                    sim.bump("proxy_orders_closed")

    def place() -> None:
        person = sim.person()
        items = po.catalogue(db)
        if rng.random() < 0.6 and items:
            item = rng.choice(items)
            order = po.place_order(db, sim.operator, person_id=person.id, catalogue_item_id=item.id,
                                   quantity=rng.randint(1, 2), fee=200, deposit=item.price // 2)
        else:
            what, estimate = rng.choice(REQUESTS)
            order = po.place_order(db, sim.operator, person_id=person.id, description=what, estimate=estimate, fee=300,
                                   deposit=estimate // 2)
        sim.bump("proxy_orders")
        if rng.random() < 0.05:
            po.cancel_order(db, sim.operator, order_id=order.id, reason="村民不要了")

    def online_order_arrives() -> None:
        per_unit = [lot for lot in cs.stock(db) if lot.per_unit and lot.on_hand_m >= 2000]
        if not per_unit:
            return
        lot = rng.choice(per_unit)
        online.update(id=f"online-{cs.local_today(db)}-{lot.lot_no}", lot_id=lot.id)
        county_sends(db, [("county.online_order", online["id"], {
            "number": f"XY{rng.randrange(10**12):012d}", "platform": f"示范县农特产品网店{DEMO}",
            "receiver": {"name": fake_name(rng), "phone": fake_phone(rng), "address": rng.choice(CITIES)},
            "lines": [{"lot_id": lot.id, "name": lot.name, "quantity": "2", "unit": lot.unit, "price": lot.price}],
            "total": 2 * lot.price, "ordered_at": iso(sim.clock.now()), "status": "paid"})])

    def pack(order_id: str, codes: list[str]) -> None:
        try:
            oo.pack_online_order(db, sim.operator, order_id=order_id, codes=codes)
        except UserError:  # sold at the counter since the order came in
            oo.refuse_online_order(db, sim.operator, order_id=order_id, reason="已售完")
            sim.bump("online_orders_refused")
            return
        oo.send_online_order(db, sim.operator, order_id=order_id, waybill=f"9{rng.randrange(10**12):012d}",
                             carrier="POST", weight_g=rng.randrange(800, 3000))
        sim.bump("online_orders_sent")

    def pack_online_order() -> None:
        if online:
            pack(online["id"], [cs.label_payload(db, c) for c in cs.codes_of(db, online["lot_id"], "on_hand")[:2]])

    def pack_county_orders() -> None:
        """The orders the county's online shop sent through the hub, packed and sent the same day."""
        for order in oo.online_orders(db, "new"):
            codes = []
            for line in order.lines:
                wanted = int(cs.to_milli(str(line["quantity"]), str(line.get("unit") or "")) // 1000)
                codes += [cs.label_payload(db, c) for c in cs.codes_of(db, line["lot_id"], "on_hand")[:wanted]]
            pack(order.id, codes)

    if sim.county_here:
        plan.later(OPENS, catalogue)
    plan.later(16 * 60, follow_up)  # after the county's afternoon run
    if rng.random() < 0.15:
        plan.later(rng.randint(9 * 60, 17 * 60), place)
    if not sim.county_here:
        plan.later(15 * 60, pack_county_orders)
    elif rng.random() < 0.12:
        plan.later(rng.randint(10 * 60, 14 * 60), online_order_arrives)
        plan.later(15 * 60, pack_online_order)
