"""The county's reports, computed from the events the stations pushed (DESIGN §5), never from
figures a station typed.

Each station's events are folded into a **shadow station file** through the station
program's own appliers (`station_app.core.replay`), and the station's own report function
(`station_app.core.reports.monthly_report`) runs on it: the hub's figures equal the station's
to the fen, by construction. Shadow files live beside the hub database
(`<hub>.shadows/<station id>.sqlite`, or `--shadows DIR`) and only new events are folded in.

County changes (hub events) are folded where the station applied them: each push reports
after which of its own events it applied each change (`placements`), and the shadow folds a
change just before the first event after that point. Changes whose place is not known yet
(pulled after the station's last pushed event, or not pulled yet) are applied on top, in
hub order, inside a transaction that is rolled back after reading (`Shadows.view`): the
figures then include the county's latest word (a bill the biller paid an hour ago) without
fixing an order the station may not share.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import sys
import threading
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, cast

import platformdirs
from sqlalchemy import Engine, and_, func, or_, select

from station_app.core import report_rows, reports
from station_app.core.events import append, canonical, last_seq
from station_app.core.replay import APPLIERS, apply, hub_event
from station_app.core.report_types import MonthlyReport
from station_app.db import StationDB, open_station
from station_app.db.migrations import known_names
from station_app.errors import UserError
from sync.hub.db import changes, events, placements, reading, stations
from sync.hub.store import Hub, _row_event

log = logging.getLogger(__name__)
PAGE = 2000  # events folded per transaction
CODE = hashlib.sha256(canonical([known_names(), reports.VERSION, sorted(APPLIERS)]).encode()).hexdigest()[:16]
FOLDED_FOR = "shadow.code"  # local_settings: the program the shadow was folded with
CACHE = "shadow.report."  # local_settings: a cached monthly report, with the stamp it was made at


def default_folder(engine: Engine) -> Path:
    """$STATION_HUB_SHADOWS, else beside a SQLite hub file (`hub.sqlite` -> `hub.shadows/`), else
    in the user cache folder."""
    if os.environ.get("STATION_HUB_SHADOWS"):
        return Path(os.environ["STATION_HUB_SHADOWS"])
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        return path.with_name(path.stem + ".shadows")
    key = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:12]
    return Path(platformdirs.user_cache_dir("VillageStationHub", "VillageStation")) / f"shadows-{key}"


def _visible(station_id: str) -> Any:
    return or_(changes.c.station_id == station_id, changes.c.station_id.is_(None))


def _hub_row(r: Any, after_seq: int) -> dict[str, Any]:
    """A county change as the station's `hub_events` row (the payload as the station stores it)."""
    return {"hub_seq": r.hub_seq, "kind": r.kind, "entity_id": r.entity_id,
            "payload": canonical(json.loads(r.payload)), "hub_time": r.hub_time, "after_seq": after_seq}


