"""A simulated station's parcels: arrivals from the county's runs, pickups, reminders and returns,
problem parcels, villagers' parcels sent out and handed to the couriers, and the weekly stock-take."""

from __future__ import annotations

import functools
import random
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from station_app.clock import SHANGHAI, iso, parse_iso
from station_app.core import outbound, parcels, people, shelves, villages
from station_app.core.simulate.county import DEMO, DEMO_COUNTY_CODE, county_sends
from station_app.core.simulate.people import CITIES, fake_name, fake_phone
from station_app.core.simulate.plan import OPENS, DayPlan, Sim
from station_app.db import Store
from station_app.errors import UserError

# (carrier, share of arriving parcels, share of outgoing parcels, waybill maker)
CARRIER_MIX: list[tuple[str, float, float, Callable[[random.Random], str]]] = [
    ("ZTO", 0.22, 0.20, lambda r: f"7{r.choice('34568')}{r.randrange(10**12):012d}"),
    ("YTO", 0.18, 0.15, lambda r: f"YT{r.randrange(10**13):013d}"),
    ("YUNDA", 0.15, 0.12, lambda r: f"{r.choice('34')}{r.randrange(10**14):014d}"),
    ("JT", 0.15, 0.13, lambda r: f"JT{r.randrange(10**13):013d}"),
    ("STO", 0.10, 0.00, lambda r: f"77{r.randrange(10**12):012d}"),
    ("POST", 0.11, 0.25, lambda r: f"9{r.randrange(10**12):012d}"),
    ("SF", 0.05, 0.10, lambda r: f"SF{r.randrange(10**13):013d}"),
    ("JD", 0.04, 0.05, lambda r: f"JDVA{r.randrange(10**11):011d}"),
]
FARM_GOODS = [("fruit", "猕猴桃"), ("fruit", "脐橙"), ("fruit", "苹果"), ("meat_eggs", "土鸡蛋"), ("tea", "绿茶"),
              ("mountain", "香菇干"), ("mountain", "黑木耳"), ("grain_oil", "菜籽油"), ("grain_oil", "小米"),
              ("vegetables", "竹笋"), ("meat_eggs", "腊肉")]
OTHER_GOODS = ["衣服", "文件", "手机配件", "鞋", "药品", "书"]
COURIERS = ["赵师傅", "钱师傅", "孙师傅", "周师傅"]
#: the cooperatives that send their members' produce from the station (统一社会信用代码, name; made up)
COOPERATIVES = [("93360735MA38F2LD4C", "幸福村猕猴桃专业合作社（演示）"), ("93360735MA39B6TK2N", "东山村茶叶专业合作社（演示）"),
                ("93360735MA3A7HGW5P", "河湾村农产品专业合作社（演示）")]


def _carrier(rng: random.Random, outgoing: bool) -> tuple[str, Callable[[random.Random], str]]:
    row = rng.choices(CARRIER_MIX, weights=[c[2] if outgoing else c[1] for c in CARRIER_MIX])[0]
    return row[0], row[3]


def _recipient(sim: Sim) -> dict[str, Any]:
    """Who a parcel is for: a registered villager, an unregistered one, or a privacy waybill (tail only)."""
    rng = sim.rng
    if "villagers" not in sim.state:
        sim.state["villagers"] = [(fake_name(rng), fake_phone(rng)) for _ in range(250)]
    pool = sim.state["villagers"]
    known = people.count_people(sim.db)
    roll = rng.random()
    if roll < 0.55 and known:
        row = sim.db.row("SELECT name, phone FROM people WHERE phone IS NOT NULL LIMIT 1 OFFSET ?", (rng.randrange(known),))
        if row:
            return {"name": row["name"], "phone": row["phone"]}
    name, phone = rng.choice(pool)
    if roll > 0.9:
        return {"name": name, "phone_tail": phone[-4:], "manifest_tail": True}
    return {"name": name, "phone": phone}


