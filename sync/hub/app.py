"""The hub's HTTP face (FastAPI), put together from its routers (`sync.hub.routers`): the sync
protocol, county staff's endpoints and pages, county operations and the public trace page.

Who may ask is `sync.hub.auth`; what every request goes through first (proxies, rates, body
limits, other sites, CSRF, security headers) is `sync.hub.middleware`. Every refusal of the
protocol and of staff endpoints is a JSON object `{"error": code, "message": ..., "hub_time":
...}` (`sync.hub.routers.shapes`); the dashboard's pages answer with pages.
"""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from sync import protocol as p
from sync.hub import auth, biller_notify, evidence, pages, sessions
from sync.hub.middleware import HubGuard, parse_networks
from sync.hub.reports import Shadows
from sync.hub.routers import admin, county, dashboard, docs, escrow, held, protocol, public
from sync.hub.routers.protocol import OnePerStation
from sync.hub.service_db import ensure_tables
from sync.hub.services import WakeAfterPush, stop_services, wake_services
from sync.hub.shop import ensure_shop_tables
from sync.hub.store import Hub, HubError


def create_app(hub: Hub, *, trusted_proxies: Sequence[str] = ()) -> FastAPI:
    """The hub's app over `hub` (its tables made if missing); `station-hub serve` runs it.
    `trusted_proxies`: addresses or networks whose X-Forwarded-Proto/-For count
    (`sync.hub.middleware`). The OpenAPI spec and its docs page want a county staff login."""
    app = FastAPI(title="Village Station county hub", version=str(p.PROTOCOL),
                  description="Sync protocol between village stations and the county hub (DESIGN §6).",
                  docs_url=None, redoc_url=None, openapi_url=None, lifespan=_lifespan)
    app.state.hub = hub
    app.state.shadows = Shadows(hub)
    app.state.gates = OnePerStation()
    ensure_tables(hub.engine)
    ensure_shop_tables(hub.engine)
    evidence.ensure_table(hub.engine)
    sessions.ensure_table(hub)

    app.add_middleware(GZipMiddleware, minimum_size=500)
    app.add_middleware(WakeAfterPush, wake=lambda: wake_services(app))
    app.add_middleware(HubGuard, trusted_proxies=parse_networks(trusted_proxies))  # outermost: sees every request
    app.add_exception_handler(HubError, _hub_error)
    app.add_exception_handler(RequestValidationError, _bad_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(auth.LoginNeeded, auth.login_needed)
    app.add_exception_handler(pages.NotFoundPage, pages.not_found_page)

    app.include_router(docs.router)
    app.include_router(protocol.router)
    app.include_router(escrow.router)
    app.include_router(admin.router)
    app.include_router(held.router)
    app.include_router(dashboard.router)
    app.include_router(public.router)
    app.include_router(county.router)
    app.include_router(biller_notify.router)  # the recharge aggregator's results (issue 19)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The end of `serve`: uvicorn runs this after the last request has been answered. On
    SIGTERM (`systemctl stop`, a container runtime) it then re-raises the signal and the process
    ends at once, so what `serve` started is stopped here, not after `uvicorn.run` returns: the
    services' worker between runs (a batch of SMS or bills it sent is written down, not left
    claimed), the shadows closed."""
    yield
    await run_in_threadpool(stop_background, app)


def stop_background(app: FastAPI) -> None:
    """Stop what `serve` started beside the requests (the services' worker, the shadows'
    packer) and close the shadows; once is enough, twice does no harm."""
    services = getattr(app.state, "services", None)
    if services is not None:
        stop_services(services)
    app.state.shadows.close()


def refuse(request: Request, status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    """The hub's JSON refusal (county staff are asked for their name and password)."""
    hub: Hub = request.app.state.hub
    # no `WWW-Authenticate: Basic` for county staff: a browser would ask for the password and then send
    # it with every request, from any site (machine clients send Basic without being asked)
    headers = {"Retry-After": str(extra["retry_after"])} if extra.get("retry_after") else None
    return JSONResponse({"error": code, "message": message, "hub_time": hub.now(), **extra},
                        status_code=status, headers=headers)


async def _hub_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HubError)
    return refuse(request, exc.status, exc.code, exc.message, **exc.extra)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own refusals (no such path, method not allowed, a body it could not parse)
    in the hub's JSON shape."""
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed", 400: p.MALFORMED, 413: p.TOO_LARGE}.get(exc.status_code,
                                                                                                "refused")
    return JSONResponse({"error": code, "message": str(exc.detail), "hub_time": request.app.state.hub.now()},
                        status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def _bad_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return refuse(request, 400, p.MALFORMED, "; ".join(str(e.get("msg")) for e in exc.errors())[:500])
