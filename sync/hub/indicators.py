"""The national indicators (the plans: report to the 农村电子商务和社区商业信息系统) per month, from
every station's records on the hub (`station_app.core.indicators`) and the county's own
(training at the county centre, the poverty register, the village list), with a mapping table
the county adjusts to the national system's field names, exported as xlsx and CSV.

    /dashboard/indicators?year=2026        the months, the mapping (admins change it)
    station-hub indicators YEAR [--out F.xlsx|F.csv]
    station-hub indicator-map KEY FIELD [--name NAME]

The default field names are the indicators' Chinese names: the county replaces them with the
national system's codes when its platform tells it them (nothing here claims to know them).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select

from station_app.clock import local_day
from station_app.core import indicators as station_indicators
from station_app.core import reports
from station_app.core.spreadsheet import csv_text, put
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub import audit
from sync.hub.county_training import sessions_of
from sync.hub.db import reading, writing
from sync.hub.evidence_db import ensure_evidence_tables, indicator_map, register_households
from sync.hub.health import each_synced_station
from sync.hub.office_db import ensure_office_tables
from sync.hub.shadows import Shadows
from sync.hub.villages import coverage


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str  # Chinese, as the county reads it (and the default national field name)
    unit: str  # 元 | 个 | 件 | 人次 | 户 | % | 小时


INDICATORS = (
    Indicator("rural_online_retail", "农村网络零售额", "元"),
    Indicator("farm_online_retail", "农产品网络零售额", "元"),
    Indicator("stations", "村级服务站数量", "个"),
    Indicator("villages_covered_pct", "行政村覆盖率", "%"),
    Indicator("poor_villages_covered_pct", "贫困村覆盖率", "%"),
    Indicator("training_person_times", "电商培训人次", "人次"),
    Indicator("poor_households_served", "服务建档立卡贫困户户数", "户"),
    Indicator("poor_households_total", "建档立卡贫困户总户数", "户"),
    Indicator("parcels_in", "快递进村件数", "件"),
    Indicator("parcels_out", "快递出村件数", "件"),
    Indicator("delivery_within_48h_pct", "48小时送达率", "%"),
    Indicator("delivery_within_72h_pct", "72小时送达率", "%"),
    Indicator("delivery_median_hours", "县到村送达时间中位数", "小时"),
)
BY_KEY = {i.key: i for i in INDICATORS}
UNKNOWN = QT_TRANSLATE_NOOP("errors", "Unknown indicator {key}")
NO_FIELD = QT_TRANSLATE_NOOP("errors", "Give the national system's field name (at most 60 characters)")


def mapping(hub: Any) -> dict[str, tuple[str, str]]:
    """indicator -> (national field name, name shown), the county's where it set one."""
    ensure_evidence_tables(hub.engine)
    with reading(hub.engine) as conn:
        set_ = {r.indicator: (r.field, r.name) for r in conn.execute(select(indicator_map))}
    return {i.key: set_.get(i.key, (i.name, i.name)) for i in INDICATORS}


def set_mapping(hub: Any, key: str, field: str, *, name: str = "", who: str) -> tuple[str, str]:
    """Map an indicator to the national system's field (audited). Raises ValidationError."""
    if key not in BY_KEY:
        raise ValidationError(UNKNOWN, key=key)
    field = " ".join((field or "").split())
    if not field or len(field) > 60:
        raise ValidationError(NO_FIELD)
    shown = " ".join((name or "").split())[:60] or BY_KEY[key].name
    ensure_evidence_tables(hub.engine)
    ensure_office_tables(hub.engine)
    now = hub.now()
    with writing(hub.engine) as conn:
        conn.execute(delete(indicator_map).where(indicator_map.c.indicator == key))
        conn.execute(insert(indicator_map).values(indicator=key, field=field, name=shown, set_at=now, set_by=who[:80]))
        audit.record_in(conn, now, who, "indicator.mapped", key, {"field": field, "name": shown})
    return field, shown


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Months:
    year: int
    months: list[str]
    values: dict[str, dict[str, Any]]  # month -> indicator -> value (yuan as fen ints; None: nothing to tell)
    left_out: list[dict[str, str]]


