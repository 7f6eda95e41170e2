"""The station texts its own notices through an SMS modem on its PC when the county hub has been
out of reach for the county's hours (`sms.station_after_hours`), in the county's words
(`core.parcels.county_sms`), so a villager cannot tell it from the hub's SMS.

At most once, between the station and the hub (docs/GATEWAYS.md, "A station's own modem"):

- the station texts only a notice whose record never left it (its seq above `sync_state.sent_out`:
  never in a push, answered or not, nor on a stick), so the hub cannot have it;
- it claims the notice in its own transaction (`parcel.notice_claimed`, an event) before the
  modem is given it, and records what the modem said (`parcel.notice_sent_here`: sent, failed,
  unsure, or `waiting` when nothing went and it may be tried again);
- a claim is made only while no sync runs on the file (the caller holds `sync.lock.SyncLock`), so
  any push or bundle that carries the notice's record starts after the claim and announces a head
  at or past it; the hub texts a station's notices only once it holds every record the station
  announced (`sync.hub.service_db.follow(..., whole=True)`), so it sees the claim first and leaves
  the notice to the station;
- a notice the station claimed is the station's for good: the hub never sends it, the station
  tries again only when nothing went (`waiting`), and never after a send it cannot be sure of (a
  claim left `sending` by a stop mid-send becomes unsure).

Delivery, as the hub's modem sender has it (`sync.hub.senders.modem`): the outcome of a sent
notice keeps each part's TP-MR (`references`, absent from older outcomes); the status reports the
modem kept are matched to the notices sent in the last 3 days by reference and phone
(`settle_deliveries`). A notice is delivered when every part was, undelivered as soon as one part
failed for good: one `parcel.notice_delivery` event, which turns it 发送失败 with the reason
when undelivered, as the hub's receipts do for the notices it sends (`county.notice_status`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from station_app.clock import iso, parse_iso
from station_app.core import events, settings
from station_app.core import sync_state as state
from station_app.core.events import SYSTEM, Event
from station_app.core.parcels.county_sms import county_params, county_text, signed
from station_app.core.station import get_station
from station_app.db import Store
from station_app.i18n import QT_TRANSLATE_NOOP, translate

CLAIMED, OUTCOME, DELIVERY = "parcel.notice_claimed", "parcel.notice_sent_here", "parcel.notice_delivery"
DELIVERED, UNDELIVERED = "delivered", "undelivered"
RECEIPTS_FOR = timedelta(days=3)  # as the hub: status reports are waited for this long after the send
SENT, FAILED, UNSURE, WAITING, SENDING = "sent", "failed", "unsure", "waiting", "sending"
CARRYING = ("parcel.checked_in", "parcel.reminded", "parcel.stocktake_resolved")
GIVE_UP = timedelta(hours=24)  # a modem that could not send a claimed notice for this long: failed
DETAIL_LANG = "zh_CN"  # like the hub's details: Chinese, as the SMS themselves

SENT_HERE = QT_TRANSLATE_NOOP("own_sms", "Sent by this station's SMS modem (the county hub was out of reach)")
FAILED_HERE = QT_TRANSLATE_NOOP("own_sms", "This station's SMS modem could not send it: {detail}")
UNSURE_HERE = QT_TRANSLATE_NOOP("own_sms", "This station's SMS modem took it without answering; not sent again. "
                                           "Remind the villager by hand if needed")
INTERRUPTED_HERE = QT_TRANSLATE_NOOP("own_sms", "The station stopped while its SMS modem was sending; not sent "
                                                "again. Remind the villager by hand if needed")
WAITING_HERE = QT_TRANSLATE_NOOP("own_sms", "This station's SMS modem is not ready; it tries again: {detail}")
GAVE_UP_HERE = QT_TRANSLATE_NOOP("own_sms", "This station's SMS modem could not send it for a day; not sent")
DELIVERED_HERE = QT_TRANSLATE_NOOP("own_sms", "SMS modem receipt: delivered to the villager's phone")
UNDELIVERED_HERE = QT_TRANSLATE_NOOP("own_sms", "SMS modem receipt: not delivered (status {status}); remind the "
                                                "villager another way")


class ModemAnswer(Protocol):
    """What a modem said about one notice (`station_app.devices.sms_modem.Answer`)."""

    @property
    def status(self) -> str: ...  # SENT / FAILED / UNSURE / WAITING (nothing went)

    @property
    def detail(self) -> str: ...

    @property
    def parts(self) -> int: ...

    @property
    def references(self) -> tuple[int, ...]: ...  # each part's TP-MR, in order (none when nothing went)


class PartReport(Protocol):
    """A status report the modem kept (`station_app.devices.sms_modem.PartReport`): what became
    of the part sent with TP-MR `reference` to `phone`."""

    @property
    def reference(self) -> int: ...

    @property
    def phone(self) -> str: ...

    @property
    def status(self) -> int: ...  # TP-ST (3GPP TS 23.040 9.2.3.15)

    @property
    def done_at(self) -> datetime: ...  # TP-DT: when it was delivered, or given up

    @property
    def delivered(self) -> bool: ...

    @property
    def final(self) -> bool: ...  # False while the network is still trying


class NoticeModem(Protocol):
    """A modem the station texts through (`station_app.devices.sms_modem.StationModem`)."""

    def ready(self) -> bool: ...

    def send(self, notice_id: str, phone: str, text: str) -> ModemAnswer: ...


@dataclass(frozen=True)
class OwnNotice:
    """A notice the station may text itself: to `phone`, the county's `text` with its signature."""

    id: str
    parcel_id: str
    kind: str
    phone: str
    text: str
    seq: int  # the record that queued it
    again: bool  # claimed before, nothing went: the station's to try again


