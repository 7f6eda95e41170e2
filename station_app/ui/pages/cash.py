"""The cash page: open the day with a count, count during the day, the daily close.

Nothing here surprises: the daily close (Ctrl+D) asks first, with the count and its difference;
opening a second business day after today's close asks too. A difference is coloured by
meaning everywhere: none green, short (money missing) red, over amber.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from printer import Receipt
from station_app.core import cash
from station_app.core.changes import Changes
from station_app.core.money import format_fen
from station_app.core.station import get_station
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.receipts.cash import day_close_slip
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.widgets import (
    MoneyEdit,
    Notice,
    ReadOnlyTable,
    ask,
    difference_state,
    heading,
    on_escape,
)


def close_receipt(ctx: StationContext, summary: cash.DaySummary) -> Receipt:
    """The daily close slip: cash in and out per service, expected against counted."""
    station = get_station(ctx.db)
    return day_close_slip(station.name if station else "", ctx.operator.name, summary, ctx.db.clock.now())


class CashPage(Page):
    watches = Changes.CASH
    scan_kinds: frozenset[str] = frozenset()  # no codes are scanned here

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = heading("")
        self.balance = QLabel()
        self.balance.setObjectName("big")
        self.amount = MoneyEdit()
        self.memo = QLineEdit()
        self.memo.setPlaceholderText(self.tr("What for (optional)"))
        self.expense_kind = QComboBox()
        for code, label in cash.EXPENSES.items():
            self.expense_kind.addItem(translate("cash", label), code)
        self.notice = Notice()

        actions = [
            (self.tr("Open the day (Ctrl+O)"), "Ctrl+O", self.open_day),
            (self.tr("Count the drawer (Ctrl+T)"), "Ctrl+T", self.count),
            (self.tr("Daily close (Ctrl+D)"), "Ctrl+D", self.close_day),
            (self.tr("Put in change"), None, self.add_float),
            (self.tr("Take cash out"), None, self.take_cash),
            (self.tr("Pay an expense"), None, self.expense),
        ]
        grid = QGridLayout()
        for i, (label, key, slot) in enumerate(actions):
            button = QPushButton(label)
            button.clicked.connect(slot)
            grid.addWidget(button, i // 3, i % 3)
            if key:
                QShortcut(QKeySequence(key), self, slot)

        form = QFormLayout()
        form.addRow(self.tr("Amount (yuan)"), self.amount)
        form.addRow(self.tr("Expense kind"), self.expense_kind)
        form.addRow(self.tr("Note"), self.memo)
        box = QGroupBox(self.tr("Count or move cash"))
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addLayout(grid)
        inner.addWidget(self.notice)

        self.lines = ReadOnlyTable([self.tr("Service"), self.tr("Cash in"), self.tr("Cash out"), self.tr("Income"),
                                    self.tr("Transactions")])
        self.history = ReadOnlyTable([self.tr("Day"), self.tr("Opening"), self.tr("Expected"), self.tr("Counted"),
                                      self.tr("Over / short")])
        on_escape(self, [self.amount, self.memo])
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.balance)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(box)
        layout.addWidget(QLabel(self.tr("This cash day by service")))
        layout.addWidget(self.lines, 1)
        layout.addWidget(QLabel(self.tr("Past days")))
        layout.addWidget(self.history, 1)

    def title(self) -> str:
        return self.tr("Cash")

    def focus_first(self) -> None:
        self.amount.setFocus()
        self.amount.selectAll()

    def refresh(self) -> None:
        db = self.ctx.db
        period = cash.open_period(db)
        self.balance.setText(self.tr("Drawer should hold {amount}").format(amount=format_fen(cash.drawer_balance(db))))
        if period is None:
            self.state.setText(self.tr("The cash day is not open"))
            self.lines.fill([])
        else:
            self.state.setText(self.tr("Cash day {day} is open").format(day=period.label_day))
            summary = cash.day_summary(db, period.id)
            self.lines.fill([[translate("services", cash.SERVICES.get(line.service, line.service)),
                              format_fen(line.cash_in), format_fen(line.cash_out), format_fen(line.income),
                              str(line.transactions)] for line in summary.lines])
        closed = db.rows("SELECT id FROM cash_periods WHERE status = 'closed' ORDER BY closed_at DESC LIMIT 30")
        rows, states = [], []
        for r in closed:
            s = cash.day_summary(db, r["id"])
            rows.append([s.period.label_day, format_fen(s.opening), format_fen(s.expected),
                         format_fen(s.counted or 0), format_fen(s.over_short)])
            states.append(difference_state(s.over_short))
        self.history.fill(rows)
        for row, state in enumerate(states):
            self.history.colour_cell(row, 4, state)

    def _amount(self) -> int | None:
        try:
            return self.amount.fen()
        except UserError as exc:
            self.notice.error(str(exc))
            self.amount.setFocus()
            return None

    def _done(self, text: str, state: str = "good") -> None:
        self.notice.by_state(state, text)
        self.amount.clear()
        self.memo.clear()
        self.focus_first()

    def open_day(self) -> None:
        counted = self._amount()
        if counted is None:
            return
        closed = cash.closed_today(self.ctx.db)
        if closed and not ask(self, self.tr("The day is closed"),
                              self.tr("Today's business day ({day}) was already closed. Open another business day "
                                      "with {amount} in the drawer?").format(day=closed, amount=format_fen(counted)),
                              self.tr("Open another business day (Y)"), self.tr("No (N)")):
            self.notice.error(self.tr("Not opened: today stays closed"))
            return
        if self.ctx.act(cash.open_day, counted=counted, notice=self.notice) is not None:
            self._done(self.tr("The day is open with {amount} in the drawer").format(amount=format_fen(counted)))

    def count(self) -> None:
        counted = self._amount()
        if counted is None:
            return
        result = self.ctx.act(cash.count_cash, counted=counted, notice=self.notice)
        if result:
            self._done(self.tr("Counted {counted}; the drawer should hold {expected}; difference {diff}").format(
                counted=format_fen(result.counted), expected=format_fen(result.expected),
                diff=format_fen(result.difference)), difference_state(result.difference))

    def close_day(self) -> None:
        """Ctrl+D: the daily close, after a question that shows the count and its difference."""
        counted = self._amount()
        if counted is None:
            return
        period = cash.open_period(self.ctx.db)
        if period is None:  # refused by the core action, with its reason
            self.ctx.act(cash.close_day, counted=counted, notice=self.notice)
            return
        expected = cash.drawer_balance(self.ctx.db)
        if not ask(self, self.tr("Daily close"),
                   self.tr("Close the business day {day}?\nCounted {counted}, the drawer should hold {expected}: "
                           "difference {diff}.\nAfter the close, taking money again asks to open another business "
                           "day.").format(day=period.label_day, counted=format_fen(counted),
                                          expected=format_fen(expected), diff=format_fen(counted - expected)),
                   self.tr("Close the day (Y)"), self.tr("Not yet (N)")):
            self.notice.error(self.tr("Not closed: the day stays open"))
            return
        summary = self.ctx.act(cash.close_day, counted=counted, notice=self.notice)
        if summary:
            printed = self.ctx.print(close_receipt(self.ctx, summary))
            self._done(self.tr("Day {day} closed. Expected {expected}, counted {counted}, over/short {diff}").format(
                day=summary.period.label_day, expected=format_fen(summary.expected),
                counted=format_fen(summary.counted or 0), diff=format_fen(summary.over_short)) + "\n" + printed,
                difference_state(summary.over_short))

    def add_float(self) -> None:
        amount = self._amount()
        if amount is not None and self.ctx.act(cash.add_float, amount=amount, memo=self.memo.text(), notice=self.notice) is not None:
            self._done(self.tr("Put {amount} into the drawer").format(amount=format_fen(amount)))

    def take_cash(self) -> None:
        amount = self._amount()
        if amount is not None and self.ctx.act(cash.take_cash, amount=amount, memo=self.memo.text(), notice=self.notice) is not None:
            self._done(self.tr("Took {amount} out of the drawer").format(amount=format_fen(amount)))

    def expense(self) -> None:
        amount = self._amount()
        if amount is not None and self.ctx.act(cash.record_expense, amount=amount, category=self.expense_kind.currentData(),
                                               memo=self.memo.text(), notice=self.notice) is not None:
            self._done(self.tr("Paid {amount}").format(amount=format_fen(amount)))
