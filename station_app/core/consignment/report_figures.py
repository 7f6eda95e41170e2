"""Consignment figures for the reports (`core.reports`): sales, returns, commission, help for
poverty-register households, settlements paid and lots taken in, over a period of days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from station_app.core.consignment.lots import CATEGORIES
from station_app.core.consignment.quantities import parse_day
from station_app.db import Store


@dataclass(frozen=True)
class Figures:
    """Consignment (代销) figures for a period of local days, both ends included. Amounts are net
    of returns; voided sales do not count."""

    start: str
    end: str
    sales: int
    amount: int
    returns: int
    returned_amount: int
    #: category -> (sales with goods of that category, amount)
    by_category: dict[str, tuple[int, int]]
    #: sales of goods from registered poor households (建档立卡贫困户)
    poverty_sales: int
    poverty_amount: int
    poverty_consignors: int
    commission: int
    settlements_paid: int
    settlements_paid_amount: int
    lots_taken_in: int


def figures(db: Store, start: date | str, end: date | str) -> Figures:
    start, end = parse_day(start, "start"), parse_day(end, "end")
    where = "voided = 0 AND day BETWEEN ? AND ?"
    one = db.row(f"""SELECT count(DISTINCT CASE WHEN kind != 'return' THEN sale_id END) AS sales,
                            count(DISTINCT return_id) AS returns, coalesce(sum(amount), 0) AS amount,
                            coalesce(sum(CASE WHEN kind = 'return' THEN -amount ELSE 0 END), 0) AS returned,
                            coalesce(sum(commission), 0) AS commission,
                            count(DISTINCT CASE WHEN poverty AND kind != 'return' THEN sale_id END) AS p_sales,
                            coalesce(sum(CASE WHEN poverty THEN amount ELSE 0 END), 0) AS p_amount,
                            count(DISTINCT CASE WHEN poverty THEN consignor_id END) AS p_consignors
                     FROM consign_moves WHERE {where}""", (start, end))
    by_category = {c: (0, 0) for c in CATEGORIES}
    for r in db.rows(f"""SELECT category, count(DISTINCT CASE WHEN kind != 'return' THEN sale_id END) AS n, sum(amount) AS amount
                         FROM consign_moves WHERE {where} GROUP BY category""", (start, end)):
        by_category[r["category"]] = (r["n"], r["amount"])
    paid = db.row("SELECT count(*) AS n, coalesce(sum(due), 0) AS amount FROM consign_settlements"
                  " WHERE status = 'paid' AND paid_day BETWEEN ? AND ?", (start, end))
    assert one is not None and paid is not None  # an aggregate without GROUP BY is always one row
    lots = db.value("SELECT count(*) FROM consign_lots WHERE intake_day BETWEEN ? AND ?", (start, end), default=0)
    return Figures(start, end, one["sales"], one["amount"], one["returns"], one["returned"], by_category, one["p_sales"],
                   one["p_amount"], one["p_consignors"], one["commission"], paid["n"], paid["amount"], lots)
