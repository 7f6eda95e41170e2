"""Item 14: `check` passed a zero-length file and a people-table edit made without an event, and the
command line worked on files `check` rejected.

Now `check` refuses an empty file, compares every state table with a replay of the events
(`station-app check`, `restore`) and a sample of them at start-up and before a command; the
commands that work on the file (report, sync, backup) refuse one that fails, with a message
that says `restore` is the way out.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from station_app.cli import main
from station_app.core import health, people, replay_check
from station_app.core.health import check_file
from station_app.db import open_station
from station_app.errors import DamagedStation


def edit(path: Path, sql: str, params: tuple = ()) -> None:
    """What an intruder with an SQLite tool does: change a table, record no event."""
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


@pytest.fixture
def station_dir(tmp_path: Path) -> Path:
    data = tmp_path / "st"
    assert main(["simulate", "--days", "2", "--seed", "3", "--data-dir", str(data)]) == 0
    return data


def test_a_zero_length_file_is_refused_and_left_as_it_is(tmp_path, capsys):
    data = tmp_path / "st"
    data.mkdir()
    empty = data / "station.sqlite"
    empty.write_bytes(b"")
    assert main(["check", "--data-dir", str(data)]) == 1
    assert "0" in capsys.readouterr().err
    with pytest.raises(DamagedStation):
        open_station(empty)  # not taken for a new station either
    for command in (["report", "daily"], ["sync", "--once"], ["backup", str(tmp_path / "b.sqlite")]):
        assert main([*command, "--data-dir", str(data)]) == 2, command
    assert empty.stat().st_size == 0 and not (tmp_path / "b.sqlite").exists()


def test_a_people_edit_without_an_event_is_caught_and_the_commands_refuse_the_file(station_dir, tmp_path, capsys):
    assert main(["backup", str(tmp_path / "good.sqlite"), "--data-dir", str(station_dir)]) == 0
    path = station_dir / "station.sqlite"
    assert check_file(path) == []
    # mark someone a poverty-register household (the county pays on those figures), with no event
    edit(path, "UPDATE people SET categories = 'poverty' WHERE rowid = "
               "(SELECT min(rowid) FROM people WHERE categories NOT LIKE '%poverty%')")
    problems = check_file(path)
    assert len(problems) == 1 and problems[0].startswith("people: row ") and "categories" in problems[0]
    db = open_station(path)
    assert any("categories" in p for p in health.check(db))  # the start-up check (sampled) sees it too
    db.close()

    capsys.readouterr()
    assert main(["check", "--data-dir", str(station_dir)]) == 1
    assert "people" in capsys.readouterr().err
    for command in (["report", "daily"], ["sync", "--once"], ["backup", str(tmp_path / "b.sqlite")]):
        assert main([*command, "--data-dir", str(station_dir)]) == 2, command
        err = capsys.readouterr().err
        assert "station-app restore" in err and "people" in err, command
    assert not (tmp_path / "b.sqlite").exists()
    # restore is the way out
    assert main(["restore", str(tmp_path / "good.sqlite"), "--data-dir", str(station_dir)]) == 0
    assert main(["check", "--data-dir", str(station_dir)]) == 0
    assert main(["report", "daily", "--data-dir", str(station_dir)]) == 0


@pytest.mark.parametrize("sql, table", [
    ("UPDATE operators SET role = 'manager' WHERE role = 'operator'", "operators"),  # a clerk made manager
    ("INSERT INTO people (id, name, village, categories, note, created_at, updated_at) "
     "VALUES ('x', '冒名', '幸福村', 'poverty', '', '2026-01-01', '2026-01-01')", "people"),  # a person with no event
    ("DELETE FROM people_terms WHERE rowid = (SELECT max(rowid) FROM people_terms)", "people_terms"),
    ("INSERT INTO settings (key, value, source) VALUES ('parcels.overdue_days', '99', 'county')",
     "settings"),  # a county setting the county never sent
    ("UPDATE parcels SET status = 'picked_up' WHERE rowid = (SELECT min(rowid) FROM parcels)", "parcels"),
])
def test_each_kind_of_table_edit_is_caught(station_dir, sql, table):
    path = station_dir / "station.sqlite"
    edit(path, sql)
    full = check_file(path)
    assert any(p.startswith(f"{table}:") for p in full), full
    if table != "parcels":  # the start-up sample replays people, operators, settings and the station
        db = open_station(path)
        assert health.check(db), table
        db.close()


def test_the_start_up_sample_finds_an_edited_person_among_many(db, manager):
    for i in range(60):
        people.add_person(db, manager, name=f"村民{i}", phone=f"139{i:08d}", village="幸福村")
    db.execute("UPDATE people SET village = '别的村' WHERE name = '村民41'")
    rowid = db.value("SELECT rowid FROM people WHERE name = '村民41'")
    caught = [replay_check.sampled_problems(db, sample=10, rng=random.Random(seed)) for seed in range(40)]
    picked = [random.Random(seed).sample(range(1, 61), 10) for seed in range(40)]
    # caught exactly when the edited row was in the sample, and always when everyone is sampled
    assert [bool(c) for c in caught] == [rowid in p for p in picked]
    assert any(caught) and not all(caught)
    assert replay_check.sampled_problems(db)  # 60 people: all of them are replayed
