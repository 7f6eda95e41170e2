"""The station's side of sync, as the screens see it (no Qt, no network).

- per record (an entity_id): 待上传 pending / 上传中 uploading / 已同步 synced / 有警告 warning;
- the status bar: last good sync (hub time), when the county last heard from the station and
  by which path (the network, or a courier's USB stick: `sync.courier`), pending count, clock
  offset and warning, the last failure and whether it needs a person (a refused push: 409, a
  revoked token);
- flags the hub raised on records arrive as hub events and are folded into
  `record_flags` by the appliers here, like every other table.

Machine-local values (enrollment, cursor, acked seq) live in `local_settings`; the
network side is `sync.client`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from station_app import keystore
from station_app.clock import (
    CLOCK_WARNING_MS,
    iso,
    offset_holds,
    offset_text,
    parse_iso,
    parse_offset,
    show,
)
from station_app.core import settings
from station_app.core.events import Event, canonical, last_seq, stamped_ahead
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate

PENDING, UPLOADING, SYNCED, WARNING = "pending", "uploading", "synced", "warning"
LABELS = {
    PENDING: QT_TRANSLATE_NOOP("sync", "Waiting to upload"),
    UPLOADING: QT_TRANSLATE_NOOP("sync", "Uploading"),
    SYNCED: QT_TRANSLATE_NOOP("sync", "Synced"),
    WARNING: QT_TRANSLATE_NOOP("sync", "Warning"),
}

# local_settings keys (this PC, this file; never synced); the token is a secret of this PC's
# keystore, never in the file (so never in a backup)
STATION_ID, CA_FILE, ALLOW_HTTP = "sync.station_id", "sync.ca_file", "sync.allow_plain_http"
TOKEN = keystore.TOKEN
ACKED, CURSOR, UPLOADING_KEY = "sync.acked_seq", "sync.cursor", "sync.uploading"
#: the last seq this station ever put into a push or a USB-stick bundle: records up to it may be
#: at the hub, so the station's own modem never texts their notices (`core.parcels.own_sms`)
SENT_OUT = "sync.sent_out_seq"
LAST_OK, LAST_ERROR, RECONCILE, INSTANCE = "sync.last_ok", "sync.last_error", "sync.reconcile", "sync.instance_id"
CLOCK_OFFSET = "clock_offset_ms"  # `offset@PC time measured at` (clock.offset_text); open_station loads it
# USB-stick bundles (sync.courier): the county hub's public keys, the fingerprint of this station's keys the hub
# registered, when (hub time) and by which path the county last heard from the station, and the hub time of
# the last return bundle applied (an older one's ack is not taken over a newer one)
COUNTY_KEY, BUNDLE_KEY, LAST_HEARD, RETURN_AT = ("sync.county_key", "sync.bundle_key", "sync.last_heard",
                                                 "sync.return_at")
BY_NETWORK, BY_STICK = "network", "stick"
#: "demo" once a simulation made up county data in this file (`core.simulate`): a demo or training file,
#: never to join a real county (its made-up county records would clash with the county's)
DEMO_COUNTY = "simulate.county_data"
DEMO_FILE = QT_TRANSLATE_NOOP("errors", "This station file is a demo: it holds made-up county data, so it cannot join a "
                                        "real county hub. Nothing was sent. For the real county, start a new station "
                                        "file in a new folder (station-app --data-dir NEW-FOLDER, then the setup) and enroll that one.")
HEARD_BY = {
    BY_NETWORK: QT_TRANSLATE_NOOP("sync", "over the network"),
    BY_STICK: QT_TRANSLATE_NOOP("sync", "by USB stick"),
}
UPLOADING_STALE = timedelta(minutes=5)  # a marker older than this was left by a killed sync


@dataclass(frozen=True)
class Flag:
    """A warning the hub raised on a record; `message` is in the station language."""

    id: str
    entity_id: str
    seq: int
    kind: str
    reason: str
    message: str
    raised_at: str


@dataclass(frozen=True)
class SyncStatus:
    """Everything the status bar shows about sync."""

    enrolled: bool
    station_id: str | None
    hub_url: str
    last_seq: int
    acked_seq: int
    pending: int
    uploading: bool
    last_sync: str | None  # hub time (UTC ISO) of the last good sync
    last_error: str | None  # a message a person can act on, or None
    needs_person: bool  # the last failure was a refusal that retrying will not fix
    clock_offset_ms: int
    clock_warning: str | None
    open_flags: int
    reconcile_mismatch: list[str]
    last_heard: str | None = None  # hub time the county last took this station's records (either path)
    heard_by: str | None = None  # BY_NETWORK or BY_STICK


@dataclass(frozen=True)
class HubChange:
    """One entry of the hub's change feed for this station."""

    hub_seq: int
    kind: str
    entity_id: str
    payload: dict[str, Any]
    hub_time: str
    after_seq: int | None = None  # where the station applied it before (for a restore)


