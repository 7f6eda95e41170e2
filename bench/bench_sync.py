"""Sync over a 2G link, measured in one run (DESIGN §6; reference/sync.md (c) 10, 11):

- 30 days of a busy simulated station pushed (and the county's data pulled) through a link
  emulated at 32 kbit/s with 500 ms round trips and random cuts; bytes per event on the
  wire and total time, against a naive baseline (one uncompressed POST per event) over the
  same link. Goals: ≤ 60 bytes/event, ≥ 10× faster than the baseline.
- hub ingest rate over HTTP on SQLite and PostgreSQL: goal ≥ 5,000 events/s.
- hub memory after 100 interrupted syncs: goal flat (no session state grows).

The emulated link runs SCALE times faster than real (bandwidth × SCALE, delays ÷ SCALE)
and reported link times are multiplied back: bytes and request counts are exact, link
time scales exactly, CPU time is inflated SCALE times (so the figure errs on the slow side).
The baseline is run for a sample of events and its per-event time extrapolated.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from station_app.core import events, people, simulate  # noqa: E402
from station_app.core.operators import list_operators  # noqa: E402
from station_app.db import open_station  # noqa: E402
from sync import client, errors  # noqa: E402
from sync import protocol as p  # noqa: E402
from sync.client import BatchSize  # noqa: E402
from sync.hub.db import open_hub  # noqa: E402
from sync.hub.store import Hub  # noqa: E402
from sync.link import Retry  # noqa: E402
from sync.testing import stations  # noqa: E402
from sync.testing.fault_proxy import FaultProxy, Plan, random_cuts  # noqa: E402
from sync.testing.live_hub import LiveHub  # noqa: E402
from sync.testing.pg_cluster import PgCluster, unavailable_reason  # noqa: E402

SCALE = 8
RATE_BPS, RTT_S = 32_000, 0.5
BASELINE_SAMPLE = 80
GOAL_BYTES, GOAL_SPEEDUP, GOAL_INGEST = 60, 10, 5000


def verdict(ok: bool) -> str:
    return "meets the goal" if ok else "MISSES the goal"


def hub_process(db_url: str, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from sync.hub.cli import main; sys.exit(main())",
                             "serve", "--db", db_url, "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).ok:
                return proc
        except requests.RequestException:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the hub did not start")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    from sync.testing.pg_cluster import free_port as port

    return port()


def bench_link(work: Path) -> None:
    print(f"== 30 days of a busy station over an emulated 2G link ({RATE_BPS // 1000} kbit/s, "
          f"{int(RTT_S * 1000)} ms RTT, random cuts), run {SCALE}x faster and scaled back")
    started = time.perf_counter()
    station_file = work / "busy" / "station.sqlite"
    db = open_station(station_file)
    summary = simulate.run(db, 30, seed=1)
    print(f"simulated: {summary['events']} events in {summary['seconds']} s "
          f"({summary.get('parcels_in', 0)} parcels in, {summary.get('parcels_out', 0)} out, "
          f"{summary.get('bills', 0)} bills, {db.value('SELECT count(*) FROM hub_events')} county changes)")
    port = free_port()
    hub_db = f"sqlite:///{work / 'hub.sqlite'}"
    proc = hub_process(hub_db, port)
    hub = Hub(open_hub(hub_db))
    try:
        clean_file = work / "clean" / "station.sqlite"
        clean_file.parent.mkdir()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(station_file, clean_file)
        stations.enroll(hub, f"http://127.0.0.1:{port}", db, "幸福村电商服务站")
        with FaultProxy(port, plan=random_cuts(7, probability=0.6, up_to=300_000), rate_bps=RATE_BPS * SCALE,
                        rtt=RTT_S / SCALE) as link:
            with db.transaction():
                db.set_local("setting:sync.hub_url", json.dumps(link.url))
            t0 = time.perf_counter()
            report = client.sync_once(db, retry=Retry(attempts=None, base=1.0 / SCALE, cap=30.0 / SCALE),
                                      timeout=(30.0 / SCALE * 4, 120.0 / SCALE * 4))
            wall = time.perf_counter() - t0
            up, down, cuts, conns = link.bytes_up, link.bytes_down, link.cuts, link.connections
        n = report.pushed
        ours = wall * SCALE
        # the same station once more over a clean loopback link: the bytes of the encoding itself
        clean = open_station(clean_file)
        stations.enroll(hub, f"http://127.0.0.1:{port}", clean, "干净链路对照站")
        with FaultProxy(port) as plain:
            with clean.transaction():
                clean.set_local("setting:sync.hub_url", json.dumps(plain.url))
            client.sync_once(clean, retry=Retry(attempts=3, base=0.01, cap=0.1))
            clean_up, clean_down = plain.bytes_up, plain.bytes_down
        clean.close()
        print(f"ours:     {n} events + {report.pulled} county changes in {report.requests} requests, "
              f"{conns} connections, {cuts} cut mid-transfer; {ours:.0f} s on the 2G link "
              f"({wall:.1f} s emulated wall time); reconcile mismatches: {report.reconcile['mismatched']}")
        print(f"          wire bytes per event: clean link up {clean_up / n:.1f} (acks down {clean_down / n:.1f}); "
              f"through the cuts, resent bytes included, up {up / n:.1f}; the county's {report.pulled} changes "
              f"came down at {(down - clean_down) / max(1, report.pulled):.0f} bytes each")

        # the naive baseline: each event alone, uncompressed, over the same link (a second station)
        naive_file = work / "naive" / "station.sqlite"
        naive_file.parent.mkdir()
        shutil.copyfile(station_file, naive_file)
        naive = open_station(naive_file)
        naive_sid, code = hub.enroll_code("基线对照站")
        token = requests.post(f"http://127.0.0.1:{port}/v1/enroll", json={"code": code},
                              headers={p.HEADER_PROTOCOL: "1"}, timeout=10).json()["token"]
        sample = events.events_after(naive, 0, BASELINE_SAMPLE)
        with FaultProxy(port, plan=random_cuts(7, probability=0.6, up_to=300_000), rate_bps=RATE_BPS * SCALE,
                        rtt=RTT_S / SCALE) as link:
            session = requests.Session()
            headers = {p.HEADER_PROTOCOL: "1", "Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            t0 = time.perf_counter()
            for ev in sample:
                body = json.dumps(p.encode_batch([ev]), ensure_ascii=False).encode()
                while True:
                    try:
                        answer = session.post(f"{link.url}/v1/stations/{naive_sid}/events", data=body,
                                              headers=headers, timeout=60)
                        if answer.ok:
                            break
                    except requests.RequestException:
                        session = requests.Session()
            naive_wall = time.perf_counter() - t0
            naive_bytes = link.bytes_up + link.bytes_down
        naive.close()
        per_event = naive_wall * SCALE / len(sample)
        naive_total = per_event * n
        print(f"baseline: one uncompressed POST per event, {naive_bytes / len(sample):.0f} bytes/event, "
              f"{per_event:.2f} s/event → {naive_total / 3600:.1f} h for {n} events "
              f"(measured on {len(sample)} events, extrapolated)")
        print(f"goal ≤ {GOAL_BYTES} bytes/event on the wire (events up, HTTP headers included, clean link): "
              f"{clean_up / n:.1f} → {verdict(clean_up / n <= GOAL_BYTES)}")
        print(f"goal ≥ {GOAL_SPEEDUP}x faster than the baseline: {naive_total / ours:.0f}x "
              f"→ {verdict(naive_total / ours >= GOAL_SPEEDUP)}")
        print(f"(link section took {time.perf_counter() - started:.0f} s)")
    finally:
        proc.terminate()
        proc.wait(10)
        db.close()
    return None


def ingest_rate(url: str, label: str, station_file: Path) -> None:
    """Pre-packed batches of one station's events POSTed to the hub over loopback HTTP."""
    db = open_station(station_file)
    evs = events.events_after(db, 0)
    db.close()
    bodies = [p.pack(p.encode_batch(evs[i:i + 1000])) for i in range(0, len(evs), 1000)]
    with LiveHub(url) as live:
        assert live.hub is not None
        results = []
        for k in range(3):  # three stations, one after the other
            sid, code = live.hub.enroll_code(f"站{k}")
            token = requests.post(f"{live.url}/v1/enroll", json={"code": code}, headers={p.HEADER_PROTOCOL: "1"},
                                  timeout=10).json()["token"]
            session = requests.Session()
            headers = {p.HEADER_PROTOCOL: "1", "Authorization": f"Bearer {token}", "Content-Encoding": "gzip",
                       "Content-Type": "application/json"}
            t0 = time.perf_counter()
            for body in bodies:
                answer = session.post(f"{live.url}/v1/stations/{sid}/events", data=body, headers=headers, timeout=120)
                assert answer.ok, answer.text
            results.append(len(evs) / (time.perf_counter() - t0))
    rate = max(results)
    print(f"hub ingest, {label}: {rate:,.0f} events/s over HTTP (1000-event batches, best of 3 stations; "
          f"{', '.join(f'{r:,.0f}' for r in results)}) → goal ≥ {GOAL_INGEST:,}: {verdict(rate >= GOAL_INGEST)}")


