"""The cash ledger, double entry.

Every movement of money is a transaction whose entries sum to zero (debit +, credit -):
`drawer` is the cash in the drawer; `owner` is the station keeper's own money (float put
in, takings taken out); `income:<service>` are fees and commissions earned;
`payable:<service>` is cash held for others (billers, consignors); `expense:<kind>` are
payouts; `over_short` takes the difference a count finds; `clearing:qr` holds what villagers
paid by QR code (money that never passes through the drawer).

A cash period runs from opening the day to the daily close (if the close is forgotten it
simply runs on). Service appliers post through `post()`; actions that take or give cash
call `ensure_open()` first so a period is always open — except after today's daily close:
then they raise `DayClosed`, and the operator decides whether to open another business day
(`open_another_day`). A closed day is never reopened silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from station_app.clock import local_day
from station_app.core import events
from station_app.core.events import Event
from station_app.core.money import Fen, check_fen, format_fen
from station_app.core.operators import Operator
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

DRAWER, OWNER, OVER_SHORT = "drawer", "owner", "over_short"
QR_CLEARING = "clearing:qr"  # paid by QR code into the station's collection account, not the drawer
SERVICES = {
    "cash": QT_TRANSLATE_NOOP("services", "Cash desk"),
    "parcels": QT_TRANSLATE_NOOP("services", "Parcels"),
    "bills": QT_TRANSLATE_NOOP("services", "Bills & top-ups"),
    "consignment": QT_TRANSLATE_NOOP("services", "Consignment"),
    "training": QT_TRANSLATE_NOOP("services", "Training"),
    "cashpoint": QT_TRANSLATE_NOOP("services", "Bank-card cash point"),
    "services": QT_TRANSLATE_NOOP("services", "Other services"),
}
EXPENSES = {
    "supplies": QT_TRANSLATE_NOOP("cash", "Supplies (paper, labels)"),
    "sms": QT_TRANSLATE_NOOP("cash", "SMS package"),
    "other": QT_TRANSLATE_NOOP("cash", "Other"),
}


class DayClosed(Conflict):
    """Today's business day was closed: money is taken again only after the operator chose to
    open another business day (`open_another_day`)."""

    def __init__(self, day: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "Today's business day ({day}) is already closed (daily close). Open another business day "
                      "to take or pay out money now."), day=day)
        self.day = day


@dataclass(frozen=True)
class Period:
    id: str
    label_day: str
    opening_expected: int
    opening_counted: int | None
    status: str
    closing_expected: int | None = None
    closing_counted: int | None = None


@dataclass(frozen=True)
class Count:
    expected: Fen
    counted: Fen

    @property
    def difference(self) -> int:
        return self.counted - self.expected


@dataclass(frozen=True)
class ServiceLine:
    service: str
    cash_in: int
    cash_out: int
    income: int
    transactions: int


@dataclass(frozen=True)
class DaySummary:
    period: Period
    lines: list[ServiceLine]
    opening: int
    expected: int
    counted: int | None
    over_short: int
    #: what the opening count found more (+) or less (-) than the last close left
    opening_difference: int = 0


def drawer_balance(db: Store) -> Fen:
    return Fen(int(db.value("SELECT sum(amount) FROM cash_entries WHERE account = ?", (DRAWER,), default=0)))


def open_period(db: Store) -> Period | None:
    row = db.row("SELECT * FROM cash_periods WHERE status = 'open'")
    return _period(row) if row else None


def _period(r: Row) -> Period:
    return Period(r["id"], r["label_day"], r["opening_expected"], r["opening_counted"], r["status"],
                  r["closing_expected"], r["closing_counted"])


def _period_by_id(db: Store, period_id: str) -> Period:
    r = db.row("SELECT * FROM cash_periods WHERE id = ?", (period_id,))
    assert r is not None, f"no cash period {period_id}"
    return _period(r)


def closed_today(db: Store) -> str | None:
    """Today's label day if today's business day was closed and none is open, else None."""
    if open_period(db) is not None:
        return None
    day = local_day(db.clock.now()).isoformat()
    return day if db.value("SELECT 1 FROM cash_periods WHERE status = 'closed' AND label_day = ?", (day,)) else None


def ensure_open(db: Store, actor: Operator) -> Period:
    """The open cash period, opening one (without a count) if there is none — a forgotten
    "open the day" must not stop the counter. Inside a transaction. Raises DayClosed when
    today's day was closed: only the operator opens another one (`open_another_day`)."""
    period = open_period(db)
    if period:
        return period
    closed = closed_today(db)
    if closed:
        raise DayClosed(closed)
    expected = drawer_balance(db)
    payload = {"label_day": local_day(db.clock.now()).isoformat(), "expected": expected, "counted": None}
    events.record(db, actor.id, "cash.day_opened", new_id(), payload, appliers=APPLY)
    period = open_period(db)
    assert period is not None
    return period


