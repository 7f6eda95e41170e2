"""Outbound (代发): a villager's parcel to send. Enter moves down the form like Tab; the
e-waybill comes last, and its scan (or Enter) takes the parcel, charges the fee and prints the
sender's receipt. Ctrl+Enter takes it from anywhere in the form.

The sender is found in the registry (name, phone, villager card) or, for someone not registered,
typed as a walk-in: name and phone (Alt+W), nothing more. The weight is read as the station
keeper means it (`outbound.read_weight`) and shown both ways beside the box before saving. Esc
clears the form, asking first when something was typed.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.core import labels, outbound, parcels, people
from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.receipts.parcels import outbound_receipt
from station_app.ui.context import StationContext
from station_app.ui.parcels.common import (
    all_keys,
    attempt,
    big_label,
    carrier_combo,
    check,
    choose,
    fit_columns,
    keys,
    latin,
    scan_field,
)
from station_app.ui.scanning import PERSON_CARD, PHONE, ScanRead, accept_scans
from station_app.ui.widgets import Notice, ReadOnlyTable, on_escape


class OutboundTab(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sender_id: str | None = None
        self.sender_search = QLineEdit()
        self.sender_search.setPlaceholderText(self.tr("Sender: name or phone (or scan their villager card)"))
        self.sender_search.textChanged.connect(self._find_sender)
        self.senders = ReadOnlyTable([self.tr("Name"), self.tr("Phone"), self.tr("Village")])
        self.senders.itemSelectionChanged.connect(self._sender_chosen)
        self.sender_chosen = QLabel()
        self.sender_chosen.setObjectName("warning")
        self.sender_chosen.setWordWrap(True)
        keys(self.sender_search, "Down", self.senders.setFocus, focused=True)
        self.walk_in_name = QLineEdit()
        self.walk_in_name.setPlaceholderText(self.tr("Not registered: sender's name"))
        self.walk_in_phone = latin(QLineEdit())
        self.walk_in_phone.setPlaceholderText(self.tr("and phone"))
        for walk_in_field in (self.walk_in_name, self.walk_in_phone):
            walk_in_field.textEdited.connect(self._walk_in_typed)
        keys(self, "Alt+W", self.walk_in)
        self.name = QLineEdit()
        self.phone = latin(QLineEdit())
        self.phone.setPlaceholderText(self.tr("11-digit mobile number"))
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("Province, city, county, street and number"))
        self.contents = QLineEdit()
        self.contents.setPlaceholderText(self.tr("e.g. kiwi fruit, 2 boxes"))
        self.farm = QCheckBox(self.tr("Farm produce (Space)"))
        self.category = QComboBox()
        for code, label in outbound.FARM_CATEGORIES.items():
            self.category.addItem(translate("outbound", label), code)
        self.category.setEnabled(False)
        self.farm.toggled.connect(self.category.setEnabled)
        self.out_of_county = QCheckBox(self.tr("Goes out of the county"))
        self.out_of_county.setChecked(True)
        self.weight = latin(QLineEdit())
        self.weight.setPlaceholderText(self.tr("2.5 (kg) · 800 (g) · 6j (jin)"))
        self.weight_seen = QLabel()
        self.weight_seen.setObjectName("heading")
        self.carrier = carrier_combo()
        self.payment = QComboBox()
        for code, label in outbound.PAYMENTS.items():
            self.payment.addItem(translate("outbound", label), code)
        self.ewaybill = scan_field(self.tr("Scan the e-waybill: the parcel is taken"))
        self.ewaybill.returnPressed.connect(self.ewaybill_entered)
        self.fee = big_label()
        for field in (self.weight, self.out_of_county, self.carrier):
            signal = field.textChanged if isinstance(field, QLineEdit) else \
                field.toggled if isinstance(field, QCheckBox) else field.currentIndexChanged
            signal.connect(self.quote)
        self.notice = Notice()

        self.chain: list[QWidget] = [self.sender_search, self.walk_in_name, self.walk_in_phone, self.name, self.phone,
                                     self.address, self.contents, self.farm, self.category, self.out_of_county,
                                     self.weight, self.carrier, self.payment, self.ewaybill]
        for here, there in zip(self.chain, self.chain[1:], strict=False):
            for key in ("Return", "Enter"):
                keys(here, key, functools.partial(self._next, here, there), focused=True)
        for key in ("Return", "Enter"):
            keys(self.senders, key, self.name.setFocus, focused=True)
        keys(self, "Ctrl+Return", self.take)
        keys(self, "Ctrl+Enter", self.take)
        on_escape(self, [self.sender_search, self.walk_in_name, self.walk_in_phone, self.name, self.phone, self.address,
                         self.contents, self.weight, self.ewaybill], clear=self.clear_form)
        accept_scans(self.sender_search, {PHONE, PERSON_CARD}, on_scan=self._sender_scanned)
        accept_scans(self.walk_in_phone, {PHONE})
        accept_scans(self.phone, {PHONE})

        # two columns, so the form fits a 768-pixel-high screen: who (left), the parcel (right)
        who = QFormLayout()
        who.addRow(self.tr("Sender"), self.sender_search)
        who.addRow("", self.senders)
        who.addRow("", self.sender_chosen)
        walk_in = QHBoxLayout()
        walk_in.addWidget(self.walk_in_name, 1)
        walk_in.addWidget(self.walk_in_phone, 1)
        who.addRow(self.tr("or (Alt+W)"), walk_in)
        who.addRow(self.tr("Recipient name"), self.name)
        who.addRow(self.tr("Recipient's phone"), self.phone)
        who.addRow(self.tr("Address"), self.address)
        who.addRow(self.tr("Contents"), self.contents)
        what = QFormLayout()
        farm_row = QHBoxLayout()
        farm_row.addWidget(self.farm)
        farm_row.addWidget(self.category, 1)
        what.addRow(farm_row)
        what.addRow(self.out_of_county)
        what.addRow(self.tr("Weight"), self.weight)
        what.addRow("", self.weight_seen)
        what.addRow(self.tr("Carrier"), self.carrier)
        what.addRow(self.tr("Paid by"), self.payment)
        what.addRow(self.tr("E-waybill"), self.ewaybill)
        for form in (who, what):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.weight_seen.setWordWrap(True)
        self.senders.setMaximumHeight(110)
        self.waiting = fit_columns(ReadOnlyTable([self.tr("E-waybill"), self.tr("Carrier"), self.tr("Sender"),
                                                  self.tr("Fee")]), 0, 1, 3)
        self.waiting.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        left = QVBoxLayout()
        left.addLayout(who)
        left.addWidget(self.notice)
        left.addStretch()
        right = QVBoxLayout()
        right.addLayout(what)
        right.addWidget(self.fee)
        right.addWidget(QLabel(self.tr("Waiting for the courier")))
        right.addWidget(self.waiting, 1)
        self.setStyleSheet("QCheckBox::indicator { width: 24px; height: 24px; }")
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        for here, there in zip(self.chain, self.chain[1:], strict=False):
            QWidget.setTabOrder(here, there)
        self.quote()

    def focus_first(self) -> None:
        self.sender_search.setFocus()
        self.sender_search.selectAll()

    def handle_scan(self, code: str) -> bool:
        """A villager card picks the sender; anything else is the e-waybill."""
        text = code.strip()
        if labels.looks_like_label(text):
            label = check(self.notice, labels.parse_label, text)
            if label is not None and label.kind == labels.PERSON:
                self.pick_sender(label.value)
            return True
        self.ewaybill.setText(text)
        self.ewaybill_entered()
        return True

    def refresh(self) -> None:
        waiting = outbound.waiting_for_courier(self.ctx.db)
        self.waiting.fill([[p.ewaybill, p.carrier_name, p.sender_name, p.fee_text] for p in waiting])
        self.quote()

    # -- the form -----------------------------------------------------------------------------

    def _next(self, here: QWidget, there: QWidget) -> None:
        if here is self.sender_search:
            if self.senders.rowCount():
                self._sender_chosen()
            if self.sender_id is None and self.sender_search.text().strip():
                self.walk_in()  # nobody in the registry: the sender is a walk-in
                return
            if self.sender_id is not None:
                there = self.name
        rest = self.chain[self.chain.index(there):]
        next(w for w in rest if w.isEnabled()).setFocus()

    def walk_in(self) -> None:
        """The sender is not registered (Alt+W): name and phone are typed here; what was typed
        in the search goes to the field it fits."""
        typed = self.sender_search.text().strip()
        if typed and not self.walk_in_name.text() and not self.walk_in_phone.text():
            digits = "".join(ch for ch in typed if ch.isdigit())
            (self.walk_in_phone if len(digits) >= 7 else self.walk_in_name).setText(typed)
        self._walk_in_typed()
        (self.walk_in_phone if self.walk_in_name.text().strip() and not self.walk_in_phone.text().strip()
         else self.walk_in_name).setFocus()

    def _walk_in_typed(self) -> None:
        """A walk-in typed: the registry's match no longer counts."""
        if self.walk_in_name.text().strip() or self.walk_in_phone.text().strip():
            self.sender_id = None
            self.senders.clearSelection()
            self.sender_chosen.setText(self.tr("Walk-in sender (not registered): name and phone go on the receipt"))

    def _sender_scanned(self, read: ScanRead) -> bool:
        """A villager card or a phone scanned into the sender box."""
        if read.kind == PERSON_CARD:
            self.pick_sender(labels.parse_label(read.code).value)
        else:
            self.sender_search.setText(read.value)
        return True

    def _find_sender(self, text: str) -> None:
        found = people.search_people(self.ctx.db, text, limit=6) if text.strip() else []
        self.senders.fill([[p.name, p.phone_masked, p.village] for p in found], keys=[p.id for p in found])
        self._sender_chosen()

    def _sender_chosen(self) -> None:
        if self.walk_in_name.text().strip() or self.walk_in_phone.text().strip():
            return  # a walk-in is being typed: the registry's match does not take over
        key = self.senders.current_key() if self.senders.rowCount() else None
        self.sender_id = key
        if key:
            p = people.get_person(self.ctx.db, key)
            self.sender_chosen.setText(self.tr("Sender: {name} {phone} {village}").format(
                name=p.name, phone=p.phone_masked, village=p.village))
        else:
            self.sender_chosen.setText(self.tr("Not in the registry: Enter, then type the sender's name and phone")
                                       if self.sender_search.text().strip() else "")

    def pick_sender(self, person_id: str) -> None:
        person = check(self.notice, people.get_person, self.ctx.db, person_id)
        if person is None:
            return
        self.walk_in_name.clear()
        self.walk_in_phone.clear()
        self.sender_search.setText(person.phone or person.name)
        if person.id in all_keys(self.senders):
            self.senders.selectRow(all_keys(self.senders).index(person.id))
        self._sender_chosen()
        self.name.setFocus()

    def _grams(self) -> tuple[int | None, str]:
        """The weight typed, in grams, or None and why it cannot be read."""
        try:
            return outbound.read_weight(self.weight.text()), ""
        except UserError as exc:
            return None, str(exc)

    def quote(self) -> None:
        grams, problem = self._grams()
        self.weight_seen.setText("= " + outbound.show_weight(grams) if grams else problem if self.weight.text().strip() else "")
        self.weight_seen.setObjectName("heading" if grams or not self.weight.text().strip() else "error")
        self.weight_seen.style().unpolish(self.weight_seen)
        self.weight_seen.style().polish(self.weight_seen)
        if not grams:
            self.fee.setText(self.tr("Postage: type the weight"))
            return
        try:
            q = outbound.quote_fee(self.ctx.db, carrier=self.carrier.currentData(), weight_g=grams,
                                   out_of_county=self.out_of_county.isChecked())
        except UserError as exc:
            self.fee.setText(str(exc))
            return
        table = self.tr("county fee table") if q.from_county else self.tr("standard fees")
        self.fee.setText(self.tr("Postage {fee} ({table})").format(fee=format_fen(q.fee_fen), table=table))

    def ewaybill_entered(self) -> None:
        """The e-waybill is the last field: its Enter takes the parcel, unless the number looks
        like another carrier's — then the carrier is switched to the guess for one more look."""
        try:
            waybill = parcels.check_waybill(self.ewaybill.text())
        except UserError as exc:
            self.notice.error(str(exc))
            self.ewaybill.selectAll()
            return
        guesses = parcels.guess_carriers(waybill)
        if guesses and self.carrier.currentData() not in guesses:
            choose(self.carrier, guesses[0])
            self.notice.error(self.tr("The e-waybill looks like {carrier}'s: the carrier is changed. Check the postage "
                                      "and press Enter again").format(carrier=parcels.carrier_name(guesses[0])))
            self.ewaybill.setFocus()
            return
        self.take()

    def take(self) -> None:
        walk_in = bool(self.walk_in_name.text().strip() or self.walk_in_phone.text().strip())
        if not self.sender_id and not walk_in:
            self.notice.error(self.tr("Who sends it? Find them in the registry, or type a walk-in's name and phone (Alt+W)"))
            self.sender_search.setFocus()
            return
        grams, problem = self._grams()
        if grams is None:
            self.notice.error(problem)
            self.weight.setFocus()
            self.weight.selectAll()
            return
        result, error = attempt(
            self.ctx, self.notice, outbound.take_outbound_parcel, sender_id=None if walk_in else self.sender_id,
            sender_name=self.walk_in_name.text() if walk_in else None,
            sender_phone=self.walk_in_phone.text() if walk_in else None, recipient_name=self.name.text(),
            recipient_phone=self.phone.text(), recipient_address=self.address.text(), contents=self.contents.text(),
            weight_g=grams, carrier=self.carrier.currentData(), ewaybill=self.ewaybill.text(),
            out_of_county=self.out_of_county.isChecked(), farm_produce=self.farm.isChecked(),
            farm_category=self.category.currentData() if self.farm.isChecked() else None,
            payment=self.payment.currentData())
        if result is None:
            self._field_for(error).setFocus()
            return
        p = result.parcel
        printed = self.ctx.print(outbound_receipt(result))
        lines = [self.tr("Receipt {no}: {fee} taken ({payment}), {carrier} {waybill}").format(
            no=p.receipt_no, fee=p.fee_text, payment=self.payment.currentText(), carrier=p.carrier_name,
            waybill=p.ewaybill), *result.warnings, printed]
        self.clear_form()
        (self.notice.error if result.warnings else self.notice.ok)("\n".join(lines))

    def _field_for(self, error: UserError | None) -> QWidget:
        """Where the keyboard goes to fix a refusal (by the words of the English message)."""
        text = (error.text if error else "").lower()
        for words, field in ((("sender's phone",), self.walk_in_phone), (("who sends",), self.walk_in_name),
                             (("phone",), self.phone), (("address",), self.address), (("in the parcel",), self.contents),
                             (("weight",), self.weight), (("farm",), self.category), (("carrier", "fee"), self.carrier),
                             (("waybill",), self.ewaybill), (("name",), self.name), (("person",), self.sender_search)):
            if any(w in text for w in words):
                return field
        return self.ewaybill

    def clear_form(self) -> None:
        for field in (self.sender_search, self.walk_in_name, self.walk_in_phone, self.name, self.phone, self.address,
                      self.contents, self.weight, self.ewaybill):
            field.clear()
        self.sender_id = None
        self.farm.setChecked(False)
        self.out_of_county.setChecked(True)
        self.category.setCurrentIndex(0)
        self.payment.setCurrentIndex(0)
        self.carrier.setCurrentIndex(0)
        self.notice.clear_message()
        self.focus_first()
