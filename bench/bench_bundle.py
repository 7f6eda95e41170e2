"""USB-stick bundles (DESIGN §6, "Sync without a link"), measured in one run on 30 days of a busy
simulated station (its county's dispatch lists uploaded to the hub, so the return carries a month
of county changes):

- size: the bundle's bytes per event, the whole file (manifest, columns + gzip bodies, sealing,
  signature) less its evidence files, against the baseline of what the sync client sends over
  loopback for the same events: its push bodies (its own adaptive batches) and its questions
  to the hub about which evidence files it lacks (the bundle's manifest asks the same). Goal:
  no more bytes per event than HTTP. Why: the bundle carries the same bodies in larger batches
  (gzip compresses a larger batch better), and sealing adds 16 bytes per 256 KiB plus a header
  and a signature: a stick must never need more room than the network path would have carried.
  The evidence files (photos of e-waybills) are printed beside it, the bundle's frames against
  the HTTP uploads of the same files: the same bytes, plus 41 bytes of framing each.
- time: writing the 30-day bundle at the station (planned with its size, then sealed, signed
  and written atomically with fsync), importing it at the hub (checked whole, then every body
  through the push path), writing the return bundle and importing it at the station; against
  the baseline of one HTTP sync of the same station over loopback (push, pull, reconcile).
  Goals: writing ≤ 5 s (the courier waits at the station: a stop of a few minutes; a cheap USB 2
  stick at 2 MB/s adds the file's size / 2 MB/s, printed), importing ≤ 10 s per station, its
  e-waybill photos included (a route of 20 stations imported within about 3 minutes; the hub
  stores each photo in a transaction of its own, as an HTTP upload does, and that is most of the
  time), the whole round trip ≤ 3x the HTTP sync of the same records (the same ingest and apply
  work, plus copying, sealing and checking files).

Median (min, max) of RUNS runs, each on fresh copies of the station and the hub. Exits 1 if a
goal is missed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import Goals, spread  # noqa: E402
from station_app import keystore  # noqa: E402
from station_app.clock import SHANGHAI  # noqa: E402
from station_app.core import events, simulate  # noqa: E402
from station_app.db import open_station  # noqa: E402
from sync import bundle, client, courier  # noqa: E402
from sync.hub import bundles, uploads  # noqa: E402
from sync.hub.db import open_hub  # noqa: E402
from sync.hub.shadows import Shadows  # noqa: E402
from sync.hub.store import Hub  # noqa: E402
from sync.link import HubLink, Retry  # noqa: E402
from sync.testing import stations  # noqa: E402
from sync.testing.live_hub import LiveHub  # noqa: E402

RUNS = 3
DAYS = 30
STICK_BPS = 2_000_000  # a cheap USB 2 stick writes about 2 MB/s
GOAL_WRITE_S, GOAL_IMPORT_S, GOAL_ROUND_TRIP_X = 5.0, 10.0, 3.0


def make_station(work: Path) -> tuple[Path, Path]:
    """A station enrolled with a hub that holds its county's dispatch lists for the month, then 30
    days of work before anything is sent: (its file, the hub's folder as enrolled)."""
    hub_dir = work / "hub"
    hub_dir.mkdir()
    station_file = work / "station" / "station.sqlite"
    station_file.parent.mkdir()
    db = open_station(station_file)
    try:
        simulation = simulate.Simulation(db, DAYS, seed=1)
        with LiveHub(f"sqlite:///{hub_dir / 'hub.sqlite'}") as live:
            assert live.hub is not None
            stations.enroll(live.hub, live.url, db, "幸福村电商服务站")
            shadows, rng = Shadows(live.hub, work / "shadows"), random.Random(1)
            first = simulation.next_day.astimezone(SHANGHAI).date()
            for day in (first + timedelta(days=d) for d in range(DAYS)):
                uploads.upload(shadows, "manifest", simulate.county_office.manifest_csv(rng, ["幸福村"], day),
                               filename=f"manifest-{day}.csv", who="bench")
            shadows.close()
        for _ in range(DAYS):
            simulation.day()
        summary = simulation.summary()
        print(f"simulated: {summary['events']} events in {summary['seconds']} s")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return station_file, hub_dir


def copies(station_file: Path, hub_dir: Path, into: Path) -> tuple[Path, str]:
    """Fresh copies of the station's folder (its file, keystore and evidence files) and the hub
    (with its secret)."""
    into.mkdir(parents=True)
    shutil.copytree(station_file.parent, into / "station")
    assert all((into / "station" / f.name).exists() for f in keystore.files(station_file))
    shutil.copytree(hub_dir, into / "hub")
    return into / "station" / station_file.name, f"sqlite:///{into / 'hub' / 'hub.sqlite'}"


def by_stick(station_file: Path, hub_url: str, stick: Path) -> dict[str, Any]:
    stick.mkdir()
    db = open_station(station_file)
    hub = Hub(open_hub(hub_url))
    try:
        t0 = time.perf_counter()
        plan = courier.plan_bundle(db, stick)
        courier.write_bundle(db, plan)
        t1 = time.perf_counter()
        report = bundles.import_stick(hub, stick, returns=False)
        t2 = time.perf_counter()
        sid = report.imported[0].station_id
        assert report.ok and report.imported[0].new_events == plan.events, report.imported[0].line
        back, _ = bundles.write_return(hub, sid, stick)
        t3 = time.perf_counter()
        return_bytes = back.stat().st_size
        got = courier.import_from(db, stick)
        t4 = time.perf_counter()
        assert got.imported == 1 and got.acked_seq == events.last_seq(db), got.as_json()
        files = sum(part.framed for part in plan.parts if part.kind == bundle.FILE)
        assert plan.complete and not plan.files_missing, plan.as_json()
        return {"events": plan.events, "bytes": plan.size - files, "files": plan.files, "file_bytes": files,
                "write": t1 - t0, "import": t2 - t1,
                "return": t3 - t2, "back": t4 - t3, "changes": got.changes, "return_bytes": return_bytes}
    finally:
        db.close()
        hub.engine.dispose()


def by_http(station_file: Path, hub_url: str) -> dict[str, Any]:
    bodies: list[int] = []  # push bodies and the questions about evidence files
    uploads: list[int] = []  # evidence files
    real = HubLink.call

    def call(self: HubLink, method: str, path: str, expect: tuple[str, ...], **kw: Any) -> dict[str, Any]:
        if kw.get("gzip_body") is not None:
            bodies.append(len(kw["gzip_body"]))
        elif path == "/v1/evidence/missing":
            bodies.append(len(json.dumps(kw["json_body"]).encode("utf-8")))
        elif kw.get("raw_body") is not None and path.startswith("/v1/evidence/"):
            raw = kw["raw_body"]
            uploads.append(len(raw) if isinstance(raw, bytes) else os.fstat(raw.fileno()).st_size)
        return real(self, method, path, expect, **kw)

    db = open_station(station_file)
    HubLink.call = call  # type: ignore[method-assign]
    try:
        with LiveHub(hub_url) as live:
            with db.transaction():
                db.set_local("setting:sync.hub_url", json.dumps(live.url))
            t0 = time.perf_counter()
            report = client.sync_once(db, retry=Retry(attempts=3, base=0.01, cap=0.1))
            seconds = time.perf_counter() - t0
    finally:
        HubLink.call = real  # type: ignore[method-assign]
        db.close()
    return {"events": report.pushed, "bytes": sum(bodies), "bodies": len(bodies), "seconds": seconds,
            "pulled": report.pulled, "files": len(uploads), "file_bytes": sum(uploads)}


def main() -> int:
    started = time.perf_counter()
    goals = Goals("bench_bundle")
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as folder:
        work = Path(folder)
        station_file, hub_dir = make_station(work)
        stick, http = [], []
        for run in range(RUNS):
            s_file, s_hub = copies(station_file, hub_dir, work / f"stick-{run}")
            stick.append(by_stick(s_file, s_hub, work / f"stick-{run}" / "U盘"))
            h_file, h_hub = copies(station_file, hub_dir, work / f"http-{run}")
            http.append(by_http(h_file, h_hub))
    n = stick[0]["events"]
    assert all(r["events"] == n for r in stick + http), (stick, http)
    assert all(r["files"] == stick[0]["files"] for r in stick + http), (stick, http)
    per_event, http_per_event = stick[0]["bytes"] / n, http[0]["bytes"] / n
    print(f"\n30 days: {n} events; the return bundle carries {stick[0]['changes']} county changes "
          f"({bundle.show_size(stick[0]['return_bytes'])})")
    print(f"size: bundle {bundle.show_size(stick[0]['bytes'])} = {per_event:.1f} bytes/event (whole file less "
          f"evidence: manifest, bodies of {courier.BATCH} events, sealing, signature)")
    print(f"      baseline HTTP {bundle.show_size(http[0]['bytes'])} = {http_per_event:.1f} bytes/event "
          f"({http[0]['bodies']} push bodies in the client's adaptive batches and evidence questions; HTTP headers "
          f"not counted)")
    print(f"      bundle / HTTP: {per_event / http_per_event:.2f}x")
    print(f"      evidence files: bundle {stick[0]['files']} in {bundle.show_size(stick[0]['file_bytes'])}, "
          f"HTTP uploads {http[0]['files']} in {bundle.show_size(http[0]['file_bytes'])}")
    write, imp = spread([r["write"] for r in stick]), spread([r["import"] for r in stick])
    ret, back = spread([r["return"] for r in stick]), spread([r["back"] for r in stick])
    trip = spread([r["write"] + r["import"] + r["return"] + r["back"] for r in stick])
    base = spread([r["seconds"] for r in http])
    on_stick = stick[0]["bytes"] / STICK_BPS
    print(f"time: write at the station     {write.show(' s')} (+{on_stick:.1f} s on a {STICK_BPS // 10**6} MB/s stick)")
    print(f"      import at the hub         {imp.show(' s')}")
    print(f"      write the return bundle   {ret.show(' s')}")
    print(f"      import it at the station  {back.show(' s')}")
    print(f"      the round trip            {trip.show(' s')}")
    print(f"      baseline: one HTTP sync of the same records over loopback {base.show(' s')}; "
          f"round trip / HTTP: {trip.median / base.median:.2f}x")
    goals.check(f"bundle bytes/event ≤ the HTTP push bodies': {per_event:.1f} vs {http_per_event:.1f}",
                per_event <= http_per_event)
    goals.check(f"writing the 30-day bundle ≤ {GOAL_WRITE_S:.0f} s: median {write.median:.2f} s",
                write.median <= GOAL_WRITE_S)
    goals.check(f"importing it at the hub ≤ {GOAL_IMPORT_S:.0f} s: median {imp.median:.2f} s",
                imp.median <= GOAL_IMPORT_S)
    goals.check(f"the round trip ≤ {GOAL_ROUND_TRIP_X:.0f}x the HTTP sync of the same records: "
                f"{trip.median / base.median:.2f}x", trip.median <= GOAL_ROUND_TRIP_X * base.median)
    print(f"(bench_bundle took {time.perf_counter() - started:.0f} s)")
    return goals.report()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    threading.current_thread().name = "bench"
    sys.exit(main())
