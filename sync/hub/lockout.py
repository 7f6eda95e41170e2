"""Wrong passwords slow the guesser down: per staff name and per address, with backoff.

After FREE wrong passwords in a row, a name (or an address) must wait 30 s, then twice as long
after each further wrong one, at most an hour; a right password clears the name and the
address. The wait is checked before the password is (an scrypt costs 16 MB and tens of ms; a
locked-out attempt costs one indexed read), and at most SCRYPT_AT_ONCE password checks run at
once, so a flood of logins cannot take the hub's memory either.

The counts live in the hub's database (`login_failures`), so a restart does not reset them
and several hub processes share them.
"""

from __future__ import annotations

import ipaddress
import threading
from datetime import timedelta

from sqlalchemy import Column, Integer, MetaData, String, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from station_app.clock import iso, parse_iso
from sync.hub.db import reading, writing
from sync.hub.service_db import ensure_once
from sync.hub.store import Hub

FREE = 5  # wrong passwords in a row before any wait
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
SCRYPT_AT_ONCE = 2
metadata = MetaData()

login_failures = Table(
    "login_failures", metadata,
    Column("key", String(120), primary_key=True),  # "name:<staff name>" or "addr:<address or /64>"
    Column("failures", Integer, nullable=False),
    Column("last_at", String(30), nullable=False),
    Column("locked_until", String(30)),
)

password_checks = threading.BoundedSemaphore(SCRYPT_AT_ONCE)


def address_key(address: str) -> str:
    """The address a limit applies to: an IPv4 address, or the /64 an IPv6 address is in."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6 and not ip.is_loopback:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _keys(name: str, address: str) -> list[str]:
    return [f"name:{name[:100]}", f"addr:{address_key(address)}"]


def wait_seconds(hub: Hub, name: str, address: str) -> int:
    """How long this name or address must wait before trying a password again (0: now)."""
    ensure_once(hub.engine, metadata)
    now = hub.clock.now()
    with reading(hub.engine) as conn:
        rows = conn.execute(select(login_failures.c.locked_until)
                            .where(login_failures.c.key.in_(_keys(name, address)))).all()
    waits = [(parse_iso(r.locked_until) - now).total_seconds() for r in rows if r.locked_until]
    return max(0, int(max(waits, default=0) + 0.999))


def failed(hub: Hub, name: str, address: str) -> int:
    """Count a wrong password for the name and the address; returns the wait it now causes."""
    ensure_once(hub.engine, metadata)
    now = hub.clock.now()
    longest = 0
    for key in _keys(name, address):
        for _attempt in range(3):
            try:
                with writing(hub.engine) as conn:
                    row = conn.execute(select(login_failures.c.failures).where(login_failures.c.key == key)).first()
                    failures = (row.failures if row else 0) + 1
                    wait = wait_after(failures)
                    values = {"failures": failures, "last_at": iso(now),
                              "locked_until": iso(now + wait) if wait else None}
                    if row is None:
                        conn.execute(insert(login_failures).values(key=key, **values))
                    else:
                        conn.execute(update(login_failures).where(login_failures.c.key == key).values(**values))
                longest = max(longest, int(wait.total_seconds()))
                break
            except IntegrityError:
                continue  # another request counted the first failure at the same time
    return longest


def succeeded(hub: Hub, name: str, address: str) -> None:
    """A right password: the name and the address start again from nothing."""
    ensure_once(hub.engine, metadata)
    with writing(hub.engine) as conn:
        conn.execute(delete(login_failures).where(login_failures.c.key.in_(_keys(name, address))))


def wait_after(failures: int) -> timedelta:
    """The wait a run of `failures` wrong passwords causes."""
    if failures < FREE:
        return timedelta(0)
    return min(LONGEST_WAIT, FIRST_WAIT * 2 ** min(failures - FREE, 12))


def check(hub: Hub, name: str, password: str, address: str) -> tuple[bool, int]:
    """(right password, seconds to wait). A name or address that must wait is not checked at
    all (False, wait); a wrong password is counted (False, the wait it causes, maybe 0)."""
    wait = wait_seconds(hub, name, address)
    if wait:
        return False, wait
    with password_checks:
        right = hub.check_admin(name, password)
    if right:
        succeeded(hub, name, address)
        return True, 0
    return False, failed(hub, name, address)
