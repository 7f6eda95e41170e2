"""No station can break the county's view, and nothing goes unnoticed (issue 17), through the real
hub: a county of six stations made by the real paths — two working normally and one that went
silent ten days ago (`station-hub demo`'s `run_demo`), one enrolled that never synced, one whose
old backup forked its history, one whose history names a training session it never created (the
hub cannot fold it), and one demo file with made-up county data that refuses what the hub sends.

Every dashboard page and export answers, the good stations' figures equal their own reports,
the totals cover only the stations the hub can count (and say so), and each bad station is red
with its problem in Chinese and what to do.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from unittest import mock

import pytest
import requests
from openpyxl import load_workbook

from station_app.clock import local_day
from station_app.core import events, people, reports, simulate, sync_state
from station_app.core.health import restore
from station_app.core.operators import list_operators
from station_app.core.report_rows import SHEETS
from station_app.db import open_station
from station_app.db.copies import backup
from station_app.i18n import translate
from station_app.ids import new_id
from sync import client, errors
from sync.demo import run_demo, serving
from sync.hub import cli as hub_cli
from sync.hub.county_report import county_month
from sync.hub.db import open_hub
from sync.hub.health import T, station_health
from sync.hub.shadows import Shadows
from sync.hub.store import Hub

from .conftest import fast_retry

ADMIN, PASSWORD = "县运营中心", "county-staff-2026"
GOOD = [("青山村服务站", "青山村"), ("红旗村服务站", "红旗村")]
SILENT = ("松林村服务站", "松林村")
NEVER = ("白沙村服务站", "白沙村")
FORKED = ("桃园村服务站", "桃园村")
BROKEN = ("龙泉村服务站", "龙泉村")
CLASH = ("杏花村服务站", "杏花村")


def zh(code: str, part: int = 0) -> str:
    """The start of a problem's Chinese text, before its first parameter."""
    return translate("dashboard", T[code][part]).split("{")[0]


def sync(db):
    return client.sync_once(db, retry=fast_retry())


def _forked(folder: Path, hub: Hub, url: str) -> str:
    db = open_station(folder / "forked.sqlite")
    simulate.setup(db, name=FORKED[0], village=FORKED[1])
    _, code = hub.enroll_code(*FORKED)
    sid = client.enroll(db, url, code, retry=fast_retry()).station_id
    op = list_operators(db)[0]
    people.add_person(db, op, name="周丽", phone="13900000001", village=FORKED[1])
    sync(db)
    old = backup(db, folder / "forked-old.sqlite")
    people.add_person(db, op, name="吴强", phone="13900000002", village=FORKED[1])
    sync(db)
    path = db.path
    db.close()
    restore(old, path)  # an old backup put back, and work done on it: another history
    again = open_station(path)
    people.add_person(again, list_operators(again)[0], name="郑华", phone="13900000003", village=FORKED[1])
    with pytest.raises(errors.Refused) as refused:
        sync(again)
    assert refused.value.code == "fork"
    again.close()
    return sid


def _broken(folder: Path, hub: Hub, url: str) -> tuple[str, int]:
    """A station whose history names a training session it never created (a damaged or forged
    file): every record hashes into the chain, so the hub takes it, but cannot fold it."""
    db = open_station(folder / "broken.sqlite")
    simulate.setup(db, name=BROKEN[0], village=BROKEN[1])
    _, code = hub.enroll_code(*BROKEN)
    sid = client.enroll(db, url, code, retry=fast_retry()).station_id
    op = list_operators(db)[0]
    person = people.add_person(db, op, name="孙梅", phone="13900000004", village=BROKEN[1])
    with db.transaction():  # recorded without its applier: the station's tables never saw it
        ev = events.record(db, op.id, "training.signed_in", new_id(), {
            "session_id": new_id(), "person_id": person.id, "method": "card", "category": "farmer", "poverty": 0,
            "at": "2026-12-01T06:00:00.000Z"}, appliers={"training.signed_in": lambda _db, _ev: None})
    people.add_person(db, op, name="钱江", phone="13900000005", village=BROKEN[1])
    assert sync(db).pending == 0
    db.close()
    return sid, ev.seq


