"""Every station at a glance (registered name, contact, upload, how far its records are complete,
its problems with what to do, red first), and the daily digest the county office checks each
morning and can export (`sync.hub.digest`)."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from datetime import date, timedelta
from html import escape
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from station_app.clock import local_day, show
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import digest as digest_mod
from sync.hub.auth import PageReader
from sync.hub.dependencies import HubDep
from sync.hub.health import station_health
from sync.hub.pages import NotFoundPage, link, page, problems_list, table, when
from sync.hub.routers.dashboard.exports import download

router = APIRouter(include_in_schema=False)

STATIONS = QT_TRANSLATE_NOOP("dashboard", "Stations")
STATIONS_HEAD = QT_TRANSLATE_NOOP("dashboard", "Stations: {red} of {n} need attention")
HEADS = (QT_TRANSLATE_NOOP("dashboard", "Station"), QT_TRANSLATE_NOOP("dashboard", "Village"),
         QT_TRANSLATE_NOOP("dashboard", "Last contact"), QT_TRANSLATE_NOOP("dashboard", "Last upload"),
         QT_TRANSLATE_NOOP("dashboard", "Records complete up to"), QT_TRANSLATE_NOOP("dashboard", "Records held"),
         QT_TRANSLATE_NOOP("dashboard", "Status"))
EXPLAIN = QT_TRANSLATE_NOOP("dashboard", "Last contact is any request the station made; last upload the last time "
                                         "it sent new records (a station with nothing new does not upload). "
                                         "Silent after {days} days: change it under County operations.")
DIGEST = QT_TRANSLATE_NOOP("dashboard", "Daily digest {day}")
BAD_DAY = QT_TRANSLATE_NOOP("dashboard", "'{text}' is not a day: write it like 2026-11-23")
EXPORTS = QT_TRANSLATE_NOOP("dashboard", "Export")
PROGRAM = QT_TRANSLATE_NOOP("dashboard", "program {version}")


def _t(text: str, /, **params: object) -> str:
    out = translate("dashboard", text)
    return out.format(**params) if params else out


def _version(version: str) -> str:
    """The station program's version under its name, as the station last said (older ones say nothing)."""
    return f'<br><small class="muted">{escape(_t(PROGRAM, version=version))}</small>' if version else ""


@router.get("/dashboard/stations", response_class=HTMLResponse)
def stations(who: PageReader, hub: HubDep) -> HTMLResponse:
    from sync.hub import county_settings

    found = sorted(station_health(hub), key=lambda h: (not h.red, h.name))
    rows = [[link(h.name, f"/dashboard/stations/{quote(h.id)}") + _version(h.program_version), escape(h.village),
             escape(when(h.last_contact)),
             escape(when(h.last_upload)), escape(show(h.complete_up_to) if h.complete_up_to else "—"),
             str(h.acked_seq), problems_list([{"level": p.level, "text": p.text, "todo": p.todo} for p in h.problems])]
            for h in found]
    body = (f"<h1>{escape(_t(STATIONS_HEAD, red=sum(h.red for h in found), n=len(found)))}</h1>"
            f'<p class="muted">{escape(_t(EXPLAIN, days=county_settings.get(hub, "silent_days")))}</p>'
            + table([_t(h) for h in HEADS], rows, (5,), raw=True, row_classes=["red" if h.red else "" for h in found]))
    return page(_t(STATIONS), body, who)


def _day(request: Request, today: date) -> date:
    text = request.query_params.get("day") or (today - timedelta(days=1)).isoformat()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise NotFoundPage(_t(BAD_DAY, text=text[:20]), 400) from None


@router.get("/dashboard/digest", response_class=HTMLResponse)
def digest_page(request: Request, who: PageReader, hub: HubDep) -> HTMLResponse:
    day = _day(request, local_day(hub.clock.now()))
    rows = digest_mod.digest(hub, day)
    before, after = day - timedelta(days=1), day + timedelta(days=1)
    form = (f'<form class="pick" method="get" action="/dashboard/digest"><a href="?day={before}">‹</a>'
            f'<input type="date" name="day" value="{day}"><button>查看</button><a href="?day={after}">›</a>'
            f'{escape(_t(EXPORTS))}：<a href="/dashboard/digest.xlsx?day={day}">xlsx</a> '
            f'<a href="/dashboard/digest.csv?day={day}">CSV</a></form>')
    cells = [[escape(str(c)) for c in r.cells()[:8]] + [problems_list(
        [{"level": "red" if r.red else "amber", "text": t, "todo": ""} for t in r.problems])] for r in rows]
    heads = digest_mod.heads()[:9]
    body = (f"<h1>{escape(_t(DIGEST, day=day.isoformat()))}</h1>{form}"
            + table(heads, cells, (5, 6), raw=True, row_classes=["red" if r.red else "" for r in rows]))
    return page(_t(DIGEST, day=day.isoformat()), body, who)


@router.get("/dashboard/digest.{fmt}")
def digest_file(request: Request, fmt: str, _who: PageReader, hub: HubDep) -> Response:
    if fmt not in ("xlsx", "csv"):
        raise NotFoundPage("没有这种文件")
    day = _day(request, local_day(hub.clock.now()))
    rows = digest_mod.digest(hub, day)
    if fmt == "csv":
        return download(lambda p: digest_mod.write_csv(rows, p), f"digest-{day}.csv")
    return download(lambda p: digest_mod.write_xlsx(rows, day, p), f"digest-{day}.xlsx")
