"""The link to the county hub, explained (F12 when not connected): what "not connected" means,
what waits on it (bill payments, pickup texts, the monthly report), and how to connect — the
hub's address and the one-time enrollment code the county gives, exchanged on a thread of its
own by the same code as `station-app enroll` (`sync.client.enroll`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.clock import show
from station_app.core import settings, today
from station_app.core.sync_state import DEMO_FILE, SyncStatus, demo_file, status
from station_app.db import StationDB, open_station
from station_app.errors import Conflict, UserError
from station_app.ui.widgets import Notice, heading, latin, on_escape

log = logging.getLogger(__name__)


class EnrollWorker(QThread):
    #: (True, the station's name at the county) or (False, a message a person can act on)
    done = Signal(bool, str)

    def __init__(self, station_file: Path, hub_url: str, code: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("county-enroll")
        self.station_file, self.hub_url, self.code = station_file, hub_url, code

    def run(self) -> None:
        from sync.client import enroll
        from sync.link import Retry

        try:
            db = open_station(self.station_file, create=False)
        except UserError as exc:
            self.done.emit(False, str(exc))
            return
        try:
            enrolled = enroll(db, self.hub_url, self.code, retry=Retry(attempts=3, base=1.0, cap=5.0))
        except UserError as exc:
            self.done.emit(False, str(exc))
            return
        except Exception as exc:  # the operator must see it, not a dialog that never answers
            log.exception("enrolling with the county hub failed")
            self.done.emit(False, str(exc))
            return
        finally:
            db.close()
        self.done.emit(True, enrolled.name)


def waiting_on_link(db: StationDB) -> str:
    """What waits for the county link, in words."""
    now = today.today(db)
    return QCoreApplication.translate("CountyLinkDialog", "Waiting for the county: {bills} bill payments (the county pays them), {sms} pickup "
                        "texts (the county sends them), {pending} records to upload (the monthly report is made "
                        "from them).").format(bills=now.bills_waiting, sms=now.sms_waiting, pending=now.pending_upload)


class CountyLinkDialog(QDialog):
    """Explains the county link and connects this station with an enrollment code. Accepted once
    the station is connected (`connected_as` names it at the county)."""

    def __init__(self, db: StationDB, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.worker: EnrollWorker | None = None
        self.connected_as = ""
        self.setWindowTitle(self.tr("The link to the county hub"))
        link = status(db)
        self.state = heading("")
        self.explain = QLabel(self.tr(
            "Everything you do is kept on this PC and works without the county. Connected, the station sends its "
            "records to the county hub and gets back what the county decides. While it is NOT connected: bill "
            "payments you take are not paid (only the county pays the billers), pickup texts are not sent to "
            "villagers, and the monthly report does not reach the county."))
        self.explain.setWordWrap(True)
        self.waiting = QLabel(waiting_on_link(db))
        self.waiting.setWordWrap(True)
        self.waiting.setObjectName("warning")
        self.how = QLabel(self.tr(
            "To connect: ask the county office for this station's enrollment code (they make it with "
            "“station-hub enroll-code”), type the hub's address and the code below, and press Enter. The code works "
            "once."))
        self.how.setWordWrap(True)
        self.hub_url = latin(QLineEdit(link.hub_url or settings.get(db, "sync.hub_url")))
        self.hub_url.setPlaceholderText(self.tr("e.g. https://hub.example-county.gov.cn"))
        self.code = latin(QLineEdit())
        self.code.setPlaceholderText(self.tr("e.g. K7QM-2XDA-9WPE"))
        self.notice = Notice()
        form = QFormLayout()
        form.addRow(self.tr("County hub address"), self.hub_url)
        form.addRow(self.tr("Enrollment code"), self.code)
        self.connect_button = QPushButton(self.tr("Connect (Enter)"))
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.start_enroll)
        close = QPushButton(self.tr("Close (Esc)"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(close)
        buttons.addWidget(self.connect_button)
        layout = QVBoxLayout(self)
        for w in (self.state, self.explain, self.waiting, self.how):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        on_escape(self, [self.code])
        self._show_state(link)
        self.code.setFocus()
        if demo_file(db):  # enrolling refuses it (`sync.client.enroll`): say so before a code is typed
            self.notice.error(str(Conflict(DEMO_FILE)))
            self.connect_button.setEnabled(False)

    def _show_state(self, link: SyncStatus) -> None:
        if not link.enrolled:
            self.state.setText(self.tr("Not connected to the county hub"))
            return
        when = show(link.last_sync) if link.last_sync else self.tr("not yet")
        self.state.setText(self.tr("Connected to the county hub"))
        self.how.setText(self.tr("Station {station} at {url}. Last good sync: {when}. F12 syncs now. To connect to "
                                 "another hub, enter its address and a new code.").format(
            station=link.station_id or "", url=link.hub_url, when=when))

    def start_enroll(self) -> None:
        url, code = self.hub_url.text().strip(), self.code.text().strip()
        if not url or not code:
            self.notice.error(self.tr("Type the hub's address and the enrollment code"))
            (self.hub_url if not url else self.code).setFocus()
            return
        self.connect_button.setEnabled(False)
        self.notice.ok(self.tr("Connecting to {url}…").format(url=url))
        self.worker = EnrollWorker(Path(self.db.path), url, code, self)
        self.worker.done.connect(self._enrolled)
        self.worker.start()

    def _enrolled(self, ok: bool, message: str) -> None:
        self.connect_button.setEnabled(True)
        if self.worker is not None:
            self.worker.wait()
            self.worker = None
        if not ok:
            self.notice.error(self.tr("Not connected: {reason}").format(reason=message))
            self.code.setFocus()
            return
        self.connected_as = message
        self.notice.ok(self.tr("Connected: this PC is station “{name}” at the county. The first sync starts "
                               "now.").format(name=message))
        self.accept()

    def reject(self) -> None:
        if self.worker is not None:  # never leave a thread behind that writes the file
            self.worker.wait()
        super().reject()
