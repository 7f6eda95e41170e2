"""The hub's OpenAPI spec and its docs page, for county staff only (a stranger learns nothing
of the hub's endpoints): `/openapi.json` with a login (Basic or the dashboard's session), the
docs page at `/dashboard/docs` (the session cookie belongs to /dashboard); `/docs` leads there."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse

from sync.hub.auth import DashboardUser, StaffOrSession

router = APIRouter(include_in_schema=False)


@router.get("/openapi.json")
def openapi(request: Request, _who: StaffOrSession) -> dict[str, Any]:
    spec: dict[str, Any] = request.app.openapi()
    return spec


@router.get("/dashboard/openapi.json")
def dashboard_openapi(request: Request, _who: DashboardUser) -> dict[str, Any]:
    spec: dict[str, Any] = request.app.openapi()
    return spec


@router.get("/dashboard/docs")
def docs_page(request: Request, _who: DashboardUser) -> HTMLResponse:
    return get_swagger_ui_html(openapi_url="/dashboard/openapi.json", title=f"{request.app.title} · API")


@router.get("/docs")
def docs_moved() -> RedirectResponse:
    return RedirectResponse("/dashboard/docs", status_code=303)
