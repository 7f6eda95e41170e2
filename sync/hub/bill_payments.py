"""The hub pays the bills the stations accepted (DESIGN §8), through a biller gateway
(`sync.hub.billers`: the interface, the simulated biller, `settle` and `follow_up`).

Each pushed `bill.accepted` becomes one `hub_bills` row, keyed by the bill's id, which is
also the biller's request id: a batch pushed three times records one row, and the biller
pays one request id at most once. `process_bills` pays the new rows, asks again about
the pending ones with a growing pause, and sends each answer that says something new down
to the station as `county.bill_result`. Whoever talks to the biller about a bill holds a
short lease on its row; a hub stopped mid-payment leaves the row as it was, and the next
run asks the biller with the same request id (it answers what became of the first try).

A bill the county's inspector finds wrong (a product not in the county's catalogue, an
account or amount that breaks its rules) is never sent to a biller: it is answered failed
at once, so the station refunds the villager.

A station's token can be stolen: a forged `bill.accepted` must not reach a biller unchecked.
Past the county's limits for one station and day (the number of bills and their total, county
settings `bills_per_station_day` and `bill_yuan_per_station_day`, counted by the day the hub
received them), a bill is *held*: nobody is paid, the county gets an alert (`sync.hub.alerts`)
and the station a flag on the bill (有警告: the county is checking it). County staff release it
(paid like any other) or refuse it (answered failed: the station refunds the payer).

A bill the station voided (`bill.voided`: before it was uploaded, the cash already handed
back) or asks to void (`bill.void_requested`: after) is never sent to a biller if nobody
has asked the biller yet: a voided one is closed quietly, a requested one is answered failed
("voided at the station's request") so the station refunds it. If the biller was already
asked, the bill takes its course and the station sees the biller's answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, update

from station_app.clock import iso, parse_iso
from station_app.core.events import Event
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from station_app.ids import new_id
from sync.hub import alerts, billers, inspect
from sync.hub.billers import BillerGateway, BillerResult, BillRequest
from sync.hub.db import publishing, reading, writing
from sync.hub.gateway_pool import BATCH, Answer, Share, at_once, call_all, skip_locked
from sync.hub.service_db import follow, hub_bills, retry_pause
from sync.hub.store import Hub, clear_flags, publish, raise_flag

log = logging.getLogger(__name__)
NEW = "new"  # not yet known to the biller (or no answer so far)
VOIDED = "voided"  # the station voided it before anyone asked the biller: never paid
HELD = "held"  # over the station's limits for the day: waits for county staff
OPEN = (NEW, billers.PENDING)
LEASE = timedelta(minutes=5)
RUN_BUDGET = 60.0  # seconds one run keeps leasing bills (then the next run; other work gets its turn)
MESSAGE_LANG = "zh_CN"  # result messages are shown at the station, like the billers' own

inspect.register("bill.accepted", billers.inspect_bill_accepted)
VOID_REQUESTED = QT_TRANSLATE_NOOP("hubflags", "Voided at the station's request before it was paid: refund the payer")
HELD_FLAG = QT_TRANSLATE_NOOP("hubflags", "The county is checking this payment before it is paid (over the station's "
                                          "limit for the day)")
OVER_COUNT = QT_TRANSLATE_NOOP("hubflags", "Held: more than {limit} bill payments from the station today")
OVER_AMOUNT = QT_TRANSLATE_NOOP("hubflags", "Held: bill payments from the station today would pass {limit} yuan")
REFUSED = QT_TRANSLATE_NOOP("hubflags", "The county office did not pay this bill: refund the payer")
NEEDS_COUNTY = QT_TRANSLATE_NOOP("hubflags", "Bills are not being paid until the county acts: {detail}")


@dataclass
class BillsReport:
    recorded: int = 0  # new bills picked up from pushed events
    paid: int = 0
    failed: int = 0
    pending: int = 0
    partial: int = 0  # part paid: the county settles the rest with the payer
    unknown: int = 0  # no answer from the biller: asked again later
    held_by_county: int = 0  # not sent: the aggregator's balance or the adapter's configuration
    more: bool = False  # stopped at the run's limit or time budget with bills still due


def collect_bills(hub: Hub) -> int:
    """Record the bills in newly pushed `bill.accepted` events (each request id once), and the
    voids that follow them (in the station's order, so a void always comes after its bill)."""
    alerts.ensure_table(hub.engine)
    return follow(hub, "bills", ("bill.accepted", "bill.voided", "bill.void_requested"),
                  lambda conn, station_id, ev: _follow_bill(conn, hub, station_id, ev, hub.now()))


def process_bills(hub: Hub, gateway: BillerGateway, now: datetime | None = None, *, limit: int = 20_000,
                  batch: int = BATCH, pool: int | None = None, budget: float = RUN_BUDGET,
                  stopping: Callable[[], bool] = lambda: False) -> BillsReport:
    """Record newly pushed bills, then pay or follow up every bill that is due (at most
    `limit`, for at most `budget` seconds: `more` says some were left), each answer that says
    something new sent to its station. Bills are leased `batch` at a time in one transaction,
    put to the biller `pool` at a time (default: the gateway's `concurrency`) and answered in
    one transaction per batch; no new batch once `stopping()` says so. Safe to run in several
    threads or processes at once (a lease per bill); never pays a request twice."""
    now = now or hub.clock.now()
    report = BillsReport(recorded=collect_bills(hub))
    share = Share(limit, batch, budget, stopping)
    with ThreadPoolExecutor(at_once(gateway, pool), thread_name_prefix="biller") as calls:
        while size := share.next_size():
            lease = new_id()
            rows = _claim_batch(hub, lease, now, size)
            if not rows:
                break
            share.taken += len(rows)
            answers = call_all(calls, lambda row: _ask(gateway, row), rows)
            _answer_batch(hub, rows, lease, answers, now, report)
            for answer in answers:  # a hub dying mid-payment: the leases stand, the next run asks the biller
                if answer.error is not None and not isinstance(answer.error, billers.BillerNeedsCounty):
                    raise answer.error
    report.more = share.more
    return report


def _answer_batch(hub: Hub, rows: list[Any], lease: str, answers: list[Answer[BillerResult | None]], now: datetime,
                  report: BillsReport) -> None:
    """Store a batch's answers (and tell the stations) in one transaction; a bill whose call
    failed unexpectedly keeps its lease."""
    with publishing(hub.engine) as conn:
        for row, answer in zip(rows, answers, strict=True):
            if isinstance(answer.error, billers.BillerNeedsCounty):
                _needs_county_in(conn, row, lease, str(answer.error), now)
                report.held_by_county += 1
                continue
            if answer.error is not None:
                continue
            result = answer.value
            _answer_in(conn, row, lease, result, now)
            if result is None:
                report.unknown += 1
            elif result.status == billers.PAID:
                report.paid += 1
            elif result.status == billers.FAILED:
                report.failed += 1
            elif result.status == billers.PARTIAL:
                report.partial += 1
            else:
                report.pending += 1


def bill_row(hub: Hub, request_id: str) -> Any:
    """The hub's row for a bill (status, attempts, next_try_at, ...), or None."""
    with reading(hub.engine) as conn:
        return conn.execute(select(hub_bills).where(hub_bills.c.request_id == request_id)).first()


# -- inside -----------------------------------------------------------------------------------


def _follow_bill(conn: Connection, hub: Hub, station_id: str, ev: Event, now: str) -> None:
    if ev.kind == "bill.accepted":
        _record(conn, hub, station_id, ev, now)
    else:
        _void(conn, station_id, ev, now)


def _void(conn: Connection, station_id: str, ev: Event, now: str) -> None:
    """A void from the station: the bill is closed unpaid if no one has asked the biller yet
    (not leased, never tried); otherwise the biller's answer stands."""
    untouched = and_(hub_bills.c.request_id == ev.entity_id, hub_bills.c.station_id == station_id,
                     hub_bills.c.status.in_((NEW, HELD)), hub_bills.c.attempts == 0, hub_bills.c.lease.is_(None))
    alerts.settle(conn, "bill_", ev.entity_id, "voided", "", now)
    if ev.kind == "bill.voided":
        done = conn.execute(update(hub_bills).where(untouched).values(
            status=VOIDED, sent_status=VOIDED, message="voided at the station", result_at=now, updated_at=now))
    else:
        message = translate("hubflags", VOID_REQUESTED, MESSAGE_LANG)
        done = conn.execute(update(hub_bills).where(untouched).values(
            status=billers.FAILED, sent_status=billers.FAILED, message=message, result_at=now, updated_at=now))
        if done.rowcount:
            result = BillerResult(ev.entity_id, billers.FAILED, message=message, at=now)
            publish(conn, "county.bill_result", ev.entity_id, result.payload(), station_id, now)
    if not done.rowcount:
        log.warning("%s for bill %s of station %s came after the biller was asked: the biller's answer stands",
                    ev.kind, ev.entity_id, station_id)


def _record(conn: Connection, hub: Hub, station_id: str, ev: Event, now: str) -> None:
    known = conn.execute(select(hub_bills.c.station_id).where(hub_bills.c.request_id == ev.entity_id)).first()
    if known is not None:
        if known.station_id != station_id:
            log.warning("bill %s pushed by station %s is already station %s's: not paid again",
                        ev.entity_id, station_id, known.station_id)
        return
    request = BillRequest.from_accepted(ev.entity_id, ev.payload)
    values: dict[str, Any] = {
        "request_id": request.request_id, "station_id": station_id, "seq": ev.seq, "product": request.product,
        "account": request.account, "amount": request.amount, "status": NEW, "sent_status": "", "biller_ref": "",
        "message": "", "attempts": 0, "next_try_at": None, "created_at": now, "updated_at": now,
        "order_no": billers.order_number(request.request_id)}
    findings = billers.inspect_bill_accepted(conn, station_id, ev)
    if findings:  # the biller would refuse it, or pay something the county does not offer
        f = findings[0]
        message = translate("hubflags", f.message, MESSAGE_LANG).format(**f.params)
        result = BillerResult(request.request_id, billers.FAILED, message=message, at=now)
        values.update(status=billers.FAILED, sent_status=billers.FAILED, message=message, result_at=now)
        publish(conn, "county.bill_result", request.request_id, result.payload(), station_id, now)
    else:
        over = _over_limits(conn, station_id, request.amount, now)
        if over is not None:
            kind, message, params = over
            values["status"] = HELD
            alerts.raise_alert(conn, station_id, kind, request.request_id, ev.seq, message, params, now)
            raise_flag(conn, station_id, ev.seq, ev.entity_id, ev.kind, "bill_held", HELD_FLAG, {}, now)
    conn.execute(insert(hub_bills).values(**values))


def _over_limits(conn: Connection, station_id: str, amount: int, now: str
                 ) -> tuple[str, str, dict[str, Any]] | None:
    """Why a new bill of `amount` fen would pass the station's limits for the hub's day, or None."""
    start, end = alerts.hub_day_bounds(parse_iso(now))
    count, total = conn.execute(select(func.count(), func.coalesce(func.sum(hub_bills.c.amount), 0)).where(and_(
        hub_bills.c.station_id == station_id, hub_bills.c.created_at >= start, hub_bills.c.created_at < end,
        hub_bills.c.status.in_((NEW, HELD, billers.PENDING, billers.PAID))))).one()
    per_day, yuan = alerts.limit(conn, "bills_per_station_day"), alerts.limit(conn, "bill_yuan_per_station_day")
    if count >= per_day:
        return "bill_over_count", OVER_COUNT, {"limit": per_day}
    if int(total) + amount > yuan * 100:
        return "bill_over_amount", OVER_AMOUNT, {"limit": yuan}
    return None


def settle_held(hub: Hub, request_id: str, release: bool, who: str) -> bool:
    """County staff decide about a held bill: released (paid like any other) or refused
    (answered failed: the station refunds the payer). False when no such bill is held."""
    now = hub.now()
    alerts.ensure_table(hub.engine)
    with publishing(hub.engine) as conn:
        row = conn.execute(select(hub_bills).where(and_(hub_bills.c.request_id == request_id,
                                                        hub_bills.c.status == HELD))).first()
        if row is None:
            return False
        if release:
            conn.execute(update(hub_bills).where(hub_bills.c.request_id == request_id)
                         .values(status=NEW, next_try_at=None, updated_at=now))
        else:
            message = translate("hubflags", REFUSED, MESSAGE_LANG)
            conn.execute(update(hub_bills).where(hub_bills.c.request_id == request_id).values(
                status=billers.FAILED, sent_status=billers.FAILED, message=message, result_at=now, updated_at=now))
            result = BillerResult(request_id, billers.FAILED, message=message, at=now)
            publish(conn, "county.bill_result", request_id, result.payload(), row.station_id, now)
        clear_flags(conn, row.station_id, request_id, "bill_held", row.seq, now)
        alerts.settle(conn, "bill_", request_id, "released" if release else "refused", who, now)
    return True


def result_values(result: BillerResult, at: str) -> dict[str, Any]:
    """The `hub_bills` columns a biller's answer sets."""
    return {"status": result.status, "biller_ref": result.biller_ref, "message": result.message,
            "result_at": result.at or at, "paid_amount": result.paid_amount if result.status == billers.PARTIAL else None,
            "demo": 1 if result.demo else 0}


def _needs_county_in(conn: Connection, row: Any, lease: str, detail: str, now: datetime) -> None:
    """Nothing was sent: the aggregator's balance is short or it refuses the adapter's keys. The
    bill waits (released from its lease, tried again later); the county gets one alert."""
    at = iso(now)
    log.warning("biller: bill %s not sent: %s", row.request_id, detail)
    conn.execute(update(hub_bills).where(and_(hub_bills.c.request_id == row.request_id, hub_bills.c.lease == lease))
                 .values(lease=None, lease_until=None, updated_at=at, next_try_at=iso(now + retry_pause(1)),
                         message=detail[:200]))
    alerts.raise_alert(conn, "", "biller_needs_county", detail[:80], 0, NEEDS_COUNTY, {"detail": detail[:200]}, at)


def _claim_batch(hub: Hub, lease: str, now: datetime, n: int) -> list[Any]:
    """Lease up to `n` due bills to this run in one transaction; the rows leased."""
    at = iso(now)
    free = or_(hub_bills.c.lease_until.is_(None), hub_bills.c.lease_until <= at)
    with writing(hub.engine) as conn:
        due = skip_locked(conn, select(hub_bills.c.request_id).where(and_(
            hub_bills.c.status.in_(OPEN), or_(hub_bills.c.next_try_at.is_(None), hub_bills.c.next_try_at <= at), free))
            .order_by(func.coalesce(hub_bills.c.next_try_at, ""), hub_bills.c.request_id).limit(n))
        ids = [r.request_id for r in conn.execute(due)]
        if not ids:
            return []
        conn.execute(update(hub_bills).where(and_(hub_bills.c.request_id.in_(ids), hub_bills.c.status.in_(OPEN), free))
                     .values(lease=lease, lease_until=iso(now + LEASE)))
        return list(conn.execute(select(hub_bills).where(and_(hub_bills.c.request_id.in_(ids), hub_bills.c.lease == lease))
                                 .order_by(hub_bills.c.request_id)).all())


def _ask(gateway: BillerGateway, row: Any) -> BillerResult | None:
    """The biller's word on a bill: a pending one is asked about first, then (like a new one)
    settled with its own request id, which the biller never pays twice."""
    if row.status == billers.PENDING:
        known = billers.follow_up(gateway, row.request_id)
        if known is not None:
            return known
    return billers.settle(gateway, BillRequest(row.request_id, row.product, row.account, row.amount))


def _answer_in(conn: Connection, row: Any, lease: str, result: BillerResult | None, now: datetime) -> None:
    """Store what the biller said and send it to the station if it is news, in one transaction
    (only while this run still holds the bill's lease)."""
    at = iso(now)
    attempts = row.attempts + 1
    values: dict[str, Any] = {"attempts": attempts, "lease": None, "lease_until": None, "updated_at": at,
                              "next_try_at": iso(now + retry_pause(attempts))}
    news = result is not None and billers.worth_sending(row.sent_status or None, result)
    if result is not None:
        values.update(result_values(result, at))
        if news:
            values["sent_status"] = result.status
    # a callback may have settled it meanwhile: that answer stands
    done = conn.execute(update(hub_bills).where(and_(hub_bills.c.request_id == row.request_id,
                                                     hub_bills.c.lease == lease, hub_bills.c.status.in_(OPEN)))
                        .values(**values))
    if done.rowcount and news and result is not None:
        payload = {**result.payload(), "at": result.at or at}
        publish(conn, "county.bill_result", row.request_id, payload, row.station_id, at)
