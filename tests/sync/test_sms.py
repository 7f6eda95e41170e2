"""Parcel notices: queued at the station with the check-in, sent by the hub's gateway at most
once however often the batch arrives, and the status travels back to the station."""

from datetime import timedelta

from sqlalchemy import select

from station_app.core import events, parcels
from station_app.core.parcels import carrier_name
from station_app.i18n import translate
from sync.hub.billers import SimulatedBiller
from sync.hub.db import reading, writing
from sync.hub.service_db import sms_log, sms_notices
from sync.hub.services import HubServices
from sync.hub.sms import (
    FAILED,
    SENDING,
    SENT,
    TEMPLATES,
    LoggingSmsSender,
    SmsResult,
    SmsUnavailable,
    collect_notices,
    send_notices,
)

from .fresh import new_station, push_again, sync


def logged(live, notice_id):
    with reading(live.hub.engine) as conn:
        return conn.execute(select(sms_log).where(sms_log.c.notice_id == notice_id)).all()


def notice_status(db, notice_id):
    return db.row("SELECT status, detail FROM parcel_notices WHERE id = ?", (notice_id,))


def test_a_check_in_notice_is_sent_once_and_the_station_hears_of_it(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    full = parcels.check_in_parcel(db, manager, waybill="ZT73010000001", phone="13812345678")
    tail_only = parcels.check_in_parcel(db, manager, waybill="ZT73010000002", phone_tail="4321", name="李四")
    assert full.notice and tail_only.notice and full.notice.status == "queued"
    sync(db)
    for _ in range(3):  # the same batch again, three times
        assert push_again(db)["acked_seq"] == events.last_seq(db)
    sender = LoggingSmsSender(live_hub.hub.engine)

    report = send_notices(live_hub.hub, sender)
    assert (report.queued, report.sent, report.failed) == (2, 1, 1)
    county_text = "【县电商服务中心】" + translate("hub_sms", TEMPLATES["arrival"], "zh_CN").format(
        station="幸福村电商服务站", carrier=carrier_name(full.parcel.carrier, "zh_CN"), code=full.pickup_code,
        hours="08:00-20:00", tel="")
    assert [r.text for r in logged(live_hub, full.notice.id)] == [county_text]  # the county's words, not the station's
    assert logged(live_hub, tail_only.notice.id) == []  # a tail cannot be texted
    again = send_notices(live_hub.hub, sender)
    push_again(db)
    assert (again.queued, again.sent) == (0, 0) and send_notices(live_hub.hub, sender).queued == 0
    assert len(logged(live_hub, full.notice.id)) == 1

    assert notice_status(db, full.notice.id)["status"] == "queued"
    sync(db)
    assert notice_status(db, full.notice.id)["status"] == SENT
    failed = notice_status(db, tail_only.notice.id)
    assert failed["status"] == FAILED and failed["detail"]
    db.close()


class Flaky:
    """A gateway that cannot be reached the first time, then sends."""

    def __init__(self):
        self.calls = []

    def send(self, message):
        self.calls.append(message.notice_id)
        if len(self.calls) == 1:
            raise SmsUnavailable("no route")
        return SmsResult(SENT, gateway_ref="g-1")


def test_an_unreachable_gateway_is_tried_again_later_and_an_interrupted_send_is_not_repeated(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    first = parcels.check_in_parcel(db, manager, waybill="ZT73010000001", phone="13812345678")
    second = parcels.check_in_parcel(db, manager, waybill="ZT73010000002", phone="13812340000")
    picked = parcels.check_in_parcel(db, manager, waybill="ZT73010000003", phone="13812341111")
    parcels.hand_over(db, manager, parcel_ids=[picked.parcel_id])  # collected before the hub could text
    sync(db)
    hub, gateway = live_hub.hub, Flaky()
    now = hub.clock.now()
    collect_notices(hub)
    with writing(hub.engine) as conn:  # one was being sent by a hub that stopped mid-send
        conn.execute(sms_notices.update().where(sms_notices.c.id == second.notice.id)
                     .values(status=SENDING, claimed_at="2000-01-01T00:00:00.000Z"))
    report = send_notices(hub, gateway, now)
    assert report.retry == 1 and report.failed == 2 and gateway.calls == [first.notice.id]
    assert send_notices(hub, gateway, now).sent == 0  # not due yet
    assert send_notices(hub, gateway, now + timedelta(minutes=5)).sent == 1
    assert gateway.calls == [first.notice.id, first.notice.id]  # the interrupted one was never sent again
    sync(db)
    assert notice_status(db, first.notice.id)["status"] == SENT
    assert notice_status(db, second.notice.id)["status"] == FAILED
    assert notice_status(db, picked.notice.id)["status"] == FAILED
    db.close()


def test_serve_s_worker_sends_after_a_push(live_hub, tmp_path):
    """The background worker `station-hub serve` starts is woken by the push itself."""
    db, manager = new_station(tmp_path / "st", live_hub)
    app = live_hub._server.config.app  # the running app, to attach the worker as `serve` does
    services = HubServices(live_hub.hub, sms=LoggingSmsSender(live_hub.hub.engine),
                           biller=SimulatedBiller(sleep=lambda s: None), idle=600)
    app.state.services = services
    services.start()
    try:
        assert services.wait_idle()
        checked = parcels.check_in_parcel(db, manager, waybill="ZT73010000001", phone="13812345678")
        sync(db)
        assert services.wait_idle()
        assert len(logged(live_hub, checked.notice.id)) == 1
        sync(db)
        assert notice_status(db, checked.notice.id)["status"] == SENT
    finally:
        services.stop()
        del app.state.services
    db.close()


def test_a_stopping_hub_claims_no_new_batch(live_hub, tmp_path):
    """`systemctl stop` in the middle of a backlog: the batch in hand is sent and written down,
    no new one is claimed (the rest wait, queued, for the next start)."""
    db, manager = new_station(tmp_path / "st", live_hub)
    for i in range(3):
        parcels.check_in_parcel(db, manager, waybill=f"ZT7301000000{i}", phone=f"1381234000{i}")
    sync(db)
    asked: list[int] = []

    def stopping() -> bool:
        asked.append(1)
        return len(asked) > 1  # asked to stop while the first batch was out

    report = send_notices(live_hub.hub, LoggingSmsSender(live_hub.hub.engine), batch=1, stopping=stopping)
    assert report.sent == 1 and not report.more
    with reading(live_hub.hub.engine) as conn:
        statuses = sorted(r.status for r in conn.execute(select(sms_notices.c.status)))
    assert statuses == ["queued", "queued", "sent"]
    db.close()
