"""The county's files: the monthly report as xlsx and as an A4 PDF (`county_report.county_month`),
and the quarter's farm-produce subsidy claim list (xlsx).

Stations appear under the names the county registered them with, carriers by their Chinese
names. The totals column covers the stations counted and says how many; a station not counted
(no records on the hub, records the hub cannot fold) has an empty column headed with why. Money
is a number of yuan shown as ¥ (Decimal, never a float).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from station_app.core import reports
from station_app.core.parcels import carrier_name
from station_app.core.report_files import YUAN_FORMAT, sheet_name, yuan
from station_app.core.spreadsheet import put  # text that looks like a formula stays text
from station_app.i18n import QT_TRANSLATE_NOOP, translate

ZH = "zh_CN"
TOTAL_OF = QT_TRANSLATE_NOOP("dashboard", "County total ({covered} of {count} stations)")
COUNTED = QT_TRANSLATE_NOOP("dashboard", "counted")
INCOMPLETE = QT_TRANSLATE_NOOP("dashboard", "counted; records only up to {day}")
NOT_COUNTED = QT_TRANSLATE_NOOP("dashboard", "not counted: {why}")
STATUS_ROW = QT_TRANSLATE_NOOP("dashboard", "Station status")
PROBLEMS_SHEET = QT_TRANSLATE_NOOP("dashboard", "Station problems")
TITLE = QT_TRANSLATE_NOOP("dashboard", "County monthly report {month} ({first} – {last})")
CLOSED_NOTE = QT_TRANSLATE_NOOP("dashboard", "Closed by {who} at {when}: the figures as they stood then.")
SIGN = QT_TRANSLATE_NOOP("dashboard", "Prepared by (signature): ____________    Checked by (signature): ____________"
                                      "    Date: ____________")


def _t(text: str, /, **params: Any) -> str:
    out = translate("dashboard", text)
    return out.format(**params) if params else out


def station_status(s: dict[str, Any]) -> str:
    """A station's column heading note: counted, counted but incomplete, or not counted and why."""
    from station_app.clock import show

    if not s["counted"]:
        return _t(NOT_COUNTED, why=s["why_not"] or "")
    if not s["complete"]:
        return _t(INCOMPLETE, day=show(s["complete_up_to"]) if s["complete_up_to"] else "—")
    return _t(COUNTED)


def total_heading(county: dict[str, Any]) -> str:
    return _t(TOTAL_OF, covered=county["covered"], count=county["station_count"])


def claim_cells(c: dict[str, Any]) -> list[Any]:
    """A subsidy claim as its row: no., station, e-waybill, carrier (Chinese), day, product,
    destination, sender, subsidy (yuan)."""
    return [c["no"], c["station"], c["ewaybill"], carrier_name(c["carrier"]), c["day"], c["product"],
            c["destination"], c["sender"], yuan(c["subsidy_fen"])]


CLAIM_HEADS = ["序号", "服务站", "电子面单号", "快递公司", "日期", "产品", "县外目的地", "寄件人", "补贴"]


