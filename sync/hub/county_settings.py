"""The county's settings for the hub itself (not sent to the stations): when a quiet station
counts as silent, and the like. Set on the dashboard (county admins) or with
`station-hub set --key K --value V`; every change is in the audit log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select

from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub import audit
from sync.hub.db import reading, writing
from sync.hub.office_db import ensure_office_tables, hub_settings
from sync.hub.store import Hub


@dataclass(frozen=True)
class HubSetting:
    key: str
    default: int
    minimum: int
    maximum: int
    label: str  # English source, context "dashboard"


HUB_SETTINGS = {s.key: s for s in (
    HubSetting("silent_days", 3, 1, 60, QT_TRANSLATE_NOOP("dashboard", "A station is silent after this many days "
                                                                       "without contact")),
    HubSetting("sms_failures_days", 7, 1, 90, QT_TRANSLATE_NOOP("dashboard", "Count SMS that were not sent over "
                                                                             "this many days")),
)}
BAD_SETTING = QT_TRANSLATE_NOOP("errors", "Unknown hub setting {key}")
OUT_OF_RANGE = QT_TRANSLATE_NOOP("errors", "Setting {key} must be a whole number between {low} and {high}")


def get(hub: Hub, key: str) -> int:
    """The setting's value (its default until the county sets it)."""
    setting = HUB_SETTINGS[key]
    ensure_office_tables(hub.engine)
    with reading(hub.engine) as conn:
        raw = conn.execute(select(hub_settings.c.value).where(hub_settings.c.key == key)).scalar()
    return int(json.loads(raw)) if raw is not None else setting.default


def values(hub: Hub) -> dict[str, int]:
    return {key: get(hub, key) for key in HUB_SETTINGS}


def set_value(hub: Hub, key: str, value: Any, who: str) -> int:
    """Change a hub setting (audited). Raises ValidationError for an unknown key or a bad value."""
    setting = HUB_SETTINGS.get(key)
    if setting is None:
        raise ValidationError(BAD_SETTING, key=key)
    try:
        number = int(str(value).strip())
    except ValueError:
        number = setting.minimum - 1
    if not setting.minimum <= number <= setting.maximum:
        raise ValidationError(OUT_OF_RANGE, key=key, low=setting.minimum, high=setting.maximum)
    ensure_office_tables(hub.engine)
    now = hub.now()
    with writing(hub.engine) as conn:
        conn.execute(delete(hub_settings).where(hub_settings.c.key == key))
        conn.execute(insert(hub_settings).values(key=key, value=json.dumps(number), set_at=now, set_by=who[:80]))
        audit.record_in(conn, now, who, "hub_setting.changed", key, {"value": number})
    return number
