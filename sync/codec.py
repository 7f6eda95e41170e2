"""How a batch of events travels: in columns, grouped by kind, so gzip finds the repeats.

A station's events are mostly a few kinds with the same payload keys (a parcel checked
in, picked up, reminded...). Sent row by row, gzip sees each payload's keys and the
values' neighbours of other kinds; sent as one column per kind and key, the keys go
once per batch and similar values sit together. Three lossless rewrites help further:
times (`2026-11-02T01:30:00.000Z`) become millisecond offsets from the event's own
station time, UUIDv7 ids become the millisecond delta from the previous id in the column
plus the 20 hex digits that follow, and nested objects with the same keys become columns
too. Everything else is sent as it is. Decoding gives back exactly the same values, so
the hub recomputes exactly the same hashes.

    {"k": [kinds], "o": [kind index per event], "u": [event ids], "x": [operator ids],
     "t": [station time: ms since the previous event's, or text], "c": [HLC: ms after the
     station time, [ms, counter], or text], "g": [[entity ids, payload keys, columns], ...]}

A column is `[0, values]`, `[1, time offsets]`, `[2, keys, columns]`, `[3, ids]` or
`[4, n]`: the same values as the kind's n-th column (in the order written, nested ones
included; a parcel's phone and its notice's phone). A kind whose payloads differ in keys
sends `[entity ids, null, payloads]`.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from station_app.clock import iso, parse_iso
from station_app.core.events import Event

UUID7 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
PLAIN, TIMES, NESTED, IDS, SAME = 0, 1, 2, 3, 4
MAX_CELLS = 250_000  # values the columns of one batch may decode to (SAME copies included)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Malformed(ValueError):
    """A body that is not what the protocol says (bad gzip, bad JSON, missing fields)."""


def iso_ms(ms: int) -> str:
    """Stored UTC text of a millisecond timestamp (exact: no float in between)."""
    return iso(_EPOCH + timedelta(milliseconds=ms))


def ms_of(text: str) -> int:
    """Milliseconds since 1970 of a stored UTC time. Raises ValueError for anything else."""
    when = parse_iso(text)
    if when.tzinfo is None:
        raise ValueError(f"no time zone in {text!r}")
    delta = when - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def time_ms(text: str) -> int | None:
    """The milliseconds of a time stored in our exact format (2026-11-02T01:30:00.000Z), else None."""
    if len(text) != 24 or text[10] != "T" or text[-1] != "Z":
        return None
    try:
        ms = ms_of(text)
    except ValueError:
        return None
    return ms if iso_ms(ms) == text else None


def encode(events: list[Event]) -> dict[str, Any]:
    kinds: list[str] = []
    index: dict[str, int] = {}
    groups: dict[str, list[Event]] = {}
    for ev in events:
        if ev.kind not in index:
            index[ev.kind] = len(kinds)
            kinds.append(ev.kind)
        groups.setdefault(ev.kind, []).append(ev)
    times, clocks = _encode_times(events)
    out: dict[str, Any] = {"k": kinds, "o": [index[ev.kind] for ev in events], "u": _ids_out([ev.id for ev in events]),
                           "x": [ev.operator_id for ev in events], "t": times, "c": clocks, "g": []}
    for kind in kinds:
        group = groups[kind]
        bases = [time_ms(ev.station_time) or 0 for ev in group]
        entities = _ids_out([ev.entity_id for ev in group])
        keysets = {tuple(sorted(ev.payload)) for ev in group}
        if len(keysets) == 1:
            keys = sorted(group[0].payload)
            seen: dict[str, int] = {}
            out["g"].append([entities, keys, [_column([ev.payload[k] for ev in group], bases, seen) for k in keys]])
        else:
            out["g"].append([entities, None, [ev.payload for ev in group]])
    return out


def decode(obj: dict[str, Any], first_seq: int, max_cells: int = MAX_CELLS
           ) -> list[tuple[int, str, str, str, dict[str, Any], str, str, str]]:
    """(seq, id, kind, entity_id, payload, operator_id, station_time, hlc) per event.
    Raises Malformed for anything that is not a well-formed batch (or that decodes to more
    than `max_cells` values)."""
    try:
        return _decode(obj, first_seq, max_cells)
    except Malformed:
        raise
    except (TypeError, ValueError, IndexError, KeyError, AttributeError, OverflowError, RecursionError) as exc:
        raise Malformed(f"events: {type(exc).__name__}: {exc}") from None


def _decode(obj: dict[str, Any], first_seq: int, max_cells: int
            ) -> list[tuple[int, str, str, str, dict[str, Any], str, str, str]]:
    kinds, order, ids, operators = obj["k"], obj["o"], _ids_in(obj["u"]), obj["x"]
    n = len(order)
    if not n or not (len(ids) == len(operators) == len(obj["t"]) == len(obj["c"]) == n) or len(obj["g"]) != len(kinds):
        raise Malformed("columns of different lengths")
    stamps = _decode_times(obj["t"], obj["c"])
    slots: list[list[int]] = [[] for _ in kinds]
    for i, k in enumerate(order):
        if not _is_int(k) or k < 0:
            raise Malformed("a bad kind index")
        slots[k].append(i)  # IndexError for a kind index out of range
    sizes = [len(s) for s in slots]
    budget = [max_cells]
    per_kind: list[list[tuple[str, dict[str, Any]]]] = []
    for kind_no, (entities_col, keys, columns) in enumerate(obj["g"]):
        entities = _ids_in(entities_col)
        bases = [stamps[i][2] for i in slots[kind_no]]
        if keys is None:
            payloads = list(columns)
        else:
            decoded: list[list[Any]] = []
            values = [_uncolumn(c, bases, sizes[kind_no], decoded, budget) for c in columns]
            payloads = [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)] if keys else \
                [{} for _ in range(sizes[kind_no])]
        if len(entities) != sizes[kind_no] or len(payloads) != sizes[kind_no]:
            raise Malformed(f"kind {kind_no}: columns of different lengths")
        per_kind.append(list(zip(entities, payloads, strict=True)))
    taken = [0] * len(kinds)
    out = []
    for i, k in enumerate(order):
        entity, payload = per_kind[k][taken[k]]
        taken[k] += 1
        fields = (ids[i], kinds[k], entity, operators[i])
        if not all(isinstance(f, str) for f in fields) or not isinstance(payload, dict):
            raise Malformed(f"event {i}: fields of the wrong type")
        out.append((first_seq + i, ids[i], kinds[k], entity, payload, operators[i], stamps[i][0], stamps[i][1]))
    return out


# -- times -------------------------------------------------------------------------------


def hlc_parts(hlc: str) -> tuple[int, int] | None:
    ms_text, dot, n_text = hlc.partition(".")
    if not dot or not ms_text.isdigit() or not n_text.isdigit():
        return None
    ms, n = int(ms_text), int(n_text)
    return (ms, n) if f"{ms:013d}.{n:05d}" == hlc else None


def _encode_times(events: list[Event]) -> tuple[list[Any], list[Any]]:
    times: list[Any] = []
    clocks: list[Any] = []
    prev = 0
    for ev in events:
        t_ms = time_ms(ev.station_time)
        parts = hlc_parts(ev.hlc)
        times.append(ev.station_time if t_ms is None else t_ms - prev)
        if parts is None or t_ms is None:
            clocks.append(ev.hlc)
        else:
            clocks.append(parts[0] - t_ms if parts[1] == 0 else [parts[0] - t_ms, parts[1]])
        if t_ms is not None:
            prev = t_ms
    return times, clocks


def _decode_times(times: list[Any], clocks: list[Any]) -> list[tuple[str, str, int]]:
    """(station_time, hlc, the time's ms or 0 when sent as text) per event."""
    out = []
    prev = 0
    for dt, dh in zip(times, clocks, strict=True):
        t_ms: int | None
        if _is_int(dt):
            t_ms = prev + dt
            station_time, prev = iso_ms(t_ms), t_ms
        elif isinstance(dt, str):
            station_time, t_ms = dt, None
        else:
            raise Malformed("a bad station time")
        if isinstance(dh, str):
            hlc = dh
        elif t_ms is not None and _is_int(dh):
            hlc = f"{t_ms + dh:013d}.00000"
        elif t_ms is not None and isinstance(dh, list) and len(dh) == 2 and all(_is_int(x) for x in dh):
            hlc = f"{t_ms + dh[0]:013d}.{dh[1]:05d}"
        else:
            raise Malformed("a bad clock value")
        out.append((station_time, hlc, t_ms or 0))
    return out


# -- columns -------------------------------------------------------------------------------


def _column(values: list[Any], bases: list[int], seen: dict[str, int]) -> list[Any]:
    """One payload key's values as a column. `seen` numbers the columns of this kind in the
    order they are written; a column equal to an earlier one is sent as a reference to it."""
    number = seen["#count"] = seen.get("#count", 0) + 1
    text = json.dumps(values, sort_keys=True)
    if text in seen and any(v is not None for v in values):
        return [SAME, seen[text] - 1]
    seen.setdefault(text, number)
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, str) and time_ms(v) is not None for v in present):
        return [TIMES, [None if v is None else time_ms(v) - b for v, b in zip(values, bases, strict=True)]]  # type: ignore[operator]
    if present and all(isinstance(v, str) and UUID7.match(v) for v in present):
        return [IDS, _ids_out(values)]
    if values and values[0] and all(isinstance(v, dict) for v in values) and len({tuple(sorted(v)) for v in values}) == 1:
        keys = sorted(values[0])
        return [NESTED, keys, [_column([v[k] for v in values], bases, seen) for k in keys]]
    return [PLAIN, values]


