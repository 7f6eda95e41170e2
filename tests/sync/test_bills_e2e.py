"""Bill payments end to end: a station takes cash for many bills, pushes them through a link that
cuts connections at random bytes, the hub pays them through a biller that fails, answers
pending and times out, the hub restarts in the middle, batches arrive three times. Every
request ends paid exactly once or refunded at the station, never both, and the station's
cash ledger balances to the fen."""

import contextlib
import itertools
import json
import random
import threading
from datetime import timedelta

from sqlalchemy import func, select

from station_app.clock import parse_iso
from station_app.core import bills, cash
from station_app.core.bills import DEFAULT_CATALOGUE, PAID, REFUND_DUE, REFUNDED
from sync import client
from sync.hub import billers
from sync.hub.bill_payments import LEASE, bill_row, process_bills
from sync.hub.billers import SimulatedBiller, SqliteStore
from sync.hub.db import reading
from sync.hub.service_db import hub_bills
from sync.link import Retry
from sync.testing.fault_proxy import FaultProxy, random_cuts

from .fresh import new_station, push_again, sync

FLOAT = 500_000  # ¥5,000 in the drawer, so every refund can be paid out
PRODUCTS = [("cmcc.topup", lambda r: f"138{r.randrange(10**8):08d}", lambda r: r.choice([3000, 5000, 10000])),
            ("sgcc.power", lambda r: f"{r.randrange(10**11):011d}", lambda r: r.randrange(100, 50_000)),
            ("water.bill", lambda r: f"{r.randrange(10**8):08d}", lambda r: r.randrange(100, 20_000))]


def faulty_biller(store, **kw):
    kw = {"failure_rate": 0.2, "pending_rate": 0.35, "timeout_rate": 0.15, "unavailable_rate": 0.1,
          "pending_polls": (1, 3), "seed": 11, "sleep": lambda s: None, "store": store, **kw}
    return SimulatedBiller(**kw)


def hub_bill_count(hub):
    with reading(hub.engine) as conn:
        return conn.execute(select(func.count()).select_from(hub_bills)).scalar_one()


def through(db, url, seed):
    """One sync cycle through a link that keeps breaking (retried until it gets through)."""
    with db.transaction():
        db.set_local("setting:sync.hub_url", json.dumps(url))
    retry = Retry(attempts=None, base=0.001, cap=0.01)
    watchdog = threading.Timer(60, retry.stop.set)
    watchdog.start()
    try:
        return client.sync_once(db, retry=retry, batch=client.BatchSize(size=random.Random(seed).choice([2, 5, 20])),
                                timeout=(2.0, 3.0))
    finally:
        watchdog.cancel()


def refund_failed(db, manager):
    for bill in bills.refunds_due(db):
        bills.refund_bill(db, manager, bill_id=bill.id)


