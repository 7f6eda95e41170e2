"""助农取款: the bank's rules for a cash point, the ledger (drawer -> receivable from the bank), the
bank's daily settlement against the station's withdrawals, and the rebuild."""

from __future__ import annotations

from datetime import date

import pytest

from printer.emulator import decode
from printer.escpos import render
from printer.preview import preview_text
from station_app.core import cash, cashpoint, events, identity, people, replay, reports
from station_app.core.cashpoint import DIFFERS, MATCHED, RECEIVABLE, UNSETTLED
from station_app.db import open_station
from station_app.errors import Conflict, ValidationError
from station_app.receipts import services as slips

CARD = "6228480402564890018"  # passes the Luhn check
OTHER = "6212261202011584340"


def entries(db, account):
    return int(db.value("SELECT sum(amount) FROM cash_entries WHERE account = ?", (account,), default=0) or 0)


@pytest.fixture
def open_day(db, operator):
    cash.open_day(db, operator, counted=300_000)  # 3,000 yuan in the drawer
    return operator


def pay(db, op, amount, trace, card=CARD, **kw):
    return cashpoint.pay_withdrawal(db, op, card_number=card, amount=amount, trace_no=trace, **kw)


def test_the_card_is_read_and_only_its_ends_kept(db, open_day):
    assert cashpoint.read_card_number(" 6228 4804 0256 4890 018 ") == CARD
    assert cashpoint.read_card_number(";6228480402564890018=28121010000000000?") == CARD  # a card reader's track
    with pytest.raises(ValidationError):
        cashpoint.read_card_number("6228480402564890019")  # one digit mistyped: the check digit says so
    with pytest.raises(ValidationError):
        cashpoint.read_card_number("12345")
    w = pay(db, open_day, 50_000, "000123")
    assert w.card_masked == "622848*********0018"
    stored = db.row("SELECT * FROM cash_withdrawals WHERE id = ?", (w.id,))
    assert CARD not in " ".join(str(v) for v in tuple(stored))
    assert CARD not in db.value("SELECT payload FROM events WHERE kind = 'cashpoint.withdrawal_paid'")


def test_a_withdrawal_of_15_yuan_is_refused(db, open_day):
    before = events.last_seq(db)
    with pytest.raises(ValidationError) as refused:
        pay(db, open_day, 1_500, "000124")
    assert "¥10.00" in str(refused.value)  # a multiple of 10 yuan
    with pytest.raises(ValidationError):
        pay(db, open_day, 500, "000125")  # less than 10 yuan
    assert events.last_seq(db) == before and cash.drawer_balance(db) == 300_000


def test_a_fifth_withdrawal_over_the_days_limit_is_refused(db, open_day):
    for i, amount in enumerate((30_000, 30_000, 20_000, 20_000)):  # 1,000 yuan in four withdrawals
        pay(db, open_day, amount, f"00020{i}")
    with pytest.raises(Conflict) as refused:
        pay(db, open_day, 1_000, "000209")
    assert "¥1,000.00" in str(refused.value) and "¥0.00" in str(refused.value)  # nothing left for today
    assert len(cashpoint.withdrawals_on(db, date(2026, 11, 2))) == 4
    assert cashpoint.card_total(db, CARD, "2026-11-02") == 100_000
    pay(db, open_day, 10_000, "000210", card=OTHER)  # another card has its own limit
    db.clock.advance(days=1)  # the next day the card may take money again
    pay(db, open_day, 10_000, "000211")


def test_the_same_voucher_is_recorded_once(db, open_day):
    pay(db, open_day, 10_000, "000300")
    with pytest.raises(Conflict):
        pay(db, open_day, 10_000, "000300", card=OTHER)


def test_no_more_cash_than_the_drawer_holds(db, operator):
    cash.open_day(db, operator, counted=20_000)
    with pytest.raises(Conflict):
        pay(db, operator, 30_000, "000400")
    assert cash.drawer_balance(db) == 20_000


def test_the_ledger_drawer_to_the_bank_and_the_settlement(db, open_day):
    pay(db, open_day, 50_000, "000500")
    pay(db, open_day, 20_000, "000501", card=OTHER)
    assert cash.drawer_balance(db) == 300_000 - 70_000
    assert entries(db, RECEIVABLE) == 70_000 == cashpoint.owed_by_bank(db)
    assert cash.ledger_problems(db) == []
    day = cashpoint.reconcile(db, "2026-11-02")
    assert (day.withdrawals, day.expected, day.state) == (2, 70_000, UNSETTLED)
    db.clock.advance(days=1)
    settled = cashpoint.settle_day(db, open_day, day="2026-11-02", bank_total=70_000, bank_count=2)
    assert settled.state == MATCHED and not settled.flagged and settled.difference == 0
    assert entries(db, RECEIVABLE) == 0 and entries(db, cash.OWNER) == 70_000 - 300_000  # into the keeper's account
    assert cash.drawer_balance(db) == 230_000, "no cash passes the drawer at the settlement"
    assert cashpoint.days_to_settle(db) == []


