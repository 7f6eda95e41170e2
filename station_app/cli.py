"""`station-app`: the desktop program (default) and its subcommands (DESIGN §9).

Errors go to stderr with a message a person can act on and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from station_app import i18n

if TYPE_CHECKING:  # the commands import what they need when they run: `station-app --help` stays quick
    from station_app.db import StationDB


def global_options(default: Any) -> argparse.ArgumentParser:
    """--data-dir and --lang, which mean the same before or after the subcommand.

    The program's own parser takes them with `default` None; each subcommand's with
    argparse.SUPPRESS, so that an option not repeated after the subcommand keeps the value
    given before it instead of being reset to None.
    """
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--data-dir", type=Path, default=default,
                         help="folder of the station file (default: the user data folder)")
    options.add_argument("--lang", choices=i18n.LANGUAGES, default=default, help="language: zh_CN (default) or en")
    return options


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="station-app", description="Village Station 村级电商服务站",
                                     parents=[global_options(None)])
    common = global_options(argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("simulate", parents=[common], help="add N days of realistic station activity; prints one JSON line")
    p.add_argument("--days", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)

    p = sub.add_parser("check", parents=[common], help="check the station file (integrity, event chain, cash ledger)")
    p.add_argument("--full", action="store_true", help="replay every event into a scratch file, not the kept "
                                                       "replica beside the station file (slow on a large file)")

    p = sub.add_parser("backup", parents=[common], help="copy the station file safely, even while the program runs")
    p.add_argument("path", type=Path, help="a file or a folder for the copy")

    p = sub.add_parser("restore", parents=[common], help="replace the station file by a backup that passes check")
    p.add_argument("path", type=Path)

    p = sub.add_parser("scan-image", parents=[common], help="read barcodes and QR codes in image files; prints FORMAT<TAB>TEXT")
    p.add_argument("images", type=Path, nargs="+", metavar="IMAGE")
    p.add_argument("--decoder", choices=("zxing", "pyzbar"), default="zxing", help="barcode reader (default: zxing)")

    p = sub.add_parser("print-test", parents=[common], help="print the printer test page and report the result")
    p.add_argument("--printer", metavar="SPEC",
                   help="usb:VID:PID  serial:PORT@BAUD  net:HOST:PORT  win:NAME  file:PATH (default: the station's printer)")
    p.add_argument("--paper", type=int, choices=(58, 80), help="paper width in mm (default: the station's, else 58)")
    p.add_argument("--profile", help="printer model from printer.profiles (default: generic for the paper)")

    p = sub.add_parser("enroll", parents=[common], help="enroll this station with the county hub (a one-time code)")
    p.add_argument("--hub", required=True, metavar="URL", help="the county hub, https://...")
    p.add_argument("--code", required=True, help="the code from `station-hub enroll-code`")
    p.add_argument("--ca-file", help="the county's CA certificate (PEM) to check the hub's certificate")
    p.add_argument("--allow-http", action="store_true", help="allow plain http to another machine (test networks only)")

    p = sub.add_parser("sync", parents=[common], help="one sync cycle with the county hub (the nightly task runs this)")
    p.add_argument("--once", action="store_true", help="a few retries, then exit non-zero (default: retry until done)")
    p.add_argument("--json", action="store_true", help="print one JSON object with the result")
    p.add_argument("--to", type=Path, metavar="DIR", help="no link: write a bundle for the county onto a USB stick "
                                                          "(同步到U盘; its size is printed first)")
    p.add_argument("--from", dest="source", type=Path, metavar="DIR",
                   help="no link: import this station's return bundles from a USB stick (从U盘导入; before --to)")

    p = sub.add_parser("report", parents=[common], help="the monthly report for the county (or the daily report)")
    p.add_argument("period", choices=("monthly", "daily"))
    p.add_argument("--month", metavar="YYYY-MM", help="the month of a monthly report")
    p.add_argument("--day", metavar="YYYY-MM-DD", help="the day of a daily report (default: today)")
    p.add_argument("--format", choices=("xlsx", "pdf", "json"), help="default: from --out's ending, else json")
    p.add_argument("--out", type=Path, metavar="PATH", help="the file to write (default: JSON on stdout, "
                                                              "or monthly-YYYY-MM.xlsx/.pdf in this folder)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    command = args.command or "gui"
    handler = COMMANDS[command]
    from station_app.errors import UserError

    try:
        return handler(args)
    except UserError as exc:
        print(f"station-app: {exc}", file=sys.stderr)
        return 2


def _open(args: argparse.Namespace, create: bool = True) -> StationDB:
    from station_app.db import open_station, station_path

    return open_station(station_path(args.data_dir), create=create)


def _open_sound(args: argparse.Namespace, create: bool = False) -> StationDB:
    """Open the station file for a command that works on it, refusing one that fails the check
    the program makes at start-up (DamagedStation: `station-app restore` is the way out)."""
    from station_app.core.health import before_use
    from station_app.errors import DamagedStation
    from station_app.i18n import QT_TRANSLATE_NOOP

    db = _open(args, create)
    problems = before_use(db, pages=True)  # not the start-up: SQLite's page checks too, whatever the size
    if problems:
        db.close()
        raise DamagedStation(QT_TRANSLATE_NOOP("errors", "The station file fails its check ({problems}). Nothing was "
                                               "done: restore a good backup with `station-app restore PATH`."),
                             problems="; ".join(problems[:3]))
    return db


def cmd_gui(args: argparse.Namespace) -> int:
    from station_app.ui.app import run_app

    return run_app(data_dir=args.data_dir, lang=args.lang)


def cmd_simulate(args: argparse.Namespace) -> int:
    from station_app.core import simulate

    if args.days < 1:
        print("station-app: --days must be at least 1", file=sys.stderr)
        return 2
    db = _open_sound(args, create=True)
    try:
        summary = simulate.run(db, args.days, args.seed)
    finally:
        db.close()
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from station_app.core.health import check_file
    from station_app.db import station_path

    path = station_path(args.data_dir)
    problems = check_file(path, scratch=getattr(args, "full", False))
    if problems:
        for p in problems:
            print(f"station-app check: {p}", file=sys.stderr)
        return 1
    print(f"ok: {path}")
    from station_app.core.health import warnings
    from station_app.db import open_station

    db = open_station(path, create=False)
    try:
        for warning in warnings(db):
            print(f"station-app check: warning: {warning}", file=sys.stderr)
    finally:
        db.close()
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from station_app.db.copies import backup

    db = _open_sound(args)
    try:
        print(backup(db, args.path))
    finally:
        db.close()
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from station_app.core.health import restore
    from station_app.db import station_path

    kept = restore(args.path, station_path(args.data_dir))
    print(f"restored {args.path}" + (f"; the previous file is kept as {kept}" if kept else ""))
    return 0


def cmd_scan_image(args: argparse.Namespace) -> int:
    """Exit 0 if a code was read, 1 if none, 2 if an image could not be read."""
    from station_app.devices.decoders import decoder, load_image
    from station_app.errors import UserError

    reader = decoder(args.decoder)
    found, unreadable = 0, False
    for path in args.images:
        try:
            image = load_image(path)
        except UserError as exc:
            print(f"station-app scan-image: {exc}", file=sys.stderr)
            unreadable = True
            continue
        for code in reader.decode(image):
            print(f"{code.format}\t{code.text}")
            found += 1
    return 2 if unreadable else 0 if found else 1


def cmd_print_test(args: argparse.Namespace) -> int:
    """Exit 0 when the test page was sent, 1 when the printer failed, 2 for a bad printer spec."""
    from printer import render, send_once
    from printer.errors import BadPrinterSpec, PrinterError
    from station_app.receipts.printer_test_page import printer_test_page
    from station_app.receipts.station_printer import printer_message

    spec, paper = args.printer, args.paper
    if not spec:
        from station_app.core import settings

        db = _open(args, create=False)
        try:
            spec, paper = settings.get(db, "printer.spec"), paper or settings.get(db, "printer.paper_mm")
        finally:
            db.close()
    if not spec:
        print("station-app print-test: no printer is set up; give --printer SPEC", file=sys.stderr)
        return 2
    try:
        from printer.escpos import resolve
        from station_app.clock import Clock

        pap, prof = resolve(paper or 58, args.profile)
        page = printer_test_page(paper_mm=pap.mm, printer=spec, profile=prof.name, printed=Clock().now())
        data = render(page, pap, prof)
    except ValueError as exc:
        print(f"station-app print-test: {exc}", file=sys.stderr)
        return 2
    try:
        status = send_once(spec, data)
    except BadPrinterSpec as exc:
        print(f"station-app print-test: {printer_message(exc)}", file=sys.stderr)
        return 2
    except PrinterError as exc:
        print(f"station-app print-test: {printer_message(exc)}", file=sys.stderr)
        return 1
    print(f"ok: test page sent to {spec} ({len(data)} bytes, {pap.mm} mm, {prof.name}); printer status: {status.value}")
    return 0


def cmd_enroll(args: argparse.Namespace) -> int:
    from sync import client

    db = _open_sound(args, create=True)
    try:
        enrolled = client.enroll(db, args.hub, args.code, ca_file=args.ca_file, allow_http=args.allow_http)
    finally:
        db.close()
    print(f"enrolled: station {enrolled.name} ({enrolled.station_id}); the hub holds {enrolled.acked_seq} of its records")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Exit 0 synced, 1 hub unreachable (retries used up), 2 refused (a person must act), 3 already running.
    With --to/--from (the courier's USB stick): 0 done, 1 the stick cannot be used, 2 refused."""
    from station_app.core.people import rekey_id_numbers
    from station_app.errors import UserError
    from sync import client

    db = _open_sound(args)
    try:
        try:
            rekey_id_numbers(db)  # before anything is sent: no older-style ID hash in what goes up from now on
        except UserError as exc:
            print(f"station-app sync: ID numbers not re-keyed: {exc}", file=sys.stderr)
        if args.to is not None or args.source is not None:  # the courier's stick (sync.courier)
            from sync import courier

            return courier.run_from_command_line(db, to=args.to, source=args.source, as_json=args.json)
        return client.run_from_command_line(db, once=args.once, as_json=args.json)
    finally:
        db.close()


