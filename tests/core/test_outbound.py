"""Parcels out: taking a villager's parcel, county fees, cash and QR payment, cancelling,
courier hand-over batches with a scan check."""

import contextlib
from datetime import date

import pytest

from station_app.core import cash, events, outbound, parcels, people, replay
from station_app.core.simulate import county_sends
from station_app.db import open_station
from station_app.errors import Conflict, NotFound, ValidationError


@contextlib.contextmanager
def refused(kind, text=""):
    """The action is refused with `kind`, and its English message says `text`."""
    with pytest.raises(kind) as err:
        yield err
    assert text in err.value.message("en"), err.value.message("en")


@pytest.fixture
def sender(db, operator):
    return people.add_person(db, operator, name="刘秀兰", phone="13812345678", village="幸福村", categories=["poverty"])


def take(db, who, sender, ewaybill="73123456789000", **kw):
    values = {"recipient_name": "陈明", "recipient_phone": "13900001111", "recipient_address": "杭州市西湖区文三路1号",
              "contents": "猕猴桃", "weight_g": 2500, "carrier": "ZTO", "out_of_county": True, "farm_produce": True,
              "farm_category": "fruit", **kw}
    return outbound.take_outbound_parcel(db, who, sender_id=sender.id, ewaybill=ewaybill, **values)


def account(db, name):
    return int(db.value("SELECT sum(amount) FROM cash_entries WHERE account = ?", (name,), default=0))


def test_take_a_farm_parcel_for_cash_and_print_its_receipt(db, operator, sender):
    before = cash.drawer_balance(db)
    r = take(db, operator, sender)
    p = r.parcel
    assert p.fee_fen == 800 + 2 * 200 and p.fee_text == "¥12.00" and not r.fee_table_from_county  # built-in table, 2.5 kg
    assert p.receipt_no == "F20261102-001" and p.status == outbound.TAKEN
    assert p.sender_name == "刘秀兰" and p.sender_phone_masked == "138****5678" and p.recipient_phone_masked == "139****1111"
    assert p.subsidy_eligible and p.farm_category == "fruit" and p.carrier_name
    assert r.station_name == "幸福村电商服务站" and r.operator_name == "李秀英" and r.warnings == ()
    assert cash.drawer_balance(db) - before == 1200
    assert account(db, "income:parcels") == -1200
    assert cash.ledger_problems(db) == []
    assert take(db, operator, sender, ewaybill="73123456789010").parcel.receipt_no == "F20261102-002"


def test_a_qr_payment_earns_income_without_moving_the_drawer(db, operator, sender):
    before = cash.drawer_balance(db)
    r = take(db, operator, sender, payment="qr", weight_g=800, out_of_county=False)
    assert r.parcel.fee_fen == 500 and r.parcel.payment == "qr"
    assert cash.drawer_balance(db) == before
    assert account(db, outbound.QR) == 500 and account(db, "income:parcels") == -500
    assert cash.ledger_problems(db) == []


def test_the_county_fee_table_replaces_the_built_in_one(db, operator, sender):
    county_sends(db, [("county.fee_table", "fees-2026-11", {"fees": [
        {"carrier": "ZTO", "first_weight_g": 1000, "first_fen": 700, "extra_weight_g": 500, "extra_fen": 100},
        {"carrier": "POST", "zone": "out", "first_weight_g": 1000, "first_fen": 900, "extra_weight_g": 1000, "extra_fen": 300},
        {"carrier": "NOPE", "first_weight_g": 1, "first_fen": 1, "extra_weight_g": 1, "extra_fen": 1},
        {"carrier": "SF", "first_fen": "lots"},
    ]})])
    q = outbound.quote_fee(db, carrier="ZTO", weight_g=2100, out_of_county=True)
    assert q.fee_fen == 700 + 3 * 100 and q.from_county and q.zone == "out"
    assert outbound.quote_fee(db, carrier="POST", weight_g=1000, out_of_county=True).fee_fen == 900
    with pytest.raises(NotFound):
        outbound.quote_fee(db, carrier="POST", weight_g=1000, out_of_county=False)  # the county left it out
    with pytest.raises(NotFound):
        outbound.quote_fee(db, carrier="SF", weight_g=1000, out_of_county=True)
    r = take(db, operator, sender, weight_g=2100)
    assert r.parcel.fee_fen == 1000 and r.fee_table_from_county
    county_sends(db, [("county.fee_table", "fees-bad", {"fees": "garbage"})])  # unreadable: the table stays
    assert outbound.quote_fee(db, carrier="ZTO", weight_g=1000, out_of_county=True).fee_fen == 700


