"""Bill payment and top-up: accepted at the station, paid by the county, refunded when it fails."""

import random
from datetime import date

import pytest

from station_app.core import bills, cash, people, replay, settings
from station_app.core.bills import ACCEPTED, PAID, PENDING, RANK, REFUND_DUE, REFUNDED
from station_app.core.events import last_seq
from station_app.core.identity import id_check_digit
from station_app.core.simulate import county_sends
from station_app.db import open_station
from station_app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from station_app.i18n import translate

PHONE = "13812345678"
POWER = "3300123456789"
ID17 = "36213219800101123"
ID_NUMBER = ID17 + id_check_digit(ID17)
TODAY = date(2026, 11, 2)


def top_up(db, op, **kw):
    args = {"product_id": "cmcc.topup", "account": PHONE, "amount": 5000, "cash_received": 10000}
    return bills.accept_payment(db, op, **{**args, **kw})


def result(db, bill, status, ref="", **kw):
    county_sends(db, [("county.bill_result", bill.id, bills.result_payload(
        bill.id, status, biller_ref=ref, at="2026-11-02T03:00:00.000Z", **kw))])
    return bills.get_bill(db, bill.id)


def balance(db, account):
    return int(db.value("SELECT sum(amount) FROM cash_entries WHERE account = ?", (account,), default=0))


def assert_books(db):
    """The ledger balances to the fen and says what the bills say."""
    assert cash.ledger_problems(db) == []
    live = db.row("SELECT coalesce(sum(amount), 0), coalesce(sum(fee), 0) FROM bills WHERE state != 'refunded'")
    assert balance(db, bills.PAYABLE) == -live[0]
    assert balance(db, bills.INCOME) == -live[1]


# -- the catalogue --------------------------------------------------------------------------------


def test_built_in_catalogue_until_the_county_sends_one(db):
    cat = bills.catalogue(db)
    assert not cat.from_county and cat.version == "built-in"
    assert bills.clean_catalogue(bills.DEFAULT_CATALOGUE)[1] == []
    kinds = {p.kind for p in cat.products}
    assert kinds == {"electricity", "water", "phone", "cable_tv", "health_insurance"}
    assert cat.product("cmcc.topup").face_values == (3000, 5000, 10000, 20000)
    assert cat.product("nhis.annual").fixed_amount == 38000
    with pytest.raises(NotFound):
        cat.product("nope")


def test_county_catalogue_replaces_the_built_in_one_and_bad_products_are_skipped(db, operator):
    payload = {"version": "2027-1", "billers": [
        {"id": "cmcc", "name": "中国移动", "kind": "phone", "products": [
            {"id": "cmcc.topup", "name": "话费", "account": {"label": "手机号", "pattern": r"^1\d{10}$", "min_len": 11,
                                                         "max_len": 11, "check": "phone"},
             "face_values": [5000, 10000], "fee": 0, "commission_bp": 40}]},
        {"id": "bad", "name": "坏的", "products": [
            {"id": "bad.1", "name": "x", "account": {"pattern": "(unclosed"}},
            {"id": "bad.2", "name": "y", "account": {"pattern": r"^\d+$"}, "face_values": [-5]}]},
    ]}
    county_sends(db, [("county.biller_catalogue", "2027-1", payload)])
    cat = bills.catalogue(db)
    assert cat.from_county and cat.version == "2027-1" and cat.skipped == 2
    assert [p.id for p in cat.products] == ["cmcc.topup"]
    with pytest.raises(ValidationError):
        top_up(db, operator, amount=3000)  # no longer a face value
    with pytest.raises(NotFound):
        bills.accept_payment(db, operator, product_id="sgcc.power", account=POWER, amount=1000)
    # an empty catalogue must not stop the counter: the last good one stays
    county_sends(db, [("county.biller_catalogue", "broken", {"version": "broken", "billers": []})])
    assert bills.catalogue(db).version == "2027-1"
    assert db.value("SELECT count(*) FROM bill_catalogue_problems") == 2


# -- taking a payment -----------------------------------------------------------------------------


