"""The county's administrative villages on the hub: imported from its list (code, name, township,
poor-village flag), linked to the stations that serve them, sent to every station
(`county.villages`, `station_app.core.villages`), and the coverage figures the plans set
targets for (villages with a station: 60 %; poor villages: 70 %; 石城/东港/曲靖).

    station-hub upload villages FILE.csv          POST /county/uploads/villages
    station-hub village-link STATION CODE...      a station serving more villages than its own

A file with a refused row is not applied at all (the village list is the county's whole list).
A station serves the villages the county linked it to, else the village its registered name or
village names (`sync.hub.places` matching: a township written before it is fine).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from station_app.core import villages as station_villages
from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import audit
from sync.hub.csv_files import UploadReport, read_table, why
from sync.hub.db import reading, stations, writing
from sync.hub.evidence_db import county_villages, ensure_evidence_tables, village_links
from sync.hub.office_db import ensure_office_tables
from sync.hub.places import place_key, station_target
from sync.hub.service_db import own_records
from sync.hub.store import Hub, publish

VILLAGES = "county.villages"
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("村代码", "行政区划代码", "统计用区划代码", "代码", "code"),
    "name": ("村名", "行政村", "村", "名称", "name"),
    "township": ("乡镇", "乡镇（街道）", "所属乡镇", "township"),
    "poor": ("贫困村", "是否贫困村", "poor"),
}
REQUIRED = ("code", "name")
_CODE = re.compile(r"^\d{12}$")
YES = {"是", "Y", "y", "yes", "1", "贫困村", "√"}
NO = {"", "否", "N", "n", "no", "0", "非贫困村"}

BAD_CODE = QT_TRANSLATE_NOOP("errors", "Village code '{code}' must have 12 digits (GB/T 2260 county code + "
                                       "township + village)")
NO_NAME = QT_TRANSLATE_NOOP("errors", "The village has no name")
BAD_POOR = QT_TRANSLATE_NOOP("errors", "Poor village '{text}' must be 是 or 否")
TWICE = QT_TRANSLATE_NOOP("errors", "Village code {code} is already on line {line}")
TWO_COUNTIES = QT_TRANSLATE_NOOP("errors", "Village code {code} is in county {county}, the file's other villages "
                                           "in {first}")
NOT_SENT = QT_TRANSLATE_NOOP("errors", "Lines {lines} are refused: nothing was sent. Fix them and upload the list "
                                       "again.")
UNKNOWN_VILLAGE = QT_TRANSLATE_NOOP("errors", "No village with code {code} in the county's list")
SENT = QT_TRANSLATE_NOOP("dashboard", "{name} ({township}){poor}")


@dataclass(frozen=True)
class VillageRow:
    line: int
    code: str
    name: str
    township: str
    poor: bool


def read_villages(data: bytes) -> tuple[list[VillageRow], list[tuple[int, str]]]:
    """The villages of a county list and the rows refused (line, why). Raises FileRefused."""
    table = read_table(data, COLUMNS, REQUIRED)
    rows: list[VillageRow] = []
    refused: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        try:
            code, name = table.cell(cells, "code"), table.cell(cells, "name")
            if not _CODE.match(code):
                raise ValidationError(BAD_CODE, code=code or "-")
            if not name or len(name) > 40:
                raise ValidationError(NO_NAME)
            poor_text = table.cell(cells, "poor")
            if poor_text not in YES | NO:
                raise ValidationError(BAD_POOR, text=poor_text)
            if code in seen:
                raise ValidationError(TWICE, code=code, line=seen[code])
            if rows and code[:6] != rows[0].code[:6]:
                raise ValidationError(TWO_COUNTIES, code=code, county=code[:6], first=rows[0].code[:6])
        except UserError as exc:
            refused.append((line, why(exc)))
            continue
        seen[code] = line
        rows.append(VillageRow(line, code, name, table.cell(cells, "township")[:40], poor_text in YES))
    return rows, refused


def all_villages(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(county_villages).order_by(county_villages.c.code))]


def _one_village(by_form: dict[str, set[str]], text: str) -> str | None:
    for form in station_villages.name_forms(place_key(text)):
        codes = by_form.get(form)
        if codes:
            return next(iter(codes)) if len(codes) == 1 else None
    return None


def served_villages(conn: Connection) -> dict[str, set[str]]:
    """Station id -> the codes of the villages it serves: the county's links, else the village
    its registered name or village (or the name it gave itself) names."""
    villages = all_villages(conn)
    by_form: dict[str, set[str]] = {}
    for v in villages:
        for form in station_villages.name_forms(v["name"]):
            by_form.setdefault(form, set()).add(v["code"])
        if v["township"]:
            for form in station_villages.name_forms(v["township"] + v["name"]):
                by_form.setdefault(form, set()).add(v["code"])
    out: dict[str, set[str]] = {}
    for st in conn.execute(select(stations.c.id)):
        out[st.id] = set()
    for r in conn.execute(select(village_links)):
        out.setdefault(r.station_id, set()).add(r.code)
    linked = {s for s, codes in out.items() if codes}
    names = [(st.id, st.name, st.village) for st in conn.execute(select(stations.c.id, stations.c.name, stations.c.village))]
    names += [(own.hub_id, own.name, own.village) for own in own_records(conn)]
    for station_id, name, village in names:
        if station_id in linked or out.get(station_id):
            continue
        for text in (village, name):
            code = _one_village(by_form, text or "")
            if code:
                out.setdefault(station_id, set()).add(code)
                break
    return out


def send_villages(conn: Connection, now: str) -> int:
    """Send the county's list to every station, each with the villages it serves; returns how many."""
    villages = [{"code": v["code"], "name": v["name"], "township": v["township"], "poor": bool(v["poor"])}
                for v in all_villages(conn)]
    n = 0
    for station_id, own in served_villages(conn).items():
        publish(conn, VILLAGES, "villages", {"villages": villages, "own": sorted(own)}, station_id, now)
        n += 1
    return n


