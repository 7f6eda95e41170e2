"""The county logistics centre's dispatch list (发车清单) → parcels expected at each station.

    station-hub import-manifest CSV [--station ID]

The CSV comes as the logistics centre's system exports it: UTF-8 (with or without BOM) or
GBK, comma, tab or semicolon separated, a header row naming the columns in Chinese or
English (`COLUMNS`, the one table of accepted names). Each row is routed to the station that
serves its village (or station name), or to `--station` for all, and sent down as a hub
event `county.parcel_expected` (`station_app.core.parcels` folds it into 待到件).

A file with the wrong columns or an unreadable encoding is refused whole (nothing is
imported) with a message naming what is missing. Rows are then taken one by one: a waybill
already routed (by an earlier list, or earlier in this one) is skipped and reported; a row
that cannot be read or routed is reported with its line number; the others are imported in
one transaction. Running the same file again is harmless.

The hub records every check-in the stations push (`parcel_arrivals`), so `routed_parcel`
shows when a routed parcel reached its station, whichever came first at the hub.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from station_app.clock import SHANGHAI, iso, parse_iso
from station_app.core.carriers import carrier_named
from station_app.core.events import Event
from station_app.core.identity import clean_phone
from station_app.core.parcels import check_waybill
from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.db import open_hub, reading, stations, writing
from sync.hub.places import route, station_places
from sync.hub.reports import find_station
from sync.hub.service_db import (
    ensure_tables,
    follow,
    parcel_arrivals,
    routed_parcels,
)
from sync.hub.store import Hub, publish

# field -> the column names a dispatch list may use for it (compared without spaces, case or
# a note in brackets: "手机号（必填）" is 手机号). The first name is the one error messages use.
COLUMNS: dict[str, tuple[str, ...]] = {
    "waybill": ("运单号", "快递单号", "运单编号", "单号", "waybill", "waybill_no", "tracking_no", "tracking_number"),
    "carrier": ("快递公司", "快递", "承运商", "物流公司", "carrier", "courier"),
    "recipient_name": ("收件人", "收件人姓名", "收货人", "姓名", "recipient", "recipient_name", "name"),
    "phone": ("手机号", "手机号码", "收件人手机", "收件人电话", "联系电话", "电话", "phone", "mobile"),
    "phone_tail": ("手机尾号", "尾号", "手机后四位", "phone_tail", "tail"),
    "destination": ("目的村", "服务站", "村", "收件村", "目的站", "站点", "village", "station", "destination"),
    "dispatched_at": ("发出时间", "发车时间", "发件时间", "发出日期", "dispatched_at", "dispatch_time", "sent_at"),
}
# a phone column, a phone-tail column, or both
REQUIRED = ("waybill", "carrier", "recipient_name", ("phone", "phone_tail"), "destination", "dispatched_at")
HEADER_SEARCH = 5  # rows to look through for the header
DELIMITERS = (",", "\t", ";", "|", "，")
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d",
                "%Y/%m/%d", "%Y%m%d%H%M%S", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日")

NOT_TEXT = QT_TRANSLATE_NOOP("errors", "The dispatch list is neither UTF-8 nor GBK text (unreadable bytes near byte "
                                       "{offset}). Export it again as CSV (UTF-8).")
WORKBOOK = QT_TRANSLATE_NOOP("errors", "This is an Excel workbook, not a CSV file. Open it in Excel and save it as "
                                       "CSV (UTF-8), then import that file.")
EMPTY = QT_TRANSLATE_NOOP("errors", "The dispatch list is empty.")
MISSING = QT_TRANSLATE_NOOP("errors", "The dispatch list has no column for {missing}. Nothing was imported. The header "
                                      "row has: {found}. Accepted names: {accepted}")
OR = QT_TRANSLATE_NOOP("hub_services", " or ")
NO_STATION = QT_TRANSLATE_NOOP("errors", "No station {station} on this hub: give its id or its exact name.")
BAD_TIME = QT_TRANSLATE_NOOP("errors", "Dispatch time '{text}' is not a time: write it like 2026-11-23 08:30")
NO_RECIPIENT = QT_TRANSLATE_NOOP("errors", "No recipient: the row needs a name, a phone number or its last 4 digits")
BAD_TAIL = QT_TRANSLATE_NOOP("errors", "The phone tail is the last 4 digits of the phone number")
ROUTED_BEFORE = QT_TRANSLATE_NOOP("hub_services", "already routed to {station} on {day}")
TWICE = QT_TRANSLATE_NOOP("hub_services", "already on line {line} of this list")


class ManifestError(ValidationError):
    """The whole file is refused: nothing was imported."""


@dataclass(frozen=True)
class ManifestRow:
    line: int
    waybill: str
    carrier: str  # a station carrier code, or "" (the station guesses from the number)
    recipient_name: str
    phone: str | None
    phone_tail: str | None
    destination: str
    dispatched_at: str | None  # UTC ISO


@dataclass
class ImportReport:
    routed: list[tuple[int, str, str]] = field(default_factory=list)  # (line, waybill, station name)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, waybill, why)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line, why)


# -- reading the file ----------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (BOM or not), else GBK (as GB18030, its superset). Raises ManifestError."""
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ManifestError(WORKBOOK)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ManifestError(NOT_TEXT, offset=first_bad) from None


