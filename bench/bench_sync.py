"""Sync over a 2G link, measured in one run (DESIGN §6; reference/sync.md (c) 10, 11):

- 30 days of a busy simulated station pushed (and the county's data pulled) through a link
  emulated at 32 kbit/s with 500 ms round trips and random cuts. Then the same events, in
  the same batches the sync sent, encoded three ways and sent over the same link without
  cuts: ours (columns, gzip), and the baselines one would reach for first, the events as
  JSON rows compressed with gzip and with zstd (the same fields, the same batch sizes).
  Goals: ≤ 60 bytes/event on the wire, and no more bytes or link time than the best baseline.
- hub ingest rate over HTTP on SQLite and PostgreSQL, median (min, max) of 5 stations:
  goal ≥ 5,000 events/s.
- hub memory after 100 interrupted syncs: goal flat (no session state grows).

The emulated link runs SCALE times faster than real (bandwidth × SCALE, delays ÷ SCALE)
and reported link times are multiplied back: bytes and request counts are exact, link
time scales exactly, CPU time is inflated SCALE times (so the figure errs on the slow side).
Exits 1 if a goal is missed (under CI=true also if PostgreSQL is not there to measure).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
import zstandard  # noqa: E402

from bench.figures import Goals, spread  # noqa: E402
from station_app.clock import SHANGHAI  # noqa: E402
from station_app.core import events, people, simulate  # noqa: E402
from station_app.core.events import Event  # noqa: E402
from station_app.core.operators import list_operators  # noqa: E402
from station_app.db import open_station  # noqa: E402
from sync import client, errors  # noqa: E402
from sync import protocol as p  # noqa: E402
from sync.client import BatchSize  # noqa: E402
from sync.hub import uploads  # noqa: E402
from sync.hub.db import open_hub  # noqa: E402
from sync.hub.shadows import Shadows  # noqa: E402
from sync.hub.store import Hub  # noqa: E402
from sync.link import Retry  # noqa: E402
from sync.testing import stations  # noqa: E402
from sync.testing.fault_proxy import FaultProxy, Plan, random_cuts  # noqa: E402
from sync.testing.live_hub import LiveHub  # noqa: E402
from sync.testing.pg_cluster import PgCluster, unavailable_reason  # noqa: E402

SCALE = 8
SINK_SCALE = 32  # the encodings go to a sink that does no work: the link can run faster still
RATE_BPS, RTT_S = 32_000, 0.5
INGEST_STATIONS = 5
GOAL_BYTES, GOAL_INGEST = 60, 5000


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


@contextmanager
def recorded_batches() -> Iterator[list[tuple[int, int]]]:
    """The (first seq, last seq) of each batch the client pushes while inside (the last body
    made for each start: a body too large is made again smaller before it is sent)."""
    made: dict[int, int] = {}
    real = p.encode_batch

    def encode_batch(evs: list[Event], **kw: Any) -> dict[str, Any]:
        made[evs[0].seq] = evs[-1].seq
        return real(evs, **kw)

    p.encode_batch = encode_batch  # type: ignore[assignment]
    batches: list[tuple[int, int]] = []
    try:
        yield batches
    finally:
        p.encode_batch = real  # type: ignore[assignment]
        batches += sorted(made.items())


def row_json(evs: list[Event]) -> bytes:
    """The baselines' body: the events as JSON rows with the same fields our columns carry
    (and the chain's first and last hash), compact, UTF-8."""
    rows = [{"seq": e.seq, "id": e.id, "kind": e.kind, "entity_id": e.entity_id, "payload": e.payload,
             "operator_id": e.operator_id, "station_time": e.station_time, "hlc": e.hlc} for e in evs]
    body = {"p": evs[0].prev_hash, "h": evs[-1].hash, "events": rows}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


ZSTD = zstandard.ZstdCompressor(level=19)
#: name -> (Content-Encoding, how a batch becomes a body)
ENCODINGS: dict[str, tuple[str, Callable[[list[Event]], bytes]]] = {
    "ours: columns + gzip": ("gzip", lambda evs: p.pack(p.encode_batch(evs))),
    "baseline: JSON rows + gzip -9": ("gzip", lambda evs: gzip.compress(row_json(evs), 9)),
    "baseline: JSON rows + zstd -19": ("zstd", lambda evs: ZSTD.compress(row_json(evs))),
}


class Sink(BaseHTTPRequestHandler):
    """Takes a push and answers as the hub does ({"acked_seq", "hub_time"}), doing no work."""

    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        answer = b'{"acked_seq":12345,"hub_time":"2026-11-02T01:30:00.000Z"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


class SinkServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the emulated link resets its connections when it stops


def over_the_link(bodies: list[bytes], encoding: str) -> tuple[float, int, int]:
    """(seconds on the real 2G link, bytes up, bytes down) for POSTing `bodies` one after the
    other through the emulated link (no cuts) to the sink, with the headers a station sends."""
    server = SinkServer(("127.0.0.1", 0), Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    headers = {p.HEADER_PROTOCOL: "1", "Authorization": "Bearer " + "t" * 43, "Content-Encoding": encoding,
               "Content-Type": "application/json"}
    try:
        with FaultProxy(server.server_address[1], rate_bps=RATE_BPS * SINK_SCALE, rtt=RTT_S / SINK_SCALE) as link:
            session = requests.Session()
            t0 = time.perf_counter()
            for body in bodies:
                session.post(f"{link.url}/v1/stations/x/events", data=body, headers=headers, timeout=60).raise_for_status()
            seconds = (time.perf_counter() - t0) * SINK_SCALE
            return seconds, link.bytes_up, link.bytes_down
    finally:
        server.shutdown()
        server.server_close()


def bench_link(work: Path, goals: Goals) -> None:
    print(f"== 30 days of a busy station over an emulated 2G link ({RATE_BPS // 1000} kbit/s, "
          f"{int(RTT_S * 1000)} ms RTT, random cuts), run {SCALE}x faster and scaled back")
    started = time.perf_counter()
    station_file = work / "busy" / "station.sqlite"
    db = open_station(station_file)
    port = free_port()
    hub_db = f"sqlite:///{work / 'hub.sqlite'}"
    proc = hub_process(hub_db, port)
    hub = Hub(open_hub(hub_db))
    try:
        # set up and enrolled, so its month invents no county data: the county's dispatch lists for the month
        # come from the hub (uploaded as the county does, pulled once), then the station works 30 days offline
        simulation = simulate.Simulation(db, 30, seed=1)
        stations.enroll(hub, f"http://127.0.0.1:{port}", db, "幸福村电商服务站")
        county_rng, shadows = random.Random(1), Shadows(hub, work / "shadows")
        first = simulation.next_day.astimezone(SHANGHAI).date()
        for day in (first + timedelta(days=d) for d in range(30)):
            uploads.upload(shadows, "manifest", simulate.county_office.manifest_csv(county_rng, ["幸福村"], day),
                           filename=f"manifest-{day}.csv", who="bench")
        shadows.close()
        client.sync_once(db, retry=Retry(attempts=3, base=0.01, cap=0.1))
        for _ in range(30):
            simulation.day()
        summary = simulation.summary()
        print(f"simulated: {summary['events']} events in {summary['seconds']} s "
              f"({summary.get('parcels_in', 0)} parcels in, {summary.get('parcels_out', 0)} out, "
              f"{summary.get('bills', 0)} bills, {db.value('SELECT count(*) FROM hub_events')} county changes pulled)")
        clean_file = work / "clean" / "station.sqlite"
        clean_file.parent.mkdir()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(station_file, clean_file)
        with FaultProxy(port, plan=random_cuts(7, probability=0.6, up_to=300_000), rate_bps=RATE_BPS * SCALE,
                        rtt=RTT_S / SCALE) as link:
            with db.transaction():
                db.set_local("setting:sync.hub_url", json.dumps(link.url))
            t0 = time.perf_counter()
            report = client.sync_once(db, retry=Retry(attempts=None, base=1.0 / SCALE, cap=30.0 / SCALE),
                                      timeout=(30.0 / SCALE * 4, 120.0 / SCALE * 4))
            wall = time.perf_counter() - t0
            up, cuts, conns = link.bytes_up, link.cuts, link.connections
        n = report.pushed
        ours = wall * SCALE
        # the same station once more over a clean loopback link: the bytes of the encoding itself,
        # and the batches the sync makes
        clean = open_station(clean_file)
        stations.enroll(hub, f"http://127.0.0.1:{port}", clean, "干净链路对照站")
        with FaultProxy(port) as plain, recorded_batches() as batches:
            with clean.transaction():
                clean.set_local("setting:sync.hub_url", json.dumps(plain.url))
            client.sync_once(clean, retry=Retry(attempts=3, base=0.01, cap=0.1))
            clean_up = plain.bytes_up
        print(f"ours through the cuts: {n} events + {report.pulled} county changes in {report.requests} requests, "
              f"{conns} connections, {cuts} cut mid-transfer; {ours:.0f} s on the 2G link "
              f"({wall:.1f} s emulated wall time); up {up / n:.1f} bytes/event, resent bytes included; "
              f"reconcile mismatches: {report.reconcile['mismatched']}")
        print(f"ours on a clean link: {clean_up / n:.1f} bytes/event up (HTTP headers included)")

        evs = events.events_after(clean, 0)
        clean.close()
        sizes = [last - first + 1 for first, last in batches]
        print(f"\nthe same {len(evs)} events in the sync's own {len(batches)} batches "
              f"({spread(sizes).show(' events', 0)}), each encoding over the same link without cuts:")
        by_seq = {e.seq: e for e in evs}
        results: dict[str, tuple[float, float, float]] = {}
        for name, (encoding, make) in ENCODINGS.items():
            bodies = [make([by_seq[s] for s in range(first, last + 1)]) for first, last in batches]
            seconds, wire_up, wire_down = over_the_link(bodies, encoding)
            body_bytes = sum(map(len, bodies)) / len(evs)
            results[name] = (body_bytes, wire_up / len(evs), seconds)
            print(f"  {name:32} body {body_bytes:5.1f} bytes/event, on the wire {wire_up / len(evs):5.1f} up "
                  f"+ {wire_down / len(evs):4.1f} down; {seconds:5.0f} s on the 2G link")
        mine = results["ours: columns + gzip"]
        best = min((v for k, v in results.items() if k.startswith("baseline")), key=lambda v: v[1])
        best_name = next(k for k, v in results.items() if v == best)
        print(f"  ours against the best baseline ({best_name.removeprefix('baseline: ')}): "
              f"{best[1] / mine[1]:.2f}x fewer wire bytes, {best[2] / mine[2]:.2f}x less link time")
        goals.check(f"≤ {GOAL_BYTES} bytes/event on the wire (events up, HTTP headers included, clean link): "
                    f"{clean_up / n:.1f}", clean_up / n <= GOAL_BYTES)
        goals.check(f"no more wire bytes per event than the best baseline at the same batch sizes: ours "
                    f"{mine[1]:.1f}, {best_name.removeprefix('baseline: ')} {best[1]:.1f}", mine[1] <= best[1])
        goals.check(f"no more time on the 2G link than the best baseline: ours {mine[2]:.0f} s, "
                    f"{best_name.removeprefix('baseline: ')} {best[2]:.0f} s", mine[2] <= best[2])
        print(f"(link section took {time.perf_counter() - started:.0f} s)")
    finally:
        proc.terminate()
        proc.wait(10)
        db.close()


def ingest_rate(url: str, label: str, station_file: Path, goals: Goals) -> None:
    """Pre-packed batches of one station's events POSTed to the hub over loopback HTTP."""
    db = open_station(station_file)
    evs = events.events_after(db, 0)
    db.close()
    bodies = [p.pack(p.encode_batch(evs[i:i + 1000])) for i in range(0, len(evs), 1000)]
    with LiveHub(url) as live:
        assert live.hub is not None
        results = []
        for k in range(INGEST_STATIONS):  # one station after the other
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
    rate = spread(results)
    print(f"hub ingest, {label}: {rate.show(' events/s', 0)} over HTTP "
          f"({len(evs)} events in 1000-event batches, one station after another)")
    goals.check(f"hub ingest on {label} ≥ {GOAL_INGEST:,} events/s: median {rate.median:,.0f}", rate.median >= GOAL_INGEST)


def storage_floor(path: Path, station_file: Path) -> float:
    """Events/s of the baseline without HTTP, checks or the hub's tables: the same event rows
    inserted into one SQLite table with sqlite3, 1000 per transaction, synchronous=FULL."""
    db = open_station(station_file)
    rows = db.rows("SELECT seq, id, kind, entity_id, payload, operator_id, station_time, hlc, prev_hash, hash FROM events")
    db.close()
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE events (station_id TEXT, seq INTEGER, id TEXT, kind TEXT, entity_id TEXT, payload TEXT, "
                 "operator_id TEXT, station_time TEXT, hlc TEXT, prev_hash TEXT, hash TEXT, PRIMARY KEY (station_id, seq))")
    t0 = time.perf_counter()
    for i in range(0, len(rows), 1000):
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO events VALUES ('s', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [tuple(r) for r in rows[i:i + 1000]])
        conn.execute("COMMIT")
    rate = len(rows) / (time.perf_counter() - t0)
    conn.close()
    return rate


def bench_ingest(work: Path, goals: Goals) -> None:
    print("== hub ingest rate")
    station_file = work / "busy" / "station.sqlite"
    ingest_rate(f"sqlite:///{work / 'ingest.sqlite'}", "SQLite (synchronous=FULL)", station_file, goals)
    floor = storage_floor(work / "floor.sqlite", station_file)
    print(f"baseline, the bare storage floor (the same rows inserted with sqlite3, 1000 per commit, no HTTP, "
          f"no chain check, no derived tables): {floor:,.0f} events/s")
    reason = unavailable_reason()
    if reason:
        print(f"hub ingest, PostgreSQL: not measured ({reason})")
        goals.not_measured(f"hub ingest on PostgreSQL ≥ {GOAL_INGEST:,} events/s: {reason}")
        return
    with PgCluster(durable=True) as pg:
        ingest_rate(pg.create_database(), "PostgreSQL (fsync on)", station_file, goals)


def bench_memory(work: Path, goals: Goals) -> None:
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
        print(f"then one clean sync: pending {final.pending}, reconcile mismatches {final.reconcile['mismatched']}")
        goals.check(f"hub memory flat over 100 interrupted syncs (< 5 MB growth from the 10th to the 100th, then "
                    f"nothing pending): {grown:+.1f} MB, {final.pending} pending", grown < 5 and final.pending == 0)
    finally:
        proc.terminate()
        proc.wait(10)
        db.close()


def main() -> int:
    started = time.perf_counter()
    goals = Goals("bench_sync")
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        work = Path(folder)
        bench_link(work, goals)
        bench_ingest(work, goals)
        bench_memory(work, goals)
    print(f"(bench_sync took {time.perf_counter() - started:.0f} s)")
    return goals.report()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    threading.current_thread().name = "bench"
    sys.exit(main())
