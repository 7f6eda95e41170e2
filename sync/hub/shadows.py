"""The hub's shadow station files: each station's events folded through the station program's
own appliers (`station_app.core.replay`), so the station's own report code runs on them and the
hub's figures equal the station's to the fen, by construction (DESIGN §5). Shadow files live
beside the hub database (`<hub>.shadows/<station id>.sqlite`, or `--shadows DIR`) and only new
events are folded in.

County changes (hub events) are folded where the station applied them: each push reports
after which of its own events it applied each change (`placements`), and the shadow folds a
change just before the first event after that point. Changes whose place is not known yet
(pulled after the station's last pushed event, or not pulled yet) are applied on top, in
hub order, inside a transaction that is rolled back after reading (`Shadows.view`): the
figures then include the county's latest word (a bill the biller paid an hour ago) without
fixing an order the station may not share.

**One station cannot hurt another.** A record this program cannot fold (a sign-in naming a
session the station's history never created, a damaged or forged history) stops that
station's fold only: `FoldError` names the record, the problem is kept in `fold_problems`
(shown on the dashboard in Chinese, with what to do) and the fold is not tried again until
the station sends something new or the program changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import platformdirs
from sqlalchemy import Engine, and_, delete, func, insert, or_, select

from station_app.core import report_rows, reports
from station_app.core.events import Event, canonical, last_seq
from station_app.core.replay import apply, hub_event
from station_app.core.replay_check import program
from station_app.core.report_types import MonthlyReport
from station_app.db import StationDB, open_station
from station_app.db.migrations import known_names
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import shadow_files
from sync.hub.db import changes, events, placements, reading, stations, writing
from sync.hub.office_db import ensure_office_tables, fold_problems
from sync.hub.store import Hub, _row_event

log = logging.getLogger(__name__)
PAGE = 2000  # events folded per transaction
SHADOW_PAGE = 2048  # bytes per page of a shadow file (the station's own files keep SQLite's 4096)
#: what a shadow was folded with: the station's migrations and core source (its appliers and its
#: report code, `replay_check.program`) and this fold; another program folds the shadow anew
CODE = hashlib.sha256(canonical([program(), reports.VERSION,
                                 hashlib.sha256(Path(__file__).read_bytes()).hexdigest()]).encode()).hexdigest()[:16]
FOLDED_FOR = "shadow.code"  # local_settings: the program the shadow was folded with
CACHE = "shadow.report."  # local_settings: a cached monthly report, with the stamp it was made at
PACK_AFTER = 15 * 60.0  # seconds a shadow is left unused before `serve` packs it (`shadow_files`)

CANNOT_FOLD = QT_TRANSLATE_NOOP("dashboard", "Record {seq} ({kind}) cannot be counted at the county: {error}")
CANNOT_FOLD_TODO = QT_TRANSLATE_NOOP("dashboard", "This station's figures are left out of the county totals until "
                                                  "it is fixed. Ask the station to run `station-app check` and call "
                                                  "the county's technician with this record number.")


class FoldError(Exception):
    """A station's record the hub cannot fold: that station has no figures (the others do)."""

    def __init__(self, station_id: str, seq: int, kind: str, error: str) -> None:
        super().__init__(f"station {station_id}: record {seq} ({kind}) cannot be folded: {error}")
        self.station_id, self.seq, self.kind, self.error = station_id, seq, kind, error

    def message(self) -> str:
        """What is wrong, in Chinese."""
        return translate("dashboard", CANNOT_FOLD).format(seq=self.seq, kind=self.kind, error=self.error)


@dataclass(frozen=True)
class FoldProblem:
    station_id: str
    seq: int
    kind: str
    error: str
    at: str


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


def _keep_place(db: StationDB, ev: Event) -> None:
    """The folded event's row in the shadow, without its payload, hashes, operator and clock
    stamp (two thirds of a shadow's bytes): the hub's own `events` table keeps those, and the
    station code that runs on a shadow (the appliers, which get the whole event, and the
    reports) reads a station's `events` table only for the order, ids, kinds, entities and
    station times (`tests/sync/test_shadow_storage.py` holds every such query to that). Left
    empty, not blanked to "{}": code that ever parses a shadow's payload fails loudly instead
    of counting nothing."""
    db.execute("INSERT INTO events (seq, id, kind, entity_id, payload, operator_id, station_time, hlc, prev_hash, hash)"
               " VALUES (?, ?, ?, ?, '', '', ?, '', '', '')",
               (ev.seq, ev.id, ev.kind, ev.entity_id, ev.station_time))


