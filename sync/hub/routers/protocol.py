"""The sync protocol's endpoints (DESIGN §6), under /v1: what a station calls.

Every station endpoint wants `X-Sync-Protocol` (426 for a version this hub does not speak)
and the station's Bearer token (`sync.hub.auth`); health and clock want neither.
Besides the station's chain and the county's changes, a station sends here the evidence
files its records name (`sync.hub.evidence`).
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import StringConstraints
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from sync import protocol as p
from sync import station_report
from sync.hub import bundle_keys, contact, evidence, station_reports
from sync.hub.auth import PathStation, TokenStation, bearer_token
from sync.hub.dependencies import HubDep
from sync.hub.routers.shapes import (
    REFUSALS,
    Ack,
    BundleKey,
    BundleKeyAnswer,
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
StationTime = Annotated[str | None, Header(alias=p.HEADER_STATION_TIME, max_length=40)]
Report = Annotated[str | None, Header(alias=station_report.HEADER, max_length=station_report.MAX_HEADER)]
Digest = Annotated[str, StringConstraints(pattern=evidence.SHA256)]
Sha = Annotated[str, PathParam(pattern=evidence.SHA256)]
_UPLOAD = {"requestBody": {"required": True, "description": "the file's bytes (at most 25 MB)",
                           "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}


async def read_body(request: Request, limit: int, too_large: Callable[[], HubError],
                    inflater: p.Inflater | None = None) -> bytes | None:
    """The request's body, refused with `too_large()` past `limit` bytes (as declared, or as it
    comes); None when the station hung up (nobody is listening for an answer). With an
    `inflater`, each piece is inflated as it arrives (a bomb is refused past the inflated limit
    without the rest being read) and the inflated body is returned."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_large()
    body = bytearray()
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large()
            if inflater is None:
                body += chunk
            else:
                inflater.feed(chunk)
    except ClientDisconnect:
        return None
    except p.TooLarge as exc:
        raise HubError(413, p.TOO_LARGE, str(exc)) from None
    except p.Malformed as exc:
        raise HubError(400, p.MALFORMED, str(exc)) from None
    if inflater is not None:
        try:
            return inflater.result()
        except p.Malformed as exc:
            raise HubError(400, p.MALFORMED, str(exc)) from None
    return bytes(body)


class OnePerStation:
    """At most one push (or evidence upload) per station at a time, and at most `at_once`
    bodies being unpacked in the whole hub: a stolen token cannot make the hub hold more than
    one body for it, and many stations at once cannot take more than `at_once` bodies' memory.
    A station never sends two at once (its sync lock); a second one is told to come back (429)."""

    def __init__(self, at_once: int = 2) -> None:
        self.busy: set[str] = set()
        self.unpacking = asyncio.Semaphore(at_once)

    @contextlib.contextmanager
    def station(self, key: str) -> Iterator[None]:
        if key in self.busy:
            raise HubError(429, "busy", "this station is already sending; try again when that is done")
        self.busy.add(key)
        try:
            yield
        finally:
            self.busy.discard(key)


def gates_of(request: Request) -> OnePerStation:
    gates: OnePerStation = request.app.state.gates
    return gates


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
    """Trade a one-time enrollment code for the station id and its secret token. `proof` is a
    secret the station made for this exchange: the same code and proof get an answer again if
    the first was lost (until the token is used); any other use of a used code is refused.
    `bundle_key`: the station's keys for USB-stick bundles, answered with the county's."""
    keys = bundle_keys.parse(body.bundle_key.model_dump()) if body.bundle_key else None
    answer = hub.enroll(body.code, body.proof)
    if keys is not None:
        answer["county_key"] = bundle_keys.register(hub, answer["station_id"], answer["token"], keys)
    return answer


@router.put("/v1/stations/{station_id}/bundle-key", response_model=BundleKeyAnswer, dependencies=[Proto],
            responses=REFUSALS, tags=["stations"])
