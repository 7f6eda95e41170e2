"""The county side of a demo county: the files a county office would upload to its hub (the
logistics centre's dispatch lists, the fee table, the biller list, the proxy-purchase catalogue,
the training schedule, online-shop orders, the administrative villages and the poverty
register), made up as CSV or JSON bytes. `station-hub demo`
uploads them through the hub's real upload path (`sync.hub.uploads`), exactly as county staff's
files go, so every row is read, checked and routed by the code the county uses.

Every file says 演示 where a person reads it (the biller list's names stay the billers', but the
organiser, supplier and shop do). Plain Python: no hub, no database.
"""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date, datetime, time, timedelta
from typing import Any

from station_app.clock import SHANGHAI
from station_app.core.bills import DEFAULT_CATALOGUE, KINDS
from station_app.core.simulate.consignment import CATALOGUE
from station_app.core.simulate.county import DEMO, DEMO_COUNTY_CODE
from station_app.core.simulate.farm_inputs import FARM_INPUTS
from station_app.core.simulate.parcels import CARRIER_MIX
from station_app.core.simulate.people import (
    CITIES,
    HOUSEHOLD,
    REGISTER_REACH,
    demo_id_number,
    fake_name,
    fake_phone,
    on_register,
)
from station_app.core.simulate.services import NOTICES as NOTICES
from station_app.core.simulate.training import (
    LECTURERS,
    TRAINING_ENDS,
    TRAINING_STARTS,
    TRAINING_TITLES,
)

CARRIER_NAMES = {"ZTO": "中通快递", "YTO": "圆通速递", "YUNDA": "韵达快递", "JT": "极兔速递", "STO": "申通快递",
                 "POST": "中国邮政", "SF": "顺丰速运", "JD": "京东物流"}
KIND_NAMES = {"electricity": "电费", "water": "水费", "phone": "话费", "cable_tv": "有线电视", "health_insurance": "医保",
              "other": "其他"}
TOWNSHIP = "城关镇"


