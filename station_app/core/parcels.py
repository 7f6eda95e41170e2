"""Parcels in (代收): check-in onto a shelf, SMS notice, hand-over, overdue, returns, exceptions.

A parcel's status moves only along `MOVES`, the one table of transitions. County (hub)
events merge through the same table and never lower a parcel's rank: a county request that
comes too late is kept as a warning on the parcel for a person to see, never dropped.

Times in payloads are the hub-corrected clock (`db.clock.now()`), so the delivery-time
figures (county dispatch -> arrival -> notice -> pickup, against 48 h / 72 h) hold even on a
PC whose own clock is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from station_app.core import events, people, settings, shelves
from station_app.core.clock import SHANGHAI, iso, parse_iso, show
from station_app.core.errors import Conflict, NotFound, ValidationError
from station_app.core.events import Event
from station_app.core.identity import clean_phone, mask_phone
from station_app.core.ids import new_id
from station_app.core.operators import Operator, check_name
from station_app.core.people import get_person
from station_app.core.station import get_station
from station_app.devices.classify import CARRIERS, carrier_guesses
from station_app.i18n import QT_TRANSLATE_NOOP, translate

# -- carriers and waybills --------------------------------------------------------------

_WAYBILL = re.compile(r"^[A-Z0-9]{8,24}(-\d{1,3}-\d{1,3}-?)?$")
_PHONE_LIKE = re.compile(r"^1[3-9]\d{9}$")
_TAIL = re.compile(r"^\d{4}$")


def carrier_name(code: str, lang: str | None = None) -> str:
    return translate("carriers", CARRIERS[code], lang) if code in CARRIERS else code


def guess_carriers(waybill: str) -> list[str]:
    """Carrier codes that could have issued this waybill, most likely first (may be empty).
    The patterns are the scanner's (`devices.classify`); the operator confirms the guess."""
    return [g.carrier for g in carrier_guesses(_plain(waybill))]


def _plain(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split()).upper()


def check_waybill(text: str) -> str:
    """A scanned or typed waybill number, normalised. Raises ValidationError, with a clear
    word when a phone number or a pickup code went into the waybill field."""
    t = _plain(text)
    if shelves.parse_pickup_code(text):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' is a pickup code, not a waybill number"), text=text)
    if _PHONE_LIKE.match(t):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' looks like a phone number: scan the waybill barcode into the waybill field"), text=text)
    if not _WAYBILL.match(t):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Waybill number '{text}' is not valid: 8 to 24 letters and digits"), text=text)
    return t


def check_carrier(code: str | None) -> str:
    c = _plain(code)
    if c and c not in CARRIERS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown carrier {carrier}"), carrier=code)
    return c


def check_phone_field(text: str | None) -> str | None:
    """The phone typed for a recipient; a waybill scanned into this field is called out."""
    if not text or not text.strip():
        return None
    t = _plain(text)
    if not _PHONE_LIKE.match(t.removeprefix("+86")) and (guess_carriers(t) or re.match(r"^[A-Z0-9]{12,}$", t)):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' looks like a waybill number, not a phone number: scan it into the waybill field"), text=text)
    return clean_phone(text)


def _tail_field(text: str | None) -> str | None:
    if not text or not text.strip():
        return None
    t = _plain(text)
    if not _TAIL.match(t):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The phone tail is the last 4 digits of the phone number"))
    return t


# -- status: the one table of transitions -------------------------------------------------