def bundle_key(station_id: PathStation, body: BundleKey, hub: HubDep,
               authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    """Register the station's keys for USB-stick bundles (a station enrolled before it had them),
    with the token it syncs with (revoking the token refuses its bundles too); the county's keys
    in answer."""
    keys = bundle_keys.parse(body.model_dump())
    return {"county_key": bundle_keys.register(hub, station_id, bearer_token(authorization), keys),
            "hub_time": hub.now()}


@router.get("/v1/stations/{station_id}/status", response_model=Status, dependencies=[Proto], responses=REFUSALS,
            tags=["stations"])
def status(station_id: PathStation, hub: HubDep, seq: Annotated[int, Query(ge=0, le=p.MAX_SEQ)] = 0,
           instance: Annotated[str, Query(max_length=p.MAX_INSTANCE)] = "",
           station_time: StationTime = None, report: Report = None) -> dict[str, Any]:
    """Where the hub's copy of the chain ends, and its hash at the station's `seq`; the
    station's report on itself (printer, program version: `sync.station_report`) is kept."""
    told = None
    if report is not None:
        try:
            told = station_report.parse(report)
        except station_report.BadReport as exc:
            raise HubError(400, p.MALFORMED, f"{station_report.HEADER}: {exc}") from None
    answer = hub.status(station_id, seq=seq, instance_id=instance, station_time=station_time)
    if told is not None:
        station_reports.note(hub, station_id, told)
    return answer


@router.post("/v1/stations/{station_id}/events", response_model=Ack, dependencies=[Proto], responses=REFUSALS,
             tags=["stations"],
             openapi_extra={"requestBody": {"required": True, "description": "gzip of the batch JSON (sync.protocol)",
                                            "content": {"application/json": {"schema": {"type": "object"}}}}})
async def push(request: Request, station_id: PathStation, hub: HubDep, station_time: StationTime = None) -> Any:
    """A batch of the station's events above the hub's acked seq, gzip-encoded (plain JSON is read too)."""
    def too_large() -> HubError:
        return HubError(413, p.TOO_LARGE, f"the body may be at most {hub.max_body} bytes", max_body=hub.max_body)

    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("gzip", "identity"):
        raise HubError(400, p.MALFORMED, f"content encoding {encoding[:20]!r}: send gzip")
    limits = hub.limits
    gates = gates_of(request)
    with gates.station(f"push:{station_id}"):
        body = await read_body(request, hub.max_body, too_large, p.Inflater(limits.inflated) if encoding == "gzip"
                               else None)
        if body is None:
            return JSONResponse({"error": "disconnected"}, status_code=400)
        if len(body) > limits.inflated:
            raise HubError(413, p.TOO_LARGE, f"the body may be at most {limits.inflated} bytes unpacked")
        async with gates.unpacking:
            try:
                batch = await run_in_threadpool(_decode, body, limits)
            except p.TooLarge as exc:
                raise HubError(413, p.TOO_LARGE, str(exc)) from None
            except p.Malformed as exc:
                raise HubError(400, p.MALFORMED, str(exc)) from None
            body = b""  # the batch holds what is needed: the bytes may go
        return await run_in_threadpool(lambda: hub.ingest(station_id, batch, station_time=station_time))


def _decode(body: bytes, limits: p.Limits) -> p.Batch:
    return p.decode_batch(p.parse(body, limits), limits)


@router.get("/v1/stations/{station_id}/events", response_model=OwnEvents, dependencies=[Proto],
            responses=REFUSALS, tags=["stations"])
def own_events(station_id: PathStation, hub: HubDep, after: Annotated[int, Query(ge=0, le=p.MAX_SEQ)] = 0,
               limit: Annotated[int, Query(ge=1, le=p.MAX_PAGE)] = 500) -> dict[str, Any]:
    """The station's own events back (restoring a station onto a new PC)."""
    return hub.own_events(station_id, after, limit)


@router.get("/v1/stations/{station_id}/changes", response_model=ChangesPage, response_model_exclude_none=True,
            dependencies=[Proto], responses=REFUSALS, tags=["stations"])
def changes(station_id: PathStation, hub: HubDep, after: Annotated[int, Query(ge=0, le=p.MAX_SEQ)] = 0,
            limit: Annotated[int, Query(ge=1, le=p.MAX_PAGE)] = 200) -> dict[str, Any]:
    """County data and flags for this station above the cursor, in hub order."""
    page = hub.changes_page(station_id, after, limit)
    contact.pulled(hub, station_id, after, page)  # a station asking again and again refuses them: the county sees it
    return page


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
    with gates_of(request).station(f"evidence:{station_id}"):
        data = await read_body(request, p.MAX_EVIDENCE, evidence.too_large)
        if data is None:
            return JSONResponse({"error": "disconnected"}, status_code=400)
        new = await run_in_threadpool(evidence.store, hub, station_id, sha256, data)
    return JSONResponse({"sha256": sha256, "size": len(data), "content_type": evidence.content_type(data),
                         "stored": new, "hub_time": hub.now()}, status_code=201 if new else 200)