def test_a_top_up_is_accepted_not_paid_and_the_ledger_balances(db, operator):
    seq = last_seq(db)
    bill = top_up(db, operator)
    assert bill.state == ACCEPTED and bill.amount == 5000 and bill.fee == 0
    assert bill.change == 5000 and bill.cash_received == 10000
    assert bill.receipt_no == "JF20261102-001" and bill.account_masked == "138****5678"
    assert bill.name_check == "not_offered" and bill.commission == 25
    kinds = [r["kind"] for r in db.rows("SELECT kind FROM events WHERE seq > ?", (seq,))]
    assert kinds == ["cash.day_opened", "bill.accepted"]  # one event for the payment itself
    assert cash.drawer_balance(db) == 5000
    assert_books(db)
    slip = bills.receipt(db, bill.id)
    assert slip.kind == "accepted" and slip.number == bill.receipt_no and slip.operator == "李秀英"
    assert slip.notice == translate("bills", bills.RECEIPT_NOTICES["accepted"])
    assert slip.station == "幸福村电商服务站" and slip.bill.account_masked == "138****5678"


def test_the_acceptance_slip_says_plainly_it_is_not_paid_yet_in_chinese():
    assert translate("bills", bills.RECEIPT_NOTICES["accepted"]) == "已受理，尚未缴费成功；请以缴费成功凭证为准"
    for source in (*bills.STATES.values(), *bills.RECEIPT_TITLES.values(), *bills.RECEIPT_NOTICES.values(),
                   *bills.CONFLICTS.values()):
        assert translate("bills", source) != source, source


def test_electricity_with_fee_payer_and_name_check(db, operator):
    person = people.add_person(db, operator, name="张大山", phone="13900001111", village="幸福村")
    bill = bills.accept_payment(db, operator, product_id="water.bill", account="1234 5678", amount=4550,
                                cash_received=5000, payer_id=person.id, holder_name="张大山")
    assert (bill.account, bill.fee, bill.total, bill.change) == ("12345678", 100, 4650, 350)
    assert bill.payer_name == "张大山" and bill.name_check == "not_checked"
    assert balance(db, bills.INCOME) == -100 and balance(db, bills.PAYABLE) == -4550
    paid = result(db, bill, "paid", "W1", holder="张*山")
    assert paid.name_check == "matches" and paid.holder_reported == "张*山"
    other = bills.accept_payment(db, operator, product_id="sgcc.power", account=POWER, amount=10000,
                                 holder_name="李四")
    assert result(db, other, "paid", "E1", holder="王*").name_check == "differs"
    third = bills.accept_payment(db, operator, product_id="csg.power", account=POWER, amount=10000)
    assert result(db, third, "paid", "E2", holder="王*").name_check == "reported"
    assert_books(db)


def test_health_insurance_is_a_fixed_amount_per_id_number(db, operator):
    bill = bills.accept_payment(db, operator, product_id="nhis.annual", account=ID_NUMBER.lower())
    assert bill.amount == 38000 and bill.account == ID_NUMBER
    assert bill.account_masked == "*" * 14 + ID_NUMBER[-4:]  # an ID number shows its last four only
    with pytest.raises(ValidationError):
        bills.accept_payment(db, operator, product_id="nhis.annual", account=ID_NUMBER, amount=20000,
                             confirm_duplicate=True)


@pytest.mark.parametrize("args", [
    {"product_id": "sgcc.power", "account": "12345", "amount": 1000},  # too short
    {"product_id": "sgcc.power", "account": "33001234ABCD", "amount": 1000},  # letters
    {"product_id": "cmcc.topup", "account": "2381234567", "amount": 5000},  # not a mobile number
    {"product_id": "nhis.annual", "account": ID17 + ("0" if ID_NUMBER[-1] != "0" else "1")},  # check digit
    {"product_id": "cmcc.topup", "account": PHONE, "amount": 4000},  # not a face value
    {"product_id": "cmcc.topup", "account": PHONE, "amount": None},  # no amount
    {"product_id": "sgcc.power", "account": POWER, "amount": 500_100},  # over the limit
    {"product_id": "sgcc.power", "account": POWER, "amount": 50},  # under the limit
    {"product_id": "sgcc.power", "account": POWER, "amount": -100},
    {"product_id": "sgcc.power", "account": POWER, "amount": 10.5},
    {"product_id": "cmcc.topup", "account": PHONE, "amount": 5000, "cash_received": 4999},  # cash short
    {"product_id": "water.bill", "account": "12345678", "amount": 1000, "cash_received": 1000},  # short of the fee
    {"product_id": "cmcc.topup", "account": PHONE, "amount": 5000, "payer_name": "x" * 31},
])
def test_bad_input_is_refused_and_changes_nothing(db, operator, args):
    seq = last_seq(db)
    with pytest.raises(ValidationError):
        bills.accept_payment(db, operator, **args)
    assert last_seq(db) == seq and db.value("SELECT count(*) FROM bills") == 0


