"""The consignment page by keyboard alone: the scanner is keystrokes (ASCII label payload +
Enter), the operator types (Chinese through the input method) and presses keys."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from station_app.core import cash, consignment, events, labels, people
from station_app.core.consignment import IntakeItem, SaleItem
from station_app.errors import UserError
from station_app.ui.context import StationContext
from station_app.ui.pages.consignment import ConsignmentPage, ConsignorDialog
from tests.ui.conftest import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def scan(qtbot, widget, payload: str) -> None:
    """What a wedge scanner does: the payload's characters as key presses, then Enter."""
    qtbot.keyClicks(widget, payload)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def refusal(action, *args, **kwargs) -> str:
    """The message the core gives for a refused action (the page must show exactly it)."""
    with pytest.raises(UserError) as err:
        action(*args, **kwargs)
    return str(err.value)


@pytest.fixture
def shop(db, manager):
    cash.open_day(db, manager, counted=10_000)
    her = people.add_person(db, manager, name="张桂英", phone="13812345678", village="东山村", categories=["poverty"])
    consignor = consignment.register_consignor(db, manager, person_id=her.id)
    intake = consignment.take_in(db, manager, consignor_id=consignor.id, items=[
        IntakeItem("土鸡蛋", "fresh", "盒", 3, 3000), IntakeItem("香菇", "processed", "斤", "12.5", 2800)])
    return consignor, intake


@pytest.fixture
def page(app, qtbot, db, manager, shop):
    ctx = StationContext(db)
    ctx.set_operator(manager)
    page = ConsignmentPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.activateWindow()
    assert QTest.qWaitForWindowActive(page)
    page.focus_first()
    return page


def test_sale_by_scanner_keystrokes_and_keyboard(page, qtbot, db, shop):
    _, intake = shop
    eggs, mushrooms = intake.lots
    e1, e2, _ = consignment.codes_of(db, eggs.id)
    mushroom = consignment.codes_of(db, mushrooms.id)[0]
    assert page.sale.scan.hasFocus()
    assert not page.sale.scan.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)

    scan(qtbot, page.sale.scan, labels.format_trace(e1))
    scan(qtbot, page.sale.scan, f"https://hub.example.cn/t/{e2}")  # a trace link scans as well
    assert page.sale.cart_table.rowCount() == 1 and page.sale.cart_table.item(0, 1).text() == "2 盒"
    assert page.sale.scan.text() == "" and page.sale.scan.hasFocus()

    # the same unit again, a forged and a foreign label: refused on screen, the sale unchanged
    scan(qtbot, page.sale.scan, labels.format_trace(e1))
    assert page.notice.objectName() == "error" and e1 in page.notice.text()
    forged = e2[:-6] + ("ZZZZZZ" if e2[-6:] != "ZZZZZZ" else "YYYYYY")
    page.sale.scan.clear()
    scan(qtbot, page.sale.scan, labels.format_trace(forged))
    assert page.notice.text() == refusal(consignment.check_label, db, forged)
    foreign = consignment.trace_code("other-station", "salt", 5, 1)
    page.sale.scan.clear()
    scan(qtbot, page.sale.scan, labels.format_trace(foreign))
    assert page.notice.text() == refusal(consignment.check_label, db, foreign)
    assert page.sale.cart_table.rowCount() == 1

    # weighed goods: the quantity typed first, then the lot label scanned; too much is refused
    page.sale.scan.clear()
    qtbot.keyClick(page.sale.scan, Qt.Key.Key_Tab)
    assert page.sale.quantity.hasFocus()
    page.sale.quantity.selectAll()
    qtbot.keyClicks(page.sale.quantity, "20")
    page.sale.scan.setFocus()
    scan(qtbot, page.sale.scan, consignment.label_payload(db, mushroom))
    assert page.notice.objectName() == "error" and "12.5" in page.notice.text()
    page.sale.scan.clear()
    page.sale.quantity.setText("2.5")
    scan(qtbot, page.sale.scan, consignment.label_payload(db, mushroom))
    assert page.sale.cart_table.rowCount() == 2 and page.sale.cart_table.item(1, 3).text() == "¥70.00"
    assert page.sale.total.text().endswith("¥130.00")

    # a discount, then Ctrl+Enter takes the money
    page.sale.discount.setFocus()
    qtbot.keyClicks(page.sale.discount, "5")
    page.sale.tendered.setFocus()
    qtbot.keyClicks(page.sale.tendered, "200")
    qtbot.keyClick(page.sale.tendered, Qt.Key.Key_Return, CTRL)
    sale = db.row("SELECT * FROM consign_sales")
    assert sale is not None and (sale["total"], sale["tendered"]) == (12_500, 20_000)
    assert sale["number"] in page.notice.text() and "¥75.00" in page.notice.text()
    assert sale["number"] in page.slip.toPlainText() and "￥125.00" in page.slip.toPlainText()  # as on paper
    assert page.sale.cart_table.rowCount() == 0 and page.sale.scan.hasFocus()
    assert cash.drawer_balance(db) == 10_000 + 12_500 and cash.ledger_problems(db) == []

    # the sold label scanned again: a reused label
    scan(qtbot, page.sale.scan, labels.format_trace(e1))
    assert sale["number"] in page.notice.text()

    # goods come back: receipt number, reason (typed in Chinese), Ctrl+R
    page.sale.scan.clear()
    page.sale.receipt_no.setFocus()
    qtbot.keyClicks(page.sale.receipt_no, sale["number"].lower())
    type_text(qtbot, page.sale.reason, "顾客退货")
    qtbot.keyClick(page.sale.reason, Qt.Key.Key_R, CTRL)
    assert db.value("SELECT status FROM consign_returns") == "done"
    assert cash.drawer_balance(db) == 10_000 and "¥125.00" in page.notice.text()


