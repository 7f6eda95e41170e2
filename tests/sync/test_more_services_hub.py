"""Issue 22 through a real hub on loopback: the county sends a catalogue with a farm input, its
service-ledger categories and a notice; the station pays out bank-card withdrawals (one voided),
records the bank's settlement that differs by 10 yuan, writes the service ledger, sells the farm
input with its batch, posts the notice and photographs a parcel at the counter; after its sync
the hub's monthly report and the records behind it equal the station's to the fen, the county's
pages show the withdrawals per station, the categories and the notice posted, and the photo is
on the hub."""

from __future__ import annotations

import base64
import io
import json

import pytest
import requests
from PIL import Image

from station_app.core import (
    cash,
    cashpoint,
    notices,
    parcels,
    people,
    proxy_orders,
    report_rows,
    reports,
    services_ledger,
)
from station_app.core.parcels import photos
from sync import client
from sync.hub import cli as hub_cli
from sync.hub import evidence, station_services
from sync.hub import notices as hub_notices
from sync.hub.catalogue import import_catalogue
from sync.hub.county_report import station_month
from sync.hub.office_db import ensure_office_tables
from sync.hub.shadows import Shadows
from sync.link import Retry
from sync.testing.live_hub import LiveHub

MONTH = "2026-11"
ADMIN, PASSWORD = "县运营中心", "county-office-pass-1"
CATALOGUE = ("编号,名称,规格,单位,价格,农资类别,生产企业\n"
             "SEED-958,玉米种子,郑单958 2kg,袋,60.00,种子,河南秋乐种业\n"
             "BOOT-42,雨靴,42码,双,35.00,,\n").encode()


def quick() -> Retry:
    return Retry(attempts=4, base=0.01, cap=0.05)


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def county(tmp_path, db, clock):
    with LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite'}") as live:
        live.hub.clock = clock  # the county and the station on one clock: the month is the same on both
        ensure_office_tables(live.hub.engine)
        live.hub.add_admin(ADMIN, PASSWORD)
        shadows = Shadows(live.hub, tmp_path / "shadows")
        yield live, shadows
        shadows.close()