EXPECTED, ARRIVED, NOTIFIED, RETURN_REQUESTED = "expected", "arrived", "notified", "return_requested"
EXCEPTION, PICKED_UP, RETURNED = "exception", "picked_up", "returned"
STATUSES: dict[str, str] = {
    EXPECTED: QT_TRANSLATE_NOOP("parcels", "On its way"),
    ARRIVED: QT_TRANSLATE_NOOP("parcels", "On the shelf"),
    NOTIFIED: QT_TRANSLATE_NOOP("parcels", "On the shelf, SMS sent"),
    RETURN_REQUESTED: QT_TRANSLATE_NOOP("parcels", "To be returned"),
    EXCEPTION: QT_TRANSLATE_NOOP("parcels", "Problem parcel"),
    PICKED_UP: QT_TRANSLATE_NOOP("parcels", "Picked up"),
    RETURNED: QT_TRANSLATE_NOOP("parcels", "Returned"),
}
# county (hub) events may only move a parcel to a higher rank
RANK = {EXPECTED: 0, ARRIVED: 1, NOTIFIED: 2, RETURN_REQUESTED: 3, EXCEPTION: 4, PICKED_UP: 5, RETURNED: 5}
# action -> (statuses it may start from, status it leads to); "" = no parcel on record yet
MOVES: dict[str, tuple[frozenset[str], str]] = {
    "check_in": (frozenset({"", EXPECTED}), ARRIVED),  # NOTIFIED when an SMS is queued with it
    "notify": (frozenset({ARRIVED, NOTIFIED}), NOTIFIED),
    "hand_over": (frozenset({ARRIVED, NOTIFIED, EXCEPTION}), PICKED_UP),  # not lost or refused
    "return": (frozenset({ARRIVED, NOTIFIED, RETURN_REQUESTED, EXCEPTION}), RETURNED),  # not lost
    "exception": (frozenset({ARRIVED, NOTIFIED, RETURN_REQUESTED, EXCEPTION}), EXCEPTION),  # not lost
    "reshelve": (frozenset({PICKED_UP, RETURNED, EXCEPTION}), ARRIVED),  # stock-take: it is here after all
    "county_return": (frozenset({EXPECTED, ARRIVED, NOTIFIED}), RETURN_REQUESTED),
}
EXCEPTION_KINDS: dict[str, str] = {
    "damaged": QT_TRANSLATE_NOOP("parcels", "Damaged"),
    "lost": QT_TRANSLATE_NOOP("parcels", "Lost"),
    "wrong_address": QT_TRANSLATE_NOOP("parcels", "Wrong address"),
    "refused": QT_TRANSLATE_NOOP("parcels", "Refused by the recipient"),
}
RETURN_REASONS: dict[str, str] = {
    "overdue": QT_TRANSLATE_NOOP("parcels", "Not collected in time"),
    "refused": QT_TRANSLATE_NOOP("parcels", "Refused by the recipient"),
    "wrong_address": QT_TRANSLATE_NOOP("parcels", "Wrong address"),
    "damaged": QT_TRANSLATE_NOOP("parcels", "Damaged"),
    "county_requested": QT_TRANSLATE_NOOP("parcels", "The county asked for it back"),
    "other": QT_TRANSLATE_NOOP("parcels", "Other"),
}
WARNINGS: dict[str, str] = {
    "other_station": QT_TRANSLATE_NOOP("parcels", "The county says this parcel belongs to another station"),
    "late_return_request": QT_TRANSLATE_NOOP("parcels", "The county asked for it back after it had left the shelf"),
    "hub": QT_TRANSLATE_NOOP("parcels", "The county flagged this parcel"),
}
SELF, PROXY = "self", "proxy"
COLLECTORS = {SELF: QT_TRANSLATE_NOOP("parcels", "Recipient"), PROXY: QT_TRANSLATE_NOOP("parcels", "Someone else for them")}
VERIFIED_BY = {
    "code": QT_TRANSLATE_NOOP("parcels", "Pickup code"),
    "phone_tail": QT_TRANSLATE_NOOP("parcels", "Phone tail"),
    "phone": QT_TRANSLATE_NOOP("parcels", "Phone number"),
    "waybill": QT_TRANSLATE_NOOP("parcels", "Waybill"),
    "name": QT_TRANSLATE_NOOP("parcels", "Name"),
    "person": QT_TRANSLATE_NOOP("parcels", "Identity QR code"),
    "order": QT_TRANSLATE_NOOP("parcels", "Proxy order slip"),
}
_ON_SHELF_SQL = "on_shelf = 1"


def can(action: str, status: str, exception_kind: str | None = None) -> bool:
    """Whether `action` may start from `status` (the MOVES table plus the exception kind)."""
    starts, _ = MOVES[action]
    if status not in starts:
        return False
    if status == EXCEPTION:
        if action == "hand_over":
            return exception_kind in ("damaged", "wrong_address")
        if action == "reshelve":
            return exception_kind == "lost"
        return exception_kind != "lost"
    return True


def county_may(action: str, status: str) -> bool:
    """A county (hub) move applies only where the table allows it and it raises the rank."""
    return can(action, status) and RANK[MOVES[action][1]] > RANK[status]


# -- what the UI reads ---------------------------------------------------------------------


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

    def days_on_shelf(self, now: datetime) -> int:
        return max(0, (now - parse_iso(self.arrived_at)).days)


@dataclass(frozen=True)
class Notice:
    """An SMS queued with an event; the county hub's gateway sends it after sync."""

    id: str
    parcel_id: str
    kind: str  # arrival / reminder / new_code
    phone: str | None
    phone_tail: str | None
    text: str
    status: str  # queued / sent / failed
    queued_at: str


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
class CheckIn:
    parcel: Parcel
    expected_match: bool
    notice: Notice | None
    consent: Consent | None
    warnings: tuple[str, ...] = ()

    @property
    def parcel_id(self) -> str:
        return self.parcel.id

    @property
    def pickup_code(self) -> str:
        return self.parcel.pickup_code or ""

    @property
    def slot(self) -> str:
        return self.parcel.slot


@dataclass(frozen=True)
class HandOver:
    parcels: list[Parcel]
    collector: str
    proxy_name: str | None
    at: str
    consents: list[Consent]


@dataclass(frozen=True)
class Overdue:
    parcel: Parcel
    days: int
    return_due: bool


@dataclass(frozen=True)
class ExpectedParcel:
    waybill: str
    carrier: str
    recipient_name: str
    phone_masked: str
    dispatched_at: str | None
    return_requested: bool


def _parcel(r: Any) -> Parcel:
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


def _notice(r: Any) -> Notice:
    return Notice(r["id"], r["parcel_id"], r["kind"], r["phone"], r["phone_tail"], r["text"], r["status"], r["queued_at"])


def _consent(r: Any) -> Consent:
    return Consent(r["id"], r["person_id"], r["phone"], r["name"], r["recorded_at"], r["operator_id"], r["note"])