def parcels_day(sim: Sim, plan: DayPlan) -> None:
    """A busy station's parcel day: ~150 parcels in from the county's two runs, pickups over the
    following days (some never collected, reminded, then returned), a few problem parcels,
    ~20 villagers' parcels out (many farm produce), each carrier's batch handed to its courier,
    and a stock-take of one shelf each week."""
    db, rng = sim.db, sim.rng
    later = plan.later
    if sim.county_here:
        later(OPENS, functools.partial(_fee_table, sim))
        day_parcels = _invented_arrivals(sim, later)
    else:
        day_parcels = _announced_arrivals(sim)

    def check_in(item: dict[str, Any]) -> None:
        typed = {"name": item["name"]} if not item.get("expected") or rng.random() < 0.3 else {}
        try:
            res = parcels.check_in_parcel(db, sim.operator, waybill=item["waybill"], carrier=item["carrier"],
                                          phone=item.get("phone") if not item.get("expected") else None,
                                          phone_tail=item.get("phone_tail") if not item.get("expected") else None,
                                          size=item["size"], **typed)
        except UserError:
            sim.bump("parcels_refused_at_check_in")
            return
        sim.bump("parcels_in")
        if rng.random() < 0.05:
            sim.state.setdefault("never", set()).add(res.parcel_id)
        if rng.random() < 0.005:
            parcels.record_exception(db, sim.operator, parcel_id=res.parcel_id, kind="damaged", note="外箱压坏",
                                     photo_path=f"photos/{item['waybill']}.jpg")
            sim.bump("parcel_exceptions")

    for item in day_parcels:
        later(item["minute"], functools.partial(check_in, item))

    # pickups: everyone with parcels on the shelf may come, all their parcels in one hand-over
    def collect(parcel_ids: list[str], how: str) -> None:
        orders = {r["parcel_id"] for r in db.rows("SELECT parcel_id FROM proxy_orders WHERE status = 'arrived'")}
        current = [pid for pid in parcel_ids if parcels.can("hand_over", *_status(db, pid)) and pid not in orders]
        if not current:
            return
        if rng.random() < 0.003:
            parcels.record_exception(db, sim.operator, parcel_id=current[0], kind="refused", note="收件人拒收")
            sim.bump("parcel_exceptions")
            return
        proxy = rng.random() < 0.12
        parcels.hand_over(db, sim.operator, parcel_ids=current, collector="proxy" if proxy else "self",
                          proxy_name=fake_name(rng) if proxy else None, verified_by=how, consent=True)
        sim.bump("parcels_picked_up", len(current))

    def collect_waybill(waybill: str) -> None:
        collect(_on_shelf_ids(db, waybill), "code")

    never = sim.state.setdefault("never", set())
    waiting: dict[str, list[parcels.Parcel]] = {}
    for p in parcels.on_shelf(db):
        if p.id not in never and p.status != parcels.RETURN_REQUESTED:
            waiting.setdefault(p.phone or p.phone_tail or p.recipient_name, []).append(p)
    for group in waiting.values():
        age = group[0].days_on_shelf(sim.clock.now())
        if rng.random() < ((0.5, 0.45, 0.35)[age] if age < 3 else 0.25):
            how = rng.choices(["code", "phone_tail", "phone", "name"], weights=[50, 30, 12, 8])[0]
            later(rng.randint(9 * 60, 18 * 60 + 10), functools.partial(collect, [p.id for p in group], how))
    for item in day_parcels:  # some come the same afternoon, once the SMS arrived
        if item["minute"] < 16 * 60 and rng.random() < 0.3:
            later(rng.randint(item["minute"] + 30, 18 * 60 + 15), functools.partial(collect_waybill, item["waybill"]))

    # now and then the county asks for a parcel back (the sender cancelled the order)
    if sim.county_here and rng.random() < 0.3:
        shelf_now = parcels.on_shelf(db)
        if shelf_now:
            victim = rng.choice(shelf_now)
            later(11 * 60, functools.partial(county_sends, db, [("county.parcel_return_requested", f"r-{victim.waybill}",
                                                                   {"waybill": victim.waybill,
                                                                    "reason": f"寄件人取消订单{DEMO}"})]))

    # outgoing parcels, and the couriers collecting them at the end of the afternoon
    for _ in range(rng.randint(15, 25)):
        later(rng.randint(9 * 60, 16 * 60 + 40), functools.partial(_send_out, sim))
    later(16 * 60 + 45, functools.partial(_remind_and_return, sim))
    later(17 * 60 + 10, functools.partial(_couriers, sim))
    if sim.clock.now().astimezone(SHANGHAI).weekday() == 6:
        later(12 * 60 + 30, functools.partial(_stocktake, sim))


def _invented_arrivals(sim: Sim, later: Callable[[int, Callable[[], object]], None]) -> list[dict[str, Any]]:
    """The day's arrivals from the county's two runs, made up here with the county's manifest
    for most of them (a station no hub feeds)."""
    db, rng = sim.db, sim.rng
    arrivals = [(rng.randint(9 * 60, 10 * 60 + 40) if rng.random() < 0.65 else rng.randint(14 * 60, 15 * 60 + 20))
                for _ in range(rng.randint(130, 170))]
    manifest: list[tuple[str, str, dict[str, Any]]] = []
    day_parcels: list[dict[str, Any]] = []
    for minute in sorted(arrivals):
        carrier, make = _carrier(rng, False)
        who = _recipient(sim)
        item = {"minute": minute, "waybill": make(rng), "carrier": carrier, **who,
                "size": rng.choices(list(shelves.SIZES), weights=[70, 20, 9, 1])[0]}
        if rng.random() < 0.7:
            dispatched = sim.clock.now() + timedelta(minutes=minute - OPENS - rng.randint(20 * 60, 80 * 60))
            manifest.append(("county.parcel_expected", f"m-{item['waybill']}", {
                "waybill": item["waybill"], "carrier": carrier, "recipient_name": who["name"],
                "phone": who.get("phone"), "phone_tail": who.get("phone_tail"), "dispatched_at": iso(dispatched)}))
            item["expected"] = True
        day_parcels.append(item)
    if manifest:
        later(OPENS + 5, functools.partial(county_sends, db, manifest))
    return day_parcels