class Shadows:
    """The shadow station files of one hub. Thread-safe: one lock per station."""

    def __init__(self, hub: Hub, folder: Path | str | None = None) -> None:
        self.hub = hub
        self.folder = Path(folder) if folder else default_folder(hub.engine)
        self._locks: dict[str, threading.RLock] = {}
        self._guard = threading.Lock()
        self._open: dict[str, StationDB] = {}

    def _lock(self, station_id: str) -> threading.RLock:
        with self._guard:
            return self._locks.setdefault(station_id, threading.RLock())

    def path(self, station_id: str) -> Path:
        if not station_id or not all(ch.isalnum() or ch in "-_" for ch in station_id):
            raise ValueError(f"not a station id: {station_id!r}")
        return self.folder / f"{station_id}.sqlite"

    def close(self) -> None:
        with self._guard:
            for db in self._open.values():
                db.close()
            self._open.clear()

    # -- the fold ------------------------------------------------------------------------------

    def _db(self, station_id: str) -> StationDB:
        db = self._open.get(station_id)
        if db is not None:
            return db
        path = self.path(station_id)
        self.folder.mkdir(parents=True, exist_ok=True)
        if path.exists() and not self._same_schema(path):
            self._remove(path)
        db = open_station(path, clock=self.hub.clock)
        if db.local(FOLDED_FOR) not in (None, CODE) or (db.local(FOLDED_FOR) is None and last_seq(db)):
            db.close()
            self._remove(path)  # folded by another version of the appliers: fold again
            db = open_station(path, clock=self.hub.clock)
        if db.local(FOLDED_FOR) is None:
            with db.transaction():
                db.set_local(FOLDED_FOR, CODE)
        self._open[station_id] = db
        return db

    @staticmethod
    def _same_schema(path: Path) -> bool:
        try:
            conn = sqlite3.connect(path)
            try:
                names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
            finally:
                conn.close()
        except sqlite3.Error:
            return False
        return names == known_names()

    @staticmethod
    def _remove(path: Path) -> None:
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)

    def rebuild(self, station_id: str) -> int:
        """Throw the shadow away and fold every event again; returns the events folded."""
        with self._lock(station_id):
            db = self._open.pop(station_id, None)
            if db is not None:
                db.close()
            self._remove(self.path(station_id))
            return self.update(station_id)

    def update(self, station_id: str) -> int:
        """Fold the station's events the shadow does not hold yet (with the county changes placed
        before them); returns how many. A change whose place became known only after the shadow
        had passed it makes the shadow start again."""
        with self._lock(station_id):
            db = self._db(station_id)
            folded_before = last_seq(db)
            if self._late_placement(station_id, db):
                log.warning("shadow of station %s: a county change was placed behind the fold; folding again", station_id)
                db.close()
                self._open.pop(station_id, None)
                self._remove(self.path(station_id))
                db, folded_before = self._db(station_id), 0
            while self._fold_page(station_id, db):
                pass
            return last_seq(db) - folded_before

    def _late_placement(self, station_id: str, db: StationDB) -> bool:
        folded = last_seq(db)
        with reading(self.hub.engine) as conn:
            hub_count = conn.execute(select(func.count()).select_from(placements).where(and_(
                placements.c.station_id == station_id, placements.c.after_seq < folded))).scalar_one()
        return int(hub_count) != int(db.value("SELECT count(*) FROM hub_events WHERE after_seq < ?", (folded,),
                                              default=0))

    def _fold_page(self, station_id: str, db: StationDB) -> bool:
        with db.transaction():
            folded = last_seq(db)  # read inside the write lock: another process may have folded
            with reading(self.hub.engine) as conn:
                rows = conn.execute(select(events).where(and_(events.c.station_id == station_id,
                                                              events.c.seq > folded))
                                    .order_by(events.c.seq).limit(PAGE)).all()
                if not rows:
                    return False
                placed = conn.execute(
                    select(changes, placements.c.after_seq)
                    .select_from(placements.join(changes, changes.c.hub_seq == placements.c.hub_seq))
                    .where(and_(placements.c.station_id == station_id, placements.c.after_seq >= folded,
                                placements.c.after_seq < rows[-1].seq))
                    .order_by(placements.c.after_seq, placements.c.hub_seq)).all()
            i = 0
            for r in rows:
                ev = _row_event(r)
                while i < len(placed) and placed[i].after_seq < ev.seq:
                    row = _hub_row(placed[i], placed[i].after_seq)
                    apply(db, hub_event(row))
                    db.insert("hub_events", row)
                    i += 1
                apply(db, ev)
                append(db, ev)
        return True

    def _unplaced(self, station_id: str, folded: int) -> Sequence[Any]:
        """County changes for the station whose place after its events is not known yet."""
        with reading(self.hub.engine) as conn:
            return conn.execute(
                select(changes, placements.c.after_seq)
                .select_from(changes.outerjoin(placements, and_(placements.c.station_id == station_id,
                                                                placements.c.hub_seq == changes.c.hub_seq)))
                .where(and_(_visible(station_id), or_(placements.c.after_seq.is_(None),
                                                      placements.c.after_seq >= folded)))
                .order_by(changes.c.hub_seq)).all()

    @contextlib.contextmanager
    def view(self, station_id: str) -> Iterator[StationDB]:
        """The station as the hub knows it now, to read (never to write): the shadow brought up
        to date, plus the county changes not placed yet, undone when the block ends."""
        with self._lock(station_id):
            self.update(station_id)
            db = self._db(station_id)
            db.conn.execute("BEGIN IMMEDIATE")
            try:
                folded = last_seq(db)
                for r in self._unplaced(station_id, folded):
                    row = _hub_row(r, folded)
                    try:
                        db.conn.execute("SAVEPOINT change")
                        apply(db, hub_event(row))
                        db.insert("hub_events", row)
                        db.conn.execute("RELEASE change")
                    except Exception:  # the station would refuse it too; it must not hide the rest
                        db.conn.execute("ROLLBACK TO change")
                        db.conn.execute("RELEASE change")
                        log.exception("shadow of station %s: county change %s does not apply", station_id, r.hub_seq)
                yield db
            finally:
                db.conn.execute("ROLLBACK")

    # -- reports -------------------------------------------------------------------------------

    def stamp(self, station_id: str) -> list[Any]:
        """What a cached report depends on: the station's events and the county changes it sees."""
        with reading(self.hub.engine) as conn:
            acked = conn.execute(select(stations.c.acked_seq).where(stations.c.id == station_id)).scalar()
            top = conn.execute(select(func.max(changes.c.hub_seq)).where(_visible(station_id))).scalar()
            placed = conn.execute(select(func.count()).select_from(placements)
                                  .where(placements.c.station_id == station_id)).scalar()
        return [CODE, int(acked or 0), int(top or 0), int(placed or 0)]

    def monthly(self, station_id: str, month: str) -> MonthlyReport:
        """The station's monthly report as the station itself computes it (cached in the shadow
        until the station pushes or the county sends something new). ValidationError for a bad month."""
        month = reports.month_of(reports.month_days(month)[0])
        stamp = self.stamp(station_id)
        with self._lock(station_id):
            db = self._db(station_id)
            cached = db.local(CACHE + month)
            if cached:
                saved = json.loads(cached)
                if saved["stamp"] == stamp:
                    return cast(MonthlyReport, dict(saved["report"]))
            with self.view(station_id) as shadow:
                report = reports.monthly_report(shadow, month)
            with db.transaction():
                db.set_local(CACHE + month, json.dumps({"stamp": stamp, "report": report}, ensure_ascii=False))
        return report

    def evidence(self, station_id: str, month: str, key: str) -> report_rows.Sheet:
        with self.view(station_id) as db:
            return report_rows.evidence(db, month, key)

    def county(self, month: str) -> dict[str, Any]:
        """Every station's monthly report and the county totals (`combine`)."""
        first, last = reports.month_days(month)
        per, hours, waits = [], [], []
        for r in self.hub.station_rows():
            entry = {"hub_id": r["id"], "name": r["name"], "village": r["village"], "last_push_at": r["last_push_at"],
                     "warnings": list(r["warnings"]), "report": None}
            try:  # one station this program cannot fold (a newer station program?) must not hide the rest
                entry["report"] = self.monthly(r["id"], month)
                with self.view(r["id"]) as db:
                    h, w = reports.delivery_hours(db, first, last)
                hours += h
                waits += w
            except Exception as exc:
                log.exception("station %s: no report for %s", r["id"], month)
                entry["warnings"].append(f"月报算不出：{exc}"[:200])
            per.append(entry)
        done = [p for p in per if p["report"] is not None]
        total = combine([p["report"] for p in done], [p["name"] for p in done])
        if total:
            total["delivery"]["median_hours"] = reports.median(hours)
            total["delivery"]["median_wait_hours"] = reports.median(waits)
        return {"report": "county_monthly", "version": reports.VERSION, "month": reports.month_of(first),
                "first_day": first.isoformat(), "last_day": last.isoformat(), "stations": per, "total": total}

    def subsidy_claims(self, first: date, last: date) -> list[dict[str, Any]]:
        """Every station's farm-produce subsidy claim rows for the days given (a quarter)."""
        out = []
        for r in self.hub.station_rows():
            with self.view(r["id"]) as db:
                for claim in reports.subsidy_claims(db, first, last):
                    out.append({**claim, "station": r["name"], "hub_id": r["id"]})
        return out


