"""Sync with no link: the courier's USB stick between stations and the real county hub, with the
guarantees of HTTP sync (`sync.courier` at the station, `sync.hub.bundles` at the county), by the
commands a person runs, and every bad input of the issue: a clear message, nothing half-applied
on either side."""

import json
import re
import shutil
from datetime import UTC, datetime

import pytest
import requests
from sqlalchemy import select

from station_app import cli as station_cli
from station_app import keystore
from station_app.clock import FixedClock
from station_app.core import events, people
from station_app.core import sync_state as state
from station_app.i18n import translate
from sync import bundle, courier, errors
from sync import evidence as station_evidence
from sync.hub import bundles
from sync.hub import cli as hub_cli
from sync.hub.db import events as hub_events_table
from sync.hub.db import reading, stations
from sync.hub.routers.dashboard import bundles as bundle_page
from sync.testing.live_hub import LiveHub

from .fresh import new_station, sync
from .test_evidence import add_photos, hub_files, new_session


@pytest.fixture
def stick(tmp_path):
    folder = tmp_path / "U盘"
    folder.mkdir()
    return folder


def words(context, source):
    """The fixed words a message starts with, in the program's language (with or without its Chinese yet)."""
    return translate(context, source).split("{")[0]


def says(error, code):
    """`error`'s text is the message for `code` (sync.bundle.MESSAGES), in the program's language."""
    text = translate("errors", bundle.MESSAGES[code])
    return all(piece in str(error) for piece in re.split(r"\{\w+\}", text) if piece.strip())


def work(db, manager, n, tag="a"):
    for i in range(n):
        people.add_person(db, manager, name=f"村民{tag}{i}", phone=f"139{abs(hash(tag)) % 10000:04d}{i:04d}",
                          village="幸福村")


def held(live, sid):
    with reading(live.hub.engine) as conn:
        return [(r.seq, r.hash) for r in conn.execute(select(hub_events_table.c.seq, hub_events_table.c.hash).where(
            hub_events_table.c.station_id == sid).order_by(hub_events_table.c.seq))]


def mine(db):
    return [(r["seq"], r["hash"]) for r in db.rows("SELECT seq, hash FROM events ORDER BY seq")]


def trip(live, db, stick):
    """The courier's round: the station's bundle to the county, the county's answer back."""
    courier.write_to(db, stick)
    report = bundles.import_stick(live.hub, stick)
    return report, courier.import_from(db, stick)


