"""The daily cash close slip: what came in and went out per service, expected against counted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from printer.document import Column, Receipt
from station_app.core.cash import SERVICES
from station_app.i18n import translate
from station_app.receipts.layout import signature, start, when, yuan

if TYPE_CHECKING:
    from station_app.core.cash import DaySummary


@dataclass(frozen=True)
class CashLine:
    label: str
    count: int
    amount_fen: int


def cash_close(*, station: str, day: date | str, operator: str, opening_fen: int, lines: Sequence[CashLine],
               counted_fen: int, when_closed: datetime | str) -> Receipt:
    """The day's cash close: what came in and went out per service, expected against counted."""
    expected = opening_fen + sum(line.amount_fen for line in lines)
    diff = counted_fen - expected
    b = start("cash_close", translate("receipt", "Cash close") + " " + when(day), station,
              translate("receipt", "Daily cash close"))
    b.pair(translate("receipt", "Business day"), when(day)).pair(translate("receipt", "Operator"), operator)
    b.pair(translate("receipt", "Opening float"), yuan(opening_fen)).rule()
    b.table([Column(translate("receipt", "Business")), Column(translate("receipt", "Transactions"), 5, "right"),
             Column(translate("receipt", "Amount"), 12, "right")],
            [(line.label, str(line.count), yuan(line.amount_fen)) for line in lines])
    b.rule().pair(translate("receipt", "Expected cash"), yuan(expected), bold=True)
    b.pair(translate("receipt", "Counted cash"), yuan(counted_fen), bold=True)
    label = translate("receipt", "Over") if diff > 0 else translate("receipt", "Short") if diff < 0 \
        else translate("receipt", "Difference")
    b.pair(label, yuan(abs(diff)), bold=True, size=2 if diff else 1)
    b.pair(translate("receipt", "Closed at"), when(when_closed))
    signature(b, translate("receipt", "Operator (signature):"))
    return b.cut().build()


def day_close_slip(station: str, operator: str, summary: DaySummary, when_closed: datetime | str) -> Receipt:
    """The daily close slip of a cash period (`core.cash`): cash in and out per service."""
    lines = [CashLine(translate("services", SERVICES.get(line.service, line.service)),
                      line.transactions, line.cash_in - line.cash_out) for line in summary.lines]
    return cash_close(station=station, day=summary.period.label_day, operator=operator, opening_fen=summary.opening,
                      lines=lines, counted_fen=summary.counted or 0, when_closed=when_closed)
