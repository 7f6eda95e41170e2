"""Realistic station activity through the real core actions (demo data, benchmarks, tests).

A simulated day is one plan: every service puts its timed activities (a minute of the local
day and what happens then) into the day's `DayPlan`, which runs them in time order between
opening the cash day and the daily close, as the one counter of a real station interleaves
them. Everything goes through the same functions an operator's clicks call, so simulated
stations exercise the real code paths.
"""

from __future__ import annotations

import contextlib
import functools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from station_app.core import cash, people, replay
from station_app.core.clock import SHANGHAI, FixedClock, iso, parse_iso
from station_app.core.errors import UserError
from station_app.core.events import canonical, hlc_ms, last_seq
from station_app.core.ids import new_id
from station_app.core.operators import OPERATOR, Operator, add_operator, list_operators, login
from station_app.core.station import create_station, get_station

DEMO_MANAGER = ("王建国", "1234")
DEMO_OPERATOR = ("李秀英", "5678")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国秀英桂英玉兰明华志强海燕春梅小红军伟丽娟敏静磊洋艳勇杰娜涛超霞平刚芳桂兰金凤文华永福德胜玉珍淑珍秀兰"
VILLAGES = ["幸福村", "东山村", "河湾村", "柳树屯", "新民村", "石桥村"]
OPENS, CLOSES = 8 * 60, 18 * 60 + 30  # the station's hours, in minutes of the local day