def test_default_fees_step_by_started_kilogram():
    rule = outbound.FeeRule("ZTO", "out", 1000, 800, 1000, 200)
    assert [rule.fee(g) for g in (1, 1000, 1001, 2000, 2001)] == [800, 800, 1000, 1000, 1200]
    assert {r.carrier for r in outbound.DEFAULT_FEES} == set(parcels.CARRIERS)


@pytest.mark.parametrize("change, error", [
    ({"weight_g": 0}, ValidationError),
    ({"weight_g": 60_000}, ValidationError),
    ({"weight_g": 2.5}, ValidationError),
    ({"carrier": "XYZ"}, ValidationError),
    ({"carrier": ""}, ValidationError),
    ({"recipient_address": "  "}, ValidationError),
    ({"contents": ""}, ValidationError),
    ({"recipient_name": ""}, ValidationError),
    ({"recipient_phone": "123"}, ValidationError),
    ({"recipient_phone": "YT7512345676075"}, ValidationError),
    ({"recipient_phone": ""}, ValidationError),
    ({"ewaybill": "13912345678"}, ValidationError),
    ({"farm_category": None}, ValidationError),
    ({"farm_category": "gold"}, ValidationError),
    ({"payment": "credit"}, ValidationError),
])
def test_bad_input_is_refused_and_nothing_is_written(db, operator, sender, change, error):
    n = events.last_seq(db)
    with pytest.raises(error):
        take(db, operator, sender, **change)
    assert events.last_seq(db) == n


def test_unknown_sender_and_a_used_e_waybill(db, operator, sender):
    with pytest.raises(NotFound):
        outbound.take_outbound_parcel(db, operator, sender_id="nobody", recipient_name="陈明", recipient_phone="13900001111",
                                      recipient_address="杭州", contents="茶", weight_g=500, carrier="ZTO", ewaybill="73123456789000")
    take(db, operator, sender)
    with refused(Conflict, "F20261102-001"):
        take(db, operator, sender)


def test_a_walk_in_sends_without_registering_first(db, operator):
    values = {"recipient_name": "陈明", "recipient_phone": "13900001111", "recipient_address": "杭州", "contents": "茶叶",
              "weight_g": 500, "carrier": "ZTO", "ewaybill": "73123456789000"}
    n, people_before = events.last_seq(db), people.count_people(db)
    for name, phone, words in (("", "", "Who sends it"), ("赵大爷", "", "sender's phone"), ("", "13700002222", "name"),
                               ("赵大爷", "123", "Phone number")):
        with refused(ValidationError, words):
            outbound.take_outbound_parcel(db, operator, sender_name=name, sender_phone=phone, **values)
    assert events.last_seq(db) == n
    r = outbound.take_outbound_parcel(db, operator, sender_name=" 赵大爷 ", sender_phone="137 0000 2222", **values)
    p = r.parcel
    assert (p.sender_id, p.sender_name, p.sender_phone, p.fee_fen) == (None, "赵大爷", "13700002222", 800)
    assert p.sender_phone_masked == "137****2222"
    assert people.count_people(db) == people_before  # nobody was registered


@pytest.mark.parametrize(("typed", "grams"), [
    ("2.5", 2500), ("2.5kg", 2500), ("2.5 KG", 2500), ("3", 3000), ("19", 19_000), ("0.12", 120), ("120", 120),
    ("800", 800), ("800g", 800), ("800克", 800), ("25kg", 25_000), ("25g", 25), ("6j", 3000), ("6斤", 3000),
    ("2公斤", 2000), ("50.0", 50_000),
])
def test_a_typed_weight_is_read_the_way_a_station_keeper_means_it(typed, grams):
    assert outbound.read_weight(typed) == grams


@pytest.mark.parametrize(("typed", "words"), [
    ("", "Type the weight"), ("abc", "cannot be read"), ("2.5t", "cannot be read"), ("25", "kilograms or grams"),
    ("50", "kilograms or grams"), ("0", "between"), ("60kg", "between"), ("60.5", "between"),
])
def test_a_weight_that_cannot_be_meant_is_refused_with_the_reason(typed, words):
    with refused(ValidationError, words):
        outbound.read_weight(typed)


def test_the_weight_is_shown_both_ways_before_saving():
    assert outbound.show_weight(120) == "0.12 kg · 120 g"
    assert outbound.show_weight(2500) == "2.5 kg · 2500 g"