def open_day(db: Store, actor: Operator, *, counted: int) -> Period:
    """Start the cash day with a count of the drawer; any difference goes to over/short."""
    counted = check_fen(counted)
    with db.transaction():
        period = open_period(db)
        if period:
            raise Conflict(
                QT_TRANSLATE_NOOP("errors", "The cash day of {day} is still open: close it first"), day=period.label_day
            )
        payload = {"label_day": local_day(db.clock.now()).isoformat(), "expected": drawer_balance(db), "counted": counted,
                   "first": not db.value("SELECT 1 FROM cash_periods LIMIT 1")}
        ev = events.record(db, actor.id, "cash.day_opened", new_id(), payload, appliers=APPLY)
    return _period_by_id(db, ev.entity_id)


def open_another_day(db: Store, actor: Operator) -> Period:
    """After today's daily close, the operator chose to work on: a new business day starts with
    the drawer as the close counted it (no count). Conflict when a day is open already."""
    with db.transaction():
        period = open_period(db)
        if period:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "The cash day of {day} is still open: close it first"),
                           day=period.label_day)
        payload = {"label_day": local_day(db.clock.now()).isoformat(), "expected": drawer_balance(db), "counted": None}
        ev = events.record(db, actor.id, "cash.day_opened", new_id(), payload, appliers=APPLY)
    return _period_by_id(db, ev.entity_id)


def count_cash(db: Store, actor: Operator, *, counted: int) -> Count:
    """Record a count of the drawer during the day (nothing is adjusted)."""
    counted = check_fen(counted)
    with db.transaction():
        period = ensure_open(db, actor)
        expected = drawer_balance(db)
        events.record(db, actor.id, "cash.counted", new_id(), {"period_id": period.id, "counted": counted, "expected": expected}, appliers=APPLY)
    return Count(expected, Fen(counted))


def close_day(db: Store, actor: Operator, *, counted: int) -> DaySummary:
    """The daily close: count the drawer, record over/short, close the period, summarise."""
    counted = check_fen(counted)
    with db.transaction():
        period = open_period(db)
        if period is None:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "No cash day is open"))
        expected = drawer_balance(db)
        events.record(db, actor.id, "cash.day_closed", period.id, {"expected": expected, "counted": counted}, appliers=APPLY)
    return day_summary(db, period.id)


def add_float(db: Store, actor: Operator, *, amount: int, memo: str = "") -> Fen:
    """The keeper puts cash into the drawer (change for the day)."""
    amount = check_fen(amount, allow_zero=False)
    with db.transaction():
        ensure_open(db, actor)
        events.record(db, actor.id, "cash.float_added", new_id(), {"amount": amount, "memo": memo.strip()}, appliers=APPLY)
    return drawer_balance(db)


def take_cash(db: Store, actor: Operator, *, amount: int, memo: str = "") -> Fen:
    """The keeper takes cash out of the drawer (to the bank, to pay the county)."""
    amount = check_fen(amount, allow_zero=False)
    with db.transaction():
        ensure_open(db, actor)
        require_cash(db, amount)
        events.record(db, actor.id, "cash.taken", new_id(), {"amount": amount, "memo": memo.strip()}, appliers=APPLY)
    return drawer_balance(db)


def record_expense(db: Store, actor: Operator, *, amount: int, category: str, memo: str = "") -> Fen:
    amount = check_fen(amount, allow_zero=False)
    if category not in EXPENSES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown expense kind {kind}"), kind=category)
    with db.transaction():
        ensure_open(db, actor)
        require_cash(db, amount)
        events.record(db, actor.id, "cash.expense", new_id(), {"amount": amount, "category": category, "memo": memo.strip()}, appliers=APPLY)
    return drawer_balance(db)


def require_cash(db: Store, amount: int) -> None:
    """Refuse to pay out more than the drawer holds."""
    balance = drawer_balance(db)
    if amount > balance:
        raise Conflict(
            QT_TRANSLATE_NOOP("errors", "Only {balance} is in the drawer; {amount} cannot be paid out"),
            balance=format_fen(balance), amount=format_fen(amount),
        )


def day_summary(db: Store, period_id: str) -> DaySummary:
    """One cash period: cash in and out and income per service, the opening and expected drawer,
    the count and the over/short. One pass over the period's own entries (CROSS JOIN keeps
    SQLite from walking a whole account's history through the account index)."""
    period = _period_by_id(db, period_id)
    lines = []
    over_short = opening_difference = moved = 0
    per: dict[str, list[int]] = {}
    for r in db.rows(
        """SELECT t.kind, t.service,
                  sum(CASE WHEN e.account = 'drawer' THEN e.amount ELSE 0 END) AS drawer,
                  sum(CASE WHEN e.account = 'drawer' AND e.amount > 0 THEN e.amount ELSE 0 END) AS cash_in,
                  sum(CASE WHEN e.account = 'drawer' AND e.amount < 0 THEN -e.amount ELSE 0 END) AS cash_out,
                  sum(CASE WHEN e.account LIKE 'income:%' THEN -e.amount ELSE 0 END) AS income,
                  count(DISTINCT t.id) AS n
           FROM cash_txns t CROSS JOIN cash_entries e ON e.txn_id = t.id
           WHERE t.period_id = ? GROUP BY t.kind, t.service""",
        (period_id,),
    ):
        if r["kind"] == "over_short":
            over_short += r["drawer"]
        elif r["kind"] == "opening_difference":
            opening_difference += r["drawer"]
        else:
            moved += r["drawer"]
            into = per.setdefault(r["service"], [0, 0, 0, 0])
            for i, key in enumerate(("cash_in", "cash_out", "income", "n")):
                into[i] += r[key]
    for service in sorted(per):
        lines.append(ServiceLine(service, *per[service]))
    opening = period.opening_expected + opening_difference
    return DaySummary(period, lines, opening, opening + moved, period.closing_counted, over_short, opening_difference)


