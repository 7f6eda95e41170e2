"""Realistic station activity through the real core actions (demo data, benchmarks, tests).

A simulated day is one plan: every service puts its timed activities (a minute of the local
day and what happens then) into the day's `DayPlan`, which runs them in time order between
opening the cash day and the daily close, as the one counter of a real station interleaves
them. Everything goes through the same functions an operator's clicks call, so simulated
stations exercise the real code paths.

Where things live: `plan` (opening hours, `Sim`, `DayPlan`), `people` (made-up villagers, names,
phones and places), `county` (what the county sends, `county_sends`), and one module a service:
`cash`, `parcels`, `bills`, `consignment` (with proxy and online orders), `training`; and
`county_office`, the files a demo county's office uploads to its hub (`station-hub demo`). Each
service's `<service>_day(sim, plan)` puts its activities into the day; `SERVICES` lists them in
the order they plan (which the random draws, and so a seed's events, depend on). The services
added later — `cashpoint` (助农取款), `services` (便民服务台账 and the county's notices),
`farm_inputs` (农资), `training_archive` (on-site photos, archive documents) and `followups`
(trainees called: a shop, a job, a business and the jobs it made) — draw from a stream of their
own (`Sim.more`, from the same seed) and register nobody new, so the older services' draws
change only where what the new ones did changes what they see. Callers use the package
(`simulate.run`, `simulate.county_sends`, ...), not its modules.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from station_app.clock import SHANGHAI, FixedClock, parse_iso
from station_app.core.cash import drawer_balance
from station_app.core.events import hlc_ms, last_seq
from station_app.core.operators import OPERATOR, Operator, add_operator, list_operators, login
from station_app.core.simulate import county_office
from station_app.core.simulate.bills import BILL_MIX, bills_day
from station_app.core.simulate.cash import cash_close, cash_day, cash_open
from station_app.core.simulate.cashpoint import cashpoint_day
from station_app.core.simulate.consignment import CATALOGUE, PRODUCE, REQUESTS, consignment_day
from station_app.core.simulate.county import DEMO, DEMO_COUNTY, county_sends, enrolled
from station_app.core.simulate.farm_inputs import farm_inputs_day
from station_app.core.simulate.followups import followups_day
from station_app.core.simulate.parcels import (
    CARRIER_MIX,
    COURIERS,
    FARM_GOODS,
    OTHER_GOODS,
    parcels_day,
)
from station_app.core.simulate.people import (
    CITIES,
    GIVEN,
    SURNAMES,
    VILLAGES,
    fake_name,
    fake_phone,
    new_person,
    registry_day,
)
from station_app.core.simulate.plan import CLOSES, OPENS, Activity, DayPlan, Sim
from station_app.core.simulate.services import services_day
from station_app.core.simulate.training import (
    LECTURERS,
    TRAINING_ENDS,
    TRAINING_STARTS,
    TRAINING_TITLES,
    training_day,
)
from station_app.core.simulate.training_archive import archive_day
from station_app.core.station import create_station, get_station
from station_app.db import Store
from station_app.errors import UserError

__all__ = [
    "BILL_MIX",
    "CARRIER_MIX",
    "CATALOGUE",
    "CITIES",
    "CLOSES",
    "COURIERS",
    "DEMO",
    "DEMO_COUNTY",
    "DEMO_MANAGER",
    "DEMO_OPERATOR",
    "FARM_GOODS",
    "GIVEN",
    "LECTURERS",
    "OPENS",
    "OTHER_GOODS",
    "PRODUCE",
    "REQUESTS",
    "SERVICES",
    "SURNAMES",
    "TRAINING_ENDS",
    "TRAINING_STARTS",
    "TRAINING_TITLES",
    "VILLAGES",
    "Activity",
    "DayPlan",
    "Sim",
    "Simulation",
    "archive_day",
    "bills_day",
    "cash_close",
    "cash_day",
    "cash_open",
    "cashpoint_day",
    "consignment_day",
    "county_office",
    "county_sends",
    "enrolled",
    "fake_name",
    "fake_phone",
    "farm_inputs_day",
    "followups_day",
    "new_person",
    "parcels_day",
    "registry_day",
    "run",
    "services_day",
    "setup",
    "station_day",
    "training_day",
]

DEMO_MANAGER = ("王建国", "1234")
DEMO_OPERATOR = ("李秀英", "5678")


# every service's day goes into one plan, between opening the cash day and the daily close
SERVICES: list[Callable[[Sim, DayPlan], None]] = [cash_day, registry_day, parcels_day, bills_day, consignment_day,
                                                  training_day, cashpoint_day, services_day, farm_inputs_day,
                                                  archive_day, followups_day]


def station_day(sim: Sim) -> None:
    """One working day: open the cash day, every service's activities in time order, then the close."""
    cash_open(sim)
    plan = DayPlan()
    for service in SERVICES:
        service(sim, plan)
    plan.run(sim)
    cash_close(sim)


