"""Issue 18 item 2: a station token must not make the county send any SMS to any number.

The attack of the issue: three forged `parcel.reminded` events with "【县公安局】… http://evil.example"
for a stranger's number reached `sms_log` within a second, signed with the station's chosen
name. Now the hub sends only from its own records, the county's words and signature, within
the county's limits per station and day and per parcel, and tells the county what is odd.
"""

from sqlalchemy import select, update

from station_app.core import parcels
from station_app.core import sync_state as state
from station_app.core.parcels import carrier_name
from station_app.i18n import translate
from sync.hub import alerts, county_settings, sms
from sync.hub.db import reading, stations, writing
from sync.hub.manifest import import_manifest
from sync.hub.service_db import sms_log, sms_notices
from sync.hub.sms import HELD, TEMPLATES, LoggingSmsSender, send_notices
from tests.sync.fresh import new_station, sync

from .intruder import Intruder

EVIL = "【县公安局】您涉嫌洗钱，请立即点击 http://evil.example 处理"
STRANGER = "13900001111"


def all_sms(live):
    with reading(live.hub.engine) as conn:
        return conn.execute(select(sms_log).order_by(sms_log.c.id)).all()


def notice_rows(live):
    with reading(live.hub.engine) as conn:
        return {r.id: r for r in conn.execute(select(sms_notices))}


def stolen(live, db):
    """What an intruder with the station's PC (or a copy of its file and keys) holds."""
    return Intruder(live, db.local(state.STATION_ID), state.token(db))


def forged_notice(n, phone=STRANGER, kind="reminder"):
    return {"id": f"forged-notice-{n}", "kind": kind, "phone": phone, "phone_tail": phone[-4:], "text": EVIL}


def send(live):
    return send_notices(live.hub, LoggingSmsSender(live.hub.engine))


def test_forged_reminders_for_parcels_the_hub_never_saw_send_nothing(live_hub, tmp_path):
    db, _ = new_station(tmp_path / "st", live_hub)
    sync(db)
    thief = stolen(live_hub, db)
    answer = thief.push([("parcel.reminded", f"no-such-parcel-{n}", {"at": "2026-11-02T01:30:00.000Z",
                                                                       "notice": forged_notice(n)})
                         for n in range(3)])
    assert answer.status_code == 200  # stored like any event: a station's record is never refused for its content
    report = send(live_hub)
    assert report.sent == 0 and all_sms(live_hub) == []
    assert {r.status for r in notice_rows(live_hub).values()} == {sms.FAILED}
    assert {a["kind"] for a in alerts.open_alerts(live_hub.hub)} == {"sms_unknown_parcel"}
    db.close()


def test_a_forged_check_in_gets_the_county_s_words_signature_and_name(live_hub, tmp_path):
    db, _ = new_station(tmp_path / "st", live_hub, name="县公安局")  # a name the station chose for itself
    hub = live_hub.hub
    with writing(hub.engine) as conn:  # the county registered it under its real name
        conn.execute(update(stations).where(stations.c.id == db.local(state.STATION_ID)).values(name="幸福村电商服务站"))
    sync(db)
    thief = stolen(live_hub, db)
    payload = {"waybill": "ZT73019999999", "carrier": "ZTO", "recipient_name": "x", "phone": STRANGER,
               "phone_tail": STRANGER[-4:], "person_id": None, "size": "S", "shelf": "1", "layer": 1,
               "serial": "0001", "pickup_code": "1-1-0001", "status": "notified", "at": "2026-11-02T01:30:00.000Z",
               "dispatched_at": None, "expected": False, "notice": forged_notice(1, kind="arrival")}
    evil_code = {**payload, "waybill": "ZT73019999998", "pickup_code": "http://evil.example",
                 "notice": forged_notice(2, kind="arrival")}
    assert thief.push([("parcel.checked_in", "forged-parcel-1", payload),
                       ("parcel.checked_in", "forged-parcel-2", evil_code)]).status_code == 200
    send(live_hub)
    (sent,) = all_sms(live_hub)
    expected = "【县电商服务中心】" + translate("hub_sms", TEMPLATES["arrival"], "zh_CN").format(
        station="幸福村电商服务站", carrier=carrier_name("ZTO", "zh_CN"), code="1-1-0001", hours="08:00-20:00", tel="")
    assert sent.text == expected
    assert "evil" not in sent.text and "公安" not in sent.text and "县公安局" not in sent.text
    assert notice_rows(live_hub)["forged-notice-2"].status == sms.FAILED  # a "pickup code" that is a link
    assert "sms_bad_code" in {a["kind"] for a in alerts.open_alerts(hub)}
    db.close()