def _uncolumn(column: list[Any], bases: list[int], n: int, decoded: list[list[Any]], budget: list[int]) -> list[Any]:
    """The values of a column; `decoded` collects the kind's columns in order for SAME references.
    `budget` ([cells left]) bounds the values a batch may decode to: a SAME column costs what it
    copies (Malformed past MAX_CELLS, so a few bytes cannot make millions of values)."""
    mode = column[0]
    slot = len(decoded)
    decoded.append([])
    budget[0] -= n
    if budget[0] < 0:
        raise Malformed("the columns decode to too many values")
    values: list[Any]
    if mode == PLAIN:
        values = list(column[1])
    elif mode == TIMES:
        if not all(v is None or _is_int(v) for v in column[1]):
            raise Malformed("a bad time column")
        values = [None if v is None else iso_ms(b + v) for v, b in zip(column[1], bases, strict=True)]
    elif mode == NESTED:
        keys, subs = column[1], column[2]
        if not keys or not all(isinstance(k, str) for k in keys) or len(keys) != len(subs):
            raise Malformed("a bad nested column")
        cols = [_uncolumn(sub, bases, n, decoded, budget) for sub in subs]
        values = [dict(zip(keys, row, strict=True)) for row in zip(*cols, strict=True)]
    elif mode == IDS:
        values = _ids_in(column[1])
    elif mode == SAME:
        if not _is_int(column[1]) or not 0 <= column[1] < slot:
            raise Malformed("a bad column reference")
        values = _copy(decoded[column[1]], budget)
    else:
        raise Malformed(f"unknown column mode {mode!r}")
    if len(values) != n:
        raise Malformed("a column of the wrong length")
    decoded[slot] = values
    return values


