"""The full-screen sign-in window the operator leaves running at the door of a training session.

A big prompt, the session, the last name signed in and the count. It takes what a wedge
scanner types (the card's `VS1:P:<id>` followed by Enter) or a phone number typed on the
keyboard, into a field with the input method off so a Pinyin IME cannot swallow the code.
When the application-wide scan filter (`ui.scanning`) is installed it catches scanner
bursts before they reach the field; pass its ScanRouter as `router` and the window takes
those scans too. Esc closes the window (the session keeps running).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from station_app.clock import show
from station_app.core import training
from station_app.ui.context import StationContext
from station_app.ui.scanning import PERSON_CARD, PHONE
from station_app.ui.widgets import Notice

RECENT = 8


def make_entry(line_edit: QLineEdit) -> QLineEdit:
    """A field for scanned codes and digits: no input method, no predictive text."""
    line_edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    line_edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferLatin | Qt.InputMethodHint.ImhNoPredictiveText
                                  | Qt.InputMethodHint.ImhNoAutoUppercase)
    return line_edit


class SignInWindow(QWidget):
    #: the window was closed (Esc)
    closed = Signal()

    def __init__(self, ctx: StationContext, session_id: str, *, router: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.session_id = session_id
        self.router = router
        self.setObjectName("signin")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(
            "QWidget#signin { background: #f7f9fc; }"
            "QLabel#prompt { font-size: 34pt; font-weight: bold; color: #1f3a5f; }"
            "QLabel#session { font-size: 20pt; color: #1f3a5f; }"
            "QLabel#last { font-size: 54pt; font-weight: bold; color: #1b5e20; }"
            "QLabel#count { font-size: 26pt; color: #1f3a5f; }"
            "QLineEdit#entry { font-size: 24pt; padding: 10px; }"
            "QLabel#error, QLabel#ok { font-size: 20pt; }")
        session = training.get_session(ctx.db, session_id)
        self.setWindowTitle(self.tr("Sign-in: {title}").format(title=session.title))
        self.session_label = QLabel(f"{session.title} · {show(session.starts_at)} · {session.place}")
        self.session_label.setObjectName("session")
        self.prompt = QLabel(self.tr("Scan your training card, or type your phone number and press Enter"))
        self.prompt.setObjectName("prompt")
        self.prompt.setWordWrap(True)
        self.entry = make_entry(QLineEdit())
        self.entry.setObjectName("entry")
        self.entry.returnPressed.connect(self._entered)
        self.last = QLabel(" ")
        self.last.setObjectName("last")
        self.count = QLabel()
        self.count.setObjectName("count")
        self.message = Notice()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recent = QListWidget()
        self.recent.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hint = QLabel(self.tr("Esc leaves the sign-in screen"))
        for label in (self.session_label, self.prompt, self.last, self.count, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.session_label)
        layout.addStretch()
        layout.addWidget(self.prompt)
        layout.addWidget(self.entry)
        layout.addWidget(self.message)
        layout.addWidget(self.last)
        layout.addWidget(self.count)
        layout.addStretch()
        layout.addWidget(self.recent)
        layout.addWidget(hint)
        if router is not None:
            router.set_handler(self, self.take_scan, {PERSON_CARD, PHONE})
        self._draw()
        self.entry.setFocus()

    def _draw(self) -> None:
        session = training.get_session(self.ctx.db, self.session_id)
        self.count.setText(self.tr("{count} of {capacity} signed in").format(count=session.signed_in,
                                                                             capacity=session.capacity))
        rows = training.attendees(self.ctx.db, self.session_id)[-RECENT:]
        self.recent.clear()
        self.recent.addItems([f"{a.no}. {a.name}  {a.village}  {show(a.signed_in_at)[-5:]}" for a in reversed(rows)])

    def _entered(self) -> None:
        text = self.entry.text()
        self.entry.clear()
        if text.strip():
            self.take_scan(text)

    def take_scan(self, code: str) -> training.SignIn | None:
        """Sign in whoever the code names (card payload or phone number); say who, or why not."""
        done = self.ctx.act(training.sign_in_by_code, self.session_id, code, notice=self.message)
        if done is None:
            QApplication.beep()
        else:
            self.message.ok(self.tr("Welcome, {name}!").format(name=done.name))
            self.last.setText(done.name)
            self._draw()
        self.entry.setFocus()
        return done

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.router is not None:
            self.router.set_handler(self, None)
        self.closed.emit()
        super().closeEvent(event)
