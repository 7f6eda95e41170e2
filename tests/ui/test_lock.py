"""Ctrl+L (or idle time) hides the work until a PIN is typed."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from station_app.core import settings
from station_app.ui.context import StationContext
from station_app.ui.login import LoginDialog
from station_app.ui.main_window import MainWindow


def test_lock_then_unlock_with_pin(app, qtbot, db, manager, operator):
    ctx = StationContext(db)
    ctx.set_operator(manager)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, answer)
            return
        seen["hidden"] = not window.stack.isVisible()
        seen["operator"] = ctx.logged_in
        dialog.who.setCurrentIndex(dialog.who.findData(operator.id))
        qtbot.keyClicks(dialog.pin, "5678")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)

    QTimer.singleShot(20, answer)
    window.lock()
    assert seen == {"hidden": True, "operator": False}
    assert window.stack.isVisible()
    assert ctx.operator == operator
    assert "李秀英" in window.who.text()


def test_idle_lock_follows_the_setting(app, qtbot, db, manager):
    settings.set_value(db, manager, "operators.idle_lock_minutes", 3)
    ctx = StationContext(db)
    ctx.set_operator(manager)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.idle.timer.interval() == 3 * 60_000
    assert window.idle.timer.isActive()