@dataclass
class Sim:
    db: Any
    rng: random.Random
    clock: FixedClock
    manager: Operator
    operator: Operator
    counts: dict[str, int] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)  # what a service remembers between days

    def bump(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def at(self, minute: int) -> None:
        """Move the clock to a minute of the current local day (a random second in it), never backwards."""
        now = self.clock.pc_now().astimezone(SHANGHAI)
        target = now.replace(hour=minute // 60, minute=minute % 60, second=self.rng.randint(0, 59))
        if target > now:
            self.clock.set(target)

    def person(self) -> people.Person:
        """An existing villager most of the time, a new one sometimes."""
        known = people.count_people(self.db)
        if known > 20 and self.rng.random() < 0.8:
            row = self.db.row("SELECT id FROM people LIMIT 1 OFFSET ?", (self.rng.randrange(known),))
            return people.get_person(self.db, row["id"])
        return new_person(self)


Activity = Callable[[], object]


@dataclass
class DayPlan:
    """One day of the station's work: activities at minutes of the local day, done in time order
    (those at the same minute in the order they were planned), all within opening hours."""

    activities: list[tuple[int, int, Activity]] = field(default_factory=list)

    def later(self, minute: int, activity: Activity) -> None:
        """Plan `activity` at `minute` of the day; ValueError outside opening hours."""
        if not OPENS <= minute < CLOSES:
            raise ValueError(f"{minute // 60:02d}:{minute % 60:02d} is outside opening hours")
        self.activities.append((minute, len(self.activities), activity))

    def run(self, sim: Sim) -> None:
        """Do the activities in time order, the clock set to each one's minute (never backwards)."""
        for minute, _, activity in sorted(self.activities, key=lambda a: a[:2]):
            sim.at(minute)
            activity()


def fake_phone(rng: random.Random) -> str:
    return rng.choice(["13", "15", "17", "18", "19"]) + str(rng.randint(0, 9)) + f"{rng.randrange(10**8):08d}"


def fake_name(rng: random.Random) -> str:
    given = GIVEN[rng.randrange(len(GIVEN) // 2) * 2:][:2]
    return rng.choice(SURNAMES) + (given if rng.random() < 0.7 else given[0])


def new_person(sim: Sim) -> people.Person:
    rng = sim.rng
    for _ in range(20):
        cats = [c for c, p in (("poverty", 0.12), ("returnee", 0.05), ("veteran", 0.03), ("woman", 0.45), ("disabled", 0.02))
                if rng.random() < p]
        try:
            person = people.add_person(sim.db, sim.operator, name=fake_name(rng), phone=fake_phone(rng),
                                       village=rng.choice(VILLAGES), sex="F" if "woman" in cats else rng.choice("MF"),
                                       categories=cats)
            sim.bump("people")
            return person
        except UserError:
            continue
    raise RuntimeError("could not make a new person")


def cash_open(sim: Sim) -> None:
    """The first thing of the day: count the drawer and open the cash day; change added when short."""
    sim.at(OPENS)
    if cash.open_period(sim.db) is None:
        expected = cash.drawer_balance(sim.db)
        counted = expected if sim.rng.random() < 0.9 else expected + sim.rng.choice([-100, 100, -50])
        cash.open_day(sim.db, sim.operator, counted=max(0, counted))
    if cash.drawer_balance(sim.db) < 20_000:
        cash.add_float(sim.db, sim.manager, amount=50_000, memo="零钱备用金")
    sim.bump("cash_days")


def cash_day(sim: Sim, plan: DayPlan) -> None:
    """The keeper's own cash during the day: thermal paper bought now and then, and before the count
    at the close most of a full drawer taken out for the bank."""
    rng = sim.rng

    def buy_paper() -> None:
        if cash.drawer_balance(sim.db) > 5000:
            cash.record_expense(sim.db, sim.operator, amount=rng.choice([1500, 2800, 4000]), category="supplies",
                                memo="热敏纸")

    def to_the_bank() -> None:
        if cash.drawer_balance(sim.db) > 300_000:
            cash.take_cash(sim.db, sim.manager, amount=200_000, memo="存入银行")

    if rng.random() < 0.15:
        plan.later(rng.randint(10 * 60, 17 * 60), buy_paper)
    plan.later(CLOSES - 1, to_the_bank)


def registry_day(sim: Sim, plan: DayPlan) -> None:
    for _ in range(sim.rng.randint(1, 4)):
        plan.later(sim.rng.randint(9 * 60, 17 * 60 + 59), functools.partial(new_person, sim))


def cash_close(sim: Sim) -> None:
    """The last thing of the day, after every activity: count the drawer and close the cash day."""
    sim.at(CLOSES)
    expected = cash.drawer_balance(sim.db)
    counted = expected if sim.rng.random() < 0.92 else max(0, expected + sim.rng.choice([-200, -100, 50, 100]))
    cash.close_day(sim.db, sim.operator, counted=counted)


def county_sends(db: Any, items: list[tuple[str, str, dict[str, Any]]]) -> None:
    """County (hub) events arriving as a sync pull would bring them: stored and applied in one transaction."""
    with db.transaction():
        for kind, entity_id, payload in items:
            row = {"hub_seq": int(db.value("SELECT max(hub_seq) FROM hub_events", default=0)) + 1, "kind": kind,
                   "entity_id": entity_id, "payload": canonical(payload), "hub_time": iso(db.clock.now()),
                   "after_seq": last_seq(db)}
            db.insert("hub_events", row)
            replay.apply(db, replay.hub_event(row))


# -- parcels in and out -------------------------------------------------------------------

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
CITIES = ["杭州市西湖区文三路", "上海市浦东新区张江路", "广州市天河区体育西路", "深圳市南山区科技园", "北京市朝阳区望京街",
          "成都市武侯区科华北路", "县城城关镇解放路", "武汉市洪山区珞喻路"]
COURIERS = ["赵师傅", "钱师傅", "孙师傅", "周师傅"]


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
    from station_app.core import outbound, parcels, shelves

    db, rng = sim.db, sim.rng
    later = plan.later
    later(OPENS, functools.partial(_fee_table, sim))
    # arrivals: the county's morning and afternoon runs; most are on the county manifest beforehand
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
    waiting: dict[str, list[Any]] = {}
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
    if rng.random() < 0.3:
        shelf_now = parcels.on_shelf(db)
        if shelf_now:
            victim = rng.choice(shelf_now)
            later(11 * 60, functools.partial(county_sends, db, [("county.parcel_return_requested", f"r-{victim.waybill}",
                                                                   {"waybill": victim.waybill, "reason": "寄件人取消订单"})]))

    # outgoing parcels, and the couriers collecting them at the end of the afternoon
    for _ in range(rng.randint(15, 25)):
        later(rng.randint(9 * 60, 16 * 60 + 40), lambda: _send_out(sim, outbound))
    later(16 * 60 + 45, lambda: _remind_and_return(sim, parcels))
    later(17 * 60 + 10, lambda: _couriers(sim, outbound))
    if sim.clock.now().astimezone(SHANGHAI).weekday() == 6:
        later(12 * 60 + 30, lambda: _stocktake(sim, parcels, shelves))


def _fee_table(sim: Sim) -> None:
    """The county's parcel fees, sent with the first sync."""
    if not sim.db.value("SELECT 1 FROM county_fees"):
        county_sends(sim.db, [("county.fee_table", f"fees-{sim.clock.now():%Y%m%d}", {"fees": [
            {"carrier": c, "zone": z, "first_weight_g": 1000, "first_fen": f, "extra_weight_g": 1000, "extra_fen": e}
            for c in ("ZTO", "YTO", "YUNDA", "JT", "STO", "POST", "SF", "JD")
            for z, f, e in (("in", 500 if c not in ("SF", "JD") else 1000, 100),
                            ("out", 800 if c not in ("SF", "JD") else 1500, 200 if c not in ("SF", "JD") else 500))]})])


def _status(db: Any, parcel_id: str) -> tuple[str, str | None]:
    r = db.row("SELECT status, exception_kind FROM parcels WHERE id = ?", (parcel_id,))
    return (r["status"], r["exception_kind"]) if r else ("", None)


def _on_shelf_ids(db: Any, waybill: str) -> list[str]:
    return [r["id"] for r in db.rows("SELECT id FROM parcels WHERE on_shelf = 1 AND waybill = ?", (waybill,))]


def _send_out(sim: Sim, outbound: Any) -> None:
    rng = sim.rng
    carrier, make = _carrier(rng, True)
    farm = rng.random() < 0.6
    category, goods = rng.choice(FARM_GOODS) if farm else (None, rng.choice(OTHER_GOODS))
    sender = sim.person()
    try:
        receipt = outbound.take_outbound_parcel(
            sim.db, sim.operator, sender_id=sender.id, recipient_name=fake_name(rng), recipient_phone=fake_phone(rng),
            recipient_address=rng.choice(CITIES) + f"{rng.randint(1, 300)}号", contents=goods,
            weight_g=rng.randint(1500, 12000) if farm else rng.randint(200, 3000), carrier=carrier, ewaybill=make(rng),
            out_of_county=rng.random() < (0.8 if farm else 0.5), farm_produce=farm, farm_category=category,
            payment="cash" if rng.random() < 0.55 else "qr")
    except UserError:
        return
    sim.bump("parcels_out")
    if rng.random() < 0.01:
        outbound.cancel_outbound_parcel(sim.db, sim.operator, outbound_id=receipt.parcel.id, reason="寄件人改主意")
        sim.bump("parcels_out_cancelled")


def _remind_and_return(sim: Sim, parcels: Any) -> None:
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


def _couriers(sim: Sim, outbound: Any) -> None:
    rng = sim.rng
    for carrier in sorted({p.carrier for p in outbound.waiting_for_courier(sim.db)}):
        batch = outbound.open_batch(sim.db, sim.operator, carrier=carrier)
        for p in outbound.waiting_for_courier(sim.db, carrier):
            if rng.random() < 0.97:  # now and then a parcel is missed and goes tomorrow
                outbound.scan_into_batch(sim.db, sim.operator, batch_id=batch.id, code=p.ewaybill)
        if outbound.batch_check(sim.db, batch.id).scanned:
            outbound.close_batch(sim.db, sim.operator, batch_id=batch.id, courier_name=rng.choice(COURIERS))
            sim.bump("courier_batches")


def _stocktake(sim: Sim, parcels: Any, shelves: Any) -> None:
    db, rng = sim.db, sim.rng
    shelf = rng.choice(["1", "2", "3"])
    count = shelves.start_stocktake(db, sim.operator, shelf=shelf)
    on_it = [p for p in parcels.on_shelf(db) if p.shelf == shelf]
    skip = rng.choice(on_it).id if on_it and rng.random() < 0.3 else None
    for p in on_it:
        if p.id != skip:
            shelves.scan_for_stocktake(db, sim.operator, stocktake_id=count.id, code=p.pickup_code if rng.random() < 0.5 else p.waybill)
    if rng.random() < 0.2:
        shelves.scan_for_stocktake(db, sim.operator, stocktake_id=count.id, code=f"YT{rng.randrange(10**13):013d}")
    result = shelves.finish_stocktake(db, sim.operator, stocktake_id=count.id)
    for item in result.missing:
        shelves.resolve_stocktake_item(db, sim.operator, stocktake_id=count.id, code=item.code,
                                       resolution="found" if rng.random() < 0.7 else "lost")
    for item in result.unexpected:
        shelves.resolve_stocktake_item(db, sim.operator, stocktake_id=count.id, code=item.code, resolution="set_aside")
    sim.bump("stocktakes")


# -- training -------------------------------------------------------------------------------

TRAINING_TITLES = ["农村电商开网店实操", "短视频与直播带货", "农产品包装与品牌", "网店客服与售后", "电商物流与冷链",
                   "农产品质量安全与溯源"]
LECTURERS = [("赵红梅", "电子商务师（高级）"), ("钱志远", "县电商公共服务中心讲师"), ("孙丽", "农业技术推广研究员"),
             ("李想", "直播电商运营师")]
TRAINING_STARTS, TRAINING_ENDS = 14 * 60 + 30, 16 * 60 + 30  # an afternoon session, in minutes of the day


def training_day(sim: Sim, plan: DayPlan) -> None:
    """Every week or two an afternoon session in the training room beside the counter (training
    moves no cash): 20-40 trainees signing in by card or phone as they arrive, a few registered
    on the spot, most answering the survey at the end; the county schedules some sessions
    itself; earlier trainees followed up once it is over."""
    from station_app.core import training

    db, rng = sim.db, sim.rng
    gap = sim.state.get("training_gap", 4) + 1
    sim.state["training_gap"] = gap
    if gap < 7 or (gap < 14 and rng.random() > 0.15):
        return
    sim.state["training_gap"] = 0
    session_id = new_id()  # the county names its sessions; the station's own get their id when created
    signed: list[str] = []

    def prepare() -> None:
        nonlocal session_id
        day = sim.clock.now().astimezone(SHANGHAI)
        begins = day.replace(hour=TRAINING_STARTS // 60, minute=TRAINING_STARTS % 60, second=0, microsecond=0)
        ends = begins + timedelta(minutes=TRAINING_ENDS - TRAINING_STARTS)
        details: dict[str, Any] = {
            "title": rng.choice(TRAINING_TITLES),
            "category": rng.choices(list(training.CATEGORIES), weights=[10, 45, 15, 15, 10, 5])[0],
            "trainer_org": "示范县电子商务公共服务中心", "trainer_licence": "示培字2020-018",
            "lecturers": [{"name": n, "credentials": c} for n, c in rng.sample(LECTURERS, rng.randint(1, 2))],
            "syllabus": "一、平台开店\n二、商品拍摄与上架\n三、订单与售后", "place": "幸福村电商服务站培训室",
            "capacity": 50}
        if rng.random() < 0.3:  # on the county's schedule
            county_sends(db, [("county.training_scheduled", session_id,
                               {**details, "materials": "", "starts_at": iso(begins), "ends_at": iso(ends)})])
        else:
            session_id = training.create_session(db, sim.manager, starts_at=begins, ends_at=ends, **details).id
        training.start_session(db, sim.operator, session_id)

    def sign_in(person_id: str) -> None:
        phone = db.value("SELECT phone FROM people WHERE id = ?", (person_id,))
        try:
            if phone and rng.random() < 0.35:
                done = training.sign_in_by_phone(db, sim.operator, session_id, phone)
            else:
                done = training.sign_in_by_card(db, sim.operator, session_id, training.card_payload(person_id))
        except UserError:  # a family phone shared by two: picked by name instead
            done = training.sign_in(db, sim.operator, session_id, person_id=person_id)
        signed.append(done.person_id)
        sim.bump("training_sign_ins")

    def walk_in() -> None:
        with contextlib.suppress(UserError):
            signed.append(training.register_and_sign_in(db, sim.operator, session_id, name=fake_name(rng),
                                                        phone=fake_phone(rng), village=rng.choice(VILLAGES),
                                                        sex=rng.choice("MF")).person_id)
            sim.bump("people")
            sim.bump("training_sign_ins")

    def surveys() -> None:
        for person_id in signed:
            if rng.random() < 0.85:
                score = rng.choices([5, 4, 3, 2], weights=[60, 33, 5, 2])[0]
                training.record_survey(db, sim.operator, session_id, person_id, overall=score,
                                       answers={q: max(1, min(5, score + rng.choice([-1, 0, 0, 1])))
                                                for q in training.QUESTIONS})
                sim.bump("training_surveys")

    def finish() -> None:
        training.end_session(db, sim.operator, session_id)
        sim.bump("training_sessions")
        earlier = [r["person_id"] for r in db.rows(
            "SELECT DISTINCT person_id FROM training_signins WHERE session_id != ? ORDER BY person_id", (session_id,))]
        for person_id in rng.sample(earlier, min(len(earlier), rng.randint(2, 4))):
            training.record_followup(db, sim.operator, person_id=person_id,
                                     on_day=sim.clock.now().astimezone(SHANGHAI).date(),
                                     outcome=rng.choices(["none", "shop", "employed"], weights=[70, 15, 15])[0],
                                     note="电话回访")
            sim.bump("training_followups")

    plan.later(TRAINING_STARTS - 20, prepare)
    wanted = rng.randint(20, 40)
    known = [r["id"] for r in db.rows("SELECT id FROM people ORDER BY rowid")]
    regulars = rng.sample(known, min(len(known), wanted - rng.randint(1, 4)))
    arrivals = sorted(rng.randint(TRAINING_STARTS - 15, TRAINING_STARTS + 15) for _ in range(wanted))
    for minute, person_id in zip(arrivals, regulars, strict=False):
        plan.later(minute, functools.partial(sign_in, person_id))
    for minute in arrivals[len(regulars):]:
        plan.later(minute, walk_in)
    plan.later(TRAINING_ENDS - 10, surveys)
    plan.later(TRAINING_ENDS, finish)


# -- bills and top-ups ----------------------------------------------------------------------

BILL_MIX = [("phone", 0.5), ("electricity", 0.25), ("water", 0.08), ("cable_tv", 0.07), ("health_insurance", 0.1)]


def _bill_account(sim: Sim, kind: str, person: people.Person | None) -> str:
    from station_app.core.identity import id_check_digit

    rng = sim.rng
    if kind == "phone":
        return person.phone if person and person.phone and rng.random() < 0.8 else fake_phone(rng)
    if kind == "health_insurance":
        first17 = (f"3621{rng.randint(21, 35):02d}{rng.randint(1945, 2020)}{rng.randint(1, 12):02d}"
                   f"{rng.randint(1, 28):02d}{rng.randrange(1000):03d}")
        return first17 + id_check_digit(first17)
    accounts = sim.state.setdefault("bill_accounts", {})
    key = (kind, person.id if person else None)
    if key not in accounts or person is None:
        accounts[key] = str(rng.randrange(10**11, 10**12)) if kind != "water" else str(rng.randrange(10**7, 10**8))
    return accounts[key]


def bills_day(sim: Sim, plan: DayPlan) -> None:
    """5-15 bill payments and top-ups of mixed kinds; the county's answers at two syncs (midday and
    evening), simulated because no hub runs here; refunds when villagers come back for them."""
    from station_app.core import bills

    db, rng = sim.db, sim.rng

    def catalogue() -> None:
        if not bills.catalogue(db).from_county:
            version = "示范县-2026-1"
            bills.county_sends(db, [("county.biller_catalogue", version, {**bills.DEFAULT_CATALOGUE, "version": version})])

    def refund(bill_id: str) -> None:
        with contextlib.suppress(UserError):
            bills.refund_bill(db, sim.operator, bill_id=bill_id)
            sim.bump("bills_refunded")

    def results() -> None:
        for status, count in bills.simulated_results(db, rng).items():
            sim.bump(f"bills_result_{status}", count)

    plan.later(OPENS, catalogue)
    for bill in bills.refunds_due(db):
        if rng.random() < 0.7:
            plan.later(rng.randint(9 * 60, 17 * 60 + 30), functools.partial(refund, bill.id))
    n = rng.randint(5, 15)
    for i, minute in enumerate(sorted(rng.randint(9 * 60, 17 * 60 + 30) for _ in range(n))):
        if i == n // 2:
            plan.later(minute, results)
        plan.later(minute, functools.partial(_pay_bill, sim))
    plan.later(17 * 60 + 50, results)


def _pay_bill(sim: Sim) -> None:
    from station_app.core import bills

    db, rng = sim.db, sim.rng
    products = bills.catalogue(db).products
    kind = rng.choices([k for k, _ in BILL_MIX], weights=[w for _, w in BILL_MIX])[0]
    product = rng.choice([p for p in products if p.kind == kind] or list(products))
    person = sim.person() if rng.random() < 0.7 else None
    account = _bill_account(sim, product.kind, person)
    if rng.random() < 0.05 and "last_bill" in sim.state:
        product, account = sim.state["last_bill"]  # the same account again: the operator is warned
    amount = (None if product.fixed_amount is not None else rng.choice(product.face_values) if product.face_values
              else min(product.max_fen, max(product.min_fen, rng.randrange(20, 400) * 100 + rng.choice([0, 50, 35]))))
    total = bills.quote(db, product_id=product.id, amount=amount).total
    cash_given = total if rng.random() < 0.4 else (total // 5_000 + 1) * 5_000
    typed = account[:-1] if rng.random() < 0.04 else account  # a digit dropped: refused, typed again
    for attempt in (typed, account):
        try:
            bills.accept_payment(db, sim.operator, product_id=product.id, account=attempt, amount=amount,
                                 cash_received=cash_given, payer_id=person.id if person else None,
                                 payer_name="" if person else rng.choice(["", "过路客"]),
                                 confirm_duplicate=rng.random() < 0.3)
            sim.bump("bills")
            sim.state["last_bill"] = (product, account)
            break
        except bills.DuplicatePayment:
            sim.bump("bills_duplicate_declined")
            break
        except UserError:
            sim.bump("bills_refused")


# -- consignment and proxy purchase ----------------------------------------------------------

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
    from station_app.core import consignment

    ids: list[str] = sim.state.setdefault("consignors", [])
    if ids:
        return ids
    rng = sim.rng
    for i in range(5):
        person = (people.add_person(sim.db, sim.operator, name=fake_name(rng), phone=fake_phone(rng),
                                    village=rng.choice(VILLAGES), categories=["poverty"]) if i < 3 else sim.person())
        with contextlib.suppress(UserError):
            ids.append(consignment.register_consignor(sim.db, sim.operator, person_id=person.id).id)
    ids.append(consignment.register_consignor(sim.db, sim.manager, name="幸福村茶叶合作社", phone=fake_phone(rng),
                                              village="幸福村", commission_pct="8").id)
    sim.bump("consignors", len(ids))
    return ids


def consignment_day(sim: Sim, plan: DayPlan) -> None:
    """Consignors bring goods a few times a week; counter sales most days (scanned labels or
    picked from the list, cash or QR); now and then a return; expired or old goods handed
    back on Sundays; each consignor settled for the past month on the 1st; a few proxy
    orders (代买) and county online-shop orders."""
    from station_app.core import consignment as cs

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
    from station_app.core import consignment as cs

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
    from station_app.core import consignment as cs

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


def _proxy_orders(sim: Sim, plan: DayPlan) -> None:
    """Orders placed for villagers now and then, yesterday's orders come in and collected in the
    afternoon, and sometimes a county online-shop order to pack and send."""
    from station_app.core import consignment as cs
    from station_app.core import proxy_orders as po

    db, rng = sim.db, sim.rng
    online: dict[str, str] = {}  # the day's online order, from its arrival to its packing

    def catalogue() -> None:
        if not db.value("SELECT 1 FROM county_catalogue"):
            county_sends(db, [("county.catalogue_item", key, {"name": name, "spec": spec, "unit": unit, "price": price,
                                                              "supplier": "示范县供销社", "active": True})
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
                                       else None)
                    sim.bump("proxy_orders_closed")

    def place() -> None:
        person = sim.person()
        if rng.random() < 0.6:
            item = rng.choice(po.catalogue(db))
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
            "number": f"XY{rng.randrange(10**12):012d}", "platform": "示范县农特产品网店",
            "receiver": {"name": fake_name(rng), "phone": fake_phone(rng), "address": rng.choice(CITIES)},
            "lines": [{"lot_id": lot.id, "name": lot.name, "quantity": "2", "unit": lot.unit, "price": lot.price}],
            "total": 2 * lot.price, "ordered_at": iso(sim.clock.now()), "status": "paid"})])

    def pack_online_order() -> None:
        if not online:
            return
        try:
            po.pack_online_order(db, sim.operator, order_id=online["id"],
                                 codes=[cs.label_payload(db, c) for c in cs.codes_of(db, online["lot_id"], "on_hand")[:2]])
        except UserError:  # sold at the counter since the order came in
            po.refuse_online_order(db, sim.operator, order_id=online["id"], reason="已售完")
            sim.bump("online_orders_refused")
            return
        po.send_online_order(db, sim.operator, order_id=online["id"], waybill=f"9{rng.randrange(10**12):012d}",
                             carrier="POST", weight_g=rng.randrange(800, 3000))
        sim.bump("online_orders_sent")

    plan.later(OPENS, catalogue)
    plan.later(16 * 60, follow_up)  # after the county's afternoon run
    if rng.random() < 0.15:
        plan.later(rng.randint(9 * 60, 17 * 60), place)
    if rng.random() < 0.12:
        plan.later(rng.randint(10 * 60, 14 * 60), online_order_arrives)
        plan.later(15 * 60, pack_online_order)


# every service's day goes into one plan, between opening the cash day and the daily close
SERVICES: list[Callable[[Sim, DayPlan], None]] = [cash_day, registry_day, parcels_day, bills_day, consignment_day,
                                                  training_day]


def station_day(sim: Sim) -> None:
    """One working day: open the cash day, every service's activities in time order, then the close."""
    cash_open(sim)
    plan = DayPlan()
    for service in SERVICES:
        service(sim, plan)
    plan.run(sim)
    cash_close(sim)


def setup(db: Any) -> tuple[Operator, Operator]:
    """The demo station and its two operators (created on first use)."""
    if get_station(db) is None:
        _, manager = create_station(db, name="幸福村电商服务站", village="幸福村", county="示范县",
                                    manager_name=DEMO_MANAGER[0], manager_pin=DEMO_MANAGER[1])
        add_operator(db, manager, name=DEMO_OPERATOR[0], role=OPERATOR, pin=DEMO_OPERATOR[1])
    ops = {o.name: o for o in list_operators(db)}
    return ops.get(DEMO_MANAGER[0]) or list_operators(db)[0], ops.get(DEMO_OPERATOR[0]) or list_operators(db)[-1]


def _opening(when: datetime) -> datetime:
    """The station's opening time on the local day of `when`."""
    return when.astimezone(SHANGHAI).replace(hour=OPENS // 60, minute=OPENS % 60, second=0, microsecond=0)


def run(db: Any, days: int, seed: int = 1, end: datetime | None = None) -> dict[str, Any]:
    """Simulate `days` working days ending yesterday (or after the file's last event)."""
    started = time.perf_counter()
    seq0 = last_seq(db)
    real_clock = db.clock
    end = end or datetime.now(UTC)
    start_day = _opening(end - timedelta(days=days))
    if seq0:
        last_at = datetime.fromtimestamp(hlc_ms(db.value("SELECT hlc FROM events ORDER BY seq DESC LIMIT 1")) / 1000, UTC)
        start_day = max(start_day, _opening(last_at + timedelta(days=1)))
    clock = FixedClock(start_day)
    db.clock = clock
    try:
        manager, operator = setup(db)
        for op in (manager, operator):
            pin = DEMO_MANAGER[1] if op.name == DEMO_MANAGER[0] else DEMO_OPERATOR[1]
            with contextlib.suppress(UserError):  # a changed demo PIN only skips the login
                login(db, op.id, pin)
        sim = Sim(db, random.Random(seed), clock, manager, operator)
        for day in range(days):
            clock.set(start_day + timedelta(days=day))
            station_day(sim)
    finally:
        db.clock = real_clock
    seconds = time.perf_counter() - started
    events_made = last_seq(db) - seq0
    first = db.value("SELECT station_time FROM events WHERE seq = ?", (seq0 + 1,))
    return {
        "days": days,
        "seed": seed,
        "events": events_made,
        "first_day": parse_iso(first).astimezone(SHANGHAI).date().isoformat() if first else None,
        **dict(sorted(sim.counts.items())),
        "drawer_fen": cash.drawer_balance(db),
        "seconds": round(seconds, 2),
    }
