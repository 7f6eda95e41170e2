"""Signing trainees in to a running session (card, phone, newcomer, list), out, and taking a
wrong sign-in back; the session's roster.
"""

from __future__ import annotations

from dataclasses import dataclass

from station_app.clock import iso, show
from station_app.core import events, labels, people
from station_app.core.events import Event
from station_app.core.identity import clean_phone, mask_phone
from station_app.core.operators import Operator
from station_app.core.training.cards import parse_card
from station_app.core.training.sessions import (
    CATEGORIES,
    Session,
    _require_running,
    _text,
    get_session,
)
from station_app.db import Store
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import PersonId, new_id

METHODS = ("card", "phone", "new", "list")


@dataclass(frozen=True)
class SignIn:
    id: str
    session_id: str
    person_id: PersonId
    name: str
    method: str
    category: str
    signed_in_at: str
    signed_out_at: str | None = None
    #: how many are signed in to the session after this one
    count: int = 0


@dataclass(frozen=True)
class Attendee:
    """One row of a session's roster, in sign-in order."""

    no: int
    signin_id: str
    person_id: PersonId
    name: str
    sex: str | None
    id_masked: str
    phone: str
    village: str
    category: str
    poverty: bool
    method: str
    signed_in_at: str
    signed_out_at: str | None
    overall: int | None

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


def _require_room(session: Session) -> None:
    if session.is_full:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "The session is full: all {capacity} places are taken"),
                       capacity=session.capacity)


def _check_open(db: Store, session_id: str) -> Session:
    session = get_session(db, session_id)
    _require_running(session)
    _require_room(session)
    return session


def sign_in(db: Store, actor: Operator, session_id: str, *, person_id: str, method: str = "list",
            category: str | None = None) -> SignIn:
    """Sign a registered person in to a running session.

    `category` is the trainee's category for the roster; by default a poverty-register
    household is counted as one, a person marked with one of the plans' groups
    (`people.TRAINEE_CATEGORIES`: 返乡大学生 ...) as that, anyone else in the session's category. Raises NotFound
    (no such session or person), Conflict (not started, ended, full, already signed in).
    """
    if method not in METHODS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown sign-in method {method}"), method=method)
    if category is not None and category not in CATEGORIES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown trainee category {category}"), category=category)
    with db.transaction():
        session = get_session(db, session_id)
        _require_running(session)
        person = db.row("SELECT id, name, categories FROM people WHERE id = ?", (person_id,))
        if person is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No such person"))
        before = db.row("SELECT signed_in_at FROM training_signins WHERE session_id = ? AND person_id = ?",
                        (session_id, person_id))
        if before:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "{name} already signed in at {time}"),
                           name=person["name"], time=show(before["signed_in_at"]))
        _require_room(session)
        poverty = people.POVERTY in person["categories"].split(",")
        own = next((c for c in person["categories"].split(",") if c in people.TRAINEE_CATEGORIES), None)
        payload = {"session_id": session_id, "person_id": person_id, "method": method,
                   "category": category or (people.POVERTY if poverty else own or session.category),
                   "poverty": poverty, "at": iso(db.clock.now())}
        ev = events.record(db, actor.id, "training.signed_in", new_id(), payload, appliers=APPLY)
    return _signin(db, ev.entity_id)


def sign_in_by_card(db: Store, actor: Operator, session_id: str, payload: str) -> SignIn:
    """Sign in by scanning the trainee's QR card. Raises ValidationError (not a card) and
    NotFound for a card of someone not registered here (a card from another station)."""
    person_id = parse_card(payload)
    if person_id is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "This is not a training card"))
    if not db.value("SELECT 1 FROM people WHERE id = ?", (person_id,)):
        raise NotFound(QT_TRANSLATE_NOOP(
            "errors", "This card belongs to no one registered at this station (a card from another station?): "
                      "sign the person in by phone or register them"))
    return sign_in(db, actor, session_id, person_id=person_id, method="card")


def sign_in_by_phone(db: Store, actor: Operator, session_id: str, phone: str, *,
                     person_id: str | None = None) -> SignIn:
    """Sign in the registered person with this phone number. When several people share it
    (a family phone) name one with `person_id`, else Conflict lists them."""
    number = clean_phone(phone)
    found = people.find_by_phone(db, number)
    if person_id is not None:
        found = [p for p in found if p.id == person_id]
    if not found:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No one with phone {phone} is registered: register them first"),
                       phone=mask_phone(number))
    if len(found) > 1:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Several people share phone {phone} ({names}): pick the person by name"),
                       phone=mask_phone(number), names="、".join(p.name for p in found))
    return sign_in(db, actor, session_id, person_id=found[0].id, method="phone")


