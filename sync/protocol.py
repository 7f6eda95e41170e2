"""The station ↔ county-hub protocol: shapes and encodings both ends share (DESIGN §6).

Version: every request carries `X-Sync-Protocol`; a hub that does not speak it answers
426 with `{"error": "upgrade"}` and the station asks for an update (never a crash).

Push body (gzip of compact JSON, short keys because every byte counts on 2G):

    {"s": first seq, "p": prev_hash of the first event, "h": hash of the last event,
     "i": the file's instance id, "a": [[hub_seq, after_seq], ...],
     ...the events in columns (`sync.codec`)}

Per-event hashes are not sent: the hub recomputes the chain from `p` and must arrive at
`h`, which proves every event arrived exactly as the station wrote it (any change to
any event changes the last hash). `a` tells the hub after which station event each
county change was applied, so a station restored from the hub folds them in the same
order (`core.replay.rebuild`). The hub sends a station's own events back (a restore) in
the same shape.

Evidence files (on-site photos the subsidy audit needs) follow the records that name them,
content-addressed by sha256: `POST /v1/evidence/missing` with a JSON list of digests answers
which of them the hub lacks for this station; `PUT /v1/evidence/{sha256}` carries one file's
raw bytes (at most MAX_EVIDENCE, else 413); the hub hashes them again and refuses a file that
does not match its name (400 `digest_mismatch`), and stores each once (201 new, 200 held).

Answers are JSON objects; only an answer with the expected fields counts as success.
Errors: `{"error": code, "message": English text, "hub_time": ..., ...}`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from json.encoder import encode_basestring
from typing import Any

from station_app.clock import SHANGHAI, parse_iso
from station_app.core.events import Event, canonical
from sync import codec
from sync.codec import Malformed as Malformed
from sync.codec import iso_ms as iso_ms
from sync.codec import ms_of as ms_of
from sync.codec import time_ms as time_ms

PROTOCOL = 1
SUPPORTED = (1,)  # versions this hub accepts
HEADER_PROTOCOL = "X-Sync-Protocol"
HEADER_STATION_TIME = "X-Station-Time"
MAX_BODY = 1_000_000  # bytes of gzip a push may carry
MAX_INFLATED = 4_000_000  # bytes it may inflate to (a gzip bomb is refused while it is unpacked)
MAX_PAGE = 1000  # events or changes per page
# What one push may hold, checked before the work it would cause (DESIGN §8: bodies and batches
# are bounded). A station sends at most 2000 events (`sync.client.BatchSize`), about 300 kB of JSON.
MAX_EVENTS = 5000  # events per push
MAX_KINDS = 300  # kinds of event per push
MAX_PLACEMENTS = 50_000  # [hub_seq, after_seq] pairs per push
MAX_VALUES = 400_000  # JSON values (commas, colons, brackets) per body
MAX_CONTAINERS = 60_000  # JSON arrays and objects per body
MAX_DEPTH = 32  # nesting of arrays and objects (a station's batch nests 10 deep)
MAX_DECODED = 8_000_000  # characters of the events once decoded (columns may repeat a column)
MAX_SEQ = 2**53 - 1  # a seq, hub seq or cursor (exact in JSON everywhere)
MAX_INT = 2**63 - 1  # any integer in a body (a BIGINT column holds no more)
FIELD_MAX = {"id": 40, "kind": 60, "entity_id": 80, "operator_id": 40, "station_time": 30, "hlc": 30}
MAX_INSTANCE = 40  # characters of a station file's instance id
MAX_EVIDENCE = 25 * 1024 * 1024  # bytes of one evidence file (a photo: core.training.MAX_PHOTO_BYTES)
MAX_ASK = 1000  # sha256 digests per "which files do you lack" question

# error codes: the hub sends them, the station maps each to a message a person can act on
MALFORMED, TOO_LARGE, UPGRADE = "malformed", "too_large", "upgrade"
BAD_TOKEN, WRONG_STATION = "bad_token", "wrong_station"
FORK, BROKEN_CHAIN, GAP = "fork", "broken_chain", "gap"
BAD_CODE = "bad_code"
DIGEST_MISMATCH = "digest_mismatch"  # an evidence file's bytes do not hash to the name it was sent under

# payload keys that hold money (integer fen) for reconcile totals
MAX_MONEY = 10**12  # fen: beyond any real amount (core.money.MAX_FEN is 10^8), far below a BIGINT
MONEY_KEYS = frozenset({"amount", "fee", "price", "total", "paid", "refund", "cod"})


class TooLarge(ValueError):
    """A body over the size limit, packed or unpacked."""


@dataclass(frozen=True)
class Limits:
    """What one push may hold (the defaults above; `for_events` scales them for a hub that
    takes larger pushes, `station-hub serve --max-events`)."""

    events: int = MAX_EVENTS
    inflated: int = MAX_INFLATED
    values: int = MAX_VALUES
    containers: int = MAX_CONTAINERS
    decoded: int = MAX_DECODED
    cells: int = codec.MAX_CELLS

    @classmethod
    def for_events(cls, events: int) -> Limits:
        factor = max(1.0, events / MAX_EVENTS)
        return cls(events, int(MAX_INFLATED * factor), int(MAX_VALUES * factor), int(MAX_CONTAINERS * factor),
                   int(MAX_DECODED * factor), int(codec.MAX_CELLS * factor))


LIMITS = Limits()


@dataclass(frozen=True)
class Batch:
    """Events as they travel: consecutive seqs from `first_seq`, chained from `prev_hash`."""

    first_seq: int
    prev_hash: str
    last_hash: str
    events: list[Event]
    instance_id: str = ""
    placements: list[tuple[int, int]] = field(default_factory=list)
    # what `decode_batch` worked out on the way, kept so the hub stores it without working it out
    # again: each event's payload as canonical JSON (the text its hash covers) and its day
    # (`day_of`). Empty for a batch made some other way.
    payload_texts: list[str] = field(default_factory=list)
    days: list[str] = field(default_factory=list)

    @property
    def last_seq(self) -> int:
        return self.first_seq + len(self.events) - 1


# -- bodies ---------------------------------------------------------------------------


def pack(obj: Any) -> bytes:
    """gzip of compact JSON (UTF-8, Chinese kept as is: fewer bytes than \\u escapes)."""
    return gzip.compress(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 9)


class Inflater:
    """A gzip body inflated piece by piece as it arrives: past `max_inflated` bytes it raises
    TooLarge at once, having held no more than that (a bomb is never unpacked whole)."""

    def __init__(self, max_inflated: int = MAX_INFLATED) -> None:
        self.max_inflated = max_inflated
        self._inflater = zlib.decompressobj(wbits=31)
        self._out = bytearray()

    def feed(self, chunk: bytes) -> None:
        """Inflate one more piece. Raises Malformed (not gzip, bytes after the end) or TooLarge."""
        data = chunk
        while data:
            if self._inflater.eof:
                if data.strip(b"\0"):
                    raise Malformed("bytes after the gzip stream")
                return
            try:
                self._out += self._inflater.decompress(data, self.max_inflated + 1 - len(self._out))
            except zlib.error as exc:
                raise Malformed(f"not gzip: {exc}") from None
            if len(self._out) > self.max_inflated:
                raise TooLarge(f"inflates to more than {self.max_inflated} bytes")
            data = self._inflater.unconsumed_tail or self._inflater.unused_data

    def result(self) -> bytes:
        """The whole inflated body. Raises Malformed when the gzip stream did not end."""
        if not self._inflater.eof:
            raise Malformed("gzip stream is truncated")
        return bytes(self._out)


def unpack(body: bytes, *, max_inflated: int | None = None, limits: Limits = LIMITS) -> Any:
    """Inflate and parse a gzip JSON body. Raises Malformed (truncated, corrupt) or TooLarge."""
    inflater = Inflater(limits.inflated if max_inflated is None else max_inflated)
    inflater.feed(body)
    return parse(inflater.result(), limits)


def parse(raw: bytes, limits: Limits = LIMITS) -> Any:
    """Parse a JSON body within the limits: at most `limits.values` values and `limits.containers`
    arrays and objects (counted before parsing, from the bytes), nested at most MAX_DEPTH deep,
    integers within MAX_INT, finite numbers, text that is valid Unicode. Raises Malformed or
    TooLarge."""
    containers = raw.count(b"[") + raw.count(b"{")
    if containers > limits.containers or containers + raw.count(b",") + raw.count(b":") > limits.values:
        raise TooLarge(f"more than {limits.values} values or {limits.containers} arrays and objects")
    try:
        obj = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError:
        raise Malformed(f"nested more than {MAX_DEPTH} deep") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise Malformed(f"not JSON: {exc}") from None
    check_value(obj)
    return obj


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_value(obj: Any, max_depth: int = MAX_DEPTH) -> None:
    """Refuse (Malformed) a parsed JSON value nested deeper than `max_depth`, with an integer
    beyond MAX_INT, a number that is not finite, or text with a lone surrogate (which no
    database column can hold). Walks with one iterator per level (memory: the depth)."""
    stack: list[Iterator[Any]] = [iter((obj,))]
    while stack:
        value = next(stack[-1], _END)
        if value is _END:
            stack.pop()
        elif isinstance(value, str):
            if _SURROGATE.search(value):
                raise Malformed("text that is not valid Unicode")
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if not -MAX_INT <= value <= MAX_INT:
                raise Malformed(f"a number beyond {MAX_INT}")
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise Malformed("a number that is not finite")
        elif len(stack) >= max_depth:
            raise Malformed(f"nested more than {max_depth} deep")
        elif isinstance(value, list):
            stack.append(iter(value))
        elif isinstance(value, dict):
            if any(_SURROGATE.search(key) for key in value):
                raise Malformed("text that is not valid Unicode")
            stack.append(iter(value.values()))


_END = object()


def encode_batch(events: list[Event], *, instance_id: str = "", placements: list[tuple[int, int]] | None = None) -> dict[str, Any]:
    """The push body (before packing) for consecutive events; see `sync.codec` for the columns."""
    if not events:
        raise ValueError("an empty batch")
    obj: dict[str, Any] = {"s": events[0].seq, "p": events[0].prev_hash, "h": events[-1].hash, **codec.encode(events)}
    if instance_id:
        obj["i"] = instance_id
    if placements:
        obj["a"] = [list(pl) for pl in placements]
    return obj


def decode_batch(obj: Any, limits: Limits = LIMITS) -> Batch:
    """A push body as a Batch with every hash recomputed along the chain from `p`. Raises
    Malformed for any bad shape (or a field a hub column cannot hold), TooLarge past the limits
    (events, MAX_KINDS, MAX_PLACEMENTS, decoded size); whether the chain holds (`last_hash`)
    is for the caller."""
    if not isinstance(obj, dict):
        raise Malformed("the body must be a JSON object")
    s, prev, h = obj.get("s"), obj.get("p"), obj.get("h")
    if not (isinstance(s, int) and not isinstance(s, bool) and 1 <= s <= MAX_SEQ and isinstance(prev, str)
            and isinstance(h, str)):
        raise Malformed("s, p and h are required")
    if len(prev) > 64 or len(h) > 64:
        raise Malformed("p and h must be sha256 hashes")
    placements = obj.get("a", [])
    if not (isinstance(placements, list)
            and all(isinstance(x, list) and len(x) == 2 and all(_is_int(v) and 0 <= v <= MAX_SEQ for v in x)
                    for x in placements)):
        raise Malformed("a must be a list of [hub_seq, after_seq]")
    if len(placements) > MAX_PLACEMENTS:
        raise TooLarge(f"more than {MAX_PLACEMENTS} placements in one push")
    instance = obj.get("i", "")
    if not isinstance(instance, str) or len(instance) > MAX_INSTANCE or "\0" in instance:
        raise Malformed(f"i must be text of at most {MAX_INSTANCE} characters")
    order, kinds = obj.get("o"), obj.get("k")
    if isinstance(order, list) and len(order) > limits.events:
        raise TooLarge(f"more than {limits.events} events in one push")
    if isinstance(kinds, list) and len(kinds) > MAX_KINDS:
        raise TooLarge(f"more than {MAX_KINDS} kinds of event in one push")
    if isinstance(order, list) and s + len(order) - 1 > MAX_SEQ:
        raise Malformed(f"seq beyond {MAX_SEQ}")
    events: list[Event] = []
    texts: list[str] = []
    days: list[str] = []
    decoded = 0
    for seq, ev_id, kind, entity_id, payload, operator_id, station_time, hlc in codec.decode(obj, s, limits.cells):
        partial = Event(seq, ev_id, kind, entity_id, payload, operator_id, station_time, hlc, prev, "")
        days.append(_check_fields(partial))
        payload_text = canonical(payload)
        text = body_text(partial, payload_text)
        decoded += len(text)
        if decoded > limits.decoded:
            raise TooLarge(f"the events decode to more than {limits.decoded} characters")
        prev = _hash_after(prev, text)
        events.append(Event(seq, ev_id, kind, entity_id, payload, operator_id, station_time, hlc, partial.prev_hash, prev))
        texts.append(payload_text)
    return Batch(s, obj["p"], h, events, instance, [(a, b) for a, b in placements], texts, days)


_quoted = encode_basestring  # a JSON string as `canonical` writes it (ensure_ascii=False)


def body_text(ev: Event, payload_text: str) -> str:
    """`canonical(ev.body())`, given the canonical text of its payload (so the payload, most of
    the work, is written once and the hub stores that same text). The keys in sorted order."""
    return (f'{{"entity_id":{_quoted(ev.entity_id)},"hlc":{_quoted(ev.hlc)},"id":{_quoted(ev.id)},'
            f'"kind":{_quoted(ev.kind)},"operator_id":{_quoted(ev.operator_id)},"payload":{payload_text},'
            f'"seq":{int(ev.seq)},"station_time":{_quoted(ev.station_time)}}}')


def _hash_after(prev_hash: str, text: str) -> str:
    """`core.events.chain_hash(prev_hash, body)` for the body whose canonical JSON is `text`
    (computed once here: its length is counted against MAX_DECODED)."""
    return hashlib.sha256((prev_hash + text).encode("utf-8")).hexdigest()


def _check_fields(ev: Event) -> str:
    """The event's own fields fit the hub's columns: lengths, no NUL, a time the hub can file
    under a day. Returns that day; raises Malformed."""
    for name, longest in FIELD_MAX.items():
        value = getattr(ev, name)
        if len(value) > longest or "\0" in value or (name == "kind" and not value):
            raise Malformed(f"event {ev.seq}: {name} must be text of 1 to {longest} characters without NUL")
    try:
        return day_of(ev.hlc, ev.station_time)
    except (ValueError, OverflowError, OSError):
        raise Malformed(f"event {ev.seq}: station time {ev.station_time[:30]!r} is not a time") from None


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


# -- reconcile ------------------------------------------------------------------------


def day_of(hlc: str, station_time: str = "") -> str:
    """The Shanghai calendar day an event belongs to, by its HLC (hub-corrected, monotone)."""
    parts = codec.hlc_parts(hlc)
    if parts is None:
        return parse_iso(station_time).astimezone(SHANGHAI).date().isoformat()
    return datetime.fromtimestamp(parts[0] // 1000, UTC).astimezone(SHANGHAI).date().isoformat()


def day_bounds(first_day: str, last_day: str) -> tuple[str, str]:
    """HLC text bounds [low, high) covering whole Shanghai days (HLCs compare as text)."""
    start = datetime.fromisoformat(first_day).replace(tzinfo=SHANGHAI)
    end = datetime.fromisoformat(last_day).replace(tzinfo=SHANGHAI) + timedelta(days=1)
    return f"{int(start.timestamp()) * 1000:013d}", f"{int(end.timestamp()) * 1000:013d}"


def money_keys(payload: dict[str, Any]) -> tuple[str, ...]:
    """The payload's keys that hold money: MONEY_KEYS and any key ending in `_fen`."""
    keys = tuple(payload)
    found = _money_keys.get(keys)
    if found is None:
        found = tuple(k for k in keys if k in MONEY_KEYS or k.endswith("_fen"))
        if sum(map(len, keys)) <= 2000:  # kept small: a station chooses its payloads' keys
            if len(_money_keys) >= 1024:  # a few dozen kinds of event have a few shapes each; the rest is noise
                _money_keys.clear()
            _money_keys[keys] = found
    return found