# -- county totals ---------------------------------------------------------------------------------

#: settings carried in a report that are the same everywhere or not at all; never added up
_NOT_ADDED = {"version", "target_hours", "fen_per_parcel", "overdue_days", "satisfaction_target_pct"}


def _zero(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _zero(x) for k, x in v.items()}
    if isinstance(v, list):
        return []
    if isinstance(v, str):
        return ""
    return 0 if isinstance(v, int) and not isinstance(v, bool) else None


def _add(a: Any, b: Any, key: str = "") -> Any:
    if key in _NOT_ADDED or isinstance(a, (str, bool)) or isinstance(b, (str, bool)):
        return a if a == b else None
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: _add(a.get(k, _zero(b.get(k))), b.get(k, _zero(a.get(k))), k) for k in {**a, **b}}
    if isinstance(a, list) and isinstance(b, list):
        return a + b
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    return None  # floats (shares, medians) are worked out again from the sums


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def combine(station_reports: list[dict[str, Any]], names: list[str]) -> dict[str, Any]:
    """The county totals of several stations' monthly reports: counts and fen added, shares
    worked out again from the sums, the billers merged, claim and household lists joined with
    the station's name. Medians cannot be added: the caller fills them from the raw hours."""
    if not station_reports:
        return {}
    total: dict[str, Any] = station_reports[0]
    for other in station_reports[1:]:
        total = _add(total, other)
    total = {k: total[k] for k in station_reports[0]}  # keep the report's order of sections
    counties = sorted({r["station"]["county"] for r in station_reports if r["station"]["county"]})
    total["station"] = {"id": "", "name": "、".join(counties), "village": "", "county": "、".join(counties)}
    d = total["delivery"]
    for k in ("48h", "72h", "target"):
        d[f"within_{k}_pct"] = _pct(d[f"within_{k}"], d["with_dispatch_time"])
    t = total["training"]
    t["satisfaction_pct"] = _pct(t["satisfied"], t["surveys"])
    billers: dict[str, dict[str, Any]] = {}
    for b in total["bills"]["billers"]:
        into = billers.setdefault(b["biller_id"], dict.fromkeys(b, 0) | {"biller_id": b["biller_id"],
                                                                         "biller_name": b["biller_name"]})
        for k in reports.BILL_KEYS:
            into[k] += b[k]
    total["bills"]["billers"] = [billers[k] for k in sorted(billers)]
    claims, homes = [], []
    for name, r in zip(names, station_reports, strict=True):
        claims += [{**c, "station": name} for c in r["farm_subsidy"]["claims"]]
        homes += [{**h, "station": name} for h in r["poverty"]["list"]]
    for no, c in enumerate(claims, 1):
        c["no"] = no
    total["farm_subsidy"]["claims"] = claims
    # a household served at two stations is one household (when its register number is known)
    keys = {h["household_no"] or f"{h['station']}:{h['household']}" for h in homes}
    total["poverty"]["list"] = homes
    total["poverty"]["households"] = len(keys)
    total["poverty"]["by_service"] = {
        k: {"households": len({h["household_no"] or f"{h['station']}:{h['household']}" for h in homes
                               if h["services"][k]}),
            "times": sum(h["services"][k] for h in homes)} for k in reports.POVERTY_SERVICES}
    return total