def bench_ingest(work: Path) -> None:
    print("== hub ingest rate")
    station_file = work / "busy" / "station.sqlite"
    ingest_rate(f"sqlite:///{work / 'ingest.sqlite'}", "SQLite (synchronous=FULL)", station_file)
    reason = unavailable_reason()
    if reason:
        print(f"hub ingest, PostgreSQL: skipped ({reason})")
        return
    with PgCluster(durable=True) as pg:
        ingest_rate(pg.create_database(), "PostgreSQL (fsync on)", station_file)


def bench_memory(work: Path) -> None:
    print("== hub memory over 100 interrupted syncs")
    port = free_port()
    hub_db = f"sqlite:///{work / 'memory-hub.sqlite'}"
    proc = hub_process(hub_db, port)
    hub = Hub(open_hub(hub_db))
    station_file = stations.simulated_file(work / "small" / "station.sqlite", days=2, seed=3)
    db = open_station(station_file)
    actor = list_operators(db)[0]
    try:
        stations.enroll(hub, f"http://127.0.0.1:{port}", db, "河湾村服务站")
        rng = random.Random(5)
        interrupted, attempts, samples = 0, 0, {}
        with FaultProxy(port, plan=lambda n: Plan(cut_up=rng.randrange(50, 2500)) if rng.random() < 0.5
                        else Plan(cut_down=rng.randrange(50, 1500))) as link:
            with db.transaction():
                db.set_local("setting:sync.hub_url", json.dumps(link.url))
            while interrupted < 100 and attempts < 400:
                attempts += 1
                for j in range(3):
                    people.add_person(db, actor, name=f"断{attempts}-{j}", phone=f"137{attempts:04d}{j:04d}",
                                      village="河湾村")
                hub.push_setting("parcels.overdue_days", 1 + attempts % 9)
                try:
                    client.sync_once(db, retry=Retry(attempts=1), batch=BatchSize(size=4), timeout=(2.0, 3.0))
                except errors.LinkDown:
                    interrupted += 1
                    if interrupted in (10, 100):
                        samples[interrupted] = rss_mb(proc.pid)
        with db.transaction():
            db.set_local("setting:sync.hub_url", json.dumps(f"http://127.0.0.1:{port}"))
        final = client.sync_once(db, retry=Retry(attempts=5, base=0.01, cap=0.1))
        grown = samples[100] - samples[10]
        print(f"{interrupted} syncs interrupted (of {attempts}; {link.cuts} connections cut); hub RSS after 10: "
              f"{samples[10]:.1f} MB, after 100: {samples[100]:.1f} MB ({grown:+.1f} MB)")
        print(f"then one clean sync: pending {final.pending}, reconcile mismatches {final.reconcile['mismatched']}; "
              f"no session tables exist to grow → goal flat: {verdict(grown < 5 and final.pending == 0)}")
    finally:
        proc.terminate()
        proc.wait(10)
        db.close()


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        work = Path(folder)
        bench_link(work)
        bench_ingest(work)
        bench_memory(work)
    print(f"(bench_sync took {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    threading.current_thread().name = "bench"
    sys.exit(main())
