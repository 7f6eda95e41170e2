"""The consignment page (代卖): sell by scanning labels, take goods in, stock and hand-backs,
settle with consignors. Keyboard first: Ctrl+1..4 switch the tabs; on the sale tab a scanned
label (or a code typed and Enter) goes on the sale, Ctrl+Enter takes the money.

`print_doc` (optional) sends a printer Receipt to the print queue; `scan_router` (optional,
a ScanRouter) hands wedge scans to `on_scan`. Without a printer the text of every receipt,
label and statement still shows on the right.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from station_app.core import consignment as cs
from station_app.core import labels, people
from station_app.core.changes import Changes
from station_app.core.clock import local_day, show
from station_app.core.errors import UserError
from station_app.core.money import format_fen
from station_app.i18n import translate
from station_app.ui.consignment.online import OnlineTab
from station_app.ui.consignment.orders import OrdersTab
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.widgets import MoneyEdit, Notice, ReadOnlyTable, heading

ORDERS, ONLINE = 4, 5


def _latin(edit: QLineEdit) -> QLineEdit:
    """A field for codes, numbers and dates: no input method (a Pinyin IME would swallow them)."""
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    return edit


def _keys(parent: QWidget, key: str, slot: Callable[[], Any], *, focused: bool = False) -> None:
    """A shortcut while the keyboard is in `parent` (or only on it, `focused`), not elsewhere in the window."""
    shortcut = QShortcut(QKeySequence(key), parent, slot)
    # set afterwards: PySide6 drops a `context` keyword given with a callable
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut if focused else Qt.ShortcutContext.WidgetWithChildrenShortcut)


class ConsignorDialog(QDialog):
    """Register a consignor: a villager found in the registry, or a cooperative by name."""

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: cs.Consignor | None = None
        self.setWindowTitle(self.tr("New consignor"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Villager: name or phone (leave empty for a cooperative)"))
        self.search.textChanged.connect(self._find)
        self.found = ReadOnlyTable([self.tr("Name"), self.tr("Phone"), self.tr("Village"), self.tr("Groups")])
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Cooperative's name"))
        self.phone = _latin(QLineEdit())
        self.phone.setPlaceholderText(self.tr("11-digit mobile number"))
        self.village = QLineEdit()
        self.commission = _latin(QLineEdit())
        self.commission.setPlaceholderText(self.tr("default"))
        form = QFormLayout()
        form.addRow(self.tr("Find villager"), self.search)
        form.addRow(self.found)
        form.addRow(self.tr("or cooperative"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Village"), self.village)
        form.addRow(self.tr("Commission (%)"), self.commission)
        self.notice = Notice()
        save = QPushButton(self.tr("Save (Enter)"))
        save.setDefault(True)
        save.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(save)
        self.search.setFocus()

    def _find(self) -> None:
        text = self.search.text().strip()
        found = people.search_people(self.ctx.db, text, limit=8) if text else []
        self.found.fill([[p.name, p.phone_masked, p.village, "、".join(translate("categories", people.CATEGORIES[c])
                                                                      for c in p.categories)] for p in found],
                        keys=[p.id for p in found])

    def save(self) -> None:
        person_id = self.found.current_key() if self.search.text().strip() else None
        result = self.ctx.act(cs.register_consignor, person_id=person_id, name=self.name.text(),
                              phone=self.phone.text() or None, village=self.village.text(),
                              commission_pct=self.commission.text() or None, notice=self.notice)
        if result is not None:
            self.saved = result
            self.accept()


class ConsignmentPage(Page):
    watches = Changes.CONSIGNMENT | Changes.PEOPLE | Changes.SETTINGS

    def __init__(self, ctx: StationContext, parent: QWidget | None = None, *,
                 print_doc: Callable[[Any], Any] | None = None, scan_router: Any = None) -> None:
        super().__init__(ctx, parent)
        self.print_doc = print_doc
        self.cart: list[cs.SaleItem] = []
        self.intake_items: list[cs.IntakeItem] = []
        self.tabs = QTabWidget()
        self.tabs.addTab(self._sale_tab(), self.tr("Sell (Ctrl+1)"))
        self.tabs.addTab(self._intake_tab(), self.tr("Take in (Ctrl+2)"))
        self.tabs.addTab(self._stock_tab(), self.tr("Stock (Ctrl+3)"))
        self.tabs.addTab(self._settle_tab(), self.tr("Settle (Ctrl+4)"))
        self.orders = OrdersTab(ctx)
        self.online = OnlineTab(ctx)
        self.tabs.addTab(self.orders, self.tr("Proxy orders (Ctrl+5)"))
        self.tabs.addTab(self.online, self.tr("Online shop (Ctrl+6)"))
        self.tabs.currentChanged.connect(self._tab_changed)
        for i in range(self.tabs.count()):
            _keys(self, f"Ctrl+{i + 1}", functools.partial(self.tabs.setCurrentIndex, i))
        self.slip = QPlainTextEdit()
        self.slip.setReadOnly(True)
        self.slip.setFont(QFont("monospace"))
        self.slip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notice = Notice()
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        body = QHBoxLayout()
        body.addWidget(self.tabs, 3)
        self.slip_box = QWidget()  # the order tabs print their own slips and need the width
        right = QVBoxLayout(self.slip_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(QLabel(self.tr("Receipt / labels / statement")))
        right.addWidget(self.slip, 1)
        body.addWidget(self.slip_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Consignment")))
        layout.addLayout(body, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.figures)
        if scan_router is not None:
            scan_router.set_handler(self, self.on_scan)

    def title(self) -> str:
        return self.tr("Consignment")

    def focus_first(self) -> None:
        tab = self._order_tab()
        if tab is not None:
            tab.focus_first()
        else:
            [self.scan, self.item_name, self.stock_table, self.settle_consignor][self.tabs.currentIndex()].setFocus()

    def _tab_changed(self, _index: int) -> None:
        tab = self._order_tab()
        self.slip_box.setVisible(tab is None)
        if tab is not None:
            tab.refresh()
        self.focus_first()

    def _order_tab(self) -> OrdersTab | OnlineTab | None:
        """The tab on screen when it is one of the order tabs (they draw themselves)."""
        tabs: dict[int, OrdersTab | OnlineTab] = {ORDERS: self.orders, ONLINE: self.online}
        return tabs.get(self.tabs.currentIndex())

    # -- the sale tab -----------------------------------------------------------------------------

    def _sale_tab(self) -> QWidget:
        tab = QWidget()
        self.scan = _latin(QLineEdit())
        self.scan.setPlaceholderText(self.tr("Scan a label, or type a lot number, then Enter"))
        self.scan.returnPressed.connect(self.scan_entered)
        self.quantity = _latin(QLineEdit("1"))
        self.quantity.setMaximumWidth(90)
        self.quantity.returnPressed.connect(self.scan_entered)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find goods by name or consignor (Ctrl+F), Enter puts them on the sale"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_stock)
        self.search.returnPressed.connect(self.add_picked)
        _keys(tab, "Ctrl+F", self.search.setFocus)
        self.pick = ReadOnlyTable([self.tr("Lot"), self.tr("Goods"), self.tr("Consignor"), self.tr("On hand"),
                                   self.tr("Price")])
        _keys(self.pick, "Return", self.add_picked, focused=True)
        self.pick.doubleClicked.connect(self.add_picked)
        _keys(self.search, "Down", self.pick.setFocus, focused=True)
        self.cart_table = ReadOnlyTable([self.tr("Goods"), self.tr("Quantity"), self.tr("Price"), self.tr("Amount"),
                                         self.tr("Trace code")])
        _keys(self.cart_table, "Delete", self.remove_line, focused=True)
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
        _keys(tab, "Ctrl+Return", self.sell)
        _keys(tab, "Ctrl+Enter", self.sell)
        self.receipt_no = _latin(QLineEdit())
        self.receipt_no.setPlaceholderText(self.tr("Receipt no. (XS…)"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why"))
        void = QPushButton(self.tr("Void the sale"))
        void.clicked.connect(self.void)
        back = QPushButton(self.tr("Take goods back (Ctrl+R)"))
        back.clicked.connect(self.take_back)
        _keys(tab, "Ctrl+R", self.take_back)

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
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.pick, 1)
        layout.addWidget(QLabel(self.tr("This sale (Delete removes a line)")))
        layout.addWidget(self.cart_table, 1)
        layout.addLayout(bottom)
        layout.addLayout(undo)
        for a, b in ((self.scan, self.quantity), (self.quantity, self.search), (self.search, self.pick), (self.pick, self.cart_table),
                     (self.cart_table, self.discount), (self.discount, self.payment), (self.payment, self.tendered)):
            QWidget.setTabOrder(a, b)
        return tab

    def on_scan(self, code: str) -> None:
        """A wedge scan routed to this page: an order slip opens the order, on the order tabs
        the tab takes it, anywhere else it goes on the sale."""
        text = code.strip()
        try:
            slip = labels.looks_like_label(text) and labels.parse_label(text).kind == labels.ORDER
        except UserError:
            slip = False
        if slip:
            self.tabs.setCurrentIndex(ORDERS)
        tab = self._order_tab()
        if tab is not None:
            tab.handle_scan(text)
            return
        self.tabs.setCurrentIndex(0)
        self.scan.setText(text)
        self.scan_entered()

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
        self.scan.setFocus()

    def remove_line(self) -> None:
        lot_id = self.cart_table.current_key()
        if lot_id:
            self.cart = [i for i in self.cart if (i.lot_id or cs.check_label(self.ctx.db, i.code or "").lot.id) != lot_id]
            self._show_cart()

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
        self.slip.setPlainText(self._receipt_text(receipt))
        self._print_receipt(receipt)
        change = self.tr(", change {change}").format(change=format_fen(receipt.change)) if receipt.change else ""
        self.notice.ok(self.tr("Sold: receipt {number}, {total}").format(number=receipt.number,
                                                                         total=format_fen(receipt.total)) + change)
        self.scan.setFocus()

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
            self._print_refund(done)
            self.notice.ok(self.tr("Goods taken back ({number}), {refund} paid back").format(
                number=done.number, refund=format_fen(done.refund)))
            self.receipt_no.clear()
            self.reason.clear()

    def _filter_stock(self) -> None:
        lots = cs.stock(self.ctx.db, text=self.search.text())
        self.pick.fill([[str(lot.lot_no), lot.name, lot.consignor_name, f"{lot.on_hand} {lot.unit}",
                         format_fen(lot.price)] for lot in lots], keys=[lot.id for lot in lots])

    # -- the intake tab ---------------------------------------------------------------------------

    def _intake_tab(self) -> QWidget:
        tab = QWidget()
        self.intake_consignor = QComboBox()
        new = QPushButton(self.tr("New consignor (Ctrl+N)"))
        new.clicked.connect(self.new_consignor)
        _keys(tab, "Ctrl+N", self.new_consignor)
        self.item_name = QLineEdit()
        self.item_name.setPlaceholderText(self.tr("e.g. 土鸡蛋"))
        self.item_category = QComboBox()
        for code, label in cs.CATEGORIES.items():
            self.item_category.addItem(translate("consignment", label), code)
        self.item_unit = QComboBox()
        self.item_unit.setEditable(True)
        self.item_unit.addItems(list(cs.UNITS))
        self.item_quantity = _latin(QLineEdit())
        self.item_price = MoneyEdit()
        self.item_commission = _latin(QLineEdit())
        self.item_commission.setPlaceholderText(self.tr("consignor's default"))
        self.item_expiry = _latin(QLineEdit())
        self.item_expiry.setPlaceholderText(self.tr("YYYY-MM-DD (optional)"))
        self.item_photo = _latin(QLineEdit())
        self.item_photo.setPlaceholderText(self.tr("photo file (optional)"))
        for edit in (self.item_name, self.item_quantity, self.item_price, self.item_commission, self.item_expiry,
                     self.item_photo):
            edit.returnPressed.connect(self.add_intake_item)
        self.intake_table = ReadOnlyTable([self.tr("Goods"), self.tr("Category"), self.tr("Quantity"), self.tr("Price"),
                                           self.tr("Commission"), self.tr("Expiry")])
        _keys(self.intake_table, "Delete", self.remove_intake_item, focused=True)
        save = QPushButton(self.tr("Take in and print labels (Ctrl+S)"))
        save.clicked.connect(self.take_in)
        _keys(tab, "Ctrl+S", self.take_in)
        who = QHBoxLayout()
        who.addWidget(self.intake_consignor, 1)
        who.addWidget(new)
        form = QFormLayout()
        form.addRow(self.tr("Consignor"), who)
        form.addRow(self.tr("Goods"), self.item_name)
        form.addRow(self.tr("Category"), self.item_category)
        form.addRow(self.tr("Unit"), self.item_unit)
        form.addRow(self.tr("Quantity"), self.item_quantity)
        form.addRow(self.tr("Price per unit (yuan)"), self.item_price)
        form.addRow(self.tr("Commission (%)"), self.item_commission)
        form.addRow(self.tr("Expiry date"), self.item_expiry)
        form.addRow(self.tr("Photo"), self.item_photo)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Enter adds the item; Delete removes one")))
        layout.addWidget(self.intake_table, 1)
        layout.addWidget(save)
        return tab

    def add_intake_item(self) -> bool:
        """Put the typed item on the intake list (checked when the intake is saved)."""
        try:
            price = int(self.item_price.fen())
        except UserError as exc:
            self.notice.error(str(exc))
            return False
        item = cs.IntakeItem(self.item_name.text(), self.item_category.currentData(), self.item_unit.currentText(),
                             self.item_quantity.text().strip(), price, self.item_commission.text().strip() or None,
                             self.item_expiry.text().strip() or None, self.item_photo.text().strip())
        if not item.name.strip() or not item.quantity:
            self.notice.error(self.tr("Give the goods' name and quantity"))
            (self.item_name if not item.name.strip() else self.item_quantity).setFocus()
            return False
        self.intake_items.append(item)
        for edit in (self.item_name, self.item_quantity, self.item_price, self.item_commission, self.item_expiry,
                     self.item_photo):
            edit.clear()
        self.notice.clear_message()
        self._show_intake()
        self.item_name.setFocus()
        return True

    def remove_intake_item(self) -> None:
        row = self.intake_table.currentRow()
        if 0 <= row < len(self.intake_items):
            del self.intake_items[row]
            self._show_intake()

    def _show_intake(self) -> None:
        self.intake_table.fill([[i.name, translate("consignment", cs.CATEGORIES[i.category]), f"{i.quantity} {i.unit}",
                                 format_fen(i.price), f"{i.commission_pct}%" if i.commission_pct else "", str(i.expiry or "")]
                                for i in self.intake_items])

    def new_consignor(self) -> None:
        dialog = ConsignorDialog(self.ctx, self)
        if dialog.exec() and dialog.saved:
            self._fill_consignors()
            self.intake_consignor.setCurrentIndex(self.intake_consignor.findData(dialog.saved.id))
        self.item_name.setFocus()

    def take_in(self) -> None:
        if self.item_name.text().strip() and not self.add_intake_item():
            return
        consignor_id = self.intake_consignor.currentData()
        if not consignor_id:
            self.notice.error(self.tr("Choose the consignor first (Ctrl+N registers a new one)"))
            return
        intake = self.ctx.act(cs.take_in, consignor_id=consignor_id, items=list(self.intake_items), notice=self.notice)
        if intake is None:
            return
        self.intake_items.clear()
        self._show_intake()
        labels = [d for lot in intake.lots for d in cs.label_data(self.ctx.db, lot.id)]
        self.slip.setPlainText("\n\n".join(self._label_text(d) for d in labels))
        self._print_labels(labels)
        self.notice.ok(self.tr("Taken in: {lots} lots, {labels} labels").format(lots=len(intake.lots), labels=len(labels)))
        self.item_name.setFocus()

    # -- the stock tab ----------------------------------------------------------------------------

    def _stock_tab(self) -> QWidget:
        tab = QWidget()
        self.stock_consignor = QComboBox()
        self.stock_consignor.currentIndexChanged.connect(lambda _i: self._fill_stock())
        self.stock_table = ReadOnlyTable([self.tr("Lot"), self.tr("Goods"), self.tr("Consignor"), self.tr("On hand"),
                                          self.tr("Price"), self.tr("Expiry"), self.tr("Taken in")])
        self.stock_balance = QLabel()
        back = QPushButton(self.tr("Hand the lot back to its consignor (Ctrl+H)"))
        back.clicked.connect(self.hand_back)
        _keys(tab, "Ctrl+H", self.hand_back)
        again = QPushButton(self.tr("Print the lot's labels again (Ctrl+P)"))
        again.clicked.connect(self.reprint_labels)
        _keys(tab, "Ctrl+P", self.reprint_labels)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(again)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.stock_consignor)
        layout.addWidget(self.stock_table, 1)
        layout.addWidget(self.stock_balance)
        layout.addLayout(buttons)
        return tab

    def _fill_stock(self) -> None:
        consignor_id = self.stock_consignor.currentData()
        lots = cs.stock(self.ctx.db, consignor_id)
        today = cs.local_today(self.ctx.db)
        self.stock_table.fill([[str(lot.lot_no), lot.name, lot.consignor_name, f"{lot.on_hand} {lot.unit}",
                                format_fen(lot.price), (lot.expiry or "") + (" !" if lot.expiry and lot.expiry < today else ""),
                                lot.intake_day] for lot in lots], keys=[lot.id for lot in lots])
        if consignor_id:
            b = cs.balance(self.ctx.db, consignor_id)
            self.stock_balance.setText(self.tr("On hand worth {on_hand}; sold, not yet settled {unsettled}; "
                                               "settled, not yet paid {unpaid}").format(
                on_hand=format_fen(b.on_hand_value), unsettled=format_fen(b.unsettled), unpaid=format_fen(b.unpaid)))
        else:
            self.stock_balance.setText(self.tr("{n} lots on hand").format(n=len(lots)))

    def hand_back(self) -> None:
        lot_id = self.stock_table.current_key()
        if not lot_id:
            return
        lot = cs.get_lot(self.ctx.db, lot_id)
        done = self.ctx.act(cs.hand_back, consignor_id=lot.consignor_id,
                            items=[cs.SaleItem(lot_id=lot.id, quantity=lot.on_hand)], notice=self.notice)
        if done is not None:
            self.notice.ok(self.tr("{qty} {unit} of {name} handed back to {consignor}").format(
                qty=lot.on_hand, unit=lot.unit, name=lot.name, consignor=lot.consignor_name))

    def reprint_labels(self) -> None:
        lot_id = self.stock_table.current_key()
        if lot_id:
            labels = cs.label_data(self.ctx.db, lot_id)
            self.slip.setPlainText("\n\n".join(self._label_text(d) for d in labels))
            self._print_labels(labels)

    # -- the settlement tab -----------------------------------------------------------------------

    def _settle_tab(self) -> QWidget:
        tab = QWidget()
        self.settle_consignor = QComboBox()
        today = local_day(self.ctx.db.clock.now())
        last_month_end = today.replace(day=1) - timedelta(days=1)
        self.settle_start = _latin(QLineEdit(last_month_end.replace(day=1).isoformat()))
        self.settle_end = _latin(QLineEdit(last_month_end.isoformat()))
        for edit in (self.settle_start, self.settle_end):
            edit.returnPressed.connect(self.preview_settlement)
        preview = QPushButton(self.tr("Preview (Enter)"))
        preview.clicked.connect(self.preview_settlement)
        settle = QPushButton(self.tr("Settle the period (Ctrl+S)"))
        settle.clicked.connect(self.settle)
        _keys(tab, "Ctrl+S", self.settle)
        self.statements = ReadOnlyTable([self.tr("Statement"), self.tr("Consignor"), self.tr("Period"), self.tr("Due"),
                                         self.tr("State")])
        self.statements.itemSelectionChanged.connect(self._show_statement)
        self.transfer_ref = _latin(QLineEdit())
        self.transfer_ref.setPlaceholderText(self.tr("Transfer reference (for a transfer)"))
        pay = QPushButton(self.tr("Pay in cash (Ctrl+P)"))
        pay.clicked.connect(lambda: self.pay("cash"))
        _keys(tab, "Ctrl+P", lambda: self.pay("cash"))
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
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.statements, 1)
        layout.addLayout(payrow)
        return tab

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

    # -- drawing ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        tab = self._order_tab()
        if tab is not None:
            tab.refresh()
        self._fill_consignors()
        self._filter_stock()
        self._fill_stock()
        keep = self.statements.current_key()
        sts = cs.settlements(self.ctx.db)
        states = {"due": self.tr("to pay"), "paid": self.tr("paid"), "cancelled": self.tr("cancelled")}
        self.statements.fill([[s.number, s.consignor.name, f"{s.start} – {s.end}", format_fen(s.due),
                               states.get(s.status, s.status)] for s in sts], keys=[s.id for s in sts])
        ids = [s.id for s in sts]
        if keep in ids:
            self.statements.selectRow(ids.index(keep))
        today = local_day(self.ctx.db.clock.now())
        f = cs.figures(self.ctx.db, today.replace(day=1), today)
        self.figures.setText(self.tr("This month: {sales} sales, {amount} (poverty-register households: {p_amount}); "
                                     "commission {commission}; settlements paid {paid}").format(
            sales=f.sales, amount=format_fen(f.amount), p_amount=format_fen(f.poverty_amount),
            commission=format_fen(f.commission), paid=format_fen(f.settlements_paid_amount)))

    def _fill_consignors(self) -> None:
        consignors = cs.list_consignors(self.ctx.db)
        poor = self.tr(" (poverty register)")
        for combo, everyone in ((self.intake_consignor, False), (self.stock_consignor, True), (self.settle_consignor, False)):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if everyone:
                combo.addItem(self.tr("All consignors"), None)
            for c in consignors:
                combo.addItem(f"{c.number}  {c.name}  {c.village}{poor if c.poverty else ''}", c.id)
            index = combo.findData(keep)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    # -- receipts, labels, statements (text on screen; the printer when there is one) ----------------

    def _receipt_text(self, r: cs.SaleReceipt) -> str:
        lines = [r.station_name, self.tr("Sales receipt {number}").format(number=r.number), show(r.at), ""]
        for x in r.lines:
            lines.append(f"{x.name}  {cs.show_qty(x.quantity_m)}{x.unit} × {format_fen(x.price)} = {format_fen(x.amount)}")
            lines += [f"  {cs.spaced(code)}" for code in x.codes]
        if r.discount:
            lines.append(self.tr("Discount {amount}").format(amount=format_fen(r.discount)))
        lines.append(self.tr("Total {total}").format(total=format_fen(r.total)))
        lines.append(translate("consignment", cs.PAYMENTS[r.payment]))
        if r.tendered is not None:
            lines.append(self.tr("Tendered {t}, change {c}").format(t=format_fen(r.tendered), c=format_fen(r.change or 0)))
        if r.helps_poverty:
            lines.append(self.tr("Thank you for helping a registered poor household"))
        return "\n".join(lines)

    def _label_text(self, d: cs.LabelData) -> str:
        return "\n".join([d.product, d.producer + ("  " + d.village if d.village else ""), d.code_spaced, d.payload,
                          f"{format_fen(d.price)} / {d.unit}"])

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

    def _print_receipt(self, r: cs.SaleReceipt) -> None:
        if self.print_doc is None:
            return
        from printer.templates import GoodsLine, sale_receipt

        self.print_doc(sale_receipt(station=r.station_name, receipt_no=r.number, when_sold=r.at, operator=r.operator_name,
                                    payment=translate("consignment", cs.PAYMENTS[r.payment]),
                                    paid_fen=r.tendered if r.tendered is not None else r.total, discount_fen=r.discount,
                                    lines=[GoodsLine(x.name, f"{cs.show_qty(x.quantity_m)}{x.unit}", x.list_amount)
                                           for x in r.lines]))

    def _print_refund(self, r: cs.SaleReturn) -> None:
        if self.print_doc is None:
            return
        from printer.templates import GoodsLine, sale_return_receipt

        self.print_doc(sale_return_receipt(
            station=cs.sale_receipt(self.ctx.db, r.sale_id).station_name, return_no=r.number, sale_no=r.sale_number,
            lines=[GoodsLine(x.name, f"{x.quantity}{x.unit}", x.refund) for x in r.lines], refund_fen=r.refund,
            refund_by=translate("consignment", cs.PAYMENTS[r.refund_by or "cash"]), reason=r.reason,
            when_returned=r.finished_at or "", operator=self.ctx.operator.name))

    def _print_labels(self, labels: list[cs.LabelData]) -> None:
        if self.print_doc is None:
            return
        from printer.templates import consignment_label

        for d in labels:
            self.print_doc(consignment_label(station=d.station_name, item_no=d.item_no, product=d.product,
                                             consignor=d.producer, village=d.village, quantity=d.quantity,
                                             price_fen=d.price, intake=d.intake_day, trace_payload=d.payload))

    def _print_statement(self, st: cs.Statement) -> None:
        if self.print_doc is None:
            return
        from printer.templates import SettlementLine, settlement_statement

        self.print_doc(settlement_statement(
            station=st.station_name, statement_no=st.number, consignor=st.consignor.name, phone=st.consignor.phone,
            period=f"{st.start} – {st.end}", commission_fen=st.commission, when_settled=st.paid_at or st.created_at or "",
            operator=self.ctx.operator.name,
            lines=[SettlementLine(f"{x.receipt} {x.name} {x.quantity}{x.unit}", 1, x.amount) for x in st.lines]))
