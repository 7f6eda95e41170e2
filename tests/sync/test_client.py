"""A station syncing with the real hub: the happy path and every fault with a clear end state."""

import json
import shutil
import threading
from datetime import UTC, datetime, timedelta

import pytest

from station_app import keystore
from station_app.clock import FixedClock, show
from station_app.core import events, people, replay, simulate
from station_app.core import sync_state as state
from station_app.core.health import restore
from station_app.core.operators import list_operators
from station_app.db import open_station
from station_app.db.copies import backup
from sync import client, errors
from sync import protocol as p
from sync.hub.db import events as hub_events
from sync.hub.db import reading, writing
from sync.lock import SyncLock, is_syncing
from sync.testing.fault_proxy import CAPTIVE_PORTAL, FaultProxy, Plan, http_reply

from .conftest import SHORT, fast_retry, small_batches, stations


def sync(db, **kw):
    kw.setdefault("retry", fast_retry())
    kw.setdefault("timeout", SHORT)
    return client.sync_once(db, **kw)


def hub_rows(live, sid):
    with reading(live.hub.engine) as conn:
        return [(r.seq, r.hash) for r in conn.execute(
            hub_events.select().where(hub_events.c.station_id == sid).order_by(hub_events.c.seq))]


def station_rows(db):
    return [(r["seq"], r["hash"]) for r in db.rows("SELECT seq, hash FROM events ORDER BY seq")]


def use_url(db, url):
    with db.transaction():
        db.set_local("setting:sync.hub_url", json.dumps(url))


def add_person(db, name="新来的", phone="13912345678"):
    actor = list_operators(db)[0]
    return people.add_person(db, actor, name=name, phone=phone, village="幸福村")


def test_a_cycle_sends_everything_receives_county_data_and_reconciles(live_hub, enrolled):
    db, sid = enrolled, enrolled.local(state.STATION_ID)
    report = sync(db)
    assert report.ok and report.acked_seq == events.last_seq(db) == report.pushed and report.pending == 0
    assert hub_rows(live_hub, sid) == station_rows(db)
    assert report.reconcile["mismatched"] == [] and report.reconcile["days"] >= 2
    assert report.batch_size > 50  # grew on success
    live_hub.hub.push_setting("parcels.overdue_days", 5)
    person = add_person(db)
    assert state.pending_count(db) == 1 and state.record_state(db, person.id) == state.PENDING
    again = sync(db)
    assert again.pushed == 1 and again.pulled == 1 and again.pulled_kinds == ["county.setting_changed"]
    assert db.value("SELECT value FROM settings WHERE key = 'parcels.overdue_days'") == "5"
    status = state.status(db)
    assert status.pending == 0 and status.last_sync and status.last_error is None and status.enrolled
    assert state.record_state(db, person.id) == state.SYNCED
    assert live_hub.hub.station_rows()[0]["pending"] == 0


def test_a_captive_portal_page_with_status_200_is_a_failure(live_hub, enrolled):
    with FaultProxy(live_hub.port, plan=lambda n: Plan(reply=CAPTIVE_PORTAL)) as portal:
        use_url(enrolled, portal.url)
        with pytest.raises(errors.LinkDown) as caught:
            sync(enrolled, retry=fast_retry(3))
    assert caught.value.code == "not_the_hub"
    assert state.acked_seq(enrolled) == 0 and state.status(enrolled).last_error
    assert not state.status(enrolled).needs_person
    use_url(enrolled, live_hub.url)
    assert sync(enrolled).pending == 0 and state.status(enrolled).last_error is None


def test_500s_are_retried_until_the_hub_answers(live_hub, enrolled):
    broken = {0, 1, 2, 4}

    def plan(n):
        return Plan(reply=http_reply(500, b'{"detail": "boom"}', "application/json")) if n in broken else Plan()

    with FaultProxy(live_hub.port, plan=plan) as proxy:
        use_url(enrolled, proxy.url)
        report = sync(enrolled)
    assert report.pending == 0 and proxy.connections >= 4
    assert hub_rows(live_hub, enrolled.local(state.STATION_ID)) == station_rows(enrolled)


def test_bounded_retries_end_with_a_clear_failure_and_nothing_lost(live_hub, enrolled):
    with FaultProxy(live_hub.port, plan=lambda n: Plan(cut_down=0)) as dead:
        use_url(enrolled, dead.url)
        with pytest.raises(errors.LinkDown, match=r"自动重试|try again"):
            sync(enrolled, retry=fast_retry(3))
    assert state.acked_seq(enrolled) == 0 and events.last_seq(enrolled) > 0
    assert state.uploading_to(enrolled) == 0  # no record left 上传中


