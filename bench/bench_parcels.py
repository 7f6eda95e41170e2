"""Parcel counter speed on a station file holding 1,000,000 past parcels, in one run:

- check-in (check_in_parcel, committed with synchronous=FULL, fsync included): goal p99 ≤ 30 ms;
  baseline: the same parcel row inserted and committed with sqlite3 alone (the fsync floor)
- hand-over lookups by phone tail and by pickup code: goal p99 ≤ 5 ms each; baseline: the
  same queries through a plain index on the column over the whole history (what one writes
  first) instead of the station's partial indexes over the parcels on the shelves
- also shown: hand-over (committed) and a waybill lookup across the whole history

Each figure is the median with min and max, and p99.

    .venv/bin/python bench/bench_parcels.py [--parcels N] [--keep DIR]

How the file is built: the past parcels are written by direct inserts of realistic rows, not
through the appliers (that would take ~10 minutes): 1,000,000 `parcels` rows over ~9 years
(300 a day, the status mix of a busy station, all off the shelf), their SMS notices, 3,000
villagers, and the events a station would hold for them (check-in + pickup/return per parcel,
~2,000,000 rows with a valid hash chain), in one transaction. Then ~300 parcels are checked in
through the real `check_in_parcel` to fill today's shelves, and the timed runs go through the
real core functions on a freshly opened file (normal PRAGMAs and cache), then the baselines
on the same file. Exits 1 if a goal is missed.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import hashlib
import itertools
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import Goals, spread  # noqa: E402
from station_app.core import parcels, shelves, simulate  # noqa: E402
from station_app.core.events import canonical, chain_hash  # noqa: E402
from station_app.db import open_station  # noqa: E402

CHECK_IN_GOAL_MS, LOOKUP_GOAL_MS = 30.0, 5.0
PER_DAY = 300
CARRIERS = [(c[0], c[1], c[3]) for c in simulate.CARRIER_MIX]
PARCEL_COLUMNS = [
    "id", "waybill", "carrier", "recipient_name", "phone", "phone_tail", "person_id", "size", "shelf", "layer", "serial",
    "pickup_code", "status", "on_shelf", "expected", "dispatched_at", "arrived_at", "notified_at", "picked_up_at",
    "returned_at", "exception_at", "checked_in_by", "closed_by", "collector", "proxy_name", "verified_by",
    "exception_kind", "exception_note", "photo_path", "return_reason", "return_note", "reminders", "last_reminded_at",
    "warning", "warning_detail"]


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, round(p / 100 * (len(v) - 1)))]


def uuid7(ms: int, bits: int) -> str:
    """A UUIDv7 for time `ms` (ids made at the time the parcel arrived), from 74 random bits."""
    v = ms << 80 | 0x7 << 76 | (bits >> 62) << 64 | 0b10 << 62 | (bits & ((1 << 62) - 1))
    h = f"{v:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def stamp(ts: float) -> str:
    """`clock.iso` for a Unix time, faster (the C isoformat instead of strftime)."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


def js(value: str | bool | None) -> str:
    return "null" if value is None else ("true" if value else "false") if isinstance(value, bool) else f'"{value}"'


