"""The county's targets and settings for its stations, county-wide and per station
(`county.setting_changed`, folded into the station's settings like every county setting).

A per-station value outranks the county-wide one: setting a county-wide value sends it to every
station and then sends each station's own value again after it, so the station's is the one in
force there. The hub keeps what it set (`county_targets`) for the dashboard, and every change is
in the audit log.

    station-hub set-target KEY VALUE [--station S]     POST /county/targets {"key", "value", "station"}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, insert, select

from station_app.core import settings as station_settings
from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub import audit
from sync.hub.db import reading, writing
from sync.hub.office_db import county_targets, ensure_office_tables
from sync.hub.places import station_target
from sync.hub.store import Hub, publish

SETTING_CHANGED = "county.setting_changed"
#: what the county sets as targets (shown first), then the other settings the county decides
TARGETS = ("training.person_times_target", "training.satisfaction_target_pct", "parcels.delivery_target_hours")
NOT_COUNTY = QT_TRANSLATE_NOOP("errors", "{key} is not a setting the county decides")


@dataclass(frozen=True)
class CountyValue:
    key: str
    label: str  # English source, context "settings"
    default: Any
    county: Any | None  # the county-wide value the hub set, None if never
    stations: dict[str, Any]  # station id -> its own value


def county_keys() -> list[str]:
    """The targets first, then every other county setting."""
    rest = [s.key for s in station_settings.SETTINGS if s.scope == station_settings.COUNTY and s.key not in TARGETS]
    return [*TARGETS, *rest]


def values(hub: Hub) -> list[CountyValue]:
    """Every county setting with the values the hub set, county-wide and per station."""
    ensure_office_tables(hub.engine)
    with reading(hub.engine) as conn:
        rows = conn.execute(select(county_targets)).all()
    out = []
    for key in county_keys():
        s = station_settings.declared(key)
        mine = [r for r in rows if r.key == key]
        out.append(CountyValue(key, s.label, s.default, next((r.value for r in mine if r.station_id == ""), None),
                               {r.station_id: r.value for r in mine if r.station_id}))
    return out


def set_value(hub: Hub, key: str, value: Any, who: str, station: str | None = None) -> int:
    """Set a county setting for every station (or `station`) and send it down (audited); returns
    the hub_seq of the change. Raises ValidationError (unknown key, bad value, unknown station)."""
    try:
        s = station_settings.declared(key)
    except UserError:
        raise ValidationError(NOT_COUNTY, key=key) from None
    if s.scope != station_settings.COUNTY:
        raise ValidationError(NOT_COUNTY, key=key)
    value = station_settings.coerce(s, value.strip() if isinstance(value, str) else value)
    station_id, name = station_target(hub, station)
    ensure_office_tables(hub.engine)
    now = hub.now()
    with writing(hub.engine) as conn:
        seq = publish(conn, SETTING_CHANGED, key, {"value": value}, station_id, now)
        if station_id is None:  # each station's own value stays the one in force there
            for r in conn.execute(select(county_targets).where(and_(county_targets.c.key == key,
                                                                    county_targets.c.station_id != ""))).all():
                publish(conn, SETTING_CHANGED, key, {"value": r.value}, r.station_id, now)
        conn.execute(delete(county_targets).where(and_(county_targets.c.key == key,
                                                       county_targets.c.station_id == (station_id or ""))))
        conn.execute(insert(county_targets).values(key=key, station_id=station_id or "", value=value, hub_seq=seq,
                                                   set_at=now, set_by=who[:80]))
        audit.record_in(conn, now, who, "county_setting.set", key, {"value": value, "station": name})
    return seq
