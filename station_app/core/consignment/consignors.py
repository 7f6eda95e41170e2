"""Consignors: the villagers (from the people registry) and cooperatives who leave goods at
the station to sell, each with a contact phone and a default commission."""

from __future__ import annotations

from dataclasses import dataclass

from station_app.core import events, settings
from station_app.core.consignment.quantities import percent_to_bp
from station_app.core.events import Event
from station_app.core.identity import clean_phone, mask_phone
from station_app.core.operators import Operator, check_name
from station_app.core.people import POVERTY
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id


@dataclass(frozen=True)
class Consignor:
    id: str
    number: int
    kind: str  # 'person' (a villager in the registry) or 'coop' (a cooperative)
    person_id: str | None
    name: str
    phone: str
    village: str
    commission_bp: int
    poverty: bool
    note: str = ""

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


def _consignor(r: Row) -> Consignor:
    return Consignor(r["id"], r["number"], r["kind"], r["person_id"], r["name"], r["phone"], r["village"],
                     r["commission_bp"], bool(r["poverty"]), r["note"])


def _person_poverty(db: Store, person_id: str | None) -> bool:
    if not person_id:
        return False
    cats = db.value("SELECT categories FROM people WHERE id = ?", (person_id,), default="")
    return POVERTY in cats.split(",")


def register_consignor(db: Store, actor: Operator, *, person_id: str | None = None, name: str = "",
                       phone: str | None = None, village: str = "", commission_pct: str | int | None = None,
                       note: str = "") -> Consignor:
    """A villager from the people registry (`person_id`) or a cooperative (`name`) who leaves goods
    to sell. A contact phone is required (the person's own unless given). The poverty-register
    flag comes from the person's categories. Raises ValidationError, NotFound or Conflict."""
    with db.transaction():
        if person_id:
            person = db.row("SELECT * FROM people WHERE id = ?", (person_id,))
            if person is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "No such person"))
            if db.value("SELECT 1 FROM consignors WHERE person_id = ?", (person_id,)):
                raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} is already a consignor"), name=person["name"])
            name, village = person["name"], village or person["village"]
            phone = phone or person["phone"]
        name = check_name(name)
        if not phone or not phone.strip():
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A consignor needs a contact phone number"))
        phone = clean_phone(phone)
        if not person_id and db.value("SELECT 1 FROM consignors WHERE name = ? AND phone = ?", (name, phone)):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} is already a consignor"), name=name)
        if commission_pct is None or str(commission_pct).strip() == "":
            bp = int(settings.get(db, "consignment.default_commission_pct")) * 100
        else:
            bp = percent_to_bp(commission_pct)
        payload = {"number": int(db.value("SELECT max(number) FROM consignors", default=0)) + 1,
                   "kind": "person" if person_id else "coop", "person_id": person_id, "name": name, "phone": phone,
                   "village": " ".join((village or "").split()), "commission_bp": bp,
                   "poverty": _person_poverty(db, person_id), "note": (note or "").strip()[:200]}
        consignor_id = new_id()
        events.record(db, actor.id, "consign.consignor_registered", consignor_id, payload, appliers=APPLY)
    return get_consignor(db, consignor_id)


def update_consignor(db: Store, actor: Operator, consignor_id: str, *, phone: str, commission_pct: str | int,
                     village: str | None = None, note: str = "") -> Consignor:
    """Correct a consignor's phone, default commission, village or note (lots already taken in
    keep the commission they came in with)."""
    old = get_consignor(db, consignor_id)
    if not phone or not phone.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A consignor needs a contact phone number"))
    payload = {"phone": clean_phone(phone), "commission_bp": percent_to_bp(commission_pct),
               "village": old.village if village is None else " ".join(village.split()), "note": (note or "").strip()[:200]}
    with db.transaction():
        events.record(db, actor.id, "consign.consignor_updated", consignor_id, payload, appliers=APPLY)
    return get_consignor(db, consignor_id)


def get_consignor(db: Store, consignor_id: str) -> Consignor:
    row = db.row("SELECT * FROM consignors WHERE id = ?", (consignor_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such consignor"))
    return _consignor(row)


def list_consignors(db: Store, text: str = "") -> list[Consignor]:
    q = "".join((text or "").split())
    rows = db.rows("SELECT * FROM consignors WHERE status = 'active' AND (? = '' OR instr(name, ?) > 0 OR phone LIKE ?)"
                   " ORDER BY number", (q, q, f"%{q}%"))
    return [_consignor(r) for r in rows]


# -- appliers ---------------------------------------------------------------------------------


def _consignor_registered(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("consignors", {"id": ev.entity_id, "number": p["number"], "kind": p["kind"], "person_id": p["person_id"],
                             "name": p["name"], "phone": p["phone"], "village": p["village"], "commission_bp": p["commission_bp"],
                             "poverty": int(p["poverty"]), "note": p["note"], "status": "active",
                             "created_at": ev.station_time, "updated_at": ev.station_time})


def _consignor_updated(db: Store, ev: Event) -> None:
    p = ev.payload
    db.update("consignors", {"id": ev.entity_id}, {"phone": p["phone"], "commission_bp": p["commission_bp"],
                                                     "village": p["village"], "note": p["note"], "updated_at": ev.station_time})


APPLY = {
    "consign.consignor_registered": _consignor_registered,
    "consign.consignor_updated": _consignor_updated,
}
