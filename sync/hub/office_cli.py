"""The county office's `station-hub` commands: the same operations as the dashboard and the
/county endpoints, through the same functions, for someone at the hub's own console. Every
change is in the audit log under `cli:<the console user>`.

    station-hub upload KIND FILE [--station S] [--dry-run]     KIND: manifest, catalogue, online-orders,
                                                               fee-table, biller-list, training-schedule
    station-hub notice --title T --text X [--station S] [--until YYYY-MM-DD]
    station-hub set-target KEY VALUE [--station S]             a target or county setting
    station-hub hub-setting [KEY [VALUE]]                      the hub's own settings (silent days ...)
    station-hub close-month --month YYYY-MM
    station-hub digest [--day YYYY-MM-DD] [--out FILE.xlsx|FILE.csv]
    station-hub stations                                       every station's health, red first
    station-hub set-role NAME admin|viewer|auditor
    station-hub demo --stations N [--days D]                   a demo county (`sync.hub.demo`)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from station_app.clock import local_day
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import county_settings, digest, health, month_close, notices, roles, targets, uploads
from sync.hub.audit import who
from sync.hub.db import open_hub
from sync.hub.shadows import Shadows
from sync.hub.store import Hub

SUMMARY = QT_TRANSLATE_NOOP("dashboard", "{kind}: {sent} rows sent, {refused} refused, {skipped} skipped")
DRY = QT_TRANSLATE_NOOP("dashboard", "{kind}: {sent} rows would be sent, {refused} refused, {skipped} skipped "
                                     "(nothing sent: --dry-run)")
REPEAT = QT_TRANSLATE_NOOP("dashboard", "This file was sent before (by {who} at {when}): nothing was sent again.")
LINE = QT_TRANSLATE_NOOP("dashboard", "line {line}: {why}")


def _t(text: str, /, **params: Any) -> str:
    out = translate("dashboard", text)
    return out.format(**params) if params else out


@contextmanager
def _open(args: argparse.Namespace) -> Iterator[tuple[Hub, Shadows]]:
    hub = Hub(open_hub(args.db))
    shadows = Shadows(hub, getattr(args, "shadows", None))
    try:
        yield hub, shadows
    finally:
        shadows.close()
        hub.engine.dispose()


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register the county office's commands (their functions are in `COMMANDS`)."""
    u = sub.add_parser("upload", parents=[common], help="check a county file and send it to the stations, once")
    u.add_argument("kind", choices=sorted(uploads.KINDS))
    u.add_argument("file", type=Path)
    u.add_argument("--station", help="only this station (its id or exact name), where the kind allows it")
    u.add_argument("--dry-run", action="store_true", help="only check the file: show what would be sent")

    n = sub.add_parser("notice", parents=[common], help="send a notice to every station (or one)")
    n.add_argument("--title", required=True)
    n.add_argument("--text", required=True)
    n.add_argument("--station")
    n.add_argument("--until", default="", metavar="YYYY-MM-DD", help="the last day stations show it")

    t = sub.add_parser("set-target", parents=[common], help="set a target or county setting for every station (or one)")
    t.add_argument("key", choices=targets.county_keys())
    t.add_argument("value")
    t.add_argument("--station")

    h = sub.add_parser("hub-setting", parents=[common], help="show or change the hub's own settings")
    h.add_argument("key", nargs="?", choices=sorted(county_settings.HUB_SETTINGS))
    h.add_argument("value", nargs="?")

    c = sub.add_parser("close-month", parents=[common], help="freeze a month's county report (the figures submitted)")
    c.add_argument("--month", required=True, metavar="YYYY-MM")
    c.add_argument("--shadows", type=Path, metavar="DIR", help="folder of the shadow station files")

    d = sub.add_parser("digest", parents=[common], help="the daily digest of every station (default: yesterday)")
    d.add_argument("--day", metavar="YYYY-MM-DD")
    d.add_argument("--out", type=Path, metavar="FILE", help="write it as .xlsx or .csv (default: text on stdout)")

    sub.add_parser("stations", parents=[common], help="every station's health, those needing attention first (JSON)")

    r = sub.add_parser("set-role", parents=[common], help="give a county staff login a role")
    r.add_argument("name")
    r.add_argument("role", choices=sorted(roles.ROLES))

    from sync import demo

    demo.add_command(sub, common)


def cmd_upload(args: argparse.Namespace) -> int:
    """Exit 0 when every row was sent (or the file had been before), 1 when rows were refused,
    2 when the file was refused whole."""
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"station-hub upload: {exc}", file=sys.stderr)
        return 2
    with _open(args) as (_, shadows):
        try:
            found, now = uploads.upload(shadows, args.kind, data, filename=args.file.name, who=who(),
                                        station=args.station, dry_run=args.dry_run)
        except UserError as exc:
            print(f"station-hub upload: {exc}", file=sys.stderr)
            return 2
    report = found.applied if found.applied is not None else found.report.as_dict()
    if found.applied is not None and not now:
        print(_t(REPEAT, who=found.applied_by, when=found.applied_at))
    kind = _t(uploads.KINDS[args.kind].title)
    counts = {"kind": kind, "sent": len(report["sent"]), "refused": len(report["refused"]),
              "skipped": len(report["skipped"])}
    print(_t(DRY if args.dry_run else SUMMARY, **counts))
    for r in report["sent"]:
        print(f"  {r['line'] or '-'}\t{r['station']}\t{r['what']}")
    for r in report["skipped"]:
        print(_t(LINE, line=r["line"] or "-", why=r["why"]))
    for r in report["refused"]:
        print(_t(LINE, line=r["line"] or "-", why=r["why"]), file=sys.stderr)
    return 1 if report["refused"] else 0


