"""The real biller adapter (`sync.hub.aggregator`) against a fake top-up aggregator that checks
its signature as documented, and end to end: a station's bills through a link that cuts, the
real hub, the aggregator answering late, a hub restart, callbacks that come three times, a
forged one, a late one; every bill paid exactly once and every receipt true; the daily
statement reconciliation finding a planted mismatch."""

from __future__ import annotations

import pytest

from printer.preview import preview_text
from station_app.clock import SHANGHAI
from station_app.core import bills, cash
from station_app.core.bills import PAID, REFUND_DUE
from station_app.receipts.bills import bill_receipt
from sync.hub import billers
from sync.hub.aggregator import AggregatorBiller
from sync.hub.bill_payments import bill_row, process_bills
from sync.hub.biller_notify import PATH
from sync.hub.gateway_config import AggregatorConfig, Secret
from sync.hub.services import HubServices
from sync.hub.sms_gateway import LoggingSmsSender
from sync.hub.statements import reconcile
from sync.testing.fault_proxy import FaultProxy, random_cuts
from tests.gateways.fakes import FakeAggregator

from .fresh import new_station
from .test_bills_e2e import through

FLOAT = 200_000


@pytest.fixture
def aggregator():
    fake = FakeAggregator("10086", "agg-key-0123")
    yield fake
    fake.close()


def adapter(fake: FakeAggregator, *, key: str | None = None, timeout: float = 5.0, notify: str = "") -> AggregatorBiller:
    return AggregatorBiller(AggregatorConfig(fake.url, fake.merchant, Secret(key or fake.key, "test"),
                                             notify or "http://127.0.0.1:9/v1/billers/notify", timeout=timeout))


def test_a_signed_submit_is_paid_once_and_the_same_order_again_is_the_same_answer(aggregator):
    biller = adapter(aggregator)
    first = biller.pay("bill-1", "cmcc.topup", "13812345678", 5000)
    again = biller.pay("bill-1", "cmcc.topup", "13812345678", 5000)  # errno 1005: asks instead
    assert first.status == again.status == billers.PAID and first.biller_ref == again.biller_ref
    assert aggregator.charges == 1 and biller.balance() == 1_000_000 - 5000


def test_a_wrong_key_is_refused_by_the_signature_check_and_nothing_is_charged(aggregator):
    with pytest.raises(billers.BillerNeedsCounty, match="1002"):
        adapter(aggregator, key="wrong").pay("bill-1", "cmcc.topup", "13812345678", 5000)
    assert aggregator.orders == {}


def test_the_balance_is_checked_before_submitting(aggregator):
    aggregator.balance = 4000
    with pytest.raises(billers.BillerNeedsCounty, match="余额"):
        adapter(aggregator).pay("bill-1", "cmcc.topup", "13812345678", 5000)
    assert aggregator.orders == {}


def test_refused_orders_fail_and_states_map(aggregator):
    outcomes = {"13800000001": (2, None), "13800000002": (-1, None), "13800000003": (3, 2000), "13800000004": (0, None)}
    aggregator.outcome = lambda f: outcomes[f["account"]]
    biller = adapter(aggregator)
    results = [biller.pay(f"b{i}", "cmcc.topup", account, 5000) for i, account in enumerate(outcomes)]
    assert [r.status for r in results] == [billers.FAILED, billers.FAILED, billers.PARTIAL, billers.PENDING]
    assert results[2].paid_amount == 2000 and "取消" in results[1].message
    aggregator.refuse = 1008  # 账号错误: the order is refused, nothing charged
    assert biller.pay("b9", "cmcc.topup", "13800000009", 5000).status == billers.FAILED


def test_an_answer_that_comes_too_late_is_asked_about_never_paid_twice(aggregator):
    aggregator.delay, aggregator.slow_paths = 1.5, {"/api/recharge"}
    biller = adapter(aggregator, timeout=1.0)
    result = billers.settle(biller, billers.BillRequest("bill-late", "cmcc.topup", "13812345678", 5000))
    assert result is not None and result.status == billers.PAID
    assert aggregator.charges == 1 and len(aggregator.orders) == 1


def test_bills_end_to_end_through_link_cuts_restarts_late_answers_and_duplicate_callbacks(live_hub, tmp_path,
                                                                                        aggregator):
    db, manager = new_station(tmp_path / "st", live_hub)
    cash.open_day(db, manager, counted=FLOAT)
    plan = {"13800000001": (1, None), "13800000002": (0, None), "13800000003": (2, None), "13800000004": (3, 1000),
            "13800000005": (0, None), "13800000006": (1, None)}
    aggregator.outcome = lambda f: plan[f["account"]]
    accepted = {account: bills.accept_payment(db, manager, product_id="cmcc.topup", account=account, amount=3000)
                for account in plan}
    notify = f"{live_hub.url}{PATH}"

    def attach() -> AggregatorBiller:  # what `serve` does: the app's worker holds the biller the callbacks check
        biller = adapter(aggregator, timeout=1.0, notify=notify)
        live_hub._server.config.app.state.services = HubServices(
            live_hub.hub, sms=LoggingSmsSender(live_hub.hub.engine), biller=biller, idle=600)
        return biller

    biller = attach()
    with FaultProxy(live_hub.port, plan=random_cuts(7, probability=1.0, up_to=3000)) as proxy:
        through(db, proxy.url, 1)
        aggregator.delay, aggregator.slow_paths = 1.5, {"/api/recharge"}  # every submit answered too late
        process_bills(live_hub.hub, biller)
        aggregator.delay = 0
        live_hub.restart()  # the hub stops with bills in flight
        biller = attach()
        process_bills(live_hub.hub, biller)
        process_bills(live_hub.hub, biller)
        order = {a: billers.order_number(b.id) for a, b in accepted.items()}
        aggregator.settle(order["13800000002"], 1)  # 充值中 -> 成功, told by callback, three times
        assert [aggregator.callback(order["13800000002"]) for _ in range(3)] == [(200, "success")] * 3
        assert aggregator.callback(order["13800000006"], key="forged") == (400, "fail")
        aggregator.settle(order["13800000005"], -1)  # cancelled: refunded by the aggregator
        assert aggregator.callback(order["13800000005"]) == (200, "success")
        through(db, proxy.url, 2)

    assert len(aggregator.orders) == 6 and aggregator.charges == 5  # each order submitted once
    assert aggregator.balance == 1_000_000 - 3 * 3000 - 1000  # three paid, one partly; the cancelled one refunded
    state = {a: bills.get_bill(db, b.id) for a, b in accepted.items()}
    assert [state[a].state for a in plan] == [PAID, PAID, REFUND_DUE, REFUND_DUE, REFUND_DUE, PAID]
    assert (state["13800000004"].paid_amount, state["13800000004"].conflict) == (1000, "")  # the unpaid ¥20 refunded
    assert bill_row(live_hub.hub, accepted["13800000004"].id).paid_amount == 1000
    for account in ("13800000001", "13800000002", "13800000006"):
        text = preview_text(bill_receipt(bills.receipt(db, state[account].id)))
        assert "演示" not in text and state[account].biller_ref in text

    # the statement of the day: one order planted as failed on the aggregator's side
    aggregator.orders[order["13800000001"]]["state"] = 2
    day = live_hub.hub.clock.now().astimezone(SHANGHAI).strftime("%Y-%m-%d")
    found = reconcile(live_hub.hub, biller, day)
    assert [(d.order_no, d.kind) for d in found] == [(order["13800000001"], "state")]
    db.close()
