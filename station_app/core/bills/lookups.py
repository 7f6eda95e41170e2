"""Finding bills: by id, receipt or account number, by state, and the ones waiting too long."""

from __future__ import annotations

from datetime import date, timedelta

from station_app.clock import iso
from station_app.core import settings
from station_app.core.bills.billers import Product
from station_app.core.bills.checks import _plain
from station_app.core.bills.figures import day_bounds
from station_app.core.bills.records import ACCEPTED, PENDING, REFUND_DUE, Bill, BillResult, _bill
from station_app.db import Store
from station_app.errors import NotFound
from station_app.i18n import QT_TRANSLATE_NOOP


def get_bill(db: Store, bill_id: str) -> Bill:
    row = db.row("SELECT * FROM bills WHERE id = ?", (bill_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such bill payment"))
    return _bill(row)


def find_bills(db: Store, text: str, limit: int = 50) -> list[Bill]:
    """By receipt number, or by account number (whole or its last digits), newest first."""
    q, number = _plain(text), "".join((text or "").split()).upper()
    if not q:
        return []
    rows = db.rows("SELECT * FROM bills WHERE receipt_no = ? OR refund_no = ? OR account = ? OR account LIKE ? "
                   "ORDER BY accepted_at DESC LIMIT ?", (number, number, q, f"%{q}", limit))
    return [_bill(r) for r in rows]


def bills_in(db: Store, *states: str, limit: int = 500) -> list[Bill]:
    """Bills in these states, oldest first (the ones waiting longest come first)."""
    marks = ",".join("?" * len(states))
    rows = db.rows(f"SELECT * FROM bills WHERE state IN ({marks}) ORDER BY accepted_at, receipt_no LIMIT ?",
                   (*states, limit))
    return [_bill(r) for r in rows]


def waiting(db: Store) -> list[Bill]:
    """Accepted or being paid: the county has not said paid or failed yet."""
    return bills_in(db, ACCEPTED, PENDING)


def refunds_due(db: Store) -> list[Bill]:
    return bills_in(db, REFUND_DUE)


def conflicts(db: Store) -> list[Bill]:
    return [_bill(r) for r in db.rows("SELECT * FROM bills WHERE conflict != '' ORDER BY accepted_at")]


def paid_on(db: Store, day: date) -> list[Bill]:
    a, b = day_bounds(day)
    return [_bill(r) for r in db.rows("SELECT * FROM bills WHERE paid_at >= ? AND paid_at < ? AND state = 'paid' "
                                      "ORDER BY paid_at", (a, b))]


def is_overdue(db: Store, bill: Bill) -> bool:
    """Waiting longer than the county's `bills.overdue_hours` (shown so someone asks)."""
    return bill.state in (ACCEPTED, PENDING) and bill.age(db.clock.now()) > timedelta(hours=settings.get(db, "bills.overdue_hours"))


def results_for(db: Store, bill_id: str) -> list[BillResult]:
    """Every result the county sent for a bill, in the order they arrived, with what each did."""
    return [BillResult(r["id"], r["request_id"], r["status"], r["biller_ref"], r["message"], r["at"], r["effect"])
            for r in db.rows("SELECT * FROM bill_results WHERE request_id = ? ORDER BY rowid", (bill_id,))]


def recent_payment(db: Store, product: Product, account: str) -> Bill | None:
    """A payment to the same biller account within `bills.duplicate_minutes` (not failed ones)."""
    since = iso(db.clock.now() - timedelta(minutes=settings.get(db, "bills.duplicate_minutes")))
    row = db.row("SELECT * FROM bills WHERE biller_id = ? AND account = ? AND accepted_at >= ? "
                 "AND state IN ('accepted', 'pending', 'paid') ORDER BY accepted_at DESC LIMIT 1",
                 (product.biller_id, account, since))
    return _bill(row) if row else None
