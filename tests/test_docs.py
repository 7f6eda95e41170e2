"""Every command of both programs is in the README (sqlite-utils' habit: docs that are tested)."""

import argparse
from pathlib import Path

from station_app.cli import build_parser as station_parser
from sync.hub.cli import build_parser as hub_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def subcommands(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def test_every_station_app_command_is_documented():
    missing = [c for c in subcommands(station_parser()) if f"station-app {c}" not in README]
    assert missing == []


def test_every_station_hub_command_is_documented():
    missing = [c for c in subcommands(hub_parser()) if f"station-hub {c}" not in README]
    assert missing == []
