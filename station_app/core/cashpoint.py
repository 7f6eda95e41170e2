"""The bank-card cash point (助农取款): a villager takes cash from their bank card at the station.

The bank's POS terminal does the card transaction (the villager types the PIN on it) and prints
its voucher; the station records each withdrawal from that voucher — trace number, card,
amount, the terminal's time — and pays the cash out of the drawer. The rules the banks set for
these points (PBoC 银发〔2011〕177号) are checked before anything is paid:

- at least 10 yuan, in multiples of 10 yuan;
- at most 1,000 yuan per card per day (the card is known by a keyed hash of its number, never
  stored whole: the station keeps only its first six and last four digits);
- one voucher is recorded once (its trace number, per day).

Money (`core.cash`): the drawer pays out and the bank owes it back: `receivable:bank` +, `drawer`
-. Each day the bank settles what its terminal took into the keeper's own account (`owner` +,
`receivable:bank` -); `settle_day` records the bank's settlement total against the station's
withdrawals of that day, and a day whose totals differ is flagged (`reconciliation`) until the
bank's correction is recorded. A withdrawal recorded by mistake (the terminal declined it) is
voided the same day, before its day is settled.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date, datetime

from station_app.clock import iso, local_day
from station_app.core import cash, events, identity
from station_app.core.events import Event
from station_app.core.money import check_fen, format_fen
from station_app.core.operators import Operator
from station_app.core.people import POVERTY
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

SERVICE = "cashpoint"
RECEIVABLE = "receivable:bank"
MIN_FEN = 1_000  # 10 yuan
STEP_FEN = 1_000  # multiples of 10 yuan
DAY_LIMIT_FEN = 100_000  # 1,000 yuan per card per day
PAID, VOIDED = "paid", "voided"
STATUSES = {PAID: QT_TRANSLATE_NOOP("cashpoint", "Paid out"), VOIDED: QT_TRANSLATE_NOOP("cashpoint", "Voided")}
UNSETTLED, MATCHED, DIFFERS = "unsettled", "matched", "differs"
SETTLEMENT_STATES = {
    UNSETTLED: QT_TRANSLATE_NOOP("cashpoint", "Not settled yet"),
    MATCHED: QT_TRANSLATE_NOOP("cashpoint", "Settled, totals agree"),
    DIFFERS: QT_TRANSLATE_NOOP("cashpoint", "Settled, totals DIFFER"),
}
#: the same in a word, for a list
SHORT_STATES = {
    UNSETTLED: QT_TRANSLATE_NOOP("cashpoint", "Open"),
    MATCHED: QT_TRANSLATE_NOOP("cashpoint", "Agrees"),
    DIFFERS: QT_TRANSLATE_NOOP("cashpoint", "DIFFERS"),
}

_TRACE = re.compile(r"^\d{4,12}$")
_TRACK = re.compile(r"^[;%]?B?(\d{13,19})[=^]")  # a card reader's track text: ;6228480012345678=2812...?


@dataclass(frozen=True)
class Withdrawal:
    id: str
    voucher_no: str
    day: str
    trace_no: str
    terminal_time: str
    card_masked: str
    bank: str
    amount: int
    person_id: str | None
    name: str
    poverty: bool
    status: str
    recorded_at: str
    operator_id: str
    void_reason: str | None


@dataclass(frozen=True)
class DayReconciliation:
    """One day of the cash point against the bank's settlement of it."""

    day: str
    withdrawals: int
    expected: int  # fen: what the station paid out that day (voided ones left out)
    bank_total: int | None  # fen: what the bank settled for it (all its settlement entries), None if not yet
    bank_count: int | None

    @property
    def difference(self) -> int:
        """Bank minus station, in fen (negative: the bank settled less than was paid out)."""
        return 0 if self.bank_total is None else self.bank_total - self.expected

    @property
    def state(self) -> str:
        if self.bank_total is None:
            return UNSETTLED
        return MATCHED if self.difference == 0 and self.bank_count in (None, self.withdrawals) else DIFFERS

    @property
    def flagged(self) -> bool:
        return self.state == DIFFERS