@dataclass(frozen=True)
class AwaitedNotice:
    """A notice this station's modem sent whose status reports have not all come: its parts'
    TP-MR, in order."""

    id: str
    phone: str
    references: tuple[int, ...]


@dataclass
class OwnReport:
    sent: int = 0
    failed: int = 0
    unsure: int = 0
    waiting: int = 0
    delivered: int = 0
    undelivered: int = 0


def hub_silent_for(db: Store) -> timedelta | None:
    """How long the county hub has not taken this station's records (None before it ever did)."""
    heard, _ = state.last_heard(db)
    if not heard:
        return None
    return db.clock.now() - parse_iso(heard)


def may_send_own(db: Store) -> bool:
    """The modem is switched on for this PC and the hub has been silent for the county's hours."""
    silent = hub_silent_for(db)
    return bool(settings.get(db, "sms.modem_on")) and silent is not None and \
        silent >= timedelta(hours=settings.get(db, "sms.station_after_hours"))


def due_own_notices(db: Store, limit: int = 100) -> list[OwnNotice]:
    """The notices the station should text now, oldest first: those it claimed before that did
    not go (modem on), then, while the hub is silent long enough, queued notices whose records
    never left the station."""
    if not settings.get(db, "sms.modem_on"):
        return []
    out = [_own(db, r, again=True) for r in db.rows(
        "SELECT * FROM parcel_notices WHERE status = 'queued' AND sent_by = 'station' ORDER BY queued_at LIMIT ?",
        (limit,))]
    if may_send_own(db):
        for ev in _unsent_records(db):
            notice = _notice_in(ev)
            row = db.row("SELECT * FROM parcel_notices WHERE id = ?", (notice.get("id"),)) if notice else None
            if row is not None and row["status"] == "queued" and row["sent_by"] is None and row["phone"] and \
                    _on_shelf(db, row["parcel_id"]):
                out.append(_own(db, row, again=False, ev=ev))
    return [n for n in out if n.phone][:limit]


