"""Settings as a station keeper reads them: money in yuan, yes/no as tick boxes, only a manager
changes the station's settings, and each operator chooses large text for themself."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from station_app.core import settings
from station_app.ui.context import StationContext
from station_app.ui.pages.settings import SettingsPage
from station_app.ui.widgets import MoneyEdit
from tests.ui.conftest import show_active, type_text
from tests.ui.dialogs import press


def open_page(qtbot, db, who):
    ctx = StationContext(db)
    ctx.set_operator(who)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 680)
    show_active(page)
    return page


def test_money_in_yuan_and_yes_no_as_tick_boxes(app, qtbot, db, manager):
    page = open_page(qtbot, db, manager)
    fee = page.fields["orders.service_fee_fen"]
    sms = page.fields["parcels.sms_notice"]
    assert isinstance(fee, MoneyEdit) and fee.text() == "2.00"  # 200 fen, shown as yuan
    assert isinstance(sms, QCheckBox) and sms.isChecked()
    assert isinstance(page.fields["cash.max_float_fen"], MoneyEdit) and not page.fields["cash.max_float_fen"].isEnabled()
    fee.clear()
    type_text(qtbot, fee, "3.5")
    sms.setFocus()
    press(qtbot, sms, Qt.Key.Key_Space)
    press(qtbot, fee, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.notice.isVisible())  # a button's shortcut clicks it after a short flash
    assert settings.get(db, "orders.service_fee_fen") == 350, (page.notice.text(), fee.text())
    assert settings.get(db, "parcels.sms_notice") == 0
    assert page.notice.objectName() == "ok"


def test_an_operator_changes_only_their_own_large_text(app, qtbot, db, manager, operator):
    page = open_page(qtbot, db, operator)
    assert page.who_may.isVisible()
    assert not page.fields["orders.service_fee_fen"].isEnabled()
    assert not page.fields["printer.spec"].isEnabled()
    large = page.fields["ui.large_text"]
    assert isinstance(large, QCheckBox) and large.isEnabled() and not large.isChecked()
    seen = []
    page.ctx.changed.connect(seen.append)
    large.setFocus()
    press(qtbot, large, Qt.Key.Key_Space)
    press(qtbot, large, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.notice.isVisible())
    assert settings.get(db, "ui.large_text", operator_id=operator.id) == 1
    assert settings.get(db, "ui.large_text", operator_id=manager.id) == 0  # the manager's own choice stays
    assert seen  # the window is told, so it changes the type size
