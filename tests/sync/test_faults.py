"""Connections cut at random bytes, both ways, over many seeded runs: the hub ends with exactly
the station's events (no duplicate, none lost), the station with exactly the county's
changes, and reconcile agrees. The same against PostgreSQL."""

import json
import random
import shutil
import threading

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, inspect, or_, select, update

from station_app.core import events, people
from station_app.core import sync_state as state
from station_app.core.operators import list_operators
from station_app.db import open_station
from sync import client
from sync import protocol as p
from sync.client import BatchSize
from sync.hub.db import changes, counters, open_hub, reading, writing
from sync.hub.db import events as hub_events
from sync.hub.service_db import ensure_once
from sync.link import Retry
from sync.testing import stations
from sync.testing.fault_proxy import FaultProxy, random_cuts
from sync.testing.live_hub import LiveHub

ROUNDS = 3


def run_seed(hub_url, template, folder, seed):
    """One station (a copy of the template) and its own hub, synced through random cuts."""
    path = folder / f"seed-{seed}" / "station.sqlite"
    path.parent.mkdir(parents=True)
    shutil.copyfile(template, path)
    with LiveHub(hub_url) as live:
        return _run(live, path, seed)


def _run(live, path, seed):
    db = open_station(path)
    sid = stations.enroll(live.hub, live.url, db, f"服务站{seed}")
    rng = random.Random(seed)
    actor = list_operators(db)[0]
    cuts = 0
    with FaultProxy(live.port, plan=random_cuts(seed, probability=1.0, up_to=4000 if seed % 2 else 12_000)) as proxy:
        with db.transaction():
            db.set_local("setting:sync.hub_url", json.dumps(proxy.url))
        for round_no in range(ROUNDS):
            live.hub.push_setting("parcels.overdue_days", rng.randint(1, 9), station_id=sid)
            if rng.random() < 0.5:
                live.hub.push_setting("cash.max_float_fen", rng.randint(0, 10**6))
            for i in range(rng.randint(0, 4)):
                people.add_person(db, actor, name=f"测{seed}{round_no}{i}", phone=f"136{seed:04d}{round_no}{i:03d}",
                                  village="幸福村")
            retry = Retry(attempts=None, base=0.001, cap=0.01)
            watchdog = threading.Timer(60, retry.stop.set)
            watchdog.start()
            try:
                report = client.sync_once(db, retry=retry, batch=BatchSize(size=rng.choice([3, 10, 40]), high=120),
                                          timeout=(2.0, 3.0))
            finally:
                watchdog.cancel()
            assert report.pending == 0 and report.reconcile["mismatched"] == []
        cuts = proxy.cuts
    check_converged(live, db, sid)
    db.close()
    return cuts


def check_converged(live, db, sid):
    mine = [(r["seq"], r["hash"]) for r in db.rows("SELECT seq, hash FROM events ORDER BY seq")]
    with reading(live.hub.engine) as conn:
        theirs = [(r.seq, r.hash) for r in conn.execute(
            select(hub_events.c.seq, hub_events.c.hash).where(hub_events.c.station_id == sid).order_by(hub_events.c.seq))]
        sent_down = [r.hub_seq for r in conn.execute(select(changes.c.hub_seq).where(
            or_(changes.c.station_id == sid, changes.c.station_id.is_(None))).order_by(changes.c.hub_seq))]
    assert theirs == mine  # same events, same order, no duplicate, none lost
    assert state.acked_seq(db) == events.last_seq(db)
    received = [r[0] for r in db.rows("SELECT hub_seq FROM hub_events ORDER BY hub_seq")]
    assert received == sent_down  # every county change applied exactly once
    assert state.local_int(db, state.CURSOR) == sent_down[-1]
    evs = events.events_after(db, 0)
    days = sorted({p.day_of(e.hlc) for e in evs})
    answer = live.hub.reconcile(sid, days[0], days[-1])
    assert p.tally_from_rows(answer["days"]) == p.tally(evs)


def test_random_cuts_sqlite(simulated_template, tmp_path):
    cuts = sum(run_seed(f"sqlite:///{tmp_path / f'hub-{seed}.sqlite'}", simulated_template, tmp_path, seed)
               for seed in range(24))
    assert cuts > 80  # the proxy really cut, many times, mid-header and mid-body, both ways


@pytest.mark.postgres
def test_random_cuts_postgres(pg_cluster, simulated_template, tmp_path):
    cuts = sum(run_seed(pg_cluster.create_database(), simulated_template, tmp_path, seed) for seed in range(100, 112))
    assert cuts > 40


def test_a_service_makes_its_tables_while_pushes_commit(tmp_path):
    """A hub service creating its tables for the first time (the worker's first run) while
    another thread keeps committing: a deferred look-then-create transaction failed at once
    with "database is locked" (89 of 200 here before it took the write lock up front)."""
    engine = open_hub(f"sqlite:///{tmp_path / 'hub.sqlite'}")
    stop = threading.Event()

    def push() -> None:
        while not stop.is_set():
            with writing(engine) as conn:
                conn.execute(update(counters).where(counters.c.name == "hub_seq").values(value=counters.c.value + 1))

    services = [MetaData() for _ in range(100)]  # kept alive, as a service's module-level tables are
    for i, tables in enumerate(services):
        Table(f"service_{i}", tables, Column("id", Integer, primary_key=True))
    pusher = threading.Thread(target=push)
    pusher.start()
    try:
        for tables in services:
            ensure_once(engine, tables)
    finally:
        stop.set()
        pusher.join()
    assert {f"service_{i}" for i in range(100)} <= set(inspect(engine).get_table_names())
