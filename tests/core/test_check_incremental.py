"""Issue 20: checks that cost what is new, not what is old.

`station-app check` keeps its replay beside the station file (`<file>.replay`) and folds only
the events since the last check; the everyday check (start-up, commands) verifies the chain
from the head the last sound check marked. Neither may miss what the whole-history versions
caught: an edit without an event, an edited event, a replica that does not belong to the file.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from station_app.core import health, people, replay_check
from station_app.core.health import CHAIN_AT, before_use, check_file
from station_app.core.station import create_station
from station_app.db import open_station


def edit(path: Path, sql: str) -> None:
    """What an intruder with an SQLite tool does: change a table, record no event."""
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def folded_to(path: Path) -> int:
    conn = sqlite3.connect(path.with_name(path.name + replay_check.REPLICA_SUFFIX))
    try:
        return int(conn.execute("SELECT value FROM local_settings WHERE key = ?", (replay_check.AT,))
                   .fetchone()[0].partition(":")[0])
    finally:
        conn.close()


def test_the_kept_replica_folds_only_new_events_and_still_catches_an_edit(db, manager):
    path = db.path
    people.add_person(db, manager, name="张三", phone="13900000001", village="幸福村")
    assert check_file(path) == []
    first = folded_to(path)
    assert first == db.value("SELECT max(seq) FROM events")
    people.add_person(db, manager, name="李四", phone="13900000002", village="幸福村")
    assert check_file(path) == []
    assert folded_to(path) == first + 1  # the new event folded on top, not a replay from the start
    edit(path, "UPDATE people SET village = '别的村' WHERE name = '张三'")  # an old row, no event
    assert any(p.startswith("people:") for p in check_file(path))
    assert any(p.startswith("people:") for p in check_file(path, scratch=True))  # `check --full` agrees


def test_a_replica_of_another_file_is_made_anew(tmp_path, db, manager):
    people.add_person(db, manager, name="张三", phone="13900000001", village="幸福村")
    assert check_file(db.path) == []
    other = open_station(tmp_path / "other" / "station.sqlite")
    try:
        _, boss = create_station(other, name="另一个站", village="和平村", county="示范县",
                                 manager_name="刘备", manager_pin="1234")
        people.add_person(other, boss, name="王五", phone="13900000003", village="和平村")
    finally:
        other.close()
    target = tmp_path / "other" / "station.sqlite"
    shutil.copyfile(db.path.with_name(db.path.name + ".replay"), target.with_name(target.name + ".replay"))
    assert check_file(target) == []  # the foreign replica is not compared: a new one is folded
    edit(target, "UPDATE people SET village = '别的村' WHERE name = '王五'")
    assert any(p.startswith("people:") for p in check_file(target))


def test_restore_checks_the_backup_without_leaving_a_replica(tmp_path, db, manager):
    people.add_person(db, manager, name="张三", phone="13900000001", village="幸福村")
    backup = tmp_path / "backup.sqlite"
    db.execute("VACUUM INTO ?", (str(backup),))
    target = tmp_path / "new-pc" / "station.sqlite"
    health.restore(backup, target)
    assert check_file(target) == []
    left = sorted(p.name for p in target.parent.iterdir() if ".replay" in p.name)
    assert left == ["station.sqlite.replay"]  # only the one `check` just made for the restored file


def test_the_everyday_check_verifies_the_chain_from_the_last_sound_mark(db, manager):
    people.add_person(db, manager, name="张三", phone="13900000001", village="幸福村")
    assert before_use(db) == []
    head = db.row("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
    assert db.local(CHAIN_AT) == f"{head['seq']}:{head['hash']}"
    people.add_person(db, manager, name="李四", phone="13900000002", village="幸福村")
    # an event after the mark edited: found among the new ones
    db.execute("UPDATE events SET payload = replace(payload, '李四', '王五') WHERE seq = ?", (head["seq"] + 1,))
    assert any("changed" in p for p in before_use(db))
    db.execute("UPDATE events SET payload = replace(payload, '王五', '李四') WHERE seq = ?", (head["seq"] + 1,))
    assert before_use(db) == []
    # the marked event itself rewritten (its hash changes): found at the mark
    marked = int(str(db.local(CHAIN_AT)).partition(":")[0])
    db.execute("UPDATE events SET hash = 'x' || hash WHERE seq = ?", (marked,))
    assert any("since the chain was last checked" in p for p in before_use(db))
    assert any(str(marked) in p for p in health.check_file(db.path))