def test_unknown_product_or_person(db, operator):
    with pytest.raises(NotFound):
        bills.accept_payment(db, operator, product_id="nope", account=PHONE, amount=5000)
    with pytest.raises(NotFound):
        top_up(db, operator, payer_id="no-such-person")


def test_cash_short_message_names_both_amounts(db, operator):
    with pytest.raises(ValidationError) as err:
        top_up(db, operator, cash_received=3000)
    assert err.value.params == {"cash": "¥30.00", "total": "¥50.00"}


def test_same_account_within_minutes_warns_and_the_operator_may_confirm(db, operator, clock):
    first = top_up(db, operator)
    clock.advance(minutes=10)
    with pytest.raises(bills.DuplicatePayment) as err:
        top_up(db, operator, amount=10000)
    assert isinstance(err.value, Conflict)
    assert err.value.previous.id == first.id and err.value.params["minutes"] == 10
    assert db.value("SELECT count(*) FROM bills") == 1
    second = top_up(db, operator, amount=10000, confirm_duplicate=True)
    assert second.duplicate_of == first.id
    # another biller's account with the same digits is no duplicate; later than the window neither
    bills.accept_payment(db, operator, product_id="sgcc.power", account=POWER, amount=1000)
    bills.accept_payment(db, operator, product_id="csg.power", account=POWER, amount=1000)
    clock.advance(minutes=31)
    top_up(db, operator)
    # a failed payment is no reason to warn: paying again is what the villager came for
    failed = bills.accept_payment(db, operator, product_id="water.bill", account="87654321", amount=1000)
    result(db, failed, "failed", message="户号不存在")
    bills.accept_payment(db, operator, product_id="water.bill", account="87654321", amount=1000)
    assert_books(db)


def test_duplicate_window_is_a_county_setting(db, operator, clock):
    assert settings.get(db, "bills.duplicate_minutes") == 30
    county_sends(db, [("county.setting_changed", "bills.duplicate_minutes", {"value": 5})])
    top_up(db, operator)
    clock.advance(minutes=6)
    top_up(db, operator)


# -- results from the county ----------------------------------------------------------------------


def test_paid_result_gives_the_success_receipt(db, operator):
    bill = top_up(db, operator)
    with pytest.raises(Conflict):
        bills.receipt(db, bill.id, "paid")  # never claims more than is true
    assert result(db, bill, "pending").state == PENDING
    assert bills.waiting(db)[0].state == PENDING
    paid = result(db, bill, "paid", "CM0001")
    assert paid.state == PAID and paid.biller_ref == "CM0001" and paid.paid_at == "2026-11-02T03:00:00.000Z"
    slip = bills.receipt(db, bill.id)
    assert slip.kind == "paid" and slip.bill.biller_ref == "CM0001"
    assert bills.receipt(db, bill.id, "accepted").kind == "accepted"  # a reprint of the slip is still allowed
    assert bills.paid_on(db, TODAY)[0].id == bill.id
    assert [r.effect for r in bills.results_for(db, bill.id)] == ["applied", "applied"]
    assert_books(db)


def test_results_twice_or_out_of_order_never_regress(db, operator):
    bill = top_up(db, operator)
    assert result(db, bill, "paid", "R1").state == PAID
    assert result(db, bill, "paid", "R1").state == PAID
    assert result(db, bill, "pending").state == PAID
    assert result(db, bill, "submitted").state == PAID
    assert result(db, bill, "paid", "").biller_ref == "R1"
    effects = [r.effect for r in bills.results_for(db, bill.id)]
    assert effects == ["applied", "repeat", "late", "late", "repeat"]
    assert bills.get_bill(db, bill.id).conflict == ""
    assert_books(db)


