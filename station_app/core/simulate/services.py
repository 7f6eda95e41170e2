"""The simulated service ledger (便民服务台账) and the county's notices: the other services a
village station gives every day — advice, tickets and hotels booked, insurance and medical
insurance registered (the villager shows their ID card), job referrals, care information — each
written into the ledger, some for poverty-register people, a few with a fee; and the county's
notices printed and posted on the wall the morning after they arrive."""

from __future__ import annotations

import functools
from datetime import timedelta

from station_app.clock import SHANGHAI, iso, parse_iso
from station_app.core import notices, services_ledger
from station_app.core.simulate.county import DEMO, county_sends
from station_app.core.simulate.people import fake_name, known_person, show_id_card
from station_app.core.simulate.plan import DayPlan, Sim
from station_app.errors import UserError

# category -> (weight, fee choices in fen, notes, the villager shows their ID card, people served)
WORK: dict[str, tuple[int, list[int], list[str], bool, tuple[int, int]]] = {
    "consult": (30, [0], ["咨询农产品网上销售", "咨询快递寄递价格", "咨询惠农补贴政策", "查询天气与农时"], False, (1, 3)),
    "tickets": (14, [0, 500, 1000], ["代购县城至南昌汽车票", "代购火车票", "代购返程机票"], True, (1, 4)),
    "hotel": (4, [0, 500], ["代订县城宾馆", "代订务工城市住宿"], False, (1, 2)),
    "insurance": (10, [0], ["代办农业保险投保", "代办意外险"], True, (1, 1)),
    "medical_insurance": (16, [0], ["城乡居民医保参保登记", "医保缴费查询"], True, (1, 5)),
    "jobs": (12, [0], ["推荐县工业园区岗位", "登记外出务工意向", "推荐电商客服岗位"], True, (1, 2)),
    "care": (6, [0], ["提供家政服务信息", "养老服务政策咨询"], False, (1, 2)),
    "other": (8, [0, 200], ["代打印复印资料", "帮忙填写表格", "手机使用指导"], False, (1, 3)),
    "social_security": (8, [0], ["城乡居民养老保险缴费登记", "社保卡信息变更"], True, (1, 1)),  # the demo county's own
}
#: what the county's notices say (the demo hub publishes them too: `sync.demo`)
NOTICES = [("农产品出县快递补贴申报通知", "本季度农产品出县快递补贴开始申报，请各服务站整理电子面单。"),
           ("春耕农资保供通知", "县供销社农资已到货，可在服务站代购，请核对批次。"),
           ("医保参保缴费提醒", "城乡居民医保集中缴费期截止月底，请服务站协助村民登记。"),
           ("电商培训报名通知", "县电商中心将开展短视频带货培训，请动员返乡青年报名。")]


def services_day(sim: Sim, plan: DayPlan) -> None:
    """Three to ten ledger records in the day (each of the county's categories at its own
    rate, fees for tickets and printing), about one in twenty voided the same day; the
    county's notices not yet on the wall printed and posted in the morning (a station the
    simulation plays the county for gets one every ten days or so, marked 演示)."""
    rng = sim.more
    gap = sim.state["notice_gap"] = sim.state.get("notice_gap", 5) + 1
    if sim.county_here and (gap >= 14 or (gap >= 7 and rng.random() < 0.25)):
        sim.state["notice_gap"] = 0
        plan.later(10 * 60 + 5, functools.partial(_county_notice, sim))
    plan.later(8 * 60 + 40, functools.partial(_post_notices, sim))
    for minute in sorted(rng.randint(8 * 60 + 30, 18 * 60) for _ in range(rng.randint(3, 10))):
        plan.later(minute, functools.partial(_serve, sim))


def _serve(sim: Sim) -> None:
    rng = sim.more
    active = {c.code for c in services_ledger.categories(sim.db)}
    known = [code for code in WORK if code in active]
    others = sorted(active - set(WORK))  # a category of the county's we do not know: at the rate of "other"
    choices = known + others
    if not choices:
        return
    code = rng.choices(choices, weights=[WORK[c][0] for c in known] + [WORK["other"][0]] * len(others))[0]
    _, fees, notes, needs_id, (few, many) = WORK.get(code, WORK["other"])
    person = known_person(sim, rng) if rng.random() < 0.75 else None
    served = rng.randint(few, many) if rng.random() < 0.3 else 1
    fee = rng.choice(fees)
    name, poverty = "", None
    if person is not None and needs_id:
        person = show_id_card(sim, person)
    elif person is None:
        name, poverty = fake_name(rng), rng.random() < 0.12
    try:
        record = services_ledger.record_service(sim.db, sim.operator, category=code, people=served, fee=fee,
                                                payment="cash" if rng.random() < 0.7 else "qr", note=rng.choice(notes),
                                                person_id=person.id if person else None, name=name, poverty=poverty)
    except UserError:
        sim.bump("services_refused")
        return
    sim.bump("services_records")
    if rng.random() < 0.05:
        try:
            services_ledger.void_record(sim.db, sim.operator, record.id, reason="登记错了类别")
            sim.bump("services_voided")
        except UserError:
            pass


def _county_notice(sim: Sim) -> None:
    """A notice from the county (made up: no hub feeds this station), shown for two weeks."""
    sent = sim.state["notices_sent"] = sim.state.get("notices_sent", sim.more.randrange(len(NOTICES))) + 1
    title, text = NOTICES[sent % len(NOTICES)]  # one after another: two in force never look alike
    now = sim.clock.now()
    until = (now.astimezone(SHANGHAI) + timedelta(days=14)).date().isoformat()
    county_sends(sim.db, [("county.notice", f"notice-{now:%Y%m%d}", {
        "title": title + DEMO, "text": text, "until": until, "from": f"示范县电商公共服务中心{DEMO}",
        "sent_at": iso(now)})])


def _post_notices(sim: Sim) -> None:
    """The notices in force that are not on the wall yet, posted (the day after they came, as
    the keeper prints them in the morning); one in ten waits a day longer."""
    today = sim.clock.now().astimezone(SHANGHAI).date()
    for notice in notices.to_post(sim.db, today):
        if parse_iso(notice.received_at).astimezone(SHANGHAI).date() >= today or sim.more.random() < 0.1:
            continue
        try:
            notices.mark_posted(sim.db, sim.operator, notice.id)
        except UserError:
            continue
        sim.bump("notices_posted")
