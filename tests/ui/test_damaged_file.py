"""A damaged station file: the program says what happened and offers a backup; never repairs silently."""

from station_app.core import people, simulate
from station_app.db import open_station
from station_app.db.copies import backup
from station_app.ui.app import open_or_restore


def test_damaged_file_offers_a_backup_and_restores_it(app, tmp_path):
    path = tmp_path / "data" / "station.sqlite"
    db = open_station(path)
    simulate.run(db, 2, seed=2)
    copy = backup(db, tmp_path / "backup.sqlite")
    n = people.count_people(db)
    db.execute("DELETE FROM events WHERE seq = 3")  # someone edited the file by hand
    db.close()
    told: list[str] = []

    def ask(problem: str):
        told.append(problem)
        return copy

    restored = open_or_restore(path, ask)
    assert restored is not None
    assert told and "已损坏" in told[0] and "event 3" in told[0]
    assert people.count_people(restored) == n
    assert list(tmp_path.glob("data/station.sqlite.replaced-*")), "the damaged file is kept, not deleted"
    restored.close()


def test_operator_may_decline_and_nothing_is_touched(app, tmp_path):
    path = tmp_path / "station.sqlite"
    path.write_bytes(b"this is not a database at all" * 100)
    before = path.read_bytes()
    assert open_or_restore(path, lambda problem: None) is None
    assert path.read_bytes() == before
