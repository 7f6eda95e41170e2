"""A demo (or training) county, end to end: `station-hub demo --stations N [--days D]`.

It drives real station programs against the hub, so it lives beside both (`sync/`, not
`sync/hub/`) and needs both installs; the hub alone never imports the station's client.

It enrolls N stations with the hub, and for each day simulates every station's work through the
station program's own core actions (`station_app.core.simulate.Simulation`) and syncs it through
the real client over real HTTP (a hub served on a loopback port for the run). The county's side
goes through the hub's real paths: the fee table, the biller list, the catalogue, the training
schedule, the administrative villages, the poverty register and each day's dispatch lists are
uploaded as files (`sync.hub.uploads`, the code the dashboard and `station-hub upload` use), the
online shop's orders too, a notice, the service-ledger categories and a target are set, and the
hub's services pay the stations' bills (the simulated biller) and log their SMS.
A station enrolled with a hub invents no county data: what it knows of the county came down
by sync, as at a real station.

Everything says it is a demo: the stations are registered as "…（演示）", the county's files name
a demo organiser, shop and supplier, and the run is in the audit log. The hub refuses to become a
demo county when it already serves real stations.
"""

from __future__ import annotations

import argparse
import getpass
import json
import random
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, select

from station_app.clock import SHANGHAI, FixedClock
from station_app.core.simulate import DEMO, Simulation, county_office
from station_app.core.simulate.county import DEMO_COUNTY_CODE
from station_app.core.simulate.people import VILLAGES
from station_app.core.sync_state import STATION_ID
from station_app.db import StationDB, open_station
from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub import audit, notices, station_services, targets, uploads
from sync.hub.db import events, open_hub, reading, stations
from sync.hub.office_db import audit_log, ensure_office_tables
from sync.hub.store import Hub

NOT_A_DEMO = QT_TRANSLATE_NOOP("errors", "This hub already serves {n} stations that are not a demo: a demo county "
                                         "needs a hub database of its own (give --db another file)")
NEEDS_STATION = QT_TRANSLATE_NOOP("errors", "The demo's stations sync through the station program's own client, "
                                            "which needs {module}: install village-station[station] beside the hub")
ADMIN, PASSWORD = "演示管理员", "demo-county-2026"
MORE_VILLAGES = ["青山村", "红旗村", "桃园村", "龙泉村", "杏花村", "白沙村", "松林村", "金田村", "清水村", "南坪村"]


@dataclass
class DemoStation:
    name: str
    village: str
    path: Path
    station_id: str = ""


@dataclass
class DemoCounty:
    hub_db: str
    folder: Path
    days: int
    stations: list[DemoStation] = field(default_factory=list)
    admin: str = ADMIN
    password: str = PASSWORD
    uploads: dict[str, int] = field(default_factory=dict)  # kind -> rows sent
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"hub_db": self.hub_db, "folder": str(self.folder), "days": self.days, "admin": self.admin,
                "password": self.password, "uploads": self.uploads, "seconds": round(self.seconds, 1),
                "stations": [{"name": s.name, "village": s.village, "file": str(s.path), "station_id": s.station_id}
                             for s in self.stations]}


def demo_stations(n: int) -> list[tuple[str, str]]:
    """N demo stations: (registered name, village)."""
    villages = [*VILLAGES, *MORE_VILLAGES]
    out = []
    for i in range(n):
        village = villages[i] if i < len(villages) else f"第{i + 1}村"
        out.append((f"{village}服务站{DEMO}", village))
    return out


@contextmanager
def serving(hub: Hub) -> Iterator[tuple[str, Any]]:
    """The hub's app served on a loopback port for the run: (its URL, the app)."""
    import uvicorn

    from sync.hub.app import create_app

    app = create_app(hub)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off", access_log=False,
                            timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True, name="demo-hub")
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the demo hub did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(timeout=20)


def _check_demo_hub(hub: Hub) -> None:
    ensure_office_tables(hub.engine)
    with reading(hub.engine) as conn:
        n = len(conn.execute(select(stations.c.id)).all())
        demo = conn.execute(select(audit_log.c.id).where(audit_log.c.action == "demo.started")).first()
    if n and demo is None:
        raise ValidationError(NOT_A_DEMO, n=n)


def _per_unit_lots(hub: Hub, station_id: str) -> list[dict[str, Any]]:
    """The lots with unit labels a station took in, as its pushed `consign.intake` events say."""
    with reading(hub.engine) as conn:
        rows = conn.execute(select(events.c.payload).where(and_(events.c.station_id == station_id,
                                                                events.c.kind == "consign.intake"))).all()
    return [lot for r in rows for lot in json.loads(r.payload).get("lots", []) if lot.get("per_unit")]


