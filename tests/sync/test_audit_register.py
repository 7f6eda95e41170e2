"""The county's poverty register and village list, from the county's files to the counter: the
register matched to people registered at two stations by keyed ID hashes, without any whole ID
number leaving the hub (not in what the stations are sent, not in their files, not even in the
hub's own database); each station gets only the households of the villages it serves; services
are counted per household; village coverage recomputed by hand from the list."""

import sqlite3
from datetime import timedelta

from sqlalchemy import select

from station_app.clock import SHANGHAI, local_day
from station_app.core import identity, people, register, reports, training
from station_app.core import villages as station_villages
from sync.hub import uploads, villages
from sync.hub.db import changes, reading
from sync.hub.shadows import Shadows

from .audit_evidence import STAFF, logged_in
from .fresh import new_station, sync

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(body17: str) -> str:
    """A valid 18-character ID number (GB 11643 check character) from its first 17 digits."""
    return body17 + "10X98765432"[sum(int(d) * w for d, w in zip(body17, WEIGHTS, strict=True)) % 11]


LIU, LIU_SON, LAI, ZHONG = (id_number(b) for b in ("36073519700101002", "36073519950302003",
                                                     "36073519650715001", "36073519800909004"))
VILLAGES = """村代码,村名,乡镇,贫困村
360735100201,幸福村,琴江镇,是
360735100202,青山村,琴江镇,否
360735101203,石田村,小松镇,是
360735101204,坝口村,小松镇,否
360735101205,桃源村,小松镇,否
"""
REGISTER = f"""户编号,姓名,身份证号,村,脱贫状态,示范户
H001,刘秀兰,{LIU},幸福村,未脱贫,是
H001,刘大山,{LIU_SON},幸福村,未脱贫,是
H002,赖春生,{LAI},琴江镇青山村,已脱贫,否
H003,钟小英,{ZHONG},360735101203,监测户,否
"""


