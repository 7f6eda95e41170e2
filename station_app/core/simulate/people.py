"""Simulated villagers: made-up names, phones and places, new people in the register, and the
day's walk-in registrations."""

from __future__ import annotations

import functools
import random
from typing import TYPE_CHECKING

from station_app.core import people
from station_app.errors import UserError

if TYPE_CHECKING:
    from station_app.core.simulate.plan import DayPlan, Sim

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国秀英桂英玉兰明华志强海燕春梅小红军伟丽娟敏静磊洋艳勇杰娜涛超霞平刚芳桂兰金凤文华永福德胜玉珍淑珍秀兰"
VILLAGES = ["幸福村", "东山村", "河湾村", "柳树屯", "新民村", "石桥村"]
CITIES = ["杭州市西湖区文三路", "上海市浦东新区张江路", "广州市天河区体育西路", "深圳市南山区科技园", "北京市朝阳区望京街",
          "成都市武侯区科华北路", "县城城关镇解放路", "武汉市洪山区珞喻路"]


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


def registry_day(sim: Sim, plan: DayPlan) -> None:
    for _ in range(sim.rng.randint(1, 4)):
        plan.later(sim.rng.randint(9 * 60, 17 * 60 + 59), functools.partial(new_person, sim))
