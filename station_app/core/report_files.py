"""The monthly report as files: xlsx (openpyxl) and an A4 PDF (reportlab, Chinese through the
built-in CID font, so no font file is needed), from the `MonthlyReport` of `core.reports.monthly_report`.

In the xlsx every figure on the summary sheet links to a sheet of the rows behind it, which
ends with a total row; money is a number of yuan shown as ¥ (never a float: Decimal), so a
checker can add it up again. The PDF is for signing and filing: the figures, the bills per
biller, the poverty-register households per service and the subsidy claim list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from station_app.core import reports
from station_app.core.money import format_fen
from station_app.core.pdf import FONT, numbered_canvas, register_font
from station_app.core.report_rows import SUBSIDY_COLUMNS, Sheet, all_evidence, subsidy_row
from station_app.core.report_types import MonthlyReport
from station_app.core.reports import FIGURES, POVERTY_SERVICES, SECTIONS, label
from station_app.core.spreadsheet import put
from station_app.db import Store
from station_app.i18n import QT_TRANSLATE_NOOP

YUAN_FORMAT = '"¥"#,##0.00;-"¥"#,##0.00'
TITLE = QT_TRANSLATE_NOOP("reports", "Monthly station report")
TOTAL = QT_TRANSLATE_NOOP("reports", "Total")
ROWS = QT_TRANSLATE_NOOP("reports", "{count} rows")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def yuan(fen: int | float) -> Decimal:
    """Fen as an exact number of yuan for a spreadsheet cell (a float figure is cut to whole fen)."""
    return Decimal(int(fen)).scaleb(-2)


def heading(report: MonthlyReport) -> tuple[str, str]:
    """The report's title and its station line."""
    st = report["station"]
    where = "，".join(x for x in (st["village"], st["county"]) if x)
    return (f"{label(TITLE)} {report['month']}",
            f"{st['name']}" + (f"（{where}）" if where else "") + f"  {report['first_day']} – {report['last_day']}")


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique xlsx sheet name (31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub(" ", text)[:31].strip() or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" {n}"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _cell_value(kind: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if kind == "fen":
        return yuan(value)
    return value


def _number_format(kind: str) -> str | None:
    return {"fen": YUAN_FORMAT, "pct": '0.0"%"', "hours": '0.0" h"'}.get(kind)


def write_sheet(book: Any, sheet: Sheet, name: str) -> Any:
    """One evidence sheet: headings in row 1, a row per record, a total row at the end."""
    from openpyxl.styles import Font

    ws = book.create_sheet(name)
    for col, column in enumerate(sheet.columns, 1):
        put(ws, 1, col, label(column.label)).font = Font(bold=True)
        ws.column_dimensions[ws.cell(1, col).column_letter].width = 20 if column.kind == "text" else 14
    for r, row in enumerate(sheet.rows, 2):
        for col, (column, value) in enumerate(zip(sheet.columns, row, strict=True), 1):
            cell = put(ws, r, col, _cell_value(column.kind, value))
            fmt = _number_format(column.kind)
            if fmt and cell.value is not None:
                cell.number_format = fmt
    end = len(sheet.rows) + 2
    put(ws, end, 1, f"{label(TOTAL)}：" + label(ROWS).format(count=len(sheet.rows))).font = Font(bold=True)
    for col, column in enumerate(sheet.columns, 1):
        if column.kind == "fen" and column.summed and col > 1:
            cell = put(ws, end, col, yuan(sheet.total(column.label)))
            cell.number_format = YUAN_FORMAT
            cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    return ws


def write_monthly_xlsx(report: MonthlyReport, sheets: list[Sheet], path: str | Path) -> Path:
    """The monthly report as an xlsx: the summary (each figure linked to its rows), the bills
    per biller, then one sheet per evidence list."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    assert summary is not None
    taken: set[str] = set()
    summary.title = sheet_name(label(TITLE), taken)
    names = {s.key: sheet_name(label(s.title), taken) for s in sheets}
    by_key = {s.key: s for s in sheets}
    title, line = heading(report)
    put(summary, 1, 1, title).font = Font(bold=True, size=14)
    put(summary, 2, 1, line)
    headers = [QT_TRANSLATE_NOOP("reports", "Section"), QT_TRANSLATE_NOOP("reports", "Figure"),
               QT_TRANSLATE_NOOP("reports", "Value"), QT_TRANSLATE_NOOP("reports", "Rows behind it")]
    for col, text in enumerate(headers, 1):
        put(summary, 4, col, label(text)).font = Font(bold=True)
    r = 5
    for fig in FIGURES:
        put(summary, r, 1, label(SECTIONS[fig.section]))
        put(summary, r, 2, label(fig.label))
        cell = put(summary, r, 3, _cell_value(fig.kind, fig.value(report)))
        fmt = _number_format(fig.kind)
        if fmt and cell.value is not None:
            cell.number_format = fmt
        if fig.sheet in names:
            link = put(summary, r, 4, f"{names[fig.sheet]}（{label(ROWS).format(count=len(by_key[fig.sheet].rows))}）")
            link.hyperlink = f"#'{names[fig.sheet]}'!A1"
            link.font = Font(color="0563C1", underline="single")
        r += 1
    for letter, width in zip("ABCD", (22, 40, 16, 40), strict=True):
        summary.column_dimensions[letter].width = width
    summary.freeze_panes = "A5"

    billers = book.create_sheet(sheet_name(label(BILLERS), taken))
    _write_billers(billers, report)
    for s in sheets:
        write_sheet(book, s, names[s.key])
    path = Path(path)
    book.save(path)
    return path


BILLERS = QT_TRANSLATE_NOOP("reports", "Bills by biller")
BILLER_COLUMNS = (
    (QT_TRANSLATE_NOOP("reports", "Biller"), "biller_name", "text"),
    (QT_TRANSLATE_NOOP("reports", "Bills accepted"), "accepted", "count"),
    (QT_TRANSLATE_NOOP("reports", "Amount accepted"), "accepted_fen", "fen"),
    (QT_TRANSLATE_NOOP("reports", "Bills paid"), "paid", "count"),
    (QT_TRANSLATE_NOOP("reports", "Amount paid"), "paid_fen", "fen"),
    (QT_TRANSLATE_NOOP("reports", "Bills failed"), "failed", "count"),
    (QT_TRANSLATE_NOOP("reports", "Bills refunded"), "refunded", "count"),
    (QT_TRANSLATE_NOOP("reports", "Fees taken"), "fees_fen", "fen"),
    (QT_TRANSLATE_NOOP("reports", "Commission"), "commission_fen", "fen"),
)


def biller_rows(report: MonthlyReport) -> list[list[Any]]:
    """The bills table, one row per biller and a total row (values raw: fen as int)."""
    lines: list[Mapping[str, Any]] = [*report["bills"]["billers"]]
    total: dict[str, Any] = {**report["bills"], "biller_name": label(TOTAL)}
    return [[line[key] for _, key, _ in BILLER_COLUMNS] for line in [*lines, total]]


def _write_billers(ws: Any, report: MonthlyReport) -> None:
    from openpyxl.styles import Font

    for col, (text, _, _) in enumerate(BILLER_COLUMNS, 1):
        put(ws, 1, col, label(text)).font = Font(bold=True)
        ws.column_dimensions[ws.cell(1, col).column_letter].width = 16
    for r, row in enumerate(biller_rows(report), 2):
        for col, ((_, _, kind), value) in enumerate(zip(BILLER_COLUMNS, row, strict=True), 1):
            cell = put(ws, r, col, _cell_value(kind, value))
            if kind == "fen":
                cell.number_format = YUAN_FORMAT
    ws.freeze_panes = "A2"


# -- PDF ----------------------------------------------------------------------------------------


def write_monthly_pdf(report: MonthlyReport, path: str | Path) -> Path:
    """The monthly report as an A4 PDF: figures by section, bills per biller, poverty-register
    households per service, the subsidy claim list (headings repeated on every page), page
    numbers and lines for the keeper's signature."""
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

    register_font()
    title, line = heading(report)
    page_of = label(QT_TRANSLATE_NOOP("reports", "Page {page} of {pages}"))

    NumberedCanvas = numbered_canvas(page_of, f"{title}  {report['station']['name']}", 15)

    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10)
    right = ParagraphStyle("right", parent=cell, alignment=2)
    h2 = ParagraphStyle("h2", parent=body, fontSize=11, leading=15, spaceBefore=4, spaceAfter=2)

    def table(rows: list[list[str]], widths: list[float], *, numbers_from: int = 1, repeat: bool = True) -> Table:
        data = [[Paragraph(escape(str(v)), right if c >= numbers_from and i else cell) for c, v in enumerate(row)]
                for i, row in enumerate(rows)]
        t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1 if repeat else 0)
        t.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.93, 0.96)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]))
        return t

    story: list[Any] = [
        Paragraph(escape(title), ParagraphStyle("title", fontName=FONT, fontSize=16, leading=20, alignment=1)),
        Spacer(1, 2 * mm), Paragraph(escape(line), ParagraphStyle("line", parent=body, alignment=1)), Spacer(1, 4 * mm)]
    head = [label(QT_TRANSLATE_NOOP("reports", "Figure")), label(QT_TRANSLATE_NOOP("reports", "Value"))]
    for section, section_label in SECTIONS.items():
        rows = [head] + [[label(f.label), reports.show_value(f.kind, f.value(report))]
                         for f in FIGURES if f.section == section]
        block: list[Any] = [Paragraph(escape(label(section_label)), h2), table(rows, [120, 60], repeat=False)]
        if section == "bills" and report["bills"]["billers"]:
            cols = [0, 1, 2, 3, 4, 5, 7]
            rows = [[label(BILLER_COLUMNS[c][0]) for c in cols]]
            for values in biller_rows(report):
                rows.append([reports.show_value(BILLER_COLUMNS[c][2], values[c]) for c in cols])
            block += [Spacer(1, 2 * mm), table(rows, [34, 20, 28, 20, 28, 20, 24])]
        if section == "poverty":
            rows = [[label(QT_TRANSLATE_NOOP("reports", "Service")), label(QT_TRANSLATE_NOOP("reports", "Households")),
                     label(QT_TRANSLATE_NOOP("reports", "Times"))]]
            for key, text in POVERTY_SERVICES.items():
                served = report["poverty"]["by_service"][key]
                rows.append([label(text), str(served["households"]), str(served["times"])])
            block += [Spacer(1, 2 * mm), table(rows, [80, 40, 40])]
        story.append(KeepTogether(block))

    claims = report["farm_subsidy"]["claims"]
    story += [Spacer(1, 3 * mm),
              Paragraph(escape(label(QT_TRANSLATE_NOOP("reports", "Farm-produce outbound subsidy claim"))), h2)]
    cols = [0, 1, 3, 4, 5, 8]
    rows = [[label(SUBSIDY_COLUMNS[c].label) for c in cols]]
    for claim in claims:
        values = subsidy_row(claim)
        rows.append([reports.show_value(SUBSIDY_COLUMNS[c].kind, values[c]) for c in cols])
    rows.append(["", label(TOTAL), "", "", label(QT_TRANSLATE_NOOP("reports", "{count} parcels × {rate}")).format(
        count=len(claims), rate=format_fen(report["farm_subsidy"]["fen_per_parcel"])),
        format_fen(report["farm_subsidy"]["claim_fen"])])
    story.append(table(rows, [10, 36, 20, 40, 56, 18], numbers_from=5))
    story += [Spacer(1, 10 * mm), Paragraph(escape(label(QT_TRANSLATE_NOOP(
        "reports", "Station keeper (signature): ____________    County checker (signature): ____________    "
                   "Date: ____________"))), body)]
    path = Path(path)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=title, author=report["station"]["name"])
    doc.build(story, canvasmaker=NumberedCanvas)
    return path


def write_monthly(db: Store, month: str, path: str | Path, fmt: str) -> Path:
    """Write the monthly report of `month` to `path` as xlsx, pdf or json."""
    import json

    report = reports.monthly_report(db, month)
    if fmt == "xlsx":
        return write_monthly_xlsx(report, all_evidence(db, month), path)
    if fmt == "pdf":
        return write_monthly_pdf(report, path)
    if fmt == "json":
        path = Path(path)
        path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        return path
    raise ValueError(f"unknown report format {fmt!r}")
