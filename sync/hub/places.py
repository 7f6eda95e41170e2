"""Which station serves a place a county file names: the station's name or village as the
county registered it or as the station named itself, compared without spaces, with or without
村, and with a township written before the village ("城关镇青山村" is 青山村).
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import Connection, select

from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.db import reading, stations
from sync.hub.service_db import own_records
from sync.hub.store import Hub

NO_PLACE = QT_TRANSLATE_NOOP("errors", "No station serves '{place}': enroll it first, or name the station with --station")
TWO_PLACES = QT_TRANSLATE_NOOP("errors", "More than one station serves '{place}': name the station with --station")
# what ends a township, street, county or city written before the village: 城关镇, 龙山乡, 东街街道,
# 新区管委会, 示范县, 城区, 某某市 ...
_BEFORE_VILLAGE = ("街道", "办事处", "管委会", "镇", "乡", "县", "区", "市", "旗", "州", "省")


def place_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _forms(key: str) -> list[str]:
    """The key as written, then without each township, county or city written before it (the
    longest first; at least two characters stay), each with and without 村."""
    out: list[str] = []
    tails = [key] + [key[i:] for i in range(1, len(key) - 1) if key[:i].endswith(_BEFORE_VILLAGE)]
    for rest in tails:
        for form in (rest, rest + "村", rest[:-1] if rest.endswith("村") and len(rest) > 2 else ""):
            if form and form not in out:
                out.append(form)
    return out


def station_places(conn: Connection) -> tuple[dict[str, set[str]], dict[str, str]]:
    """(place -> station ids serving it, station id -> registered name): the names and villages
    the hub enrolled them under and the ones the stations gave themselves, each also without a
    township written before it."""
    places: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    known = [(st.id, st.name, st.village) for st in conn.execute(select(stations.c.id, stations.c.name, stations.c.village))]
    for st_id, name, _ in known:
        names[st_id] = name
    known += [(own.hub_id, own.name, own.village) for own in own_records(conn)]
    for station_id, name, village in known:
        for place in (name, village):
            if place:
                for form in _forms(place_key(place)):
                    places.setdefault(form, set()).add(station_id)
    return places, names


def route(places: dict[str, set[str]], destination: str) -> str:
    """The station serving `destination`. Raises ValidationError for none or several."""
    for form in _forms(place_key(destination)):
        found = places.get(form)
        if found:
            if len(found) > 1:
                raise ValidationError(TWO_PLACES, place=destination)
            return next(iter(found))
    raise ValidationError(NO_PLACE, place=destination or "-")


EVERY_STATION = QT_TRANSLATE_NOOP("dashboard", "every station")
NO_STATION = QT_TRANSLATE_NOOP("errors", "No station {station} on this hub: give its id or its exact name.")


def station_target(hub: Hub, text: str | None) -> tuple[str | None, str]:
    """The station a county upload is for, by its id or exact registered name: (hub id, name),
    or (None, "every station") for none. Raises ValidationError for an unknown station."""
    text = (text or "").strip()
    if not text:
        return None, translate("dashboard", EVERY_STATION)
    with reading(hub.engine) as conn:
        for r in conn.execute(select(stations.c.id, stations.c.name)):
            if text in (r.id, r.name):
                return str(r.id), str(r.name)
    raise ValidationError(NO_STATION, station=text)