@dataclass(frozen=True)
class CashpointFigures:
    withdrawals: int
    amount: int
    cards: int
    poverty_withdrawals: int
    poverty_amount: int
    voided: int
    days: int
    settled_days: int
    differing_days: int
    difference: int  # fen, bank minus station over the settled days
    settled_amount: int  # fen the bank settled


# -- the card ----------------------------------------------------------------------------------


def read_card_number(text: str) -> str:
    """The card number typed, or read by a card reader (track text). Raises ValidationError
    unless it is 13–19 digits that pass the card check digit (Luhn)."""
    raw = (text or "").strip()
    track = _TRACK.match(raw)
    digits = track.group(1) if track else "".join(ch for ch in raw if not ch.isspace() and ch != "-")
    if not digits.isdigit() or not 13 <= len(digits) <= 19:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A bank card number has 13 to 19 digits"))
    if not luhn_ok(digits):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Card number {card} is mistyped (its check digit is wrong)"),
                              card=mask_card(digits))
    return digits


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def mask_card(digits: str) -> str:
    """6228480012345678 -> 622848******5678: the bank's six digits and the last four, as vouchers print it."""
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


def card_hash(digits: str, key: bytes) -> str:
    """A keyed hash of the card number: the same card, the same hash (at this station); without
    the station's key no card can be tested against it (the middle digits are few)."""
    digest = hmac.new(key, b"village-station card v1\x00" + digits.encode("ascii"), hashlib.sha256).hexdigest()
    return f"{identity.key_id(key)}:{digest}"


# -- reading -------------------------------------------------------------------------------------


def _withdrawal(r: Row) -> Withdrawal:
    return Withdrawal(r["id"], r["voucher_no"], r["day"], r["trace_no"], r["terminal_time"], r["card_masked"],
                      r["bank"], r["amount"], r["person_id"], r["name"], bool(r["poverty"]), r["status"],
                      r["recorded_at"], r["operator_id"], r["void_reason"])


def get_withdrawal(db: Store, withdrawal_id: str) -> Withdrawal:
    r = db.row("SELECT * FROM cash_withdrawals WHERE id = ?", (withdrawal_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such withdrawal"))
    return _withdrawal(r)


def withdrawals_on(db: Store, day: date | str) -> list[Withdrawal]:
    """The day's withdrawals, newest first (voided ones too)."""
    d = day.isoformat() if isinstance(day, date) else day
    return [_withdrawal(r) for r in db.rows("SELECT * FROM cash_withdrawals WHERE day = ? ORDER BY seq DESC", (d,))]


def card_total(db: Store, card_number: str, day: date | str) -> int:
    """What this card has taken out at this station on `day` (fen)."""
    d = day.isoformat() if isinstance(day, date) else day
    h = card_hash(read_card_number(card_number), identity.id_key(db))
    return int(db.value("SELECT sum(amount) FROM cash_withdrawals WHERE card_hash = ? AND day = ? AND status = 'paid'",
                        (h, d), default=0) or 0)


def _today(db: Store) -> str:
    return local_day(db.clock.now()).isoformat()


# -- actions ---------------------------------------------------------------------------------------


def check_amount(amount: int) -> int:
    """The cash point's amount rules (at least 10 yuan, multiples of 10). Raises ValidationError."""
    amount = check_fen(amount, allow_zero=False)
    if amount < MIN_FEN:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A cash point withdrawal is at least {least}"),
                              least=format_fen(MIN_FEN))
    if amount % STEP_FEN:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A cash point withdrawal is a multiple of {step}: {amount} "
                                                          "is not"), step=format_fen(STEP_FEN), amount=format_fen(amount))
    if amount > DAY_LIMIT_FEN:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "At most {most} per card and day"),
                              most=format_fen(DAY_LIMIT_FEN))
    return amount


