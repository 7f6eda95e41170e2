"""The county's figures per station and month, kept in the hub database (issue 20).

A station's monthly report and the delivery hours behind the county's medians come from its
shadow (`sync.hub.shadows`: the station's own appliers and report code, so they equal the
station's to the fen). Computing them costs what the station's month costs; reading them back
must not: the county overview reads every station's figures for a month in one query, with
every station's stamp (what the figures depend on: the program that folded them, the station's
last acknowledged event, the county changes it sees) in three grouped queries, and computes
again only the stations whose stamp moved.

The figures live in the hub database, so every hub process behind the load balancer shares
them, and a restarted hub serves them at once. Figures made by another program (an upgrade)
carry another stamp and are made again; they are derived data: deleting the table loses
nothing but time. After an upgrade the dashboard's overview (`overview_figures`) does not wait
for every shadow to be folded again: it shows the figures the previous program made, each
station marked as being recomputed, while a background thread of the process computes them
again (a month close and the exports always compute: `month_figures`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import weakref
from typing import Any, cast

from sqlalchemy import Column, MetaData, String, Table, Text, and_, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from station_app.core import reports
from station_app.core.events import canonical
from station_app.core.report_types import MonthlyReport
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub.db import changes, placements, reading, stations, writing
from sync.hub.service_db import ensure_once
from sync.hub.shadows import CODE, Shadows
from sync.hub.store import Hub

log = logging.getLogger(__name__)
metadata = MetaData()
RECOMPUTING = QT_TRANSLATE_NOOP("dashboard", "These figures were made by the previous version of the hub program; "
                                             "they are being computed again")
RECOMPUTING_TODO = QT_TRANSLATE_NOOP("dashboard", "Nothing to do: open the page again in a few minutes.")

station_month_figures = Table(
    "station_month_figures", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("month", String(7), primary_key=True),
    Column("stamp", String(200), nullable=False),
    Column("report", Text, nullable=False),  # the station's MonthlyReport, JSON
    Column("hours", Text, nullable=False),  # [dispatch to arrival, arrival to pickup] hours, JSON
    Column("made_at", String(30), nullable=False),
)


class Figures:
    """One station's month: its report and the hours behind the delivery medians."""

    def __init__(self, report: MonthlyReport, hours: list[float], waits: list[float]) -> None:
        self.report, self.hours, self.waits = report, hours, waits


def stamps(hub: Hub) -> dict[str, str]:
    """Every station's stamp (`Shadows.stamp`, as text), in three grouped queries."""
    with reading(hub.engine) as conn:
        acked = {r.id: int(r.acked_seq or 0) for r in conn.execute(select(stations.c.id, stations.c.acked_seq))}
        everyone = int(conn.execute(select(func.max(changes.c.hub_seq)).where(changes.c.station_id.is_(None)))
                       .scalar() or 0)
        own = {r[0]: int(r[1] or 0) for r in conn.execute(
            select(changes.c.station_id, func.max(changes.c.hub_seq)).where(changes.c.station_id.is_not(None))
            .group_by(changes.c.station_id))}
        placed = {r[0]: int(r[1] or 0) for r in conn.execute(
            select(placements.c.station_id, func.count()).group_by(placements.c.station_id))}
    return {sid: canonical([CODE, a, max(everyone, own.get(sid, 0)), placed.get(sid, 0)]) for sid, a in acked.items()}


def stored(hub: Hub, month: str) -> dict[str, tuple[str, Figures]]:
    """The figures kept for `month`, by station: (their stamp, the figures)."""
    ensure_once(hub.engine, metadata)
    with reading(hub.engine) as conn:
        rows = conn.execute(select(station_month_figures).where(station_month_figures.c.month == month)).all()
    found = {}
    for r in rows:
        hours, waits = json.loads(r.hours)
        found[r.station_id] = (r.stamp, Figures(cast(MonthlyReport, json.loads(r.report)), hours, waits))
    return found


