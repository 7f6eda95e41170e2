"""The county dashboard (Chinese web pages, server-rendered, for a laptop or a phone): the stations
and their last sync, the month's figures per station and for the county, overdue parcels,
bill payments stuck at the county, training against its target, the quarter's subsidy claim
lists and the xlsx exports. Every number links to the records behind it.

The figures come from `sync.hub.reports.Shadows` (the stations' own report code run on their
events). County staff log in with their hub name and password (`station-hub add-admin`);
the session is a signed cookie (HMAC keyed by the staff member's password hash: nothing is
stored on the hub, and changing the password ends every session). HTTP Basic works too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from station_app.clock import local_day, parse_iso, show
from station_app.core import bills, parcels, report_rows, reports, settings, training
from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.i18n import translate
from sync.hub import evidence
from sync.hub.db import admins, reading
from sync.hub.reports import Shadows, write_claims_xlsx, write_county_xlsx
from sync.hub.store import Hub

COOKIE = "vs_county"
SESSION_SECONDS = 12 * 3600
PAGE_ROWS = 200
ZH = "zh_CN"

#: the figures in the overview's station table: (section, key)
OVERVIEW = (("parcels", "arrived"), ("parcels", "sent"), ("farm_subsidy", "parcels"), ("farm_subsidy", "claim_fen"),
            ("bills", "paid_fen"), ("consignment", "amount_fen"), ("training", "person_times"),
            ("poverty", "households"))
FIGURE = {(f.section, f.key): f for f in reports.FIGURES}

_STYLE = """
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#222;background:#f4f6f9}
header{background:#1f3a5f;color:#fff;padding:.5em 1em;display:flex;flex-wrap:wrap;gap:.3em 1.2em;align-items:center}
header b{font-size:1.1em}header a{color:#fff;text-decoration:none;white-space:nowrap}header a:hover{text-decoration:underline}
main{padding:1em;max-width:1280px;margin:auto}h1{font-size:1.35em;color:#1f3a5f;margin:.3em 0 .6em}
h2{font-size:1.1em;color:#1f3a5f;margin:1.2em 0 .4em}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(165px,1fr));gap:.6em}
.card{background:#fff;border-radius:6px;padding:.6em .8em;box-shadow:0 1px 2px #0002}
.card .n{display:block;font-size:1.5em;font-weight:bold;color:#1f3a5f;text-decoration:none}
.card small{color:#555}
.scroll{overflow-x:auto;background:#fff;border-radius:6px;box-shadow:0 1px 2px #0002}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e3e7ee;padding:.4em .6em;text-align:left;
white-space:nowrap}th{background:#eef2f7;position:sticky;top:0}td.n{text-align:right}td.n a{color:#0b57d0}
.warn{color:#b00020}.ok{color:#1b5e20}.muted{color:#666}
form.pick{display:flex;flex-wrap:wrap;gap:.4em;align-items:center;margin:.3em 0 .8em}
input,select,button{font:inherit;padding:.3em .5em}
.bar{background:#e3e7ee;border-radius:3px;height:.8em;min-width:80px}.bar i{display:block;height:100%;
background:#4a7fb5;border-radius:3px}
.secs{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:0 1.2em}.secs .wide{grid-column:1/-1}
.secs section:not(.wide) td:first-child,.secs th{white-space:normal}
.thumb{height:64px;border-radius:3px;vertical-align:middle;margin-right:.3em}
.login{max-width:340px;margin:3em auto;background:#fff;padding:1.2em;border-radius:8px;box-shadow:0 1px 3px #0003}
.login label{display:block;margin:.6em 0 .2em}.login input{width:100%}.login button{margin-top:1em;width:100%}
@media (max-width:640px){main{padding:.5em}.secs{display:block}th,td{padding:.3em .4em;font-size:.92em}.card .n{font-size:1.25em}}
"""
NAV = (("/dashboard", "总览"), ("/dashboard/overdue", "滞留件"), ("/dashboard/stuck", "缴费未到账"),
       ("/dashboard/training", "培训进度"), ("/dashboard/subsidy", "补贴申报"))


class LoginNeeded(Exception):
    """The page needs a county staff login; the answer is the login form."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class NotFoundPage(Exception):
    def __init__(self, message: str, status: int = 404) -> None:
        super().__init__(message)
        self.message, self.status = message, status


# -- sessions -------------------------------------------------------------------------------------


def _password_key(hub: Hub, name: str) -> str | None:
    with reading(hub.engine) as conn:
        row = conn.execute(select(admins.c.password_hash).where(admins.c.name == name)).first()
    return row.password_hash if row else None


def _sign(key_hex: str, name: str, expires: int) -> str:
    return hmac.new(bytes.fromhex(key_hex), f"{name}|{expires}".encode(), hashlib.sha256).hexdigest()


def session_cookie(hub: Hub, name: str, now: float | None = None) -> str:
    """The signed session value for a staff member who just logged in."""
    key = _password_key(hub, name)
    if key is None:
        raise ValueError(f"no county staff login {name!r}")
    expires = int(now if now is not None else time.time()) + SESSION_SECONDS
    encoded = base64.urlsafe_b64encode(name.encode()).decode().rstrip("=")
    return f"{encoded}.{expires}.{_sign(key, name, expires)}"


def session_user(hub: Hub, value: str | None, now: float | None = None) -> str | None:
    """The staff member a session cookie names, or None (missing, expired, forged, password changed)."""
    try:
        encoded, expires_text, sig = (value or "").split(".")
        name = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
        expires = int(expires_text)
    except (ValueError, UnicodeDecodeError):
        return None
    if expires < (now if now is not None else time.time()):
        return None
    key = _password_key(hub, name)
    return name if key and hmac.compare_digest(_sign(key, name, expires), sig) else None


def _basic_user(hub: Hub, request: Request) -> str | None:
    scheme, _, param = (request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        name, sep, password = base64.b64decode(param, validate=True).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return name if sep and hub.check_admin(name, password) else None


def _safe_next(text: str | None) -> str:
    return text if text and text.startswith("/dashboard") and "//" not in text else "/dashboard"


# -- HTML pieces ------------------------------------------------------------------------------------


def _page(title: str, body: str, user: str | None = None, status: int = 200) -> HTMLResponse:
    nav = "".join(f'<a href="{href}">{text}</a>' for href, text in NAV) if user else ""
    who = f'<a href="/dashboard/logout">退出（{escape(user)}）</a>' if user else ""
    html = f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · 县级电商服务中心</title><style>{_STYLE}</style></head>
<body><header><b>县级电商服务中心</b>{nav}{who}</header>
<main>{body}</main></body></html>"""
    return HTMLResponse(html, status_code=status)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = (), *,
           raw: bool = False) -> str:
    """A scrollable table; cells are escaped unless `raw` (cells already HTML)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(f'<td{" class=n" if i in numeric else ""}>{c if raw else escape(str(c))}</td>'
                        for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    if not rows:
        body.append(f'<tr><td colspan="{len(headers)}" class="muted">没有记录</td></tr>')
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def _link(text: str, href: str | None) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>' if href else escape(text)


def _when(text: str | None) -> str:
    return show(text) if text else "从未"


def _label(text: str) -> str:
    return reports.label(text, ZH)


def _value(kind: str, value: Any) -> str:
    return reports.show_value(kind, value)


def _cell(kind: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    return format_fen(int(value)) if kind == "fen" else str(value)


def _records_href(month: str, key: str, station_id: str | None) -> str:
    base = f"/dashboard/stations/{quote(station_id)}/records/{key}" if station_id else f"/dashboard/records/{key}"
    return f"{base}?{urlencode({'month': month})}"


def _month_form(action: str, month: str, extra: str = "") -> str:
    first = reports.month_days(month)[0]
    before = reports.month_of(first - timedelta(days=1))
    after = reports.month_of(reports.month_days(month)[1] + timedelta(days=1))
    return (f'<form class="pick" method="get" action="{escape(action)}">'
            f'<a href="{escape(action)}?month={before}">‹ 上月</a>'
            f'<label>月份 <input type="month" name="month" value="{month}"></label><button>查看</button>'
            f'<a href="{escape(action)}?month={after}">下月 ›</a>{extra}</form>')


# -- the app ----------------------------------------------------------------------------------------


def add_dashboard(app: FastAPI, hub: Hub, shadows: Shadows | None = None) -> Shadows:
    """Add the county dashboard under /dashboard to the hub's app; returns its shadow files."""
    shadows = shadows or Shadows(hub)
    app.state.shadows = shadows

    def this_month() -> str:
        return reports.month_of(local_day(hub.clock.now()))

    def month_param(request: Request) -> str:
        text = request.query_params.get("month") or this_month()
        try:
            return reports.month_of(reports.month_days(text)[0])
        except UserError as exc:
            raise NotFoundPage(exc.message(ZH), 400) from None

    def user(request: Request) -> str:
        name = session_user(hub, request.cookies.get(COOKIE)) or _basic_user(hub, request)
        if name is None:
            path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            raise LoginNeeded(path)
        return name

    def station_name(station_id: str) -> dict[str, Any]:
        for r in hub.station_rows():
            if r["id"] == station_id:
                return r
        raise NotFoundPage("没有这个服务站")

    @app.exception_handler(LoginNeeded)
    async def _login_needed(_request: Request, exc: LoginNeeded) -> Response:
        return RedirectResponse(f"/dashboard/login?{urlencode({'next': exc.path})}", status_code=303)

    @app.exception_handler(NotFoundPage)
    async def _not_found(_request: Request, exc: NotFoundPage) -> Response:
        return _page("找不到" if exc.status == 404 else "输入有误",
                     f"<h1 class=warn>{escape(exc.message)}</h1><p><a href='/dashboard'>回到总览</a></p>",
                     status=exc.status)

    def login_form(next_path: str, message: str = "") -> str:
        note = f'<p class="warn">{escape(message)}</p>' if message else ""
        return (f'<form class="login" method="post" action="/dashboard/login"><h1>县级中心登录</h1>{note}'
                f'<input type="hidden" name="next" value="{escape(next_path)}">'
                f'<label for="name">用户名</label><input id="name" name="name" autocomplete="username" autofocus>'
                f'<label for="password">密码</label><input id="password" name="password" type="password" '
                f'autocomplete="current-password"><button type="submit">登录</button></form>')

    @app.get("/dashboard/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(next: str = "/dashboard") -> HTMLResponse:
        return _page("登录", login_form(_safe_next(next)))

    @app.post("/dashboard/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
        name, password = form.get("name", "").strip(), form.get("password", "")
        next_path = _safe_next(form.get("next"))
        if not name or not await run_in_threadpool(hub.check_admin, name, password):
            return _page("登录", login_form(next_path, "用户名或密码不对"), status=401)
        answer = RedirectResponse(next_path, status_code=303)
        answer.set_cookie(COOKIE, session_cookie(hub, name), max_age=SESSION_SECONDS, httponly=True, samesite="lax",
                          secure=request.url.scheme == "https", path="/dashboard")
        return answer

    @app.get("/dashboard/logout", include_in_schema=False)
    def logout() -> Response:
        answer = RedirectResponse("/dashboard/login", status_code=303)
        answer.delete_cookie(COOKIE, path="/dashboard")
        return answer

    @app.get("/dashboard", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> HTMLResponse:
        who, month = user(request), month_param(request)
        county = shadows.county(month)
        total = county["total"]
        cards = []
        for section, key in OVERVIEW:
            fig = FIGURE[(section, key)]
            href = _records_href(month, fig.sheet, None) if fig.sheet else None
            value = escape(_value(fig.kind, fig.value(total)) if total else "0")
            number = f'<a class="n" href="{escape(href)}">{value}</a>' if href else f'<b class="n">{value}</b>'
            cards.append(f'<div class="card"><small>{escape(_label(fig.label))}</small>{number}</div>')
        rows = []
        for s in county["stations"]:
            warn = "<br>".join(escape(w) for w in s["warnings"])
            cells = [_link(s["name"], f"/dashboard/stations/{quote(s['hub_id'])}?month={month}") +
                     f'<br><small class="muted">{escape(s["village"])}</small>',
                     escape(_when(s["last_push_at"])), f'<span class="{"warn" if warn else "ok"}">{warn or "无"}</span>']
            for section, key in OVERVIEW:
                fig = FIGURE[(section, key)]
                if s["report"] is None:
                    cells.append("—")
                    continue
                text = _value(fig.kind, fig.value(s["report"]))
                cells.append(_link(text, _records_href(month, fig.sheet, s["hub_id"]) if fig.sheet else None))
            rows.append(cells)
        headers = ["服务站", "最后同步", "警告", *(_label(FIGURE[k].label) for k in OVERVIEW)]
        export = f'<a href="/dashboard/export/monthly.xlsx?month={month}">导出全县月报（xlsx）</a>'
        body = (f"<h1>全县月报 {month}</h1>{_month_form('/dashboard', month, export)}"
                f'<div class="cards">{"".join(cards)}</div><h2>各服务站</h2>'
                f"{_table(headers, rows, numeric=range(3, 3 + len(OVERVIEW)), raw=True)}"
                f'<p class="muted">数字由各服务站上传的记录计算（与服务站自己的月报一致）；点数字看明细。</p>')
        return _page(f"全县月报 {month}", body, who)

    @app.get("/dashboard/stations/{station_id}", response_class=HTMLResponse, include_in_schema=False)
    def station_page(request: Request, station_id: str) -> HTMLResponse:
        who, month = user(request), month_param(request)
        st = station_name(station_id)
        report = shadows.monthly(station_id, month)
        warn = "；".join(st["warnings"])
        sections = []
        for section, section_label in reports.SECTIONS.items():
            rows = [[escape(_label(f.label)),
                     _link(_value(f.kind, f.value(report)),
                           _records_href(month, f.sheet, station_id) if f.sheet else None)]
                    for f in reports.FIGURES if f.section == section]
            sections.append(f"<section><h2>{escape(_label(section_label))}</h2>"
                            f"{_table(['指标', '数值'], rows, (1,), raw=True)}</section>")
            if section == "bills" and report["bills"]["billers"]:
                from station_app.core.report_files import BILLER_COLUMNS, biller_rows

                table = _table([_label(c[0]) for c in BILLER_COLUMNS],
                               [[_cell(c[2], v) for c, v in zip(BILLER_COLUMNS, row, strict=True)]
                                for row in biller_rows(report)], range(1, len(BILLER_COLUMNS)))
                sections.append(f'<section class="wide"><h2>{escape(_label("Bills by biller"))}</h2>{table}</section>')
        export = (f'<a href="/dashboard/export/monthly.xlsx?{urlencode({"month": month, "station": station_id})}">'
                  f"导出本站月报（xlsx）</a>")
        head = (f"<h1>{escape(st['name'])} · {month}</h1>"
                f'<p>村：{escape(st["village"])}　最后同步：{escape(_when(st["last_push_at"]))}　'
                f'待上传：{st["pending"]}　<span class="{"warn" if warn else "ok"}">警告：{escape(warn or "无")}</span></p>')
        return _page(f"{st['name']} {month}", head + _month_form(f"/dashboard/stations/{station_id}", month, export)
                     + f'<div class="secs">{"".join(sections)}</div>', who)

    def records_page(request: Request, key: str, station_id: str | None) -> HTMLResponse:
        who, month = user(request), month_param(request)
        if key not in report_rows.SHEETS:
            raise NotFoundPage("没有这类明细")
        if station_id:
            name = station_name(station_id)["name"]
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
        headers = ["服务站" if c.label == "Station" else _label(c.label) for c in columns]
        numeric = [i for i, c in enumerate(columns) if c.kind in ("fen", "count", "hours")]
        cells = [[_cell(c.kind, v) for c, v in zip(columns, r, strict=True)] for r in shown]
        money = [c for c in columns if c.kind == "fen"]
        sums = "　".join(f"{_label(c.label)}合计 {format_fen(sum(int(r[columns.index(c)] or 0) for r in rows))}"
                        for c in money)
        base = request.url.path + "?" + urlencode({"month": month})
        pager = ""
        if pages > 1:
            pager = (f'<p>第 {page_no}/{pages} 页　' +
                     (f'<a href="{escape(base)}&page={page_no - 1}">上一页</a>　' if page_no > 1 else "") +
                     (f'<a href="{escape(base)}&page={page_no + 1}">下一页</a>' if page_no < pages else "") + "</p>")
        title = f"{name} · {_label(sheet.title)} · {month}"
        back = f"/dashboard/stations/{quote(station_id)}?month={month}" if station_id else f"/dashboard?month={month}"
        body = (f"<h1>{escape(title)}</h1><p>共 {len(rows)} 条　{escape(sums)}　<a href='{escape(back)}'>返回</a></p>"
                f"{pager}{_table(headers, cells, numeric)}{pager}")
        return _page(title, body, who)

    @app.get("/dashboard/stations/{station_id}/records/{key}", response_class=HTMLResponse, include_in_schema=False)
    def station_records(request: Request, station_id: str, key: str) -> HTMLResponse:
        return records_page(request, key, station_id)

    @app.get("/dashboard/records/{key}", response_class=HTMLResponse, include_in_schema=False)
    def county_records(request: Request, key: str) -> HTMLResponse:
        return records_page(request, key, None)

    def per_station(collect: Callable[[Any, dict[str, Any]], list[list[str]]]) -> list[tuple[dict[str, Any], list[list[str]]]]:
        out = []
        for s in hub.station_rows():
            with shadows.view(s["id"]) as db:
                out.append((s, collect(db, s)))
        return out

    @app.get("/dashboard/overdue", response_class=HTMLResponse, include_in_schema=False)
    def overdue(request: Request) -> HTMLResponse:
        who = user(request)

        def collect(db: Any, _s: dict[str, Any]) -> list[list[str]]:
            return [[o.parcel.waybill, o.parcel.carrier_name, o.parcel.recipient_name, o.parcel.phone_masked,
                     o.parcel.pickup_code or "", show(o.parcel.arrived_at), str(o.days), "该退回" if o.return_due else ""]
                    for o in parcels.overdue_parcels(db)]

        found = per_station(collect)
        summary = [[_link(s["name"], f"#s-{s['id']}"), str(len(rows)), str(sum(1 for r in rows if r[7]))]
                   for s, rows in found]
        parts = [f"<h1>滞留件（截至 {escape(show(hub.now()))}）</h1>",
                 _table(["服务站", "滞留件", "其中该退回"], summary, (1, 2), raw=True)]
        for s, rows in found:
            parts.append(f'<h2 id="s-{escape(s["id"])}">{escape(s["name"])}（{len(rows)} 件）</h2>')
            parts.append(_table(["运单号", "快递公司", "收件人", "手机", "取件码", "到站", "天数", ""], rows[:PAGE_ROWS],
                                (6,)))
            if len(rows) > PAGE_ROWS:
                parts.append(f'<p class="muted">只列出最早的 {PAGE_ROWS} 件。</p>')
        return _page("滞留件", "".join(parts), who)

    @app.get("/dashboard/stuck", response_class=HTMLResponse, include_in_schema=False)
    def stuck(request: Request) -> HTMLResponse:
        who = user(request)
        try:
            hours = max(1, int(request.query_params.get("hours", "0")))
        except ValueError:
            hours = 0
        now = hub.clock.now()

        def collect(db: Any, s: dict[str, Any]) -> list[list[str]]:
            limit = hours or settings.get(db, "bills.overdue_hours")
            out = []
            for b in bills.waiting(db):
                age = now - parse_iso(b.accepted_at)
                if age > timedelta(hours=limit):
                    out.append([s["name"], b.receipt_no, b.biller_name, b.product_name, b.account_masked,
                                format_fen(b.amount), show(b.accepted_at), f"{age.total_seconds() / 3600:.0f}",
                                b.state_text()])
            return out

        rows = [r for _, part in per_station(collect) for r in part]
        form = (f'<form class="pick" method="get" action="/dashboard/stuck"><label>受理后超过 '
                f'<input name="hours" type="number" min="1" value="{hours or ""}" placeholder="按县里设置" '
                f'style="width:7em"> 小时</label><button>查看</button></form>')
        body = (f"<h1>缴费已受理、未到账（{len(rows)} 笔）</h1>{form}"
                + _table(["服务站", "回执号", "缴费单位", "项目", "户号", "金额", "受理时间", "已等小时", "状态"], rows,
                         (5, 7)))
        return _page("缴费未到账", body, who)

    @app.get("/dashboard/training", response_class=HTMLResponse, include_in_schema=False)
    def training_page(request: Request) -> HTMLResponse:
        who = user(request)
        today = local_day(hub.clock.now())
        try:
            year = int(request.query_params.get("year", today.year))
        except ValueError:
            year = today.year
        last = min(date(year, 12, 31), today) if year == today.year else date(year, 12, 31)

        def collect(db: Any, s: dict[str, Any]) -> list[list[str]]:
            f = training.figures(db, date(year, 1, 1), last)
            share = min(100, round(100 * f.person_times / f.person_times_target)) if f.person_times_target else 0
            bar = f'<div class="bar" title="{share}%"><i style="width:{share}%"></i></div>'
            pct = f.satisfaction_pct
            sat = "—" if pct is None else f'<span class="{"ok" if f.satisfaction_met else "warn"}">{pct:.1f}%</span>'
            return [[_link(s["name"], f"/dashboard/stations/{quote(s['id'])}?month={reports.month_of(last)}"),
                     str(f.sessions), f"{f.person_times} / {f.person_times_target}", bar, str(f.distinct_people),
                     str(f.poverty_people), sat + f" / {f.satisfaction_target_pct}%", str(f.shops_opened),
                     _link("场次与照片", f"/dashboard/stations/{quote(s['id'])}/training")]]

        rows = [r for _, part in per_station(collect) for r in part]
        body = (f"<h1>培训进度 {year} 年（截至 {last.isoformat()}）</h1>"
                + _table(["服务站", "场次", "人次 / 目标", "完成", "人数", "贫困户人数", "满意度 / 目标", "开网店", "档案"],
                         rows, (1, 2, 4, 5, 6, 7), raw=True))
        return _page("培训进度", body, who)

    @app.get("/dashboard/stations/{station_id}/training", response_class=HTMLResponse, include_in_schema=False)
    def training_archive(request: Request, station_id: str) -> HTMLResponse:
        """A station's sessions as the subsidy audit sees them: what each archive lacks, and its photos."""
        who, st = user(request), station_name(station_id)
        with shadows.view(station_id) as db:
            found = [(s, training.archive_gaps(db, s.id), training.photos(db, s.id))
                     for s in training.list_sessions(db, limit=PAGE_ROWS)]
        on_hub = evidence.held(hub, station_id, [ph.sha256 for _, _, photos in found for ph in photos])
        rows = []
        for s, gaps, photos in found:
            pictures, absent = [], 0
            for ph in photos:
                href = f"/dashboard/evidence/{quote(station_id)}/{ph.sha256}"  # sync.hub.evidence
                if ph.sha256 in on_hub:
                    pictures.append(f'<a href="{escape(href)}" target="_blank"><img class="thumb" loading="lazy" '
                                    f'src="{escape(href)}" alt="{escape(ph.caption or "现场照片")}"></a>')
                else:
                    absent += 1
            lacks = [translate("training", g, ZH) for g in gaps] + ([f"{absent} 张照片还没传到县里"] if absent else [])
            rows.append([escape(s.title), escape(show(s.starts_at)), escape(s.place),
                         escape(translate("training", training.STATUSES.get(s.status, s.status), ZH)), str(s.signed_in),
                         f'<span class="warn">{escape("、".join(lacks))}</span>' if lacks else '<span class="ok">齐全</span>',
                         "".join(pictures) or '<span class="muted">无</span>'])
        body = (f"<h1>{escape(st['name'])} · 培训档案</h1>"
                f'<p class="muted">补贴审核看每场的档案：讲师资质、大纲、签到、满意度、现场照片。点照片看原图。'
                f'　<a href="/dashboard/training">返回培训进度</a></p>'
                + _table(["培训", "开始", "地点", "状态", "签到", "档案缺项", "现场照片"], rows, (4,), raw=True))
        return _page(f"{st['name']} 培训档案", body, who)

    def quarter_param(request: Request) -> tuple[str, date, date]:
        today = local_day(hub.clock.now())
        text = request.query_params.get("quarter") or f"{today.year}Q{(today.month - 1) // 3 + 1}"
        try:
            first, last = reports.quarter_days(text)
        except UserError as exc:
            raise NotFoundPage(exc.message(ZH), 400) from None
        return f"{first.year}Q{(first.month - 1) // 3 + 1}", first, last

    @app.get("/dashboard/subsidy", response_class=HTMLResponse, include_in_schema=False)
    def subsidy(request: Request) -> HTMLResponse:
        who = user(request)
        quarter, first, last = quarter_param(request)
        claims = shadows.subsidy_claims(first, last)
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
        rows = [[str(i), c["station"], c["ewaybill"], parcels.carrier_name(c["carrier"]), c["day"], c["product"],
                 c["destination"], c["sender"], format_fen(c["subsidy_fen"])] for i, c in enumerate(claims, 1)]
        body = (f"<h1>农产品出县快递补贴申报 {quarter}（{first.isoformat()} – {last.isoformat()}）</h1>{form}"
                + _table(["服务站", "单数", "补贴"], summary, (1, 2)) + "<h2>申报明细（每单一行，凭电子面单）</h2>"
                + _table(["序号", "服务站", "电子面单号", "快递公司", "日期", "产品", "县外目的地", "寄件人", "补贴"], rows, (8,)))
        return _page(f"补贴申报 {quarter}", body, who)

    def xlsx(write: Callable[[Path], Path], filename: str) -> Response:
        with tempfile.TemporaryDirectory() as folder:
            data = write(Path(folder) / "report.xlsx").read_bytes()
        ascii_name = filename.encode("ascii", "ignore").decode() or "report.xlsx"
        return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": f'attachment; filename="{ascii_name}"; '
                                                        f"filename*=UTF-8''{quote(filename)}"})

    @app.get("/dashboard/export/monthly.xlsx", include_in_schema=False)
    def export_monthly(request: Request) -> Response:
        user(request)
        month = month_param(request)
        station_id = request.query_params.get("station")
        if station_id:
            st = station_name(station_id)
            from station_app.core.report_files import write_monthly_xlsx

            report = shadows.monthly(station_id, month)
            with shadows.view(station_id) as db:
                sheets = report_rows.all_evidence(db, month)
            return xlsx(lambda p: write_monthly_xlsx(report, sheets, p), f"monthly-{month}-{st['name']}.xlsx")
        county = shadows.county(month)
        return xlsx(lambda p: write_county_xlsx(county, p), f"monthly-{month}-county.xlsx")

    @app.get("/dashboard/export/subsidy.xlsx", include_in_schema=False)
    def export_subsidy(request: Request) -> Response:
        user(request)
        quarter, first, last = quarter_param(request)
        claims = shadows.subsidy_claims(first, last)
        return xlsx(lambda p: write_claims_xlsx(claims, quarter, p), f"subsidy-{quarter}.xlsx")

    return shadows

