"""The county's reports come from the events: two stations simulate a month and sync with a
real hub on loopback, and each station's monthly report equals the hub's for that station, to
the fen — also after county data (a setting, a bill result) came down and was folded in the
order the station applied it. Then the command line, the xlsx and the dashboard pages."""

import base64
import io
import json
from datetime import UTC, datetime

import pytest
import requests
from openpyxl import load_workbook
from sqlalchemy import insert, select

from station_app.core import bills, parcels, report_rows, reports
from station_app.core.events import last_seq
from station_app.core.operators import list_operators
from station_app.core.reports import FIGURES
from sync.hub import cli as hub_cli
from sync.hub.county_files import total_heading, write_county_xlsx
from sync.hub.county_report import combine, county_month, subsidy_claims
from sync.hub.db import placements, writing
from sync.hub.shadows import Shadows
from sync.testing.live_hub import LiveHub
from tests.sync import county as county_mod
from tests.sync.county import ADMIN, MONTH, PASSWORD, sync


def plain(obj):
    return json.loads(json.dumps(obj, ensure_ascii=False))


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    return county_mod.county(tmp_path_factory.getbasetemp() / "county-base", tmp_path_factory.mktemp("hub-reports"))


@pytest.fixture(scope="module")
def live(place):
    with LiveHub(place.hub_url) as hub:
        yield hub


@pytest.fixture(scope="module")
def shadows(live, tmp_path_factory):
    s = Shadows(live.hub, tmp_path_factory.mktemp("shadows"))
    yield s
    s.close()


@pytest.fixture
def own_county(tmp_path_factory, tmp_path):
    """A copy of the county this test may change, with its own hub."""
    place = county_mod.county(tmp_path_factory.getbasetemp() / "county-base", tmp_path / "county")
    with LiveHub(place.hub_url) as hub:
        yield place, hub


def test_each_station_equals_the_hub_to_the_fen(place, shadows):
    for key in ("a", "b"):
        db = place.station(key)
        try:
            for month in ("2026-08", MONTH, "2026-10"):
                mine = plain(reports.monthly_report(db, month))
                assert plain(shadows.monthly(place.ids[key], month)) == mine, (key, month)
            mine = reports.monthly_report(db, MONTH)
        finally:
            db.close()
        assert mine["parcels"]["arrived"] > 1000 and mine["farm_subsidy"]["parcels"] > 100
        assert mine["bills"]["paid_fen"] > 0 and mine["training"]["person_times"] > 0
        assert mine["poverty"]["households"] > 0 and mine["consignment"]["amount_fen"] > 0
        assert plain(shadows.monthly(place.ids[key], MONTH)) == plain(mine), "the cached report too"


def test_county_totals_are_the_stations_added_up(place, shadows):
    county = county_month(shadows, MONTH)
    a, b = (s["report"] for s in county["stations"] if s["hub_id"] in place.ids.values())
    total = county["total"]
    for fig in FIGURES:
        if fig.kind in ("count", "fen") and fig.key not in ("fen_per_parcel", "person_times_target"):
            assert fig.value(total) == fig.value(a) + fig.value(b), fig.key
    assert total["delivery"]["within_48h_pct"] == round(100 * total["delivery"]["within_48h"]
                                                        / total["delivery"]["with_dispatch_time"], 1)
    assert total["delivery"]["median_hours"] is not None
    assert len(total["farm_subsidy"]["claims"]) == total["farm_subsidy"]["parcels"]
    assert [c["no"] for c in total["farm_subsidy"]["claims"]] == list(range(1, total["farm_subsidy"]["parcels"] + 1))
    assert {c["station"] for c in total["farm_subsidy"]["claims"]} == set(county_mod.NAMES.values())
    assert sum(x["paid_fen"] for x in total["bills"]["billers"]) == total["bills"]["paid_fen"]
    assert total["station"]["county"] == "示范县"
    assert combine([], []) == {}