def cmd_notice(args: argparse.Namespace) -> int:
    with _open(args) as (hub, _):
        try:
            n = notices.publish_notice(hub, title=args.title, text=args.text, who=who(), station=args.station,
                                       until=args.until)
        except UserError as exc:
            print(f"station-hub notice: {exc}", file=sys.stderr)
            return 2
    print(json.dumps({"hub_seq": n.hub_seq, "id": n.id, "station": n.station or "*"}, ensure_ascii=False))
    return 0


def cmd_set_target(args: argparse.Namespace) -> int:
    with _open(args) as (hub, _):
        try:
            seq = targets.set_value(hub, args.key, args.value, who(), args.station)
        except UserError as exc:
            print(f"station-hub set-target: {exc}", file=sys.stderr)
            return 2
    print(json.dumps({"key": args.key, "value": args.value, "station": args.station or "*", "hub_seq": seq}))
    return 0


def cmd_hub_setting(args: argparse.Namespace) -> int:
    with _open(args) as (hub, _):
        if args.key and args.value is not None:
            try:
                county_settings.set_value(hub, args.key, args.value, who())
            except UserError as exc:
                print(f"station-hub hub-setting: {exc}", file=sys.stderr)
                return 2
        shown = {k: v for k, v in county_settings.values(hub).items() if not args.key or k == args.key}
    print(json.dumps(shown, ensure_ascii=False))
    return 0


def cmd_close_month(args: argparse.Namespace) -> int:
    """Exit 0 closed, 2 refused (a bad month, not over, closed before)."""
    with _open(args) as (_, shadows):
        try:
            snapshot = month_close.close_month(shadows, args.month, who())
        except UserError as exc:
            print(f"station-hub close-month: {exc}", file=sys.stderr)
            return 2
    print(json.dumps({"month": snapshot["month"], "covered": snapshot["covered"],
                      "stations": snapshot["station_count"], "not_counted": snapshot["not_counted"],
                      **snapshot["closed"]}, ensure_ascii=False))
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    with _open(args) as (hub, _):
        try:
            day = date.fromisoformat(args.day) if args.day else local_day(hub.clock.now()) - timedelta(days=1)
        except ValueError:
            print(f"station-hub digest: {args.day!r} is not a day (YYYY-MM-DD)", file=sys.stderr)
            return 2
        rows = digest.digest(hub, day)
    if args.out:
        suffix = args.out.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            print("station-hub digest: --out must end in .xlsx or .csv", file=sys.stderr)
            return 2
        print(digest.write_xlsx(rows, day, args.out) if suffix == ".xlsx" else digest.write_csv(rows, args.out))
        return 0
    print("\t".join(digest.heads()))
    for r in rows:
        print("\t".join(str(c) for c in r.cells()))
    return 0


def cmd_stations(args: argparse.Namespace) -> int:
    """Exit 0 when no station needs attention, 1 when some do (a cron job can mail the output)."""
    with _open(args) as (hub, _):
        found = health.station_health(hub)
    out = [{"id": h.id, "name": h.name, "village": h.village, "red": h.red, "last_contact": h.last_contact,
            "last_upload": h.last_upload, "complete_up_to": h.complete_up_to,
            "problems": [{"level": p.level, "text": p.text, "todo": p.todo} for p in h.problems]}
           for h in sorted(found, key=lambda h: (not h.red, h.name))]
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 1 if any(h.red for h in found) else 0


def cmd_set_role(args: argparse.Namespace) -> int:
    from sync.hub import audit

    with _open(args) as (hub, _):
        roles.set_role(hub, args.name, args.role, who())
        audit.record(hub, who(), "staff.role_set", args.name, {"role": args.role})
    print(f"{args.name}: {args.role}")
    return 0


def staff_added(hub: Hub, name: str, role: str) -> None:
    """`station-hub add-admin` made or reset a login: its role, and the audit log (no password)."""
    from sync.hub import audit

    roles.set_role(hub, name, role, who())
    audit.record(hub, who(), "staff.login_set", name, {"role": role})


def _demo(args: argparse.Namespace) -> int:
    from sync import demo

    return demo.cmd_demo(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "upload": cmd_upload, "notice": cmd_notice, "set-target": cmd_set_target, "hub-setting": cmd_hub_setting,
    "close-month": cmd_close_month, "digest": cmd_digest, "stations": cmd_stations, "set-role": cmd_set_role,
    "demo": _demo}
