"""What the hub checks in a station's events. It never refuses one for its content.

A station's event is a fact that already happened; refusing it would stall the chain
behind it. An inspector returns `Finding`s instead: the event is stored, a flag is raised
and travels back to the station on pull (有警告, with the reason), until a later event on
the same record that the inspectors find clean settles it (or county staff clear it).

Services register their own checks (a waybill that belongs to another station, an
unknown biller product) with `register(kind, inspector)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from station_app.core.events import Event
from station_app.core.money import MAX_FEN
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.protocol import MONEY_KEYS


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


def _known_kind(conn: Connection, station_id: str, ev: Event) -> list[Finding]:
    from station_app.core.replay import APPLIERS

    if ev.kind in APPLIERS:
        return []
    return [Finding("unknown_kind", QT_TRANSLATE_NOOP("hubflags", "The county hub does not know records of kind {kind} yet"),
                    {"kind": ev.kind})]


def _money_in_range(conn: Connection, station_id: str, ev: Event) -> list[Finding]:
    bad = [k for k, v in ev.payload.items()
           if (k in MONEY_KEYS or k.endswith("_fen")) and isinstance(v, int) and not 0 <= v <= MAX_FEN]
    if not bad:
        return []
    return [Finding("amount_out_of_range", QT_TRANSLATE_NOOP("hubflags", "Amount {value} fen is out of range"),
                    {"value": ev.payload[bad[0]]})]


register(None, _known_kind)
register(None, _money_in_range)
