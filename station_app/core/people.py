"""The people registry: villagers the station serves.

One table for everyone (senders, recipients, payers, consignors, trainees). Phones are
stored whole (SMS needs them) and masked on screens and receipts; ID-card numbers are
stored only masked plus a salted hash. Categories mark the groups the county reports on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from station_app.core import events
from station_app.core.events import Event
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
}
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
    birth_year: int | None = None
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
        "birth_year": None,
        "id_masked": None,
        "id_hash": None,
        "household_no": (household_no or "").strip() or None,
        "categories": sorted(set(categories)),
        "note": (note or "").strip()[:500],
    }
    if id_number and id_number.strip():
        number, card = check_id_number(id_number)
        salt = db.value("SELECT id_salt FROM station") or ""
        values.update(id_masked=card.masked, id_hash=id_hash(number, salt), sex=card.sex, birth_year=card.birth.year)
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
            values.update(id_masked=old["id_masked"], id_hash=old["id_hash"], birth_year=old["birth_year"],
                          sex=values["sex"] or old["sex"])
        _duplicate(db, values, exclude=person_id)
        events.record(db, actor.id, "person.updated", person_id, values, appliers=APPLY)
    return get_person(db, person_id)


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


APPLY = {"person.added": _added, "person.updated": _updated}
