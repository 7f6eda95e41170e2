"""Realistic station activity through the real core actions (demo data, benchmarks, tests).

Each service adds its own day of work to `ACTIVITIES`; everything goes through the same
functions an operator's clicks call, so simulated stations exercise the real code paths.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from station_app.core import cash, people
from station_app.core.clock import SHANGHAI, FixedClock, parse_iso
from station_app.core.errors import UserError
from station_app.core.events import hlc_ms, last_seq
from station_app.core.operators import OPERATOR, Operator, add_operator, list_operators, login
from station_app.core.station import create_station, get_station

DEMO_MANAGER = ("王建国", "1234")
DEMO_OPERATOR = ("李秀英", "5678")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国秀英桂英玉兰明华志强海燕春梅小红军伟丽娟敏静磊洋艳勇杰娜涛超霞平刚芳桂兰金凤文华永福德胜玉珍淑珍秀兰"
VILLAGES = ["幸福村", "东山村", "河湾村", "柳树屯", "新民村", "石桥村"]


@dataclass
class Sim:
    db: Any
    rng: random.Random
    clock: FixedClock
    manager: Operator
    operator: Operator
    counts: dict[str, int] = field(default_factory=dict)

    def bump(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def at(self, hour: int, minute: int = 0) -> None:
        """Move the clock to a time of the current day (Shanghai), never backwards."""
        day = self.clock.pc_now().astimezone(SHANGHAI)
        target = day.replace(hour=hour, minute=minute, second=self.rng.randint(0, 59))
        if target > day:
            self.clock.set(target)

    def person(self) -> people.Person:
        """An existing villager most of the time, a new one sometimes."""
        known = people.count_people(self.db)
        if known > 20 and self.rng.random() < 0.8:
            row = self.db.row("SELECT id FROM people LIMIT 1 OFFSET ?", (self.rng.randrange(known),))
            return people.get_person(self.db, row["id"])
        return new_person(self)


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
    sim.at(8, 0)
    if cash.open_period(sim.db) is None:
        expected = cash.drawer_balance(sim.db)
        counted = expected if sim.rng.random() < 0.9 else expected + sim.rng.choice([-100, 100, -50])
        cash.open_day(sim.db, sim.operator, counted=max(0, counted))
    if cash.drawer_balance(sim.db) < 20_000:
        cash.add_float(sim.db, sim.manager, amount=50_000, memo="零钱备用金")
    sim.bump("cash_days")


def registry_day(sim: Sim) -> None:
    for _ in range(sim.rng.randint(1, 4)):
        sim.at(sim.rng.randint(9, 17), sim.rng.randint(0, 59))
        new_person(sim)


def cash_close(sim: Sim) -> None:
    sim.at(18, 30)
    if sim.rng.random() < 0.15 and cash.drawer_balance(sim.db) > 5000:
        cash.record_expense(sim.db, sim.operator, amount=sim.rng.choice([1500, 2800, 4000]), category="supplies", memo="热敏纸")
    expected = cash.drawer_balance(sim.db)
    counted = expected if sim.rng.random() < 0.92 else max(0, expected + sim.rng.choice([-200, -100, 50, 100]))
    cash.close_day(sim.db, sim.operator, counted=counted)
    if cash.drawer_balance(sim.db) > 300_000:
        cash.take_cash(sim.db, sim.manager, amount=200_000, memo="存入银行")


# the day, in order: services add their activity between opening and closing the cash day
ACTIVITIES: list[Callable[[Sim], None]] = [cash_open, registry_day, cash_close]


def setup(db: Any) -> tuple[Operator, Operator]:
    """The demo station and its two operators (created on first use)."""
    if get_station(db) is None:
        _, manager = create_station(db, name="幸福村电商服务站", village="幸福村", county="示范县",
                                    manager_name=DEMO_MANAGER[0], manager_pin=DEMO_MANAGER[1])
        add_operator(db, manager, name=DEMO_OPERATOR[0], role=OPERATOR, pin=DEMO_OPERATOR[1])
    ops = {o.name: o for o in list_operators(db)}
    return ops.get(DEMO_MANAGER[0]) or list_operators(db)[0], ops.get(DEMO_OPERATOR[0]) or list_operators(db)[-1]


def run(db: Any, days: int, seed: int = 1, end: datetime | None = None) -> dict[str, Any]:
    """Simulate `days` working days ending yesterday (or after the file's last event)."""
    started = time.perf_counter()
    seq0 = last_seq(db)
    real_clock = db.clock
    end = end or datetime.now(UTC)
    start_day = (end.astimezone(SHANGHAI) - timedelta(days=days)).replace(hour=7, minute=0, second=0, microsecond=0)
    if seq0:
        last_at = datetime.fromtimestamp(hlc_ms(db.value("SELECT hlc FROM events ORDER BY seq DESC LIMIT 1")) / 1000, UTC)
        start_day = max(start_day, (last_at.astimezone(SHANGHAI) + timedelta(days=1)).replace(hour=7, minute=0))
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
            for activity in ACTIVITIES:
                activity(sim)
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