def ledger_problems(db: Store) -> list[str]:
    """Transactions that do not balance, and closes that disagree with the ledger."""
    problems = [
        f"cash transaction {r['txn_id']} is off by {format_fen(r['total'])}"
        for r in db.rows("SELECT txn_id, sum(amount) AS total FROM cash_entries GROUP BY txn_id HAVING total != 0")
    ]
    orphans = db.value("SELECT count(*) FROM cash_txns t WHERE NOT EXISTS (SELECT 1 FROM cash_entries e WHERE e.txn_id = t.id)")
    if orphans:
        problems.append(f"{orphans} cash transactions have no entries")
    if drawer_balance(db) < 0:
        problems.append(f"the drawer balance is negative ({format_fen(drawer_balance(db))})")
    return problems


# -- posting (used by every service's appliers) ----------------------------------------


def post(db: Store, ev: Event, *, kind: str, service: str, entries: list[tuple[str, int]], memo: str = "", suffix: str = "") -> None:
    """Post one balanced transaction for an event into the open period."""
    if sum(amount for _, amount in entries) != 0:
        raise ValueError(f"unbalanced cash transaction for {ev.kind}: {entries}")
    period = db.row("SELECT id FROM cash_periods WHERE status = 'open'")
    if period is None:
        raise RuntimeError(f"{ev.kind} posts cash but no cash period is open (call cash.ensure_open first)")
    txn_id = ev.id + suffix
    db.insert("cash_txns", {"id": txn_id, "seq": ev.seq, "period_id": period["id"], "kind": kind, "service": service,
                            "memo": memo, "at": ev.station_time, "operator_id": ev.operator_id})
    for account, amount in entries:
        if amount:
            db.insert("cash_entries", {"txn_id": txn_id, "account": account, "amount": amount})


# -- appliers -------------------------------------------------------------------------


def _day_opened(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("cash_periods", {"id": ev.entity_id, "label_day": p["label_day"], "opened_at": ev.station_time,
                               "opened_by": ev.operator_id, "opening_expected": p["expected"],
                               "opening_counted": p["counted"], "status": "open"})
    if p["counted"] is not None and p["counted"] != p["expected"]:
        diff = p["counted"] - p["expected"]
        if p.get("first"):  # the very first count is the keeper's starting float, not a difference
            post(db, ev, kind="float_in", service="cash", entries=[(DRAWER, diff), (OWNER, -diff)], memo="starting float")
        else:
            post(db, ev, kind="opening_difference", service="cash", entries=[(DRAWER, diff), (OVER_SHORT, -diff)])


def _counted(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("cash_counts", {"id": ev.entity_id, "period_id": p["period_id"], "counted": p["counted"],
                              "expected": p["expected"], "at": ev.station_time, "operator_id": ev.operator_id})


def _day_closed(db: Store, ev: Event) -> None:
    p = ev.payload
    diff = p["counted"] - p["expected"]
    if diff:
        post(db, ev, kind="over_short", service="cash", entries=[(DRAWER, diff), (OVER_SHORT, -diff)])
    db.update("cash_periods", {"id": ev.entity_id}, {"status": "closed", "closed_at": ev.station_time,
                                                       "closed_by": ev.operator_id, "closing_expected": p["expected"],
                                                       "closing_counted": p["counted"]})


def _float_added(db: Store, ev: Event) -> None:
    a = ev.payload["amount"]
    post(db, ev, kind="float_in", service="cash", entries=[(DRAWER, a), (OWNER, -a)], memo=ev.payload["memo"])


def _taken(db: Store, ev: Event) -> None:
    a = ev.payload["amount"]
    post(db, ev, kind="float_out", service="cash", entries=[(OWNER, a), (DRAWER, -a)], memo=ev.payload["memo"])


def _expense(db: Store, ev: Event) -> None:
    a = ev.payload["amount"]
    post(db, ev, kind="expense", service="cash", entries=[(f"expense:{ev.payload['category']}", a), (DRAWER, -a)],
         memo=ev.payload["memo"])


APPLY = {
    "cash.day_opened": _day_opened,
    "cash.counted": _counted,
    "cash.day_closed": _day_closed,
    "cash.float_added": _float_added,
    "cash.taken": _taken,
    "cash.expense": _expense,
}
