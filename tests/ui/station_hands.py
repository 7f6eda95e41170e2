"""An operator's hands for journey tests: a keyboard and a scanner gun, nothing else.

Every key goes to the widget that has the keyboard focus, through the application's real
`ScanFilter`, timed by a clock the test owns: a person's keys come ~200 ms apart, the scanner's
8 ms apart ending in Enter. The program tells them apart exactly as it does at a station.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from station_app.devices.wedge import WedgeSettings
from station_app.ui.context import StationContext
from station_app.ui.scanning import ScanFilter, ScanRouter, install_scanning

PERSON_TICK = 0.1  # seconds per clock reading: a key press is read twice (shortcut check + press)
GUN_TICK = 0.004


class KeyClock:
    """The scan filter's clock: moves a person's pace on every reading, or a scanner's."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.tick = PERSON_TICK

    def __call__(self) -> float:
        self.t += self.tick
        return self.t

    def pause(self, seconds: float = 1.0) -> None:
        self.t += seconds


class Hands:
    """Keyboard and scanner gun on the running program (its ScanRouter in `ctx.scans`)."""

    def __init__(self, qtbot: Any, ctx: StationContext) -> None:
        self.qtbot = qtbot
        self.clock = KeyClock()
        self.router: ScanRouter = ctx.scans or ScanRouter(ctx)
        ctx.scans = self.router
        self.filter: ScanFilter = install_scanning(self.router, WedgeSettings(), clock=self.clock)
        ctx.scan_filter = self.filter

    def remove(self) -> None:
        self.filter.remove()

    def settle(self) -> None:
        """After a dialog closed, wait until a window has the keyboard again (a desktop gives it
        back at once; the offscreen test platform needs a moment)."""
        def ready() -> bool:
            window = QApplication.activeWindow()
            return window is not None and window.isVisible()

        if not ready():
            self.qtbot.waitUntil(ready)

    def focus(self) -> QWidget:
        self.settle()
        widget = QApplication.focusWidget() or QApplication.activeWindow()
        assert widget is not None, "nothing has the keyboard"
        return widget

    def wait_active(self, window: QWidget) -> None:
        if QApplication.activeWindow() is not window:
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        """One key pressed by the operator, where the keyboard is."""
        self.clock.tick = PERSON_TICK
        self.clock.pause(0.3)
        self.qtbot.keyClick(self.focus(), key, modifier)

    def type(self, text: str) -> None:
        """Typed at a person's pace; Chinese arrives as the input method commits it."""
        self.clock.tick = PERSON_TICK
        for ch in text:
            self.clock.pause(0.1)
            target = self.focus()
            if ch.isascii():
                self.qtbot.keyClick(target, ch)
            else:
                event = QInputMethodEvent()
                event.setCommitString(ch)
                QApplication.sendEvent(target, event)

    def scan(self, code: str) -> None:
        """The scanner gun: the code's characters a few ms apart, then Enter."""
        target = self.focus()
        self.clock.pause(1.0)
        self.clock.tick = GUN_TICK
        try:
            for ch in code:
                self.qtbot.keyClick(target, ch)
            self.qtbot.keyClick(target, Qt.Key.Key_Return)
        finally:
            self.clock.tick = PERSON_TICK
            self.clock.pause(1.0)