def test_pick_from_stock_by_chinese_name_and_by_lot_number(page, qtbot, db, shop):
    _, intake = shop
    qtbot.keyClick(page.sale.scan, Qt.Key.Key_F, CTRL)
    assert page.sale.search.hasFocus()
    type_text(qtbot, page.sale.search, "香菇")
    assert page.sale.pick.rowCount() == 1 and page.sale.pick.item(0, 1).text() == "香菇"
    qtbot.keyClick(page.sale.search, Qt.Key.Key_Return)
    assert page.sale.cart_table.rowCount() == 1 and page.sale.cart_table.item(0, 1).text() == "1 斤"
    # the lot number typed in the scan field, with a quantity
    page.sale.quantity.setText("2")
    page.sale.scan.setFocus()
    scan(qtbot, page.sale.scan, str(intake.lots[0].lot_no))
    assert page.sale.cart_table.rowCount() == 2 and page.sale.cart_table.item(1, 1).text() == "2 盒"
    # Delete removes a line
    page.sale.cart_table.setFocus()
    page.sale.cart_table.selectRow(0)
    qtbot.keyClick(page.sale.cart_table, Qt.Key.Key_Delete)
    assert page.sale.cart_table.rowCount() == 1 and page.sale.cart_table.item(0, 0).text() == "土鸡蛋"
    page.sale.payment.setCurrentIndex(page.sale.payment.findData("qr"))
    qtbot.keyClick(page.sale.cart_table, Qt.Key.Key_Return, CTRL)
    assert db.value("SELECT payment FROM consign_sales") == "qr"
    assert cash.drawer_balance(db) == 10_000  # a QR payment does not touch the drawer


def test_intake_by_keyboard_prints_labels_and_refuses_bad_prices(page, qtbot, db, shop):
    consignor, _ = shop
    qtbot.keyClick(page.sale.scan, Qt.Key.Key_2, CTRL)
    assert page.tabs.currentIndex() == 1 and page.intake.item_name.hasFocus()
    assert page.intake.intake_consignor.currentData() == consignor.id
    type_text(qtbot, page.intake.item_name, "蜂蜜")
    page.intake.item_category.setCurrentIndex(page.intake.item_category.findData("processed"))
    page.intake.item_unit.setCurrentText("罐")
    page.intake.item_quantity.setFocus()
    qtbot.keyClicks(page.intake.item_quantity, "4")
    page.intake.item_price.setFocus()
    qtbot.keyClicks(page.intake.item_price, "68")
    qtbot.keyClick(page.intake.item_price, Qt.Key.Key_Return)
    assert page.intake.intake_table.rowCount() == 1 and page.intake.item_name.hasFocus()
    # a second item with a price of zero: refused as it is entered, the price selected to type over
    type_text(qtbot, page.intake.item_name, "竹笋")
    page.intake.item_quantity.setFocus()
    qtbot.keyClicks(page.intake.item_quantity, "10")
    page.intake.item_price.setFocus()
    qtbot.keyClicks(page.intake.item_price, "0")
    before = events.last_seq(db)
    qtbot.keyClick(page.intake.item_price, Qt.Key.Key_Return)
    assert page.notice.objectName() == "error" and page.notice.text() == refusal(consignment.check_price, 0)
    assert page.intake.intake_table.rowCount() == 1 and page.intake.item_price.hasFocus()
    assert page.intake.item_name.text() == "竹笋" and page.intake.item_quantity.text() == "10"
    qtbot.keyClicks(page.intake.item_price, "12")
    qtbot.keyClick(page.intake.item_price, Qt.Key.Key_Return)
    assert page.intake.intake_table.rowCount() == 2 and page.intake.intake_table.currentRow() == 1
    # the consignor takes the bamboo shoots home after all: one key drops the line just added
    assert page.intake.item_name.hasFocus()
    qtbot.keyClick(page.intake.item_name, Qt.Key.Key_Delete, CTRL)
    assert page.intake.intake_table.rowCount() == 1 and "竹笋" in page.notice.text()
    assert events.last_seq(db) == before
    qtbot.keyClick(page.intake.item_name, Qt.Key.Key_S, CTRL)
    lot = db.row("SELECT * FROM consign_lots WHERE name = '蜂蜜'")
    assert lot is not None and (lot["quantity_m"], lot["price"], lot["per_unit"]) == (4000, 6800, 1)
    codes = consignment.codes_of(db, lot["id"])
    assert len(codes) == 4 and all(f"VS1:T:{c}" in page.slip.toPlainText() for c in codes)
    assert page.intake.intake_table.rowCount() == 0


