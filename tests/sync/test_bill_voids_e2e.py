"""Voids end to end with a live hub: a bill voided before upload is never sent to a biller; a
bill voided after upload (before the biller was asked) comes back failed and is refunded; a void
asked too late leaves the biller's payment standing."""

from station_app.core import bills, cash, sync_state
from station_app.core.bills import PAID, REFUND_DUE, REFUNDED, VOIDED
from sync.hub.bill_payments import bill_row, process_bills
from sync.hub.billers import SimulatedBiller, SqliteStore

from .fresh import new_station, sync


def test_voids_before_and_after_upload(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    biller = SimulatedBiller(failure_rate=0, pending_rate=0, sleep=lambda s: None,
                             store=SqliteStore(tmp_path / "biller.sqlite"))
    cash.open_day(db, manager, counted=20_000)
    kept = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13812345678", amount=5000)
    mistake = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13812345679", amount=5000)
    bills.void_bill(db, manager, bill_id=mistake.id, reason="号码输错")
    sync(db)  # both bills and the void go up together
    later = bills.accept_payment(db, manager, product_id="sgcc.power", account="3300123456789", amount=8000)
    sync(db)  # uploaded: a void now is a request to the county
    assert bills.void_bill(db, manager, bill_id=later.id).void_requested_at
    sync(db)

    now = live_hub.hub.clock.now()
    report = process_bills(live_hub.hub, biller, now)
    assert report.paid == 1  # only the one kept
    assert bill_row(live_hub.hub, mistake.id).status == "voided" and bill_row(live_hub.hub, mistake.id).attempts == 0
    assert bill_row(live_hub.hub, later.id).status == "failed" and bill_row(live_hub.hub, later.id).attempts == 0
    assert biller.query(mistake.id) is None and biller.query(later.id) is None  # never asked

    sync(db)
    assert bills.get_bill(db, kept.id).state == PAID
    assert bills.get_bill(db, mistake.id).state == VOIDED
    failed = bills.get_bill(db, later.id)
    assert failed.state == REFUND_DUE and failed.result_message
    assert bills.refund_bill(db, manager, bill_id=later.id).state == REFUNDED
    assert cash.drawer_balance(db) == 20_000 + 5000 and cash.ledger_problems(db) == []
    assert bills.conflicts(db) == []
    sync(db)
    assert sync_state.status(db).reconcile_mismatch == []  # the hub counts the voids as the station does


def test_a_void_asked_after_the_biller_paid_leaves_the_payment(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub)
    biller = SimulatedBiller(failure_rate=0, pending_rate=0, sleep=lambda s: None,
                             store=SqliteStore(tmp_path / "biller.sqlite"))
    cash.open_day(db, manager, counted=0)
    bill = bills.accept_payment(db, manager, product_id="cmcc.topup", account="13812345678", amount=5000)
    sync(db)
    assert process_bills(live_hub.hub, biller, live_hub.hub.clock.now()).paid == 1
    bills.void_bill(db, manager, bill_id=bill.id)  # the result has not come down yet
    sync(db)
    process_bills(live_hub.hub, biller, live_hub.hub.clock.now())
    sync(db)
    after = bills.get_bill(db, bill.id)
    assert after.state == PAID and after.void_requested_at and bill_row(live_hub.hub, bill.id).status == "paid"
