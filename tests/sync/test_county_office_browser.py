"""The county office runs its hub from a browser (headless Chromium): it uploads each kind of
file (each previewed with its refused rows and their line numbers, then sent once), sets a
target, sends a notice, closes last month, and sees a record that arrives after the close as a
revision against it; the stations get everything at their next sync. Screenshots go to
/tmp/vs-county-*.png."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from station_app.clock import SHANGHAI, FixedClock, local_day
from station_app.core import consignment, parcels, reports, settings
from station_app.core.consignment import IntakeItem
from station_app.core.notices import current_notices
from station_app.core.operators import list_operators
from station_app.core.simulate import county_office
from station_app.db import open_station
from station_app.i18n import translate
from sync import client
from sync.demo import run_demo, serving
from sync.hub.db import open_hub
from sync.hub.store import Hub

from .browser import By, chromium, click, require_tools, shot, text_of
from .conftest import fast_retry

ADMIN, PASSWORD = "县运营中心", "county-staff-2026"
NAMES = [("青山村服务站", "青山村"), ("红旗村服务站", "红旗村")]


@pytest.fixture(scope="module", autouse=True)
def _tools():
    require_tools()


def last_month() -> str:
    today = local_day(datetime.now(SHANGHAI))
    return reports.month_of(today.replace(day=1) - timedelta(days=1))


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """Two stations that worked the last two days of last month, synced; station 1 then took in
    goods (synced) and, offline, checked in one more parcel late on the month's last evening."""
    folder = tmp_path_factory.mktemp("office")
    url = f"sqlite:///{folder / 'hub.sqlite'}"
    first_of_month = datetime.combine(local_day(datetime.now(SHANGHAI)).replace(day=1), datetime.min.time(), SHANGHAI)
    made = run_demo(url, folder, days=2, seed=5, end=first_of_month, names=NAMES, files=["a.sqlite", "b.sqlite"],
                    admin=ADMIN, password=PASSWORD, sms=False, say=lambda _t: None)
    hub = Hub(open_hub(url))
    with serving(hub) as (live, _app):
        for name in ("a.sqlite", "b.sqlite"):  # the hub now answers on another port
            db = open_station(folder / name)
            with db.transaction():
                db.set_local("setting:sync.hub_url", json.dumps(live))
            db.close()
        a = open_station(folder / "a.sqlite")
        op = list_operators(a)[0]
        her = consignment.register_consignor(a, op, name="张桂英", phone="13812345678", village="青山村")
        lots = consignment.take_in(a, op, consignor_id=her.id, items=[IntakeItem("土鸡蛋", "fresh", "盒", 3, 3000)]).lots
        client.sync_once(a, retry=fast_retry())
        a.clock = FixedClock(first_of_month - timedelta(hours=1, minutes=30))  # 22:30 on the month's last day
        parcels.check_in_parcel(a, op, waybill="73123456789012", carrier="ZTO", phone="13900001234")
        a.close()
        yield {"url": live, "hub": hub, "folder": folder, "ids": [s.station_id for s in made.stations],
               "eggs": lots[0]}
    hub.engine.dispose()


