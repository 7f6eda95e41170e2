"""A station's ID-number key, escrowed with the hub (`sync.hub.id_keys`) so the county's poverty
register can be matched to its people without a whole ID number leaving the hub: shown once
with the station's token, given back to the same station (a restore onto a new PC)."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from station_app.core import identity
from sync.hub import id_keys, register
from sync.hub.auth import PathStation
from sync.hub.dependencies import HubDep
from sync.hub.routers.protocol import protocol
from sync.hub.routers.shapes import REFUSALS
from sync.hub.store import HubError

router = APIRouter()


class IdKey(BaseModel):
    id_key: str = Field(min_length=64, max_length=64)  # 32 bytes, hex


class IdKeyAnswer(BaseModel):
    key_id: str
    hub_time: str


class IdKeyBack(BaseModel):
    id_key: str
    key_id: str
    hub_time: str


@router.put("/v1/stations/{station_id}/id-key", response_model=IdKeyAnswer, dependencies=[Depends(protocol)],
            responses=REFUSALS, tags=["stations"])
def put_id_key(station_id: PathStation, body: IdKey, hub: HubDep) -> dict[str, Any]:
    """Escrow the station's key for ID-number hashes (sealed with the hub's secret, never in the
    database in the clear); answers the key's public id. The county's poverty register, if
    imported, is sent to the station now (hashed under this key)."""
    key_id = id_keys.escrow(hub, station_id, id_keys.parse_key(body.id_key))
    register.send_register(hub, station=station_id)
    return {"key_id": key_id, "hub_time": hub.now()}


@router.get("/v1/stations/{station_id}/id-key", response_model=IdKeyBack, dependencies=[Depends(protocol)],
            responses=REFUSALS, tags=["stations"])
def get_id_key(station_id: PathStation, hub: HubDep) -> dict[str, Any]:
    """The station's escrowed key, to the station itself (its token): a restore onto a new PC."""
    key = id_keys.key_of(hub, station_id)
    if key is None:
        raise HubError(404, "no_id_key", "the hub holds no ID key for this station")
    return {"id_key": key.hex(), "key_id": identity.key_id(key), "hub_time": hub.now()}
