"""The public traceability page, GET /t/{code} (`sync.hub.routers.public`): what a buyer's
phone opens from a consignment label's QR (`station_app.core.consignment`: 一物一码,
`https://<hub>/t/<code>`).

No login. The code names its station (a 5-character tag) and carries a MAC keyed by the
station's secret `id_salt`, which the hub holds from the station's `station.created` event:
a code the station never made is "not a genuine label" (404) without reading any record.
A genuine one is looked up in the hub's shadow of the station (`sync.hub.reports.Shadows`,
the station's own appliers over its pushed events) with the station's own `trace_record`,
so the page says what the station's counter would say, under the station's name as the county
registered it (a station chooses its own name, and could choose another station's).

The page is Chinese whatever the hub's language, like the SMS (its readers are buyers), and
shows the producer's village but not their name or poverty-register status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from fastapi.responses import HTMLResponse
from sqlalchemy import select

from station_app.clock import local_day
from station_app.core.consignment import (
    TraceRecord,
    parse_trace,
    spaced,
    station_tag,
    trace_record,
    verify_trace,
)
from station_app.errors import UserError
from sync.hub.db import reading, stations
from sync.hub.service_db import own_records
from sync.hub.shadows import FoldError, Shadows
from sync.hub.store import Hub

STATUS = {"on_hand": "在售", "sold": "已售出", "retired": "已撤回（退还生产者）"}

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;padding:1em;color:#222;font-size:17px;
line-height:1.5;max-width:36em;margin:auto}
h1{font-size:1.5em;margin:.3em 0}.ok{color:#1b5e20}.warn{color:#b00020}
table{border-collapse:collapse;width:100%}th,td{padding:.5em .3em;border-bottom:1px solid #ddd;text-align:left;
vertical-align:top}th{width:6.5em;color:#555;font-weight:normal}small{color:#666}code{font-size:1.05em}
"""


@dataclass(frozen=True)
class Label:
    """A genuine code: its station, and what the station knows of it (None when the hub has
    no record of it yet: the station has not synced since it printed the label)."""

    code: str
    station_id: str
    record: TraceRecord | None


def find_label(hub: Hub, shadows: Shadows, text: str) -> Label | None:
    """The label a scanned or typed code stands for; None for anything that is not a label a
    station made (forged, altered, mistyped)."""
    code = parse_trace(text)
    if code is None:
        return None
    with reading(hub.engine) as conn:
        own = own_records(conn)
    station_id = next((st.hub_id for st in own
                       if station_tag(st.own_id) == code.tag and verify_trace(code, st.own_id, st.id_salt)), None)
    if station_id is None:
        return None
    try:
        with shadows.view(station_id) as db:
            try:
                return Label(code.code, station_id, trace_record(db, code.code))
            except UserError:
                return Label(code.code, station_id, None)
    except FoldError:  # the hub cannot fold that station's records (the dashboard says why): no record to show
        return Label(code.code, station_id, None)


def trace_page(hub: Hub, shadows: Shadows, code: str) -> HTMLResponse:
    """The page a scanned or typed code opens (`sync.hub.routers.public`): what the station
    knows of a genuine label; 404 for a code no station made, or one the hub has no record of yet."""
    label = find_label(hub, shadows, code)
    if label is None:
        return _page("不是正品标签", _not_genuine(code), 404)
    if label.record is None:
        return _page("暂无记录", _not_synced(label, hub), 404)
    return _page(f"{label.record.product} · 溯源",
                 _record(label.record, local_day(hub.clock.now()), registered_name(hub, label.station_id)))


def registered_name(hub: Hub, station_id: str) -> str:
    """The station's name as the county registered it (`enroll-code --station`), which the
    buyer sees: never the name a station gave itself, which any station could set to anything."""
    with reading(hub.engine) as conn:
        return str(conn.execute(select(stations.c.name).where(stations.c.id == station_id)).scalar() or "")


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{escape(title)}</title><style>{_STYLE}</style></head>
<body>{body}<p><small>县级电商服务中心 · 农产品溯源查询</small></p></body></html>"""
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def _record(r: TraceRecord, today: date, station_name: str) -> str:
    status = escape(STATUS.get(r.status, r.status))
    if r.status == "sold" and r.sold_day:
        status += f"（{escape(r.sold_day)}）"
    expired = r.expiry is not None and r.expiry < today.isoformat()
    expiry = "无" if not r.expiry else escape(r.expiry) + ("（<b class=warn>已过期</b>）" if expired else "")
    rows = [("产品", escape(r.product)), ("类别", escape(r.category)), ("产地", escape(r.village or "—")),
            ("入库日期", escape(r.intake_day)), ("保质期至", expiry), ("状态", status),
            ("服务站", escape(station_name)), ("标签编号", f"<code>{escape(spaced(r.code))}</code>")]
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    note = ""
    if r.status == "sold":
        note = "<p><small>这件商品已经售出。如果您刚在别处买到贴着同一标签的商品，标签可能被重复使用，请联系县电商服务中心。</small></p>"
    elif r.status == "retired":
        note = "<p class=warn>这件商品已撤回，不应再出售。</p>"
    return (f"<h1 class=ok>✔ 正品标签</h1><p>这是「{escape(station_name)}」签发的正品标签，已经县级中心核验。</p>"
            f"<table>{table}</table>{note}")


def _not_genuine(code: str) -> str:
    shown = escape(code[:40])
    return ("<h1 class=warn>✘ 不是正品标签</h1>"
            f"<p>编号 <code>{shown}</code> 不是本县任何服务站签发的溯源标签，或者标签已被改动、输错。</p>"
            "<p>请核对标签上的编号，谨慎购买，并可联系县电商服务中心核实。</p>")


def _not_synced(label: Label, hub: Hub) -> str:
    name = registered_name(hub, label.station_id)
    return (f"<h1>暂时查不到这个标签的记录</h1><p>编号 <code>{escape(spaced(label.code))}</code> 出自「{escape(name)}」，"
            "但县级中心还没有收到它的入库记录。服务站同步后即可查询，请稍后再试。</p>")
