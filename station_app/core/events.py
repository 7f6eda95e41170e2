"""The event chain: the audit trail, the sync outbox and the source of truth.

A core action validates its input, then inside one transaction calls `record()`, which
applies the event to the state tables (through the applier for its kind, from the table the
service hands over: its own `APPLY`) and appends it to `events` with the next gap-free `seq`
and `hash = sha256(prev_hash || canonical JSON of the row)`. History is never updated:
a correction is a new event.

This module imports no service: each service passes its appliers to `record`, and
`core.replay` is the one place that gathers every service's table (for rebuilds and county
events).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from json.encoder import encode_basestring
from typing import Any

from station_app.clock import CLOCK_WARNING_MS, EARLIEST_TRUE_MS, iso
from station_app.db import Store
from station_app.db.store import Row
from station_app.ids import new_id

GENESIS = "0" * 64
SYSTEM = "system"  # operator id for events no person made (county data applied by sync)


@dataclass(frozen=True)
class Event:
    seq: int
    id: str
    kind: str
    entity_id: str
    payload: dict[str, Any]
    operator_id: str
    station_time: str
    hlc: str
    prev_hash: str
    hash: str

    def body(self) -> dict[str, Any]:
        """The fields the hash covers (everything but the hashes themselves)."""
        return {
            "seq": self.seq,
            "id": self.id,
            "kind": self.kind,
            "entity_id": self.entity_id,
            "payload": self.payload,
            "operator_id": self.operator_id,
            "station_time": self.station_time,
            "hlc": self.hlc,
        }

    @property
    def service(self) -> str:
        return self.kind.split(".", 1)[0]


def canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, body: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(body)).encode("utf-8")).hexdigest()


#: the one function per event kind that updates the state tables (deterministic: everything
#: comes from the event)
Applier = Callable[[Store, "Event"], None]


def from_row(row: Row) -> Event:
    return Event(
        seq=row["seq"],
        id=row["id"],
        kind=row["kind"],
        entity_id=row["entity_id"],
        payload=json.loads(row["payload"]),
        operator_id=row["operator_id"],
        station_time=row["station_time"],
        hlc=row["hlc"],
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


#: how far the last stamp may be ahead of the best-estimated time (PC clock + hub offset) and
#: still be followed; a stamp further ahead was made by a wrong clock (a PC set to 2099) and is
#: never adopted as "now": the next event takes the clock's time again (`stamped_ahead` lists it)
HLC_MAX_AHEAD_MS = CLOCK_WARNING_MS
#: while the clock reads before a time known to have passed (a flat CMOS battery: 2009), the last
#: stamp is the better estimate and is followed, unless it is further than this past that time
HLC_MAX_PAST_FLOOR_MS = 20 * 365 * 24 * 3600 * 1000


def next_hlc(last: str | None, now_ms: int, floor_ms: int = EARLIEST_TRUE_MS) -> str:
    """Hybrid logical clock for the next event, given the best-estimated time `now_ms` and a
    time `floor_ms` known to have passed (`Clock.floor_ms`).

    It does not go backwards when the PC clock steps back a little (the hub's offset changing)
    or falls back to 2009 (then the clock is wrong for sure, and the last stamp is followed).
    But while the clock reads a possible time, a stamp far ahead of it is not followed: one
    event stamped by a PC set to 2099 cannot pin every later event to 2099."""
    if last:
        last_ms, last_n = (int(p) for p in last.split("."))
        if now_ms <= last_ms:
            clock_wrong = now_ms < floor_ms
            if last_ms <= now_ms + HLC_MAX_AHEAD_MS or (clock_wrong and last_ms <= floor_ms + HLC_MAX_PAST_FLOOR_MS):
                return f"{last_ms:013d}.{last_n + 1:05d}"
            return f"{max(now_ms, floor_ms if clock_wrong else 0):013d}.00000"
    return f"{max(now_ms, 0):013d}.00000"


@dataclass(frozen=True)
class StampedAhead:
    """Events stamped later than now by more than `HLC_MAX_AHEAD_MS` (a wrong PC clock)."""

    count: int
    first_seq: int
    latest_ms: int  # the furthest stamp, in ms


def stamped_ahead(db: Store, now_ms: int) -> StampedAhead | None:
    """Events whose stamp is further ahead of `now_ms` than a clock could be right (uses the
    `events_hlc` index), or None."""
    low = f"{now_ms + HLC_MAX_AHEAD_MS:013d}"
    row = db.row("SELECT count(*) AS n, min(seq) AS first, max(hlc) AS latest FROM events WHERE hlc > ?", (low,))
    if row is None or not row["n"]:
        return None
    return StampedAhead(int(row["n"]), int(row["first"]), hlc_ms(row["latest"]))


def hlc_ms(hlc: str) -> int:
    return int(hlc.split(".")[0])


def record(db: Store, operator_id: str, kind: str, entity_id: str, payload: dict[str, Any], *,
           appliers: Mapping[str, Applier]) -> Event:
    """Apply one event through `appliers[kind]` (the recording service's `APPLY`) and append it
    to the chain. Call inside `db.transaction()`; RuntimeError outside one, ValueError for a
    kind the table has no applier for."""
    if not db.in_transaction:
        raise RuntimeError("record() must run inside db.transaction()")
    try:
        apply = appliers[kind]
    except KeyError:
        raise ValueError(f"no applier for event kind {kind!r} in the table given") from None
    last = db.row("SELECT seq, hash, hlc FROM events ORDER BY seq DESC LIMIT 1")
    seq, prev_hash, last_hlc = (last["seq"] + 1, last["hash"], last["hlc"]) if last else (1, GENESIS, None)
    # json round trip so the applier sees exactly what a rebuild will see
    payload = json.loads(canonical(payload))
    partial = Event(
        seq=seq,
        id=new_id(),
        kind=kind,
        entity_id=entity_id,
        payload=payload,
        operator_id=operator_id,
        station_time=iso(db.clock.pc_now()),
        hlc=next_hlc(last_hlc, db.clock.now_ms(), db.clock.floor_ms()),
        prev_hash=prev_hash,
        hash="",
    )
    event = replace(partial, hash=chain_hash(prev_hash, partial.body()))
    apply(db, event)
    append(db, event)
    return event


def append(db: Store, event: Event) -> None:
    """Store an already-built event row verbatim (used by `record` and by rebuilds)."""
    db.execute(
        "INSERT INTO events (seq, id, kind, entity_id, payload, operator_id, station_time, hlc, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.seq,
            event.id,
            event.kind,
            event.entity_id,
            canonical(event.payload),
            event.operator_id,
            event.station_time,
            event.hlc,
            event.prev_hash,
            event.hash,
        ),
    )
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('chain_head', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (f"{event.seq}:{event.hash}",),
    )


def verify_chain(db: Store, *, after: str | None = None) -> list[str]:
    """Problems found in the chain (empty when intact): edited, deleted or reordered rows.

    `after` ("seq:hash", where an earlier check found the chain intact) verifies only the
    events after it, and that the event there still carries that hash: what start-up checks
    (`core.health.before_use`); the whole chain is `station-app check`'s."""
    problems: list[str] = []
    expected_seq, prev = 1, GENESIS
    if after:
        seq_text, _, mark = after.partition(":")
        at = db.row("SELECT seq, hash FROM events WHERE seq = ?", (int(seq_text),))
        if at is None or at["hash"] != mark:
            problems.append(f"event {seq_text}: changed or removed since the chain was last checked")
            return problems
        expected_seq, prev = int(seq_text) + 1, mark
    for row in db.execute("SELECT seq, id, kind, entity_id, payload, operator_id, station_time, hlc, prev_hash, hash "
                          "FROM events WHERE seq >= ? ORDER BY seq", (expected_seq,)):
        if row[0] == expected_seq and row[8] == prev and _stored_hash(row) == row[9]:
            expected_seq, prev = row[0] + 1, row[9]  # the common case, without parsing the payload
            continue
        try:
            ev = from_row(row)
        except (ValueError, TypeError) as exc:
            problems.append(f"event {row['seq']}: unreadable ({exc})")
            break
        if ev.seq != expected_seq:
            problems.append(f"event {expected_seq} is missing (next is {ev.seq})")
        if ev.prev_hash != prev:
            problems.append(f"event {ev.seq}: does not follow the event before it")
        if chain_hash(ev.prev_hash, ev.body()) != ev.hash:
            problems.append(f"event {ev.seq}: content was changed after it was written")
        expected_seq, prev = ev.seq + 1, ev.hash
    head = db.value("SELECT value FROM meta WHERE key = 'chain_head'")
    last = f"{expected_seq - 1}:{prev}" if expected_seq > 1 else None
    if head != last:
        problems.append(f"the chain ends at {last or 'nothing'} but was last written at {head}")
    return problems


def _stored_hash(row: Row) -> str | None:
    """The chain hash of an events row read as stored: the canonical body put together from the
    row's text (`append` stores the payload canonical), without parsing it. None when a field is
    not of its type; a payload stored in another form than canonical gives another hash (the
    caller then checks the row the slow way)."""
    seq, id_, kind, entity, payload, operator, station_time, hlc, prev = tuple(row)[:9]
    if not (type(seq) is int and isinstance(payload, str) and isinstance(prev, str)):
        return None
    try:
        body = (f'{{"entity_id":{_quote(entity)},"hlc":{_quote(hlc)},"id":{_quote(id_)},"kind":{_quote(kind)},'
                f'"operator_id":{_quote(operator)},"payload":{payload},"seq":{seq},'
                f'"station_time":{_quote(station_time)}}}')
    except TypeError:
        return None
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def _quote(text: str) -> str:
    if type(text) is not str:
        raise TypeError(text)
    return _encode_string(text)


_encode_string = encode_basestring  # what json.dumps(ensure_ascii=False) writes for a str


def last_seq(db: Store) -> int:
    return int(db.value("SELECT max(seq) FROM events", default=0))


def events_after(db: Store, seq: int, limit: int | None = None) -> list[Event]:
    sql = "SELECT * FROM events WHERE seq > ? ORDER BY seq"
    params: list[Any] = [seq]
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [from_row(r) for r in db.rows(sql, params)]
