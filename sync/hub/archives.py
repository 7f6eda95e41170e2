"""One training session's archive as the county downloads it for the subsidy audit (石城:
"档案不全，不予以补贴"): a zip of a PDF (the session, the county's checklist with what each item
holds, the signed-in roster) and every file the station uploaded for it, named by checklist item.

The checklist is the station's own (`station_app.core.training.documents`, folded on the hub);
here an item counts only when its file reached the hub too. Trainee phones are in the roster
masked: whole numbers are for the auditor's call-backs (`trainee_phones`, each view logged).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from station_app.clock import show
from station_app.core import rosters, training
from station_app.core.identity import mask_phone
from station_app.core.pdf import FONT, register_font
from station_app.core.training import documents
from station_app.db import Store
from station_app.i18n import translate
from sync.hub import audit, evidence
from sync.hub.shadows import Shadows

ZH = "zh_CN"


@dataclass(frozen=True)
class Item:
    """A checklist item as the county sees it: the files recorded, and which reached the hub."""

    kind: str
    label: str  # Chinese
    lecturer: str
    files: tuple[str, ...]
    on_hub: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return bool(self.files) and len(self.on_hub) == len(self.files)


@dataclass(frozen=True)
class Archive:
    session: training.Session
    items: list[Item]
    gaps: list[str]  # Chinese: what keeps it from 齐全 (documents, sign-ins, end, surveys, files not on the hub)
    names: dict[str, str]  # sha256 -> the file's original name at the station

    @property
    def complete(self) -> bool:
        return not self.gaps


def archive(hub: Any, db: Store, station_id: str, session_id: str) -> Archive:
    """A session's archive as the county can check it now (from the station's shadow `db`)."""
    session = training.get_session(db, session_id)
    checklist = training.checklist(db, session_id)
    held = evidence.held(hub, station_id, [d for item in checklist for d in item.files])
    items = [Item(i.kind, translate("training", i.label, ZH), i.lecturer, i.files,
                  tuple(d for d in i.files if d in held)) for i in checklist]
    gaps = [translate("training", g, ZH) for g in training.archive_gaps(db, session_id)]
    absent = sum(len(i.files) - len(i.on_hub) for i in items)
    if absent:
        gaps.append(f"{absent} 个文件还没传到县里")
    names = {d.sha256: d.original_name for d in documents.documents(db, session_id)}
    names.update({p.sha256: p.caption or "现场照片" for p in training.photos(db, session_id)})
    return Archive(session, items, gaps, names)


def _summary_pdf(station: str, a: Archive) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    register_font()
    s = a.session
    text = ParagraphStyle("t", fontName=FONT, fontSize=10, leading=14)
    title = ParagraphStyle("h", fontName=FONT, fontSize=15, leading=20, alignment=1)
    lecturers = "、".join(f"{lec.name}（{lec.credentials}）" if lec.credentials else lec.name for lec in s.lecturers)
    rows: list[list[Any]] = [[Paragraph(x, text) for x in ("档案项目", "状态", "文件")]]
    for i in a.items:
        label = i.label + (f"：{i.lecturer}" if i.lecturer else "")
        state = "齐" if i.complete else ("未传到县" if i.files else "缺")
        rows.append([Paragraph(escape(label), text), Paragraph(state, text),
                     Paragraph(escape("；".join(a.names.get(d, d[:8]) for d in i.files) or "—"), text)])
    table = Table(rows, colWidths=[62 * mm, 22 * mm, 98 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]))
    verdict = "档案齐全" if a.complete else "档案不全：" + "、".join(a.gaps)
    story: list[Any] = [
        Paragraph(escape(f"培训档案：{s.title}"), title), Spacer(1, 4 * mm),
        *(Paragraph(escape(line), text) for line in (
            f"服务站：{station}", f"时间：{show(s.starts_at)} – {show(s.ends_at)[-5:]}　地点：{s.place or '—'}",
            f"培训机构：{s.trainer_org or '—'}（{s.trainer_licence or '—'}）", f"讲师：{lecturers or '—'}",
            f"签到：{s.signed_in} 人次")),
        Spacer(1, 4 * mm), Paragraph(escape(verdict), text), Spacer(1, 3 * mm), table]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm,
                      bottomMargin=14 * mm, title=f"培训档案 {s.title}").build(story)
    return out.getvalue()


def archive_zip(shadows: Shadows, station_id: str, station: str, session_id: str) -> tuple[str, bytes]:
    """(file name, zip bytes): the summary PDF, the roster PDF (phones masked) and every file of
    the archive that reached the hub, in a folder per checklist item. Raises NotFound, FoldError."""
    hub = shadows.hub
    with shadows.view(station_id) as db, tempfile.TemporaryDirectory() as folder:
        a = archive(hub, db, station_id, session_id)
        roster = rosters.write_roster_pdf(db, session_id, Path(folder) / "roster.pdf", masked=True).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("00-档案清单.pdf", _summary_pdf(station, a))
        z.writestr("01-签到名册.pdf", roster)
        for n, item in enumerate(a.items, 2):
            folder_name = f"{n:02d}-{item.label}" + (f"-{item.lecturer}" if item.lecturer else "")
            for digest in item.on_hub:
                found = evidence.fetch(hub, station_id, digest)
                if found is None:
                    continue
                kind, data = found
                suffix = evidence.EXTENSIONS.get(kind) or (".pdf" if data.startswith(b"%PDF-") else ".bin")
                stem = Path(a.names.get(digest, "")).stem or digest[:8]
                z.writestr(f"{folder_name}/{stem}-{digest[:8]}{suffix}", data)
    safe = "".join(ch for ch in a.session.title if ch.isalnum())[:30] or "session"
    return f"培训档案-{safe}.zip", out.getvalue()


@dataclass(frozen=True)
class TraineePhone:
    no: int
    name: str
    village: str
    phone: str
    masked: str


def trainee_phones(shadows: Shadows, station_id: str, station: str, session_id: str, *, who: str
                   ) -> tuple[training.Session, list[TraineePhone]]:
    """The session's trainees with their whole phone numbers, for the auditor's random call-backs;
    the view is written to the audit log (who, which station and session, how many numbers)."""
    with shadows.view(station_id) as db:
        session = training.get_session(db, session_id)
        rows = [TraineePhone(a.no, a.name, a.village, a.phone or "", mask_phone(a.phone))
                for a in training.attendees(db, session_id)]
    audit.record(shadows.hub, who, "trainee_phones.viewed", f"{station} {session.title}",
                 {"station": station_id, "session": session_id, "numbers": len(rows)})
    return session, rows
