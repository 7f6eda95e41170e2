"""The hub's HTTP face (FastAPI): the sync protocol, county staff endpoints and the web page.

Station endpoints take `Authorization: Bearer <token>` and `X-Sync-Protocol`; county staff
log in with HTTP Basic (name and password, hashed on the hub). Every refusal is a JSON
object `{"error": code, "message": ..., "hub_time": ...}` with the status of DESIGN §6:
400 malformed, 401 bad token, 403 another station, 409 fork/broken chain/gap,
413 too large, 426 upgrade.
"""


import base64
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import ClientDisconnect

from sync import protocol as p
from sync.hub.dashboard import add_dashboard
from sync.hub.evidence import add_evidence
from sync.hub.services import add_services
from sync.hub.store import Hub, HubError
from sync.hub.web import stations_page

# -- shapes (they make the OpenAPI spec; the station checks the same fields) ---------------


class Ack(BaseModel):
    acked_seq: int
    hub_time: str


class Status(BaseModel):
    acked_seq: int
    head_hash: str
    at: int
    hash_at: str
    hub_time: str
    max_body: int
    protocol: int


class Change(BaseModel):
    c: int
    k: str
    e: str
    p: dict[str, Any]
    t: str
    a: int | None = None


class ChangesPage(BaseModel):
    changes: list[Change]
    next: int
    more: bool
    hub_time: str


class OwnEvents(BaseModel):
    """A page of the station's own events in the push shape (`sync.codec` columns), if any."""

    model_config = ConfigDict(extra="allow")
    s: int | None = None
    p: str | None = None
    h: str | None = None
    more: bool
    acked_seq: int
    hub_time: str


class Reconcile(BaseModel):
    days: list[list[Any]]
    acked_seq: int
    hub_time: str


class EnrollRequest(BaseModel):
    code: str
    nonce: str = ""


class Enrolled(BaseModel):
    station_id: str
    token: str
    name: str
    village: str
    acked_seq: int
    hub_time: str


class Health(BaseModel):
    ok: bool
    hub_time: str
    protocol: int
    supported: list[int]


class CodeRequest(BaseModel):
    station: str
    village: str = ""


class CodeAnswer(BaseModel):
    station_id: str
    code: str


class SettingRequest(BaseModel):
    key: str
    value: Any
    station_id: str | None = None


class Refusal(BaseModel):
    error: str
    message: str
    hub_time: str


REFUSALS: dict[int | str, dict[str, Any]] = {
    code: {"model": Refusal, "description": text} for code, text in (
        (400, "malformed body or parameters"), (401, "token wrong or revoked"), (403, "token of another station"),
        (409, "fork, broken chain or gap"), (413, "body too large"), (426, "protocol version not supported"))
}

