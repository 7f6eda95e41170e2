"""The keys of USB-stick bundles on the hub (`sync.bundle`): the county's own, and each station's.

- **The county's keys** are derived from the hub's secret (`sync.hub.hub_secret`, a 0600 file,
  never in the database): bundles for the hub are sealed to its box key, return bundles signed
  with its sign key. Their public halves go to each station when it enrolls. Someone who reads
  (or writes) hub.db learns nothing that opens or forges a bundle.
- **A station's keys** are made on the station (their seed sealed in its keystore, like the
  token) and registered here with its enrollment, or later once over the network
  (`PUT /v1/stations/{id}/bundle-key`, with its token). Each public key is kept with the token it
  came with: when the county revokes the station's tokens (`Hub.revoke`), its bundles are
  refused too.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Engine, MetaData, String, Table, and_, insert, select

from sync import bundle
from sync import protocol as p
from sync.hub import credentials
from sync.hub.db import reading, tokens, writing
from sync.hub.service_db import ensure_once
from sync.hub.store import Hub, HubError

metadata = MetaData()

station_keys = Table(
    "bundle_keys", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("fingerprint", String(32), primary_key=True),
    Column("sign_key", String(64), nullable=False),  # base64 of the Ed25519 public key
    Column("box_key", String(64), nullable=False),  # base64 of the X25519 public key
    Column("token_hash", String(64), nullable=False),  # the token it came with: revoked with it
    Column("registered_at", String(30), nullable=False),
)


def ensure_table(engine: Engine) -> None:
    ensure_once(engine, metadata)


def county_keys(hub: Hub) -> bundle.KeyPair:
    """The county's key pair, derived from the hub's secret."""
    return bundle.KeyPair(hmac.new(hub.secret, b"village-station county bundle keys", hashlib.sha256).digest())


def county_answer(hub: Hub) -> dict[str, str]:
    """The county's public keys, as a station stores them."""
    return county_keys(hub).public.as_json()


def parse(obj: Any) -> bundle.PublicKeys:
    """A station's public keys from a request. Raises HubError 400."""
    try:
        return bundle.PublicKeys.from_json(obj)
    except ValueError as exc:
        raise HubError(400, p.MALFORMED, f"bundle_key: {exc}") from None


def register(hub: Hub, station_id: str, token: str, keys: bundle.PublicKeys) -> dict[str, str]:
    """Keep the station's public keys with the token it showed (again: nothing changes); returns
    the county's public keys."""
    ensure_table(hub.engine)
    token_hash = credentials.secret_hash(token)
    with writing(hub.engine) as conn:
        row = conn.execute(select(station_keys.c.token_hash).where(and_(
            station_keys.c.station_id == station_id, station_keys.c.fingerprint == keys.fingerprint))).first()
        if row is None:
            shown = keys.as_json()
            conn.execute(insert(station_keys).values(station_id=station_id, fingerprint=keys.fingerprint,
                                                     sign_key=shown["sign"], box_key=shown["box"],
                                                     token_hash=token_hash, registered_at=hub.now()))
        elif row.token_hash != token_hash:  # the same keys shown with a newer token (enrolled again)
            conn.execute(station_keys.update().where(and_(
                station_keys.c.station_id == station_id, station_keys.c.fingerprint == keys.fingerprint))
                .values(token_hash=token_hash, registered_at=hub.now()))
    return county_answer(hub)


@dataclass(frozen=True)
class StationKey:
    keys: bundle.PublicKeys
    revoked: bool


def key_of(hub: Hub, station_id: str, fingerprint: str) -> StationKey | None:
    """The station's registered key with this fingerprint and whether its token was revoked
    (or is gone); None when the hub never registered it."""
    ensure_table(hub.engine)
    with reading(hub.engine) as conn:
        row = conn.execute(select(station_keys, tokens.c.revoked_at.label("revoked_at"),
                                  tokens.c.token_hash.label("known"))
                           .select_from(station_keys.outerjoin(tokens, tokens.c.token_hash == station_keys.c.token_hash))
                           .where(and_(station_keys.c.station_id == station_id,
                                       station_keys.c.fingerprint == fingerprint))).first()
    if row is None:
        return None
    keys = bundle.PublicKeys.from_json({"sign": row.sign_key, "box": row.box_key})
    return StationKey(keys, row.known is None or row.revoked_at is not None)
