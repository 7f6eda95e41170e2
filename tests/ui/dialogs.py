"""Answering the program's questions by keyboard, as an operator does: when the next modal
dialog is on screen and active, press keys in it (Y, N, Enter, Esc, Ctrl+Enter...)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

Key = Qt.Key | tuple[Qt.Key, Qt.KeyboardModifier]


def _texts(dialog: QWidget) -> str:
    if isinstance(dialog, QMessageBox):
        return dialog.windowTitle() + "\n" + dialog.text()
    return dialog.windowTitle() + "\n" + "\n".join(label.text() for label in dialog.findChildren(QLabel))


class Answer:
    """What the dialog said (`text`), what kind it was (`dialog`), once answered (`done`)."""

    def __init__(self) -> None:
        self.text = ""
        self.dialog: QWidget | None = None
        self.done = False
        self.seen: Any = None


def answer_next(qtbot: Any, *keys: Key, inspect: Callable[[QWidget], Any] | None = None,
                kind: type[QWidget] = QDialog) -> Answer:
    """When the next modal dialog of `kind` is active, remember its text, run `inspect(dialog)`
    and press `keys` in it (to its focused widget). Call BEFORE the action that opens it."""
    answer = Answer()
    home = QApplication.activeWindow()

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or not dialog.isActiveWindow():  # keys reach the active window only
            QTimer.singleShot(15, look)
            return
        answer.dialog = dialog
        answer.text = _texts(dialog)
        if inspect is not None:
            answer.seen = inspect(dialog)
        for key in keys:
            target = QApplication.focusWidget() or dialog
            if isinstance(key, tuple):
                qtbot.keyClick(target, key[0], key[1])
            else:
                qtbot.keyClick(target, key)
        answer.done = True
        parent = dialog.parentWidget()
        back = parent.window() if parent is not None else home
        if back is not None and not dialog.isVisible():  # the desktop gives the focus back; offscreen does not
            QTimer.singleShot(0, lambda: _give_back(back))

    QTimer.singleShot(15, look)
    return answer


def _give_back(window: QWidget) -> None:
    if QApplication.activeModalWidget() is None:  # not while the next question is up
        window.activateWindow()


def yes(qtbot: Any) -> Answer:
    """The next question is answered Y."""
    return answer_next(qtbot, Qt.Key.Key_Y, kind=QMessageBox)


def no(qtbot: Any) -> Answer:
    return answer_next(qtbot, Qt.Key.Key_N, kind=QMessageBox)


def back_to(qtbot: Any, window: QWidget) -> None:
    """After a dialog closed, the window is active again (a desktop does it by itself; the
    offscreen test platform needs asking), so its shortcuts answer keys once more."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def press(qtbot: Any, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed by the operator: into the active window (waiting for it after a dialog)."""
    window = widget.window()
    if QApplication.activeWindow() is not window:
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(widget, key, modifier)