def test_the_dispatch_list_s_phone_wins_over_what_the_station_asks_for(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    import_manifest(live_hub.hub, ("运单号,快递公司,收件人,手机号,目的村,发出时间\n"
                                   "ZT73010000001,中通快递,张三,13812345678,幸福村,2026-11-22 08:30\n").encode())
    sync(db)
    checked = parcels.check_in_parcel(db, manager, waybill="ZT73010000001", phone=STRANGER)
    assert checked.notice.phone == STRANGER
    sync(db)
    send(live_hub)
    (sent,) = all_sms(live_hub)
    assert sent.phone == "13812345678"  # the county's own record of the parcel
    assert [a["kind"] for a in alerts.open_alerts(live_hub.hub)] == ["sms_phone_differs"]
    db.close()


def test_past_the_county_s_daily_limit_sms_are_held_for_the_county(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    hub = live_hub.hub
    county_settings.set_value(hub, "sms_per_station_day", 3, "县运营中心")
    checked = [parcels.check_in_parcel(db, manager, waybill=f"ZT7301000{n:04d}", phone=f"1381234{n:04d}")
               for n in range(5)]
    sync(db)
    report = send(live_hub)
    rows = notice_rows(live_hub)
    assert report.sent == 3 and len(all_sms(live_hub)) == 3
    held = [c.notice.id for c in checked if rows[c.notice.id].status == HELD]
    assert len(held) == 2
    assert {a["kind"] for a in alerts.open_alerts(hub)} == {"sms_over_day"}
    assert sms.settle_held(hub, held[0], release=True, who="县运营中心")
    assert sms.settle_held(hub, held[1], release=False, who="县运营中心")
    assert not sms.settle_held(hub, held[1], release=True, who="县运营中心")  # decided once
    assert send(live_hub).sent == 1 and len(all_sms(live_hub)) == 4
    assert alerts.open_alerts(hub) == []
    sync(db)
    statuses = {c.notice.id: db.value("SELECT status FROM parcel_notices WHERE id = ?", (c.notice.id,)) for c in checked}
    assert statuses[held[1]] == "failed" and statuses[held[0]] == "sent"
    db.close()


def test_reminders_about_one_parcel_stop_at_the_county_s_limit(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    county_settings.set_value(live_hub.hub, "sms_per_parcel", 2, "县运营中心")
    checked = parcels.check_in_parcel(db, manager, waybill="ZT73010000001", phone="13812345678")
    for _ in range(4):
        parcels.send_reminders(db, manager, parcel_ids=[checked.parcel_id])
    sync(db)
    assert send(live_hub).sent == 2
    assert {a["kind"] for a in alerts.open_alerts(live_hub.hub)} == {"sms_over_parcel"}
    assert sum(r.status == HELD for r in notice_rows(live_hub).values()) == 3
    db.close()


def test_the_signature_is_the_one_the_county_configured(live_hub, tmp_path):
    from sync.hub.billers import SimulatedBiller
    from sync.hub.services import HubServices

    db, manager = new_station(tmp_path / "st", live_hub)
    parcels.check_in_parcel(db, manager, waybill="ZT73010000001", phone="13812345678")
    sync(db)
    services = HubServices(live_hub.hub, sms=LoggingSmsSender(live_hub.hub.engine),
                           biller=SimulatedBiller(sleep=lambda s: None), signature="示范县商务局")
    assert services.run_once().sms.sent == 1
    (sent,) = all_sms(live_hub)
    assert sent.text.startswith("【示范县商务局】幸福村电商服务站")
    db.close()
