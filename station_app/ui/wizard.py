"""First run: name the station, its village, and its first manager (or restore a backup, or bring
the station back from the county hub)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core.station import create_station
from station_app.db import StationDB
from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ui.widgets import Notice, PinEdit, heading


class FirstRunWizard(QDialog):
    """Creates the station and its first manager in one action. `restore_from` is set instead
    when the operator chose to bring back a backup file (a replacement PC); `restored_from_hub`
    when the station was brought back from the county hub into this file."""

    def __init__(self, db: StationDB, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.restore_from: Path | None = None
        self.restored_from_hub = False
        self.setWindowTitle(self.tr("Set up this station"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 幸福村电商服务站"))
        self.village = QLineEdit()
        self.county = QLineEdit()
        self.manager = QLineEdit()
        self.pin = PinEdit()
        self.pin_again = PinEdit()
        self.notice = Notice()

        form = QFormLayout()
        form.addRow(self.tr("Station name"), self.name)
        form.addRow(self.tr("Village"), self.village)
        form.addRow(self.tr("County"), self.county)
        form.addRow(self.tr("Manager's name"), self.manager)
        form.addRow(self.tr("Manager's PIN"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin_again)

        create = QPushButton(self.tr("Create the station (Enter)"))
        create.setDefault(True)
        create.clicked.connect(self.create_station)
        restore = QPushButton(self.tr("Restore from a backup file…"))
        restore.setAutoDefault(False)
        restore.clicked.connect(self.choose_backup)
        self.from_hub = QPushButton(self.tr("Restore from the county hub…"))
        self.from_hub.setAutoDefault(False)
        self.from_hub.clicked.connect(self.restore_from_hub)
        buttons = QHBoxLayout()
        buttons.addWidget(restore)
        buttons.addWidget(self.from_hub)
        buttons.addStretch()
        buttons.addWidget(create)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Welcome to Village Station")))
        layout.addWidget(QLabel(self.tr("This computer has no station yet. Fill in the station and its manager.")))
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.name.setFocus()

    def create_station(self) -> None:
        if self.pin.text() != self.pin_again.text():
            self.notice.error(str(ValidationError(QT_TRANSLATE_NOOP("errors", "The two PINs are not the same"))))
            self.pin_again.clear()
            self.pin_again.setFocus()
            return
        try:
            create_station(self.db, name=self.name.text(), village=self.village.text(), county=self.county.text(),
                           manager_name=self.manager.text(), manager_pin=self.pin.text())
        except UserError as exc:
            self.notice.error(str(exc))
            return
        self.accept()

    def restore_from_hub(self) -> None:
        from station_app.ui.hub_restore import NewPinsDialog, RestoreFromHubDialog

        if RestoreFromHubDialog(self.db.path, self).exec():
            self.restored_from_hub = True
            NewPinsDialog(self.db, self).exec()  # PINs never come back from the hub (asked again before login if skipped)
            self.accept()

    def choose_backup(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup file"), "", self.tr("Station backups (*.sqlite)"))
        if path:
            self.restore_from = Path(path)
            self.accept()
