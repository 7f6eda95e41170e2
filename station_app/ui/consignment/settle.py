"""Settling with consignors (结算): preview a period's sales less commission, settle it into a
numbered statement (Ctrl+S), pay it in cash (Ctrl+P) or by transfer and print the statement to
sign. The period is picked, never typed as text: it starts as last month; Alt+L last month,
Alt+M this month, Alt+T up to today; the arrows change a date, F4 opens the calendar.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from PySide6.QtCore import QDate
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.clock import local_day
from station_app.core import consignment as cs
from station_app.core.money import format_fen
from station_app.receipts.consignment import settlement_slip
from station_app.ui.consignment.common import ConsignorCombo, Slip
from station_app.ui.context import StationContext
from station_app.ui.widgets import Notice, ReadOnlyTable, keys, latin


class _DateField(QDateEdit):
    """A date picked, not typed as text: the arrows change the day (Left/Right move to the
    month and year), F4 opens the calendar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.setCurrentSection(QDateTimeEdit.Section.DaySection)  # the day is what changes most


def _date_field() -> QDateEdit:
    return _DateField()


class SettleTab(QWidget):
    def __init__(self, ctx: StationContext, slip: Slip, notice: Notice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.slip = slip
        self.notice = notice
        self.settle_consignor = ConsignorCombo()
        self.settle_start = _date_field()
        self.settle_end = _date_field()
        for edit in (self.settle_start, self.settle_end):
            for key in ("Return", "Enter"):
                keys(edit, key, self.preview_settlement, focused=True)
        for key, slot in (("Alt+L", self.last_month), ("Alt+M", self.this_month), ("Alt+T", self.up_to_today)):
            keys(self, key, slot)
        periods = QLabel(self.tr("Alt+L last month · Alt+M this month · Alt+T up to today · "
                                 "arrows change the day · F4 calendar"))
        periods.setWordWrap(True)
        self.last_month()
        preview = QPushButton(self.tr("Preview (Enter)"))
        preview.clicked.connect(self.preview_settlement)
        settle = QPushButton(self.tr("Settle the period (Ctrl+S)"))
        settle.clicked.connect(self.settle)
        keys(self, "Ctrl+S", self.settle)
        self.statements = ReadOnlyTable([self.tr("Statement"), self.tr("Consignor"), self.tr("Period"), self.tr("Due"),
                                         self.tr("State")])
        self.statements.itemSelectionChanged.connect(self._show_statement)
        self.transfer_ref = latin(QLineEdit())
        self.transfer_ref.setPlaceholderText(self.tr("Transfer reference (for a transfer)"))
        pay = QPushButton(self.tr("Pay in cash (Ctrl+P)"))
        pay.clicked.connect(lambda: self.pay("cash"))
        keys(self, "Ctrl+P", lambda: self.pay("cash"))
        transfer = QPushButton(self.tr("Paid by transfer"))
        transfer.clicked.connect(lambda: self.pay("transfer"))
        form = QFormLayout()
        form.addRow(self.tr("Consignor"), self.settle_consignor)
        dates = QHBoxLayout()
        dates.addWidget(self.settle_start, 1)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.settle_end, 1)
        form.addRow(self.tr("Period"), dates)
        form.addRow("", periods)
        row = QHBoxLayout()
        row.addWidget(preview)
        row.addWidget(settle)
        payrow = QHBoxLayout()
        payrow.addWidget(self.transfer_ref, 1)
        payrow.addWidget(pay)
        payrow.addWidget(transfer)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.statements, 1)
        layout.addLayout(payrow)

    def focus_first(self) -> None:
        self.settle_consignor.setFocus()

    def _today(self) -> date:
        return local_day(self.ctx.db.clock.now())

    def _set_period(self, start: date, end: date) -> None:
        self.settle_start.setDate(QDate(start.year, start.month, start.day))
        self.settle_end.setDate(QDate(end.year, end.month, end.day))

    def last_month(self) -> None:
        """The period as it starts: the whole of last month (Alt+L)."""
        end = self._today().replace(day=1) - timedelta(days=1)
        self._set_period(end.replace(day=1), end)

    def this_month(self) -> None:
        """From the first of this month to today (Alt+M)."""
        today = self._today()
        self._set_period(today.replace(day=1), today)

    def up_to_today(self) -> None:
        """The period runs to today (Alt+T), from the start already chosen."""
        today = self._today()
        start = cast(date, self.settle_start.date().toPython())
        self._set_period(min(start, today), today)

    def refresh(self) -> None:
        self.settle_consignor.fill(self.ctx.db)
        keep = self.statements.current_key()
        sts = cs.settlements(self.ctx.db)
        states = {"due": self.tr("to pay"), "paid": self.tr("paid"), "cancelled": self.tr("cancelled")}
        self.statements.fill([[s.number, s.consignor.name, f"{s.start} – {s.end}", format_fen(s.due),
                               states.get(s.status, s.status)] for s in sts], keys=[s.id for s in sts])
        ids = [s.id for s in sts]
        if keep in ids:
            self.statements.selectRow(ids.index(keep))

    def handle_scan(self, code: str) -> bool:
        """Settlement takes no scans (the page puts a scanned label on the sale)."""
        return False

    def _period(self) -> dict[str, Any]:
        return {"consignor_id": self.settle_consignor.currentData() or "",
                "start": cast(date, self.settle_start.date().toPython()).isoformat(),
                "end": cast(date, self.settle_end.date().toPython()).isoformat()}

    def preview_settlement(self) -> None:
        st = self.ctx.run(cs.settlement_preview, self.ctx.db, notice=self.notice, **self._period())
        if st is not None:
            self.slip.show_docs([settlement_slip(st, self.ctx.operator.name)], print_them=False)
            self.notice.ok(self.tr("{n} lines, {due} due").format(n=len(st.lines), due=format_fen(st.due)))

    def settle(self) -> None:
        st = self.ctx.act(cs.settle_consignor, notice=self.notice, **self._period())
        if st is not None:
            self.slip.show_docs([settlement_slip(st, self.ctx.operator.name)], print_them=False)
            self.notice.ok(self.tr("Statement {number}: {due} due to {name}").format(
                number=st.number, due=format_fen(st.due), name=st.consignor.name))
            self.statements.selectRow(0)
            self.statements.setFocus()

    def pay(self, method: str) -> None:
        settlement_id = self.statements.current_key()
        if not settlement_id:
            self.notice.error(self.tr("Choose a statement first"))
            return
        st = self.ctx.act(cs.pay_settlement, settlement_id=settlement_id, method=method,
                          reference=self.transfer_ref.text(), notice=self.notice)
        if st is not None:
            self.transfer_ref.clear()
            self.slip.show_docs([settlement_slip(st, self.ctx.operator.name)])
            self.notice.ok(self.tr("Paid {due} to {name}: ask for the signature on the statement").format(
                due=format_fen(st.due), name=st.consignor.name))

    def _show_statement(self) -> None:
        settlement_id = self.statements.current_key()
        if settlement_id:
            self.slip.show_docs([settlement_slip(cs.statement(self.ctx.db, settlement_id), self.ctx.operator.name)],
                                print_them=False)