def test_new_consignor_needs_a_phone(page, qtbot, db, shop):
    qtbot.keyClick(page.sale.scan, Qt.Key.Key_2, CTRL)
    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConsignorDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.name.setFocus()
        type_text(qtbot, dialog.name, "幸福村竹编合作社")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        seen["refusal"] = dialog.notice.text()
        dialog.phone.setFocus()
        qtbot.keyClicks(dialog.phone, "13900001111")
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)

    QTimer.singleShot(20, answer)
    qtbot.keyClick(page.intake.item_name, Qt.Key.Key_N, CTRL)
    assert seen["refusal"] == refusal(consignment.register_consignor, db, None, name="幸福村竹编合作社")
    coop = db.row("SELECT * FROM consignors WHERE kind = 'coop'")
    assert coop is not None and coop["phone"] == "13900001111"
    assert page.intake.intake_consignor.currentData() == coop["id"]


def test_settle_and_pay_by_keyboard(page, qtbot, db, shop, manager, clock):
    consignor, intake = shop
    consignment.sell(db, manager, items=[SaleItem(lot_id=intake.lots[0].id, quantity=2)])
    pending_sale = consignment.sell(db, manager, items=[SaleItem(lot_id=intake.lots[1].id, quantity="1")])
    waiting = consignment.return_items(db, manager, sale_id=pending_sale.id, reason="待检验", refund_now=False)
    clock.advance(days=1)
    qtbot.keyClick(page.sale.scan, Qt.Key.Key_4, CTRL)
    assert page.tabs.currentIndex() == 3
    page.settle.settle_consignor.setCurrentIndex(page.settle.settle_consignor.findData(consignor.id))
    assert (page.settle.settle_start.text(), page.settle.settle_end.text()) == ("2026-10-01", "2026-10-31")
    qtbot.keyClick(page.settle.settle_consignor, Qt.Key.Key_M, ALT)  # this month, to today: no date typed
    assert (page.settle.settle_start.text(), page.settle.settle_end.text()) == ("2026-11-01", "2026-11-03")
    page.settle.settle_end.setFocus()
    qtbot.keyClick(page.settle.settle_end, Qt.Key.Key_Down)  # the arrows move the day under the cursor
    assert page.settle.settle_end.text() == "2026-11-02"
    qtbot.keyClick(page.settle.settle_end, Qt.Key.Key_Return)
    assert "¥79.20" in page.notice.text()  # preview: 60.00 + 28.00, less 10 % commission
    qtbot.keyClick(page.settle.settle_end, Qt.Key.Key_S, CTRL)
    assert waiting.number in page.notice.text() and db.value("SELECT count(*) FROM consign_settlements") == 0
    consignment.cancel_return(db, manager, return_id=waiting.id, reason="顾客不退了")
    qtbot.keyClick(page.settle.settle_end, Qt.Key.Key_S, CTRL)
    statement = db.row("SELECT * FROM consign_settlements")
    assert statement is not None and statement["due"] == 5_400 + 2_520
    assert page.settle.statements.hasFocus() and page.settle.statements.current_key() == statement["id"]
    drawer = cash.drawer_balance(db)
    qtbot.keyClick(page.settle.statements, Qt.Key.Key_P, CTRL)
    assert db.value("SELECT status FROM consign_settlements") == "paid"
    assert cash.drawer_balance(db) == drawer - 7_920 and cash.ledger_problems(db) == []
    assert "张桂英" in page.slip.toPlainText() and "￥79.20" in page.slip.toPlainText()
