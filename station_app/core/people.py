"""The people registry: villagers the station serves.

One table for everyone (senders, recipients, payers, consignors, trainees). Phones are
stored whole (SMS needs them) and masked on screens and receipts; ID-card numbers are
stored only as their last four characters plus a hash keyed by this station's secret key
(`core.identity`). Categories mark the groups the county reports on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from station_app.core import events, identity
from station_app.core.events import SYSTEM, Event
from station_app.core.identity import check_id_number, clean_phone, id_hash, mask_phone
from station_app.core.operators import Operator, check_name
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import PersonId, new_id

POVERTY = "poverty"
CATEGORIES: dict[str, str] = {
    POVERTY: QT_TRANSLATE_NOOP("categories", "Poverty-register household"),
    "returnee": QT_TRANSLATE_NOOP("categories", "Returning youth"),
    "veteran": QT_TRANSLATE_NOOP("categories", "Veteran"),
    "woman": QT_TRANSLATE_NOOP("categories", "Woman"),
    "disabled": QT_TRANSLATE_NOOP("categories", "Disabled person"),
    "returning_graduate": QT_TRANSLATE_NOOP("categories", "Returning graduate"),
    "returning_migrant": QT_TRANSLATE_NOOP("categories", "Returning migrant worker"),
    "station_keeper": QT_TRANSLATE_NOOP("categories", "Service station keeper"),
    "self_employed": QT_TRANSLATE_NOOP("categories", "Self-employed trader"),
    "village_cadre": QT_TRANSLATE_NOOP("categories", "Village cadre"),
}
#: the groups the county plans count trainees by (返乡大学生, 返乡农民工, 服务站负责人, 个体户, 村干部):
#: a person marked with one signs in to training under it (`training.sign_in`)
TRAINEE_CATEGORIES = ("returning_graduate", "returning_migrant", "station_keeper", "self_employed", "village_cadre")
SEXES = {"M": QT_TRANSLATE_NOOP("people", "Male"), "F": QT_TRANSLATE_NOOP("people", "Female")}
_DIGITS = re.compile(r"^\d+$")
SEARCH_LIMIT = 50


@dataclass(frozen=True)
class Person:
    id: PersonId
    name: str
    phone: str | None
    village: str
    sex: str | None = None
    birth_year: int | None = None  # kept by versions before ID numbers were keyed; None since
    id_masked: str | None = None
    household_no: str | None = None
    categories: tuple[str, ...] = field(default_factory=tuple)
    note: str = ""

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    @property
    def is_poverty_household(self) -> bool:
        return POVERTY in self.categories


def _row_to_person(r: Row) -> Person:
    return Person(
        id=PersonId(r["id"]), name=r["name"], phone=r["phone"], village=r["village"], sex=r["sex"],
        birth_year=r["birth_year"], id_masked=r["id_masked"], household_no=r["household_no"],
        categories=tuple(c for c in r["categories"].split(",") if c), note=r["note"],
    )


def _clean(db: Store, *, name: str, phone: str | None, village: str, sex: str | None, id_number: str | None,
           household_no: str | None, categories: list[str] | tuple[str, ...], note: str) -> dict[str, Any]:
    bad = [c for c in categories if c not in CATEGORIES]
    if bad:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown category {category}"), category=bad[0])
    if sex not in (None, "", "M", "F"):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Sex must be male or female"))
    values: dict[str, Any] = {
        "name": check_name(name),
        "phone": clean_phone(phone) if phone and phone.strip() else None,
        "village": " ".join((village or "").split()),
        "sex": sex or None,
        "id_masked": None,
        "id_hash": None,
        "household_no": (household_no or "").strip() or None,
        "categories": sorted(set(categories)),
        "note": (note or "").strip()[:500],
    }
    if id_number and id_number.strip():
        number, card = check_id_number(id_number)
        values.update(id_masked=card.masked, id_hash=id_hash(number, identity.id_key(db)), sex=card.sex)
    return values


def _duplicate(db: Store, values: dict[str, Any], exclude: str | None = None) -> None:
    if values["id_hash"]:
        other = db.row("SELECT name FROM people WHERE id_hash = ? AND id != ?", (values["id_hash"], exclude or ""))
        if other:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "This ID number is already registered to {name}"), name=other["name"])
    if values["phone"]:
        other = db.row("SELECT name FROM people WHERE phone = ? AND name = ? AND id != ?",
                       (values["phone"], values["name"], exclude or ""))
        if other:
            raise Conflict(
                QT_TRANSLATE_NOOP("errors", "{name} ({phone}) is already registered"),
                name=values["name"], phone=mask_phone(values["phone"]),
            )


def add_person(db: Store, actor: Operator, *, name: str, phone: str | None = None, village: str = "",
               sex: str | None = None, id_number: str | None = None, household_no: str | None = None,
               categories: list[str] | tuple[str, ...] = (), note: str = "") -> Person:
    """Register a villager. Raises ValidationError (name, phone, ID) or Conflict (duplicate)."""
    with db.transaction():
        values = _clean(db, name=name, phone=phone, village=village, sex=sex, id_number=id_number,
                        household_no=household_no, categories=categories, note=note)
        _duplicate(db, values)
        person_id = new_id()
        events.record(db, actor.id, "person.added", person_id, values, appliers=APPLY)
    return get_person(db, person_id)


def update_person(db: Store, actor: Operator, person_id: str, *, name: str, phone: str | None = None,
                  village: str = "", sex: str | None = None, id_number: str | None = None,
                  household_no: str | None = None, categories: list[str] | tuple[str, ...] = (),
                  note: str = "") -> Person:
    """Correct a person's details. An empty id_number keeps the one on record."""
    with db.transaction():
        old = db.row("SELECT * FROM people WHERE id = ?", (person_id,))
        if old is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No such person"))
        values = _clean(db, name=name, phone=phone, village=village, sex=sex, id_number=id_number,
                        household_no=household_no, categories=categories, note=note)
        if not values["id_hash"]:
            values.update(id_masked=old["id_masked"], id_hash=old["id_hash"], sex=values["sex"] or old["sex"])
        _duplicate(db, values, exclude=person_id)
        events.record(db, actor.id, "person.updated", person_id, values, appliers=APPLY)
    return get_person(db, person_id)


