"""Operators: named accounts with a role, a PIN stored with scrypt, lock-out after failures.

Every event names its operator. Logins (and failed ones) are events too, so the lock-out
state is part of the chain and survives a restart.

A PIN's hash never goes into an event: the events reach the county hub, and a 4-digit PIN
falls to its scrypt hash in minutes. It lives in `operator_pins`, a table of this station
file that no event writes (like `local_settings`): the events say only that an operator
was added or that a PIN was changed. A station restored from the hub therefore has its
operators but no PINs, and asks for new ones (`set_new_pins`). PINs whose hashes a
version before this one put into events are marked `must_change` (`pin_must_change`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from station_app.clock import iso, parse_iso
from station_app.core import events
from station_app.core.events import Event
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import (
    Conflict,
    LockedOut,
    NotFound,
    PermissionDenied,
    ValidationError,
    WrongPin,
)
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import OperatorId, new_id

MANAGER = "manager"
OPERATOR = "operator"
ROLES = {MANAGER: QT_TRANSLATE_NOOP("roles", "Manager"), OPERATOR: QT_TRANSLATE_NOOP("roles", "Operator")}
MAX_FAILURES = 5
LOCK_MINUTES = 5
_PIN = re.compile(r"^\d{4,8}$")


@dataclass(frozen=True)
class Operator:
    id: OperatorId
    name: str
    role: str

    @property
    def is_manager(self) -> bool:
        return self.role == MANAGER


def hash_pin(pin: str, salt: bytes) -> str:
    return hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32).hex()


def check_pin_format(pin: str) -> str:
    if not _PIN.match(pin or ""):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A PIN is 4 to 8 digits"))
    if len(set(pin)) == 1:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A PIN of one repeated digit is too easy to guess"))
    return pin


def check_name(name: str, what: str = "name") -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A name is required"))
    if len(name) > 30:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A name is at most 30 characters"))
    return name


def _row_to_operator(row: Row) -> Operator:
    return Operator(OperatorId(row["id"]), row["name"], row["role"])


def new_operator_payload(name: str, role: str, pin: str) -> dict[str, Any]:
    """The `operator.added` payload (name and role: no PIN); raises ValidationError for a bad
    name, role or PIN, so nothing is recorded for one."""
    if role not in ROLES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown role {role}"), role=role)
    check_pin_format(pin)
    return {"name": check_name(name), "role": role}


def store_pin(db: Store, operator_id: str, pin: str) -> None:
    """Keep an operator's PIN (salted scrypt) in this file's `operator_pins`, never in an event.
    Call inside the transaction that records the event saying so."""
    salt = os.urandom(16)
    db.execute("INSERT INTO operator_pins (operator_id, pin_salt, pin_hash, must_change, set_at) VALUES (?, ?, ?, 0, ?) "
               "ON CONFLICT(operator_id) DO UPDATE SET pin_salt = excluded.pin_salt, pin_hash = excluded.pin_hash, "
               "must_change = 0, set_at = excluded.set_at",
               (operator_id, salt.hex(), hash_pin(check_pin_format(pin), salt), iso(db.clock.now())))


def pin_must_change(db: Store, operator_id: str) -> bool:
    """True when this operator's PIN hash was put into events by an older version (so the hub
    holds it): the login screen should ask for a new PIN at once."""
    return bool(db.value("SELECT must_change FROM operator_pins WHERE operator_id = ?", (operator_id,), default=0))


def _is_current_pin(db: Store, operator_id: str, pin: str) -> bool:
    kept = db.row("SELECT pin_salt, pin_hash FROM operator_pins WHERE operator_id = ?", (operator_id,))
    return kept is not None and hmac.compare_digest(hash_pin(pin, bytes.fromhex(kept["pin_salt"])), kept["pin_hash"])


def without_pin(db: Store) -> list[Operator]:
    """Active operators with no PIN on this PC (a station restored from the county hub)."""
    return [_row_to_operator(r) for r in db.rows(
        "SELECT o.* FROM operators o WHERE o.active = 1 AND NOT EXISTS "
        "(SELECT 1 FROM operator_pins p WHERE p.operator_id = o.id) ORDER BY o.role, o.name")]


def add_operator(db: Store, actor: Operator, *, name: str, role: str, pin: str) -> Operator:
    """A manager adds an operator account. Raises PermissionDenied, ValidationError, Conflict."""
    if not actor.is_manager:
        raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "Only a manager can add operators"))
    payload = new_operator_payload(name, role, pin)
    with db.transaction():
        if db.value("SELECT 1 FROM operators WHERE name = ? AND active = 1", (payload["name"],)):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "An operator named {name} already exists"), name=payload["name"])
        op_id = new_id()
        events.record(db, actor.id, "operator.added", op_id, payload, appliers=APPLY)
        store_pin(db, op_id, pin)
    return Operator(OperatorId(op_id), payload["name"], role)


def list_operators(db: Store, *, active_only: bool = True) -> list[Operator]:
    sql = "SELECT * FROM operators" + (" WHERE active = 1" if active_only else "") + " ORDER BY role, name"
    return [_row_to_operator(r) for r in db.rows(sql)]


def get_operator(db: Store, operator_id: str) -> Operator:
    row = db.row("SELECT * FROM operators WHERE id = ?", (operator_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such operator"))
    return _row_to_operator(row)


def login(db: Store, operator_id: str, pin: str) -> Operator:
    """Check a PIN. Raises LockedOut while locked, WrongPin (with attempts left) on a wrong PIN."""
    with db.transaction():
        row = db.row("SELECT * FROM operators WHERE id = ? AND active = 1", (operator_id,))
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No such operator"))
        now = db.clock.now()
        if row["locked_until"] and parse_iso(row["locked_until"]) > now:
            minutes = max(1, int((parse_iso(row["locked_until"]) - now).total_seconds() // 60) + 1)
            raise LockedOut(
                QT_TRANSLATE_NOOP("errors", "Too many wrong PINs: {name} is locked for {minutes} more minutes"),
                name=row["name"],
                minutes=minutes,
            )
        kept = db.row("SELECT pin_salt, pin_hash FROM operator_pins WHERE operator_id = ?", (operator_id,))
        if kept is None:
            raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "{name} has no PIN on this computer yet: the station was "
                                                     "restored from the county hub. Set new PINs first."),
                                   name=row["name"])
        good = hmac.compare_digest(hash_pin(pin or "", bytes.fromhex(kept["pin_salt"])), kept["pin_hash"])
        if good:
            events.record(db, operator_id, "operator.logged_in", operator_id, {"at": iso(now)}, appliers=APPLY)
            return _row_to_operator(row)
        failures = row["failed_attempts"] + 1
        locked = iso(now + timedelta(minutes=LOCK_MINUTES)) if failures >= MAX_FAILURES else None
        events.record(db, operator_id, "operator.login_failed", operator_id, {"failures": failures, "locked_until": locked}, appliers=APPLY)
    # outside the transaction: the failure above is committed, then reported
    if locked:
        raise LockedOut(
            QT_TRANSLATE_NOOP("errors", "Too many wrong PINs: {name} is locked for {minutes} more minutes"),
            name=row["name"],
            minutes=LOCK_MINUTES,
        )
    raise WrongPin(
        QT_TRANSLATE_NOOP("errors", "Wrong PIN. {remaining} tries left before the account locks."),
        remaining=MAX_FAILURES - failures,
    )


def change_pin(db: Store, actor: Operator, operator_id: str, new_pin: str) -> None:
    """An operator changes their own PIN; a manager may reset anyone's (and unlock them). A PIN
    that must change (`pin_must_change`) cannot be "changed" to itself. Raises PermissionDenied,
    ValidationError, NotFound."""
    if actor.id != operator_id and not actor.is_manager:
        raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "Only a manager can change another operator's PIN"))
    check_pin_format(new_pin)
    with db.transaction():
        get_operator(db, operator_id)
        if pin_must_change(db, operator_id) and _is_current_pin(db, operator_id, new_pin):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose a new PIN, not the old one: the old one must "
                                                              "be replaced"))
        events.record(db, actor.id, "operator.pin_changed", operator_id, {}, appliers=APPLY)
        store_pin(db, operator_id, new_pin)


def set_new_pins(db: Store, pins: dict[str, str]) -> None:
    """After a restore from the county hub: the new PIN of each operator named (by id) who has
    none on this PC. Every PIN is checked before anything is kept; at least one manager must
    get one (a manager can then set the others). One transaction; raises ValidationError,
    PermissionDenied (an operator who already has a PIN here: use `change_pin`), NotFound."""
    for pin in pins.values():
        check_pin_format(pin)
    with db.transaction():
        missing: dict[str, Operator] = {o.id: o for o in without_pin(db)}
        for operator_id in pins:
            if operator_id not in missing:
                get_operator(db, operator_id)
                raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "This operator already has a PIN on this computer"))
        managers_here = [o for o in list_operators(db) if o.is_manager and o.id not in missing]
        if not managers_here and not any(missing[o].is_manager for o in pins):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Set a PIN for at least one manager"))
        for operator_id, pin in pins.items():
            # the operator's own event: nobody is logged in yet on a freshly restored station
            events.record(db, operator_id, "operator.pin_changed", operator_id, {}, appliers=APPLY)
            store_pin(db, operator_id, pin)


def deactivate_operator(db: Store, actor: Operator, operator_id: str) -> None:
    if not actor.is_manager:
        raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "Only a manager can remove operators"))
    with db.transaction():
        target = get_operator(db, operator_id)
        managers = db.value("SELECT count(*) FROM operators WHERE role = 'manager' AND active = 1")
        if target.is_manager and managers <= 1:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "The last manager cannot be removed"))
        events.record(db, actor.id, "operator.deactivated", operator_id, {}, appliers=APPLY)


# -- appliers -------------------------------------------------------------------------


# older events also carry `pin_salt`/`pin_hash`: history, never applied (PINs are local)


def _added(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("operators", {"id": ev.entity_id, "name": p["name"], "role": p["role"], "created_at": ev.station_time})


def _pin_changed(db: Store, ev: Event) -> None:
    db.update("operators", {"id": ev.entity_id}, {"failed_attempts": 0, "locked_until": None})


def _logged_in(db: Store, ev: Event) -> None:
    db.update("operators", {"id": ev.entity_id}, {"failed_attempts": 0, "locked_until": None, "last_login_at": ev.payload["at"]})


def _login_failed(db: Store, ev: Event) -> None:
    db.update("operators", {"id": ev.entity_id}, {
        "failed_attempts": 0 if ev.payload["locked_until"] else ev.payload["failures"],
        "locked_until": ev.payload["locked_until"],
    })


def _deactivated(db: Store, ev: Event) -> None:
    db.update("operators", {"id": ev.entity_id}, {"active": 0})


APPLY = {
    "operator.added": _added,
    "operator.pin_changed": _pin_changed,
    "operator.logged_in": _logged_in,
    "operator.login_failed": _login_failed,
    "operator.deactivated": _deactivated,
}
