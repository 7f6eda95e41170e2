"""The hub's fast ingest path stores exactly what the plain one did: the payload text the chain
hash covers (kept from decoding), the day, the money; one COPY on PostgreSQL, one prepared
INSERT on SQLite; split into transactions without mixing rows up; the inspectors' reads kept
for one batch only."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from station_app.core import events
from station_app.core.events import GENESIS, Event, canonical, chain_hash
from sync import protocol as p
from sync.hub import inspect as hub_inspect
from sync.hub import store
from sync.hub.db import events as hub_events
from sync.hub.db import flags, open_hub, reading, writing
from sync.hub.store import Hub, publish

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)  # any text a column can hold
JSON = st.recursive(st.none() | st.booleans() | st.integers(-2**63 + 1, 2**63 - 1) | TEXT,
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(seq=st.integers(1, p.MAX_SEQ), fields=st.lists(TEXT, min_size=6, max_size=6),
       payload=st.dictionaries(TEXT, JSON, max_size=5))
def test_the_body_text_built_from_the_payload_text_is_the_canonical_body(seq, fields, payload):
    ev = Event(seq, fields[0], fields[1], fields[2], payload, fields[3], fields[4], fields[5], "", "")
    assert p.body_text(ev, canonical(payload)) == canonical(ev.body())


def chain(n, *, start=1, prev=GENESIS, kinds=("cash.float_added",), payload=None):
    """`n` chained events with quotes, backslashes, Chinese and money keys in their payloads."""
    out = []
    for i in range(start, start + n):
        body = payload(i) if payload else {"amount": i * 100, "note": f'第{i}笔 "现金" \\ \u2028', "tip_fen": 7,
                                           "nested": {"b": [1, "二"], "a": None}}
        partial = Event(i, f"01900000-0000-7000-8000-{i:012d}", kinds[i % len(kinds)], f"e{i % 5}", body, "op-1",
                        f"2026-11-02T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}.000Z",
                        f"{1793583000000 + i * 1000:013d}.00000", prev, "")
        ev = Event(**{**partial.__dict__, "hash": chain_hash(prev, partial.body())})
        out.append(ev)
        prev = ev.hash
    return out


def decoded(evs, **kw):
    return p.decode_batch(p.unpack(p.pack(p.encode_batch(evs, **kw))))


def plain(evs, **kw):
    """The same batch as a Batch made without decoding (nothing kept: the hub works it all out)."""
    return p.Batch(evs[0].seq, evs[0].prev_hash, evs[-1].hash, list(evs), **kw)


def test_the_rows_fill_every_column_of_the_events_table():
    assert tuple(hub_events.c.keys()) == store.EVENT_COLUMNS


def test_decoding_keeps_each_payload_text_and_day():
    evs = chain(30)
    batch = decoded(evs)
    assert batch.events == evs
    assert batch.payload_texts == [canonical(e.payload) for e in evs]
    assert batch.days == [p.day_of(e.hlc, e.station_time) for e in evs]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def hub(request, tmp_path):
    url = request.getfixturevalue("pg_cluster").create_database() if request.param == "postgres" else \
        f"sqlite:///{tmp_path / 'hub.sqlite'}"
    engine = open_hub(url)
    yield Hub(engine, secret_file=tmp_path / "hub.secret")
    engine.dispose()


def rows(hub, station_id):
    with reading(hub.engine) as conn:
        return [tuple(r)[1:-1] for r in conn.execute(  # without station_id and received_at
            select(hub_events).where(hub_events.c.station_id == station_id).order_by(hub_events.c.seq))]


def test_kept_and_worked_out_rows_are_the_same_in_parts_and_replays(hub, monkeypatch):
    monkeypatch.setattr(store, "CHUNK", 7)  # a push of 40 in transactions of 7 (PostgreSQL too)
    monkeypatch.setattr(store, "PG_CHUNK", 7)
    evs = chain(40, kinds=("cash.float_added", "no.such_kind"))
    fast, slow = hub.enroll_code("快站")[0], hub.enroll_code("慢站")[0]
    assert hub.ingest(fast, decoded(evs[:3], instance_id="i1"))["acked_seq"] == 3
    assert hub.ingest(fast, decoded(evs, instance_id="i1"))["acked_seq"] == 40  # 1-3 again, then 4-40
    assert hub.ingest(slow, plain(evs, instance_id="i2"))["acked_seq"] == 40
    expected = [(e.seq, e.id, e.kind, e.entity_id, canonical(e.payload), e.operator_id, e.station_time, e.hlc,
                 e.prev_hash, e.hash, p.day_of(e.hlc, e.station_time), p.money_of(e.payload)) for e in evs]
    assert rows(hub, fast) == rows(hub, slow) == expected
    assert expected[0][-1] == 107  # amount + tip_fen
    back = hub.own_events(fast, 0, 1000)
    assert p.decode_batch(back).events == evs
    assert hub.ingest(fast, decoded(evs[10:20]))["acked_seq"] == 40  # a replay changes nothing
    assert rows(hub, fast) == expected
    with reading(hub.engine) as conn:  # every unknown kind flagged once, on either path
        assert len(conn.execute(select(flags.c.hub_seq).where(flags.c.station_id == fast)).all()) == 20
        assert len(conn.execute(select(flags.c.hub_seq).where(flags.c.station_id == slow)).all()) == 20


def test_a_fork_in_a_later_part_is_refused_and_nothing_is_overwritten(hub, monkeypatch):
    monkeypatch.setattr(store, "CHUNK", 7)
    monkeypatch.setattr(store, "PG_CHUNK", 7)
    evs = chain(20)
    sid = hub.enroll_code("站")[0]
    hub.ingest(sid, decoded(evs))
    forked = evs[:14] + chain(6, start=15, prev=evs[13].hash, payload=lambda i: {"amount": i})
    with pytest.raises(store.HubError) as refused:
        hub.ingest(sid, decoded(forked))  # parts 1-7 and 8-14 are replays; 15-20 differ
    assert refused.value.code == p.FORK and refused.value.extra["seq"] == 15
    assert [r[9] for r in rows(hub, sid)] == [e.hash for e in evs]
    assert "refused a fork at record 15" in hub.station_rows()[0]["warnings"][-1]


def test_an_inspector_reads_what_it_keeps_once_per_batch_and_again_for_the_next():
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    assert hub_inspect.kept("k", read) == 1 and hub_inspect.kept("k", read) == 2  # outside a batch: every time
    with hub_inspect.inspection():
        assert [hub_inspect.kept("k", read) for _ in range(3)] == [3, 3, 3]
        assert hub_inspect.kept("other", read) == 4
    with hub_inspect.inspection():
        assert hub_inspect.kept("k", read) == 5


def test_bills_are_checked_against_the_catalogue_of_their_own_push(hub):
    sid = hub.enroll_code("站")[0]

    def bill(i):
        return {"product_id": "cmcc.topup", "account": "13812345678", "amount": 4000}

    evs = chain(6, kinds=("bill.accepted",), payload=bill)
    hub.ingest(sid, decoded(evs[:3]))  # the built-in catalogue: 40 yuan is not a face value
    catalogue = {"version": "2027-1", "billers": [{"id": "cmcc", "name": "中国移动", "kind": "phone", "products": [
        {"id": "cmcc.topup", "name": "话费", "account": {"pattern": r"^1\d{10}$", "min_len": 11, "max_len": 11},
         "face_values": [4000]}]}]}
    with writing(hub.engine) as conn:
        publish(conn, "county.biller_catalogue", "2027-1", catalogue, None, "2026-11-02T00:00:00.000Z")
    hub.ingest(sid, decoded(evs[3:]))  # the county's catalogue now allows it
    with reading(hub.engine) as conn:
        raised = conn.execute(select(flags.c.seq, flags.c.reason, flags.c.cleared_at).order_by(flags.c.seq)).all()
    assert [(r.seq, r.reason) for r in raised] == [(1, "bill_breaks_rules"), (2, "bill_breaks_rules"),
                                                   (3, "bill_breaks_rules")]  # none on 4-6
    assert [r.cleared_at is None for r in raised] == [False, True, True]  # 6 is bill e1 again, now clean


def test_a_real_station_goes_in_the_same_either_way(hub, station):
    evs = events.events_after(station, 0)
    fast, slow = hub.enroll_code("快站")[0], hub.enroll_code("慢站")[0]
    for i in range(0, len(evs), 150):
        hub.ingest(fast, decoded(evs[i:i + 150]))
        hub.ingest(slow, plain(evs[i:i + 150]))
    assert rows(hub, fast) == rows(hub, slow)
    assert [r[9] for r in rows(hub, fast)] == [e.hash for e in evs]