def _csv(rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode("utf-8")


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def fee_table_csv() -> bytes:
    """The county's parcel fees: every carrier, in and out of the county."""
    rows: list[list[Any]] = [["快递公司", "区域", "首重(克)", "首重价格(元)", "续重(克)", "续重价格(元)"]]
    for code, name in CARRIER_NAMES.items():
        dear = code in ("SF", "JD")
        rows.append([name, "县内", 1000, _yuan(1000 if dear else 500), 1000, _yuan(100)])
        rows.append([name, "县外", 1000, _yuan(1500 if dear else 800), 1000, _yuan(500 if dear else 200)])
    return _csv(rows)


def biller_list_csv() -> bytes:
    """The county's biller list (the billers the stations know built in, as the county lists them)."""
    rows: list[list[Any]] = [["单位编号", "缴费单位", "类别", "项目编号", "项目", "账号名称", "账号位数", "校验", "面额(元)",
                              "固定金额(元)", "最低金额(元)", "最高金额(元)", "手续费(元)", "佣金(万分之)", "核对户名"]]
    for biller in DEFAULT_CATALOGUE["billers"]:
        for p in biller["products"]:
            acc = p["account"]
            digits = str(acc["min_len"]) if acc["min_len"] == acc["max_len"] else f"{acc['min_len']}-{acc['max_len']}"
            check = {"phone": "手机号", "id_card": "身份证"}.get(acc.get("check", ""), "")
            kind = p.get("kind") or biller.get("kind") or "other"
            rows.append([biller["id"], biller["name"], KIND_NAMES[kind if kind in KINDS else "other"], p["id"], p["name"],
                         acc["label"], digits, check, "/".join(_yuan(v) for v in p.get("face_values", [])),
                         _yuan(p["fixed_amount"]) if p.get("fixed_amount") else "",
                         _yuan(p["min_fen"]) if "min_fen" in p else "", _yuan(p["max_fen"]) if "max_fen" in p else "",
                         _yuan(p.get("fee", 0)), p.get("commission_bp", 0), "是" if p.get("name_check") else "否"])
    return _csv(rows)


def catalogue_csv() -> bytes:
    """The county's proxy-purchase catalogue."""
    kinds = {"fertiliser": "化肥", "seed": "种子", "pesticide": "农药", "fuel": "油料"}
    rows: list[list[Any]] = [["编号", "名称", "规格", "单位", "价格", "供应商", "农资类别", "生产企业"]]
    rows += [[key, name, spec, unit, _yuan(price), f"示范县供销社{DEMO}",
              kinds[FARM_INPUTS[key][0]] if key in FARM_INPUTS else "", FARM_INPUTS.get(key, ("", ""))[1]]
             for key, name, spec, unit, price in CATALOGUE]
    return _csv(rows)


def training_schedule_csv(rng: random.Random, stations: list[tuple[str, str]], first: date, days: int) -> bytes:
    """A session at each station (name, village) every nine to twelve days in the `days` from
    `first`, an afternoon in its training room; some rows name the village with its township.
    Empty (b"") when the days are too few for one."""
    rows: list[list[Any]] = [["服务站", "培训名称", "类别", "开始时间", "结束时间", "地点", "讲师", "培训机构", "机构资质",
                              "大纲", "人数上限"]]
    for name, village in stations:
        day = first + timedelta(days=rng.randint(2, 6))
        while day < first + timedelta(days=days):
            starts = datetime.combine(day, time(TRAINING_STARTS // 60, TRAINING_STARTS % 60))
            ends = datetime.combine(day, time(TRAINING_ENDS // 60, TRAINING_ENDS % 60))
            lecturers = "；".join(f"{n}（{c}）" for n, c in rng.sample(LECTURERS, rng.randint(1, 2)))
            rows.append([f"{TOWNSHIP}{village}" if rng.random() < 0.5 else name, rng.choice(TRAINING_TITLES), "农民",
                         f"{starts:%Y-%m-%d %H:%M}", f"{ends:%Y-%m-%d %H:%M}", f"{name}培训室", lecturers,
                         f"示范县电子商务公共服务中心{DEMO}", "示培字2020-018", "一、平台开店 二、商品拍摄与上架 三、订单与售后",
                         50])
            day += timedelta(days=rng.randint(9, 12))
    return _csv(rows) if len(rows) > 1 else b""


def manifest_csv(rng: random.Random, villages: list[str], day: date, per_village: tuple[int, int] = (90, 130)
                 ) -> bytes:
    """The logistics centre's dispatch list for `day`'s runs to `villages`: parcels dispatched the
    evening before or early that morning, nearly all with the recipient's phone, a few masked or
    only its last four digits; the village column sometimes with its township before it."""
    rows: list[list[Any]] = [["运单号", "快递公司", "收件人", "手机号", "手机尾号", "目的村", "发出时间"]]
    evening = datetime.combine(day - timedelta(days=1), time(18), SHANGHAI)
    for village in villages:
        for _ in range(rng.randint(*per_village)):
            row = rng.choices(CARRIER_MIX, weights=[c[1] for c in CARRIER_MIX])[0]
            phone = fake_phone(rng)
            roll = rng.random()
            shown, tail = (phone, "") if roll < 0.96 else (f"{phone[:3]}****{phone[-4:]}", "") if roll < 0.98 else \
                ("", phone[-4:])
            sent = evening + timedelta(minutes=rng.randint(0, 14 * 60))
            rows.append([row[3](rng), CARRIER_NAMES[row[0]], fake_name(rng), shown, tail,
                         f"{TOWNSHIP}{village}" if rng.random() < 0.3 else village, f"{sent:%Y-%m-%d %H:%M}"])
    return _csv(rows)


def online_orders_json(rng: random.Random, station: str, lots: list[dict[str, Any]], at: datetime) -> bytes:
    """An order or two of the county's online shop for goods `station` took in (lots as the hub
    knows them: lot_no, unit, price, per_unit), a unit or two each."""
    orders = []
    for lot in rng.sample(lots, min(len(lots), rng.randint(1, 2))):
        quantity = rng.randint(1, 2)
        orders.append({"number": f"XY{rng.randrange(10**12):012d}", "platform": f"示范县农特产品网店{DEMO}",
                       "station": station, "receiver": {"name": fake_name(rng), "phone": fake_phone(rng),
                                                        "address": rng.choice(CITIES) + f"{rng.randint(1, 300)}号"},
                       "lines": [{"lot_no": str(lot["lot_no"]), "quantity": str(quantity), "price": lot["price"]}],
                       "total": quantity * int(lot["price"]), "ordered_at": at.isoformat()})
    return json.dumps(orders, ensure_ascii=False).encode("utf-8")


#: the service-ledger categories the demo county adds to the list the stations start with
MORE_CATEGORIES = [{"code": "social_security", "name": "社保代办"}]
#: the county's other townships (the stations' villages are in 城关镇)
OTHER_TOWNSHIPS = ["高田镇", "小松镇", "屏山镇"]
VILLAGES_WITHOUT_STATION = ["石下村", "坪上村", "洋坊村", "罗源村", "长溪村", "岩岭村"]
REGISTER_STATUS = ["已脱贫", "已脱贫", "已脱贫", "监测户", "未脱贫"]


def village_code(position: int, township: int = 0) -> str:
    """The 12-digit code (GB/T 2260 county + township + village) of a demo village."""
    return f"{DEMO_COUNTY_CODE}{100 + township * 100:03d}{position + 1:03d}"


def villages_csv(villages: list[str]) -> bytes:
    """The county's administrative villages: the stations' villages (in 城关镇, every third a poor
    village) and a few in other townships with no station yet, so coverage is short of 100 %."""
    rows: list[list[Any]] = [["村代码", "村名", "乡镇", "贫困村"]]
    for i, village in enumerate(villages):
        rows.append([village_code(i), village, TOWNSHIP, "是" if i % 3 == 1 else "否"])
    for i, village in enumerate(VILLAGES_WITHOUT_STATION):
        township = 1 + i % len(OTHER_TOWNSHIPS)
        rows.append([village_code(i, township), village, OTHER_TOWNSHIPS[township - 1], "是" if i % 2 == 0 else "否"])
    return _csv(rows)


def register_csv(villages: list[str]) -> bytes:
    """The county's poverty register for `villages`: one row per member, the households of the
    demo county's people (`people.on_register`) with the very ID numbers the stations' villagers
    show at the counter (`people.demo_id_number`), so the stations recognise them. Names are
    made up (the station matches by the keyed ID hash alone)."""
    rows: list[list[Any]] = [["户编号", "姓名", "身份证号", "村", "脱贫状态", "示范户"]]
    for v, village in enumerate(villages):
        for index in range(REGISTER_REACH):
            if not on_register(index):
                continue
            household = index // HOUSEHOLD
            names = random.Random(f"register:{village}:{index}")
            rows.append([f"{village_code(v)}{household:03d}", fake_name(names), demo_id_number(village, index),
                         village, REGISTER_STATUS[(v + household) % len(REGISTER_STATUS)],
                         "是" if (v + household) % 3 == 0 else "否"])
    return _csv(rows)