def compute(shadows: Shadows, year: int) -> Months:
    """Every indicator for each month of the year up to this month."""
    hub = shadows.hub
    today = local_day(hub.clock.now())
    months = [f"{year}-{m:02d}" for m in range(1, (12 if year < today.year else today.month) + 1)]
    parts: dict[str, list[station_indicators.StationMonth]] = {m: [] for m in months}
    active: dict[str, int] = dict.fromkeys(months, 0)

    def count(_station: Any, db: Any) -> None:
        for m in months:
            first, last = reports.month_days(m)
            parts[m].append(station_indicators.station_month(db, first, last))
            a, b = reports.utc_bounds(first, last)
            if db.value("SELECT 1 FROM events WHERE station_time >= ? AND station_time < ? LIMIT 1", (a, b)):
                active[m] += 1

    left_out = each_synced_station(shadows, count)
    centre: dict[str, int] = {}
    for s in sessions_of(hub, year):
        centre[s.day[:7]] = centre.get(s.day[:7], 0) + s.person_times
    cover = coverage(hub)
    ensure_evidence_tables(hub.engine)
    with reading(hub.engine) as conn:
        register_total = len(conn.execute(select(register_households.c.household_no)).all())
    values: dict[str, dict[str, Any]] = {}
    for m in months:
        ps = parts[m]
        hours = sorted(h for p in ps for h in p.delivery_hours)
        values[m] = {
            "rural_online_retail": sum(p.online_retail_fen for p in ps),
            "farm_online_retail": sum(p.farm_online_retail_fen for p in ps),
            "stations": active[m],
            "villages_covered_pct": cover.pct, "poor_villages_covered_pct": cover.poor_pct,
            "training_person_times": sum(p.person_times for p in ps) + centre.get(m, 0),
            "poor_households_served": len(frozenset().union(*(p.register_households for p in ps))),
            "poor_households_total": register_total,
            "parcels_in": sum(p.parcels_in for p in ps), "parcels_out": sum(p.parcels_out for p in ps),
            "delivery_within_48h_pct": _pct(sum(h <= 48 for h in hours), len(hours)),
            "delivery_within_72h_pct": _pct(sum(h <= 72 for h in hours), len(hours)),
            "delivery_median_hours": reports.median(hours),
        }
    return Months(year, months, values, left_out)


def shown(key: str, value: Any) -> Any:
    """A value as the national system takes it: yuan with two decimals for money, else as is ("" for none)."""
    if value is None:
        return ""
    return round(value / 100, 2) if BY_KEY[key].unit == "元" else value


def table(hub: Any, result: Months) -> tuple[list[str], list[list[Any]]]:
    """(header: 统计期 and each indicator's national field name, one row per month)."""
    fields = mapping(hub)
    header = ["统计期", *(fields[i.key][0] for i in INDICATORS)]
    rows = [[m, *(shown(i.key, result.values[m][i.key]) for i in INDICATORS)] for m in result.months]
    return header, rows


def to_csv(hub: Any, result: Months) -> bytes:
    header, rows = table(hub, result)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_text(h) for h in header])
    for row in rows:
        writer.writerow([csv_text(v) if isinstance(v, str) else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(hub: Any, result: Months) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, rows = table(hub, result)
    fields = mapping(hub)
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = f"{result.year} 国家指标"
    for col, text in enumerate(header, 1):
        put(ws, 1, col, text).font = Font(bold=True)
    put(ws, 2, 1, "指标（单位）")
    for col, i in enumerate(INDICATORS, 2):
        put(ws, 2, col, f"{fields[i.key][1]}（{i.unit}）")
    for r, row in enumerate(rows, 3):
        for col, v in enumerate(row, 1):
            put(ws, r, col, v)
    ws.freeze_panes = "B3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
