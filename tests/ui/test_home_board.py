"""F1 今日 as a task board: the counts of today's work (from the one core query) that open the
list behind them by keyboard, warnings first, and the first-run checklist until it is done."""

from __future__ import annotations

from PySide6.QtCore import Qt

from station_app.core import bills, cash, parcels, settings, sync_state, today
from station_app.core.money import format_fen
from station_app.core.simulate import county_sends
from station_app.ui.context import StationContext
from station_app.ui.county_link import CountyLinkDialog
from station_app.ui.main_window import MainWindow
from station_app.ui.pages.bills import BillsPage
from station_app.ui.pages.home import HomePage
from station_app.ui.pages.parcels import OVERDUE, ParcelsPage
from tests.ui.conftest import show_active
from tests.ui.dialogs import answer_next, press


def board(qtbot, db, who):
    ctx = StationContext(db)
    ctx.set_operator(who)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 696)
    show_active(window)
    home = window.stack.currentWidget()
    assert isinstance(home, HomePage)
    return window, home


def tab_until(qtbot, window, widget, most=30):
    for _ in range(most):
        if widget.hasFocus():
            return
        press(qtbot, window.focusWidget() or window, Qt.Key.Key_Tab)
    assert widget.hasFocus()


def test_the_counts_are_todays_work_and_open_their_lists(app, qtbot, db, clock, manager, operator):
    cash.open_day(db, manager, counted=10_000)
    parcels.check_in_parcel(db, operator, waybill="YT7500000000011", phone="13812345678")
    clock.advance(days=settings.get(db, "parcels.overdue_days") + 1)
    parcels.check_in_parcel(db, operator, waybill="SF1000000000001", phone="13900001111")
    failed = bills.accept_payment(db, operator, product_id="water.bill", account="12345678", amount=2000)
    county_sends(db, [("county.bill_result", failed.id, bills.result_payload(failed.id, "failed"))])
    bills.accept_payment(db, operator, product_id="cmcc.topup", account="13812345678", amount=5000)
    window, home = board(qtbot, db, operator)
    t = today.today(db)
    shown = {key: tile.value.text() for key, tile in home.tiles.items()}
    assert shown["shelf"] == str(t.on_shelf) == "2"
    assert shown["overdue"] == str(t.overdue) == "1" and home.tiles["overdue"].property("state") == "attention"
    assert shown["bills_waiting"] == "1" and shown["refunds"] == "1"
    assert shown["drawer"] == format_fen(t.drawer) == "¥171.00"

    tab_until(qtbot, window, home.tiles["overdue"])
    press(qtbot, home.tiles["overdue"], Qt.Key.Key_Space)
    page = window.stack.currentWidget()
    assert isinstance(page, ParcelsPage) and page.tabs.currentIndex() == OVERDUE

    press(qtbot, window, Qt.Key.Key_F1)
    tab_until(qtbot, window, home.tiles["refunds"])
    press(qtbot, home.tiles["refunds"], Qt.Key.Key_Space)
    bills_page = window.stack.currentWidget()
    assert isinstance(bills_page, BillsPage) and bills_page.tabs.currentWidget() is bills_page.due_list
    assert bills_page.due_list.rowCount() == 1


def test_warnings_come_first_and_say_where_to_fix_them(app, qtbot, db, manager):
    window, home = board(qtbot, db, manager)
    texts = [w.line_text() for w in home.warning_buttons]
    assert texts and ("county" in texts[0] or "县" in texts[0])  # not connected: the first thing said
    assert home.warning_buttons[0].hasFocus()
    explained = answer_next(qtbot, Qt.Key.Key_Escape, kind=CountyLinkDialog)
    press(qtbot, home.warning_buttons[0], Qt.Key.Key_Space)  # Space (or Enter) opens how to connect
    assert explained.done and window.stack.currentWidget() is home

    window.on_printer_state("out_of_paper", "")
    texts = [w.line_text() for w in home.warning_buttons]
    assert any("paper" in t or "纸" in t for t in texts)
    assert "纸" in window.printer_state.text() or "paper" in window.printer_state.text()
    assert window.printer_state.objectName() == "error"


def test_the_first_run_checklist_goes_when_the_station_is_set_up(app, qtbot, db, manager):
    _, home = board(qtbot, db, manager)
    assert home.checklist.isVisible()
    states = {key: b.property("state") for key, b in home.checks.items()}
    assert states == {"link": "attention", "printer": "attention", "scanner": "attention", "cash": "attention"}
    cash.open_day(db, manager, counted=0)
    settings.set_value(db, manager, "printer.spec", "file:/tmp/never-printed.bin")
    today.note_scanner_seen(db)
    sync_state.save_enrollment(db, hub_url="https://hub.example.cn", station_id="s1", token="t", ca_file=None,
                               allow_http=False)
    home.refresh()
    assert not home.checklist.isVisible()


def test_the_link_warning_names_only_what_waits(app, db, manager, operator):
    from station_app.ui.home.warnings import warnings

    plain = today.today(db)
    assert not plain.enrolled and plain.bills_waiting == plain.sms_waiting == 0
    said = warnings(plain)[0].text
    assert " 0 " not in said and "{" not in said  # nothing waits: no "0 bill payments"
    parcels.check_in_parcel(db, operator, waybill="YT7500000000011", phone="13812345678")
    said = warnings(today.today(db))[0].text
    assert ("1 pickup texts" in said or "1 条取件短信" in said) and "bill" not in said and "缴费" not in said
