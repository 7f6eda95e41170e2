"""Nothing unnoticed: every station's state as the county needs to see it, in Chinese, with what
to do about each problem.

Per station: the name the county registered it under, the last contact (any request) and the
last upload (a push with new records) kept apart, how far the hub's copy of its records is
complete ("data complete up to"), and its problems: never synced, silent for N days (a county
setting, `county_settings`), refusing the county's changes (`contact`), a refused fork, a
restored or copied station file, a clock that is off, records the hub flagged, SMS the hub
could not send, SMS or payments the hub held for the county (`alerts`), records the hub cannot
fold (`shadows.FoldError`), a revoked login, a printer in trouble (`station_reports`). Red
problems stop the county from trusting the station's figures; amber ones want a look.

The overview, the daily digest and the station pages all read `station_health`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, and_, func, select

from station_app.clock import CLOCK_WARNING_MS, iso, parse_iso, show
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import alerts, contact, county_settings, sms, station_reports
from sync.hub.db import events, flags, reading, stations, tokens
from sync.hub.office_db import ensure_office_tables, fold_problems
from sync.hub.service_db import ensure_tables, sms_notices
from sync.hub.shadows import FoldError, Shadows
from sync.hub.store import Hub

RED, AMBER = "red", "amber"

# what the sync code writes into `stations.warning` (English, `sync.hub.store`), read back here
_FORK = re.compile(r"refused a fork at record (\d+)")
_FILE_CHANGED = re.compile(r"the station's file changed \([^)]*\)(?: at record (\d+))?")
_FEWER = re.compile(r"the station reported (\d+) records, fewer than the (\d+) before[^;]*")

T = {
    "never": (QT_TRANSLATE_NOOP("dashboard", "Never synced"),
              QT_TRANSLATE_NOOP("dashboard", "Give the station its enrollment code (station-hub enroll-code) and "
                                             "have it enroll and sync (F12 at the station).")),
    "no_records": (QT_TRANSLATE_NOOP("dashboard", "In contact, but no records uploaded yet"),
                   QT_TRANSLATE_NOOP("dashboard", "Ask the station to sync (F12); if it still uploads nothing, "
                                                  "look at the message on its screen.")),
    "silent": (QT_TRANSLATE_NOOP("dashboard", "Silent for {days} days (last contact {when})"),
               QT_TRANSLATE_NOOP("dashboard", "Call the station: is the PC on, is the link up? Its figures are only "
                                              "complete up to {complete}.")),
    "refusing": (QT_TRANSLATE_NOOP("dashboard", "Refuses the county's data: asked {times} times for the same changes "
                                                "since {since}"),
                 QT_TRANSLATE_NOOP("dashboard", "The station's county data differs from the hub's. Look at the "
                                                "message on its screen (F12); restoring the station from the hub "
                                                "(station-app restore) mends it.")),
    "fork": (QT_TRANSLATE_NOOP("dashboard", "Upload refused: its record {seq} differs from the county's copy (a "
                                            "forked history)"),
             QT_TRANSLATE_NOOP("dashboard", "The station is using an old backup or a copy of its file. Stop using "
                                            "the copy, then restore the station from the hub.")),
    "file_changed": (QT_TRANSLATE_NOOP("dashboard", "The station's file changed (restored, copied or moved to another "
                                                    "PC)"),
                     QT_TRANSLATE_NOOP("dashboard", "Make sure only one PC works as this station; revoke the old one "
                                                    "(station-hub revoke) if two are in use.")),
    "fewer": (QT_TRANSLATE_NOOP("dashboard", "The station reported {now} records, fewer than the {before} before"),
              QT_TRANSLATE_NOOP("dashboard", "An old backup or a copy of the file is in use: restore the station "
                                             "from the hub.")),
    "clock": (QT_TRANSLATE_NOOP("dashboard", "The station PC's clock is off by {minutes} minutes"),
              QT_TRANSLATE_NOOP("dashboard", "Set the date and time on the station's PC.")),
    "flags": (QT_TRANSLATE_NOOP("dashboard", "{n} records have warnings"),
              QT_TRANSLATE_NOOP("dashboard", "The station sees each warning on the record (有警告) and corrects it.")),
    "sms": (QT_TRANSLATE_NOOP("dashboard", "{n} pickup SMS not sent in the last {days} days"),
            QT_TRANSLATE_NOOP("dashboard", "Check the phone numbers the station typed and the county's SMS gateway.")),
    "revoked": (QT_TRANSLATE_NOOP("dashboard", "Login revoked: the station cannot sync"),
                QT_TRANSLATE_NOOP("dashboard", "Make a new enrollment code if the station is to sync again.")),
    "pending": (QT_TRANSLATE_NOOP("dashboard", "{n} records were still waiting to upload at the last contact"),
                QT_TRANSLATE_NOOP("dashboard", "They come with the next sync; if the number stays, ask the station "
                                               "to sync (F12).")),
    "held": (QT_TRANSLATE_NOOP("dashboard", "{n} things held for the county to decide (SMS or bill payments over the "
                                            "station's limits, odd requests)"),
             QT_TRANSLATE_NOOP("dashboard", "Look at each (GET /v1/admin/alerts) and release or refuse what was held "
                                            "(POST /v1/admin/held/sms|bills/ID); the station's payers and villagers "
                                            "wait for it.")),
    "note": (QT_TRANSLATE_NOOP("dashboard", "The hub noted: {text}"),
             QT_TRANSLATE_NOOP("dashboard", "Call the station and look at it together.")),
}


@dataclass(frozen=True)
class Problem:
    code: str
    level: str  # RED or AMBER
    text: str  # what is wrong (Chinese)
    todo: str  # what to do (Chinese)


@dataclass
class StationHealth:
    id: str
    name: str  # as the county registered it
    village: str
    enrolled: bool
    acked_seq: int
    pending: int
    last_contact: str | None  # any request (UTC ISO)
    last_upload: str | None  # the last push that brought records
    complete_up_to: str | None  # the hub holds every record the station made up to this time
    clock_offset_ms: int
    open_flags: int
    problems: list[Problem] = field(default_factory=list)
    program_version: str = ""  # as the station last said (`station_reports`); "" for older programs

    @property
    def red(self) -> bool:
        return any(p.level == RED for p in self.problems)

    @property
    def has_data(self) -> bool:
        """The hub holds records of the station and can count them."""
        return self.acked_seq > 0 and not any(p.code == "fold" for p in self.problems)

    def problem_text(self) -> str:
        return "；".join(p.text for p in self.problems)


def _problem(code: str, level: str, **params: object) -> Problem:
    text, todo = T[code]
    return Problem(code, level, translate("dashboard", text).format(**params),
                   translate("dashboard", todo).format(**params))


def fold_problem(seq: int, kind: str, error: str) -> Problem:
    from sync.hub.shadows import CANNOT_FOLD, CANNOT_FOLD_TODO

    return Problem("fold", RED, translate("dashboard", CANNOT_FOLD).format(seq=seq, kind=kind, error=error),
                   translate("dashboard", CANNOT_FOLD_TODO))


def note_problems(text: str) -> list[Problem]:
    """The hub's own notes on a station (`stations.warning`, English) as problems in Chinese."""
    out: list[Problem] = []
    rest = text[17:] if re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d ", text) else text
    if m := _FORK.search(rest):
        out.append(_problem("fork", RED, seq=m.group(1)))
        rest = rest.replace(m.group(0), "")
    if m := _FILE_CHANGED.search(rest):
        out.append(_problem("file_changed", RED))
        rest = rest.replace(m.group(0), "")
    if m := _FEWER.search(rest):
        out.append(_problem("fewer", RED, now=m.group(1), before=m.group(2)))
        rest = rest.replace(m.group(0), "")
    rest = rest.strip(" ;:")
    if rest:
        out.append(_problem("note", AMBER, text=rest))
    return out


