"""The station texts its own notices through a modem on its PC (the emulator on a pty) when the
county hub has been out of reach for the county's hours, and the hub never texts them again;
a notice the hub may already hold is never texted by the station. Exactly one side sends.

The hub is the real one on loopback, reached through the fault proxy (cut at once while "down");
its SMS gateway is the logging sender, whose `sms_log` is what the hub ever sent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from station_app.clock import FixedClock
from station_app.core import events, parcels, replay, settings
from station_app.core import sync_state as state
from station_app.core.parcels import own_sms
from station_app.core.parcels.county_sms import county_params, county_text, signed
from station_app.db import StationDB, open_station
from sync import client, courier
from sync import protocol as p
from sync.errors import LinkDown
from sync.hub import bundles
from sync.hub.db import reading
from sync.hub.service_db import sms_log, sms_notices
from sync.hub.sms import STATION, LoggingSmsSender, send_notices
from sync.own_sms import send_own_sms
from sync.testing.fault_proxy import FaultProxy, Plan
from tests.sync.conftest import live_hub  # noqa: F401 - the sync tests' real hub on loopback
from tests.sync.fresh import new_station, push_again, sync

from .modem_emulator import ModemEmulator

PHONE = "13812345678"


class Link:
    """The fault proxy's plan: up, or down (every connection reset before a byte reaches the hub)."""

    def __init__(self) -> None:
        self.down = False

    def __call__(self, _n: int) -> Plan:
        return Plan(cut_up=0) if self.down else Plan()


@pytest.fixture
def emulator():
    with ModemEmulator() as modem:
        yield modem


@pytest.fixture
def link(live_hub):  # noqa: F811
    plan = Link()
    with FaultProxy(live_hub.port, plan=plan) as proxy:
        proxy.link = plan
        yield proxy


def station_with_modem(tmp_path, live, proxy, emulator) -> tuple[StationDB, object]:
    clock = FixedClock(datetime.now(UTC))
    db, manager = new_station(tmp_path / "st", live, clock=clock)
    for key, value in (("sync.hub_url", proxy.url), ("sms.modem_on", 1), ("sms.modem_port", emulator.device)):
        settings.set_value(db, manager, key, value)
    sync(db)  # the hub heard from the station: its silence starts now
    return db, manager


def hub_sent(live, notice_id: str) -> list:
    with reading(live.hub.engine) as conn:
        return conn.execute(select(sms_log.c.text).where(sms_log.c.notice_id == notice_id)).all()


def hub_row(live, notice_id: str):
    with reading(live.hub.engine) as conn:
        return conn.execute(select(sms_notices).where(sms_notices.c.id == notice_id)).first()


def notice(db: StationDB, notice_id: str):
    return db.row("SELECT * FROM parcel_notices WHERE id = ?", (notice_id,))


def modem(db: StationDB):
    return send_own_sms(db, timeout=0.5, send_timeout=0.5)


def cut_off(db: StationDB, proxy) -> None:
    proxy.link.down = True
    with pytest.raises(LinkDown):
        sync(db)


def test_the_station_texts_an_arrival_itself_after_the_county_hours_and_the_hub_never_does(
        tmp_path, live_hub, link, emulator):  # noqa: F811
    db, manager = station_with_modem(tmp_path, live_hub, link, emulator)
    cut_off(db, link)
    checked = parcels.check_in_parcel(db, manager, waybill="ZT73010000001", phone=PHONE)
    assert modem(db) is None  # the hub has been silent for minutes, not hours: the hub's to send
    db.clock.advance(hours=11)
    assert modem(db) is None and emulator.taken == []
    db.clock.advance(hours=2)  # 13 h without the hub, the county says 12

    report = modem(db)
    assert report is not None and (report.sent, report.failed, report.unsure) == (1, 0, 0)
    county = signed("县电商服务中心", county_text("arrival", county_params(
        station="幸福村电商服务站", carrier=checked.parcel.carrier, code=checked.pickup_code, hours="08:00-20:00",
        phone="", days=0)))
    assert emulator.texts() == [county]  # the county's words and signature, as the hub would text them
    assert [e.submitted.phone for e in emulator.taken][-1].endswith("5678")
    row = notice(db, checked.notice.id)
    assert (row["status"], row["sent_by"]) == ("sent", "station")
    again = modem(db)  # the run only looks for the notice's status report
    assert again is not None and (again.sent, again.unsure, again.failed) == (0, 0, 0) and len(emulator.taken) == 1  # once

    link.link.down = False  # the link is back: the claim and the outcome go up with the check-in
    sync(db)
    report = send_notices(live_hub.hub, LoggingSmsSender(live_hub.hub.engine))
    assert report.sent == 0 and hub_sent(live_hub, checked.notice.id) == []
    assert hub_row(live_hub, checked.notice.id).status == STATION
    sync(db)
    assert notice(db, checked.notice.id)["status"] == "sent"  # nothing from the hub overwrote it
    db.close()


def test_a_notice_whose_record_may_have_reached_the_hub_is_the_hubs_alone(
        tmp_path, live_hub, link, emulator):  # noqa: F811
    db, manager = station_with_modem(tmp_path, live_hub, link, emulator)
    checked = parcels.check_in_parcel(db, manager, waybill="ZT73010000002", phone=PHONE)
    state.mark_uploading(db, events.last_seq(db))  # a push went out and its answer was lost:
    push_again(db, url=link.url)  # the hub holds the check-in, the station does not know
    cut_off(db, link)
    db.clock.advance(hours=30)
    assert modem(db) is None and emulator.taken == []  # may be at the hub: never texted here

    report = send_notices(live_hub.hub, LoggingSmsSender(live_hub.hub.engine))
    assert report.sent == 1 and len(hub_sent(live_hub, checked.notice.id)) == 1
    db.close()