# -- files ------------------------------------------------------------------------------------------


def write_county_xlsx(county: dict[str, Any], path: str | Path) -> Path:
    """The county's monthly report as an xlsx: one column per station and the county total for
    every figure, then the bills per biller, the subsidy claim list and the households served."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from station_app.core.report_files import YUAN_FORMAT, sheet_name, yuan

    label = reports.label
    book = Workbook()
    ws = book.active
    assert ws is not None
    taken: set[str] = set()
    ws.title = sheet_name("县级月报", taken)
    ws.cell(1, 1, f"县级汇总月报 {county['month']}（{county['first_day']} – {county['last_day']}）").font = \
        Font(bold=True, size=14)
    heads = ["类别", "指标", *(s["name"] for s in county["stations"]), "全县合计"]
    for col, text in enumerate(heads, 1):
        ws.cell(3, col, text).font = Font(bold=True)
    columns = [s["report"] for s in county["stations"]] + [county["total"]]
    for r, fig in enumerate(reports.FIGURES, 4):
        ws.cell(r, 1, label(reports.SECTIONS[fig.section], "zh_CN"))
        ws.cell(r, 2, label(fig.label, "zh_CN"))
        for col, rep in enumerate(columns, 3):
            value = fig.value(rep) if rep else None  # a station with no report: an empty column
            cell = ws.cell(r, col, yuan(value) if fig.kind == "fen" and value is not None else value)
            if fig.kind == "fen":
                cell.number_format = YUAN_FORMAT
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 18, 36
    ws.freeze_panes = "C4"

    claims = book.create_sheet(sheet_name("农产品出县补贴申报", taken))
    claim_heads = ["序号", "服务站", "电子面单号", "快递公司", "日期", "产品", "县外目的地", "寄件人", "补贴"]
    for col, text in enumerate(claim_heads, 1):
        claims.cell(1, col, text).font = Font(bold=True)
    rows = county["total"]["farm_subsidy"]["claims"] if county["total"] else []
    for r, c in enumerate(rows, 2):
        for col, v in enumerate([c["no"], c["station"], c["ewaybill"], c["carrier"], c["day"], c["product"],
                                 c["destination"], c["sender"], yuan(c["subsidy_fen"])], 1):
            cell = claims.cell(r, col, v)
        cell.number_format = YUAN_FORMAT
    end = len(rows) + 2
    claims.cell(end, 1, f"合计：{len(rows)} 单").font = Font(bold=True)
    total_cell = claims.cell(end, 9, yuan(sum(c["subsidy_fen"] for c in rows)))
    total_cell.number_format = YUAN_FORMAT
    claims.freeze_panes = "A2"

    homes = book.create_sheet(sheet_name("建档立卡贫困户服务", taken))
    home_heads = ["服务站", "户号", "人员", "村", *(label(t, "zh_CN") for t in reports.POVERTY_SERVICES.values()),
                  "次数", "金额"]
    for col, text in enumerate(home_heads, 1):
        homes.cell(1, col, text).font = Font(bold=True)
    for r, h in enumerate(county["total"]["poverty"]["list"] if county["total"] else [], 2):
        values = [h["station"], h["household_no"], h["names"], h["village"],
                  *(h["services"][k] for k in reports.POVERTY_SERVICES), h["times"], yuan(h["amount_fen"])]
        for col, v in enumerate(values, 1):
            cell = homes.cell(r, col, v)
        cell.number_format = YUAN_FORMAT
    homes.freeze_panes = "A2"
    path = Path(path)
    book.save(path)
    return path


def write_claims_xlsx(claims: list[dict[str, Any]], quarter: str, path: str | Path) -> Path:
    """A quarter's farm-produce subsidy claim list for the whole county (domain b8)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from station_app.core.report_files import YUAN_FORMAT, yuan

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = f"{quarter} 补贴申报"
    ws.cell(1, 1, f"农产品出县快递补贴申报清单 {quarter}").font = Font(bold=True, size=14)
    heads = ["序号", "服务站", "电子面单号", "快递公司", "日期", "产品", "县外目的地", "寄件人", "回执号", "补贴"]
    for col, text in enumerate(heads, 1):
        ws.cell(3, col, text).font = Font(bold=True)
    for r, c in enumerate(claims, 4):
        values = [r - 3, c["station"], c["ewaybill"], c["carrier"], c["day"], c["product"], c["destination"],
                  c["sender"], c["receipt_no"], yuan(c["subsidy_fen"])]
        for col, v in enumerate(values, 1):
            cell = ws.cell(r, col, v)
        cell.number_format = YUAN_FORMAT
    end = len(claims) + 4
    ws.cell(end, 1, f"合计：{len(claims)} 单").font = Font(bold=True)
    cell = ws.cell(end, 10, yuan(sum(c["subsidy_fen"] for c in claims)))
    cell.number_format = YUAN_FORMAT
    ws.freeze_panes = "A4"
    path = Path(path)
    book.save(path)
    return path