def sign_in_by_code(db: Store, actor: Operator, session_id: str, code: str) -> SignIn:
    """What the sign-in field got (scanned card or typed phone number), signed in."""
    text = (code or "").strip()
    if labels.looks_like_label(text):
        return sign_in_by_card(db, actor, session_id, text)
    digits = "".join(ch for ch in text if not ch.isspace() and ch != "-")
    if digits.lstrip("+").isdigit():
        return sign_in_by_phone(db, actor, session_id, text)
    raise ValidationError(QT_TRANSLATE_NOOP("errors", "Scan a training card or type an 11-digit phone number"))


def register_and_sign_in(db: Store, actor: Operator, session_id: str, *, name: str, phone: str | None = None,
                         village: str = "", sex: str | None = None, id_number: str | None = None,
                         categories: list[str] | tuple[str, ...] = (), category: str | None = None) -> SignIn:
    """Register a newcomer in the people registry and sign them in.

    The session is checked first (running, not full) so a refused sign-in does not leave a
    half-done registration; registering and signing in are two events.
    """
    _check_open(db, session_id)
    person = people.add_person(db, actor, name=name, phone=phone, village=village, sex=sex, id_number=id_number,
                               categories=categories)
    return sign_in(db, actor, session_id, person_id=person.id, method="new", category=category)


def sign_out(db: Store, actor: Operator, session_id: str, person_id: str) -> SignIn:
    """Record when a trainee left. Raises NotFound (not signed in), Conflict (already out, not running)."""
    with db.transaction():
        _require_running(get_session(db, session_id))
        row = db.row("SELECT * FROM training_signins WHERE session_id = ? AND person_id = ?", (session_id, person_id))
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This person has not signed in to this session"))
        if row["signed_out_at"]:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Already signed out"))
        events.record(db, actor.id, "training.signed_out", row["id"], {"at": iso(db.clock.now())}, appliers=APPLY)
    return _signin(db, row["id"])


def cancel_sign_in(db: Store, actor: Operator, session_id: str, person_id: str, *, reason: str) -> None:
    """Take back a wrong sign-in (the wrong person picked) while the session runs; its survey goes too."""
    reason = _text(reason, 200)
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Say why the sign-in is taken back"))
    with db.transaction():
        _require_running(get_session(db, session_id))
        row = db.row("SELECT id FROM training_signins WHERE session_id = ? AND person_id = ?", (session_id, person_id))
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This person has not signed in to this session"))
        events.record(db, actor.id, "training.sign_in_cancelled", row["id"], {"reason": reason}, appliers=APPLY)


def _signin(db: Store, signin_id: str) -> SignIn:
    r = db.row("SELECT g.*, p.name, (SELECT count(*) FROM training_signins x WHERE x.session_id = g.session_id) AS n "
               "FROM training_signins g JOIN people p ON p.id = g.person_id WHERE g.id = ?", (signin_id,))
    assert r is not None, f"no sign-in {signin_id}"
    return SignIn(r["id"], r["session_id"], PersonId(r["person_id"]), r["name"], r["method"], r["category"],
                  r["signed_in_at"], r["signed_out_at"], r["n"])


def attendees(db: Store, session_id: str) -> list[Attendee]:
    """The session's roster in sign-in order (numbered from 1), with survey scores."""
    rows = db.rows(
        "SELECT g.*, p.name, p.sex, p.id_masked, p.phone, p.village, v.overall FROM training_signins g"
        " JOIN people p ON p.id = g.person_id LEFT JOIN training_surveys v ON v.signin_id = g.id"
        " WHERE g.session_id = ? ORDER BY g.seq", (session_id,))
    return [Attendee(i, r["id"], PersonId(r["person_id"]), r["name"], r["sex"], r["id_masked"] or "", r["phone"] or "",
                     r["village"], r["category"], bool(r["poverty"]), r["method"], r["signed_in_at"],
                     r["signed_out_at"], r["overall"]) for i, r in enumerate(rows, 1)]


def _signed_in(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("training_signins", {"id": ev.entity_id, "seq": ev.seq, "session_id": p["session_id"],
                                   "person_id": p["person_id"], "method": p["method"], "category": p["category"],
                                   "poverty": int(p["poverty"]), "signed_in_at": p["at"], "signed_out_at": None,
                                   "operator_id": ev.operator_id})


def _signed_out(db: Store, ev: Event) -> None:
    db.update("training_signins", {"id": ev.entity_id}, {"signed_out_at": ev.payload["at"]})


def _sign_in_cancelled(db: Store, ev: Event) -> None:
    db.execute("DELETE FROM training_surveys WHERE signin_id = ?", (ev.entity_id,))
    db.execute("DELETE FROM training_signins WHERE id = ?", (ev.entity_id,))


APPLY = {
    "training.signed_in": _signed_in,
    "training.signed_out": _signed_out,
    "training.sign_in_cancelled": _sign_in_cancelled,
}
