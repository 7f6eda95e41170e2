"""`station-hub demo` shows every station service on the county's pages: the stations' simulated
days pay out at the cash point, fill the service ledger, post the county's notices, sell farm
inputs and send farm produce with e-waybill photos, and the demo county uploads its villages and
poverty register through the hub's real upload path and publishes its service categories — so
a newcomer's 助农取款与便民服务, 补贴审核 and 贫困户与覆盖 pages are not zeros."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
import requests

from station_app.clock import SHANGHAI
from station_app.core.simulate import county_office
from sync.demo import ADMIN, PASSWORD, run_demo
from sync.hub import register, villages
from sync.hub.db import open_hub
from sync.hub.shadows import Shadows
from sync.hub.store import Hub
from sync.testing.live_hub import LiveHub

END = datetime(2026, 6, 6, tzinfo=SHANGHAI)  # four days, Tuesday 2 to Friday 5 June 2026
FIRST, LAST = date(2026, 6, 2), date(2026, 6, 5)
NAMES = [("幸福村服务站（演示）", "幸福村"), ("东山村服务站（演示）", "东山村")]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder / 'hub.sqlite'}"
    made = run_demo(url, folder, stations=2, days=4, seed=2, end=END, names=NAMES, sms=False, say=lambda _t: None)
    return url, made


def cells(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", page, flags=re.S)]


def get(live: LiveHub, path: str) -> str:
    answer = requests.get(f"{live.url}{path}", auth=(ADMIN.encode(), PASSWORD.encode()), timeout=120)
    assert answer.status_code == 200, answer.text[:300]
    return answer.text


def test_the_county_files_go_through_the_real_upload_path(demo):
    _, made = demo
    assert made.uploads["villages"] == len(NAMES) + len(county_office.VILLAGES_WITHOUT_STATION)
    assert made.uploads["poverty-register"] > 0  # households, one line of the report each


def test_the_services_page_shows_each_station_s_cash_point_ledger_and_farm_inputs(demo):
    url, made = demo
    with LiveHub(url) as live:
        page = get(live, "/dashboard/services?month=2026-06")
    for station in made.stations:
        row = page.split(station.name, 1)[1].split("</tr>", 1)[0]  # the cells after the station's name
        withdrawals, paid, cards, settled, _differing, _diff, times, records, _fees, _farm, _farm_fen, posted = \
            cells(row)[:12]
        assert int(withdrawals) > 0 and paid != "¥0.00" and int(cards) > 0, row
        assert int(settled) >= 3, row  # each past day settled by the bank the next morning
        assert int(times) >= int(records) > 0, row
        assert int(posted) >= 1, row  # the county's notice is on the station's wall
    total = page.split("全县", 1)[1].split("</tr>", 1)[0]
    assert int(cells(total)[9]) > 0, total  # farm inputs sold in the county
    assert "社保代办" in page  # the county's own category, published to every station


def test_the_claims_page_lists_cooperatives_and_villagers_with_their_e_waybills(demo):
    url, _ = demo
    with LiveHub(url) as live:
        page = get(live, "/dashboard/claims?quarter=2026Q2")
        counted = re.search(r'<span class="n">(\d+)</span><small>本季度农产品寄件', page)
        assert counted and int(counted.group(1)) > 20, page[:2000]
        assert "专业合作社（演示）" in page  # cooperatives send from the stations
        thumb = re.search(r'<img class="thumb" loading="lazy" src="([^"]+)"', page)
        assert thumb, "no e-waybill photo on the claims page"
        photo = requests.get(f"{live.url}{thumb.group(1)}", auth=(ADMIN.encode(), PASSWORD.encode()), timeout=60)
        assert photo.status_code == 200 and photo.content.startswith(b"\x89PNG")  # the station's photo, uploaded


def test_the_register_and_coverage_page_counts_households_reached(demo):
    url, _ = demo
    hub = Hub(open_hub(url))
    try:
        totals = register.totals(hub)
        assert totals.households > 0 and totals.members == totals.households * 4 and not totals.stations_without_key
        reached = register.reached(Shadows(hub), FIRST, LAST)
        assert 0 < reached.reached <= reached.households  # villagers who showed their ID card were recognised
        cover = villages.coverage(hub)
        assert cover.covered == len(NAMES) < cover.villages
    finally:
        hub.engine.dispose()
    with LiveHub(url) as live:
        page = get(live, "/dashboard/register")
    assert f'<span class="n">{totals.households}</span><small>贫困户（户）' in page
    assert f"行政村覆盖 {len(NAMES)}/{cover.villages}" in page