def test_the_clock_of_2009_or_a_day_ahead_is_corrected_never_refused(live_hub, enrolled, station_file):
    for when in (datetime(2009, 6, 1, tzinfo=UTC), datetime.now(UTC) + timedelta(days=1)):
        enrolled.clock = FixedClock(when)
        add_person(enrolled, name=f"钟{when.year}", phone=f"1391234{when.year % 10000:04d}")
        report = sync(enrolled)
        assert report.pending == 0 and report.clock_warning
        expected = (datetime.now(UTC) - when).total_seconds() * 1000
        assert abs(report.clock_offset_ms - expected) < 120_000
        assert abs(enrolled.clock.now() - datetime.now(UTC)) < timedelta(minutes=2)  # corrected from now on
        warning = state.clock_warning(enrolled)
        assert warning and show(datetime.now(UTC))[:10] in warning  # it says the right time
    reopened = open_station(station_file)
    assert reopened.clock.offset_ms == state.clock_offset_ms(enrolled)
    reopened.close()


def test_two_syncs_at_once_cannot_happen(enrolled):
    with SyncLock(enrolled.path):
        assert is_syncing(enrolled.path)
        with pytest.raises(errors.SyncBusy):
            sync(enrolled)
    assert not is_syncing(enrolled.path)


def test_the_hub_restarted_mid_sync(live_hub, enrolled):
    sid, restarted = enrolled.local(state.STATION_ID), threading.Event()

    def restart_when_half_is_in():
        while len(hub_rows(live_hub, sid)) < 200:
            threading.Event().wait(0.005)
        live_hub.restart()
        restarted.set()

    restarter = threading.Thread(target=restart_when_half_is_in, daemon=True)
    retry = fast_retry(None)
    retry.base, retry.cap = 0.05, 0.3
    watchdog = threading.Timer(60, retry.stop.set)
    restarter.start()
    watchdog.start()
    try:
        report = sync(enrolled, retry=retry, batch=small_batches())
    finally:
        watchdog.cancel()
    restarter.join(30)
    assert restarted.is_set() and report.pending == 0
    assert hub_rows(live_hub, sid) == station_rows(enrolled)


def test_a_revoked_token_is_refused_loudly_and_nothing_is_lost(live_hub, enrolled):
    sync(enrolled)
    live_hub.hub.revoke(enrolled.local(state.STATION_ID))
    add_person(enrolled)
    with pytest.raises(errors.Refused) as caught:
        sync(enrolled)
    assert caught.value.code == "bad_token"
    status = state.status(enrolled)
    assert status.needs_person and status.pending == 1
    _, code = live_hub.hub.enroll_code("幸福村电商服务站")
    client.enroll(enrolled, live_hub.url, code, retry=fast_retry())
    assert sync(enrolled).pending == 0


def test_a_cloned_file_is_refused_and_never_forks_the_hub(live_hub, enrolled, tmp_path):
    sync(enrolled)
    copy = backup(enrolled, tmp_path / "clone.sqlite")  # a copied disk: same instance id too,
    for secret in keystore.files(enrolled.path):  # and the sealed token and key file beside the file
        shutil.copy(secret, tmp_path / secret.name.replace(enrolled.path.name, copy.name))
    clone = open_station(copy)
    add_person(enrolled, name="原件")
    sync(enrolled)
    before = hub_rows(live_hub, enrolled.local(state.STATION_ID))
    add_person(clone, name="副本")
    with pytest.raises(errors.Refused) as caught:
        sync(clone)
    assert caught.value.code == "fork"
    assert hub_rows(live_hub, enrolled.local(state.STATION_ID)) == before
    assert events.last_seq(clone) == len(before)  # the clone keeps its record for a person to sort out
    clone.close()


def test_an_old_backup_restored_catches_up_from_the_hub(live_hub, enrolled, tmp_path):
    sync(enrolled)
    old = backup(enrolled, tmp_path / "old.sqlite")
    for i in range(3):
        add_person(enrolled, name=f"后来{i}", phone=f"1350000000{i}")
    live_hub.hub.push_setting("parcels.return_days", 9)
    sync(enrolled)
    path, sid = enrolled.path, enrolled.local(state.STATION_ID)
    enrolled.close()
    kept = restore(old, path)
    restored = open_station(path)
    report = sync(restored)
    assert report.caught_up >= 4 and report.pending == 0
    original = open_station(kept)
    assert replay.table_differences(original, restored) == []
    assert any("changed" in w for w in live_hub.hub.station_rows()[0]["warnings"])
    add_person(restored, name="恢复后")
    assert sync(restored).pushed == 1 and hub_rows(live_hub, sid) == station_rows(restored)
    original.close()
    restored.close()


