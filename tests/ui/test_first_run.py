"""wizard → login → navigation → add and find a person → open the day → daily close, by keyboard."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from station_app.core import cash, people
from station_app.ui.context import StationContext
from station_app.ui.login import LoginDialog
from station_app.ui.main_window import MainWindow
from station_app.ui.pages.cash import CashPage
from station_app.ui.pages.people import PeoplePage, PersonDialog
from station_app.ui.wizard import FirstRunWizard
from tests.ui.conftest import show_active, type_text
from tests.ui.dialogs import no, yes


def type_into(qtbot, widget, text):
    type_text(qtbot, widget, text)


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    if not widget.window().isActiveWindow():  # a closed modal dialog leaves activation to the WM
        show_active(widget.window())
    qtbot.keyClick(widget, key, modifier)


def test_wizard_refuses_bad_input_and_creates_the_station(app, qtbot, db):
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    type_into(qtbot, wizard.name, "幸福村电商服务站")
    type_into(qtbot, wizard.village, "幸福村")
    type_into(qtbot, wizard.manager, "王建国")
    type_into(qtbot, wizard.pin, "1234")
    type_into(qtbot, wizard.pin_again, "1243")
    press(qtbot, wizard.pin_again, Qt.Key.Key_Return)
    assert wizard.notice.text() == "两次输入的密码不一致"
    assert db.value("SELECT count(*) FROM station") == 0
    type_into(qtbot, wizard.pin_again, "1234")
    press(qtbot, wizard.pin_again, Qt.Key.Key_Return)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert db.value("SELECT name FROM station") == "幸福村电商服务站"


def test_login_wrong_then_right_pin(app, qtbot, db, manager):
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.pin, "9999")
    press(qtbot, dialog.pin, Qt.Key.Key_Return)
    assert "密码错误" in dialog.notice.text() and "4" in dialog.notice.text()
    assert dialog.pin.text() == ""
    type_into(qtbot, dialog.pin, "1234")
    press(qtbot, dialog.pin, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.operator == manager


def fill_person_dialog(qtbot, name, phone):
    """Answer the modal person dialog as soon as it opens, by keyboard."""

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PersonDialog):
            QTimer.singleShot(20, answer)
            return
        try:
            type_text(qtbot, dialog.name, name)
            type_text(qtbot, dialog.phone, phone)
            qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
        finally:  # refused (or the answer itself failed): remember the reason, never leave it open
            if dialog.isVisible():
                fill_person_dialog.refusal = dialog.notice.text()
                dialog.reject()

    QTimer.singleShot(20, answer)


def test_main_window_people_and_cash_by_keyboard(app, qtbot, db, manager):
    ctx = StationContext(db)
    ctx.set_operator(manager)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(window)
    assert "幸福村电商服务站" in window.windowTitle()
    assert "操作员：王建国" in window.who.text()

    # F6: people; Ctrl+N opens the dialog, typed name and phone, Enter saves
    press(qtbot, window, Qt.Key.Key_F6)
    page = window.stack.currentWidget()
    assert isinstance(page, PeoplePage)
    fill_person_dialog(qtbot, "张小明", "13812345678")
    press(qtbot, page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert people.count_people(db) == 1
    # the same person again is refused inside the dialog with a Chinese reason
    fill_person_dialog.refusal = None
    fill_person_dialog(qtbot, "张小明", "13812345678")
    press(qtbot, page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert people.count_people(db) == 1, "added twice"
    assert fill_person_dialog.refusal == "张小明（138****5678）已登记"
    assert people.count_people(db) == 1
    # find by the phone tail
    page.search.clear()
    type_into(qtbot, page.search, "5678")
    assert page.table.rowCount() == 1
    assert page.table.item(0, 0).text() == "张小明"
    assert page.table.item(0, 1).text() == "138****5678"

    # F7: cash; open the day with 200 yuan, close it counting 199.50
    press(qtbot, window, Qt.Key.Key_F7)
    cash_page = window.stack.currentWidget()
    assert isinstance(cash_page, CashPage)
    assert cash_page.amount.hasFocus()
    type_into(qtbot, cash_page.amount, "200")
    press(qtbot, cash_page.amount, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert "已开始营业" in cash_page.notice.text()
    assert cash.open_period(db) is not None
    type_into(qtbot, cash_page.amount, "199.5")
    not_yet = no(qtbot)  # Ctrl+D asks first: N keeps the day open
    press(qtbot, cash_page.amount, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "-¥0.50" in not_yet.text and cash.open_period(db) is not None
    close = yes(qtbot)
    press(qtbot, cash_page.amount, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert close.done
    assert "已日结" in cash_page.notice.text() and "-¥0.50" in cash_page.notice.text()
    assert cash_page.notice.objectName() == "error"  # short: red, never green
    assert cash.open_period(db) is None
    assert cash_page.history.rowCount() == 1
    assert cash_page.history.item(0, 4).text() == "-¥0.50"
    # closing again is refused on the page itself, nothing changes
    type_into(qtbot, cash_page.amount, "1")
    press(qtbot, cash_page.amount, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert cash_page.notice.text() == "当前没有开启的营业日"


def test_navigation_reaches_every_page_by_function_keys(app, qtbot, db, manager):
    ctx = StationContext(db)
    ctx.set_operator(manager)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(window)
    titles = []
    for i, key in enumerate(window.page_keys):  # F1… and the counter services' own ⇧F1, ⇧F2
        shift = key.startswith("Shift+")
        press(qtbot, window, getattr(Qt.Key, f"Key_{key.removeprefix('Shift+')}"),
              Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier)
        assert window.stack.currentIndex() == i
        titles.append(window.pages[i].title())
    assert titles[:1] == ["今日"] and "人员" in titles and "设置" in titles
    assert window.page_keys[:7] == [f"F{n}" for n in range(1, 8)] and window.page_keys[-1] == "F11"


def test_english_is_selectable(qapp, qtbot, db, manager):
    from station_app.ui.app import setup_application

    setup_application(qapp, "en")
    try:
        ctx = StationContext(db)
        ctx.set_operator(manager)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        assert [p.title() for p in window.pages][:2] == ["Today", "Parcels"]
    finally:
        setup_application(qapp, "zh_CN")
