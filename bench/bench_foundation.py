"""Foundation speed goals, each beside its baseline, measured in one run:

- cold start to the login window (offscreen) on the program's real start path
  (`ui.app.open_or_restore`, which checks the file before use) and its resident memory, on
  stations that worked 30 days, one year and three years (`bench/station_files.py`, built
  once and cached): goals ≤ 1.5 s and ≤ 200 MB (medians of 5 starts; the first start after an
  upgrade, which verifies the whole event chain once, printed beside); baseline: a bare
  PySide6 window (QApplication and one QWidget), the floor any Qt program pays
- on the same stations: the monthly report of the last month ≤ 0.5 s, and `station-app check`
  (every state table against the replay) ≤ 10 s once its replica is kept (the first check,
  which folds every event into it, printed beside). `VS_BENCH_HISTORY_DAYS=30,365` limits the
  stations (a 3-year station takes ~12 minutes to build the first time)
- core writes with synchronous=FULL (one person added = one transaction, fsync'd); baseline:
  the same row inserted and committed with sqlite3 alone on the same disk (the fsync floor)
- people search at 100,000 people: goal p99 ≤ 5 ms; baseline: the query one writes first,
  `name LIKE '%q%' OR phone LIKE 'q%'`, on the same file
- the start-up check (`health.before_use`, which the program makes before the login window; the
  cold start above leaves it out, as it always has): the sampled replay of the station, operators,
  settings and people adds ≤ 0.1 s; baseline: the check without it (the event chain and the cash
  ledger), and the full replay `station-app check` makes, for scale

Times are medians with min and max. Exits 1 if a goal is missed.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import Goals, pct, spread  # noqa: E402
from station_app.core import events, people, simulate  # noqa: E402
from station_app.db import open_station  # noqa: E402
from station_app.ids import new_id  # noqa: E402

STARTUP = r"""
import os, sys, time, resource
from pathlib import Path
t0 = float(sys.argv[2])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from station_app.ui.app import setup_application
from station_app.db import open_station
from station_app.core import settings
from station_app.ui.login import LoginDialog
app = QApplication(sys.argv[:1])
setup_application(app, "zh_CN")
from station_app.ui.app import open_or_restore
def refuse(problem):
    sys.exit(f"the start path found a problem: {problem}")
