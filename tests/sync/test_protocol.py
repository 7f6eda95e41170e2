"""The wire format: exact round trips, compact encodings, refusals of bad bodies."""

import gzip
import json

import pytest

from station_app.core import events
from station_app.core.events import GENESIS, Event, chain_hash
from sync import protocol as p


def chain(rows):
    out, prev = [], GENESIS
    for i, (station_time, hlc, payload) in enumerate(rows, start=1):
        partial = Event(i, f"01900000-0000-7000-8000-{i:012d}", "cash.float_added", f"e{i}", payload, "op-1",
                        station_time, hlc, prev, "")
        ev = Event(**{**partial.__dict__, "hash": chain_hash(prev, partial.body())})
        out.append(ev)
        prev = ev.hash
    return out


def test_a_real_station_chain_round_trips_exactly(station):
    evs = events.events_after(station, 0)
    body = p.pack(p.encode_batch(evs, instance_id="inst"))
    batch = p.decode_batch(p.unpack(body))
    assert batch.events == evs
    assert batch.last_hash == evs[-1].hash and batch.first_seq == 1 and batch.instance_id == "inst"
    assert len(body) / len(evs) < 75  # compact (columns, gzip, no per-event hashes); the bench measures 30 days


def test_odd_values_travel_exactly():
    evs = chain([("2009-01-01T00:00:00.000Z", "1230768000000.00000", {"amount": 1, "at": "2009-01-01T00:00:05.000Z"}),
                 ("2009-01-01T00:00:00.000Z", "1230768000000.00001", {"amount": 2, "at": None}),
                 ("2026-11-02 09:30:00", "0000000000042.00003", {"amount": 3, "at": "2026-11-02T01:30:00Z"}),
                 ("1969-12-31T23:59:59.000Z", "weird", {"amount": 4.5, "at": "x", "n": {"id": "not-a-uuid"}}),
                 ("2026-11-02T01:30:00.000Z", "1793583000000.00000",
                  {"amount": 5, "at": {"deep": [1, "2"]}, "who": "01a209d0-742b-7232-bb9a-787180c482ab"})])
    obj = p.encode_batch(evs)
    assert obj["t"][1] == 0 and obj["c"][1] == [0, 1]  # same time, HLC counter 1
    assert obj["t"][2] == "2026-11-02 09:30:00" and obj["c"][3] == "weird"  # not our format: sent as text
    assert p.decode_batch(json.loads(json.dumps(obj))).events == evs


@pytest.mark.parametrize("body", [b"", b"not gzip at all", gzip.compress(b'{"s": 1')[:-6], gzip.compress(b"[1, 2"),
                                  gzip.compress(b"\xff\xfe"), gzip.compress(b"{}") + b"trailing"])
def test_malformed_bodies_are_refused_not_crashed(body):
    with pytest.raises(p.Malformed):
        p.decode_batch(p.unpack(body))


GOOD = {"s": 1, "p": GENESIS, "h": "x", "k": ["cash.taken"], "o": [0], "u": ["id-1"], "x": ["op"], "t": [0], "c": [0],
        "g": [[["e1"], ["amount", "at"], [[0, [5]], [1, [7]]]]]}


@pytest.mark.parametrize("change", [
    {"s": 0}, {"p": None}, {"o": []}, {"o": [1]}, {"u": []}, {"u": [[1, "zz"]]}, {"t": [1.5]}, {"c": ["x", 1]},
    {"g": []}, {"g": [[["e1"], ["amount"], [[0, [5, 6]]]]]}, {"g": [[["e1"], ["amount", "at"], [[0, [5]], [1, ["t"]]]]]},
    {"g": [[["e1"], ["amount"], [[9, [5]]]]]}, {"g": [[["e1"], None, [[]]]]}, {"x": [7]}, {"a": [[1]]}, {"i": 5},
])
def test_wrong_shapes_are_malformed(change):
    assert p.decode_batch(GOOD).events[0].payload == {"amount": 5, "at": "1970-01-01T00:00:00.007Z"}
    with pytest.raises(p.Malformed):
        p.decode_batch({**GOOD, **change})


def test_a_gzip_bomb_is_refused_before_it_is_unpacked():
    bomb = gzip.compress(b" " * 2_000_000)
    assert len(bomb) < 5000
    with pytest.raises(p.TooLarge):
        p.unpack(bomb, max_inflated=1_000_000)


def test_days_money_and_tallies():
    evs = chain([("2026-11-01T15:59:59.000Z", f"{p.ms_of('2026-11-01T15:59:59.000Z'):013d}.00000", {"amount": 500}),
                 ("2026-11-01T16:00:00.000Z", f"{p.ms_of('2026-11-01T16:00:00.000Z'):013d}.00000",
                  {"fee_fen": 300, "counted": 9, "total": True})])
    assert [p.day_of(e.hlc) for e in evs] == ["2026-11-01", "2026-11-02"]  # Shanghai days
    assert [p.money_of(e.payload) for e in evs] == [500, 300]
    t = p.tally(evs)
    assert p.tally_from_rows(json.loads(json.dumps(p.tally_rows(t)))) == t
    low, high = p.day_bounds("2026-11-02", "2026-11-02")
    assert low <= evs[1].hlc < high and not low <= evs[0].hlc < high
    other = {**t, ("2026-11-02", "cash.float_added"): (1, 301)}
    assert p.mismatched_days(t, other) == ["2026-11-02"]
