"""Evidence files on the hub: the on-site photos of training sessions that the county's subsidy
audit needs (an incomplete archive gets no subsidy), sent by the stations after the records
that name them (`sync.evidence`, protocol in `sync.protocol`).

Files are stored per station, content-addressed by sha256, with their bytes in the database
(BLOB on SQLite, bytea on PostgreSQL; a photo is at most 25 MB): one backup of the hub
database holds the records and their evidence together.

The endpoints (`sync.hub.routers`): a station asks which files the hub lacks and sends them
(`POST /v1/evidence/missing`, `PUT /v1/evidence/{sha256}`, protocol router); county staff open
one (`GET /v1/admin/evidence/{station_id}/{sha256}`, and the same under /dashboard/evidence for
the dashboard's login, admin router). The content type served is read from the bytes (JPEG,
PNG, BMP, WebP), never taken from the station; anything else is served as a download, so a
file can never act as a hub web page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    LargeBinary,
    MetaData,
    String,
    Table,
    and_,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError

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
#: the file name extension an evidence file is served with, by content type
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/bmp": ".bmp", "image/webp": ".webp"}


def ensure_table(engine: Engine) -> None:
    """Create the evidence table if missing (once per engine and process)."""
    ensure_once(engine, metadata)


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
    ensure_table(hub.engine)
    wanted, out = list(dict.fromkeys(digests)), set[str]()
    with reading(hub.engine) as conn:
        for i in range(0, len(wanted), 500):
            out.update(conn.execute(select(hub_evidence.c.sha256).where(and_(
                hub_evidence.c.station_id == station_id, hub_evidence.c.sha256.in_(wanted[i:i + 500])))).scalars())
    return out


def too_large() -> HubError:
    return HubError(413, p.TOO_LARGE, f"an evidence file may be at most {p.MAX_EVIDENCE} bytes",
                    max_body=p.MAX_EVIDENCE)


#: the records whose payload names a file by its "sha256" (training photos, the parcel counter's photos)
EVIDENCE_KINDS = ("training.photo_added", "parcel.photo_taken", "outbound.photo_added", "training.document_added")
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
    ensure_table(hub.engine)
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
    ensure_table(hub.engine)
    with reading(hub.engine) as conn:
        row = conn.execute(select(hub_evidence.c.content_type, hub_evidence.c.data).where(and_(
            hub_evidence.c.station_id == station_id, hub_evidence.c.sha256 == sha256))).first()
    return None if row is None else (str(row.content_type), bytes(row.data))
