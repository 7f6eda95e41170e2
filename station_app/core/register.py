"""The county's poverty register (建档立卡贫困户) at the station: households and their members
as the county imported them on the hub, so the counter recognises a member and services are
counted per household against the register, never by a flag set by hand.

What arrives (`county.register_household`, one hub event per household) is what recognising a
member needs and no more: the household number, its village, 脱贫 status and model-household
mark, and per member the ID hash under THIS station's key (`core.identity`, computed on the hub
with the key the station escrowed at enrollment), the last four ID characters and the name with
all but its first character hidden. Never a whole ID number: a person registered here with
their ID number is a member exactly when the hashes are equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from station_app.core.events import Event
from station_app.db import Store
from station_app.db.store import Row
from station_app.i18n import QT_TRANSLATE_NOOP

POOR, LIFTED, MONITORED = "poor", "lifted", "monitored"
#: 脱贫 status as the county's register gives it
STATUSES: dict[str, str] = {
    POOR: QT_TRANSLATE_NOOP("register", "Not yet lifted out of poverty"),
    LIFTED: QT_TRANSLATE_NOOP("register", "Lifted out of poverty"),
    MONITORED: QT_TRANSLATE_NOOP("register", "Monitored against falling back"),
}
#: SQL: is the person `p` a member of the county's register (by the keyed ID hash)?
IN_REGISTER = "EXISTS (SELECT 1 FROM register_members rm WHERE rm.id_hash = p.id_hash)"


@dataclass(frozen=True)
class RegisterHousehold:
    household_no: str
    village_code: str
    village: str
    status: str
    model: bool  # a model household (示范户)
    members: int


@dataclass(frozen=True)
class RegisterFigures:
    """This station's share of the register and whom it served in the days given."""

    households: int  # households of the register sent to this station
    model_households: int
    households_reached: int  # of those, households with a member served
    model_reached: int
    people_reached: int  # register members served
    times: int  # services to register members


def _household(r: Row) -> RegisterHousehold:
    return RegisterHousehold(r["household_no"], r["village_code"], r["village"], r["status"], bool(r["model"]),
                             r["members"])


def household_of(db: Store, person_id: str) -> RegisterHousehold | None:
    """The register household a registered person belongs to (by their ID hash), or None."""
    r = db.row("SELECT h.* FROM people p JOIN register_members m ON m.id_hash = p.id_hash "
               "JOIN register_households h ON h.household_no = m.household_no WHERE p.id = ?", (person_id,))
    return _household(r) if r else None


def households(db: Store) -> list[RegisterHousehold]:
    return [_household(r) for r in db.rows("SELECT * FROM register_households ORDER BY village, household_no")]


def members_here(db: Store) -> list[tuple[str, str]]:
    """(person id, household number) of every person registered here who is in the register."""
    return [(r["id"], r["household_no"]) for r in db.rows(
        "SELECT p.id, m.household_no FROM people p JOIN register_members m ON m.id_hash = p.id_hash ORDER BY p.id")]


def figures(db: Store, served: list[tuple[str, str, int]]) -> RegisterFigures:
    """The register figures from `served` ((person key, service, fen) of the days, as
    `reports` collects them): households reached against the households sent here."""
    member_of = dict(members_here(db))
    model = {r["household_no"] for r in db.rows("SELECT household_no FROM register_households WHERE model = 1")}
    people = {who for who, _, _ in served if who in member_of}
    reached = {member_of[who] for who in people}
    return RegisterFigures(
        households=int(db.value("SELECT count(*) FROM register_households", default=0)),
        model_households=len(model), households_reached=len(reached), model_reached=len(reached & model),
        people_reached=len(people), times=sum(1 for who, _, _ in served if who in member_of))


# -- appliers ------------------------------------------------------------------------------------


def _register_household(db: Store, ev: Event) -> None:
    """One household of the county's register, as it stands now (members replaced), or removed."""
    p: dict[str, Any] = ev.payload
    number = ev.entity_id
    db.execute("DELETE FROM register_members WHERE household_no = ?", (number,))
    if p.get("removed"):
        db.execute("DELETE FROM register_households WHERE household_no = ?", (number,))
        return
    members = [m for m in p.get("members") or [] if isinstance(m, dict) and m.get("id_hash")]
    db.execute("INSERT OR REPLACE INTO register_households (household_no, village_code, village, status, model, members) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               (number, str(p.get("village_code") or ""), str(p.get("village") or ""),
                p.get("status") if p.get("status") in STATUSES else POOR, int(bool(p.get("model"))), len(members)))
    for m in members:
        db.execute("INSERT OR REPLACE INTO register_members (id_hash, household_no, id_masked, name_masked) "
                   "VALUES (?, ?, ?, ?)", (str(m["id_hash"]), number, str(m.get("id_masked") or ""),
                                           str(m.get("name_masked") or "")))


APPLY = {"county.register_household": _register_household}
