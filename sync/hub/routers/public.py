"""Public pages: no login. The traceability page of a consignment label, /t/{code} (`sync.hub.trace`)."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from sync.hub import trace
from sync.hub.dependencies import HubDep, ShadowsDep

router = APIRouter(tags=["public"])


@router.get("/t/{code}", response_class=HTMLResponse)
def trace_page(code: str, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    """The public traceability page of a consignment label (Chinese, for a phone; no login).
    404 for a code no station made (forged, altered, mistyped)."""
    return trace.trace_page(hub, shadows, code)
