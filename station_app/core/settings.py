"""Every setting, declared once: key, default, type, label and who owns it.

- county: decided by the county hub, arrives by sync (hub events); read-only here.
- station: the station's own choices; changed by a manager, recorded as events, synced.
- machine: this PC only (printer port, window state, language); never synced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from station_app.core import events
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.db import Store
from station_app.errors import NotFound, PermissionDenied, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP

COUNTY, STATION, MACHINE = "county", "station", "machine"
#: how a number is shown and typed: FEN is stored in fen and shown in yuan (¥2.00), YES_NO is
#: a tick box stored as 1/0
NUMBER, FEN, YES_NO = "number", "fen", "yes_no"


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    type: type
    label: str
    scope: str
    minimum: int | None = None
    maximum: int | None = None
    unit: str = NUMBER
    #: a machine setting each operator chooses for themself (large text)
    per_operator: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("station.opening_hours", "08:00-20:00", str, QT_TRANSLATE_NOOP("settings", "Opening hours"), STATION),
    Setting("station.phone", "", str, QT_TRANSLATE_NOOP("settings", "Station phone"), STATION),
    Setting("operators.idle_lock_minutes", 10, int, QT_TRANSLATE_NOOP("settings", "Lock the screen after idle minutes"), STATION, 1, 240),
    Setting("parcels.overdue_days", 3, int, QT_TRANSLATE_NOOP("settings", "Parcel overdue after days on shelf"), COUNTY, 1, 60),
    Setting("parcels.return_days", 7, int, QT_TRANSLATE_NOOP("settings", "Return unclaimed parcels after days"), COUNTY, 1, 90),
    Setting("parcels.sms_notice", 1, int, QT_TRANSLATE_NOOP("settings", "Text villagers when a parcel arrives"), STATION, 0, 1, YES_NO),
    Setting("parcels.counter_photos", 0, int, QT_TRANSLATE_NOOP("settings", "Take a webcam photo at check-in and hand-over"), STATION, 0, 1, YES_NO),
    Setting("parcels.photo_keep_days", 90, int, QT_TRANSLATE_NOOP("settings", "Keep counter photos of parcels for days"), COUNTY, 7, 3650),
    Setting("parcels.delivery_target_hours", 72, int, QT_TRANSLATE_NOOP("settings", "Delivery target from the county to the village (hours)"), COUNTY, 12, 240),
    Setting("parcels.farm_subsidy_fen", 50, int, QT_TRANSLATE_NOOP("settings", "Farm-produce outbound subsidy per parcel"), COUNTY, 0, 10_000, FEN),
    Setting("parcels.farm_subsidy_cap_yuan", 100_000, int, QT_TRANSLATE_NOOP("settings", "Farm-produce outbound subsidy cap per sending entity and year (yuan)"), COUNTY, 0, 10_000_000),
    # issue 21: the county's own administrative-division code (GB/T 2260, 6 digits): a parcel to a
    # destination inside it is never subsidised; the produce categories it subsidises; the
    # documents its rule set asks of every training archive (core.training.documents)
    Setting("subsidy.county_code", "", str, QT_TRANSLATE_NOOP("settings", "The county's administrative-division code (6 digits)"), COUNTY),
    Setting("subsidy.categories", "fruit,vegetables,grain_oil,meat_eggs,aquatic,tea,mountain,other_farm", str, QT_TRANSLATE_NOOP("settings", "Produce categories the county subsidises"), COUNTY),
    Setting("training.archive_rules", "agreement,org_licence,lecturer_credentials,plan,syllabus,materials,signed_roster,onsite_photos", str, QT_TRANSLATE_NOOP("settings", "Documents every training archive must hold"), COUNTY),
    # issue 19: which gateways the county hub runs ("demo", or "real:SMS+BILLER"; "" until it says):
    # a demo hub sends no SMS and pays no bill, and the station says so in its status bar
    Setting("hub.gateways", "", str, QT_TRANSLATE_NOOP("settings", "The county hub's SMS and biller gateways"), COUNTY),
    Setting("sms.signature", "县电商服务中心", str, QT_TRANSLATE_NOOP("settings", "SMS signature the county registered"), COUNTY),
    Setting("sms.station_after_hours", 12, int, QT_TRANSLATE_NOOP("settings", "The station's own SMS modem sends notices after hours without the county hub"), COUNTY, 1, 168),
    Setting("cash.max_float_fen", 500_000, int, QT_TRANSLATE_NOOP("settings", "Largest cash float"), COUNTY, 0, 100_000_000, FEN),
    Setting("training.person_times_target", 300, int, QT_TRANSLATE_NOOP("settings", "Training person-times target per year"), COUNTY, 0, 100_000),
    Setting("training.satisfaction_target_pct", 90, int, QT_TRANSLATE_NOOP("settings", "Training satisfaction target (%)"), COUNTY, 0, 100),
    Setting("bills.duplicate_minutes", 30, int, QT_TRANSLATE_NOOP("settings", "Warn when the same bill account is paid again within minutes"), COUNTY, 1, 1440),
    Setting("bills.overdue_hours", 24, int, QT_TRANSLATE_NOOP("settings", "Bill payments waiting longer than hours are shown as overdue"), COUNTY, 1, 720),
    Setting("reports.due_day", 5, int, QT_TRANSLATE_NOOP("settings", "Monthly report due to the county by this day of the month"), COUNTY, 1, 28),
    Setting("consignment.default_commission_pct", 10, int, QT_TRANSLATE_NOOP("settings", "Consignment commission for new consignors (%)"), STATION, 0, 50),
    Setting("consignment.max_discount_pct", 20, int, QT_TRANSLATE_NOOP("settings", "Largest discount on a consignment sale (%)"), COUNTY, 0, 50),
    Setting("orders.service_fee_fen", 200, int, QT_TRANSLATE_NOOP("settings", "Proxy purchase service fee per order"), STATION, 0, 100_000, FEN),
    Setting("speech.enabled", 0, int, QT_TRANSLATE_NOOP("settings", "Speak the pickup code, amount due and change aloud"), STATION, 0, 1, YES_NO),
    Setting("ui.language", "zh_CN", str, QT_TRANSLATE_NOOP("settings", "Language"), MACHINE),
    Setting("ui.font_size", 14, int, QT_TRANSLATE_NOOP("settings", "Text size"), MACHINE, 10, 28),
    Setting("ui.large_text", 0, int, QT_TRANSLATE_NOOP("settings", "Large text for me (easier to read)"), MACHINE, 0, 1,
            YES_NO, per_operator=True),
    Setting("printer.spec", "", str, QT_TRANSLATE_NOOP("settings", "Receipt printer"), MACHINE),
    Setting("printer.paper_mm", 58, int, QT_TRANSLATE_NOOP("settings", "Paper width (mm)"), MACHINE, 58, 80),
    Setting("printer.profile", "", str, QT_TRANSLATE_NOOP("settings", "Printer model"), MACHINE),
    Setting("scanner.prefix", "", str, QT_TRANSLATE_NOOP("settings", "Scanner prefix"), MACHINE),
    Setting("scanner.suffix", "", str, QT_TRANSLATE_NOOP("settings", "Scanner suffix"), MACHINE),
    Setting("sync.hub_url", "", str, QT_TRANSLATE_NOOP("settings", "County hub address"), MACHINE),
    Setting("sync.nightly_at", "02:30", str, QT_TRANSLATE_NOOP("settings", "Nightly sync time"), MACHINE),
    Setting("sms.modem_on", 0, int, QT_TRANSLATE_NOOP("settings", "Send SMS notices through this PC's modem when the county hub is out of reach"), MACHINE, 0, 1, YES_NO),
    Setting("sms.modem_port", "", str, QT_TRANSLATE_NOOP("settings", "SMS modem port (e.g. COM5)"), MACHINE),
)
BY_KEY = {s.key: s for s in SETTINGS}


def declared(key: str) -> Setting:
    try:
        return BY_KEY[key]
    except KeyError:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "Unknown setting {key}"), key=key) from None


def coerce(setting: Setting, value: Any) -> Any:
    try:
        value = setting.type(value)
    except (TypeError, ValueError):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Setting {key}: '{value}' is not valid"), key=setting.key, value=value) from None
    if setting.type is int and (
        (setting.minimum is not None and value < setting.minimum) or (setting.maximum is not None and value > setting.maximum)
    ):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Setting {key} must be between {low} and {high}"),
            key=setting.key, low=setting.minimum, high=setting.maximum,
        )
    return value


def _local_key(s: Setting, operator_id: str | None) -> str:
    return f"setting:{s.key}:{operator_id}" if s.per_operator else f"setting:{s.key}"


def get(db: Store, key: str, *, operator_id: str | None = None) -> Any:
    """The setting's value (a per-operator one: `operator_id`'s choice, else the default)."""
    s = declared(key)
    if s.per_operator and operator_id is None:
        return s.default
    if s.scope == MACHINE:
        raw = db.local(_local_key(s, operator_id))
        return s.default if raw is None else s.type(json.loads(raw))
    row = db.row("SELECT value FROM settings WHERE key = ?", (key,))
    return s.default if row is None else s.type(json.loads(row["value"]))


def set_value(db: Store, actor: Operator, key: str, value: Any) -> Any:
    """Change a station or machine setting (a per-operator one for `actor` only). County
    settings come only from the hub; station settings only a manager changes."""
    s = declared(key)
    value = coerce(s, value)
    if s.scope == COUNTY:
        raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "This setting is decided by the county"))
    if s.scope == MACHINE:
        with db.transaction():
            db.set_local(_local_key(s, actor.id if actor is not None else None), json.dumps(value))
        return value
    if not actor.is_manager:
        raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "Only a manager can change station settings"))
    with db.transaction():
        events.record(db, actor.id, "setting.changed", key, {"value": value}, appliers=APPLY)
    return value


def _changed(db: Store, ev: Event, source: str = STATION) -> None:
    db.execute(
        "INSERT INTO settings (key, value, source) VALUES (?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, source = excluded.source",
        (ev.entity_id, json.dumps(ev.payload["value"]), source),
    )


def _county_changed(db: Store, ev: Event) -> None:
    _changed(db, ev, COUNTY)


APPLY = {"setting.changed": _changed, "county.setting_changed": _county_changed}


LAST_LOGIN = "ui.last_operator"  # machine-local: who logged in last on this PC


def remember_login(db: Store, operator_id: str) -> None:
    """Note who logged in on this PC: the login list starts on them next time."""
    with db.transaction():
        db.set_local(LAST_LOGIN, operator_id)


def last_login(db: Store) -> str | None:
    return db.local(LAST_LOGIN)
