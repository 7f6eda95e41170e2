"""`station-hub`: run the county hub and look after its stations and staff (DESIGN §9).

    station-hub serve [--db URL] [--host H] [--port P] [--cert F --key F] [--trusted-proxy A]... [--insecure]
                      --gateways FILE | --demo      real SMS and biller gateways, or a demo that says so
    station-hub enroll-code --station NAME [--village V] [--hours N]   the code alone on the last line
    station-hub add-admin NAME [--password-file F] [--role admin|viewer|auditor]
    station-hub revoke STATION_ID
    station-hub report monthly --month YYYY-MM [--station ID] [--format xlsx|pdf|json] [--out PATH] [--closed]
    station-hub import-manifest CSV [--station ID]           the logistics centre's dispatch list
    station-hub import-catalogue FILE [--partial]            the county's proxy-purchase catalogue
    station-hub import-online-orders FILE.json               orders of the county online shop
    station-hub biller-statement --day YYYY-MM-DD [--gateways F] the recharge platform's statement against the hub's bills
    station-hub import-bundle DIR [--secret-file F]          the stations' bundles on a courier's USB stick; writes
                                                             a return bundle per station onto it (sync.hub.bundles)
    station-hub online-order-status NUMBER
    station-hub upload | notice | set-target | hub-setting | close-month | digest | stations | set-role | demo
                                                             the county office's (sync.hub.office_cli)
    station-hub service-categories [FILE] | notices-posted  the service ledger's categories, notices on the
                                                             stations' walls (sync.hub.station_services)

`--db` defaults to $STATION_HUB_DB, else a SQLite file in the user data folder. Errors go
to stderr with a non-zero exit.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import os
import sys
from pathlib import Path

from sync import protocol as p
from sync.hub import (
    bundles,
    evidence_cli,
    hub_secret,
    manifest,
    office_cli,
    reports,
    services,
    shop,
    sms,
    statements,
    station_services,
)
from sync.hub.db import open_hub
from sync.hub.gateway_config import GatewayConfigError
from sync.hub.store import CODE_HOURS, MAX_CODE_HOURS, Hub, HubError

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
    s.add_argument("--max-events", type=int, default=p.MAX_EVENTS, help="most events in one push")
    s.add_argument("--insecure", action="store_true",
                   help="allow plain HTTP on an address other machines reach (only behind a TLS proxy)")
    s.add_argument("--trusted-proxy", action="append", default=[], metavar="ADDRESS",
                   help="a TLS proxy in front of the hub (address or network; repeatable): its X-Forwarded-Proto "
                        "and X-Forwarded-For are believed, nobody else's")
    s.add_argument("--sms-signature", default=sms.DEFAULT_SIGNATURE, metavar="NAME",
                   help="the county's SMS signature, as registered with the SMS provider (in 【】 before every SMS; "
                        f"default {sms.DEFAULT_SIGNATURE})")
    s.add_argument("--secret-file", type=Path,
                   help=f"the hub's secret (made with mode 0600 if missing; default ${hub_secret.ENV}, else beside "
                        "a SQLite database, else in the user data folder)")
    services.add_serve_options(s)  # --gateways FILE, --demo (sync.hub.services)

    e = sub.add_parser("enroll-code", parents=[common], help="a one-time code for a station to enroll")
    e.add_argument("--station", required=True, help="station name (an existing station is re-enrolled)")
    e.add_argument("--village", default="")
    e.add_argument("--hours", type=int, default=CODE_HOURS, help=f"how long the code may be used (1-{MAX_CODE_HOURS})")

    a = sub.add_parser("add-admin", parents=[common], help="add (or reset) a county staff login")
    a.add_argument("name")
    a.add_argument("--password-file", type=Path, help="read the password from this file (first line)")
    a.add_argument("--role", choices=("admin", "viewer", "auditor"), default="admin",
                   help="county admin (changes things), viewer (reads the dashboard) or auditor (also the audit log)")

    r = sub.add_parser("revoke", parents=[common], help="revoke every token of a station")
    r.add_argument("station_id")
    reports.add_command(sub, common)  # station-hub report monthly (sync.hub.reports)
    manifest.add_command(sub, common)  # station-hub import-manifest (sync.hub.manifest)
    shop.add_commands(sub, common)  # catalogue and online-shop orders (sync.hub.shop)
    office_cli.add_commands(sub, common)  # uploads, notices, targets, month close, digest, demo (sync.hub.office_cli)
    evidence_cli.add_commands(sub, common)  # claims, villages, register, county training, indicators (issue 21)
    station_services.add_commands(sub, common)  # service ledger categories, notices posted (issue 22)
    bundles.add_command(sub, common)  # station-hub import-bundle DIR (sync.hub.bundles)
    statements.add_command(sub, common)  # station-hub biller-statement --day D (sync.hub.statements)
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


def _hub(args: argparse.Namespace, max_body: int = p.MAX_BODY, limits: p.Limits = p.LIMITS) -> Hub:
    return Hub(open_hub(args.db), max_body=max_body, limits=limits, secret_file=getattr(args, "secret_file", None))


PLAIN_HTTP = ("station-hub: refusing to serve plain HTTP on {host}, an address other machines can reach: station "
              "tokens and county staff passwords would cross the network readable.\n"
              "  Give a certificate (--cert FILE --key FILE), or listen on 127.0.0.1 behind a TLS proxy\n"
              "  (--trusted-proxy ADDRESS), or, if a TLS proxy on another machine is the only way in, add --insecure.")


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.hub.app import create_app, stop_background
    from sync.hub.middleware import parse_networks

    if bool(args.cert) != bool(args.key):
        print("station-hub: --cert and --key go together", file=sys.stderr)
        return 2
    host = args.host or ("0.0.0.0" if args.cert else "127.0.0.1")
    if not args.cert and not is_loopback(host) and not args.insecure:
        print(PLAIN_HTTP.format(host=host), file=sys.stderr)
        return 2
    try:
        parse_networks(args.trusted_proxy)
    except ValueError as exc:
        print(f"station-hub: --trusted-proxy: {exc}", file=sys.stderr)
        return 2
    if not 2 <= len(args.sms_signature) <= 16 or any(ch in args.sms_signature for ch in "【】[]\n"):
        print("station-hub: --sms-signature must be 2 to 16 characters, without brackets", file=sys.stderr)
        return 2
    if not 1 <= args.max_events <= 1_000_000:
        print("station-hub: --max-events must be between 1 and 1000000", file=sys.stderr)
        return 2
    try:
        gateways = services.serve_gateways(args)  # the county's real gateways, or --demo (docs/GATEWAYS.md)
    except GatewayConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not args.cert and not is_loopback(host):
        print(f"station-hub: WARNING: plain HTTP on {host} (--insecure): only safe behind a TLS proxy", file=sys.stderr)
    hub = _hub(args, args.max_body, p.Limits.for_events(args.max_events))
    hub.secret  # noqa: B018 - made (or its file checked) now, not at the first login
    app = create_app(hub, trusted_proxies=args.trusted_proxy)
    # SMS notices and bill payments, and packing idle shadows (sync.hub.shadow_files), in the background;
    # the app's shutdown (`app.stop_background`) stops them, on SIGTERM too
    services.start_services(app, args, gateways)
    app.state.shadows.start_packing()
    # the app decides which proxies it believes (--trusted-proxy), not uvicorn's default (127.0.0.1)
    uvicorn.run(app, host=host, port=args.port, log_level="info", proxy_headers=False, server_header=False,
                ssl_certfile=str(args.cert) if args.cert else None, ssl_keyfile=str(args.key) if args.key else None)
    stop_background(app)  # done by the app's shutdown already, unless uvicorn never ran it
    return 0


def is_loopback(host: str) -> bool:
    """Is `host` an address only this machine reaches (127.0.0.0/8, ::1, localhost)?"""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def cmd_enroll_code(args: argparse.Namespace) -> int:
    station_id, code = _hub(args).enroll_code(args.station, args.village, args.hours)
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
    hub = _hub(args)
    hub.add_admin(args.name, password)
    office_cli.staff_added(hub, args.name, args.role)  # the role, and the audit log (never the password)
    print(f"county staff login {args.name} is ready ({args.role})")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    n = _hub(args).revoke(args.station_id)
    print(f"revoked {n} token(s) of station {args.station_id}")
    return 0


COMMANDS = {"serve": cmd_serve, "enroll-code": cmd_enroll_code, "add-admin": cmd_add_admin, "revoke": cmd_revoke,
            "report": reports.cmd_report, "import-manifest": manifest.cmd_import_manifest, **shop.COMMANDS,
            **office_cli.COMMANDS, "import-bundle": bundles.cmd_import_bundle, **station_services.COMMANDS,
            **evidence_cli.COMMANDS, "biller-statement": statements.cmd_biller_statement}
