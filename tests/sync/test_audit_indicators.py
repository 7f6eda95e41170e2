"""The national indicators the county reports monthly (农村电子商务和社区商业信息系统), from a busy
station's records to the county's xlsx and CSV under the field names the county mapped, each
figure recomputed here by hand from the station's rows; and the station's monthly report equal
to the hub's to the fen."""

import csv
import io
import json
import statistics
from datetime import timedelta

from openpyxl import load_workbook

from station_app.clock import SHANGHAI, iso, local_day, parse_iso
from station_app.core import operators, outbound, parcels, reports, training
from station_app.core import sync_state as state
from sync.hub import cli as hub_cli
from sync.hub import county_training, indicators, uploads, villages
from sync.hub.shadows import Shadows

from .audit_evidence import STAFF, logged_in, photo
from .fresh import sync

VILLAGES = "村代码,村名,乡镇,贫困村\n360735100201,幸福村,琴江镇,是\n360735100202,青山村,琴江镇,否\n"


def month_of(text):
    return local_day(parse_iso(text)).isoformat()[:7]


def plain(obj):
    return json.loads(json.dumps(obj, ensure_ascii=False))


def test_indicators_by_hand_from_the_rows_and_exported_under_the_countys_field_names(live_hub, enrolled, tmp_path):
    db, hub = enrolled, live_hub.hub
    manager = next(o for o in operators.list_operators(db) if o.role == "manager")
    villages.import_villages(hub, VILLAGES.encode())
    sent = [outbound.take_outbound_parcel(
        db, manager, sender_name="赖春生", sender_phone="13970001234", recipient_name="陈明", recipient_phone="13900001111",
        recipient_address="深圳", contents=what, weight_g=2000, carrier="ZTO", ewaybill=f"7330000000000{n}",
        farm_produce=farm, farm_category="fruit" if farm else None, destination_code="440300", goods_value_fen=value,
        ewaybill_photo=photo(tmp_path / "cam", f"w{n}", (n * 40, 0, 0)) if farm else None).parcel
        for n, (what, farm, value) in enumerate((("脐橙", True, 12_345), ("竹编", False, 8_000), ("白莲", True, 30_001)))]
    outbound.cancel_outbound_parcel(db, manager, outbound_id=sent[2].id, reason="寄错了")
    begins = db.clock.now().astimezone(SHANGHAI) - timedelta(minutes=20)
    s = training.create_session(db, manager, title="电商入门", category="farmer", starts_at=begins,
                                ends_at=begins + timedelta(hours=2), capacity=20, trainer_org="县中心",
                                lecturers=[("李老师", "")], syllabus="开网店", place="服务站")
    training.start_session(db, manager, s.id)
    for name, phone in (("甲", "13800000001"), ("乙", "13800000002"), ("丙", "13800000003")):
        training.register_and_sign_in(db, manager, s.id, name=name, phone=phone, village="幸福村")
    # two parcels the county dispatched 30 and 60 hours ago arrive now (delivery times)
    now = db.clock.now()
    manifest = "运单号,快递公司,收件人,电话,目的村,发出时间\n" + "".join(
        f"{waybill},圆通,张三,1380000111{n},幸福村,{iso(now - timedelta(hours=hours))}\n"
        for n, (waybill, hours) in enumerate((("YT7500000009001", 30), ("YT7500000009002", 60))))
    shadows = Shadows(hub, tmp_path / "shadows")
    _, applied = uploads.upload(shadows, "manifest", manifest.encode(), filename="manifest.csv", who=STAFF)
    assert applied and sync(db).ok
    for waybill in ("YT7500000009001", "YT7500000009002"):
        parcels.check_in_parcel(db, manager, waybill=waybill)
    assert sync(db).ok
    today = local_day(db.clock.now())
    county_training.record_session(hub, title="县中心培训", day=today.isoformat(), person_times=45, who=STAFF)
    indicators.set_mapping(hub, "rural_online_retail", "NCWLLSE", name="农村网络零售额（全县）", who=STAFF)

    # by hand, from the rows
    months = [f"{today.year}-{m:02d}" for m in range(1, today.month + 1)]
    retail = dict.fromkeys(months, 0)
    farm_retail = dict.fromkeys(months, 0)
    out = dict.fromkeys(months, 0)
    for r in db.rows("SELECT * FROM outbound_parcels"):
        m = month_of(r["taken_at"])
        if m in retail and r["status"] != "cancelled":
            retail[m] += r["goods_value_fen"]
            farm_retail[m] += r["goods_value_fen"] if r["farm_produce"] else 0
            out[m] += 1
    for r in db.rows("SELECT * FROM consign_moves WHERE channel = 'online' AND voided = 0"):
        if r["day"][:7] in retail:
            retail[r["day"][:7]] += r["amount"]
            farm_retail[r["day"][:7]] += r["amount"] if r["category"] != "craft" else 0
    arrived = dict.fromkeys(months, 0)
    for r in db.rows("SELECT arrived_at FROM parcels"):
        if month_of(r["arrived_at"]) in arrived:
            arrived[month_of(r["arrived_at"])] += 1
    trained = dict.fromkeys(months, 0)
    for r in db.rows("SELECT signed_in_at FROM training_signins"):
        trained[month_of(r["signed_in_at"])] += 1
    trained[today.isoformat()[:7]] += 45
    active = {month_of(r["station_time"]) for r in db.rows("SELECT station_time FROM events")}
    travel: dict[str, list[float]] = {m: [] for m in months}
    for r in db.rows("SELECT arrived_at, dispatched_at FROM parcels WHERE dispatched_at IS NOT NULL"):
        hours = (parse_iso(r["arrived_at"]) - parse_iso(r["dispatched_at"])).total_seconds() / 3600
        travel[month_of(r["arrived_at"])].append(hours)
    assert sorted(round(h) for h in travel[today.isoformat()[:7]]) == [30, 60]
    assert retail[today.isoformat()[:7]] >= 12_345 + 8_000 and out[today.isoformat()[:7]] >= 2

    try:
        result = indicators.compute(shadows, today.year)
        for m in months:
            v = result.values[m]
            assert (v["rural_online_retail"], v["farm_online_retail"], v["parcels_out"], v["parcels_in"]) == (
                retail[m], farm_retail[m], out[m], arrived[m]), m
            assert v["training_person_times"] == trained[m] and v["stations"] == int(m in active)
            assert (v["villages_covered_pct"], v["poor_villages_covered_pct"]) == (50.0, 100.0)  # 幸福村 of 2
            assert (v["poor_households_served"], v["poor_households_total"]) == (0, 0)
            hours = sorted(travel[m])
            within = (round(100 * sum(h <= 48 for h in hours) / len(hours), 1), round(
                100 * sum(h <= 72 for h in hours) / len(hours), 1)) if hours else (None, None)
            assert (v["delivery_within_48h_pct"], v["delivery_within_72h_pct"]) == within, m
            assert v["delivery_median_hours"] == (round(statistics.median(hours), 1) if hours else None), m
        # the station's monthly report equals the hub's, to the fen
        sid = db.local(state.STATION_ID)
        for m in sorted(active & set(months)):
            assert plain(shadows.monthly(sid, m)) == plain(reports.monthly_report(db, m))
    finally:
        shadows.close()

    browser, _ = logged_in(live_hub)
    page = browser.get(f"{live_hub.url}/dashboard/indicators?year={today.year}", timeout=10)
    assert page.status_code == 200 and "NCWLLSE" in page.text
    this = today.isoformat()[:7]
    text = browser.get(f"{live_hub.url}/dashboard/export/indicators-{today.year}.csv", timeout=10).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:3] == ["统计期", "NCWLLSE", "农产品网络零售额"]
    line = next(row for row in table if row[0] == this)
    assert float(line[1]) == retail[this] / 100 and float(line[2]) == farm_retail[this] / 100
    book = load_workbook(io.BytesIO(browser.get(f"{live_hub.url}/dashboard/export/indicators-{today.year}.xlsx",
                                                timeout=10).content)).active
    rows = list(book.iter_rows(values_only=True))
    assert rows[0][1] == "NCWLLSE" and rows[1][1].startswith("农村网络零售额（全县）")
    assert next(r for r in rows if r[0] == this)[1] == retail[this] / 100

    # `station-hub`: a field renamed, then the same CSV written from the command line
    assert hub_cli.main(["indicator-map", "parcels_out", "KDCCJS", "--db", live_hub.db_url]) == 0
    written = tmp_path / "indicators.csv"
    assert hub_cli.main(["indicators", "--year", str(today.year), "--out", str(written), "--db", live_hub.db_url]) == 0
    cli_table = list(csv.reader(io.StringIO(written.read_text("utf-8-sig"))))
    assert "KDCCJS" in cli_table[0]
    column = cli_table[0].index("KDCCJS")
    assert int(next(row for row in cli_table if row[0] == this)[column]) == out[this]