def test_the_courier_of_each_carrier_is_remembered(db, operator, sender):
    assert outbound.last_courier_name(db, "ZTO") == ""
    for carrier, waybill, courier in (("ZTO", "73123456789000", "赵师傅"), ("YTO", "YT1234567890123", "钱师傅"),
                                      ("ZTO", "73123456789010", "孙师傅")):
        take(db, operator, sender, ewaybill=waybill, carrier=carrier)
        batch = outbound.open_batch(db, operator, carrier=carrier)
        outbound.scan_into_batch(db, operator, batch_id=batch.id, code=waybill)
        outbound.close_batch(db, operator, batch_id=batch.id, courier_name=courier)
    assert outbound.last_courier_name(db, "ZTO") == "孙师傅"
    assert outbound.last_courier_name(db, "YTO") == "钱师傅"
    assert outbound.last_courier_name(db, "SF") == ""


def test_a_non_farm_parcel_and_a_carrier_that_does_not_match_the_number(db, operator, sender):
    r = take(db, operator, sender, farm_produce=False, farm_category="fruit", contents="衣服", carrier="SF")
    assert not r.parcel.farm_produce and r.parcel.farm_category is None and not r.parcel.subsidy_eligible
    assert r.warnings  # 731234567890 looks like ZTO, not SF


def test_cancel_gives_the_fee_back(db, operator, sender):
    before = cash.drawer_balance(db)
    r = take(db, operator, sender)
    qr = take(db, operator, sender, ewaybill="73123456789010", payment="qr")
    with pytest.raises(ValidationError):
        outbound.cancel_outbound_parcel(db, operator, outbound_id=r.parcel.id, reason=" ")
    p = outbound.cancel_outbound_parcel(db, operator, outbound_id=r.parcel.id, reason="寄件人改主意")
    outbound.cancel_outbound_parcel(db, operator, outbound_id=qr.parcel.id, reason="地址写错")
    assert p.status == outbound.CANCELLED
    assert cash.drawer_balance(db) == before and account(db, "income:parcels") == 0 and account(db, outbound.QR) == 0
    with pytest.raises(Conflict):
        outbound.cancel_outbound_parcel(db, operator, outbound_id=r.parcel.id, reason="again")
    with pytest.raises(NotFound):
        outbound.cancel_outbound_parcel(db, operator, outbound_id="nope", reason="x")
    assert take(db, operator, sender).parcel.status == outbound.TAKEN  # the e-waybill is free again
    assert cash.ledger_problems(db) == []


def test_money_adds_up_over_a_day(db, operator, manager, sender):
    cash.open_day(db, operator, counted=0)
    cash.add_float(db, manager, amount=10_000)
    fees = []
    for i, (weight, pay) in enumerate([(500, "cash"), (2500, "cash"), (4200, "qr"), (12_000, "cash"), (900, "qr")]):
        fees.append((take(db, operator, sender, ewaybill=f"7312345678000{i}", weight_g=weight, payment=pay).parcel.fee_fen, pay))
    cancelled = take(db, operator, sender, ewaybill="73123456789090", weight_g=3000)
    outbound.cancel_outbound_parcel(db, operator, outbound_id=cancelled.parcel.id, reason="不寄了")
    cash_fees = sum(f for f, pay in fees if pay == "cash")
    assert cash.drawer_balance(db) == 10_000 + cash_fees
    assert -account(db, "income:parcels") == sum(f for f, _ in fees)
    summary = cash.close_day(db, operator, counted=10_000 + cash_fees)
    line = next(x for x in summary.lines if x.service == "parcels")
    assert line.income == sum(f for f, _ in fees) and line.cash_in - line.cash_out == cash_fees
    assert summary.over_short == 0 and cash.ledger_problems(db) == []
    figures = parcels.daily_figures(db, date(2026, 11, 2))
    assert figures.outbound_taken == 5 and figures.outbound_fees_fen == sum(f for f, _ in fees)
    assert figures.outbound_farm_out_of_county == 5
    assert len(outbound.farm_subsidy_parcels(db, date(2026, 11, 1), date(2026, 11, 30))) == 5


# -- courier hand-over batches --------------------------------------------------------------------------


