"""Foundation speed goals, measured in one run:

- cold start to the login window (offscreen) and its resident memory: goals ≤ 1.5 s, ≤ 200 MB
- core write rate with synchronous=FULL (one person added = one transaction, fsync'd)
- people search latency at 100,000 people: goal p99 ≤ 5 ms
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from station_app.core import events, people, simulate  # noqa: E402
from station_app.db import open_station  # noqa: E402
from station_app.ids import new_id  # noqa: E402

STARTUP = r"""
import os, sys, time, resource
t0 = float(sys.argv[2])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from station_app.ui.app import setup_application
from station_app.db import open_station
from station_app.core import settings
from station_app.ui.login import LoginDialog
app = QApplication(sys.argv[:1])
setup_application(app, "zh_CN")
db = open_station(sys.argv[1])
setup_application(app, settings.get(db, "ui.language"), settings.get(db, "ui.font_size"))
dialog = LoginDialog(db)
dialog.show()
app.processEvents()
elapsed = time.time() - t0
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.3f} {rss_mb:.1f}")
"""


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def verdict(ok: bool) -> str:
    return "meets the goal" if ok else "MISSES the goal"


def bench_startup(work: Path) -> None:
    db = open_station(work / "start" / "station.sqlite")
    simulate.run(db, 30, seed=1)
    db.close()
    runs = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", STARTUP, str(work / "start" / "station.sqlite"), str(time.time())],
                             capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    start = statistics.median(r[0] for r in runs)
    rss = max(r[1] for r in runs)
    print(f"cold start to the login window: median {start:.2f} s over {len(runs)} runs (goal ≤ 1.5 s) — {verdict(start <= 1.5)}")
    print(f"resident memory at the login window: {rss:.0f} MB (goal ≤ 200 MB) — {verdict(rss <= 200)}")


def bench_writes(work: Path) -> None:
    db = open_station(work / "writes" / "station.sqlite")
    simulate.setup(db)
    actor = next(iter(__import__("station_app.core.operators", fromlist=["x"]).list_operators(db)))
    times = []
    for i in range(300):
        t = time.perf_counter()
        people.add_person(db, actor, name=f"测试{i}", phone=f"139{i:08d}", village="幸福村")
        times.append((time.perf_counter() - t) * 1000)
    total = sum(times) / 1000
    print(f"core writes with synchronous=FULL: {len(times) / total:.0f} actions/s; p50 {pct(times, 50):.2f} ms, "
          f"p99 {pct(times, 99):.2f} ms per committed action")
    db.close()


def bench_search(work: Path) -> None:
    db = open_station(work / "search" / "station.sqlite")
    manager, _ = simulate.setup(db)
    rng = random.Random(5)
    t = time.perf_counter()
    phones: list[str] = []
    names: list[str] = []
    with db.transaction():  # bulk load through the real appliers, one transaction
        for i in range(100_000):
            name = simulate.fake_name(rng)
            phone = f"1{rng.choice('3578')}{i:09d}"
            phones.append(phone)
            names.append(name)
            events.record(db, manager.id, "person.added", new_id(), {
                "name": name, "phone": phone, "village": rng.choice(simulate.VILLAGES), "sex": None,
                "birth_year": None, "id_masked": None, "id_hash": None, "household_no": None,
                "categories": [], "note": ""})
    print(f"loaded {people.count_people(db):,} people in {time.perf_counter() - t:.1f} s")
    queries = ([n[:1] for n in names[:200]] + [n[1:] for n in names[200:400]] + [p[-4:] for p in phones[:200]]
               + [p[:7] for p in phones[200:400]] + [n for n in names[400:600]])
    rng.shuffle(queries)
    times = []
    for q in queries:
        t = time.perf_counter()
        people.search_people(db, q)
        times.append((time.perf_counter() - t) * 1000)
    p99 = pct(times, 99)
    print(f"people search at 100,000 people ({len(queries)} queries: surname, part of a name, phone tail, "
          f"phone prefix, full name): p50 {pct(times, 50):.2f} ms, p99 {p99:.2f} ms (goal p99 ≤ 5 ms) — {verdict(p99 <= 5)}")
    db.close()


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bench_startup(work)
        bench_writes(work)
        bench_search(work)


if __name__ == "__main__":
    main()
