"""The simulated keeper's cash day: the drawer counted at opening and close, paper bought now and
then, and cash taken to the bank."""

from __future__ import annotations

from station_app.core import cash
from station_app.core.simulate.plan import CLOSES, OPENS, DayPlan, Sim


def cash_open(sim: Sim) -> None:
    """The first thing of the day: count the drawer and open the cash day; change added when short."""
    sim.at(OPENS)
    if cash.open_period(sim.db) is None:
        expected = cash.drawer_balance(sim.db)
        counted = expected if sim.rng.random() < 0.9 else expected + sim.rng.choice([-100, 100, -50])
        cash.open_day(sim.db, sim.operator, counted=max(0, counted))
    if cash.drawer_balance(sim.db) < 20_000:
        cash.add_float(sim.db, sim.manager, amount=50_000, memo="零钱备用金")
    sim.bump("cash_days")


def cash_day(sim: Sim, plan: DayPlan) -> None:
    """The keeper's own cash during the day: thermal paper bought now and then, and before the count
    at the close most of a full drawer taken out for the bank."""
    rng = sim.rng

    def buy_paper() -> None:
        if cash.drawer_balance(sim.db) > 5000:
            cash.record_expense(sim.db, sim.operator, amount=rng.choice([1500, 2800, 4000]), category="supplies",
                                memo="热敏纸")

    def to_the_bank() -> None:
        if cash.drawer_balance(sim.db) > 300_000:
            cash.take_cash(sim.db, sim.manager, amount=200_000, memo="存入银行")

    if rng.random() < 0.15:
        plan.later(rng.randint(10 * 60, 17 * 60), buy_paper)
    plan.later(CLOSES - 1, to_the_bank)


def cash_close(sim: Sim) -> None:
    """The last thing of the day, after every activity: count the drawer and close the cash day."""
    sim.at(CLOSES)
    expected = cash.drawer_balance(sim.db)
    counted = expected if sim.rng.random() < 0.92 else max(0, expected + sim.rng.choice([-200, -100, 50, 100]))
    cash.close_day(sim.db, sim.operator, counted=counted)
