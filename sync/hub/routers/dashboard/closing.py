"""Month close on the dashboard: the months closed (who, when, the frozen report as xlsx or PDF,
how many figures changed since), and closing a month (county admins). `sync.hub.month_close`
does the work, as `station-hub close-month` and `POST /county/months/{month}/close` do."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from datetime import timedelta
from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from station_app.clock import local_day, show
from station_app.core import reports
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import month_close, roles
from sync.hub.auth import PageAdmin, PageReader, csrf_field
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.forms import read_form
from sync.hub.pages import page, table

router = APIRouter(include_in_schema=False)

TITLE = QT_TRANSLATE_NOOP("dashboard", "Month close")
EXPLAIN = QT_TRANSLATE_NOOP("dashboard", "Closing a month keeps its county report as it stands now: the figures the "
                                         "county submits. Records of the month that arrive later never change it: "
                                         "the month's overview shows them as a revision against it.")
CLOSE = QT_TRANSLATE_NOOP("dashboard", "Close the month")
CLOSED = QT_TRANSLATE_NOOP("dashboard", "Closed months")
MONTH = QT_TRANSLATE_NOOP("dashboard", "Month")
BY = QT_TRANSLATE_NOOP("dashboard", "Closed by")
AT = QT_TRANSLATE_NOOP("dashboard", "Closed at")
FILES = QT_TRANSLATE_NOOP("dashboard", "As closed")
CHANGES = QT_TRANSLATE_NOOP("dashboard", "Changes since")
COVERED = QT_TRANSLATE_NOOP("dashboard", "Stations counted")
NONE = QT_TRANSLATE_NOOP("dashboard", "none")
SEE = QT_TRANSLATE_NOOP("dashboard", "{n} figures: see the month")


def _t(text: str, /, **params: Any) -> str:
    out = translate("dashboard", text)
    return out.format(**params) if params else out


@router.get("/dashboard/close", response_class=HTMLResponse)
def close_page(request: Request, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    from sync.hub.county_report import county_month

    rows = []
    for c in month_close.closed_months(hub):
        snapshot = month_close.closed_report(hub, c["month"])
        assert snapshot is not None
        changed = month_close.revisions(snapshot, county_month(shadows, c["month"]))
        late = month_close.late_records(hub, snapshot)
        note = _t(SEE, n=len(changed)) if changed or late else _t(NONE)
        rows.append([f'<a href="/dashboard?month={c["month"]}">{c["month"]}</a>', escape(c["closed_by"]),
                     escape(show(c["closed_at"])), f'{snapshot["covered"]} / {snapshot["station_count"]}',
                     f'<a href="/dashboard/close/{c["month"]}.xlsx">xlsx</a> '
                     f'<a href="/dashboard/close/{c["month"]}.pdf">PDF</a>',
                     f'<span class="{"warn" if changed or late else "ok"}">{escape(note)}</span>'])
    form = ""
    if getattr(request.state, "staff_role", roles.ADMIN) == roles.ADMIN:
        today = local_day(hub.clock.now())
        closed = {c["month"] for c in month_close.closed_months(hub)}
        last_month = reports.month_of(today.replace(day=1) - timedelta(days=1))
        choices = [m for m in reversed(reports.last_months(today, 13)) if m not in closed and m <= last_month]
        options = "".join(f"<option>{m}</option>" for m in choices)
        form = (f'<form class="op" method="post" action="/dashboard/close" id="close-month">{csrf_field(request)}'
                f'<label>{escape(_t(MONTH))} <select name="month">{options}</select></label>'
                f'<button type="submit">{escape(_t(CLOSE))}</button></form>')
    body = (f"<h1>{escape(_t(TITLE))}</h1><p class='muted'>{escape(_t(EXPLAIN))}</p>{form}"
            f"<h2>{escape(_t(CLOSED))}</h2>"
            + table([_t(MONTH), _t(BY), _t(AT), _t(COVERED), _t(FILES), _t(CHANGES)], rows, raw=True))
    return page(_t(TITLE), body, who)


@router.post("/dashboard/close")
async def close(request: Request, who: PageAdmin, shadows: ShadowsDep) -> Response:
    form = await read_form(request)
    month = form.get("month")
    try:
        await run_in_threadpool(month_close.close_month, shadows, month, who)
    except UserError as exc:
        return page(_t(TITLE), f'<h1 class="warn">{escape(exc.message("zh_CN"))}</h1>'
                               f'<p><a href="/dashboard/close">{escape(_t(TITLE))}</a></p>', who, status=400)
    return RedirectResponse(f"/dashboard?month={month}", status_code=303)
