"""Outbound (代发): a villager's parcel to send. Enter moves down the form like Tab; the
e-waybill comes last, and its scan (or Enter) takes the parcel, charges the fee and prints the
sender's receipt. Ctrl+Enter takes it from anywhere in the form.
"""

from __future__ import annotations

import functools
import re

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
from station_app.ui.widgets import Notice, ReadOnlyTable

_WEIGHT = re.compile(r"^(\d+(?:\.\d+)?)\s*(kg|g|斤|公斤|千克|克)?$")
_GRAMS_PER = {"kg": 1000, "公斤": 1000, "千克": 1000, "g": 1, "克": 1, "斤": 500}


def parse_weight(text: str) -> int | None:
    """Grams from what the operator typed: '2.5' or '2.5kg' (kg), '800' or '800g' (grams),
    '3斤' (jin). A bare number up to 50 is kilograms. None when it cannot be read."""
    m = _WEIGHT.match(text.strip().lower())
    if not m:
        return None
    value, unit = float(m.group(1)), m.group(2)
    if unit is None:
        unit = "kg" if "." in m.group(1) or value <= 50 else "g"
    return round(value * _GRAMS_PER[unit])


class OutboundTab(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sender_id: str | None = None
        self.sender_search = QLineEdit()
        self.sender_search.setPlaceholderText(self.tr("Sender: name or phone (or scan their villager card)"))
        self.sender_search.textChanged.connect(self._find_sender)
        self.senders = ReadOnlyTable([self.tr("Name"), self.tr("Phone"), self.tr("Village")])
        self.senders.setMaximumHeight(130)
        self.senders.itemSelectionChanged.connect(self._sender_chosen)
        self.sender_chosen = QLabel()
        self.sender_chosen.setObjectName("warning")
        keys(self.sender_search, "Down", self.senders.setFocus, focused=True)
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
        self.weight.setPlaceholderText(self.tr("2.5 = 2.5 kg · 800 = 800 g · 3斤"))
        self.weight_seen = QLabel()
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

        self.chain: list[QWidget] = [self.sender_search, self.name, self.phone, self.address, self.contents, self.farm,
                                     self.category, self.out_of_county, self.weight, self.carrier, self.payment,
                                     self.ewaybill]
        for here, there in zip(self.chain, self.chain[1:], strict=False):
            for key in ("Return", "Enter"):
                keys(here, key, functools.partial(self._next, here, there), focused=True)
        for key in ("Return", "Enter"):
            keys(self.senders, key, self.name.setFocus, focused=True)
        keys(self, "Ctrl+Return", self.take)
        keys(self, "Ctrl+Enter", self.take)
        keys(self, "Escape", self.clear_form)

        form = QFormLayout()
        form.addRow(self.tr("Sender"), self.sender_search)
        form.addRow("", self.senders)
        form.addRow("", self.sender_chosen)
        form.addRow(self.tr("Recipient name"), self.name)
        form.addRow(self.tr("Recipient's phone"), self.phone)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Contents"), self.contents)
        farm_row = QHBoxLayout()
        farm_row.addWidget(self.farm)
        farm_row.addWidget(self.category, 1)
        farm_row.addWidget(self.out_of_county)
        form.addRow("", farm_row)
        weight_row = QHBoxLayout()
        weight_row.addWidget(self.weight, 1)
        weight_row.addWidget(self.weight_seen)
        form.addRow(self.tr("Weight"), weight_row)
        form.addRow(self.tr("Carrier"), self.carrier)
        form.addRow(self.tr("Paid by"), self.payment)
        form.addRow(self.tr("E-waybill"), self.ewaybill)
        right = QVBoxLayout()
        right.addWidget(self.fee)
        right.addWidget(self.notice)
        right.addWidget(QLabel(self.tr("Waiting for the courier")))
        self.waiting = fit_columns(ReadOnlyTable([self.tr("E-waybill"), self.tr("Carrier"), self.tr("Sender"),
                                                  self.tr("Fee")]), 0, 1, 3)
        self.waiting.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        right.addWidget(self.waiting, 1)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch()
        self.setStyleSheet("QCheckBox::indicator { width: 24px; height: 24px; }")
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
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
        if here is self.sender_search and self.senders.rowCount():
            self._sender_chosen()
        rest = self.chain[self.chain.index(there):]
        next(w for w in rest if w.isEnabled()).setFocus()

    def _find_sender(self, text: str) -> None:
        found = people.search_people(self.ctx.db, text, limit=6) if text.strip() else []
        self.senders.fill([[p.name, p.phone_masked, p.village] for p in found], keys=[p.id for p in found])
        self._sender_chosen()

    def _sender_chosen(self) -> None:
        key = self.senders.current_key() if self.senders.rowCount() else None
        self.sender_id = key
        if key:
            p = people.get_person(self.ctx.db, key)
            self.sender_chosen.setText(self.tr("Sender: {name} {phone} {village}").format(
                name=p.name, phone=p.phone_masked, village=p.village))
        else:
            self.sender_chosen.setText(self.tr("No sender chosen: find them in the registry (F6 adds a person)")
                                       if self.sender_search.text().strip() else "")

    def pick_sender(self, person_id: str) -> None:
        person = check(self.notice, people.get_person, self.ctx.db, person_id)
        if person is None:
            return
        self.sender_search.setText(person.phone or person.name)
        if person.id in all_keys(self.senders):
            self.senders.selectRow(all_keys(self.senders).index(person.id))
        self._sender_chosen()
        self.name.setFocus()

    def quote(self) -> None:
        grams = parse_weight(self.weight.text())
        self.weight_seen.setText(f"= {grams / 1000:.2f} kg" if grams else "")
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
        if not self.sender_id:
            self.notice.error(self.tr("Choose the sender first: type their name or phone"))
            self.sender_search.setFocus()
            return
        grams = parse_weight(self.weight.text())
        if grams is None:
            self.notice.error(self.tr("Type the weight, e.g. 2.5 (kg) or 800 (g)"))
            self.weight.setFocus()
            return
        result, error = attempt(
            self.ctx, self.notice, outbound.take_outbound_parcel, sender_id=self.sender_id, recipient_name=self.name.text(),
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
        for words, field in ((("phone",), self.phone), (("address",), self.address), (("in the parcel",), self.contents),
                             (("weight",), self.weight), (("farm",), self.category), (("carrier", "fee"), self.carrier),
                             (("waybill",), self.ewaybill), (("name",), self.name), (("person",), self.sender_search)):
            if any(w in text for w in words):
                return field
        return self.ewaybill

    def clear_form(self) -> None:
        for field in (self.sender_search, self.name, self.phone, self.address, self.contents, self.weight, self.ewaybill):
            field.clear()
        self.farm.setChecked(False)
        self.out_of_county.setChecked(True)
        self.category.setCurrentIndex(0)
        self.payment.setCurrentIndex(0)
        self.carrier.setCurrentIndex(0)
        self.notice.clear_message()
        self.focus_first()