def build_history(path: Path, n: int, rng: random.Random) -> tuple[list[str], float]:
    """Write `n` past parcels (and their notices, people and events) straight into the file."""
    t0 = time.perf_counter()
    db = open_station(path)
    manager, operator = simulate.setup(db)
    db.close()
    conn = sqlite3.connect(str(path), isolation_level=None)
    # building only: no journal, no fsync, indexes rebuilt once at the end (a sort beats millions
    # of random index inserts); the timed runs reopen the file with the normal PRAGMAs
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                           "AND tbl_name IN ('parcels', 'parcel_notices', 'events', 'people')").fetchall()
    last = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = last[0], last[1]
    end = (datetime.now(UTC) - timedelta(days=2)).timestamp()
    first = end - n / PER_DAY * 86400
    step = (end - first) / n
    layout = shelves.DEFAULT_LAYOUT
    phones = [simulate.fake_phone(rng) for _ in range(8000)]
    names = [simulate.fake_name(rng) for _ in range(8000)]
    person_ids = {i: uuid7(int(first * 1000) + i, rng.getrandbits(74)) for i in range(3000)}  # a third registered
    carriers = [c[0] for c in CARRIERS]
    makers = [c[2] for c in CARRIERS]
    cum = list(itertools.accumulate(c[1] for c in CARRIERS))
    conn.execute("BEGIN")
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    conn.executemany("INSERT INTO people (id, name, phone, phone_tail, village, categories, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, '幸福村', '', ?, ?)",
                     [(pid, names[i], phones[i], phones[i][-4:], stamp(first), stamp(first)) for i, pid in person_ids.items()])
    parcel_sql = f"INSERT INTO parcels ({', '.join(PARCEL_COLUMNS)}) VALUES ({', '.join('?' * len(PARCEL_COLUMNS))})"
    parcel_rows: list[tuple] = []
    notice_rows: list[tuple] = []
    event_rows: list[tuple] = []

    def flush() -> None:
        conn.executemany(parcel_sql, parcel_rows)
        conn.executemany("INSERT INTO parcel_notices VALUES (?,?,?,?,?,?,?,?,?,?)", notice_rows)
        conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)", event_rows)
        parcel_rows.clear(), notice_rows.clear(), event_rows.clear()

    def event(kind: str, entity: str, payload: str, st: str, ms: int, op: str) -> None:
        # the canonical JSON of the row, written out by hand (fixed keys, plain values): json.dumps
        # twice per event would be most of the build time; checked against canonical() below
        nonlocal seq, prev
        seq += 1
        eid, hlc = uuid7(ms, rng.getrandbits(74)), f"{ms:013d}.00000"
        body = (f'{{"entity_id":"{entity}","hlc":"{hlc}","id":"{eid}","kind":"{kind}","operator_id":"{op}",'
                f'"payload":{payload},"seq":{seq},"station_time":"{st}"}}')
        h = hashlib.sha256((prev + body).encode("utf-8")).hexdigest()
        event_rows.append((seq, eid, kind, entity, payload, op, st, hlc, prev, h))
        prev = h

    for i in range(n):
        ts = first + i * step
        ms = int(ts * 1000)
        k = bisect.bisect(cum, rng.random() * cum[-1])
        carrier, waybill = carriers[k], makers[k](rng)
        who = int(rng.paretovariate(1.2) * 40) % 8000
        phone, name, person_id = phones[who], names[who], person_ids.get(who)
        lay = layout[int(rng.random() * len(layout))]
        serial = f"{int(rng.random() * 10_000):04d}"
        code = f"{lay.shelf}-{lay.layer}-{serial}"
        pid, at = uuid7(ms, rng.getrandbits(74)), stamp(ts)
        roll = rng.random()
        left_ts = ts + rng.expovariate(1 / 20) * 3600
        status = "picked_up" if roll < 0.94 else ("returned" if roll < 0.995 else "exception")
        left = stamp(left_ts if status != "returned" else left_ts + 7 * 86400)
        op = operator.id if roll < 0.8 else manager.id
        dispatched = stamp(ts - rng.uniform(20, 80) * 3600) if rng.random() < 0.7 else None
        picked = status == "picked_up"
        parcel_rows.append((
            pid, waybill, carrier, name, phone, phone[-4:], person_id, "small", lay.shelf, lay.layer, serial, code,
            status, 0, int(dispatched is not None), dispatched, at, at, left if picked else None,
            left if status == "returned" else None, left if status == "exception" else None, op, op,
            "self" if picked else None, None, "code" if picked else None, "lost" if status == "exception" else None,
            None, None, "overdue" if status == "returned" else None, None, int(status == "returned") * 2, None, None, None))
        notice_id = uuid7(ms, rng.getrandbits(74))
        text = f"【幸福村电商服务站】您的包裹已到站，取件码{code}，营业时间08:00-20:00"
        notice_rows.append((notice_id, pid, "arrival", phone, phone[-4:], text, "sent", at, at, ""))
        notice = f'{{"id":"{notice_id}","kind":"arrival","phone":"{phone}","phone_tail":"{phone[-4:]}","text":"{text}"}}'
        checked_in = (
            f'{{"at":"{at}","carrier":"{carrier}","dispatched_at":{js(dispatched)},"expected":{js(dispatched is not None)},'
            f'"layer":{lay.layer},"notice":{notice},"person_id":{js(person_id)},"phone":"{phone}","phone_tail":"{phone[-4:]}",'
            f'"pickup_code":"{code}","recipient_name":"{name}","serial":"{serial}","shelf":"{lay.shelf}","size":"small",'
            f'"status":"notified","waybill":"{waybill}"}}')
        if i == 0:
            assert checked_in == canonical(json.loads(checked_in)), checked_in
        event("parcel.checked_in", pid, checked_in, at, ms, op)
        if picked:
            event("parcel.picked_up", pid, f'{{"at":"{left}","collector":"self","proxy_name":null,"verified_by":"code"}}',
                  left, int(left_ts * 1000), op)
        elif status == "returned":
            event("parcel.returned", pid, f'{{"at":"{left}","note":"","reason":"overdue"}}', left, int(left_ts * 1000), op)
        if len(parcel_rows) >= 20_000:
            flush()
    flush()
    for _, sql in indexes:
        conn.execute(sql)
    check = conn.execute("SELECT * FROM events WHERE seq = ?", (seq,)).fetchone()  # the hand-written JSON is canonical
    row = dict(zip(("seq", "id", "kind", "entity_id", "payload", "operator_id", "station_time", "hlc", "prev_hash", "hash"), check,
                   strict=True))
    assert chain_hash(row["prev_hash"], {**{k: row[k] for k in ("seq", "id", "kind", "entity_id", "operator_id",
                                                                "station_time", "hlc")},
                                         "payload": json.loads(row["payload"])}) == row["hash"]
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('chain_head', ?)", (f"{seq}:{prev}",))
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    return phones, time.perf_counter() - t0


