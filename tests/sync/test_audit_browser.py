"""The county's audit pages in headless Chromium (issue 21): the subsidy claim review (a row
rejected with its reason by a click), a training session's archive (incomplete, its download
link), the national indicators with the county's field name; each page's screenshot is kept
(/tmp/vs-county-claims.png, -archive.png, -indicators.png) to be looked at."""

from __future__ import annotations

from datetime import timedelta

import pytest

from station_app.clock import SHANGHAI
from station_app.core import outbound, training
from station_app.core import sync_state as state
from station_app.core.training import documents
from sync.hub import indicators

from .audit_evidence import COUNTY, PASSWORD, STAFF, county_sets, photo, this_quarter
from .browser import By, chromium, click, require_tools, shot, text_of
from .fresh import new_station, sync


@pytest.fixture(scope="module", autouse=True)
def _tools():
    require_tools()


def test_claim_review_archive_and_indicator_pages_in_a_browser(live_hub, tmp_path):
    county_sets(live_hub, {"subsidy.county_code": COUNTY, "subsidy.categories": "fruit,tea"})
    db, manager = new_station(tmp_path / "st", live_hub)
    assert sync(db).ok
    cam = tmp_path / "cam"
    for n, (code, picture) in enumerate((("440300", True), (COUNTY, True), ("330000", True), ("110000", False))):
        outbound.take_outbound_parcel(
            db, manager, sender_name="赖春生", sender_phone="13970001234", recipient_name="陈明",
            recipient_phone="13900001111", recipient_address="收件地址", contents="脐橙", weight_g=2500, carrier="ZTO",
            ewaybill=f"7340000000000{n}", farm_produce=True, farm_category="fruit", destination_code=code,
            goods_value_fen=8800, sender_org_code="93360735MA35ABCDE1", sender_org_name="翠微果蔬专业合作社",
            ewaybill_photo=photo(cam, f"e{n}", (60 * n, 120, 30)) if picture else None)
    begins = db.clock.now().astimezone(SHANGHAI) - timedelta(hours=3)
    session = training.create_session(db, manager, title="农产品网店运营培训", category="farmer", starts_at=begins,
                                      ends_at=begins + timedelta(hours=2), capacity=30, trainer_org="县电商中心",
                                      lecturers=[("李老师", "高级电子商务师")], syllabus="开网店", place="服务站二楼")
    training.start_session(db, manager, session.id)
    training.register_and_sign_in(db, manager, session.id, name="刘秀兰", phone="13812345678", village="幸福村")
    training.end_session(db, manager, session.id)
    documents.add_document(db, manager, session.id, kind="plan", source=photo(cam, "计划", (1, 1, 1)))
    documents.add_document(db, manager, session.id, kind="lecturer_credentials", lecturer="李老师",
                           source=photo(cam, "证书", (2, 2, 2)))
    assert sync(db).ok
    sid = db.local(state.STATION_ID)
    live_hub.hub.add_admin(STAFF, PASSWORD)
    indicators.set_mapping(live_hub.hub, "rural_online_retail", "NCWLLSE", who=STAFF)
    quarter = this_quarter(live_hub)

    with chromium(1366, 900) as browser:
        browser.get(f"{live_hub.url}/dashboard/claims?quarter={quarter}")
        browser.find_element(By.ID, "name").send_keys(STAFF)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        click(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert "农产品出县快递补贴审核" in text_of(browser, "h1")
        reject = next(f for f in browser.find_elements(By.CSS_SELECTOR, "form[action='/dashboard/claims/review']")
                  if f.find_elements(By.NAME, "reason"))
        reject.find_element(By.NAME, "reason").send_keys("面单照片看不清")
        click(browser, reject.find_element(By.TAG_NAME, "button"))
        body = text_of(browser, "body")
        assert "面单照片看不清" in body and "已驳回" in body and "不予补贴" in body
        shot(browser, "claims")

        browser.get(f"{live_hub.url}/dashboard/stations/{sid}/training/{session.id}")
        body = text_of(browser, "body")
        assert "档案不全" in body and "下载本场档案" in body
        shot(browser, "archive")

        browser.get(f"{live_hub.url}/dashboard/indicators")
        assert "NCWLLSE" in text_of(browser, "body")
        shot(browser, "indicators")
    db.close()