def files(tmp_path, eggs) -> dict[str, str]:
    out = {
        "manifest": "运单号,快递公司,收件人,手机号,目的村,发出时间\n"
                    "78123456789001,中通快递,李明,13900000001,城关镇青山村,2026-11-30 20:00\n"
                    "78123456789002,圆通速递,王芳,13900000002,红旗村,2026-11-30 20:10\n"
                    "12,中通快递,赵强,13900000003,青山村,2026-11-30 20:20\n",
        "catalogue": "编号,名称,规格,单位,价格,供应商\ncat-rice,大米,10公斤,袋,55.00,县粮油公司\n"
                     "cat-oil,菜籽油,5升,桶,x,县粮油公司\n",
        "fee-table": county_office.fee_table_csv().decode().replace("中通快递,县外,1000,8.00", "中通快递,县外,1000,9.00"),
        "biller-list": county_office.biller_list_csv().decode() +
        "gas,县燃气公司,其他,gas.bill,燃气费,燃气户号,8-12,,,,1.00,2000.00,1.00,0,是\n",
        "training-schedule": "服务站,培训名称,类别,开始时间,结束时间,地点,讲师,培训机构\n"
                             "城关镇青山村,直播带货实操,农民,2027-01-10 14:30,2027-01-10 16:30,青山村服务站培训室,"
                             "李想（直播电商运营师）,县电商公共服务中心\n"
                             "红旗村,网店客服,农民,2027-01-12 16:30,2027-01-12 14:30,红旗村服务站,,县电商公共服务中心\n",
        "online-orders": json.dumps([
            {"number": "XY202700000001", "platform": "县农特产品网店", "station": NAMES[0][0],
             "receiver": {"name": "刘洋", "phone": "13900001111", "address": "杭州市西湖区文三路100号"},
             "lines": [{"lot_no": eggs.lot_no, "quantity": "2", "price": 3200}], "total": 6400},
            {"number": "XY202700000002", "platform": "县农特产品网店", "station": NAMES[0][0],
             "receiver": {"name": "陈静", "phone": "13900002222", "address": "上海市浦东新区张江路1号"},
             "lines": [{"lot_no": eggs.lot_no, "quantity": "5", "price": 3200}], "total": 16000}],
            ensure_ascii=False),
    }
    paths = {}
    for kind, text in out.items():
        path = tmp_path / f"{kind}.{'json' if kind == 'online-orders' else 'csv'}"
        path.write_text(text, "utf-8")
        paths[kind] = str(path)
    return paths


