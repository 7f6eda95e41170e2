"""Global options (`station-app --data-dir/--lang`, `station-hub --db`) mean the same before or
after the subcommand, for every subcommand."""

from __future__ import annotations

import argparse

import pytest

from station_app import cli as station_cli
from station_app.db import open_station
from sync.hub import cli as hub_cli

#: the fewest arguments each station-app subcommand takes
STATION_COMMANDS = {
    "simulate": ["--days", "1"],
    "check": [],
    "backup": ["copy.sqlite"],
    "restore": ["copy.sqlite"],
    "scan-image": ["label.png"],
    "print-test": [],
    "enroll": ["--hub", "https://hub.example", "--code", "ABC-123"],
    "sync": ["--once"],
    "report": ["monthly", "--month", "2026-11"],
}
#: and of each station-hub subcommand
HUB_COMMANDS = {
    "serve": ["--demo"],
    "enroll-code": ["--station", "幸福村"],
    "add-admin": ["county"],
    "revoke": ["station-1"],
    "report": ["monthly", "--month", "2026-11"],
    "import-manifest": ["manifest.csv"],
    "import-catalogue": ["catalogue.csv"],
    "import-online-orders": ["orders.json"],
    "import-bundle": ["stick"],
    "online-order-status": ["WD1"],
    "upload": ["fee-table", "fees.csv"],
    "notice": ["--title", "通知", "--text", "内容"],
    "set-target": ["training.person_times_target", "300"],
    "hub-setting": ["silent_days", "5"],
    "close-month": ["--month", "2026-11"],
    "digest": [],
    "stations": [],
    "set-role": ["county", "viewer"],
    "demo": ["--stations", "3"],
    "biller-statement": ["--day", "2026-11-30"],
    "claims": ["2026Q4"],
    "review-claim": ["2026Q4", "station-1", "p-1", "accepted"],
    "village-link": ["station-1"],
    "register-send": [],
    "county-session": ["--title", "电商培训", "--day", "2026-11-30", "--person-times", "40"],
    "training-progress": [],
    "indicators": [],
    "indicator-map": ["stations", "f1"],
    "service-categories": [],
    "notices-posted": [],
}


def subcommands(parser: argparse.ArgumentParser) -> set[str]:
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(sub.choices)


def test_every_subcommand_is_listed_here():
    assert subcommands(station_cli.build_parser()) == set(STATION_COMMANDS)
    assert subcommands(hub_cli.build_parser()) == set(HUB_COMMANDS)


@pytest.mark.parametrize("command", sorted(STATION_COMMANDS))
def test_station_app_options_before_or_after_the_subcommand(command, tmp_path):
    options = ["--data-dir", str(tmp_path / "x"), "--lang", "en"]
    rest = [command, *STATION_COMMANDS[command]]
    before = station_cli.build_parser().parse_args([*options, *rest])
    after = station_cli.build_parser().parse_args([*rest, *options])
    assert (before.data_dir, before.lang) == (tmp_path / "x", "en")
    assert vars(before) == vars(after)
    plain = station_cli.build_parser().parse_args(rest)
    assert (plain.data_dir, plain.lang) == (None, None)


@pytest.mark.parametrize("command", sorted(HUB_COMMANDS))
def test_station_hub_db_before_or_after_the_subcommand(command, monkeypatch):
    monkeypatch.delenv("STATION_HUB_DB", raising=False)
    rest = [command, *HUB_COMMANDS[command]]
    before = hub_cli.build_parser().parse_args(["--db", "sqlite:///county.sqlite", *rest])
    after = hub_cli.build_parser().parse_args([*rest, "--db", "sqlite:///county.sqlite"])
    assert before.db == "sqlite:///county.sqlite"
    assert vars(before) == vars(after)
    monkeypatch.setenv("STATION_HUB_DB", "sqlite:///from-env.sqlite")
    assert hub_cli.build_parser().parse_args(rest).db == "sqlite:///from-env.sqlite"


def test_check_with_data_dir_before_the_subcommand_checks_that_station(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "default-home"))  # where the default station would be
    chosen = tmp_path / "chosen"
    open_station(chosen / "station.sqlite").close()
    assert station_cli.main(["--data-dir", str(chosen), "check"]) == 0
    assert capsys.readouterr().out.strip() == f"ok: {chosen / 'station.sqlite'}"
    assert not (tmp_path / "default-home").exists()


def test_hub_db_before_the_subcommand_is_the_database_used(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("STATION_HUB_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "default-home"))
    county = tmp_path / "county.sqlite"
    assert hub_cli.main(["--db", f"sqlite:///{county}", "enroll-code", "--station", "幸福村电商服务站"]) == 0
    assert county.is_file() and capsys.readouterr().out.strip().splitlines()[-1]
    assert not (tmp_path / "default-home").exists()
