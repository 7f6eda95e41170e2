"""The login starts on whoever logged in last on this PC; a wrong PIN is said under the button,
never over the PIN field; large text follows the operator who logs in."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.core import settings
from station_app.ui.context import StationContext
from station_app.ui.login import LoginDialog
from station_app.ui.main_window import MainWindow
from tests.ui.conftest import show_active, type_text
from tests.ui.dialogs import press


def test_the_list_starts_on_the_last_operator_and_a_wrong_pin_covers_nothing(app, qtbot, db, manager, operator):
    first = LoginDialog(db)
    qtbot.addWidget(first)
    show_active(first)
    assert first.who.currentData() == manager.id  # nobody logged in here yet: the first in the list
    first.who.setCurrentIndex(first.who.findData(operator.id))
    type_text(qtbot, first.pin, "5678")
    press(qtbot, first.pin, Qt.Key.Key_Return)
    assert first.operator == operator

    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    show_active(dialog)
    assert dialog.who.currentData() == operator.id  # 李秀英 comes in every morning: her name is ready
    type_text(qtbot, dialog.pin, "0000")
    press(qtbot, dialog.pin, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert dialog.notice.isVisible() and dialog.pin.text() == "" and dialog.pin.hasFocus()
    pin = dialog.pin.geometry()
    message = dialog.notice.geometry()
    assert message.top() >= pin.bottom() and not message.intersects(pin)
    assert dialog.notice.geometry().bottom() <= dialog.height()  # the dialog grew to show it whole


def test_large_text_follows_the_operator_who_logs_in(app, qtbot, db, manager, operator):
    settings.set_value(db, operator, "ui.large_text", 1)
    ctx = StationContext(db)
    ctx.set_operator(manager)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    base = settings.get(db, "ui.font_size")
    try:
        assert QApplication.font().pointSize() == base
        ctx.set_operator(operator)
        assert QApplication.font().pointSize() == base + 3
        ctx.set_operator(manager)
        assert QApplication.font().pointSize() == base
    finally:
        window.apply_type_size(manager)