def setup(db: Store, *, name: str = "幸福村电商服务站", village: str = "幸福村", county: str = "示范县"
          ) -> tuple[Operator, Operator]:
    """The demo station and its two operators (created on first use)."""
    if get_station(db) is None:
        _, manager = create_station(db, name=name, village=village, county=county,
                                    manager_name=DEMO_MANAGER[0], manager_pin=DEMO_MANAGER[1])
        add_operator(db, manager, name=DEMO_OPERATOR[0], role=OPERATOR, pin=DEMO_OPERATOR[1])
    ops = {o.name: o for o in list_operators(db)}
    return ops.get(DEMO_MANAGER[0]) or list_operators(db)[0], ops.get(DEMO_OPERATOR[0]) or list_operators(db)[-1]


def _opening(when: datetime) -> datetime:
    """The station's opening time on the local day of `when`."""
    return when.astimezone(SHANGHAI).replace(hour=OPENS // 60, minute=OPENS % 60, second=0, microsecond=0)


class Simulation:
    """A simulated station, a day at a time (`day()`), so a caller can sync it between days
    (`station-hub demo`). The station's PC clock is the simulation's while a day runs, and the
    real one between days. On a station enrolled with a hub the simulation plays only the
    station: the county's data comes from the hub (`county`)."""

    def __init__(self, db: Store, days: int, seed: int = 1, end: datetime | None = None, **station: str) -> None:
        self.db, self.days, self.seed = db, days, seed
        self.started = time.perf_counter()
        self.seq0 = last_seq(db)
        self.real_clock = db.clock
        end = end or datetime.now(UTC)
        self.start_day = _opening(end - timedelta(days=days))
        if self.seq0:
            last_at = datetime.fromtimestamp(hlc_ms(db.value("SELECT hlc FROM events ORDER BY seq DESC LIMIT 1")) / 1000,
                                             UTC)
            self.start_day = max(self.start_day, _opening(last_at + timedelta(days=1)))
        self.clock = FixedClock(self.start_day)
        self.done = 0
        with self._simulated_clock():
            manager, operator = setup(db, **station)
            for op in (manager, operator):
                pin = DEMO_MANAGER[1] if op.name == DEMO_MANAGER[0] else DEMO_OPERATOR[1]
                with contextlib.suppress(UserError):  # a changed demo PIN only skips the login
                    login(db, op.id, pin)
        self.sim = Sim(db, random.Random(seed), self.clock, manager, operator, county_here=not enrolled(db),
                       more=random.Random(f"more-services:{seed}"))

    @contextlib.contextmanager
    def _simulated_clock(self) -> Iterator[None]:
        self.db.clock = self.clock
        try:
            yield
        finally:
            self.db.clock = self.real_clock

    @contextlib.contextmanager
    def clock_at(self, when: datetime) -> Iterator[None]:
        """The station's PC clock at `when` (a time of the simulated days, never backwards) for
        the block: the station syncs in its own evening, as a real one does."""
        self.clock.set(max(when, datetime.fromtimestamp(self.clock.t, UTC)))
        with self._simulated_clock():
            yield

    @property
    def next_day(self) -> datetime:
        """The opening time of the day `day()` simulates next."""
        return self.start_day + timedelta(days=self.done)

    def day(self) -> None:
        """Simulate the next working day."""
        with self._simulated_clock():
            self.clock.set(self.next_day)
            self.sim.county_here = not enrolled(self.db)
            station_day(self.sim)
        self.done += 1

    def summary(self) -> dict[str, Any]:
        """The one JSON line `station-app simulate` prints."""
        events_made = last_seq(self.db) - self.seq0
        first = self.db.value("SELECT station_time FROM events WHERE seq = ?", (self.seq0 + 1,))
        return {
            "days": self.done,
            "seed": self.seed,
            "events": events_made,
            "first_day": parse_iso(first).astimezone(SHANGHAI).date().isoformat() if first else None,
            "county_data": "simulated here (demo)" if self.sim.county_here else "from the county hub",
            **dict(sorted(self.sim.counts.items())),
            "drawer_fen": drawer_balance(self.db),
            "seconds": round(time.perf_counter() - self.started, 2),
        }


def run(db: Store, days: int, seed: int = 1, end: datetime | None = None) -> dict[str, Any]:
    """Simulate `days` working days ending yesterday (or after the file's last event)."""
    simulation = Simulation(db, days, seed, end)
    for _ in range(days):
        simulation.day()
    return simulation.summary()
