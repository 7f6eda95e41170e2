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
import json
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from station_app.clock import SHANGHAI, parse_iso
from station_app.core.events import Event, chain_hash
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
MAX_INFLATED = 16_000_000  # bytes it may inflate to (a gzip bomb is refused, not unpacked)
MAX_PAGE = 1000  # events or changes per page
MAX_EVIDENCE = 25 * 1024 * 1024  # bytes of one evidence file (a photo: core.training.MAX_PHOTO_BYTES)
MAX_ASK = 1000  # sha256 digests per "which files do you lack" question

# error codes: the hub sends them, the station maps each to a message a person can act on
MALFORMED, TOO_LARGE, UPGRADE = "malformed", "too_large", "upgrade"
BAD_TOKEN, WRONG_STATION = "bad_token", "wrong_station"
FORK, BROKEN_CHAIN, GAP = "fork", "broken_chain", "gap"
BAD_CODE = "bad_code"
DIGEST_MISMATCH = "digest_mismatch"  # an evidence file's bytes do not hash to the name it was sent under

# payload keys that hold money (integer fen) for reconcile totals
MONEY_KEYS = frozenset({"amount", "fee", "price", "total", "paid", "refund", "cod"})


class TooLarge(ValueError):
    """A body over the size limit, packed or unpacked."""


@dataclass(frozen=True)
class Batch:
    """Events as they travel: consecutive seqs from `first_seq`, chained from `prev_hash`."""

    first_seq: int
    prev_hash: str
    last_hash: str
    events: list[Event]
    instance_id: str = ""
    placements: list[tuple[int, int]] = field(default_factory=list)

    @property
    def last_seq(self) -> int:
        return self.first_seq + len(self.events) - 1


# -- bodies ---------------------------------------------------------------------------


def pack(obj: Any) -> bytes:
    """gzip of compact JSON (UTF-8, Chinese kept as is: fewer bytes than \\u escapes)."""
    return gzip.compress(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 9)


def unpack(body: bytes, *, max_inflated: int = MAX_INFLATED) -> Any:
    """Inflate and parse a gzip JSON body. Raises Malformed (truncated, corrupt) or TooLarge."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        raw = inflater.decompress(body, max_inflated + 1)
    except zlib.error as exc:
        raise Malformed(f"not gzip: {exc}") from None
    if len(raw) > max_inflated:
        raise TooLarge(f"inflates to more than {max_inflated} bytes")
    if not inflater.eof:
        raise Malformed("gzip stream is truncated")
    if inflater.unused_data.strip(b"\0"):
        raise Malformed("bytes after the gzip stream")
    return parse(raw)


def parse(raw: bytes) -> Any:
    """Parse a JSON body. Raises Malformed."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Malformed(f"not JSON: {exc}") from None


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


def decode_batch(obj: Any) -> Batch:
    """A push body as a Batch with every hash recomputed along the chain from `p`. Raises
    Malformed for any bad shape; whether the chain holds (`last_hash`) is for the caller."""
    if not isinstance(obj, dict):
        raise Malformed("the body must be a JSON object")
    s, prev, h = obj.get("s"), obj.get("p"), obj.get("h")
    if not (isinstance(s, int) and s >= 1 and isinstance(prev, str) and isinstance(h, str)):
        raise Malformed("s, p and h are required")
    placements = obj.get("a", [])
    if not (isinstance(placements, list)
            and all(isinstance(x, list) and len(x) == 2 and all(isinstance(v, int) for v in x) for x in placements)):
        raise Malformed("a must be a list of [hub_seq, after_seq]")
    instance = obj.get("i", "")
    if not isinstance(instance, str):
        raise Malformed("i must be text")
    events: list[Event] = []
    for seq, ev_id, kind, entity_id, payload, operator_id, station_time, hlc in codec.decode(obj, s):
        partial = Event(seq, ev_id, kind, entity_id, payload, operator_id, station_time, hlc, prev, "")
        ev = Event(**{**partial.__dict__, "hash": chain_hash(prev, partial.body())})
        events.append(ev)
        prev = ev.hash
    return Batch(s, obj["p"], h, events, instance, [(a, b) for a, b in placements])


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


def money_of(payload: dict[str, Any]) -> int:
    """The money an event moves, for reconcile totals: its integer-fen amount fields."""
    total = 0
    for key, value in payload.items():
        if (key in MONEY_KEYS or key.endswith("_fen")) and isinstance(value, int) and not isinstance(value, bool):
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
