"""A training session's archive as the 石城 rule accepts it ("档案不全，不予以补贴"): every required
document an uploaded file, 齐全 only once the last one is there (at the station and on the
county's page), then one zip with the checklist PDF, the roster and every file byte for byte;
trainee phones only for the auditor, each view in the audit log; county-centre sessions and
follow-up outcomes (a business started, jobs created) in the county's progress by month."""

import io
import zipfile
from datetime import timedelta

from station_app.clock import SHANGHAI, local_day
from station_app.core import sync_state as state
from station_app.core import training
from station_app.core.training import documents
from station_app.i18n import translate
from sync.hub import audit, county_training, roles
from sync.hub.shadows import Shadows

from .audit_evidence import county_sets, logged_in, photo
from .fresh import new_station, sync


def pdf(folder, name):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.pdf"
    path.write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n%%EOF\n")
    return path


def held_session(db, manager):
    """A session with one lecturer, two trainees signed in with their surveys, ended."""
    begins = db.clock.now().astimezone(SHANGHAI) - timedelta(hours=3)
    s = training.create_session(db, manager, title="农产品网店运营培训", category="farmer", starts_at=begins,
                                ends_at=begins + timedelta(hours=2), capacity=40, trainer_org="石城县电商公共服务中心",
                                lecturers=[("李老师", "高级电子商务师")], syllabus="开网店", place="服务站二楼")
    training.start_session(db, manager, s.id)
    people = [training.register_and_sign_in(db, manager, s.id, name=name, phone=phone, village="幸福村")
              for name, phone in (("刘秀兰", "13812345678"), ("赖春生", "13970001234"))]
    for who in people:
        training.record_survey(db, manager, s.id, who.person_id, overall=5)
    training.end_session(db, manager, s.id)
    return s, people


def test_the_archive_is_complete_only_with_the_last_document_then_downloads_whole(live_hub, tmp_path):
    county_sets(live_hub, {"training.archive_rules": "agreement,org_licence,lecturer_credentials,plan,syllabus,"
                                                     "materials,signed_roster,onsite_photos"})
    db, manager = new_station(tmp_path / "st", live_hub)
    assert sync(db).ok
    sid = db.local(state.STATION_ID)
    session, _ = held_session(db, manager)
    files = tmp_path / "scans"
    sources = {"agreement": pdf(files, "委托协议"), "org_licence": photo(files, "机构资质", (1, 2, 3)),
               "plan": pdf(files, "培训计划"), "syllabus": pdf(files, "教学大纲"), "materials": pdf(files, "培训教材"),
               "signed_roster": photo(files, "签到表", (4, 5, 6))}
    kept = {}
    for kind, source in sources.items():
        before = len(training.archive_gaps(db, session.id))
        kept[kind] = documents.add_document(db, manager, session.id, kind=kind, source=source)
        assert len(training.archive_gaps(db, session.id)) == before - 1  # one item fewer missing
    credentials = photo(files, "讲师证书", (7, 8, 9))
    kept["lecturer_credentials"] = documents.add_document(db, manager, session.id, kind="lecturer_credentials",
                                                          source=credentials, lecturer="李老师")
    onsite = translate("training", documents.KINDS["onsite_photos"], "zh_CN")
    assert [translate("training", g, "zh_CN") for g in training.archive_gaps(db, session.id)] == [onsite]
    assert sync(db).ok

    browser, _ = logged_in(live_hub)
    base = f"{live_hub.url}/dashboard/stations/{sid}/training/{session.id}"
    page = browser.get(base, timeout=10)
    assert page.status_code == 200 and "档案不全" in page.text and onsite in page.text

    scene = training.add_photo(db, manager, session.id, source=photo(files, "授课现场", (200, 100, 50)), caption="授课现场")
    assert training.archive_gaps(db, session.id) == []
    assert sync(db).ok
    page = browser.get(base, timeout=10)
    assert "档案齐全" in page.text and "档案不全" not in page.text

    answer = browser.get(f"{base}/archive.zip", timeout=10)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(answer.content))
    names = z.namelist()
    assert {"00-档案清单.pdf", "01-签到名册.pdf"} <= set(names)
    assert z.read("00-档案清单.pdf").startswith(b"%PDF-") and z.read("01-签到名册.pdf").startswith(b"%PDF-")
    contents = {n: z.read(n) for n in names if not n.startswith(("00-", "01-"))}
    expected = [p.read_bytes() for p in (*sources.values(), credentials)] + [training.photo_path(db, scene).read_bytes()]
    assert sorted(contents.values()) == sorted(expected)  # every file, byte for byte, nothing else
    lecturer_folder = [n for n in contents if "李老师" in n]
    assert len(lecturer_folder) == 1 and contents[lecturer_folder[0]] == credentials.read_bytes()
    roster = z.read("01-签到名册.pdf")
    assert b"13812345678" not in roster  # the download carries no whole phone number
    db.close()


def test_trainee_phones_only_for_the_auditor_and_each_view_is_logged(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    session, _ = held_session(db, manager)
    assert sync(db).ok
    sid = db.local(state.STATION_ID)
    url = f"{live_hub.url}/dashboard/stations/{sid}/training/{session.id}/phones"
    viewer, _ = logged_in(live_hub, "县商务局", roles.VIEWER)
    assert viewer.get(url, timeout=10).status_code == 403
    assert "13812345678" not in viewer.get(url.removesuffix("/phones"), timeout=10).text
    auditor, _ = logged_in(live_hub, "评估组", roles.AUDITOR)
    page = auditor.get(url, timeout=10)
    assert page.status_code == 200 and "13812345678" in page.text and "13970001234" in page.text
    auditor.get(url, timeout=10)
    views = [e for e in audit.entries(live_hub.hub)[0] if e.action == "trainee_phones.viewed"]
    assert [(e.who, e.detail["numbers"], e.detail["session"]) for e in views] == [("评估组", 2, session.id)] * 2
    db.close()


def test_county_centre_sessions_and_follow_ups_count_in_the_county_progress(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    session, people = held_session(db, manager)
    today = local_day(db.clock.now())
    training.record_followup(db, manager, person_id=people[0].person_id, outcome="business", on_day=today,
                             session_id=session.id, jobs_created=3)
    training.record_followup(db, manager, person_id=people[1].person_id, outcome="employed", on_day=today)
    assert sync(db).ok
    hub = live_hub.hub
    browser, csrf = logged_in(live_hub)  # the county records its centre's session on the dashboard
    answer = browser.post(f"{live_hub.url}/dashboard/training/county", data={
        "csrf": csrf, "title": "县电商中心直播培训", "day": today.isoformat(), "category": "farmer",
        "person_times": "120", "poverty_person_times": "30"}, allow_redirects=False, timeout=10)
    assert answer.status_code == 303, answer.text
    page = browser.get(f"{live_hub.url}/dashboard/training/county", timeout=10)
    assert page.status_code == 200 and "县电商中心直播培训" in page.text
    shadows = Shadows(hub, tmp_path / "shadows")
    try:
        p = county_training.progress(shadows, today.year)
    finally:
        shadows.close()
    month = next(m for m in p.months if m.month == today.isoformat()[:7])
    assert (month.stations, month.centre, month.businesses, month.jobs) == (2, 120, 1, 3)
    assert p.total == sum(m.stations + m.centre for m in p.months) >= 122
    assert p.target == 3000  # the county-wide target, not a station's
    db.close()
