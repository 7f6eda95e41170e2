"""Check-in (入库): scan the waybill, confirm the carrier, say who it is for, pick the size,
Enter. The pickup code comes up huge, the slip prints, the keyboard is back in the scan field.

A waybill the county manifest expects (recipient known) is checked in by the scan alone. The big
code only ever shows the parcel the operator is dealing with: it is cleared when the next scan
starts, and a waybill scanned twice shows that parcel's code with "already checked in".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.clock import local_day, show
from station_app.core import labels, parcels, people, proxy_orders, shelves
from station_app.core.parcels import CheckIn, ExpectedParcel, Parcel, carrier_name
from station_app.core.parcels.photos import CHECK_IN
from station_app.errors import Conflict, UserError
from station_app.i18n import translate
from station_app.receipts.parcels import parcel_pickup_slip
from station_app.ui.context import StationContext
from station_app.ui.parcels import photos as counter_photos
from station_app.ui.parcels.common import (
    BigCode,
    attempt,
    carrier_combo,
    choose,
    fill_carriers,
    fit_columns,
    keys,
    latin,
    scan_field,
    station_name,
)
from station_app.ui.widgets import Notice, ReadOnlyTable, on_escape

_TAIL = re.compile(r"^\d{4}$")
_PHONE = re.compile(r"^(\+?86)?1[3-9]\d{9}$")


class SizePicker(QWidget):
    """The size class: keys 1-4 (or arrows) while it has the keyboard; Enter confirms."""

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.sizes = list(shelves.SIZES)
        for i, code in enumerate(self.sizes):
            button = QPushButton(f"{i + 1}  {translate('parcels', shelves.SIZES[code])}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            self.group.addButton(button, i)
            row.addWidget(button)
        self.group.button(0).setChecked(True)
        self.setObjectName("sizes")
        self.setStyleSheet("QWidget#sizes:focus { border: 2px solid #1f6fd1; }"
                           "QPushButton:checked { background: #1f6fd1; color: white; font-weight: bold; }")

    def value(self) -> str:
        return self.sizes[max(0, self.group.checkedId())]

    def set_value(self, size: str) -> None:
        self.group.button(self.sizes.index(size)).setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_4:
            self.group.button(key - Qt.Key.Key_1).setChecked(True)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            self.group.button((self.group.checkedId() + step) % len(self.sizes)).setChecked(True)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirmed.emit()
        else:
            super().keyPressEvent(event)


class _DigitsTo(QObject):
    """Hands a digit typed into the watched widget to `take` instead (Enter and arrows stay)."""

    def __init__(self, take: Callable[[QKeyEvent], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.take = take

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.text().isdigit() and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.take(event)
                return True
        return False


class CheckInTab(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pending: str | None = None  # the waybill being checked in
        self.today: list[Parcel] = []
        self.waybill = scan_field(self.tr("Scan the waybill barcode (or type it) and press Enter"))
        self.waybill.returnPressed.connect(self.waybill_entered)
        self.carrier = carrier_combo()
        fill_carriers(self.carrier, blank="")
        keys(self.carrier, "Return", self._to_recipient, focused=True)
        keys(self.carrier, "Enter", self._to_recipient, focused=True)
        self._digits_to_phone = _DigitsTo(self._phone_key, self)
        self.carrier.installEventFilter(self._digits_to_phone)
        self.guess = QLabel()
        self.guess.setWordWrap(True)
        self.phone = latin(QLineEdit())
        self.phone.setPlaceholderText(self.tr("Phone number, or its last 4 digits"))
        self.phone.returnPressed.connect(self.confirm)
        self.phone.textChanged.connect(self._phone_typed)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Name (when there is no phone number)"))
        self.name.returnPressed.connect(self.confirm)
        self.size_picker = SizePicker()
        self.size_picker.confirmed.connect(self.confirm)
        self.person = QLabel()
        for n in range(4):
            keys(self, f"Alt+{n + 1}", functools.partial(self.size_picker.group.button(n).setChecked, True))
        on_escape(self, [self.phone, self.name], clear=self.clear_form,
                  typed=lambda: bool(self.phone.text().strip() or self.name.text().strip()))
        self.order_offer: tuple[str, str] | None = None  # (parcel, proxy order) the keeper may link with Alt+O
        keys(self, "Alt+O", self.link_order)
        keys(self, "Alt+F", self.photograph)  # a counter photo of the parcel just checked in (issue 22)
        keys(self, "Alt+V", self.show_photos)
        keys(self, "Ctrl+Return", self.confirm)
        keys(self, "Ctrl+Enter", self.confirm)

        form = QFormLayout()
        form.addRow(self.tr("Waybill"), self.waybill)
        form.addRow(self.tr("Carrier"), self.carrier)
        form.addRow("", self.guess)
        form.addRow(self.tr("Phone / last 4"), self.phone)
        form.addRow(self.tr("Name"), self.name)
        form.addRow("", self.person)
        form.addRow(self.tr("Size (Alt+1-4)"), self.size_picker)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        ok = QPushButton(self.tr("Check in (Enter)"))
        ok.setAutoDefault(False)
        ok.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        ok.clicked.connect(self.confirm)
        clear = QPushButton(self.tr("Clear (Esc)"))
        clear.setAutoDefault(False)
        clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        clear.clicked.connect(self.clear_form)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(clear)
        buttons.addWidget(ok)
        self.notice = Notice()
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.notice)
        left.addStretch()

        self.state = QLabel()
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state.setWordWrap(True)
        self.code = BigCode("—")
        self.slot = QLabel()
        self.slot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slot.setObjectName("heading")
        self.who = QLabel()
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who.setWordWrap(True)
        last = QGroupBox(self.tr("Pickup code"))
        box = QVBoxLayout(last)
        box.addWidget(self.state)
        box.addWidget(self.code)
        box.addWidget(self.slot)
        box.addWidget(self.who)

        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addWidget(last, 2)
        self.count = QLabel()
        self.table = fit_columns(ReadOnlyTable([self.tr("Pickup code"), self.tr("Waybill"), self.tr("Carrier"),
                                                self.tr("Recipient name"), self.tr("Phone"), self.tr("Size"),
                                                self.tr("Time")]), 0, 1, 4, 6)
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        for a, b in ((self.waybill, self.carrier), (self.carrier, self.phone), (self.phone, self.name), (self.name, self.size_picker)):
            QWidget.setTabOrder(a, b)
        self._load_today()

    # -- keyboard flow ------------------------------------------------------------------------

    def focus_first(self) -> None:
        self.waybill.setFocus()
        self.waybill.selectAll()

    def handle_scan(self, code: str) -> bool:
        """A waybill starts a parcel; a phone number or a villager card fills the recipient."""
        text = code.strip()
        if labels.looks_like_label(text):
            try:
                label = labels.parse_label(text)
            except UserError as exc:
                self.notice.error(str(exc))
                return True
            if label.kind == labels.PERSON and self.pending:
                self._fill_person(label.value)
                return True
        if _PHONE.match(text) and self.pending:
            self.phone.setText(text)
            self.confirm()
            return True
        self.waybill.setText(text)
        self.waybill_entered()
        return True

    def _to_recipient(self) -> None:
        self.phone.setFocus()
        self.phone.selectAll()

    def waybill_entered(self) -> None:
        """Enter in the waybill field: guess the carrier, look in the manifest; an expected
        parcel with its recipient known goes straight onto the shelf."""
        text = self.waybill.text().strip()
        if not text:
            if self.pending:
                self._to_recipient()
            return
        try:
            waybill = parcels.check_waybill(text)
        except UserError as exc:
            self.notice.error(str(exc))
            self.waybill.selectAll()
            return
        on_record = parcels.find_by_waybill(self.ctx.db, waybill)
        if on_record and on_record[0].status != parcels.RETURNED:
            p = on_record[0]
            lines = [self.tr("{waybill} is already checked in: pickup code {code}, {status}, {time}").format(
                waybill=waybill, code=p.pickup_code, status=p.status_text, time=show(p.arrived_at))]
            if self.pending and self.pending != waybill:
                lines.append(self.tr("Waybill {old} was not checked in: scan it again").format(old=self.pending))
            self.notice.error("\n".join(lines))
            self._show_parcel(p, self.tr("Already checked in · {status} · {time}").format(
                status=p.status_text, time=show(p.arrived_at)), ok=False)
            self._reset_entry()
            self.waybill.selectAll()
            return
        if self.pending and self.pending != waybill:
            self.notice.error(self.tr("Waybill {old} was not checked in; now checking in {new}").format(
                old=self.pending, new=waybill))
        else:
            self.notice.clear_message()
        self.pending = waybill
        self.waybill.setText(waybill)
        self.phone.clear()
        self.name.clear()
        self.person.clear()
        self._show_scanning(waybill)
        guesses = parcels.guess_carriers(waybill)
        expected = self._expected(waybill)
        fill_carriers(self.carrier, guesses, blank=None if guesses else self.tr("— choose the carrier —"))
        if expected and expected.carrier:
            choose(self.carrier, expected.carrier)
        if expected and (expected.phone_masked or expected.recipient_name):
            self.guess.setText(self.tr("Expected (county manifest): {name} {phone}").format(
                name=expected.recipient_name, phone=expected.phone_masked))
            self.confirm()
            return
        if len(guesses) > 1:
            self.guess.setText(self.tr("Carrier is a guess: confirm it with the arrow keys and Enter"))
            self.carrier.setFocus()
            return
        self.guess.setText(self.tr("Not in the county manifest: type who it is for") if guesses else
                           self.tr("The number does not say which carrier: choose it with the arrow keys, then Enter"))
        if guesses:
            self._to_recipient()
        else:
            self.carrier.setFocus()

    def _expected(self, waybill: str) -> ExpectedParcel | None:
        return next((e for e in parcels.expected_parcels(self.ctx.db) if e.waybill == waybill), None)

    def _phone_key(self, event: QKeyEvent) -> None:
        """A digit typed while the carrier list has the keyboard: the guess stands, the digit
        starts the phone number (a list swallows digits, and the operator is typing the phone)."""
        self._to_recipient()
        self.phone.insert(event.text())

    def _show_scanning(self, waybill: str) -> None:
        self.code.setText("…")
        self.state.setObjectName("")
        self.state.setText(self.tr("Checking in {waybill}…").format(waybill=waybill))
        self._repolish(self.state)
        self.slot.clear()
        self.who.clear()

    def _show_parcel(self, p: Parcel, state: str, *, ok: bool) -> None:
        """The parcel in the big panel: its code, shelf, recipient and what just happened."""
        self.code.setText(p.pickup_code or "—")
        self.state.setText(state)
        self.state.setObjectName("ok" if ok else "error")
        self._repolish(self.state)
        self.slot.setText(self.tr("Shelf {slot} · {size}").format(slot=p.slot, size=translate("parcels", shelves.SIZES[p.size]))
                          if p.slot else "")
        self.who.setText(f"{p.recipient_name}  {p.phone_masked}  {p.carrier_name}")

    def _show_idle(self) -> None:
        self.code.setText("—")
        self.state.clear()
        self.state.setObjectName("")
        self._repolish(self.state)
        self.slot.clear()
        self.who.clear()

    @staticmethod
    def _repolish(label: QLabel) -> None:
        label.style().unpolish(label)
        label.style().polish(label)

    def _phone_typed(self, text: str) -> None:
        digits = "".join(c for c in text if c.isdigit())
        found = people.find_by_phone(self.ctx.db, digits[-11:]) if len(digits) >= 11 else []
        self.person.setText(self.tr("Registered: {names}").format(names="、".join(p.name for p in found)) if found else "")

    def _fill_person(self, person_id: str) -> None:
        try:
            person = people.get_person(self.ctx.db, person_id)
        except UserError as exc:
            self.notice.error(str(exc))
            return
        self.phone.setText(person.phone or "")
        self.name.setText(person.name)
        self.size_picker.setFocus()

    def _reset_entry(self) -> None:
        """No parcel in hand: recipient fields empty, no carrier chosen (never a silent default)."""
        self.pending = None
        for field in (self.phone, self.name):
            field.clear()
        self.guess.clear()
        self.person.clear()
        self.size_picker.set_value(shelves.SMALL)
        fill_carriers(self.carrier, blank="")

    def clear_form(self) -> None:
        self._reset_entry()
        self.waybill.clear()
        self._show_idle()
        self.focus_first()

    def confirm(self) -> None:
        """Check the parcel in with what the form says; on a refusal nothing is recorded and the
        keyboard goes where the fix is."""
        if not self.pending:
            if self.waybill.text().strip():
                self.waybill_entered()
            else:
                self.notice.error(self.tr("Scan the waybill first"))
                self.focus_first()
            return
        if not self.carrier.currentData():
            self.notice.error(self.tr("Choose the carrier first: the waybill number does not say which it is"))
            self.carrier.setFocus()
            return
        typed = self.phone.text().strip()
        tail = typed if _TAIL.match(typed) else None
        result, error = attempt(self.ctx, self.notice, parcels.check_in_parcel, waybill=self.pending,
                                carrier=self.carrier.currentData() or None, phone=None if tail else typed or None,
                                phone_tail=tail, name=self.name.text() or None, size=self.size_picker.value())
        if result is None:
            if isinstance(error, Conflict):
                self.focus_first()
            else:
                self._to_recipient()
            return
        self._checked_in(result)

    def _checked_in(self, result: CheckIn) -> None:
        p = result.parcel
        self._show_parcel(p, self.tr("✓ Checked in: write this code on the parcel"), ok=not result.warnings)
        printed = self.ctx.print(parcel_pickup_slip(station_name(self.ctx), p))
        lines = [self.tr("{waybill} checked in: pickup code {code}").format(waybill=p.waybill, code=p.pickup_code)]
        if result.expected_match:
            lines.append(self.tr("Matched the county manifest"))
        if result.notice is None and p.status != parcels.RETURN_REQUESTED:
            lines.append(self.tr("No text message: tell the villager yourself"))
        lines += list(result.warnings)
        waiting = proxy_orders.waiting_orders(self.ctx.db, p.person_id) if p.person_id else []
        self.order_offer = (p.id, waiting[0].id) if waiting else None
        if waiting:
            lines.append(self.tr("{name} is waiting for proxy order {number} ({goods}): Alt+O says this parcel brought it").format(
                name=waiting[0].person_name, number=waiting[0].number, goods=waiting[0].description))
        lines.append(printed)
        if result.warnings:
            self.notice.error("\n".join(lines))
        else:
            self.notice.ok("\n".join(lines))
        self.today.insert(0, p)
        self._show_today()
        self._reset_entry()
        self.waybill.clear()
        if counter_photos.after_each(self.ctx):
            counter_photos.take(self.ctx, self, [p.id], CHECK_IN, self.notice)
        self.focus_first()

    def photograph(self) -> None:
        """Alt+F: a photo of the parcel chosen in today's list (the last one checked in)."""
        chosen = self.table.current_key() or (self.today[0].id if self.today else None)
        if chosen is None:
            self.notice.error(self.tr("Check a parcel in first"))
            return
        counter_photos.take(self.ctx, self, [chosen], CHECK_IN, self.notice)
        self.focus_first()

    def show_photos(self) -> None:
        counter_photos.show_photos(self.ctx, self, self.table.current_key(), self.notice)

    def link_order(self) -> None:
        """The parcel just checked in brought the villager's proxy order: at pickup the balance is taken."""
        if self.order_offer is None:
            self.notice.error(self.tr("The parcel just checked in is not for anyone waiting for a proxy order"))
            return
        parcel_id, order_id = self.order_offer
        order = self.ctx.act(proxy_orders.link_order_to_parcel, order_id, parcel_id, notice=self.notice)
        if order is not None:
            self.order_offer = None
            self.notice.ok(self.tr("Parcel linked to order {number}: at pickup it is handed over with the order, "
                                   "for the balance").format(number=order.number))
        self.focus_first()

    # -- today's list ---------------------------------------------------------------------------

    def _load_today(self) -> None:
        since, _ = parcels.day_bounds(local_day(self.ctx.db.clock.now()))
        self.today = sorted((p for p in parcels.on_shelf(self.ctx.db) if p.arrived_at >= since),
                            key=lambda p: p.arrived_at, reverse=True)
        self._show_today()

    def refresh(self) -> None:
        fresh = {p.id: p for p in parcels.on_shelf(self.ctx.db)}
        self.today = [fresh.get(p.id, p) for p in self.today]
        self._show_today()

    def _show_today(self) -> None:
        self.table.fill([[p.pickup_code or "", p.waybill, carrier_name(p.carrier), p.recipient_name, p.phone_masked,
                          translate("parcels", shelves.SIZES[p.size]), show(p.arrived_at)[-5:]] for p in self.today],
                        keys=[p.id for p in self.today])
        self.count.setText(self.tr("Checked in today: {n}").format(n=len(self.today)))