def test_an_old_backup_with_new_records_is_refused(live_hub, enrolled, tmp_path):
    sync(enrolled)
    old = backup(enrolled, tmp_path / "old.sqlite")
    add_person(enrolled, name="备份之后")
    sync(enrolled)
    path = enrolled.path
    enrolled.close()
    restore(old, path)
    restored = open_station(path)
    add_person(restored, name="另一条")
    with pytest.raises(errors.Refused, match=r"record|记录"):
        sync(restored)
    restored.close()


def test_a_reconcile_mismatch_resends_the_missing_days(live_hub, enrolled):
    sync(enrolled)
    sid = enrolled.local(state.STATION_ID)
    state_day = p.day_of(enrolled.value("SELECT hlc FROM events ORDER BY seq DESC LIMIT 1"))
    with writing(live_hub.hub.engine) as conn:  # the hub lost part of a day (a bad restore of its own)
        gone = conn.execute(hub_events.delete().where((hub_events.c.station_id == sid) & (hub_events.c.day == state_day)
                                                      & (hub_events.c.seq % 3 == 0))).rowcount
    assert gone > 0
    add_person(enrolled)
    report = sync(enrolled)
    assert report.reconcile["resent"] >= gone and report.reconcile["mismatched"] == []
    assert hub_rows(live_hub, sid) == station_rows(enrolled)


def test_restore_from_the_hub_rebuilds_every_table(live_hub, enrolled, tmp_path):
    live_hub.hub.push_setting("parcels.overdue_days", 6)
    sync(enrolled, batch=small_batches())
    before = enrolled.value("SELECT count(*) FROM hub_events")
    simulate.run(enrolled, 1, seed=8)  # an enrolled station invents no county data: its county is the hub
    assert enrolled.value("SELECT count(*) FROM hub_events") == before
    last = events.events_after(enrolled, events.last_seq(enrolled) - 1)[0]
    live_hub.hub.publish("sync.flag_raised", last.entity_id, {"seq": last.seq, "kind": last.kind, "reason": "check",
                                                              "message": "Look at this", "params": {}},
                         station_id=enrolled.local(state.STATION_ID))
    sync(enrolled)
    assert state.open_flags(enrolled)
    _, code = live_hub.hub.enroll_code("幸福村电商服务站")
    new_pc = tmp_path / "new-pc" / "station.sqlite"
    report = client.restore_from_hub(new_pc, live_hub.url, code, retry=fast_retry(), timeout=SHORT)
    assert report.caught_up > events.last_seq(enrolled) and report.pending == 0
    rebuilt = open_station(new_pc)
    assert replay.table_differences(enrolled, rebuilt) == []
    assert events.verify_chain(rebuilt) == []
    assert rebuilt.value("SELECT value FROM meta WHERE key = 'instance_id'") != \
        enrolled.value("SELECT value FROM meta WHERE key = 'instance_id'")
    other = open_station(tmp_path / "other" / "station.sqlite")
    simulate.setup(other)  # a new station of its own
    other.close()
    with pytest.raises(errors.Refused) as caught:  # never over a station that has records
        client.restore_from_hub(tmp_path / "other" / "station.sqlite", live_hub.url, code, timeout=SHORT)
    assert caught.value.code == "not_empty"
    rebuilt.close()


def test_county_data_this_program_cannot_use_stops_the_pull_before_it(live_hub, enrolled):
    live_hub.hub.push_setting("parcels.overdue_days", 4)
    live_hub.hub.publish("county.from_the_future", "x1", {"v": 1})
    live_hub.hub.push_setting("parcels.overdue_days", 8)
    with pytest.raises(errors.Refused) as caught:
        sync(enrolled)
    assert caught.value.code == "hub_data" and "county.from_the_future" in str(caught.value)
    assert state.pending_count(enrolled) == 0  # the push went through before the pull stopped
    assert enrolled.value("SELECT count(*) FROM hub_events WHERE kind = 'county.from_the_future'") == 0


def test_a_page_of_county_data_is_applied_whole_or_not_at_all(enrolled):
    cursor = state.local_int(enrolled, state.CURSOR)
    page = [state.HubChange(900001, "county.setting_changed", "parcels.overdue_days", {"value": 3}, "2026-11-02T01:00:00.000Z"),
            state.HubChange(900002, "county.unknown", "y", {}, "2026-11-02T01:00:00.000Z")]
    with pytest.raises(ValueError):
        replay.apply_hub_changes(enrolled, page, 900002)
    assert state.local_int(enrolled, state.CURSOR) == cursor
    assert enrolled.value("SELECT count(*) FROM hub_events WHERE hub_seq > 900000") == 0
    kinds = replay.apply_hub_changes(enrolled, page[:1], 900001)
    assert kinds == ["county.setting_changed"] and replay.apply_hub_changes(enrolled, page[:1], 900001) == []


