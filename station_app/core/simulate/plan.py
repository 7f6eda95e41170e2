"""The plan of a simulated day: the station's opening hours, what the simulation carries from
day to day (`Sim`), and the `DayPlan` every service puts its timed activities into."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from station_app.clock import SHANGHAI, FixedClock
from station_app.core import people
from station_app.core.operators import Operator
from station_app.core.simulate.people import new_person
from station_app.db import Store

OPENS, CLOSES = 8 * 60, 18 * 60 + 30  # the station's hours, in minutes of the local day


@dataclass
class Sim:
    db: Store
    rng: random.Random
    clock: FixedClock
    manager: Operator
    operator: Operator
    counts: dict[str, int] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)  # what a service remembers between days
    #: the simulation plays the county too (the station is not enrolled with a hub: `county`)
    county_here: bool = True
    #: the random draws of the services added later (cash point, service ledger, farm inputs,
    #: training archives): a stream of its own from the same seed, so the draws of the older
    #: services, and what a seed makes of them, stay as they were
    more: random.Random = field(default_factory=lambda: random.Random(0))

    def bump(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def at(self, minute: int) -> None:
        """Move the clock to a minute of the current local day (a random second in it), never backwards."""
        now = self.clock.pc_now().astimezone(SHANGHAI)
        target = now.replace(hour=minute // 60, minute=minute % 60, second=self.rng.randint(0, 59))
        if target > now:
            self.clock.set(target)

    def person(self) -> people.Person:
        """An existing villager most of the time, a new one sometimes."""
        known = people.count_people(self.db)
        if known > 20 and self.rng.random() < 0.8:
            row = self.db.row("SELECT id FROM people LIMIT 1 OFFSET ?", (self.rng.randrange(known),))
            assert row is not None  # fewer than `known` people: nobody deletes a person
            return people.get_person(self.db, row["id"])
        return new_person(self)


Activity = Callable[[], object]


@dataclass
class DayPlan:
    """One day of the station's work: activities at minutes of the local day, done in time order
    (those at the same minute in the order they were planned), all within opening hours."""

    activities: list[tuple[int, int, Activity]] = field(default_factory=list)

    def later(self, minute: int, activity: Activity) -> None:
        """Plan `activity` at `minute` of the day; ValueError outside opening hours."""
        if not OPENS <= minute < CLOSES:
            raise ValueError(f"{minute // 60:02d}:{minute % 60:02d} is outside opening hours")
        self.activities.append((minute, len(self.activities), activity))

    def run(self, sim: Sim) -> None:
        """Do the activities in time order, the clock set to each one's minute (never backwards)."""
        for minute, _, activity in sorted(self.activities, key=lambda a: a[:2]):
            sim.at(minute)
            activity()
