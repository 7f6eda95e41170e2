"""County operations on the real hub (sync.hub.uploads and the modules behind it): each file kind
read with its refused rows and line numbers, sent once, and at the stations after their next
sync; the same through the dashboard's functions, `station-hub upload` and `POST
/county/uploads`; notices, targets, the hours the 缴费未到账 page uses; staff roles on every
route and the audit log, which never holds a password."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import requests

from station_app.clock import local_day
from station_app.core import bills, settings
from station_app.core.notices import current_notices
from station_app.core.simulate import county_office
from station_app.core.sync_state import STATION_ID
from station_app.db import open_station
from station_app.errors import ValidationError
from station_app.i18n import translate
from sync.hub import audit, month_close, notices, roles, targets, uploads
from sync.hub.biller_lists import read_biller_list
from sync.hub.cli import main as hub_main
from sync.hub.fee_tables import read_fee_table
from sync.hub.places import _forms, route
from sync.hub.shadows import Shadows
from sync.hub.training_schedules import read_schedule

from .fresh import new_station, sync

ADMIN = ("县运营中心", "county-office-pass-1")
VIEWER = ("县领导", "viewer-pass-2026")
AUDITOR = ("审计局", "auditor-pass-2026")
WHO = "县运营中心"


def basic(login):
    return (login[0].encode(), login[1].encode())  # UTF-8 Basic (RFC 7617)


@pytest.fixture
def county(live_hub, tmp_path):
    """Two stations, enrolled and synced; three staff logins, one per role."""
    hub = live_hub.hub
    a, _ = new_station(tmp_path / "a", live_hub, name="青山村服务站", village="城关镇青山村")
    b, _ = new_station(tmp_path / "b", live_hub, name="红旗村服务站", village="红旗村")
    for db in (a, b):
        sync(db)
    for login, role in ((ADMIN, roles.ADMIN), (VIEWER, roles.VIEWER), (AUDITOR, roles.AUDITOR)):
        hub.add_admin(*login)
        roles.set_role(hub, login[0], role, "test")
    shadows = Shadows(hub, tmp_path / "shadows")
    yield {"hub": hub, "live": live_hub, "a": a, "b": b, "shadows": shadows, "tmp": tmp_path}
    shadows.close()
    a.close()
    b.close()


def test_a_township_before_the_village_still_finds_the_station():
    places = {form: {"s1"} for form in _forms("城关镇青山村")} | {form: {"s2"} for form in _forms("红旗村")}
    for written in ("城关镇青山村", "青山村", "青山", "示范县城关镇青山村", "示范县 城关镇 青山村"):
        assert route(places, written) == "s1", written
    for written in ("红旗村", "龙山乡红旗村", "东街街道红旗村", "红旗"):
        assert route(places, written) == "s2", written
    with pytest.raises(ValidationError):
        route(places, "白沙村")


def test_each_reader_names_the_refused_rows_by_line():
    fees, refused = read_fee_table("快递公司,区域,首重(克),首重价格(元),续重(克),续重价格(元)\n"
                                   "中通快递,县内,1000,5,1000,1\n顺丰,县外,1000,15,1000,abc\n"
                                   "中通,县内,1000,6,1000,1\n不知道快递,县外,1000,8,1000,2\n".encode("gbk"))
    assert [f.carrier for f in fees] == ["ZTO"] and [n for n, _ in refused] == [3, 4, 5]
    assert "2" in refused[1][1]  # the same carrier and zone as line 2
    billers, refused = read_biller_list(county_office.biller_list_csv() + "gas,燃气公司,燃气,gas.bill,燃气费,户号,8,,,,,,,,\n"
                                        "cmcc,中国移动公司,话费,cmcc.x,充值,手机,11,手机号,30,,,,,,否\n".encode())
    assert len(billers) == 8 and [n for n, _ in refused] == [10, 11]
    sessions, refused = read_schedule("服务站,培训名称,开始时间,结束时间\n青山村,直播,2027-01-10 14:30,2027-01-10 16:30\n"
                                      "青山村,,2027-01-11 14:30,2027-01-11 16:30\n红旗村,客服,2027-01-12 16:30,"
                                      "2027-01-12 14:30\n".encode())
    assert [s.line for s in sessions] == [2] and [n for n, _ in refused] == [3, 4]


def test_every_kind_goes_down_once_and_the_stations_have_it_after_their_sync(county):
    hub, shadows, a, b = county["hub"], county["shadows"], county["a"], county["b"]
    manifest = ("运单号,快递公司,收件人,手机号,目的村,发出时间\n"
                "78123456789001,中通快递,李明,13900000001,示范县城关镇青山村,2026-12-01 20:00\n"
                "78123456789002,圆通速递,王芳,13900000002,红旗村,2026-12-01 20:10\n").encode()
    runs = {"manifest": manifest, "fee-table": county_office.fee_table_csv(),
            "biller-list": county_office.biller_list_csv(), "catalogue": county_office.catalogue_csv(),
            "training-schedule": ("服务站,培训名称,开始时间,结束时间,地点\n城关镇青山村,直播带货,2027-01-10 14:30,"
                                  "2027-01-10 16:30,青山村服务站\n").encode()}
    for kind, data in runs.items():
        checked = uploads.preview(shadows, kind, data, filename=f"{kind}.csv", who=WHO)
        assert checked.applied_at is None and checked.report.sent and not checked.report.refused, kind
        done, now = uploads.apply(shadows, kind, checked.key, who=WHO)
        assert now and done.applied is not None, kind
        again, now = uploads.upload(shadows, kind, data, filename="again.csv", who=WHO)
        assert not now and again.applied == done.applied, f"{kind} sent twice"
    notices.publish_notice(hub, title="防汛通知", text="暴雨期间请把快递放在高处。", who=WHO,
                           until=(date.today() + timedelta(days=3)).isoformat())
    targets.set_value(hub, "training.person_times_target", 400, WHO)
    targets.set_value(hub, "training.person_times_target", 250, WHO, station="红旗村服务站")
    targets.set_value(hub, "training.person_times_target", 450, WHO)  # county-wide again: 红旗村 keeps its own
    for db in (a, b):
        sync(db)
    today = local_day(datetime.now(UTC))
    assert a.value("SELECT count(*) FROM county_fees") == 16 and b.value("SELECT count(*) FROM county_fees") == 16
    assert bills.catalogue(a).from_county and len(bills.catalogue(b).products) == 8
    assert a.value("SELECT waybill FROM parcels_expected") == "78123456789001"
    assert b.value("SELECT waybill FROM parcels_expected") == "78123456789002"
    assert a.value("SELECT title FROM training_sessions WHERE source = 'county'") == "直播带货"
    assert b.value("SELECT count(*) FROM training_sessions") == 0
    assert [n.title for n in current_notices(a, today)] == ["防汛通知"]
    assert current_notices(a, today + timedelta(days=4)) == []  # shown until the day the county gave
    assert settings.get(a, "training.person_times_target") == 450
    assert settings.get(b, "training.person_times_target") == 250
    assert {v.key: (v.county, v.stations) for v in targets.values(hub)}["training.person_times_target"] == \
        (450, {b.local(STATION_ID): 250})


def test_a_table_that_replaces_the_stations_whole_table_is_sent_only_whole(county):
    bad = county_office.fee_table_csv() + "不知道快递,县外,1000,8,1000,2\n".encode()
    checked = uploads.preview(county["shadows"], "fee-table", bad, filename="fees.csv", who=WHO)
    assert [n for n, _ in checked.report.refused] == [18] and len(checked.report.sent) == 16
    with pytest.raises(ValidationError, match="18"):
        uploads.apply(county["shadows"], "fee-table", checked.key, who=WHO)
    assert uploads.stored(county["shadows"], "fee-table", checked.key).applied_at is None  # not sent, may be fixed


def test_the_same_upload_over_http_and_the_command_line(county, capsys):
    live, tmp = county["live"], county["tmp"]
    url = f"{live.url}/county/uploads/fee-table"
    data = county_office.fee_table_csv()
    headers = {"Content-Type": "text/csv"}
    assert requests.post(url, data=data, headers=headers, timeout=10).status_code == 401
    assert requests.post(url, data=data, headers=headers, auth=basic(VIEWER), timeout=10).status_code == 403
    dry = requests.post(url, params={"dry_run": "true", "filename": "fees.csv"}, data=data, headers=headers,
                        auth=basic(ADMIN), timeout=10).json()
    assert dry["applied_now"] is False and dry["applied_at"] is None and len(dry["sent"]) == 16
    sent = requests.post(url, params={"filename": "fees.csv"}, data=data, headers=headers, auth=basic(ADMIN),
                         timeout=10).json()
    assert sent["applied_now"] is True and sent["key"] == dry["key"]
    path = tmp / "收费标准.csv"
    path.write_bytes(data)
    db_url = f"sqlite:///{tmp / 'hub.sqlite'}"
    assert hub_main(["upload", "fee-table", str(path), "--db", db_url]) == 0  # the same file: nothing sent again
    said = capsys.readouterr().out
    assert translate("dashboard", "This file was sent before (by {who} at {when}): nothing was sent again.").split("（")[
        0].split("(")[0] in said
    path.write_bytes(data + "不知道快递,县外,1000,8,1000,2\n".encode())
    assert hub_main(["upload", "fee-table", str(path), "--db", db_url, "--dry-run"]) == 1
    assert "18" in capsys.readouterr().err
    path.write_bytes(b"\x00\x01garbage")
    assert hub_main(["upload", "fee-table", str(path), "--db", db_url]) == 2
    answer = requests.get(f"{live.url}/county/uploads/fee-table/{sent['key']}", auth=basic(VIEWER), timeout=10)
    assert answer.status_code == 200 and answer.json()["applied_by"] == ADMIN[0]


def test_roles_on_every_route(county):
    base = county["live"].url
    for login in (ADMIN, VIEWER, AUDITOR):
        assert requests.get(f"{base}/dashboard", auth=basic(login), timeout=30).status_code == 200
        assert requests.get(f"{base}/v1/admin/stations", auth=basic(login), timeout=10).status_code == 200
    assert requests.get(f"{base}/dashboard/audit", auth=basic(VIEWER), timeout=10).status_code == 403
    assert requests.get(f"{base}/dashboard/audit", auth=basic(AUDITOR), timeout=10).status_code == 200
    page = requests.get(f"{base}/dashboard/county", auth=basic(VIEWER), timeout=10).text
    assert 'id="upload-manifest"' not in page  # a viewer looks, the forms are for admins
    assert 'id="upload-manifest"' in requests.get(f"{base}/dashboard/county", auth=basic(ADMIN), timeout=10).text
    for login, status in ((VIEWER, 403), (AUDITOR, 403)):
        for path, body in (("/county/notices", {"title": "x", "text": "y"}),
                           ("/county/targets", {"key": "parcels.overdue_days", "value": 4}),
                           ("/v1/admin/settings", {"key": "parcels.overdue_days", "value": 4}),
                           ("/v1/admin/enroll-codes", {"station": "新站"})):
            assert requests.post(base + path, json=body, auth=basic(login), timeout=10).status_code == status, path
    assert requests.post(f"{base}/county/notices", json={"title": "停电通知", "text": "周六停电"}, auth=basic(ADMIN),
                         timeout=10).status_code == 200
    assert requests.post(f"{base}/v1/admin/enroll-codes", json={"station": "新站"}, timeout=10).status_code == 401


def test_the_audit_log_says_who_changed_what_and_never_holds_a_password(county, caplog, capsys):
    hub, tmp = county["hub"], county["tmp"]
    caplog.set_level(logging.DEBUG)
    secret_file = tmp / "pw.txt"
    secret_file.write_text("a-password-nobody-logs-9\n", "utf-8")
    assert hub_main(["add-admin", "新同事", "--password-file", str(secret_file), "--role", "viewer",
                     "--db", f"sqlite:///{tmp / 'hub.sqlite'}"]) == 0
    assert roles.role_of(hub, "新同事") == roles.VIEWER
    requests.get(f"{county['live'].url}/dashboard", auth=("新同事".encode(), b"a-password-nobody-logs-9"), timeout=30)
    month_close.close_month(county["shadows"], (local_day(datetime.now(UTC)).replace(day=1) - timedelta(days=1))
                            .strftime("%Y-%m"), WHO)
    entries, total = audit.entries(hub)
    actions = [e.action for e in entries]
    assert "staff.login_set" in actions and "month.closed" in actions and total == len(entries)
    staff = next(e for e in entries if e.action == "staff.login_set")
    assert staff.target == "新同事" and staff.role == "cli" and staff.detail == {"role": "viewer"}
    dump = json.dumps([e.__dict__ for e in entries], ensure_ascii=False)
    out = capsys.readouterr()
    for text in (dump, caplog.text, out.out, out.err):
        assert "a-password-nobody-logs-9" not in text and ADMIN[1] not in text
    assert audit.action_name("month.closed") == translate("dashboard", "Month closed")


def test_the_stuck_page_honours_each_stations_hours_setting(county):
    hub, a, base = county["hub"], county["a"], county["live"].url
    from station_app.core.operators import list_operators

    manager = list_operators(a)[0]
    bill = bills.accept_payment(a, manager, product_id="cmcc.topup", account="13812345678", amount=5000)
    sync(a)
    page = requests.get(f"{base}/dashboard/stuck", auth=basic(ADMIN), timeout=30).text
    assert bill.receipt_no not in page  # taken a moment ago: within the county's 24 hours
    assert bill.receipt_no not in requests.get(f"{base}/dashboard/stuck?hours=1", auth=basic(ADMIN), timeout=30).text
    assert requests.get(f"{base}/dashboard/stuck?hours=abc", auth=basic(ADMIN), timeout=30).status_code == 400
    targets.set_value(hub, "bills.overdue_hours", 1, WHO)
    hub.clock.offset_ms += 2 * 3600 * 1000  # two hours later at the hub
    try:
        page = requests.get(f"{base}/dashboard/stuck", auth=basic(ADMIN), timeout=30).text
        assert bill.receipt_no in page and "1 小时" in page  # the station's own county setting, not 1 by accident
    finally:
        hub.clock.offset_ms -= 2 * 3600 * 1000


def test_station_hub_demo_makes_a_county_the_dashboard_shows_live(tmp_path, capsys):
    db_url = f"sqlite:///{tmp_path / 'demo-hub.sqlite'}"
    assert hub_main(["demo", "--stations", "3", "--days", "2", "--db", db_url]) == 0
    made = json.loads(capsys.readouterr().out)
    assert len(made["stations"]) == 3 and all("演示" in s["name"] for s in made["stations"])
    from sync.hub.db import open_hub
    from sync.hub.health import station_health
    from sync.hub.store import Hub
    from sync.testing.live_hub import LiveHub

    health = station_health(Hub(open_hub(db_url)))
    assert len(health) == 3 and not any(h.red for h in health) and all(h.acked_seq > 100 for h in health)
    station = open_station(Path(made["stations"][0]["file"]))
    assert settings.get(station, "hub.gateways") == "demo"  # its status bar and bill receipts say 演示
    station.close()
    with LiveHub(db_url) as live:
        page = requests.get(f"{live.url}/dashboard", auth=(made["admin"].encode(), made["password"].encode()),
                            timeout=60).text
    for s in made["stations"]:
        assert s["name"] in page
    assert "从未" not in page and translate("dashboard", "County total ({covered} of {count} stations)").format(
        covered=3, count=3) in page
    # a hub that serves real stations is never turned into a demo
    real = f"sqlite:///{tmp_path / 'real-hub.sqlite'}"
    Hub(open_hub(real)).enroll_code("真实的站")
    assert hub_main(["demo", "--stations", "1", "--days", "1", "--db", real]) == 2
