"""The service ledger (便民服务台账): every other service the station gives a villager —
information and advice, booking a train or plane ticket or a hotel on their behalf, insurance,
medical-insurance registration, job and labour referrals, housekeeping and elder-care
information — one record each, with the person served (their poverty-register mark), the
fee if any, and how many people it served. The county inspects the ledger in its evaluations
and counts it monthly (便民服务人次).

The categories are the county's (`county.service_categories`, a whole list each time: a
category left out is retired, its old records keep its name); a new station starts with the
list the plans name. A fee is taken in cash or by QR code: `drawer` (or `clearing:qr`) +,
`income:services` -. A record made by mistake is voided the same day (its fee goes back).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from station_app.clock import local_day
from station_app.core import cash, events
from station_app.core.events import Event
from station_app.core.money import check_fen
from station_app.core.operators import Operator
from station_app.core.people import POVERTY
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

SERVICE = "services"
INCOME = "income:services"
PAYMENT_ACCOUNTS = {"cash": cash.DRAWER, "qr": cash.QR_CLEARING}
PAYMENTS = {"cash": QT_TRANSLATE_NOOP("services", "Cash"), "qr": QT_TRANSLATE_NOOP("services", "QR payment")}
CATEGORIES_EVENT = "county.service_categories"
MAX_PEOPLE = 200
DONE, VOIDED = "done", "voided"
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,29}$")


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    active: bool


@dataclass(frozen=True)
class ServiceRecord:
    id: str
    number: str
    day: str
    category: str
    category_name: str
    person_id: str | None
    name: str
    poverty: bool
    people: int
    fee: int
    payment: str
    note: str
    status: str
    recorded_at: str
    void_reason: str | None


@dataclass(frozen=True)
class CategoryFigures:
    code: str
    name: str
    records: int
    times: int
    fees: int


@dataclass(frozen=True)
class ServiceFigures:
    records: int
    times: int  # 人次: the people served
    fees: int
    poverty_times: int
    voided: int
    by_category: tuple[CategoryFigures, ...]


def categories(db: Store, *, active_only: bool = True) -> list[Category]:
    """The county's categories in its order (retired ones too unless `active_only`)."""
    where = "WHERE active = 1" if active_only else ""
    return [Category(r["code"], r["name"], bool(r["active"]))
            for r in db.rows(f"SELECT * FROM service_categories {where} ORDER BY active DESC, position, code")]


def _record(r: Row) -> ServiceRecord:
    return ServiceRecord(r["id"], r["number"], r["day"], r["category"], r["category_name"], r["person_id"], r["name"],
                         bool(r["poverty"]), r["people"], r["fee"], r["payment"], r["note"], r["status"],
                         r["recorded_at"], r["void_reason"])


def get_record(db: Store, record_id: str) -> ServiceRecord:
    r = db.row("SELECT * FROM service_records WHERE id = ?", (record_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such service record"))
    return _record(r)


def records_between(db: Store, first: date | str, last: date | str) -> list[ServiceRecord]:
    """The ledger from `first` to `last`, newest first (voided records too)."""
    a = first.isoformat() if isinstance(first, date) else first
    b = last.isoformat() if isinstance(last, date) else last
    return [_record(r) for r in db.rows("SELECT * FROM service_records WHERE day BETWEEN ? AND ? ORDER BY seq DESC",
                                        (a, b))]


def record_service(db: Store, actor: Operator, *, category: str, person_id: str | None = None, name: str = "",
                   poverty: bool | None = None, people: int = 1, fee: int = 0, payment: str = "cash",
                   note: str = "") -> ServiceRecord:
    """Write one service into the ledger: its county category, who was served (a registered
    villager, whose poverty-register mark counts, else a `name` and `poverty` as told), how
    many people it served, the fee taken (fen, cash or QR) and a note (what was booked).
    Raises ValidationError (category, people, fee, payment) or NotFound (person)."""
    if isinstance(people, bool) or not isinstance(people, int) or not 1 <= people <= MAX_PEOPLE:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "People served must be a whole number from 1 to {most}"),
                              most=MAX_PEOPLE)
    fee = check_fen(fee)
    if payment not in PAYMENT_ACCOUNTS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown payment method {method}"), method=payment)
    name = " ".join((name or "").split())[:30]
    note = " ".join((note or "").split())[:200]
    with db.transaction():
        cat = db.row("SELECT name FROM service_categories WHERE code = ? AND active = 1", (category,))
        if cat is None:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose one of the county's service categories"))
        if person_id:
            person = db.row("SELECT name, categories FROM people WHERE id = ?", (person_id,))
            if person is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "No such person"))
            name, poor = person["name"], POVERTY in person["categories"].split(",")
        else:
            poor = bool(poverty)
        if fee:
            cash.ensure_open(db, actor)
        n = int(db.value("SELECT count(*) FROM service_records", default=0)) + 1
        payload = {"number": f"FW{n:05d}", "day": local_day(db.clock.now()).isoformat(), "category": category,
                   "category_name": cat["name"], "person_id": person_id, "name": name, "poverty": poor,
                   "people": people, "fee": fee, "payment": payment, "note": note}
        ev = events.record(db, actor.id, "service.recorded", new_id(), payload, appliers=APPLY)
    return get_record(db, ev.entity_id)