def pay_withdrawal(db: Store, actor: Operator, *, card_number: str, amount: int, trace_no: str,
                   terminal_time: datetime | None = None, bank: str = "", person_id: str | None = None,
                   name: str = "", poverty: bool | None = None) -> Withdrawal:
    """Record a withdrawal the bank's terminal approved and pay the cash out of the drawer.

    `card_number` as typed or read from the card (only its masked form and a keyed hash are
    kept); `trace_no` the voucher's trace number; `terminal_time` the voucher's time (default
    now). `person_id` a registered villager (their poverty-register mark counts), else `name`
    and `poverty` as told. Raises ValidationError (card, amount, trace number), Conflict (the
    card's day limit, the voucher already recorded, not enough cash in the drawer) or NotFound."""
    digits = read_card_number(card_number)
    amount = check_amount(amount)
    trace = "".join((trace_no or "").split())
    if not _TRACE.match(trace):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The voucher's trace number has 4 to 12 digits"))
    when = terminal_time or db.clock.now()
    if when.tzinfo is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The terminal's time needs its time zone"))
    name = " ".join((name or "").split())[:30]
    key = identity.id_key(db)
    with db.transaction():
        day = _today(db)
        if person_id:
            person = db.row("SELECT name, categories FROM people WHERE id = ?", (person_id,))
            if person is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "No such person"))
            name = person["name"]
            poor = POVERTY in person["categories"].split(",")
        else:
            poor = bool(poverty)
        if db.value("SELECT 1 FROM cash_withdrawals WHERE day = ? AND trace_no = ?", (day, trace)):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "The voucher with trace number {trace} is already recorded "
                                                       "today"), trace=trace)
        hashed = card_hash(digits, key)
        taken = int(db.value("SELECT sum(amount) FROM cash_withdrawals WHERE card_hash = ? AND day = ? "
                             "AND status = 'paid'", (hashed, day), default=0) or 0)
        if taken + amount > DAY_LIMIT_FEN:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Card {card} has taken {taken} today: {amount} more would pass "
                                                       "the limit of {most} per card and day (at most {left} more)"),
                           card=mask_card(digits), taken=format_fen(taken), amount=format_fen(amount),
                           most=format_fen(DAY_LIMIT_FEN), left=format_fen(DAY_LIMIT_FEN - taken))
        cash.ensure_open(db, actor)
        cash.require_cash(db, amount)
        n = int(db.value("SELECT count(*) FROM cash_withdrawals", default=0)) + 1
        payload = {"voucher_no": f"QK{n:05d}", "day": day, "trace_no": trace, "terminal_time": iso(when),
                   "card_masked": mask_card(digits), "card_hash": hashed, "bank": " ".join(bank.split())[:20],
                   "amount": amount, "person_id": person_id, "name": name, "poverty": poor}
        ev = events.record(db, actor.id, "cashpoint.withdrawal_paid", new_id(), payload, appliers=APPLY)
    return get_withdrawal(db, ev.entity_id)


def void_withdrawal(db: Store, actor: Operator, withdrawal_id: str, *, reason: str) -> Withdrawal:
    """Take back a withdrawal recorded by mistake (the terminal declined or reversed it, and the
    villager handed the cash back): the same day only, before the day is settled with the bank.
    Raises ValidationError (no reason), NotFound or Conflict."""
    reason = " ".join((reason or "").split())[:100]
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Say why the withdrawal is voided"))
    with db.transaction():
        w = get_withdrawal(db, withdrawal_id)
        if w.status != PAID:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Withdrawal {number} is voided already"), number=w.voucher_no)
        if w.day != _today(db):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Withdrawal {number} was made on {day}: only today's can be "
                                                       "voided"), number=w.voucher_no, day=w.day)
        if db.value("SELECT 1 FROM cash_settlements WHERE day = ?", (w.day,)):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "The bank has settled {day} already: a withdrawal of it cannot "
                                                       "be voided"), day=w.day)
        cash.ensure_open(db, actor)
        events.record(db, actor.id, "cashpoint.withdrawal_voided", withdrawal_id, {"reason": reason}, appliers=APPLY)
    return get_withdrawal(db, withdrawal_id)


