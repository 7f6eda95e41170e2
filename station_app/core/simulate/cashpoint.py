"""The simulated cash point (助农取款): villagers take cash from their bank cards at the bank's
terminal, the station pays it out from the voucher, and each morning the bank's settlement of
the day before is recorded — nearly always the same total, now and then 10 yuan off, so the
difference is flagged as a real one would be."""

from __future__ import annotations

import functools
import random
from datetime import timedelta

from station_app.clock import SHANGHAI
from station_app.core import cashpoint
from station_app.core.simulate.people import fake_name, known_person
from station_app.core.simulate.plan import DayPlan, Sim
from station_app.errors import UserError

#: the banks whose terminals village stations have, with the first six digits of their debit cards
BANKS = [("农业银行", "622848"), ("农村信用社", "621799"), ("邮储银行", "621799"), ("建设银行", "621700"),
         ("工商银行", "622202")]
#: what a villager takes out (yuan) and how often: living money, school fees, the seed bill
AMOUNTS_YUAN = [(100, 18), (200, 25), (300, 15), (500, 20), (800, 7), (1000, 10), (150, 3), (50, 2)]


def _card(rng: random.Random) -> tuple[str, str]:
    """A made-up debit card: (bank, 19 digits with a right Luhn digit)."""
    bank, bin_ = rng.choice(BANKS)
    body = bin_ + f"{rng.randrange(10**12):012d}"
    for last in "0123456789":
        if cashpoint.luhn_ok(body + last):
            return bank, body + last
    raise AssertionError("a Luhn digit always exists")


def cashpoint_day(sim: Sim, plan: DayPlan) -> None:
    """Two to eight withdrawals on most days (more after the 10th, when wages and subsidies come
    in), each from a villager's own card (most registered at the station, a few walk-ins),
    within the rules; one in a hundred voided the same day (the terminal reversed it). Before
    anything else in the morning, the bank's settlement of the days it has not settled:
    mostly matching, one in twenty-five 10 yuan off."""
    rng = sim.more
    local = sim.clock.now().astimezone(SHANGHAI)
    plan.later(8 * 60 + 20, functools.partial(_settle, sim))
    if local.weekday() == 6 and rng.random() < 0.5:
        return
    busy = 2 if local.day in range(10, 16) else 0
    for minute in sorted(rng.randint(8 * 60 + 30, 17 * 60 + 50) for _ in range(rng.randint(1, 6) + busy)):
        plan.later(minute, functools.partial(_withdraw, sim))


def _withdraw(sim: Sim) -> None:
    rng = sim.more
    cards: dict[str, tuple[str, str]] = sim.state.setdefault("bank_cards", {})
    person = known_person(sim, rng) if rng.random() < 0.8 else None
    if person is not None:
        bank, number = cards.setdefault(person.id, _card(rng))
        name, poverty = "", None
    else:
        bank, number = _card(rng)
        name, poverty = fake_name(rng), rng.random() < 0.1
    amount = rng.choices([a for a, _ in AMOUNTS_YUAN], weights=[w for _, w in AMOUNTS_YUAN])[0] * 100
    trace = sim.state["cashpoint_trace"] = sim.state.get("cashpoint_trace", rng.randrange(100_000, 900_000)) + 1
    swipe = rng.random() < 0.5  # swiped on the card reader, else typed from the card
    try:
        paid = cashpoint.pay_withdrawal(sim.db, sim.operator, card_number=f";{number}=2812?" if swipe else number,
                                        amount=amount, trace_no=f"{trace % 1_000_000:06d}", bank=bank,
                                        terminal_time=sim.clock.now() - timedelta(seconds=rng.randint(20, 90)),
                                        person_id=person.id if person else None, name=name, poverty=poverty)
    except UserError:  # the card's day limit, or the drawer cannot pay it: the villager comes back later
        sim.bump("cashpoint_refused")
        return
    sim.bump("cashpoint_withdrawals")
    if rng.random() < 0.01:
        cashpoint.void_withdrawal(sim.db, sim.operator, paid.id, reason="终端冲正，现金已收回")
        sim.bump("cashpoint_voided")


def _settle(sim: Sim) -> None:
    """The bank's statement of the days before today that it has not settled yet."""
    rng = sim.more
    for day in cashpoint.days_to_settle(sim.db):
        if day.state != cashpoint.UNSETTLED:
            continue  # settled with a difference: flagged until the bank's correction comes
        total, count = day.expected, day.withdrawals
        if rng.random() < 0.04:
            total += rng.choice([-1000, 1000])
        try:
            cashpoint.settle_day(sim.db, sim.operator, day=day.day, bank_total=max(0, total), bank_count=count,
                                 note="银行日结单")
        except UserError:
            continue
        sim.bump("cashpoint_days_settled")
        if total != day.expected:
            sim.bump("cashpoint_days_differing")

