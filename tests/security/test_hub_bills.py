"""Issue 18 item 15 (bills): a forged `bill.accepted` from a stolen token went to the biller with
no per-station limit. Now a station's bills past the county's limits for the day (count and
amount) are held: nothing reaches the biller, the county is alerted and decides, the station
sees a flag on the bill and, when refused, refunds it."""

import json

from station_app.core import bills, cash
from station_app.core import sync_state as state
from sync.hub import alerts, billers, county_settings
from sync.hub.bill_payments import HELD, bill_row, process_bills, settle_held
from sync.hub.billers import SimulatedBiller
from tests.sync.fresh import new_station, sync

from .intruder import Intruder

FLOAT = 500_000


def payload_of(db, bill_id):
    return json.loads(db.value("SELECT payload FROM events WHERE entity_id = ? AND kind = 'bill.accepted'", (bill_id,)))


def biller():
    return SimulatedBiller(failure_rate=0, pending_rate=0, sleep=lambda s: None)


def test_forged_bills_past_the_day_s_count_are_held_not_paid(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    hub = live_hub.hub
    county_settings.set_value(hub, "bills_per_station_day", 3, "县运营中心")
    cash.open_day(db, manager, counted=FLOAT)
    real = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13812345678", amount=5000,
                                confirm_duplicate=True)
    sync(db)
    thief = Intruder(live_hub, db.local(state.STATION_ID), state.token(db))
    template = payload_of(db, real.id)
    forged = [f"forged-bill-{n}" for n in range(6)]
    answer = thief.push([("bill.accepted", bill_id, {**template, "account": f"1390000{n:04d}", "amount": 10_000})
                         for n, bill_id in enumerate(forged)])
    assert answer.status_code == 200
    gateway = biller()
    report = process_bills(hub, gateway)
    statuses = {b: bill_row(hub, b).status for b in [real.id, *forged]}
    assert report.paid == 3 and gateway.calls["pay"] == 3  # the real one and two forged: then the limit
    held = [b for b, s in statuses.items() if s == HELD]
    assert len(held) == 4
    assert {a["kind"] for a in alerts.open_alerts(hub)} == {"bill_over_count"}
    assert process_bills(hub, gateway).paid == 0 and gateway.calls["pay"] == 3  # held stays held
    assert settle_held(hub, held[0], release=True, who="县运营中心")
    assert settle_held(hub, held[1], release=False, who="县运营中心")
    assert process_bills(hub, gateway).paid == 1 and gateway.calls["pay"] == 4
    assert bill_row(hub, held[1]).status == billers.FAILED
    assert len(alerts.open_alerts(hub)) == 2
    db.close()


def test_the_day_s_amount_holds_a_bill_and_the_station_sees_why_and_refunds_a_refusal(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    hub = live_hub.hub
    county_settings.set_value(hub, "bill_yuan_per_station_day", 150, "县运营中心")
    cash.open_day(db, manager, counted=FLOAT)
    first = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13812345678", amount=10_000,
                                 confirm_duplicate=True)
    second = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13812345679", amount=10_000,
                                  confirm_duplicate=True)
    sync(db)
    gateway = biller()
    process_bills(hub, gateway)
    assert bill_row(hub, first.id).status == billers.PAID and bill_row(hub, second.id).status == HELD
    assert [a["kind"] for a in alerts.open_alerts(hub)] == ["bill_over_amount"]
    sync(db)
    (flag,) = state.open_flags(db, second.id)  # 有警告 on the bill: the county is checking it
    assert flag.reason == "bill_held" and bills.get_bill(db, second.id).state != bills.PAID
    assert settle_held(hub, second.id, release=False, who="县运营中心")
    sync(db)
    assert bills.get_bill(db, second.id).state == bills.REFUND_DUE  # the station gives the payer the money back
    assert state.open_flags(db, second.id) == [] and alerts.open_alerts(hub) == []
    db.close()
