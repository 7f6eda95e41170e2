"""Handing parcels over the counter (出库), and a villager's consent to delivery at the station."""

from __future__ import annotations

from dataclasses import dataclass

from station_app.clock import iso
from station_app.core import events
from station_app.core.events import Event
from station_app.core.identity import clean_phone
from station_app.core.operators import Operator, check_name
from station_app.core.parcels.lookups import consent_for, get_parcel
from station_app.core.parcels.moves import (
    COLLECTORS,
    PICKED_UP,
    PROXY,
    SELF,
    VERIFIED_BY,
    require_move,
)
from station_app.core.parcels.records import Consent, Parcel
from station_app.core.people import get_person
from station_app.db import Store
from station_app.errors import Conflict, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id


@dataclass(frozen=True)
class HandOver:
    parcels: list[Parcel]
    collector: str
    proxy_name: str | None
    at: str
    consents: list[Consent]


def hand_over(db: Store, actor: Operator, *, parcel_ids: list[str], collector: str = SELF, proxy_name: str | None = None,
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
                          {"at": at, "collector": collector, "proxy_name": proxy, "verified_by": verified_by}, appliers=APPLY)
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


def _record_consent(db: Store, actor: Operator, *, person_id: str | None, phone: str | None, name: str, note: str) -> str:
    consent_id = new_id()
    events.record(db, actor.id, "parcel.consent_recorded", consent_id,
                  {"person_id": person_id, "phone": phone, "name": name, "note": note.strip()[:200], "at": iso(db.clock.now())}, appliers=APPLY)
    return consent_id


def record_consent(db: Store, actor: Operator, *, person_id: str | None = None, phone: str | None = None,
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


def _picked_up(db: Store, ev: Event) -> None:
    p = ev.payload
    db.update("parcels", {"id": ev.entity_id}, {"status": PICKED_UP, "on_shelf": 0, "picked_up_at": p["at"],
                                                "collector": p["collector"], "proxy_name": p["proxy_name"],
                                                "verified_by": p["verified_by"], "closed_by": ev.operator_id})


def _consent_recorded(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("delivery_consents", {"id": ev.entity_id, "person_id": p["person_id"], "phone": p["phone"], "name": p["name"],
                                    "note": p["note"], "recorded_at": p["at"], "operator_id": ev.operator_id})


APPLY = {
    "parcel.picked_up": _picked_up,
    "parcel.consent_recorded": _consent_recorded,
}