def test_a_station_with_no_link_syncs_by_the_courier_with_the_commands(live_hub, stick, tmp_path, capsys):
    db, manager = new_station(tmp_path / "st", live_hub)  # enrolled at the county office, then never online
    sid = db.local(state.STATION_ID)
    work(db, manager, 12)
    live_hub.hub.push_setting("parcels.overdue_days", 5, station_id=sid)
    head = events.last_seq(db)
    data_dir = str(db.path.parent)
    db.close()

    assert station_cli.main(["--data-dir", data_dir, "sync", "--to", str(stick)]) == 0
    said = capsys.readouterr().out
    assert said.index(words("sync", courier.PLANNED)) < said.index(words("sync", courier.WRITTEN))  # size first
    assert re.search(r"\d+(\.\d)? (KB|B)", said)
    assert held(live_hub, sid) == []  # nothing reached the hub over the network

    assert hub_cli.main(["import-bundle", str(stick), "--db", live_hub.db_url]) == 0
    said = capsys.readouterr().out
    assert f"1-{head}" in said and "幸福村电商服务站" in said and "to-station" in said

    assert station_cli.main(["--data-dir", data_dir, "sync", "--from", str(stick), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert answer["ok"] and answer["imported"]["acked_seq"] == head and answer["imported"]["changes"] >= 1

    from station_app.db import open_station
    db = open_station(db.path)
    try:
        assert held(live_hub, sid) == mine(db)
        assert state.acked_seq(db) == head and state.pending_count(db) == 0
        assert db.value("SELECT value FROM settings WHERE key = 'parcels.overdue_days'") is not None or \
            db.value("SELECT count(*) FROM hub_events WHERE kind = 'county.setting_changed'") == 1
        status = state.status(db)
        assert status.heard_by == state.BY_STICK and status.last_heard and status.last_sync is None
        assert bundle.bundles_in(stick) == []  # both done with: the stick's room is for the next trip
    finally:
        db.close()


def test_a_bundle_for_another_county_is_refused_and_changes_nothing(live_hub, stick, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    work(db, manager, 3)
    courier.write_to(db, stick)
    with LiveHub(f"sqlite:///{tmp_path / 'other-county.sqlite'}") as other:
        other.hub.enroll_code(("幸福村电商服务站"), "幸福村")  # even a station of the same name there
        report = bundles.import_stick(other.hub, stick)
        assert len(report.imported) == 1 and not report.imported[0].ok
        assert says(report.imported[0].error, "other_county")
        assert report.return_files == []
        with reading(other.hub.engine) as conn:
            assert conn.execute(select(hub_events_table.c.seq)).first() is None
    db.close()


def test_a_revoked_station_s_bundle_is_refused(live_hub, stick, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    work(db, manager, 3)
    courier.write_to(db, stick)
    live_hub.hub.revoke(sid)
    report = bundles.import_stick(live_hub.hub, stick)
    assert not report.imported[0].ok and says(report.imported[0].error, "revoked")
    assert held(live_hub, sid) == [] and report.return_files == []
    db.close()


def test_replayed_and_reordered_bundles_change_nothing(live_hub, stick, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    work(db, manager, 4, "x")
    first = courier.write_to(db, stick).path
    old = tmp_path / "last-month" / first.name
    old.parent.mkdir()
    shutil.copyfile(first, old)
    work(db, manager, 4, "y")
    courier.write_to(db, stick)  # replaces the first on the stick: the hub's ack has not moved
    assert len(bundle.bundles_in(stick)) == 1
    report = bundles.import_stick(live_hub.hub, stick)
    assert report.imported[0].new_events == events.last_seq(db)
    before = held(live_hub, sid)
    again = bundles.import_stick(live_hub.hub, stick)  # the same stick once more
    assert again.imported[0].new_events == 0 and again.imported[0].replayed_at
    pieces = re.split(r"\{\w+\}", translate("hub_bundles", bundles.REPLAYED))
    assert all(p in again.imported[0].line for p in pieces if p.strip())
    shutil.copyfile(old, stick / old.name)  # last month's bundle turns up after the newer one
    late = bundles.import_stick(live_hub.hub, stick)
    assert all(i.ok and i.new_events == 0 for i in late.imported)
    assert held(live_hub, sid) == before == mine(db)
    answer = late.return_files[0]
    kept = answer.read_bytes()
    got = courier.import_from(db, stick)
    assert got.imported == 1 and got.replayed == 0 and state.acked_seq(db) == events.last_seq(db)
    seen = (state.acked_seq(db), state.local_int(db, state.CURSOR), db.value("SELECT count(*) FROM hub_events"))
    answer.write_bytes(kept)  # the station's answer turns up again
    again = courier.import_from(db, stick)
    assert again.imported == 1 and again.replayed == 1 and again.changes == 0
    assert (state.acked_seq(db), state.local_int(db, state.CURSOR), db.value("SELECT count(*) FROM hub_events")) == seen
    db.close()


def test_one_stick_serves_the_route_and_stations_ignore_bundles_not_theirs(live_hub, stick, tmp_path):
    a, ma = new_station(tmp_path / "a", live_hub, name="幸福村电商服务站")
    b, mb = new_station(tmp_path / "b", live_hub, name="东山村服务站", village="东山村")
    work(a, ma, 3, "a")
    work(b, mb, 5, "b")
    live_hub.hub.push_setting("parcels.overdue_days", 6, station_id=b.local(state.STATION_ID))
    courier.write_to(a, stick)
    courier.write_to(b, stick)
    report = bundles.import_stick(live_hub.hub, stick)
    assert report.ok and len(report.imported) == 2 and len(report.return_files) == 2
    got_b = courier.import_from(b, stick)
    assert got_b.imported == 1 and got_b.others == 1 and got_b.changes == 1
    assert len(bundle.bundles_in(stick)) == 2  # a's bundle and a's answer stay for station a
    got_a = courier.import_from(a, stick)
    assert got_a.imported == 1 and got_a.changes == 0 and got_a.others == 0
    assert bundle.bundles_in(stick) == []
    for db in (a, b):
        assert held(live_hub, db.local(state.STATION_ID)) == mine(db)
        db.close()


def test_truncated_or_corrupted_bundles_are_refused_on_both_sides_with_nothing_applied(live_hub, stick, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    work(db, manager, 5)
    path = courier.write_to(db, stick).path
    whole = path.read_bytes()
    path.write_bytes(whole[:len(whole) // 2])  # the stick pulled out while someone copied it
    report = bundles.import_stick(live_hub.hub, stick)
    assert not report.imported[0].ok and says(report.imported[0].error, "truncated")
    path.write_bytes(whole[:-80] + bytes(b ^ 0x55 for b in whole[-80:]))
    report = bundles.import_stick(live_hub.hub, stick)
    assert not report.imported[0].ok and says(report.imported[0].error, "damaged")
    assert held(live_hub, sid) == []

    path.write_bytes(whole)
    live_hub.hub.push_setting("parcels.overdue_days", 4, station_id=sid)
    report = bundles.import_stick(live_hub.hub, stick)
    back = report.return_files[0]
    answer = back.read_bytes()
    cursor, acked = state.local_int(db, state.CURSOR), state.acked_seq(db)
    middle = len(answer) // 2
    for broken in (answer[:-1], answer[:200], answer[:middle] + bytes([answer[middle] ^ 1]) + answer[middle + 1:]):
        back.write_bytes(broken)
        got = courier.import_from(db, stick)
        assert got.imported == 0 and len(got.problems) == 1
        assert (state.local_int(db, state.CURSOR), state.acked_seq(db)) == (cursor, acked)
        assert db.value("SELECT count(*) FROM hub_events") == 0
    back.write_bytes(answer)
    assert courier.import_from(db, stick).imported == 1 and state.acked_seq(db) == events.last_seq(db)
    db.close()


def test_a_small_stick_takes_the_oldest_records_first_and_a_full_one_is_refused(live_hub, stick, tmp_path, monkeypatch):
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    monkeypatch.setattr(courier, "BATCH", 10)  # small bodies, so a small stick can take some of them
    work(db, manager, 40)
    everything = courier.plan_bundle(db, stick)
    room = courier.RESERVE + everything.size // 2
    monkeypatch.setattr(bundle, "free_space", lambda _folder: room)
    plan = courier.plan_bundle(db, stick)
    assert not plan.complete and plan.first_seq == 1 and 0 < plan.last_seq < events.last_seq(db)
    assert plan.size <= room - courier.RESERVE
    courier.write_bundle(db, plan)
    bundles.import_stick(live_hub.hub, stick)
    courier.import_from(db, stick)
    assert state.acked_seq(db) == plan.last_seq and held(live_hub, sid) == mine(db)[:plan.last_seq]
    for _ in range(3):  # the next trips carry the rest, oldest first, on the same small stick
        trip(live_hub, db, stick)
        assert held(live_hub, sid) == mine(db)[:state.acked_seq(db)]
    assert held(live_hub, sid) == mine(db)

    monkeypatch.setattr(bundle, "free_space", lambda _folder: 10_000)
    work(db, manager, 30, "more")
    with pytest.raises(bundle.BundleError) as full:
        courier.plan_bundle(db, stick)
    assert full.value.code == "stick_full" and says(full.value, "stick_full")
    assert bundle.bundles_in(stick) == []
    db.close()


def test_a_stick_pulled_out_while_the_station_writes_leaves_nothing_and_the_next_write_works(live_hub, stick, tmp_path,
                                                                                              monkeypatch):
    db, manager = new_station(tmp_path / "st", live_hub)
    work(db, manager, 20)

    def pulled_out(path):
        path.open("xb").close()
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(bundle, "open_for_writing", pulled_out)
    with pytest.raises(bundle.BundleError) as gone:
        courier.write_to(db, stick)
    assert gone.value.code == "stick_gone"
    assert list(stick.iterdir()) == []
    monkeypatch.undo()
    assert courier.write_to(db, stick).events == events.last_seq(db)
    db.close()


def test_a_fork_is_refused_and_flagged_and_the_station_hears_it(live_hub, stick, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    work(db, manager, 3)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    clone_dir = tmp_path / "clone"
    clone_dir.mkdir()
    for f in [db.path, *keystore.files(db.path)]:
        shutil.copyfile(f, clone_dir / f.name)
    from station_app.core.operators import list_operators
    from station_app.db import open_station
    clone = open_station(clone_dir / db.path.name)
    work(db, manager, 2, "original")
    work(clone, list_operators(clone)[0], 2, "clone")
    trip(live_hub, db, stick)
    report, got = trip(live_hub, clone, stick)
    assert report.imported[0].refusal and report.imported[0].refusal["code"] == "fork"
    with reading(live_hub.hub.engine) as conn:
        assert "fork" in conn.execute(select(stations.c.warning).where(stations.c.id == sid)).scalar_one()
    assert held(live_hub, sid) == mine(db)  # the original's records, none of the clone's
    assert got.refused and state.status(clone).needs_person
    db.close()
    clone.close()


def test_http_and_the_stick_mix_whichever_arrives_first_wins(live_hub, stick, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    work(db, manager, 6)
    live_hub.hub.push_setting("parcels.overdue_days", 3, station_id=sid)
    courier.write_to(db, stick)
    sync(db)  # the link came back before the courier reached the county
    report = bundles.import_stick(live_hub.hub, stick)
    assert report.imported[0].ok and report.imported[0].new_events == 0
    got = courier.import_from(db, stick)
    assert got.imported == 1 and got.changes == 0  # the county's change came over the network already
    work(db, manager, 3, "later")
    courier.write_to(db, stick)  # and the other way round: the stick first, then the network
    bundles.import_stick(live_hub.hub, stick)
    courier.import_from(db, stick)
    report = sync(db)
    assert report.pushed == 0 and report.reconcile["mismatched"] == []
    assert held(live_hub, sid) == mine(db)
    assert state.status(db).heard_by == state.BY_NETWORK
    db.close()


def test_keys_not_yet_registered_are_explained_and_registered_by_the_next_network_sync(live_hub, stick, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    with db.transaction():  # a station enrolled before bundles existed
        db.set_local(state.BUNDLE_KEY, None)
        db.set_local(state.COUNTY_KEY, None)
    with pytest.raises(errors.Refused) as refused:
        courier.plan_bundle(db, stick)
    assert str(refused.value) == translate("errors", courier.NO_KEYS)
    sync(db)
    assert state.bundle_key_registered(db) and state.county_key(db)
    work(db, manager, 2)
    trip(live_hub, db, stick)
    assert state.acked_seq(db) == events.last_seq(db)
    db.close()


def test_training_photos_ride_along_and_the_county_confirms_them(live_hub, stick, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    photos = add_photos(db, manager, new_session(db, manager), tmp_path / "pictures")
    plan = courier.plan_bundle(db, stick)
    assert plan.files == 2
    courier.write_bundle(db, plan)
    bundles.import_stick(live_hub.hub, stick)
    assert set(hub_files(live_hub, sid)) == {ph.sha256 for ph in photos}
    courier.import_from(db, stick)
    assert station_evidence.unconfirmed(db, sid, events.last_seq(db)) == []
    assert courier.plan_bundle(db, stick).files == 0  # confirmed: not carried again
    db.close()


def test_the_dashboard_imports_an_uploaded_stick_and_gives_each_return_bundle(live_hub, stick, tmp_path):
    live_hub.hub.add_admin("县运营中心", "secret-pass-1")
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    work(db, manager, 5)
    live_hub.hub.push_setting("parcels.overdue_days", 2, station_id=sid)
    path = courier.write_to(db, stick).path
    staff = requests.Session()
    staff.post(f"{live_hub.url}/dashboard/login", data={"name": "县运营中心", "password": "secret-pass-1"}, timeout=5)
    page = staff.get(f"{live_hub.url}/dashboard/bundles", timeout=5)
    assert page.status_code == 200 and translate("dashboard", bundle_page.TITLE) in page.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    answer = staff.post(f"{live_hub.url}/dashboard/bundles", data={"csrf": csrf},
                        files=[("bundles", (path.name, path.read_bytes(), "application/octet-stream"))], timeout=30)
    assert answer.status_code == 200 and "幸福村电商服务站" in answer.text
    assert held(live_hub, sid) == mine(db)
    link = re.search(r'href="(/dashboard/bundles/return/[^"]+)"', answer.text).group(1)
    back = staff.get(live_hub.url + link, timeout=10)
    assert back.status_code == 200 and back.headers["content-type"] == "application/octet-stream"
    name = re.search(r'filename="([^"]+)"', back.headers["content-disposition"]).group(1)
    (stick / name).write_bytes(back.content)
    got = courier.import_from(db, stick)
    assert got.imported == 1 and got.changes == 1 and state.acked_seq(db) == events.last_seq(db)
    assert requests.get(live_hub.url + link, timeout=5, allow_redirects=False).status_code in (303, 401)
    db.close()


@pytest.mark.postgres
def test_the_courier_s_round_trip_on_a_postgresql_hub(pg_hub, stick, tmp_path):
    db, manager = new_station(tmp_path / "st", pg_hub)
    sid = db.local(state.STATION_ID)
    work(db, manager, 8)
    pg_hub.hub.push_setting("parcels.overdue_days", 3, station_id=sid)
    report, got = trip(pg_hub, db, stick)
    assert report.ok and got.imported == 1 and got.changes == 1
    assert held(pg_hub, sid) == mine(db) and state.acked_seq(db) == events.last_seq(db)
    again, _ = trip(pg_hub, db, stick)
    assert again.ok and again.imported[0].new_events == 0
    assert bundles.recent(pg_hub.hub)[0]["station"] == "幸福村电商服务站"
    db.close()


def test_a_pc_clock_set_back_does_not_reorder_the_station_s_bundles(live_hub, stick, tmp_path):
    clock = FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
    db, manager = new_station(tmp_path / "st", live_hub, clock=clock)
    sid = db.local(state.STATION_ID)
    work(db, manager, 3)
    live_hub.hub.push_setting("parcels.overdue_days", 3, station_id=sid)
    first = courier.write_to(db, stick)
    made_first = bundle.peek(first.path).made_at
    assert bundles.import_stick(live_hub.hub, stick).ok and courier.import_from(db, stick).changes == 1
    cursor = state.local_int(db, state.CURSOR)
    clock.set(datetime(2009, 1, 1, tzinfo=UTC))  # the CMOS battery went flat
    work(db, manager, 2, "b")
    later = courier.write_to(db, stick)
    assert bundle.peek(later.path).made_at < made_first
    report = bundles.import_stick(live_hub.hub, stick)
    assert report.ok and report.imported[0].new_events == 2
    answer = bundle.peek(report.return_files[0])
    assert answer.header["after"] == cursor  # it answers the newer bundle, not the one the clock calls newer
    assert courier.import_from(db, stick).imported == 1 and state.acked_seq(db) == events.last_seq(db)
    assert held(live_hub, sid) == mine(db)
    db.close()
