"""The status bar: who is working, the printer, the scanner, the county link and the clock.

Every text is one line that never widens the window (`ElidedLabel`: shortened with "…", whole
in its tooltip), so the bar stays on a 1024-pixel screen whatever it says. Red means a person
must act (a refused sync, a PC clock that is off, a printer out of paper); green means good.
The texts keep the main window's translation context (the bar used to be part of it).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from station_app.clock import show
from station_app.core.sync_state import BY_STICK, SyncStatus, heard_by_text
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ui.widgets import ElidedLabel

PRINTER_PROBLEMS = ("offline", "out_of_paper", "cover_open", "error")
PRINTER_TEXTS = {
    "ready": QT_TRANSLATE_NOOP("MainWindow", "Printer: ready"),
    "offline": QT_TRANSLATE_NOOP("MainWindow", "Printer: offline"),
    "out_of_paper": QT_TRANSLATE_NOOP("MainWindow", "Printer: out of paper"),
    "cover_open": QT_TRANSLATE_NOOP("MainWindow", "Printer: cover open"),
    "error": QT_TRANSLATE_NOOP("MainWindow", "Printer: error"),
    "unknown": QT_TRANSLATE_NOOP("MainWindow", "Printer: connected"),
    "unset": QT_TRANSLATE_NOOP("MainWindow", "Printer: not set up"),
}
OPERATOR = QT_TRANSLATE_NOOP("MainWindow", "Operator: {name}")
SCANNER = QT_TRANSLATE_NOOP("MainWindow", "Scanner: keyboard")
SYNCING = QT_TRANSLATE_NOOP("MainWindow", "Syncing with the county… {pending} to upload")
NOT_ENROLLED = QT_TRANSLATE_NOOP("MainWindow", "Not connected to the county hub: {pending} records wait on this PC "
                                               "(F12: how to connect)")
REFUSED = QT_TRANSLATE_NOOP("MainWindow", "Sync REFUSED: {error} (F12)")
SYNCED = QT_TRANSLATE_NOOP("MainWindow", "Synced {when} · {pending} to upload")
HEARD = QT_TRANSLATE_NOOP("MainWindow", "County got the records {when} ({by}) · {pending} to upload")
NOT_SYNCED = QT_TRANSLATE_NOOP("MainWindow", "Not yet synced · {pending} to upload")
#: which gateways the county hub runs (county setting `hub.gateways`, issue 19)
HUB_DEMO = QT_TRANSLATE_NOOP("MainWindow", "DEMO hub: SMS not really sent, bills not really paid")
HUB_REAL = QT_TRANSLATE_NOOP("MainWindow", "County gateways: real")
PHOTOS_MISSING = QT_TRANSLATE_NOOP("MainWindow", "{n} training photos are missing from this PC: the county cannot "
                                                 "get them")


def _tr(source: str) -> str:
    return QCoreApplication.translate("MainWindow", source)


def _mark(label: QLabel, state: str) -> None:
    """Colour by meaning: "error" red, "warning" amber, "ok" green, "" plain."""
    if label.objectName() != state:
        label.setObjectName(state)
        label.style().unpolish(label)
        label.style().polish(label)


class StationStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.who = QLabel()  # short texts, shown whole
        self.printer = QLabel(_tr(PRINTER_TEXTS["unset"]))
        self.scanner = QLabel(_tr(SCANNER))
        self.sync = ElidedLabel()  # long ones give way
        self.clock = ElidedLabel()
        self.evidence = ElidedLabel()  # training photos the county cannot get from this PC
        self.gateways = QLabel()  # the hub's SMS and biller gateways: real, or a demo (red)
        for label in (self.who, self.printer, self.scanner):
            self.addWidget(label)
        self.addWidget(self.sync, 3)
        self.addPermanentWidget(self.gateways)
        self.addPermanentWidget(self.evidence, 1)
        self.addPermanentWidget(self.clock, 2)
        self.evidence.hide()
        self.gateways.hide()
        self.clock.hide()
        self.printer_status = "unset"

    def show_operator(self, name: str | None) -> None:
        self.who.setText(_tr(OPERATOR).format(name=name) if name else "")

    def show_sync(self, status: SyncStatus, *, syncing: bool = False) -> None:
        """The county link in words: not connected (and what waits), refused, synced, or syncing."""
        if syncing:
            text, state = _tr(SYNCING).format(pending=status.pending), ""
        elif not status.enrolled:
            text, state = _tr(NOT_ENROLLED).format(pending=status.pending), "warning"
        elif status.needs_person:
            text, state = _tr(REFUSED).format(error=status.last_error or ""), "error"
        elif status.last_heard and status.heard_by == BY_STICK:  # the courier's USB stick (sync.courier)
            text = _tr(HEARD).format(when=show(status.last_heard), by=heard_by_text(status.heard_by),
                                     pending=status.pending)
            state = "warning" if status.last_error else ""
        elif status.last_sync:
            text = _tr(SYNCED).format(when=show(status.last_sync), pending=status.pending)
            state = "warning" if status.last_error else ""
        else:
            text, state = _tr(NOT_SYNCED).format(pending=status.pending), "warning"
        self.sync.setText(text)
        _mark(self.sync, state)
        self.clock.setText(status.clock_warning or "")
        self.clock.setVisible(bool(status.clock_warning))
        _mark(self.clock, "error" if status.clock_warning else "")

    def show_sync_words(self, text: str, *, failed: bool = False) -> None:
        """A sync's progress or result in words (F12)."""
        self.sync.setText(text)
        _mark(self.sync, "error" if failed else "")

    def show_printer(self, status: str, message: str) -> None:
        text = _tr(PRINTER_TEXTS[status]) if status in PRINTER_TEXTS else status
        self.printer_status = status
        self.printer.setText(text)
        self.printer.setToolTip(message or text)
        _mark(self.printer, "error" if status in PRINTER_PROBLEMS else "")

    def show_gateways(self, value: str) -> None:
        """The county hub's gateways as it last said (`hub.gateways`): "demo" in red, so nobody
        takes a simulated payment or SMS for a real one; "real:…" plain; nothing before it said."""
        demo = value == "demo"
        self.gateways.setText(_tr(HUB_DEMO) if demo else _tr(HUB_REAL) if value.startswith("real") else "")
        self.gateways.setToolTip(value)
        self.gateways.setVisible(bool(self.gateways.text()))
        _mark(self.gateways, "error" if demo else "")

    def show_evidence(self, missing: int, files: list[str]) -> None:
        self.evidence.setText(_tr(PHOTOS_MISSING).format(n=missing) if missing else "")
        self.evidence.setToolTip("\n".join(files))
        self.evidence.setVisible(bool(missing))
        _mark(self.evidence, "warning" if missing else "")
