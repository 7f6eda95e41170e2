"""The sign-in roster (签到名册) of a training session, as the county's subsidy audit wants it:
an A4 PDF to print and sign, and an xlsx with the same rows.

Columns: 序号, 姓名, 性别, 身份证号 (masked), 手机号, 村, 类别, 签到时间, 签名 (left empty for
the trainee's signature on paper), 满意度 (the overall survey score, 1-5).

Phone numbers are printed in full on purpose: the roster goes to the county, whose
evaluators phone trainees at random to check they attended (太湖县 2021), so a masked
number would make the roster useless for the audit. ID numbers are only ever stored
masked, so they are masked here too. Pass `masked=True` for a copy to post on a wall.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from station_app.clock import local, parse_iso, show
from station_app.core import people, training
from station_app.core.identity import mask_phone
from station_app.core.pdf import FONT, numbered_canvas, register_font
from station_app.core.spreadsheet import put
from station_app.db import Store
from station_app.i18n import QT_TRANSLATE_NOOP, translate

#: row of the column headings in the xlsx sheet (title and session line above it)
XLSX_HEADER_ROW = 4
COLUMNS = (
    QT_TRANSLATE_NOOP("roster", "No."),
    QT_TRANSLATE_NOOP("roster", "Name"),
    QT_TRANSLATE_NOOP("roster", "Sex"),
    QT_TRANSLATE_NOOP("roster", "ID number"),
    QT_TRANSLATE_NOOP("roster", "Phone"),
    QT_TRANSLATE_NOOP("roster", "Village"),
    QT_TRANSLATE_NOOP("roster", "Category"),
    QT_TRANSLATE_NOOP("roster", "Sign-in time"),
    QT_TRANSLATE_NOOP("roster", "Signature"),
    QT_TRANSLATE_NOOP("roster", "Satisfaction"),
)
#: the xlsx has one more column after these: when the trainee signed out
SIGNED_OUT = QT_TRANSLATE_NOOP("roster", "Sign-out time")
_HEADING = {
    "station": QT_TRANSLATE_NOOP("roster", "Station"),
    "trainees": QT_TRANSLATE_NOOP("roster", "Trainees"),
    "time": QT_TRANSLATE_NOOP("roster", "Time"),
    "place": QT_TRANSLATE_NOOP("roster", "Place"),
    "trainer": QT_TRANSLATE_NOOP("roster", "Trainer"),
    "lecturers": QT_TRANSLATE_NOOP("roster", "Lecturers"),
}
# widths in mm on A4 portrait (186 mm between 12 mm margins)
_WIDTHS_MM = (9, 17, 8, 31, 22, 20, 26, 21, 20, 12)


@dataclass(frozen=True)
class RosterRow:
    no: int
    name: str
    sex: str
    id_masked: str
    phone: str
    village: str
    category: str
    signed_in: str
    signature: str
    satisfaction: str
    signed_out: str

    def cells(self) -> list[str]:
        """The printed columns, in `COLUMNS` order."""
        return [str(self.no), self.name, self.sex, self.id_masked, self.phone, self.village, self.category,
                self.signed_in, self.signature, self.satisfaction]


def _time(text: str | None) -> str:
    return local(parse_iso(text)).strftime("%m-%d %H:%M") if text else ""


def roster_rows(db: Store, session_id: str, *, masked: bool = False) -> list[RosterRow]:
    """The roster in sign-in order, as the files show it (texts in the station language)."""
    rows = []
    for a in training.attendees(db, session_id):
        rows.append(RosterRow(
            no=a.no, name=a.name, sex=translate("people", people.SEXES[a.sex]) if a.sex in people.SEXES else "",
            id_masked=a.id_masked, phone=mask_phone(a.phone) if masked else a.phone, village=a.village,
            category=_category(a.category),
            signed_in=_time(a.signed_in_at), signature="", satisfaction=str(a.overall) if a.overall else "",
            signed_out=_time(a.signed_out_at)))
    return rows


def _heading(db: Store, session: training.Session) -> tuple[str, list[str]]:
    """The roster's title and the lines describing the session."""
    station = db.value("SELECT name FROM station") or ""
    label = {key: translate("roster", text) for key, text in _HEADING.items()}
    title = translate("roster", "Training sign-in roster") + "：" + session.title
    lecturers = "、".join(f"{lec.name}（{lec.credentials}）" if lec.credentials else lec.name for lec in session.lecturers)
    trainer = session.trainer_org + (f"（{session.trainer_licence}）" if session.trainer_licence else "")
    gap = "\u3000\u3000"  # ideographic spaces: a PDF paragraph would collapse ordinary ones
    lines = [
        f"{label['station']}：{station}{gap}{label['trainees']}：{_category(session.category)}",
        f"{label['time']}：{show(session.starts_at)}-{show(session.ends_at)[-5:]}{gap}{label['place']}：{session.place}",
        f"{label['trainer']}：{trainer}{gap}{label['lecturers']}：{lecturers}",
    ]
    return title, lines