db = open_or_restore(Path(sys.argv[1]), ask=refuse)
setup_application(app, settings.get(db, "ui.language"), settings.get(db, "ui.font_size"))
dialog = LoginDialog(db)
dialog.show()
app.processEvents()
elapsed = time.time() - t0
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.3f} {rss_mb:.1f}")
"""
# the baseline: the same cold start to a bare Qt window
BARE_QT = r"""
import os, sys, time, resource
t0 = float(sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.show()
app.processEvents()
elapsed = time.time() - t0
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.3f} {rss_mb:.1f}")
"""
START_GOAL_S, RSS_GOAL_MB, SEARCH_GOAL_MS = 1.5, 200, 5.0
SAMPLE_GOAL_S = 0.1
MONTHLY_GOAL_S, CHECK_GOAL_S = 0.5, 10.0
HISTORY_DAYS = (30, 365, 1095)


def history_days() -> list[int]:
    text = os.environ.get("VS_BENCH_HISTORY_DAYS", "")
    return [int(d) for d in text.split(",") if d.strip()] if text.strip() else list(HISTORY_DAYS)


def _start(path: Path) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", STARTUP, str(path), str(time.time())],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    return float(out[0]), float(out[1])


def _bare() -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", BARE_QT, str(time.time())],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    return float(out[0]), float(out[1])


def bench_startup(work: Path, goals: Goals) -> None:
    """The real start path on a copy of each cached station: once as after an upgrade (no chain
    mark yet), then five starts interleaved with the bare Qt baseline."""
    from bench.station_files import copy_of, station_file

    for days in history_days():
        path = copy_of(station_file(days), work / f"start-{days}" / "station.sqlite")
        size = path.stat().st_size / 1e6
        first = _start(path)[0]
        ours, bare = [], []
        for _ in range(5):  # interleaved, so both see the same load on the PC
            ours.append(_start(path))
            bare.append(_bare())
        start, rss = spread([r[0] for r in ours]), spread([r[1] for r in ours])
        bare_start, bare_rss = spread([r[0] for r in bare]), spread([r[1] for r in bare])
        print(f"{days}-day station ({size:.0f} MB): cold start to the login window on the real start path: "
              f"{start.show(' s')}; the first start after an upgrade (whole chain verified once): {first:.2f} s; "
              f"baseline, a bare Qt window: {bare_start.show(' s')} (the program adds "
              f"{start.median - bare_start.median:.2f} s)")
        print(f"{days}-day station: resident memory at the login window: {rss.show(' MB', 0)}; bare Qt window: "
              f"{bare_rss.show(' MB', 0)}")
        goals.check(f"cold start ≤ {START_GOAL_S} s on the real start path, {days}-day station ({size:.0f} MB): "
                    f"median {start.median:.2f} s (bare Qt {bare_start.median:.2f} s)", start.median <= START_GOAL_S)
        goals.check(f"resident memory ≤ {RSS_GOAL_MB} MB, {days}-day station: largest of {rss.runs} starts "
                    f"{rss.high:.0f} MB (bare Qt {bare_rss.high:.0f} MB)", rss.high <= RSS_GOAL_MB)
        bench_history(path, days, goals)


def bench_history(path: Path, days: int, goals: Goals) -> None:
    """The monthly report and `station-app check` on a station with `days` of history."""
    from station_app.core import health, reports

    db = open_station(path)
    times = []
    for _ in range(3):
        t = time.perf_counter()
        reports.monthly_report(db, "2026-11")
        times.append(time.perf_counter() - t)
    db.close()
    month = spread(times)
    checks = []
    for _ in range(2):  # the first folds every event into the kept replica; the next only what is new
        t = time.perf_counter()
        assert health.check_file(path) == [], path
        checks.append(time.perf_counter() - t)
    replica = path.with_name(path.name + ".replay")
    print(f"{days}-day station: monthly report of 2026-11: {month.show(' s', 3)}; `station-app check`: "
          f"{checks[1]:.2f} s with its replica kept ({replica.stat().st_size / 1e6:.0f} MB beside the "
          f"{path.stat().st_size / 1e6:.0f} MB file), the first check that folds it {checks[0]:.2f} s")
    goals.check(f"monthly report ≤ {MONTHLY_GOAL_S} s, {days}-day station: median {month.median:.3f} s",
                month.median <= MONTHLY_GOAL_S)
    goals.check(f"`station-app check` ≤ {CHECK_GOAL_S:g} s, {days}-day station: {checks[1]:.2f} s "
                f"(first check {checks[0]:.2f} s)", checks[1] <= CHECK_GOAL_S)


def bench_startup_check(work: Path, goals: Goals) -> None:
    """The start-up check on a 30-day station: with and without the sample."""
    from bench.station_files import copy_of, station_file
    from station_app.core import cash, health, replay_check
    from station_app.db import maintenance

    db = open_station(copy_of(station_file(30), work / "start-check" / "station.sqlite"))
    runs: dict[str, list[float]] = {"chain": [], "check": [], "sample": [], "full": []}
    before = lambda: maintenance.check(db, lambda d: events.verify_chain(d) + cash.ledger_problems(d))  # noqa: E731
    for _ in range(5):
        for name, work_ in (("chain", before),
                            ("check", lambda: health.before_use(db)),
                            ("sample", lambda: replay_check.sampled_problems(db)),
                            ("full", lambda: health.full_check(db))):
            t = time.perf_counter()
            assert work_() == []
            runs[name].append(time.perf_counter() - t)
    n_events = events.last_seq(db)
    db.close()
    chain, check, sample, full = (spread(runs[k]) for k in ("chain", "check", "sample", "full"))
    print(f"start-up check at {n_events:,} events (30 days): {check.show(' s', 3)}; baseline without the sampled replay "
          f"(SQLite's checks, chain, ledger: the check before): {chain.show(' s', 3)}; the sample alone: {sample.show(' s', 3)}; "
          f"full replay (`station-app check`): {full.show(' s', 2)}")
    goals.check(f"the sampled replay adds ≤ {SAMPLE_GOAL_S:g} s to the start-up check: {sample.median:.3f} s "
                f"(check {check.median:.3f} s vs {chain.median:.3f} s without)", sample.median <= SAMPLE_GOAL_S)


def bare_table(path: Path) -> sqlite3.Connection:
    """The baseline's file: sqlite3 alone with the station's PRAGMAs (WAL, synchronous=FULL)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT, phone TEXT, village TEXT, created_at TEXT)")
    return conn


