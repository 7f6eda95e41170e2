"""End to end with the real hub: a station that never reaches the hub over the network for 30
simulated days (it enrolled at the county office, then its village has no link), carried by the
courier's USB stick twice a week, ends the month with the hub's monthly report equal to the
station's, to the fen. The county's side goes through its real paths: the county files uploaded
(fee table, billers, catalogue, each day's dispatch list), the hub's biller paying the bills the
bundles bring before the return bundles are written, so the results ride back on the same trip."""

import json
import random
from datetime import datetime, timedelta

from station_app.clock import SHANGHAI, FixedClock
from station_app.core import reports
from station_app.core import sync_state as state
from station_app.core.simulate import Simulation, county_office
from station_app.db import open_station
from sync import client, courier
from sync.hub import bundles, uploads
from sync.hub.bill_payments import process_bills
from sync.hub.db import open_hub
from sync.hub.manifest import collect_arrivals
from sync.hub.services import simulated_biller
from sync.hub.shadows import Shadows
from sync.hub.store import Hub
from sync.link import Retry
from sync.testing.live_hub import LiveHub

MONTH = "2026-09"
END = datetime(2026, 10, 1, tzinfo=SHANGHAI)
COURIER_DAYS = (0, 3)  # Monday and Thursday: the van comes twice a week


def plain(obj):
    return json.loads(json.dumps(obj, ensure_ascii=False))


def test_a_month_carried_by_the_courier_equals_the_hubs_report_to_the_fen(tmp_path):
    hub_clock = FixedClock(datetime(2000, 1, 1, tzinfo=SHANGHAI))
    hub_db = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    hub = Hub(open_hub(hub_db), clock=hub_clock)
    shadows = Shadows(hub, tmp_path / "shadows")
    biller = simulated_biller(hub)
    station_stick = tmp_path / "stick"
    station_stick.mkdir()
    db = open_station(tmp_path / "station" / "station.sqlite")
    rng = random.Random(3)

    def at(when):
        hub_clock.set(max(when, hub_clock.now()))

    def county_files(kind, data, name):
        uploads.upload(shadows, kind, data, filename=name, who="县运营中心")

    try:
        sim = Simulation(db, 30, 11, END, name="高山村服务站", village="高山村")
        at(sim.next_day - timedelta(days=1))
        with LiveHub(hub_db, clock=hub_clock) as live:  # the one time it reaches the hub: enrolling at the county
            _, code = hub.enroll_code("高山村服务站", "高山村")
            with sim.clock_at(hub_clock.now()):
                sid = client.enroll(db, live.url, code, retry=Retry(attempts=3, base=0.05, cap=0.2)).station_id
        db.set_local("setting:sync.hub_url", json.dumps("https://unreachable.invalid"))
        county_files("fee-table", county_office.fee_table_csv(), "收费标准.csv")
        county_files("biller-list", county_office.biller_list_csv(), "代缴费项目.csv")
        county_files("catalogue", county_office.catalogue_csv(), "代购目录.csv")

        def pay_first():
            collect_arrivals(hub)
            process_bills(hub, biller, hub_clock.now())

        trips = 0
        for _ in range(30):
            opening = sim.next_day
            day = opening.astimezone(SHANGHAI).date()
            at(opening - timedelta(hours=2))
            county_files("manifest", county_office.manifest_csv(rng, ["高山村"], day), f"发车清单-{day}.csv")
            sim.day()
            if day.weekday() in COURIER_DAYS:  # 17:00 the van is at the station, 20:00 back at the county
                with sim.clock_at(opening + timedelta(hours=9)):
                    courier.import_from(db, station_stick)
                    courier.write_to(db, station_stick)
                at(opening + timedelta(hours=12))
                report = bundles.import_stick(hub, station_stick, before_returns=pay_first)
                assert report.ok, [i.line for i in report.imported] + report.returns
                trips += 1
        for _ in range(2):  # the last trips of the month: the county's last answers reach the station
            at(hub_clock.now() + timedelta(hours=1))
            with sim.clock_at(hub_clock.now()):
                courier.import_from(db, station_stick)
                courier.write_to(db, station_stick)
            assert bundles.import_stick(hub, station_stick, before_returns=pay_first).ok
        with sim.clock_at(hub_clock.now()):
            courier.import_from(db, station_stick)

        assert trips >= 8 and state.status(db).last_sync is None  # never synced over the network
        assert state.pending_count(db) == 0 and state.status(db).heard_by == state.BY_STICK
        mine = plain(reports.monthly_report(db, MONTH))
        theirs = plain(shadows.monthly(sid, MONTH))
        assert theirs == mine
        assert mine["parcels"]["arrived"] > 500 and mine["bills"]["paid_fen"] > 0  # bill results rode back by stick
        assert mine["training"]["person_times"] >= 0 and mine["consignment"]["amount_fen"] >= 0
    finally:
        db.close()
        shadows.close()
        hub.engine.dispose()
