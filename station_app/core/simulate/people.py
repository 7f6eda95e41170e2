"""Simulated villagers: made-up names, phones and places, new people in the register, and the
day's walk-in registrations."""

from __future__ import annotations

import functools
import hashlib
import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from station_app.core import people
from station_app.core.identity import id_check_digit
from station_app.core.simulate.county import DEMO_COUNTY_CODE
from station_app.core.station import get_station
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


#: the demo county's poverty register: of each village's people (numbered from 0, in the order
#: they show their ID card at the station), households of HOUSEHOLD people, every POOR_EVERY-th
#: household on the register, among the first REGISTER_REACH people
HOUSEHOLD, POOR_EVERY, REGISTER_REACH = 4, 5, 200


def demo_id_number(village: str, index: int) -> str:
    """The ID number of the `index`-th person of `village` in the demo county (made up, with a
    right check digit; odd indices are men): the same number for the station that registers
    them and for the county's register (`county_office.register_csv`)."""
    digest = hashlib.sha256(f"demo-county:{village}:{index}".encode()).digest()
    born = date(1950, 1, 1) + timedelta(days=int.from_bytes(digest[:4], "big") % 20_000)
    order = (int.from_bytes(digest[4:6], "big") % 500) * 2 + index % 2
    first17 = f"{DEMO_COUNTY_CODE}{born:%Y%m%d}{order:03d}"
    return first17 + id_check_digit(first17)


def on_register(index: int) -> bool:
    """Whether the `index`-th person of a village is on the demo county's poverty register."""
    return index < REGISTER_REACH and (index // HOUSEHOLD) % POOR_EVERY == 0


def known_person(sim: Sim, rng: random.Random) -> people.Person | None:
    """A villager already in the station's register (nobody new: the older services' draws
    depend on how many there are), or None while there is nobody."""
    known = people.count_people(sim.db)
    if not known:
        return None
    row = sim.db.row("SELECT id FROM people LIMIT 1 OFFSET ?", (rng.randrange(known),))
    return people.get_person(sim.db, row["id"]) if row else None


def show_id_card(sim: Sim, person: people.Person) -> people.Person:
    """The villager shows their ID card and the operator records its number (`update_person`):
    the next person of the station's village in the demo county with their sex. A person with a
    number on record keeps it."""
    if person.id_masked:
        return person
    station = get_station(sim.db)
    village = station.village if station else ""
    following = sim.state.setdefault("next_id_index", {"F": 0, "M": 1})
    sex = person.sex if person.sex in following else "F" if following["F"] <= following["M"] else "M"
    index = following[sex]
    following[sex] += 2
    try:
        return people.update_person(sim.db, sim.operator, person.id, name=person.name, phone=person.phone,
                                    village=person.village, sex=person.sex, id_number=demo_id_number(village, index),
                                    household_no=person.household_no, categories=person.categories,
                                    note=person.note)
    except UserError:
        return person
