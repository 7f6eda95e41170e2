"""The county's SMS texts, one set for the hub's gateways and the station's own modem: a villager
cannot tell which of the two sent a notice. Always Chinese (they go to villagers).

The hub fills them from its own records (`sync.hub.sms`); a station whose hub is out of reach
fills them from the same kind of values it holds itself (`core.parcels.own_sms`), cleaned the same
way (a pickup code of the station's form, opening hours and a phone of plain characters).
"""

from __future__ import annotations

import re

from station_app.core import settings
from station_app.core.carriers import CARRIERS
from station_app.core.parcels.waybills import carrier_name
from station_app.i18n import QT_TRANSLATE_NOOP, translate

LANG = "zh_CN"
#: the county's texts (a provider's registered template takes the same values by these names)
TEMPLATES = {
    "arrival": QT_TRANSLATE_NOOP("hub_sms", "{station}: your {carrier} parcel has arrived. Pickup code {code}. "
                                            "Open {hours}{tel}"),
    "reminder": QT_TRANSLATE_NOOP("hub_sms", "{station}: your parcel has waited {days} days. Please collect it "
                                             "soon with pickup code {code}. Open {hours}{tel}"),
    "new_code": QT_TRANSLATE_NOOP("hub_sms", "{station}: your parcel has a new pickup code {code}. Open {hours}{tel}"),
}
TEL = QT_TRANSLATE_NOOP("hub_sms", ", tel {phone}")
HOURS = re.compile(r"^[0-9:：\-~～—至到、，, .]{1,30}$")
STATION_PHONE = re.compile(r"^[0-9][0-9\- ]{4,19}$")


def county_params(*, station: str, carrier: str, code: str, hours: str, phone: str, days: int) -> dict[str, str]:
    """The template's values, cleaned as the county sends them: opening hours that are not plain
    times become the default, a station phone that is not plain digits is left out, an unknown
    carrier is left blank."""
    hours = hours if HOURS.match(hours) else str(settings.declared("station.opening_hours").default)
    return {"station": station, "carrier": carrier_name(carrier, LANG) if carrier in CARRIERS else "", "code": code,
            "hours": hours, "phone": phone if STATION_PHONE.match(phone) else "", "days": str(max(0, min(365, days)))}


def county_text(kind: str, params: dict[str, str]) -> str:
    """The county's template for `kind` ("arrival", "reminder", "new_code"), filled in, without
    the signature."""
    tel = translate("hub_sms", TEL, LANG).format(phone=params["phone"]) if params["phone"] else ""
    return translate("hub_sms", TEMPLATES[kind], LANG).format(
        station=params["station"], carrier=params["carrier"], code=params["code"], hours=params["hours"], tel=tel,
        days=params["days"])


def signed(signature: str, text: str) -> str:
    """The text as a phone shows it: the county's signature first, 【…】."""
    return f"【{signature}】{text}"