def _complete_up_to(conn: Connection, r: Row[Any]) -> str | None:
    """Up to when the hub holds all the station's records: its last contact if it had nothing
    more to send then, else the time of the last record the hub holds."""
    if not r.acked_seq:
        return None
    if r.station_head <= r.acked_seq and r.last_seen_at:
        return str(r.last_seen_at)
    last = conn.execute(select(events.c.hlc, events.c.station_time).where(and_(
        events.c.station_id == r.id, events.c.seq == r.acked_seq))).first()
    if last is None:
        return None
    try:
        return iso(datetime.fromtimestamp(int(last.hlc.split(".")[0]) / 1000, UTC))
    except (ValueError, IndexError):
        return str(last.station_time)


def station_health(hub: Hub, now: datetime | None = None) -> list[StationHealth]:
    """Every station's health, in the order of their names (red problems first in each list)."""
    ensure_tables(hub.engine)
    ensure_office_tables(hub.engine)
    alerts.ensure_table(hub.engine)
    now = now or hub.clock.now()
    silent_days = county_settings.get(hub, "silent_days")
    sms_days = county_settings.get(hub, "sms_failures_days")
    pulls = contact.pull_states(hub)
    told = station_reports.states(hub)
    since = iso(now - timedelta(days=sms_days))
    with reading(hub.engine) as conn:
        open_flags: dict[str, int] = dict(conn.execute(select(flags.c.station_id, func.count()).where(flags.c.cleared_at.is_(None))
                                       .group_by(flags.c.station_id)).all())
        enrolled = {r.station_id for r in conn.execute(select(tokens.c.station_id).where(tokens.c.revoked_at.is_(None)))}
        ever_enrolled = {r.station_id for r in conn.execute(select(tokens.c.station_id))}
        # not failures: the parcel had left the shelf (nobody needed the text), or only the phone's
        # last digits were ever known (a privacy waybill): no gateway or person could have sent those
        expected = [translate("hub_services", text, sms.DETAIL_LANG) for text in (sms.LEFT, sms.NO_PHONE)]
        sms_failed: dict[str, int] = dict(conn.execute(select(sms_notices.c.station_id, func.count()).where(and_(
            sms_notices.c.status == sms.FAILED, sms_notices.c.done_at >= since, sms_notices.c.detail.not_in(expected)))
            .group_by(sms_notices.c.station_id)).all())
        folds = {r.station_id: r for r in conn.execute(select(fold_problems))}
        held = alerts.open_counts(conn)
        out = []
        for r in conn.execute(select(stations).order_by(stations.c.name)).all():
            h = StationHealth(r.id, r.name, r.village, r.id in enrolled, int(r.acked_seq),
                              max(0, int(r.station_head) - int(r.acked_seq)), r.last_seen_at, r.last_push_at,
                              _complete_up_to(conn, r), int(r.clock_offset_ms), int(open_flags.get(r.id, 0)))
            out.append(h)
            if r.id in folds:
                f = folds[r.id]
                h.problems.append(fold_problem(f.seq, f.kind, f.error))
            if r.id in ever_enrolled and r.id not in enrolled:
                h.problems.append(_problem("revoked", RED))
            if r.last_seen_at is None:
                h.problems.append(_problem("never", RED))
            else:
                quiet = now - parse_iso(r.last_seen_at)
                if quiet >= timedelta(days=silent_days):
                    h.problems.append(_problem("silent", RED, days=quiet.days, when=show(r.last_seen_at),
                                               complete=show(h.complete_up_to) if h.complete_up_to else "—"))
                if not h.acked_seq:
                    h.problems.append(_problem("no_records", RED))
            pull = pulls.get(r.id)
            if pull is not None and pull.refusing:
                h.problems.append(_problem("refusing", RED, times=pull.repeats + 1,
                                           since=show(pull.stuck_since) if pull.stuck_since else "—"))
            if r.warning:
                h.problems += note_problems(r.warning)
            if abs(int(r.clock_offset_ms)) > CLOCK_WARNING_MS:
                h.problems.append(_problem("clock", RED, minutes=abs(int(r.clock_offset_ms)) // 60000))
            if h.pending and r.last_seen_at:
                h.problems.append(_problem("pending", AMBER, n=h.pending))
            if held.get(r.id):
                h.problems.append(_problem("held", RED, n=held[r.id]))
            if h.open_flags:
                h.problems.append(_problem("flags", AMBER, n=h.open_flags))
            if sms_failed.get(r.id):
                h.problems.append(_problem("sms", AMBER, n=sms_failed[r.id], days=sms_days))
            if r.id in told:
                h.program_version = told[r.id].version
                if trouble := told[r.id].printer_trouble():
                    h.problems.append(Problem("printer", AMBER, *trouble))
            h.problems.sort(key=lambda p: p.level != RED)
    return out


def health_of(hub: Hub, station_id: str) -> StationHealth | None:
    return next((h for h in station_health(hub) if h.id == station_id), None)


def each_synced_station(shadows: Shadows, work: Callable[[StationHealth, Any], None]) -> list[dict[str, str]]:
    """Run `work(station, its shadow)` for every station that has synced. A station whose history
    cannot be folded is left out, named with why (returned), and the others are still counted:
    one station's bad data affects only that station."""
    left_out: list[dict[str, str]] = []
    for h in station_health(shadows.hub):
        if not h.acked_seq:
            continue
        try:
            with shadows.view(h.id) as db:
                work(h, db)
        except FoldError as exc:
            left_out.append({"name": h.name, "why": exc.message()})
    return left_out
