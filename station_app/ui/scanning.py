"""Wedge scanners in the Qt program (DESIGN §7): one key filter on the application, and a
router that hands each scan to the page or dialog that wants it.

The filter feeds every keystroke aimed at the focused widget to the plain-Python
`BurstDetector`. Keys that look like part of a scan are held back; when a burst ends in
Enter and is a scan, its keys never reach the field (the one key delivered before the
detector could know is taken back), Enter does not press a default button, and `scanned`
is emitted. Anything else reaches the widget as typed, at most ~0.1 s late.

Times come from the key events' own timestamps (set by the OS when the key was pressed, so
a busy GUI thread does not bunch up typing into a fake burst). Events synthesised by QTest
have timestamp 0: without an injected clock they are always treated as typing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from station_app.devices.serial_scanner import SerialScanner
from station_app.devices.wedge import ENTER, TAB, BurstDetector, Outcome, Scan, Step, WedgeSettings
from station_app.ui.scan_routes import (  # re-exported: the scan API pages use
    ANYTHING,
    BILL,
    EAN8,
    EAN13,
    EVERY_CODE,
    ID_CARD,
    ORDER_LABEL,
    PERSON_CARD,
    PHONE,
    PICKUP,
    PRODUCT,
    SESSION_LABEL,
    TRACE_LABEL,
    UNKNOWN,
    WAYBILL,
    ScanRead,
    ScanRouter,
    accept_scans,
    field_kinds,
    kind_name,
    make_scan_field,
    read_scan,
)

__all__ = [
    "ANYTHING", "BILL", "EAN8", "EAN13", "EVERY_CODE", "ID_CARD", "ORDER_LABEL", "PERSON_CARD", "PHONE", "PICKUP",
    "PRODUCT", "SESSION_LABEL", "TRACE_LABEL", "UNKNOWN", "WAYBILL", "ScanFilter", "ScanRead", "ScanRouter",
    "SerialScans", "accept_scans", "field_kinds", "install_scanning", "into_focused_field", "kind_name",
    "make_scan_field", "read_scan",
]

_MODIFIER_KEYS = {
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_ScrollLock, Qt.Key.Key_unknown,
}
_COMBO_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                    | Qt.KeyboardModifier.MetaModifier)
_CLOSE_KEYS = {Qt.Key.Key_Return: ENTER, Qt.Key.Key_Enter: ENTER, Qt.Key.Key_Tab: TAB}


@dataclass(frozen=True)
class _Key:
    """A held keystroke, kept as data: the event object itself dies after delivery."""

    receiver: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class _FieldSnapshot:
    """A text field as it was before a burst's first key landed, to take that key back."""

    def __init__(self, widget: QWidget) -> None:
        edit: QWidget | None = widget
        if isinstance(widget, QComboBox):
            edit = widget.lineEdit() if widget.isEditable() else None
        self.edit = edit
        self.text = ""
        self.cursor = 0
        if isinstance(edit, QLineEdit):
            self.text, self.cursor = edit.text(), edit.cursorPosition()
        elif isinstance(edit, (QPlainTextEdit, QTextEdit)):
            self.text = edit.toPlainText()

    def restore(self) -> None:
        edit = self.edit
        if edit is None or not shiboken6.isValid(edit):
            return
        if isinstance(edit, QLineEdit) and edit.text() != self.text:
            edit.setText(self.text)
            edit.setCursorPosition(self.cursor)
        elif isinstance(edit, (QPlainTextEdit, QTextEdit)) and len(edit.toPlainText()) == len(self.text) + 1:
            cursor = edit.textCursor()
            cursor.deletePreviousChar()
            edit.setTextCursor(cursor)