def all_text(path) -> str:
    """Every row of every table of an SQLite file, as SQL text."""
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def test_register_matched_at_two_stations_without_a_whole_id_leaving_the_hub(live_hub, tmp_path):
    hub = live_hub.hub
    shadows = Shadows(hub, tmp_path / "shadows")
    preview, applied = uploads.upload(shadows, "villages", VILLAGES.encode(), filename="villages.csv", who=STAFF)
    assert applied and not preview.report.refused
    a, a_mgr = new_station(tmp_path / "a", live_hub)
    b, b_mgr = new_station(tmp_path / "b", live_hub, name="青山村电商服务站", village="城关镇青山村")
    liu = people.add_person(a, a_mgr, name="刘秀兰", phone="13812345678", village="幸福村", id_number=LIU)
    stranger = people.add_person(a, a_mgr, name="王五", phone="13800000000", village="幸福村",
                                 id_number=id_number("36073519880808005"))
    lai = people.add_person(b, b_mgr, name="赖春生", phone="13970001234", village="青山村", id_number=LAI)
    for db in (a, b):
        assert sync(db).ok  # each escrows its ID key and gets the village list

    bad = REGISTER.replace(f"H003,钟小英,{ZHONG}", "H003,钟小英,360735198009090041")  # wrong check character
    preview, applied = uploads.upload(shadows, "poverty-register", bad.encode(), filename="register.csv", who=STAFF,
                                      dry_run=True)
    assert not applied and [line for line, _ in preview.report.refused] == [5]  # refused by line number, nothing applied
    preview, applied = uploads.upload(shadows, "poverty-register", REGISTER.encode(), filename="register.csv", who=STAFF)
    assert applied and not preview.report.refused
    for db in (a, b):
        assert sync(db).ok

    assert [h.household_no for h in register.households(a)] == ["H001"]  # only the villages each serves
    assert [h.household_no for h in register.households(b)] == ["H002"]
    home = register.household_of(a, liu.id)
    assert home is not None and (home.household_no, home.status, home.model, home.members) == (
        "H001", register.POOR, True, 2)
    assert register.household_of(a, stranger.id) is None
    other = register.household_of(b, lai.id)
    assert other is not None and (other.household_no, other.status, other.model) == ("H002", register.LIFTED, False)
    assert register.members_here(a) == [(liu.id, "H001")] and register.members_here(b) == [(lai.id, "H002")]
    masked = {r["id_masked"] for r in a.rows("SELECT id_masked FROM register_members")}
    assert masked == {identity.mask_id(LIU), identity.mask_id(LIU_SON)}

    # services counted per household: two services to 刘秀兰 are one household reached, a model one
    begins = a.clock.now().astimezone(SHANGHAI) - timedelta(minutes=30)
    s = training.create_session(a, a_mgr, title="电商入门", category="farmer", starts_at=begins,
                                ends_at=begins + timedelta(hours=2), capacity=20, trainer_org="县中心",
                                lecturers=[("李老师", "")], syllabus="开网店", place="服务站")
    training.start_session(a, a_mgr, s.id)
    training.sign_in(a, a_mgr, s.id, person_id=liu.id)
    today = local_day(a.clock.now())
    f = register.figures(a, reports.served(a, today.replace(day=1), today))
    assert (f.households, f.model_households, f.households_reached, f.model_reached, f.people_reached, f.times) == (
        1, 1, 1, 1, 1, 1)
    assert sync(a).ok

    numbers = (LIU, LIU_SON, LAI, ZHONG)
    with reading(hub.engine) as conn:
        sent = "\n".join(r.payload for r in conn.execute(select(changes.c.payload)))
    assert "id_hash" in sent and not any(n in sent for n in numbers)  # what the stations are sent
    for db in (a, b):
        db.close()
    for path in (tmp_path / "a" / "station.sqlite", tmp_path / "b" / "station.sqlite", tmp_path / "hub.sqlite"):
        text = all_text(path)
        assert not any(n in text for n in numbers), path
    browser, _ = logged_in(live_hub)
    page = browser.get(f"{live_hub.url}/dashboard/register", timeout=10)
    assert page.status_code == 200 and not any(n in page.text for n in numbers)
    assert ">3<" in page.text and ">4<" in page.text  # households and members
    assert ">1/3<" in page.text and "示范户 1/1" in page.text  # reached this month: 刘秀兰's household, a model one
    shadows.close()


def test_village_coverage_as_the_plans_count_it(live_hub, tmp_path):
    hub = live_hub.hub
    villages.import_villages(hub, VILLAGES.encode())
    a, _ = new_station(tmp_path / "a", live_hub)  # 幸福村 (poor)
    b, _ = new_station(tmp_path / "b", live_hub, name="青山村电商服务站", village="青山村")
    c, _ = new_station(tmp_path / "c", live_hub, name="小松镇服务站", village="小松镇")  # names no village
    villages.link_station(hub, "小松镇服务站", ["360735101203", "360735101204"], STAFF)  # the county links it
    for db in (a, b, c):
        assert sync(db).ok
    rows = [line.split(",") for line in VILLAGES.strip().splitlines()[1:]]
    served = {"360735100201", "360735100202", "360735101203", "360735101204"}
    poor = {code for code, _, _, flag in rows if flag == "是"}
    by_hand = (len(rows), len(served), len(poor), len(poor & served))
    cover = villages.coverage(hub)
    assert (cover.villages, cover.covered, cover.poor_villages, cover.poor_covered) == by_hand == (5, 4, 2, 2)
    assert cover.pct == round(100 * 4 / 5, 1) == 80.0 and cover.poor_pct == 100.0
    # the stations know their villages and the county's code
    assert [v.code for v in station_villages.own_villages(c)] == ["360735101203", "360735101204"]
    assert [v.name for v in station_villages.own_villages(a)] == ["幸福村"]
    assert station_villages.county_code(a) == "360735"
    assert station_villages.find_village(b, "琴江镇青山村").code == "360735100202"
    for db in (a, b, c):
        db.close()
