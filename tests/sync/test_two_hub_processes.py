"""Issue 20's proof, as a province runs it: two `station-hub serve` operating-system processes
on one PostgreSQL database (docs/DEPLOY.md, "several hub processes"), the same secret file,
each with its own shadows folder and its own services worker, started together as a container
runtime starts replicas. Stations sync to one process, then the other, and send the same
events again to the other. Every event is kept once, every SMS notice reaches the SMS
provider once and every bill reaches the recharge aggregator once (the providers are the
local fakes of `tests/gateways/fakes.py`, outside both processes: they count what arrived),
each station sees its notices sent and bills paid, and the county report from either
machine equals the stations' own. Both processes are stopped as systemd stops them.

The real gateways rather than `--demo`: the demo biller answers failed or pending for a share
of bills on purpose (pending ones settle only on a later run) and keeps its records per
machine, so it cannot witness "paid once" across processes; the fakes can.
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from sqlalchemy import Engine, func, select

from station_app.clock import local_day
from station_app.core import bills, parcels, reports
from station_app.core import sync_state as state
from station_app.core.events import last_seq
from station_app.core.operators import Operator
from station_app.core.station import create_station
from station_app.db import StationDB, open_station
from sync import client
from sync.hub import hub_secret
from sync.hub.billers import PAID, order_number
from sync.hub.db import events, open_hub
from sync.hub.service_db import hub_bills, sms_notices
from sync.hub.sms import SENT
from sync.hub.store import Hub
from sync.testing.hub_process import HubProcess, HubProcesses
from tests.gateways.fakes import FakeAggregator, FakeAliyun

from .conftest import fast_retry
from .fresh import push_again, sync

NAMES = [("幸福村电商服务站", "幸福村"), ("和平村电商服务站", "和平村")]
PARCELS, BILLS = 16, 3
ALIYUN_ENV = "TEST_TWO_HUBS_ALIYUN_SECRET"


@pytest.fixture
def providers(tmp_path: Path) -> Iterator[tuple[FakeAliyun, FakeAggregator, Path]]:
    """The county's SMS provider and recharge aggregator (local fakes) and the gateways file
    naming them, as each machine of the province has it."""
    aliyun, aggregator = FakeAliyun("LTAI5tTWOHUBS", "aliyun-secret-2020"), FakeAggregator("10086", "agg-key-2020")
    key = tmp_path / "biller.key"
    key.write_text(aggregator.key + "\n", encoding="utf-8")
    os.chmod(key, 0o600)
    gateways = tmp_path / "gateways.toml"
    gateways.write_text(f"""
[sms]
provider = "aliyun"
[sms.aliyun]
access_key_id = "{aliyun.key_id}"
access_key_secret_env = "{ALIYUN_ENV}"
endpoint = "{aliyun.url}"
templates = {{ arrival = "SMS_4601", reminder = "SMS_4602", new_code = "SMS_4603" }}

[biller]
provider = "aggregator"
url = "{aggregator.url}"
merchant_id = "{aggregator.merchant}"
key_file = "{key}"
notify_url = "https://hub.example-county.gov.cn/v1/billers/notify"
""", encoding="utf-8")
    try:
        yield aliyun, aggregator, gateways
    finally:
        aliyun.close()
        aggregator.close()


def serve(db_url: str, tmp_path: Path, gateways: Path, secret: Path, name: str, **kw: float) -> HubProcess:
    return HubProcess(db_url, tmp_path / name, secret_file=secret, gateways=gateways,
                      env={ALIYUN_ENV: "aliyun-secret-2020"}, **kw)


def enrolled(folder: Path, hub: Hub, url: str, name: str, village: str) -> tuple[StationDB, Operator]:
    """A new station in `folder`, enrolled with the hub process at `url` (nothing sent yet),
    and its manager."""
    folder.mkdir(parents=True, exist_ok=True)
    db = open_station(folder / "station.sqlite")
    _, manager = create_station(db, name=name, village=village, county="示范县", manager_name="王建国",
                                manager_pin="1234")
    _, code = hub.enroll_code(name, village)  # what `station-hub enroll-code` prints
    client.enroll(db, url, code, retry=fast_retry(3))
    return db, manager


def point_at(db: StationDB, url: str) -> None:
    """The station's hub address is now `url` (the balancer sent it to the other process)."""
    with db.transaction():
        db.set_local("setting:sync.hub_url", json.dumps(url))


