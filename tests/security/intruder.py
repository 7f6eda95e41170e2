"""The intruders of the hub's security tests, and how their attacks are measured.

`Intruder` holds a station's token (a stolen PC, a copied station file, a hostile or buggy
station) and pushes whatever events it likes, chained properly onto what the hub holds: the
hub must treat its words as a station's claims, never as orders.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests

from station_app.core.events import Event, chain_hash
from sync import protocol as p
from sync.testing.live_hub import LiveHub

H = {p.HEADER_PROTOCOL: str(p.PROTOCOL)}
MB = 1024 * 1024


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def hlc_of(station_time: str, counter: int = 0) -> str:
    return f"{p.ms_of(station_time):013d}.{counter:05d}"


@dataclass
class Intruder:
    live: LiveHub
    station_id: str
    token: str
    n: int = 0

    @property
    def headers(self) -> dict[str, str]:
        return {**H, "Authorization": f"Bearer {self.token}"}

    def head(self) -> tuple[int, str]:
        """Where the hub's copy of the station's chain ends: (acked seq, its hash)."""
        status = requests.get(f"{self.live.url}/v1/stations/{self.station_id}/status", headers=self.headers, timeout=10)
        assert status.status_code == 200, status.text
        body = status.json()
        return int(body["acked_seq"]), str(body["head_hash"])

    def events(self, specs: list[tuple[str, str, dict[str, Any]]]) -> list[Event]:
        """Events of the given (kind, entity id, payload), chained onto the hub's copy."""
        seq, prev = self.head()
        out = []
        for kind, entity_id, payload in specs:
            seq += 1
            self.n += 1
            at = now_iso()
            partial = Event(seq, f"forged-{self.n}", kind, entity_id, payload, "op-1", at, hlc_of(at, self.n), prev, "")
            ev = Event(**{**partial.__dict__, "hash": chain_hash(prev, partial.body())})
            out.append(ev)
            prev = ev.hash
        return out

    def push(self, specs: list[tuple[str, str, dict[str, Any]]]) -> requests.Response:
        return self.post_body(p.pack(p.encode_batch(self.events(specs))))

    def post_body(self, body: bytes, headers: dict[str, str] | None = None, timeout: float = 30) -> requests.Response:
        head = {**self.headers, "Content-Encoding": "gzip", "Content-Type": "application/json", **(headers or {})}
        return requests.post(f"{self.live.url}/v1/stations/{self.station_id}/events", data=body, headers=head,
                             timeout=timeout)


def enroll_raw(live: LiveHub, name: str, village: str = "幸福村", proof: str = "the station's own secret") -> Intruder:
    """A station enrolled over HTTP, as an `Intruder` holding its token."""
    assert live.hub is not None
    station_id, code = live.hub.enroll_code(name, village)
    answer = requests.post(f"{live.url}/v1/enroll", json={"code": code, "proof": proof}, headers=H, timeout=10)
    assert answer.status_code == 200, answer.text
    return Intruder(live, station_id, answer.json()["token"])


def gzip_bomb(inflated: int) -> bytes:
    """A valid-looking gzip body that inflates to `inflated` bytes of JSON (a push of nothing but a
    huge string), packed to a few kB."""
    head = b'{"s":1,"p":"' + b"0" * 64 + b'","h":"x","pad":"'
    return gzip.compress(head + b"a" * (inflated - len(head) - 2) + b'"}', 9)


@contextlib.contextmanager
def memory_peak() -> Iterator[dict[str, float]]:
    """The peak of Python memory (every thread of this process, the in-process hub included)
    above what was in use when the block began, in MB: `{"peak_mb": ...}` after the block."""
    out: dict[str, float] = {}
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    tracemalloc.reset_peak()
    idle = tracemalloc.get_traced_memory()[0]
    try:
        yield out
    finally:
        out["peak_mb"] = (tracemalloc.get_traced_memory()[1] - idle) / MB
        if started:
            tracemalloc.stop()


def stored_rows(live: LiveHub) -> dict[str, Any]:
    """What the hub stores of stations' chains (events, county changes, placements, flags, where
    each chain ends), to compare before and after a refusal."""
    from sqlalchemy import select

    from sync.hub.db import changes, events, flags, placements, reading, stations

    assert live.hub is not None
    with reading(live.hub.engine) as conn:
        out = {t.name: sorted(json.dumps(list(r), default=str) for r in conn.execute(select(t)))
               for t in (events, changes, placements, flags)}
        out["stations"] = sorted(json.dumps(list(r)) for r in conn.execute(
            select(stations.c.id, stations.c.acked_seq, stations.c.head_hash, stations.c.instance_id)))
    return out
