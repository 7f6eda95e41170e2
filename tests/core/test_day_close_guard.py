"""After today's daily close, money is taken again only once the operator chose to open another
business day: nothing opens a second day silently."""

import pytest

from station_app.core import bills, cash
from station_app.core.cash import DayClosed
from station_app.errors import Conflict


def test_a_bill_after_the_close_is_refused_until_another_day_is_opened(db, manager, operator):
    cash.open_day(db, manager, counted=10_000)
    cash.close_day(db, manager, counted=10_000)
    periods = db.value("SELECT count(*) FROM cash_periods")
    with pytest.raises(DayClosed) as refused:
        bills.accept_payment(db, operator, product_id="cmcc.topup", account="13812345678", amount=5000)
    assert refused.value.day == "2026-11-02"
    assert db.value("SELECT count(*) FROM cash_periods") == periods and db.value("SELECT count(*) FROM bills") == 0
    assert cash.closed_today(db) == "2026-11-02"

    second = cash.open_another_day(db, operator)
    assert second.label_day == "2026-11-02" and second.opening_counted is None
    bills.accept_payment(db, operator, product_id="cmcc.topup", account="13812345678", amount=5000)
    assert cash.drawer_balance(db) == 15_000 and cash.ledger_problems(db) == []
    with pytest.raises(Conflict):
        cash.open_another_day(db, operator)  # one is open now


def test_a_forgotten_open_on_a_new_day_still_opens_one(db, clock, manager, operator):
    cash.open_day(db, manager, counted=0)
    cash.close_day(db, manager, counted=0)
    clock.advance(days=1)
    assert cash.closed_today(db) is None
    bills.accept_payment(db, operator, product_id="cmcc.topup", account="13812345678", amount=5000)
    assert cash.open_period(db).label_day == "2026-11-03"
