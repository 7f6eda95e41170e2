"""Item 5: operators' PIN hashes never leave the station; a station restored from the hub asks for new PINs.

The attacker reads every event the hub keeps (its database, or `/events` with a station
token) and tries all 4-digit PINs against any salt and hash found in them; against the old
events (which carried `pin_salt` and `pin_hash`) that found the PIN.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3

import pytest
from sqlalchemy import select

from station_app.core import events, operators
from station_app.core.operators import OPERATOR, hash_pin
from station_app.db import open_station
from station_app.errors import PermissionDenied, ValidationError, WrongPin
from sync import client
from sync.hub.db import events as hub_events
from sync.hub.db import reading
from sync.link import Retry
from sync.testing import stations

SALT = re.compile(r"^[0-9a-f]{32}$")
HASH = re.compile(r"^[0-9a-f]{64}$")
FIXTURES = sorted((__import__("pathlib").Path(__file__).resolve().parent.parent / "fixtures").glob("station-v*.sqlite"))


def quick() -> Retry:
    return Retry(attempts=3, base=0.01, cap=0.05)


def crack(payloads: list[dict]) -> list[str]:
    """Every 4-digit PIN whose scrypt matches a (salt, hash) pair found in one payload."""
    found = []
    for payload in payloads:
        salts = [v for v in payload.values() if isinstance(v, str) and SALT.match(v)]
        hashes = {v for v in payload.values() if isinstance(v, str) and HASH.match(v)}
        for salt in salts if hashes else []:
            for n in range(10_000):
                pin = f"{n:04d}"
                if hash_pin(pin, bytes.fromhex(salt)) in hashes:
                    found.append(pin)
                    break
    return found


def test_the_attack_finds_a_pin_in_an_old_style_event():
    salt = bytes.fromhex("0f" * 16)
    # one cheap pair to show the attack works (a full 10,000-PIN run is what the issue timed: 104 s)
    old_payload = {"name": "王建国", "role": "manager", "pin_salt": salt.hex(), "pin_hash": hash_pin("0007", salt)}
    assert crack([old_payload]) == ["0007"]


def test_no_pin_hash_in_any_synced_event(live_hub, station):
    manager = operators.list_operators(station)[0]
    clerk = operators.add_operator(station, manager, name="孙丽", role=OPERATOR, pin="2580")
    operators.change_pin(station, clerk, clerk.id, "1470")
    operators.change_pin(station, manager, clerk.id, "3690")
    with pytest.raises(WrongPin):
        operators.login(station, clerk.id, "0000")
    operators.login(station, clerk.id, "3690")
    station_id = stations.enroll(live_hub.hub, live_hub.url, station, "幸福村电商服务站")
    client.sync_once(station, retry=quick())

    with reading(live_hub.hub.engine) as conn:
        rows = conn.execute(select(hub_events.c.kind, hub_events.c.payload).where(
            hub_events.c.station_id == station_id)).all()
    kinds = {r.kind for r in rows}
    assert {"operator.added", "operator.pin_changed", "operator.login_failed", "operator.logged_in"} <= kinds
    payloads = [json.loads(r.payload) for r in rows if r.kind.startswith(("operator.", "station."))]
    assert not any(key.startswith("pin") for p in payloads for key in p)
    # the attacker's run over every operator and station event the hub holds: nothing to find
    assert all(not (set(p) & {"pin_salt", "pin_hash"}) for p in payloads)
    assert crack(payloads) == []
    # the PINs live in this file only
    assert station.value("SELECT count(*) FROM operator_pins") == len(operators.list_operators(station))


def test_a_station_restored_from_the_hub_asks_for_new_pins(live_hub, station, tmp_path):
    manager = operators.list_operators(station)[0]
    clerk = operators.add_operator(station, manager, name="孙丽", role=OPERATOR, pin="2580")
    stations.enroll(live_hub.hub, live_hub.url, station, "幸福村电商服务站")
    client.sync_once(station, retry=quick())
    _, code = live_hub.hub.enroll_code("幸福村电商服务站")
    new_pc = tmp_path / "new-pc" / "station.sqlite"
    client.restore_from_hub(new_pc, live_hub.url, code, retry=quick())
    restored = open_station(new_pc)
    try:
        assert {o.id for o in operators.without_pin(restored)} == {o.id for o in operators.list_operators(restored)}
        with pytest.raises(PermissionDenied):  # no PIN came back, so none works
            operators.login(restored, clerk.id, "2580")
        with pytest.raises(ValidationError):  # a manager must get one
            operators.set_new_pins(restored, {clerk.id: "2468"})
        operators.set_new_pins(restored, {manager.id: "1357"})
        assert operators.login(restored, manager.id, "1357") == manager
        operators.change_pin(restored, manager, clerk.id, "8642")  # the manager sets the others
        assert operators.login(restored, clerk.id, "8642") == clerk
        with pytest.raises(PermissionDenied):  # not a way round a PIN that exists
            operators.set_new_pins(restored, {manager.id: "9753"})
        kinds = [e.kind for e in events.events_after(restored, 0)]
        assert "operator.pin_changed" in kinds
    finally:
        restored.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_pins_of_an_older_file_move_out_of_the_operators_and_must_change(tmp_path, fixture):
    path = tmp_path / "station.sqlite"
    shutil.copy(fixture, path)
    old = sqlite3.connect(path)
    before = {r[0]: (r[1], r[2]) for r in old.execute("SELECT id, pin_salt, pin_hash FROM operators")}
    old.close()
    db = open_station(path)
    try:
        kept = {r["operator_id"]: (r["pin_salt"], r["pin_hash"]) for r in db.rows("SELECT * FROM operator_pins")}
        assert kept == before  # the same PINs still work...
        assert all(operators.pin_must_change(db, op_id) for op_id in before)  # ...but were in events: change them
        assert "pin_hash" not in {c["name"] for c in db.rows("PRAGMA table_info(operators)")}
        manager = next(o for o in operators.list_operators(db) if o.is_manager)
        operators.change_pin(db, manager, manager.id, "2580")
        assert not operators.pin_must_change(db, manager.id)
    finally:
        db.close()
