"""Finding parcels: by id, pickup code, phone, phone tail, waybill, name or person (the
hand-over counter's one search box), and the notices and consents on record.
"""

from __future__ import annotations

import re

from station_app.core import shelves
from station_app.core.identity import clean_phone, mask_phone
from station_app.core.parcels.records import (
    _ON_SHELF_SQL,
    Consent,
    ExpectedParcel,
    Notice,
    Parcel,
    _consent,
    _notice,
    _parcel,
)
from station_app.core.parcels.waybills import (
    _PHONE_LIKE,
    _TAIL,
    _WAYBILL,
    _plain,
    _tail_field,
    check_waybill,
)
from station_app.core.people import get_person
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP


def get_parcel(db: Store, parcel_id: str) -> Parcel:
    r = db.row("SELECT * FROM parcels WHERE id = ?", (parcel_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such parcel"))
    return _parcel(r)


def find_by_code(db: Store, code: str) -> Parcel:
    """The parcel on the shelf with this pickup code. Raises ValidationError or NotFound."""
    c = shelves.parse_pickup_code(code)
    if c is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{code}' is not a pickup code: it looks like 3-5-6075"), code=code)
    r = db.row(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND pickup_code = ?", (c,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No parcel on the shelf has pickup code {code}"), code=c)
    return _parcel(r)


_DASHLESS = re.compile(r"^[A-Z]?\d{4,8}$")


def find_by_dashless_code(db: Store, text: str) -> list[Parcel]:
    """Parcels on the shelf whose pickup code, dashes left out, is `text` ("540570" for
    5-4-0570): how a code is typed from a text message read aloud. Usually one, never a guess
    at where the dashes go."""
    t = _plain(text).replace("-", "")
    if not _DASHLESS.match(t):
        return []
    return [_parcel(r) for r in db.rows(
        f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND replace(pickup_code, '-', '') = ? ORDER BY arrived_at", (t,))]


def find_by_phone_tail(db: Store, tail: str) -> list[Parcel]:
    t = _tail_field(tail)
    return [_parcel(r) for r in db.rows(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND phone_tail = ? ORDER BY arrived_at", (t,))]


def find_by_phone(db: Store, phone: str) -> list[Parcel]:
    p = clean_phone(phone)
    return [_parcel(r) for r in db.rows(
        f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND (phone = ? OR (phone IS NULL AND phone_tail = ?)) ORDER BY arrived_at",
        (p, p[-4:]))]


def find_by_waybill(db: Store, waybill: str, *, on_shelf_only: bool = False) -> list[Parcel]:
    """Parcels with this waybill, newest first (history included unless `on_shelf_only`)."""
    w = check_waybill(waybill)
    rows = db.rows("SELECT * FROM parcels WHERE waybill = ? ORDER BY arrived_at DESC", (w,))
    return [_parcel(r) for r in rows if r["on_shelf"] or not on_shelf_only]


def find_by_name(db: Store, name: str) -> list[Parcel]:
    q = " ".join((name or "").split())
    if not q:
        return []
    return [_parcel(r) for r in db.rows(
        f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND instr(recipient_name, ?) > 0 ORDER BY arrived_at", (q,))]


def same_villager(db: Store, parcel: Parcel) -> list[Parcel]:
    """Everything on the shelf for the villager `parcel` is for, oldest first (`parcel`
    included): the same registered person, the same phone number (theirs or on the parcel),
    or, where a privacy waybill shows only the last four digits, the same tail under the same
    name. What comes to the counter with one pickup code is usually all of these."""
    found = {parcel.id: parcel}
    todo = [parcel]
    while todo:
        p = todo.pop()
        for other in _candidates(db, p):
            if other.id not in found and _same_person(db, p, other):
                found[other.id] = other
                todo.append(other)
    return sorted((p for p in found.values() if p.on_shelf), key=lambda p: (p.arrived_at, p.id))


def _phones(db: Store, p: Parcel) -> set[str]:
    phones = {p.phone} if p.phone else set()
    if p.person_id:
        person_phone = db.value("SELECT phone FROM people WHERE id = ?", (p.person_id,))
        if person_phone:
            phones.add(person_phone)
    return phones


def _candidates(db: Store, p: Parcel) -> list[Parcel]:
    tails = {p.phone_tail, *(phone[-4:] for phone in _phones(db, p))} - {None}
    marks = ",".join("?" * len(tails)) or "NULL"
    return [_parcel(r) for r in db.rows(
        f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND (phone_tail IN ({marks}) OR person_id = ?)",
        (*tails, p.person_id or ""))]


def _same_person(db: Store, a: Parcel, b: Parcel) -> bool:
    if a.person_id and a.person_id == b.person_id:
        return True
    if _phones(db, a) & _phones(db, b):
        return True
    # a privacy waybill (last four digits only): the tail and the name must both agree
    one_sided = not (a.phone and b.phone)
    tail_a = a.phone_tail or next(iter(_phones(db, a)), "")[-4:]
    tail_b = b.phone_tail or next(iter(_phones(db, b)), "")[-4:]
    return one_sided and bool(tail_a) and tail_a == tail_b and bool(a.recipient_name) and a.recipient_name == b.recipient_name


def last_holder_of_code(db: Store, code: str) -> Parcel | None:
    """The parcel that last had this pickup code and has left the shelf (handed over or
    returned), newest first: what to tell a villager whose code is no longer on the shelf."""
    c = shelves.parse_pickup_code(code)
    if c is None:
        return None
    r = db.row(f"SELECT * FROM parcels WHERE NOT ({_ON_SHELF_SQL}) AND pickup_code = ? "
               "ORDER BY coalesce(picked_up_at, returned_at, arrived_at) DESC LIMIT 1", (c,))
    return _parcel(r) if r else None


def find_for_person(db: Store, person_id: str) -> list[Parcel]:
    """Parcels on the shelf for a registered villager (identity QR): linked ones and those to their phone."""
    person = get_person(db, person_id)
    rows = db.rows(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND person_id = ? ORDER BY arrived_at", (person_id,))
    found = {r["id"]: _parcel(r) for r in rows}
    if person.phone:
        for p in find_by_phone(db, person.phone):
            found.setdefault(p.id, p)
    return sorted(found.values(), key=lambda p: p.arrived_at)


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def find_parcels(db: Store, text: str) -> tuple[str, list[Parcel]]:
    """One search box for the hand-over counter: guesses what was typed or scanned (pickup
    code, with or without its dashes; phone tail, phone, person id, waybill, name) and returns
    (how, parcels on the shelf)."""
    raw = (text or "").strip()
    t = _plain(raw)
    if shelves.parse_pickup_code(raw):
        try:
            return "code", [find_by_code(db, raw)]
        except NotFound:
            return "code", []
    if _TAIL.match(t):
        return "phone_tail", find_by_phone_tail(db, t)
    dashless = find_by_dashless_code(db, t)
    if dashless:
        return "code", dashless
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


def row_for_code(db: Store, text: str) -> Row | None:
    """The parcel row a stock-take scan means: on the shelf by pickup code, else newest by waybill."""
    if shelves.parse_pickup_code(text):
        return db.row(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} AND pickup_code = ?", (text,))
    return db.row("SELECT * FROM parcels WHERE waybill = ? ORDER BY arrived_at DESC LIMIT 1", (text,))


def expected_parcels(db: Store, limit: int = 500) -> list[ExpectedParcel]:
    """Parcels the county manifest says are on their way and not yet checked in."""
    return [ExpectedParcel(r["waybill"], r["carrier"], r["recipient_name"],
                           mask_phone(r["phone"]) if r["phone"] else (f"****{r['phone_tail']}" if r["phone_tail"] else ""),
                           r["dispatched_at"], bool(r["return_requested"]))
            for r in db.rows("SELECT * FROM parcels_expected WHERE parcel_id IS NULL ORDER BY dispatched_at LIMIT ?", (limit,))]


def on_shelf(db: Store) -> list[Parcel]:
    return [_parcel(r) for r in db.rows(f"SELECT * FROM parcels WHERE {_ON_SHELF_SQL} ORDER BY shelf, layer, serial")]


def queued_notices(db: Store, limit: int = 1000) -> list[Notice]:
    return [_notice(r) for r in db.rows("SELECT * FROM parcel_notices WHERE status = 'queued' ORDER BY queued_at LIMIT ?", (limit,))]


def get_notice(db: Store, notice_id: str) -> Notice:
    """A text message the caller has just queued (so it exists)."""
    r = db.row("SELECT * FROM parcel_notices WHERE id = ?", (notice_id,))
    assert r is not None
    return _notice(r)


def latest_notices(db: Store, parcel_ids: list[str]) -> dict[str, Notice]:
    """The newest text of each of the parcels that has one (by parcel id)."""
    found: dict[str, Notice] = {}
    for i in range(0, len(parcel_ids), 500):
        part = parcel_ids[i:i + 500]
        for r in db.rows(f"SELECT * FROM parcel_notices WHERE parcel_id IN ({','.join('?' * len(part))}) "
                         "ORDER BY queued_at, id", tuple(part)):
            found[r["parcel_id"]] = _notice(r)
    return found


def notices_for(db: Store, parcel_id: str) -> list[Notice]:
    return [_notice(r) for r in db.rows("SELECT * FROM parcel_notices WHERE parcel_id = ? ORDER BY queued_at", (parcel_id,))]


def consent_for(db: Store, *, person_id: str | None = None, phone: str | None = None) -> Consent | None:
    """The recorded consent of a person (by registry id, else by phone), or None."""
    r = None
    if person_id:
        r = db.row("SELECT * FROM delivery_consents WHERE person_id = ?", (person_id,))
    if r is None and phone:
        r = db.row("SELECT * FROM delivery_consents WHERE phone = ? ORDER BY recorded_at LIMIT 1", (phone,))
    return _consent(r) if r else None