def test_a_bank_settlement_that_differs_by_10_yuan_is_flagged(db, open_day):
    pay(db, open_day, 50_000, "000600")
    pay(db, open_day, 30_000, "000601", card=OTHER)
    db.clock.advance(days=1)
    day = cashpoint.settle_day(db, open_day, day=date(2026, 11, 2), bank_total=79_000)
    assert day.state == DIFFERS and day.flagged and day.difference == -1_000
    assert [d.day for d in cashpoint.days_to_settle(db)] == ["2026-11-02"]
    assert cashpoint.owed_by_bank(db) == 1_000, "the bank still owes the 10 yuan"
    f = cashpoint.figures(db, "2026-11-01", "2026-11-30")
    assert (f.withdrawals, f.amount, f.settled_days, f.differing_days, f.difference) == (2, 80_000, 1, 1, -1_000)
    fixed = cashpoint.settle_day(db, open_day, day="2026-11-02", bank_total=1_000, note="银行补记")
    assert fixed.state == MATCHED and cashpoint.owed_by_bank(db) == 0


def test_a_count_that_differs_is_flagged_too(db, open_day):
    pay(db, open_day, 10_000, "000700")
    pay(db, open_day, 10_000, "000701", card=OTHER)
    assert cashpoint.settle_day(db, open_day, day="2026-11-02", bank_total=20_000, bank_count=3).flagged


def test_settling_a_day_not_come_or_with_nothing_is_refused(db, open_day):
    with pytest.raises(Conflict):
        cashpoint.settle_day(db, open_day, day="2026-11-05", bank_total=10_000)
    with pytest.raises(Conflict):
        cashpoint.settle_day(db, open_day, day="2026-10-30", bank_total=0)
    with pytest.raises(ValidationError):
        cashpoint.settle_day(db, open_day, day="yesterday", bank_total=0)


def test_a_mistaken_withdrawal_is_voided_the_same_day(db, open_day):
    w = pay(db, open_day, 40_000, "000800")
    with pytest.raises(ValidationError):
        cashpoint.void_withdrawal(db, open_day, w.id, reason=" ")
    voided = cashpoint.void_withdrawal(db, open_day, w.id, reason="终端显示交易失败")
    assert voided.status == cashpoint.VOIDED and cash.drawer_balance(db) == 300_000 and cashpoint.owed_by_bank(db) == 0
    assert cashpoint.card_total(db, CARD, "2026-11-02") == 0, "a voided withdrawal leaves the card's limit"
    with pytest.raises(Conflict):
        cashpoint.void_withdrawal(db, open_day, w.id, reason="again")
    later = pay(db, open_day, 10_000, "000801")
    db.clock.advance(days=1)
    with pytest.raises(Conflict):
        cashpoint.void_withdrawal(db, open_day, later.id, reason="yesterday's")


def test_a_villager_and_the_poverty_register(db, open_day):
    poor = people.add_person(db, open_day, name="刘秀兰", phone="13900001234", village="幸福村",
                             categories=[people.POVERTY])
    w = pay(db, open_day, 20_000, "000900", person_id=poor.id)
    assert (w.name, w.poverty) == ("刘秀兰", True)
    pay(db, open_day, 10_000, "000901", card=OTHER, name="张三", poverty=False)
    f = cashpoint.figures(db, "2026-11-01", "2026-11-30")
    assert (f.withdrawals, f.cards, f.poverty_withdrawals, f.poverty_amount) == (2, 2, 1, 20_000)
    r = reports.monthly_report(db, "2026-11")
    assert r["cashpoint"]["withdrawals"] == 2 and r["cashpoint"]["amount_fen"] == 30_000
    assert r["poverty"]["by_service"]["cashpoint"] == {"households": 1, "times": 1}


def test_a_rebuild_gives_the_same_tables(db, open_day, tmp_path):
    pay(db, open_day, 50_000, "001000")
    w = pay(db, open_day, 10_000, "001001", card=OTHER)
    cashpoint.void_withdrawal(db, open_day, w.id, reason="终端冲正")
    db.clock.advance(days=1)
    cashpoint.settle_day(db, open_day, day="2026-11-02", bank_total=49_000, bank_count=1)
    copy = open_station(tmp_path / "copy.sqlite", clock=db.clock)
    replay.rebuild(db, copy)
    assert replay.table_differences(db, copy) == []
    assert reports.monthly_report(copy, "2026-11") == reports.monthly_report(db, "2026-11")
    copy.close()


def test_the_card_hash_needs_the_station_key(db, open_day):
    pay(db, open_day, 10_000, "001100")
    h = db.value("SELECT card_hash FROM cash_withdrawals")
    assert h != cashpoint.card_hash(CARD, b"\0" * 32)
    assert h == cashpoint.card_hash(CARD, identity.id_key(db))


def test_the_villagers_voucher_and_the_void_slip(db, open_day):
    """The voucher names the card only by its ends, the terminal's trace no. and the amount, and
    leaves a line to sign or thumb-print; what the printer gets decodes to the same."""
    w = pay(db, open_day, 50_000, "000123", bank="农业银行")
    for paper in (58, 80):
        text = preview_text(slips.cash_withdrawal_voucher("幸福村电商服务站", "王建国", w), paper)
        assert w.voucher_no in text and "000123" in text and "500.00" in text and "农业银行" in text
        assert "622848*********0018" in text and CARD not in text
        assert text.count("________________") == 2, "a line for the cardholder's signature and one for the date"
        printed = decode(render(slips.cash_withdrawal_voucher("幸福村电商服务站", "王建国", w), paper), paper)
        assert "000123" in printed.text and CARD not in printed.text
    voided = cashpoint.void_withdrawal(db, open_day, w.id, reason="终端显示交易失败")
    slip = preview_text(slips.withdrawal_voided("幸福村电商服务站", "王建国", voided, db.clock.now()), 58)
    assert "终端显示交易失败" in slip and "500.00" in slip and CARD not in slip
