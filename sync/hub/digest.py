"""The daily digest: every station on one day as the county office checks it each morning —
last contact, last upload, how many records arrived that day and how many are dated that day,
how far its records are complete, and its problems (red first). On /dashboard/digest, as xlsx or
CSV, with `station-hub digest`, and at `GET /county/digest`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import and_, func, select

from station_app.clock import SHANGHAI, iso, show
from station_app.core.spreadsheet import csv_text, put
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.db import events, reading
from sync.hub.health import RED, station_health
from sync.hub.store import Hub

HEADS = (QT_TRANSLATE_NOOP("dashboard", "Station"), QT_TRANSLATE_NOOP("dashboard", "Village"),
         QT_TRANSLATE_NOOP("dashboard", "Needs attention"), QT_TRANSLATE_NOOP("dashboard", "Last contact"),
         QT_TRANSLATE_NOOP("dashboard", "Last upload"), QT_TRANSLATE_NOOP("dashboard", "Records received that day"),
         QT_TRANSLATE_NOOP("dashboard", "Records dated that day"),
         QT_TRANSLATE_NOOP("dashboard", "Records complete up to"), QT_TRANSLATE_NOOP("dashboard", "Problems"),
         QT_TRANSLATE_NOOP("dashboard", "What to do"))
YES = QT_TRANSLATE_NOOP("dashboard", "yes")
TITLE = QT_TRANSLATE_NOOP("dashboard", "Daily digest {day}")


@dataclass(frozen=True)
class DigestRow:
    station: str
    village: str
    red: bool
    last_contact: str | None
    last_upload: str | None
    received: int
    dated: int
    complete_up_to: str | None
    problems: list[str]
    todo: list[str]

    def cells(self) -> list[str | int]:
        return [self.station, self.village, translate("dashboard", YES) if self.red else "",
                show(self.last_contact) if self.last_contact else "从未", show(self.last_upload) if self.last_upload
                else "从未", self.received, self.dated, show(self.complete_up_to) if self.complete_up_to else "—",
                "；".join(self.problems), "；".join(self.todo)]


def digest(hub: Hub, day: date) -> list[DigestRow]:
    """Every station on `day` (a Shanghai day), stations needing attention first."""
    start = datetime.combine(day, time(), SHANGHAI)
    low, high = iso(start), iso(start + timedelta(days=1))
    with reading(hub.engine) as conn:
        received: dict[str, int] = dict(conn.execute(select(events.c.station_id, func.count()).where(and_(
            events.c.received_at >= low, events.c.received_at < high)).group_by(events.c.station_id)).all())
        dated: dict[str, int] = dict(conn.execute(select(events.c.station_id, func.count()).where(events.c.day == day.isoformat())
                                  .group_by(events.c.station_id)).all())
    out = [DigestRow(h.name, h.village, h.red, h.last_contact, h.last_upload, int(received.get(h.id, 0)),
                     int(dated.get(h.id, 0)), h.complete_up_to, [p.text for p in h.problems],
                     [p.todo for p in h.problems if p.level == RED])
           for h in station_health(hub)]
    return sorted(out, key=lambda r: (not r.red, r.station))


def heads() -> list[str]:
    return [translate("dashboard", h) for h in HEADS]


def write_csv(rows: list[DigestRow], path: str | Path) -> Path:
    """The digest as CSV (UTF-8 with BOM, so Excel reads the Chinese)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(heads())
    for r in rows:
        writer.writerow([csv_text(v) for v in r.cells()])  # a station's name or note stays text
    path = Path(path)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    return path


def write_xlsx(rows: list[DigestRow], day: date, path: str | Path) -> Path:
    """The digest as an xlsx: a title row, the headings, a row per station (red ones in red)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = day.isoformat()
    put(ws, 1, 1, translate("dashboard", TITLE).format(day=day.isoformat())).font = Font(bold=True, size=14)
    for col, text in enumerate(heads(), 1):
        put(ws, 3, col, text).font = Font(bold=True)
    red = PatternFill("solid", fgColor="FDECEA")
    for r, row in enumerate(rows, 4):
        for col, value in enumerate(row.cells(), 1):
            cell = put(ws, r, col, value)
            if row.red:
                cell.fill = red
    for letter, width in zip("ABCDEFGHIJ", (22, 12, 8, 18, 18, 10, 10, 18, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "B4"
    path = Path(path)
    book.save(path)
    return path
