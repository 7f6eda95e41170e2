"""The courier's USB stick on the dashboard (U盘同步包): county staff upload the bundles the
courier brought from stations with no link (`sync.hub.bundles`: imported with the checks of an
HTTP push), see what each did, and download each station's return bundle to put on the stick.

Uploading is for county admins; anyone may look and download (a return bundle opens only at its
station). A stick too large for one upload (the hub takes 8 MB per form) goes through
`station-hub import-bundle DIR` on the county centre's PC.
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

import tempfile
from email.parser import BytesParser
from email.policy import HTTP
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from station_app.clock import show
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync import bundle
from sync.hub import audit, bundles, roles
from sync.hub.auth import PageAdmin, PageReader, csrf_field
from sync.hub.dependencies import HubDep
from sync.hub.middleware import UPLOAD_BODY
from sync.hub.pages import NotFoundPage, page, table
from sync.hub.store import Hub, HubError

router = APIRouter(include_in_schema=False)

TITLE = QT_TRANSLATE_NOOP("dashboard", "USB-stick bundles")
EXPLAIN = QT_TRANSLATE_NOOP(
    "dashboard", "Stations with no network send their records on the courier's USB stick. Choose every .vsb file on "
                 "the stick and upload them (at most {limit} at once; a larger stick: station-hub import-bundle on "
                 "this PC). Then download each station's return bundle and put it on the stick for the way back.")
UPLOAD = QT_TRANSLATE_NOOP("dashboard", "Upload and import")
CHOOSE = QT_TRANSLATE_NOOP("dashboard", "Choose the .vsb files first.")
RESULT = QT_TRANSLATE_NOOP("dashboard", "Imported")
RETURNS = QT_TRANSLATE_NOOP("dashboard", "Return bundles: download each onto the stick")
DOWNLOAD = QT_TRANSLATE_NOOP("dashboard", "Download the return bundle for {station}")
RECENT = QT_TRANSLATE_NOOP("dashboard", "Recent bundles")
ONLY_ADMINS = QT_TRANSLATE_NOOP("dashboard", "Only a county admin may import bundles ({role} may look).")
NO_RETURN = QT_TRANSLATE_NOOP("dashboard", "No return bundle for this station: {why}")
HEADS = (QT_TRANSLATE_NOOP("dashboard", "Imported"), QT_TRANSLATE_NOOP("dashboard", "Station"),
         QT_TRANSLATE_NOOP("dashboard", "File"), QT_TRANSLATE_NOOP("dashboard", "Records"),
         QT_TRANSLATE_NOOP("dashboard", "New"), QT_TRANSLATE_NOOP("dashboard", "Result"),
         QT_TRANSLATE_NOOP("dashboard", "Return bundle"))
OK = QT_TRANSLATE_NOOP("dashboard", "imported")
DOWNLOAD_SHORT = QT_TRANSLATE_NOOP("dashboard", "Download")
WAIT_FOR_SERVICES = 20.0  # seconds the hub's services may take to pay the bills before the returns are made


def _t(text: str, /, **params: Any) -> str:
    out = translate("dashboard", text)
    return out.format(**params) if params else out


def _form(request: Request) -> str:
    if getattr(request.state, "staff_role", roles.ADMIN) != roles.ADMIN:
        return f'<p class="note">{escape(_t(ONLY_ADMINS, role=roles.role_name(request.state.staff_role)))}</p>'
    return (f'<form class="op" method="post" enctype="multipart/form-data" action="/dashboard/bundles" id="bundles">'
            f'{csrf_field(request)}<input type="file" name="bundles" accept="{bundle.SUFFIX}" multiple required>'
            f'<button type="submit">{escape(_t(UPLOAD))}</button></form>')


def _recent(hub: Hub) -> str:
    rows = []
    for r in bundles.recent(hub):
        link = (f'<a href="/dashboard/bundles/return/{quote(r["station_id"])}">{escape(_t(DOWNLOAD_SHORT))}</a>')
        rows.append([escape(show(r["last_import_at"])), escape(r["station"] or r["station_id"]),
                     escape(r["file_name"]), escape(f'{r["first_seq"]}–{r["last_seq"]}' if r["last_seq"] else "—"),
                     str(r["new_events"]),
                     escape(_t(OK)) if r["result"] == "ok" else f'<span class="warn">{escape(r["message"] or r["result"])}'
                                                                f'</span>', link])
    return table([_t(h) for h in HEADS], rows, (3, 4), raw=True)


@router.get("/dashboard/bundles", response_class=HTMLResponse)
def bundles_page(request: Request, who: PageReader, hub: HubDep) -> HTMLResponse:
    body = (f"<h1>{escape(_t(TITLE))}</h1><p class='muted'>"
            f"{escape(_t(EXPLAIN, limit=bundle.show_size(UPLOAD_BODY)))}</p>{_form(request)}"
            f"<h2>{escape(_t(RECENT))}</h2>{_recent(hub)}")
    return page(_t(TITLE), body, who)


@router.post("/dashboard/bundles", response_class=HTMLResponse)
async def upload_bundles(request: Request, who: PageAdmin, hub: HubDep) -> HTMLResponse:
    files = _files(await request.body(), request.headers.get("content-type", ""))
    if not files:
        return page(_t(TITLE), f'<h1 class="warn">{escape(_t(CHOOSE))}</h1>'
                               f'<p><a href="/dashboard/bundles">{escape(_t(TITLE))}</a></p>', who, status=400)
    services = getattr(request.app.state, "services", None)

    def pay_first() -> None:  # the bills these bundles carry are paid before the returns are made
        if services is not None:
            services.wake()
            services.wait_idle(WAIT_FOR_SERVICES)

    with tempfile.TemporaryDirectory(prefix="vs-bundles-") as folder:
        for name, data in files:
            (Path(folder) / name).write_bytes(data)
        report = await run_in_threadpool(bundles.import_stick, hub, Path(folder), before_returns=pay_first,
                                         returns=False)
    audit.record(hub, who, "bundles.imported", ", ".join(name for name, _ in files)[:400],
                 {"bundles": len(files), "new_records": sum(i.new_events for i in report.imported)})
    lines = "".join(f'<li class="{"ok" if i.ok and not i.refusal else "warn"}">{escape(i.line)}</li>'
                    for i in report.imported)
    stations = {i.station_id: i.station for i in report.imported if i.ok}
    links = "".join(f'<li><a href="/dashboard/bundles/return/{quote(sid)}" download>'
                    f'{escape(_t(DOWNLOAD, station=name))}</a></li>' for sid, name in stations.items())
    body = (f"<h1>{escape(_t(RESULT))}</h1><ul>{lines}</ul>"
            + (f"<h2>{escape(_t(RETURNS))}</h2><ul>{links}</ul>" if links else "")
            + f'<p><a href="/dashboard/bundles">{escape(_t(TITLE))}</a></p>')
    return page(_t(RESULT), body, who)


@router.get("/dashboard/bundles/return/{station_id}")
def download_return(station_id: str, who: PageReader, hub: HubDep) -> Response:
    """The station's return bundle, made now from what its newest bundle asked for."""
    try:
        name, data, _ = bundles.return_bundle(hub, station_id[:40])
    except (UserError, HubError) as exc:
        raise NotFoundPage(_t(NO_RETURN, why=exc.message if isinstance(exc, HubError) else str(exc))) from None
    return Response(data, media_type="application/octet-stream",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _files(body: bytes, content_type: str) -> list[tuple[str, bytes]]:
    """The uploaded bundle files (name, bytes): every `bundles` part of a multipart form that is
    named like a bundle (the name's last part only; the hub's middleware bounded the body)."""
    if not content_type.startswith("multipart/form-data"):
        return []
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode("latin-1") + body)
    out = []
    for part in message.iter_parts() if message.is_multipart() else ():
        if part.get_param("name", header="content-disposition") != "bundles":
            continue
        name = Path(str(part.get_filename() or "")).name.replace("\\", "/").rsplit("/", 1)[-1]
        data = part.get_payload(decode=True)
        if isinstance(data, bytes) and data and name.endswith(bundle.SUFFIX) and not name.startswith("."):
            out.append((name[:200], data))
    return out