def claim_own_notice(db: Store, notice_id: str, actor_id: str = SYSTEM) -> bool:
    """Claim a notice for this station's modem, in one transaction, just before it is texted.
    False (nothing written) when it may not be any more: the hub was heard from, its record left
    the station, it is no longer queued, or the modem was switched off."""
    with db.transaction():
        row = db.row("SELECT * FROM parcel_notices WHERE id = ?", (notice_id,))
        if row is None or row["status"] != "queued" or not row["phone"] or not settings.get(db, "sms.modem_on"):
            return False
        if row["sent_by"] != "station":
            seq = _record_seq(db, notice_id)
            if seq is None or seq <= state.sent_out(db) or not may_send_own(db) or not _on_shelf(db, row["parcel_id"]):
                return False
        events.record(db, actor_id, CLAIMED, row["parcel_id"], {"notice_id": notice_id, "at": iso(db.clock.now())},
                      appliers=APPLY)
    return True


def record_own_outcome(db: Store, notice_id: str, status: str, *, detail: str = "", parts: int = 0,
                       references: Sequence[int] = (), actor_id: str = SYSTEM) -> None:
    """Record what the modem said about a claimed notice (one event): SENT, FAILED, UNSURE, or
    WAITING (nothing went; tried again later, never by the hub), with the TP-MR of each part
    that went (`references`), by which its status reports are known."""
    if status not in (SENT, FAILED, UNSURE, WAITING):
        raise ValueError(status)
    refs = [int(r) for r in references]
    if any(not 0 <= r <= 255 for r in refs):
        raise ValueError(refs)
    with db.transaction():
        row = db.row("SELECT parcel_id FROM parcel_notices WHERE id = ?", (notice_id,))
        if row is None:
            raise ValueError(notice_id)
        payload: dict[str, Any] = {"notice_id": notice_id, "status": status, "at": iso(db.clock.now()),
                                   "detail": detail[:300], "parts": max(0, int(parts))}
        if refs:
            payload["references"] = refs
        events.record(db, actor_id, OUTCOME, row["parcel_id"], payload, appliers=APPLY)


def awaiting_reports(db: Store, limit: int = 2000) -> list[AwaitedNotice]:
    """The notices this station's modem sent in the last 3 days (`RECEIPTS_FOR`) whose parts'
    references are known and whose delivery is not yet, oldest first."""
    since = db.clock.now() - RECEIPTS_FOR
    sent: dict[str, tuple[int, ...]] = {}
    first = None
    for row in db.rows("SELECT seq, payload FROM events WHERE kind = ? ORDER BY seq", (OUTCOME,)):
        p = _payload(row["payload"])
        refs = p.get("references")
        if p.get("status") != SENT or not isinstance(refs, list) or not refs or not _recent(p.get("at"), since):
            continue
        sent[str(p.get("notice_id"))] = tuple(r for r in refs if isinstance(r, int))
        first = row["seq"] if first is None else first
    if first is None:
        return []
    for done in db.rows("SELECT payload FROM events WHERE kind = ? AND seq > ?", (DELIVERY, first)):
        sent.pop(str(_payload(done["payload"]).get("notice_id")), None)
    out = []
    for notice_id, refs in sent.items():
        notice = db.row("SELECT phone, status, sent_by FROM parcel_notices WHERE id = ?", (notice_id,))
        if notice is not None and notice["status"] == SENT and notice["sent_by"] == "station":
            out.append(AwaitedNotice(notice_id, str(notice["phone"] or ""), refs))
    return out[:limit]


def settle_deliveries(db: Store, reports: Sequence[PartReport], actor_id: str = SYSTEM) -> tuple[OwnReport, list[bool]]:
    """Match the modem's status reports to the notices awaiting them (`awaiting_reports`), by
    TP-MR and phone, the newest notice first (references come round again every 256 parts), and
    record each notice settled: undelivered as soon as one part failed for good, delivered when
    every part was. Returns the counts and, for each report, whether to keep it in the modem
    (a part of a notice whose other parts have not reported yet); the rest are dealt with, not
    final (the network still tries: the final one comes later), or not ours, and may go."""
    awaited = awaiting_reports(db)
    by_reference = {r: n for n in awaited for r in n.references}  # later notices overwrite earlier
    got: dict[str, dict[int, PartReport]] = {}
    used: dict[str, list[int]] = {}
    for pos, report in enumerate(reports):
        notice = by_reference.get(report.reference)
        if notice is None or not report.final or not _same_phone(notice.phone, report.phone):
            continue
        got.setdefault(notice.id, {})[report.reference] = report
        used.setdefault(notice.id, []).append(pos)
    counts, keep = OwnReport(), [False] * len(reports)
    for notice in awaited:
        parts = got.get(notice.id)
        if not parts:
            continue
        failed = [r for r in parts.values() if not r.delivered]
        if failed:
            _record_delivery(db, notice.id, False, failed[0], actor_id)
            counts.undelivered += 1
        elif set(parts) >= set(notice.references):
            _record_delivery(db, notice.id, True, max(parts.values(), key=lambda r: r.done_at), actor_id)
            counts.delivered += 1
        else:
            for pos in used[notice.id]:
                keep[pos] = True
    return counts, keep