def _announced_arrivals(sim: Sim) -> list[dict[str, Any]]:
    """The day's arrivals at a station a hub feeds: the parcels on the county's manifest that were
    dispatched before today's runs (pulled from the hub), and some the manifest never named."""
    db, rng = sim.db, sim.rng
    now = sim.clock.now()
    day_parcels: list[dict[str, Any]] = []
    for r in db.rows("SELECT * FROM parcels_expected WHERE parcel_id IS NULL AND return_requested = 0 "
                     "AND dispatched_at IS NOT NULL AND dispatched_at <= ? ORDER BY dispatched_at, waybill",
                     (iso(now + timedelta(hours=6)),)):
        if rng.random() < 0.03:  # still on the road: comes tomorrow
            continue
        day_parcels.append({"minute": rng.randint(9 * 60, 10 * 60 + 40) if rng.random() < 0.65 else
                            rng.randint(14 * 60, 15 * 60 + 20), "waybill": r["waybill"], "carrier": r["carrier"] or
                            _carrier(rng, False)[0], "name": r["recipient_name"], "expected": True,
                            "size": rng.choices(list(shelves.SIZES), weights=[70, 20, 9, 1])[0]})
    for _ in range(rng.randint(25, 45)):  # unannounced
        carrier, make = _carrier(rng, False)
        day_parcels.append({"minute": rng.randint(9 * 60, 15 * 60 + 20), "waybill": make(rng), "carrier": carrier,
                            **_recipient(sim), "size": rng.choices(list(shelves.SIZES), weights=[70, 20, 9, 1])[0]})
    return sorted(day_parcels, key=lambda item: item["minute"])


def _fee_table(sim: Sim) -> None:
    """The county's parcel fees, sent with the first sync (made up: a station no hub feeds)."""
    if not sim.db.value("SELECT 1 FROM county_fees"):
        county_sends(sim.db, [("county.fee_table", f"fees-{sim.clock.now():%Y%m%d}", {"fees": [
            {"carrier": c, "zone": z, "first_weight_g": 1000, "first_fen": f, "extra_weight_g": 1000, "extra_fen": e}
            for c in ("ZTO", "YTO", "YUNDA", "JT", "STO", "POST", "SF", "JD")
            for z, f, e in (("in", 500 if c not in ("SF", "JD") else 1000, 100),
                            ("out", 800 if c not in ("SF", "JD") else 1500, 200 if c not in ("SF", "JD") else 500))]})])


def _status(db: Store, parcel_id: str) -> tuple[str, str | None]:
    r = db.row("SELECT status, exception_kind FROM parcels WHERE id = ?", (parcel_id,))
    return (r["status"], r["exception_kind"]) if r else ("", None)


def _on_shelf_ids(db: Store, waybill: str) -> list[str]:
    return [r["id"] for r in db.rows("SELECT id FROM parcels WHERE on_shelf = 1 AND waybill = ?", (waybill,))]


#: the GB/T 2260 code of each simulated destination (None: the county's own, 县城)
CITY_CODES = {"杭州": "330100", "上海": "310000", "广州": "440100", "深圳": "440300", "北京": "110000", "成都": "510100",
              "武汉": "420100", "县城": None}


def _destination(db: Store, address: str) -> str | None:
    for city, code in CITY_CODES.items():
        if address.startswith(city):
            return code or villages.county_code(db) or DEMO_COUNTY_CODE
    return None


def _ewaybill_photo(folder: Path, waybill: str) -> Path:
    """A made-up photo of the e-waybill (the webcam frame a real counter keeps), with its number."""
    from PIL import Image, ImageDraw

    path = folder / f"{waybill}.png"
    image = Image.new("L", (180, 48), 255)
    ImageDraw.Draw(image).text((6, 16), f"{waybill} (demo)", fill=0)
    image.save(path, "PNG")
    return path


