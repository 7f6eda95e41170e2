"""County staff's dashboard sessions, kept on the hub (`staff_sessions`), and their CSRF tokens.

The cookie holds a random value (256 bits). The hub stores only its HMAC under the hub's
secret (`sync.hub.hub_secret`), never the value: someone who reads the database cannot use a
session, and someone who writes to it cannot make one. A session ends at logout, after
SESSION_SECONDS, and when the staff member's password is set again (the row remembers the
password's salt). The CSRF token of a session is another HMAC of the cookie value: the pages
put it in their forms, and `sync.hub.middleware` checks it on every state-changing request
that carries the cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from sqlalchemy import Column, MetaData, String, Table, and_, delete, insert, select, update

from station_app.clock import iso
from sync.hub.db import admins, reading, writing
from sync.hub.service_db import ensure_once
from sync.hub.store import Hub

COOKIE = "vs_county"
SESSION_SECONDS = 12 * 3600
metadata = MetaData()

staff_sessions = Table(
    "staff_sessions", metadata,
    Column("key", String(64), primary_key=True),  # HMAC(hub secret, cookie value)
    Column("name", String(60), nullable=False),
    Column("password_salt", String(64), nullable=False),  # the password it was opened with
    Column("address", String(64), nullable=False, default=""),
    Column("created_at", String(30), nullable=False),
    Column("expires_at", String(30), nullable=False),
    Column("ended_at", String(30)),
)


def ensure_table(hub: Hub) -> None:
    ensure_once(hub.engine, metadata)


def _key(hub: Hub, value: str) -> str:
    return hmac.new(hub.secret, b"session:" + value.encode("utf-8", "replace"), hashlib.sha256).hexdigest()


def csrf_token(hub: Hub, value: str) -> str:
    """The CSRF token of the session whose cookie value is `value`."""
    return hmac.new(hub.secret, b"csrf:" + value.encode("utf-8", "replace"), hashlib.sha256).hexdigest()


def csrf_ok(hub: Hub, value: str, token: str) -> bool:
    return bool(value) and hmac.compare_digest(csrf_token(hub, value), token or "")


def start(hub: Hub, name: str, address: str = "") -> str:
    """A new session for a staff member who just logged in; returns the cookie value."""
    ensure_table(hub)
    now = hub.clock.now()
    value = secrets.token_urlsafe(32)
    with writing(hub.engine) as conn:
        salt = conn.execute(select(admins.c.password_salt).where(admins.c.name == name)).scalar()
        if salt is None:
            raise ValueError(f"no county staff login {name!r}")
        conn.execute(delete(staff_sessions).where(staff_sessions.c.expires_at < iso(now - timedelta(days=1))))
        conn.execute(insert(staff_sessions).values(
            key=_key(hub, value), name=name, password_salt=salt, address=address[:64], created_at=iso(now),
            expires_at=iso(now + timedelta(seconds=SESSION_SECONDS))))
    return value


def user(hub: Hub, value: str | None) -> str | None:
    """The staff member of a live session (not ended, not expired, password unchanged), or None."""
    if not value or len(value) > 100:
        return None
    ensure_table(hub)
    with reading(hub.engine) as conn:
        row = conn.execute(
            select(staff_sessions.c.name)
            .select_from(staff_sessions.join(admins, and_(admins.c.name == staff_sessions.c.name,
                                                          admins.c.password_salt == staff_sessions.c.password_salt)))
            .where(and_(staff_sessions.c.key == _key(hub, value), staff_sessions.c.ended_at.is_(None),
                        staff_sessions.c.expires_at > hub.now()))).first()
    return str(row.name) if row else None


def end(hub: Hub, value: str | None) -> bool:
    """Logout: the session ends on the hub (its cookie is worth nothing from now on)."""
    if not value:
        return False
    ensure_table(hub)
    with writing(hub.engine) as conn:
        done = conn.execute(update(staff_sessions).where(and_(staff_sessions.c.key == _key(hub, value),
                                                              staff_sessions.c.ended_at.is_(None)))
                            .values(ended_at=hub.now()))
    return bool(done.rowcount)


def end_all(hub: Hub, name: str) -> int:
    """End every session of a staff member (their password was set again, or they were removed)."""
    ensure_table(hub)
    with writing(hub.engine) as conn:
        done = conn.execute(update(staff_sessions).where(and_(staff_sessions.c.name == name,
                                                              staff_sessions.c.ended_at.is_(None)))
                            .values(ended_at=hub.now()))
    return int(done.rowcount or 0)