def send_own_notices(db: Store, modem: NoticeModem, actor_id: str = SYSTEM) -> OwnReport:
    """Text what is due through `modem`, each notice claimed first and its outcome recorded.
    The caller holds the file's sync lock (no sync may run meanwhile) and runs this off the GUI
    thread: a modem takes seconds per message."""
    report = OwnReport()
    for row in db.rows("SELECT id FROM parcel_notices WHERE status = 'sending' AND sent_by = 'station'"):
        record_own_outcome(db, row["id"], UNSURE, detail=_t(INTERRUPTED_HERE), actor_id=actor_id)
        report.unsure += 1
    due = due_own_notices(db)
    if not due:
        return report
    if not modem.ready():
        report.waiting += len(due)
        return report
    for notice in due:
        if notice.again and _claimed_long_ago(db, notice.id):
            record_own_outcome(db, notice.id, FAILED, detail=_t(GAVE_UP_HERE), actor_id=actor_id)
            report.failed += 1
            continue
        if not claim_own_notice(db, notice.id, actor_id):
            continue
        answer = modem.send(notice.id, notice.phone, notice.text)
        status = answer.status if answer.status in (SENT, FAILED, UNSURE, WAITING) else UNSURE
        detail = {SENT: _t(SENT_HERE), UNSURE: _t(UNSURE_HERE)}.get(status) or \
            _t(FAILED_HERE if status == FAILED else WAITING_HERE).format(detail=answer.detail)
        record_own_outcome(db, notice.id, status, detail=detail, parts=answer.parts,
                           references=answer.references if status in (SENT, FAILED) else (), actor_id=actor_id)
        setattr(report, status, getattr(report, status) + 1)
        if status == WAITING:  # the modem went away: the rest wait for the next round
            report.waiting += len(due) - due.index(notice) - 1
            break
    return report


# -- inside -----------------------------------------------------------------------------------


def _t(text: str) -> str:
    return translate("own_sms", text, DETAIL_LANG)


def _record_delivery(db: Store, notice_id: str, delivered: bool, report: PartReport, actor_id: str) -> None:
    """One notice's delivery, from the report that settled it (the last part's, or the failed one)."""
    detail = _t(DELIVERED_HERE) if delivered else _t(UNDELIVERED_HERE).format(status=f"{report.status:#04x}")
    with db.transaction():
        row = db.row("SELECT parcel_id FROM parcel_notices WHERE id = ?", (notice_id,))
        if row is None:
            return
        events.record(db, actor_id, DELIVERY, row["parcel_id"], {
            "notice_id": notice_id, "delivery": DELIVERED if delivered else UNDELIVERED, "status": report.status,
            "at": iso(report.done_at), "detail": detail[:300]}, appliers=APPLY)


def _payload(raw: Any) -> dict[str, Any]:
    try:
        p = json.loads(raw)
    except (TypeError, ValueError):
        return {}
    return p if isinstance(p, dict) else {}


def _recent(at: Any, since: datetime) -> bool:
    try:
        return parse_iso(str(at)) >= since
    except ValueError:
        return False


def _same_phone(a: str, b: str) -> bool:
    """The same mobile number, written with or without +86."""
    a, b = "".join(c for c in a if c.isdigit()), "".join(c for c in b if c.isdigit())
    return bool(a) and a[-11:] == b[-11:]