def _category(code: str) -> str:
    return translate("training", training.CATEGORIES.get(code, code))


def write_roster_xlsx(db: Store, session_id: str, path: str | Path, *, masked: bool = False) -> Path:
    """The roster as an xlsx: title, session line, headings in row `XLSX_HEADER_ROW`, one row
    per sign-in, then a second sheet with the session's archive details."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    session = training.get_session(db, session_id)
    title, lines = _heading(db, session)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = translate("roster", "Roster")
    headers = [translate("roster", c) for c in COLUMNS] + [translate("roster", SIGNED_OUT)]
    put(sheet, 1, 1, title).font = Font(bold=True, size=14)
    put(sheet, 2, 1, "\u3000\u3000".join(lines))
    for col, text in enumerate(headers, 1):
        cell = put(sheet, XLSX_HEADER_ROW, col, text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for r, row in enumerate(roster_rows(db, session_id, masked=masked), XLSX_HEADER_ROW + 1):
        for col, value in enumerate([*row.cells(), row.signed_out], 1):
            put(sheet, r, col, row.no if col == 1 else value)
    for col, width in enumerate((6, 10, 6, 22, 14, 12, 16, 13, 14, 8, 13), 1):
        sheet.column_dimensions[chr(64 + col)].width = width
    sheet.freeze_panes = sheet.cell(XLSX_HEADER_ROW + 1, 1)

    info = book.create_sheet(translate("roster", "Session details"))
    details: list[tuple[str, str | int]] = [
        (translate("roster", "Session title"), session.title),
        (translate("roster", "Trainees"), _category(session.category)),
        (translate("roster", "Time"), f"{show(session.starts_at)} – {show(session.ends_at)}"),
        (translate("roster", "Place"), session.place),
        (translate("roster", "Trainer"), session.trainer_org),
        (translate("roster", "Trainer licence"), session.trainer_licence),
        *((translate("roster", "Lecturer"), f"{lec.name}：{lec.credentials}") for lec in session.lecturers),
        (translate("roster", "Syllabus"), session.syllabus),
        (translate("roster", "Materials"), session.materials),
        (translate("roster", "Capacity"), session.capacity),
        (translate("roster", "Signed in"), session.signed_in),
        *((translate("roster", "Photo"), p.file) for p in training.photos(db, session_id)),
    ]
    for r, (key, detail) in enumerate(details, 1):
        put(info, r, 1, key).font = Font(bold=True)
        put(info, r, 2, detail)
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 80
    path = Path(path)
    book.save(path)
    return path


def write_roster_pdf(db: Store, session_id: str, path: str | Path, *, masked: bool = False) -> Path:
    """The roster as an A4 PDF to print and sign: the session's details on the first page, the
    column headings repeated on every page, "page x of y" at the foot, rows tall enough for a
    signature. Any number of trainees (paged)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    register_font()
    session = training.get_session(db, session_id)
    title, lines = _heading(db, session)
    page_of = translate("roster", "Page {page} of {pages}")

    NumberedCanvas = numbered_canvas(page_of, title, 12)

    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, alignment=1)
    data: list[list[Any]] = [[Paragraph(escape(translate("roster", c)), head) for c in COLUMNS]]
    for row in roster_rows(db, session_id, masked=masked):
        data.append([Paragraph(escape(text), cell) for text in row.cells()])
    table = Table(data, colWidths=[w * mm for w in _WIDTHS_MM], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        # tall rows: room for a handwritten signature
        ("TOPPADDING", (0, 1), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 8),
    ]))
    story: list[Any] = [
        Paragraph(escape(title), ParagraphStyle("title", fontName=FONT, fontSize=14, leading=18, alignment=1)),
        Spacer(1, 3 * mm),
        *(Paragraph(escape(line), ParagraphStyle("info", fontName=FONT, fontSize=9, leading=13)) for line in lines),
        Spacer(1, 3 * mm),
        table,
    ]
    path = Path(path)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=title, author=db.value("SELECT name FROM station") or "")
    doc.build(story, canvasmaker=NumberedCanvas)
    return path