def test_the_county_office_runs_its_hub_from_a_browser(county, tmp_path):
    base, month = county["url"], last_month()
    paths = files(tmp_path, county["eggs"])
    with chromium() as browser:
        browser.get(f"{base}/dashboard/county")
        browser.find_element(By.ID, "name").send_keys(ADMIN)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        click(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert text_of(browser, "h1") == translate("dashboard", "County operations")
        shot(browser, "operations")

        expected = {"manifest": (2, ["4"]), "catalogue": (1, ["3"]), "fee-table": (16, []),
                    "biller-list": (9, []), "training-schedule": (1, ["3"]), "online-orders": (1, ["2"])}
        for kind, (rows, refused_lines) in expected.items():
            form = browser.find_element(By.ID, f"upload-{kind}")
            form.find_element(By.NAME, "file").send_keys(paths[kind])
            click(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
            assert translate("dashboard", "Not sent yet.") in browser.page_source, kind
            tables = browser.find_elements(By.CSS_SELECTOR, "main table")
            sent_rows = tables[0].find_elements(By.CSS_SELECTOR, "tbody tr")
            assert len(sent_rows) == rows, (kind, [r.text for r in sent_rows])
            if refused_lines:
                refused = [r.find_element(By.TAG_NAME, "td").text for r in tables[1].find_elements(By.CSS_SELECTOR,
                                                                                                 "tbody tr")]
                assert refused == refused_lines, kind
            if kind in ("manifest", "online-orders"):
                shot(browser, f"preview-{kind}")
            click(browser, browser.find_element(By.CSS_SELECTOR, "#apply button"))
            assert translate("dashboard", "Sent by {who} at {when}.").split("{")[0] in browser.page_source, kind
            browser.get(f"{base}/dashboard/county")
        manifest_text = browser.page_source
        assert "青山村" in manifest_text
        # the same file again is sent once: the preview says it went before and offers nothing to send
        form = browser.find_element(By.ID, "upload-fee-table")
        form.find_element(By.NAME, "file").send_keys(paths["fee-table"])
        click(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert not browser.find_elements(By.CSS_SELECTOR, "#apply button")

        # a target for every station, and a notice
        browser.get(f"{base}/dashboard/county/targets")
        target = browser.find_element(By.ID, "target-training.person_times_target")
        box = target.find_element(By.NAME, "value")
        box.clear()
        box.send_keys("500")
        click(browser, target.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert "500" in browser.find_element(By.CSS_SELECTOR, "main table").text
        shot(browser, "targets")
        browser.get(f"{base}/dashboard/county")
        notice = browser.find_element(By.ID, "notice")
        notice.find_element(By.NAME, "title").send_keys("春节前收寄安排")
        notice.find_element(By.NAME, "text").send_keys("1月25日起暂停寄县外快递，请提前告知村民。")
        click(browser, notice.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert "春节前收寄安排" in browser.page_source

        # close last month; a record of it arrives afterwards and shows as a revision
        browser.get(f"{base}/dashboard/close")
        closing = browser.find_element(By.ID, "close-month")
        closing.find_element(By.XPATH, f".//option[text()='{month}']").click()
        click(browser, closing.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert translate("dashboard", "Month closed by {who} at {when}.").split("{")[0] in browser.page_source
        assert translate("dashboard", "Nothing changed since.") in browser.page_source
        late = open_station(county["folder"] / "a.sqlite")
        try:
            client.sync_once(late, retry=fast_retry())
        finally:
            late.close()
        browser.get(f"{base}/dashboard?month={month}")
        heading = translate("dashboard", "Revision against the closed month")
        revision = next(d for d in browser.find_elements(By.CSS_SELECTOR, "div.alert") if heading in d.text)
        arrived = reports.label("Parcels arrived", "zh_CN")
        row = next(r for r in revision.find_elements(By.CSS_SELECTOR, "table tbody tr")
                   if arrived in r.text and NAMES[0][0] in r.text)
        before, after = (int(td.text) for td in row.find_elements(By.CSS_SELECTOR, "td.n"))
        assert after == before + 1
        shot(browser, "revision")
        browser.get(f"{base}/dashboard/close")
        assert translate("dashboard", "{n} figures: see the month").split("{")[0].strip() in browser.page_source
        browser.get(f"{base}/dashboard/audit")
        log = browser.find_element(By.CSS_SELECTOR, "main table").text
        for action in ("upload.applied", "county_setting.set", "notice.sent", "month.closed"):
            assert action in log
        assert PASSWORD not in browser.page_source
        shot(browser, "audit")
        browser.get(f"{base}/dashboard")
        shot(browser, "overview")
        for page in ("stations", "digest", "close"):
            browser.get(f"{base}/dashboard/{page}")
            assert browser.find_element(By.TAG_NAME, "h1").text
            shot(browser, page)
        browser.set_window_size(390, 844)  # a phone: the page fits, wide tables scroll in their box
        browser.get(f"{base}/dashboard/county")
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
        shot(browser, "phone-operations")

    # the stations get it all at their next sync
    for i in range(len(NAMES)):
        db = open_station(county["folder"] / ("a.sqlite", "b.sqlite")[i])
        try:
            client.sync_once(db, retry=fast_retry())
            assert settings.get(db, "training.person_times_target") == 500
            assert "春节前收寄安排" in [n.title for n in current_notices(db, local_day(datetime.now(SHANGHAI)))]
            assert db.value("SELECT count(*) FROM county_fees") == 16
            assert db.value("SELECT count(*) FROM bill_products WHERE id = 'gas.bill'") == 1
            assert db.value("SELECT count(*) FROM county_catalogue WHERE name = '大米'") == 1
            if i == 0:
                assert db.value("SELECT count(*) FROM parcels_expected WHERE waybill = '78123456789001'") == 1
                assert db.value("SELECT title FROM training_sessions WHERE source = 'county' "
                                "AND title = '直播带货实操'") == "直播带货实操"
                assert db.value("SELECT number FROM online_orders WHERE number = 'XY202700000001'")
            else:
                assert db.value("SELECT count(*) FROM parcels_expected WHERE waybill = '78123456789002'") == 1
        finally:
            db.close()
