"""Escrow of the stations' ID-number keys, so the county's poverty register can be matched to the
people a station registered without a whole ID number ever leaving the hub.

Each station hashes ID numbers with its own random key (`station_app.core.identity`: a stolen
PC exposes only its own people). It shows the hub that key once, with its token
(`PUT /v1/stations/{id}/id-key`, `sync.id_escrow`); the hub keeps it sealed with a key derived
from the hub's secret (`sync.hub.hub_secret`, a 0600 file, never in the database), so a reader
of hub.db learns nothing that tests a guess at a number. With it the hub computes, for the
register members a station serves, `identity.id_hash(number, station key)`: the very hash the
station stores for a person registered with that number (`sync.hub.register`).

A station restored onto a new PC gets its key back with its token (`GET .../id-key`): people
registered before the restore are recognised again.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from sqlalchemy import Column, Engine, LargeBinary, MetaData, String, Table, delete, insert, select

from station_app.core import identity
from sync import protocol as p
from sync.hub import audit
from sync.hub.db import reading, writing
from sync.hub.office_db import ensure_office_tables
from sync.hub.service_db import ensure_once
from sync.hub.store import Hub, HubError

metadata = MetaData()

station_id_keys = Table(
    "station_id_keys", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("key_id", String(16), nullable=False),  # identity.key_id: names the key, reveals nothing of it
    Column("sealed", LargeBinary, nullable=False),  # nonce ‖ ChaCha20-Poly1305(key), bound to the station id
    Column("registered_at", String(30), nullable=False),
)


def ensure_table(engine: Engine) -> None:
    ensure_once(engine, metadata)


def _cipher(hub: Hub) -> ChaCha20Poly1305:
    return ChaCha20Poly1305(hmac.new(hub.secret, b"village-station id key escrow", hashlib.sha256).digest())


def _seal(hub: Hub, station_id: str, key: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + _cipher(hub).encrypt(nonce, key, station_id.encode())


def _open(hub: Hub, station_id: str, sealed: bytes) -> bytes | None:
    try:
        return _cipher(hub).decrypt(sealed[:12], sealed[12:], station_id.encode())
    except (InvalidTag, ValueError):
        return None


def parse_key(text: object) -> bytes:
    """A station's key as it sends it (64 hex digits). Raises HubError 400."""
    try:
        key = bytes.fromhex(str(text))
    except ValueError:
        key = b""
    if len(key) != 32:
        raise HubError(400, p.MALFORMED, "id_key must be 64 hex digits")
    return key


def escrow(hub: Hub, station_id: str, key: bytes) -> str:
    """Keep the station's key sealed (a new key replaces the old one: the station made a new
    one); returns its key id. Audited, without the key."""
    ensure_table(hub.engine)
    ensure_office_tables(hub.engine)
    key_id = identity.key_id(key)
    now = hub.now()
    with writing(hub.engine) as conn:
        row = conn.execute(select(station_id_keys.c.key_id).where(station_id_keys.c.station_id == station_id)).first()
        if row is not None and row.key_id == key_id:
            return key_id
        conn.execute(delete(station_id_keys).where(station_id_keys.c.station_id == station_id))
        conn.execute(insert(station_id_keys).values(station_id=station_id, key_id=key_id,
                                                    sealed=_seal(hub, station_id, key), registered_at=now))
        audit.record_in(conn, now, f"station:{station_id}", "id_key.escrowed", station_id,
                        {"key_id": key_id, "replaced": row.key_id if row is not None else ""})
    return key_id


def key_of(hub: Hub, station_id: str) -> bytes | None:
    """The station's escrowed key, or None (never escrowed, or sealed under another hub secret)."""
    ensure_table(hub.engine)
    with reading(hub.engine) as conn:
        row = conn.execute(select(station_id_keys.c.sealed).where(station_id_keys.c.station_id == station_id)).first()
    return None if row is None else _open(hub, station_id, bytes(row.sealed))


def escrowed(hub: Hub) -> dict[str, bytes]:
    """Every station's key the hub holds (station id -> key)."""
    ensure_table(hub.engine)
    with reading(hub.engine) as conn:
        rows = conn.execute(select(station_id_keys.c.station_id, station_id_keys.c.sealed)).all()
    out = {}
    for r in rows:
        key = _open(hub, r.station_id, bytes(r.sealed))
        if key is not None:
            out[str(r.station_id)] = key
    return out