def test_a_claim_split_from_its_record_by_a_cut_push_still_stops_the_hub(
        tmp_path, live_hub, link, emulator):  # noqa: F811
    """The race: the station texted the notice; its next sync is cut after the check-in went up
    but before the claim did. The hub, running its SMS between the two, must not text it."""
    db, manager = station_with_modem(tmp_path, live_hub, link, emulator)
    cut_off(db, link)
    checked = parcels.check_in_parcel(db, manager, waybill="ZT73010000003", phone=PHONE)
    carrying = events.last_seq(db)
    db.clock.advance(hours=13)
    assert modem(db).sent == 1

    link.link.down = False
    station_id = db.local(state.STATION_ID)
    instance = db.value("SELECT value FROM meta WHERE key = 'instance_id'")
    one = client.link_for(db, link.url)
    try:  # what a cycle does: announce its head, then push; this push stops at the check-in
        one.call("GET", f"/v1/stations/{station_id}/status", ("acked_seq",),
                 params={"seq": events.last_seq(db), "instance": instance})
        acked = state.acked_seq(db)
        body = p.pack(p.encode_batch(events.events_after(db, acked, carrying - acked), instance_id=instance))
        assert one.call("POST", f"/v1/stations/{station_id}/events", ("acked_seq",), gzip_body=body)["acked_seq"] == carrying
    finally:
        one.close()
    sender = LoggingSmsSender(live_hub.hub.engine)
    assert send_notices(live_hub.hub, sender).sent == 0  # it waits for the rest of what the station had
    assert hub_row(live_hub, checked.notice.id) is None

    sync(db)
    assert send_notices(live_hub.hub, sender).sent == 0
    assert hub_row(live_hub, checked.notice.id).status == STATION and hub_sent(live_hub, checked.notice.id) == []
    assert len(emulator.taken) == 1
    db.close()


def test_a_modem_that_stops_answering_mid_send_leaves_the_notice_unsure_and_never_sent_again(
        tmp_path, live_hub, link, emulator):  # noqa: F811
    db, manager = station_with_modem(tmp_path, live_hub, link, emulator)
    cut_off(db, link)
    checked = parcels.check_in_parcel(db, manager, waybill="ZT73010000004", phone=PHONE)
    db.clock.advance(hours=13)
    emulator.silent_after_text = True
    report = modem(db)
    assert report is not None and report.unsure == 1
    row = notice(db, checked.notice.id)
    assert row["status"] == "unsure" and row["detail"]
    taken = len(emulator.taken)
    emulator.silent_after_text = False
    assert modem(db) is None and len(emulator.taken) == taken  # never again

    link.link.down = False
    sync(db)
    send_notices(live_hub.hub, LoggingSmsSender(live_hub.hub.engine))
    assert hub_sent(live_hub, checked.notice.id) == [] and hub_row(live_hub, checked.notice.id).status == STATION
    db.close()


def test_a_modem_that_is_not_there_claims_nothing_and_a_stop_mid_send_is_unsure(
        tmp_path, live_hub, link, emulator):  # noqa: F811
    db, manager = station_with_modem(tmp_path, live_hub, link, emulator)
    cut_off(db, link)
    first = parcels.check_in_parcel(db, manager, waybill="ZT73010000005", phone=PHONE)
    second = parcels.check_in_parcel(db, manager, waybill="ZT73010000006", phone=PHONE)
    db.clock.advance(hours=13)
    emulator.silent = True  # unplugged, or not answering AT
    report = modem(db)
    assert report is not None and report.waiting == 2 and emulator.taken == []
    assert notice(db, first.notice.id)["sent_by"] is None  # nothing claimed: still anyone's

    assert own_sms.claim_own_notice(db, first.notice.id)  # claimed, then the PC lost power
    emulator.silent = False
    report = modem(db)
    assert (report.unsure, report.sent) == (1, 1)
    assert notice(db, first.notice.id)["status"] == "unsure"
    assert emulator.texts() == [signed("县电商服务中心", county_text("arrival", county_params(
        station="幸福村电商服务站", carrier=second.parcel.carrier, code=second.pickup_code, hours="08:00-20:00",
        phone="", days=0)))]

    rebuilt = open_station(tmp_path / "rebuilt.sqlite")  # the claims and outcomes fold like any record
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []
    rebuilt.close()
    db.close()


def test_a_record_carried_on_a_stick_is_the_hubs_alone_even_before_the_stick_arrives(
        tmp_path, live_hub, link, emulator):  # noqa: F811
    db, manager = station_with_modem(tmp_path, live_hub, link, emulator)
    cut_off(db, link)
    checked = parcels.check_in_parcel(db, manager, waybill="ZT73010000007", phone=PHONE)
    stick = tmp_path / "stick"
    stick.mkdir()
    plan = courier.write_to(db, stick)  # the courier's van takes it; the hub may import it any time
    db.clock.advance(hours=13)
    assert modem(db) is None and emulator.taken == []

    assert bundles.import_bundle(live_hub.hub, plan.path).ok
    assert send_notices(live_hub.hub, LoggingSmsSender(live_hub.hub.engine)).sent == 1
    assert len(hub_sent(live_hub, checked.notice.id)) == 1
    db.close()
