"""Proxy purchase (代购): order goods for a villager from the county catalogue or in their own
words, take a deposit and print the order slip; when the goods come (with a parcel, or the
county's van) hand them over for the balance. Keyboard first: the find field takes a scanned
order slip, a villager card, an order number or a phone; Enter walks the new-order form and
Ctrl+S places the order; Ctrl+Enter hands the chosen order over.
"""

from __future__ import annotations

import functools

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
from station_app.clock import show
from station_app.core import consignment as cs
from station_app.core import labels, people, settings
from station_app.core import proxy_orders as po
from station_app.core.money import format_fen
from station_app.errors import NotFound, UserError
from station_app.i18n import translate
from station_app.receipts.orders import proxy_cancel_receipt, proxy_order_slip, proxy_pickup_receipt
from station_app.ui.consignment.common import narrow
from station_app.ui.context import StationContext
from station_app.ui.farm_input_dialog import FarmInputDialog
from station_app.ui.parcels.common import check, keys, latin, scan_field, station_name
from station_app.ui.widgets import MoneyEdit, Notice, ReadOnlyTable, done_with

OWN_WORDS = ""  # the catalogue combo's first entry: not in the catalogue, described by the villager


def payment_combo() -> QComboBox:
    combo = QComboBox()
    for code in ("cash", "qr"):
        combo.addItem(translate("consignment", cs.PAYMENTS[code]), code)
    return combo