def import_villages(hub: Hub, data: bytes, *, dry_run: bool = False) -> UploadReport:
    """The county's village list replaces the hub's and goes to every station. Raises FileRefused,
    ValidationError (rows refused, when not `dry_run`: nothing is applied)."""
    rows, refused = read_villages(data)
    every = translate("dashboard", "every station")
    report = UploadReport(refused=refused, sent=[
        (r.line, every, translate("dashboard", SENT).format(name=r.name, township=r.township or "—",
                                                           poor="，贫困村" if r.poor else "")) for r in rows])
    if dry_run or not rows:
        return report
    if refused:
        raise ValidationError(NOT_SENT, lines="、".join(str(n) for n, _ in refused))
    ensure_evidence_tables(hub.engine)
    now = hub.now()
    with writing(hub.engine) as conn:
        conn.execute(delete(county_villages))
        conn.execute(insert(county_villages), [{"code": r.code, "name": r.name, "township": r.township,
                                                "poor": int(r.poor), "imported_at": now} for r in rows])
        send_villages(conn, now)
    return report


def link_station(hub: Hub, station: str, codes: list[str], who: str) -> tuple[str, list[str]]:
    """Say which villages a station serves (replacing earlier links; none: back to its own
    village's name) and send the list again. Raises ValidationError (station, unknown code)."""
    station_id, name = station_target(hub, station)
    if station_id is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Name the station"))
    ensure_evidence_tables(hub.engine)
    ensure_office_tables(hub.engine)  # the audit log
    now = hub.now()
    with writing(hub.engine) as conn:
        known = {v["code"] for v in all_villages(conn)}
        for code in codes:
            if code not in known:
                raise ValidationError(UNKNOWN_VILLAGE, code=code)
        conn.execute(delete(village_links).where(village_links.c.station_id == station_id))
        for code in dict.fromkeys(codes):
            conn.execute(insert(village_links).values(station_id=station_id, code=code, set_at=now, set_by=who[:80]))
        send_villages(conn, now)
        audit.record_in(conn, now, who, "villages.linked", name, {"codes": list(codes)})
    return name, list(codes)


@dataclass(frozen=True)
class Coverage:
    """Villages with a station against the county's list (as the plans count coverage)."""

    villages: int
    covered: int
    poor_villages: int
    poor_covered: int

    @property
    def pct(self) -> float | None:
        return round(100 * self.covered / self.villages, 1) if self.villages else None

    @property
    def poor_pct(self) -> float | None:
        return round(100 * self.poor_covered / self.poor_villages, 1) if self.poor_villages else None


def coverage(hub: Hub) -> Coverage:
    """Administrative villages (and poor villages) served by at least one enrolled station."""
    ensure_evidence_tables(hub.engine)
    with reading(hub.engine) as conn:
        villages = all_villages(conn)
        served = set().union(*served_villages(conn).values()) if villages else set()
    poor = {v["code"] for v in villages if v["poor"]}
    return Coverage(len(villages), len({v["code"] for v in villages} & served), len(poor), len(poor & served))