def _small_pages(path: Path) -> Path:
    """`path`, made first as an empty file of `SHADOW_PAGE`-byte pages when it does not exist: a
    station file has some 200 tables and indexes, most of one page or a few (a month's shadow
    of 4 KB pages carries 0.6 MB of them)."""
    if not path.exists():
        conn = sqlite3.connect(path)
        try:
            conn.execute(f"PRAGMA page_size = {SHADOW_PAGE}")
            conn.execute("CREATE TABLE shadow_page_size (x)")  # the size is fixed by the first write
            conn.execute("DROP TABLE shadow_page_size")
        finally:
            conn.close()
    return path


def _is_shadow(path: Path) -> bool:
    """A shadow this program folded (a station file with `FOLDED_FOR` set), not some other
    SQLite file that happens to lie in the folder (the hub's own database, a copy)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT 1 FROM local_settings WHERE key = ?", (FOLDED_FOR,)).fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


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
        self._holds: dict[str, shadow_files.Hold] = {}
        self._used: dict[str, float] = {}  # monotonic time each open shadow was last asked for
        self._packer: threading.Thread | None = None
        self._stop = threading.Event()

    def _lock(self, station_id: str) -> threading.RLock:
        with self._guard:
            return self._locks.setdefault(station_id, threading.RLock())

    def path(self, station_id: str) -> Path:
        if not station_id or not all(ch.isalnum() or ch in "-_" for ch in station_id):
            raise ValueError(f"not a station id: {station_id!r}")
        return self.folder / f"{station_id}.sqlite"

    def close(self) -> None:
        self._stop.set()
        if self._packer is not None:
            self._packer.join()
        with self._guard:
            for db in self._open.values():
                db.close()
            self._open.clear()
            for hold in self._holds.values():
                hold.release()
            self._holds.clear()

    def _forget(self, station_id: str) -> None:
        """Close this process's connection to the shadow (the file stays)."""
        db = self._open.pop(station_id, None)
        if db is not None:
            db.close()
        hold = self._holds.pop(station_id, None)
        if hold is not None:
            hold.release()

    # -- at rest -------------------------------------------------------------------------------

    def pack_idle(self, after: float = PACK_AFTER) -> int:
        """Pack the shadows no one asked for in `after` seconds (this process's open ones and
        the files earlier runs left); returns how many were packed."""
        now = time.monotonic()
        with self._guard:
            idle = [sid for sid, used in self._used.items() if now - used >= after and sid in self._open]
        count = 0
        for station_id in idle:
            with self._lock(station_id):
                if time.monotonic() - self._used.get(station_id, 0.0) < after:
                    continue  # asked for meanwhile
                self._forget(station_id)
                count += bool(shadow_files.pack(self.path(station_id)))
        for path in shadow_files.idle_files(self.folder, after):
            if not _is_shadow(path):  # `--shadows` may name a folder that holds other files too
                continue
            with self._lock(path.stem):
                if path.stem not in self._open:
                    count += bool(shadow_files.pack(path))
        return count

    def start_packing(self, after: float = PACK_AFTER) -> None:
        """Pack idle shadows from a thread of this process, every minute or so, until `close`."""
        def work() -> None:
            while not self._stop.wait(min(60.0, max(after / 4, 0.05))):
                try:
                    self.pack_idle(after)
                except Exception:  # a full disk must not end the hub; the shadows stay usable unpacked
                    log.exception("shadows: packing idle shadows failed")

        self._packer = threading.Thread(target=work, name="shadow-packer", daemon=True)
        self._packer.start()

    # -- the fold ------------------------------------------------------------------------------

    def _db(self, station_id: str) -> StationDB:
        self._used[station_id] = time.monotonic()
        db = self._open.get(station_id)
        if db is not None:
            return db
        path = self.path(station_id)
        self.folder.mkdir(parents=True, exist_ok=True)
        while True:  # unpacked and held, so no other process packs it while it is open here
            shadow_files.unpack(path)
            hold = shadow_files.Hold(path)
            if path.exists() or not shadow_files.packed(path).exists():
                break
            hold.release()  # another process packed it between the two steps
        self._holds[station_id] = hold
        if path.exists() and not self._same_schema(path):
            self._remove(path)
        db = open_station(_small_pages(path), clock=self.hub.clock)
        if db.local(FOLDED_FOR) not in (None, CODE) or (db.local(FOLDED_FOR) is None and last_seq(db)):
            db.close()
            self._remove(path)  # folded by another version of the appliers: fold again
            db = open_station(_small_pages(path), clock=self.hub.clock)
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
        shadow_files.remove(path)

    def rebuild(self, station_id: str) -> int:
        """Throw the shadow away and fold every event again; returns the events folded."""
        with self._lock(station_id):
            self._forget(station_id)
            self._remove(self.path(station_id))
            return self.update(station_id)

    def update(self, station_id: str) -> int:
        """Fold the station's events the shadow does not hold yet (with the county changes placed
        before them); returns how many. A change whose place became known only after the shadow
        had passed it makes the shadow start again. Raises FoldError for a record that cannot be
        folded (at once, without trying again, while nothing new came from the station)."""
        with self._lock(station_id):
            stamp = canonical(self.stamp(station_id))
            known = self._problem(station_id)
            if known is not None and known[0] == stamp:
                raise known[1]
            try:
                folded = self._update(station_id)
            except FoldError as exc:
                self._note_problem(station_id, stamp, exc)
                raise
            if known is not None:
                self._clear_problem(station_id)
            return folded

    def _update(self, station_id: str) -> int:
        with self._lock(station_id):
            db = self._db(station_id)
            folded_before = last_seq(db)
            if self._late_placement(station_id, db):
                log.warning("shadow of station %s: a county change was placed behind the fold; folding again", station_id)
                self._forget(station_id)
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
                try:
                    apply(db, ev)
                    _keep_place(db, ev)
                except Exception as exc:  # the whole page is rolled back; the fold stops here
                    log.warning("shadow of station %s: record %s (%s) cannot be folded: %s", station_id, ev.seq,
                                ev.kind, exc)
                    raise FoldError(station_id, ev.seq, ev.kind, f"{type(exc).__name__}: {exc}"[:300]) from exc
        return True

    # -- records the hub cannot fold -------------------------------------------------------------

    def _problem(self, station_id: str) -> tuple[str, FoldError] | None:
        ensure_office_tables(self.hub.engine)
        with reading(self.hub.engine) as conn:
            r = conn.execute(select(fold_problems).where(fold_problems.c.station_id == station_id)).first()
        return (r.stamp, FoldError(station_id, r.seq, r.kind, r.error)) if r is not None else None

    def _note_problem(self, station_id: str, stamp: str, exc: FoldError) -> None:
        with writing(self.hub.engine) as conn:
            conn.execute(delete(fold_problems).where(fold_problems.c.station_id == station_id))
            conn.execute(insert(fold_problems).values(station_id=station_id, stamp=stamp[:200], seq=exc.seq,
                                                      kind=exc.kind[:60], error=exc.error, at=self.hub.now()))

    def _clear_problem(self, station_id: str) -> None:
        with writing(self.hub.engine) as conn:
            conn.execute(delete(fold_problems).where(fold_problems.c.station_id == station_id))

    def problems(self) -> dict[str, FoldProblem]:
        """The stations whose records the hub could not fold, when it last tried (by station id)."""
        ensure_office_tables(self.hub.engine)
        with reading(self.hub.engine) as conn:
            return {r.station_id: FoldProblem(r.station_id, r.seq, r.kind, r.error, r.at)
                    for r in conn.execute(select(fold_problems))}

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
        until the station pushes or the county sends something new). ValidationError for a bad
        month, FoldError for a station whose records cannot be folded."""
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
        """The records of sheet `key` for the month. Raises FoldError."""
        with self.view(station_id) as db:
            return report_rows.evidence(db, month, key)
