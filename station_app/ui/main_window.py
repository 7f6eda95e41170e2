"""The main window: navigation on the left, one page per service, the status bar.

It only assembles pages and routes keys; business rules live in core, page logic in pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from station_app.clock import show
from station_app.core import settings, sync_state
from station_app.core.changes import Changes
from station_app.core.station import get_station
from station_app.ui.context import StationContext
from station_app.ui.login import LoginDialog
from station_app.ui.pages.base import Page
from station_app.ui.pages.bills import BillsPage
from station_app.ui.pages.cash import CashPage
from station_app.ui.pages.consignment import ConsignmentPage
from station_app.ui.pages.home import HomePage
from station_app.ui.pages.parcels import ParcelsPage
from station_app.ui.pages.people import PeoplePage
from station_app.ui.pages.printer import PrinterPage
from station_app.ui.pages.reports import ReportsPage
from station_app.ui.pages.scanner import ScannerSettingsPage
from station_app.ui.pages.settings import SettingsPage
from station_app.ui.pages.training import TrainingPage
from station_app.ui.sync_worker import SyncWorker


class IdleWatcher(QObject):
    """Locks the screen after the configured idle minutes; any key or click restarts the wait."""

    def __init__(self, minutes: int, on_idle: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(on_idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        station = get_station(ctx.db)
        self.setWindowTitle(self.tr("Village Station") + (f" · {station.name}" if station else ""))
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.stack = QStackedWidget()
        self.pages: list[Page] = []
        for page in self._build_pages():
            self.add_page(page)
        self.nav.currentRowChanged.connect(self.show_page)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        for i in range(len(self.pages)):
            QShortcut(QKeySequence(f"F{i + 1}"), self, lambda i=i: self.nav.setCurrentRow(i))
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock)
        QShortcut(QKeySequence("F12"), self, self.sync_now)
        self.sync_worker: SyncWorker | None = None

        self.who = QLabel()
        self.printer_state = QLabel(self.tr("Printer: not set up"))
        self.scanner_state = QLabel(self.tr("Scanner: keyboard"))
        self.sync_state = QLabel()
        self.clock_warning = QLabel()
        self.clock_warning.setObjectName("warning")
        self.evidence_warning = QLabel()  # training photos the county cannot get from this PC
        self.evidence_warning.setObjectName("warning")
        for w in (self.who, self.printer_state, self.scanner_state, self.sync_state):
            self.statusBar().addWidget(w)
        self.statusBar().addPermanentWidget(self.evidence_warning)
        self.statusBar().addPermanentWidget(self.clock_warning)

        if ctx.printer is not None:
            ctx.printer.state_changed.connect(self.on_printer_state)
        ctx.changed.connect(self.on_changed)
        ctx.operator_changed.connect(lambda _op: self.update_status())
        self.idle = IdleWatcher(settings.get(ctx.db, "operators.idle_lock_minutes"), self.lock, self)
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        if ctx.scans is not None:
            ctx.scans.set_default(self.scan_anywhere)
        self.nav.setCurrentRow(0)
        self.update_status()

    def _build_pages(self) -> list[Page]:
        ctx = self.ctx
        return [
            HomePage(ctx),
            ParcelsPage(ctx),
            BillsPage(ctx, print_doc=ctx.print),
            ConsignmentPage(ctx, print_doc=ctx.print, scan_router=ctx.scans),
            TrainingPage(ctx, scan_router=ctx.scans),
            PeoplePage(ctx),
            CashPage(ctx),
            ReportsPage(ctx),
            SettingsPage(ctx),
            PrinterPage(ctx),
            ScannerSettingsPage(ctx),
        ]

    def add_page(self, page: Page) -> None:
        self.pages.append(page)
        self.stack.addWidget(page)
        self.nav.addItem(f"F{len(self.pages)}  {page.title()}")

    def show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        if self.ctx.scans is not None:
            self.ctx.scans.set_active(self.pages[index])
        self.pages[index].focus_first()

    def page(self, cls: type[Page]) -> Page:
        return next(p for p in self.pages if isinstance(p, cls))

    def on_changed(self, flags: Changes) -> None:
        if flags & (Changes.SYNC | Changes.OPERATORS | Changes.SETTINGS):
            self.update_status()
        if flags & Changes.SETTINGS:
            self.idle.set_minutes(settings.get(self.ctx.db, "operators.idle_lock_minutes"))

    def update_status(self) -> None:
        db = self.ctx.db
        self.who.setText(self.tr("Operator: {name}").format(name=self.ctx.operator.name) if self.ctx.logged_in else "")
        status = sync_state.status(db)
        if not status.enrolled:
            text = self.tr("Not enrolled with the county hub · {pending} to upload")
        elif status.needs_person:
            text = self.tr("Sync REFUSED: {error}")
        elif status.last_sync:
            text = self.tr("Synced {when} · {pending} to upload")
        else:
            text = self.tr("Not yet synced · {pending} to upload")
        self.sync_state.setText(text.format(pending=status.pending, error=status.last_error or "",
                                            when=show(status.last_sync) if status.last_sync else ""))
        self.sync_state.setObjectName("error" if status.needs_person else "")
        self.sync_state.style().polish(self.sync_state)
        self.clock_warning.setText(status.clock_warning or "")

    def attach_sync(self, worker: SyncWorker) -> None:
        """Show the background sync's state; county data it brings redraws the pages."""
        self.sync_worker = worker
        worker.state_changed.connect(self.on_sync_state)
        worker.changed.connect(self.ctx.changed.emit)
        worker.clock_offset.connect(self.on_clock_offset)
        worker.refused.connect(self.on_sync_refused)
        worker.finished_cycle.connect(self.on_sync_done)

    def sync_now(self) -> None:
        if self.sync_worker is not None:
            self.sync_worker.sync_now()
            self.sync_state.setText(self.tr("Syncing…"))

    def on_sync_state(self, state: str) -> None:
        if state == "syncing":
            self.sync_state.setText(self.tr("Syncing…"))
        else:
            self.update_status()

    def on_clock_offset(self, offset_ms: int) -> None:
        self.ctx.db.clock.offset_ms = offset_ms
        self.update_status()

    def on_sync_done(self, report: Any) -> None:
        """After a good sync: say so when photos of the training archive are gone from this PC
        (the county's subsidy audit needs them; the sync log names the files)."""
        missing = int(getattr(report, "evidence_missing_on_disk", 0))
        self.evidence_warning.setText(self.tr("{n} training photos are missing from this PC: the county cannot get "
                                              "them").format(n=missing) if missing else "")
        self.evidence_warning.setToolTip("\n".join(getattr(report, "evidence_missing_files", [])))

    def on_sync_refused(self, _code: str, message: str) -> None:
        """A refusal a person must act on (a forked chain, a revoked key): loud, once."""
        self.update_status()
        QMessageBox.warning(self, self.tr("The county hub refused this station's records"), message)

    def scan_anywhere(self, code: str) -> None:
        """A scan no page on screen takes (e.g. on the home page): open that parcel."""
        page = self.page(ParcelsPage)
        self.nav.setCurrentRow(self.pages.index(page))
        assert isinstance(page, ParcelsPage)
        page.open_scanned(code)

    def on_printer_state(self, status: str, message: str) -> None:
        texts = {"ready": self.tr("Printer: ready"), "offline": self.tr("Printer: offline"),
                 "out_of_paper": self.tr("Printer: out of paper"), "cover_open": self.tr("Printer: cover open"),
                 "error": self.tr("Printer: error"), "unknown": self.tr("Printer: connected"),
                 "unset": self.tr("Printer: not set up")}
        self.printer_state.setText(texts.get(status, status))
        self.printer_state.setToolTip(message)
        self.printer_state.setObjectName("warning" if status in ("offline", "out_of_paper", "cover_open", "error") else "")
        self.printer_state.style().polish(self.printer_state)

    def lock(self) -> None:
        """Hide the work behind the login until someone types a PIN."""
        if not self.ctx.logged_in:  # already locked
            return
        previous = self.ctx.operator if self.ctx.logged_in else None
        self.ctx.set_operator(None)
        self.stack.hide()
        self.nav.hide()
        dialog = LoginDialog(self.ctx.db, self, locked_by=previous)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        if dialog.exec() and dialog.operator:
            self.ctx.set_operator(dialog.operator)
            self.stack.show()
            self.nav.show()
            self.pages[self.stack.currentIndex()].focus_first()
        else:
            self.close()
