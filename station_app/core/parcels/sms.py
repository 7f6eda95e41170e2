"""SMS notices, always in Chinese: they go to villagers whatever the screen language. A notice
is queued with the event that causes it; the county hub's gateway sends it after sync.
"""

from __future__ import annotations

from typing import Any

from station_app.core import settings
from station_app.core.station import get_station
from station_app.db import Store
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from station_app.ids import new_id

ARRIVAL_SMS = QT_TRANSLATE_NOOP("sms", "[{station}] Your {carrier} parcel has arrived. Pickup code {code}. Open {hours}{tel}")
REMINDER_SMS = QT_TRANSLATE_NOOP("sms", "[{station}] Your parcel has waited {days} days. Please collect it soon with pickup code {code}. Open {hours}{tel}")
NEW_CODE_SMS = QT_TRANSLATE_NOOP("sms", "[{station}] Your parcel has a new pickup code {code}. Open {hours}{tel}")
TEL = QT_TRANSLATE_NOOP("sms", ", tel {phone}")
SMS_LANG = "zh_CN"


def sms_text(db: Store, template: str, **params: Any) -> str:
    station = get_station(db)
    phone = settings.get(db, "station.phone")
    tel = translate("sms", TEL, SMS_LANG).format(phone=phone) if phone else ""
    return translate("sms", template, SMS_LANG).format(
        station=station.name if station else "", hours=settings.get(db, "station.opening_hours"), tel=tel, **params)


def _new_notice(db: Store, kind: str, phone: str | None, tail: str | None, template: str, **params: Any) -> dict[str, Any] | None:
    if not (phone or tail) or not settings.get(db, "parcels.sms_notice"):
        return None
    return {"id": new_id(), "kind": kind, "phone": phone, "phone_tail": tail, "text": sms_text(db, template, **params)}


def _insert_notice(db: Store, parcel_id: str, notice: dict[str, Any] | None, at: str) -> None:
    if notice:
        db.insert("parcel_notices", {**notice, "parcel_id": parcel_id, "status": "queued", "queued_at": at})
