"""One station's huge push must not stall the others (issue 18 item 7; DESIGN §8: "bodies,
batches and transactions are bounded").

The attack of the issue: a 928 kB push of 80,000 events held the SQLite write lock for 74 s,
and other stations got 500 "database is locked". Here a hub that accepts pushes that large
(`serve --max-events 100000 --max-body 4000000`; the default refuses them, 413) takes such a
push from station A while station B keeps pushing 5 events at a time, one push after the
other, as a station syncing normally does. Measured: the longest B waited for one push while
A's was being stored, on the hub as it is (transactions of `store.CHUNK` events, writers served
in turn) and, as the baseline, with the whole push in one transaction (the hub before).
Goal: no push of B waits more than 1 s, in every run. Also shown: what the default hub does
with the same push. Exits 1 if a goal is missed.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from bench.figures import Goals, pct, spread  # noqa: E402
from station_app.core.events import GENESIS, Event, chain_hash  # noqa: E402
from sync import protocol as p  # noqa: E402
from sync.hub import store  # noqa: E402
from sync.testing.live_hub import LiveHub  # noqa: E402

BIG = 80_000
SMALL = 5
GOAL_S = 1.0
RUNS = 3
H = {p.HEADER_PROTOCOL: str(p.PROTOCOL), "Content-Encoding": "gzip", "Content-Type": "application/json"}


def chain(n: int, first: int = 1, prev: str = GENESIS, tag: str = "a") -> list[Event]:
    out = []
    start_ms = p.ms_of("2026-11-02T01:30:00.000Z")
    for i in range(first, first + n):
        at = p.iso_ms(start_ms + i * 1000)
        partial = Event(i, f"{tag}-{i}", "cash.float_added", f"{tag}-e{i % 500}", {"amount": i % 9000 + 1,
                        "note": f"float {i}"}, "op-1", at, f"{start_ms + i * 1000:013d}.00000", prev, "")
        ev = Event(**{**partial.__dict__, "hash": chain_hash(prev, partial.body())})
        out.append(ev)
        prev = ev.hash
    return out


def enroll(live: LiveHub, name: str) -> tuple[str, str]:
    assert live.hub is not None
    sid, code = live.hub.enroll_code(name)
    answer = requests.post(f"{live.url}/v1/enroll", json={"code": code, "proof": f"proof of {name}"},
                           headers={p.HEADER_PROTOCOL: str(p.PROTOCOL)}, timeout=30)
    answer.raise_for_status()
    return sid, answer.json()["token"]


def push(live: LiveHub, sid: str, token: str, body: bytes, timeout: float = 600) -> requests.Response:
    return requests.post(f"{live.url}/v1/stations/{sid}/events", data=body, timeout=timeout,
                         headers={**H, "Authorization": f"Bearer {token}"})


def one_run(folder: Path, big_body: bytes, chunk: int) -> dict[str, float]:
    """A's big push with B pushing beside it; B's waits while A's push was in flight."""
    store.CHUNK = chunk
    with LiveHub(f"sqlite:///{folder / 'hub.sqlite'}", max_body=4_000_000, limits=p.Limits.for_events(100_000)) as live:
        a_sid, a_token = enroll(live, "A 站")
        b_sid, b_token = enroll(live, "B 站")
        b_events = chain(2000, tag="b")
        waits: list[float] = []
        done = threading.Event()
        a_result: dict[str, float] = {}

        def big() -> None:
            started = time.monotonic()
            answer = push(live, a_sid, a_token, big_body)
            a_result.update(seconds=time.monotonic() - started, status=answer.status_code,
                            acked=float(answer.json().get("acked_seq", 0)))
            done.set()

        thread = threading.Thread(target=big)
        thread.start()
        time.sleep(0.5)  # A's body is on its way / being unpacked
        at = 0
        while not done.is_set() and at + SMALL <= len(b_events):
            body = p.pack(p.encode_batch(b_events[at:at + SMALL]))
            started = time.monotonic()
            answer = push(live, b_sid, b_token, body, timeout=300)
            waits.append(time.monotonic() - started)  # begun while A's push was in flight
            if answer.status_code != 200:
                raise SystemExit(f"station B's push was refused: {answer.status_code} {answer.text[:200]}")
            at += SMALL
        thread.join()
        if a_result.get("status") != 200 or a_result.get("acked") != BIG:
            raise SystemExit(f"station A's push did not go in whole: {a_result}")
    return {"longest": max(waits), "p99": pct(waits, 99), "pushes": len(waits), "a_seconds": a_result["seconds"]}


def main() -> int:
    goals = Goals("bench_hub_contention")
    print(f"making {BIG} events for station A ...")
    big_body = p.pack(p.encode_batch(chain(BIG)))
    print(f"A's push: {BIG} events, {len(big_body) / 1000:.0f} kB of gzip")
    chunk = store.CHUNK
    runs = []
    for n in range(RUNS):
        with tempfile.TemporaryDirectory(prefix="vs-contention-") as folder:
            runs.append(one_run(Path(folder), big_body, chunk))
        print(f"  run {n + 1}: B's longest wait {runs[-1]['longest']:.3f} s, p99 {runs[-1]['p99']:.3f} s, "
              f"{runs[-1]['pushes']:.0f} pushes of B while A's took {runs[-1]['a_seconds']:.1f} s")
    with tempfile.TemporaryDirectory(prefix="vs-contention-") as folder:
        baseline = one_run(Path(folder), big_body, 10**9)
    store.CHUNK = chunk
    longest = spread([r["longest"] for r in runs])
    print(f"\nB's longest wait for a push while A's {BIG}-event push was stored")
    print(f"  transactions of {chunk} events, writers in turn: {longest.show(' s', 3)}")
    print(f"  baseline, the whole push in one transaction:   {baseline['longest']:.3f} s "
          f"(A's push took {baseline['a_seconds']:.1f} s)")
    print(f"  A's push itself: {spread([r['a_seconds'] for r in runs]).show(' s', 1)} "
          f"= {BIG / spread([r['a_seconds'] for r in runs]).median:,.0f} events/s")
    with tempfile.TemporaryDirectory(prefix="vs-contention-") as folder, \
            LiveHub(f"sqlite:///{Path(folder) / 'hub.sqlite'}") as default:
        sid, token = enroll(default, "A 站")
        started = time.monotonic()
        refused = push(default, sid, token, big_body)
        print(f"  the default hub (max {p.MAX_BODY} bytes, {p.MAX_EVENTS} events a push): {refused.status_code} "
              f"{refused.json().get('error')} in {time.monotonic() - started:.3f} s")
    goals.check(f"B never waits more than {GOAL_S} s for a push during A's (worst run {longest.high:.3f} s)",
                longest.high <= GOAL_S)
    goals.check(f"the default hub refuses the {BIG}-event push (413)", refused.status_code == 413)
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