@dataclass(frozen=True)
class Rekeyed:
    """What `rekey_id_numbers` did: rows re-keyed, and rows whose number could not be recovered
    (their hash is dropped: such a person is not found by ID number until it is typed again)."""

    rekeyed: int
    unrecoverable: int


def rekey_id_numbers(db: Store) -> Rekeyed:
    """Re-key the ID numbers registered by versions before the keyed hash (6 + 4 digits, birth
    year, SHA-256 salted with the synced `id_salt`): each number is recovered from its old hash
    here, on the station, and recorded again as the last four characters and a hash under this
    station's key (`person.id_rekeyed`, no birth year). One transaction; nothing to do: no event.

    The old events stay in the chain as history (the hub holds the ones already synced);
    from here on no event carries anything that lets a guess be tested."""
    with db.transaction():
        rows = [r for r in db.rows("SELECT id, id_masked, id_hash, birth_year FROM people "
                                   "WHERE id_masked IS NOT NULL OR id_hash IS NOT NULL OR birth_year IS NOT NULL")
                if identity.is_legacy(r["id_masked"], r["id_hash"]) or r["birth_year"] is not None]
        if not rows:
            return Rekeyed(0, 0)
        salt, key = db.value("SELECT id_salt FROM station") or "", identity.id_key(db)
        lost = 0
        for r in rows:
            number = None
            payload: dict[str, str | None]
            if r["id_hash"] and ":" not in r["id_hash"] and r["id_masked"]:
                number = identity.recover_legacy_number(r["id_masked"], r["birth_year"], r["id_hash"], salt)
            if number is not None:
                payload = {"id_masked": identity.mask_id(number), "id_hash": id_hash(number, key)}
            elif r["id_hash"] and ":" in r["id_hash"]:  # already keyed: only the birth year goes
                payload = {"id_masked": r["id_masked"], "id_hash": r["id_hash"]}
            else:
                lost += bool(r["id_hash"] or r["id_masked"])
                tail = (r["id_masked"] or "")[-4:]
                payload = {"id_masked": "*" * 14 + tail if tail else None, "id_hash": None}
            events.record(db, SYSTEM, "person.id_rekeyed", r["id"], payload, appliers=APPLY)
    return Rekeyed(len(rows) - lost, lost)


