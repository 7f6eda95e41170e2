"""What became of the notices the hub handed to its gateway: recorded once, counted in the
station's monthly costs and told to the station (`county.notice_status`), then perhaps
settled (an answer that never came) and confirmed by a delivery receipt.

- `finish`: a claimed notice's outcome, in one transaction with the station's news.
- `settle_unsure`: a notice handed over without an answer is never simply sent again. A gateway
  that can `query` the provider is asked (after 2 and 10 minutes): found, it was sent; absent
  twice from a provider that lists everything it took (`absent_means_unsent`), it may go
  again. Otherwise, or after an hour of asking, it is failed for the operator to remind by hand.
- `collect_deliveries`: receipts for messages sent in the last 3 days; an undelivered one
  turns the station's notice to failed, with the provider's reason.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, select, update

from station_app.clock import iso, parse_iso
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.gsm.pdu import parts_needed
from sync.hub.db import publishing, reading, writing
from sync.hub.service_db import sms_notices
from sync.hub.sms_costs import count_cost
from sync.hub.sms_gateway import (
    DETAIL_LANG,
    FAILED,
    QUEUED,
    SENDING,
    SENT,
    UNSURE,
    Delivery,
    SentSms,
    SmsMessage,
    SmsResult,
    SmsUnavailable,
    SmsUnsure,
    is_demo,
    sender_name,
)
from sync.hub.store import Hub, publish

log = logging.getLogger(__name__)
FIRST_ASK, SECOND_ASK = timedelta(minutes=2), timedelta(minutes=10)
STOP_ASKING = timedelta(hours=1)
RECEIPTS_FOR = timedelta(days=3)
UNKNOWN = QT_TRANSLATE_NOOP("hub_services", "The SMS gateway did not confirm the message; not sent again")
UNDELIVERED = QT_TRANSLATE_NOOP("hub_services", "The SMS did not reach the villager's phone: {why}. Remind by hand")


def message_of(row: Any, signature: str) -> SmsMessage:
    """The message a notice row stands for, as its gateway is handed it."""
    try:
        params = json.loads(row.params) if row.params else {}
    except ValueError:
        params = {}
    return SmsMessage(row.id, row.phone or "", row.text, signature, row.kind, params)


def finish(hub: Hub, row: Any, outcome: SmsResult, now: datetime, *, gateway: str = "", full_text: str = "") -> bool:
    """Record a claimed (or unsure) notice's outcome, count its cost and tell its station, in
    one transaction. False when someone else finished it first."""
    with publishing(hub.engine) as conn:
        return finish_in(conn, row, outcome, now, gateway=gateway, full_text=full_text)


def finish_in(conn: Connection, row: Any, outcome: SmsResult, now: datetime, *, gateway: str = "",
              full_text: str = "") -> bool:
    """`finish` inside an open write transaction (a batch of outcomes is written in one)."""
    at = iso(now)
    parts = outcome.parts or (parts_needed(full_text) if full_text and outcome.status == SENT else 0)
    values: dict[str, Any] = {"status": outcome.status, "done_at": at, "detail": outcome.detail[:200],
                              "gateway_ref": outcome.gateway_ref[:80], "attempts": row.attempts + 1,
                              "parts": parts, "demo": 1 if outcome.demo else None}
    if gateway:
        values["gateway"] = gateway[:20]
    if outcome.delivered is not None:
        values.update(delivery="delivered" if outcome.delivered else "undelivered", delivered_at=at)
    done = conn.execute(update(sms_notices).where(and_(sms_notices.c.id == row.id,
                                                       sms_notices.c.status.in_((SENDING, UNSURE))))
                        .values(**values))
    if not done.rowcount:
        return False
    if outcome.status == SENT and parts:
        count_cost(conn, row.station_id, at, values.get("gateway") or row.gateway or "", parts)
    payload: dict[str, Any] = {"notice_id": row.id, "status": outcome.status, "at": at,
                               "detail": outcome.detail[:200]}
    if outcome.demo:
        payload["demo"] = True
    if outcome.delivered is False:
        payload.update(status=FAILED, delivery="undelivered")
    elif outcome.delivered:
        payload["delivery"] = "delivered"
    publish(conn, "county.notice_status", row.id, payload, row.station_id, at)
    return True


def settle_unsure(hub: Hub, sender: object, now: datetime, signature: str) -> tuple[int, int, int]:
    """Ask about the notices handed over without an answer (see the module): (sent, failed,
    queued again)."""
    with reading(hub.engine) as conn:
        rows = conn.execute(select(sms_notices).where(and_(sms_notices.c.status == UNSURE,
                                                           sms_notices.c.next_try_at <= iso(now)))).all()
    counts = [0, 0, 0]
    query = getattr(sender, "query", None)
    for row in rows:
        claimed = parse_iso(row.claimed_at) if row.claimed_at else now
        if not _take_turn(hub, row, now):
            continue
        outcome: SmsResult | None
        try:
            outcome = query(message_of(row, signature), claimed) if query is not None else None
        except (SmsUnavailable, SmsUnsure):
            outcome, asked = None, False
        else:
            asked = query is not None
        if outcome is not None:
            finish(hub, row, outcome, now, gateway=sender_name(sender))
            counts[0 if outcome.status == SENT else 1] += 1
        elif asked and getattr(sender, "absent_means_unsent", False) and now - claimed >= SECOND_ASK:
            with writing(hub.engine) as conn:  # the provider never took it: it may go now
                conn.execute(update(sms_notices).where(and_(sms_notices.c.id == row.id, sms_notices.c.status == UNSURE))
                             .values(status=QUEUED, next_try_at=None, claimed_at=None, attempts=row.attempts + 1))
            counts[2] += 1
        elif query is None or now - claimed >= STOP_ASKING:
            finish(hub, row, SmsResult(FAILED, translate("hub_services", UNKNOWN, DETAIL_LANG)), now)
            counts[1] += 1
    return counts[0], counts[1], counts[2]


def mark_unsure(hub: Hub, row: Any, now: datetime, gateway: str) -> None:
    """A claimed notice whose gateway did not answer: asked about later, never simply resent."""
    with writing(hub.engine) as conn:
        mark_unsure_in(conn, row, now, gateway)


def mark_unsure_in(conn: Connection, row: Any, now: datetime, gateway: str) -> None:
    """`mark_unsure` inside an open write transaction."""
    conn.execute(update(sms_notices).where(and_(sms_notices.c.id == row.id, sms_notices.c.status == SENDING))
                 .values(status=UNSURE, next_try_at=iso(now + FIRST_ASK), gateway=gateway[:20]))


def collect_deliveries(hub: Hub, sender: object, now: datetime, *, limit: int = 2000,
                       pool: ThreadPoolExecutor | None = None, width: int = 1) -> int:
    """Delivery receipts for this gateway's messages of the last 3 days; each told to its
    station. The gateway is asked in `width` parts at once on `pool` (one query a message is
    an hour for a county's day asked one by one); the receipts are written in one transaction.
    Returns how many came."""
    receipts = getattr(sender, "deliveries", None)
    if receipts is None or is_demo(sender):
        return 0
    gateway = sender_name(sender)
    with reading(hub.engine) as conn:
        rows = conn.execute(select(sms_notices).where(and_(
            sms_notices.c.status == SENT, sms_notices.c.gateway == gateway, sms_notices.c.delivery.is_(None),
            sms_notices.c.done_at >= iso(now - RECEIPTS_FOR))).order_by(sms_notices.c.done_at).limit(limit)).all()
    if not rows:
        return 0
    asked = [SentSms(r.id, r.phone or "", r.gateway_ref, parse_iso(r.done_at)) for r in rows]
    size = -(-len(asked) // max(1, width if pool is not None else 1))
    parts = [asked[k:k + size] for k in range(0, len(asked), size)]
    if pool is None:
        answers = [_receipts_of(receipts, part) for part in parts]
    else:
        answers = list(pool.map(lambda part: _receipts_of(receipts, part), parts))
    by_id = {r.id: r for r in rows}
    told = 0
    at = iso(now)
    with publishing(hub.engine) as conn:
        for d in (d for got in answers for d in got):
            row = by_id.get(d.notice_id)
            if row is None:
                continue
            detail = "" if d.delivered else translate("hub_services", UNDELIVERED, DETAIL_LANG).format(why=d.detail or "—")
            done = conn.execute(update(sms_notices).where(and_(sms_notices.c.id == row.id, sms_notices.c.delivery.is_(None)))
                                .values(delivery="delivered" if d.delivered else "undelivered", delivered_at=d.at[:30] or at,
                                        detail=detail[:200] or row.detail))
            if done.rowcount:
                publish(conn, "county.notice_status", row.id, {
                    "notice_id": row.id, "status": SENT if d.delivered else FAILED, "at": d.at[:30] or at,
                    "detail": detail[:200], "delivery": "delivered" if d.delivered else "undelivered"},
                    row.station_id, at)
                told += 1
    return told


def _receipts_of(receipts: Callable[[list[SentSms]], list[Delivery]], sent: list[SentSms]) -> list[Delivery]:
    try:
        return receipts(sent)
    except Exception:  # a broken receipt query must not stop the sending
        log.exception("SMS gateway: delivery receipts")
        return []


def _take_turn(hub: Hub, row: Any, now: datetime) -> bool:
    """Whoever moves the notice's next ask first asks now (several workers at once)."""
    claimed = parse_iso(row.claimed_at) if row.claimed_at else now
    later = claimed + SECOND_ASK if now - claimed < SECOND_ASK else now + SECOND_ASK
    with writing(hub.engine) as conn:
        return bool(conn.execute(update(sms_notices).where(and_(
            sms_notices.c.id == row.id, sms_notices.c.status == UNSURE, sms_notices.c.next_try_at == row.next_try_at))
            .values(next_try_at=iso(later))).rowcount)