def bench_writes(work: Path) -> None:
    db = open_station(work / "writes" / "station.sqlite")
    simulate.setup(db)
    actor = next(iter(__import__("station_app.core.operators", fromlist=["x"]).list_operators(db)))
    bare_db = bare_table(work / "writes" / "bare.sqlite")
    times, bare = [], []
    for i in range(300):  # one of each in turn: both see the same disk and the same load
        t = time.perf_counter()
        people.add_person(db, actor, name=f"测试{i}", phone=f"139{i:08d}", village="幸福村")
        times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        bare_db.execute("BEGIN IMMEDIATE")
        bare_db.execute("INSERT INTO people VALUES (?, ?, ?, ?, ?)",
                        (new_id(), f"测试{i}", f"139{i:08d}", "幸福村", "2026-11-02T01:30:00.000Z"))
        bare_db.execute("COMMIT")
        bare.append((time.perf_counter() - t) * 1000)
    db.close()
    bare_db.close()
    ours, floor = spread(times), spread(bare)
    print(f"core writes with synchronous=FULL (add_person: validation, event, hash chain, appliers): "
          f"{ours.show(' ms')}, p99 {pct(times, 99):.2f} ms, {len(times) / (sum(times) / 1000):.0f} actions/s")
    print(f"baseline, the same row committed with sqlite3 alone: {floor.show(' ms')}, p99 {pct(bare, 99):.2f} ms "
          f"(the program's action costs {ours.median / floor.median:.1f}x the bare commit)")


def bench_search(work: Path, goals: Goals) -> None:
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
                "categories": [], "note": ""}, appliers=people.APPLY)
    print(f"loaded {people.count_people(db):,} people in {time.perf_counter() - t:.1f} s")
    queries = ([n[:1] for n in names[:200]] + [n[1:] for n in names[200:400]] + [p[-4:] for p in phones[:200]]
               + [p[:7] for p in phones[200:400]] + [n for n in names[400:600]])
    rng.shuffle(queries)
    times = []
    for q in queries:
        t = time.perf_counter()
        people.search_people(db, q)
        times.append((time.perf_counter() - t) * 1000)
    # the baseline on a sample of the same queries (each one scans the whole table)
    naive = []
    for q in queries[:150]:
        t = time.perf_counter()
        db.rows("SELECT * FROM people WHERE name LIKE ? OR phone LIKE ? OR phone_tail = ? LIMIT ?",
                (f"%{q}%", f"{q}%", q, people.SEARCH_LIMIT))
        naive.append((time.perf_counter() - t) * 1000)
    db.close()
    ours, like = spread(times), spread(naive)
    p99 = pct(times, 99)
    print(f"people search at 100,000 people ({len(queries)} queries: surname, part of a name, phone tail, "
          f"phone prefix, full name): {ours.show(' ms', 3)}, p99 {p99:.2f} ms")
    print(f"baseline, LIKE over name and phone ({len(naive)} of the queries): {like.show(' ms')}, "
          f"p99 {pct(naive, 99):.1f} ms ({like.median / ours.median:.1f}x ours at the median, "
          f"{pct(naive, 99) / p99:.1f}x at p99)")
    goals.check(f"people search p99 ≤ {SEARCH_GOAL_MS:g} ms at 100,000 people: {p99:.2f} ms "
                f"(LIKE baseline p99 {pct(naive, 99):.1f} ms)", p99 <= SEARCH_GOAL_MS)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    goals = Goals("bench_foundation")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bench_startup(work, goals)
        bench_startup_check(work, goals)
        bench_writes(work)
        bench_search(work, goals)
    print(f"(bench_foundation took {time.perf_counter() - started:.0f} s)")
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