def test_a_courier_batch_from_scan_to_signed_sheet(db, operator, sender):
    a = take(db, operator, sender, ewaybill="73123456789000").parcel
    b = take(db, operator, sender, ewaybill="73123456789010", farm_produce=False, contents="衣服").parcel
    missed = take(db, operator, sender, ewaybill="73123456789020").parcel
    other = take(db, operator, sender, ewaybill="YT1234567890123", carrier="YTO").parcel
    batch = outbound.open_batch(db, operator, carrier="ZTO")
    assert outbound.open_batch(db, operator, carrier="zto").id == batch.id  # one open batch per carrier
    s = outbound.scan_into_batch(db, operator, batch_id=batch.id, code=a.ewaybill)
    assert (s.scanned, s.still_to_scan, s.duplicate) == (1, 2, False)
    s = outbound.scan_into_batch(db, operator, batch_id=batch.id, code=b.receipt_no)
    assert (s.scanned, s.still_to_scan) == (2, 1)
    assert outbound.scan_into_batch(db, operator, batch_id=batch.id, code=a.ewaybill).duplicate
    with pytest.raises(Conflict) as err:
        outbound.scan_into_batch(db, operator, batch_id=batch.id, code=other.ewaybill)
    assert "YT1234567890123" in err.value.message("en") and "not with" in err.value.message("en")
    with pytest.raises(NotFound):
        outbound.scan_into_batch(db, operator, batch_id=batch.id, code="73999999999999")
    with pytest.raises(ValidationError):
        outbound.scan_into_batch(db, operator, batch_id=batch.id, code="hello")
    check = outbound.batch_check(db, batch.id)
    assert [p.id for p in check.scanned] == [a.id, b.id] and [p.id for p in check.not_scanned] == [missed.id]
    with pytest.raises(ValidationError):
        outbound.close_batch(db, operator, batch_id=batch.id, courier_name="")
    sheet = outbound.close_batch(db, operator, batch_id=batch.id, courier_name="赵师傅")
    assert sheet.batch.status == "closed" and sheet.batch.courier_name == "赵师傅"
    assert sheet.batch.sheet_no == "J20261102-ZTO-001" and sheet.station_name == "幸福村电商服务站"
    assert [p.id for p in sheet.lines] == [a.id, b.id] and all(p.status == outbound.HANDED_OVER for p in sheet.lines)
    assert [p.id for p in sheet.left_behind] == [missed.id]
    assert sheet.total_weight_g == 5000 and sheet.farm_count == 1
    assert outbound.hand_over_sheet(db, batch.id) == sheet  # a reprint is the same sheet
    assert [p.id for p in outbound.waiting_for_courier(db)] == [missed.id, other.id]
    with pytest.raises(Conflict):
        outbound.scan_into_batch(db, operator, batch_id=batch.id, code=missed.ewaybill)  # batch closed
    with pytest.raises(Conflict):
        outbound.close_batch(db, operator, batch_id=batch.id, courier_name="赵师傅")
    nxt = outbound.open_batch(db, operator, carrier="ZTO")
    assert nxt.id != batch.id
    with refused(Conflict, "already handed"):
        outbound.scan_into_batch(db, operator, batch_id=nxt.id, code=a.ewaybill)
    with pytest.raises(Conflict):
        outbound.cancel_outbound_parcel(db, operator, outbound_id=a.id, reason="太晚了")
    assert parcels.daily_figures(db, date(2026, 11, 2)).outbound_handed_to_courier == 2


def test_batch_errors(db, operator, sender):
    with pytest.raises(ValidationError):
        outbound.open_batch(db, operator, carrier="")
    with pytest.raises(NotFound):
        outbound.scan_into_batch(db, operator, batch_id="nope", code="73123456789000")
    batch = outbound.open_batch(db, operator, carrier="ZTO")
    with pytest.raises(ValidationError):
        outbound.close_batch(db, operator, batch_id=batch.id, courier_name="赵师傅")  # nothing scanned
    p = take(db, operator, sender).parcel
    outbound.scan_into_batch(db, operator, batch_id=batch.id, code=p.ewaybill)
    outbound.cancel_outbound_parcel(db, operator, outbound_id=p.id, reason="不寄了")
    assert outbound.batch_check(db, batch.id).scanned == []  # a cancelled parcel leaves the batch
    with refused(Conflict, "cancelled"):
        outbound.scan_into_batch(db, operator, batch_id=batch.id, code=p.ewaybill)
    assert [b.id for b in outbound.open_batches(db)] == [batch.id]


def test_outbound_rebuilds_from_its_events(db, operator, sender, tmp_path):
    county_sends(db, [("county.fee_table", "fees-1", {"fees": [
        {"carrier": "ZTO", "first_weight_g": 1000, "first_fen": 700, "extra_weight_g": 1000, "extra_fen": 100}]})])
    a = take(db, operator, sender).parcel
    take(db, operator, sender, ewaybill="73123456789010", payment="qr")
    c = take(db, operator, sender, ewaybill="73123456789020")
    outbound.cancel_outbound_parcel(db, operator, outbound_id=c.parcel.id, reason="不寄了")
    batch = outbound.open_batch(db, operator, carrier="ZTO")
    outbound.scan_into_batch(db, operator, batch_id=batch.id, code=a.ewaybill)
    outbound.close_batch(db, operator, batch_id=batch.id, courier_name="赵师傅")
    rebuilt = open_station(tmp_path / "rebuilt.sqlite")
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []
