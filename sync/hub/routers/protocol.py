"""The sync protocol's endpoints (DESIGN §6), under /v1: what a station calls.

Every station endpoint wants `X-Sync-Protocol` (426 for a version this hub does not speak)
and the station's Bearer token (`sync.hub.auth`); health and clock want neither.
Besides the station's chain and the county's changes, a station sends here the evidence
files its records name (`sync.hub.evidence`).
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import StringConstraints
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from sync import protocol as p
from sync.hub import evidence
from sync.hub.auth import PathStation, TokenStation
from sync.hub.dependencies import HubDep
from sync.hub.routers.shapes import (
    REFUSALS,
    Ack,
    ChangesPage,
    Enrolled,
    EnrollRequest,
    Health,
    Missing,
    OwnEvents,
    Reconcile,
    Status,
    Stored,
)
from sync.hub.store import HubError

router = APIRouter()


async def protocol(x_sync_protocol: Annotated[str | None, Header()] = None) -> None:
    """Refuse (426) a station that speaks no protocol version this hub supports."""
    if x_sync_protocol is None or not x_sync_protocol.isdigit() or int(x_sync_protocol) not in p.SUPPORTED:
        raise HubError(426, p.UPGRADE, f"this hub speaks sync protocol {p.SUPPORTED}; "
                       f"the station sent {x_sync_protocol!r}: install the current station program",
                       supported=list(p.SUPPORTED))


Proto = Depends(protocol)
StationTime = Annotated[str | None, Header(alias=p.HEADER_STATION_TIME)]
Digest = Annotated[str, StringConstraints(pattern=evidence.SHA256)]
Sha = Annotated[str, PathParam(pattern=evidence.SHA256)]
_UPLOAD = {"requestBody": {"required": True, "description": "the file's bytes (at most 25 MB)",
                           "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}


async def read_body(request: Request, limit: int, too_large: Callable[[], HubError]) -> bytes | None:
    """The request's body, refused with `too_large()` past `limit` bytes (as declared, or as it
    comes); None when the station hung up (nobody is listening for an answer)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_large()
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise too_large()
    except ClientDisconnect:
        return None
    return bytes(body)


@router.get("/v1/health", response_model=Health, tags=["hub"])
def health(hub: HubDep) -> dict[str, Any]:
    """Is the hub up; its time and protocol versions (no token needed)."""
    return {"ok": True, "hub_time": hub.now(), "protocol": p.PROTOCOL, "supported": list(p.SUPPORTED)}


@router.get("/v1/clock", tags=["hub"])
def clock(hub: HubDep) -> dict[str, str]:
    """The hub's time (UTC), for a station to correct its clock."""
    return {"hub_time": hub.now()}


@router.post("/v1/enroll", response_model=Enrolled, dependencies=[Proto], responses=REFUSALS, tags=["stations"])
def enroll(body: EnrollRequest, hub: HubDep) -> dict[str, Any]:
    """Trade a one-time enrollment code for the station id and its secret token."""
    return hub.enroll(body.code, body.nonce)


@router.get("/v1/stations/{station_id}/status", response_model=Status, dependencies=[Proto], responses=REFUSALS,
            tags=["stations"])
def status(station_id: PathStation, hub: HubDep, seq: Annotated[int, Query(ge=0)] = 0, instance: str = "",
           station_time: StationTime = None) -> dict[str, Any]:
    """Where the hub's copy of the chain ends, and its hash at the station's `seq`."""
    return hub.status(station_id, seq=seq, instance_id=instance, station_time=station_time)


@router.post("/v1/stations/{station_id}/events", response_model=Ack, dependencies=[Proto], responses=REFUSALS,
             tags=["stations"],
             openapi_extra={"requestBody": {"required": True, "description": "gzip of the batch JSON (sync.protocol)",
                                            "content": {"application/json": {"schema": {"type": "object"}}}}})