def write_county_xlsx(county: dict[str, Any], path: str | Path) -> Path:
    """The county's monthly report as an xlsx: one column per station (its status above) and the
    county total for every figure, then the subsidy claim list, the households served and the
    stations' problems."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    label = reports.label
    book = Workbook()
    ws = book.active
    assert ws is not None
    taken: set[str] = set()
    ws.title = sheet_name("县级月报", taken)
    put(ws, 1, 1, _t(TITLE, month=county["month"], first=county["first_day"], last=county["last_day"])).font = \
        Font(bold=True, size=14)
    closed = county.get("closed")
    if closed:
        put(ws, 2, 1, _t(CLOSED_NOTE, who=closed["closed_by"], when=closed["closed_at"][:16].replace("T", " ")))
    heads = ["类别", "指标", *(s["name"] for s in county["stations"]), total_heading(county)]
    for col, text in enumerate(heads, 1):
        put(ws, 3, col, text).font = Font(bold=True)
    put(ws, 4, 2, _t(STATUS_ROW))
    for col, s in enumerate(county["stations"], 3):
        put(ws, 4, col, station_status(s))
    columns = [s["report"] for s in county["stations"]] + [county["total"]]
    for r, fig in enumerate(reports.FIGURES, 5):
        put(ws, r, 1, label(reports.SECTIONS[fig.section], ZH))
        put(ws, r, 2, label(fig.label, ZH))
        for col, rep in enumerate(columns, 3):
            value = fig.value(rep) if rep else None  # a station not counted: an empty column
            cell = put(ws, r, col, yuan(value) if fig.kind == "fen" and value is not None else value)
            if fig.kind == "fen":
                cell.number_format = YUAN_FORMAT
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 18, 36
    ws.freeze_panes = "C5"

    claims = book.create_sheet(sheet_name("农产品出县补贴申报", taken))
    for col, text in enumerate(CLAIM_HEADS, 1):
        put(claims, 1, col, text).font = Font(bold=True)
    rows = county["total"]["farm_subsidy"]["claims"] if county["total"] else []
    for r, c in enumerate(rows, 2):
        for col, v in enumerate(claim_cells(c), 1):
            cell = put(claims, r, col, v)
        cell.number_format = YUAN_FORMAT
    end = len(rows) + 2
    put(claims, end, 1, f"合计：{len(rows)} 单").font = Font(bold=True)
    total_cell = put(claims, end, 9, yuan(sum(c["subsidy_fen"] for c in rows)))
    total_cell.number_format = YUAN_FORMAT
    claims.freeze_panes = "A2"

    homes = book.create_sheet(sheet_name("建档立卡贫困户服务", taken))
    home_heads = ["服务站", "户号", "人员", "村", *(label(t, ZH) for t in reports.POVERTY_SERVICES.values()),
                  "次数", "金额"]
    for col, text in enumerate(home_heads, 1):
        put(homes, 1, col, text).font = Font(bold=True)
    for r, h in enumerate(county["total"]["poverty"]["list"] if county["total"] else [], 2):
        values = [h["station"], h["household_no"], h["names"], h["village"],
                  *(h["services"][k] for k in reports.POVERTY_SERVICES), h["times"], yuan(h["amount_fen"])]
        for col, v in enumerate(values, 1):
            cell = put(homes, r, col, v)
        cell.number_format = YUAN_FORMAT
    homes.freeze_panes = "A2"

    problems = book.create_sheet(sheet_name(_t(PROBLEMS_SHEET), taken))
    for col, text in enumerate(["服务站", "状态", "问题", "怎么办"], 1):
        put(problems, 1, col, text).font = Font(bold=True)
    r = 2
    for s in county["stations"]:
        for p in s["problems"] or [{"text": "", "todo": ""}]:
            put(problems, r, 1, s["name"])
            put(problems, r, 2, station_status(s))
            put(problems, r, 3, p["text"])
            put(problems, r, 4, p["todo"])
            r += 1
    for letter, width in zip("ABCD", (22, 30, 50, 60), strict=True):
        problems.column_dimensions[letter].width = width
    path = Path(path)
    book.save(path)
    return path


def write_claims_xlsx(claims: list[dict[str, Any]], quarter: str, path: str | Path) -> Path:
    """A quarter's farm-produce subsidy claim list for the whole county (domain b8)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = f"{quarter} 补贴申报"
    put(ws, 1, 1, f"农产品出县快递补贴申报清单 {quarter}").font = Font(bold=True, size=14)
    heads = ["序号", "服务站", "电子面单号", "快递公司", "日期", "产品", "县外目的地", "寄件人", "回执号", "补贴"]
    for col, text in enumerate(heads, 1):
        put(ws, 3, col, text).font = Font(bold=True)
    for r, c in enumerate(claims, 4):
        values = [r - 3, c["station"], c["ewaybill"], carrier_name(c["carrier"]), c["day"], c["product"],
                  c["destination"], c["sender"], c["receipt_no"], yuan(c["subsidy_fen"])]
        for col, v in enumerate(values, 1):
            cell = put(ws, r, col, v)
        cell.number_format = YUAN_FORMAT
    end = len(claims) + 4
    put(ws, end, 1, f"合计：{len(claims)} 单").font = Font(bold=True)
    cell = put(ws, end, 10, yuan(sum(c["subsidy_fen"] for c in claims)))
    cell.number_format = YUAN_FORMAT
    ws.freeze_panes = "A4"
    path = Path(path)
    book.save(path)
    return path


#: the figures of the per-station table in the PDF (it must fit an A4 page across)
PDF_STATION_FIGURES = (("parcels", "arrived"), ("parcels", "sent"), ("farm_subsidy", "parcels"),
                       ("farm_subsidy", "claim_fen"), ("bills", "paid_fen"), ("consignment", "amount_fen"),
                       ("training", "person_times"), ("poverty", "households"))


