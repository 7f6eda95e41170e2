"""The hub's biller gateway: one request id is paid at most once, whatever fails around it."""

import random
import threading
from datetime import UTC, datetime

import pytest

from station_app.clock import FixedClock
from station_app.core import bills, cash
from station_app.core.events import events_after
from station_app.core.simulate import county_sends
from station_app.core.station import create_station
from station_app.db import open_station
from sync.hub.billers import (
    FAILED,
    PAID,
    PENDING,
    BillerResult,
    BillerTimeout,
    BillerUnavailable,
    BillRequest,
    SimulatedBiller,
    SqliteStore,
    follow_up,
    settle,
    worth_sending,
)

NOW = datetime(2026, 11, 2, 4, 0, tzinfo=UTC)


def biller(**kw):
    return SimulatedBiller(sleep=lambda s: None, now=lambda: NOW, **kw)


def request(i=1, amount=5000):
    return BillRequest(f"req-{i}", "cmcc.topup", "13812345678", amount)


def test_the_same_request_three_times_pays_once():
    b = biller(failure_rate=0, pending_rate=0)
    answers = [b.pay("req-1", "cmcc.topup", "13812345678", 5000) for _ in range(3)]
    assert {a.status for a in answers} == {PAID}
    assert len({a.biller_ref for a in answers}) == 1
    assert b.payments_made("req-1") == 1
    assert b.query("req-1") == answers[0]


def test_a_reused_id_with_other_details_is_never_a_second_payment():
    b = biller(failure_rate=0, pending_rate=0)
    first = b.pay("req-1", "cmcc.topup", "13812345678", 5000)
    again = b.pay("req-1", "cmcc.topup", "13900000000", 10000)
    assert again == first and b.payments_made("req-1") == 1
    assert b.records()[0].mismatches == ["cmcc.topup/13900000000/10000"]


class Scripted(SimulatedBiller):
    """A simulated biller whose next faults are given in order (to test one fault at a time)."""

    def __init__(self, faults, **kw):
        super().__init__(sleep=lambda s: None, now=lambda: NOW, failure_rate=0, pending_rate=0, **kw)
        self.script = list(faults)

    def _fault_before(self, call):
        fault = self.script.pop(0) if self.script else None
        if fault == "unavailable":
            raise BillerUnavailable(call)
        if fault == "lost_request":
            raise BillerTimeout(call)
        return (fault == "lost_answer", 0.0)


def test_timeout_after_the_biller_paid_is_found_by_query_not_paid_again():
    b = Scripted(["lost_answer"])
    with pytest.raises(BillerTimeout):
        b.pay("req-1", "cmcc.topup", "13812345678", 5000)
    assert b.payments_made("req-1") == 1
    known = b.query("req-1")
    assert known is not None and known.status == PAID
    # the hub's own loop does the same: pay times out, the query tells
    b2 = Scripted(["lost_answer"])
    assert settle(b2, request()).status == PAID
    assert b2.payments_made("req-1") == 1 and b2.calls == {"pay": 1, "query": 1}


def test_a_request_that_never_arrived_is_sent_again_and_paid_once():
    b = Scripted(["lost_request"])
    with pytest.raises(BillerTimeout):
        b.pay("req-1", "cmcc.topup", "13812345678", 5000)
    assert b.query("req-1") is None and b.payments_made("req-1") == 0
    b = Scripted(["lost_request", "unavailable", "unavailable", "lost_request"])
    assert settle(b, request(), attempts=2) is None  # still unknown: nothing to send down yet
    assert b.calls == {"pay": 0, "query": 0}
    b.script = ["lost_request"]
    assert settle(b, request()).status == PAID  # pay lost, query: never seen, pay again
    assert b.calls == {"pay": 1, "query": 1}
    assert b.payments_made("req-1") == 1


def test_a_slow_biller_times_out_after_processing():
    slept = []
    b = SimulatedBiller(failure_rate=0, pending_rate=0, latency=(5.0, 6.0), timeout=2.0, sleep=slept.append,
                        now=lambda: NOW)
    with pytest.raises(BillerTimeout):
        b.pay("req-1", "cmcc.topup", "13812345678", 5000)
    assert slept == [2.0] and b.payments_made("req-1") == 1


