"""The month's figures: the county overview with a row per station, one station's month, and
the records behind every number (a page per sheet of `station_app.core.report_rows`, for one
station or the whole county).

The figures come from `sync.hub.reports.Shadows`: the stations' own report code run on their
events, so they equal the station's own monthly report to the fen.
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from html import escape
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from station_app.core import report_rows, reports
from station_app.core.money import format_fen
from sync.hub.auth import DashboardUser
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.pages import (
    NotFoundPage,
    cell,
    label,
    link,
    month_form,
    page,
    show_value,
    table,
    when,
)
from sync.hub.reports import Shadows
from sync.hub.routers.dashboard.scope import PAGE_ROWS, month_param, station_row
from sync.hub.store import Hub

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: the figures in the overview's station table: (section, key)
OVERVIEW = (("parcels", "arrived"), ("parcels", "sent"), ("farm_subsidy", "parcels"), ("farm_subsidy", "claim_fen"),
            ("bills", "paid_fen"), ("consignment", "amount_fen"), ("training", "person_times"),
            ("poverty", "households"))
FIGURE = {(f.section, f.key): f for f in reports.FIGURES}


def records_href(month: str, key: str, station_id: str | None) -> str:
    """The records behind a figure: one station's, or the county's (`station_id` None)."""
    base = f"/dashboard/stations/{quote(station_id)}/records/{key}" if station_id else f"/dashboard/records/{key}"
    return f"{base}?{urlencode({'month': month})}"


@router.get("/dashboard")
def overview(request: Request, who: DashboardUser, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    month = month_param(request, hub)
    county = shadows.county(month)
    total = county["total"]
    cards = []
    for section, key in OVERVIEW:
        fig = FIGURE[(section, key)]
        href = records_href(month, fig.sheet, None) if fig.sheet else None
        value = escape(show_value(fig.kind, fig.value(total)) if total else "0")
        number = f'<a class="n" href="{escape(href)}">{value}</a>' if href else f'<b class="n">{value}</b>'
        cards.append(f'<div class="card"><small>{escape(label(fig.label))}</small>{number}</div>')
    rows = []
    for s in county["stations"]:
        warn = "<br>".join(escape(w) for w in s["warnings"])
        cells = [link(s["name"], f"/dashboard/stations/{quote(s['hub_id'])}?month={month}") +
                 f'<br><small class="muted">{escape(s["village"])}</small>',
                 escape(when(s["last_push_at"])), f'<span class="{"warn" if warn else "ok"}">{warn or "无"}</span>']
        for section, key in OVERVIEW:
            fig = FIGURE[(section, key)]
            if s["report"] is None:
                cells.append("—")
                continue
            text = show_value(fig.kind, fig.value(s["report"]))
            cells.append(link(text, records_href(month, fig.sheet, s["hub_id"]) if fig.sheet else None))
        rows.append(cells)
    headers = ["服务站", "最后同步", "警告", *(label(FIGURE[k].label) for k in OVERVIEW)]
    export = f'<a href="/dashboard/export/monthly.xlsx?month={month}">导出全县月报（xlsx）</a>'
    body = (f"<h1>全县月报 {month}</h1>{month_form('/dashboard', month, export)}"
            f'<div class="cards">{"".join(cards)}</div><h2>各服务站</h2>'
            f"{table(headers, rows, numeric=range(3, 3 + len(OVERVIEW)), raw=True)}"
            f'<p class="muted">数字由各服务站上传的记录计算（与服务站自己的月报一致）；点数字看明细。</p>')
    return page(f"全县月报 {month}", body, who)


@router.get("/dashboard/stations/{station_id}")
def station_page(request: Request, station_id: str, who: DashboardUser, hub: HubDep,
                 shadows: ShadowsDep) -> HTMLResponse:
    month = month_param(request, hub)
    st = station_row(hub, station_id)
    report = shadows.monthly(station_id, month)
    warn = "；".join(st["warnings"])
    sections = []
    for section, section_label in reports.SECTIONS.items():
        rows = [[escape(label(f.label)),
                 link(show_value(f.kind, f.value(report)),
                      records_href(month, f.sheet, station_id) if f.sheet else None)]
                for f in reports.FIGURES if f.section == section]
        sections.append(f"<section><h2>{escape(label(section_label))}</h2>"
                        f"{table(['指标', '数值'], rows, (1,), raw=True)}</section>")
        if section == "bills" and report["bills"]["billers"]:
            from station_app.core.report_files import BILLER_COLUMNS, biller_rows

            billers = table([label(c[0]) for c in BILLER_COLUMNS],
                            [[cell(c[2], v) for c, v in zip(BILLER_COLUMNS, row, strict=True)]
                             for row in biller_rows(report)], range(1, len(BILLER_COLUMNS)))
            sections.append(f'<section class="wide"><h2>{escape(label("Bills by biller"))}</h2>{billers}</section>')
    export = (f'<a href="/dashboard/export/monthly.xlsx?{urlencode({"month": month, "station": station_id})}">'
              f"导出本站月报（xlsx）</a>")
    head = (f"<h1>{escape(st['name'])} · {month}</h1>"
            f'<p>村：{escape(st["village"])}　最后同步：{escape(when(st["last_push_at"]))}　'
            f'待上传：{st["pending"]}　<span class="{"warn" if warn else "ok"}">警告：{escape(warn or "无")}</span></p>')
    return page(f"{st['name']} {month}", head + month_form(f"/dashboard/stations/{station_id}", month, export)
                + f'<div class="secs">{"".join(sections)}</div>', who)


def records_page(request: Request, who: str, hub: Hub, shadows: Shadows, key: str,
                 station_id: str | None) -> HTMLResponse:
    """The records of sheet `key` for the month: one station's, or every station's (`station_id`
    None), a page of `PAGE_ROWS` at a time, with the money columns summed."""
    month = month_param(request, hub)
    if key not in report_rows.SHEETS:
        raise NotFoundPage("没有这类明细")
    if station_id:
        name = station_row(hub, station_id)["name"]
        sheet = shadows.evidence(station_id, month, key)
        columns, rows = list(sheet.columns), sheet.rows
    else:
        name, rows, found = "全县", [], []
        for s in hub.station_rows():
            part = shadows.evidence(s["id"], month, key)
            found.append(part)
            rows += [[s["name"], *r] for r in part.rows]
        if not found:
            raise NotFoundPage("还没有服务站")
        sheet = found[0]
        columns = [report_rows.Column("Station"), *sheet.columns]
    try:
        page_no = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page_no = 1
    pages = max(1, -(-len(rows) // PAGE_ROWS))
    page_no = min(page_no, pages)
    shown = rows[(page_no - 1) * PAGE_ROWS: page_no * PAGE_ROWS]
    headers = ["服务站" if c.label == "Station" else label(c.label) for c in columns]
    numeric = [i for i, c in enumerate(columns) if c.kind in ("fen", "count", "hours")]
    cells = [[cell(c.kind, v) for c, v in zip(columns, r, strict=True)] for r in shown]
    money = [c for c in columns if c.kind == "fen"]
    sums = "　".join(f"{label(c.label)}合计 {format_fen(sum(int(r[columns.index(c)] or 0) for r in rows))}"
                    for c in money)
    base = request.url.path + "?" + urlencode({"month": month})
    pager = ""
    if pages > 1:
        pager = (f'<p>第 {page_no}/{pages} 页　' +
                 (f'<a href="{escape(base)}&page={page_no - 1}">上一页</a>　' if page_no > 1 else "") +
                 (f'<a href="{escape(base)}&page={page_no + 1}">下一页</a>' if page_no < pages else "") + "</p>")
    title = f"{name} · {label(sheet.title)} · {month}"
    back = f"/dashboard/stations/{quote(station_id)}?month={month}" if station_id else f"/dashboard?month={month}"
    body = (f"<h1>{escape(title)}</h1><p>共 {len(rows)} 条　{escape(sums)}　<a href='{escape(back)}'>返回</a></p>"
            f"{pager}{table(headers, cells, numeric)}{pager}")
    return page(title, body, who)


@router.get("/dashboard/stations/{station_id}/records/{key}")
def station_records(request: Request, station_id: str, key: str, who: DashboardUser, hub: HubDep,
                    shadows: ShadowsDep) -> HTMLResponse:
    return records_page(request, who, hub, shadows, key, station_id)


@router.get("/dashboard/records/{key}")
def county_records(request: Request, key: str, who: DashboardUser, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    return records_page(request, who, hub, shadows, key, None)