# -- reading ------------------------------------------------------------------------------


def local_int(db: Store, key: str) -> int:
    raw = db.local(key)
    return int(raw) if raw else 0


def acked_seq(db: Store) -> int:
    return local_int(db, ACKED)


def pending_count(db: Store) -> int:
    return max(0, last_seq(db) - acked_seq(db))


def uploading_to(db: Store) -> int:
    """The last seq of the batch on its way to the hub now (0 when none)."""
    raw = db.local(UPLOADING_KEY)
    if not raw:
        return 0
    seq, _, since = raw.partition("@")
    try:
        if db.clock.now() - parse_iso(since) > UPLOADING_STALE:
            return 0
    except ValueError:
        return 0
    return int(seq)


def record_states(db: Store, entity_ids: Iterable[str]) -> dict[str, str]:
    """Sync state of each record (entity id): warning > uploading > pending > synced."""
    ids = list(dict.fromkeys(entity_ids))
    if not ids:
        return {}
    acked, flying = acked_seq(db), uploading_to(db)
    out = dict.fromkeys(ids, SYNCED)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        marks = ",".join("?" * len(chunk))
        for r in db.rows(f"SELECT entity_id, max(seq) AS top FROM events WHERE entity_id IN ({marks}) "
                         "AND seq > ? GROUP BY entity_id", [*chunk, acked]):
            out[r["entity_id"]] = UPLOADING if flying and r["top"] <= flying else PENDING
        for r in db.rows(f"SELECT DISTINCT entity_id FROM record_flags WHERE entity_id IN ({marks}) "
                         "AND cleared_at IS NULL", chunk):
            out[r["entity_id"]] = WARNING
    return out


def record_state(db: Store, entity_id: str) -> str:
    return record_states(db, [entity_id])[entity_id]


def label(state: str) -> str:
    """待上传 / 上传中 / 已同步 / 有警告 in the station language."""
    return translate("sync", LABELS[state])


def open_flags(db: Store, entity_id: str | None = None) -> list[Flag]:
    """Flags the hub raised and nobody has settled yet (all, or one record's), oldest first."""
    sql = "SELECT * FROM record_flags WHERE cleared_at IS NULL"
    params: list[Any] = []
    if entity_id is not None:
        sql += " AND entity_id = ?"
        params.append(entity_id)
    return [Flag(r["id"], r["entity_id"], r["seq"], r["kind"], r["reason"], _flag_text(r), r["raised_at"])
            for r in db.rows(sql + " ORDER BY seq", params)]


def _flag_text(row: Row) -> str:
    text = translate("hubflags", row["message"])
    try:
        return text.format(**json.loads(row["params"]))
    except (KeyError, IndexError, ValueError):
        return text


def token(db: Store) -> str | None:
    """The station's key for the county hub, from this PC's keystore; None when not enrolled
    here (or its sealed copy cannot be opened on this PC: the station enrolls again)."""
    try:
        return keystore.get(db.path, TOKEN)
    except keystore.KeystoreError:
        return None


def last_sync(db: Store) -> str | None:
    return db.local(LAST_OK)


def clock_offset_ms(db: Store) -> int:
    """The stored hub offset while it still describes this PC clock (`clock.offset_holds`), else 0."""
    stored = parse_offset(db.local(CLOCK_OFFSET))
    if stored is None:
        return 0
    offset, measured_at = stored
    return offset if offset_holds(offset, measured_at, db.clock.pc_ms()) else 0


