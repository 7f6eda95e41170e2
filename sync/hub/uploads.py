"""County uploads, one code path for the dashboard, `station-hub upload` and `POST /county/uploads`:
a file is previewed (read and checked, every refused row with its line number, nothing sent),
then applied once. The same content (for the same station) is applied at most once: applying
it again answers what the first time did and sends nothing. Every upload and every apply is in
the audit log; stations see what was sent after their next sync.

Kinds (`KINDS`): the logistics centre's dispatch list (manifest), the proxy-purchase catalogue,
the online shop's orders, the parcel fee table, the biller list and the training schedule.
County notices and targets are typed, not uploaded (`sync.hub.notices`, `sync.hub.targets`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, insert, select, update

from station_app.core.money import format_fen
from station_app.errors import Conflict, NotFound, UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import audit
from sync.hub.biller_lists import publish_biller_list
from sync.hub.catalogue import import_catalogue
from sync.hub.csv_files import UploadReport, why
from sync.hub.db import reading, writing
from sync.hub.fee_tables import publish_fee_table
from sync.hub.manifest import import_manifest
from sync.hub.office_db import county_uploads, ensure_office_tables
from sync.hub.online_orders import accept_online_order
from sync.hub.places import station_target
from sync.hub.register import import_register
from sync.hub.shadows import Shadows
from sync.hub.training_schedules import publish_schedule
from sync.hub.villages import import_villages

MAX_UPLOAD = 5_000_000  # bytes: a county file is a few thousand rows at most

NOT_JSON = QT_TRANSLATE_NOOP("errors", "The orders file is not a JSON list of orders: {why}")
UNKNOWN_KIND = QT_TRANSLATE_NOOP("errors", "Unknown kind of upload {kind}")
NO_UPLOAD = QT_TRANSLATE_NOOP("errors", "No such upload: upload the file again")
TOO_BIG = QT_TRANSLATE_NOOP("errors", "The file is larger than {n} MB")
STATION_ANY = QT_TRANSLATE_NOOP("dashboard", "routed by the file")
BUSY = QT_TRANSLATE_NOOP("errors", "This file is being applied right now")


@dataclass(frozen=True)
class Kind:
    key: str
    title: str  # English source, context "dashboard"
    what: str  # what the file is, for the upload form
    suffix: str  # the file's ending
    station: bool  # may be sent to one station only
    run: Callable[[Shadows, bytes, str | None, str, bool], UploadReport]  # (shadows, data, station, filename, dry_run)


def _manifest(shadows: Shadows, data: bytes, station: str | None, filename: str, dry_run: bool) -> UploadReport:
    report = import_manifest(shadows.hub, data, station=station, source=filename, dry_run=dry_run)
    return UploadReport(sent=[(n, s, w) for n, w, s in report.routed], refused=report.refused,
                        skipped=[(n, f"{w}：{r}") for n, w, r in report.skipped])


def _catalogue(shadows: Shadows, data: bytes, station: str | None, filename: str, dry_run: bool) -> UploadReport:
    report = import_catalogue(shadows.hub, data, dry_run=dry_run)
    every = translate("dashboard", "every station")
    out = UploadReport(refused=[(r.line, r.zh) for r in report.refused])
    out.sent += [(n, every, translate("dashboard", "new: {name}").format(name=name)) for n, _, name in report.added]
    out.sent += [(n, every, translate("dashboard", "changed: {name}").format(name=name))
                 for n, _, name in report.changed]
    out.sent += [(0, every, translate("dashboard", "withdrawn: {name}").format(name=name))
                 for _, name in report.withdrawn]
    if report.unchanged:
        out.skipped.append((0, translate("dashboard", "{n} items unchanged").format(n=report.unchanged)))
    if report.kept:
        out.skipped.append((0, translate("dashboard", "{n} items the file leaves out are kept (rows were refused)")
                            .format(n=report.kept)))
    return out


def _orders(shadows: Shadows, data: bytes, station: str | None, filename: str, dry_run: bool) -> UploadReport:
    try:
        orders = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(NOT_JSON, why=str(exc)[:100]) from None
    if isinstance(orders, dict):
        orders = [orders]
    if not isinstance(orders, list):
        raise ValidationError(NOT_JSON, why=type(orders).__name__)
    out = UploadReport()
    promised: dict[str, int] = {}  # checked only: what the file's earlier orders take
    for index, order in enumerate(orders, 1):
        number = order.get("number", "-") if isinstance(order, dict) else "-"
        try:
            done = accept_online_order(shadows.hub, order, shadows=shadows, dry_run=dry_run, promised=promised)
        except UserError as exc:
            out.refused.append((index, f"{number}：{why(exc)}"))
            continue
        if done["repeat"]:
            out.skipped.append((index, translate("dashboard", "{number}: accepted before, nothing sent again")
                                .format(number=done["number"])))
        else:
            out.sent.append((index, done["station"], f"{done['number']} {format_fen(done['total'])}"))
    return out


def _fees(shadows: Shadows, data: bytes, station: str | None, filename: str, dry_run: bool) -> UploadReport:
    return publish_fee_table(shadows.hub, data, station=station, dry_run=dry_run)


def _billers(shadows: Shadows, data: bytes, station: str | None, filename: str, dry_run: bool) -> UploadReport:
    return publish_biller_list(shadows.hub, data, station=station, dry_run=dry_run)


def _schedule(shadows: Shadows, data: bytes, station: str | None, filename: str, dry_run: bool) -> UploadReport:
    return publish_schedule(shadows.hub, data, station=station, dry_run=dry_run)


def _villages(shadows: Shadows, data: bytes, station: str | None, filename: str, dry_run: bool) -> UploadReport:
    return import_villages(shadows.hub, data, dry_run=dry_run)


def _register(shadows: Shadows, data: bytes, station: str | None, filename: str, dry_run: bool) -> UploadReport:
    return import_register(shadows.hub, data, shadows=shadows, dry_run=dry_run)


KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("manifest", QT_TRANSLATE_NOOP("dashboard", "Dispatch list (parcels on their way)"),
         QT_TRANSLATE_NOOP("dashboard", "the logistics centre's CSV: waybill, carrier, recipient, phone, village, "
                                        "dispatch time"), ".csv", True, _manifest),
    Kind("catalogue", QT_TRANSLATE_NOOP("dashboard", "Proxy-purchase catalogue"),
         QT_TRANSLATE_NOOP("dashboard", "CSV: item no., name, spec, unit, price (yuan), supplier"), ".csv", False,
         _catalogue),
    Kind("online-orders", QT_TRANSLATE_NOOP("dashboard", "Online-shop orders"),
         QT_TRANSLATE_NOOP("dashboard", "the shop's JSON list of orders (station, receiver, lines, total)"), ".json",
         False, _orders),
    Kind("fee-table", QT_TRANSLATE_NOOP("dashboard", "Parcel fee table"),
         QT_TRANSLATE_NOOP("dashboard", "CSV: carrier, zone (县内/县外), first weight (g), first price, extra weight "
                                        "(g), extra price"), ".csv", True, _fees),
    Kind("biller-list", QT_TRANSLATE_NOOP("dashboard", "Biller list"),
         QT_TRANSLATE_NOOP("dashboard", "CSV: biller no., biller, kind, product no., product, account digits, "
                                        "amounts, fee, commission"), ".csv", True, _billers),
    Kind("training-schedule", QT_TRANSLATE_NOOP("dashboard", "Training schedule"),
         QT_TRANSLATE_NOOP("dashboard", "CSV: station, name, category, start, end, place, lecturers, organiser"),
         ".csv", True, _schedule),
    Kind("villages", QT_TRANSLATE_NOOP("dashboard", "Administrative villages"),
         QT_TRANSLATE_NOOP("dashboard", "CSV: village code (12 digits), village, township, poor village (是/否)"),
         ".csv", False, _villages),
    Kind("poverty-register", QT_TRANSLATE_NOOP("dashboard", "Poverty register"),
         QT_TRANSLATE_NOOP("dashboard", "CSV: household no., name, ID number, village, 脱贫状态, model household "
                                        "(是/否); ID numbers are sealed on the hub and never sent to a station"),
         ".csv", False, _register),
)}


@dataclass(frozen=True)
class Preview:
    kind: str
    key: str  # what the upload is known by (sha256 of the station and the content)
    filename: str
    station: str  # the station it is for ("" = routed by the file, or every station)
    report: UploadReport
    uploaded_at: str
    uploaded_by: str
    applied_at: str | None
    applied_by: str | None
    applied: dict[str, Any] | None  # what applying did (the report, as a dict)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "filename": self.filename, "station": self.station,
                **self.report.as_dict(), "uploaded_at": self.uploaded_at, "uploaded_by": self.uploaded_by,
                "applied_at": self.applied_at, "applied_by": self.applied_by, "applied": self.applied}


def kind_of(key: str) -> Kind:
    if key not in KINDS:
        raise NotFound(UNKNOWN_KIND, kind=key)
    return KINDS[key]


def upload_key(kind: str, station: str, data: bytes) -> str:
    return hashlib.sha256(f"{kind}\n{station}\n".encode() + data).hexdigest()


def preview(shadows: Shadows, kind: str, data: bytes, *, filename: str, who: str, station: str | None = None
            ) -> Preview:
    """Read and check an upload without sending anything, and keep it to apply (audited). Raises
    NotFound (kind), ValidationError (the whole file refused, an unknown station, too large)."""
    k = kind_of(kind)
    hub = shadows.hub
    if len(data) > MAX_UPLOAD:
        raise ValidationError(TOO_BIG, n=MAX_UPLOAD // 1_000_000)
    station_name = station_target(hub, station)[1] if (station or "").strip() and k.station else ""
    report = k.run(shadows, data, station_name or None, filename, True)
    key = upload_key(kind, station_name, data)
    ensure_office_tables(hub.engine)
    now = hub.now()
    with writing(hub.engine) as conn:
        row = conn.execute(select(county_uploads).where(and_(county_uploads.c.kind == kind,
                                                              county_uploads.c.sha256 == key))).first()
        if row is None:
            conn.execute(insert(county_uploads).values(kind=kind, sha256=key, filename=filename[:200],
                                                       station=station_name, data=data, uploaded_at=now,
                                                       uploaded_by=who[:80], summary=""))
        audit.record_in(conn, now, who, "upload.previewed", f"{kind} {filename}",
                        {"key": key[:16], "size": len(data), "station": station_name, "rows": len(report.sent),
                         "refused": len(report.refused)})
    return _preview(kind, key, report, row, filename, station_name, now, who)


def _preview(kind: str, key: str, report: UploadReport, row: Any, filename: str, station: str, now: str,
             who: str) -> Preview:
    if row is None:
        return Preview(kind, key, filename, station, report, now, who, None, None, None)
    return Preview(kind, key, row.filename, row.station, report, row.uploaded_at, row.uploaded_by, row.applied_at,
                   row.applied_by, json.loads(row.summary) if row.summary else None)


def stored(shadows: Shadows, kind: str, key: str) -> Preview:
    """A kept upload, checked again against what the hub holds now (nothing sent). Raises NotFound."""
    kind_of(kind)
    ensure_office_tables(shadows.hub.engine)
    with reading(shadows.hub.engine) as conn:
        row = conn.execute(select(county_uploads).where(and_(county_uploads.c.kind == kind,
                                                              county_uploads.c.sha256 == key))).first()
    if row is None:
        raise NotFound(NO_UPLOAD)
    if row.applied_at is not None:
        report = UploadReport()  # what applying did is in `applied`
    else:
        report = KINDS[kind].run(shadows, bytes(row.data), row.station or None, row.filename, True)
    return _preview(kind, key, report, row, row.filename, row.station, row.uploaded_at, row.uploaded_by)


def apply(shadows: Shadows, kind: str, key: str, *, who: str) -> tuple[Preview, bool]:
    """Send a kept upload to the stations, once (audited). Returns it with what applying did, and
    whether it was applied just now (False: it had been before; nothing was sent again). Raises
    NotFound, ValidationError (e.g. a fee table with rows refused), Conflict (being applied)."""
    hub = shadows.hub
    first = stored(shadows, kind, key)
    if first.applied_at is not None:
        return first, False
    now = hub.now()
    with writing(hub.engine) as conn:  # claim it: two clicks at once apply it once
        claimed = conn.execute(update(county_uploads).where(and_(
            county_uploads.c.kind == kind, county_uploads.c.sha256 == key, county_uploads.c.applied_at.is_(None)))
            .values(applied_at=now, applied_by=who[:80], summary="")).rowcount
    if not claimed:
        again = stored(shadows, kind, key)
        if again.applied is None:
            raise Conflict(BUSY)
        return again, False
    with reading(hub.engine) as conn:
        row = conn.execute(select(county_uploads).where(and_(county_uploads.c.kind == kind,
                                                              county_uploads.c.sha256 == key))).one()
    try:
        report = KINDS[kind].run(shadows, bytes(row.data), row.station or None, row.filename, False)
    except Exception:
        with writing(hub.engine) as conn:
            conn.execute(update(county_uploads).where(and_(county_uploads.c.kind == kind,
                                                           county_uploads.c.sha256 == key))
                         .values(applied_at=None, applied_by=None))
        raise
    summary = report.as_dict()
    with writing(hub.engine) as conn:
        conn.execute(update(county_uploads).where(and_(county_uploads.c.kind == kind, county_uploads.c.sha256 == key))
                     .values(summary=json.dumps(summary, ensure_ascii=False)))
        audit.record_in(conn, hub.now(), who, "upload.applied", f"{kind} {row.filename}",
                        {"key": key[:16], "station": row.station, "sent": len(report.sent),
                         "refused": len(report.refused), "skipped": len(report.skipped)})
    return stored(shadows, kind, key), True


def upload(shadows: Shadows, kind: str, data: bytes, *, filename: str, who: str, station: str | None = None,
           dry_run: bool = False) -> tuple[Preview, bool]:
    """Preview, then (unless `dry_run`) apply: the one step `station-hub upload` and
    `POST /county/uploads/{kind}` take. Returns the upload and whether it was applied just now."""
    first = preview(shadows, kind, data, filename=filename, who=who, station=station)
    if dry_run:
        return first, False
    return apply(shadows, kind, first.key, who=who)


def recent(hub: Any, limit: int = 30) -> list[dict[str, Any]]:
    """The latest uploads, newest first: kind, key, filename, station, uploaded and applied (when, who)."""
    ensure_office_tables(hub.engine)
    with reading(hub.engine) as conn:
        rows = conn.execute(select(county_uploads.c.kind, county_uploads.c.sha256, county_uploads.c.filename,
                                   county_uploads.c.station, county_uploads.c.uploaded_at,
                                   county_uploads.c.uploaded_by, county_uploads.c.applied_at,
                                   county_uploads.c.applied_by)
                            .order_by(county_uploads.c.uploaded_at.desc()).limit(limit)).all()
    return [dict(r._mapping) for r in rows]