def column_key(text: str) -> str:
    """A column name as headers are compared: NFKC, lower case, no note in brackets, spaces or `*_-:`."""
    t = unicodedata.normalize("NFKC", text or "").strip().lower()
    t = re.sub(r"[(\[（【].*?[)\]）】]", "", t)  # "手机号（必填）" -> "手机号"
    return re.sub(r"[\s*_\-:：]", "", t)


_ALIASES = {column_key(name): f for f, names in COLUMNS.items() for name in names}


def _columns(header: list[str], *, need_destination: bool) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        f = _ALIASES.get(column_key(cell))
        if f is not None and f not in found:
            found[f] = i
    missing = []
    for need in REQUIRED:
        options = need if isinstance(need, tuple) else (need,)
        if need == "destination" and not need_destination:
            continue
        if not any(o in found for o in options):
            missing.append(translate("hub_services", OR).join(COLUMNS[o][0] for o in options))
    if missing:
        accepted = "; ".join(f"{'/'.join(names)}" for names in COLUMNS.values())
        raise ManifestError(MISSING, missing=", ".join(missing),
                            found=", ".join(h.strip() for h in header if h.strip()) or "-", accepted=accepted)
    return found


def read_manifest(data: bytes, *, need_destination: bool = True) -> tuple[list[ManifestRow], list[tuple[int, str]]]:
    """The rows of a dispatch list, and the rows refused (line number, why). The header is the
    first row naming a waybill column within the first few (a title line above it is fine).
    Raises ManifestError when the file as a whole cannot be used."""
    text = decode(data)
    sample = [line for line in text.splitlines()[:20] if line.strip()]
    if not sample:
        raise ManifestError(EMPTY)
    # the separator most lines use (a title line above the header has none)
    delimiter = max(DELIMITERS, key=lambda d: sum(d in line for line in sample))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    table = [(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    if not table:
        raise ManifestError(EMPTY)
    at = next((i for i, (_, cells) in enumerate(table[:HEADER_SEARCH])
               if any(_ALIASES.get(column_key(c)) == "waybill" for c in cells)), 0)
    cols = _columns(table[at][1], need_destination=need_destination)
    rows: list[ManifestRow] = []
    refused: list[tuple[int, str]] = []
    for line, cells in table[at + 1:]:
        try:
            rows.append(_row(line, cells, cols))
        except UserError as exc:
            refused.append((line, str(exc)))
    return rows, refused


def _cell(cells: list[str], cols: dict[str, int], name: str) -> str:
    i = cols.get(name)
    return " ".join(cells[i].split()) if i is not None and i < len(cells) else ""


def _row(line: int, cells: list[str], cols: dict[str, int]) -> ManifestRow:
    waybill = check_waybill(_cell(cells, cols, "waybill"))
    phone_text, tail_text = _cell(cells, cols, "phone"), _cell(cells, cols, "phone_tail")
    phone: str | None = None
    tail: str | None = None
    masked = re.fullmatch(r"1\d{2}\*{4}(\d{4})", phone_text.replace(" ", ""))
    if masked:  # lists often mask the middle digits: keep what is there
        tail = masked.group(1)
    elif phone_text:
        phone = clean_phone(phone_text)
        tail = phone[-4:]
    if tail_text:
        digits = tail_text.strip()
        if not re.fullmatch(r"\d{4}", digits) or (tail and tail != digits):
            raise ValidationError(BAD_TAIL)
        tail = digits
    name = _cell(cells, cols, "recipient_name")
    if not (name or tail):
        raise ValidationError(NO_RECIPIENT)
    return ManifestRow(line, waybill, carrier_code(_cell(cells, cols, "carrier")), name[:40], phone, tail,
                       _cell(cells, cols, "destination"), dispatch_time(_cell(cells, cols, "dispatched_at")))


def carrier_code(text: str) -> str:
    """The station's carrier code for what a list writes (中通快递, ZTO, 顺丰速运, 德邦 ...), or "" if
    unknown: the names are the station's own (`core.carriers.TRADE_NAMES`), so the hub knows every
    carrier a station knows."""
    return carrier_named(text)


def dispatch_time(text: str) -> str | None:
    """A dispatch time as written in Shanghai (or ISO with a zone) → UTC ISO. Raises ValidationError."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    if not t:
        return None
    if "T" in t:
        try:
            dt = parse_iso(t)
            return iso(dt if dt.tzinfo else dt.replace(tzinfo=SHANGHAI))
        except ValueError:
            pass
    for fmt in TIME_FORMATS:
        try:
            return iso(datetime.strptime(t, fmt).replace(tzinfo=SHANGHAI))
        except ValueError:
            continue
    raise ValidationError(BAD_TIME, text=t)


# -- routing and importing ---------------------------------------------------------------------------


def import_manifest(hub: Hub, data: bytes, *, station: str | None = None, source: str = "",
                    dry_run: bool = False) -> ImportReport:
    """Route a dispatch list's rows and send each to its station as `county.parcel_expected`
    (`dry_run`: only say what would happen). Raises ManifestError (nothing imported) for an
    unusable file or an unknown `station`."""
    ensure_tables(hub.engine)
    rows, refused = read_manifest(data, need_destination=station is None)
    report = ImportReport(refused=refused)
    fixed = None
    if station is not None:
        fixed = find_station(hub, station)
        if fixed is None:
            raise ManifestError(NO_STATION, station=station)
    now = hub.now()
    with (reading if dry_run else writing)(hub.engine) as conn:
        places, names = station_places(conn)
        seen: dict[str, int] = {}
        for row in rows:
            if row.waybill in seen:
                report.skipped.append((row.line, row.waybill, translate("hub_services", TWICE).format(line=seen[row.waybill])))
                continue
            seen[row.waybill] = row.line
            before = conn.execute(select(routed_parcels.c.station_id, routed_parcels.c.imported_at)
                                  .where(routed_parcels.c.waybill == row.waybill)).first()
            if before is not None:
                report.skipped.append((row.line, row.waybill, translate("hub_services", ROUTED_BEFORE).format(
                    station=names.get(before.station_id, before.station_id), day=before.imported_at[:10])))
                continue
            try:
                station_id = fixed or route(places, row.destination)
            except UserError as exc:
                report.refused.append((row.line, str(exc)))
                continue
            report.routed.append((row.line, row.waybill, names[station_id]))
            if dry_run:
                continue
            payload = {"waybill": row.waybill, "carrier": row.carrier, "recipient_name": row.recipient_name,
                       "phone": row.phone, "phone_tail": row.phone_tail, "dispatched_at": row.dispatched_at}
            hub_seq = publish(conn, "county.parcel_expected", row.waybill, payload, station_id, now)
            conn.execute(insert(routed_parcels).values(
                waybill=row.waybill, station_id=station_id, hub_seq=hub_seq, carrier=row.carrier,
                recipient_name=row.recipient_name, phone=row.phone, phone_tail=row.phone_tail,
                dispatched_at=row.dispatched_at, source=source[:200], imported_at=now))
    report.refused.sort()
    return report


def collect_arrivals(hub: Hub) -> int:
    """Record the check-ins stations pushed since the last call (each once)."""
    return follow(hub, "arrivals", ("parcel.checked_in",), _arrived)


def _arrived(conn: Any, station_id: str, ev: Event) -> None:
    known = conn.execute(select(parcel_arrivals.c.parcel_id).where(
        (parcel_arrivals.c.station_id == station_id) & (parcel_arrivals.c.parcel_id == ev.entity_id))).first()
    if known is None:
        conn.execute(insert(parcel_arrivals).values(station_id=station_id, parcel_id=ev.entity_id,
                                                    waybill=str(ev.payload.get("waybill") or ""),
                                                    arrived_at=str(ev.payload.get("at") or ev.station_time)))


def routed_parcel(hub: Hub, waybill: str) -> dict[str, Any] | None:
    """Where the county sent a waybill and when it reached a station (None if never routed):
    station_id, station, dispatched_at, imported_at, arrived_at (None until checked in),
    arrived_station_id and hours (dispatch to arrival)."""
    ensure_tables(hub.engine)
    collect_arrivals(hub)
    waybill = check_waybill(waybill)
    with reading(hub.engine) as conn:
        r = conn.execute(select(routed_parcels, stations.c.name).join(stations, stations.c.id == routed_parcels.c.station_id)
                         .where(routed_parcels.c.waybill == waybill)).first()
        if r is None:
            return None
        arrivals = conn.execute(select(parcel_arrivals).where(parcel_arrivals.c.waybill == waybill)
                                .order_by(parcel_arrivals.c.arrived_at)).all()
    first = next((a for a in arrivals if a.station_id == r.station_id), arrivals[0] if arrivals else None)
    hours = None
    if first is not None and r.dispatched_at:
        hours = round((parse_iso(first.arrived_at) - parse_iso(r.dispatched_at)).total_seconds() / 3600, 1)
    return {"waybill": waybill, "station_id": r.station_id, "station": r.name, "carrier": r.carrier,
            "recipient_name": r.recipient_name, "dispatched_at": r.dispatched_at, "imported_at": r.imported_at,
            "arrived_at": first.arrived_at if first else None, "arrived_station_id": first.station_id if first else None,
            "hours": hours}


# -- `station-hub import-manifest` --------------------------------------------------------------------


def add_command(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register `station-hub import-manifest CSV [--station ID]`."""
    p = sub.add_parser("import-manifest", parents=[common],
                       help="route the logistics centre's dispatch list (CSV, UTF-8 or GBK) to the stations")
    p.add_argument("csv", type=Path, metavar="CSV")
    p.add_argument("--station", metavar="ID", help="send every row to this station (its id or exact name) "
                                                   "instead of routing by the village column")


def cmd_import_manifest(args: argparse.Namespace) -> int:
    """Exit 0 when every row was routed or already known, 1 when some rows were refused (the
    rest are imported), 2 when the file was refused whole."""
    try:
        data = args.csv.read_bytes()
    except OSError as exc:
        print(f"station-hub import-manifest: {exc}", file=sys.stderr)
        return 2
    from sync.hub import audit
    from sync.hub.audit import who

    hub = Hub(open_hub(args.db))
    try:
        report = import_manifest(hub, data, station=args.station, source=args.csv.name)
        audit.record(hub, who(), "manifest.imported", args.csv.name, {
            "routed": len(report.routed), "skipped": len(report.skipped), "refused": len(report.refused)})
    except UserError as exc:
        print(f"station-hub import-manifest: {exc}", file=sys.stderr)
        return 2
    finally:
        hub.engine.dispose()
    print(_summary(report))
    for line, waybill, why in report.skipped:
        print(translate("hub_services", LINE_SKIPPED).format(line=line, waybill=waybill, why=why))
    for line, why in report.refused:
        print(translate("hub_services", LINE_REFUSED).format(line=line, why=why), file=sys.stderr)
    return 1 if report.refused else 0


SUMMARY = QT_TRANSLATE_NOOP("hub_services", "{routed} parcels routed to {stations} stations, {skipped} skipped, "
                                            "{refused} rows refused")
LINE_SKIPPED = QT_TRANSLATE_NOOP("hub_services", "line {line}: {waybill} skipped: {why}")
LINE_REFUSED = QT_TRANSLATE_NOOP("hub_services", "line {line}: refused: {why}")


def _summary(report: ImportReport) -> str:
    return translate("hub_services", SUMMARY).format(routed=len(report.routed),
                                                     stations=len({s for _, _, s in report.routed}),
                                                     skipped=len(report.skipped), refused=len(report.refused))