def clock_warning(db: Store) -> str | None:
    """A message with the right time when the PC clock is more than 5 minutes off, else the
    `ahead_warning` when records were stamped far ahead, else None."""
    offset = clock_offset_ms(db)
    if abs(offset) <= CLOCK_WARNING_MS:
        return ahead_warning(db)
    right = db.clock.pc_now() + timedelta(milliseconds=offset)
    minutes = abs(offset) // 60_000
    if minutes >= 24 * 60:
        source = (QT_TRANSLATE_NOOP("sync", "The PC clock is {days} days slow: the right time is {time}. "
                                            "Please correct the Windows date and time.") if offset > 0 else
                  QT_TRANSLATE_NOOP("sync", "The PC clock is {days} days fast: the right time is {time}. "
                                            "Please correct the Windows date and time."))
    else:
        source = (QT_TRANSLATE_NOOP("sync", "The PC clock is {minutes} minutes slow: the right time is {time}. "
                                            "Please correct the Windows date and time.") if offset > 0 else
                  QT_TRANSLATE_NOOP("sync", "The PC clock is {minutes} minutes fast: the right time is {time}. "
                                            "Please correct the Windows date and time."))
    return translate("sync", source).format(minutes=minutes, days=minutes // (24 * 60), time=show(right))


def ahead_warning(db: Store) -> str | None:
    """A message when records were stamped by a PC clock set far ahead (a PC once set to 2099):
    they keep that stamp and the hub files them under that day; later records do not follow it."""
    ahead = stamped_ahead(db, db.clock.now_ms())
    if ahead is None:
        return None
    latest = datetime.fromtimestamp(ahead.latest_ms / 1000, UTC)
    return translate("sync", QT_TRANSLATE_NOOP(
        "sync", "{count} records (from record {seq}) were stamped by a PC clock set ahead, up to {time}; "
                "later records do not follow them")).format(count=ahead.count, seq=ahead.first_seq, time=show(latest))


def last_error(db: Store) -> tuple[str | None, bool]:
    """(message, needs a person) of the last failed sync, or (None, False) after a good one."""
    raw = db.local(LAST_ERROR)
    if not raw:
        return None, False
    err = json.loads(raw)
    return UserError(err["text"], **err.get("params", {})).message(), bool(err.get("refused"))


def last_heard(db: Store) -> tuple[str | None, str | None]:
    """(hub time, path) of the last time the county took this station's records: a sync over
    the network, or a bundle the courier carried (its return bundle says when); (None, None)
    before the first. Older files knew only the network: their last good sync."""
    raw = db.local(LAST_HEARD)
    if raw:
        heard = json.loads(raw)
        return str(heard["at"]), str(heard["by"])
    last = last_sync(db)
    return (last, BY_NETWORK) if last else (None, None)


def heard_by_text(by: str | None) -> str:
    """"over the network" / "by USB stick" in the station language."""
    return translate("sync", HEARD_BY[by]) if by in HEARD_BY else ""


def county_key(db: Store) -> dict[str, str] | None:
    """The county hub's public keys (`sync.bundle.PublicKeys.as_json`), given when this station
    enrolled or first registered its bundle keys; None before."""
    raw = db.local(COUNTY_KEY)
    return dict(json.loads(raw)) if raw else None


def bundle_key_registered(db: Store) -> str | None:
    """The fingerprint of this station's bundle keys as the hub registered them, or None."""
    return db.local(BUNDLE_KEY)


def demo_file(db: Store) -> bool:
    """The county data in this file was made up by a simulation (a demo or training file)."""
    return db.local(DEMO_COUNTY) == "demo"


def status(db: Store) -> SyncStatus:
    head, acked = last_seq(db), acked_seq(db)
    message, needs_person = last_error(db)
    reconcile = json.loads(db.local(RECONCILE) or "{}")
    heard_at, heard_by = last_heard(db)
    return SyncStatus(
        enrolled=token(db) is not None, station_id=db.local(STATION_ID), hub_url=settings.get(db, "sync.hub_url"),
        last_seq=head, acked_seq=acked, pending=max(0, head - acked), uploading=bool(uploading_to(db)),
        last_sync=last_sync(db), last_error=message, needs_person=needs_person,
        clock_offset_ms=clock_offset_ms(db), clock_warning=clock_warning(db),
        open_flags=int(db.value("SELECT count(*) FROM record_flags WHERE cleared_at IS NULL", default=0)),
        reconcile_mismatch=list(reconcile.get("mismatched", [])),
        last_heard=heard_at, heard_by=heard_by,
    )


# -- writing (called by sync.client, each in its own transaction; county changes are folded
#    in by `core.replay.apply_hub_changes`) ---------------------------------------------------


def save_enrollment(db: Store, *, hub_url: str, station_id: str, token: str, ca_file: str | None,
                    allow_http: bool) -> None:
    """What enrollment gave: the hub's address and station id in the file, the token sealed in
    this PC's keystore (`station_app.keystore`)."""
    keystore.put(db.path, TOKEN, token)
    with db.transaction():
        db.set_local("setting:sync.hub_url", json.dumps(hub_url))
        db.set_local(STATION_ID, station_id)
        db.set_local(CA_FILE, ca_file or None)
        db.set_local(ALLOW_HTTP, "1" if allow_http else None)
        db.set_local(LAST_ERROR, None)


def mark_uploading(db: Store, seq: int | None) -> None:
    with db.transaction():
        db.set_local(UPLOADING_KEY, f"{seq}@{iso(db.clock.now())}" if seq else None)
        if seq and seq > local_int(db, SENT_OUT):
            db.set_local(SENT_OUT, str(seq))


def sent_out(db: Store) -> int:
    """The last record that may have reached the hub: pushed (answered or not), carried on a
    stick, or acknowledged."""
    return max(local_int(db, SENT_OUT), acked_seq(db))


def mark_sent_out_head(db: Store) -> int:
    """Every record up to the head may leave now (a bundle is being made): recorded in the same
    transaction that reads the head, which it returns."""
    with db.transaction():
        head = last_seq(db)
        if head > local_int(db, SENT_OUT):
            db.set_local(SENT_OUT, str(head))
    return head


def save_ack(db: Store, seq: int) -> None:
    with db.transaction():
        db.set_local(ACKED, str(seq))
        db.set_local(UPLOADING_KEY, None)


def save_clock_offset(db: Store, offset_ms: int) -> None:
    """Store the hub-estimated offset with the PC time it was measured at; this connection's
    clock uses it from now on."""
    measured_at = db.clock.pc_ms()
    with db.transaction():
        db.set_local(CLOCK_OFFSET, offset_text(offset_ms, measured_at))
    db.clock.set_offset(offset_ms, measured_at)


def save_success(db: Store, hub_time: str, reconcile: dict[str, Any]) -> None:
    with db.transaction():
        db.set_local(LAST_OK, hub_time)
        db.set_local(LAST_ERROR, None)
        db.set_local(RECONCILE, json.dumps(reconcile, ensure_ascii=False))
        db.set_local(INSTANCE, db.value("SELECT value FROM meta WHERE key = 'instance_id'"))


def save_heard(db: Store, hub_time: str, by: str) -> None:
    """The county took this station's records at `hub_time` (by BY_NETWORK or BY_STICK); an
    earlier time than the one stored (an old return bundle imported late) changes nothing."""
    if not hub_time:
        return
    at, _ = last_heard(db)
    if at and at >= hub_time:
        return
    with db.transaction():
        db.set_local(LAST_HEARD, json.dumps({"at": hub_time, "by": by}))


def save_bundle_keys(db: Store, county: dict[str, str], registered: str) -> None:
    """The county hub's public keys, and the fingerprint of this station's keys it registered."""
    with db.transaction():
        db.set_local(COUNTY_KEY, json.dumps(county, sort_keys=True))
        db.set_local(BUNDLE_KEY, registered)


def save_failure(db: Store, text: str, params: dict[str, Any], *, refused: bool) -> None:
    with db.transaction():
        db.set_local(LAST_ERROR, json.dumps({"text": text, "params": params, "refused": refused}, ensure_ascii=False))
        db.set_local(UPLOADING_KEY, None)


def placements(db: Store, first_seq: int, last: int) -> list[tuple[int, int]]:
    """County changes applied between events first_seq-1 and last-1 (reported with a push)."""
    return [(r["hub_seq"], r["after_seq"]) for r in db.rows(
        "SELECT hub_seq, after_seq FROM hub_events WHERE after_seq BETWEEN ? AND ? ORDER BY hub_seq",
        (first_seq - 1, last - 1))]


# -- appliers for the flags the hub raises -------------------------------------------------


def _flag_raised(db: Store, ev: Event) -> None:
    p = ev.payload
    db.execute("INSERT OR IGNORE INTO record_flags (id, entity_id, seq, kind, reason, message, params, raised_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (ev.id, ev.entity_id, p["seq"], p["kind"], p["reason"], p["message"],
                canonical(p.get("params") or {}), ev.station_time))


def _flag_cleared(db: Store, ev: Event) -> None:
    for flag_id in ev.payload["flags"]:
        db.execute("UPDATE record_flags SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL", (ev.station_time, flag_id))


APPLY = {"sync.flag_raised": _flag_raised, "sync.flag_cleared": _flag_cleared}
