"""A bill the biller paid only part of (部分成功), end to end: the station takes the cash, the real
hub pays through the aggregator adapter against the fake aggregator, which pays ¥10 of ¥30; the
station hears it, refunds the unpaid ¥20 from the drawer (the fee stays) with a slip that says
what was paid and what came back, and its monthly report equals the hub's to the fen."""

from __future__ import annotations

import json

import pytest

from printer.preview import preview_text
from station_app.clock import SHANGHAI
from station_app.core import bills, cash, reports
from station_app.core.bills import REFUND_DUE, REFUNDED
from station_app.core.money import format_fen
from station_app.core.sync_state import STATION_ID
from station_app.errors import Conflict
from station_app.receipts.bills import bill_receipt
from station_app.receipts.layout import yuan
from sync.hub.aggregator import AggregatorBiller
from sync.hub.bill_payments import bill_row, process_bills
from sync.hub.gateway_config import AggregatorConfig, Secret
from sync.hub.shadows import Shadows
from tests.gateways.fakes import FakeAggregator

from .fresh import new_station, sync

FLOAT = 100_000


@pytest.fixture
def aggregator():
    fake = FakeAggregator("10086", "agg-key-0123")
    yield fake
    fake.close()


def plain(obj):
    return json.loads(json.dumps(obj, ensure_ascii=False))


def test_a_partly_paid_bill_is_refunded_for_the_unpaid_part_and_the_station_equals_the_hub(
        live_hub, tmp_path, aggregator):
    db, manager = new_station(tmp_path / "st", live_hub)
    cash.open_day(db, manager, counted=FLOAT)
    aggregator.outcome = lambda f: (3, 1000) if f["account"] == "13800000004" else (1, None)  # 部分成功: ¥10 paid
    part = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13800000004", amount=3000)
    whole = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13800000005", amount=5000)
    biller = AggregatorBiller(AggregatorConfig(aggregator.url, aggregator.merchant, Secret(aggregator.key, "test"),
                                               "http://127.0.0.1:9/v1/billers/notify", timeout=5.0))
    sync(db)
    process_bills(live_hub.hub, biller)
    sync(db)

    bill = bills.get_bill(db, part.id)
    assert (bill.state, bill.paid_amount, bill.conflict) == (REFUND_DUE, 1000, "")
    assert bill_row(live_hub.hub, part.id).paid_amount == 1000
    assert format_fen(2000) in bill.state_text()
    notice = preview_text(bill_receipt(bills.receipt(db, part.id)))
    assert "PARTLY PAID" in notice or "部分" in notice
    assert yuan(1000) in notice and yuan(2000) in notice and bill.biller_ref in notice
    assert [b.id for b in bills.refunds_due(db)] == [part.id]

    drawer = cash.drawer_balance(db)
    refunded = bills.refund_bill(db, manager, bill_id=part.id)
    assert refunded.state == REFUNDED and refunded.refund_fee == 0
    assert cash.drawer_balance(db) == drawer - 2000  # the unpaid part, not the ¥30 nor the fee
    assert cash.ledger_problems(db) == []
    balance = dict(db.rows("SELECT account, sum(amount) FROM cash_entries GROUP BY account"))
    assert balance[bills.PAYABLE] == -(1000 + 5000)  # owed to the billers: exactly what they were paid
    slip = preview_text(bill_receipt(bills.receipt(db, part.id)))
    assert yuan(1000) in slip and yuan(2000) in slip  # paid ￥10.00, refunded ￥20.00
    refund_line = next(line for line in slip.splitlines() if line.startswith(("Refund amount", "退款金额")))
    assert yuan(2000) in refund_line
    with pytest.raises(Conflict):
        bills.refund_bill(db, manager, bill_id=part.id)  # once

    sync(db)
    month = live_hub.hub.clock.now().astimezone(SHANGHAI).strftime("%Y-%m")
    mine = plain(reports.monthly_report(db, month))
    shadows = Shadows(live_hub.hub, tmp_path / "shadows")
    try:
        theirs = plain(shadows.monthly(db.local(STATION_ID), month))
    finally:
        shadows.close()
    assert theirs["bills"] == mine["bills"] and theirs == mine
    assert mine["bills"]["paid_fen"] == 1000 + 5000 and mine["bills"]["refunded_fen"] == 2000
    assert bills.get_bill(db, whole.id).state == bills.PAID
    db.close()