def get_person(db: Store, person_id: str) -> Person:
    row = db.row("SELECT * FROM people WHERE id = ?", (person_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such person"))
    return _row_to_person(row)


def find_by_phone(db: Store, phone: str) -> list[Person]:
    return [_row_to_person(r) for r in db.rows("SELECT * FROM people WHERE phone = ? ORDER BY name", (phone,))]


def search_people(db: Store, text: str, limit: int = SEARCH_LIMIT) -> list[Person]:
    """Search as you type: name (any part), phone (start or last four digits), household number."""
    q = "".join((text or "").split())
    if not q:
        return [_row_to_person(r) for r in db.rows("SELECT * FROM people ORDER BY updated_at DESC LIMIT ?", (limit,))]
    if _DIGITS.match(q):
        if len(q) == 4:
            rows = db.rows(
                "SELECT * FROM people WHERE phone_tail = ? UNION SELECT * FROM people WHERE phone >= ? AND phone < ? "
                "LIMIT ?", (q, q, q + ":", limit))
        else:
            rows = db.rows("SELECT * FROM people WHERE phone >= ? AND phone < ? ORDER BY phone LIMIT ?", (q, q + ":", limit))
        return [_row_to_person(r) for r in rows]
    # every suffix of every name is a term, so a prefix range over terms finds any part of a name
    rows = db.rows(
        "SELECT p.* FROM people p WHERE p.id IN (SELECT person_id FROM people_terms WHERE term >= ? AND term < ? LIMIT ?)"
        " ORDER BY length(p.name), p.name LIMIT ?",
        (q, q + "\U0010ffff", limit * 4, limit),
    )
    return [_row_to_person(r) for r in rows]


def count_people(db: Store) -> int:
    return int(db.value("SELECT count(*) FROM people", default=0))


# -- appliers -------------------------------------------------------------------------


def _write_terms(db: Store, person_id: str, name: str, household_no: str | None) -> None:
    db.execute("DELETE FROM people_terms WHERE person_id = ?", (person_id,))
    terms = {name[i:] for i in range(len(name))}
    if household_no:
        terms.add(household_no)
    for term in terms:
        db.execute("INSERT INTO people_terms (term, person_id) VALUES (?, ?)", (term, person_id))


def _values(ev: Event) -> dict[str, Any]:
    p = dict(ev.payload)
    p["categories"] = ",".join(p["categories"])
    p["phone_tail"] = p["phone"][-4:] if p["phone"] else None
    return p


def _added(db: Store, ev: Event) -> None:
    values = _values(ev)
    db.insert("people", {"id": ev.entity_id, **values, "created_at": ev.station_time, "updated_at": ev.station_time})
    _write_terms(db, ev.entity_id, values["name"], values["household_no"])


def _updated(db: Store, ev: Event) -> None:
    values = _values(ev)
    db.update("people", {"id": ev.entity_id}, {**values, "updated_at": ev.station_time})
    _write_terms(db, ev.entity_id, values["name"], values["household_no"])


def _id_rekeyed(db: Store, ev: Event) -> None:
    db.update("people", {"id": ev.entity_id}, {"id_masked": ev.payload["id_masked"], "id_hash": ev.payload["id_hash"],
                                              "birth_year": None})


APPLY = {"person.added": _added, "person.updated": _updated, "person.id_rekeyed": _id_rekeyed}
