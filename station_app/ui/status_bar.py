"""The status bar: who is working, the printer, the scanner, the county link and the clock.

Every text is one line that never widens the window (`ElidedLabel`: shortened with "…", whole
in its tooltip), so the bar stays on a 1024-pixel screen whatever it says. Red means a person
must act (a refused sync, a PC clock that is off, a printer out of paper); green means good.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStatusBar, QWidget

from station_app.clock import show
from station_app.core.sync_state import SyncStatus
from station_app.ui.widgets import ElidedLabel

PRINTER_PROBLEMS = ("offline", "out_of_paper", "cover_open", "error")


def _mark(label: ElidedLabel, state: str) -> None:
    """Colour by meaning: "error" red, "warning" amber, "ok" green, "" plain."""
    if label.objectName() != state:
        label.setObjectName(state)
        label.style().unpolish(label)
        label.style().polish(label)


class StationStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.who = ElidedLabel()
        self.printer = ElidedLabel(self.tr("Printer: not set up"))
        self.scanner = ElidedLabel(self.tr("Scanner: keyboard"))
        self.sync = ElidedLabel()
        self.clock = ElidedLabel()
        self.evidence = ElidedLabel()  # training photos the county cannot get from this PC
        for label, stretch in ((self.who, 1), (self.printer, 1), (self.scanner, 1), (self.sync, 3)):
            self.addWidget(label, stretch)
        self.addPermanentWidget(self.evidence, 1)
        self.addPermanentWidget(self.clock, 2)
        self.printer_status = "unset"

    def show_operator(self, name: str | None) -> None:
        self.who.setText(self.tr("Operator: {name}").format(name=name) if name else "")

    def show_sync(self, status: SyncStatus, *, syncing: bool = False) -> None:
        """The county link in words: not connected (and what waits), refused, synced, or syncing."""
        if syncing:
            text, state = self.tr("Syncing with the county… {pending} to upload").format(pending=status.pending), ""
        elif not status.enrolled:
            text = self.tr("Not connected to the county hub: {pending} records wait on this PC (F12: how to connect)")
            text, state = text.format(pending=status.pending), "warning"
        elif status.needs_person:
            text, state = self.tr("Sync REFUSED: {error} (F12)").format(error=status.last_error or ""), "error"
        elif status.last_sync:
            text = self.tr("Synced {when} · {pending} to upload").format(when=show(status.last_sync),
                                                                          pending=status.pending)
            state = "warning" if status.last_error else ""
        else:
            text, state = self.tr("Not yet synced · {pending} to upload").format(pending=status.pending), "warning"
        self.sync.setText(text)
        _mark(self.sync, state)
        self.clock.setText(status.clock_warning or "")
        _mark(self.clock, "error" if status.clock_warning else "")

    def show_sync_words(self, text: str, *, failed: bool = False) -> None:
        """A sync's progress or result in words (F12)."""
        self.sync.setText(text)
        _mark(self.sync, "error" if failed else "")

    def show_printer(self, status: str, message: str) -> None:
        texts = {"ready": self.tr("Printer: ready"), "offline": self.tr("Printer: offline"),
                 "out_of_paper": self.tr("Printer: out of paper"), "cover_open": self.tr("Printer: cover open"),
                 "error": self.tr("Printer: error"), "unknown": self.tr("Printer: connected"),
                 "unset": self.tr("Printer: not set up")}
        self.printer_status = status
        self.printer.setText(texts.get(status, status))
        self.printer.setToolTip(message or texts.get(status, status))
        _mark(self.printer, "error" if status in PRINTER_PROBLEMS else "")

    def show_evidence(self, missing: int, files: list[str]) -> None:
        self.evidence.setText(self.tr("{n} training photos are missing from this PC: the county cannot get "
                                      "them").format(n=missing) if missing else "")
        self.evidence.setToolTip("\n".join(files))
        _mark(self.evidence, "warning" if missing else "")
