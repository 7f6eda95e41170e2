"""The county's month: every station's monthly report (the shadow's, `sync.hub.shadows`) under
the name the county registered it, with its health (`sync.hub.health`), and the county totals
of the stations whose figures the hub could count.

A station with no records on the hub (never synced), none since before the month began (silent),
or whose records cannot be folded is not counted as zeros: it is listed as not counted, with
why, and the totals say how many stations they cover. A station counted whose records are complete only up to a day inside the month is
counted and marked incomplete (for the month under way: more than a day behind).
"""

from __future__ import annotations

import copy
import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from station_app.clock import SHANGHAI, parse_iso, show
from station_app.core import report_rows, reports
from station_app.core.report_types import MonthlyReport
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import figures
from sync.hub.db import reading, stations
from sync.hub.health import AMBER, StationHealth, each_synced_station, fold_problem, station_health
from sync.hub.shadows import FoldError, Shadows

log = logging.getLogger(__name__)

NOT_COUNTED = QT_TRANSLATE_NOOP("dashboard", "not counted: {why}")
NO_RECORDS = QT_TRANSLATE_NOOP("dashboard", "the hub holds no records of this station")
NO_STATION = QT_TRANSLATE_NOOP("dashboard", "no such station on this hub")
BEFORE_MONTH = QT_TRANSLATE_NOOP("dashboard", "its records reach only {day}, before this month began")
NO_REPORT = QT_TRANSLATE_NOOP("dashboard", "its report could not be computed: {error}")


GRACE = timedelta(days=1)  # stations sync nightly: one that synced in the month's last night has it all


def _month_end(last: date) -> datetime:
    return datetime.combine(last + timedelta(days=1), time(), SHANGHAI)


def _entry(h: StationHealth, last: date, now: datetime) -> dict[str, Any]:
    needed = min(_month_end(last), now) - GRACE
    complete = h.complete_up_to is not None and parse_iso(h.complete_up_to) >= needed
    return {"hub_id": h.id, "name": h.name, "village": h.village, "last_upload": h.last_upload,
            "last_contact": h.last_contact, "complete_up_to": h.complete_up_to, "complete": complete,
            "counted": False, "why_not": None, "red": h.red,
            "problems": [{"code": p.code, "level": p.level, "text": p.text, "todo": p.todo} for p in h.problems],
            "report": None}


def county_month(shadows: Shadows, month: str, *, stale_ok: bool = False) -> dict[str, Any]:
    """Every station's monthly report and the county totals of those counted (`combine`).
    `stale_ok` (the dashboard's overview): figures the previous program made are shown, marked,
    while they are computed again in the background (`figures.overview_figures`); else every
    station's are computed by this program. ValidationError for a bad month."""
    first, last = reports.month_days(month)
    month = reports.month_of(first)
    per, hours, waits = [], [], []
    now = shadows.hub.clock.now()
    stamps, kept = figures.stamps(shadows.hub), figures.stored(shadows.hub, month)  # every station's at once
    for h in station_health(shadows.hub, now):
        entry = _entry(h, last, now)
        per.append(entry)
        if not h.acked_seq:
            entry["why_not"] = translate("dashboard", NO_RECORDS)
            continue
        if h.complete_up_to and parse_iso(h.complete_up_to) < datetime.combine(first, time(), SHANGHAI):
            entry["why_not"] = translate("dashboard", BEFORE_MONTH).format(day=show(h.complete_up_to))
            continue  # its zeros would be a guess: the hub has nothing from it for this month
        try:
            if stale_ok:
                found, stale = figures.overview_figures(shadows, h.id, month, stamp=stamps.get(h.id), kept=kept.get(h.id))
            else:
                found, stale = figures.month_figures(shadows, h.id, month, stamp=stamps.get(h.id), kept=kept.get(h.id)), False
            report, h_hours, h_waits = copy.deepcopy(found.report), found.hours, found.waits
            if stale:
                entry["problems"].append({"code": "recomputing", "level": AMBER,
                                          "text": translate("dashboard", figures.RECOMPUTING),
                                          "todo": translate("dashboard", figures.RECOMPUTING_TODO)})
        except FoldError as exc:
            entry["why_not"] = exc.message()
            if not any(p["code"] == "fold" for p in entry["problems"]):
                p = fold_problem(exc.seq, exc.kind, exc.error)
                entry["problems"].insert(0, {"code": p.code, "level": p.level, "text": p.text, "todo": p.todo})
            entry["red"] = True
            continue
        except Exception as exc:  # one station this program cannot read must not hide the rest
            log.exception("station %s: no report for %s", h.id, month)
            entry["why_not"] = translate("dashboard", NO_REPORT).format(error=f"{type(exc).__name__}: {exc}"[:200])
            entry["red"] = True
            continue
        report["station"] = {**report["station"], "name": h.name, "village": h.village or report["station"]["village"]}
        entry.update(report=report, counted=True)
        hours += h_hours
        waits += h_waits
    done = [p for p in per if p["counted"]]
    total = combine([p["report"] for p in done], [p["name"] for p in done])
    if total:
        total["delivery"]["median_hours"] = reports.median(hours)
        total["delivery"]["median_wait_hours"] = reports.median(waits)
    return {"report": "county_monthly", "version": reports.VERSION, "month": month,
            "first_day": first.isoformat(), "last_day": last.isoformat(), "stations": per, "total": total,
            "covered": len(done), "station_count": len(per),
            "not_counted": [{"name": p["name"], "why": p["why_not"]} for p in per if not p["counted"]],
            "incomplete": [p["name"] for p in done if not p["complete"]]}


def station_month(shadows: Shadows, station_id: str, month: str, *, sheets: bool = False
                  ) -> tuple[MonthlyReport, list[report_rows.Sheet]]:
    """One station's monthly report under the name the county registered it with, and (`sheets`)
    the records behind it. Raises FoldError; LookupError (its message in Chinese) when the hub
    holds no records of the station or knows no such station."""
    with reading(shadows.hub.engine) as conn:
        st = conn.execute(select(stations).where(stations.c.id == station_id)).first()
    if st is None:
        raise LookupError(translate("dashboard", NO_STATION))
    if not st.acked_seq:
        raise LookupError(translate("dashboard", NO_RECORDS))
    report = shadows.monthly(station_id, month)
    report["station"] = {**report["station"], "name": st.name, "village": st.village or report["station"]["village"]}
    found: list[report_rows.Sheet] = []
    if sheets:
        with shadows.view(station_id) as db:
            found = report_rows.all_evidence(db, month)
    return report, found


def subsidy_claims(shadows: Shadows, first: date, last: date) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Every counted station's farm-produce subsidy claim rows for the days given (a quarter),
    and the stations left out (name, why)."""
    out: list[dict[str, Any]] = []

    def claims_of(h: StationHealth, db: Any) -> None:
        out.extend({**claim, "station": h.name, "hub_id": h.id} for claim in reports.subsidy_claims(db, first, last))

    return out, each_synced_station(shadows, claims_of)


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
