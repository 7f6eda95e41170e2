import itertools

import pytest

from station_app.core import people
from station_app.core.events import chain_hash, from_row, verify_chain
from station_app.core.health import check
from station_app.errors import ValidationError


def add_three(db, actor):
    for name, phone in (("张三", "13800001111"), ("李四", "13900002222"), ("王五", "15000003333")):
        people.add_person(db, actor, name=name, phone=phone, village="幸福村")


def test_every_action_appends_a_chained_event(db, manager):
    add_three(db, manager)
    rows = db.rows("SELECT * FROM events ORDER BY seq")
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    for before, after in itertools.pairwise(rows):
        assert after["prev_hash"] == before["hash"]
        ev = from_row(after)
        assert chain_hash(ev.prev_hash, ev.body()) == ev.hash
    assert all(r["operator_id"] for r in rows)
    assert verify_chain(db) == []


def test_chain_detects_an_edited_row(db, manager):
    add_three(db, manager)
    db.execute("UPDATE events SET payload = replace(payload, '李四', '李五') WHERE kind = 'person.added'")
    problems = verify_chain(db)
    assert any("changed" in p for p in problems)
    assert check(db)


def test_chain_detects_a_deleted_row_in_the_middle(db, manager):
    add_three(db, manager)
    db.execute("DELETE FROM events WHERE seq = 3")
    problems = verify_chain(db)
    assert any("missing" in p for p in problems)


def test_chain_detects_a_deleted_last_row(db, manager):
    add_three(db, manager)
    db.execute("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)")
    assert any("last written" in p for p in verify_chain(db))


def test_chain_detects_a_forged_rehashed_row_through_its_successor(db, manager):
    add_three(db, manager)
    row = db.row("SELECT * FROM events WHERE seq = 3")
    ev = from_row(row)
    forged = {**ev.body(), "payload": {**ev.payload, "name": "假名"}}
    db.execute("UPDATE events SET payload = ?, hash = ? WHERE seq = 3",
               (__import__("json").dumps(forged["payload"], ensure_ascii=False), chain_hash(ev.prev_hash, forged)))
    assert any("event 4" in p for p in verify_chain(db))


def test_a_failed_action_leaves_no_event(db, manager):
    before = db.value("SELECT count(*) FROM events")
    with pytest.raises(ValidationError):
        people.add_person(db, manager, name="张三", phone="123")
    assert db.value("SELECT count(*) FROM events") == before


def test_hlc_never_goes_backwards_when_the_pc_clock_does(db, manager, clock):
    from datetime import UTC, datetime

    people.add_person(db, manager, name="甲", phone="13800001111")
    clock.set(datetime(2009, 1, 1, tzinfo=UTC))  # flat CMOS battery
    people.add_person(db, manager, name="乙", phone="13800001112")
    hlcs = [r["hlc"] for r in db.rows("SELECT hlc FROM events ORDER BY seq")]
    assert hlcs == sorted(hlcs)
    assert verify_chain(db) == []