def fill_shelves(path: Path, rng: random.Random, phones: list[str], count: int) -> None:
    db = open_station(path)
    _, operator = simulate.setup(db)
    for _ in range(count):
        carrier, _, make = rng.choices(CARRIERS, weights=[c[1] for c in CARRIERS])[0]
        parcels.check_in_parcel(db, operator, waybill=make(rng), carrier=carrier, phone=rng.choice(phones),
                                size=rng.choices(list(shelves.SIZES), weights=[80, 15, 5, 0])[0])
    db.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parcels", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, help="keep the station file in this folder")
    args = ap.parse_args()
    rng = random.Random(11)
    work = Path(tempfile.mkdtemp(prefix="bench-parcels-"))
    path = work / "station.sqlite"
    try:
        phones, seconds = build_history(path, args.parcels, rng)
        fill_shelves(path, rng, phones, 300)
        size_mb = sum(p.stat().st_size for p in work.iterdir()) / 1e6
        print(f"station file: {args.parcels:,} past parcels + 300 on the shelves, "
              f"{size_mb:,.0f} MB, built in {seconds:.0f} s (direct inserts of realistic rows, one transaction)")

        db = open_station(path)  # fresh connection, normal PRAGMAs (WAL, synchronous=FULL)
        _, operator = simulate.setup(db)
        checkin_ms, handover_ms = [], []
        for _ in range(1000):
            carrier, _, make = rng.choices(CARRIERS, weights=[c[1] for c in CARRIERS])[0]
            kw = {"phone": rng.choice(phones)} if rng.random() < 0.9 else {"phone_tail": rng.choice(phones)[-4:], "name": "王五"}
            t = time.perf_counter()
            parcels.check_in_parcel(db, operator, waybill=make(rng), carrier=carrier, **kw)
            checkin_ms.append((time.perf_counter() - t) * 1000)
            oldest = db.value("SELECT id FROM parcels WHERE on_shelf = 1 ORDER BY arrived_at LIMIT 1")
            t = time.perf_counter()
            parcels.hand_over(db, operator, parcel_ids=[oldest], verified_by="code", consent=True)
            handover_ms.append((time.perf_counter() - t) * 1000)
        shelf = parcels.on_shelf(db)
        tail_ms, code_ms, waybill_ms = [], [], []
        for i in range(5000):
            p = shelf[i % len(shelf)]
            tail = p.phone_tail if i % 5 else f"{rng.randrange(10_000):04d}"  # one in five: whatever was typed
            t = time.perf_counter()
            parcels.find_by_phone_tail(db, tail)
            tail_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            with contextlib.suppress(parcels.NotFound):
                parcels.find_by_code(db, p.pickup_code if i % 10 else "9-9-9999")
            code_ms.append((time.perf_counter() - t) * 1000)
        history = [r[0] for r in db.rows("SELECT waybill FROM parcels WHERE rowid % 997 = 0 LIMIT 2000")]
        for w in history:
            t = time.perf_counter()
            parcels.find_by_waybill(db, w)
            waybill_ms.append((time.perf_counter() - t) * 1000)
        plans = {name: " / ".join(r["detail"] for r in db.rows("EXPLAIN QUERY PLAN " + sql, params)) for name, sql, params in (
            ("phone tail", "SELECT * FROM parcels WHERE on_shelf = 1 AND phone_tail = ? ORDER BY arrived_at", ("1234",)),
            ("pickup code", "SELECT * FROM parcels WHERE on_shelf = 1 AND pickup_code = ?", ("1-1-1234",)),
            ("same waybill", "SELECT * FROM parcels WHERE waybill = ? AND status != ? ORDER BY arrived_at DESC LIMIT 1", ("x", "y")))}
        tails = [p.phone_tail for p in shelf]
        codes = [p.pickup_code for p in shelf]
        db.close()
        baseline = baselines(path, rng, tails, codes)
    finally:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for f in work.iterdir():
                shutil.move(str(f), args.keep / f.name)
        shutil.rmtree(work, ignore_errors=True)

    goals = Goals("bench_parcels")
    print(f"{'':34}{'median':>8}{'min':>8}{'max':>8}{'p99':>8}   baseline median / p99")
    for label, values, base, goal in (("check-in (committed, fsync)", checkin_ms, baseline["insert"], CHECK_IN_GOAL_MS),
                                      ("lookup by phone tail", tail_ms, baseline["tail"], LOOKUP_GOAL_MS),
                                      ("lookup by pickup code", code_ms, baseline["code"], LOOKUP_GOAL_MS),
                                      ("hand-over (committed, fsync)", handover_ms, None, None),
                                      ("waybill across the history", waybill_ms, None, None)):
        got = spread(values)
        against = f"{spread(base).median:8.2f} / {pct(base, 99):.2f}" if base else ""
        print(f"{label:34}{got.median:8.2f}{got.low:8.2f}{got.high:8.2f}{pct(values, 99):8.2f}   {against}"
              f"  ({len(values):,} runs)")
        if goal is not None:
            goals.check(f"{label}: p99 {pct(values, 99):.2f} ms ≤ {goal:g} ms (baseline p99 {pct(base or [0], 99):.2f} ms)",
                        pct(values, 99) <= goal)
    print("baselines: check-in = the parcel row alone committed with sqlite3 (the fsync floor); lookups = a plain "
          "index on the column over all parcels")
    for name, plan in plans.items():
        print(f"query plan, {name}: {plan}")
    print(json.dumps({"check_in_p99_ms": round(pct(checkin_ms, 99), 2), "tail_p99_ms": round(pct(tail_ms, 99), 3),
                      "code_p99_ms": round(pct(code_ms, 99), 3)}))
    return goals.report()


