"""Settling with consignors (结算): preview a period's sales less commission, settle it into a
numbered statement (Ctrl+S), pay it in cash (Ctrl+P) or by transfer and print the statement to
sign. The period starts as last month.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from station_app.clock import local_day
from station_app.core import consignment as cs
from station_app.core.money import format_fen
from station_app.i18n import translate
from station_app.receipts.consignment import settlement_slip
from station_app.ui.consignment.common import ConsignorCombo, Slip
from station_app.ui.context import StationContext
from station_app.ui.widgets import Notice, ReadOnlyTable, keys, latin


class SettleTab(QWidget):
    def __init__(self, ctx: StationContext, slip: Slip, notice: Notice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.slip = slip
        self.notice = notice
        self.settle_consignor = ConsignorCombo()
        today = local_day(self.ctx.db.clock.now())
        last_month_end = today.replace(day=1) - timedelta(days=1)
        self.settle_start = latin(QLineEdit(last_month_end.replace(day=1).isoformat()))
        self.settle_end = latin(QLineEdit(last_month_end.isoformat()))
        for edit in (self.settle_start, self.settle_end):
            edit.returnPressed.connect(self.preview_settlement)
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
        form.addRow(self.tr("From"), self.settle_start)
        form.addRow(self.tr("To"), self.settle_end)
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
        return {"consignor_id": self.settle_consignor.currentData() or "", "start": self.settle_start.text(),
                "end": self.settle_end.text()}

    def preview_settlement(self) -> None:
        st = self.ctx.run(cs.settlement_preview, self.ctx.db, notice=self.notice, **self._period())
        if st is not None:
            self.slip.setPlainText(self._statement_text(st))
            self.notice.ok(self.tr("{n} lines, {due} due").format(n=len(st.lines), due=format_fen(st.due)))

    def settle(self) -> None:
        st = self.ctx.act(cs.settle_consignor, notice=self.notice, **self._period())
        if st is not None:
            self.slip.setPlainText(self._statement_text(st))
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
            self.slip.setPlainText(self._statement_text(st))
            self._print_statement(st)
            self.notice.ok(self.tr("Paid {due} to {name}: ask for the signature on the statement").format(
                due=format_fen(st.due), name=st.consignor.name))

    def _show_statement(self) -> None:
        settlement_id = self.statements.current_key()
        if settlement_id:
            self.slip.setPlainText(self._statement_text(cs.statement(self.ctx.db, settlement_id)))

    # -- the statement (text on the slip; the printer when there is one) -----------------------------

    def _statement_text(self, st: cs.Statement) -> str:
        lines = [st.station_name, self.tr("Settlement statement {number}").format(number=st.number or "—"),
                 f"{st.consignor.name}  {st.consignor.phone_masked}", f"{st.start} – {st.end}", ""]
        for x in st.lines:
            lines.append(f"{x.day} {x.receipt} {x.name} {x.quantity}{x.unit} {format_fen(x.amount)}"
                         f" −{format_fen(x.commission)} = {format_fen(x.share)}")
        lines += ["", self.tr("Sales {sales}, commission {commission}, due {due}").format(
            sales=format_fen(st.sales), commission=format_fen(st.commission), due=format_fen(st.due)),
            "", translate("consignment", st.signature_label) + ": ____________"]
        return "\n".join(lines)

    def _print_statement(self, st: cs.Statement) -> None:
        if self.slip.print_doc is None:
            return
        self.slip.print_doc(settlement_slip(st, self.ctx.operator.name))
