"""The county staff's first web page (Chinese): every station, its last sync, backlog, warnings."""

from __future__ import annotations

from html import escape
from typing import Any

from station_app.clock import show

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4em .6em;text-align:left}
th{background:#f0f4f8}.warn{color:#b00020}.ok{color:#1b5e20}small{color:#666}
"""


def _when(text: str | None) -> str:
    return show(text) if text else "从未"


def stations_page(rows: list[dict[str, Any]], hub_time: str) -> str:
    lines = []
    for r in rows:
        warnings = "<br>".join(escape(w) for w in r["warnings"])
        state = "" if r["enrolled"] else "（未注册或已吊销）"
        lines.append(
            f"<tr><td>{escape(r['name'])}{state}<br><small>{escape(r['id'])}</small></td>"
            f"<td>{escape(r['village'])}</td><td>{_when(r['last_push_at'])}</td>"
            f"<td>{_when(r['last_seen_at'])}</td><td>{r['acked_seq']}</td><td>{r['pending']}</td>"
            f"<td class=\"{'warn' if warnings else 'ok'}\">{warnings or '无'}</td></tr>"
        )
    body = "\n".join(lines) or '<tr><td colspan="7">还没有服务站。用 station-hub enroll-code 添加。</td></tr>'
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>县级中心 · 服务站同步</title><style>{_STYLE}</style></head>
<body><h1>服务站同步情况</h1><p><small>中心时间 {show(hub_time, seconds=True)}</small></p>
<table><thead><tr><th>服务站</th><th>村</th><th>最后同步</th><th>最后联系</th><th>已收记录</th><th>待上传</th><th>警告</th></tr></thead>
<tbody>
{body}
</tbody></table></body></html>"""
