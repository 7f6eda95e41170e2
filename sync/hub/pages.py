"""The county dashboard's HTML pieces (Chinese, server-rendered, for a laptop or a phone): the
page frame with its menu, tables, links, the month picker, and how figures are shown.

Cells are escaped here unless a caller says they are HTML already (`raw`). A page that cannot
be shown raises `NotFoundPage`; the app answers it with a page in the same frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from html import escape
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from station_app.clock import show
from station_app.core import reports
from station_app.core.money import format_fen
from station_app.i18n import QT_TRANSLATE_NOOP, translate

ZH = "zh_CN"

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
white-space:nowrap}th{background:#eef2f7;position:sticky;top:0;white-space:normal}td.n{text-align:right}
td.n a{color:#0b57d0}td.w{white-space:normal;overflow-wrap:anywhere;min-width:8em}
.warn{color:#b00020}.ok{color:#1b5e20}.muted{color:#666}
.demo{background:#b00020;color:#fff;font-weight:bold;padding:.5em 1em;text-align:center}
form.pick{display:flex;flex-wrap:wrap;gap:.4em;align-items:center;margin:.3em 0 .8em}
input,select,button{font:inherit;padding:.3em .5em}
.bar{background:#e3e7ee;border-radius:3px;height:.8em;min-width:80px}.bar i{display:block;height:100%;
background:#4a7fb5;border-radius:3px}
.secs{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:0 1.2em}.secs .wide{grid-column:1/-1}
.secs section:not(.wide) td:first-child,.secs th{white-space:normal}
.thumb{height:64px;border-radius:3px;vertical-align:middle;margin-right:.3em}
.login{max-width:340px;margin:3em auto;background:#fff;padding:1.2em;border-radius:8px;box-shadow:0 1px 3px #0003}
.login label{display:block;margin:.6em 0 .2em}.login input{width:100%}.login button{margin-top:1em;width:100%}
.alert{background:#fdecea;border:1px solid #f5c2c0;border-radius:6px;padding:.5em .8em;margin:.5em 0}
.alert h2{margin:.2em 0;color:#b00020}.note{background:#fff8e1;border:1px solid #ffe08a;border-radius:6px;
padding:.5em .8em;margin:.5em 0}.amber{color:#8a5300}tr.red td{background:#fff3f2}
.problems{margin:0;padding-left:1.1em;white-space:normal;min-width:16em}.problems li{margin:.1em 0}
.problems small{color:#555;display:block}
form.op{background:#fff;border-radius:6px;box-shadow:0 1px 2px #0002;padding:.6em .8em;margin:.5em 0;
display:flex;flex-wrap:wrap;gap:.4em .8em;align-items:center}form.op h3{width:100%;margin:.1em 0;font-size:1em}
form.op small{width:100%;color:#555}textarea{font:inherit;width:100%;min-height:4em}
@media (max-width:640px){main{padding:.5em}.secs{display:block}th,td{padding:.3em .4em;font-size:.92em}.card .n{font-size:1.25em}}
"""
NAV = (("/dashboard", QT_TRANSLATE_NOOP("dashboard", "Overview")),
       ("/dashboard/stations", QT_TRANSLATE_NOOP("dashboard", "Stations")),
       ("/dashboard/digest", QT_TRANSLATE_NOOP("dashboard", "Daily digest")),
       ("/dashboard/overdue", "滞留件"), ("/dashboard/stuck", "缴费未到账"),
       ("/dashboard/training", "培训进度"), ("/dashboard/subsidy", "补贴申报"), ("/dashboard/claims", "补贴审核"),
       ("/dashboard/register", "贫困户与覆盖"), ("/dashboard/indicators", "国家指标"),
       ("/dashboard/services", QT_TRANSLATE_NOOP("dashboard", "Cash point and services")),
       ("/dashboard/gateways", QT_TRANSLATE_NOOP("dashboard", "SMS and biller gateways")),
       ("/dashboard/county", QT_TRANSLATE_NOOP("dashboard", "County operations")),
       ("/dashboard/bundles", QT_TRANSLATE_NOOP("dashboard", "USB-stick bundles")),
       ("/dashboard/close", QT_TRANSLATE_NOOP("dashboard", "Month close")),
       ("/dashboard/audit", QT_TRANSLATE_NOOP("dashboard", "Audit log")))


class NotFoundPage(Exception):
    """A page that cannot be shown: nothing there (404), or the address asks for nonsense (400)."""

    def __init__(self, message: str, status: int = 404) -> None:
        super().__init__(message)
        self.message, self.status = message, status


