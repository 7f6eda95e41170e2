"""What the UI reads: parcels, SMS notices, consents and expected parcels, and the rows
they are read from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from station_app.clock import parse_iso
from station_app.core.identity import mask_phone
from station_app.core.parcels.moves import STATUSES, WARNINGS
from station_app.core.parcels.waybills import carrier_name
from station_app.db.store import Row
from station_app.i18n import QT_TRANSLATE_NOOP, translate

SMS_QUEUED = QT_TRANSLATE_NOOP("parcels", "SMS waiting: the county sends it after the next sync")
SMS_QUEUED_HERE = QT_TRANSLATE_NOOP("parcels", "SMS waiting for this station's modem")
SMS_SENDING = QT_TRANSLATE_NOOP("parcels", "SMS being sent")
SMS_SENT = QT_TRANSLATE_NOOP("parcels", "SMS sent")
SMS_SENT_HERE = QT_TRANSLATE_NOOP("parcels", "SMS sent by this station's modem")
SMS_FAILED = QT_TRANSLATE_NOOP("parcels", "SMS not sent")
SMS_UNSURE = QT_TRANSLATE_NOOP("parcels", "SMS may not have gone")

_ON_SHELF_SQL = "on_shelf = 1"


@dataclass(frozen=True)
class Parcel:
    id: str
    waybill: str
    carrier: str
    recipient_name: str
    phone: str | None
    phone_tail: str | None
    person_id: str | None
    size: str
    shelf: str | None
    layer: int | None
    pickup_code: str | None
    status: str
    on_shelf: bool
    expected: bool
    dispatched_at: str | None
    arrived_at: str
    notified_at: str | None
    picked_up_at: str | None
    returned_at: str | None
    collector: str | None
    proxy_name: str | None
    exception_kind: str | None
    exception_note: str | None
    photo_path: str | None
    return_reason: str | None
    reminders: int
    warning: str | None
    warning_detail: str | None

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone) if self.phone else (f"****{self.phone_tail}" if self.phone_tail else "")

    @property
    def slot(self) -> str:
        return f"{self.shelf}-{self.layer}" if self.shelf else ""

    @property
    def carrier_name(self) -> str:
        return carrier_name(self.carrier)

    @property
    def status_text(self) -> str:
        return translate("parcels", STATUSES[self.status])

    @property
    def warning_text(self) -> str:
        if not self.warning:
            return ""
        text = translate("parcels", WARNINGS.get(self.warning, WARNINGS["hub"]))
        return f"{text}: {self.warning_detail}" if self.warning_detail else text

    @property
    def collected_by_masked(self) -> str:
        """Who took it over the counter, masked: the person collecting for them, else the recipient."""
        return mask_name(self.proxy_name or self.recipient_name)

    def days_on_shelf(self, now: datetime) -> int:
        return max(0, (now - parse_iso(self.arrived_at)).days)


def mask_name(name: str | None) -> str:
    """A name as said across the counter to someone else: 张桂英 -> 张*英, 张三 -> 张*."""
    n = (name or "").strip()
    if len(n) <= 1:
        return n
    if len(n) == 2:
        return n[0] + "*"
    return n[0] + "*" * (len(n) - 2) + n[-1]


@dataclass(frozen=True)
class Notice:
    """An SMS queued with an event; the county hub's gateway sends it after sync."""

    id: str
    parcel_id: str
    kind: str  # arrival / reminder / new_code
    phone: str | None
    phone_tail: str | None
    text: str
    status: str  # queued / sending / sent / failed / unsure (the last two: the station's own modem)
    queued_at: str
    detail: str = ""  # what the gateway, the county or the modem said (a receipt: delivered or not)
    sent_by: str | None = None  # "station": the station's own modem; else the county hub

    def state_text(self) -> str:
        """What became of the text, for the operator: queued for the county, sent, failed and
        why, unsure (translated)."""
        own = self.sent_by == "station"
        key = {"sent": SMS_SENT_HERE if own else SMS_SENT, "failed": SMS_FAILED, "unsure": SMS_UNSURE,
               "sending": SMS_SENDING}.get(self.status, SMS_QUEUED_HERE if own else SMS_QUEUED)
        text = translate("parcels", key)
        return f"{text}：{self.detail}" if self.detail and self.status in ("failed", "unsure") else text


@dataclass(frozen=True)
class Consent:
    """A recipient's recorded consent to delivery at the station (快递市场管理办法, 2024)."""

    id: str
    person_id: str | None
    phone: str | None
    name: str
    recorded_at: str
    operator_id: str
    note: str


@dataclass(frozen=True)
class ExpectedParcel:
    waybill: str
    carrier: str
    recipient_name: str
    phone_masked: str
    dispatched_at: str | None
    return_requested: bool


def _parcel(r: Row) -> Parcel:
    return Parcel(
        id=r["id"], waybill=r["waybill"], carrier=r["carrier"], recipient_name=r["recipient_name"], phone=r["phone"],
        phone_tail=r["phone_tail"], person_id=r["person_id"], size=r["size"], shelf=r["shelf"], layer=r["layer"],
        pickup_code=r["pickup_code"], status=r["status"], on_shelf=bool(r["on_shelf"]), expected=bool(r["expected"]),
        dispatched_at=r["dispatched_at"], arrived_at=r["arrived_at"], notified_at=r["notified_at"],
        picked_up_at=r["picked_up_at"], returned_at=r["returned_at"], collector=r["collector"],
        proxy_name=r["proxy_name"], exception_kind=r["exception_kind"], exception_note=r["exception_note"],
        photo_path=r["photo_path"], return_reason=r["return_reason"], reminders=r["reminders"],
        warning=r["warning"], warning_detail=r["warning_detail"],
    )


def _notice(r: Row) -> Notice:
    return Notice(r["id"], r["parcel_id"], r["kind"], r["phone"], r["phone_tail"], r["text"], r["status"], r["queued_at"],
                  r["detail"] or "", r["sent_by"])


def _consent(r: Row) -> Consent:
    return Consent(r["id"], r["person_id"], r["phone"], r["name"], r["recorded_at"], r["operator_id"], r["note"])