def void_record(db: Store, actor: Operator, record_id: str, *, reason: str) -> ServiceRecord:
    """Take back a record made by mistake, the same day; a fee taken goes back to the villager.
    Raises ValidationError (no reason), NotFound, Conflict (voided, another day, drawer short)."""
    reason = " ".join((reason or "").split())[:100]
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Say why the record is voided"))
    with db.transaction():
        r = get_record(db, record_id)
        if r.status != DONE:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Record {number} is voided already"), number=r.number)
        if r.day != local_day(db.clock.now()).isoformat():
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Record {number} was made on {day}: only today's can be voided"),
                           number=r.number, day=r.day)
        if r.fee:
            cash.ensure_open(db, actor)
            if r.payment == "cash":
                cash.require_cash(db, r.fee)
        events.record(db, actor.id, "service.voided", record_id, {"reason": reason}, appliers=APPLY)
    return get_record(db, record_id)


def figures(db: Store, first: date | str, last: date | str) -> ServiceFigures:
    """The ledger in the days given: records, people served (人次), fees, poverty-register people
    served, per category in the county's order (voided records left out, and counted apart)."""
    a = first.isoformat() if isinstance(first, date) else first
    b = last.isoformat() if isinstance(last, date) else last
    total = db.row("SELECT count(*) AS n, coalesce(sum(people), 0) AS times, coalesce(sum(fee), 0) AS fees, "
                   "coalesce(sum(CASE WHEN poverty THEN people END), 0) AS poor FROM service_records "
                   "WHERE day BETWEEN ? AND ? AND status = 'done'", (a, b))
    assert total is not None
    voided = int(db.value("SELECT count(*) FROM service_records WHERE day BETWEEN ? AND ? AND status = 'voided'",
                          (a, b), default=0))
    by = [CategoryFigures(r["category"], r["name"], int(r["n"]), int(r["times"]), int(r["fees"])) for r in db.rows(
        "SELECT s.category, coalesce(c.name, max(s.category_name)) AS name, count(*) AS n, sum(s.people) AS times, "
        "sum(s.fee) AS fees FROM service_records s LEFT JOIN service_categories c ON c.code = s.category "
        "WHERE s.day BETWEEN ? AND ? AND s.status = 'done' GROUP BY s.category "
        "ORDER BY coalesce(c.position, 999), s.category", (a, b))]
    return ServiceFigures(int(total["n"]), int(total["times"]), int(total["fees"]), int(total["poor"]), voided,
                          tuple(by))


def clean_categories(items: list[dict[str, str]] | list[tuple[str, str]]) -> list[dict[str, str]]:
    """The county's list as it is sent: [{code, name}] in order, codes unique and short, names
    given (1–20 characters). Raises ValidationError naming the first bad entry."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for item in items:
        code, name = (item.get("code", ""), item.get("name", "")) if isinstance(item, dict) else item
        code, name = (code or "").strip().lower(), " ".join((name or "").split())
        if not _CODE.match(code):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Category code '{code}' is not valid: lower-case letters, "
                                                              "digits and _ (at most 30)"), code=code)
        if code in seen:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Category code {code} appears twice"), code=code)
        if not 1 <= len(name) <= 20:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Category {code} needs a name of 1 to 20 characters"),
                                  code=code)
        seen.add(code)
        out.append({"code": code, "name": name})
    if not out:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The county's list needs at least one category"))
    return out


# -- appliers ----------------------------------------------------------------------------------


def _recorded(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("service_records", {
        "id": ev.entity_id, "seq": ev.seq, "number": p["number"], "day": p["day"], "category": p["category"],
        "category_name": p["category_name"], "person_id": p["person_id"], "name": p["name"],
        "poverty": int(p["poverty"]), "people": p["people"], "fee": p["fee"], "payment": p["payment"],
        "note": p["note"], "status": DONE, "recorded_at": ev.station_time, "operator_id": ev.operator_id})
    if p["fee"]:
        cash.post(db, ev, kind="service_fee", service=SERVICE, memo=p["number"],
                  entries=[(PAYMENT_ACCOUNTS[p["payment"]], p["fee"]), (INCOME, -p["fee"])])


def _voided(db: Store, ev: Event) -> None:
    r = db.row("SELECT number, fee, payment FROM service_records WHERE id = ?", (ev.entity_id,))
    assert r is not None, f"no service record {ev.entity_id}"
    if r["fee"]:
        cash.post(db, ev, kind="service_fee_back", service=SERVICE, memo=r["number"],
                  entries=[(PAYMENT_ACCOUNTS[r["payment"]], -r["fee"]), (INCOME, r["fee"])])
    db.update("service_records", {"id": ev.entity_id}, {"status": VOIDED, "voided_at": ev.station_time,
                                                        "void_reason": ev.payload["reason"]})


def _county_categories(db: Store, ev: Event) -> None:
    """County data: the whole list of categories, in order; those left out are retired."""
    db.execute("UPDATE service_categories SET active = 0")
    for position, item in enumerate(ev.payload.get("categories") or [], 1):
        code, name = str(item.get("code", ""))[:30], str(item.get("name", ""))[:20]
        if code and name:
            db.execute("INSERT INTO service_categories (code, name, position, active) VALUES (?, ?, ?, 1) "
                       "ON CONFLICT(code) DO UPDATE SET name = excluded.name, position = excluded.position, active = 1",
                       (code, name, position))


APPLY = {
    "service.recorded": _recorded,
    "service.voided": _voided,
    CATEGORIES_EVENT: _county_categories,
}