def _copy(values: list[Any], budget: list[int]) -> list[Any]:
    """A deep copy of a column's values, each array and object it copies taken from `budget`."""
    def copy_of(v: Any) -> Any:
        if isinstance(v, (list, dict)):
            budget[0] -= 1
            if budget[0] < 0:
                raise Malformed("the columns decode to too many values")
            return [copy_of(x) for x in v] if isinstance(v, list) else {k: copy_of(x) for k, x in v.items()}
        return v

    return [copy_of(v) for v in values]


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_B64_VALUE = {c: i for i, c in enumerate(_B64)}
_RAND_BITS = 62


def _b64(n: int) -> str:
    return "".join(_B64[(n >> shift) & 63] for shift in range(60, -1, -6))


def _unb64(text: str) -> int:
    if len(text) != 11:
        raise Malformed("a bad id")
    n = 0
    for ch in text:
        n = n << 6 | _B64_VALUE[ch]  # KeyError for a character outside the alphabet
    return n


def _ids_out(values: list[Any]) -> list[Any]:
    """UUIDv7 ids as [ms since the previous id's, counter since the previous id's, 62 random bits
    in 11 base64 characters]; anything else as it is."""
    out: list[Any] = []
    prev_ms = prev_counter = 0
    for v in values:
        if isinstance(v, str) and UUID7.match(v):
            digits = v.replace("-", "")
            ms, counter = int(digits[:12], 16), int(digits[13:16], 16)
            rand = int(digits[16:], 16) & ((1 << _RAND_BITS) - 1)
            out.append([ms - prev_ms, counter - prev_counter, _b64(rand)])
            prev_ms, prev_counter = ms, counter
        else:
            out.append(v)
    return out


def _ids_in(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    prev_ms = prev_counter = 0
    for v in values:
        if isinstance(v, list):
            ms_delta, counter_delta, rand_text = v
            ms, counter = prev_ms + ms_delta, prev_counter + counter_delta
            if not (_is_int(ms_delta) and _is_int(counter_delta) and 0 <= ms < 1 << 48 and 0 <= counter < 1 << 12
                    and isinstance(rand_text, str)):
                raise Malformed("a bad id")
            rand = _unb64(rand_text)
            if rand >> _RAND_BITS:
                raise Malformed("a bad id")
            d = f"{ms:012x}7{counter:03x}{2 << 62 | rand:016x}"
            out.append(f"{d[:8]}-{d[8:12]}-{d[12:16]}-{d[16:20]}-{d[20:]}")
            prev_ms, prev_counter = ms, counter
        elif v is None or isinstance(v, str):
            out.append(v)
        else:
            raise Malformed("a bad id")
    return out


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)
