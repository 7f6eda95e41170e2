"""The county's reports on the command line: `station-hub report monthly`, computed from the
events the stations pushed (DESIGN §5), never from figures a station typed.

The figures come from the shadow station files (`sync.hub.shadows`) through the station's own
report code, so they equal the station's to the fen; the county's month, with what its totals
cover, is `sync.hub.county_report`; its files are `sync.hub.county_files`.

A report the hub cannot compute is an error (exit 1, the reason on stderr), never an empty
success; a county report that leaves stations out is written and says so (exit 3).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from station_app.core import reports
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.county_report import county_month, station_month
from sync.hub.shadows import FoldError, Shadows
from sync.hub.store import Hub

__all__ = ["Shadows", "add_command", "cmd_report", "find_station"]

CANNOT = QT_TRANSLATE_NOOP("dashboard", "station-hub report: the report of {station} cannot be computed: {why}")
LEFT_OUT = QT_TRANSLATE_NOOP("dashboard", "station-hub report: written, but {n} of {count} stations are not counted "
                                          "in the totals:")


def add_command(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register `station-hub report monthly --month YYYY-MM [--station ID] [--format xlsx|pdf|json] [--out PATH]`."""
    p = sub.add_parser("report", parents=[common], help="monthly report of one station or the county, from the events")
    p.add_argument("period", choices=("monthly",))
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--station", metavar="ID", help="one station (its id or name); default: every station and the county")
    p.add_argument("--format", choices=("xlsx", "pdf", "json"), help="default: from --out's ending, else json")
    p.add_argument("--out", type=Path, metavar="PATH", help="the file to write (default: JSON on stdout, "
                                                              "or monthly-YYYY-MM.xlsx|pdf in this folder)")
    p.add_argument("--closed", action="store_true", help="the month as the county closed it (its frozen snapshot)")
    p.add_argument("--shadows", type=Path, metavar="DIR", help="folder of the shadow station files "
                                                               "(default: beside the hub database)")


def _write(fmt: str, data: Any, out: Path | None, month: str, station: bool) -> str:
    """`data` written as `fmt` to `out` (JSON without `out`: the text itself); what to print."""
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if out is None:
            return text
        out.write_text(text, encoding="utf-8")
        return str(out)
    target = out or Path(f"monthly-{month}.{fmt}")
    if station:
        from station_app.core.report_files import write_monthly_pdf, write_monthly_xlsx

        report, sheets = data
        return str(write_monthly_xlsx(report, sheets, target) if fmt == "xlsx" else write_monthly_pdf(report, target))
    from sync.hub.county_files import write_county_pdf, write_county_xlsx

    return str(write_county_xlsx(data, target) if fmt == "xlsx" else write_county_pdf(data, target))


def cmd_report(args: argparse.Namespace) -> int:
    """Exit 0 with the report written or printed; 1 when the station's report cannot be computed
    (its records cannot be folded, or it has none); 2 for a bad month, station or format; 3 when
    a county report was written but leaves stations out of its totals (listed on stderr)."""
    from sync.hub.db import open_hub
    from sync.hub.month_close import closed_report

    fmt = args.format or (args.out.suffix.lstrip(".").lower() if args.out else "json")
    if fmt not in ("xlsx", "pdf", "json"):
        print(f"station-hub report: cannot write {fmt!r}; use xlsx, pdf or json", file=sys.stderr)
        return 2
    hub = Hub(open_hub(args.db))
    shadows = Shadows(hub, args.shadows)
    try:
        month = reports.month_of(reports.month_days(args.month)[0])
        if args.station:
            station_id = find_station(hub, args.station)
            if station_id is None:
                print(f"station-hub report: no station {args.station!r}", file=sys.stderr)
                return 2
            try:
                report, sheets = station_month(shadows, station_id, month, sheets=fmt == "xlsx")
            except FoldError as exc:
                print(translate("dashboard", CANNOT).format(station=args.station, why=exc.message()), file=sys.stderr)
                return 1
            except LookupError as exc:
                print(translate("dashboard", CANNOT).format(station=args.station, why=exc.args[0]), file=sys.stderr)
                return 1
            print(_write(fmt, report if fmt == "json" else (report, sheets), args.out, month, True))
            return 0
        if args.closed:
            data = closed_report(hub, month)
            if data is None:
                print(f"station-hub report: {month} is not closed", file=sys.stderr)
                return 2
        else:
            data = county_month(shadows, month)
        print(_write(fmt, data, args.out, month, False))
        if data["not_counted"]:
            print(translate("dashboard", LEFT_OUT).format(n=len(data["not_counted"]), count=data["station_count"]),
                  file=sys.stderr)
            for item in data["not_counted"]:
                print(f"  {item['name']}: {item['why']}", file=sys.stderr)
            return 3
        return 0
    except UserError as exc:
        print(f"station-hub report: {exc.message('en')}", file=sys.stderr)
        return 2
    finally:
        shadows.close()
        hub.engine.dispose()


def find_station(hub: Hub, text: str) -> str | None:
    """A station's hub id from its id or its exact name."""
    for r in hub.station_rows():
        if text in (r["id"], r["name"]):
            return str(r["id"])
    return None
