"""Stations tell the hub their printer's state and their program's version with each sync
(`sync.station_report`, on the status call); the hub keeps it per station and bounds it."""

from __future__ import annotations

import json

import pytest
import requests

from station_app import __version__
from station_app.clock import local_day, show
from station_app.core import sync_state
from station_app.core.printer_state import printer_state, save_printer_state
from sync import protocol as p
from sync import station_report as sr
from sync.client import own_report
from sync.hub import station_reports
from sync.hub.digest import digest
from sync.hub.health import health_of

from .fresh import new_station, sync


def test_a_report_goes_through_the_header_and_back():
    report = sr.StationReport("0.1.0", "out_of_paper", "2026-11-02T01:30:00.000Z", "打印机缺纸。请放一卷新纸。")
    text = sr.encode(report)
    assert text.isascii() and len(text) <= sr.MAX_HEADER
    assert sr.parse(text) == report
    # a long message is cut to fit, never refused at the hub
    long = sr.StationReport("0.1.0", "error", None, "切刀卡住" * 200)
    assert len(sr.parse(sr.encode(long)).printer_message) == sr.MAX_MESSAGE


@pytest.mark.parametrize("text", [
    "x" * (sr.MAX_HEADER + 1), "not json", "[]", '{"v":"0.1.0"}', '{"v":"0.1.0","printer":"on_fire"}',
    '{"v":"<script>","printer":"ready"}', '{"v":"0.1.0","printer":"ready","extra":1}',
    '{"v":"0.1.0","printer":"ready","since":"yesterday"}', '{"v":"0.1.0","printer":"ready","since":5}',
    '{"v":"0.1.0","printer":"error","msg":"a\\u0000b"}', json.dumps({"v": "0.1.0", "printer": "error", "msg": "x" * 121}),
    '{"v":"0.1.0","printer":"ready","since":' + "[" * 5000 + "]" * 5000 + "}",
])
def test_the_hub_takes_nothing_else(text):
    with pytest.raises(sr.BadReport):
        sr.parse(text)


def test_the_printer_is_out_of_paper_since_the_first_time_it_said_so(db, clock):
    assert printer_state(db) is None and own_report(db) == sr.StationReport(__version__, "unknown")
    first = save_printer_state(db, "out_of_paper", "缺纸")
    clock.advance(minutes=30)
    assert save_printer_state(db, "out_of_paper", "缺纸").since == first.since
    assert own_report(db) == sr.StationReport(__version__, "out_of_paper", first.since, "缺纸")
    clock.advance(minutes=5)
    assert save_printer_state(db, "ready").since > first.since


def test_the_county_sees_the_printer_out_of_paper_until_it_is_fixed(live_hub, tmp_path):
    db, _ = new_station(tmp_path / "st", live_hub)
    sid = db.local(sync_state.STATION_ID)
    sync(db)
    h = health_of(live_hub.hub, sid)
    assert h is not None and h.program_version == __version__ and not [q for q in h.problems if q.code == "printer"]

    out = save_printer_state(db, "out_of_paper", "打印机缺纸。请放一卷新纸。")
    sync(db)
    h = health_of(live_hub.hub, sid)
    printer = [q for q in h.problems if q.code == "printer"]
    assert len(printer) == 1 and printer[0].level == "amber"
    assert show(out.since) in printer[0].text  # since when, the station's time shown in China time
    today = local_day(live_hub.hub.clock.now())
    row = next(r for r in digest(live_hub.hub, today) if r.station == h.name)
    assert printer[0].text in row.problems  # the county's morning digest says it too
    live_hub.hub.add_admin("县运营中心", "county-staff-2026")
    page = requests.get(f"{live_hub.url}/dashboard/stations", timeout=10,
                        auth=("县运营中心".encode(), b"county-staff-2026"))
    assert page.status_code == 200 and printer[0].text in page.text and __version__ in page.text

    save_printer_state(db, "ready")
    sync(db)
    assert not [q for q in health_of(live_hub.hub, sid).problems if q.code == "printer"]
    assert station_reports.states(live_hub.hub)[sid].printer == "ready"
    db.close()


def test_a_bad_report_is_refused_and_nothing_is_kept(live_hub, tmp_path):
    db, _ = new_station(tmp_path / "st", live_hub)
    sid = db.local(sync_state.STATION_ID)
    headers = {"Authorization": f"Bearer {sync_state.token(db)}", p.HEADER_PROTOCOL: str(p.PROTOCOL)}
    url = f"{live_hub.url}/v1/stations/{sid}/status"
    for bad in ('{"v":"0.1.0","printer":"on_fire"}', "y" * 5000):
        answer = requests.get(url, headers={**headers, sr.HEADER: bad}, timeout=10)
        assert answer.status_code == 400 and answer.json()["error"] == "malformed", answer.text
    assert sid not in station_reports.states(live_hub.hub)
    # another station's token cannot report for this one
    other, _ = new_station(tmp_path / "other", live_hub, name="红旗村服务站", village="红旗村")
    answer = requests.get(url, headers={**headers, "Authorization": f"Bearer {sync_state.token(other)}",
                                        sr.HEADER: sr.encode(sr.StationReport("9.9.9", "error", None, "x"))},
                          timeout=10)
    assert answer.status_code in (401, 403) and sid not in station_reports.states(live_hub.hub)
    db.close()
    other.close()
