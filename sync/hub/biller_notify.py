"""The aggregator's asynchronous result: a signed form POST to `/v1/billers/notify` (the
`notify_url` of the gateways file), retried by the aggregator (3 to 5 times, minutes apart)
until it reads `success`.

Every callback is kept as it came (`biller_callbacks`) with what the hub made of it:

- `bad_sign`: not signed with our key for our merchant id: answered `fail`, nothing changes.
- `unknown_order`: an order number the hub never sent: answered `success` (asking again would
  not make it ours) and kept for the county to look at.
- `applied`: it settles an open bill (pending, or a submit whose answer was lost): stored, and
  sent down to the station as `county.bill_result` in the same transaction.
- `repeat`: the bill already has this result (a retried callback, or the query was first).
- `late`: a 充值中 after the bill was settled; nothing changes.
- `conflict`: a final result other than the one the bill has (成功 after 失败…): nothing changes,
  the county gets an alert; the statement reconciliation shows the order too.

Every verified callback is answered `success`, however often it comes: the answer is the same
for the same callback, and the bill is changed at most once.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from sqlalchemy import and_, insert, select, update

from station_app.clock import iso
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub import alerts, billers
from sync.hub.aggregator import AggregatorBiller, fen_of
from sync.hub.bill_payments import OPEN, result_values
from sync.hub.db import publishing, writing
from sync.hub.gateway_db import biller_callbacks, ensure_gateway_tables
from sync.hub.service_db import hub_bills
from sync.hub.store import Hub, publish

log = logging.getLogger(__name__)
PATH = "/v1/billers/notify"
CONFLICT = QT_TRANSLATE_NOOP("hubflags", "The recharge platform reported order {order} {theirs}, but the hub has it "
                                         "{ours}: check the order with the platform")
router = APIRouter()


def take_callback(hub: Hub, biller: AggregatorBiller, fields: dict[str, str], now: datetime | None = None) -> str:
    """What the hub makes of one posted callback (see the module): its verdict, recorded."""
    ensure_gateway_tables(hub.engine)
    at = iso(now or hub.clock.now())
    order_no = str(fields.get("out_trade_num") or "")[:64]
    kept = {k: v for k, v in fields.items() if k != "sign"}
    if not biller.verify(fields):
        log.warning("biller callback for order %s: the signature is wrong", order_no)
        return _keep(hub, order_no, fields, kept, at, "bad_sign")
    with publishing(hub.engine) as conn:
        row = conn.execute(select(hub_bills).where(hub_bills.c.order_no == order_no)).first()
        if row is None:
            verdict = "unknown_order"
        else:
            try:
                result = biller.callback_result(row.request_id, fields, int(row.amount))
            except (ValueError, billers.BillerTimeout):
                result = None
            verdict = "unreadable" if result is None else _apply(conn, row, result, order_no, at)
        conn.execute(insert(biller_callbacks).values(
            order_no=order_no, state=str(fields.get("state") or "")[:8], amount=fen_of(fields.get("charge_amount")),
            fields=json.dumps(kept, ensure_ascii=False)[:4000], received_at=at, verdict=verdict))
    return verdict


def _apply(conn: Any, row: Any, result: billers.BillerResult, order_no: str, at: str) -> str:
    if row.status in OPEN:
        if result.status == billers.PENDING:
            return "repeat" if row.status == billers.PENDING else _settle(conn, row, result, at)
        return _settle(conn, row, result, at)
    if result.status == billers.PENDING:
        return "late"
    if result.status == row.status and (result.status != billers.PARTIAL or result.paid_amount == row.paid_amount):
        return "repeat"
    alerts.raise_alert(conn, row.station_id, "biller_conflict", order_no, int(row.seq), CONFLICT,
                       {"order": order_no[-8:], "theirs": result.status, "ours": row.status}, at)
    return "conflict"


def _settle(conn: Any, row: Any, result: billers.BillerResult, at: str) -> str:
    """An open bill settled by the callback; the station told (news only)."""
    values: dict[str, Any] = {**result_values(result, at), "updated_at": at}
    news = billers.worth_sending(row.sent_status or None, result)
    if news:
        values["sent_status"] = result.status
    done = conn.execute(update(hub_bills).where(and_(hub_bills.c.request_id == row.request_id,
                                                     hub_bills.c.status.in_(OPEN))).values(**values))
    if done.rowcount and news:
        publish(conn, "county.bill_result", row.request_id, {**result.payload(), "at": result.at or at},
                row.station_id, at)
    return "applied"


def _keep(hub: Hub, order_no: str, fields: dict[str, str], kept: dict[str, str], at: str, verdict: str) -> str:
    with writing(hub.engine) as conn:
        conn.execute(insert(biller_callbacks).values(
            order_no=order_no, state=str(fields.get("state") or "")[:8], amount=None,
            fields=json.dumps(kept, ensure_ascii=False)[:4000], received_at=at, verdict=verdict))
    return verdict


@router.post(PATH, include_in_schema=False)
async def notify(request: Request) -> PlainTextResponse:
    """The aggregator's callback: `success` once taken (or known), `fail` for a wrong signature
    or a hub without the aggregator (it will try again)."""
    services = getattr(request.app.state, "services", None)
    biller = getattr(services, "biller", None)
    if not isinstance(biller, AggregatorBiller):
        return PlainTextResponse("fail", status_code=404)
    body = (await request.body()).decode("utf-8", "replace")
    fields = {k: v for k, v in parse_qsl(body, keep_blank_values=True)}
    verdict = take_callback(request.app.state.hub, biller, fields)
    return PlainTextResponse("fail" if verdict == "bad_sign" else "success",
                             status_code=400 if verdict == "bad_sign" else 200)
