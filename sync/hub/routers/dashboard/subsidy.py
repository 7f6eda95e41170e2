"""The quarter's farm-produce subsidy: one row per outbound parcel of farm produce, with its
e-waybill as the evidence (the xlsx to file is in `exports`). Stations whose records the hub
cannot count are named above the list, with why."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from station_app.clock import local_day
from station_app.core import parcels
from station_app.core.money import format_fen
from sync.hub.auth import PageReader
from sync.hub.county_report import subsidy_claims
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.pages import page, table
from sync.hub.routers.dashboard.scope import quarter_param

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/dashboard/subsidy")
def subsidy(request: Request, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    quarter, first, last = quarter_param(request, hub)
    claims, left_out = subsidy_claims(shadows, first, last)
    per: dict[str, list[dict[str, Any]]] = {}
    for c in claims:
        per.setdefault(c["station"], []).append(c)
    summary = [[name, str(len(rows)), format_fen(sum(c["subsidy_fen"] for c in rows))] for name, rows in per.items()]
    summary.append(["合计", str(len(claims)), format_fen(sum(c["subsidy_fen"] for c in claims))])
    today = local_day(hub.clock.now())
    now_index = today.year * 4 + (today.month - 1) // 3
    choices = [f"{i // 4}Q{i % 4 + 1}" for i in range(now_index, now_index - 8, -1)]
    if quarter not in choices:
        choices.append(quarter)
    options = [f'<option{" selected" if q == quarter else ""}>{q}</option>' for q in choices]
    form = (f'<form class="pick" method="get" action="/dashboard/subsidy"><label>季度 <select name="quarter">'
            f'{"".join(options)}</select></label><button>查看</button>'
            f'<a href="/dashboard/export/subsidy.xlsx?quarter={quarter}">导出申报清单（xlsx）</a></form>')
    note = ""
    if left_out:
        items = "".join(f"<li><b>{escape(x['name'])}</b>：{escape(x['why'])}</li>" for x in left_out)
        note = f'<div class="alert"><ul>{items}</ul></div>'
    rows = [[str(i), c["station"], c["ewaybill"], parcels.carrier_name(c["carrier"]), c["day"], c["product"],
             c["destination"], c["sender"], format_fen(c["subsidy_fen"])] for i, c in enumerate(claims, 1)]
    body = (f"<h1>农产品出县快递补贴申报 {quarter}（{first.isoformat()} – {last.isoformat()}）</h1>{form}{note}"
            + table(["服务站", "单数", "补贴"], summary, (1, 2)) + "<h2>申报明细（每单一行，凭电子面单）</h2>"
            + table(["序号", "服务站", "电子面单号", "快递公司", "日期", "产品", "县外目的地", "寄件人", "补贴"], rows, (8,)))
    return page(f"补贴申报 {quarter}", body, who)
