"""The station's side of the ID-key escrow (`sync.hub.id_keys`): once per key, inside a sync
cycle, the station shows the hub the key it hashes ID numbers with, so the county's poverty
register can be matched to its people without a whole ID number leaving the hub; a station
restored onto a new PC (no key in its keystore yet) first asks for the key it had.

What the hub confirmed is this PC's own record (`local_settings`, like evidence files): the
station id and the key's public id.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from station_app import keystore
from station_app.core import identity
from station_app.core import sync_state as state
from station_app.db import StationDB
from station_app.errors import StorageError
from sync import errors
from sync.link import HubRefusal

log = logging.getLogger(__name__)
ESCROWED = "sync.id_key_escrowed"  # local_settings: "<station id>:<key id>" the hub confirmed

Call = Callable[..., dict[str, Any]]  # (method, path under /v1/stations/{id}, expected fields, **kwargs)


def escrowed(db: StationDB) -> str | None:
    return db.local(ESCROWED)


def escrow_id_key(db: StationDB, call: Call) -> bool:
    """Recover the station's key from the hub when this PC has none (a restore), else show the
    hub the key once. True when the hub holds this station's key now. A hub that does not know
    escrow (an older version) or a keystore this PC cannot use is logged and left for later."""
    station_id = db.local(state.STATION_ID) or ""
    try:
        if not keystore.holds(db.path, keystore.ID_KEY):
            with contextlib.suppress(errors.Refused, HubRefusal):
                back = call("GET", "/id-key", ("id_key", "key_id", "hub_time"))
                keystore.put(db.path, keystore.ID_KEY, bytes.fromhex(str(back["id_key"])).hex())
        key = identity.id_key(db)
    except (keystore.KeystoreError, StorageError, OSError, ValueError) as exc:
        log.warning("the ID key cannot be escrowed from this PC: %s", exc)
        return False
    mark = f"{station_id}:{identity.key_id(key)}"
    if escrowed(db) == mark:
        return True
    try:
        call("PUT", "/id-key", ("key_id", "hub_time"), json_body={"id_key": key.hex()})
    except (errors.Refused, HubRefusal) as exc:
        log.info("the hub did not take this station's ID key: %s", exc)
        return False
    with db.transaction():
        db.set_local(ESCROWED, mark)
    return True