def test_pending_settles_after_some_queries():
    b = biller(failure_rate=0, pending_rate=1.0, pending_polls=(2, 2))
    assert b.pay("req-1", "x", "1", 100).status == PENDING
    assert b.payments_made("req-1") == 0
    assert follow_up(b, "req-1").status == PENDING
    assert follow_up(b, "req-1").status == PAID
    assert b.payments_made("req-1") == 1
    assert follow_up(b, "req-1").status == PAID and b.payments_made("req-1") == 1


def test_outcomes_depend_on_the_request_id_not_on_the_order_of_calls():
    a, b = biller(failure_rate=0.3, pending_rate=0, seed=4), biller(failure_rate=0.3, pending_rate=0, seed=4)
    ids = [f"req-{i}" for i in range(50)]
    ra = {i: a.pay(i, "p", "1", 100).status for i in ids}
    rb = {i: b.pay(i, "p", "1", 100).status for i in reversed(ids)}
    assert ra == rb and {PAID, FAILED} == set(ra.values())


def test_many_requests_with_random_faults_each_paid_at_most_once_and_query_converges():
    b = biller(failure_rate=0.1, pending_rate=0.3, timeout_rate=0.3, unavailable_rate=0.1, seed=11)
    requests = [request(i, random.Random(i).choice([3000, 5000, 10000])) for i in range(300)]
    final: dict[str, BillerResult] = {}
    for _round in range(60):
        # every round is a hub that restarted and remembers nothing but the pushed events, and
        # each station pushed its batch three times
        for req in requests:
            if req.request_id in final:
                continue
            for _ in range(3):
                answer = settle(b, req, attempts=1)
                if answer is not None and answer.status == PENDING:
                    answer = follow_up(b, req.request_id)
                if answer is not None and answer.final:
                    final[req.request_id] = answer
        if len(final) == len(requests):
            break
    assert len(final) == len(requests), "query did not converge"
    for req in requests:
        made = b.payments_made(req.request_id)
        assert made == (1 if final[req.request_id].status == PAID else 0)
        again = None
        while again is None:  # None only when this very query met a fault
            again = follow_up(b, req.request_id)
        assert again.status == final[req.request_id].status
        assert again.biller_ref == final[req.request_id].biller_ref
    statuses = [r.status for r in final.values()]
    assert statuses.count(FAILED) > 10 and statuses.count(PAID) > 200