async def not_found_page(_request: Request, exc: Exception) -> Response:
    """The answer to `NotFoundPage`: the message in the dashboard's frame, and a way back."""
    assert isinstance(exc, NotFoundPage)
    title = {404: "找不到", 403: translate("dashboard", "Not allowed")}.get(exc.status, "输入有误")
    return page(title,
                f"<h1 class=warn>{escape(exc.message)}</h1><p><a href='/dashboard'>回到总览</a></p>",
                status=exc.status)


#: set by `station-hub serve --demo` (`sync.hub.services`): every page then says so at its top
DEMO_BANNER = ("<div class=demo role=alert>演示系统：短信不会真正发出，缴费不会真正支付（模拟）。"
               "DEMO hub: no SMS is really sent, no bill really paid.</div>")
demo_hub = False


def page(title: str, body: str, user: str | None = None, status: int = 200) -> HTMLResponse:
    """A whole page: the menu and a way out for a logged-in `user`, then `body` (HTML); on a
    demo hub, the 演示 banner above it all."""
    nav = "".join(f'<a href="{href}">{escape(translate("dashboard", text))}</a>' for href, text in NAV) if user else ""
    who = f'<a href="/dashboard/logout">退出（{escape(user)}）</a>' if user else ""
    html = f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · 县级电商服务中心</title><style>{_STYLE}</style></head>
<body>{DEMO_BANNER if demo_hub else ""}<header><b>县级电商服务中心</b>{nav}{who}</header>
<main>{body}</main></body></html>"""
    return HTMLResponse(html, status_code=status)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = (), *,
          raw: bool = False, row_classes: Sequence[str] = (), wrap: Sequence[int] = ()) -> str:
    """A scrollable table; cells are escaped unless `raw` (cells already HTML); `row_classes`
    gives rows a CSS class (e.g. "red"); the columns in `wrap` (long text) wrap their lines, so
    the table fits a 1366-pixel screen."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    css_of = {**{i: " class=w" for i in wrap}, **{i: " class=n" for i in numeric}}
    for n, row in enumerate(rows):
        cells = "".join(f'<td{css_of.get(i, "")}>{c if raw else escape(str(c))}</td>' for i, c in enumerate(row))
        css = row_classes[n] if n < len(row_classes) and row_classes[n] else ""
        body.append(f'<tr class="{css}">{cells}</tr>' if css else f"<tr>{cells}</tr>")
    if not rows:
        body.append(f'<tr><td colspan="{len(headers)}" class="muted">没有记录</td></tr>')
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def link(text: str, href: str | None) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>' if href else escape(text)


def when(text: str | None) -> str:
    return show(text) if text else "从未"


def label(text: str) -> str:
    """A report label (figure, section, column) in Chinese."""
    return reports.label(text, ZH)


def show_value(kind: str, value: Any) -> str:
    """A figure as the reports show it (money as ¥12.50, percentages, hours)."""
    return reports.show_value(kind, value)


def cell(kind: str, value: Any) -> str:
    """A record's cell: money as ¥12.50, nothing for an empty one."""
    if value is None or value == "":
        return ""
    return format_fen(int(value)) if kind == "fen" else str(value)


def month_form(action: str, month: str, extra: str = "") -> str:
    """The month picker: the month before, the month, the month after (and `extra`, HTML)."""
    first = reports.month_days(month)[0]
    before = reports.month_of(first - timedelta(days=1))
    after = reports.month_of(reports.month_days(month)[1] + timedelta(days=1))
    return (f'<form class="pick" method="get" action="{escape(action)}">'
            f'<a href="{escape(action)}?month={before}">‹ 上月</a>'
            f'<label>月份 <input type="month" name="month" value="{month}"></label><button>查看</button>'
            f'<a href="{escape(action)}?month={after}">下月 ›</a>{extra}</form>')


ALL_WELL = QT_TRANSLATE_NOOP("dashboard", "All well")


def problems_list(problems: Sequence[dict[str, str]]) -> str:
    """A station's problems (`health`), red or amber, each with what to do under it (HTML)."""
    if not problems:
        return f'<span class="ok">{escape(translate("dashboard", ALL_WELL))}</span>'
    items = "".join(f'<li class="{"warn" if p["level"] == "red" else "amber"}">{escape(p["text"])}'
                    f'<small>{escape(p["todo"])}</small></li>' for p in problems)
    return f'<ul class="problems">{items}</ul>'