def test_failed_then_refund_hands_back_amount_and_fee(db, operator):
    bill = bills.accept_payment(db, operator, product_id="water.bill", account="12345678", amount=3000,
                                cash_received=5000)
    drawer = cash.drawer_balance(db)
    assert drawer == 3100
    failed = result(db, bill, "failed", message="户号不存在")
    assert failed.state == REFUND_DUE and failed.result_message == "户号不存在"
    assert bills.receipt(db, bill.id).kind == "failed"
    assert result(db, bill, "failed").state == REFUND_DUE  # repeated: nothing changes
    assert result(db, bill, "pending").state == REFUND_DUE  # late
    refunded = bills.refund_bill(db, operator, bill_id=bill.id)
    assert refunded.state == REFUNDED and refunded.refund_no == "TK20261102-001" and refunded.refund_fee == 100
    assert cash.drawer_balance(db) == 0
    slip = bills.receipt(db, bill.id)
    assert slip.kind == "refunded" and slip.number == "TK20261102-001"
    with pytest.raises(Conflict):
        bills.refund_bill(db, operator, bill_id=bill.id)
    assert cash.drawer_balance(db) == 0
    assert result(db, bill, "failed").state == REFUNDED
    assert_books(db)


def test_refund_only_from_refund_due(db, operator):
    bill = top_up(db, operator)
    with pytest.raises(Conflict):
        bills.refund_bill(db, operator, bill_id=bill.id)  # accepted
    result(db, bill, "paid", "P")
    with pytest.raises(Conflict):
        bills.refund_bill(db, operator, bill_id=bill.id)  # paid
    with pytest.raises(NotFound):
        bills.refund_bill(db, operator, bill_id="nope")
    assert_books(db)


def test_refund_needs_the_cash_in_the_drawer(db, operator, manager):
    bill = top_up(db, operator, cash_received=5000)
    result(db, bill, "failed")
    cash.take_cash(db, manager, amount=4000, memo="存入银行")
    seq = last_seq(db)
    with pytest.raises(Conflict):
        bills.refund_bill(db, operator, bill_id=bill.id)
    assert last_seq(db) == seq and bills.get_bill(db, bill.id).state == REFUND_DUE
    cash.add_float(db, manager, amount=4000)
    assert bills.refund_bill(db, operator, bill_id=bill.id).state == REFUNDED
    assert_books(db)


def test_paid_after_refunded_is_a_visible_conflict_never_dropped(db, operator, manager):
    bill = top_up(db, operator)
    result(db, bill, "failed")
    bills.refund_bill(db, operator, bill_id=bill.id)
    late = result(db, bill, "paid", "LATE1")
    assert late.state == REFUNDED and late.conflict == "paid_after_refund"
    assert "LATE1" in late.conflict_detail and late.conflict_text()
    assert [b.id for b in bills.conflicts(db)] == [bill.id]
    assert bills.daily_figures(db, TODAY).conflicts_now == 1
    with pytest.raises(PermissionDenied):
        bills.settle_conflict(db, operator, bill_id=bill.id, note="已联系县中心")
    with pytest.raises(ValidationError):
        bills.settle_conflict(db, manager, bill_id=bill.id, note=" ")
    settled = bills.settle_conflict(db, manager, bill_id=bill.id, note="县中心已撤销该笔缴费")
    assert settled.conflict == "" and settled.conflict_note == "县中心已撤销该笔缴费"
    with pytest.raises(Conflict):
        bills.settle_conflict(db, manager, bill_id=bill.id, note="again")
    assert_books(db)


def test_paid_after_failed_means_no_refund_is_owed(db, operator):
    bill = top_up(db, operator)
    result(db, bill, "failed")
    late = result(db, bill, "paid", "P2")
    assert late.state == PAID and late.conflict == "paid_after_failed"
    with pytest.raises(Conflict):
        bills.refund_bill(db, operator, bill_id=bill.id)
    assert bills.daily_figures(db, TODAY).total.failed.count == 0
    assert_books(db)


