"""What the county has to chase today, across every station: parcels overdue on the shelves, and
bill payments accepted at a station but not paid yet (waiting longer than the county's setting
`bills.overdue_hours`, as each station holds it, unless the page asks for other hours)."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from datetime import timedelta
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from station_app.clock import parse_iso, show
from station_app.core import bills, parcels, settings
from station_app.core.money import format_fen
from station_app.db import Store
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.auth import PageReader
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.health import StationHealth
from sync.hub.pages import NotFoundPage, link, page, table
from sync.hub.routers.dashboard.scope import PAGE_ROWS, per_station, problem_note

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
BAD_HOURS = QT_TRANSLATE_NOOP("dashboard", "'{text}' is not a number of hours from 1 to 720")
HOURS_NOTE = QT_TRANSLATE_NOOP("dashboard", "Without hours given, each station's own county setting applies "
                                            "(bills.overdue_hours): {hours}.")


@router.get("/dashboard/overdue")
def overdue(who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    def collect(db: Store, _s: StationHealth) -> list[list[str]]:
        return [[o.parcel.waybill, o.parcel.carrier_name, o.parcel.recipient_name, o.parcel.phone_masked,
                 o.parcel.pickup_code or "", show(o.parcel.arrived_at), str(o.days), "该退回" if o.return_due else ""]
                for o in parcels.overdue_parcels(db)]

    found = per_station(hub, shadows, collect)
    summary = [[link(f.station.name, f"#s-{f.station.id}"), str(len(f.rows)), str(sum(1 for r in f.rows if r[7]))]
               for f in found if not f.problem]
    parts = [f"<h1>滞留件（截至 {escape(show(hub.now()))}）</h1>", problem_note(found),
             table(["服务站", "滞留件", "其中该退回"], summary, (1, 2), raw=True)]
    for f in found:
        if f.problem:
            continue
        parts.append(f'<h2 id="s-{escape(f.station.id)}">{escape(f.station.name)}（{len(f.rows)} 件）</h2>')
        parts.append(table(["运单号", "快递公司", "收件人", "手机", "取件码", "到站", "天数", ""], f.rows[:PAGE_ROWS], (6,)))
        if len(f.rows) > PAGE_ROWS:
            parts.append(f'<p class="muted">只列出最早的 {PAGE_ROWS} 件。</p>')
    return page("滞留件", "".join(parts), who)


@router.get("/dashboard/stuck")
def stuck(request: Request, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    text = (request.query_params.get("hours") or "").strip()
    if text and (not text.isdigit() or not 1 <= int(text) <= 720):
        raise NotFoundPage(translate("dashboard", BAD_HOURS).format(text=text[:20]), 400)
    asked = int(text) if text else None
    now = hub.clock.now()
    used: dict[str, int] = {}

    def collect(db: Store, s: StationHealth) -> list[list[str]]:
        limit = asked or int(settings.get(db, "bills.overdue_hours"))
        used[s.name] = limit
        out = []
        for b in bills.waiting(db):
            age = now - parse_iso(b.accepted_at)
            if age > timedelta(hours=limit):
                out.append([s.name, b.receipt_no, b.biller_name, b.product_name, b.account_masked,
                            format_fen(b.amount), show(b.accepted_at), f"{age.total_seconds() / 3600:.0f}",
                            b.state_text()])
        return out

    found = per_station(hub, shadows, collect)
    rows = [r for f in found for r in f.rows]
    form = (f'<form class="pick" method="get" action="/dashboard/stuck"><label>受理后超过 '
            f'<input name="hours" type="number" min="1" max="720" value="{asked or ""}" placeholder="按县里设置" '
            f'style="width:7em"> 小时</label><button>查看</button></form>')
    note = ""
    if asked is None and used:
        per = "、".join(f"{name} {hours} 小时" for name, hours in used.items())
        note = f'<p class="muted">{escape(translate("dashboard", HOURS_NOTE).format(hours=per))}</p>'
    body = (f"<h1>缴费已受理、未到账（{len(rows)} 笔）</h1>{form}{note}{problem_note(found)}"
            + table(["服务站", "回执号", "缴费单位", "项目", "户号", "金额", "受理时间", "已等小时", "状态"], rows,
                    (5, 7)))
    return page("缴费未到账", body, who)