class OrdersTab(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: str | None = None
        self.search = scan_field(self.tr("Scan the order slip or villager card, or type the order number or phone, then Enter"))
        self.search.returnPressed.connect(self.look_up)
        self.table = ReadOnlyTable([self.tr("Order"), self.tr("Villager"), self.tr("Goods"), self.tr("Deposit"),
                                    self.tr("Status"), self.tr("Placed")])
        self.table.itemSelectionChanged.connect(self._show_chosen)
        keys(self.search, "Down", self.table.setFocus, focused=True)
        self.chosen = QLabel()
        self.chosen.setObjectName("heading")
        self.chosen.setWordWrap(True)

        # the chosen order: arrived, handed over, cancelled
        self.cost = MoneyEdit()
        self.cost.setPlaceholderText(self.tr("real cost (default: the estimate)"))
        self.pay = payment_combo()
        self.arrived_button = arrived = QPushButton(self.tr("Goods arrived (Alt+A)"))
        arrived.clicked.connect(self.arrived)
        keys(self, "Alt+A", self.arrived)
        self.hand_button = hand = QPushButton(self.tr("Hand over and take the balance (Ctrl+Enter)"))
        hand.clicked.connect(self.hand_over)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            keys(self, key, self.hand_over)
        for key in ("Return", "Enter"):
            keys(self.table, key, self.cost.setFocus, focused=True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the order is cancelled"))
        cancel = QPushButton(self.tr("Cancel the order"))
        cancel.clicked.connect(self.cancel)

        # a new order
        self.villager = QLineEdit()
        self.villager.setPlaceholderText(self.tr("Villager: name or phone (or scan their card)"))
        self.villager.textChanged.connect(self._find_villager)
        self.villagers = ReadOnlyTable([self.tr("Name"), self.tr("Phone"), self.tr("Village")])
        self.villagers.setMaximumHeight(110)
        self.villagers.itemSelectionChanged.connect(self._villager_chosen)
        keys(self.villager, "Down", self.villagers.setFocus, focused=True)
        self.villager_seen = QLabel()
        self.item = narrow(QComboBox())
        self.item.currentIndexChanged.connect(self._item_changed)
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("What to buy, in the villager's words"))
        self.quantity = latin(QLineEdit("1"))
        self.estimate = MoneyEdit()
        self.fee = MoneyEdit()
        self.deposit = MoneyEdit()
        self.payment = payment_combo()
        self.total = QLabel()
        self.total.setWordWrap(True)
        for field in (self.quantity, self.estimate, self.fee, self.deposit):
            field.textChanged.connect(self._show_total)
        place = QPushButton(self.tr("Place the order (Ctrl+S)"))
        place.clicked.connect(self.place)
        keys(self, "Ctrl+S", self.place)
        self.notice = Notice()

        self.chain: list[QWidget] = [self.villager, self.item, self.description, self.quantity, self.estimate, self.fee,
                                     self.deposit, self.payment]
        for here, there in zip(self.chain, self.chain[1:], strict=False):
            for key in ("Return", "Enter"):
                keys(here, key, functools.partial(self._next, there), focused=True)
        for key in ("Return", "Enter"):
            keys(self.payment, key, self.place, focused=True)
            keys(self.villagers, key, functools.partial(self._next, self.item), focused=True)
            keys(self.cost, key, self.hand_over, focused=True)

        form = QFormLayout()
        form.addRow(self.tr("Villager"), self.villager)
        form.addRow("", self.villagers)
        form.addRow("", self.villager_seen)
        form.addRow(self.tr("County catalogue"), self.item)
        form.addRow(self.tr("Request"), self.description)
        count = QHBoxLayout()
        count.addWidget(self.quantity, 1)
        count.addWidget(QLabel(self.tr("Paid by")))
        count.addWidget(self.payment, 1)
        form.addRow(self.tr("Quantity"), count)
        form.addRow(self.tr("Estimated price (yuan)"), self.estimate)
        money = QHBoxLayout()  # side by side: the form must fit a 768-pixel-high screen
        money.addWidget(self.fee, 1)
        money.addWidget(QLabel(self.tr("Deposit")))
        money.addWidget(self.deposit, 1)
        form.addRow(self.tr("Service fee (yuan)"), money)
        form.addRow("", self.total)
        form.addRow("", place)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("New order")))
        left.addLayout(form)
        left.addStretch()
        act = QFormLayout()
        act.addRow(self.tr("Real cost (yuan)"), self.cost)
        act.addRow(self.tr("Balance paid by"), self.pay)
        buttons = QVBoxLayout()
        buttons.addWidget(arrived)
        buttons.addWidget(hand)
        undo = QHBoxLayout()
        undo.addWidget(self.reason, 1)
        undo.addWidget(cancel)
        right = QVBoxLayout()
        right.addWidget(self.search)
        right.addWidget(QLabel(self.tr("Orders waiting (Down to choose)")))
        right.addWidget(self.table, 1)
        right.addWidget(self.chosen)
        right.addLayout(act)
        right.addLayout(buttons)
        right.addLayout(undo)
        right.addWidget(self.notice)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        for here, there in zip(self.chain, self.chain[1:], strict=False):
            QWidget.setTabOrder(here, there)
        self.clear_form()

    def focus_first(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        keep = self.table.current_key()
        self._fill(po.open_orders(self.ctx.db), keep)
        self._fill_catalogue()

    def _fill(self, orders: list[po.ProxyOrder], keep: str | None = None) -> None:
        self.table.fill([[o.number, f"{o.person_name} {o.phone_masked}", f"{o.description} ×{o.quantity}{o.unit}",
                          format_fen(o.deposit), translate("orders", po.STATUSES[o.status]), show(o.created_at)[:10]]
                         for o in orders], keys=[o.id for o in orders])
        ids = [o.id for o in orders]
        if ids:
            self.table.selectRow(ids.index(keep) if keep in ids else 0)
        self._show_chosen()

    def _fill_catalogue(self) -> None:
        keep = self.item.currentData()
        self.item.blockSignals(True)
        self.item.clear()
        self.item.addItem(self.tr("Not in the catalogue: the villager's own request"), OWN_WORDS)
        for i in po.catalogue(self.ctx.db):
            self.item.addItem(f"{i.name} {i.spec}  {format_fen(i.price)}/{i.unit}  {i.supplier}", i.id)
        self.item.setCurrentIndex(max(self.item.findData(keep), 0))
        self.item.blockSignals(False)
        self._item_changed()

    # -- finding ----------------------------------------------------------------------------------

    def handle_scan(self, code: str) -> bool:
        self.search.setText(code.strip())
        self.look_up()
        return True

    def look_up(self) -> None:
        """An order slip or number shows that order; a villager card or phone shows their open
        orders and starts a new order for them."""
        text = self.search.text().strip()
        if not text:
            self.refresh()
            return
        if labels.looks_like_label(text):
            label = check(self.notice, labels.parse_label, text)
            if label is None:
                return
            if label.kind == labels.PERSON:
                self._for_person(label.value)
                return
        try:
            found = po.find_order(self.ctx.db, text)
        except NotFound:
            found = None
        except UserError as exc:
            self.notice.error(str(exc))
            self.search.selectAll()
            return
        if found is not None:
            self._fill([found])
            self.notice.clear_message()
            self.cost.setFocus()
            return
        matches = people.search_people(self.ctx.db, text, limit=2)
        if len(matches) == 1:
            self._for_person(matches[0].id)
        else:
            self.notice.error(self.tr("No order or villager matches {text}").format(text=text))
            self.search.selectAll()

    def _for_person(self, person_id: str) -> None:
        person = check(self.notice, people.get_person, self.ctx.db, person_id)
        if person is None:
            return
        mine = [o for o in po.open_orders(self.ctx.db) if o.person_id == person.id]
        self._fill(mine)
        self.villager.setText(person.phone or person.name)
        self.notice.ok(self.tr("{name}: {n} open orders").format(name=person.name, n=len(mine)))
        (self.cost if mine else self.item).setFocus()

    def _show_chosen(self) -> None:
        order_id = self.table.current_key()
        o = po.get_order(self.ctx.db, order_id) if order_id else None
        self.arrived_button.setEnabled(o is not None and o.status == "ordered")
        self.hand_button.setEnabled(o is not None and o.status == "arrived")
        if o is None:
            self.chosen.setText(self.tr("No order chosen"))
            return
        self.cost.setText(f"{o.estimate / 100:.2f}")
        due = o.estimate + o.fee - o.deposit
        self.chosen.setText(self.tr("{number} {status}: estimate {estimate} + fee {fee} − deposit {deposit} = {due}").format(
            number=o.number, status=translate("orders", po.STATUSES[o.status]), estimate=format_fen(o.estimate),
            fee=format_fen(o.fee), deposit=format_fen(o.deposit), due=format_fen(due)))

    # -- a new order ------------------------------------------------------------------------------

    def _next(self, there: QWidget) -> None:
        rest = self.chain[self.chain.index(there):] if there in self.chain else [there]
        next(w for w in rest if w.isEnabled()).setFocus()

    def _find_villager(self, text: str) -> None:
        found = people.search_people(self.ctx.db, text, limit=5) if text.strip() else []
        self.villagers.fill([[p.name, p.phone_masked, p.village] for p in found], keys=[p.id for p in found])
        self._villager_chosen()

    def _villager_chosen(self) -> None:
        self.person_id = self.villagers.current_key() if self.villagers.rowCount() else None
        if self.person_id:
            p = people.get_person(self.ctx.db, self.person_id)
            self.villager_seen.setText(self.tr("For {name} {phone} {village}").format(
                name=p.name, phone=p.phone_masked, village=p.village))
        else:
            self.villager_seen.setText(self.tr("No villager chosen: find them in the registry (F6 adds a person)")
                                       if self.villager.text().strip() else "")

    def _item_changed(self) -> None:
        own = self.item.currentData() in (OWN_WORDS, None)
        self.description.setEnabled(own)
        self.estimate.setEnabled(own)
        self._show_total()

    def _quantity(self) -> int | None:
        text = self.quantity.text().strip() or "1"
        return int(text) if text.isdigit() else None

    def _estimate(self) -> int:
        item_id = self.item.currentData()
        if item_id:
            price = next((i.price for i in po.catalogue(self.ctx.db) if i.id == item_id), 0)
            return price * (self._quantity() or 1)
        try:
            return int(self.estimate.fen())
        except UserError:
            return 0

    def _show_total(self) -> None:
        try:
            fee, deposit = int(self.fee.fen()), int(self.deposit.fen())
        except UserError:
            fee = deposit = 0
        whole = self._estimate() + fee
        self.total.setText(self.tr("Order {whole}, deposit {deposit}, left to pay at pickup {rest}").format(
            whole=format_fen(whole), deposit=format_fen(deposit), rest=format_fen(whole - deposit)))

    def place(self) -> None:
        if not self.person_id:
            self.notice.error(self.tr("Choose the villager first: type their name or phone"))
            self.villager.setFocus()
            return
        quantity = self._quantity()
        if quantity is None:
            self.notice.error(self.tr("Quantity must be a whole number from 1 to 999"))
            self.quantity.setFocus()
            return
        try:
            fee, deposit = int(self.fee.fen()), int(self.deposit.fen())
            estimate = int(self.estimate.fen()) if self.estimate.text().strip() else None
        except UserError as exc:
            self.notice.error(str(exc))
            return
        item_id = self.item.currentData() or None
        payment = self.payment.currentData()
        order = self.ctx.act(po.place_order, person_id=self.person_id, catalogue_item_id=item_id,
                             description=self.description.text(), quantity=quantity,
                             estimate=None if item_id else estimate, fee=fee, deposit=deposit, payment=payment,
                             notice=self.notice)
        if order is None:
            return
        printed = self.ctx.print(proxy_order_slip(station_name(self.ctx), self.ctx.operator.name, order, payment))
        self.clear_form()
        self.refresh()
        self.notice.ok(self.tr("Order {number} placed for {name}, deposit {deposit} taken. {printed}").format(
            number=order.number, name=order.person_name, deposit=format_fen(order.deposit), printed=printed))

    def clear_form(self) -> None:
        for field in (self.villager, self.description, self.estimate, self.deposit):
            field.clear()
        self.quantity.setText("1")
        self.fee.setText(f"{settings.get(self.ctx.db, 'orders.service_fee_fen') / 100:.2f}")
        self.item.setCurrentIndex(0)
        self.payment.setCurrentIndex(0)

    # -- the chosen order -------------------------------------------------------------------------

    def _chosen(self) -> po.ProxyOrder | None:
        order_id = self.table.current_key()
        if not order_id:
            self.notice.error(self.tr("Choose an order first: scan its slip or type its number"))
            self.search.setFocus()
            return None
        return po.get_order(self.ctx.db, order_id)

    def arrived(self) -> None:
        order = self._chosen()
        if order and self.ctx.act(po.receive_order, order_id=order.id, notice=self.notice):
            self.refresh()
            self.notice.ok(self.tr("{number}: the goods are here. Tell {name}").format(number=order.number,
                                                                                      name=order.person_name))

    def hand_over(self) -> None:
        order = self._chosen()
        if order is None:
            return
        try:
            cost = int(self.cost.fen()) if self.cost.text().strip() else None
        except UserError as exc:
            self.notice.error(str(exc))
            return
        payment = self.pay.currentData()
        batch, producer = "", None
        if order.is_farm_input:  # a farm input is sold with its batch and producer (the trace chain)
            dialog = FarmInputDialog(order, self)
            ok = bool(dialog.exec())
            batch, producer = dialog.values()
            done_with(dialog)
            if not ok:
                return
        done = self.ctx.act(po.hand_over_order, order_id=order.id, cost=cost, payment=payment, batch=batch,
                            producer=producer, notice=self.notice)
        if done is None:
            return
        if (done.balance or 0) > 0:
            self.ctx.say(speech.due_phrase(done.balance or 0))
        printed = self.ctx.print(proxy_pickup_receipt(station_name(self.ctx), self.ctx.operator.name, done, payment))
        balance = done.balance or 0
        money = (self.tr("take {amount}") if balance >= 0 else self.tr("give back {amount}")).format(
            amount=format_fen(abs(balance)))
        self.refresh()
        self.notice.ok(self.tr("{number} handed over to {name}: {money}. {printed}").format(
            number=done.number, name=done.person_name, money=money, printed=printed))
        self.focus_first()

    def cancel(self) -> None:
        order = self._chosen()
        if order is None:
            return
        done = self.ctx.act(po.cancel_order, order_id=order.id, reason=self.reason.text(), notice=self.notice)
        if done is None:
            self.reason.setFocus()
            return
        printed = self.ctx.print(proxy_cancel_receipt(station_name(self.ctx), self.ctx.operator.name, done,
                                                      self.reason.text().strip()))
        self.reason.clear()
        self.refresh()
        self.notice.ok(self.tr("{number} cancelled: give back the deposit {deposit}. {printed}").format(
            number=done.number, deposit=format_fen(done.deposit), printed=printed))