# -- `station-hub report` ------------------------------------------------------------------------------


def add_command(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register `station-hub report monthly --month YYYY-MM [--station ID] [--format xlsx|json] [--out PATH]`."""
    p = sub.add_parser("report", parents=[common], help="monthly report of one station or the county, from the events")
    p.add_argument("period", choices=("monthly",))
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--station", metavar="ID", help="one station (its id or name); default: every station and the county")
    p.add_argument("--format", choices=("xlsx", "json"), help="default: from --out's ending, else json")
    p.add_argument("--out", type=Path, metavar="PATH", help="the file to write (default: JSON on stdout, "
                                                              "or monthly-YYYY-MM.xlsx in this folder)")
    p.add_argument("--shadows", type=Path, metavar="DIR", help="folder of the shadow station files "
                                                               "(default: beside the hub database)")


def cmd_report(args: argparse.Namespace) -> int:
    """Exit 0 with the report written or printed, 2 for a bad month, station or format."""
    from sync.hub.db import open_hub

    fmt = args.format or (args.out.suffix.lstrip(".").lower() if args.out else "json")
    if fmt not in ("xlsx", "json"):
        print(f"station-hub report: cannot write {fmt!r}; use xlsx or json", file=sys.stderr)
        return 2
    hub = Hub(open_hub(args.db))
    shadows = Shadows(hub, args.shadows)
    data: MonthlyReport | dict[str, Any]
    try:
        month = reports.month_of(reports.month_days(args.month)[0])
        if args.station:
            station_id = find_station(hub, args.station)
            if station_id is None:
                print(f"station-hub report: no station {args.station!r}", file=sys.stderr)
                return 2
            data = shadows.monthly(station_id, month)
            if fmt == "xlsx":
                from station_app.core.report_files import write_monthly_xlsx

                with shadows.view(station_id) as db:
                    sheets = report_rows.all_evidence(db, month)
                out = write_monthly_xlsx(data, sheets, args.out or Path(f"monthly-{month}.xlsx"))
                print(out)
                return 0
        else:
            data = shadows.county(month)
            if fmt == "xlsx":
                print(write_county_xlsx(data, args.out or Path(f"monthly-{month}.xlsx")))
                return 0
    except UserError as exc:
        print(f"station-hub report: {exc.message('en')}", file=sys.stderr)
        return 2
    finally:
        shadows.close()
        hub.engine.dispose()
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(args.out)
    else:
        print(text)
    return 0


def find_station(hub: Hub, text: str) -> str | None:
    """A station's hub id from its id or its exact name."""
    for r in hub.station_rows():
        if text in (r["id"], r["name"]):
            return str(r["id"])
    return None
