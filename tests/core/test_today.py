"""The task board's one query: today's counts are the counts of the lists behind them."""

from datetime import timedelta

from station_app.core import (
    bills,
    cash,
    outbound,
    parcels,
    people,
    settings,
    sync_state,
    today,
    training,
)
from station_app.core.simulate import county_sends


def test_a_new_station_has_nothing_waiting_and_everything_to_set_up(db, manager):
    t = today.today(db)
    assert (t.on_shelf, t.overdue, t.for_courier, t.bills_waiting, t.refunds_due, t.training_today) == (0,) * 6
    assert t.cash_day is None and not t.closed_today and not t.enrolled and t.sync_age_minutes is None
    assert not t.first_run.done
    assert (t.first_run.county_link, t.first_run.printer, t.first_run.scanner, t.first_run.day_open) == (
        False, False, False, False)


def test_counts_follow_the_work(db, clock, manager, operator):
    her = people.add_person(db, manager, name="张桂英", phone="13812345678", village="幸福村")
    cash.open_day(db, manager, counted=10_000)
    old = parcels.check_in_parcel(db, operator, waybill="YT7500000000011", phone=her.phone)
    clock.advance(days=settings.get(db, "parcels.overdue_days") + 1)
    for i in range(3):
        parcels.check_in_parcel(db, operator, waybill=f"SF10000000{i:05d}", phone=f"1390000{i:04d}")
    parcels.hand_over(db, operator, parcel_ids=[parcels.find_by_waybill(db, "SF1000000000000")[0].id])
    outbound.take_outbound_parcel(db, operator, sender_id=her.id, recipient_name="陈明", recipient_phone="13900001111",
                                  recipient_address="杭州", contents="茶叶", weight_g=500, carrier="POST",
                                  ewaybill="9812345678901")
    waiting = bills.accept_payment(db, operator, product_id="cmcc.topup", account="13812345678", amount=5000)
    failed = bills.accept_payment(db, operator, product_id="water.bill", account="12345678", amount=2000)
    county_sends(db, [("county.bill_result", failed.id, bills.result_payload(failed.id, "failed"))])
    begins = clock.now() + timedelta(hours=2)
    training.create_session(db, operator, title="直播带货", category="farmer", starts_at=begins,
                            ends_at=begins + timedelta(hours=2), capacity=30, place="村委会")
    settings.set_value(db, manager, "printer.spec", "file:/tmp/x.bin")

    t = today.today(db)
    assert t.on_shelf == len(parcels.on_shelf(db)) == 3
    assert t.overdue == len(parcels.overdue_parcels(db)) == 1 and old.parcel_id
    assert t.for_courier == len(outbound.waiting_for_courier(db)) == 1
    assert t.bills_waiting == len(bills.waiting(db)) == 1 and waiting.id
    assert t.refunds_due == len(bills.refunds_due(db)) == 1
    assert t.training_today == 1
    assert (t.checked_in, t.picked_up, t.sent) == (3, 1, 1)
    queued = db.value("SELECT count(*) FROM parcel_notices WHERE status = 'queued'")
    assert t.sms_waiting == 3 < queued  # the texts of parcels on the shelf; the collected one's need not go
    assert t.cash_day is not None and t.first_run.printer and t.first_run.day_open and not t.first_run.scanner
    today.note_scanner_seen(db)
    assert today.today(db).first_run.scanner


def test_the_day_closed_and_the_link_state(db, clock, manager):
    cash.open_day(db, manager, counted=0)
    cash.close_day(db, manager, counted=0)
    assert today.today(db).closed_today
    sync_state.save_enrollment(db, hub_url="https://hub.example.cn", station_id="s1", token="t", ca_file=None,
                               allow_http=False)
    sync_state.save_success(db, sync_state.iso(clock.now()), {})
    clock.advance(minutes=90)
    t = today.today(db)
    assert t.enrolled and t.first_run.county_link and t.sync_age_minutes == 90


def test_the_monthly_report_is_due_by_the_countys_day(db, clock, manager):
    clock.advance(days=-15)  # 2026-10-18: a record of October
    cash.open_day(db, manager, counted=0)
    clock.set(clock.now().replace(month=11, day=3))
    r = today.monthly_report(db, clock.now().date())
    assert r.month == "2026-10" and r.due.isoformat() == "2026-11-05" and r.days_left == 2 and r.due_now
    assert r.unsent >= 1  # October's records have not reached the county
    sync_state.save_ack(db, 10_000)
    assert today.monthly_report(db, clock.now().date()).unsent == 0
