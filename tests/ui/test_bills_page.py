"""The bills page, driven by the keyboard alone: Enter moves on and never takes money, the
read-back shows the whole account number, every villager starts with an empty amount, a
duplicate warning, a refund, a void, Esc, and a payment after the daily close."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from station_app.core import bills, cash
from station_app.core.changes import Changes
from station_app.core.simulate import county_sends
from station_app.i18n import translate
from station_app.ui.bill_dialogs import ReadBackDialog, VoidDialog
from station_app.ui.context import StationContext
from station_app.ui.pages.bills import BillsPage
from tests.ui.conftest import type_text
from tests.ui.dialogs import answer_next, back_to, no, press, yes

CTRL = Qt.KeyboardModifier.ControlModifier


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
    press(qtbot, widget, k, modifier)


def choose(qtbot, page, product_id):
    ids = [p.id for p in bills.catalogue(page.ctx.db).products]
    page.products.setFocus()
    key(qtbot, page.products, Qt.Key.Key_Home)
    for _ in range(ids.index(product_id)):
        key(qtbot, page.products, Qt.Key.Key_Down)
    assert page.current_product().id == product_id
    key(qtbot, page.products, Qt.Key.Key_Return)
    assert page.account.hasFocus()


def top_up_by_keyboard(qtbot, page, phone, cash_text, downs=2):
    """Phone, Enter, the face value by arrows, Enter, (no payer) Enter, cash."""
    choose(qtbot, page, "cmcc.topup")
    type_text(qtbot, page.account, phone)
    key(qtbot, page.account, Qt.Key.Key_Return)
    assert page.face.hasFocus() and page.face.currentIndex() == -1  # no amount until chosen
    for _ in range(downs):
        key(qtbot, page.face, Qt.Key.Key_Down)
    key(qtbot, page.face, Qt.Key.Key_Return)
    assert page.payer.hasFocus()
    key(qtbot, page.payer, Qt.Key.Key_Return)
    assert page.cash.hasFocus()
    type_text(qtbot, page.cash, cash_text)


def read_back(dialog):
    return {label.objectName(): label.text() for label in dialog.findChildren(QLabel) if label.objectName()}


def test_a_top_up_read_back_in_full_and_taken_by_keyboard_alone(app, qtbot, db, operator):
    page, printed = open_page(qtbot, db, operator)
    assert page.products.hasFocus()
    top_up_by_keyboard(qtbot, page, "13812345678", "100")
    assert page.face.currentData() == 5000
    assert page.due.text() == "¥50.00" and page.change.text() == "¥50.00"
    shown = answer_next(qtbot, Qt.Key.Key_Return, inspect=read_back, kind=ReadBackDialog)
    key(qtbot, page.cash, Qt.Key.Key_Return)  # the last field's Enter opens the read-back
    assert shown.done
    assert shown.seen["readbackAccount"] == "1381 2345 678"  # the whole number, for reading aloud
    assert shown.seen["readbackAmount"] == "¥50.00" and "话费" in shown.seen["readbackService"]

    rows = db.rows("SELECT * FROM bills")
    assert len(rows) == 1
    bill = bills.get_bill(db, rows[0]["id"])
    assert (bill.state, bill.amount, bill.cash_received, bill.change) == ("accepted", 5000, 10000, 5000)
    assert cash.ledger_problems(db) == [] and cash.drawer_balance(db) == 5000
    assert bill.receipt_no in page.notice.text()
    assert page.waiting.rowCount() == 1 and page.waiting.item(0, 2).text() == "138****5678"
    # printed and shown masked, saying plainly it is not paid yet
    assert [r.kind for r in printed] == ["bill_accepted"]
    slip = page.slip.toPlainText()
    assert translate("receipt", "NOT PAID YET") in slip and "138****5678" in slip and "13812345678" not in slip
    # ready for the next villager, with no amount left from before
    back_to(qtbot, page)
    assert page.account.hasFocus()
    assert page.account.text() == "" and page.cash.text() == "" and page.face.currentIndex() == -1


def test_enter_in_the_phone_field_moves_on_and_never_takes_money(app, qtbot, db, operator):
    page, _ = open_page(qtbot, db, operator)
    choose(qtbot, page, "cmcc.topup")
    type_text(qtbot, page.account, "13812345678")
    for widget in (page.account, page.face, page.payer):
        key(qtbot, widget, Qt.Key.Key_Return)
    assert page.cash.hasFocus() and db.value("SELECT count(*) FROM bills") == 0
    # the read-back refused: nothing taken, and the keyboard goes to the missing amount
    key(qtbot, page.cash, Qt.Key.Key_Return)
    assert db.value("SELECT count(*) FROM bills") == 0 and page.face.hasFocus() and page.notice.isVisible()
    # a read-back answered "back" (Esc) takes nothing either
    key(qtbot, page.face, Qt.Key.Key_Down)
    back = answer_next(qtbot, Qt.Key.Key_Escape, kind=ReadBackDialog)
    key(qtbot, page, Qt.Key.Key_Return, CTRL)
    assert back.done and db.value("SELECT count(*) FROM bills") == 0


def test_bad_input_is_refused_on_the_page(app, qtbot, db, operator):
    page, _ = open_page(qtbot, db, operator)
    choose(qtbot, page, "sgcc.power")
    assert page.account_label.text() == "电费户号"  # the account is named as the biller names it
    type_text(qtbot, page.account, "12345")
    key(qtbot, page.account, Qt.Key.Key_Return)
    assert page.amount.hasFocus()  # free amount: the face-value list is hidden
    type_text(qtbot, page.amount, "80")
    key(qtbot, page.amount, Qt.Key.Key_Return, CTRL)
    assert page.notice.text() and db.value("SELECT count(*) FROM bills") == 0
    page.account.clear()
    type_text(qtbot, page.account, "3300123456789")
    page.cash.setFocus()
    type_text(qtbot, page.cash, "50")
    assert "30.00" in page.change.text()  # short by ¥30
    key(qtbot, page.cash, Qt.Key.Key_Return)
    assert "¥50.00" in page.notice.text() and db.value("SELECT count(*) FROM bills") == 0
    page.cash.clear()
    take = answer_next(qtbot, Qt.Key.Key_Return, inspect=read_back, kind=ReadBackDialog)
    key(qtbot, page.cash, Qt.Key.Key_Return)  # empty cash means exactly the amount
    assert take.seen["readbackAccount"] == "3300 1234 5678 9"
    assert db.value("SELECT count(*) FROM bills") == 1


def test_the_phone_top_up_calls_its_field_a_phone_number(app, qtbot, db, operator):
    page, _ = open_page(qtbot, db, operator)
    choose(qtbot, page, "cmcc.topup")
    assert page.account_label.text() == "手机号码" and "户号" not in page.account_label.text()


def test_the_same_account_again_asks_first(app, qtbot, db, operator):
    page, _ = open_page(qtbot, db, operator)
    top_up_by_keyboard(qtbot, page, "13812345678", "50")
    answer_next(qtbot, Qt.Key.Key_Return, kind=ReadBackDialog)
    key(qtbot, page.cash, Qt.Key.Key_Return)
    assert db.value("SELECT count(*) FROM bills") == 1

    top_up_by_keyboard(qtbot, page, "13812345678", "50")
    answer_next(qtbot, Qt.Key.Key_Return, kind=ReadBackDialog)
    refused = no(qtbot)
    key(qtbot, page.cash, Qt.Key.Key_Return)
    assert "138****5678" in refused.text
    assert db.value("SELECT count(*) FROM bills") == 1 and page.notice.text()

    answer_next(qtbot, Qt.Key.Key_Return, kind=ReadBackDialog)
    again = yes(qtbot)
    page.cash.setFocus()
    key(qtbot, page.cash, Qt.Key.Key_Return)
    assert again.done
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

    key(qtbot, page, Qt.Key.Key_R, CTRL)
    assert bills.get_bill(db, failed.id).state == "refunded"
    assert page.due_list.rowCount() == 0 and "¥21.00" in page.notice.text()
    assert printed[-1].kind == "bill_refunded"
    assert cash.ledger_problems(db) == [] and cash.drawer_balance(db) == 10000
    key(qtbot, page, Qt.Key.Key_R, CTRL)  # nothing more to refund: said on the page
    assert page.notice.text()
    page.tabs.setCurrentWidget(page.paid)
    page.paid.selectRow(0)
    page._show_selected()
    key(qtbot, page, Qt.Key.Key_P, CTRL)
    assert printed[-1].kind == "bill_paid" and "CM77" in page.slip.toPlainText()


def test_a_bill_taken_by_mistake_is_voided_before_upload_with_ctrl_delete(app, qtbot, db, manager, operator):
    cash.open_day(db, manager, counted=10_000)
    bill = bills.accept_payment(db, operator, product_id="sgcc.power", account="3300123456789", amount=8000)
    page, printed = open_page(qtbot, db, operator)
    page.refresh()
    page.waiting.setFocus()
    page.waiting.selectRow(0)
    keep = answer_next(qtbot, Qt.Key.Key_Escape, kind=VoidDialog)
    key(qtbot, page.waiting, Qt.Key.Key_Delete, CTRL)
    assert keep.done and bills.get_bill(db, bill.id).state == "accepted"  # Esc voids nothing

    def pick_reason(dialog):
        type_text(qtbot, dialog.reason.lineEdit(), "户号输错")
        return "3300 1234 5678 9" in dialog.findChild(QLabel, "big").text()

    void = answer_next(qtbot, (Qt.Key.Key_Return, CTRL), inspect=pick_reason, kind=VoidDialog)
    key(qtbot, page.waiting, Qt.Key.Key_Delete, CTRL)
    assert void.seen is True and ("不会" in void.text or "never" in void.text)
    done = bills.get_bill(db, bill.id)
    assert done.state == "voided" and done.void_reason == "户号输错"
    assert cash.drawer_balance(db) == 10_000 and cash.ledger_problems(db) == []
    assert printed[-1].kind == "bill_voided" and done.void_no in page.notice.text()
    assert page.waiting.rowCount() == 0


def test_esc_clears_the_entry_after_asking(app, qtbot, db, operator):
    page, _ = open_page(qtbot, db, operator)
    choose(qtbot, page, "cmcc.topup")
    type_text(qtbot, page.account, "13812345678")
    kept = no(qtbot)
    key(qtbot, page.account, Qt.Key.Key_Escape)
    assert kept.done and page.account.text() == "13812345678"
    cleared = yes(qtbot)
    key(qtbot, page.account, Qt.Key.Key_Escape)
    assert cleared.done and page.account.text() == ""
    back_to(qtbot, page)
    assert page.account.hasFocus()


def test_a_payment_after_the_daily_close_asks_to_open_another_day(app, qtbot, db, manager, operator):
    cash.open_day(db, manager, counted=0)
    cash.close_day(db, manager, counted=0)
    page, _ = open_page(qtbot, db, operator)
    top_up_by_keyboard(qtbot, page, "13812345678", "50")
    answer_next(qtbot, Qt.Key.Key_Return, kind=ReadBackDialog)
    stay_closed = no(qtbot)
    key(qtbot, page.cash, Qt.Key.Key_Return)
    assert "2026-11-02" in stay_closed.text
    assert db.value("SELECT count(*) FROM bills") == 0 and cash.open_period(db) is None and page.notice.text()
    answer_next(qtbot, Qt.Key.Key_Return, kind=ReadBackDialog)
    reopen = yes(qtbot)
    page.cash.setFocus()
    key(qtbot, page.cash, Qt.Key.Key_Return)
    assert reopen.done and db.value("SELECT count(*) FROM bills") == 1
    assert db.value("SELECT count(*) FROM cash_periods") == 2 and cash.open_period(db).label_day == "2026-11-02"


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
