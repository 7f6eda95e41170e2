"""The hub's HTTP face (FastAPI), put together from its routers (`sync.hub.routers`): the sync
protocol, county staff's endpoints and pages, county operations and the public trace page.

Who may ask is `sync.hub.auth`. Every refusal of the protocol and of staff endpoints is a JSON
object `{"error": code, "message": ..., "hub_time": ...}` (`sync.hub.routers.shapes`); the
dashboard's pages answer with pages.
"""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.middleware.gzip import GZipMiddleware

from sync import protocol as p
from sync.hub import auth, evidence, pages
from sync.hub.reports import Shadows
from sync.hub.routers import admin, county, dashboard, protocol, public
from sync.hub.service_db import ensure_tables
from sync.hub.services import WakeAfterPush, wake_services
from sync.hub.shop import ensure_shop_tables
from sync.hub.store import Hub, HubError


def create_app(hub: Hub) -> FastAPI:
    """The hub's app over `hub` (its tables made if missing); `station-hub serve` runs it."""
    app = FastAPI(title="Village Station county hub", version=str(p.PROTOCOL),
                  description="Sync protocol between village stations and the county hub (DESIGN §6).")
    app.state.hub = hub
    app.state.shadows = Shadows(hub)
    ensure_tables(hub.engine)
    ensure_shop_tables(hub.engine)
    evidence.ensure_table(hub.engine)

    app.add_middleware(GZipMiddleware, minimum_size=500)
    app.add_middleware(WakeAfterPush, wake=lambda: wake_services(app))
    app.add_exception_handler(HubError, _hub_error)
    app.add_exception_handler(RequestValidationError, _bad_request)
    app.add_exception_handler(auth.LoginNeeded, auth.login_needed)
    app.add_exception_handler(pages.NotFoundPage, pages.not_found_page)

    app.include_router(protocol.router)
    app.include_router(admin.router)
    app.include_router(dashboard.router)
    app.include_router(public.router)
    app.include_router(county.router)
    return app


def refuse(request: Request, status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    """The hub's JSON refusal (county staff are asked for their name and password)."""
    hub: Hub = request.app.state.hub
    headers = {"WWW-Authenticate": 'Basic realm="county hub", charset="UTF-8"'} if code == "admin" else None
    return JSONResponse({"error": code, "message": message, "hub_time": hub.now(), **extra},
                        status_code=status, headers=headers)


async def _hub_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HubError)
    return refuse(request, exc.status, exc.code, exc.message, **exc.extra)


async def _bad_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return refuse(request, 400, p.MALFORMED, "; ".join(str(e.get("msg")) for e in exc.errors())[:500])
