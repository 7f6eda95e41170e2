"""The month's figures: the county overview with a row per station (its health first), one
station's month, and the records behind every number (a page per sheet of
`station_app.core.report_rows`, for one station or the whole county).

The figures come from the shadow station files (`sync.hub.shadows`): the stations' own report
code run on their events, so they equal the station's own monthly report to the fen. A station
the hub cannot count (no records, records it cannot fold) is shown as such in its row, with
what to do, and left out of the totals, which say how many stations they cover. A closed
month shows what changed since it was closed (`sync.hub.month_close`).
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from station_app.clock import show
from station_app.core import report_rows, reports
from station_app.core.money import format_fen
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.auth import PageReader
from sync.hub.county_files import total_heading
from sync.hub.county_report import county_month, station_month
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.month_close import closed_report, late_records, revisions
from sync.hub.pages import (
    NotFoundPage,
    cell,
    label,
    link,
    month_form,
    page,
    problems_list,
    show_value,
    table,
    when,
)
from sync.hub.routers.dashboard.scope import PAGE_ROWS, month_param, station_row
from sync.hub.shadows import FoldError, Shadows
from sync.hub.store import Hub

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: the figures in the overview's station table: (section, key)
OVERVIEW = (("parcels", "arrived"), ("parcels", "sent"), ("farm_subsidy", "parcels"), ("farm_subsidy", "claim_fen"),
            ("bills", "paid_fen"), ("consignment", "amount_fen"), ("training", "person_times"),
            ("poverty", "households"))
FIGURE = {(f.section, f.key): f for f in reports.FIGURES}
NOT_COUNTED_NAMES = QT_TRANSLATE_NOOP("dashboard", "Not counted: {names}.")
INCOMPLETE_NAMES = QT_TRANSLATE_NOOP("dashboard", "Records not complete for the whole month: {names}.")
CLOSED_BY = QT_TRANSLATE_NOOP("dashboard", "Month closed by {who} at {when}.")
COUNTY_TOTAL = QT_TRANSLATE_NOOP("dashboard", "County total")
LATE_OF_STATION = QT_TRANSLATE_NOOP("dashboard", "{station}: {n} records")
STATION = QT_TRANSLATE_NOOP("dashboard", "Station")
FIGURE_HEAD = QT_TRANSLATE_NOOP("dashboard", "Figure")
AT_THE_CLOSE = QT_TRANSLATE_NOOP("dashboard", "At the close")
NOW = QT_TRANSLATE_NOOP("dashboard", "Now")
LAST_UPLOAD = QT_TRANSLATE_NOOP("dashboard", "Last upload")
LAST_CONTACT = QT_TRANSLATE_NOOP("dashboard", "Last contact")
RECORDS_COMPLETE_UP_TO = QT_TRANSLATE_NOOP("dashboard", "Records complete up to")
STATUS = QT_TRANSLATE_NOOP("dashboard", "Status")
SYNC = QT_TRANSLATE_NOOP("dashboard", "Sync")
CLOSED_REPORT_XLSX = QT_TRANSLATE_NOOP("dashboard", "Closed report (xlsx)")
CLOSED_REPORT_PDF = QT_TRANSLATE_NOOP("dashboard", "Closed report (PDF)")
NOTHING_CHANGED = QT_TRANSLATE_NOOP("dashboard", "Nothing changed since.")
REVISION = QT_TRANSLATE_NOOP("dashboard", "Revision against the closed month")
LATE_RECORDS = QT_TRANSLATE_NOOP("dashboard", "Records of this month that arrived after the close: {late}.")
NEED_ATTENTION = QT_TRANSLATE_NOOP("dashboard", "{n} stations need attention")
COUNTY_REPORT_PDF = QT_TRANSLATE_NOOP("dashboard", "County report (PDF)")
STATION_REPORT_PDF = QT_TRANSLATE_NOOP("dashboard", "Station report (PDF)")
NO_FIGURES = QT_TRANSLATE_NOOP("dashboard", "No figures for this station")
LEFT_OUT = QT_TRANSLATE_NOOP("dashboard", "Not included on this page:")
FOOTNOTE = QT_TRANSLATE_NOOP("dashboard", "Figures are computed from the records each station uploaded (the same as "
                                          "the station's own report for the records the county holds); a station "
                                          "counts only up to the time its records are complete. Click a number to "
                                          "see the records.")


def _t(text: str, /, **params: Any) -> str:
    out = translate("dashboard", text)
    return out.format(**params) if params else out


def records_href(month: str, key: str, station_id: str | None) -> str:
    """The records behind a figure: one station's, or the county's (`station_id` None)."""
    base = f"/dashboard/stations/{quote(station_id)}/records/{key}" if station_id else f"/dashboard/records/{key}"
    return f"{base}?{urlencode({'month': month})}"


def _sync_cell(s: dict[str, Any]) -> str:
    """When the county last heard from the station, above when it last sent records and up to
    when its records are complete: one column, so the table fits the screen."""
    complete = show(s["complete_up_to"]) if s["complete_up_to"] else "—"
    return (f'{escape(_t(LAST_CONTACT))} {escape(when(s["last_contact"]))}<br><small class="muted">'
            f'{escape(_t(LAST_UPLOAD))} {escape(when(s["last_upload"]))}<br>'
            f'{escape(_t(RECORDS_COMPLETE_UP_TO))} {escape(complete)}</small>')


def _coverage(county: dict[str, Any]) -> str:
    parts = [escape(total_heading(county))]
    if county["not_counted"]:
        names = "、".join(item["name"] for item in county["not_counted"])
        parts.append(escape(_t(NOT_COUNTED_NAMES, names=names)))
    if county["incomplete"]:
        parts.append(escape(_t(INCOMPLETE_NAMES,
                               names="、".join(county["incomplete"]))))
    return f'<p class="{"warn" if county["not_counted"] or county["incomplete"] else "muted"}">{" ".join(parts)}</p>'


def _closed_part(hub: Hub, month: str, county: dict[str, Any]) -> str:
    """For a closed month: who closed it, and every figure that changed since (a revision)."""
    snapshot = closed_report(hub, month)
    if snapshot is None:
        return ""
    closed = snapshot["closed"]
    changed = revisions(snapshot, county)
    late = late_records(hub, snapshot)
    head = _t(CLOSED_BY, who=closed["closed_by"], when=show(closed["closed_at"]))
    exports = (f' <a href="/dashboard/close/{month}.xlsx">{escape(_t(CLOSED_REPORT_XLSX))}</a>'
               f' <a href="/dashboard/close/{month}.pdf">{escape(_t(CLOSED_REPORT_PDF))}</a>')
    if not changed and not late:
        return f'<div class="note">{escape(head)} {escape(_t(NOTHING_CHANGED))}{exports}</div>'
    rows = [[r.station or _t(COUNTY_TOTAL), label(r.label), show_value(r.kind, r.closed) if r.closed is not None
             else "—", show_value(r.kind, r.now) if r.now is not None else "—"] for r in changed]
    late_text = "、".join(_t(LATE_OF_STATION, station=x.station, n=x.count) for x in late)
    return (f'<div class="alert"><h2>{escape(_t(REVISION))}</h2><p>{escape(head)} '
            f'{escape(_t(LATE_RECORDS, late=late_text or "—"))}'
            f"{exports}</p>"
            + table([_t(STATION), _t(FIGURE_HEAD), _t(AT_THE_CLOSE), _t(NOW)], rows, (2, 3)) + "</div>")


@router.get("/dashboard")
def overview(request: Request, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    month = month_param(request, hub)
    county = county_month(shadows, month, stale_ok=True)  # after an upgrade: recomputed in the background
    total = county["total"]
    cards = []
    for section, key in OVERVIEW:
        fig = FIGURE[(section, key)]
        href = records_href(month, fig.sheet, None) if fig.sheet else None
        value = escape(show_value(fig.kind, fig.value(total)) if total else "—")
        number = f'<a class="n" href="{escape(href)}">{value}</a>' if href else f'<b class="n">{value}</b>'
        cards.append(f'<div class="card"><small>{escape(label(fig.label))}</small>{number}</div>')
    red = [s for s in county["stations"] if s["red"]]
    alert = ""
    if red:
        items = []
        for s in red:
            href = f"/dashboard/stations/{quote(s['hub_id'])}?month={month}"
            why = "；".join(p["text"] for p in s["problems"] if p["level"] == "red") or s["why_not"] or ""
            items.append(f"<li>{link(s['name'], href)}：{escape(why)}</li>")
        alert = (f'<div class="alert"><h2>{escape(_t(NEED_ATTENTION, n=len(red)))}</h2>'
                 f"<ul>{''.join(items)}</ul></div>")
    rows, classes = [], []
    for s in county["stations"]:
        cells = [link(s["name"], f"/dashboard/stations/{quote(s['hub_id'])}?month={month}") +
                 f'<br><small class="muted">{escape(s["village"])}</small>', _sync_cell(s), problems_list(s["problems"])]
        for section, key in OVERVIEW:
            fig = FIGURE[(section, key)]
            if s["report"] is None:
                cells.append(f'<span class="warn" title="{escape(s["why_not"] or "")}">—</span>')
                continue
            text = show_value(fig.kind, fig.value(s["report"]))
            cells.append(link(text, records_href(month, fig.sheet, s["hub_id"]) if fig.sheet else None))
        rows.append(cells)
        classes.append("red" if s["red"] else "")
    headers = [_t(STATION), _t(SYNC), _t(STATUS), *(label(FIGURE[k].label) for k in OVERVIEW)]
    exports = (f'<a href="/dashboard/export/monthly.xlsx?month={month}">导出全县月报（xlsx）</a> '
               f'<a href="/dashboard/export/monthly.pdf?month={month}">{escape(_t(COUNTY_REPORT_PDF))}</a>')
    station_table = table(headers, rows, numeric=range(3, 3 + len(OVERVIEW)), raw=True, row_classes=classes)
    body = (f"<h1>全县月报 {month}</h1>{month_form('/dashboard', month, exports)}{alert}"
            f"{_closed_part(hub, month, county)}"
            f'<div class="cards">{"".join(cards)}</div>{_coverage(county)}<h2>各服务站</h2>{station_table}'
            f'<p class="muted">{escape(_t(FOOTNOTE))}</p>')
    return page(f"全县月报 {month}", body, who)


@router.get("/dashboard/stations/{station_id}")
def station_page(request: Request, station_id: str, who: PageReader, hub: HubDep,
                 shadows: ShadowsDep) -> HTMLResponse:
    month = month_param(request, hub)
    st = station_row(hub, station_id)
    problems = [{"level": p.level, "text": p.text, "todo": p.todo} for p in st.problems]
    head = (f"<h1>{escape(st.name)} · {month}</h1>"
            f'<p>村：{escape(st.village)}　{escape(_t(LAST_UPLOAD))}：{escape(when(st.last_upload))}　'
            f'{escape(_t(LAST_CONTACT))}：{escape(when(st.last_contact))}　'
            f'{escape(_t(RECORDS_COMPLETE_UP_TO))}：{escape(show(st.complete_up_to) if st.complete_up_to else "—")}'
            f'　待上传：{st.pending}</p>{problems_list(problems)}')
    export = (f'<a href="/dashboard/export/monthly.xlsx?{urlencode({"month": month, "station": station_id})}">'
              f'导出本站月报（xlsx）</a> <a href="/dashboard/export/monthly.pdf?'
              f'{urlencode({"month": month, "station": station_id})}">{escape(_t(STATION_REPORT_PDF))}</a>')
    try:
        report, _ = station_month(shadows, station_id, month)
    except (FoldError, LookupError) as exc:
        why = exc.message() if isinstance(exc, FoldError) else str(exc.args[0])
        return page(f"{st.name} {month}", head + month_form(f"/dashboard/stations/{station_id}", month) +
                    f'<div class="alert"><h2>{escape(_t(NO_FIGURES))}</h2>'
                    f"<p>{escape(why)}</p></div>", who)
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
    return page(f"{st.name} {month}", head + month_form(f"/dashboard/stations/{station_id}", month, export)
                + f'<div class="secs">{"".join(sections)}</div>', who)


def _sums(columns: list[report_rows.Column], rows: list[list[Any]]) -> str:
    """The totals of the money columns that make sense added up (not a drawer's balances)."""
    return "　".join(f"{label(c.label)}合计 {format_fen(sum(int(r[columns.index(c)] or 0) for r in rows))}"
                    for c in columns if c.kind == "fen" and c.summed)


def records_page(request: Request, who: str, hub: Hub, shadows: Shadows, key: str,
                 station_id: str | None) -> HTMLResponse:
    """The records of sheet `key` for the month: one station's, or every counted station's
    (`station_id` None), a page of `PAGE_ROWS` at a time, with the money columns summed."""
    month = month_param(request, hub)
    if key not in report_rows.SHEETS:
        raise NotFoundPage("没有这类明细")
    note = ""
    if station_id:
        name = station_row(hub, station_id).name
        try:
            sheet = shadows.evidence(station_id, month, key)
        except FoldError as exc:
            return page(name, f"<h1>{escape(name)}</h1><div class='alert'><p>{escape(exc.message())}</p></div>", who)
        columns, rows = list(sheet.columns), sheet.rows
    else:
        name, rows, found, left_out = "全县", [], [], []
        for s in county_month_stations(hub):
            try:
                part = shadows.evidence(s[0], month, key)
            except FoldError as exc:
                left_out.append(f"{s[1]}：{exc.message()}")
                continue
            found.append(part)
            rows += [[s[1], *r] for r in part.rows]
        if not found:
            raise NotFoundPage("还没有服务站")
        sheet = found[0]
        columns = [report_rows.Column("Station"), *sheet.columns]
        if left_out:
            note = (f'<div class="alert">{escape(_t(LEFT_OUT))}<ul>'
                    + "".join(f"<li>{escape(x)}</li>" for x in left_out) + "</ul></div>")
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
    base = request.url.path + "?" + urlencode({"month": month})
    pager = ""
    if pages > 1:
        pager = (f'<p>第 {page_no}/{pages} 页　' +
                 (f'<a href="{escape(base)}&page={page_no - 1}">上一页</a>　' if page_no > 1 else "") +
                 (f'<a href="{escape(base)}&page={page_no + 1}">下一页</a>' if page_no < pages else "") + "</p>")
    title = f"{name} · {label(sheet.title)} · {month}"
    back = f"/dashboard/stations/{quote(station_id)}?month={month}" if station_id else f"/dashboard?month={month}"
    body = (f"<h1>{escape(title)}</h1>{note}<p>共 {len(rows)} 条　{escape(_sums(columns, rows))}　"
            f"<a href='{escape(back)}'>返回</a></p>{pager}{table(headers, cells, numeric)}{pager}")
    return page(title, body, who)


def county_month_stations(hub: Hub) -> list[tuple[str, str]]:
    """(id, registered name) of every station holding records, in the order of their names."""
    from sync.hub.health import station_health

    return [(h.id, h.name) for h in station_health(hub) if h.acked_seq]


@router.get("/dashboard/stations/{station_id}/records/{key}")
def station_records(request: Request, station_id: str, key: str, who: PageReader, hub: HubDep,
                    shadows: ShadowsDep) -> HTMLResponse:
    return records_page(request, who, hub, shadows, key, station_id)


@router.get("/dashboard/records/{key}")
def county_records(request: Request, key: str, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    return records_page(request, who, hub, shadows, key, None)
