"""What the hub checks in a station's events. It never refuses one for its content.

A station's event is a fact that already happened; refusing it would stall the chain
behind it. An inspector returns `Finding`s instead: the event is stored, a flag is raised
and travels back to the station on pull (有警告, with the reason), until a later event on
the same record that the inspectors find clean settles it (or county staff clear it).

Services register their own checks (a waybill that belongs to another station, an
unknown biller product) with `register(kind, inspector)`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Connection

from station_app.core.events import Event
from station_app.core.money import MAX_FEN
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.protocol import money_keys


@dataclass(frozen=True)
class Finding:
    """Something wrong with one event: a stable reason code and an English message
    (translated on the station through the "hubflags" catalogue context)."""

    reason: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)


Inspector = Callable[[Connection, str, Event], list[Finding]]
_BY_KIND: dict[str, list[Inspector]] = {}
_ALWAYS: list[Inspector] = []


def register(kind: str | None, inspector: Inspector) -> None:
    """Run `inspector` on every new event of `kind` (every event when kind is None)."""
    if kind is None:
        _ALWAYS.append(inspector)
    else:
        _BY_KIND.setdefault(kind, []).append(inspector)


def inspect(conn: Connection, station_id: str, ev: Event) -> list[Finding]:
    found: list[Finding] = []
    for inspector in (*_ALWAYS, *_BY_KIND.get(ev.kind, ())):
        found.extend(inspector(conn, station_id, ev))
    return found


T = TypeVar("T")
_kept: ContextVar[dict[Hashable, Any] | None] = ContextVar("inspection_kept", default=None)


@contextmanager
def inspection() -> Iterator[None]:
    """Inspect one batch of a station's events, inside one transaction: what inspectors read
    through `kept` is read once for the whole batch (a bill's county catalogue, not once per
    bill), as of that transaction."""
    token = _kept.set({})
    try:
        yield
    finally:
        _kept.reset(token)


def kept(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, done once per `inspection` for each key (every time outside one). The key
    names everything the value depends on (e.g. the station)."""
    memo = _kept.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _known_kind(conn: Connection, station_id: str, ev: Event) -> list[Finding]:
    from station_app.core.replay import APPLIERS

    if ev.kind in APPLIERS:
        return []
    return [Finding("unknown_kind", QT_TRANSLATE_NOOP("hubflags", "The county hub does not know records of kind {kind} yet"),
                    {"kind": ev.kind})]


def _money_in_range(conn: Connection, station_id: str, ev: Event) -> list[Finding]:
    bad = [k for k in money_keys(ev.payload) if isinstance(ev.payload[k], int) and not 0 <= ev.payload[k] <= MAX_FEN]
    if not bad:
        return []
    return [Finding("amount_out_of_range", QT_TRANSLATE_NOOP("hubflags", "Amount {value} fen is out of range"),
                    {"value": ev.payload[bad[0]]})]


register(None, _known_kind)
register(None, _money_in_range)