def test_failed_after_paid_stays_paid_with_a_conflict(db, operator):
    bill = top_up(db, operator)
    result(db, bill, "paid", "P1")
    late = result(db, bill, "failed")
    assert late.state == PAID and late.conflict == "failed_after_paid"
    second = result(db, bill, "paid", "P9")
    assert second.conflict == "second_reference" and second.conflict_detail == "P1 / P9"
    assert second.biller_ref == "P1"


def test_a_result_for_an_unknown_bill_or_status_is_kept(db, operator):
    county_sends(db, [("county.bill_result", "ghost", bills.result_payload("ghost", "paid", biller_ref="X"))])
    assert bills.results_for(db, "ghost")[0].effect == "orphan"
    bill = top_up(db, operator)
    assert result(db, bill, "exploded").state == ACCEPTED
    assert bills.results_for(db, bill.id)[0].effect == "unknown_status"


def test_random_result_sequences_only_move_forward(db, operator, clock):
    rng = random.Random(7)
    made = []
    for i in range(40):
        clock.advance(minutes=40)
        made.append(top_up(db, operator, account=f"139{i:08d}", amount=rng.choice([3000, 5000, 10000])))
    for _ in range(300):
        bill = rng.choice(made)
        before = bills.get_bill(db, bill.id)
        after = result(db, bill, rng.choice(["submitted", "pending", "paid", "failed", "paid"]), f"R{bill.id[-4:]}")
        assert RANK[after.state] >= RANK[before.state]
        if after.state == REFUND_DUE and rng.random() < 0.3:
            bills.refund_bill(db, operator, bill_id=bill.id)
        if before.state in (PAID, REFUNDED):
            assert after.state == before.state
    assert_books(db)


# -- figures and rebuild --------------------------------------------------------------------------


def test_daily_figures_per_biller(db, operator, clock):
    a = top_up(db, operator)
    b = top_up(db, operator, account="13900001111", amount=10000)
    c = bills.accept_payment(db, operator, product_id="water.bill", account="12345678", amount=2000)
    d = bills.accept_payment(db, operator, product_id="sgcc.power", account=POWER, amount=12345)
    result(db, a, "paid", "A")
    result(db, b, "failed")
    result(db, c, "paid", "C")
    result(db, d, "pending")
    bills.refund_bill(db, operator, bill_id=b.id)
    f = bills.daily_figures(db, TODAY)
    by = {line.biller_id: line for line in f.billers}
    assert by["cmcc"].accepted == bills.Tally(2, 15000) and by["cmcc"].paid == bills.Tally(1, 5000)
    assert by["cmcc"].failed == bills.Tally(1, 10000) and by["cmcc"].refunded == bills.Tally(1, 10000)
    assert by["cmcc"].commission == 25
    assert by["water"].fees == 100 and by["water"].paid == bills.Tally(1, 2000)
    assert by["sgcc"].paid == bills.Tally(0, 0)
    assert f.total.accepted == bills.Tally(4, 29345) and f.total.fees == 100
    assert f.waiting_now == bills.Tally(1, 12345) and f.refund_due_now == bills.Tally(0, 0)
    assert f.by_state == {"paid": 2, "refunded": 1, "pending": 1}
    assert bills.daily_figures(db, date(2026, 11, 3)).total.accepted.count == 0


def test_overdue_when_waiting_too_long(db, operator, clock):
    bill = top_up(db, operator)
    assert not bills.is_overdue(db, bill)
    clock.advance(hours=25)
    assert bills.is_overdue(db, bills.get_bill(db, bill.id))


def test_find_bills_by_receipt_or_account_tail(db, operator):
    bill = top_up(db, operator)
    assert [b.id for b in bills.find_bills(db, "5678")] == [bill.id]
    assert [b.id for b in bills.find_bills(db, bill.receipt_no)] == [bill.id]
    assert bills.find_bills(db, "") == []


def test_station_rebuilt_from_events_has_the_same_bills(db, operator, tmp_path):
    a = top_up(db, operator)
    b = bills.accept_payment(db, operator, product_id="water.bill", account="12345678", amount=2000)
    result(db, a, "paid", "A1", holder="张*")
    result(db, b, "failed")
    bills.refund_bill(db, operator, bill_id=b.id)
    result(db, b, "paid", "LATE")
    rebuilt = open_station(tmp_path / "rebuilt.sqlite")
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []
    assert_books(rebuilt)
