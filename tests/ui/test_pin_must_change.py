"""An operator whose PIN an older version put into synced events (`operators.pin_must_change`)
sets a new one right after logging in, by keyboard, before any work: the same dialog at the
start of the day and on the lock screen.

The station files are the real old versions kept as fixtures (王建国 1234, 李秀英 5678): opening
them moves the PINs out of the operators and marks them "must change"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.core import operators
from station_app.db import open_station
from station_app.errors import WrongPin
from station_app.ui.login import LoginDialog
from tests.ui.conftest import show_active, type_text
from tests.ui.dialogs import press

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "station-v0.1.1.sqlite"


@pytest.fixture
def old_station(tmp_path):
    path = tmp_path / "station.sqlite"
    shutil.copy(FIXTURE, path)
    db = open_station(path)
    yield db
    db.close()


def _by_name(db, name):
    return next(o for o in operators.list_operators(db) if o.name == name)


def _log_in(qtbot, dialog, operator, pin):
    dialog.who.setCurrentIndex(dialog.who.findData(operator.id))
    type_text(qtbot, dialog.pin, pin)
    press(qtbot, dialog.pin, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_an_old_pin_is_replaced_by_keyboard_before_work(app, qtbot, old_station):
    db = old_station
    manager = _by_name(db, "王建国")
    assert operators.pin_must_change(db, manager.id)
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    show_active(dialog)
    _log_in(qtbot, dialog, manager, "1234")

    # not in yet: the dialog now asks for a new PIN, and the keyboard is already there
    assert dialog.result() == 0 and dialog.operator is None
    assert dialog.new_pin.isVisible() and dialog.new_pin.hasFocus() and not dialog.pin.isVisible()
    assert "王建国" in dialog.change_note.text()

    # the old PIN again is refused: the county hub's copy of the old events holds its hash
    type_text(qtbot, dialog.new_pin, "1234")
    press(qtbot, dialog.new_pin, Qt.Key.Key_Return)  # Enter goes on to the second field
    assert dialog.pin_again.hasFocus()
    type_text(qtbot, dialog.pin_again, "1234")
    press(qtbot, dialog.pin_again, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert dialog.result() == 0 and dialog.notice.isVisible()
    assert dialog.new_pin.text() == "" and dialog.new_pin.hasFocus()

    # two different PINs are refused
    type_text(qtbot, dialog.new_pin, "2468")
    press(qtbot, dialog.new_pin, Qt.Key.Key_Return)
    type_text(qtbot, dialog.pin_again, "2469")
    press(qtbot, dialog.pin_again, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert dialog.result() == 0 and dialog.pin_again.text() == "" and dialog.pin_again.hasFocus()

    type_text(qtbot, dialog.pin_again, "2468")
    press(qtbot, dialog.pin_again, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert dialog.result() == 1 and dialog.operator == manager
    assert not operators.pin_must_change(db, manager.id)
    assert operators.login(db, manager.id, "2468") == manager
    with pytest.raises(WrongPin):
        operators.login(db, manager.id, "1234")

    # the next login goes straight in with the new PIN
    again = LoginDialog(db)
    qtbot.addWidget(again)
    show_active(again)
    _log_in(qtbot, again, manager, "2468")
    assert again.result() == 1 and again.operator == manager


def test_escape_at_the_new_pin_logs_nobody_in(app, qtbot, old_station):
    db = old_station
    clerk = _by_name(db, "李秀英")
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    show_active(dialog)
    _log_in(qtbot, dialog, clerk, "5678")
    assert dialog.new_pin.hasFocus()
    press(qtbot, dialog.new_pin, Qt.Key.Key_Escape)
    assert dialog.operator is None and not dialog.isVisible()
    assert operators.pin_must_change(db, clerk.id)  # asked again at the next login


def test_a_pin_that_need_not_change_logs_in_at_once(app, qtbot, db, manager):
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    show_active(dialog)
    _log_in(qtbot, dialog, manager, "1234")
    assert dialog.result() == 1 and dialog.operator == manager and not dialog.new_pin.isVisible()
