"""Simulated bill payments and top-ups, the county's answers to them, and refunds."""

from __future__ import annotations

import contextlib
import functools
import random
from typing import Any

from station_app.clock import iso
from station_app.core import bills, people
from station_app.core.identity import id_check_digit
from station_app.core.simulate.county import DEMO, county_sends
from station_app.core.simulate.people import fake_phone
from station_app.core.simulate.plan import OPENS, DayPlan, Sim
from station_app.db import Store
from station_app.errors import UserError

BILL_MIX = [("phone", 0.5), ("electricity", 0.25), ("water", 0.08), ("cable_tv", 0.07), ("health_insurance", 0.1)]


def _bill_account(sim: Sim, kind: str, person: people.Person | None) -> str:
    rng = sim.rng
    if kind == "phone":
        return person.phone if person and person.phone and rng.random() < 0.8 else fake_phone(rng)
    if kind == "health_insurance":
        first17 = (f"3621{rng.randint(21, 35):02d}{rng.randint(1945, 2020)}{rng.randint(1, 12):02d}"
                   f"{rng.randint(1, 28):02d}{rng.randrange(1000):03d}")
        return first17 + id_check_digit(first17)
    accounts: dict[tuple[str, str | None], str] = sim.state.setdefault("bill_accounts", {})
    key = (kind, person.id if person else None)
    if key not in accounts or person is None:
        accounts[key] = str(rng.randrange(10**11, 10**12)) if kind != "water" else str(rng.randrange(10**7, 10**8))
    return accounts[key]


def bills_day(sim: Sim, plan: DayPlan) -> None:
    """5-15 bill payments and top-ups of mixed kinds; the county's answers at two syncs (midday and
    evening), simulated when no hub runs here (an enrolled station gets them from its hub's
    biller); refunds when villagers come back for them."""
    db, rng = sim.db, sim.rng

    def catalogue() -> None:
        if not bills.catalogue(db).from_county:
            version = f"示范县-2026-1{DEMO}"
            county_sends(db, [("county.biller_catalogue", version, {**bills.DEFAULT_CATALOGUE, "version": version})])

    def refund(bill_id: str) -> None:
        with contextlib.suppress(UserError):
            bills.refund_bill(db, sim.operator, bill_id=bill_id)
            sim.bump("bills_refunded")

    def results() -> None:
        for status, count in simulated_results(db, rng).items():
            sim.bump(f"bills_result_{status}", count)

    if sim.county_here:
        plan.later(OPENS, catalogue)
    for bill in bills.refunds_due(db):
        if rng.random() < 0.7:
            plan.later(rng.randint(9 * 60, 17 * 60 + 30), functools.partial(refund, bill.id))
    n = rng.randint(5, 15)
    for i, minute in enumerate(sorted(rng.randint(9 * 60, 17 * 60 + 30) for _ in range(n))):
        if i == n // 2 and sim.county_here:
            plan.later(minute, results)
        plan.later(minute, functools.partial(_pay_bill, sim))
    if sim.county_here:
        plan.later(17 * 60 + 50, results)


def _pay_bill(sim: Sim) -> None:
    db, rng = sim.db, sim.rng
    products = bills.catalogue(db).products
    kind = rng.choices([k for k, _ in BILL_MIX], weights=[w for _, w in BILL_MIX])[0]
    product = rng.choice([p for p in products if p.kind == kind] or list(products))
    person = sim.person() if rng.random() < 0.7 else None
    account = _bill_account(sim, product.kind, person)
    if rng.random() < 0.05 and "last_bill" in sim.state:
        product, account = sim.state["last_bill"]  # the same account again: the operator is warned
    amount = (None if product.fixed_amount is not None else rng.choice(product.face_values) if product.face_values
              else min(product.max_fen, max(product.min_fen, rng.randrange(20, 400) * 100 + rng.choice([0, 50, 35]))))
    total = bills.quote(db, product_id=product.id, amount=amount).total
    cash_given = total if rng.random() < 0.4 else (total // 5_000 + 1) * 5_000
    typed = account[:-1] if rng.random() < 0.04 else account  # a digit dropped: refused, typed again
    for attempt in (typed, account):
        try:
            bills.accept_payment(db, sim.operator, product_id=product.id, account=attempt, amount=amount,
                                 cash_received=cash_given, payer_id=person.id if person else None,
                                 payer_name="" if person else rng.choice(["", "过路客"]),
                                 confirm_duplicate=rng.random() < 0.3)
            sim.bump("bills")
            sim.state["last_bill"] = (product, account)
            break
        except bills.DuplicatePayment:
            sim.bump("bills_duplicate_declined")
            break
        except UserError:
            sim.bump("bills_refused")


def simulated_results(db: Store, rng: random.Random, *, paid: float = 0.85, failed: float = 0.06,
                      repeat: float = 0.05) -> dict[str, int]:
    """What the county would send back after a sync: for each waiting bill paid, failed or still
    pending (the rest); now and then a result sent twice. Returns counts per status sent."""
    now = iso(db.clock.now())
    items: list[tuple[str, str, dict[str, Any]]] = []
    counts = {"paid": 0, "failed": 0, "pending": 0, "repeat": 0}
    for bill in bills.waiting(db):
        roll = rng.random()
        if roll < paid:
            status, ref = "paid", f"SIM{rng.randrange(10**12):012d}"
        elif roll < paid + failed:
            status, ref = "failed", ""
        elif bill.state == bills.ACCEPTED:
            status, ref = "pending", ""
        else:
            continue
        message = DEMO + ("模拟缴费，未真实缴纳" if status != "failed" else rng.choice(["户号不存在", "运营商维护中",
                                                                               "账户已销户"]))
        payload = bills.result_payload(bill.id, status, biller_ref=ref, message=message, at=now)
        items.append(("county.bill_result", bill.id, payload))
        counts[status] += 1
        if rng.random() < repeat:
            items.append(("county.bill_result", bill.id, payload))
            counts["repeat"] += 1
    if items:
        county_sends(db, items)
    return counts