def test_many_payments_are_paid_once_or_refunded_never_both(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    cash.open_day(db, manager, counted=FLOAT)
    store = SqliteStore(tmp_path / "biller.sqlite")  # the biller's own records outlive the hub
    biller = faulty_biller(store)
    rng = random.Random(5)
    now = live_hub.hub.clock.now()
    with FaultProxy(live_hub.port, plan=random_cuts(5, probability=1.0, up_to=4000)) as proxy:
        for round_no in range(4):
            for _ in range(12):
                product, account, amount = rng.choice(PRODUCTS)
                bills.accept_payment(db, manager, product_id=product, account=account(rng), amount=amount(rng),
                                     confirm_duplicate=True)
            through(db, proxy.url, round_no)
            if round_no == 1:
                for _ in range(3):  # the same batches again, as after lost answers
                    push_again(db, url=live_hub.url)
            if round_no == 2:
                live_hub.restart()  # a new hub process over the same database
                biller = faulty_biller(store)
            for _ in range(2):
                process_bills(live_hub.hub, biller, now)
                now += timedelta(minutes=3)
            through(db, proxy.url, round_no + 10)
            refund_failed(db, manager)
        assert proxy.cuts >= 3  # it really cut, mid-request and mid-answer
        for _ in range(40):  # the biller settles the pending ones; the station hears and refunds
            if not bills.waiting(db) and not bills.refunds_due(db):
                break
            process_bills(live_hub.hub, biller, now)
            now += timedelta(hours=1)
            through(db, proxy.url, 99)
            refund_failed(db, manager)

    every = bills.bills_in(db, *bills.STATES)
    assert len(every) == 48 == hub_bill_count(live_hub.hub)  # one hub row per request, replays or not
    states = {b.state for b in every}
    assert states <= {PAID, REFUNDED} and {PAID, REFUNDED} <= states
    for b in every:
        made = biller.payments_made(b.id)
        assert made == (1 if b.state == PAID else 0), (b.receipt_no, b.state, made)
        assert not b.conflict
    assert all(not r.mismatches for r in biller.records())
    assert cash.ledger_problems(db) == []
    paid = [b for b in every if b.state == PAID]
    balance = dict(db.rows("SELECT account, sum(amount) FROM cash_entries GROUP BY account"))
    assert balance[bills.PAYABLE] == -sum(b.amount for b in paid)  # owed to the billers: exactly what they were paid
    assert balance[cash.DRAWER] == FLOAT + sum(b.amount + b.fee for b in paid)
    db.close()


class HubStops(Exception):
    """The hub process dies right after the biller took the money, before it wrote anything."""


def test_a_hub_stopped_mid_payment_resumes_without_paying_twice(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    bill = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13812345678", amount=5000)
    sync(db)
    store = SqliteStore(tmp_path / "biller.sqlite")

    class Dying(SimulatedBiller):
        def pay(self, *args, **kw):
            super().pay(*args, **kw)
            raise HubStops()

    now = live_hub.hub.clock.now()
    with contextlib.suppress(HubStops):
        process_bills(live_hub.hub, Dying(failure_rate=0, pending_rate=0, sleep=lambda s: None, store=store), now)
    live_hub.restart()
    biller = SimulatedBiller(failure_rate=0, pending_rate=0, sleep=lambda s: None, store=store)
    assert process_bills(live_hub.hub, biller, now).paid == 0  # another hub still holds it (its lease)
    report = process_bills(live_hub.hub, biller, now + LEASE + timedelta(seconds=1))
    assert report.paid == 1 and biller.payments_made(bill.id) == 1
    assert process_bills(live_hub.hub, biller, now + timedelta(days=1)).paid == 0  # settled for good
    sync(db)
    assert bills.get_bill(db, bill.id).state == PAID
    assert len(bills.results_for(db, bill.id)) == 1  # one result sent, however often the hub looked
    db.close()


def test_pending_bills_are_asked_again_with_growing_pauses(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    bill = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13812345678", amount=5000)
    sync(db)
    biller = SimulatedBiller(failure_rate=0, pending_rate=1.0, pending_polls=(4, 4), sleep=lambda s: None)
    now = live_hub.hub.clock.now()
    pauses = []
    for _ in range(5):
        report = process_bills(live_hub.hub, biller, now)
        assert report.pending + report.paid == 1
        row = bill_row(live_hub.hub, bill.id)
        if row.status == billers.PAID:
            break
        due = row.next_try_at
        assert process_bills(live_hub.hub, biller, now).pending == 0  # not asked again before its time
        pauses.append(due)
        now = max(now, parse_iso(due))
    assert row.status == billers.PAID and biller.calls["query"] == 4
    assert all(b > a for a, b in itertools.pairwise(pauses))
    sync(db)
    got = bills.get_bill(db, bill.id)
    assert got.state == PAID and [r.status for r in bills.results_for(db, bill.id)] == ["pending", "paid"]
    db.close()


def test_a_bill_the_county_does_not_offer_is_refused_without_calling_the_biller(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    cash.open_day(db, manager, counted=FLOAT)
    bill = bills.accept_payment(db, manager, product_id="sgcc.power", account="12345678901", amount=8800)
    without_sgcc = {**DEFAULT_CATALOGUE, "version": "2026-11",
                    "billers": [b for b in DEFAULT_CATALOGUE["billers"] if b["id"] != "sgcc"]}
    live_hub.hub.publish("county.biller_catalogue", "2026-11", without_sgcc)
    sync(db)
    biller = SimulatedBiller(sleep=lambda s: None)
    assert process_bills(live_hub.hub, biller).recorded == 1
    assert biller.calls == {"pay": 0, "query": 0}
    sync(db)
    got = bills.get_bill(db, bill.id)
    assert got.state == REFUND_DUE and got.result_message
    bills.refund_bill(db, manager, bill_id=bill.id)
    assert cash.ledger_problems(db) == [] and cash.drawer_balance(db) == FLOAT
    db.close()
