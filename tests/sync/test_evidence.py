"""Evidence files: a training session's on-site photos reach the county hub after their records,
once each, byte for byte; county staff see them; a lost file is reported, never fatal."""

import hashlib
import json
import os
from datetime import timedelta

import pytest
import requests
from PIL import Image
from sqlalchemy import func, select

from station_app.clock import SHANGHAI
from station_app.core import sync_state as state
from station_app.core import training
from sync import errors
from sync import evidence as station_evidence
from sync import protocol as p
from sync.hub import evidence
from sync.hub.db import reading
from sync.testing.fault_proxy import FaultProxy, Plan

from .conftest import fast_retry
from .fresh import new_station, sync

STAFF = ("县运营中心".encode(), b"secret-pass-1")


def new_session(db, manager):
    begins = db.clock.now().astimezone(SHANGHAI) - timedelta(minutes=10)
    session = training.create_session(
        db, manager, title="农村电商直播带货实操培训", category="farmer", starts_at=begins,
        ends_at=begins + timedelta(hours=3), capacity=40, trainer_org="示范县电子商务公共服务中心",
        lecturers=[("李老师", "高级电子商务师")], syllabus="开网店；直播带货", place="幸福村电商服务站二楼")
    return training.start_session(db, manager, session.id)


def add_photos(db, manager, session, folder, *, big=False):
    """Two real pictures (a JPEG and a PNG) added to the session; `big`: the PNG is about 1 MB of noise."""
    folder.mkdir(parents=True, exist_ok=True)
    jpeg, png = folder / "授课现场.jpg", folder / "学员合影.png"
    Image.new("RGB", (96, 64), (200, 30, 30)).save(jpeg, "JPEG")
    if big:
        Image.frombytes("RGB", (600, 600), os.urandom(600 * 600 * 3)).save(png, "PNG")
    else:
        Image.new("RGB", (80, 60), (30, 90, 200)).save(png, "PNG")
    return [training.add_photo(db, manager, session.id, source=jpeg, caption="授课现场"),
            training.add_photo(db, manager, session.id, source=png, caption="学员合影")]


def hub_files(live, station_id):
    with reading(live.hub.engine) as conn:
        return {r.sha256: r for r in conn.execute(select(evidence.hub_evidence).where(
            evidence.hub_evidence.c.station_id == station_id))}


def station_call(live, db, method, path, **kw):
    headers = {"Authorization": f"Bearer {state.token(db)}", p.HEADER_PROTOCOL: str(p.PROTOCOL),
               **kw.pop("headers", {})}
    return requests.request(method, live.url + path, headers=headers, timeout=10, **kw)


def use_url(db, url):
    with db.transaction():
        db.set_local("setting:sync.hub_url", json.dumps(url))