def baselines(path: Path, rng: random.Random, tails: list[str], codes: list[str]) -> dict[str, list[float]]:
    """Milliseconds per operation of the baselines, on the same file (their tables and indexes
    are dropped again)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    row = conn.execute(f"SELECT {', '.join(PARCEL_COLUMNS)} FROM parcels LIMIT 1").fetchone()
    conn.execute("CREATE TABLE bench_floor AS SELECT * FROM parcels WHERE 0")
    insert = f"INSERT INTO bench_floor ({', '.join(PARCEL_COLUMNS)}) VALUES ({', '.join('?' * len(PARCEL_COLUMNS))})"
    out: dict[str, list[float]] = {"insert": [], "tail": [], "code": []}
    for i in range(1000):
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(insert, (f"bench-{i}", *row[1:]))
        conn.execute("COMMIT")
        out["insert"].append((time.perf_counter() - t) * 1000)
    conn.execute("DROP TABLE bench_floor")
    conn.execute("CREATE INDEX bench_tail_all ON parcels (phone_tail)")
    conn.execute("CREATE INDEX bench_code_all ON parcels (pickup_code)")
    for i in range(5000):
        tail = tails[i % len(tails)] if i % 5 else f"{rng.randrange(10_000):04d}"
        t = time.perf_counter()
        conn.execute("SELECT * FROM parcels INDEXED BY bench_tail_all WHERE on_shelf = 1 AND phone_tail = ? "
                     "ORDER BY arrived_at", (tail,)).fetchall()
        out["tail"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        conn.execute("SELECT * FROM parcels INDEXED BY bench_code_all WHERE on_shelf = 1 AND pickup_code = ?",
                     (codes[i % len(codes)] if i % 10 else "9-9-9999",)).fetchall()
        out["code"].append((time.perf_counter() - t) * 1000)
    conn.execute("DROP INDEX bench_tail_all")
    conn.execute("DROP INDEX bench_code_all")
    conn.close()
    return out


if __name__ == "__main__":
    sys.exit(main())
