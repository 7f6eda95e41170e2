"""Esc means the same everywhere: it closes a dialog or clears the entry on a page, asking first
only when something typed would be lost."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from station_app.core import people
from station_app.ui.context import StationContext
from station_app.ui.pages.people import PersonDialog
from station_app.ui.widgets import on_escape
from tests.ui.conftest import show_active, type_text
from tests.ui.dialogs import no, press, yes


def test_a_dialog_closes_at_once_when_nothing_was_typed_and_asks_when_something_was(app, qtbot, db, manager):
    ctx = StationContext(db)
    ctx.set_operator(manager)
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    show_active(dialog)
    type_text(qtbot, dialog.name, "张小明")
    keep = no(qtbot)
    press(qtbot, dialog.name, Qt.Key.Key_Escape)
    assert keep.done and dialog.isVisible() and dialog.name.text() == "张小明"
    drop = yes(qtbot)
    press(qtbot, dialog.name, Qt.Key.Key_Escape)
    assert drop.done and not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected

    her = people.add_person(db, manager, name="张桂英", phone="13812345678")
    edit = PersonDialog(ctx, her)  # what is shown is the record, not typing: Esc just closes
    qtbot.addWidget(edit)
    show_active(edit)
    press(qtbot, edit.name, Qt.Key.Key_Escape)
    assert not edit.isVisible()


def test_on_a_page_esc_clears_the_entry_after_asking(app, qtbot):
    page = QWidget()
    name, phone = QLineEdit(page), QLineEdit(page)
    layout = QVBoxLayout(page)
    layout.addWidget(name)
    layout.addWidget(phone)
    on_escape(page, [name, phone])
    qtbot.addWidget(page)
    show_active(page)
    press(qtbot, name, Qt.Key.Key_Escape)  # nothing typed: nothing asked
    qtbot.keyClicks(phone, "13812345678")
    clear = yes(qtbot)
    press(qtbot, phone, Qt.Key.Key_Escape)
    assert clear.done and phone.text() == "" and name.text() == ""