def test_a_sync_sends_the_sessions_photos_once_and_county_staff_see_them(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    session = new_session(db, manager)
    photos = add_photos(db, manager, session, tmp_path / "camera")
    report = sync(db)
    assert report.ok and report.pending == 0
    assert (report.evidence_uploaded, report.evidence_missing_on_disk) == (2, 0)
    stored = hub_files(live_hub, sid)
    assert set(stored) == {ph.sha256 for ph in photos}
    for ph in photos:
        local = training.photo_path(db, ph).read_bytes()
        assert hashlib.sha256(stored[ph.sha256].data).hexdigest() == ph.sha256 and stored[ph.sha256].data == local
        assert stored[ph.sha256].size == len(local)
    assert {r.content_type for r in stored.values()} == {"image/jpeg", "image/png"}

    live_hub.hub.add_admin("县运营中心", "secret-pass-1")
    for ph in photos:
        url = f"{live_hub.url}/v1/admin/evidence/{sid}/{ph.sha256}"
        assert requests.get(url, timeout=5).status_code == 401
        served = requests.get(url, auth=STAFF, timeout=5)
        assert served.status_code == 200 and served.content == training.photo_path(db, ph).read_bytes()
        assert served.headers["content-type"] == stored[ph.sha256].content_type
        assert served.headers["x-content-type-options"] == "nosniff"
        again = requests.get(url, auth=STAFF, headers={"If-None-Match": served.headers["etag"]}, timeout=5)
        assert again.status_code == 304 and again.content == b""
    other = requests.get(f"{live_hub.url}/v1/admin/evidence/another-station/{photos[0].sha256}", auth=STAFF, timeout=5)
    assert other.status_code == 404

    second = sync(db)  # everything confirmed: nothing is asked, nothing sent
    assert (second.evidence_uploaded, second.evidence_missing_on_disk) == (0, 0)
    assert station_evidence.unconfirmed(db, sid, second.acked_seq) == []
    assert station_evidence.confirmed_count(db) == 2 and len(hub_files(live_hub, sid)) == 2

    browser = requests.Session()  # a county officer logged in to the dashboard sees the photos on its page
    browser.post(f"{live_hub.url}/dashboard/login", data={"name": "县运营中心", "password": "secret-pass-1",
                                                            "next": "/dashboard/training"}, timeout=5)
    progress = browser.get(f"{live_hub.url}/dashboard/training", timeout=5)
    assert progress.status_code == 200 and f"/dashboard/stations/{sid}/training" in progress.text
    page = browser.get(f"{live_hub.url}/dashboard/stations/{sid}/training", timeout=5)
    assert page.status_code == 200 and "农村电商直播带货实操培训" in page.text and "齐全" not in page.text
    for ph in photos:
        src = f"/dashboard/evidence/{sid}/{ph.sha256}"
        assert f'src="{src}"' in page.text
        assert browser.get(live_hub.url + src, timeout=5).content == training.photo_path(db, ph).read_bytes()
        assert requests.get(live_hub.url + src, timeout=5).status_code == 401
    db.close()


def test_the_hub_checks_each_file_against_its_name_and_stores_it_once(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    picture = tmp_path / "p.png"
    Image.new("RGB", (40, 30), (10, 120, 40)).save(picture, "PNG")
    data = picture.read_bytes()
    digest = hashlib.sha256(data).hexdigest()

    wrong = station_call(live_hub, db, "PUT", f"/v1/evidence/{'0' * 64}", data=data)
    assert wrong.status_code == 400 and wrong.json()["error"] == p.DIGEST_MISMATCH
    tampered = station_call(live_hub, db, "PUT", f"/v1/evidence/{digest}", data=data[:-1] + b"x")
    assert tampered.status_code == 400 and tampered.json()["error"] == p.DIGEST_MISMATCH
    assert hub_files(live_hub, sid) == {}
    asked = station_call(live_hub, db, "POST", "/v1/evidence/missing", json=[digest, digest, "1" * 64])
    assert asked.status_code == 200 and asked.json()["missing"] == [digest, "1" * 64]

    unnamed = station_call(live_hub, db, "PUT", f"/v1/evidence/{digest}", data=data)
    assert unnamed.status_code == 409 and unnamed.json()["error"] == evidence.NOT_NAMED  # no record names it yet
    assert hub_files(live_hub, sid) == {}
    session = new_session(db, manager)
    training.add_photo(db, manager, session.id, source=picture, caption="授课现场")
    assert sync(db).evidence_uploaded == 1  # the record went first, then the file it names
    assert list(hub_files(live_hub, sid)) == [digest] and hub_files(live_hub, sid)[digest].content_type == "image/png"
    repeat = station_call(live_hub, db, "PUT", f"/v1/evidence/{digest}", data=data)
    assert repeat.status_code == 200 and repeat.json()["stored"] is False
    with reading(live_hub.hub.engine) as conn:
        assert conn.execute(select(func.count()).select_from(evidence.hub_evidence)).scalar() == 1
    assert station_call(live_hub, db, "POST", "/v1/evidence/missing", json=[digest]).json()["missing"] == []

    too_big = station_call(live_hub, db, "PUT", f"/v1/evidence/{'2' * 64}", data=b"\0" * (p.MAX_EVIDENCE + 1))
    assert too_big.status_code == 413 and too_big.json()["error"] == p.TOO_LARGE
    assert station_call(live_hub, db, "PUT", "/v1/evidence/NOT-A-DIGEST", data=data).status_code == 400
    assert station_call(live_hub, db, "POST", "/v1/evidence/missing", json=["abc"]).status_code == 400
    assert station_call(live_hub, db, "POST", "/v1/evidence/missing",
                        json=[digest] * (p.MAX_ASK + 1)).status_code == 400
    no_token = requests.put(f"{live_hub.url}/v1/evidence/{digest}", data=data, timeout=5,
                            headers={p.HEADER_PROTOCOL: str(p.PROTOCOL)})
    assert no_token.status_code == 401
    live_hub.hub.revoke(sid)
    assert station_call(live_hub, db, "POST", "/v1/evidence/missing", json=[digest]).status_code == 401
    assert training.MAX_PHOTO_BYTES <= p.MAX_EVIDENCE  # every photo the station accepts fits
    db.close()


def test_a_photo_gone_from_disk_is_reported_and_the_others_still_go(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    photos = add_photos(db, manager, new_session(db, manager), tmp_path / "camera")
    reused = training.add_photo(db, manager, new_session(db, manager).id, source=tmp_path / "camera" / "授课现场.jpg")
    assert reused.sha256 == photos[0].sha256 and reused.file != photos[0].file
    training.photo_path(db, photos[0]).unlink()  # the other session's copy still goes
    gone = training.photo_path(db, photos[1])
    saved = gone.read_bytes()
    gone.unlink()
    report = sync(db)
    assert report.ok and report.pending == 0
    assert (report.evidence_uploaded, report.evidence_missing_on_disk) == (1, 1)
    assert report.evidence_missing_files == [photos[1].file]
    assert set(hub_files(live_hub, sid)) == {photos[0].sha256}
    live_hub.hub.add_admin("县运营中心", "secret-pass-1")
    page = requests.get(f"{live_hub.url}/dashboard/stations/{sid}/training", auth=STAFF, timeout=5)
    assert "1 张照片还没传到县里" in page.text

    gone.write_bytes(saved[:-2] + b"\0\0")  # put back, but damaged: still not the recorded photo
    again = sync(db)
    assert (again.evidence_uploaded, again.evidence_missing_on_disk) == (0, 1)
    gone.write_bytes(saved)  # found in the backup
    last = sync(db)
    assert (last.evidence_uploaded, last.evidence_missing_on_disk) == (1, 0)
    assert set(hub_files(live_hub, sid)) == {ph.sha256 for ph in photos}
    db.close()


def test_an_upload_cut_off_is_sent_whole_next_cycle_and_a_lost_answer_sends_nothing_again(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    sid = db.local(state.STATION_ID)
    photos = add_photos(db, manager, new_session(db, manager), tmp_path / "camera", big=True)
    assert training.photo_path(db, photos[1]).stat().st_size > 600_000
    with FaultProxy(live_hub.port, plan=lambda n: Plan(cut_up=300_000)) as proxy:  # every connection dies at 300 KB
        use_url(db, proxy.url)
        with pytest.raises(errors.LinkDown):
            sync(db, retry=fast_retry(2))
    assert state.pending_count(db) == 0  # the records went before the photos
    assert set(hub_files(live_hub, sid)) == {photos[0].sha256}  # the small one arrived; nothing half-stored
    use_url(db, live_hub.url)
    report = sync(db)
    assert (report.evidence_uploaded, report.evidence_missing_on_disk) == (1, 0)
    assert hub_files(live_hub, sid)[photos[1].sha256].data == training.photo_path(db, photos[1]).read_bytes()

    with db.transaction():  # the hub stored them but the answers were lost: the station asks, sends nothing
        db.execute("DELETE FROM local_settings WHERE key LIKE ?", (station_evidence.CONFIRMED + "%",))
    after = sync(db)
    assert (after.evidence_uploaded, after.evidence_missing_on_disk) == (0, 0)
    assert station_evidence.confirmed_count(db) == 2
    db.close()


@pytest.mark.postgres
def test_photos_reach_a_postgresql_hub(pg_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", pg_hub)
    sid = db.local(state.STATION_ID)
    photos = add_photos(db, manager, new_session(db, manager), tmp_path / "camera")
    assert sync(db).evidence_uploaded == 2
    assert sync(db).evidence_uploaded == 0
    pg_hub.hub.add_admin("县运营中心", "secret-pass-1")
    for ph in photos:
        served = requests.get(f"{pg_hub.url}/v1/admin/evidence/{sid}/{ph.sha256}", auth=STAFF, timeout=5)
        assert served.status_code == 200 and served.content == training.photo_path(db, ph).read_bytes()
    repeat = station_call(pg_hub, db, "PUT", f"/v1/evidence/{photos[0].sha256}",
                          data=training.photo_path(db, photos[0]).read_bytes())
    assert repeat.status_code == 200 and len(hub_files(pg_hub, sid)) == 2
    db.close()
