"""The hub's SMS gateway: sends the parcel notices stations queue, each at most once.

A station never sends SMS itself. It queues a notice inside the parcel event that needs one
(`station_app.core.parcels`: `{"id", "kind", "phone", "phone_tail", "text"}` as `notice` in
`parcel.checked_in` and `parcel.reminded`, and in `reshelve.notice` of
`parcel.stocktake_resolved`); the event goes up with the next sync, the hub sends the text
and answers with a `county.notice_status` hub event (`notice_id`, `status` sent/failed,
`at`, `detail`), which turns the station's notice from 待发送 into 已发送 or 发送失败.

At most once: the notice id is the key (a batch pushed three times queues one notice), and
a notice is marked *sending* in its own transaction before the gateway is called. A hub
that stops in the middle of a send does not send again (the villager may have the message
already); the notice is reported failed instead, for the operator to remind by hand.

`SmsSender` is the adapter a real gateway implements; `LoggingSmsSender` ships: it writes
each message to the hub's `sms_log` table and the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Engine, and_, func, insert, or_, select, update

from station_app.clock import iso, parse_iso
from station_app.core.events import Event
from station_app.core.identity import mask_phone
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.db import events, reading, writing
from sync.hub.service_db import follow, retry_pause, sms_log, sms_notices
from sync.hub.store import Hub, publish

log = logging.getLogger(__name__)
SENT, FAILED = "sent", "failed"
QUEUED, SENDING = "queued", "sending"
NOTICE_KINDS = ("parcel.checked_in", "parcel.reminded", "parcel.stocktake_resolved")
LEFT_SHELF = ("parcel.picked_up", "parcel.returned")
STALE_SENDING = timedelta(minutes=10)  # a send claimed longer ago than this was interrupted
GIVE_UP = timedelta(hours=24)  # an unreachable gateway: stop trying after this
DETAIL_LANG = "zh_CN"  # details go to the station's screen: Chinese, like the SMS themselves

NO_PHONE = QT_TRANSLATE_NOOP("hub_services", "Not sent: only the last 4 digits of the phone number are known")
LEFT = QT_TRANSLATE_NOOP("hub_services", "Not sent: the parcel had already left the shelf")
INTERRUPTED = QT_TRANSLATE_NOOP("hub_services", "The county hub stopped while sending; not sent again to avoid a "
                                                "duplicate. Remind the villager by hand if needed")
UNREACHABLE = QT_TRANSLATE_NOOP("hub_services", "The SMS gateway could not be reached for a day; not sent")
UNKNOWN = QT_TRANSLATE_NOOP("hub_services", "The SMS gateway did not confirm the message; not sent again")


@dataclass(frozen=True)
class SmsMessage:
    notice_id: str  # a gateway that supports it keeps this as its idempotency key
    phone: str
    text: str


@dataclass(frozen=True)
class SmsResult:
    status: str  # sent | failed
    detail: str = ""  # why it failed, as the gateway says it (shown at the station)
    gateway_ref: str = ""


class SmsUnavailable(Exception):
    """The gateway could not be reached; nothing was sent (safe to try again later)."""


class SmsSender(Protocol):
    """An SMS gateway adapter. `send` raises SmsUnavailable when nothing was sent; any other
    exception means it is not known whether the message went out (it is not sent again)."""

    def send(self, message: SmsMessage) -> SmsResult:
        ...


class LoggingSmsSender:
    """Sends nothing: writes each message to the hub's `sms_log` table (and the log). The
    gateway `serve` uses until a real one is configured."""

    def __init__(self, engine: Engine, now: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self._now = now or (lambda: datetime.now(UTC))

    def send(self, message: SmsMessage) -> SmsResult:
        at = iso(self._now())
        with writing(self.engine) as conn:
            conn.execute(insert(sms_log).values(notice_id=message.notice_id, phone=message.phone, text=message.text,
                                                sent_at=at))
        log.info("SMS to %s: %s", mask_phone(message.phone), message.text)
        return SmsResult(SENT, gateway_ref=f"log:{message.notice_id}")


@dataclass
class SendReport:
    queued: int = 0  # new notices picked up from pushed events
    sent: int = 0
    failed: int = 0
    retry: int = 0  # gateway unreachable: tried again later


def collect_notices(hub: Hub) -> int:
    """Queue the notices in newly pushed parcel events (each notice id once). Returns how many."""
    return follow(hub, "sms", NOTICE_KINDS, lambda conn, station_id, ev: _queue(conn, station_id, ev, hub.now()))


def send_notices(hub: Hub, sender: SmsSender, now: datetime | None = None, *, limit: int = 500) -> SendReport:
    """Send the queued notices that are due and tell each station what became of its own
    (`county.notice_status`, dated `now` if given, else when it was sent). Safe to call from
    several threads: each notice is claimed first."""
    start = now or hub.clock.now()
    report = SendReport(queued=collect_notices(hub))
    report.failed += _fail_interrupted(hub, start)
    with reading(hub.engine) as conn:
        due = conn.execute(select(sms_notices).where(and_(
            sms_notices.c.status == QUEUED, or_(sms_notices.c.next_try_at.is_(None), sms_notices.c.next_try_at <= iso(start))))
            .order_by(func.coalesce(sms_notices.c.next_try_at, ""), sms_notices.c.id).limit(limit)).all()
    for row in due:
        if not _claim(hub, row.id, start):
            continue
        outcome = _send_one(hub, sender, row)
        if outcome is None:
            _retry_later(hub, row, start)
            report.retry += 1
            continue
        _finish(hub, row, outcome, now or hub.clock.now())
        if outcome.status == SENT:
            report.sent += 1
        else:
            report.failed += 1
    return report


# -- inside -----------------------------------------------------------------------------------


def _notice_of(ev: Event) -> tuple[str, dict[str, Any]] | None:
    """(parcel id, notice) carried by a parcel event, if it carries one."""
    if ev.kind == "parcel.stocktake_resolved":
        plan = ev.payload.get("reshelve") or {}
        notice, parcel_id = plan.get("notice"), ev.payload.get("parcel_id")
    else:
        notice, parcel_id = ev.payload.get("notice"), ev.entity_id
    if not isinstance(notice, dict) or not notice.get("id") or not parcel_id:
        return None
    return str(parcel_id), notice


def _queue(conn: Any, station_id: str, ev: Event, now: str) -> None:
    found = _notice_of(ev)
    if found is None:
        return
    parcel_id, notice = found
    if conn.execute(select(sms_notices.c.station_id).where(sms_notices.c.id == str(notice["id"]))).first():
        return  # a notice id is sent once, ever
    conn.execute(insert(sms_notices).values(
        id=str(notice["id"]), station_id=station_id, parcel_id=parcel_id, seq=ev.seq, kind=str(notice.get("kind") or ""),
        phone=notice.get("phone") or None, phone_tail=notice.get("phone_tail") or None, text=str(notice.get("text") or ""),
        status=QUEUED, attempts=0, queued_at=now, next_try_at=None, detail="", gateway_ref=""))


def _claim(hub: Hub, notice_id: str, now: datetime) -> bool:
    with writing(hub.engine) as conn:
        done = conn.execute(update(sms_notices).where(and_(sms_notices.c.id == notice_id, sms_notices.c.status == QUEUED))
                            .values(status=SENDING, claimed_at=iso(now)))
        return bool(done.rowcount)


def _send_one(hub: Hub, sender: SmsSender, row: Any) -> SmsResult | None:
    """What became of one claimed notice; None when the gateway could not be reached."""
    if not row.phone:
        return SmsResult(FAILED, translate("hub_services", NO_PHONE, DETAIL_LANG))
    with reading(hub.engine) as conn:
        left = conn.execute(select(events.c.seq).where(and_(
            events.c.station_id == row.station_id, events.c.entity_id == row.parcel_id,
            events.c.kind.in_(LEFT_SHELF), events.c.seq > row.seq)).limit(1)).first()
    if left:
        return SmsResult(FAILED, translate("hub_services", LEFT, DETAIL_LANG))
    try:
        return sender.send(SmsMessage(row.id, row.phone, row.text))
    except SmsUnavailable:
        return None
    except Exception:
        log.exception("SMS gateway: notice %s", row.id)
        return SmsResult(FAILED, translate("hub_services", UNKNOWN, DETAIL_LANG))


def _finish(hub: Hub, row: Any, outcome: SmsResult, now: datetime) -> None:
    """Record a claimed notice's outcome and tell its station, in one transaction."""
    at = iso(now)
    with writing(hub.engine) as conn:
        done = conn.execute(update(sms_notices).where(and_(sms_notices.c.id == row.id, sms_notices.c.status == SENDING))
                            .values(status=outcome.status, done_at=at, detail=outcome.detail[:200],
                                    gateway_ref=outcome.gateway_ref[:80], attempts=row.attempts + 1))
        if not done.rowcount:
            return
        publish(conn, "county.notice_status", row.id, {"notice_id": row.id, "status": outcome.status, "at": at,
                                                       "detail": outcome.detail[:200]}, row.station_id, at)


def _retry_later(hub: Hub, row: Any, now: datetime) -> None:
    if now - parse_iso(row.queued_at) > GIVE_UP:
        _finish(hub, row, SmsResult(FAILED, translate("hub_services", UNREACHABLE, DETAIL_LANG)), now)
        return
    delay = retry_pause(row.attempts + 1)
    with writing(hub.engine) as conn:
        conn.execute(update(sms_notices).where(and_(sms_notices.c.id == row.id, sms_notices.c.status == SENDING)).values(
            status=QUEUED, attempts=row.attempts + 1, next_try_at=iso(now + delay), claimed_at=None))


def _fail_interrupted(hub: Hub, now: datetime) -> int:
    with reading(hub.engine) as conn:
        stale = conn.execute(select(sms_notices).where(and_(sms_notices.c.status == SENDING,
                                                            sms_notices.c.claimed_at < iso(now - STALE_SENDING)))).all()
    for row in stale:
        _finish(hub, row, SmsResult(FAILED, translate("hub_services", INTERRUPTED, DETAIL_LANG)), now)
    return len(stale)
