"""Parcel notices through a real SMS provider's protocol (a fake Alibaba Cloud that checks the
signature): the county's template and values, sent once however often the hub runs, an answer
that came too late asked about and never sent again, the delivery receipt and status back at
the station, and the cost counter per station and month on the dashboard."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from station_app.core import parcels
from sync.hub.gateway_config import AliyunConfig, Secret
from sync.hub.senders.aliyun import AliyunSms
from sync.hub.sms import SENT, send_notices
from sync.hub.sms_costs import monthly_costs
from tests.gateways.fakes import FakeAliyun

from .audit_evidence import logged_in
from .fresh import new_station, sync

TEMPLATES = {"arrival": "SMS_4601", "reminder": "SMS_4602", "new_code": "SMS_4603"}


@pytest.fixture
def aliyun():
    fake = FakeAliyun("LTAI5tTEST", "aliyun-secret")
    yield fake
    fake.close()


def sender(fake: FakeAliyun, timeout: float = 5.0) -> AliyunSms:
    return AliyunSms(AliyunConfig("LTAI5tTEST", Secret(fake.secret, "test"), TEMPLATES, fake.url, timeout=timeout),
                     "县电商服务中心")


def test_notices_go_through_the_provider_once_with_the_county_template_and_are_counted(live_hub, tmp_path, aliyun):
    db, manager = new_station(tmp_path / "st", live_hub)
    first = parcels.check_in_parcel(db, manager, waybill="ZT73010000001", phone="13812345678")
    late = parcels.check_in_parcel(db, manager, waybill="ZT73010000002", phone="13912345678")
    sync(db)

    aliyun.delay, aliyun.slow_paths = 1.5, set()  # the first run: every answer comes too late
    report = send_notices(live_hub.hub, sender(aliyun, timeout=1.0))
    assert report.unsure == 2 and len(aliyun.sent) == 2
    aliyun.delay = 0
    start = live_hub.hub.clock.now()
    for minutes in (0, 3, 15, 30):  # asked about after a while (QuerySendDetails finds them by OutId), never resent
        send_notices(live_hub.hub, sender(aliyun), start + timedelta(minutes=minutes))
    assert len(aliyun.sent) == 2 and {s["OutId"] for s in aliyun.sent} == {first.notice.id, late.notice.id}
    params = json.loads(next(s for s in aliyun.sent if s["OutId"] == first.notice.id)["TemplateParam"])
    assert (params["station"], params["code"], params["hours"]) == ("幸福村电商服务站", first.pickup_code, "08:00-20:00")

    sync(db)
    for notice in (first.notice, late.notice):
        assert db.value("SELECT status FROM parcel_notices WHERE id = ?", (notice.id,)) == SENT
    [cost] = monthly_costs(live_hub.hub)
    assert (cost["name"], cost["gateway"], cost["messages"], cost["parts"]) == ("幸福村电商服务站", "aliyun", 2, 2)

    browser, _ = logged_in(live_hub)
    page = browser.get(f"{live_hub.url}/dashboard/gateways", timeout=10).text
    assert "幸福村电商服务站" in page and cost["month"] in page
    db.close()
