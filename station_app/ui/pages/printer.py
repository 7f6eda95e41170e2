"""Printer settings: which printer, a test print, a preview of any receipt, and reprints."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from printer import PROFILES, Receipt, preview_png
from station_app.clock import show
from station_app.core import settings
from station_app.core.changes import Changes
from station_app.core.station import get_station
from station_app.receipts.printer_test_page import printer_test_page
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.widgets import Notice, ReadOnlyTable


class PrinterPage(Page):
    watches = Changes.SETTINGS
    scan_kinds: frozenset[str] = frozenset()  # no codes are scanned here

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.spec = QLineEdit()
        self.spec.setPlaceholderText("net:192.168.1.87:9100 · serial:COM3@9600 · usb:0416:5011 · win:XP-58 · file:out.bin")
        self.spec.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.paper = QComboBox()
        self.paper.addItem("58 mm", 58)
        self.paper.addItem("80 mm", 80)
        self.model = QComboBox()
        self.model.addItem(self.tr("(generic)"), "")
        for name, prof in PROFILES.items():
            self.model.addItem(f"{name} · {prof.paper_mm} mm", name)
        self.state = QLabel()
        self.state.setObjectName("heading")
        self.notice = Notice()
        save = QPushButton(self.tr("Save and print a test page (Ctrl+P)"))
        save.setShortcut("Ctrl+P")
        save.clicked.connect(self.save_and_test)
        preview = QPushButton(self.tr("Preview the test page"))
        preview.clicked.connect(self.preview_test_page)
        self.history = ReadOnlyTable([self.tr("Time"), self.tr("Receipt"), self.tr("State")])
        reprint = QPushButton(self.tr("Reprint the selected receipt"))
        reprint.clicked.connect(self.reprint)
        show_it = QPushButton(self.tr("Show the selected receipt"))
        show_it.clicked.connect(self.preview_selected)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(420)

        form = QFormLayout()
        form.addRow(self.tr("Printer"), self.spec)
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("Model"), self.model)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(preview)
        left = QVBoxLayout()
        left.addWidget(self.state)
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.notice)
        left.addWidget(QLabel(self.tr("Receipts printed")))
        left.addWidget(self.history, 1)
        row = QHBoxLayout()
        row.addWidget(reprint)
        row.addWidget(show_it)
        left.addLayout(row)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(scroll, 2)
        if ctx.printer is not None:
            ctx.printer.state_changed.connect(self.on_state)
            ctx.printer.job_changed.connect(self._job_changed)

    def title(self) -> str:
        return self.tr("Printer")

    def _job_changed(self, _job: object) -> None:
        if self.isVisible():
            self.refresh()

    def focus_first(self) -> None:
        self.spec.setFocus()

    def refresh(self) -> None:
        db = self.ctx.db
        self.spec.setText(settings.get(db, "printer.spec"))
        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.get(db, "printer.paper_mm"))))
        self.model.setCurrentIndex(max(0, self.model.findData(settings.get(db, "printer.profile"))))
        jobs = self.ctx.printer.history() if self.ctx.printer else []
        self.history.fill([[show(j.created_at), j.title, j.state] for j in jobs], keys=[j.id for j in jobs])
        if not self.state.text():
            self.on_state("unset" if not settings.get(db, "printer.spec") else "unknown", "")

    def on_state(self, status: str, message: str) -> None:
        names = {
            "ready": self.tr("Printer ready"), "offline": self.tr("Printer offline"),
            "out_of_paper": self.tr("Out of paper"), "cover_open": self.tr("Printer cover open"),
            "error": self.tr("Printer error"), "unknown": self.tr("Printer state unknown"),
            "unset": self.tr("No printer set up"),
        }
        self.state.setText(names.get(status, status) + (f"：{message}" if message else ""))

    def _test_page(self) -> Receipt:
        station = get_station(self.ctx.db)
        return printer_test_page(paper_mm=self.paper.currentData(), printer=self.spec.text(),
                                 profile=self.model.currentData() or "", printed=self.ctx.db.clock.now(),
                                 station=station.name if station else "")

    def save_and_test(self) -> None:
        for key, value in (("printer.spec", self.spec.text().strip()), ("printer.paper_mm", self.paper.currentData()),
                           ("printer.profile", self.model.currentData())):
            if self.ctx.act(settings.set_value, key, value, notice=self.notice) is None:
                return
        if self.ctx.printer is not None:
            problem = self.ctx.printer.configure()
            if problem:
                self.notice.error(problem)
                return
        self.notice.ok(self.ctx.print(self._test_page()))

    def _show(self, doc: Receipt) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(preview_png(doc, self.paper.currentData(), self.model.currentData() or None))
        self.picture.setPixmap(pixmap)

    def preview_test_page(self) -> None:
        self._show(self._test_page())

    def preview_selected(self) -> None:
        key = self.history.current_key()
        job = next((j for j in (self.ctx.printer.history() if self.ctx.printer else []) if j.id == key), None)
        if job:
            self._show(job.receipt())

    def reprint(self) -> None:
        key = self.history.current_key()
        if key and self.ctx.printer and self.ctx.printer.reprint(key):
            self.notice.ok(self.tr("Reprint sent to the printer"))
