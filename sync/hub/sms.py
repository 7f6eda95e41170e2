"""The hub's SMS gateway: sends the parcel notices stations queue, each at most once, from the
hub's own records.

A station queues a notice inside the parcel event that needs one
(`station_app.core.parcels`: `{"id", "kind", "phone", "phone_tail", "text"}` as `notice` in
`parcel.checked_in` and `parcel.reminded`, and in `reshelve.notice` of
`parcel.stocktake_resolved`); the event goes up with the next sync, the hub sends and answers
with a `county.notice_status` hub event (`notice_id`, `status` sent/failed, `at`, `detail`),
which turns the station's notice from 待发送 into 已发送 or 发送失败.

What is sent is the hub's, never the station's words (a stolen station token must not make the
county text anyone anything): the recipient is the parcel's as the hub knows it (the county's
dispatch list, else the check-in event it stored: a notice's own phone is ignored), the text is
the county's template (`TEMPLATES`) filled with the station's name as the county registered it
and checked values (a pickup code of the station's form, a carrier the hub knows, opening hours
and a phone of plain digits), and the signature (【…】) is the county's (`serve --sms-signature`).
A reminder for a parcel the hub never saw checked in is not sent. Past the county's limits per
station and day, or per parcel (`sync.hub.alerts.LIMITS`), a notice is held for county staff
to release or refuse; anything odd raises an alert (`sync.hub.alerts`).

At most once: the notice id is the key (a batch pushed three times queues one notice), and
a notice is marked *sending* (with a batch of others, `sync.hub.gateway_pool`) in a
transaction committed before the gateway is called. A hub that stops in the middle of a send
does not send again (the villager may have the message already); the notice is reported failed instead, for the operator to remind by hand. A
gateway that took a message without answering leaves it *unsure*: asked about, never simply
sent again (`sync.hub.sms_outcomes`).

A station whose hub was out of reach for the county's hours may text a notice itself through
a modem on its PC (`station_app.core.parcels.own_sms`): it claims the notice in an event before
it sends. The hub queues a station's notices only once it holds every record the station
announced (`follow(..., whole=True)`), so it sees such a claim first; the notice is then the
station's (`STATION`), never sent here, and the station's outcome is kept on it.

The gateways (`sync.hub.sms_gateway`, `sync.hub.senders`): Alibaba Cloud, Tencent Cloud, a GSM
modem; `LoggingSmsSender` for demos, which says 演示 in every status it gives. Each status
carries the delivery receipt when the gateway reports one; each message sent counts in its
station's monthly cost (`sync.hub.sms_costs`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, update

from station_app.clock import iso, parse_iso
from station_app.core.events import Event
from station_app.core.identity import clean_phone
from station_app.core.parcels import own_sms
from station_app.core.parcels.county_sms import TEL, TEMPLATES, county_params, county_text
from station_app.core.shelves import PICKUP_CODE
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import alerts
from sync.hub.db import events, publishing, reading, stations, writing
from sync.hub.gateway_db import ensure_gateway_tables
from sync.hub.gateway_pool import BATCH, Answer, Share, at_once, call_all, skip_locked
from sync.hub.service_db import follow, retry_pause, routed_parcels, sms_notices
from sync.hub.sms_gateway import (
    DEFAULT_SIGNATURE,
    DETAIL_LANG,
    FAILED,
    HELD,
    QUEUED,
    SENDING,
    SENT,
    UNSURE,
    LoggingSmsSender,
    SmsConfigError,
    SmsMessage,
    SmsResult,
    SmsSender,
    SmsUnavailable,
    SmsUnsure,
    sender_name,
)
from sync.hub.sms_outcomes import (
    collect_deliveries,
    finish,
    finish_in,
    mark_unsure_in,
    message_of,
    settle_unsure,
)
from sync.hub.store import Hub, publish

__all__ = ["DEFAULT_SIGNATURE", "FAILED", "HELD", "QUEUED", "SENDING", "SENT", "TEL", "TEMPLATES", "UNSURE",
           "LoggingSmsSender", "SendReport", "SmsMessage", "SmsResult", "SmsSender", "SmsUnavailable", "SmsUnsure", "collect_notices",
           "send_notices", "settle_held"]

log = logging.getLogger(__name__)
NOTICE_KINDS = ("parcel.checked_in", "parcel.reminded", "parcel.stocktake_resolved")
STATION = "station"  # a notice the station's own modem claimed: the station's for good, never sent here
LEFT_SHELF = ("parcel.picked_up", "parcel.returned")
STALE_SENDING = timedelta(minutes=10)  # a send claimed longer ago than this was interrupted
GIVE_UP = timedelta(hours=24)  # an unreachable gateway: stop trying after this
RUN_BUDGET = 60.0  # seconds one run keeps claiming notices (then the bills get their turn)

NO_PHONE = QT_TRANSLATE_NOOP("hub_services", "Not sent: only the last 4 digits of the phone number are known")
LEFT = QT_TRANSLATE_NOOP("hub_services", "Not sent: the parcel had already left the shelf")
INTERRUPTED = QT_TRANSLATE_NOOP("hub_services", "The county hub stopped while sending; not sent again to avoid a "
                                                "duplicate. Remind the villager by hand if needed")
UNREACHABLE = QT_TRANSLATE_NOOP("hub_services", "The SMS gateway could not be reached for a day; not sent")
UNKNOWN = QT_TRANSLATE_NOOP("hub_services", "The SMS gateway did not confirm the message; not sent again")
GATEWAY_CONFIG = QT_TRANSLATE_NOOP("hubflags", "The SMS gateway refuses the hub's requests until its configuration is "
                                               "fixed: {detail}")
NO_PARCEL = QT_TRANSLATE_NOOP("hub_services", "Not sent: the county hub has no check-in of this parcel")
BAD_VALUES = QT_TRANSLATE_NOOP("hub_services", "Not sent: the parcel's pickup code is not one the county can send")
BY_STATION = QT_TRANSLATE_NOOP("hub_services", "Texted by the station's own SMS modem while the county hub was out "
                                                "of reach; not sent by the hub")
REFUSED = QT_TRANSLATE_NOOP("hub_services", "Not sent: the county office decided not to send this SMS")

KIND_OF = {"parcel.checked_in": "arrival", "parcel.reminded": "reminder", "parcel.stocktake_resolved": "new_code"}

# alerts for the county (context "hubflags", like the flags stations see)
OVER_DAY = QT_TRANSLATE_NOOP("hubflags", "Held: the station asked for more than {limit} SMS today")
OVER_PARCEL = QT_TRANSLATE_NOOP("hubflags", "Held: more than {limit} SMS about one parcel ({waybill})")
UNKNOWN_PARCEL = QT_TRANSLATE_NOOP("hubflags", "A {kind} SMS for a parcel the hub never saw checked in: not sent")
PHONE_DIFFERS = QT_TRANSLATE_NOOP("hubflags", "The SMS asked for phone ending {asked}; the parcel's phone ends {known}: "
                                              "sent to the parcel's phone")
BAD_CODE = QT_TRANSLATE_NOOP("hubflags", "An SMS with a pickup code the county cannot send ({code}): not sent")


@dataclass
class SendReport:
    queued: int = 0  # new notices picked up from pushed events
    sent: int = 0
    failed: int = 0
    retry: int = 0  # gateway unreachable: tried again later
    unsure: int = 0  # handed over without an answer: asked about later
    delivered: int = 0  # delivery receipts that came
    more: bool = False  # stopped at the run's limit or time budget with notices still due


def collect_notices(hub: Hub) -> int:
    """Queue the notices in newly pushed parcel events (each notice id once). Returns how many."""
    alerts.ensure_table(hub.engine)
    ensure_gateway_tables(hub.engine)
    return follow(hub, "sms", (*NOTICE_KINDS, own_sms.CLAIMED, own_sms.OUTCOME, own_sms.DELIVERY),
                  lambda conn, station_id, ev: _queue(conn, hub, station_id, ev), whole=True)


def send_notices(hub: Hub, sender: SmsSender, now: datetime | None = None, *, limit: int = 20_000,
                 signature: str = DEFAULT_SIGNATURE, batch: int = BATCH, pool: int | None = None,
                 budget: float = RUN_BUDGET, stopping: Callable[[], bool] = lambda: False) -> SendReport:
    """Send the queued notices that are due and tell each station what became of its own
    (`county.notice_status`, dated `now` if given, else when it was sent), signed with the
    county's `signature`; then ask about the unsure ones and collect delivery receipts.

    Notices are claimed `batch` at a time in one transaction, handed to the gateway `pool` at
    a time (default: the sender's `concurrency`) and their outcomes written in one transaction
    per batch; a run stops claiming after `limit` notices or `budget` seconds (`more` says so,
    the worker runs again at once). Safe to call from several threads and processes: each
    notice is claimed by one run only, before its gateway is called."""
    start = now or hub.clock.now()
    report = SendReport(queued=collect_notices(hub))
    report.failed += _fail_interrupted(hub, start)
    gateway = sender_name(sender)
    share = Share(limit, batch, budget, stopping)
    with ThreadPoolExecutor(at_once(sender, pool), thread_name_prefix="sms-send") as sends:
        while size := share.next_size():
            rows = _claim_batch(hub, start, size)
            if not rows:
                break
            share.taken += len(rows)
            left = _left_shelf(hub, rows)
            messages = [message_of(row, signature) for row in rows]
            answers = call_all(sends, lambda item: _send_one(sender, *item),
                               [(row, message, row.id in left) for row, message in zip(rows, messages, strict=True)])
            _record_batch(hub, rows, messages, answers, start, now, gateway, report)
        report.more = share.more
        sent, failed, _ = settle_unsure(hub, sender, start, signature)
        report.sent, report.failed = report.sent + sent, report.failed + failed
        report.delivered = collect_deliveries(hub, sender, start, pool=sends, width=at_once(sender, pool))
    return report


def _record_batch(hub: Hub, rows: list[Any], messages: list[SmsMessage], answers: list[Answer[SmsResult | None]],
                  start: datetime, now: datetime | None, gateway: str, report: SendReport) -> None:
    """Write what became of a batch of claimed notices, in one transaction."""
    refusals = {str(a.error) for a in answers if isinstance(a.error, SmsConfigError)}
    for detail in sorted(refusals):
        _config_alert(hub, detail, start)
    with publishing(hub.engine) as conn:
        at = now or hub.clock.now()
        for row, message, answer in zip(rows, messages, answers, strict=True):
            if isinstance(answer.error, SmsUnsure):
                mark_unsure_in(conn, row, start, gateway)
                report.unsure += 1
            elif answer.error is not None or answer.value is None:  # not reached, or the county must fix the gateway
                _retry_later_in(conn, row, start)
                report.retry += 1
            else:
                finish_in(conn, row, answer.value, at, gateway=gateway, full_text=message.full_text)
                if answer.value.status == SENT:
                    report.sent += 1
                else:
                    report.failed += 1


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


def _queue(conn: Connection, hub: Hub, station_id: str, ev: Event) -> None:
    """Queue the notice an event carries, as the hub would write it (or hold it, or fail it);
    a notice the station's own modem claimed is left to the station."""
    if ev.kind in (own_sms.CLAIMED, own_sms.OUTCOME, own_sms.DELIVERY):
        _station_texted(conn, hub, station_id, ev)
        return
    found = _notice_of(ev)
    if found is None:
        return
    parcel_id, notice = found
    notice_id = str(notice["id"])
    now = hub.now()
    if len(notice_id) > 40 or conn.execute(select(sms_notices.c.station_id).where(sms_notices.c.id == notice_id)).first():
        return  # a notice id is sent once, ever
    kind = KIND_OF[ev.kind]
    values: dict[str, Any] = {"id": notice_id, "station_id": station_id, "parcel_id": parcel_id[:40], "seq": ev.seq,
                              "kind": kind, "phone": None, "phone_tail": None, "text": "", "status": QUEUED,
                              "attempts": 0, "queued_at": now, "next_try_at": None, "detail": "", "gateway_ref": ""}
    if _claimed_by_station(conn, station_id, parcel_id, notice_id):
        conn.execute(insert(sms_notices).values(**{**values, "status": STATION, "gateway": STATION, "done_at": now,
                                                   "detail": translate("hub_services", BY_STATION, DETAIL_LANG)}))
        return
    parcel = _parcel(conn, station_id, parcel_id, ev)
    if parcel is None:
        alerts.raise_alert(conn, station_id, "sms_unknown_parcel", notice_id, ev.seq, UNKNOWN_PARCEL, {"kind": kind}, now)
        _insert_final(conn, values, translate("hub_services", NO_PARCEL, DETAIL_LANG), now)
        return
    code = parcel["code"] if kind != "new_code" else _reshelve_code(ev)
    if not PICKUP_CODE.match(code):
        alerts.raise_alert(conn, station_id, "sms_bad_code", notice_id, ev.seq, BAD_CODE, {"code": code[:20]}, now)
        _insert_final(conn, values, translate("hub_services", BAD_VALUES, DETAIL_LANG), now)
        return
    asked = _phone(notice.get("phone"))
    if asked and parcel["phone"] and asked != parcel["phone"]:
        alerts.raise_alert(conn, station_id, "sms_phone_differs", notice_id, ev.seq, PHONE_DIFFERS,
                           {"asked": asked[-4:], "known": parcel["phone"][-4:]}, now)
    params = _params(conn, station_id, parcel, code, ev)
    values.update(phone=parcel["phone"], phone_tail=parcel["tail"], text=_text(kind, params),
                  params=json.dumps(params, ensure_ascii=False))
    day_count, parcel_count = _counts(conn, station_id, parcel_id, now)
    per_day, per_parcel = alerts.limit(conn, "sms_per_station_day"), alerts.limit(conn, "sms_per_parcel")
    if day_count >= per_day:
        values["status"] = HELD
        alerts.raise_alert(conn, station_id, "sms_over_day", notice_id, ev.seq, OVER_DAY, {"limit": per_day}, now)
    elif parcel_count >= per_parcel:
        values["status"] = HELD
        alerts.raise_alert(conn, station_id, "sms_over_parcel", notice_id, ev.seq, OVER_PARCEL,
                           {"limit": per_parcel, "waybill": parcel["waybill"]}, now)
    conn.execute(insert(sms_notices).values(**values))


def _claimed_by_station(conn: Connection, station_id: str, parcel_id: str, notice_id: str) -> bool:
    """The station claimed this notice for its own modem (the claim is stored: the SMS follower
    waits for every record the station announced, `follow(whole=True)`)."""
    rows = conn.execute(select(events.c.payload).where(and_(
        events.c.station_id == station_id, events.c.entity_id == parcel_id[:40],
        events.c.kind == own_sms.CLAIMED))).all()
    return any(json.loads(r.payload).get("notice_id") == notice_id for r in rows)


def _station_texted(conn: Connection, hub: Hub, station_id: str, ev: Event) -> None:
    """A station's claim of a notice, what its modem did with it, or its delivery (kept as the
    hub keeps its own receipts: `delivery` delivered / undelivered): the hub's row follows."""
    notice_id = str(ev.payload.get("notice_id") or "")[:40]
    row = conn.execute(select(sms_notices.c.status).where(and_(sms_notices.c.id == notice_id,
                                                               sms_notices.c.station_id == station_id))).first()
    if row is None:
        return  # its notice is queued (as the station's) when the record that carries it is handled
    if ev.kind == own_sms.CLAIMED:
        if row.status in (QUEUED, HELD):  # cannot happen under the rule; never text it twice if it does
            conn.execute(update(sms_notices).where(sms_notices.c.id == notice_id).values(
                status=STATION, gateway=STATION, done_at=hub.now(),
                detail=translate("hub_services", BY_STATION, DETAIL_LANG)))
        elif row.status != STATION:
            log.warning("station %s claimed notice %s the hub already handled (%s)", station_id, notice_id, row.status)
        return
    if row.status == STATION and ev.kind == own_sms.DELIVERY:
        delivery = ev.payload.get("delivery")
        if delivery in (own_sms.DELIVERED, own_sms.UNDELIVERED):
            conn.execute(update(sms_notices).where(sms_notices.c.id == notice_id).values(
                delivery=delivery, delivered_at=str(ev.payload.get("at") or "")[:30] or None,
                detail=str(ev.payload.get("detail") or "")[:300]))
    elif row.status == STATION:
        parts = ev.payload.get("parts")
        conn.execute(update(sms_notices).where(sms_notices.c.id == notice_id).values(
            detail=str(ev.payload.get("detail") or "")[:300], delivery=str(ev.payload.get("status") or "")[:12],
            parts=parts if isinstance(parts, int) and not isinstance(parts, bool) and 0 <= parts < 1000 else None))


def _insert_final(conn: Connection, values: dict[str, Any], detail: str, now: str) -> None:
    """A notice the hub will not send: recorded failed, and the station told at once."""
    conn.execute(insert(sms_notices).values(**{**values, "status": FAILED, "done_at": now, "detail": detail}))
    publish(conn, "county.notice_status", values["id"], {"notice_id": values["id"], "status": FAILED, "at": now,
                                                         "detail": detail}, values["station_id"], now)


def _parcel(conn: Connection, station_id: str, parcel_id: str, ev: Event) -> dict[str, Any] | None:
    """The parcel as the hub knows it: its check-in event (the one being queued, or an earlier
    one of the same station), the recipient's phone from the county's dispatch list when it
    names one, else from that check-in. None when the hub has no check-in of it."""
    if ev.kind == "parcel.checked_in":
        payload = ev.payload
    else:
        row = conn.execute(select(events.c.payload).where(and_(
            events.c.station_id == station_id, events.c.entity_id == parcel_id, events.c.kind == "parcel.checked_in",
            events.c.seq < ev.seq)).order_by(events.c.seq).limit(1)).first()
        if row is None:
            return None
        payload = json.loads(row.payload)
    waybill = str(payload.get("waybill") or "")[:40]
    routed = conn.execute(select(routed_parcels.c.phone, routed_parcels.c.phone_tail).where(and_(
        routed_parcels.c.waybill == waybill, routed_parcels.c.station_id == station_id))).first()
    phone = _phone(routed.phone if routed is not None and routed.phone else payload.get("phone"))
    tail = phone[-4:] if phone else str(payload.get("phone_tail") or "")[:4] or None
    return {"waybill": waybill, "carrier": str(payload.get("carrier") or ""), "code": str(payload.get("pickup_code") or ""),
            "phone": phone, "tail": tail, "at": str(payload.get("at") or "")}


def _reshelve_code(ev: Event) -> str:
    plan = ev.payload.get("reshelve") or {}
    return str(plan.get("pickup_code") or "") if isinstance(plan, dict) else ""


def _phone(value: Any) -> str | None:
    """A mainland mobile number, or None for anything else."""
    if not isinstance(value, str) or len(value) > 20:
        return None
    try:
        return clean_phone(value)
    except UserError:
        return None


def _params(conn: Connection, station_id: str, parcel: dict[str, Any], code: str, ev: Event) -> dict[str, str]:
    """The values of the county's templates, all the hub's own (a provider's registered
    template takes them by these names: docs/GATEWAYS.md)."""
    name = conn.execute(select(stations.c.name).where(stations.c.id == station_id)).scalar() or ""
    return county_params(station=name, carrier=parcel["carrier"], code=code,
                         hours=_station_setting(conn, station_id, "station.opening_hours", ev.seq),
                         phone=_station_setting(conn, station_id, "station.phone", ev.seq),
                         days=_days(parcel["at"], ev))


def _text(kind: str, params: dict[str, str]) -> str:
    """The county's template for `kind`, filled in (what a modem sends, what the log shows)."""
    return county_text(kind, params)


def _station_setting(conn: Connection, station_id: str, key: str, seq: int) -> str:
    """The station's own setting as its events had it at `seq` ("" when never set)."""
    row = conn.execute(select(events.c.payload).where(and_(
        events.c.station_id == station_id, events.c.kind == "setting.changed", events.c.entity_id == key,
        events.c.seq < seq)).order_by(events.c.seq.desc()).limit(1)).first()
    if row is None:
        return ""
    value = json.loads(row.payload).get("value")
    return value.strip() if isinstance(value, str) else ""


def _days(checked_in_at: str, ev: Event) -> int:
    """Whole days from the check-in to a reminder (0..365; 0 when a time cannot be read)."""
    try:
        days = (parse_iso(str(ev.payload.get("at") or "")) - parse_iso(checked_in_at)).days
    except (ValueError, TypeError):
        return 0
    return max(0, min(365, days))


def _counts(conn: Connection, station_id: str, parcel_id: str, now: str) -> tuple[int, int]:
    """Notices of this station queued today (the hub's day) and notices about this parcel."""
    start, end = alerts.hub_day_bounds(parse_iso(now))
    today = conn.execute(select(func.count()).select_from(sms_notices).where(and_(
        sms_notices.c.station_id == station_id, sms_notices.c.queued_at >= start, sms_notices.c.queued_at < end,
        sms_notices.c.status != FAILED))).scalar_one()
    about = conn.execute(select(func.count()).select_from(sms_notices).where(and_(
        sms_notices.c.station_id == station_id, sms_notices.c.parcel_id == parcel_id,
        sms_notices.c.status != FAILED))).scalar_one()
    return int(today), int(about)


def settle_held(hub: Hub, notice_id: str, release: bool, who: str) -> bool:
    """County staff decide about a held notice: released (sent like any other) or refused
    (failed, and the station told). False when no such notice is held."""
    now = hub.now()
    alerts.ensure_table(hub.engine)
    with publishing(hub.engine) as conn:
        row = conn.execute(select(sms_notices).where(and_(sms_notices.c.id == notice_id,
                                                          sms_notices.c.status == HELD))).first()
        if row is None:
            return False
        if release:
            conn.execute(update(sms_notices).where(sms_notices.c.id == notice_id).values(status=QUEUED, next_try_at=None))
        else:
            detail = translate("hub_services", REFUSED, DETAIL_LANG)
            conn.execute(update(sms_notices).where(sms_notices.c.id == notice_id)
                         .values(status=FAILED, done_at=now, detail=detail))
            publish(conn, "county.notice_status", notice_id, {"notice_id": notice_id, "status": FAILED, "at": now,
                                                             "detail": detail}, row.station_id, now)
        alerts.settle(conn, "sms_", notice_id, "released" if release else "refused", who, now)
    return True


def _claim_batch(hub: Hub, now: datetime, n: int) -> list[Any]:
    """Claim up to `n` due notices (queued -> sending) in one transaction; the rows claimed."""
    with writing(hub.engine) as conn:
        due = skip_locked(conn, select(sms_notices.c.id).where(and_(
            sms_notices.c.status == QUEUED, or_(sms_notices.c.next_try_at.is_(None), sms_notices.c.next_try_at <= iso(now))))
            .order_by(func.coalesce(sms_notices.c.next_try_at, ""), sms_notices.c.id).limit(n))
        ids = [r.id for r in conn.execute(due)]
        if not ids:
            return []
        conn.execute(update(sms_notices).where(and_(sms_notices.c.id.in_(ids), sms_notices.c.status == QUEUED))
                     .values(status=SENDING, claimed_at=iso(now)))
        return list(conn.execute(select(sms_notices).where(and_(
            sms_notices.c.id.in_(ids), sms_notices.c.status == SENDING, sms_notices.c.claimed_at == iso(now)))
            .order_by(sms_notices.c.id)).all())


def _left_shelf(hub: Hub, rows: list[Any]) -> set[str]:
    """The notices of `rows` whose parcel left the shelf after the notice was queued."""
    with reading(hub.engine) as conn:
        gone = conn.execute(select(events.c.station_id, events.c.entity_id, events.c.seq).where(and_(
            events.c.entity_id.in_({r.parcel_id for r in rows}), events.c.kind.in_(LEFT_SHELF)))).all()
    last: dict[tuple[str, str], int] = {}
    for g in gone:
        key = (g.station_id, g.entity_id)
        last[key] = max(last.get(key, 0), int(g.seq))
    return {r.id for r in rows if last.get((r.station_id, r.parcel_id), 0) > r.seq}


def _send_one(sender: SmsSender, row: Any, message: SmsMessage, left: bool) -> SmsResult | None:
    """What became of one claimed notice; None when the gateway could not be reached (nothing
    sent). SmsUnsure (it may have gone) and SmsConfigError (the county must fix the gateway)
    go to the caller."""
    if not row.phone:
        return SmsResult(FAILED, translate("hub_services", NO_PHONE, DETAIL_LANG))
    if left:
        return SmsResult(FAILED, translate("hub_services", LEFT, DETAIL_LANG))
    try:
        return sender.send(message)
    except (SmsConfigError, SmsUnsure):
        raise
    except SmsUnavailable:
        return None
    except Exception:
        log.exception("SMS gateway: notice %s", row.id)
        return SmsResult(FAILED, translate("hub_services", UNKNOWN, DETAIL_LANG))


def _config_alert(hub: Hub, detail: str, now: datetime) -> None:
    """One alert for the county per kind of configuration refusal (not one per notice)."""
    log.warning("SMS gateway refuses: %s", detail)
    with writing(hub.engine) as conn:
        alerts.raise_alert(conn, "", "sms_gateway_config", detail[:80], 0, GATEWAY_CONFIG, {"detail": detail[:200]},
                           iso(now))


def _retry_later_in(conn: Connection, row: Any, now: datetime) -> None:
    """A claimed notice the gateway did not take: queued again after a pause, or failed after
    a day of trying."""
    if now - parse_iso(row.queued_at) > GIVE_UP:
        finish_in(conn, row, SmsResult(FAILED, translate("hub_services", UNREACHABLE, DETAIL_LANG)), now)
        return
    delay = retry_pause(row.attempts + 1)
    conn.execute(update(sms_notices).where(and_(sms_notices.c.id == row.id, sms_notices.c.status == SENDING)).values(
        status=QUEUED, attempts=row.attempts + 1, next_try_at=iso(now + delay), claimed_at=None))


def _fail_interrupted(hub: Hub, now: datetime) -> int:
    with reading(hub.engine) as conn:
        stale = conn.execute(select(sms_notices).where(and_(sms_notices.c.status == SENDING,
                                                            sms_notices.c.claimed_at < iso(now - STALE_SENDING)))).all()
    for row in stale:
        finish(hub, row, SmsResult(FAILED, translate("hub_services", INTERRUPTED, DETAIL_LANG)), now)
    return len(stale)