def month_figures(shadows: Shadows, station_id: str, month: str, *, stamp: str | None = None,
                  kept: tuple[str, Figures] | None = None) -> Figures:
    """The station's figures for `month` (a YYYY-MM month): the kept ones while its stamp has
    not moved, else computed from its shadow and kept. `stamp` and `kept` spare the queries when
    the caller read every station's at once. Raises FoldError, ValidationError."""
    hub = shadows.hub
    stamp = stamp if stamp is not None else canonical(shadows.stamp(station_id))
    if kept is None:
        kept = stored(hub, month).get(station_id)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    report = shadows.monthly(station_id, month)
    first, last = reports.month_days(month)
    with shadows.view(station_id) as db:
        hours, waits = reports.delivery_hours(db, first, last)
    _keep(hub, station_id, month, stamp, report, hours, waits)
    return Figures(report, hours, waits)


def _keep(hub: Hub, station_id: str, month: str, stamp: str, report: MonthlyReport, hours: list[float],
          waits: list[float]) -> None:
    ensure_once(hub.engine, metadata)
    key = and_(station_month_figures.c.station_id == station_id, station_month_figures.c.month == month)
    # IntegrityError: another hub process kept the same station's month meanwhile (same figures)
    with contextlib.suppress(IntegrityError), writing(hub.engine) as conn:
        conn.execute(delete(station_month_figures).where(key))
        conn.execute(insert(station_month_figures).values(
            station_id=station_id, month=month, stamp=stamp[:200], made_at=hub.now(),
            report=json.dumps(report, ensure_ascii=False), hours=json.dumps([hours, waits])))


def forget(hub: Hub, station_id: str | None = None) -> int:
    """Drop kept figures (one station's, or all): they are made again when next read."""
    ensure_once(hub.engine, metadata)
    with writing(hub.engine) as conn:
        query: Any = delete(station_month_figures)
        if station_id is not None:
            query = query.where(station_month_figures.c.station_id == station_id)
        return int(conn.execute(query).rowcount or 0)


def overview_figures(shadows: Shadows, station_id: str, month: str, *, stamp: str | None,
                     kept: tuple[str, Figures] | None) -> tuple[Figures, bool]:
    """`month_figures` for the dashboard's overview, and whether they are stale: figures another
    program made are served as they are (True) while a background thread computes them again,
    so an upgrade never folds the whole county inside one page view."""
    if kept is not None and stamp is not None and kept[0] != stamp and _program(kept[0]) != CODE:
        recompute_later(shadows, station_id, month)
        return kept[1], True
    return month_figures(shadows, station_id, month, stamp=stamp, kept=kept), False


def _program(stamp: str) -> Any:
    try:
        return json.loads(stamp)[0]
    except (ValueError, IndexError, KeyError, TypeError):
        return None


class _Background:
    """The station-months one `Shadows` still has to compute again, and the thread doing it."""

    def __init__(self) -> None:
        self.waiting: list[tuple[str, str]] = []
        self.thread: threading.Thread | None = None


_background: weakref.WeakKeyDictionary[Shadows, _Background] = weakref.WeakKeyDictionary()
_guard = threading.Lock()


def recompute_later(shadows: Shadows, station_id: str, month: str) -> None:
    """Compute the station's month again in a background thread of this process (once, however
    often it is asked meanwhile)."""
    with _guard:
        work = _background.setdefault(shadows, _Background())
        if (station_id, month) not in work.waiting:
            work.waiting.append((station_id, month))
        if work.thread is None or not work.thread.is_alive():
            work.thread = threading.Thread(target=_work, args=(shadows, work), name="figures", daemon=True)
            work.thread.start()


def _work(shadows: Shadows, work: _Background) -> None:
    while True:
        with _guard:
            if not work.waiting:
                work.thread = None
                return
            station_id, month = work.waiting[0]
        try:
            month_figures(shadows, station_id, month)
        except Exception:  # the next overview shows why (it computes that station itself)
            log.exception("figures of station %s for %s could not be computed again", station_id, month)
        with _guard:
            work.waiting.remove((station_id, month))


def wait_recomputed(shadows: Shadows, timeout: float = 600.0) -> bool:
    """Wait until the background thread has computed everything asked of it (False: timed out)."""
    with _guard:
        work = _background.get(shadows)
        thread = work.thread if work is not None else None
    if thread is not None:
        thread.join(timeout)
        return not thread.is_alive()
    return True
