"""The county's training schedule (培训计划) → each session to the station it is held at, as
`county.training_scheduled` (`station_app.core.training` shows it among the station's sessions;
the station signs people in to it like to its own).

    station-hub upload training-schedule FILE.csv [--station S]
                                                  POST /county/uploads/training-schedule

One row per session: 服务站 (or its village; a township before it is fine), 培训名称, 类别,
开始时间, 结束时间, 地点, 讲师 ("赵红梅（电子商务师）；钱志远"), 培训机构, 机构资质, 大纲,
人数上限, 资料. A session keeps its id for ever (made from its station, start and name), so a
corrected schedule uploaded again updates the session at the station instead of adding one.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from station_app.clock import parse_iso, show
from station_app.core import training
from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.csv_files import UploadReport, read_table, why
from sync.hub.db import reading, writing
from sync.hub.manifest import dispatch_time
from sync.hub.places import route, station_places, station_target
from sync.hub.store import Hub, publish

TRAINING_SCHEDULED = "county.training_scheduled"
NAMESPACE = uuid.UUID("5b0e7c1e-6f3a-4d55-9a57-2f1c9e0c7d11")
COLUMNS: dict[str, tuple[str, ...]] = {
    "station": ("服务站", "站点", "村", "培训村", "station", "village"),
    "title": ("培训名称", "名称", "课程", "title"),
    "category": ("类别", "培训对象", "category"),
    "starts_at": ("开始时间", "开始", "starts_at"),
    "ends_at": ("结束时间", "结束", "ends_at"),
    "place": ("地点", "培训地点", "place"),
    "lecturers": ("讲师", "授课老师", "lecturers"),
    "trainer_org": ("培训机构", "承办单位", "trainer_org"),
    "trainer_licence": ("机构资质", "资质证号", "trainer_licence"),
    "syllabus": ("大纲", "培训大纲", "syllabus"),
    "capacity": ("人数上限", "名额", "capacity"),
    "materials": ("资料", "教材", "materials"),
}
REQUIRED = ("title", "starts_at", "ends_at")
LECTURER = re.compile(r"^(.+?)\s*[（(]\s*(.*?)\s*[)）]$")

NO_TITLE = QT_TRANSLATE_NOOP("errors", "The session has no name (at most 60 characters)")
NO_TIME = QT_TRANSLATE_NOOP("errors", "The session needs a start and an end time, like 2026-11-23 14:30")
BAD_CATEGORY = QT_TRANSLATE_NOOP("errors", "Category '{text}' is not one of {known}")
BAD_CAPACITY = QT_TRANSLATE_NOOP("errors", "Capacity '{text}' must be a number of people from 1 to {most}")
ENDS_FIRST = QT_TRANSLATE_NOOP("errors", "A session must end after it starts")
NO_STATION_COLUMN = QT_TRANSLATE_NOOP("errors", "The row names no station: fill in the 服务站 column or upload the "
                                                "file for one station")
SESSION = QT_TRANSLATE_NOOP("dashboard", "{title}: {starts} – {ends}, {place}")


@dataclass(frozen=True)
class ScheduleRow:
    line: int
    station: str  # as the file names it
    details: dict[str, Any]  # the payload, without the station


def _categories() -> dict[str, str]:
    names = {translate("training", text, "zh_CN"): key for key, text in training.CATEGORIES.items()}
    return {**names, **{key: key for key in training.CATEGORIES}, "": "farmer", "农户": "farmer", "农民": "farmer"}


def _lecturers(text: str) -> list[dict[str, str]]:
    out = []
    for part in re.split(r"[；;、,，]+", text):
        part = part.strip()
        if part:
            m = LECTURER.match(part)
            out.append({"name": m.group(1), "credentials": m.group(2)} if m else {"name": part, "credentials": ""})
    return out


def read_schedule(data: bytes) -> tuple[list[ScheduleRow], list[tuple[int, str]]]:
    """The sessions of a schedule and the rows refused (line, why). Raises FileRefused."""
    table = read_table(data, COLUMNS, REQUIRED)
    categories = _categories()
    rows: list[ScheduleRow] = []
    refused: list[tuple[int, str]] = []
    for line, cells in table.rows:
        try:
            title = table.cell(cells, "title")
            if not title or len(title) > 60:
                raise ValidationError(NO_TITLE)
            starts, ends = dispatch_time(table.cell(cells, "starts_at")), dispatch_time(table.cell(cells, "ends_at"))
            if starts is None or ends is None:
                raise ValidationError(NO_TIME)
            if parse_iso(ends) <= parse_iso(starts):
                raise ValidationError(ENDS_FIRST)
            category = categories.get(table.cell(cells, "category"))
            if category is None:
                raise ValidationError(BAD_CATEGORY, text=table.cell(cells, "category"),
                                      known="、".join(k for k in categories if k and not k.isascii()))
            capacity_text = table.cell(cells, "capacity") or str(training.MAX_CAPACITY)
            if not capacity_text.isdigit() or not 1 <= int(capacity_text) <= training.MAX_CAPACITY:
                raise ValidationError(BAD_CAPACITY, text=capacity_text, most=training.MAX_CAPACITY)
        except UserError as exc:
            refused.append((line, why(exc)))
            continue
        rows.append(ScheduleRow(line, table.cell(cells, "station"), {
            "title": title, "category": category, "starts_at": starts, "ends_at": ends,
            "place": table.cell(cells, "place")[:60], "lecturers": _lecturers(table.cell(cells, "lecturers")),
            "trainer_org": table.cell(cells, "trainer_org")[:60],
            "trainer_licence": table.cell(cells, "trainer_licence")[:60],
            "syllabus": table.cell(cells, "syllabus").replace("\\n", "\n")[:2000],
            "capacity": int(capacity_text), "materials": table.cell(cells, "materials")[:200]}))
    return rows, refused


def session_id(station_id: str, details: dict[str, Any]) -> str:
    """A county session's id at the station, the same for the same station, start and name."""
    return str(uuid.uuid5(NAMESPACE, f"{station_id}|{details['starts_at']}|{details['title']}"))


def publish_schedule(hub: Hub, data: bytes, *, station: str | None = None, dry_run: bool = False) -> UploadReport:
    """Send each session of the schedule to the station it names (or all to `station`); rows
    that name no known station are refused with their line. Raises FileRefused or
    ValidationError (an unknown `station`)."""
    rows, refused = read_schedule(data)
    fixed, fixed_name = station_target(hub, station) if station else (None, "")
    report = UploadReport(refused=refused)
    now = hub.now()
    with (reading if dry_run else writing)(hub.engine) as conn:
        places, names = station_places(conn)
        for row in rows:
            try:
                if fixed is None and not row.station:
                    raise ValidationError(NO_STATION_COLUMN)
                station_id = fixed or route(places, row.station)
            except UserError as exc:
                report.refused.append((row.line, why(exc)))
                continue
            d = row.details
            report.sent.append((row.line, fixed_name or names[station_id], translate("dashboard", SESSION).format(
                title=d["title"], starts=show(d["starts_at"]), ends=show(d["ends_at"])[-5:], place=d["place"] or "—")))
            if not dry_run:
                publish(conn, TRAINING_SCHEDULED, session_id(station_id, d), d, station_id, now)
    report.refused.sort()
    return report