async def push(request: Request, station_id: PathStation, hub: HubDep, station_time: StationTime = None) -> Any:
    """A batch of the station's events above the hub's acked seq, gzip-encoded (plain JSON is read too)."""
    def too_large() -> HubError:
        return HubError(413, p.TOO_LARGE, f"the body may be at most {hub.max_body} bytes", max_body=hub.max_body)

    body = await read_body(request, hub.max_body, too_large)
    if body is None:
        return JSONResponse({"error": "disconnected"}, status_code=400)
    gzipped = request.headers.get("content-encoding", "identity").lower() == "gzip"
    try:
        batch = await run_in_threadpool(lambda: p.decode_batch(p.unpack(body) if gzipped else p.parse(body)))
    except p.TooLarge as exc:
        raise HubError(413, p.TOO_LARGE, str(exc)) from None
    except p.Malformed as exc:
        raise HubError(400, p.MALFORMED, str(exc)) from None
    return await run_in_threadpool(lambda: hub.ingest(station_id, batch, station_time=station_time))


@router.get("/v1/stations/{station_id}/events", response_model=OwnEvents, dependencies=[Proto],
            responses=REFUSALS, tags=["stations"])
def own_events(station_id: PathStation, hub: HubDep, after: Annotated[int, Query(ge=0)] = 0,
               limit: Annotated[int, Query(ge=1, le=p.MAX_PAGE)] = 500) -> dict[str, Any]:
    """The station's own events back (restoring a station onto a new PC)."""
    return hub.own_events(station_id, after, limit)


@router.get("/v1/stations/{station_id}/changes", response_model=ChangesPage, response_model_exclude_none=True,
            dependencies=[Proto], responses=REFUSALS, tags=["stations"])
def changes(station_id: PathStation, hub: HubDep, after: Annotated[int, Query(ge=0)] = 0,
            limit: Annotated[int, Query(ge=1, le=p.MAX_PAGE)] = 200) -> dict[str, Any]:
    """County data and flags for this station above the cursor, in hub order."""
    return hub.changes_page(station_id, after, limit)


@router.get("/v1/stations/{station_id}/reconcile", response_model=Reconcile, dependencies=[Proto],
            responses=REFUSALS, tags=["stations"])
def reconcile(station_id: PathStation, hub: HubDep,
              first: Annotated[str, Query(alias="from", pattern=r"^\d{4}-\d{2}-\d{2}$")],
              last: Annotated[str, Query(alias="to", pattern=r"^\d{4}-\d{2}-\d{2}$")]) -> dict[str, Any]:
    """Per-day, per-kind counts and money totals of the station's events on the hub."""
    return hub.reconcile(station_id, first, last)


# -- evidence files ---------------------------------------------------------------------------------


@router.post("/v1/evidence/missing", response_model=Missing, dependencies=[Proto], responses=REFUSALS,
             tags=["stations"])
def missing(station_id: TokenStation, hub: HubDep,
            digests: Annotated[list[Digest], Body(max_length=p.MAX_ASK)]) -> dict[str, Any]:
    """Which of these evidence files (sha256, lowercase hex) the hub lacks for this station."""
    return {"missing": evidence.lacking(hub, station_id, digests), "hub_time": hub.now()}


@router.put("/v1/evidence/{sha256}", response_model=Stored, status_code=201, dependencies=[Proto],
            responses={**REFUSALS, 200: {"model": Stored, "description": "already held: stored once"}},
            tags=["stations"], openapi_extra=_UPLOAD)
async def upload(request: Request, sha256: Sha, station_id: TokenStation, hub: HubDep) -> Any:
    """One evidence file's raw bytes, named by their sha256 (the hub checks it); a repeat changes nothing."""
    data = await read_body(request, p.MAX_EVIDENCE, evidence.too_large)
    if data is None:
        return JSONResponse({"error": "disconnected"}, status_code=400)
    new = await run_in_threadpool(evidence.store, hub, station_id, sha256, data)
    return JSONResponse({"sha256": sha256, "size": len(data), "content_type": evidence.content_type(data),
                         "stored": new, "hub_time": hub.now()}, status_code=201 if new else 200)
