"""The bills page, driven by the keyboard alone: a top-up, a duplicate warning, a refund."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from station_app.core import bills, cash
from station_app.core.changes import Changes
from station_app.core.simulate import county_sends
from station_app.i18n import translate
from station_app.ui.context import StationContext
from station_app.ui.pages.bills import BillsPage
from tests.ui.conftest import type_text


def open_page(qtbot, db, operator):
    ctx = StationContext(db)
    ctx.set_operator(operator)
    printed = []
    page = BillsPage(ctx, print_doc=printed.append)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    assert QTest.qWaitForWindowActive(page)
    page.focus_first()
    return page, printed


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, k, modifier)


def choose(qtbot, page, product_id):
    ids = [p.id for p in bills.catalogue(page.ctx.db).products]
    page.products.setFocus()
    key(qtbot, page.products, Qt.Key.Key_Home)
    for _ in range(ids.index(product_id)):
        key(qtbot, page.products, Qt.Key.Key_Down)
    assert page.current_product().id == product_id
    key(qtbot, page.products, Qt.Key.Key_Return)
    assert page.account.hasFocus()


def top_up_by_keyboard(qtbot, page, phone, cash_text):
    choose(qtbot, page, "cmcc.topup")
    type_text(qtbot, page.account, phone)
    key(qtbot, page.account, Qt.Key.Key_Tab)
    assert page.face.hasFocus()
    key(qtbot, page.face, Qt.Key.Key_Down)  # ¥30 -> ¥50
    assert page.face.currentData() == 5000
    key(qtbot, page.face, Qt.Key.Key_Tab)
    assert page.payer.hasFocus()
    key(qtbot, page.payer, Qt.Key.Key_Tab)
    assert page.cash.hasFocus()
    type_text(qtbot, page.cash, cash_text)


def answer_warning(qtbot, letter):
    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isActiveWindow():  # keys reach only the active window
            QTimer.singleShot(20, answer)
            return
        answer.text = box.text()
        qtbot.keyClick(box, letter)
        if box.isVisible():
            QTimer.singleShot(20, answer)

    answer.text = None
    QTimer.singleShot(20, answer)
    return answer


def test_a_top_up_taken_by_keyboard_alone(app, qtbot, db, operator):
    page, printed = open_page(qtbot, db, operator)
    assert page.products.hasFocus()
    assert "Built-in" in page.source.text() or "内置" in page.source.text()
    top_up_by_keyboard(qtbot, page, "13812345678", "100")
    assert page.due.text() == "¥50.00" and page.change.text() == "¥50.00"
    key(qtbot, page.cash, Qt.Key.Key_Return)

    rows = db.rows("SELECT * FROM bills")
    assert len(rows) == 1
    bill = bills.get_bill(db, rows[0]["id"])
    assert (bill.state, bill.amount, bill.cash_received, bill.change) == ("accepted", 5000, 10000, 5000)
    assert cash.ledger_problems(db) == [] and cash.drawer_balance(db) == 5000
    assert bill.receipt_no in page.notice.text()
    assert page.waiting.rowCount() == 1 and page.waiting.item(0, 2).text() == "138****5678"
    # the slip was printed and shown, and says plainly it is not paid yet
    assert [r.kind for r in printed] == ["bill_accepted"]
    slip = page.slip.toPlainText()
    assert translate("receipt", "NOT PAID YET") in slip and "138****5678" in slip and "13812345678" not in slip
    assert translate("bills", bills.RECEIPT_NOTICES["accepted"]) in slip
    # ready for the next villager
    assert page.account.hasFocus() and page.account.text() == "" and page.cash.text() == ""


def test_bad_input_is_refused_on_the_page(app, qtbot, db, operator):
    page, _ = open_page(qtbot, db, operator)
    choose(qtbot, page, "sgcc.power")
    type_text(qtbot, page.account, "12345")
    key(qtbot, page.account, Qt.Key.Key_Tab)
    assert page.amount.hasFocus()  # free amount: the face-value list is hidden
    type_text(qtbot, page.amount, "80")
    key(qtbot, page.amount, Qt.Key.Key_Return)
    assert page.notice.text() and db.value("SELECT count(*) FROM bills") == 0
    page.account.clear()
    type_text(qtbot, page.account, "3300123456789")
    page.cash.setFocus()
    type_text(qtbot, page.cash, "50")
    assert page.change.text() != "¥0.00" and "30.00" in page.change.text()  # short by ¥30
    key(qtbot, page.cash, Qt.Key.Key_Return)
    assert "¥50.00" in page.notice.text() and db.value("SELECT count(*) FROM bills") == 0
    page.cash.clear()
    key(qtbot, page.cash, Qt.Key.Key_Return)  # empty cash means exactly the amount
    assert db.value("SELECT count(*) FROM bills") == 1


def test_the_same_account_again_asks_first(app, qtbot, db, operator):
    page, _ = open_page(qtbot, db, operator)
    top_up_by_keyboard(qtbot, page, "13812345678", "50")
    key(qtbot, page.cash, Qt.Key.Key_Return)
    assert db.value("SELECT count(*) FROM bills") == 1

    top_up_by_keyboard(qtbot, page, "13812345678", "50")
    no = answer_warning(qtbot, Qt.Key.Key_N)
    key(qtbot, page.cash, Qt.Key.Key_Return)
    assert no.text and "138****5678" in no.text
    assert db.value("SELECT count(*) FROM bills") == 1
    assert page.notice.text()

    yes = answer_warning(qtbot, Qt.Key.Key_Y)
    page.cash.setFocus()
    key(qtbot, page.cash, Qt.Key.Key_Return)
    assert yes.text
    assert db.value("SELECT count(*) FROM bills") == 2
    assert db.value("SELECT count(*) FROM bills WHERE duplicate_of IS NOT NULL") == 1


def test_results_show_and_a_failed_one_is_refunded_with_ctrl_r(app, qtbot, db, operator):
    page, printed = open_page(qtbot, db, operator)
    paid = bills.accept_payment(db, operator, product_id="cmcc.topup", account="13900001111", amount=10000)
    failed = bills.accept_payment(db, operator, product_id="water.bill", account="12345678", amount=2000,
                                  payer_name="张大山")
    county_sends(db, [
        ("county.bill_result", paid.id, bills.result_payload(paid.id, "paid", biller_ref="CM77")),
        ("county.bill_result", failed.id, bills.result_payload(failed.id, "failed", message="户号不存在")),
    ])
    page.ctx.changed.emit(Changes.SYNC)  # what sync announces after a pull
    assert page.waiting.rowCount() == 0 and page.paid.rowCount() == 1 and page.due_list.rowCount() == 1
    assert page.paid.item(0, 4).text() == "CM77"
    assert page.due_list.item(0, 4).text() == "¥21.00"

    key(qtbot, page, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert bills.get_bill(db, failed.id).state == "refunded"
    assert page.due_list.rowCount() == 0 and "¥21.00" in page.notice.text()
    assert printed[-1].kind == "bill_refunded"
    assert cash.ledger_problems(db) == [] and cash.drawer_balance(db) == 10000
    # nothing more to refund: said on the page
    key(qtbot, page, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert page.notice.text()
    # the paid one's success receipt, printed again with Ctrl+P
    page.tabs.setCurrentWidget(page.paid)
    page.paid.selectRow(0)
    page._show_selected()
    key(qtbot, page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed[-1].kind == "bill_paid" and "CM77" in page.slip.toPlainText()


def test_a_manager_settles_a_conflict_on_the_page(app, qtbot, db, manager, operator):
    cash.open_day(db, manager, counted=20_000)
    bill = bills.accept_payment(db, operator, product_id="cmcc.topup", account="13812345678", amount=5000,
                                cash_received=5000)

    def result(status, ref=""):
        county_sends(db, [("county.bill_result", bill.id, bills.result_payload(
            bill.id, status, biller_ref=ref, at="2026-11-02T03:00:00.000Z"))])

    result("failed")
    bills.refund_bill(db, operator, bill_id=bill.id)
    result("paid", "LATE1")  # paid after the money went back: a person must sort it out
    page, _ = open_page(qtbot, db, operator)
    page.refresh()
    page.tabs.setCurrentIndex(3)
    assert page.conflicts.rowCount() == 1 and "1" in page.tabs.tabText(3)
    page.conflicts.selectRow(0)
    type_text(qtbot, page.settle_note, "县中心已撤销该笔缴费")
    key(qtbot, page.settle_note, Qt.Key.Key_Return)
    assert page.notice.objectName() == "error"  # an operator may not
    assert bills.conflicts(db) and page.settle_note.hasFocus()
    page.ctx.set_operator(manager)
    key(qtbot, page.settle_note, Qt.Key.Key_Return)
    assert page.notice.objectName() == "ok" and bills.conflicts(db) == []
    assert bills.get_bill(db, bill.id).conflict_note == "县中心已撤销该笔缴费"
    page.refresh()
    assert page.conflicts.rowCount() == 0
