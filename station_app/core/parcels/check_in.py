"""Checking a parcel in (入库): onto a shelf, with a pickup code and the arrival SMS."""

from __future__ import annotations

from dataclasses import dataclass

from station_app.clock import iso, show
from station_app.core import events, people, shelves
from station_app.core.carriers import CARRIERS
from station_app.core.events import Event
from station_app.core.operators import Operator, check_name
from station_app.core.parcels.lookups import consent_for, get_notice, get_parcel
from station_app.core.parcels.moves import ARRIVED, NOTIFIED, RETURN_REQUESTED, RETURNED, STATUSES
from station_app.core.parcels.records import Consent, Notice, Parcel
from station_app.core.parcels.sms import ARRIVAL_SMS, SMS_LANG, _insert_notice, _new_notice
from station_app.core.parcels.waybills import (
    _tail_field,
    carrier_name,
    check_carrier,
    check_phone_field,
    check_waybill,
    guess_carriers,
)
from station_app.core.people import get_person
from station_app.db import Store
from station_app.errors import Conflict, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from station_app.ids import new_id


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


RETURN_ASKED = QT_TRANSLATE_NOOP("parcels", "The county asked for this parcel to be returned: keep it apart and return it")


def check_in_parcel(db: Store, actor: Operator, *, waybill: str, carrier: str | None = None, phone: str | None = None,
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
        events.record(db, actor.id, "parcel.checked_in", parcel_id, payload, appliers=APPLY)
        consent = consent_for(db, person_id=person.id if person else None, phone=phone)
    return CheckIn(get_parcel(db, parcel_id), exp is not None,
                   get_notice(db, notice["id"]) if notice else None,
                   consent, tuple(warnings))


def _checked_in(db: Store, ev: Event) -> None:
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


APPLY = {
    "parcel.checked_in": _checked_in,
}