def test_county_data_folds_where_the_station_applied_it(own_county):
    place, live = own_county
    hub, sid = live.hub, place.ids["a"]
    shadows = Shadows(hub, place.folder / "shadows")
    a = place.station("a", live.url)
    try:
        assert shadows.monthly(sid, MONTH) == plain(reports.monthly_report(a, MONTH))
        before = shadows.monthly(sid, MONTH)["parcels"]["became_overdue"]

        # the county changes a setting the figures depend on: the hub counts with it at once...
        hub.push_setting("parcels.overdue_days", 5, station_id=sid)
        hub_view = shadows.monthly(sid, MONTH)
        assert hub_view["parcels"]["became_overdue"] < before and hub_view["parcels"]["overdue_days"] == 5
        # ...and the station, once it has pulled it
        assert sync(a).pulled >= 1
        assert plain(reports.monthly_report(a, MONTH)) == hub_view

        # new work at the station; a bill the county then pays
        op = list_operators(a)[0]
        seq = last_seq(a)
        parcels.check_in_parcel(a, op, waybill="73123456780001", carrier="ZTO", phone="13900001111")
        bill = bills.accept_payment(a, op, product_id="cmcc.topup", account="13812345678", amount=5000)
        sync(a)
        new = last_seq(a) - seq  # the check-in, the bill and the cash day the bill opened
        assert new == 3 and shadows.update(sid) == new and shadows.update(sid) == 0, "only what is new is folded"
        now = reports.month_of(datetime.now(UTC).date())
        hub.publish("county.bill_result", bill.id, bills.result_payload(
            bill.id, "paid", biller_ref="HUB-1", at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")), sid)
        assert shadows.monthly(sid, now)["bills"]["paid"] == 1
        sync(a)
        assert bills.get_bill(a, bill.id).state == bills.PAID
        for month in (MONTH, now):
            assert plain(reports.monthly_report(a, month)) == shadows.monthly(sid, month), month

        # the next push tells the hub where the station applied them: folded for good, same figures
        parcels.check_in_parcel(a, op, waybill="73123456780002", carrier="ZTO", phone="13900001111")
        sync(a)
        assert shadows.update(sid) >= 1
        with writing(hub.engine) as conn:
            placed = {r.hub_seq for r in conn.execute(select(placements.c.hub_seq).where(placements.c.station_id == sid))}
        shadow = shadows._db(sid)
        assert {r["hub_seq"] for r in shadow.rows("SELECT hub_seq FROM hub_events")} == placed
        for month in (MONTH, now):
            assert plain(reports.monthly_report(a, month)) == shadows.monthly(sid, month), month

        # a shadow folded from nothing agrees; so does one that learns of a placement too late
        assert shadows.rebuild(sid) > 10_000
        assert plain(reports.monthly_report(a, MONTH)) == shadows.monthly(sid, MONTH)
        late = hub.push_setting("training.person_times_target", 300)
        with writing(hub.engine) as conn:
            conn.execute(insert(placements).values(station_id=sid, hub_seq=late, after_seq=5))
        assert shadows.update(sid) > 10_000, "folded again from the start"
    finally:
        a.close()
        shadows.close()


def test_station_hub_report_command(place, live, shadows, tmp_path, capsys):
    args = ["report", "monthly", "--month", MONTH, "--db", place.hub_url, "--shadows", str(tmp_path / "shadows")]
    assert hub_cli.main([*args, "--station", county_mod.NAMES["b"]]) == 0
    assert json.loads(capsys.readouterr().out) == shadows.monthly(place.ids["b"], MONTH)
    out = tmp_path / "county.xlsx"
    assert hub_cli.main([*args, "--out", str(out)]) == 0
    book = load_workbook(out)
    sheet = book.worksheets[0]
    county = county_month(shadows, MONTH)
    assert [c.value for c in sheet[3]][2:] == [*sorted(county_mod.NAMES.values()), total_heading(county)]
    arrived = next(r for r in sheet.iter_rows(min_row=4) if r[1].value == reports.label("Parcels arrived", "zh_CN"))
    assert [c.value for c in arrived[2:]] == [*(s["report"]["parcels"]["arrived"] for s in county["stations"]),
                                              county["total"]["parcels"]["arrived"]]
    claims = book.worksheets[1]
    assert claims.max_row == county["total"]["farm_subsidy"]["parcels"] + 2
    assert round(claims.cell(claims.max_row, 9).value * 100) == county["total"]["farm_subsidy"]["claim_fen"]
    station_xlsx = tmp_path / "b.xlsx"
    assert hub_cli.main([*args, "--station", place.ids["b"], "--out", str(station_xlsx)]) == 0
    assert len(load_workbook(station_xlsx, read_only=True).sheetnames) == len(report_rows.SHEETS) + 2
    capsys.readouterr()
    assert hub_cli.main([*args[:3], "2026-13", *args[4:]]) == 2
    assert "2026-13" in capsys.readouterr().err
    assert hub_cli.main([*args, "--station", "nobody"]) == 2


# -- the dashboard over HTTP ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def staff(live):
    session = requests.Session()
    answer = session.post(f"{live.url}/dashboard/login", data={"name": ADMIN, "password": PASSWORD,
                                                               "next": f"/dashboard?month={MONTH}"})
    assert answer.status_code == 200 and answer.url.endswith(f"/dashboard?month={MONTH}")
    return session


def test_the_dashboard_needs_a_login(live):
    answer = requests.get(f"{live.url}/dashboard/overdue", allow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard/login?next=%2Fdashboard%2Foverdue"
    wrong = requests.post(f"{live.url}/dashboard/login", data={"name": ADMIN, "password": "guess"})
    assert wrong.status_code == 401 and "用户名或密码不对" in wrong.text
    forged = requests.get(f"{live.url}/dashboard", cookies={"vs_county": "eA.9999999999.00"}, allow_redirects=False)
    assert forged.status_code == 303
    basic = base64.b64encode(f"{ADMIN}:{PASSWORD}".encode()).decode()
    assert requests.get(f"{live.url}/dashboard", headers={"Authorization": f"Basic {basic}"}).status_code == 200
    escape = requests.post(f"{live.url}/dashboard/login", data={"name": ADMIN, "password": PASSWORD,
                                                                "next": "https://evil.example/"}, allow_redirects=False)
    assert escape.headers["location"] == "/dashboard"


def test_dashboard_numbers_lead_to_their_records(place, live, staff, shadows):
    sid = place.ids["a"]
    report = shadows.monthly(sid, MONTH)
    page = staff.get(f"{live.url}/dashboard/stations/{sid}?month={MONTH}")
    assert page.status_code == 200 and county_mod.NAMES["a"] in page.text
    href = f"/dashboard/stations/{sid}/records/farm_subsidy?month={MONTH}"
    assert f'href="{href}"' in page.text.replace("&amp;", "&")
    records = staff.get(live.url + href)
    assert f"共 {report['farm_subsidy']['parcels']} 条" in records.text
    assert report["farm_subsidy"]["claims"][0]["ewaybill"] in records.text
    many = staff.get(f"{live.url}/dashboard/stations/{sid}/records/parcels_arrived?month={MONTH}&page=2")
    assert f"共 {report['parcels']['arrived']} 条" in many.text and "第 2/" in many.text
    county = staff.get(f"{live.url}/dashboard/records/farm_subsidy?month={MONTH}")
    total = county_month(shadows, MONTH)["total"]
    assert f"共 {total['farm_subsidy']['parcels']} 条" in county.text
    assert staff.get(f"{live.url}/dashboard/stations/nobody?month={MONTH}").status_code == 404
    assert staff.get(f"{live.url}/dashboard?month=2026-13").status_code == 400


def test_dashboard_lists_and_exports(place, live, staff, shadows):
    overdue = staff.get(f"{live.url}/dashboard/overdue")
    assert overdue.status_code == 200 and "滞留件" in overdue.text and county_mod.NAMES["b"] in overdue.text
    stuck = staff.get(f"{live.url}/dashboard/stuck?hours=1")
    waiting = 0
    for key in ("a", "b"):
        db = place.station(key)
        waiting += len(bills.waiting(db))
        db.close()
    assert f"（{waiting} 笔）" in stuck.text
    training = staff.get(f"{live.url}/dashboard/training?year=2026")
    person_times = sum(shadows.monthly(sid, MONTH)["training"]["person_times"] for sid in place.ids.values())
    assert training.status_code == 200 and "/ 300" in training.text
    assert sum(int(x.split(" / ")[0]) for x in training.text.split("<td class=n>")[1:] if " / 300" in x[:20]) == \
        person_times
    subsidy = staff.get(f"{live.url}/dashboard/subsidy?quarter=2026Q3")
    claims, _ = subsidy_claims(shadows, *reports.quarter_days("2026Q3"))
    assert f"<td>合计</td><td class=n>{len(claims)}</td>" in subsidy.text
    export = staff.get(f"{live.url}/dashboard/export/subsidy.xlsx?quarter=2026Q3")
    assert export.headers["content-disposition"].startswith('attachment; filename="subsidy-2026Q3.xlsx"')
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    assert sheet.max_row == len(claims) + 4
    monthly = staff.get(f"{live.url}/dashboard/export/monthly.xlsx?month={MONTH}")
    assert load_workbook(io.BytesIO(monthly.content)).worksheets[0].title == "县级月报"


@pytest.mark.postgres
def test_the_same_reports_on_postgres(pg_hub, station, tmp_path):
    """The shadow fold runs on the same code against a PostgreSQL hub."""
    from sync.testing import stations

    sid = stations.enroll(pg_hub.hub, pg_hub.url, station, "幸福村电商服务站")
    pg_hub.hub.push_setting("parcels.overdue_days", 4)
    sync(station)
    shadows = Shadows(pg_hub.hub, tmp_path / "shadows")
    try:
        months = {r["day"][:7] for r in station.rows("SELECT label_day AS day FROM cash_periods")}
        for month in sorted(months):
            assert shadows.monthly(sid, month) == plain(reports.monthly_report(station, month)), month
        assert county_month(shadows, sorted(months)[-1])["total"]["parcels"]["overdue_days"] == 4
    finally:
        shadows.close()


def test_a_station_the_hub_cannot_fold_does_not_hide_the_rest(tmp_path):
    """An event kind this hub does not know (a newer station program) costs that station its
    report, with the reason in Chinese; the county page and its xlsx still come, and the report
    command says the station is not counted (exit 3) or cannot be computed (exit 1)."""
    from sqlalchemy import update

    from sync.hub.db import events, stations

    with LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite'}") as live:
        hub = live.hub
        shadows = Shadows(hub, tmp_path / "shadows")
        empty = county_month(shadows, MONTH)
        assert empty["stations"] == [] and empty["total"] == {} and empty["covered"] == 0
        sid, _ = hub.enroll_code("新站")
        with writing(hub.engine) as conn:
            conn.execute(insert(events).values(station_id=sid, seq=1, id="x", kind="future.kind", entity_id="e",
                                               payload="{}", operator_id="o", station_time="2026-09-01T00:00:00.000Z",
                                               hlc="1788220800000.00000", prev_hash="0" * 64, hash="1" * 64,
                                               day="2026-09-01", money=0, received_at="2026-09-01T00:00:00.000Z"))
            conn.execute(update(stations).where(stations.c.id == sid).values(acked_seq=1, station_head=1))
        county = county_month(shadows, MONTH)
        entry = county["stations"][0]
        assert entry["report"] is None and not entry["counted"] and "future.kind" in entry["why_not"]
        assert entry["red"] and any("future.kind" in p["text"] for p in entry["problems"])
        assert county["covered"] == 0 and county["not_counted"][0]["name"] == "新站"
        assert load_workbook(write_county_xlsx(county, tmp_path / "c.xlsx")).worksheets[0]["C3"].value == "新站"
        hub.add_admin(ADMIN, PASSWORD)
        basic = base64.b64encode(f"{ADMIN}:{PASSWORD}".encode()).decode()
        page = requests.get(f"{live.url}/dashboard?month={MONTH}", headers={"Authorization": f"Basic {basic}"})
        assert page.status_code == 200 and "future.kind" in page.text
        shadows.close()
        args = ["report", "monthly", "--month", MONTH, "--db", f"sqlite:///{tmp_path / 'hub.sqlite'}",
                "--shadows", str(tmp_path / "shadows-cli")]
        assert hub_cli.main(args) == 3
        assert hub_cli.main([*args, "--station", "新站"]) == 1
