"""The station itself: created once by the first-run wizard, with its first manager."""

from __future__ import annotations

import os
from dataclasses import dataclass

from station_app.core import events, operators
from station_app.core.events import Event
from station_app.core.operators import (
    MANAGER,
    Operator,
    check_name,
    new_operator_payload,
    store_pin,
)
from station_app.db import Store
from station_app.errors import Conflict, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import OperatorId, new_id


@dataclass(frozen=True)
class Station:
    id: str
    name: str
    village: str
    county: str
    id_salt: str  # signs the traceability codes (the hub checks them with it); not used for ID numbers


def get_station(db: Store) -> Station | None:
    row = db.row("SELECT * FROM station")
    if row is None:
        return None
    return Station(row["id"], row["name"], row["village"], row["county"], row["id_salt"])


def create_station(db: Store, *, name: str, village: str, county: str = "", manager_name: str, manager_pin: str) -> tuple[Station, Operator]:
    """First run: the station and its first manager, in one transaction."""
    name, village = check_name(name), " ".join((village or "").split())
    if not village:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The village is required"))
    operator_payload = new_operator_payload(manager_name, MANAGER, manager_pin)
    station_id, manager_id = new_id(), new_id()
    with db.transaction():
        if db.value("SELECT 1 FROM station"):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "This station is already set up"))
        payload = {"name": name, "village": village, "county": county.strip(), "id_salt": os.urandom(16).hex()}
        events.record(db, manager_id, "station.created", station_id, payload, appliers=APPLY)
        events.record(db, manager_id, "operator.added", manager_id, operator_payload, appliers=operators.APPLY)
        store_pin(db, manager_id, manager_pin)
    station = get_station(db)
    assert station is not None
    return station, Operator(OperatorId(manager_id), operator_payload["name"], MANAGER)


def rename_station(db: Store, actor: Operator, *, name: str, village: str) -> Station:
    station = get_station(db)
    if station is None:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "This station is not set up yet"))
    with db.transaction():
        events.record(db, actor.id, "station.renamed", station.id, {"name": check_name(name), "village": village.strip()}, appliers=APPLY)
    return get_station(db)  # type: ignore[return-value]


def _created(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("station", {"id": ev.entity_id, "name": p["name"], "village": p["village"], "county": p["county"],
                          "id_salt": p["id_salt"], "created_at": ev.station_time})


def _renamed(db: Store, ev: Event) -> None:
    db.update("station", {"id": ev.entity_id}, {"name": ev.payload["name"], "village": ev.payload["village"]})


APPLY = {"station.created": _created, "station.renamed": _renamed}