_money_keys: dict[tuple[str, ...], tuple[str, ...]] = {}  # a payload's keys, in order -> its money keys


def money_of(payload: dict[str, Any]) -> int:
    """The money an event moves, for reconcile totals: its integer-fen amount fields (an amount
    beyond MAX_MONEY counts nothing: the hub flags it, and the sum fits a BIGINT)."""
    total = 0
    for key in money_keys(payload):
        value = payload[key]
        if _is_int(value) and -MAX_MONEY <= value <= MAX_MONEY:
            total += value
    return total


Tally = dict[tuple[str, str], tuple[int, int]]  # (day, kind) -> (count, money)


def tally(events: list[Event]) -> Tally:
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for ev in events:
        key = (day_of(ev.hlc, ev.station_time), ev.kind)
        count, money = out.get(key, (0, 0))
        out[key] = (count + 1, money + money_of(ev.payload))
    return out


def tally_rows(t: Tally) -> list[list[Any]]:
    return [[day, kind, count, money] for (day, kind), (count, money) in sorted(t.items())]


def tally_from_rows(rows: Any) -> Tally:
    if not isinstance(rows, list):
        raise Malformed("days must be a list")
    out: Tally = {}
    for row in rows:
        if not (isinstance(row, list) and len(row) == 4):
            raise Malformed("a day row has the wrong shape")
        out[(str(row[0]), str(row[1]))] = (int(row[2]), int(row[3]))
    return out


def mismatched_days(station: Tally, hub: Tally) -> list[str]:
    days = {d for d, _ in station} | {d for d, _ in hub}
    return sorted(d for d in days
                  if {k: v for k, v in station.items() if k[0] == d} != {k: v for k, v in hub.items() if k[0] == d})