def station_day(path: Path, k: int, hub: Hub, urls: list[str], done: dict[int, list[str]]) -> None:
    """One station's day (on a thread of its own, beside the other station's): parcels and
    bills, synced to one process then the other, and at the end every event sent again to
    the process that did not take the last push. Records the station's bill ids in `done`."""
    name, village = NAMES[k]
    db, operator = enrolled(path, hub, urls[k % 2], name, village)
    taken = []
    turn = k
    for i in range(PARCELS):
        parcels.check_in_parcel(db, operator, waybill=f"ZT7301{k}{i:07d}", phone=f"1381234{k}{i:03d}")
        if i % 2 == 1:
            turn += 1
            point_at(db, urls[turn % 2])
            sync(db)
    for i in range(BILLS):
        taken.append(bills.accept_payment(db, operator, product_id="cmcc.topup", account=f"1390000{k}{i:03d}",
                                          amount=5000).id)
        turn += 1
        point_at(db, urls[turn % 2])
        sync(db)
    push_again(db, url=urls[(turn + 1) % 2])  # the same events again, to the process that did not take the last
    done[k] = taken
    db.close()


def wait_for_services(engine: Engine, notices: int, bill_count: int, processes: list[HubProcess]) -> None:
    """Until both processes' workers have sent every notice and paid every bill (their status
    written down), or fail with what is still open and the processes' logs."""
    deadline = time.monotonic() + 45
    while True:
        with engine.connect() as conn:
            sms = dict(conn.execute(select(sms_notices.c.status, func.count()).group_by(sms_notices.c.status)).all())
            paid = dict(conn.execute(select(hub_bills.c.status, func.count()).group_by(hub_bills.c.status)).all())
        if sms == {SENT: notices} and paid == {PAID: bill_count}:
            return
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- {p.folder.name}\n{p.log()[-3000:]}" for p in processes)
            pytest.fail(f"the services did not finish: SMS {sms}, bills {paid}\n{logs}")
        time.sleep(0.1)


def county_report(process: HubProcess, month: str) -> dict:
    """`station-hub report monthly` on `process`'s machine (its shadows folder), as JSON."""
    done = process.cli("report", "monthly", "--month", month)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def plain(obj: object) -> object:
    return json.loads(json.dumps(obj, ensure_ascii=False))