def _send_out(sim: Sim) -> None:
    rng = sim.rng
    if sim.county_here and not villages.county_code(sim.db):
        county_sends(sim.db, [("county.setting_changed", "subsidy.county_code", {"value": DEMO_COUNTY_CODE})])
    carrier, make = _carrier(rng, True)
    farm = rng.random() < 0.6
    category, goods = rng.choice(FARM_GOODS) if farm else (None, rng.choice(OTHER_GOODS))
    sender = sim.person()
    recipient, phone = fake_name(rng), fake_phone(rng)
    address, weight = rng.choice(CITIES) + f"{rng.randint(1, 300)}号", rng.randint(1500, 12000) if farm else rng.randint(200, 3000)
    waybill = make(rng)
    ticked, paid = rng.random() < (0.8 if farm else 0.5), "cash" if rng.random() < 0.55 else "qr"
    extra = random.Random(waybill)  # value, photo, cooperative: the simulation's main sequence stays as it was
    with tempfile.TemporaryDirectory() as folder:
        photo = _ewaybill_photo(Path(folder), waybill) if farm and extra.random() < 0.95 else None
        value = extra.randint(20, 400) * 100
        code, org = extra.choice(COOPERATIVES) if farm and extra.random() < 0.3 else (None, None)
        try:
            receipt = outbound.take_outbound_parcel(
                sim.db, sim.operator, sender_id=sender.id, recipient_name=recipient, recipient_phone=phone,
                recipient_address=address, contents=goods, weight_g=weight, carrier=carrier, ewaybill=waybill,
                out_of_county=ticked, farm_produce=farm, farm_category=category, payment=paid,
                destination_code=_destination(sim.db, address), goods_value_fen=value, sender_org_code=code,
                sender_org_name=org, ewaybill_photo=photo)
        except UserError:
            return
    sim.bump("parcels_out")
    if rng.random() < 0.01:
        outbound.cancel_outbound_parcel(sim.db, sim.operator, outbound_id=receipt.parcel.id, reason="寄件人改主意")
        sim.bump("parcels_out_cancelled")


def _remind_and_return(sim: Sim) -> None:
    db, now = sim.db, sim.clock.now()
    due = [o.parcel.id for o in parcels.overdue_parcels(db) if not o.return_due and
           (o.parcel.reminders == 0 or (now - parse_iso(o.parcel.arrived_at)).days % 2 == 0)]
    if due:
        sim.bump("parcel_reminders", len(parcels.send_reminders(db, sim.operator, parcel_ids=due)))
    for p in parcels.parcels_to_return(db):
        reason = {"return_requested": "county_requested"}.get(p.status) or (p.exception_kind if p.exception_kind in
                                                                            ("refused", "wrong_address") else "overdue")
        parcels.return_parcel(db, sim.operator, parcel_id=p.id, reason=reason, note="")
        sim.bump("parcels_returned")


def _couriers(sim: Sim) -> None:
    rng = sim.rng
    for carrier in sorted({p.carrier for p in outbound.waiting_for_courier(sim.db)}):
        batch = outbound.open_batch(sim.db, sim.operator, carrier=carrier)
        for p in outbound.waiting_for_courier(sim.db, carrier):
            if rng.random() < 0.97:  # now and then a parcel is missed and goes tomorrow
                outbound.scan_into_batch(sim.db, sim.operator, batch_id=batch.id, code=p.ewaybill)
        if outbound.batch_check(sim.db, batch.id).scanned:
            outbound.close_batch(sim.db, sim.operator, batch_id=batch.id, courier_name=rng.choice(COURIERS))
            sim.bump("courier_batches")


def _stocktake(sim: Sim) -> None:
    db, rng = sim.db, sim.rng
    shelf = rng.choice(["1", "2", "3"])
    count = parcels.start_stocktake(db, sim.operator, shelf=shelf)
    on_it = [p for p in parcels.on_shelf(db) if p.shelf == shelf]
    skip = rng.choice(on_it).id if on_it and rng.random() < 0.3 else None
    for p in on_it:
        if p.id != skip:
            parcels.scan_for_stocktake(db, sim.operator, stocktake_id=count.id, code=(p.pickup_code or p.waybill) if rng.random() < 0.5 else p.waybill)
    if rng.random() < 0.2:
        parcels.scan_for_stocktake(db, sim.operator, stocktake_id=count.id, code=f"YT{rng.randrange(10**13):013d}")
    result = parcels.finish_stocktake(db, sim.operator, stocktake_id=count.id)
    for item in result.missing:
        parcels.resolve_stocktake_item(db, sim.operator, stocktake_id=count.id, code=item.code,
                                      resolution="found" if rng.random() < 0.7 else "lost")
    for item in result.unexpected:
        parcels.resolve_stocktake_item(db, sim.operator, stocktake_id=count.id, code=item.code, resolution="set_aside")
    sim.bump("stocktakes")