def cmd_report(args: argparse.Namespace) -> int:
    """Exit 0 with the report written (or printed), 2 for a bad month, day or format."""
    from datetime import date

    from station_app.clock import local_day
    from station_app.core import report_files, reports
    from station_app.core.report_types import DailyReport, MonthlyReport

    fmt = args.format or (args.out.suffix.lstrip(".").lower() if args.out else "json")
    if fmt not in ("xlsx", "pdf", "json") or (args.period == "daily" and fmt != "json"):
        print(f"station-app report: cannot write a {args.period} report as {fmt!r}", file=sys.stderr)
        return 2
    if args.period == "monthly" and not args.month:
        print("station-app report: give --month YYYY-MM", file=sys.stderr)
        return 2
    db = _open_sound(args)
    report: DailyReport | MonthlyReport
    try:
        if args.period == "daily":
            try:
                day = date.fromisoformat(args.day) if args.day else local_day(db.clock.now())
            except ValueError:
                print(f"station-app report: --day {args.day!r} is not a date like 2026-11-23", file=sys.stderr)
                return 2
            report = reports.daily_report(db, day)
        elif fmt == "json" and not args.out:
            report = reports.monthly_report(db, args.month)
        else:
            out = args.out or Path(f"monthly-{reports.month_of(reports.month_days(args.month)[0])}.{fmt}")
            print(report_files.write_monthly(db, args.month, out, fmt))
            return 0
    finally:
        db.close()
    text = json.dumps(report, ensure_ascii=False, indent=1)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(args.out)
    else:
        print(text)
    return 0


COMMANDS = {
    "gui": cmd_gui,
    "simulate": cmd_simulate,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "scan-image": cmd_scan_image,
    "print-test": cmd_print_test,
    "enroll": cmd_enroll,
    "sync": cmd_sync,
    "report": cmd_report,
}