def run_demo(db_url: str, folder: Path, *, stations: int = 3, days: int = 30, seed: int = 1,
             end: datetime | None = None, names: list[tuple[str, str]] | None = None,
             files: list[str] | None = None, who: str | None = None, admin: str = ADMIN, password: str = PASSWORD,
             sms: bool = True, say: Callable[[str], None] = print) -> DemoCounty:
    """Make (or continue) a demo county: see the module. `names` (registered name, village) and
    `files` (file names in `folder`) choose the stations; their days end yesterday, or the day
    before `end`. Without `sms` the hub's pickup notices stay queued (a faster build for tests).
    Raises ValidationError when the hub serves stations that are not a demo."""
    try:  # the station's own sync client: the demo's stations sync as real ones do (the hub install has none)
        from sync import client
        from sync.link import Retry
    except ModuleNotFoundError as exc:
        raise ValidationError(NEEDS_STATION, module=exc.name or "?") from None
    from sync.hub.bill_payments import process_bills
    from sync.hub.gateway_config import Gateways
    from sync.hub.manifest import collect_arrivals
    from sync.hub.services import HubServices, announce_gateways, simulated_biller
    from sync.hub.sms import LoggingSmsSender

    started = time.monotonic()
    who = who or f"demo:{getpass.getuser()}"
    folder.mkdir(parents=True, exist_ok=True)
    # the hub lives the simulated days with its stations: syncs, uploads and payments at their times
    hub_clock = FixedClock(datetime(2000, 1, 1, tzinfo=UTC))  # moved to each simulated day's times
    hub = Hub(open_hub(db_url), clock=hub_clock)
    _check_demo_hub(hub)
    county = DemoCounty(db_url, folder, days, admin=admin, password=password)
    rng = random.Random(seed * 7919)
    retry = Retry(attempts=6, base=0.05, cap=1.0)
    dbs: list[StationDB] = []
    sims: list[Simulation] = []
    try:
        with serving(hub) as (url, app):
            shadows = app.state.shadows
            services = HubServices(hub, sms=LoggingSmsSender(hub.engine, now=hub_clock.now),
                                   biller=simulated_biller(hub))
            announce_gateways(hub, Gateways(demo=True))  # so the stations' screens and receipts say 演示

            def at(when: datetime) -> None:
                hub_clock.set(max(when, hub_clock.now()))

            def county_services() -> None:
                if sms:
                    services.run_once(hub_clock.now())
                else:
                    collect_arrivals(hub)
                    process_bills(hub, services.biller, hub_clock.now())

            def upload(kind: str, data: bytes, filename: str) -> None:
                found, _ = uploads.upload(shadows, kind, data, filename=filename, who=who)
                report = found.applied or found.report.as_dict()
                county.uploads[kind] = county.uploads.get(kind, 0) + len(report["sent"])
                for r in report["refused"]:
                    say(f"  {filename} line {r['line']}: {r['why']}")

            def sync(db: StationDB, sim: Simulation, when: datetime) -> None:
                at(when)
                with sim.clock_at(hub_clock.now()):
                    client.sync_once(db, retry=retry)

            for i, (name, village) in enumerate(names or demo_stations(stations)):
                st = DemoStation(name, village, folder / (files[i] if files else f"station-{i + 1}.sqlite"))
                db = open_station(st.path)
                sim = Simulation(db, days, seed + i, end, name=name, village=village)
                at(sim.next_day - timedelta(days=1))
                if i == 0:
                    audit.record(hub, who, "demo.started", f"{len(names or demo_stations(stations))} stations, {days} days",
                                 {"seed": seed})
                    hub.add_admin(admin, password)
                st.station_id = db.local(STATION_ID) or ""
                if not st.station_id:
                    _, code = hub.enroll_code(name, village)
                    with sim.clock_at(hub_clock.now()):
                        st.station_id = client.enroll(db, url, code, retry=retry).station_id
                dbs.append(db)
                sims.append(sim)
                county.stations.append(st)
                say(f"{name}: {st.path}")
            first = sims[0].next_day.astimezone(SHANGHAI).date()
            upload("fee-table", county_office.fee_table_csv(), "收费标准（演示）.csv")
            upload("biller-list", county_office.biller_list_csv(), "代缴费项目（演示）.csv")
            upload("catalogue", county_office.catalogue_csv(), "代购目录（演示）.csv")
            schedule = county_office.training_schedule_csv(rng, [(s.name, s.village) for s in county.stations],
                                                           first, days)
            if schedule:
                upload("training-schedule", schedule, "培训计划（演示）.csv")
            notices.publish_notice(hub, title=f"演示县{DEMO}", text="这是演示县：数据都是模拟的，不是真实业务。",
                                   who=who)
            targets.set_value(hub, "training.person_times_target", 300, who)
            targets.set_value(hub, "subsidy.county_code", DEMO_COUNTY_CODE, who)
            villages = [s.village for s in county.stations]
            upload("villages", county_office.villages_csv(villages), "行政村名单（演示）.csv")
            upload("poverty-register", county_office.register_csv(villages), "建档立卡名单（演示）.csv")
            station_services.publish_categories(hub, [*station_services.DEFAULT_CATEGORIES, *county_office.MORE_CATEGORIES],
                                                who=who)
            for d in range(days):
                opening = sims[0].next_day
                day = opening.astimezone(SHANGHAI).date()
                at(opening - timedelta(hours=2))
                upload("manifest", county_office.manifest_csv(rng, [s.village for s in county.stations], day),
                       f"发车清单-{day}（演示）.csv")
                if d % 10 == 4:  # the county's notices to post on the stations' walls, every ten days
                    title, text = county_office.NOTICES[d // 10 % len(county_office.NOTICES)]
                    notices.publish_notice(hub, title=title + DEMO, text=text, who=who,
                                           until=(day + timedelta(days=14)).isoformat())
                for i, (db, sim, st) in enumerate(zip(dbs, sims, county.stations, strict=True)):
                    sync(db, sim, opening - timedelta(minutes=20 - i))  # the morning pull
                    sim.day()
                    sync(db, sim, opening + timedelta(hours=11, minutes=i))  # 19:00, the evening push
                    lots = _per_unit_lots(hub, st.station_id) if rng.random() < 0.15 else []
                    if lots:
                        upload("online-orders", county_office.online_orders_json(rng, st.name, lots, hub_clock.now()),
                               f"网店订单-{day}-{st.village}（演示）.json")
                at(opening + timedelta(hours=12))
                county_services()
                say(f"day {d + 1}/{days} ({day}) done")
            evening = sims[0].next_day - timedelta(hours=11)  # the last day's 21:00
            for db, sim in zip(dbs, sims, strict=True):  # the county's last answers reach every station
                sync(db, sim, evening)
            county_services()
            for db, sim in zip(dbs, sims, strict=True):
                sync(db, sim, evening + timedelta(minutes=30))
    finally:
        for db in dbs:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
        hub.engine.dispose()
    county.seconds = time.monotonic() - started
    return county


# -- `station-hub demo` ------------------------------------------------------------------------------


def add_command(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register `station-hub demo --stations N [--days D] [--folder DIR] [--seed S]`."""
    p = sub.add_parser("demo", parents=[common], help="a demo county: N simulated stations synced with this hub "
                                                      "(the hub's database must be a demo's own)")
    p.add_argument("--stations", type=int, default=3, help="how many stations (1-20)")
    p.add_argument("--days", type=int, default=30, help="days of activity, ending yesterday (1-120)")
    p.add_argument("--folder", type=Path, help="where the station files go (default: beside the hub database)")
    p.add_argument("--seed", type=int, default=1)


def cmd_demo(args: argparse.Namespace) -> int:
    """Exit 0 with the demo county made (what to do next on stdout), 2 when refused."""
    from sync.hub.db import default_url

    if not 1 <= args.stations <= 20 or not 1 <= args.days <= 120:
        print("station-hub demo: --stations must be 1-20 and --days 1-120", file=sys.stderr)
        return 2
    db_url = args.db or default_url()
    folder = args.folder
    if folder is None:
        database = db_url.removeprefix("sqlite:///") if db_url.startswith("sqlite:///") else ""
        folder = Path(database).with_suffix("").with_name(Path(database).stem + ".demo-stations") if database \
            else Path("demo-stations")
    try:
        county = run_demo(db_url, folder, stations=args.stations, days=args.days, seed=args.seed,
                          say=lambda text: print(text, file=sys.stderr))
    except UserError as exc:
        print(f"station-hub demo: {exc}", file=sys.stderr)
        return 2

    print(json.dumps(county.as_dict(), ensure_ascii=False, indent=1))
    print(f"next: station-hub serve --demo --db {db_url}  then open http://127.0.0.1:8765/dashboard "
          f"(login {county.admin} / {county.password})", file=sys.stderr)
    return 0
