"""Shared records: state both the hub and the station can move (DESIGN §6, reference (b) 9).

A shared record's state is never "the last write": it is derived from the set of claims
made about it (each event's "this parcel is now X"), through a state machine with ranked
states. The derivation is a pure function of the set, so both ends reach the same state
whatever order the claims arrive in and however often one is delivered again.

- The highest-ranked state claimed wins (a parcel picked up stays picked up even if the
  "notified" claim arrives later).
- Two different states at the top rank (picked up *and* returned) are a conflict: the
  state is undecided and the conflict is surfaced, never dropped.
- Declared clashes (the hub asked for a return, the villager already took the parcel)
  keep the higher state but surface the conflict for a person.
- A person settles a conflict with a claim that names the claims it `settles`; a new
  clashing claim arriving later raises the conflict again.

    merged = PARCEL.merge(claims)
    merged.state, merged.conflict      # 'picked_up', ('picked_up', 'return_requested')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

STATION, HUB = "station", "hub"


@dataclass(frozen=True)
class Claim:
    """One event's say about a shared record: its id (unique on both ends: the station
    event id or 'hub:<hub_seq>'), the state it moves to, who made it, what it settles."""

    id: str
    state: str
    origin: str = STATION
    settles: frozenset[str] = field(default_factory=frozenset)

    def key(self) -> tuple[str, str, str, tuple[str, ...]]:
        """A total order (the same id twice must be the same claim; if not, both ends keep the same one)."""
        return self.id, self.state, self.origin, tuple(sorted(self.settles))

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "state": self.state, "origin": self.origin}
        if self.settles:
            out["settles"] = sorted(self.settles)
        return out

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Claim:
        return cls(obj["id"], obj["state"], obj.get("origin", STATION), frozenset(obj.get("settles", ())))


@dataclass(frozen=True)
class Merged:
    """The derived state (None while a conflict leaves it undecided) and the conflict, if any."""

    state: str | None
    conflict: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def settled(self) -> bool:
        return not self.conflict


@dataclass(frozen=True)
class Machine:
    ranks: Mapping[str, int]
    clashes: frozenset[frozenset[str]] = frozenset()

    def merge(self, claims: Iterable[Claim]) -> Merged:
        """The state of a record from every claim made about it (order and repeats don't matter)."""
        unique: dict[str, Claim] = {}
        for c in claims:
            unique[c.id] = max(unique[c.id], c, key=Claim.key) if c.id in unique else c
        everything = tuple(sorted(unique.values(), key=Claim.key))
        settled: frozenset[str] = frozenset().union(*(c.settles for c in everything))
        live = [c for c in everything if c.id not in settled]
        if not live:
            return Merged(None, (), everything)
        unknown = sorted({c.state for c in live if c.state not in self.ranks})
        top = max(self.ranks.get(c.state, -1) for c in live)
        tops = sorted({c.state for c in live if self.ranks.get(c.state, -1) == top})
        states = {c.state for c in live}
        conflict = set(unknown)
        if len(tops) > 1:
            conflict.update(tops)
        for pair in self.clashes:
            if pair <= states:
                conflict.update(pair)
        state = tops[0] if len(tops) == 1 and tops[0] in self.ranks else None
        return Merged(state, tuple(sorted(conflict)), everything)

    def allows(self, merged: Merged, state: str) -> bool:
        """Whether a new claim of `state` moves the record forward (for validating an action)."""
        if state not in self.ranks:
            return False
        if merged.state is None:
            return not merged.claims
        return self.ranks[state] > self.ranks[merged.state]

    def resolve(self, merged: Merged, claim_id: str, state: str, origin: str = STATION) -> Claim:
        """A person's decision: `state` wins over every claim now in conflict."""
        if state not in self.ranks:
            raise ValueError(f"unknown state {state!r}")
        return Claim(claim_id, state, origin, frozenset(c.id for c in merged.claims if c.state in merged.conflict))


def fold(stored: str | None, claim: Claim) -> str:
    """Add one claim to a record's stored claim set (canonical JSON), for an applier to keep
    in a column: the same set gives the same text on both ends, in any order."""
    claims = {c.id: c for c in load(stored)}
    claims[claim.id] = max(claims[claim.id], claim, key=Claim.key) if claim.id in claims else claim
    return json.dumps([c.as_json() for c in sorted(claims.values(), key=Claim.key)], ensure_ascii=False,
                      separators=(",", ":"))


def load(stored: str | None) -> list[Claim]:
    return [Claim.from_json(obj) for obj in json.loads(stored)] if stored else []


#: parcels both ends touch: the county sends `expected` and may ask for a return; the station
#: records arrival, the notice, the pickup or the return.
PARCEL = Machine(
    ranks={"expected": 0, "arrived": 1, "notified": 2, "return_requested": 3, "picked_up": 4, "returned": 4},
    clashes=frozenset({frozenset({"return_requested", "picked_up"})}),
)