def settle_day(db: Store, actor: Operator, *, day: date | str, bank_total: int, bank_count: int | None = None,
               note: str = "") -> DayReconciliation:
    """Record the bank's settlement of one day (its total, and its count when the statement
    gives it) against the withdrawals the station paid out that day. A second entry for a day
    (the bank's correction) adds to the first. The result says whether the totals agree; a
    difference stays flagged. Raises ValidationError (day, amounts) or Conflict (a day in the
    future, or with nothing to settle)."""
    bank_total = check_fen(bank_total)
    try:
        d = (day if isinstance(day, date) else date.fromisoformat(str(day).strip())).isoformat()
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Date '{text}' is not valid: write it like 2026-11-23"),
                              text=day) from None
    if bank_count is not None and (isinstance(bank_count, bool) or not isinstance(bank_count, int)
                                   or not 0 <= bank_count <= 10_000):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The number of withdrawals the bank counted is not valid"))
    with db.transaction():
        if d > _today(db):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "{day} has not come yet: the bank settles days that have "
                                                       "passed"), day=d)
        before = reconcile(db, d)
        if before.withdrawals == 0 and bank_total == 0:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "No withdrawals on {day} and nothing settled: nothing to "
                                                       "record"), day=d)
        cash.ensure_open(db, actor)
        payload = {"day": d, "bank_total": bank_total, "bank_count": bank_count, "expected_total": before.expected,
                   "expected_count": before.withdrawals, "note": " ".join((note or "").split())[:100]}
        events.record(db, actor.id, "cashpoint.settled", new_id(), payload, appliers=APPLY)
    return reconcile(db, d)


# -- the days against the bank ----------------------------------------------------------------------


def reconcile(db: Store, day: str) -> DayReconciliation:
    """One day of the cash point against the bank's settlement entries for it."""
    paid = db.row("SELECT count(*) AS n, coalesce(sum(amount), 0) AS amount FROM cash_withdrawals "
                  "WHERE day = ? AND status = 'paid'", (day,))
    bank = db.row("SELECT count(*) AS n, sum(bank_total) AS total, sum(bank_count) AS counted, "
                  "count(bank_count) AS with_count FROM cash_settlements WHERE day = ?", (day,))
    assert paid is not None and bank is not None  # aggregates: always one row
    total = None if not bank["n"] else int(bank["total"])
    counted = int(bank["counted"]) if bank["n"] and bank["with_count"] == bank["n"] else None
    return DayReconciliation(day, int(paid["n"]), int(paid["amount"]), total, counted)


def reconciliation(db: Store, first: date | str, last: date | str) -> list[DayReconciliation]:
    """Every day from `first` to `last` with a withdrawal or a settlement, oldest first."""
    a = first.isoformat() if isinstance(first, date) else first
    b = last.isoformat() if isinstance(last, date) else last
    days = [r["day"] for r in db.rows(
        "SELECT day FROM cash_withdrawals WHERE day BETWEEN ? AND ? UNION "
        "SELECT day FROM cash_settlements WHERE day BETWEEN ? AND ? ORDER BY day", (a, b, a, b))]
    return [reconcile(db, d) for d in days]


def days_to_settle(db: Store) -> list[DayReconciliation]:
    """Past days the bank has not settled yet, or settled with a difference (the page shows them)."""
    today = _today(db)
    days = [r["day"] for r in db.rows(
        "SELECT DISTINCT day FROM cash_withdrawals WHERE day < ? AND status = 'paid' ORDER BY day", (today,))]
    days += [r["day"] for r in db.rows("SELECT DISTINCT day FROM cash_settlements ORDER BY day")]
    out = [reconcile(db, d) for d in sorted(set(days))]
    return [d for d in out if d.state != MATCHED]