class Utf8Basic(HTTPBasic):
    """HTTP Basic with UTF-8 names and passwords (RFC 7617), so staff can log in as 县运营中心."""

    async def __call__(self, request: Request) -> HTTPBasicCredentials | None:  # type: ignore[override]
        scheme, _, param = (request.headers.get("Authorization") or "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            name, sep, password = base64.b64decode(param, validate=True).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return None
        return HTTPBasicCredentials(username=name, password=password) if sep else None


# -- the app ---------------------------------------------------------------------------------


def create_app(hub: Hub) -> FastAPI:
    app = FastAPI(title="Village Station county hub", version=str(p.PROTOCOL),
                  description="Sync protocol between village stations and the county hub (DESIGN §6).")
    app.add_middleware(GZipMiddleware, minimum_size=500)
    basic = Utf8Basic(realm="county hub", auto_error=False)

    def refuse(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
        headers = {"WWW-Authenticate": 'Basic realm="county hub", charset="UTF-8"'} if code == "admin" else None
        return JSONResponse({"error": code, "message": message, "hub_time": hub.now(), **extra},
                            status_code=status, headers=headers)

    @app.exception_handler(HubError)
    async def _hub_error(_request: Request, exc: HubError) -> JSONResponse:
        return refuse(exc.status, exc.code, exc.message, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return refuse(400, p.MALFORMED, "; ".join(str(e.get("msg")) for e in exc.errors())[:500])

    async def protocol(x_sync_protocol: Annotated[str | None, Header()] = None) -> None:
        if x_sync_protocol is None or not x_sync_protocol.isdigit() or int(x_sync_protocol) not in p.SUPPORTED:
            raise HubError(426, p.UPGRADE, f"this hub speaks sync protocol {p.SUPPORTED}; "
                           f"the station sent {x_sync_protocol!r}: install the current station program",
                           supported=list(p.SUPPORTED))

    async def station(station_id: str, authorization: Annotated[str | None, Header()] = None) -> str:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HubError(401, p.BAD_TOKEN, "a station token is required")
        await run_in_threadpool(hub.authenticate, token.strip(), station_id)
        return station_id

    async def admin(credentials: Annotated[HTTPBasicCredentials | None, Depends(basic)]) -> str:
        if credentials is None or not await run_in_threadpool(hub.check_admin, credentials.username, credentials.password):
            raise HubError(401, "admin", "county staff name and password required")
        return credentials.username

    Proto = Depends(protocol)
    Station = Annotated[str, Depends(station)]
    Admin = Annotated[str, Depends(admin)]
    StationTime = Annotated[str | None, Header(alias=p.HEADER_STATION_TIME)]

    @app.get("/v1/health", response_model=Health, tags=["hub"])
    def health() -> dict[str, Any]:
        """Is the hub up; its time and protocol versions (no token needed)."""
        return {"ok": True, "hub_time": hub.now(), "protocol": p.PROTOCOL, "supported": list(p.SUPPORTED)}

    @app.get("/v1/clock", tags=["hub"])
    def clock() -> dict[str, str]:
        """The hub's time (UTC), for a station to correct its clock."""
        return {"hub_time": hub.now()}

    @app.post("/v1/enroll", response_model=Enrolled, dependencies=[Proto], responses=REFUSALS, tags=["stations"])
    def enroll(body: EnrollRequest) -> dict[str, Any]:
        """Trade a one-time enrollment code for the station id and its secret token."""
        return hub.enroll(body.code, body.nonce)

    @app.get("/v1/stations/{station_id}/status", response_model=Status, dependencies=[Proto], responses=REFUSALS,
             tags=["stations"])
    def status(station_id: Station, seq: Annotated[int, Query(ge=0)] = 0, instance: str = "",
               station_time: StationTime = None) -> dict[str, Any]:
        """Where the hub's copy of the chain ends, and its hash at the station's `seq`."""
        return hub.status(station_id, seq=seq, instance_id=instance, station_time=station_time)

    @app.post("/v1/stations/{station_id}/events", response_model=Ack, dependencies=[Proto], responses=REFUSALS,
              tags=["stations"],
              openapi_extra={"requestBody": {"required": True, "description": "gzip of the batch JSON (sync.protocol)",
                                             "content": {"application/json": {"schema": {"type": "object"}}}}})
    async def push(request: Request, station_id: Station, station_time: StationTime = None) -> Any:
        """A batch of the station's events above the hub's acked seq, gzip-encoded (plain JSON is read too)."""
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > hub.max_body:
            raise HubError(413, p.TOO_LARGE, f"the body may be at most {hub.max_body} bytes", max_body=hub.max_body)
        body = bytearray()
        try:
            async for chunk in request.stream():
                body += chunk
                if len(body) > hub.max_body:
                    raise HubError(413, p.TOO_LARGE, f"the body may be at most {hub.max_body} bytes", max_body=hub.max_body)
        except ClientDisconnect:
            return JSONResponse({"error": "disconnected"}, status_code=400)  # nobody is listening
        gzipped = request.headers.get("content-encoding", "identity").lower() == "gzip"
        try:
            batch = await run_in_threadpool(lambda: p.decode_batch(p.unpack(bytes(body)) if gzipped else p.parse(bytes(body))))
        except p.TooLarge as exc:
            raise HubError(413, p.TOO_LARGE, str(exc)) from None
        except p.Malformed as exc:
            raise HubError(400, p.MALFORMED, str(exc)) from None
        return await run_in_threadpool(lambda: hub.ingest(station_id, batch, station_time=station_time))

    @app.get("/v1/stations/{station_id}/events", response_model=OwnEvents, dependencies=[Proto],
             responses=REFUSALS, tags=["stations"])
    def own_events(station_id: Station, after: Annotated[int, Query(ge=0)] = 0,
                   limit: Annotated[int, Query(ge=1, le=p.MAX_PAGE)] = 500) -> dict[str, Any]:
        """The station's own events back (restoring a station onto a new PC)."""
        return hub.own_events(station_id, after, limit)

    @app.get("/v1/stations/{station_id}/changes", response_model=ChangesPage, response_model_exclude_none=True,
             dependencies=[Proto], responses=REFUSALS, tags=["stations"])
    def changes(station_id: Station, after: Annotated[int, Query(ge=0)] = 0,
                limit: Annotated[int, Query(ge=1, le=p.MAX_PAGE)] = 200) -> dict[str, Any]:
        """County data and flags for this station above the cursor, in hub order."""
        return hub.changes_page(station_id, after, limit)

    @app.get("/v1/stations/{station_id}/reconcile", response_model=Reconcile, dependencies=[Proto],
             responses=REFUSALS, tags=["stations"])
    def reconcile(station_id: Station, first: Annotated[str, Query(alias="from", pattern=r"^\d{4}-\d{2}-\d{2}$")],
                  last: Annotated[str, Query(alias="to", pattern=r"^\d{4}-\d{2}-\d{2}$")]) -> dict[str, Any]:
        """Per-day, per-kind counts and money totals of the station's events on the hub."""
        return hub.reconcile(station_id, first, last)

    # -- county staff --------------------------------------------------------------------

    @app.post("/v1/admin/enroll-codes", response_model=CodeAnswer, responses=REFUSALS, tags=["county staff"])
    def make_code(body: CodeRequest, _who: Admin) -> dict[str, str]:
        """A one-time enrollment code for a station (created if new)."""
        station_id, code = hub.enroll_code(body.station, body.village)
        return {"station_id": station_id, "code": code}

    @app.post("/v1/admin/stations/{station_id}/revoke", responses=REFUSALS, tags=["county staff"])
    def revoke(station_id: str, _who: Admin) -> dict[str, int]:
        """Revoke every token of a station (a stolen PC); it must enroll again."""
        return {"revoked": hub.revoke(station_id)}

    @app.post("/v1/admin/settings", responses=REFUSALS, tags=["county staff"])
    def push_setting(body: SettingRequest, _who: Admin) -> dict[str, int]:
        """Send a county-owned setting to one station or all."""
        return {"hub_seq": hub.push_setting(body.key, body.value, body.station_id)}

    @app.post("/v1/admin/flags/{hub_seq}/clear", responses=REFUSALS, tags=["county staff"])
    def clear_flag(hub_seq: int, _who: Admin) -> dict[str, bool]:
        """Settle a flag by hand."""
        return {"cleared": hub.clear_flag(hub_seq)}

    @app.get("/v1/admin/stations", responses=REFUSALS, tags=["county staff"])
    def list_stations(_who: Admin) -> list[dict[str, Any]]:
        """Every station with its last sync, backlog and warnings."""
        return hub.station_rows()

    @app.get("/", response_class=HTMLResponse, tags=["county staff"])
    def page(_who: Admin) -> str:
        """The county staff page (Chinese): stations, last sync, pending, warnings."""
        return stations_page(hub.station_rows(), hub.now())

    app.state.hub = hub
    add_dashboard(app, hub)  # the county dashboard, /dashboard (sync.hub.dashboard)
    add_services(app, hub)  # trace page /t/{code}, SMS and bill services (sync.hub.services)
    add_evidence(app, hub, protocol=protocol, basic=basic)  # training photos for the audit (sync.hub.evidence)
    return app
