"""The day's bill figures: accepted, paid, failed, refunded and voided, counts and amounts, per biller."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from station_app.clock import SHANGHAI, iso
from station_app.db import Store


@dataclass(frozen=True)
class Tally:
    count: int = 0
    amount: int = 0


@dataclass(frozen=True)
class BillerFigures:
    biller_id: str
    biller_name: str
    accepted: Tally = Tally()
    fees: int = 0
    paid: Tally = Tally()
    commission: int = 0
    failed: Tally = Tally()
    refunded: Tally = Tally()  # cash handed back: amount and fee
    voided: Tally = Tally()  # voided the same day before it went to the county: amount and fee handed back


@dataclass(frozen=True)
class DayFigures:
    day: date
    billers: list[BillerFigures]
    total: BillerFigures
    waiting_now: Tally
    refund_due_now: Tally
    conflicts_now: int
    by_state: dict[str, int] = field(default_factory=dict)


#: what each tally counts: (the time that puts a bill on a day, money, the extra sum, which bills)
#: a partly paid bill (部分成功, `paid_amount`) counts as paid for what the biller paid (no
#: commission) and as failed and refunded for the rest
_TALLIES = {
    "accepted": ("accepted_at", "amount", "fee", "1 = 1"),
    "paid": ("paid_at", "coalesce(paid_amount, amount)", "CASE WHEN state = 'paid' THEN commission ELSE 0 END",
             "(state = 'paid' OR paid_amount IS NOT NULL)"),
    "failed": ("failed_at", "amount - coalesce(paid_amount, 0)", "0", "state IN ('refund_due', 'refunded')"),
    "refunded": ("refunded_at", "amount - coalesce(paid_amount, 0) + refund_fee", "0", "state = 'refunded'"),
    "voided": ("voided_at", "amount + fee", "0", "state = 'voided'"),
}


def period_billers(db: Store, first: date, last: date) -> list[BillerFigures]:
    """Per biller, the local days first..last at once: what `daily_figures` gives for each day,
    added up (a biller named as on the earliest bill of the period)."""
    return _per_biller(db, day_bounds(first)[0], day_bounds(last)[1])


def _per_biller(db: Store, a: str, b: str) -> list[BillerFigures]:
    """Bills per biller whose tally time falls in [a, b) (UTC text bounds), ordered by biller id."""
    per: dict[str, dict[str, Any]] = {}
    named: dict[str, str] = {}  # biller -> the earliest tally time seen, for its name
    for what, (column, money, extra, where) in _TALLIES.items():
        # min() makes SQLite take biller_name from the earliest bill of the group
        for r in db.rows(f"SELECT biller_id, biller_name, min({column}) AS at, count(*) AS n, sum({money}) AS m, "
                         f"sum({extra}) AS x FROM bills WHERE {column} >= ? AND {column} < ? AND {where} "
                         "GROUP BY biller_id", (a, b)):
            line = per.setdefault(r["biller_id"], {"biller_id": r["biller_id"], "biller_name": r["biller_name"]})
            if r["at"] < named.setdefault(r["biller_id"], r["at"]):
                named[r["biller_id"]], line["biller_name"] = r["at"], r["biller_name"]
            line[what] = Tally(r["n"], r["m"])
            if what == "accepted":
                line["fees"] = r["x"]
            elif what == "paid":
                line["commission"] = r["x"]
    return [BillerFigures(**v) for _, v in sorted(per.items())]


def day_bounds(day: date) -> tuple[str, str]:
    start = datetime.combine(day, time(0), SHANGHAI)
    return iso(start), iso(start + timedelta(days=1))


def daily_figures(db: Store, day: date) -> DayFigures:
    """One local (Shanghai) day: accepted, paid, failed and refunded, counts and amounts, per biller."""
    a, b = day_bounds(day)
    lines = _per_biller(db, a, b)

    def both(what: str) -> Tally:
        return Tally(sum(getattr(x, what).count for x in lines), sum(getattr(x, what).amount for x in lines))

    total = BillerFigures("", "", accepted=both("accepted"), fees=sum(x.fees for x in lines), paid=both("paid"),
                          commission=sum(x.commission for x in lines), failed=both("failed"), refunded=both("refunded"),
                          voided=both("voided"))

    def tally(where: str, money: str = "amount") -> Tally:
        r = db.rows(f"SELECT count(*), sum({money}) FROM bills WHERE {where}")[0]  # an aggregate: one row
        return Tally(r[0], r[1] or 0)

    return DayFigures(day, lines, total, tally("state IN ('accepted', 'pending')"),
                      tally("state = 'refund_due'",
                            "CASE WHEN paid_amount IS NULL THEN amount + fee ELSE amount - paid_amount END"),
                      int(db.value("SELECT count(*) FROM bills WHERE conflict != ''", default=0)),
                      {r[0]: r[1] for r in db.rows("SELECT state, count(*) FROM bills GROUP BY state")})