def write_county_pdf(county: dict[str, Any], path: str | Path) -> Path:
    """The county's monthly report as an A4 PDF for signing and filing: what the totals cover,
    the county figures by section, a row per station with its main figures and status, the
    stations' problems, the subsidy claim list and the signature lines."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from station_app.core.pdf import FONT, numbered_canvas, register_font

    register_font()
    label = reports.label
    title = _t(TITLE, month=county["month"], first=county["first_day"], last=county["last_day"])
    canvas = numbered_canvas(label(QT_TRANSLATE_NOOP("reports", "Page {page} of {pages}")), title, 15)
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.5)
    right = ParagraphStyle("right", parent=cell, alignment=2)
    h2 = ParagraphStyle("h2", parent=body, fontSize=11, leading=15, spaceBefore=4, spaceAfter=2)

    def table(rows: list[list[str]], widths: list[float], numbers_from: int = 1) -> Table:
        data = [[Paragraph(escape(str(v)), right if c >= numbers_from and i else cell) for c, v in enumerate(row)]
                for i, row in enumerate(rows)]
        t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.93, 0.96)),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        return t

    total = county["total"]
    story: list[Any] = [Paragraph(escape(title), ParagraphStyle("t", fontName=FONT, fontSize=15, leading=19,
                                                                 alignment=1)), Spacer(1, 2 * mm),
                        Paragraph(escape(total_heading(county)), ParagraphStyle("c", parent=body, alignment=1))]
    closed = county.get("closed")
    if closed:
        story.append(Paragraph(escape(_t(CLOSED_NOTE, who=closed["closed_by"],
                                         when=closed["closed_at"][:16].replace("T", " "))), body))
    for item in county["not_counted"]:
        story.append(Paragraph(escape(f"{item['name']}：{_t(NOT_COUNTED, why=item['why'] or '')}"), body))
    story.append(Spacer(1, 3 * mm))
    head = [label("Figure", ZH), label("Value", ZH)]
    for section, section_label in reports.SECTIONS.items():
        rows = [head] + [[label(f.label, ZH), reports.show_value(f.kind, f.value(total)) if total else "—"]
                         for f in reports.FIGURES if f.section == section]
        story.append(KeepTogether([Paragraph(escape(label(section_label, ZH)), h2), table(rows, [120, 60])]))

    figures = {(f.section, f.key): f for f in reports.FIGURES}
    story.append(Paragraph(escape(_t(QT_TRANSLATE_NOOP("dashboard", "Stations"))), h2))
    rows = [["服务站", *(label(figures[k].label, ZH) for k in PDF_STATION_FIGURES), "状态"]]
    for s in county["stations"]:
        rep = s["report"]
        rows.append([s["name"], *(reports.show_value(figures[k].kind, figures[k].value(rep)) if rep else "—"
                                  for k in PDF_STATION_FIGURES), station_status(s)])
    story.append(table(rows, [26, 15, 15, 17, 18, 20, 20, 15, 15, 39]))

    problems = [(s["name"], p) for s in county["stations"] for p in s["problems"]]
    if problems:
        story.append(Paragraph(escape(_t(PROBLEMS_SHEET)), h2))
        story.append(table([["服务站", "问题", "怎么办"]] + [[n, p["text"], p["todo"]] for n, p in problems],
                           [30, 70, 80], numbers_from=99))

    claims = total["farm_subsidy"]["claims"] if total else []
    story.append(Paragraph(escape(label("Farm-produce outbound subsidy claim", ZH)), h2))
    rows = [[CLAIM_HEADS[i] for i in (0, 1, 2, 3, 4, 6, 8)]]
    for c in claims:
        cells = claim_cells(c)
        rows.append([str(cells[i]) for i in (0, 1, 2, 3, 4, 6)] + [reports.show_value("fen", c["subsidy_fen"])])
    rows.append(["", label("Total", ZH), f"{len(claims)} 单", "", "", "",
                 reports.show_value("fen", sum(c["subsidy_fen"] for c in claims))])
    story.append(table(rows, [10, 28, 34, 18, 20, 50, 20], numbers_from=6))
    story += [Spacer(1, 10 * mm), Paragraph(escape(_t(SIGN)), body)]
    path = Path(path)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=title, author="县级电商服务中心")
    doc.build(story, canvasmaker=canvas)
    return path
