"""`station-hub`: run the county hub and look after its stations and staff (DESIGN §9).

    station-hub serve [--db URL] [--host H] [--port P] [--cert F --key F]
    station-hub enroll-code --station NAME [--village V]     the code alone on the last line
    station-hub add-admin NAME [--password-file F]
    station-hub revoke STATION_ID
    station-hub report monthly --month YYYY-MM [--station ID] [--format xlsx|json] [--out PATH]
    station-hub import-manifest CSV [--station ID]           the logistics centre's dispatch list
    station-hub import-catalogue FILE [--partial]            the county's proxy-purchase catalogue
    station-hub import-online-orders FILE.json               orders of the county online shop
    station-hub online-order-status NUMBER

`--db` defaults to $STATION_HUB_DB, else a SQLite file in the user data folder. Errors go
to stderr with a non-zero exit.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from sync import protocol as p
from sync.hub import manifest, reports, services, shop
from sync.hub.db import open_hub
from sync.hub.store import Hub, HubError

DEFAULT_PORT = 8765


def global_options(default: str | None) -> argparse.ArgumentParser:
    """--db, which means the same before or after the subcommand: the program's own parser
    takes it with its default, each subcommand's with argparse.SUPPRESS (so an option not
    repeated after the subcommand keeps the value given before it)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--db", default=default,
                         help="database URL: sqlite:///FILE (default) or postgresql+psycopg://USER@HOST/DB")
    return options


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="station-hub", description="Village Station county hub 县级中心",
                                     parents=[global_options(os.environ.get("STATION_HUB_DB"))])
    common = global_options(argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    s = sub.add_parser("serve", parents=[common], help="run the hub (HTTPS with --cert/--key)")
    s.add_argument("--host", help="address to listen on (default 0.0.0.0 with TLS, else 127.0.0.1)")
    s.add_argument("--port", type=int, default=DEFAULT_PORT)
    s.add_argument("--cert", type=Path, help="TLS certificate (PEM)")
    s.add_argument("--key", type=Path, help="TLS private key (PEM)")
    s.add_argument("--max-body", type=int, default=p.MAX_BODY, help="largest push body in bytes")
    services.add_serve_options(s)  # --sms, --biller (sync.hub.services)

    e = sub.add_parser("enroll-code", parents=[common], help="a one-time code for a station to enroll")
    e.add_argument("--station", required=True, help="station name (an existing station is re-enrolled)")
    e.add_argument("--village", default="")

    a = sub.add_parser("add-admin", parents=[common], help="add (or reset) a county staff login")
    a.add_argument("name")
    a.add_argument("--password-file", type=Path, help="read the password from this file (first line)")

    r = sub.add_parser("revoke", parents=[common], help="revoke every token of a station")
    r.add_argument("station_id")
    reports.add_command(sub, common)  # station-hub report monthly (sync.hub.reports)
    manifest.add_command(sub, common)  # station-hub import-manifest (sync.hub.manifest)
    shop.add_commands(sub, common)  # catalogue and online-shop orders (sync.hub.shop)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except HubError as exc:
        print(f"station-hub: {exc.message}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"station-hub: {exc}", file=sys.stderr)
        return 1


def _hub(args: argparse.Namespace, max_body: int = p.MAX_BODY) -> Hub:
    return Hub(open_hub(args.db), max_body=max_body)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.hub.app import create_app

    if bool(args.cert) != bool(args.key):
        print("station-hub: --cert and --key go together", file=sys.stderr)
        return 2
    host = args.host or ("0.0.0.0" if args.cert else "127.0.0.1")
    app = create_app(_hub(args, args.max_body))
    workers = services.start_services(app, args)  # SMS notices and bill payments, in the background
    uvicorn.run(app, host=host, port=args.port, log_level="info",
                ssl_certfile=str(args.cert) if args.cert else None, ssl_keyfile=str(args.key) if args.key else None)
    workers.stop()
    return 0


def cmd_enroll_code(args: argparse.Namespace) -> int:
    station_id, code = _hub(args).enroll_code(args.station, args.village)
    print(f"station: {args.station} ({station_id})")
    print("type or scan this code once at the station (station-app enroll --hub URL --code CODE):")
    print(code)
    return 0


def cmd_add_admin(args: argparse.Namespace) -> int:
    if args.password_file:
        password = args.password_file.read_text(encoding="utf-8").splitlines()[0] if args.password_file.stat().st_size else ""
    elif sys.stdin.isatty():
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            print("station-hub: the passwords differ", file=sys.stderr)
            return 2
    else:
        password = sys.stdin.readline().rstrip("\n")
    _hub(args).add_admin(args.name, password)
    print(f"county staff login {args.name} is ready")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    n = _hub(args).revoke(args.station_id)
    print(f"revoked {n} token(s) of station {args.station_id}")
    return 0


COMMANDS = {"serve": cmd_serve, "enroll-code": cmd_enroll_code, "add-admin": cmd_add_admin, "revoke": cmd_revoke,
            "report": reports.cmd_report, "import-manifest": manifest.cmd_import_manifest, **shop.COMMANDS}
