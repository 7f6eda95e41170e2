"""Simulated farm inputs (农资): villagers order the county catalogue's seed and fertiliser at the
station, more in the sowing months; the co-op's van brings them the next morning and the
villager collects them that day, the batch number on the bag and the producer recorded at the
sale (the trace chain: who bought which batch of whose product)."""

from __future__ import annotations

import contextlib
import functools

from station_app.clock import SHANGHAI, parse_iso
from station_app.core import proxy_orders as po
from station_app.core.simulate.people import known_person
from station_app.core.simulate.plan import DayPlan, Sim
from station_app.errors import UserError

#: the catalogue items (`consignment.CATALOGUE`) that are farm inputs: their kind and producer
FARM_INPUTS = {"cat-fert": ("fertiliser", "江西贵溪化肥有限责任公司"), "cat-seed": ("seed", "江西金信种业有限公司")}
SOWING_MONTHS = (2, 3, 4, 5, 9, 10)


def batch_number(sim: Sim, order: po.ProxyOrder) -> str:
    """The batch number printed on the bag (the producer's month of making and a lot letter);
    the same for every bag the van brings in a month."""
    made = sim.clock.now().astimezone(SHANGHAI)
    letter = "ABCDEFGH"[(made.month + len(order.producer)) % 8]
    return f"{made:%Y%m}{letter}{(made.month * 7 + len(order.description)) % 90 + 10:02d}"


def farm_inputs_day(sim: Sim, plan: DayPlan) -> None:
    """An order or two on most days of the sowing months, one every few days otherwise;
    yesterday's orders arrive at 9:30 and are collected before the afternoon run."""
    rng = sim.more
    local = sim.clock.now().astimezone(SHANGHAI)
    mine: list[str] = sim.state.setdefault("farm_orders", [])
    today = local.date().isoformat()
    arrived = [o for o in po.open_orders(sim.db) if o.id in mine and o.status == "ordered" and _day(o) < today]
    for order in arrived:
        plan.later(9 * 60 + 30, functools.partial(_receive, sim, order.id))
        plan.later(rng.randint(10 * 60, 15 * 60 + 40), functools.partial(_collect, sim, order.id))
    wanted = rng.randint(0, 2) if local.month in SOWING_MONTHS else int(rng.random() < 0.3)
    for _ in range(wanted):
        plan.later(rng.randint(8 * 60 + 30, 12 * 60), functools.partial(_order, sim))


def _day(order: po.ProxyOrder) -> str:
    return parse_iso(order.created_at).astimezone(SHANGHAI).date().isoformat()


def _order(sim: Sim) -> None:
    rng = sim.more
    items = [i for i in po.catalogue(sim.db) if i.is_farm_input]
    person = known_person(sim, rng)
    if not items or person is None:  # the county's catalogue has not come yet
        return
    item = rng.choice(items)
    quantity = rng.randint(1, 4)
    try:
        order = po.place_order(sim.db, sim.operator, person_id=person.id, catalogue_item_id=item.id, quantity=quantity,
                               fee=200, deposit=item.price * quantity // 2, note="春耕备货" if rng.random() < 0.5 else "")
    except UserError:
        return
    sim.state["farm_orders"].append(order.id)
    sim.bump("farm_input_orders")


def _receive(sim: Sim, order_id: str) -> None:
    with contextlib.suppress(UserError):
        po.receive_order(sim.db, sim.operator, order_id=order_id)


def _collect(sim: Sim, order_id: str) -> None:
    order = po.get_order(sim.db, order_id)
    if order.status != "arrived":
        return
    try:
        po.hand_over_order(sim.db, sim.operator, order_id=order_id, batch=batch_number(sim, order),
                           payment="cash" if sim.more.random() < 0.7 else "qr")
    except UserError:
        return
    sim.state["farm_orders"].remove(order_id)
    sim.bump("farm_inputs_sold")
