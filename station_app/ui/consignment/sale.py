"""Selling consigned goods (代卖): scan each label (or type a lot number, or find the goods by
name) onto the sale, take the money, and print the receipt; a sale voided or goods taken back by
receipt number. Keyboard first: the scan field takes a label and Enter, Ctrl+F finds goods,
Ctrl+Delete drops the chosen line (Delete on the row), Ctrl+Enter takes the money, Ctrl+R takes
goods back, Esc clears the sale (asking first).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app import speech
from station_app.core import consignment as cs
from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.receipts.consignment import return_slip, sale_slip
from station_app.ui.consignment.common import Slip, delete_line_keys
from station_app.ui.context import StationContext
from station_app.ui.widgets import (
    MoneyEdit,
    Notice,
    ReadOnlyTable,
    holds_typed_text,
    keys,
    latin,
    on_escape,
)


class SaleTab(QWidget):
    def __init__(self, ctx: StationContext, slip: Slip, notice: Notice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.slip = slip
        self.notice = notice
        self.cart: list[cs.SaleItem] = []
        self.scan = latin(QLineEdit())
        self.scan.setPlaceholderText(self.tr("Scan a label, or type a lot number, then Enter"))
        self.scan.returnPressed.connect(self.scan_entered)
        self.quantity = latin(QLineEdit("1"))
        self.quantity.setMaximumWidth(90)
        self.quantity.returnPressed.connect(self.scan_entered)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find goods by name or consignor (Ctrl+F), Enter puts them on the sale"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_stock)
        self.search.returnPressed.connect(self.add_picked)
        keys(self, "Ctrl+F", self.search.setFocus)
        self.pick = ReadOnlyTable([self.tr("Lot"), self.tr("Goods"), self.tr("Consignor"), self.tr("On hand"),
                                   self.tr("Price")])
        keys(self.pick, "Return", self.add_picked, focused=True)
        self.pick.doubleClicked.connect(self.add_picked)
        keys(self.search, "Down", self.pick.setFocus, focused=True)
        self.cart_table = ReadOnlyTable([self.tr("Goods"), self.tr("Quantity"), self.tr("Price"), self.tr("Amount"),
                                         self.tr("Trace code")])
        self.discount = MoneyEdit()
        self.discount.textChanged.connect(self._show_cart)
        self.payment = QComboBox()
        for code in ("cash", "qr"):
            self.payment.addItem(translate("consignment", cs.PAYMENTS[code]), code)
        self.tendered = MoneyEdit()
        self.total = QLabel()
        self.total.setObjectName("big")
        sell = QPushButton(self.tr("Take the money (Ctrl+Enter)"))
        sell.clicked.connect(self.sell)
        keys(self, "Ctrl+Return", self.sell)
        keys(self, "Ctrl+Enter", self.sell)
        self.receipt_no = latin(QLineEdit())
        self.receipt_no.setPlaceholderText(self.tr("Receipt no. (XS…)"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why"))
        void = QPushButton(self.tr("Void the sale"))
        void.clicked.connect(self.void)
        back = QPushButton(self.tr("Take goods back (Ctrl+R)"))
        back.clicked.connect(self.take_back)
        keys(self, "Ctrl+R", self.take_back)

        top = QHBoxLayout()
        top.addWidget(self.scan, 1)
        top.addWidget(QLabel(self.tr("Qty")))
        top.addWidget(self.quantity)
        top.addWidget(self.search, 1)
        pay = QFormLayout()
        pay.addRow(self.tr("Discount (yuan)"), self.discount)
        pay.addRow(self.tr("Paid by"), self.payment)
        pay.addRow(self.tr("Cash tendered"), self.tendered)
        bottom = QHBoxLayout()
        bottom.addLayout(pay, 1)
        totals = QVBoxLayout()
        totals.addWidget(self.total)
        totals.addWidget(sell)
        bottom.addLayout(totals, 1)
        undo = QHBoxLayout()
        undo.addWidget(self.receipt_no)
        undo.addWidget(self.reason, 1)
        undo.addWidget(void)
        undo.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pick, 1)
        hint = QLabel(self.tr("This sale (Ctrl+Delete removes the chosen line)"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.cart_table, 1)
        layout.addLayout(bottom)
        layout.addLayout(undo)
        for a, b in ((self.scan, self.quantity), (self.quantity, self.search), (self.search, self.pick), (self.pick, self.cart_table),
                     (self.cart_table, self.discount), (self.discount, self.payment), (self.payment, self.tendered)):
            QWidget.setTabOrder(a, b)
        delete_line_keys(self, self.cart_table, self.remove_line)
        on_escape(self, [self.scan, self.search, self.discount, self.tendered, self.receipt_no, self.reason],
                  clear=self.clear_sale, typed=lambda: bool(self.cart) or any(
                      holds_typed_text(f) for f in (self.discount, self.tendered, self.receipt_no, self.reason)))

    def focus_first(self) -> None:
        self.scan.setFocus()

    def refresh(self) -> None:
        self._filter_stock()

    def handle_scan(self, code: str) -> bool:
        """A scanned label or lot number goes on the sale, as if typed in the scan field."""
        self.scan.setText(code.strip())
        self.scan_entered()
        return True

    # -- the sale ---------------------------------------------------------------------------------

    def scan_entered(self) -> None:
        """Enter in the scan field: a label goes on the sale (weighed goods with the quantity
        typed beside it), a lot number puts that lot on the sale."""
        text = self.scan.text().strip()
        quantity = self.quantity.text().strip() or "1"
        if text.isdigit() and len(text) <= 6:
            lot_id = self.ctx.db.value("SELECT id FROM consign_lots WHERE lot_no = ?", (int(text),))
            if lot_id:
                self._add(cs.SaleItem(lot_id=lot_id, quantity=quantity))
                return
        found = self.ctx.run(cs.check_label, self.ctx.db, text, notice=self.notice)
        if found is None:
            self.scan.selectAll()
            return
        self._add(cs.SaleItem(code=found.code, quantity=1 if found.lot.per_unit else quantity))

    def add_picked(self) -> None:
        lot_id = self.pick.current_key()
        if lot_id:
            self._add(cs.SaleItem(lot_id=lot_id, quantity=self.quantity.text().strip() or "1"))

    def _add(self, item: cs.SaleItem) -> None:
        """Put goods on the sale if the core would sell them (the same checks as at payment)."""
        if self.ctx.run(cs.build_sale, self.ctx.db, [*self.cart, item], notice=self.notice) is None:
            return
        self.cart.append(item)
        self.notice.clear_message()
        self.scan.clear()
        self.quantity.setText("1")
        self._show_cart()
        self._choose_line(self._lot_of(item))
        self.scan.setFocus()

    def _lot_of(self, item: cs.SaleItem) -> str:
        return item.lot_id or cs.check_label(self.ctx.db, item.code or "").lot.id

    def _choose_line(self, lot_id: str) -> None:
        for row in range(self.cart_table.rowCount()):
            cell = self.cart_table.item(row, 0)
            if cell is not None and cell.data(Qt.ItemDataRole.UserRole) == lot_id:
                self.cart_table.selectRow(row)

    def remove_line(self) -> None:
        """Drop the chosen line of the sale (one key: Ctrl+Delete, or Delete on the row)."""
        lot_id = self.cart_table.current_key()
        if not lot_id:
            self.notice.error(self.tr("No line to remove: the sale is empty"))
            return
        row = self.cart_table.currentRow()
        name = cs.get_lot(self.ctx.db, lot_id).name
        self.cart = [i for i in self.cart if self._lot_of(i) != lot_id]
        self._show_cart()
        if self.cart_table.rowCount():
            self.cart_table.selectRow(min(row, self.cart_table.rowCount() - 1))
        self.notice.ok(self.tr("Removed from the sale: {name}").format(name=name))

    def clear_sale(self) -> None:
        """Esc: the sale being rung up, gone (after the question when anything is on it)."""
        self.cart.clear()
        for field in (self.scan, self.search, self.discount, self.tendered, self.receipt_no, self.reason):
            field.clear()
        self.quantity.setText("1")
        self._show_cart()
        self.notice.clear_message()
        self.scan.setFocus()

    def _preview(self) -> dict[str, Any] | None:
        """The sale as the core would record it now (lines per lot, discount shared out)."""
        if not self.cart:
            return None
        try:
            return cs.build_sale(self.ctx.db, self.cart, discount=self._discount())
        except UserError as exc:
            self.notice.error(str(exc))
            return cs.build_sale(self.ctx.db, self.cart)

    def _discount(self) -> int:
        try:
            return int(self.discount.fen())
        except UserError:
            return 0

    def _show_cart(self) -> None:
        sale = self._preview()
        lines = sale["lines"] if sale else []
        rows = []
        for line in lines:
            lot = cs.get_lot(self.ctx.db, line["lot_id"])
            rows.append([lot.name, f"{cs.show_qty(line['quantity_m'])} {lot.unit}", format_fen(line["price"]),
                         format_fen(line["amount"]), " ".join(cs.spaced(c) for c in line["codes"])])
        self.cart_table.fill(rows, keys=[line["lot_id"] for line in lines])
        self.total.setText(self.tr("Total {total}").format(total=format_fen(sale["total"])) if sale else "")

    def sell(self) -> None:
        if not self.cart:
            self.notice.error(self.tr("Scan a label or pick goods first"))
            return
        payment = self.payment.currentData()
        try:
            discount = int(self.discount.fen())
            tendered = int(self.tendered.fen()) if payment == "cash" and self.tendered.text() else None
        except UserError as exc:
            self.notice.error(str(exc))
            return
        receipt = self.ctx.act(cs.sell, items=list(self.cart), payment=payment, discount=discount, tendered=tendered,
                               notice=self.notice)
        if receipt is None:
            return
        self.cart.clear()
        self.discount.clear()
        self.tendered.clear()
        self._show_cart()
        self.slip.show_docs([sale_slip(receipt)])
        self.ctx.say(speech.due_phrase(receipt.total) + (  # said aloud: the amount due and the change
            "，" + speech.change_phrase(receipt.tendered, receipt.change) if receipt.tendered and receipt.change else ""))
        change = self.tr(", change {change}").format(change=format_fen(receipt.change)) if receipt.change else ""
        self.notice.ok(self.tr("Sold: receipt {number}, {total}").format(number=receipt.number,
                                                                         total=format_fen(receipt.total)) + change)
        self.scan.setFocus()

    def _filter_stock(self) -> None:
        lots = cs.stock(self.ctx.db, text=self.search.text())
        self.pick.fill([[str(lot.lot_no), lot.name, lot.consignor_name, f"{lot.on_hand} {lot.unit}",
                         format_fen(lot.price)] for lot in lots], keys=[lot.id for lot in lots])

    # -- undoing a sale ---------------------------------------------------------------------------

    def _sale_id(self) -> str | None:
        return self.ctx.run(cs.find_sale, self.ctx.db, self.receipt_no.text(), notice=self.notice)

    def void(self) -> None:
        sale_id = self._sale_id()
        if sale_id and self.ctx.act(cs.void_sale, sale_id=sale_id, reason=self.reason.text(), notice=self.notice):
            self.notice.ok(self.tr("Sale {number} voided").format(number=self.receipt_no.text().strip().upper()))
            self.receipt_no.clear()
            self.reason.clear()

    def take_back(self) -> None:
        sale_id = self._sale_id()
        if not sale_id:
            return
        done = self.ctx.act(cs.return_items, sale_id=sale_id, reason=self.reason.text(), notice=self.notice)
        if done:
            self.slip.show_docs([return_slip(cs.sale_receipt(self.ctx.db, done.sale_id).station_name, done,
                                             self.ctx.operator.name)])
            self.notice.ok(self.tr("Goods taken back ({number}), {refund} paid back").format(
                number=done.number, refund=format_fen(done.refund)))
            self.receipt_no.clear()
            self.reason.clear()
