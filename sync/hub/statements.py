"""The daily statement reconciliation: the aggregator's statement of a day (`/api/statement`)
against the hub's bills, every order whose state or amount differs flagged for the county
(`statement_differences`, and one alert per differing order).

A difference is one of:

- `state`: both know the order, the states differ (成功 there, 失败 here…), or a partly paid
  order paid another amount;
- `amount`: both know it, the amounts ordered differ;
- `only_theirs`: on the statement, never sent by this hub (or not as this order number);
- `only_ours`: the hub sent it that day (an answer, or a try without one) and the statement
  does not list it.

Reconciling a day again replaces that day's findings (a difference settled meanwhile goes).
`station-hub biller-statement --day YYYY-MM-DD --gateways FILE` runs it; the county's day is
the hub's (Asia/Shanghai).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, insert, select

from station_app.clock import SHANGHAI, iso
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub import alerts, billers, gateway_config
from sync.hub.aggregator import (
    CANCELLED,
    CHARGING,
    FAILURE,
    PARTLY,
    STATE_NAMES,
    SUCCESS,
    AggregatorBiller,
    StatementLine,
)
from sync.hub.db import open_hub, writing
from sync.hub.gateway_db import biller_statements, ensure_gateway_tables, statement_differences
from sync.hub.service_db import ensure_tables, hub_bills
from sync.hub.store import Hub

DIFFERS = QT_TRANSLATE_NOOP("hubflags", "The recharge platform's statement of {day} differs for order {order}: "
                                        "platform {theirs}, hub {ours}")
OURS = {billers.PAID: (SUCCESS,), billers.FAILED: (FAILURE, CANCELLED), billers.PARTIAL: (PARTLY,),
        billers.PENDING: (CHARGING,)}


@dataclass(frozen=True)
class Difference:
    order_no: str
    kind: str  # state / amount / only_ours / only_theirs
    ours: str
    theirs: str
    request_id: str | None = None
    station_id: str | None = None


def reconcile(hub: Hub, biller: AggregatorBiller, day: str, now: datetime | None = None) -> list[Difference]:
    """Fetch the aggregator's statement of `day` (YYYY-MM-DD), compare, store and alert. Raises
    BillerUnavailable when the statement cannot be had."""
    lines = biller.statement(day)
    ensure_tables(hub.engine)
    ensure_gateway_tables(hub.engine)
    at = iso(now or hub.clock.now())
    start = datetime.combine(datetime.strptime(day, "%Y-%m-%d").date(), time(), SHANGHAI)
    end = datetime.combine(datetime.strptime(day, "%Y-%m-%d").date(), time.max, SHANGHAI)
    with writing(hub.engine) as conn:
        theirs = {line.order_no: line for line in lines}
        rows = conn.execute(select(hub_bills).where(hub_bills.c.order_no.in_(list(theirs)))).all() if theirs else []
        known = {r.order_no: r for r in rows}
        sent_that_day = conn.execute(select(hub_bills).where(and_(  # the aggregator was asked about these
            hub_bills.c.created_at >= iso(start), hub_bills.c.created_at <= iso(end), hub_bills.c.attempts > 0))).all()
        found = [d for d in (_compare(line, known.get(line.order_no)) for line in lines) if d is not None]
        found += [Difference(r.order_no or "", "only_ours", _ours(r), "", r.request_id, r.station_id)
                  for r in sent_that_day if r.order_no and r.order_no not in theirs]
        conn.execute(delete(statement_differences).where(statement_differences.c.day == day))
        conn.execute(delete(biller_statements).where(biller_statements.c.day == day))
        conn.execute(insert(biller_statements).values(day=day, fetched_at=at, orders=len(lines), differing=len(found)))
        for d in found:
            conn.execute(insert(statement_differences).values(
                day=day, order_no=d.order_no, request_id=d.request_id, station_id=d.station_id, ours=d.ours[:40],
                theirs=d.theirs[:40], kind=d.kind, found_at=at))
            alerts.raise_alert(conn, d.station_id or "", "biller_statement", f"{day}:{d.order_no}"[:80], 0, DIFFERS,
                               {"day": day, "order": d.order_no[-8:], "theirs": d.theirs or "-", "ours": d.ours or "-"},
                               at)
    return found


def _compare(line: StatementLine, row: Any) -> Difference | None:
    theirs = f"{STATE_NAMES.get(line.state, str(line.state))} {_yuan(line.amount)}"
    if row is None:
        return Difference(line.order_no, "only_theirs", "", theirs)
    r = row  # a hub_bills row
    ours, request_id, station_id = _ours(r), r.request_id, r.station_id
    if int(r.amount) != line.amount:
        return Difference(line.order_no, "amount", ours, theirs, request_id, station_id)
    status = str(r.status)
    if line.state not in OURS.get(status, ()):
        return Difference(line.order_no, "state", ours, theirs, request_id, station_id)
    if line.state == PARTLY and r.paid_amount != line.charged:
        return Difference(line.order_no, "state", ours, f"{theirs} ({_yuan(line.charged)})", request_id, station_id)
    return None


def _ours(row: Any) -> str:
    return f"{row.status} {_yuan(int(row.amount))}"


def _yuan(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"


# -- `station-hub biller-statement` ---------------------------------------------------------------


def add_command(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    c = sub.add_parser("biller-statement", parents=[common],
                       help="reconcile the recharge platform's statement of a day with the hub's bills")
    c.add_argument("--day", required=True, help="YYYY-MM-DD (the hub's day)")
    c.add_argument("--gateways", type=Path, metavar="FILE",
                   help="the gateways file (default $STATION_HUB_GATEWAYS)")


def cmd_biller_statement(args: argparse.Namespace) -> int:
    """Exit 0: no difference; 3: differences (listed, and alerts raised); 1/2: could not run."""
    hub = Hub(open_hub(args.db), secret_file=getattr(args, "secret_file", None))
    try:
        datetime.strptime(args.day, "%Y-%m-%d")
        gateways = gateway_config.for_serve(args.gateways, False)
    except ValueError as exc:
        print(f"station-hub: {exc}", file=sys.stderr)
        return 2
    if gateways.biller is None:
        print("station-hub: no biller aggregator configured", file=sys.stderr)
        return 2
    try:
        found = reconcile(hub, AggregatorBiller(gateways.biller, now=hub.clock.now), args.day)
    except billers.BillerUnavailable as exc:
        print(f"station-hub: the statement could not be had: {exc}", file=sys.stderr)
        return 1
    for d in found:
        print(f"{d.kind}\t{d.order_no}\tplatform: {d.theirs or '-'}\thub: {d.ours or '-'}")
    print(f"{args.day}: {len(found)} order(s) differ")
    return 0 if not found else 3
