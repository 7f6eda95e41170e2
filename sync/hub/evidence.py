"""Evidence files on the hub: the on-site photos of training sessions that the county's subsidy
audit needs (an incomplete archive gets no subsidy), sent by the stations after the records
that name them (`sync.evidence`, protocol in `sync.protocol`).

Files are stored per station, content-addressed by sha256, with their bytes in the database
(BLOB on SQLite, bytea on PostgreSQL; a photo is at most 25 MB): one backup of the hub
database holds the records and their evidence together.

Station endpoints take the station's Bearer token (the token names the station):
  POST /v1/evidence/missing    a JSON list of sha256 -> {"missing": [those the hub lacks]}
  PUT  /v1/evidence/{sha256}   the raw bytes -> 201 stored, 200 already held (stored once);
                               400 `digest_mismatch`, 413 over 25 MB
County staff (HTTP Basic), and the dashboard's pages (its login cookie lives under /dashboard):
  GET  /v1/admin/evidence/{station_id}/{sha256}
  GET  /dashboard/evidence/{station_id}/{sha256}
The content type served is read from the bytes (JPEG, PNG, BMP, WebP), never taken from the
station; anything else is served as a download, so a file can never act as a hub web page.
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations (local
# `Annotated` aliases) when they are added

import hashlib
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Header, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, StringConstraints
from sqlalchemy import (
    BigInteger,
    Column,
    LargeBinary,
    MetaData,
    String,
    Table,
    and_,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from sync import protocol as p
from sync.hub.db import events, reading, writing
from sync.hub.service_db import ensure_once
from sync.hub.store import Hub, HubError

metadata = MetaData()
SHA256 = r"^[0-9a-f]{64}$"

hub_evidence = Table(
    "hub_evidence", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("content_type", String(60), nullable=False),  # read from the bytes (`content_type`)
    Column("received_at", String(30), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

#: leading bytes -> content type of the images a station keeps as evidence
SIGNATURES = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"BM", "image/bmp"))
DOWNLOAD = "application/octet-stream"


def content_type(data: bytes) -> str:
    """The image type the bytes are (JPEG, PNG, BMP, WebP), else application/octet-stream."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in SIGNATURES if data.startswith(magic)), DOWNLOAD)


def lacking(hub: Hub, station_id: str, digests: Iterable[str]) -> list[str]:
    """Those of `digests` the hub holds no file for (for this station), in the order asked, once each."""
    wanted = list(dict.fromkeys(digests))
    have = held(hub, station_id, wanted)
    return [d for d in wanted if d not in have]


def held(hub: Hub, station_id: str, digests: Iterable[str]) -> set[str]:
    """Those of `digests` the hub holds a file for (for this station)."""
    ensure_once(hub.engine, metadata)
    wanted, out = list(dict.fromkeys(digests)), set[str]()
    with reading(hub.engine) as conn:
        for i in range(0, len(wanted), 500):
            out.update(conn.execute(select(hub_evidence.c.sha256).where(and_(
                hub_evidence.c.station_id == station_id, hub_evidence.c.sha256.in_(wanted[i:i + 500])))).scalars())
    return out


def too_large() -> HubError:
    return HubError(413, p.TOO_LARGE, f"an evidence file may be at most {p.MAX_EVIDENCE} bytes",
                    max_body=p.MAX_EVIDENCE)


EVIDENCE_KINDS = ("training.photo_added",)  # the records whose payload names a file by its "sha256"
NOT_NAMED = "not_named"


def store(hub: Hub, station_id: str, sha256: str, data: bytes) -> bool:
    """Keep the file once; True when it is new, False when the hub already held it.
    Raises HubError 413 (over `p.MAX_EVIDENCE` bytes), 400 (the bytes do not hash to `sha256`)
    or 409 (no synced record of the station names the file)."""
    if len(data) > p.MAX_EVIDENCE:
        raise too_large()
    actual = hashlib.sha256(data).hexdigest()
    if actual != sha256:
        raise HubError(400, p.DIGEST_MISMATCH, f"the file's sha256 is {actual}, not {sha256}: send it again")
    ensure_once(hub.engine, metadata)
    with reading(hub.engine) as conn:  # only what the station's own records name (not a file store for anything)
        named = conn.execute(select(events.c.seq).where(and_(
            events.c.station_id == station_id, events.c.kind.in_(EVIDENCE_KINDS),
            events.c.payload.like(f'%"sha256":"{sha256}"%'))).limit(1)).first()
    if named is None:
        raise HubError(409, NOT_NAMED, f"no record of this station names the file {sha256}: sync the records first")
    key = and_(hub_evidence.c.station_id == station_id, hub_evidence.c.sha256 == sha256)
    try:
        with writing(hub.engine) as conn:
            if conn.execute(select(hub_evidence.c.size).where(key)).first() is not None:
                return False
            conn.execute(insert(hub_evidence).values(station_id=station_id, sha256=sha256, size=len(data),
                                                     content_type=content_type(data), received_at=hub.now(),
                                                     data=data))
    except IntegrityError:  # the same file, sent twice at once: the other request stored it
        return False
    return True