def test_every_new_service_reaches_the_county_to_the_fen(county, tmp_path, db, manager, operator, clock):
    live, shadows = county
    hub = live.hub
    _, code = hub.enroll_code("幸福村电商服务站", "幸福村")
    sid = client.enroll(db, live.url, code, retry=quick()).station_id
    # the county's side
    assert not import_catalogue(hub, CATALOGUE).refused
    station_services.publish_categories(hub, station_services.parse_categories(
        "consult 政策咨询\ntickets 车票机票代购\njobs 劳务用工\neldercare 养老服务"), who=ADMIN)
    hub_notices.publish_notice(hub, title="春耕农资补贴申报", text="4月30日前到村委会登记。", who=ADMIN)
    client.sync_once(db, retry=quick())
    assert [c.code for c in services_ledger.categories(db)] == ["consult", "tickets", "jobs", "eldercare"]
    assert proxy_orders.catalogue(db, "玉米")[0].producer == "河南秋乐种业"

    # a day at the station
    cash.open_day(db, manager, counted=300_000)
    poor = people.add_person(db, operator, name="刘秀兰", phone="13900001234", village="幸福村",
                             categories=[people.POVERTY])
    card = "6228480402564890018"
    cashpoint.pay_withdrawal(db, operator, card_number=card, amount=50_000, trace_no="000101", person_id=poor.id)
    cashpoint.pay_withdrawal(db, operator, card_number="6212261202011584340", amount=30_000, trace_no="000102")
    wrong = cashpoint.pay_withdrawal(db, operator, card_number=card, amount=20_000, trace_no="000103")
    cashpoint.void_withdrawal(db, operator, wrong.id, reason="终端显示交易失败")
    services_ledger.record_service(db, operator, category="tickets", person_id=poor.id, fee=500, note="K7034")
    services_ledger.record_service(db, operator, category="consult", name="张大爷", people=3)
    order = proxy_orders.place_order(db, operator, person_id=poor.id, catalogue_item_id="SEED-958", quantity=2,
                                     deposit=2_000)
    proxy_orders.receive_order(db, operator, order_id=order.id)
    proxy_orders.hand_over_order(db, operator, order_id=order.id, batch="2026-03-A12")
    [notice] = notices.to_post(db, clock.now().date())
    notices.mark_posted(db, operator, notice.id)
    checked = parcels.check_in_parcel(db, operator, waybill="SF1000000000901", phone="13900001111")
    photo = photos.add_photo(db, operator, checked.parcel.id, moment=photos.CHECK_IN, image=jpeg())
    clock.advance(days=1)
    cashpoint.settle_day(db, operator, day="2026-11-02", bank_total=79_000, bank_count=2)  # 10 yuan short
    report = client.sync_once(db, retry=quick())
    assert report.evidence_uploaded == 1

    # the county's figures: the station's own report, folded from its records, to the fen
    mine = reports.monthly_report(db, MONTH)
    theirs, sheets = station_month(shadows, sid, MONTH, sheets=True)
    assert theirs["station"]["name"] == "幸福村电商服务站"
    mine["station"] = theirs["station"]
    assert theirs == mine
    assert {s.key: s.rows for s in sheets} == {s.key: s.rows for s in report_rows.all_evidence(db, MONTH)}
    c = theirs["cashpoint"]
    assert (c["withdrawals"], c["amount_fen"], c["voided"], c["differing_days"], c["difference_fen"]) == \
        (2, 80_000, 1, 1, -1_000)
    assert theirs["services"]["times"] == 4 and theirs["services"]["by_category"]["tickets"]["fees_fen"] == 500
    assert (theirs["proxy_orders"]["farm_inputs"], theirs["proxy_orders"]["farm_inputs_fen"]) == (1, 12_000)
    assert theirs["notices"]["posted"] == 1
    assert theirs["poverty"]["by_service"]["cashpoint"] == {"households": 1, "times": 1}
    assert theirs["cash"]["by_service"]["cashpoint"]["cash_out_fen"] == 80_000 + 20_000  # the void's cash came back
    farm = next(s for s in sheets if s.key == "farm_inputs")
    assert farm.rows[0][5:7] == ["河南秋乐种业", "2026-03-A12"], "the trace chain reached the county"

    # per station per month, the categories, the notice posted, the photo
    per, total = station_services.month_by_station(shadows, MONTH)
    assert [(s.name, s.cashpoint["withdrawals"], s.services["times"]) for s in per] == [("幸福村电商服务站", 2, 4)]
    assert total["total"]["cashpoint"]["amount_fen"] == 80_000 and total["covered"] == 1
    [posted] = station_services.postings(hub)
    assert posted.posted == 1 and posted.stations[0].station_id == sid
    kind, data = evidence.fetch(hub, sid, photo.sha256) or ("", b"")
    assert kind == "image/jpeg" and data == photos.photo_path(db, photo).read_bytes()

    login = {"Authorization": "Basic " + base64.b64encode(f"{ADMIN}:{PASSWORD}".encode()).decode()}
    page = requests.get(f"{live.url}/dashboard/services?month={MONTH}", headers=login, timeout=30)
    assert page.status_code == 200
    assert "幸福村电商服务站" in page.text and "¥800.00" in page.text and "-¥10.00" in page.text
    assert 'class="red"' in page.text, "the station whose bank settlement differs is red"
    assert "养老服务" in page.text  # the county's categories, as the stations keep them
    posted_page = requests.get(f"{live.url}/dashboard/notices", headers=login, timeout=30)
    assert posted_page.status_code == 200 and "春耕农资补贴申报" in posted_page.text and "1/1" in posted_page.text
    api = requests.get(f"{live.url}/county/notices/posted", auth=(ADMIN.encode(), PASSWORD.encode()), timeout=30)
    assert api.status_code == 200 and api.json()[0]["posted"] == 1


def test_the_county_sets_the_categories_by_http_and_command(county, tmp_path, db, manager):
    live, _ = county
    auth = (ADMIN.encode(), PASSWORD.encode())
    bad = requests.post(f"{live.url}/county/service-categories", json={"categories": [{"code": "A B", "name": "x"}]},
                        auth=auth, timeout=30)
    assert bad.status_code == 400 and "A B".lower() in bad.text
    ok = requests.post(f"{live.url}/county/service-categories", json={"categories": [
        {"code": "consult", "name": "政策咨询"}, {"code": "jobs", "name": "劳务用工"}]}, auth=auth, timeout=30)
    assert ok.status_code == 200 and [c["code"] for c in ok.json()["categories"]] == ["consult", "jobs"]
    listing = tmp_path / "categories.txt"
    listing.write_text("# 县便民服务类别\nconsult 政策咨询\ninsurance 保险代办\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    assert hub_cli.main(["service-categories", str(listing), "--db", url]) == 0
    listing.write_text("consult\n", encoding="utf-8")
    assert hub_cli.main(["service-categories", str(listing), "--db", url]) == 2
    items, sent_at = station_services.current_categories(live.hub)
    assert [c["code"] for c in items] == ["consult", "insurance"] and sent_at
    _, code = live.hub.enroll_code("幸福村电商服务站", "幸福村")
    client.enroll(db, live.url, code, retry=quick())
    client.sync_once(db, retry=quick())
    assert [(c.code, c.name) for c in services_ledger.categories(db)] == [("consult", "政策咨询"),
                                                                          ("insurance", "保险代办")]
    assert json.loads(requests.get(f"{live.url}/county/notices/posted", auth=auth, timeout=30).text) == []