@pytest.mark.postgres
def test_two_hub_processes_on_one_postgres(pg_cluster, tmp_path, providers):
    aliyun, aggregator, gateways = providers
    url = pg_cluster.create_database()
    secret = tmp_path / "hub.secret"
    hub_secret.load(secret)  # made once, copied to every machine (docs/DEPLOY.md)
    processes = [serve(url, tmp_path, gateways, secret, name) for name in ("machine-1", "machine-2")]
    with HubProcesses(processes) as (one, two):  # started together, as replicas are
        assert one.port != two.port and one.pid != two.pid
        hub = Hub(open_hub(url), secret_file=secret)  # the county admin's commands, on the same database
        try:
            done: dict[int, list[str]] = {}
            errors: list[BaseException] = []

            def day(k: int) -> None:
                try:
                    station_day(tmp_path / f"st{k}", k, hub, [one.url, two.url], done)
                except BaseException as exc:  # reported below, on the test's thread
                    errors.append(exc)

            threads = [threading.Thread(target=day, args=(k,)) for k in range(len(NAMES))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert errors == []
            wait_for_services(hub.engine, PARCELS * len(NAMES), BILLS * len(NAMES), processes)

            stations = [open_station(tmp_path / f"st{k}" / "station.sqlite") for k in range(len(NAMES))]
            try:
                for k, db in enumerate(stations):  # a last sync, to either process
                    point_at(db, (one, two)[k].url)
                    sync(db)
                with hub.engine.connect() as conn:
                    kept = dict(conn.execute(select(events.c.station_id, func.count())
                                             .group_by(events.c.station_id)).all())
                    bill_rows = conn.execute(select(hub_bills.c.request_id, hub_bills.c.amount)).all()
                for db in stations:
                    assert kept[db.local(state.STATION_ID)] == last_seq(db)  # every event once, whoever took it
                for process in (one, two):  # each process took pushes of every station (its access log)
                    assert set(re.findall(r'"POST /v1/stations/([^/]+)/events HTTP/1.1" 200', process.log())) == set(kept)
                    notices = [r[0] for r in db.rows("SELECT id, status FROM parcel_notices") if r[1] == SENT]
                    assert len(notices) == PARCELS == db.value("SELECT count(*) FROM parcel_notices")
                    assert all(bills.get_bill(db, b).state == bills.PAID for b in done[k])

                # each SMS reached the provider once, each bill the aggregator once
                sent = Counter(s["OutId"] for s in aliyun.sent)
                station_notices = {r[0] for db in stations for r in db.rows("SELECT id FROM parcel_notices")}
                assert set(sent) == station_notices and set(sent.values()) == {1}
                recharges = Counter(dict(parse_qsl(body.decode()))["out_trade_num"]
                                    for path, _, body in aggregator.requests if path == "/api/recharge")
                assert {r.request_id for r in bill_rows} == {b for taken in done.values() for b in taken}
                assert recharges == {order_number(r.request_id): 1 for r in bill_rows}
                assert aggregator.charges == len(bill_rows)
                assert aggregator.balance == 1_000_000 - sum(r.amount for r in bill_rows)

                # the county report from either machine: the same, and each station's equal to its own
                month = reports.month_of(local_day(hub.clock.now()))
                first, second = county_report(one, month), county_report(two, month)
                assert first["stations"] == second["stations"] and first["total"] == second["total"]
                assert first["station_count"] == len(NAMES) and first["not_counted"] == []
                for db in stations:
                    name = db.value("SELECT name FROM station")
                    [theirs] = [s["report"] for s in first["stations"] if s["name"] == name]
                    mine = plain(reports.monthly_report(db, month))
                    assert theirs == mine
            finally:
                for db in stations:
                    db.close()
        finally:
            hub.engine.dispose()
    for process in processes:  # stopped as systemd stops them: SIGTERM, and they ended in time
        assert not process.killed and process.returncode == -signal.SIGTERM
        assert "Application shutdown complete" in process.log()


def test_a_stopped_hub_process_writes_down_the_sms_it_was_sending(tmp_path, providers):
    """SIGTERM (`systemctl stop`) while the worker waits for the SMS provider's answer: the
    process ends only after the notice is written down as sent (not left claimed, to be
    called failed after ten minutes although it went out)."""
    aliyun, _, gateways = providers
    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    secret = tmp_path / "hub.secret"
    with serve(url, tmp_path, gateways, secret, "machine") as process:
        hub = Hub(open_hub(url), secret_file=secret)
        try:
            db, operator = enrolled(tmp_path / "st", hub, process.url, *NAMES[0])
            aliyun.delay = 2.0  # the provider takes the SMS at once and answers two seconds later
            notice = parcels.check_in_parcel(db, operator, waybill="ZT73010000001", phone="13812345678").notice
            sync(db)  # the push wakes the worker
            deadline = time.monotonic() + 30
            while not aliyun.sent:
                assert time.monotonic() < deadline, process.log()
                time.sleep(0.01)
            process.stop()  # SIGTERM while the answer is on its way
            assert not process.killed and process.returncode == -signal.SIGTERM
            with hub.engine.connect() as conn:
                status = conn.execute(select(sms_notices.c.status).where(sms_notices.c.id == notice.id)).scalar_one()
            assert [s["OutId"] for s in aliyun.sent] == [notice.id] and status == SENT
            db.close()
        finally:
            hub.engine.dispose()
