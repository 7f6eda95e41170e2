"""The cash page never surprises: Ctrl+D asks with the count and its difference, a second
business day after the close asks, and a difference is coloured by meaning (short red)."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from station_app.core import cash
from station_app.ui.context import StationContext
from station_app.ui.pages.cash import CashPage
from station_app.ui.widgets import STATE_COLOURS
from tests.ui.conftest import show_active, type_text
from tests.ui.dialogs import no, press, yes

CTRL = Qt.KeyboardModifier.ControlModifier


def open_page(qtbot, db, who):
    ctx = StationContext(db)
    ctx.set_operator(who)
    page = CashPage(ctx)
    qtbot.addWidget(page)
    show_active(page)
    page.focus_first()
    return page


def test_a_count_short_is_red_over_amber_even_green(app, qtbot, db, manager):
    cash.open_day(db, manager, counted=100_000)
    page = open_page(qtbot, db, manager)
    for typed, colour in (("997.78", "error"), ("1000.50", "caution"), ("1000", "ok")):
        type_text(qtbot, page.amount, typed)
        press(qtbot, page.amount, Qt.Key.Key_T, CTRL)
        assert page.notice.objectName() == colour, (typed, page.notice.text())


def test_the_daily_close_asks_first_and_shows_a_shortage_in_red(app, qtbot, db, manager):
    cash.open_day(db, manager, counted=300_000)
    page = open_page(qtbot, db, manager)
    type_text(qtbot, page.amount, "29.78")
    not_now = no(qtbot)
    press(qtbot, page.amount, Qt.Key.Key_D, CTRL)
    assert "-¥2,970.22" in not_now.text and cash.open_period(db) is not None  # nothing closed
    close = yes(qtbot)
    press(qtbot, page.amount, Qt.Key.Key_D, CTRL)
    assert close.done and cash.open_period(db) is None
    assert page.notice.objectName() == "error" and "-¥2,970.22" in page.notice.text()
    cell = page.history.item(0, 4)
    assert cell.text() == "-¥2,970.22" and cell.foreground().color() == QColor(STATE_COLOURS["bad"])


def test_a_second_business_day_after_the_close_is_asked_for(app, qtbot, db, manager):
    cash.open_day(db, manager, counted=0)
    cash.close_day(db, manager, counted=0)
    page = open_page(qtbot, db, manager)
    type_text(qtbot, page.amount, "50")
    stay = no(qtbot)
    press(qtbot, page.amount, Qt.Key.Key_O, CTRL)
    assert "2026-11-02" in stay.text and cash.open_period(db) is None
    again = yes(qtbot)
    press(qtbot, page.amount, Qt.Key.Key_O, CTRL)
    assert again.done and cash.open_period(db) is not None
    assert db.value("SELECT count(*) FROM cash_periods WHERE label_day = '2026-11-02'") == 2
