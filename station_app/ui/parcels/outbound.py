"""Outbound (代发): a villager's parcel to send. Enter moves down the form like Tab; the
e-waybill comes last, and its scan (or Enter) takes the parcel, charges the fee and prints the
sender's receipt. Ctrl+Enter takes it from anywhere in the form.

For the county's farm-produce subsidy (issue 21) the form also takes the destination as an
administrative-division code (a province picked by typing its name, or a county's 6 digits; the
county's own code means in-county whatever the tick says), the goods' value, a cooperative
sender's 统一社会信用代码 and name, and the e-waybill's photo: Alt+P by webcam, Alt+O from an
image file. A photo taken with the form empty goes to the last parcel taken without one.

The sender is found in the registry (name, phone, villager card) or, for someone not registered,
typed as a walk-in: name and phone (Alt+W), nothing more. The weight is read as the station
keeper means it (`outbound.read_weight`) and shown both ways beside the box before saving. Esc
clears the form, asking first when something was typed.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.core import labels, outbound, parcels, people, villages
from station_app.core.money import format_fen, parse_yuan
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.receipts.parcels import outbound_receipt
from station_app.ui import photo_dialog
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
from station_app.ui.widgets import Notice, ReadOnlyTable, done_with, on_escape


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
        self.org_code = latin(QLineEdit())
        self.org_code.setPlaceholderText(self.tr("Cooperative sending: its unified social credit code"))
        self.org_name = QLineEdit()
        self.org_name.setPlaceholderText(self.tr("and its name"))
        self.destination = QComboBox()
        self.destination.setEditable(True)
        self.destination.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        typed_destination = self.destination.lineEdit()
        assert typed_destination is not None  # an editable combo has its line edit
        typed_destination.setPlaceholderText(self.tr("Province (type its name) or a county's 6-digit code"))
        self.destination.currentTextChanged.connect(self._destination_typed)
        self.goods_value = latin(QLineEdit())
        self.goods_value.setPlaceholderText(self.tr("What the goods are worth, yuan"))
        self.photo_seen = QLabel()
        self.photo_seen.setWordWrap(True)
        self.photo_file: Path | None = None  # the e-waybill photo for the parcel being typed
        self.webcam_folder: Path | None = None  # where a webcam photo waits until the parcel keeps its copy
        self.last_without_photo: str | None = None  # the last farm-produce parcel taken without one
        keys(self, "Alt+P", self.photo_by_webcam)
        keys(self, "Alt+O", self.photo_from_file)
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
                                     self.address, self.contents, self.farm, self.category, self.org_code,
                                     self.org_name, self.destination, self.goods_value, self.out_of_county,
                                     self.weight, self.carrier, self.payment, self.ewaybill]
        for here, there in zip(self.chain, self.chain[1:], strict=False):
            for key in ("Return", "Enter"):
                keys(here, key, functools.partial(self._next, here, there), focused=True)
        for key in ("Return", "Enter"):
            keys(self.senders, key, self.name.setFocus, focused=True)
        keys(self, "Ctrl+Return", self.take)
        keys(self, "Ctrl+Enter", self.take)
        on_escape(self, [self.sender_search, self.walk_in_name, self.walk_in_phone, self.name, self.phone, self.address,
                         self.contents, self.org_code, self.org_name, self.goods_value, self.weight, self.ewaybill],
                  clear=self.clear_form)
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
        org_row = QHBoxLayout()
        org_row.addWidget(self.org_code, 3)
        org_row.addWidget(self.org_name, 2)
        who.addRow(self.tr("Cooperative"), org_row)
        who.addRow(self.tr("Recipient name"), self.name)
        who.addRow(self.tr("Recipient's phone"), self.phone)
        who.addRow(self.tr("Address"), self.address)
        who.addRow(self.tr("Contents"), self.contents)
        what = QFormLayout()
        farm_row = QHBoxLayout()
        farm_row.addWidget(self.farm)
        farm_row.addWidget(self.category, 1)
        what.addRow(farm_row)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(self.out_of_county)
        what.addRow(self.tr("Destination"), where)
        worth = QHBoxLayout()
        worth.addWidget(self.goods_value, 1)
        worth.addWidget(self.photo_seen, 2)
        what.addRow(self.tr("Goods' value"), worth)
        what.addRow(self.tr("Weight"), self.weight)
        what.addRow("", self.weight_seen)
        paid = QHBoxLayout()
        paid.addWidget(self.carrier, 1)
        paid.addWidget(QLabel(self.tr("Paid by")))
        paid.addWidget(self.payment, 1)
        what.addRow(self.tr("Carrier"), paid)
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
        self._fill_destinations()
        self._show_photo()
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
        self._fill_destinations()
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

    # -- destination and the e-waybill photo (the subsidy's evidence) ----------------------------------

    def _fill_destinations(self) -> None:
        """本县 (when the county set its code) first, then the provinces, each with its code."""
        typed = self.destination.currentText()
        county = villages.county_code(self.ctx.db)
        items = [("", "")] + ([(self.tr("This county {code}").format(code=county), county)] if county else [])
        items += [(f"{name} {code}", code) for code, name in villages.PROVINCES.items()]
        if [self.destination.itemData(i) for i in range(self.destination.count())] == [c for _, c in items]:
            return
        self.destination.blockSignals(True)
        self.destination.clear()
        for text, code in items:
            self.destination.addItem(text, code)
        self.destination.setEditText(typed)
        self.destination.blockSignals(False)

    def destination_code(self) -> str | None:
        """The code picked or typed (its 6 digits), None when nothing was given."""
        text = self.destination.currentText().strip()
        if not text:
            return None
        index = self.destination.findText(text)
        if index > 0:
            return str(self.destination.itemData(index))
        if text.startswith("本县"):  # what the counter says for the county's own code, in any language
            return villages.county_code(self.ctx.db) or text
        digits = "".join(ch for ch in text if ch.isdigit())
        return digits or text

    def _destination_typed(self, _text: str) -> None:
        """The county's own code unticks "goes out of the county" (the code decides, not the tick)."""
        inside = villages.inside_county(self.ctx.db, self.destination_code())
        if inside is not None:
            self.out_of_county.setChecked(not inside)

    def _show_photo(self) -> None:
        if self.photo_file is not None:
            self.photo_seen.setObjectName("ok")
            self.photo_seen.setText(self.tr("E-waybill photo ready: kept with the parcel"))
        else:
            self.photo_seen.setObjectName("")
            self.photo_seen.setText(self.tr("E-waybill photo: Alt+P webcam, Alt+O file (the subsidy needs it)"))
        self.photo_seen.style().unpolish(self.photo_seen)
        self.photo_seen.style().polish(self.photo_seen)

    def _form_empty(self) -> bool:
        return not any(f.text().strip() for f in (self.sender_search, self.walk_in_name, self.name, self.contents,
                                                   self.ewaybill))

    def photo_by_webcam(self) -> None:
        """Alt+P: the webcam's picture of the e-waybill."""
        dialog = photo_dialog.PhotoDialog(self.tr("E-waybill photo"),
                                          self.tr("Hold the e-waybill under the camera: Space takes it"), self)
        taken = dialog.photo if dialog.exec() else None
        done_with(dialog)
        if taken is None:
            return
        self._drop_webcam_photo()
        self.webcam_folder = Path(tempfile.mkdtemp(prefix="ewaybill-"))
        path = self.webcam_folder / "ewaybill.jpg"
        path.write_bytes(taken)
        self.use_photo(path)

    def _drop_webcam_photo(self) -> None:
        """The webcam's file is only a hand-over to the core action, which keeps its own copy."""
        if self.webcam_folder is not None:
            for leftover in self.webcam_folder.iterdir():
                leftover.unlink(missing_ok=True)
            self.webcam_folder.rmdir()
            self.webcam_folder = None

    def photo_from_file(self) -> None:
        """Alt+O: the e-waybill's image from a file (a scan, a phone's photo)."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("E-waybill photo"), "",
                                              self.tr("Photos (*.jpg *.jpeg *.png *.bmp *.webp)"))
        if path:
            self.use_photo(Path(path))

    def use_photo(self, path: Path) -> None:
        """Keep the photo for the parcel being typed or, with the form empty, add it to the last
        farm-produce parcel taken without one."""
        if self._form_empty() and self.last_without_photo:
            if self.ctx.act(outbound.add_ewaybill_photo, self.last_without_photo, source=path,
                            notice=self.notice) is not None:
                self.notice.ok(self.tr("E-waybill photo kept with the parcel"))
                self.last_without_photo = None
            self._drop_webcam_photo()
            return
        self.photo_file = path
        self._show_photo()

    def _goods_value_fen(self) -> int | None:
        text = self.goods_value.text().strip()
        if not text:
            return 0
        try:
            return parse_yuan(text)
        except UserError as exc:
            self.notice.error(str(exc))
            self.goods_value.setFocus()
            self.goods_value.selectAll()
            return None

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
        value = self._goods_value_fen()
        if value is None:
            return
        result, error = attempt(
            self.ctx, self.notice, outbound.take_outbound_parcel, sender_id=None if walk_in else self.sender_id,
            sender_name=self.walk_in_name.text() if walk_in else None,
            sender_phone=self.walk_in_phone.text() if walk_in else None, recipient_name=self.name.text(),
            recipient_phone=self.phone.text(), recipient_address=self.address.text(), contents=self.contents.text(),
            weight_g=grams, carrier=self.carrier.currentData(), ewaybill=self.ewaybill.text(),
            out_of_county=self.out_of_county.isChecked(), farm_produce=self.farm.isChecked(),
            farm_category=self.category.currentData() if self.farm.isChecked() else None,
            payment=self.payment.currentData(), destination_code=self.destination_code(), goods_value_fen=value,
            sender_org_code=self.org_code.text() or None, sender_org_name=self.org_name.text() or None,
            ewaybill_photo=self.photo_file)
        if result is None:
            self._field_for(error).setFocus()
            return
        p = result.parcel
        printed = self.ctx.print(outbound_receipt(result))
        lines = [self.tr("Receipt {no}: {fee} taken ({payment}), {carrier} {waybill}").format(
            no=p.receipt_no, fee=p.fee_text, payment=self.payment.currentText(), carrier=p.carrier_name,
            waybill=p.ewaybill), *result.warnings, printed]
        self.last_without_photo = None
        if p.farm_produce and self.photo_file is None:
            self.last_without_photo = p.id
            lines.append(self.tr("No e-waybill photo: the subsidy will not count this parcel. Alt+P (webcam) or "
                                 "Alt+O (file) now adds it"))
        self.clear_form()
        (self.notice.error if result.warnings else self.notice.ok)("\n".join(lines))

    def _field_for(self, error: UserError | None) -> QWidget:
        """Where the keyboard goes to fix a refusal (by the words of the English message)."""
        text = (error.text if error else "").lower()
        for words, field in ((("sender's phone",), self.walk_in_phone), (("who sends",), self.walk_in_name),
                             (("phone",), self.phone), (("address",), self.address), (("in the parcel",), self.contents),
                             (("weight",), self.weight), (("farm",), self.category), (("carrier", "fee"), self.carrier),
                             (("social credit", "cooperative"), self.org_code), (("division code", "county's code"),
                                                                                  self.destination),
                             (("goods' value",), self.goods_value),
                             (("waybill",), self.ewaybill), (("name",), self.name), (("person",), self.sender_search)):
            if any(w in text for w in words):
                return field
        return self.ewaybill

    def clear_form(self) -> None:
        for field in (self.sender_search, self.walk_in_name, self.walk_in_phone, self.name, self.phone, self.address,
                      self.contents, self.org_code, self.org_name, self.goods_value, self.weight, self.ewaybill):
            field.clear()
        self.destination.setEditText("")
        self.photo_file = None
        self._drop_webcam_photo()
        self._show_photo()
        self.sender_id = None
        self.farm.setChecked(False)
        self.out_of_county.setChecked(True)
        self.category.setCurrentIndex(0)
        self.payment.setCurrentIndex(0)
        self.carrier.setCurrentIndex(0)
        self.notice.clear_message()
        self.focus_first()
