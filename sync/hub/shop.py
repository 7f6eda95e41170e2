"""The county's shop on the hub, for county staff: the proxy-purchase catalogue
(`sync.hub.catalogue`) and the online shop's orders (`sync.hub.online_orders`), as
`station-hub` commands (the same over HTTP: `sync.hub.routers.county`).

    station-hub import-catalogue FILE [--partial]   POST /county/catalogue (the CSV as body)
    station-hub import-online-orders FILE.json      POST /county/online-orders (one order, JSON)
                                                    POST /county/online-orders/{number}/cancel
    station-hub online-order-status NUMBER          GET  /county/online-orders/{number}
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, language, translate
from sync.hub import audit
from sync.hub.audit import who
from sync.hub.catalogue import ensure_catalogue_table, import_catalogue
from sync.hub.db import open_hub
from sync.hub.online_orders import (
    accept_online_order,
    ensure_orders_table,
    online_order_status,
)
from sync.hub.shadows import Shadows
from sync.hub.store import Hub


def ensure_shop_tables(engine: Engine) -> None:
    """Create the shop's tables if missing (once per engine and process)."""
    ensure_catalogue_table(engine)
    ensure_orders_table(engine)


# -- `station-hub import-catalogue | import-online-orders | online-order-status` -----------------------

SUMMARY = QT_TRANSLATE_NOOP("hub_services", "catalogue: {added} items added, {changed} changed, {withdrawn} withdrawn, "
                                            "{unchanged} unchanged, {refused} rows refused")
KEPT = QT_TRANSLATE_NOOP("hub_services", "{kept} items the file leaves out were kept (not withdrawn) because rows were "
                                         "refused: fix them and import the file again")
LINE_REFUSED = QT_TRANSLATE_NOOP("hub_services", "line {line}: refused: {why}")
ORDER_SENT = QT_TRANSLATE_NOOP("hub_services", "{number}: sent to {station} ({total})")
ORDER_REPEAT = QT_TRANSLATE_NOOP("hub_services", "{number}: accepted before, nothing sent again")
ORDER_REFUSED = QT_TRANSLATE_NOOP("hub_services", "order {index} ({number}): refused: {why}")
NOT_A_LIST = QT_TRANSLATE_NOOP("hub_services", "{file} is not a JSON list of orders: {why}")


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register the shop's `station-hub` commands (their functions are in `COMMANDS`)."""
    c = sub.add_parser("import-catalogue", parents=[common],
                       help="send the county's proxy-purchase catalogue (代购目录, CSV, UTF-8 or GBK) to every station")
    c.add_argument("csv", type=Path, metavar="FILE")
    c.add_argument("--partial", action="store_true",
                   help="add and change items only: keep the items the file leaves out (default: withdraw them)")
    o = sub.add_parser("import-online-orders", parents=[common],
                       help="send orders of the county online shop (a JSON list) to the stations holding the goods")
    o.add_argument("orders", type=Path, metavar="FILE.json")
    s = sub.add_parser("online-order-status", parents=[common],
                       help="where an online-shop order is (JSON): waiting, packed, sent or cancelled")
    s.add_argument("number")


def _say(text: str, **params: Any) -> str:
    return translate("hub_services", text).format(**params)


def cmd_import_catalogue(args: argparse.Namespace) -> int:
    """Exit 0 when every row was imported, 1 when some were refused, 2 when the file was refused."""
    data = args.csv.read_bytes()
    hub = Hub(open_hub(args.db))
    try:
        report = import_catalogue(hub, data, partial=args.partial)
        audit.record(hub, who(), "catalogue.imported", args.csv.name, {
            "added": len(report.added), "changed": len(report.changed), "withdrawn": len(report.withdrawn),
            "refused": len(report.refused), "partial": args.partial})
    except UserError as exc:
        print(f"station-hub import-catalogue: {exc}", file=sys.stderr)
        return 2
    finally:
        hub.engine.dispose()
    print(_say(SUMMARY, added=len(report.added), changed=len(report.changed), withdrawn=len(report.withdrawn),
               unchanged=report.unchanged, refused=len(report.refused)))
    if report.kept and report.refused:
        print(_say(KEPT, kept=report.kept))
    for r in report.refused:
        print(_say(LINE_REFUSED, line=r.line, why=r.en if language() == "en" else r.zh), file=sys.stderr)
    return 1 if report.refused else 0


def cmd_import_online_orders(args: argparse.Namespace) -> int:
    """Exit 0 when every order was accepted (now or before), 1 when some were refused, 2 when
    the file is not a JSON list."""
    try:
        orders = json.loads(args.orders.read_bytes().decode("utf-8-sig"))
        if isinstance(orders, dict):
            orders = [orders]
        if not isinstance(orders, list):
            raise ValueError(type(orders).__name__)
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"station-hub import-online-orders: {_say(NOT_A_LIST, file=args.orders, why=exc)}", file=sys.stderr)
        return 2
    hub = Hub(open_hub(args.db))
    shadows = Shadows(hub)
    refused = 0
    try:
        for index, order in enumerate(orders, 1):
            try:
                done = accept_online_order(hub, order, shadows=shadows)
            except UserError as exc:
                refused += 1
                number = order.get("number", "-") if isinstance(order, dict) else "-"
                print(_say(ORDER_REFUSED, index=index, number=number, why=exc), file=sys.stderr)
                continue
            if not done["repeat"]:
                audit.record(hub, who(), "online_order.accepted", done["number"], {"station": done["station"],
                                                                                   "total": done["total"]})
            print(_say(ORDER_REPEAT, number=done["number"]) if done["repeat"] else
                  _say(ORDER_SENT, number=done["number"], station=done["station"], total=format_fen(done["total"])))
    finally:
        shadows.close()
        hub.engine.dispose()
    return 1 if refused else 0


def cmd_online_order_status(args: argparse.Namespace) -> int:
    """The status as one JSON object; exit 1 for an unknown number."""
    hub = Hub(open_hub(args.db))
    try:
        status = online_order_status(hub, args.number)
    except UserError as exc:
        print(f"station-hub online-order-status: {exc}", file=sys.stderr)
        return 1
    finally:
        hub.engine.dispose()
    print(json.dumps(status, ensure_ascii=False))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import-catalogue": cmd_import_catalogue, "import-online-orders": cmd_import_online_orders,
    "online-order-status": cmd_online_order_status}