def owed_by_bank(db: Store) -> int:
    """What the bank still owes the station (fen): paid out and not yet settled, plus differences."""
    return int(db.value("SELECT sum(amount) FROM cash_entries WHERE account = ?", (RECEIVABLE,), default=0) or 0)


def figures(db: Store, first: date | str, last: date | str) -> CashpointFigures:
    """The cash point in the days given (withdrawals by the day they were paid, settlements by
    the day they settle)."""
    a = first.isoformat() if isinstance(first, date) else first
    b = last.isoformat() if isinstance(last, date) else last
    r = db.row("""SELECT count(*) AS n, coalesce(sum(amount), 0) AS amount, count(DISTINCT card_hash) AS cards,
                         count(CASE WHEN poverty THEN 1 END) AS pn,
                         coalesce(sum(CASE WHEN poverty THEN amount END), 0) AS pa, count(DISTINCT day) AS days
                  FROM cash_withdrawals WHERE day BETWEEN ? AND ? AND status = 'paid'""", (a, b))
    assert r is not None
    voided = int(db.value("SELECT count(*) FROM cash_withdrawals WHERE day BETWEEN ? AND ? AND status = 'voided'",
                          (a, b), default=0))
    days = reconciliation(db, a, b)
    settled = [d for d in days if d.bank_total is not None]
    return CashpointFigures(int(r["n"]), int(r["amount"]), int(r["cards"]), int(r["pn"]), int(r["pa"]), voided,
                            int(r["days"]), len(settled), sum(1 for d in settled if d.flagged),
                            sum(d.difference for d in settled), sum(d.bank_total or 0 for d in settled))


# -- appliers -------------------------------------------------------------------------------------


def _paid(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("cash_withdrawals", {
        "id": ev.entity_id, "seq": ev.seq, "voucher_no": p["voucher_no"], "day": p["day"], "trace_no": p["trace_no"],
        "terminal_time": p["terminal_time"], "card_masked": p["card_masked"], "card_hash": p["card_hash"],
        "bank": p["bank"], "amount": p["amount"], "person_id": p["person_id"], "name": p["name"],
        "poverty": int(p["poverty"]), "status": PAID, "recorded_at": ev.station_time, "operator_id": ev.operator_id})
    cash.post(db, ev, kind="withdrawal", service=SERVICE, memo=p["voucher_no"],
              entries=[(RECEIVABLE, p["amount"]), (cash.DRAWER, -p["amount"])])


def _voided(db: Store, ev: Event) -> None:
    w = db.row("SELECT voucher_no, amount FROM cash_withdrawals WHERE id = ?", (ev.entity_id,))
    assert w is not None, f"no withdrawal {ev.entity_id}"
    cash.post(db, ev, kind="withdrawal_voided", service=SERVICE, memo=w["voucher_no"],
              entries=[(cash.DRAWER, w["amount"]), (RECEIVABLE, -w["amount"])])
    db.update("cash_withdrawals", {"id": ev.entity_id}, {"status": VOIDED, "voided_at": ev.station_time,
                                                         "void_reason": ev.payload["reason"]})


def _settled(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("cash_settlements", {
        "id": ev.entity_id, "seq": ev.seq, "day": p["day"], "bank_total": p["bank_total"], "bank_count": p["bank_count"],
        "expected_total": p["expected_total"], "expected_count": p["expected_count"], "note": p["note"],
        "recorded_at": ev.station_time, "operator_id": ev.operator_id})
    if p["bank_total"]:  # into the keeper's own bank account: no cash passes the drawer
        cash.post(db, ev, kind="bank_settlement", service=SERVICE, memo=p["day"],
                  entries=[(cash.OWNER, p["bank_total"]), (RECEIVABLE, -p["bank_total"])])


APPLY = {
    "cashpoint.withdrawal_paid": _paid,
    "cashpoint.withdrawal_voided": _voided,
    "cashpoint.settled": _settled,
}