def get_parcel(db: Any, parcel_id: str) -> Parcel:
    r = db.row("SELECT * FROM parcels WHERE id = ?", (parcel_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such parcel"))
    return _parcel(r)


# -- lookups (hand-over counter) -------------------------------------------------------------


def find_by_code(db: Any, code: str) -> Parcel:
    """The parcel on the shelf with this pickup code. Raises ValidationError or NotFound."""
    c = shelves.parse_pickup_code(code)
    if c is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{code}' is not a pickup code: it looks like 3-5-6075"), code=code)
    r = db.row(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND pickup_code = ?", (c,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No parcel on the shelf has pickup code {code}"), code=c)
    return _parcel(r)


def find_by_phone_tail(db: Any, tail: str) -> list[Parcel]:
    t = _tail_field(tail)
    return [_parcel(r) for r in db.rows(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND phone_tail = ? ORDER BY arrived_at", (t,))]


def find_by_phone(db: Any, phone: str) -> list[Parcel]:
    p = clean_phone(phone)
    return [_parcel(r) for r in db.rows(
        f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND (phone = ? OR (phone IS NULL AND phone_tail = ?)) ORDER BY arrived_at",
        (p, p[-4:]))]


def find_by_waybill(db: Any, waybill: str, *, on_shelf_only: bool = False) -> list[Parcel]:
    """Parcels with this waybill, newest first (history included unless `on_shelf_only`)."""
    w = check_waybill(waybill)
    rows = db.rows("SELECT * FROM parcels WHERE waybill = ? ORDER BY arrived_at DESC", (w,))
    return [_parcel(r) for r in rows if r["on_shelf"] or not on_shelf_only]


def find_by_name(db: Any, name: str) -> list[Parcel]:
    q = " ".join((name or "").split())
    if not q:
        return []
    return [_parcel(r) for r in db.rows(
        f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND instr(recipient_name, ?) > 0 ORDER BY arrived_at", (q,))]


def find_for_person(db: Any, person_id: str) -> list[Parcel]:
    """Parcels on the shelf for a registered villager (identity QR): linked ones and those to their phone."""
    person = get_person(db, person_id)
    rows = db.rows(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND person_id = ? ORDER BY arrived_at", (person_id,))
    found = {r["id"]: _parcel(r) for r in rows}
    if person.phone:
        for p in find_by_phone(db, person.phone):
            found.setdefault(p.id, p)
    return sorted(found.values(), key=lambda p: p.arrived_at)


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def find_parcels(db: Any, text: str) -> tuple[str, list[Parcel]]:
    """One search box for the hand-over counter: guesses what was typed or scanned (pickup
    code, phone tail, phone, person id, waybill, name) and returns (how, parcels on the shelf)."""
    raw = (text or "").strip()
    t = _plain(raw)
    if shelves.parse_pickup_code(raw):
        try:
            return "code", [find_by_code(db, raw)]
        except NotFound:
            return "code", []
    if _TAIL.match(t):
        return "phone_tail", find_by_phone_tail(db, t)
    if _PHONE_LIKE.match(t.removeprefix("+86")):
        return "phone", find_by_phone(db, t)
    if _UUID.match(raw.lower()):
        try:
            return "person", find_for_person(db, raw.lower())
        except NotFound:
            return "person", []
    if _WAYBILL.match(t) and any(ch.isdigit() for ch in t):
        return "waybill", find_by_waybill(db, t, on_shelf_only=True)
    return "name", find_by_name(db, raw)


def row_for_code(db: Any, text: str) -> Any:
    """The parcel row a stock-take scan means: on the shelf by pickup code, else newest by waybill."""
    if shelves.parse_pickup_code(text):
        return db.row(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND pickup_code = ?", (text,))
    return db.row("SELECT * FROM parcels WHERE waybill = ? ORDER BY arrived_at DESC LIMIT 1", (text,))


def expected_parcels(db: Any, limit: int = 500) -> list[ExpectedParcel]:
    """Parcels the county manifest says are on their way and not yet checked in."""
    return [ExpectedParcel(r["waybill"], r["carrier"], r["recipient_name"],
                           mask_phone(r["phone"]) if r["phone"] else (f"****{r['phone_tail']}" if r["phone_tail"] else ""),
                           r["dispatched_at"], bool(r["return_requested"]))
            for r in db.rows("SELECT * FROM parcels_expected WHERE parcel_id IS NULL ORDER BY dispatched_at LIMIT ?", (limit,))]


def on_shelf(db: Any) -> list[Parcel]:
    return [_parcel(r) for r in db.rows(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} ORDER BY shelf, layer, serial")]


def queued_notices(db: Any, limit: int = 1000) -> list[Notice]:
    return [_notice(r) for r in db.rows("SELECT * FROM parcel_notices WHERE status = 'queued' ORDER BY queued_at LIMIT ?", (limit,))]


def notices_for(db: Any, parcel_id: str) -> list[Notice]:
    return [_notice(r) for r in db.rows("SELECT * FROM parcel_notices WHERE parcel_id = ? ORDER BY queued_at", (parcel_id,))]


def consent_for(db: Any, *, person_id: str | None = None, phone: str | None = None) -> Consent | None:
    """The recorded consent of a person (by registry id, else by phone), or None."""
    r = None
    if person_id:
        r = db.row("SELECT * FROM delivery_consents WHERE person_id = ?", (person_id,))
    if r is None and phone:
        r = db.row("SELECT * FROM delivery_consents WHERE phone = ? ORDER BY recorded_at LIMIT 1", (phone,))
    return _consent(r) if r else None


# -- SMS text (always Chinese: it goes to villagers whatever the screen language) ------------

ARRIVAL_SMS = QT_TRANSLATE_NOOP("sms", "[{station}] Your {carrier} parcel has arrived. Pickup code {code}. Open {hours}{tel}")
REMINDER_SMS = QT_TRANSLATE_NOOP("sms", "[{station}] Your parcel has waited {days} days. Please collect it soon with pickup code {code}. Open {hours}{tel}")
NEW_CODE_SMS = QT_TRANSLATE_NOOP("sms", "[{station}] Your parcel has a new pickup code {code}. Open {hours}{tel}")
TEL = QT_TRANSLATE_NOOP("sms", ", tel {phone}")
SMS_LANG = "zh_CN"


def sms_text(db: Any, template: str, **params: Any) -> str:
    station = get_station(db)
    phone = settings.get(db, "station.phone")
    tel = translate("sms", TEL, SMS_LANG).format(phone=phone) if phone else ""
    return translate("sms", template, SMS_LANG).format(
        station=station.name if station else "", hours=settings.get(db, "station.opening_hours"), tel=tel, **params)


def _new_notice(db: Any, kind: str, phone: str | None, tail: str | None, template: str, **params: Any) -> dict[str, Any] | None:
    if not (phone or tail) or not settings.get(db, "parcels.sms_notice"):
        return None
    return {"id": new_id(), "kind": kind, "phone": phone, "phone_tail": tail, "text": sms_text(db, template, **params)}


# -- actions ---------------------------------------------------------------------------------


def check_in_parcel(db: Any, actor: Operator, *, waybill: str, carrier: str | None = None, phone: str | None = None,
                    phone_tail: str | None = None, name: str | None = None, person_id: str | None = None,
                    size: str = shelves.SMALL, shelf: str | int | None = None) -> CheckIn:
    """Put an arriving parcel on a shelf, give it a pickup code and queue the arrival SMS.

    The recipient comes from what was typed, the registry (person id, or a phone that matches
    exactly one person) and the county manifest. Raises ValidationError (waybill, phone, tail,
    size, no recipient), Conflict (same waybill on record, shelf full), NotFound (person, shelf).
    """
    waybill = check_waybill(waybill)
    carrier = check_carrier(carrier)
    phone = check_phone_field(phone)
    tail = _tail_field(phone_tail)
    size = shelves.check_size(size)
    typed_name = check_name(name) if name and name.strip() else None
    if phone and tail and phone[-4:] != tail:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The phone tail {tail} does not match the phone number"), tail=tail)
    parcel_id = new_id()
    warnings: list[str] = []
    with db.transaction():
        same = db.row("SELECT * FROM parcels WHERE waybill = ? AND status != ? ORDER BY arrived_at DESC LIMIT 1", (waybill, RETURNED))
        if same:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Waybill {waybill} is already checked in ({status}, pickup code {code}, {time})"),
                           waybill=waybill, status=translate("parcels", STATUSES[same["status"]]), code=same["pickup_code"],
                           time=show(same["arrived_at"]))
        exp = db.row("SELECT * FROM parcels_expected WHERE waybill = ?", (waybill,))
        person = get_person(db, person_id) if person_id else None
        if person is None and phone:
            matches = people.find_by_phone(db, phone)
            person = matches[0] if len(matches) == 1 else None
        phone = phone or (person.phone if person else None) or (exp["phone"] if exp and not tail else None)
        tail = (phone[-4:] if phone else None) or tail or (exp["phone_tail"] if exp else None)
        recipient = typed_name or (person.name if person else "") or (exp["recipient_name"] if exp else "")
        if not (phone or tail or recipient):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Who is it for? Type the phone number, its last 4 digits or a name"))
        carrier = carrier or (exp["carrier"] if exp and exp["carrier"] in CARRIERS else "") or next(iter(guess_carriers(waybill)), "")
        layer = shelves.choose_slot(db, size, shelf)
        serial = shelves.choose_serial(db, layer.shelf, waybill)
        code = shelves.pickup_code(layer.shelf, layer.layer, serial)
        status, notice = ARRIVED, None
        if exp and exp["return_requested"]:
            status = RETURN_REQUESTED
            warnings.append(translate("parcels", RETURN_ASKED))
        else:
            notice = _new_notice(db, "arrival", phone, tail, ARRIVAL_SMS, carrier=carrier_name(carrier, SMS_LANG), code=code)
            status = NOTIFIED if notice else ARRIVED
        payload = {
            "waybill": waybill, "carrier": carrier, "recipient_name": recipient, "phone": phone, "phone_tail": tail,
            "person_id": person.id if person else None, "size": size, "shelf": layer.shelf, "layer": layer.layer,
            "serial": serial, "pickup_code": code, "status": status, "at": iso(db.clock.now()),
            "dispatched_at": exp["dispatched_at"] if exp else None, "expected": exp is not None, "notice": notice,
        }
        events.record(db, actor.id, "parcel.checked_in", parcel_id, payload)
        consent = consent_for(db, person_id=person.id if person else None, phone=phone)
    return CheckIn(get_parcel(db, parcel_id), exp is not None,
                   _notice(db.row("SELECT * FROM parcel_notices WHERE id = ?", (notice["id"],))) if notice else None,
                   consent, tuple(warnings))


RETURN_ASKED = QT_TRANSLATE_NOOP("parcels", "The county asked for this parcel to be returned: keep it apart and return it")


def require_move(db: Any, parcel_id: str | None, action: str) -> Any:
    """The parcel row, if `action` may happen to it now. Raises NotFound or Conflict saying why not."""
    r = db.row("SELECT * FROM parcels WHERE id = ?", (parcel_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such parcel"))
    if can(action, r["status"], r["exception_kind"]):
        return r
    code = r["pickup_code"] or r["waybill"]
    if r["status"] == PICKED_UP:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {code} was already handed over on {time}"), code=code, time=show(r["picked_up_at"]))
    if r["status"] == RETURNED:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {code} was returned on {time}"), code=code, time=show(r["returned_at"]))
    if r["status"] == RETURN_REQUESTED:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "The county asked for parcel {code} to be returned: do not hand it over"), code=code)
    if r["status"] == EXCEPTION:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {code} is a problem parcel ({kind})"), code=code,
                       kind=translate("parcels", EXCEPTION_KINDS.get(r["exception_kind"], "")))
    raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {code} is {status}: this cannot be done now"), code=code,
                   status=translate("parcels", STATUSES[r["status"]]))


def hand_over(db: Any, actor: Operator, *, parcel_ids: list[str], collector: str = SELF, proxy_name: str | None = None,
              verified_by: str = "code", consent: bool = False, consent_note: str = "") -> HandOver:
    """Hand one or more parcels over the counter in one action (出库).

    `collector` is 'self' or 'proxy' (then `proxy_name` is required); `verified_by` says how the
    parcels were found. With `consent`, the recipients' consent to station delivery is recorded
    (once per person). Raises ValidationError, NotFound, Conflict (e.g. handed over already).
    """
    ids = list(dict.fromkeys(parcel_ids))
    if not ids:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose at least one parcel to hand over"))
    if collector not in COLLECTORS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown collector {collector}"), collector=collector)
    if verified_by not in VERIFIED_BY:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown way of finding a parcel: {how}"), how=verified_by)
    proxy = check_name(proxy_name or "") if collector == PROXY else None
    with db.transaction():
        rows = [require_move(db, pid, "hand_over") for pid in ids]
        for r in rows:
            order = db.row("SELECT number FROM proxy_orders WHERE parcel_id = ? AND status = 'arrived'", (r["id"],))
            if order and verified_by != "order":
                raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {waybill} holds proxy order {number}: hand it over with "
                                                           "the order, where the balance is paid (F4, Ctrl+5)"),
                               waybill=r["waybill"], number=order["number"])
        at = iso(db.clock.now())
        for r in rows:
            events.record(db, actor.id, "parcel.picked_up", r["id"],
                          {"at": at, "collector": collector, "proxy_name": proxy, "verified_by": verified_by})
        consents: list[Consent] = []
        if consent:
            for r in rows:
                if (r["person_id"] or r["phone"]) and consent_for(db, person_id=r["person_id"], phone=r["phone"]) is None:
                    _record_consent(db, actor, person_id=r["person_id"], phone=r["phone"], name=r["recipient_name"], note=consent_note)
        for r in rows:
            c = consent_for(db, person_id=r["person_id"], phone=r["phone"])
            if c and c not in consents:
                consents.append(c)
    return HandOver([get_parcel(db, pid) for pid in ids], collector, proxy, at, consents)


def _record_consent(db: Any, actor: Operator, *, person_id: str | None, phone: str | None, name: str, note: str) -> str:
    consent_id = new_id()
    events.record(db, actor.id, "parcel.consent_recorded", consent_id,
                  {"person_id": person_id, "phone": phone, "name": name, "note": note.strip()[:200], "at": iso(db.clock.now())})
    return consent_id


def record_consent(db: Any, actor: Operator, *, person_id: str | None = None, phone: str | None = None,
                   name: str = "", note: str = "") -> Consent:
    """Record once that a villager agrees to have parcels delivered to the station.

    Returns the existing record when there is one. Raises ValidationError, NotFound (person)."""
    p = clean_phone(phone) if phone and phone.strip() else None
    person = get_person(db, person_id) if person_id else None
    if person is None and p is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose the person or type their phone number"))
    with db.transaction():
        existing = consent_for(db, person_id=person.id if person else None, phone=p or (person.phone if person else None))
        if existing:
            return existing
        _record_consent(db, actor, person_id=person.id if person else None, phone=p or (person.phone if person else None),
                        name=person.name if person else " ".join(name.split()), note=note)
        found = consent_for(db, person_id=person.id if person else None, phone=p)
    assert found is not None
    return found


def overdue_parcels(db: Any) -> list[Overdue]:
    """Parcels on the shelf longer than `parcels.overdue_days`, oldest first; `return_due` past
    `parcels.return_days`."""
    now = db.clock.now()
    overdue, back = settings.get(db, "parcels.overdue_days"), settings.get(db, "parcels.return_days")
    cutoff = iso(now - timedelta(days=overdue))
    rows = db.rows(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND arrived_at <= ? ORDER BY arrived_at", (cutoff,))
    out = []
    for r in rows:
        p = _parcel(r)
        days = p.days_on_shelf(now)
        out.append(Overdue(p, days, days >= back))
    return out


def parcels_to_return(db: Any) -> list[Parcel]:
    """On the shelf and due to go back: asked for by the county, refused, wrong address, or past return_days."""
    due = {o.parcel.id: o.parcel for o in overdue_parcels(db) if o.return_due}
    for r in db.rows(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND (status = ? OR exception_kind IN ('refused', 'wrong_address'))",
                     (RETURN_REQUESTED,)):
        due.setdefault(r["id"], _parcel(r))
    return sorted(due.values(), key=lambda p: p.arrived_at)


def send_reminders(db: Any, actor: Operator, *, parcel_ids: list[str]) -> list[Notice]:
    """Queue a reminder SMS for each parcel still on the shelf that has a phone (or tail)."""
    now = db.clock.now()
    ids: list[str] = []
    with db.transaction():
        for pid in dict.fromkeys(parcel_ids):
            r = db.row("SELECT * FROM parcels WHERE id = ?", (pid,))
            if r is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "No such parcel"))
            if not r["on_shelf"]:
                raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {code} is no longer on the shelf"), code=r["pickup_code"] or r["waybill"])
            notice = _new_notice(db, "reminder", r["phone"], r["phone_tail"], REMINDER_SMS, code=r["pickup_code"],
                                 days=_parcel(r).days_on_shelf(now))
            if notice:
                events.record(db, actor.id, "parcel.reminded", pid, {"at": iso(now), "notice": notice})
                ids.append(notice["id"])
    return [_notice(db.row("SELECT * FROM parcel_notices WHERE id = ?", (i,))) for i in ids]


def return_parcel(db: Any, actor: Operator, *, parcel_id: str, reason: str, note: str = "") -> Parcel:
    """Send a parcel back to its carrier (退件). Raises ValidationError, NotFound, Conflict."""
    if reason not in RETURN_REASONS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown return reason {reason}"), reason=reason)
    with db.transaction():
        require_move(db, parcel_id, "return")
        events.record(db, actor.id, "parcel.returned", parcel_id, {"reason": reason, "note": note.strip()[:200], "at": iso(db.clock.now())})
    return get_parcel(db, parcel_id)


def record_exception(db: Any, actor: Operator, *, parcel_id: str, kind: str, note: str = "", photo_path: str | None = None) -> Parcel:
    """Mark a problem parcel (damaged, lost, wrong address, refused), with an optional photo file."""
    if kind not in EXCEPTION_KINDS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown kind of problem {kind}"), kind=kind)
    with db.transaction():
        require_move(db, parcel_id, "exception")
        events.record(db, actor.id, "parcel.exception", parcel_id,
                      {"kind": kind, "note": note.strip()[:500], "photo_path": photo_path or None, "at": iso(db.clock.now())})
    return get_parcel(db, parcel_id)


def reshelve_plan(db: Any, parcel_id: str) -> dict[str, Any]:
    """Where a parcel found during a stock-take goes back: its old slot and code when free,
    else a new slot and code (and an SMS with the new code). Inside a transaction."""
    r = require_move(db, parcel_id, "reshelve")
    old = next((u for u in shelves.usage(db) if (u.layer.shelf, u.layer.layer) == (r["shelf"], r["layer"])), None)
    layer = old.layer if old and old.free > 0 else shelves.choose_slot(db, r["size"])
    serial = shelves.choose_serial(db, layer.shelf, r["waybill"], keep=r["serial"] if layer.shelf == r["shelf"] else None)
    code = shelves.pickup_code(layer.shelf, layer.layer, serial)
    notice = None if code == r["pickup_code"] else _new_notice(db, "new_code", r["phone"], r["phone_tail"], NEW_CODE_SMS, code=code)
    return {"shelf": layer.shelf, "layer": layer.layer, "serial": serial, "pickup_code": code,
            "status": NOTIFIED if (notice or r["notified_at"]) else ARRIVED, "notice": notice}


# -- daily figures and delivery times (for the reports) -----------------------------------------


@dataclass(frozen=True)
class DayFigures:
    day: date
    checked_in: int
    picked_up: int
    returned: int
    exceptions: int
    became_overdue: int  # still on the shelf `parcels.overdue_days` after arriving, counted on that day
    on_shelf_now: int
    overdue_now: int
    outbound_taken: int
    outbound_farm_out_of_county: int
    outbound_fees_fen: int
    outbound_handed_to_courier: int


@dataclass(frozen=True)
class DeliveryTimes:
    arrived: int
    with_dispatch_time: int
    within_48h: int
    within_72h: int
    target_hours: int  # the county's target (setting parcels.delivery_target_hours)
    within_target: int
    median_hours: float | None
    median_wait_hours: float | None  # arrival to pickup


def day_bounds(day: date) -> tuple[str, str]:
    start = datetime.combine(day, time(0), SHANGHAI)
    return iso(start), iso(start + timedelta(days=1))


def daily_figures(db: Any, day: date) -> DayFigures:
    """Counts for one local (Shanghai) day: in, out, picked up, overdue, returned, outbound."""
    a, b = day_bounds(day)
    n = settings.get(db, "parcels.overdue_days")

    def count(sql: str, *params: Any) -> int:
        return int(db.value(sql, params, default=0))

    first, last = day_bounds(day - timedelta(days=n))
    became = 0
    for r in db.rows("SELECT arrived_at, picked_up_at, returned_at, exception_at, on_shelf FROM parcels WHERE arrived_at >= ? AND arrived_at < ?",
                     (first, last)):
        due = iso(parse_iso(r["arrived_at"]) + timedelta(days=n))
        left = r["picked_up_at"] or r["returned_at"] or (r["exception_at"] if not r["on_shelf"] else None)
        became += left is None or left >= due
    return DayFigures(
        day=day,
        checked_in=count("SELECT count(*) FROM parcels WHERE arrived_at >= ? AND arrived_at < ?", a, b),
        picked_up=count("SELECT count(*) FROM parcels WHERE picked_up_at >= ? AND picked_up_at < ?", a, b),
        returned=count("SELECT count(*) FROM parcels WHERE returned_at >= ? AND returned_at < ?", a, b),
        exceptions=count("SELECT count(*) FROM parcels WHERE exception_at >= ? AND exception_at < ?", a, b),
        became_overdue=became,
        on_shelf_now=count(f"SELECT count(*) FROM parcels WHERE {_ON_SHELF_SQL}"),
        overdue_now=len(overdue_parcels(db)),
        outbound_taken=count("SELECT count(*) FROM outbound_parcels WHERE taken_at >= ? AND taken_at < ? AND status != 'cancelled'", a, b),
        outbound_farm_out_of_county=count(
            "SELECT count(*) FROM outbound_parcels WHERE taken_at >= ? AND taken_at < ? AND status != 'cancelled' "
            "AND farm_produce = 1 AND out_of_county = 1", a, b),
        outbound_fees_fen=count("SELECT sum(fee_fen) FROM outbound_parcels WHERE taken_at >= ? AND taken_at < ? AND status != 'cancelled'", a, b),
        outbound_handed_to_courier=count("SELECT count(*) FROM outbound_parcels WHERE handed_over_at >= ? AND handed_over_at < ?", a, b),
    )


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    v = sorted(values)
    mid = len(v) // 2
    return round(v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2, 1)


def delivery_times(db: Any, first_day: date, last_day: date) -> DeliveryTimes:
    """County dispatch to arrival for parcels that arrived in the days given, against 48 h / 72 h."""
    a, _ = day_bounds(first_day)
    _, b = day_bounds(last_day)
    hours, waits = [], []
    rows = db.rows("SELECT dispatched_at, arrived_at, picked_up_at FROM parcels WHERE arrived_at >= ? AND arrived_at < ?", (a, b))
    for r in rows:
        if r["dispatched_at"]:
            hours.append((parse_iso(r["arrived_at"]) - parse_iso(r["dispatched_at"])).total_seconds() / 3600)
        if r["picked_up_at"]:
            waits.append((parse_iso(r["picked_up_at"]) - parse_iso(r["arrived_at"])).total_seconds() / 3600)
    target = settings.get(db, "parcels.delivery_target_hours")
    return DeliveryTimes(len(rows), len(hours), sum(h <= 48 for h in hours), sum(h <= 72 for h in hours), target,
                         sum(h <= target for h in hours), _median(hours), _median(waits))


# -- appliers ----------------------------------------------------------------------------------


def _insert_notice(db: Any, parcel_id: str, notice: dict[str, Any] | None, at: str) -> None:
    if notice:
        db.insert("parcel_notices", {**notice, "parcel_id": parcel_id, "status": "queued", "queued_at": at})


def _checked_in(db: Any, ev: Event) -> None:
    p = ev.payload
    db.insert("parcels", {
        "id": ev.entity_id, "waybill": p["waybill"], "carrier": p["carrier"], "recipient_name": p["recipient_name"],
        "phone": p["phone"], "phone_tail": p["phone_tail"], "person_id": p["person_id"], "size": p["size"],
        "shelf": p["shelf"], "layer": p["layer"], "serial": p["serial"], "pickup_code": p["pickup_code"],
        "status": p["status"], "on_shelf": 1, "expected": int(p["expected"]), "dispatched_at": p["dispatched_at"],
        "arrived_at": p["at"], "notified_at": p["at"] if p["notice"] else None, "checked_in_by": ev.operator_id,
        "return_reason": "county_requested" if p["status"] == RETURN_REQUESTED else None,
    })
    _insert_notice(db, ev.entity_id, p["notice"], p["at"])
    if p["expected"]:
        db.execute("UPDATE parcels_expected SET parcel_id = ? WHERE waybill = ?", (ev.entity_id, p["waybill"]))


def _picked_up(db: Any, ev: Event) -> None:
    p = ev.payload
    db.update("parcels", {"id": ev.entity_id}, {"status": PICKED_UP, "on_shelf": 0, "picked_up_at": p["at"],
                                                "collector": p["collector"], "proxy_name": p["proxy_name"],
                                                "verified_by": p["verified_by"], "closed_by": ev.operator_id})


def _consent_recorded(db: Any, ev: Event) -> None:
    p = ev.payload
    db.insert("delivery_consents", {"id": ev.entity_id, "person_id": p["person_id"], "phone": p["phone"], "name": p["name"],
                                    "note": p["note"], "recorded_at": p["at"], "operator_id": ev.operator_id})


def _reminded(db: Any, ev: Event) -> None:
    p = ev.payload
    _insert_notice(db, ev.entity_id, p["notice"], p["at"])
    db.execute("UPDATE parcels SET reminders = reminders + 1, last_reminded_at = ? WHERE id = ?", (p["at"], ev.entity_id))


def _returned(db: Any, ev: Event) -> None:
    p = ev.payload
    db.update("parcels", {"id": ev.entity_id}, {"status": RETURNED, "on_shelf": 0, "returned_at": p["at"],
                                                "return_reason": p["reason"], "return_note": p["note"],
                                                "closed_by": ev.operator_id})


def apply_exception(db: Any, parcel_id: str, *, kind: str, note: str, photo_path: str | None, at: str, operator_id: str) -> None:
    values: dict[str, Any] = {"status": EXCEPTION, "exception_kind": kind, "exception_note": note, "exception_at": at}
    if photo_path:
        values["photo_path"] = photo_path
    if kind == "lost":
        values.update(on_shelf=0, closed_by=operator_id)
    db.update("parcels", {"id": parcel_id}, values)


def _exception(db: Any, ev: Event) -> None:
    p = ev.payload
    apply_exception(db, ev.entity_id, kind=p["kind"], note=p["note"], photo_path=p["photo_path"], at=p["at"], operator_id=ev.operator_id)


def apply_reshelve(db: Any, parcel_id: str, plan: dict[str, Any], *, at: str) -> None:
    db.update("parcels", {"id": parcel_id}, {
        "shelf": plan["shelf"], "layer": plan["layer"], "serial": plan["serial"], "pickup_code": plan["pickup_code"],
        "status": plan["status"], "on_shelf": 1, "picked_up_at": None, "returned_at": None, "collector": None,
        "proxy_name": None, "verified_by": None, "exception_kind": None, "exception_at": None, "closed_by": None,
    })
    if plan["notice"]:
        _insert_notice(db, parcel_id, plan["notice"], at)
        db.update("parcels", {"id": parcel_id}, {"notified_at": at})


# county (hub) events: tolerant of missing fields, since a refused hub event would stall sync


def _latest(db: Any, waybill: str) -> Any:
    return db.row("SELECT * FROM parcels WHERE waybill = ? ORDER BY arrived_at DESC LIMIT 1", (waybill,))


def _county_expected(db: Any, ev: Event) -> None:
    p = ev.payload
    waybill = _plain(p.get("waybill"))
    phone = p.get("phone") or None
    tail = (phone[-4:] if phone else None) or p.get("phone_tail") or None
    parcel = _latest(db, waybill)
    db.execute(
        """INSERT INTO parcels_expected (waybill, hub_ref, carrier, recipient_name, phone, phone_tail, dispatched_at, received_at, parcel_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(waybill) DO UPDATE SET hub_ref = excluded.hub_ref,
           carrier = excluded.carrier, recipient_name = excluded.recipient_name, phone = excluded.phone,
           phone_tail = excluded.phone_tail, dispatched_at = excluded.dispatched_at""",
        (waybill, ev.entity_id, _plain(p.get("carrier")), p.get("recipient_name") or p.get("name") or "", phone, tail,
         p.get("dispatched_at"), ev.station_time, parcel["id"] if parcel else None))
    if parcel and not parcel["dispatched_at"]:  # the manifest came after the parcel: keep its dispatch time
        db.update("parcels", {"id": parcel["id"]}, {"dispatched_at": p.get("dispatched_at"), "expected": 1})


def _county_return_requested(db: Any, ev: Event) -> None:
    p = ev.payload
    waybill = _plain(p.get("waybill"))
    parcel = _latest(db, waybill)
    if parcel is None:
        db.execute("INSERT INTO parcels_expected (waybill, hub_ref, received_at) VALUES (?, ?, ?) ON CONFLICT(waybill) DO NOTHING",
                   (waybill, ev.entity_id, ev.station_time))
        db.execute("UPDATE parcels_expected SET return_requested = 1, return_reason = ? WHERE waybill = ?", (p.get("reason") or "", waybill))
    elif county_may("county_return", parcel["status"]):
        db.update("parcels", {"id": parcel["id"]}, {"status": RETURN_REQUESTED, "return_reason": "county_requested",
                                                    "return_note": p.get("reason") or ""})
    elif parcel["status"] != RETURN_REQUESTED:
        db.update("parcels", {"id": parcel["id"]}, {"warning": "late_return_request", "warning_detail": p.get("reason") or ""})


def _county_flagged(db: Any, ev: Event) -> None:
    p = ev.payload
    parcel = _latest(db, _plain(p.get("waybill")))
    if parcel:
        code = None if p.get("cleared") else (p.get("code") if p.get("code") in WARNINGS else "hub")
        db.update("parcels", {"id": parcel["id"]}, {"warning": code, "warning_detail": None if code is None else p.get("reason") or ""})


def _county_notice_status(db: Any, ev: Event) -> None:
    p = ev.payload
    if p.get("status") in ("sent", "failed"):
        db.execute("UPDATE parcel_notices SET status = ?, sent_at = ?, detail = ? WHERE id = ?",
                   (p["status"], p.get("at"), p.get("detail") or "", p.get("notice_id")))


APPLY = {
    "parcel.checked_in": _checked_in,
    "parcel.picked_up": _picked_up,
    "parcel.consent_recorded": _consent_recorded,
    "parcel.reminded": _reminded,
    "parcel.returned": _returned,
    "parcel.exception": _exception,
    "county.parcel_expected": _county_expected,
    "county.parcel_return_requested": _county_return_requested,
    "county.parcel_flagged": _county_flagged,
    "county.notice_status": _county_notice_status,
}