def test_concurrent_pays_of_one_request_pay_once():
    b = biller(failure_rate=0, pending_rate=0)
    answers = []

    def pay():
        answers.append(b.pay("req-1", "cmcc.topup", "13812345678", 5000))

    threads = [threading.Thread(target=pay) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 16 and len({a.biller_ref for a in answers}) == 1
    assert b.payments_made("req-1") == 1


def test_the_simulated_biller_outlives_a_hub_restart(tmp_path):
    store = SqliteStore(tmp_path / "biller.sqlite")
    first = biller(failure_rate=0, pending_rate=0, store=store).pay("req-1", "p", "1", 100)
    store.close()
    restarted = biller(failure_rate=0, pending_rate=0, seed=99, store=SqliteStore(tmp_path / "biller.sqlite"))
    assert restarted.pay("req-1", "p", "1", 100) == first
    assert restarted.payments_made("req-1") == 1


def test_worth_sending_only_news():
    r = BillerResult("req-1", PENDING)
    assert worth_sending(None, r) and not worth_sending(PENDING, r)
    assert r.payload() == {"request_id": "req-1", "status": "pending", "biller_ref": "", "message": "", "at": ""}
    assert BillerResult("req-1", PAID, holder="张*").payload()["holder"] == "张*"


# -- end to end: station events -> hub -> biller -> county results -> station ---------------------


def test_bills_accepted_at_a_station_are_paid_once_and_the_books_balance(tmp_path):
    clock = FixedClock(datetime(2026, 11, 2, 1, 30, tzinfo=UTC))
    db = open_station(tmp_path / "station.sqlite", clock=clock)
    _, manager = create_station(db, name="幸福村电商服务站", village="幸福村", manager_name="王建国", manager_pin="1234")
    rng = random.Random(3)
    for i in range(40):
        clock.advance(minutes=31)
        product = rng.choice(["cmcc.topup", "sgcc.power", "water.bill"])
        amount = 5000 if product == "cmcc.topup" else rng.randrange(1000, 30000)
        account = f"139{i:08d}" if product == "cmcc.topup" else f"{10**11 + i}"
        bills.accept_payment(db, manager, product_id=product, account=account, amount=amount)
    pushed = [ev for ev in events_after(db, 0) if ev.kind == "bill.accepted"]

    gateway = biller(failure_rate=0.15, pending_rate=0.3, timeout_rate=0.25, seed=5)
    sent: dict[str, str] = {}  # what the hub told the station last, per request

    def hub_round():
        out = []
        for ev in pushed * 3:  # the same batch pushed three times
            req = BillRequest.from_accepted(ev.entity_id, ev.payload)
            answer = settle(gateway, req, attempts=2) if req.request_id not in sent else follow_up(gateway, req.request_id)
            if answer is not None and worth_sending(sent.get(req.request_id), answer):
                sent[req.request_id] = answer.status
                out.append(("county.bill_result", req.request_id, answer.payload()))
        return out

    for _ in range(30):
        changes = hub_round()
        if changes:
            county_sends(db, changes)
        if all(s in (PAID, FAILED) for s in sent.values()) and len(sent) == len(pushed):
            break
    for bill in bills.refunds_due(db):
        bills.refund_bill(db, manager, bill_id=bill.id)

    states = {r["id"]: r["state"] for r in db.rows("SELECT id, state FROM bills")}
    for ev in pushed:
        made = gateway.payments_made(ev.entity_id)
        assert made <= 1
        assert states[ev.entity_id] == ("paid" if made else "refunded")
        if made:
            assert bills.receipt(db, ev.entity_id).kind == "paid"
    assert cash.ledger_problems(db) == []
    paid_total = sum(r["amount"] for r in db.rows("SELECT amount FROM bills WHERE state = 'paid'"))
    assert -int(db.value("SELECT sum(amount) FROM cash_entries WHERE account = 'payable:bills'")) == paid_total
    assert db.value("SELECT count(*) FROM bills WHERE conflict != ''") == 0
    db.close()


# -- the hub's check of a pushed bill.accepted ----------------------------------------------------


def test_the_hub_flags_a_bill_the_county_cannot_pay(tmp_path):
    from station_app.core.events import Event
    from sync.hub.billers import inspect_bill_accepted
    from sync.hub.db import open_hub, reading, writing
    from sync.hub.store import publish

    engine = open_hub(f"sqlite:///{tmp_path / 'hub.sqlite'}")

    def check(product, account, amount):
        ev = Event(1, "e1", "bill.accepted", "b1", {"product_id": product, "account": account, "amount": amount},
                   "op", "", "", "", "")
        with reading(engine) as conn:
            return [f.reason for f in inspect_bill_accepted(conn, "st-1", ev)]

    assert check("cmcc.topup", "13812345678", 5000) == []
    assert check("nope", "13812345678", 5000) == ["unknown_bill_product"]
    assert check("cmcc.topup", "13812345678", 4000) == ["bill_breaks_rules"]
    catalogue = {"version": "2027-1", "billers": [{"id": "cmcc", "name": "中国移动", "kind": "phone", "products": [
        {"id": "cmcc.topup", "name": "话费", "account": {"pattern": r"^1\d{10}$", "min_len": 11, "max_len": 11},
         "face_values": [4000]}]}]}
    with writing(engine) as conn:
        publish(conn, "county.biller_catalogue", "2027-1", catalogue, None, "2026-11-02T00:00:00.000Z")
    assert check("cmcc.topup", "13812345678", 4000) == []
    assert check("sgcc.power", "3300123456789", 5000) == ["unknown_bill_product"]
    engine.dispose()
