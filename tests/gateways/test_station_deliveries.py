"""The station's own modem reads its notices' status reports back, as the hub's modem sender
does: delivered when every part was, undelivered as soon as one failed for good. The reports
come while the station has the port closed (between runs, as on a real station PC) and wait in
the modem's memory (the emulator on a pty keeps them as TS 27.005 says) until a later run.

The hub is the real one on loopback behind the fault proxy; after the link is back it shows the
station's delivery on its row, never texts the notice itself, and its shadow of the station
folds the delivery like the station does."""

from __future__ import annotations

from sqlalchemy import select

from station_app.core import events, parcels, replay, settings
from station_app.core import sync_state as state
from station_app.core.parcels import own_sms
from station_app.core.replay_check import replay_problems
from station_app.db import StationDB, open_station
from sync.hub.db import reading
from sync.hub.service_db import sms_notices
from sync.hub.shadows import Shadows
from sync.hub.sms import STATION, LoggingSmsSender, send_notices
from tests.sync.conftest import live_hub  # noqa: F401 - the sync tests' real hub on loopback
from tests.sync.fresh import sync

from .modem_emulator import ModemEmulator
from .test_station_sms import (  # noqa: F401
    PHONE,
    cut_off,
    emulator,
    hub_sent,
    link,
    modem,
    notice,
    station_with_modem,
)


def sent_by_station(tmp_path, live, proxy, device: ModemEmulator, waybill: str, *, long: bool = False):
    """A station cut off from the hub for 13 h whose modem has texted one arrival notice."""
    db, manager = station_with_modem(tmp_path, live, proxy, device)
    if long:  # a phone and longer hours: the notice needs two parts
        settings.set_value(db, manager, "station.phone", "0791-88886666")
        settings.set_value(db, manager, "station.opening_hours", "08:00-12:00 14:00-20:00")
    cut_off(db, proxy)
    checked = parcels.check_in_parcel(db, manager, waybill=waybill, phone=PHONE)
    db.clock.advance(hours=13)
    report = modem(db)
    assert report is not None and report.sent == 1
    assert not device.port_open()  # the run is over: the station closed its port
    return db, checked


def outcome_references(db: StationDB, notice_id: str) -> list[int]:
    [ev] = [e for e in events.events_after(db, 0, 10_000) if e.kind == own_sms.OUTCOME
            and e.payload["notice_id"] == notice_id]
    return ev.payload["references"]


def test_a_report_that_comes_while_the_port_is_closed_is_read_on_the_next_run_and_the_hub_shows_it(
        tmp_path, live_hub, link, emulator):  # noqa: F811
    db, checked = sent_by_station(tmp_path, live_hub, link, emulator, "ZT73020000001")
    refs = outcome_references(db, checked.notice.id)
    assert refs == [t.mr for t in emulator.taken]  # the outcome keeps each part's TP-MR
    assert own_sms.awaiting_reports(db)[0].references == tuple(refs)

    assert emulator.deliver(status=0x00) == 1  # the villager's phone got it; nobody has the port open
    assert len(emulator.stored("SR")) == 1 and emulator.lost == []
    report = modem(db)  # the next run, after the next sync cycle
    assert report is not None and (report.delivered, report.undelivered, report.sent) == (1, 0, 0)
    row = notice(db, checked.notice.id)
    assert (row["status"], row["sent_by"]) == ("sent", "station") and row["detail"]
    assert emulator.stored("SR") == {}  # dealt with: deleted from the modem
    assert own_sms.awaiting_reports(db) == [] and modem(db) is None  # nothing more to read: the port stays shut

    link.link.down = False
    sync(db)
    assert send_notices(live_hub.hub, LoggingSmsSender(live_hub.hub.engine)).sent == 0
    with reading(live_hub.hub.engine) as conn:
        hub = conn.execute(select(sms_notices).where(sms_notices.c.id == checked.notice.id)).first()
    assert (hub.status, hub.delivery, hub.detail) == (STATION, "delivered", row["detail"])
    assert hub.delivered_at and hub_sent(live_hub, checked.notice.id) == []
    sync(db)
    assert notice(db, checked.notice.id)["status"] == "sent"  # the hub sent nothing down over it

    shadows = Shadows(live_hub.hub, tmp_path / "shadows")
    try:
        with shadows.view(db.local(state.STATION_ID)) as shadow:
            theirs = shadow.row("SELECT status, detail FROM parcel_notices WHERE id = ?", (checked.notice.id,))
        assert (theirs["status"], theirs["detail"]) == ("sent", row["detail"])
    finally:
        shadows.close()
    assert replay_problems(db, keep=False) == []  # `station-app check`
    db.close()


