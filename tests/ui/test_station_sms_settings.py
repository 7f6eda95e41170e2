"""The station's own SMS modem on the settings page, as a keeper switches it on: a tick box and
the port under 本机, by keyboard; the county's hours shown, not editable; the page fits."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QScrollArea, QSpinBox

from station_app.core import settings
from station_app.i18n import translate
from tests.ui.conftest import type_text
from tests.ui.dialogs import press
from tests.ui.test_settings_page import open_page


def test_the_keeper_switches_the_modem_on_and_names_its_port_by_keyboard(app, qtbot, db, manager):
    page = open_page(qtbot, db, manager)
    on, port = page.fields["sms.modem_on"], page.fields["sms.modem_port"]
    hours = page.fields["sms.station_after_hours"]
    assert isinstance(on, QCheckBox) and not on.isChecked() and on.isEnabled()  # off until the keeper says
    assert isinstance(port, QLineEdit) and port.isEnabled()
    assert isinstance(hours, QSpinBox) and hours.value() == 12 and not hours.isEnabled()  # the county decides
    assert translate("settings", settings.declared("sms.modem_on").label)
    on.setFocus()
    press(qtbot, on, Qt.Key.Key_Space)
    press(qtbot, on, Qt.Key.Key_Tab)
    port.setFocus()
    type_text(qtbot, port, "COM5")
    press(qtbot, port, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.notice.isVisible())
    assert (settings.get(db, "sms.modem_on"), settings.get(db, "sms.modem_port")) == (1, "COM5"), page.notice.text()
    scroll = page.findChild(QScrollArea)
    for width, height in ((1366, 696), (1024, 696)):  # a maximised window above a 40 px taskbar
        page.resize(width, height)
        qtbot.waitUntil(lambda w=width: page.width() == w)
        assert page.minimumSizeHint().width() <= width
        assert scroll.horizontalScrollBar().maximum() == 0  # nothing sideways, the modem rows included
