"""County operations from the dashboard (county admins; others may look): upload a file of each
kind (`sync.hub.uploads`: previewed with every refused row and its line number, then applied
once), send a notice to the stations, set targets and county settings county-wide or per
station (`sync.hub.targets`), and the hub's own settings (`sync.hub.county_settings`).

Every form posts with the session's CSRF field; each change is in the audit log. The same
operations are `station-hub` commands and `/county/...` endpoints, through the same functions.
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from html import escape
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from station_app.clock import show
from station_app.core import settings as station_settings
from station_app.core.money import format_fen, parse_yuan
from station_app.errors import NotFound, UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import county_settings, notices, roles, targets, uploads
from sync.hub.auth import PageAdmin, PageReader, csrf_field
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.forms import read_form
from sync.hub.health import station_health
from sync.hub.pages import NotFoundPage, page, table
from sync.hub.store import Hub

router = APIRouter(include_in_schema=False)

TITLE = QT_TRANSLATE_NOOP("dashboard", "County operations")
UPLOADS = QT_TRANSLATE_NOOP("dashboard", "Upload a file")
UPLOADS_NOTE = QT_TRANSLATE_NOOP("dashboard", "Each file is checked first: you see what would be sent and every "
                                              "refused row with its line number, then you confirm. The same file is "
                                              "sent once; stations get it at their next sync.")
PREVIEW = QT_TRANSLATE_NOOP("dashboard", "Check the file")
FOR_STATION = QT_TRANSLATE_NOOP("dashboard", "For")
EVERY = QT_TRANSLATE_NOOP("dashboard", "every station (or as the file says)")
EVERY_STATION = QT_TRANSLATE_NOOP("dashboard", "every station")
NOTICE = QT_TRANSLATE_NOOP("dashboard", "Send a notice to the stations")
NOTICE_TITLE = QT_TRANSLATE_NOOP("dashboard", "Title")
NOTICE_TEXT = QT_TRANSLATE_NOOP("dashboard", "Text")
NOTICE_UNTIL = QT_TRANSLATE_NOOP("dashboard", "Show until (optional)")
SEND = QT_TRANSLATE_NOOP("dashboard", "Send")
SENT_NOTICES = QT_TRANSLATE_NOOP("dashboard", "Notices sent")
TARGETS = QT_TRANSLATE_NOOP("dashboard", "Targets and county settings")
TARGETS_NOTE = QT_TRANSLATE_NOOP("dashboard", "A station's own value outranks the county-wide one. Stations get a "
                                              "change at their next sync.")
SET = QT_TRANSLATE_NOOP("dashboard", "Set")
HUB_SETTINGS = QT_TRANSLATE_NOOP("dashboard", "The hub's own settings")
OTHER_FORMS = QT_TRANSLATE_NOOP("dashboard", "Notices and settings")
SAVE = QT_TRANSLATE_NOOP("dashboard", "Save")
RECENT = QT_TRANSLATE_NOOP("dashboard", "Recent uploads")
APPLY = QT_TRANSLATE_NOOP("dashboard", "Send to the stations")
APPLIED = QT_TRANSLATE_NOOP("dashboard", "Sent by {who} at {when}.")
NOT_APPLIED = QT_TRANSLATE_NOOP("dashboard", "Not sent yet.")
WILL_SEND = QT_TRANSLATE_NOOP("dashboard", "Will be sent ({n} rows)")
WAS_SENT = QT_TRANSLATE_NOOP("dashboard", "Sent ({n} rows)")
REFUSED = QT_TRANSLATE_NOOP("dashboard", "Refused ({n} rows): fix them in the file and upload it again")
SKIPPED = QT_TRANSLATE_NOOP("dashboard", "Skipped ({n})")
LINE = QT_TRANSLATE_NOOP("dashboard", "Line")
STATION = QT_TRANSLATE_NOOP("dashboard", "Station")
WHAT = QT_TRANSLATE_NOOP("dashboard", "What")
WHY = QT_TRANSLATE_NOOP("dashboard", "Why")
KIND = QT_TRANSLATE_NOOP("dashboard", "Kind")
FILE = QT_TRANSLATE_NOOP("dashboard", "File")
UPLOADED = QT_TRANSLATE_NOOP("dashboard", "Uploaded")
STATE = QT_TRANSLATE_NOOP("dashboard", "State")
SETTING = QT_TRANSLATE_NOOP("dashboard", "Setting")
DEFAULT = QT_TRANSLATE_NOOP("dashboard", "Default")
COUNTY_WIDE = QT_TRANSLATE_NOOP("dashboard", "County-wide")
PER_STATION = QT_TRANSLATE_NOOP("dashboard", "Per station")
VALUE = QT_TRANSLATE_NOOP("dashboard", "Value")
ONLY_ADMINS = QT_TRANSLATE_NOOP("dashboard", "Only a county admin may change these ({role} may look).")
DONE = QT_TRANSLATE_NOOP("dashboard", "Done.")
BACK = QT_TRANSLATE_NOOP("dashboard", "Back to county operations")
NO_FILE = QT_TRANSLATE_NOOP("dashboard", "Choose a file first.")
REPEAT = QT_TRANSLATE_NOOP("dashboard", "This file was sent before: nothing was sent again.")


def _t(text: str, /, **params: Any) -> str:
    out = translate("dashboard", text)
    return out.format(**params) if params else out


def _is_admin(request: Request) -> bool:
    return getattr(request.state, "staff_role", roles.ADMIN) == roles.ADMIN


def _station_select(hub: Hub, name: str = "station", every: str = EVERY, chosen: str = "") -> str:
    options = [f'<option value="">{escape(_t(every))}</option>'] + [
        f'<option value="{escape(h.name)}"{" selected" if h.name == chosen else ""}>{escape(h.name)}</option>'
        for h in station_health(hub)]
    return f'<select name="{name}">{"".join(options)}</select>'


def _upload_forms(request: Request, hub: Hub) -> str:
    out = []
    for k in uploads.KINDS.values():
        station = (f'<label>{escape(_t(FOR_STATION))} {_station_select(hub)}</label>' if k.station else "")
        out.append(f'<form class="op" method="post" enctype="multipart/form-data" action="/dashboard/county/uploads/'
                   f'{k.key}" id="upload-{k.key}"><h3>{escape(_t(k.title))}</h3><small>{escape(_t(k.what))}</small>'
                   f'{csrf_field(request)}<input type="file" name="file" accept="{k.suffix}" required>{station}'
                   f'<button type="submit">{escape(_t(PREVIEW))}</button></form>')
    return "".join(out)


def _notice_form(request: Request, hub: Hub) -> str:
    return (f'<form class="op" method="post" action="/dashboard/county/notices" id="notice">'
            f'<h3>{escape(_t(NOTICE))}</h3>{csrf_field(request)}'
            f'<label>{escape(_t(NOTICE_TITLE))} <input name="title" maxlength="{notices.MAX_TITLE}" required></label>'
            f'<label>{escape(_t(FOR_STATION))} {_station_select(hub, every=EVERY_STATION)}'
            f'</label><label>{escape(_t(NOTICE_UNTIL))} <input name="until" type="date"></label>'
            f'<textarea name="text" maxlength="{notices.MAX_TEXT}" required placeholder="{escape(_t(NOTICE_TEXT))}">'
            f'</textarea><button type="submit">{escape(_t(SEND))}</button></form>')


def _hub_settings_form(request: Request, hub: Hub) -> str:
    rows = []
    for key, s in county_settings.HUB_SETTINGS.items():
        rows.append(f'<label>{escape(_t(s.label))} <input name="{escape(key)}" type="number" min="{s.minimum}" '
                    f'max="{s.maximum}" value="{county_settings.get(hub, key)}" style="width:7em"></label>')
    return (f'<form class="op" method="post" action="/dashboard/county/settings" id="hub-settings">'
            f'<h3>{escape(_t(HUB_SETTINGS))}</h3>{csrf_field(request)}{"".join(rows)}'
            f'<button type="submit">{escape(_t(SAVE))}</button></form>')


@router.get("/dashboard/county", response_class=HTMLResponse)
def county_page(request: Request, who: PageReader, hub: HubDep) -> HTMLResponse:
    admin = _is_admin(request)
    recent = uploads.recent(hub)
    rows = [[escape(_t(uploads.KINDS[r["kind"]].title)) if r["kind"] in uploads.KINDS else escape(r["kind"]),
             f'<a href="/dashboard/county/uploads/{quote(r["kind"])}/{r["sha256"]}">{escape(r["filename"])}</a>',
             escape(r["station"] or "—"), escape(f"{show(r['uploaded_at'])} {r['uploaded_by']}"),
             escape(_t(APPLIED, who=r["applied_by"], when=show(r["applied_at"])) if r["applied_at"]
                    else _t(NOT_APPLIED))] for r in recent]
    sent = [[escape(show(n.published_at)), escape(n.title), escape(n.station or "全部"), escape(n.until or "—"),
             escape(n.text[:60])] for n in notices.notices(hub, 20)]
    done = f'<div class="note">{escape(_t(DONE))}</div>' if request.query_params.get("done") else ""
    forms = (f"<h2>{escape(_t(UPLOADS))}</h2><p class='muted'>{escape(_t(UPLOADS_NOTE))}</p>"
             f"{_upload_forms(request, hub)}<h2>{escape(_t(OTHER_FORMS))}</h2>{_notice_form(request, hub)}"
             f"{_hub_settings_form(request, hub)}") if admin else \
        f'<p class="note">{escape(_t(ONLY_ADMINS, role=roles.role_name(request.state.staff_role)))}</p>'
    body = (f"<h1>{escape(_t(TITLE))}</h1>{done}"
            f'<p><a href="/dashboard/county/targets">{escape(_t(TARGETS))}</a></p>{forms}'
            f"<h2>{escape(_t(RECENT))}</h2>"
            + table([_t(KIND), _t(FILE), _t(STATION), _t(UPLOADED), _t(STATE)], rows, raw=True)
            + f"<h2>{escape(_t(SENT_NOTICES))}</h2>"
            + table(["时间", _t(NOTICE_TITLE), _t(STATION), "显示到", _t(NOTICE_TEXT)], sent, raw=True))
    return page(_t(TITLE), body, who)


def _error_page(who: str, message: str, status: int = 400) -> HTMLResponse:
    return page(_t(TITLE), f'<h1 class="warn">{escape(message)}</h1><p><a href="/dashboard/county">'
                           f'{escape(_t(BACK))}</a></p>', who, status=status)


@router.post("/dashboard/county/uploads/{kind}")
async def upload_preview(request: Request, kind: str, who: PageAdmin, shadows: ShadowsDep) -> Response:
    form = await read_form(request)
    file = form.files.get("file")
    if file is None:
        return _error_page(who, _t(NO_FILE))
    try:
        found = await run_in_threadpool(lambda: uploads.preview(shadows, kind, file[1], filename=file[0] or "upload",
                                                                who=who, station=form.get("station") or None))
    except UserError as exc:
        return _error_page(who, exc.message("zh_CN"), 404 if isinstance(exc, NotFound) else 400)
    return RedirectResponse(f"/dashboard/county/uploads/{quote(kind)}/{found.key}", status_code=303)


def _report_tables(report: dict[str, Any], applied: bool) -> str:
    sent = [[str(r["line"] or ""), r["station"], r["what"]] for r in report["sent"]]
    refused = [[str(r["line"] or ""), r["why"]] for r in report["refused"]]
    skipped = [[str(r["line"] or ""), r["why"]] for r in report["skipped"]]
    out = [f"<h2>{escape(_t(WAS_SENT if applied else WILL_SEND, n=len(sent)))}</h2>",
           table([_t(LINE), _t(STATION), _t(WHAT)], sent[:500], (0,))]
    if refused:
        out += [f'<h2 class="warn">{escape(_t(REFUSED, n=len(refused)))}</h2>',
                table([_t(LINE), _t(WHY)], refused, (0,))]
    if skipped:
        out += [f"<h2>{escape(_t(SKIPPED, n=len(skipped)))}</h2>", table([_t(LINE), _t(WHY)], skipped, (0,))]
    return "".join(out)


@router.get("/dashboard/county/uploads/{kind}/{key}", response_class=HTMLResponse)
def upload_page(request: Request, kind: str, key: str, who: PageReader, shadows: ShadowsDep) -> HTMLResponse:
    try:
        found = uploads.stored(shadows, kind, key)
    except UserError as exc:
        raise NotFoundPage(exc.message("zh_CN")) from None
    head = (f"<h1>{escape(_t(uploads.KINDS[kind].title))}：{escape(found.filename)}</h1>"
            f'<p class="muted">{escape(found.station or _t(EVERY))} · {escape(show(found.uploaded_at))} '
            f"{escape(found.uploaded_by)}</p>")
    if request.query_params.get("repeat"):
        head += f'<div class="note">{escape(_t(REPEAT))}</div>'
    if found.applied_at:
        body = (head + f'<div class="note">{escape(_t(APPLIED, who=found.applied_by, when=show(found.applied_at)))}'
                       f"</div>" + _report_tables(found.applied or found.report.as_dict(), True))
    else:
        action = ""
        if _is_admin(request) and found.report.sent:
            action = (f'<form class="op" method="post" action="/dashboard/county/uploads/{quote(kind)}/{key}/apply" '
                      f'id="apply">{csrf_field(request)}<button type="submit">{escape(_t(APPLY))}</button></form>')
        body = head + f'<p>{escape(_t(NOT_APPLIED))}</p>{action}' + _report_tables(found.report.as_dict(), False)
    body += f'<p><a href="/dashboard/county">{escape(_t(BACK))}</a></p>'
    return page(found.filename, body, who)


@router.post("/dashboard/county/uploads/{kind}/{key}/apply")
async def upload_apply(kind: str, key: str, who: PageAdmin, shadows: ShadowsDep) -> Response:
    try:
        _, now = await run_in_threadpool(lambda: uploads.apply(shadows, kind, key, who=who))
    except UserError as exc:
        return _error_page(who, exc.message("zh_CN"), 409)
    return RedirectResponse(f"/dashboard/county/uploads/{quote(kind)}/{key}" + ("" if now else "?repeat=1"),
                            status_code=303)


@router.post("/dashboard/county/notices")
async def send_notice(request: Request, who: PageAdmin, hub: HubDep) -> Response:
    form = await read_form(request)
    try:
        await run_in_threadpool(lambda: notices.publish_notice(
            hub, title=form.get("title"), text=form.get("text"), who=who, station=form.get("station") or None,
            until=form.get("until")))
    except UserError as exc:
        return _error_page(who, exc.message("zh_CN"))
    return RedirectResponse("/dashboard/county?done=notice", status_code=303)


@router.post("/dashboard/county/settings")
async def save_hub_settings(request: Request, who: PageAdmin, hub: HubDep) -> Response:
    form = await read_form(request)
    try:
        for key in county_settings.HUB_SETTINGS:
            if key in form.fields and str(form.fields[key]).strip() != str(county_settings.get(hub, key)):
                await run_in_threadpool(county_settings.set_value, hub, key, form.fields[key], who)
    except UserError as exc:
        return _error_page(who, exc.message("zh_CN"))
    return RedirectResponse("/dashboard/county?done=settings", status_code=303)


@router.get("/dashboard/county/targets", response_class=HTMLResponse)
def targets_page(request: Request, who: PageReader, hub: HubDep) -> HTMLResponse:
    names = {h.id: h.name for h in station_health(hub)}
    admin = _is_admin(request)
    rows = []
    for v in targets.values(hub):
        s = station_settings.declared(v.key)
        fen = s.unit == station_settings.FEN

        def shown(value: Any, fen: bool = fen) -> str:
            return format_fen(int(value)) if fen else str(value)

        own = "、".join(f"{names.get(sid, sid)} {shown(val)}" for sid, val in v.stations.items()) or "—"
        form = ""
        if admin:
            current = v.county if v.county is not None else v.default
            box = (f'<input name="yuan" inputmode="decimal" required style="width:7em" value="{format_fen(current)[1:]}">'
                   if fen else f'<input name="value" type="number" min="{s.minimum}" max="{s.maximum}" required '
                               f'style="width:7em" value="{current}">')
            form = (f'<form method="post" action="/dashboard/county/targets" class="pick" id="target-{escape(v.key)}">'
                    f'{csrf_field(request)}<input type="hidden" name="key" value="{escape(v.key)}">{box}'
                    f'{_station_select(hub, every=COUNTY_WIDE)}<button type="submit">{escape(_t(SET))}</button></form>')
        rows.append([escape(translate("settings", s.label)) + f'<br><small class="muted">{escape(v.key)}</small>',
                     escape(shown(v.default)), escape(shown(v.county) if v.county is not None else "—"), escape(own),
                     form])
    done = f'<div class="note">{escape(_t(DONE))}</div>' if request.query_params.get("done") else ""
    body = (f"<h1>{escape(_t(TARGETS))}</h1>{done}<p class='muted'>{escape(_t(TARGETS_NOTE))}</p>"
            + table([_t(SETTING), _t(DEFAULT), _t(COUNTY_WIDE), _t(PER_STATION), _t(SET)], rows, raw=True)
            + f'<p><a href="/dashboard/county">{escape(_t(BACK))}</a></p>')
    return page(_t(TARGETS), body, who)


@router.post("/dashboard/county/targets")
async def set_target(request: Request, who: PageAdmin, hub: HubDep) -> Response:
    form = await read_form(request)
    try:
        value: Any = parse_yuan(form.get("yuan")) if "yuan" in form.fields else form.get("value")  # money: yuan typed
        await run_in_threadpool(lambda: targets.set_value(hub, form.get("key"), value, who,
                                                          form.get("station") or None))
    except UserError as exc:
        return _error_page(who, exc.message("zh_CN"))
    return RedirectResponse("/dashboard/county/targets?done=1", status_code=303)
