"""Simulated training sessions: an afternoon in the training room every week or two, sign-ins,
surveys and follow-ups."""

from __future__ import annotations

import contextlib
import functools
from datetime import timedelta
from typing import Any

from station_app.clock import SHANGHAI, iso
from station_app.core import people, training
from station_app.core.simulate.county import DEMO, county_sends
from station_app.core.simulate.people import VILLAGES, fake_name, fake_phone
from station_app.core.simulate.plan import DayPlan, Sim
from station_app.errors import UserError
from station_app.ids import new_id

TRAINING_TITLES = ["农村电商开网店实操", "短视频与直播带货", "农产品包装与品牌", "网店客服与售后", "电商物流与冷链",
                   "农产品质量安全与溯源"]
LECTURERS = [("赵红梅", "电子商务师（高级）"), ("钱志远", "县电商公共服务中心讲师"), ("孙丽", "农业技术推广研究员"),
             ("李想", "直播电商运营师")]
TRAINING_STARTS, TRAINING_ENDS = 14 * 60 + 30, 16 * 60 + 30  # an afternoon session, in minutes of the day


def _county_session_today(sim: Sim) -> str | None:
    """A session the county scheduled at this station for today (pulled from the hub), not held yet."""
    day = sim.clock.now().astimezone(SHANGHAI).replace(hour=0, minute=0, second=0, microsecond=0)
    found = sim.db.value("SELECT id FROM training_sessions WHERE source = 'county' AND status = 'planned' "
                         "AND starts_at >= ? AND starts_at < ? ORDER BY starts_at LIMIT 1",
                         (iso(day), iso(day + timedelta(days=1))))
    return str(found) if found else None


def training_day(sim: Sim, plan: DayPlan) -> None:
    """Every week or two an afternoon session in the training room beside the counter (training
    moves no cash): 20-40 trainees signing in by card or phone as they arrive, a few registered
    on the spot, most answering the survey at the end; the county schedules some sessions
    itself; earlier trainees followed up once it is over."""
    db, rng = sim.db, sim.rng
    gap = sim.state.get("training_gap", 4) + 1
    sim.state["training_gap"] = gap
    scheduled = None if sim.county_here else _county_session_today(sim)
    if scheduled is None and (gap < 7 or (gap < 14 and rng.random() > 0.15)):
        return
    sim.state["training_gap"] = 0
    session_id = scheduled or new_id()  # the county names its sessions; the station's own get their id when created
    signed: list[str] = []

    def prepare() -> None:
        nonlocal session_id
        if scheduled is not None:  # on the county's schedule, pulled from the hub
            training.start_session(db, sim.operator, session_id)
            return
        day = sim.clock.now().astimezone(SHANGHAI)
        begins = day.replace(hour=TRAINING_STARTS // 60, minute=TRAINING_STARTS % 60, second=0, microsecond=0)
        ends = begins + timedelta(minutes=TRAINING_ENDS - TRAINING_STARTS)
        details: dict[str, Any] = {
            "title": rng.choice(TRAINING_TITLES),
            "category": rng.choices(list(training.CATEGORIES)[:6], weights=[10, 45, 15, 15, 10, 5])[0],
            "trainer_org": "示范县电子商务公共服务中心", "trainer_licence": "示培字2020-018",
            "lecturers": [{"name": n, "credentials": c} for n, c in rng.sample(LECTURERS, rng.randint(1, 2))],
            "syllabus": "一、平台开店\n二、商品拍摄与上架\n三、订单与售后", "place": "幸福村电商服务站培训室",
            "capacity": 50}
        if rng.random() < 0.3 and sim.county_here:  # on the county's schedule (made up: no hub feeds this station)
            county_sends(db, [("county.training_scheduled", session_id,
                               {**details, "title": details["title"] + DEMO, "materials": "",
                                "starts_at": iso(begins), "ends_at": iso(ends)})])
        else:
            session_id = training.create_session(db, sim.manager, starts_at=begins, ends_at=ends, **details).id
        training.start_session(db, sim.operator, session_id)

    def sign_in(person_id: str) -> None:
        tell_trainee_group(sim, person_id)
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
                                                        sex=rng.choice("MF"), categories=trainee_group(sim)).person_id)
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
            outcome = rng.choices(["none", "shop", "employed", "business"], weights=[56, 14, 12, 18])[0]
            training.record_followup(db, sim.operator, person_id=person_id,
                                     on_day=sim.clock.now().astimezone(SHANGHAI).date(), outcome=outcome,
                                     note="电话回访", jobs_created=jobs_created(sim, outcome))
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


#: the groups the county counts trainees by (`people.TRAINEE_CATEGORIES`), as often as they come
TRAINEE_GROUPS = [("returning_migrant", 35), ("returning_graduate", 12), ("self_employed", 22), ("village_cadre", 14),
                  ("station_keeper", 5)]


def trainee_group(sim: Sim) -> list[str]:
    """The group a trainee registered on the spot says they belong to (half of them name one)."""
    if sim.more.random() < 0.5:
        return []
    return sim.more.choices([g for g, _ in TRAINEE_GROUPS], weights=[w for _, w in TRAINEE_GROUPS])


def tell_trainee_group(sim: Sim, person_id: str) -> None:
    """Now and then a registered trainee tells the operator their group at sign-in, and it is
    added to their record (`update_person`), so the sign-in counts under it."""
    if sim.more.random() >= 0.15:
        return
    person = people.get_person(sim.db, person_id)
    if any(c in people.TRAINEE_CATEGORIES for c in person.categories):
        return
    group = sim.more.choices([g for g, _ in TRAINEE_GROUPS], weights=[w for _, w in TRAINEE_GROUPS])
    with contextlib.suppress(UserError):
        people.update_person(sim.db, sim.operator, person_id, name=person.name, phone=person.phone,
                             village=person.village, sex=person.sex, household_no=person.household_no,
                             categories=[*person.categories, *group], note=person.note)


def jobs_created(sim: Sim, outcome: str) -> int:
    """Jobs a followed-up trainee's business or shop made for others."""
    if outcome == "business":
        return sim.more.randint(1, 8)
    if outcome == "shop":
        return sim.more.choice([0, 0, 1, 2])
    return 0
