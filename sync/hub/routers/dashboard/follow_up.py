"""What the county has to chase today, across every station: parcels overdue on the shelves, and
bill payments accepted at a station but not paid yet."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from datetime import timedelta
from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from station_app.clock import parse_iso, show
from station_app.core import bills, parcels, settings
from station_app.core.money import format_fen
from station_app.db import Store
from sync.hub.auth import DashboardUser
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.pages import link, page, table
from sync.hub.routers.dashboard.scope import PAGE_ROWS, per_station

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/dashboard/overdue")
def overdue(who: DashboardUser, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    def collect(db: Store, _s: dict[str, Any]) -> list[list[str]]:
        return [[o.parcel.waybill, o.parcel.carrier_name, o.parcel.recipient_name, o.parcel.phone_masked,
                 o.parcel.pickup_code or "", show(o.parcel.arrived_at), str(o.days), "该退回" if o.return_due else ""]
                for o in parcels.overdue_parcels(db)]

    found = per_station(hub, shadows, collect)
    summary = [[link(s["name"], f"#s-{s['id']}"), str(len(rows)), str(sum(1 for r in rows if r[7]))]
               for s, rows in found]
    parts = [f"<h1>滞留件（截至 {escape(show(hub.now()))}）</h1>",
             table(["服务站", "滞留件", "其中该退回"], summary, (1, 2), raw=True)]
    for s, rows in found:
        parts.append(f'<h2 id="s-{escape(s["id"])}">{escape(s["name"])}（{len(rows)} 件）</h2>')
        parts.append(table(["运单号", "快递公司", "收件人", "手机", "取件码", "到站", "天数", ""], rows[:PAGE_ROWS], (6,)))
        if len(rows) > PAGE_ROWS:
            parts.append(f'<p class="muted">只列出最早的 {PAGE_ROWS} 件。</p>')
    return page("滞留件", "".join(parts), who)


@router.get("/dashboard/stuck")
def stuck(request: Request, who: DashboardUser, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    try:
        hours = max(1, int(request.query_params.get("hours", "0")))
    except ValueError:
        hours = 0
    now = hub.clock.now()

    def collect(db: Store, s: dict[str, Any]) -> list[list[str]]:
        limit = hours or settings.get(db, "bills.overdue_hours")
        out = []
        for b in bills.waiting(db):
            age = now - parse_iso(b.accepted_at)
            if age > timedelta(hours=limit):
                out.append([s["name"], b.receipt_no, b.biller_name, b.product_name, b.account_masked,
                            format_fen(b.amount), show(b.accepted_at), f"{age.total_seconds() / 3600:.0f}",
                            b.state_text()])
        return out

    rows = [r for _, part in per_station(hub, shadows, collect) for r in part]
    form = (f'<form class="pick" method="get" action="/dashboard/stuck"><label>受理后超过 '
            f'<input name="hours" type="number" min="1" value="{hours or ""}" placeholder="按县里设置" '
            f'style="width:7em"> 小时</label><button>查看</button></form>')
    body = (f"<h1>缴费已受理、未到账（{len(rows)} 笔）</h1>{form}"
            + table(["服务站", "回执号", "缴费单位", "项目", "户号", "金额", "受理时间", "已等小时", "状态"], rows,
                    (5, 7)))
    return page("缴费未到账", body, who)
