"""The stations' other services on the dashboard (issue 22): the month's bank-card cash point
withdrawals per station with the days the bank's settlement differs, the service ledger
(便民服务人次) and farm inputs per station, the ledger's categories the county sets, and which
stations have posted each county notice on their wall.

The figures are each station's monthly report as the hub folds it (`sync.hub.station_services`),
the same numbers as the station's own report and the records behind them.
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from html import escape
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from station_app.clock import show
from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import roles, station_services
from sync.hub.auth import PageAdmin, PageReader, csrf_field
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.forms import read_form
from sync.hub.pages import link, month_form, page, table
from sync.hub.routers.dashboard.monthly import records_href
from sync.hub.routers.dashboard.scope import month_param

router = APIRouter(include_in_schema=False)

TITLE = QT_TRANSLATE_NOOP("dashboard", "Cash point and other services")
STATION = QT_TRANSLATE_NOOP("dashboard", "Station")
WITHDRAWALS = QT_TRANSLATE_NOOP("dashboard", "Withdrawals")
PAID_OUT = QT_TRANSLATE_NOOP("dashboard", "Cash paid out")
CARDS = QT_TRANSLATE_NOOP("dashboard", "Cards")
SETTLED = QT_TRANSLATE_NOOP("dashboard", "Days settled")
DIFFERING = QT_TRANSLATE_NOOP("dashboard", "Days that differ")
DIFFERENCE = QT_TRANSLATE_NOOP("dashboard", "Bank minus station")
SERVED = QT_TRANSLATE_NOOP("dashboard", "People served")
RECORDS = QT_TRANSLATE_NOOP("dashboard", "Services recorded")
FEES = QT_TRANSLATE_NOOP("dashboard", "Service fees")
FARM = QT_TRANSLATE_NOOP("dashboard", "Farm inputs sold")
FARM_FEN = QT_TRANSLATE_NOOP("dashboard", "Farm inputs amount")
POSTED = QT_TRANSLATE_NOOP("dashboard", "Notices posted")
COUNTY = QT_TRANSLATE_NOOP("dashboard", "County ({n} of {count} stations)")
NOT_COUNTED = QT_TRANSLATE_NOOP("dashboard", "not counted: {why}")
DIFFER_NOTE = QT_TRANSLATE_NOOP("dashboard", "A red row: on some day the bank settled a different total than the "
                                             "station paid out. The station sees the same day flagged on its cash "
                                             "point page until the bank's correction is recorded.")
CATEGORIES = QT_TRANSLATE_NOOP("dashboard", "The service ledger's categories")
CATEGORIES_NOTE = QT_TRANSLATE_NOOP("dashboard", "One category a line: a short code (letters, digits, _), then its "
                                                 "name. The whole list goes to every station at its next sync; a "
                                                 "category left out is retired (its records keep its name).")
SENT_AT = QT_TRANSLATE_NOOP("dashboard", "Sent by the county at {when}.")
NEVER_SENT = QT_TRANSLATE_NOOP("dashboard", "The stations keep the list they started with: the county has not "
                                            "sent its own.")
SEND = QT_TRANSLATE_NOOP("dashboard", "Send to the stations")
CODE = QT_TRANSLATE_NOOP("dashboard", "Code")
NAME = QT_TRANSLATE_NOOP("dashboard", "Name")
NOTICES = QT_TRANSLATE_NOOP("dashboard", "County notices on the stations' walls")
NOTICE = QT_TRANSLATE_NOOP("dashboard", "Notice")
SENT = QT_TRANSLATE_NOOP("dashboard", "Sent")
POSTED_BY = QT_TRANSLATE_NOOP("dashboard", "Posted")
NOT_YET = QT_TRANSLATE_NOOP("dashboard", "Not posted yet")
DONE = QT_TRANSLATE_NOOP("dashboard", "Done.")


def _t(text: str, /, **params: Any) -> str:
    out = translate("dashboard", text)
    return out.format(**params) if params else out


def _num(value: Any, href: str | None = None) -> str:
    return link(str(value), href) if href and value else escape(str(value))


@router.get("/dashboard/services", response_class=HTMLResponse)
def services_page(request: Request, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    month = month_param(request, hub)
    per, county = station_services.month_by_station(shadows, month)
    rows, classes = [], []
    for s in per:
        name = link(s.name, f"/dashboard/stations/{quote(s.station_id)}?month={month}")
        if not s.counted or s.cashpoint is None or s.services is None:
            rows.append([name, f'<span class="warn">{escape(_t(NOT_COUNTED, why=s.why_not or ""))}</span>',
                         *([""] * 11)])
            classes.append("red")
            continue
        c, sv = s.cashpoint, s.services
        rows.append([name, _num(c["withdrawals"], records_href(month, "cashpoint", s.station_id)),
                     escape(format_fen(c["amount_fen"])), _num(c["cards"]),
                     _num(c["settled_days"], records_href(month, "cashpoint_days", s.station_id)),
                     f'<b class="warn">{c["differing_days"]}</b>' if c["differing_days"] else "0",
                     escape(format_fen(c["difference_fen"])),
                     _num(sv["times"], records_href(month, "services", s.station_id)), _num(sv["records"]),
                     escape(format_fen(sv["fees_fen"])),
                     _num(s.farm_inputs, records_href(month, "farm_inputs", s.station_id)),
                     escape(format_fen(s.farm_inputs_fen)), _num(s.notices_posted)])
        classes.append("red" if c["differing_days"] else "")
    total = county["total"]
    if total:
        c, sv, o = total["cashpoint"], total["services"], total["proxy_orders"]
        rows.append([f'<b>{escape(_t(COUNTY, n=county["covered"], count=county["station_count"]))}</b>',
                     str(c["withdrawals"]), escape(format_fen(c["amount_fen"])), str(c["cards"]),
                     str(c["settled_days"]), str(c["differing_days"]), escape(format_fen(c["difference_fen"])),
                     str(sv["times"]), str(sv["records"]), escape(format_fen(sv["fees_fen"])), str(o["farm_inputs"]),
                     escape(format_fen(o["farm_inputs_fen"])), str(total["notices"]["posted"])])
        classes.append("")
    headers = [_t(h) for h in (STATION, WITHDRAWALS, PAID_OUT, CARDS, SETTLED, DIFFERING, DIFFERENCE, SERVED, RECORDS,
                               FEES, FARM, FARM_FEN, POSTED)]
    body = (f"<h1>{escape(_t(TITLE))} {month}</h1>{month_form('/dashboard/services', month)}"
            + table(headers, rows, numeric=range(1, 13), raw=True, row_classes=classes)
            + f'<p class="muted">{escape(_t(DIFFER_NOTE))}</p>' + _categories_part(request, hub)
            + f'<p><a href="/dashboard/notices">{escape(_t(NOTICES))}</a></p>')
    return page(f"{_t(TITLE)} {month}", body, who)


def _categories_part(request: Request, hub: Any) -> str:
    items, sent_at = station_services.current_categories(hub)
    state = _t(SENT_AT, when=show(sent_at)) if sent_at else _t(NEVER_SENT)
    out = (f"<h2>{escape(_t(CATEGORIES))}</h2><p class='muted'>{escape(state)}</p>"
           + table([_t(CODE), _t(NAME)], [[c["code"], c["name"]] for c in items]))
    if getattr(request.state, "staff_role", roles.ADMIN) == roles.ADMIN:
        text = "\n".join(f'{c["code"]} {c["name"]}' for c in items)
        out += (f'<form class="op" method="post" action="/dashboard/services/categories" id="categories">'
                f'<small>{escape(_t(CATEGORIES_NOTE))}</small>{csrf_field(request)}'
                f'<textarea name="categories" rows="10" required>{escape(text)}</textarea>'
                f'<button type="submit">{escape(_t(SEND))}</button></form>')
    if request.query_params.get("done"):
        out = f'<div class="note">{escape(_t(DONE))}</div>' + out
    return out


@router.post("/dashboard/services/categories")
async def send_categories(request: Request, who: PageAdmin, hub: HubDep) -> Response:
    form = await read_form(request)
    try:
        items = station_services.parse_categories(form.get("categories"))
        await run_in_threadpool(lambda: station_services.publish_categories(hub, items, who=who))
    except UserError as exc:
        return page(_t(TITLE), f'<h1 class="warn">{escape(exc.message("zh_CN"))}</h1>'
                               f'<p><a href="/dashboard/services">{escape(_t(TITLE))}</a></p>', who, status=400)
    return RedirectResponse("/dashboard/services?done=categories#categories", status_code=303)


@router.get("/dashboard/notices", response_class=HTMLResponse)
def notices_page(request: Request, who: PageReader, hub: HubDep) -> HTMLResponse:
    parts = []
    for p in station_services.postings(hub):
        n = p.notice
        rows = [[s.station, show(s.posted_at) if s.posted_at else _t(NOT_YET)] for s in p.stations]
        head = (f"<h2>{escape(n.title)} <small class='muted'>{escape(_t(SENT))} {escape(show(n.published_at))} · "
                f"{escape(_t(POSTED_BY))} {p.posted}/{len(p.stations)}</small></h2>"
                f"<p class='muted' style='white-space:pre-wrap'>{escape(n.text[:300])}</p>")
        parts.append(head + table([_t(STATION), _t(POSTED_BY)], rows,
                                  row_classes=["" if s.posted_at else "red" for s in p.stations]))
    body = f"<h1>{escape(_t(NOTICES))}</h1>" + ("".join(parts) or table([_t(NOTICE)], []))
    return page(_t(NOTICES), body, who)
