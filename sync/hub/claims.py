"""The county's quarterly farm-produce subsidy claims, built from every station's records on the
hub and reviewed row by row (石城: 0.5元/单 out of the county with the e-waybill as proof; at most
10万元 per sending entity and year, 100万元 for the county).

Rows come from each station's shadow (`station_app.core.subsidy.candidates`: the station's own
rules), so a row refused there is refused here for the same reason (in-county destination, no
code, category not subsidised, no e-waybill photo). The caps are counted here, across stations,
in the order the parcels were taken over the year: per sending entity (a cooperative by its
统一社会信用代码 wherever it sends from; a registered person per station; a walk-in by phone) and
for the county. A row the county rejects takes no room under a cap; rows not reviewed yet do
(the claim is not short of room when they are accepted).

    /dashboard/claims?quarter=2026Q4          per entity, each row: accept / reject with reason
    station-hub claims QUARTER [--out claim.zip]
The approved claim is exported as an xlsx and a zip of it with every row's e-waybill image.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, insert, select

from station_app.core import reports, subsidy
from station_app.core import settings as station_settings
from station_app.core.parcels import carrier_name
from station_app.core.spreadsheet import put
from station_app.errors import NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import audit, county_settings, evidence
from sync.hub.county_settings import HubSetting
from sync.hub.db import reading, writing
from sync.hub.evidence_db import claim_reviews, ensure_evidence_tables
from sync.hub.health import each_synced_station
from sync.hub.office_db import county_targets, ensure_office_tables
from sync.hub.shadows import Shadows

ACCEPTED, REJECTED, PENDING, REFUSED = "accepted", "rejected", "pending", "refused"
COUNTY_CAP_KEY = "subsidy_county_cap_yuan"
county_settings.HUB_SETTINGS.setdefault(COUNTY_CAP_KEY, HubSetting(
    COUNTY_CAP_KEY, 1_000_000, 0, 100_000_000,
    QT_TRANSLATE_NOOP("dashboard", "Farm-produce outbound subsidy cap for the county and year (yuan)")))

NO_REASON = QT_TRANSLATE_NOOP("errors", "Say why the row is rejected")
BAD_DECISION = QT_TRANSLATE_NOOP("errors", "A row is accepted or rejected, not '{decision}'")
NO_ROW = QT_TRANSLATE_NOOP("errors", "No claim row {receipt} at this station in {quarter}")
REFUSED_ROW = QT_TRANSLATE_NOOP("errors", "Row {receipt} cannot be claimed ({why}): it cannot be accepted")


@dataclass(frozen=True)
class ClaimRow:
    station_id: str
    station: str
    row: subsidy.Candidate
    entity: str  # county-wide key of the sending entity
    status: str  # refused | rejected | pending | accepted
    why: str  # the refusal or the rejection, in Chinese ("" otherwise)
    fen: int  # after the caps (0 for refused and rejected rows)
    cut: str  # why less than the rate, in Chinese ("")
    reviewed_by: str
    reviewed_at: str


@dataclass(frozen=True)
class Claim:
    quarter: str
    first: date
    last: date
    rate: int
    entity_cap: int
    county_cap: int
    rows: list[ClaimRow]  # the quarter's rows, in the order taken
    county_used_before: int  # fen the county's year took before this quarter
    left_out: list[dict[str, str]]  # stations whose records cannot be counted (name, why)

    def entities(self) -> list[dict[str, Any]]:
        """One line per sending entity: name, stations, rows, accepted / pending amounts."""
        out: dict[str, dict[str, Any]] = {}
        for r in self.rows:
            e = out.setdefault(r.entity, {"entity": r.entity, "name": r.row.entity_name, "stations": [], "rows": 0,
                                          "accepted": 0, "accepted_fen": 0, "pending": 0, "pending_fen": 0,
                                          "rejected": 0, "refused": 0})
            if r.station not in e["stations"]:
                e["stations"].append(r.station)
            e["rows"] += 1
            e[r.status] += 1
            if r.status in (ACCEPTED, PENDING):
                e[f"{r.status}_fen"] += r.fen
        return sorted(out.values(), key=lambda e: (-e["rows"], e["name"]))

    def approved(self) -> list[ClaimRow]:
        return [r for r in self.rows if r.status == ACCEPTED and r.fen > 0]


def _county_value(hub: Any, key: str) -> Any:
    """The county-wide value the hub set for a station setting (its default until set)."""
    ensure_office_tables(hub.engine)
    with reading(hub.engine) as conn:
        value = conn.execute(select(county_targets.c.value).where(and_(
            county_targets.c.key == key, county_targets.c.station_id == ""))).scalar()
    return station_settings.declared(key).default if value is None else value


def _entity(station_id: str, key: str) -> str:
    return f"{key}@{station_id}" if key.startswith("person:") else key


def _reviews(hub: Any) -> dict[tuple[str, str], Any]:
    ensure_evidence_tables(hub.engine)
    with reading(hub.engine) as conn:
        return {(r.station_id, r.outbound_id): r for r in conn.execute(select(claim_reviews))}


def build(shadows: Shadows, quarter: str) -> Claim:
    """The quarter's claim rows from every counted station, with the caps applied over the year.
    Raises ValidationError (quarter)."""
    first, last = reports.quarter_days(quarter)
    hub = shadows.hub
    year_start = first.replace(month=1, day=1)
    collected: list[tuple[str, str, subsidy.Candidate]] = []
    left_out = each_synced_station(shadows, lambda h, db: collected.extend(
        (h.id, h.name, c) for c in subsidy.candidates(db, year_start, last)))
    collected.sort(key=lambda x: (x[2].taken_at, x[0]))
    reviews = _reviews(hub)
    rate = int(_county_value(hub, "parcels.farm_subsidy_fen"))
    entity_cap = int(_county_value(hub, "parcels.farm_subsidy_cap_yuan")) * 100
    county_cap = county_settings.get(hub, COUNTY_CAP_KEY) * 100

    def counts(station_id: str, c: subsidy.Candidate) -> bool:
        review = reviews.get((station_id, c.outbound_id))
        return c.refused is None and (review is None or review.decision != REJECTED)

    amounts = subsidy.apply_caps([(_entity(s, c.entity), counts(s, c)) for s, _, c in collected], rate=rate,
                                 entity_cap=entity_cap, county_cap=county_cap)
    rows: list[ClaimRow] = []
    used_before = 0
    for (station_id, name, c), amount in zip(collected, amounts, strict=True):
        if c.day < first.isoformat():
            used_before += amount.fen
            continue
        review = reviews.get((station_id, c.outbound_id))
        if c.refused is not None:
            status, why = REFUSED, translate("subsidy", c.refused, "zh_CN")
        elif review is not None:
            status, why = review.decision, review.reason if review.decision == REJECTED else ""
        else:
            status, why = PENDING, ""
        rows.append(ClaimRow(station_id, name, c, _entity(station_id, c.entity), status, why, amount.fen,
                             translate("subsidy", amount.cut, "zh_CN") if amount.cut else "",
                             review.reviewed_by if review else "", review.reviewed_at if review else ""))
    return Claim(f"{first.year}Q{(first.month - 1) // 3 + 1}", first, last, rate, entity_cap, county_cap, rows,
                 used_before, left_out)


def review(shadows: Shadows, quarter: str, station_id: str, outbound_id: str, *, decision: str, reason: str = "",
           who: str) -> ClaimRow:
    """Accept or reject one claim row (again: the new decision replaces the old), audited.
    Raises ValidationError (decision, no reason to reject, a row the rules refuse), NotFound."""
    if decision not in (ACCEPTED, REJECTED):
        raise ValidationError(BAD_DECISION, decision=decision)
    why = " ".join((reason or "").split())[:200]
    if decision == REJECTED and not why:
        raise ValidationError(NO_REASON)
    claim = build(shadows, quarter)
    row = next((r for r in claim.rows if r.station_id == station_id and r.row.outbound_id == outbound_id), None)
    if row is None:
        raise NotFound(NO_ROW, receipt=outbound_id, quarter=claim.quarter)
    if row.status == REFUSED:
        raise ValidationError(REFUSED_ROW, receipt=row.row.receipt_no, why=row.why)
    hub = shadows.hub
    now = hub.now()
    with writing(hub.engine) as conn:
        conn.execute(delete(claim_reviews).where(and_(claim_reviews.c.station_id == station_id,
                                                      claim_reviews.c.outbound_id == outbound_id)))
        conn.execute(insert(claim_reviews).values(station_id=station_id, outbound_id=outbound_id, decision=decision,
                                                  reason=why, reviewed_at=now, reviewed_by=who[:80]))
        audit.record_in(conn, now, who, f"claim.{decision}", f"{row.station} {row.row.receipt_no}",
                        {"quarter": claim.quarter, "ewaybill": row.row.ewaybill, "reason": why})
    return next(r for r in build(shadows, quarter).rows if r.station_id == station_id and r.row.outbound_id == outbound_id)


HEADS = ["序号", "申报主体", "服务站", "电子面单号", "快递公司", "日期", "产品", "目的地代码", "目的地", "寄件人", "重量(kg)",
         "回执号", "电子面单照片", "补贴(元)"]


def claim_xlsx(claim: Claim, photo_names: dict[tuple[str, str], list[str]]) -> bytes:
    """The approved rows as the county files them: one line per parcel, the entity's name, the
    e-waybill image's name in the zip; a sheet per entity's total."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "申报明细"
    put(ws, 1, 1, f"农产品出县快递补贴申报（已审核通过） {claim.quarter}").font = Font(bold=True, size=14)
    for col, text in enumerate(HEADS, 1):
        put(ws, 3, col, text).font = Font(bold=True)
    approved = claim.approved()
    for n, r in enumerate(approved, 1):
        c = r.row
        values = [n, c.entity_name, r.station, c.ewaybill, carrier_name(c.carrier), c.day, c.product,
                  c.destination_code, c.destination, c.sender, round(c.weight_g / 1000, 3), c.receipt_no,
                  "；".join(photo_names.get((r.station_id, c.outbound_id), [])), r.fen / 100]
        for col, v in enumerate(values, 1):
            put(ws, n + 3, col, v)
    end = len(approved) + 4
    put(ws, end, 1, f"合计：{len(approved)} 单").font = Font(bold=True)
    put(ws, end, len(HEADS), sum(r.fen for r in approved) / 100).font = Font(bold=True)
    totals = book.create_sheet("按申报主体")
    for col, text in enumerate(["申报主体", "服务站", "单数", "补贴(元)"], 1):
        put(totals, 1, col, text).font = Font(bold=True)
    per: dict[str, list[ClaimRow]] = {}
    for r in approved:
        per.setdefault(r.entity, []).append(r)
    for i, rows in enumerate(per.values(), 2):
        stations = "、".join(dict.fromkeys(r.station for r in rows))
        for col, v in enumerate([rows[0].row.entity_name, stations, len(rows), sum(r.fen for r in rows) / 100], 1):
            put(totals, i, col, v)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def claim_zip(shadows: Shadows, claim: Claim) -> bytes:
    """The approved claim (xlsx) with every approved row's e-waybill image, as one zip."""
    hub = shadows.hub
    files: dict[str, bytes] = {}
    names: dict[tuple[str, str], list[str]] = {}
    for r in claim.approved():
        for digest in r.row.photos:
            found = evidence.fetch(hub, r.station_id, digest)
            if found is None:
                continue
            kind, data = found
            name = f"images/{r.row.ewaybill}-{digest[:8]}{evidence.EXTENSIONS.get(kind, '.bin')}"
            files[name] = data
            names.setdefault((r.station_id, r.row.outbound_id), []).append(name)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"补贴申报-{claim.quarter}.xlsx", claim_xlsx(claim, names))
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def write_claim(shadows: Shadows, quarter: str, path: str | Path) -> Path:
    """`station-hub claims`: the approved claim's zip (or its xlsx alone when `path` ends in .xlsx)."""
    claim = build(shadows, quarter)
    path = Path(path)
    path.write_bytes(claim_xlsx(claim, {}) if path.suffix == ".xlsx" else claim_zip(shadows, claim))
    return path


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"