def test_flags_from_the_hub_show_on_the_record_until_settled(live_hub, enrolled):
    person = add_person(enrolled)
    sync(enrolled)
    live_hub.hub.publish("sync.flag_raised", person.id, {"seq": events.last_seq(enrolled), "kind": "person.added",
                                                         "reason": "check", "message": "Amount {value} fen is out of range",
                                                         "params": {"value": 7}},
                         station_id=enrolled.local(state.STATION_ID))
    sync(enrolled)
    assert state.record_state(enrolled, person.id) == state.WARNING
    flag = state.open_flags(enrolled, person.id)[0]
    assert "7" in flag.message and state.status(enrolled).open_flags == 1
    live_hub.hub.publish("sync.flag_cleared", person.id, {"flags": [flag.id], "seq": 0},
                         station_id=enrolled.local(state.STATION_ID))
    sync(enrolled)
    assert state.record_state(enrolled, person.id) == state.SYNCED and state.open_flags(enrolled) == []


def test_per_record_states(enrolled):
    enrolled.clock = FixedClock(datetime.now(UTC))
    person = add_person(enrolled)
    states = state.record_states(enrolled, [person.id, "never-heard-of"])
    assert states == {person.id: state.PENDING, "never-heard-of": state.SYNCED}
    state.mark_uploading(enrolled, events.last_seq(enrolled))
    assert state.record_state(enrolled, person.id) == state.UPLOADING
    enrolled.clock.advance(minutes=6)  # a marker left by a killed sync goes stale
    assert state.record_state(enrolled, person.id) == state.PENDING
    assert state.label(state.SYNCED) in ("已同步", "Synced")


def test_plain_http_only_to_this_pc_unless_allowed():
    from sync.link import check_hub_url

    assert check_hub_url("http://127.0.0.1:8765/") == "http://127.0.0.1:8765"
    assert check_hub_url("http://localhost:1") == "http://localhost:1"
    with pytest.raises(errors.Refused) as caught:
        check_hub_url("http://10.1.2.3:8765")
    assert caught.value.code == "plain_http"
    assert check_hub_url("http://10.1.2.3:8765", allow_http=True)
    assert check_hub_url("https://hub.example.cn")
    with pytest.raises(errors.Refused):
        check_hub_url("ftp://hub")


def test_an_old_program_is_told_to_upgrade(live_hub, enrolled):
    link = client.link_for(enrolled, timeout=SHORT)
    link.session.headers["X-Sync-Protocol"] = "99"
    with pytest.raises(errors.Refused) as caught:
        link.call("GET", f"/v1/stations/{enrolled.local(state.STATION_ID)}/status", ("acked_seq",))
    assert caught.value.code == "upgrade"
    link.close()


def test_not_enrolled(station):
    with pytest.raises(errors.Refused) as caught:
        sync(station)
    assert caught.value.code == "not_enrolled"


def test_a_lost_enrollment_answer_can_be_retried(live_hub, station, monkeypatch):
    _, code = live_hub.hub.enroll_code("幸福村电商服务站")
    stored = state.save_enrollment

    def power_cut(*args, **kwargs):
        raise OSError("the PC went off after the hub answered, before the answer was stored")

    monkeypatch.setattr(state, "save_enrollment", power_cut)
    with pytest.raises(OSError):
        client.enroll(station, live_hub.url, code, retry=fast_retry())
    monkeypatch.setattr(state, "save_enrollment", stored)
    first_sid = live_hub.hub.station_rows()[0]["id"]
    second = client.enroll(station, live_hub.url, code, retry=fast_retry())  # same file, same secret: answered again
    assert second.station_id == first_sid
    assert sync(station).pending == 0
    with pytest.raises(errors.Refused) as caught:
        other = open_station(station.path.parent / "other.sqlite")
        client.enroll(other, live_hub.url, code, retry=fast_retry())
    assert caught.value.code == "bad_code"
    other.close()


def test_enroll_helper_names_the_station(live_hub, station):
    sid = stations.enroll(live_hub.hub, live_hub.url, station, "柳树屯服务站")
    assert live_hub.hub.station_rows()[0]["id"] == sid and station.local(state.STATION_ID) == sid


def test_a_damaged_chain_is_refused_and_nothing_after_it_is_sent(live_hub, enrolled):
    sync(enrolled)
    add_person(enrolled, name="改过的")
    seq = events.last_seq(enrolled)
    enrolled.execute("UPDATE events SET payload = replace(payload, '改过的', '改过了') WHERE seq = ?", (seq,))
    with pytest.raises(errors.Refused) as caught:
        sync(enrolled)
    assert caught.value.code == "broken_chain" and state.status(enrolled).needs_person
    assert hub_rows(live_hub, enrolled.local(state.STATION_ID))[-1][0] == seq - 1
