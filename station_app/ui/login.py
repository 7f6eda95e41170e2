"""The operator login: pick a name, type the PIN, press Enter. Also the lock screen.

The list starts on whoever logged in last on this PC (or locked the screen). A wrong PIN is
said under the button, never over the PIN field: the dialog grows to fit the message.

A PIN an older version put into synced events (`operators.pin_must_change`) is replaced right
after it was typed: the same dialog asks for a new one (twice, Enter between) before anyone
is let in; Esc logs nobody in, and the next login asks again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core import settings
from station_app.core.operators import (
    ROLES,
    Operator,
    change_pin,
    list_operators,
    login,
    pin_must_change,
)
from station_app.core.station import get_station
from station_app.db import StationDB
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.ui.widgets import Notice, PinEdit, heading


class LoginDialog(QDialog):
    def __init__(self, db: StationDB, parent: QWidget | None = None, *, locked_by: Operator | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.operator: Operator | None = None
        station = get_station(db)
        self.setWindowTitle(self.tr("Log in") + (f" · {station.name}" if station else ""))
        self.setObjectName("login")

        self.who = QComboBox()
        for op in list_operators(db):
            self.who.addItem(f"{op.name}（{translate('roles', ROLES[op.role])}）", op.id)
        last = locked_by.id if locked_by is not None else settings.last_login(db)
        if last is not None:
            self.who.setCurrentIndex(max(0, self.who.findData(last)))
        self.pin = PinEdit()
        self.pin.setPlaceholderText(self.tr("4–8 digits"))
        self.notice = Notice()
        button = QPushButton(self.tr("Log in (Enter)"))
        button.setDefault(True)
        button.clicked.connect(self.try_login)

        self.login_part = QWidget()
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Operator"), self.who)
        form.addRow(self.tr("PIN"), self.pin)
        login_layout = QVBoxLayout(self.login_part)
        login_layout.setContentsMargins(0, 0, 0, 0)
        if locked_by is not None:
            login_layout.addWidget(QLabel(self.tr("The screen is locked. Type a PIN to go on.")))
        login_layout.addLayout(form)
        login_layout.addWidget(button)
        self.login_button = button
        self.change_part = self._change_part()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(station.name if station else self.tr("Village Station")))
        layout.addWidget(self.login_part)
        layout.addWidget(self.change_part)
        layout.addWidget(self.notice)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinAndMaxSize)
        self.change_part.hide()
        self._changing: Operator | None = None
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def _change_part(self) -> QWidget:
        """The new-PIN step: a note saying why, the PIN twice, and the button Enter presses."""
        part = QWidget()
        self.change_note = QLabel()
        self.change_note.setWordWrap(True)
        self.new_pin, self.pin_again = PinEdit(), PinEdit()
        self.new_pin.setPlaceholderText(self.tr("4–8 digits"))
        self.save_button = QPushButton(self.tr("Save the new PIN (Enter)"))
        self.save_button.clicked.connect(self.save_new_pin)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("New PIN"), self.new_pin)
        form.addRow(self.tr("New PIN again"), self.pin_again)
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.change_note)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        return part

    def try_login(self) -> None:
        if self._changing is not None:  # Enter on the new-PIN step
            self.save_new_pin()
            return
        operator_id = self.who.currentData()
        try:
            operator = login(self.db, operator_id, self.pin.text())
        except UserError as exc:
            self.pin.clear()
            self.notice.error(str(exc))
            self.adjustSize()
            self.pin.setFocus()
            return
        self.pin.clear()
        settings.remember_login(self.db, operator.id)
        if pin_must_change(self.db, operator.id):
            self._ask_new_pin(operator)
            return
        self.operator = operator
        self.accept()

    def _ask_new_pin(self, operator: Operator) -> None:
        self._changing = operator
        self.login_part.hide()
        self.login_button.setDefault(False)
        self.save_button.setDefault(True)
        self.change_note.setText(self.tr(
            "{name}, your PIN must be changed before you start: an older version of this program sent it, "
            "scrambled, to the county hub. Choose a new PIN of 4 to 8 digits and type it twice.").format(
            name=operator.name))
        self.change_part.show()
        self.notice.clear_message()
        self.adjustSize()
        self.new_pin.setFocus()

    def save_new_pin(self) -> None:
        """Enter on the first field goes on to the second; on the second, the PIN is kept."""
        operator = self._changing
        if operator is None:
            return
        if not self.pin_again.text():
            if self.new_pin.text():
                self.pin_again.setFocus()
            return
        if self.new_pin.text() != self.pin_again.text():
            self.notice.error(self.tr("The two PINs are not the same. Type the new PIN again."))
            self.pin_again.clear()
            self.adjustSize()
            self.pin_again.setFocus()
            return
        try:
            change_pin(self.db, operator, operator.id, self.new_pin.text())
        except UserError as exc:
            self.new_pin.clear()
            self.pin_again.clear()
            self.notice.error(str(exc))
            self.adjustSize()
            self.new_pin.setFocus()
            return
        self.operator = operator
        self.accept()
