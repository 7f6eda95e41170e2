"""Voiding a bill taken by mistake, the same business day: before it went to the county the cash
goes back at once (never paid); after, the county is asked and the refund follows its answer."""

import pytest

from printer.preview import preview_text
from station_app.core import bills, cash, replay, sync_state
from station_app.core.bills import ACCEPTED, REFUND_DUE, REFUNDED, VOIDED
from station_app.core.simulate import county_sends
from station_app.db import open_station
from station_app.errors import Conflict
from station_app.receipts.bills import bill_receipt

PHONE = "13812345678"


def take(db, op, account=PHONE, amount=5000, product="cmcc.topup"):
    return bills.accept_payment(db, op, product_id=product, account=account, amount=amount)


def balance(db, account):
    return int(db.value("SELECT sum(amount) FROM cash_entries WHERE account = ?", (account,), default=0))


def test_a_void_before_upload_hands_the_cash_back_with_a_receipt(db, manager, operator):
    cash.open_day(db, manager, counted=10_000)
    bill = take(db, operator, account="3300123456789", amount=8000, product="sgcc.power")
    assert cash.drawer_balance(db) == 18_000
    voided = bills.void_bill(db, operator, bill_id=bill.id, reason="户号输错")
    assert voided.state == VOIDED and voided.void_no.startswith("ZF") and voided.void_reason == "户号输错"
    assert cash.drawer_balance(db) == 10_000 and cash.ledger_problems(db) == []
    assert balance(db, bills.PAYABLE) == 0 and balance(db, bills.INCOME) == 0
    assert bills.waiting(db) == []  # nothing waits for the county
    slip = bills.receipt(db, bill.id)
    assert slip.kind == "voided" and slip.number == voided.void_no and slip.operator == "李秀英"
    paper = preview_text(bill_receipt(slip))
    assert "3300123456789" not in paper and "330******6789" in paper  # masked on paper
    f = bills.daily_figures(db, db.clock.now().date()).total
    assert f.voided.count == 1 and f.voided.amount == 8000
    with pytest.raises(Conflict):
        bills.void_bill(db, operator, bill_id=bill.id)


def test_a_void_after_upload_asks_the_county_and_the_refund_follows(db, manager, operator):
    cash.open_day(db, manager, counted=10_000)
    bill = take(db, operator)
    sync_state.save_ack(db, bill.seq)  # the hub has it
    assert bills.went_to_county(db, bill)
    asked = bills.void_bill(db, operator, bill_id=bill.id, reason="villager changed mind")
    assert asked.state == ACCEPTED and asked.void_requested_at and cash.drawer_balance(db) == 15_000
    with pytest.raises(Conflict):
        bills.void_bill(db, operator, bill_id=bill.id)  # asked once
    county_sends(db, [("county.bill_result", bill.id, bills.result_payload(
        bill.id, "failed", message="站点申请作废", at="2026-11-02T03:00:00.000Z"))])
    assert bills.get_bill(db, bill.id).state == REFUND_DUE
    refunded = bills.refund_bill(db, operator, bill_id=bill.id)
    assert refunded.state == REFUNDED and cash.drawer_balance(db) == 10_000


def test_a_bill_on_its_way_up_counts_as_uploaded(db, manager, operator):
    cash.open_day(db, manager, counted=0)
    bill = take(db, operator)
    sync_state.mark_uploading(db, bill.seq)
    assert bills.void_bill(db, operator, bill_id=bill.id).void_requested_at


def test_no_void_on_another_business_day_or_once_the_biller_has_it(db, clock, manager, operator):
    cash.open_day(db, manager, counted=0)
    old = take(db, operator)
    cash.close_day(db, manager, counted=5000)
    clock.advance(days=1)
    cash.open_day(db, manager, counted=5000)
    with pytest.raises(Conflict) as refused:
        bills.void_bill(db, operator, bill_id=old.id)
    assert "another business day" in refused.value.text
    pending = take(db, operator, account="13900001111")
    county_sends(db, [("county.bill_result", pending.id, bills.result_payload(pending.id, "pending",
                                                                             at="2026-11-03T03:00:00.000Z"))])
    with pytest.raises(Conflict):
        bills.void_bill(db, operator, bill_id=pending.id)
    assert cash.ledger_problems(db) == []


def test_a_payment_reported_for_a_voided_bill_is_a_conflict_never_dropped(db, manager, operator):
    cash.open_day(db, manager, counted=0)
    bill = take(db, operator)
    bills.void_bill(db, operator, bill_id=bill.id)
    county_sends(db, [("county.bill_result", bill.id, bills.result_payload(
        bill.id, "paid", biller_ref="CM9", at="2026-11-02T03:00:00.000Z"))])
    after = bills.get_bill(db, bill.id)
    assert after.state == VOIDED and after.conflict == "paid_after_void" and bills.conflicts(db) == [after]


def test_voids_rebuild_from_the_events(db, tmp_path, manager, operator):
    cash.open_day(db, manager, counted=10_000)
    first = take(db, operator)
    bills.void_bill(db, operator, bill_id=first.id)
    second = take(db, operator, account="13900001111")
    sync_state.save_ack(db, second.seq)
    bills.void_bill(db, operator, bill_id=second.id)
    copy = open_station(tmp_path / "copy.sqlite")
    try:
        replay.rebuild(db, copy)
        rows = lambda d: [tuple(r) for r in d.rows("SELECT * FROM bills ORDER BY id")]  # noqa: E731
        assert rows(copy) == rows(db)
    finally:
        copy.close()
