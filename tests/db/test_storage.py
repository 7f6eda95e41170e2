import shutil
import sqlite3

import pytest

from station_app.core import people, simulate
from station_app.core.health import check, check_file, restore
from station_app.db import open_station
from station_app.db.copies import backup
from station_app.errors import DamagedStation, NewerVersion


def test_pragmas_protect_against_power_cuts(db):
    assert db.value("PRAGMA journal_mode") == "wal"
    assert db.value("PRAGMA synchronous") == 2  # FULL
    assert db.value("PRAGMA foreign_keys") == 1
    assert db.value("PRAGMA busy_timeout") > 0


def test_a_new_file_passes_check(db, manager):
    assert check(db) == []


def test_a_file_from_a_newer_version_is_refused_and_untouched(tmp_path):
    path = tmp_path / "station.sqlite"
    open_station(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('station', 'm999_future', 'x')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerVersion) as err:
        open_station(path)
    assert "新版本" in str(err.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize("damage", ["truncate", "garbage", "zero_pages"])
def test_a_damaged_file_is_reported_never_repaired(tmp_path, damage):
    path = tmp_path / "station.sqlite"
    db = open_station(path)
    simulate.run(db, days=3, seed=1)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 3]
    elif damage == "garbage":
        data[:100] = b"x" * 100
    else:
        for i in range(4096 * 2, min(len(data), 4096 * 6)):
            data[i] = 0
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    problems = check_file(path)
    assert len(problems) == 1 and "损坏" in problems[0], damage
    with pytest.raises(DamagedStation, match="损坏"):  # the program refuses to open it
        open_station(path).close()
    assert path.read_bytes() == before


def test_backup_and_restore(tmp_path, db, manager):
    people.add_person(db, manager, name="张三", phone="13812345678")
    copy = backup(db, tmp_path / "backups")
    assert copy.exists() and check_file(copy) == []
    people.add_person(db, manager, name="李四", phone="13812345679")  # after the backup
    station_file = db.path
    db.close()
    kept = restore(copy, station_file)
    assert kept is not None and kept.exists()
    again = open_station(station_file)
    assert [p.name for p in people.search_people(again, "")] == ["张三"]
    again.close()
    # the replaced file is kept whole, with the person added after the backup
    keep = open_station(kept)
    assert people.count_people(keep) == 2
    keep.close()


def test_restore_refuses_a_damaged_backup(tmp_path, db, manager):
    copy = backup(db, tmp_path / "b.sqlite")
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE events SET payload = '{}' WHERE seq = 1")
    conn.commit()
    conn.close()
    before = db.path.read_bytes()
    with pytest.raises(DamagedStation):
        restore(copy, db.path)
    assert db.path.read_bytes() == before


def test_restored_copy_gets_a_new_instance_id(tmp_path, db, manager):
    original_instance = db.value("SELECT value FROM meta WHERE key = 'instance_id'")
    copy = backup(db, tmp_path / "b.sqlite")
    target = tmp_path / "new-pc" / "station.sqlite"
    target.parent.mkdir()
    restore(copy, target)
    restored = open_station(target)
    assert restored.value("SELECT value FROM meta WHERE key = 'instance_id'") != original_instance
    restored.close()


def test_cli_check_backup_restore(tmp_path, capsys):
    from station_app.cli import main

    data = tmp_path / "st"
    assert main(["simulate", "--days", "2", "--data-dir", str(data)]) == 0
    assert main(["check", "--data-dir", str(data)]) == 0
    assert main(["backup", str(tmp_path / "copy.sqlite"), "--data-dir", str(data)]) == 0
    shutil.copy(tmp_path / "copy.sqlite", tmp_path / "copy2.sqlite")
    conn = sqlite3.connect(data / "station.sqlite")
    conn.execute("DELETE FROM events WHERE seq = 5")
    conn.commit()
    conn.close()
    assert main(["check", "--data-dir", str(data)]) == 1
    assert "event 5 is missing" in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "copy2.sqlite"), "--data-dir", str(data)]) == 0
    assert main(["check", "--data-dir", str(data)]) == 0


def test_a_full_disk_is_a_clear_message_and_nothing_half_written(db, manager):
    from station_app.errors import DiskFull

    people.add_person(db, manager, name="张三", phone="13812345678")
    pages = db.value("PRAGMA page_count")
    db.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: as good as a full disk
    events_before = db.value("SELECT count(*) FROM events")
    with pytest.raises(DiskFull) as err:
        for i in range(200):
            people.add_person(db, manager, name=f"人{i}", phone=f"139{i:08d}", note="长备注" * 100)
    assert "磁盘已满" in str(err.value)
    assert check(db) == []
    added = db.value("SELECT count(*) FROM events") - events_before
    assert people.count_people(db) == 1 + added  # every event that landed has its person, and no more


def test_restore_onto_a_new_pc_reads_the_wal_beside_the_backup(tmp_path, db, manager):
    """A station file copied off a dead PC together with its -wal keeps its last records."""
    import shutil as sh

    people.add_person(db, manager, name="最后一位", phone="13812340000")
    disk = tmp_path / "dead-pc"
    disk.mkdir()
    for suffix in ("", "-wal"):  # copied while the program still had it open: WAL not checkpointed
        sh.copy(f"{db.path}{suffix}", disk / f"station.sqlite{suffix}")
    target = tmp_path / "new-pc" / "data" / "station.sqlite"
    restore(disk / "station.sqlite", target)
    again = open_station(target)
    assert [p.name for p in people.search_people(again, "最后")] == ["最后一位"]
    again.close()
