"""The main window: navigation on the left, one page per service (each in a frame that scrolls,
so the window always fits the screen), the status bar.

It assembles pages and routes keys, scans and the task board's links; business rules live in
core, page logic in the pages, the county link in `county_link`, the status bar in `status_bar`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from station_app.clock import show
from station_app.core import settings, sync_state
from station_app.core import today as today_mod
from station_app.core.changes import Changes
from station_app.core.operators import Operator
from station_app.core.station import get_station
from station_app.ui.context import StationContext
from station_app.ui.county_link import CountyLinkDialog
from station_app.ui.demo_badge import add_demo_badge
from station_app.ui.frame import PageFrame
from station_app.ui.login import LoginDialog
from station_app.ui.look import apply_look
from station_app.ui.pages.base import Page
from station_app.ui.pages.bills import BillsPage
from station_app.ui.pages.cash import CashPage
from station_app.ui.pages.cashpoint import CashpointPage
from station_app.ui.pages.consignment import ConsignmentPage
from station_app.ui.pages.home import HomePage
from station_app.ui.pages.parcels import COURIER, HAND_OVER, OVERDUE, ParcelsPage
from station_app.ui.pages.people import PeoplePage
from station_app.ui.pages.printer import PrinterPage
from station_app.ui.pages.reports import ReportsPage
from station_app.ui.pages.scanner import ScannerSettingsPage
from station_app.ui.pages.services import ServicesPage
from station_app.ui.pages.settings import SettingsPage
from station_app.ui.pages.training import TrainingPage
from station_app.ui.scanning import ANYTHING, ScanRead, kind_name
from station_app.ui.status_bar import StationStatusBar
from station_app.ui.sync_worker import SyncWorker
from station_app.ui.usb_stick import FROM, TO, StickDialog
from station_app.ui.widgets import done_with

ELDER_STEP = 3  # points added to the base type size in large-text mode


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


class PageStack(QStackedWidget):
    """The pages, each in its `PageFrame`; `currentWidget()` is the page on screen."""

    def add_page(self, page: Page) -> PageFrame:
        frame = PageFrame(page)
        self.addWidget(frame)
        return frame

    def frame(self, index: int | None = None) -> PageFrame:
        widget = self.widget(self.currentIndex() if index is None else index)
        assert isinstance(widget, PageFrame)
        return widget

    def currentWidget(self) -> Page:
        return self.frame().page


class MainWindow(QMainWindow):
    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        station = get_station(ctx.db)
        self.setWindowTitle(self.tr("Village Station") + (f" · {station.name}" if station else ""))
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = PageStack()
        self.pages: list[Page] = []
        self.sync_worker: SyncWorker | None = None
        self._sync_asked = False
        self.status = StationStatusBar()
        self.setStatusBar(self.status)
        self.demo_badge = add_demo_badge(ctx.db, self.status)  # a demo file says so while it is open
        # the status bar's labels, by their old names
        self.who, self.sync_state, self.clock_warning = self.status.who, self.status.sync, self.status.clock
        self.printer_state, self.scanner_state, self.evidence_warning = (self.status.printer, self.status.scanner,
                                                                         self.status.evidence)
        for page in self._build_pages():
            self.add_page(page)
        self.nav.currentRowChanged.connect(self.show_page)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        for i, key in enumerate(self.page_keys):
            QShortcut(QKeySequence(key), self, lambda i=i: self.nav.setCurrentRow(i))
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock)
        QShortcut(QKeySequence("F12"), self, self.sync_now)
        self._sync_menu()

        if ctx.printer is not None:
            ctx.printer.state_changed.connect(self.on_printer_state)
        ctx.changed.connect(self.on_changed)
        ctx.operator_changed.connect(self.on_operator)
        self.idle = IdleWatcher(settings.get(ctx.db, "operators.idle_lock_minutes"), self.lock, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        if ctx.scans is not None:
            ctx.scans.refused.connect(self.on_scan_refused)
            ctx.scans.taken.connect(lambda _read, _taker: self.stack.frame().quiet())
        if ctx.scan_filter is not None:
            ctx.scan_filter.scan_read.connect(lambda _scan: today_mod.note_scanner_seen(ctx.db))
        self._fit_nav()
        self.nav.setCurrentRow(0)
        self.update_status()
        if ctx.logged_in:
            self.apply_type_size(ctx.operator)

    def _build_pages(self) -> list[Page]:
        ctx = self.ctx
        return [
            HomePage(ctx, open_list=self.open_list, open_scanned=self.scan_on_home,
                     printer_status=lambda: self.status.printer_status),
            ParcelsPage(ctx),
            BillsPage(ctx, print_doc=ctx.print),
            ConsignmentPage(ctx, print_doc=ctx.print, scan_router=ctx.scans),
            TrainingPage(ctx, scan_router=ctx.scans),
            PeoplePage(ctx),
            CashPage(ctx),
            CashpointPage(ctx),
            ServicesPage(ctx),
            ReportsPage(ctx),
            SettingsPage(ctx),
            PrinterPage(ctx),
            ScannerSettingsPage(ctx),
        ]

    #: pages that keep their own key, so the F-keys of the pages after them stay as they were
    #: (the counter services beside the cash desk: Shift+F1, Shift+F2)
    OWN_KEYS: ClassVar[dict[type[Page], str]] = {CashpointPage: "Shift+F1", ServicesPage: "Shift+F2"}

    def add_page(self, page: Page) -> None:
        self.pages.append(page)
        self.stack.add_page(page)
        self.nav.addItem(f"{self.key_name(len(self.pages) - 1)}  {page.title()}")

    @property
    def page_keys(self) -> list[str]:
        """Each page's key, in the navigation's order: F1… except the pages in `OWN_KEYS`."""
        out, n = [], 0
        for page in self.pages:
            own = self.OWN_KEYS.get(type(page))
            if own is None:
                n += 1
            out.append(own or f"F{n}")
        return out

    def key_name(self, index: int) -> str:
        """A page's key as the navigation shows it (F7, ⇧F1)."""
        return self.page_keys[index].replace("Shift+", "⇧")

    def _fit_nav(self) -> None:
        """The navigation is as wide as its longest entry, no wider (the pages need the room)."""
        self.nav.ensurePolished()
        metrics = QFontMetrics(self.nav.font())
        texts = [self.nav.item(i).text() for i in range(self.nav.count())]
        widest = max([self.nav.sizeHintForColumn(0), *(metrics.horizontalAdvance(t) + 12 for t in texts), 100])
        self.nav.setFixedWidth(widest + 2 * self.nav.frameWidth() + 8 + 12)  # the list's padding, and some air

    def show_page(self, index: int) -> None:
        self.stack.frame().quiet()
        self.stack.setCurrentIndex(index)
        if self.ctx.scans is not None:
            self.ctx.scans.set_active(self.pages[index])
        self.pages[index].focus_first()

    def page(self, cls: type[Page]) -> Page:
        return next(p for p in self.pages if isinstance(p, cls))

    def go_to(self, cls: type[Page]) -> Page:
        page = self.page(cls)
        self.nav.setCurrentRow(self.pages.index(page))
        return page

    def frame_of(self, page: Page) -> PageFrame:
        return self.stack.frame(self.pages.index(page))

    # -- the task board's links and scans -----------------------------------------------------

    def open_list(self, target: str) -> None:
        """Open the list behind a count or warning of the task board."""
        if target in ("shelf", "overdue", "courier"):
            parcels_page = self.go_to(ParcelsPage)
            assert isinstance(parcels_page, ParcelsPage)
            parcels_page.tabs.setCurrentIndex({"shelf": HAND_OVER, "overdue": OVERDUE, "courier": COURIER}[target])
        elif target in ("bills_waiting", "refunds"):
            bills_page = self.go_to(BillsPage)
            assert isinstance(bills_page, BillsPage)
            bills_page.show_list("refunds" if target == "refunds" else "waiting")
        elif target in ("sync", "link"):
            self.sync_now()
        elif target == "in_out":
            reports_page = self.go_to(ReportsPage)
            assert isinstance(reports_page, ReportsPage)
            reports_page.show_today()
        else:
            pages: dict[str, type[Page]] = {"training": TrainingPage, "drawer": CashPage, "cash": CashPage,
                                            "printer": PrinterPage, "scanner": ScannerSettingsPage,
                                            "reports": ReportsPage}
            self.go_to(pages[target])

    def scan_on_home(self, code: str) -> bool:
        """A waybill, pickup code or villager card scanned on the task board opens that parcel."""
        page = self.go_to(ParcelsPage)
        assert isinstance(page, ParcelsPage)
        return bool(page.open_scanned(code))

    def on_scan_refused(self, read: ScanRead) -> None:
        """A scan the page on screen does not take: say so on the page; nothing was changed."""
        page = self.pages[self.stack.currentIndex()]
        if read.kind == "unknown":
            text = self.tr("{problem}. Nothing was changed.").format(problem=read.problem.rstrip("。."))
        else:
            where = [f"{self.key_name(i)} {p.title()}" for i, p in enumerate(self.pages)  # not the scanner test page
                     if p is not page and p.scan_kinds not in (None, ANYTHING) and read.fits(p.scan_kinds)]
            text = self.tr("Scanned a {kind} ({code}): {page} does not take it. Nothing was changed.").format(
                kind=kind_name(read.kind), code=read.code[:40], page=page.title())
            if where:
                text += " " + self.tr("Scan it on: {pages}.").format(pages=self.tr(", ").join(where))
        self.stack.frame().tell(text)
        QApplication.beep()

    # -- status, sync and the county link ------------------------------------------------------

    def on_changed(self, flags: Changes) -> None:
        if flags & (Changes.SYNC | Changes.OPERATORS | Changes.SETTINGS):
            self.update_status()
        if flags & Changes.SETTINGS:
            self.idle.set_minutes(settings.get(self.ctx.db, "operators.idle_lock_minutes"))
            if self.ctx.logged_in:
                self.apply_type_size(self.ctx.operator)

    def on_operator(self, operator: Operator | None) -> None:
        self.update_status()
        if operator is not None:
            self.apply_type_size(operator)

    def apply_type_size(self, operator: Operator) -> None:
        """Large text for the operators who chose it (elder mode), on this PC."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        base = settings.get(self.ctx.db, "ui.font_size")
        large = settings.get(self.ctx.db, "ui.large_text", operator_id=operator.id)
        size = base + (ELDER_STEP if large else 0)
        if app.font().pointSize() != size:  # restyling every widget is slow: only on a change
            apply_look(app, size)
            self._fit_nav()

    def update_status(self) -> None:
        self.status.show_operator(self.ctx.operator.name if self.ctx.logged_in else None)
        self.status.show_sync(sync_state.status(self.ctx.db))
        self.status.show_gateways(str(settings.get(self.ctx.db, "hub.gateways") or ""))  # real, or a demo hub

    def attach_sync(self, worker: SyncWorker) -> None:
        """Show the background sync's state; county data it brings redraws the pages."""
        self.sync_worker = worker
        worker.state_changed.connect(self.on_sync_state)
        worker.changed.connect(self.ctx.changed.emit)
        worker.clock_offset.connect(self.on_clock_offset)
        worker.refused.connect(self.on_sync_refused)
        worker.failed.connect(self.on_sync_failed)
        worker.finished_cycle.connect(self.on_sync_done)

    def sync_now(self) -> None:
        """F12: sync now and say what happened in words; not connected, explain and connect."""
        link = sync_state.status(self.ctx.db)
        if not link.enrolled:
            self.open_county_link()
            return
        if self.sync_worker is None:
            self.stack.frame().tell(self.tr("Sync is not running in this program: it runs again when the "
                                            "program starts."))
            return
        self._sync_asked = True
        self.status.show_sync(link, syncing=True)
        self.stack.frame().tell(self.tr("Syncing with the county… {pending} records to upload.").format(
            pending=link.pending), good=True)
        self.sync_worker.sync_now()

    def _sync_menu(self) -> None:
        """The 同步 menu (Alt+S): sync now, and the courier's USB stick for a station with no link."""
        menu = self.menuBar().addMenu(self.tr("&Sync"))
        now = menu.addAction(self.tr("Sync now"), self.sync_now)
        now.setShortcut(QKeySequence("F12"))
        now.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # F12 itself is the window's shortcut
        self.to_stick_action = menu.addAction(self.tr("Sync to &USB stick…"), self.sync_to_stick)
        self.from_stick_action = menu.addAction(self.tr("&Import from USB stick…"), self.import_from_stick)

    def sync_to_stick(self) -> None:
        """同步到U盘: a bundle for the county onto the courier's stick (`ui.usb_stick`)."""
        self._stick(TO)

    def import_from_stick(self) -> None:
        """从U盘导入: the county's return bundle for this station from the courier's stick."""
        self._stick(FROM)

    def _stick(self, mode: str) -> None:
        if not sync_state.status(self.ctx.db).enrolled:
            self.open_county_link()
            return
        dialog = StickDialog(self.ctx.db, mode, self)
        dialog.exec()
        changed = dialog.changed
        done_with(dialog)
        self.update_status()
        if changed:
            self.ctx.changed.emit(changed)

    def open_county_link(self) -> None:
        dialog = CountyLinkDialog(self.ctx.db, self)
        connected = bool(dialog.exec())
        done_with(dialog)
        if connected:
            self.update_status()
            self.ctx.changed.emit(Changes.SYNC)
            if self.sync_worker is not None:
                self._sync_asked = True
                self.sync_worker.sync_now()

    def on_sync_state(self, state: str) -> None:
        if state == "syncing":
            self.status.show_sync(sync_state.status(self.ctx.db), syncing=True)
        else:
            self.update_status()

    def on_clock_offset(self, offset_ms: int) -> None:
        self.ctx.db.clock.offset_ms = offset_ms
        self.update_status()

    def on_sync_done(self, report: Any) -> None:
        """After a good sync: say what it did (when asked with F12), and when photos of the training
        archive are gone from this PC (the county's subsidy audit needs them)."""
        self.status.show_evidence(int(getattr(report, "evidence_missing_on_disk", 0)),
                                  list(getattr(report, "evidence_missing_files", [])))
        if self._sync_asked:
            self._sync_asked = False
            self.stack.frame().tell(self.tr("Synced at {when}: {pushed} records sent, {pulled} received from the "
                                            "county, {pending} still to upload.").format(
                when=show(getattr(report, "hub_time", None) or ""), pushed=getattr(report, "pushed", 0),
                pulled=getattr(report, "pulled", 0), pending=getattr(report, "pending", 0)), good=True)

    def on_sync_failed(self, _code: str, message: str) -> None:
        self.update_status()
        if self._sync_asked:
            self._sync_asked = False
            self.stack.frame().tell(self.tr("The sync did not get through: {reason}. Nothing is lost; the program "
                                            "tries again by itself.").format(reason=message.rstrip("。.")))

    def on_sync_refused(self, _code: str, message: str) -> None:
        """A refusal a person must act on (a forked chain, a revoked key): loud, once."""
        self._sync_asked = False
        self.update_status()
        QMessageBox.warning(self, self.tr("The county hub refused this station's records"), message)

    def on_printer_state(self, status: str, message: str) -> None:
        self.status.show_printer(status, message)
        home = self.pages[0]
        if home.isVisible():
            home.refresh()

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
        operator = dialog.operator if dialog.exec() else None
        done_with(dialog)
        if operator is not None:
            self.ctx.set_operator(operator)
            self.stack.show()
            self.nav.show()
            self.pages[self.stack.currentIndex()].focus_first()
        else:
            self.close()
