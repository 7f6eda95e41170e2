"""First run on a new PC: bring an existing station back from the county hub (`sync.client.
restore_from_hub`): the hub's address and a code the county made for that station. The
records come back over the network, so the work runs on a thread of its own; an interrupted
restore is simply started again and picks up where it stopped.

PINs never travel to the hub, so the operators come back without them: `NewPinsDialog` asks
for each one's new PIN."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core.operators import ROLES, set_new_pins, without_pin
from station_app.db import StationDB
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.ui.widgets import Notice, PinEdit, heading

log = logging.getLogger(__name__)


class RestoreWorker(QThread):
    #: (True, "") when the station is back; (False, a message a person can act on) when not
    done = Signal(bool, str)

    def __init__(self, station_file: Path, hub_url: str, code: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hub-restore")
        self.station_file, self.hub_url, self.code = station_file, hub_url, code

    def run(self) -> None:
        from sync.client import restore_from_hub
        from sync.link import Retry

        try:
            restore_from_hub(self.station_file, self.hub_url, self.code, retry=Retry(attempts=3, base=1.0, cap=5.0))
        except UserError as exc:
            self.done.emit(False, str(exc))
            return
        except Exception as exc:  # the operator must see it, not a frozen dialog
            log.exception("restore from the hub failed")
            self.done.emit(False, str(exc))
            return
        self.done.emit(True, "")


class RestoreFromHubDialog(QDialog):
    """Asks for the hub's address and the enrollment code, then restores into `station_file`
    (the new, empty file of this PC). Accepted when the station is back."""

    def __init__(self, station_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station_file = station_file
        self.worker: RestoreWorker | None = None
        self.setWindowTitle(self.tr("Restore from the county hub"))
        self.hub_url = QLineEdit()
        self.hub_url.setPlaceholderText(self.tr("e.g. https://hub.example-county.gov.cn"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("e.g. K7QM-2XDA-9WPE"))
        self.notice = Notice()

        form = QFormLayout()
        form.addRow(self.tr("County hub address"), self.hub_url)
        form.addRow(self.tr("Enrollment code"), self.code)
        self.start = QPushButton(self.tr("Restore (Enter)"))
        self.start.setDefault(True)
        self.start.clicked.connect(self.start_restore)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.start)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Restore this station from the county hub")))
        explain = QLabel(self.tr("For a station that already works with the county hub, on a new or repaired PC. "
                                 "Ask the county office for an enrollment code for your station; its records "
                                 "come back from the hub."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.hub_url.setFocus()

    def start_restore(self) -> None:
        url, code = self.hub_url.text().strip(), self.code.text().strip()
        if not url or not code:
            self.notice.error(self.tr("Type the county hub address and the enrollment code"))
            (self.hub_url if not url else self.code).setFocus()
            return
        self._busy(True)
        self.notice.ok(self.tr("Restoring the station from the county hub… this can take a few minutes"))
        self.worker = RestoreWorker(self.station_file, url, code, self)
        self.worker.done.connect(self._finished)
        self.worker.start()

    def _finished(self, ok: bool, message: str) -> None:
        if self.worker is not None:
            self.worker.wait()
        self._busy(False)
        if ok:
            self.accept()
        else:
            self.notice.error(message)

    def _busy(self, busy: bool) -> None:
        for widget in (self.hub_url, self.code, self.start, self.cancel):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        if self.worker is not None and self.worker.isRunning():
            return  # never leave a half-written file behind a closed dialog
        super().reject()


class NewPinsDialog(QDialog):
    """A new PIN for each operator who has none on this PC (a station restored from the county
    hub: PINs are never sent there). At least one manager must get one; a manager can set the
    others later. Accepted when the PINs are kept."""

    def __init__(self, db: StationDB, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("New PINs"))
        self.operators = without_pin(db)
        self.pins: list[tuple[PinEdit, PinEdit]] = []
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("PIN")), 0, 1)
        grid.addWidget(QLabel(self.tr("PIN again")), 0, 2)
        for row, op in enumerate(self.operators, 1):
            pin, again = PinEdit(), PinEdit()
            pin.setPlaceholderText(self.tr("4–8 digits"))
            grid.addWidget(QLabel(f"{op.name}（{translate('roles', ROLES[op.role])}）"), row, 0)
            grid.addWidget(pin, row, 1)
            grid.addWidget(again, row, 2)
            again.returnPressed.connect(self.save)
            self.pins.append((pin, again))
        self.notice = Notice()
        save = QPushButton(self.tr("Save the PINs (Enter)"))
        save.setDefault(True)
        save.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(save)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Set new PINs")))
        explain = QLabel(self.tr("PINs are never sent to the county hub, so they did not come back with the station. "
                                 "Give each operator a new PIN now (leave one empty to let a manager set it later)."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addLayout(grid)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        if self.pins:
            self.pins[0][0].setFocus()

    def save(self) -> None:
        chosen: dict[str, str] = {}
        for op, (pin, again) in zip(self.operators, self.pins, strict=True):
            if not pin.text() and not again.text():
                continue
            if pin.text() != again.text():
                self.notice.error(self.tr("The two PINs of {name} are not the same").format(name=op.name))
                again.clear()
                again.setFocus()
                return
            chosen[op.id] = pin.text()
        try:
            set_new_pins(self.db, chosen)
        except UserError as exc:
            self.notice.error(str(exc))
            return
        self.accept()