def _clash(folder: Path, hub: Hub, url: str) -> str:
    """A demo station with county data it made up (`station-app simulate` before enrolling) that
    joined the county before `enroll` refused demo files (tests/sync/test_demo_file_enroll.py),
    as files enrolled by older versions are: it uploads, but refuses every page of county data
    the hub sends."""
    db = open_station(folder / "clash.sqlite")
    simulate.Simulation(db, 1, seed=9, name=CLASH[0], village=CLASH[1]).day()
    assert db.local(simulate.DEMO_COUNTY) == "demo"
    _, code = hub.enroll_code(*CLASH)
    with mock.patch.object(sync_state, "demo_file", return_value=False):  # the older version's enroll
        sid = client.enroll(db, url, code, retry=fast_retry()).station_id
    for _ in range(3):
        with pytest.raises(errors.Refused) as refused:
            sync(db)
        assert refused.value.code == "hub_mismatch"
    db.close()
    return sid


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    folder = tmp_path_factory.mktemp("isolation")
    url = f"sqlite:///{folder / 'hub.sqlite'}"
    now = datetime.now(UTC)
    quiet = run_demo(url, folder, days=2, seed=3, end=now - timedelta(days=10), names=[SILENT], files=["silent.sqlite"],
                     admin=ADMIN, password=PASSWORD, sms=False, say=lambda _t: None)
    good = run_demo(url, folder, days=3, seed=1, names=GOOD, files=["good-1.sqlite", "good-2.sqlite"],
                    admin=ADMIN, password=PASSWORD, sms=False, say=lambda _t: None)
    hub = Hub(open_hub(url))
    ids = {"good": [s.station_id for s in good.stations], "silent": quiet.stations[0].station_id,
           "never": hub.enroll_code(*NEVER)[0]}
    with serving(hub) as (live, _app):
        ids["forked"] = _forked(folder, hub, live)
        ids["broken"], broken_seq = _broken(folder, hub, live)
        ids["clash"] = _clash(folder, hub, live)
    with serving(hub) as (live, app):
        yield {"url": live, "hub": hub, "ids": ids, "folder": folder, "db_url": url, "broken_seq": broken_seq,
               "shadows": app.state.shadows, "files": {"good": [s.path for s in good.stations]}}
    hub.engine.dispose()


@pytest.fixture(scope="module")
def staff(county):
    session = requests.Session()
    session.auth = (ADMIN.encode(), PASSWORD.encode())  # UTF-8 Basic (RFC 7617)
    return session


def month_now() -> str:
    return reports.month_of(local_day(datetime.now(UTC)))


def test_each_bad_station_is_red_with_its_problem_in_chinese_and_the_good_ones_are_not(county):
    health = {h.id: h for h in station_health(county["hub"])}
    ids = county["ids"]
    # the forked station refuses to send its other history itself; the hub sees its file change
    expected = {"silent": "silent", "never": "never", "forked": "file_changed", "clash": "refusing"}
    for key, code in expected.items():
        h = health[ids[key]]
        assert h.red and code in [p.code for p in h.problems], (key, [p.code for p in h.problems])
        found = next(p for p in h.problems if p.code == code)
        assert found.text.startswith(zh(code)) and found.todo.startswith(zh(code, 1))
    for sid in ids["good"]:
        assert not health[sid].red, [p.text for p in health[sid].problems]
    assert health[ids["never"]].last_contact is None and health[ids["never"]].complete_up_to is None
    silent = health[ids["silent"]]
    assert silent.last_upload and silent.last_contact <= (datetime.now(UTC) - timedelta(days=9)).isoformat()
    # the broken station: the hub tries to fold it when a page needs it, and keeps why
    county_month(county["shadows"], month_now())
    broken = {h.id: h for h in station_health(county["hub"])}[ids["broken"]]
    fold = next(p for p in broken.problems if p.code == "fold")
    assert broken.red and f"{county['broken_seq']}" in fold.text and "training.signed_in" in fold.text


def test_the_totals_cover_only_the_stations_the_hub_can_count_and_the_good_ones_equal_their_own(county):
    month = month_now()
    data = county_month(county["shadows"], month)
    by_id = {s["hub_id"]: s for s in data["stations"]}
    ids = county["ids"]
    assert not by_id[ids["never"]]["counted"] and not by_id[ids["broken"]]["counted"]
    assert "training.signed_in" in by_id[ids["broken"]]["why_not"]
    assert {x["name"] for x in data["not_counted"]} == {NEVER[0], BROKEN[0], SILENT[0]}  # silent: nothing this month
    counted = [s for s in data["stations"] if s["counted"]]
    assert data["covered"] == len(counted) == 4 and data["station_count"] == 7
    for key in ("arrived", "sent", "picked_up"):
        assert data["total"]["parcels"][key] == sum(s["report"]["parcels"][key] for s in counted)
    for sid, path in zip(ids["good"], county["files"]["good"], strict=True):
        db = open_station(path)
        try:
            own = json.loads(json.dumps(reports.monthly_report(db, month), ensure_ascii=False))
        finally:
            db.close()
        hub_view = json.loads(json.dumps(by_id[sid]["report"], ensure_ascii=False))
        assert hub_view["station"]["name"] in {n for n, _ in GOOD}  # the name the county registered
        assert {**hub_view, "station": own["station"]} == own
    assert data["incomplete"] == []  # every station counted synced last night