def test_one_part_that_failed_for_good_makes_the_notice_undelivered(tmp_path, live_hub, link, emulator):  # noqa: F811
    db, checked = sent_by_station(tmp_path, live_hub, link, emulator, "ZT73020000002", long=True)
    first, second = outcome_references(db, checked.notice.id)

    emulator.deliver(status=0x00, mrs={first})
    report = modem(db)
    assert report is not None and (report.delivered, report.undelivered) == (0, 0)
    assert list(emulator.stored("SR").values()) and notice(db, checked.notice.id)["status"] == "sent"  # kept for later

    emulator.deliver(status=0x41, mrs={second})  # incompatible destination: the network gave up
    report = modem(db)
    assert report is not None and (report.delivered, report.undelivered) == (0, 1)
    row = notice(db, checked.notice.id)
    assert row["status"] == "failed" and "0x41" in row["detail"]
    assert emulator.stored("SR") == {}

    link.link.down = False
    sync(db)
    send_notices(live_hub.hub, LoggingSmsSender(live_hub.hub.engine))
    with reading(live_hub.hub.engine) as conn:
        hub = conn.execute(select(sms_notices).where(sms_notices.c.id == checked.notice.id)).first()
    assert (hub.status, hub.delivery) == (STATION, "undelivered") and "0x41" in hub.detail
    assert hub_sent(live_hub, checked.notice.id) == []

    rebuilt = open_station(tmp_path / "rebuilt.sqlite")
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []
    rebuilt.close()
    db.close()


def test_reports_for_an_unknown_reference_or_another_phone_are_ignored_and_deleted(
        tmp_path, live_hub, link, emulator):  # noqa: F811
    db, checked = sent_by_station(tmp_path, live_hub, link, emulator, "ZT73020000003")
    [mr] = outcome_references(db, checked.notice.id)
    assert emulator.report((mr + 100) % 256, PHONE, 0x00)  # a reference the station never sent
    assert emulator.report(mr, "13900001111", 0x41)  # its reference, another number
    assert emulator.report(mr, PHONE, 0x20)  # congestion, the network still tries: not final
    report = modem(db)
    assert report is not None and (report.delivered, report.undelivered) == (0, 0)
    assert notice(db, checked.notice.id)["status"] == "sent"
    assert emulator.stored("SR") == {}  # none of them was worth keeping
    assert [n.id for n in own_sms.awaiting_reports(db)] == [checked.notice.id]

    emulator.deliver(status=0x00)
    assert modem(db).delivered == 1
    db.close()


def test_reports_are_not_waited_for_after_three_days(tmp_path, live_hub, link, emulator):  # noqa: F811
    db, checked = sent_by_station(tmp_path, live_hub, link, emulator, "ZT73020000004")
    db.clock.advance(days=3, hours=1)
    assert own_sms.awaiting_reports(db) == []
    emulator.deliver()
    commands = len(emulator.commands)
    assert modem(db) is None and len(emulator.commands) == commands  # the modem is not even opened
    assert notice(db, checked.notice.id)["status"] == "sent"
    db.close()


def test_a_modem_that_keeps_reports_with_received_messages(tmp_path, live_hub, link):  # noqa: F811
    with ModemEmulator(report_memory="SM") as other:  # no "SR" memory
        db, checked = sent_by_station(tmp_path, live_hub, link, other, "ZT73020000005")
        other.deliver(status=0x00)
        assert modem(db).delivered == 1 and other.stored("SM") == {}
        assert notice(db, checked.notice.id)["detail"] == own_sms._t(own_sms.DELIVERED_HERE)
        db.close()
