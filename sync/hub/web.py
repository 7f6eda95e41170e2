"""The county staff's first web page at / (Chinese): every station under the name the county
registered it with, its last contact and last upload, backlog and problems with what to do
(`sync.hub.health`); the dashboard (/dashboard) has the rest."""

from __future__ import annotations

from html import escape

from station_app.clock import show
from sync.hub.health import RED, StationHealth

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4em .6em;text-align:left}
th{background:#f0f4f8}.warn{color:#b00020}.amber{color:#8a5300}.ok{color:#1b5e20}small{color:#666}
tr.red td{background:#fff3f2}
"""


def _when(text: str | None) -> str:
    return show(text) if text else "从未"


def stations_page(rows: list[StationHealth], hub_time: str) -> str:
    lines = []
    for r in rows:
        problems = "<br>".join(f'<span class="{"warn" if p.level == RED else "amber"}">{escape(p.text)}</span>'
                               f"<br><small>{escape(p.todo)}</small>" for p in r.problems)
        state = "" if r.enrolled else "（未注册或已吊销）"
        lines.append(
            f'<tr class="{"red" if r.red else ""}"><td>{escape(r.name)}{state}<br><small>{escape(r.id)}</small></td>'
            f"<td>{escape(r.village)}</td><td>{_when(r.last_upload)}</td><td>{_when(r.last_contact)}</td>"
            f"<td>{_when(r.complete_up_to) if r.complete_up_to else '—'}</td><td>{r.acked_seq}</td><td>{r.pending}</td>"
            f"<td>{problems or '<span class=ok>无</span>'}</td></tr>"
        )
    body = "\n".join(lines) or '<tr><td colspan="8">还没有服务站。用 station-hub enroll-code 添加。</td></tr>'
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>县级中心 · 服务站同步</title><style>{_STYLE}</style></head>
<body><h1>服务站同步情况</h1><p><small>中心时间 {show(hub_time, seconds=True)}　<a href="/dashboard">县级看板</a></small></p>
<table><thead><tr><th>服务站</th><th>村</th><th>最后上传</th><th>最后联系</th><th>数据完整到</th><th>已收记录</th><th>待上传</th>
<th>问题</th></tr></thead>
<tbody>
{body}
</tbody></table></body></html>"""
