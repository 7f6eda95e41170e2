import pytest

from station_app.core import cash
from station_app.core.money import format_fen, parse_yuan
from station_app.errors import Conflict, ValidationError


def test_money_parsing_and_display():
    assert parse_yuan("12.5") == 1250
    assert parse_yuan("¥12.50") == 1250
    assert parse_yuan("12元") == 1200
    assert parse_yuan("0.01") == 1
    assert format_fen(123456) == "¥1,234.56"
    assert format_fen(-300) == "-¥3.00"
    for bad in ("12.345", "-1", "abc", "", "1e3"):
        with pytest.raises(ValidationError):
            parse_yuan(bad)


def test_a_cash_day_from_open_to_close(db, manager, operator):
    period = cash.open_day(db, operator, counted=0)
    assert period.status == "open"
    cash.add_float(db, manager, amount=50_000, memo="零钱")
    cash.record_expense(db, operator, amount=1_500, category="supplies", memo="热敏纸")
    count = cash.count_cash(db, operator, counted=48_400)
    assert (count.expected, count.difference) == (48_500, -100)
    summary = cash.close_day(db, operator, counted=48_400)
    assert summary.expected == 48_500
    assert summary.counted == 48_400
    assert summary.over_short == -100
    assert cash.drawer_balance(db) == 48_400
    assert cash.open_period(db) is None
    assert cash.ledger_problems(db) == []
    # the next day opens at what was counted
    nxt = cash.open_day(db, operator, counted=48_400)
    assert nxt.opening_expected == 48_400


def test_cannot_pay_out_more_than_the_drawer_holds(db, operator):
    cash.open_day(db, operator, counted=0)
    with pytest.raises(Conflict) as err:
        cash.record_expense(db, operator, amount=100, category="supplies")
    assert "¥1.00" in str(err.value)
    assert cash.drawer_balance(db) == 0


def test_second_open_and_close_without_open_are_refused(db, operator):
    cash.open_day(db, operator, counted=0)
    with pytest.raises(Conflict):
        cash.open_day(db, operator, counted=0)
    cash.close_day(db, operator, counted=0)
    with pytest.raises(Conflict):
        cash.close_day(db, operator, counted=0)


def test_every_transaction_balances(db, manager, operator):
    cash.open_day(db, operator, counted=1_000)  # 10 yuan found in an empty drawer: over
    cash.add_float(db, manager, amount=20_000)
    cash.take_cash(db, manager, amount=5_000)
    totals = db.rows("SELECT txn_id, sum(amount) AS s FROM cash_entries GROUP BY txn_id")
    assert totals and all(r["s"] == 0 for r in totals)
    assert cash.drawer_balance(db) == 16_000
    db.execute("UPDATE cash_entries SET amount = amount + 1 WHERE rowid = 1")
    assert cash.ledger_problems(db)
