"""UI tests run offscreen with the Chinese catalogue loaded, as an operator sees the program."""

import pytest
from PySide6.QtWidgets import QApplication

from station_app.ui.app import setup_application


@pytest.fixture
def app(qapp: QApplication):
    setup_application(qapp, "zh_CN")
    yield qapp
    setup_application(qapp, "zh_CN")


def show_active(window) -> None:
    """Show a window and make it the active one, so its shortcuts answer keys."""
    from PySide6.QtTest import QTest

    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)


def type_text(qtbot, widget, text: str) -> None:
    """Type like an operator: ASCII as key presses, Chinese as the input method commits it."""
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    for chunk_is_ascii, chunk in _chunks(text):
        if chunk_is_ascii:
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _chunks(text: str):
    out: list[tuple[bool, str]] = []
    for ch in text:
        is_ascii = ch.isascii()
        if out and out[-1][0] == is_ascii:
            out[-1] = (is_ascii, out[-1][1] + ch)
        else:
            out.append((is_ascii, ch))
    return out