def test_every_page_and_export_answers(county, staff):
    base, ids, month = county["url"], county["ids"], month_now()
    everyone = [*ids["good"], ids["silent"], ids["never"], ids["forked"], ids["broken"], ids["clash"]]
    pages = ["/", "/dashboard", f"/dashboard?month={month}", "/dashboard/stations", "/dashboard/digest",
             "/dashboard/overdue", "/dashboard/stuck", "/dashboard/training", "/dashboard/subsidy", "/dashboard/county",
             "/dashboard/county/targets", "/dashboard/close", "/dashboard/audit", "/county/stations", "/county/digest"]
    pages += [f"/dashboard/records/{key}?month={month}" for key in SHEETS]
    for sid in everyone:
        pages += [f"/dashboard/stations/{sid}?month={month}", f"/dashboard/stations/{sid}/training",
                  f"/dashboard/stations/{sid}/records/parcels_arrived?month={month}"]
    for path in pages:
        answer = staff.get(base + path)
        assert answer.status_code == 200, (path, answer.text[:300])
        assert "Internal Server Error" not in answer.text
    files = [f"/dashboard/export/monthly.xlsx?month={month}", f"/dashboard/export/monthly.pdf?month={month}",
             "/dashboard/export/subsidy.xlsx", "/dashboard/digest.xlsx", "/dashboard/digest.csv", "/dashboard/audit.xlsx",
             "/dashboard/audit.csv"]
    for sid in [*ids["good"], ids["silent"], ids["forked"], ids["clash"]]:
        files += [f"/dashboard/export/monthly.xlsx?month={month}&station={sid}",
                  f"/dashboard/export/monthly.pdf?month={month}&station={sid}"]
    for path in files:
        answer = staff.get(base + path)
        assert answer.status_code == 200 and answer.headers["content-disposition"].startswith("attachment"), path
    # the station the hub cannot fold: its own file is refused with why (a page), never an empty file
    refused = staff.get(f"{base}/dashboard/export/monthly.xlsx?month={month}&station={ids['broken']}")
    assert refused.status_code == 409 and "training.signed_in" in refused.text


def test_the_overview_flags_them_and_the_county_files_say_what_they_cover(county, staff):
    base, month = county["url"], month_now()
    page = staff.get(f"{base}/dashboard?month={month}").text
    for code in ("silent", "never", "file_changed", "refusing"):
        assert escape(zh(code)) in page, code
    assert "training.signed_in" in page and 'class="red"' in page
    data = county_month(county["shadows"], month)
    book = load_workbook(io.BytesIO(staff.get(f"{base}/dashboard/export/monthly.xlsx?month={month}").content))
    sheet = book.worksheets[0]
    heads = [c.value for c in sheet[3]]
    assert heads[-1] == translate("dashboard", "County total ({covered} of {count} stations)").format(
        covered=data["covered"], count=data["station_count"])
    status = {heads[i]: sheet.cell(4, i + 1).value for i in range(2, len(heads) - 1)}
    assert BROKEN[0] in status and "training.signed_in" in status[BROKEN[0]]
    assert book.worksheets[-1].max_row > 6  # the stations' problems
    digest = list(csv.reader(io.StringIO(staff.get(f"{base}/dashboard/digest.csv").content.decode("utf-8-sig"))))
    red = {row[0] for row in digest[1:] if row[2]}
    assert {SILENT[0], NEVER[0], FORKED[0], BROKEN[0], CLASH[0]} <= red and not red & {n for n, _ in GOOD}


def test_the_report_command_never_answers_an_empty_success(county, tmp_path, capsys):
    args = ["report", "monthly", "--month", month_now(), "--db", county["db_url"], "--shadows", str(tmp_path / "s")]
    assert hub_cli.main([*args, "--out", str(tmp_path / "county.json")]) == 3
    err = capsys.readouterr().err
    assert BROKEN[0] in err and NEVER[0] in err
    assert json.loads((tmp_path / "county.json").read_text("utf-8"))["covered"] == 4
    assert hub_cli.main([*args, "--station", BROKEN[0]]) == 1
    assert "training.signed_in" in capsys.readouterr().err
    assert hub_cli.main([*args, "--station", NEVER[0]]) == 1
    assert hub_cli.main([*args, "--station", GOOD[0][0], "--format", "pdf", "--out", str(tmp_path / "g.pdf")]) == 0
    assert (tmp_path / "g.pdf").read_bytes()[:4] == b"%PDF"
    capsys.readouterr()
    assert hub_cli.main(["stations", "--db", county["db_url"]]) == 1  # some need attention: a cron job can tell
    listed = json.loads(capsys.readouterr().out)
    assert [s["red"] for s in listed][:5] == [True] * 5 and not listed[-1]["red"]


def test_shadows_of_other_processes_agree(county, tmp_path):
    """A second hub process (the report command, a second worker) folds the same and hits the same problem."""
    other = Shadows(county["hub"], tmp_path / "other")
    try:
        data = county_month(other, month_now())
        assert data["covered"] == 4 and {x["name"] for x in data["not_counted"]} == {NEVER[0], BROKEN[0], SILENT[0]}
    finally:
        other.close()


def test_the_silent_station_is_silent_by_the_county_setting(county):
    from sync.hub import county_settings

    hub = county["hub"]
    try:
        county_settings.set_value(hub, "silent_days", 20, "县运营中心")
        silent = {h.id: h for h in station_health(hub)}[county["ids"]["silent"]]
        assert "silent" not in [p.code for p in silent.problems]
    finally:
        county_settings.set_value(hub, "silent_days", 3, "县运营中心")
