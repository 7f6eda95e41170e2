"""The operator login: pick a name, type the PIN, press Enter. Also the lock screen.

The list starts on whoever logged in last on this PC (or locked the screen). A wrong PIN is
said under the button, never over the PIN field: the dialog grows to fit the message.
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
from station_app.core.operators import ROLES, Operator, list_operators, login
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

        form = QFormLayout()
        form.addRow(self.tr("Operator"), self.who)
        form.addRow(self.tr("PIN"), self.pin)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(station.name if station else self.tr("Village Station")))
        if locked_by is not None:
            layout.addWidget(QLabel(self.tr("The screen is locked. Type a PIN to go on.")))
        layout.addLayout(form)
        layout.addWidget(button)
        layout.addWidget(self.notice)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinAndMaxSize)
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_login(self) -> None:
        operator_id = self.who.currentData()
        try:
            self.operator = login(self.db, operator_id, self.pin.text())
        except UserError as exc:
            self.pin.clear()
            self.notice.error(str(exc))
            self.adjustSize()
            self.pin.setFocus()
            return
        settings.remember_login(self.db, self.operator.id)
        self.accept()
