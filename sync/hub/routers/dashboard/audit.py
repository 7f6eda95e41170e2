"""The audit log on the dashboard (county admins and auditors): who changed what on the hub and
when, newest first, a page at a time, and the whole log as xlsx or CSV."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

import csv
import io
from html import escape
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from station_app.clock import show
from station_app.core.events import canonical
from station_app.core.spreadsheet import csv_text, put
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import audit, roles
from sync.hub.auth import PageAuditor
from sync.hub.dependencies import HubDep
from sync.hub.pages import NotFoundPage, page, table
from sync.hub.routers.dashboard.exports import download
from sync.hub.store import Hub

router = APIRouter(include_in_schema=False)
PAGE = 200

TITLE = QT_TRANSLATE_NOOP("dashboard", "Audit log")
HEADS = (QT_TRANSLATE_NOOP("dashboard", "When"), QT_TRANSLATE_NOOP("dashboard", "Who"),
         QT_TRANSLATE_NOOP("dashboard", "Role"), QT_TRANSLATE_NOOP("dashboard", "What"),
         QT_TRANSLATE_NOOP("dashboard", "On"), QT_TRANSLATE_NOOP("dashboard", "Details"))
COUNT = QT_TRANSLATE_NOOP("dashboard", "{n} entries, newest first.")
OLDER = QT_TRANSLATE_NOOP("dashboard", "Older")
NEWER = QT_TRANSLATE_NOOP("dashboard", "Newer")
CLI = QT_TRANSLATE_NOOP("dashboard", "command line on the hub")


def _role(role: str) -> str:
    return translate("dashboard", CLI) if role == "cli" else roles.role_name(role)


def _cells(e: audit.AuditEntry) -> list[str]:
    return [show(e.at, seconds=True), e.who, _role(e.role), f"{audit.action_name(e.action)}（{e.action}）", e.target,
            canonical(e.detail)]


@router.get("/dashboard/audit", response_class=HTMLResponse)
def audit_page(request: Request, who: PageAuditor, hub: HubDep) -> HTMLResponse:
    text = request.query_params.get("page", "1")
    page_no = int(text) if text.isdigit() and int(text) > 0 else 1
    found, total = audit.entries(hub, limit=PAGE, offset=(page_no - 1) * PAGE)
    pager = []
    if page_no > 1:
        pager.append(f'<a href="?page={page_no - 1}">{escape(translate("dashboard", NEWER))}</a>')
    if page_no * PAGE < total:
        pager.append(f'<a href="?page={page_no + 1}">{escape(translate("dashboard", OLDER))}</a>')
    body = (f"<h1>{escape(translate('dashboard', TITLE))}</h1><p>{escape(translate('dashboard', COUNT).format(n=total))}"
            f' <a href="/dashboard/audit.xlsx">xlsx</a> <a href="/dashboard/audit.csv">CSV</a></p>'
            + table([translate("dashboard", h) for h in HEADS], [_cells(e) for e in found], wrap=(3, 4, 5))
            + f"<p>{' '.join(pager)}</p>")
    return page(translate("dashboard", TITLE), body, who)


def _all(hub: Hub) -> list[list[str]]:
    found, _ = audit.entries(hub, limit=1_000_000)
    return [_cells(e) for e in found]


def _csv(rows: list[list[str]], path: Path) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([translate("dashboard", h) for h in HEADS])
    writer.writerows([[csv_text(v) for v in row] for row in rows])  # a formula-looking note stays text
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    return path


def _xlsx(rows: list[list[str]], path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = translate("dashboard", TITLE)[:31]
    for col, h in enumerate(HEADS, 1):
        put(ws, 1, col, translate("dashboard", h)).font = Font(bold=True)
    for r, row in enumerate(rows, 2):
        for col, value in enumerate(row, 1):
            put(ws, r, col, value)
    for letter, width in zip("ABCDEF", (20, 16, 10, 22, 30, 60), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    book.save(path)
    return path


@router.get("/dashboard/audit.{fmt}")
def audit_file(fmt: str, _who: PageAuditor, hub: HubDep) -> Response:
    if fmt not in ("xlsx", "csv"):
        raise NotFoundPage("没有这种文件")
    rows = _all(hub)
    return download(lambda p: (_csv if fmt == "csv" else _xlsx)(rows, p), f"audit.{fmt}")