class ScanFilter(QObject):
    """The application-wide key filter. `install()` it once; connect `scanned` (or use
    `install_scanning`, which routes scans through a ScanRouter)."""

    #: a wedge scan: the code, control characters and prefix/suffix removed
    scanned = Signal(str)
    #: the same scan with its speed (a devices.wedge.Scan), for the scanner test page
    scan_read = Signal(object)
    #: a machine burst that was no usable code; the reason in the station language
    rejected = Signal(str)

    def __init__(self, settings: WedgeSettings | None = None, clock: Callable[[], float] | None = None,
                 parent: QObject | None = None) -> None:
        """`clock` (seconds) replaces the events' timestamps; tests inject one."""
        super().__init__(parent)
        self.detector = BurstDetector(settings)
        self._clock = clock
        self._replaying = False
        self._snapshot: _FieldSnapshot | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle)
        self._apply_interval()
        self._installed_on: QCoreApplication | None = None

    def set_settings(self, settings: WedgeSettings) -> None:
        self._release(self.detector.interrupt())
        self.detector = BurstDetector(settings)
        self._apply_interval()

    def _apply_interval(self) -> None:
        self._idle.setInterval(int(self.detector.settings.max_gap_ms) + 20)

    def install(self, app: QCoreApplication | None = None) -> None:
        app = app or QCoreApplication.instance()
        assert app is not None, "create the QApplication first"
        app.installEventFilter(self)
        self._installed_on = app

    def remove(self) -> None:
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._replaying or kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(watched, QWidget) or not _is_key_target(watched):
            return False  # the window's copy of the event, or its way up to the parents
        assert isinstance(event, QKeyEvent)
        t = self._time(event)
        char = _char(event)
        if kind == QEvent.Type.ShortcutOverride:
            # a key inside a burst must not fire a shortcut: claim it, its KeyPress follows
            if t is not None and char and self.detector.would_hold(t):
                event.accept()
                return True
            return False
        if event.key() in _MODIFIER_KEYS and not char:
            return False  # Shift comes between a scanner's letters; it is no keystroke of its own
        if t is None or not char or event.isAutoRepeat() or event.modifiers() & _COMBO_MODIFIERS:
            self._release(self.detector.interrupt())
            return False
        outcome = self.detector.feed(char, t, _Key(watched, event.key(), event.modifiers(), event.text()))
        return self._act(outcome, watched)

    def _time(self, event: QKeyEvent) -> float | None:
        if self._clock is not None:
            return self._clock()
        stamp = event.timestamp()
        return stamp / 1000.0 if stamp else None

    def _act(self, outcome: Outcome, watched: QWidget) -> bool:
        self._release(outcome)
        if outcome.step is Step.TYPE:
            if self.detector.active and self.detector.keystrokes == 1:
                self._snapshot = _FieldSnapshot(watched)  # before this first key lands
            return False
        if outcome.step is Step.HOLD:
            self._idle.start()
            return True
        self._idle.stop()
        if outcome.undo and self._snapshot is not None:
            self._snapshot.restore()
        self._snapshot = None
        if outcome.step is Step.SCAN and outcome.scan is not None:
            self._emit_scan(outcome.scan)
        else:
            self.rejected.emit(QCoreApplication.translate("scanner", outcome.reason))
        return True

    def _emit_scan(self, scan: Scan) -> None:
        self.scan_read.emit(scan)
        self.scanned.emit(scan.code)

    def _on_idle(self) -> None:
        self._release(self.detector.expire())

    def _release(self, outcome: Outcome) -> None:
        """Deliver held keystrokes that were typing after all, in order."""
        if not outcome.release:
            return
        self._replaying = True
        try:
            for key in outcome.release:
                if not shiboken6.isValid(key.receiver):
                    continue
                QCoreApplication.sendEvent(
                    key.receiver, QKeyEvent(QEvent.Type.KeyPress, key.key, key.modifiers, key.text))
        finally:
            self._replaying = False


def _is_key_target(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return widget is focus if focus is not None else widget.isWindow()


def _char(event: QKeyEvent) -> str:
    close = _CLOSE_KEYS.get(Qt.Key(event.key()))
    return close if close is not None else event.text()


def into_focused_field(code: str) -> bool:
    """A ready-made handler: put the scanned code into the focused line edit, as if typed
    (for a dialog whose fields take scans: `router.set_handler(dialog, into_focused_field)`)."""
    focus = QApplication.focusWidget()
    if isinstance(focus, QComboBox) and focus.isEditable():
        focus = focus.lineEdit()
    if isinstance(focus, QLineEdit) and not focus.isReadOnly():
        focus.insert(code)
        return True
    return False


def install_scanning(router: ScanRouter, settings: WedgeSettings | None = None,
                     clock: Callable[[], float] | None = None) -> ScanFilter:
    """The filter on the running QApplication, its scans going to `router`."""
    scan_filter = ScanFilter(settings, clock, parent=router)
    scan_filter.scanned.connect(router.route)
    scan_filter.install()
    return scan_filter


class SerialScans(QObject):
    """A serial scanner as Qt signals: connect `scanned` to ScanRouter.route like the wedge
    filter's. The port is read on the SerialScanner's worker thread."""

    scanned = Signal(str)
    #: a devices.serial_scanner.SerialState
    state_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scanner: SerialScanner | None = None

    def connect_port(self, port: str, baudrate: int = 9600, open_port: Callable[[], Any] | None = None) -> None:
        """Start reading `port` (stopping any earlier one)."""
        self.disconnect_port()
        self.scanner = SerialScanner(port, self.scanned.emit, baudrate=baudrate,
                                     on_state=self.state_changed.emit, open_port=open_port)
        self.scanner.start()

    def disconnect_port(self) -> None:
        if self.scanner is not None:
            self.scanner.stop()
            self.scanner = None

    @property
    def connected(self) -> bool:
        return self.scanner is not None and self.scanner.running
