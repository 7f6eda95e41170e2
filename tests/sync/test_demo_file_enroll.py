"""A demo station file (county data a simulation made up: `station-app simulate` before any
enrollment) is refused at `station-app enroll`, before anything reaches the hub, with what to do
instead; the county's code stays good for the real station file. (It used to enroll, then stop
at its first pull: the county's data clashed with the made-up data.)"""

from __future__ import annotations

from station_app import cli as station_cli
from station_app.core import simulate, sync_state
from station_app.core.station import create_station
from station_app.db import open_station


def _demo_file(folder):
    folder.mkdir()
    db = open_station(folder / "station.sqlite")
    simulate.Simulation(db, 1, seed=9, name="演示村服务站", village="演示村").day()
    assert sync_state.demo_file(db)
    db.close()
    return folder


def test_station_app_enroll_refuses_a_demo_file_and_the_code_stays_good(live_hub, tmp_path, capsys):
    demo = _demo_file(tmp_path / "demo")
    _, code = live_hub.hub.enroll_code("幸福村电商服务站", "幸福村")
    assert station_cli.main(["enroll", "--hub", live_hub.url, "--code", code, "--data-dir", str(demo)]) == 2
    err = capsys.readouterr().err
    assert ("演示" in err or "demo" in err) and "--data-dir" in err  # why, and what to do instead
    db = open_station(demo / "station.sqlite")
    assert not sync_state.status(db).enrolled and sync_state.token(db) is None
    db.close()

    real = tmp_path / "real"
    real.mkdir()
    db = open_station(real / "station.sqlite")
    create_station(db, name="幸福村电商服务站", village="幸福村", county="示范县", manager_name="王建国",
                   manager_pin="1234")
    db.close()
    assert station_cli.main(["enroll", "--hub", live_hub.url, "--code", code, "--data-dir", str(real)]) == 0

