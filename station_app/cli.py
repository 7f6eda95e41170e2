"""`station-app`: the desktop program (default) and its subcommands (DESIGN §9).

Errors go to stderr with a message a person can act on and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from station_app import i18n


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, help="folder of the station file (default: the user data folder)")
    common.add_argument("--lang", choices=i18n.LANGUAGES, help="language: zh_CN (default) or en")

    parser = argparse.ArgumentParser(prog="station-app", description="Village Station 村级电商服务站", parents=[common])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("simulate", parents=[common], help="add N days of realistic station activity; prints one JSON line")
    p.add_argument("--days", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)

    sub.add_parser("check", parents=[common], help="check the station file (integrity, event chain, cash ledger)")

    p = sub.add_parser("backup", parents=[common], help="copy the station file safely, even while the program runs")
    p.add_argument("path", type=Path, help="a file or a folder for the copy")

    p = sub.add_parser("restore", parents=[common], help="replace the station file by a backup that passes check")
    p.add_argument("path", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    command = args.command or "gui"
    handler = COMMANDS[command]
    from station_app.core.errors import UserError

    try:
        return handler(args)
    except UserError as exc:
        print(f"station-app: {exc}", file=sys.stderr)
        return 2


def _open(args: argparse.Namespace, create: bool = True) -> Any:
    from station_app.db import open_station, station_path

    return open_station(station_path(args.data_dir), create=create)


def cmd_gui(args: argparse.Namespace) -> int:
    from station_app.ui.app import run_app

    return run_app(data_dir=args.data_dir, lang=args.lang)


def cmd_simulate(args: argparse.Namespace) -> int:
    from station_app.core import simulate

    if args.days < 1:
        print("station-app: --days must be at least 1", file=sys.stderr)
        return 2
    db = _open(args)
    try:
        summary = simulate.run(db, args.days, args.seed)
    finally:
        db.close()
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from station_app.db import station_path
    from station_app.db.maintenance import check_file

    path = station_path(args.data_dir)
    problems = check_file(path)
    if problems:
        for p in problems:
            print(f"station-app check: {p}", file=sys.stderr)
        return 1
    print(f"ok: {path}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from station_app.db.maintenance import backup

    db = _open(args, create=False)
    try:
        print(backup(db, args.path))
    finally:
        db.close()
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from station_app.db import station_path
    from station_app.db.maintenance import restore

    kept = restore(args.path, station_path(args.data_dir))
    print(f"restored {args.path}" + (f"; the previous file is kept as {kept}" if kept else ""))
    return 0


COMMANDS = {
    "gui": cmd_gui,
    "simulate": cmd_simulate,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
}