def _notice_in(ev: Event) -> dict[str, Any] | None:
    notice = (ev.payload.get("reshelve") or {}).get("notice") if ev.kind == "parcel.stocktake_resolved" \
        else ev.payload.get("notice")
    return notice if isinstance(notice, dict) and notice.get("id") else None


def _unsent_records(db: Store) -> list[Event]:
    """The records carrying a notice that never left the station."""
    marks = ",".join("?" * len(CARRYING))
    rows = db.rows(f"SELECT * FROM events WHERE seq > ? AND kind IN ({marks}) ORDER BY seq",
                   (state.sent_out(db), *CARRYING))
    return [events.from_row(r) for r in rows]


def _record_seq(db: Store, notice_id: str) -> int | None:
    for ev in _unsent_records(db):
        notice = _notice_in(ev)
        if notice and notice["id"] == notice_id:
            return ev.seq
    return None


def _on_shelf(db: Store, parcel_id: str) -> bool:
    """Still waiting to be picked up (a parcel that left the shelf needs no notice: the hub would
    refuse it too)."""
    return bool(db.value("SELECT on_shelf FROM parcels WHERE id = ?", (parcel_id,), default=0))


def _claimed_long_ago(db: Store, notice_id: str) -> bool:
    at = db.value("SELECT claimed_at FROM parcel_notices WHERE id = ?", (notice_id,))
    return bool(at) and db.clock.now() - parse_iso(str(at)) > GIVE_UP


def _own(db: Store, row: Any, *, again: bool, ev: Event | None = None) -> OwnNotice:
    """The notice as the county would word it, from this station's own records."""
    parcel = db.row("SELECT * FROM parcels WHERE id = ?", (row["parcel_id"],))
    station = get_station(db)
    code = str(parcel["pickup_code"] or "") if parcel else ""
    days = 0
    if ev is not None and ev.kind == "parcel.stocktake_resolved":
        code = str((ev.payload.get("reshelve") or {}).get("pickup_code") or code)
    if row["kind"] == "reminder" and parcel and parcel["arrived_at"]:
        days = (parse_iso(str(row["queued_at"])) - parse_iso(str(parcel["arrived_at"]))).days
    params = county_params(station=station.name if station else "", carrier=str(parcel["carrier"] or "") if parcel else "",
                           code=code, hours=str(settings.get(db, "station.opening_hours")).strip(),
                           phone=str(settings.get(db, "station.phone")).strip(), days=days)
    kind = row["kind"] if row["kind"] in ("arrival", "reminder", "new_code") else "arrival"
    text = signed(str(settings.get(db, "sms.signature")), county_text(kind, params))
    return OwnNotice(row["id"], row["parcel_id"], kind, str(row["phone"] or ""), text, ev.seq if ev else 0, again)


def _claimed(db: Store, ev: Event) -> None:
    p = ev.payload
    db.execute("UPDATE parcel_notices SET status = 'sending', sent_by = 'station', "
               "claimed_at = coalesce(claimed_at, ?) WHERE id = ?", (p.get("at"), p.get("notice_id")))


def _outcome(db: Store, ev: Event) -> None:
    p = ev.payload
    status = "queued" if p.get("status") == WAITING else p.get("status")
    db.execute("UPDATE parcel_notices SET status = ?, sent_at = ?, detail = ?, parts = ? WHERE id = ?",
               (status, p.get("at") if status != "queued" else None, p.get("detail") or "", p.get("parts") or None,
                p.get("notice_id")))


def _delivery(db: Store, ev: Event) -> None:
    """Delivered stays 已发送 with the receipt; undelivered turns 发送失败 with the reason."""
    p = ev.payload
    status = SENT if p.get("delivery") == DELIVERED else FAILED
    db.execute("UPDATE parcel_notices SET status = ?, detail = ? WHERE id = ? AND sent_by = 'station' "
               "AND status IN ('sent', 'failed')", (status, str(p.get("detail") or ""), p.get("notice_id")))


APPLY = {CLAIMED: _claimed, OUTCOME: _outcome, DELIVERY: _delivery}