def fetch(hub: Hub, station_id: str, sha256: str) -> tuple[str, bytes] | None:
    """(content type, bytes) of a station's file, or None."""
    ensure_once(hub.engine, metadata)
    with reading(hub.engine) as conn:
        row = conn.execute(select(hub_evidence.c.content_type, hub_evidence.c.data).where(and_(
            hub_evidence.c.station_id == station_id, hub_evidence.c.sha256 == sha256))).first()
    return None if row is None else (str(row.content_type), bytes(row.data))


# -- the endpoints ------------------------------------------------------------------------------


class Missing(BaseModel):
    missing: list[str]
    hub_time: str


class Stored(BaseModel):
    sha256: str
    size: int
    content_type: str
    stored: bool  # False: the hub already held it
    hub_time: str


Digest = Annotated[str, StringConstraints(pattern=SHA256)]
_UPLOAD = {"requestBody": {"required": True, "description": "the file's bytes (at most 25 MB)",
                           "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}


def add_evidence(app: FastAPI, hub: Hub, *, protocol: Callable[..., Any], basic: HTTPBasic) -> None:
    """Add the evidence endpoints (module docstring) to the hub's app."""
    # the app module imports this one, and the dashboard imports it too: not at load time
    from sync.hub.app import REFUSALS
    from sync.hub.dashboard import COOKIE, session_user

    ensure_once(hub.engine, metadata)

    async def station(authorization: Annotated[str | None, Header()] = None) -> str:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HubError(401, p.BAD_TOKEN, "a station token is required")
        return await run_in_threadpool(hub.station_of, token.strip())

    async def staff(request: Request, credentials: Annotated[HTTPBasicCredentials | None, Depends(basic)]) -> str:
        name = session_user(hub, request.cookies.get(COOKIE))
        if name is None and credentials is not None and await run_in_threadpool(
                hub.check_admin, credentials.username, credentials.password):
            name = credentials.username
        if name is None:
            raise HubError(401, "admin", "county staff name and password required")
        return name

    Station = Annotated[str, Depends(station)]
    Staff = Annotated[str, Depends(staff)]
    Sha = Annotated[str, PathParam(pattern=SHA256)]

    @app.post("/v1/evidence/missing", response_model=Missing, dependencies=[Depends(protocol)], responses=REFUSALS,
              tags=["stations"])
    def missing(station_id: Station,
                digests: Annotated[list[Digest], Body(max_length=p.MAX_ASK)]) -> dict[str, Any]:
        """Which of these evidence files (sha256, lowercase hex) the hub lacks for this station."""
        return {"missing": lacking(hub, station_id, digests), "hub_time": hub.now()}

    @app.put("/v1/evidence/{sha256}", response_model=Stored, status_code=201, dependencies=[Depends(protocol)],
             responses={**REFUSALS, 200: {"model": Stored, "description": "already held: stored once"}},
             tags=["stations"], openapi_extra=_UPLOAD)
    async def upload(request: Request, sha256: Sha, station_id: Station) -> Any:
        """One evidence file's raw bytes, named by their sha256 (the hub checks it); a repeat changes nothing."""
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > p.MAX_EVIDENCE:
            raise too_large()
        body = bytearray()
        try:
            async for chunk in request.stream():
                body += chunk
                if len(body) > p.MAX_EVIDENCE:
                    raise too_large()
        except ClientDisconnect:
            return JSONResponse({"error": "disconnected"}, status_code=400)  # nobody is listening
        data = bytes(body)
        new = await run_in_threadpool(store, hub, station_id, sha256, data)
        return JSONResponse({"sha256": sha256, "size": len(data), "content_type": content_type(data), "stored": new,
                             "hub_time": hub.now()}, status_code=201 if new else 200)

    @app.get("/dashboard/evidence/{station_id}/{sha256}", response_class=Response, include_in_schema=False)
    @app.get("/v1/admin/evidence/{station_id}/{sha256}", responses={**REFUSALS, 404: {"description": "no such file"}},
             response_class=Response, tags=["county staff"])
    def evidence_file(station_id: str, sha256: Sha, _who: Staff,
                      if_none_match: Annotated[str | None, Header()] = None) -> Response:
        """A station's evidence file (a training session's photo), as it was sent."""
        tag = f'"{sha256}"'
        cache = {"ETag": tag, "Cache-Control": "private, max-age=31536000, immutable",
                 "X-Content-Type-Options": "nosniff"}
        if if_none_match == tag and held(hub, station_id, [sha256]):
            return Response(status_code=304, headers=cache)
        found = fetch(hub, station_id, sha256)
        if found is None:
            raise HubError(404, "not_found", f"station {station_id} sent no file {sha256}")
        kind, data = found
        name = sha256[:16] + {"image/jpeg": ".jpg", "image/png": ".png", "image/bmp": ".bmp",
                              "image/webp": ".webp"}.get(kind, ".bin")
        disposition = "attachment" if kind == DOWNLOAD else "inline"
        return Response(data, media_type=kind, headers={**cache, "Content-Disposition": f'{disposition}; filename="{name}"'})
