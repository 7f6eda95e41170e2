"""Proxy orders and county online-shop orders on the consignment page, by keyboard and scanner,
with receipts going to a file printer and decoded back from their ESC/POS bytes."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from printer.emulator import decode
from station_app.core import (
    cash,
    consignment,
    labels,
    online_orders,
    outbound,
    parcels,
    people,
    proxy_orders,
    settings,
)
from station_app.core.consignment import IntakeItem
from station_app.core.simulate import county_sends
from station_app.ui.context import StationContext
from station_app.ui.pages.consignment import ONLINE, ORDERS, ConsignmentPage
from station_app.ui.parcels.check_in import CheckInTab
from station_app.ui.printing import PrinterPort
from tests.ui.conftest import type_text

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def enter(qtbot, widget):
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def scan(qtbot, widget, payload):
    qtbot.keyClicks(widget, payload)
    enter(qtbot, widget)


@pytest.fixture
def printed(db, manager, tmp_path):
    out = tmp_path / "printer.bin"
    settings.set_value(db, manager, "printer.spec", f"file:{out}")
    return out


@pytest.fixture
def ctx(app, db, manager, printed):
    cash.open_day(db, manager, counted=20_000)
    county_sends(db, [("county.catalogue_item", "cat-fert", {"name": "复合肥", "spec": "50公斤/袋", "unit": "袋",
                                                            "price": 16_500, "supplier": "县供销社", "active": True})])
    ctx = StationContext(db)
    ctx.printer = PrinterPort(db, ctx)
    ctx.set_operator(manager)
    yield ctx
    ctx.printer.stop()


def receipts(ctx, out):
    assert ctx.printer.queue.wait_idle(10)
    return decode(out.read_bytes()).text


@pytest.fixture
def page(qtbot, ctx):
    page = ConsignmentPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 860)
    page.show()
    page.activateWindow()
    assert QTest.qWaitForWindowActive(page)
    page.focus_first()
    return page


@pytest.fixture
def villager(db, manager):
    return people.add_person(db, manager, name="赵大爷", phone="13611112222", village="河湾村", categories=["poverty"])


def test_a_proxy_order_from_the_catalogue_by_keyboard_then_picked_up_with_its_parcel(page, qtbot, db, ctx, printed,
                                                                                     villager, manager):
    qtbot.keyClick(page, Qt.Key.Key_5, CTRL)
    tab = page.orders
    assert page.tabs.currentIndex() == ORDERS and tab.search.hasFocus()
    # the villager by phone, Enter; the catalogue item with Down; Enter through quantity and fee to the deposit
    type_text(qtbot, tab.villager, "13611112222")
    enter(qtbot, tab.villager)
    assert tab.item.hasFocus() and "赵大爷" in tab.villager_seen.text()
    qtbot.keyClick(tab.item, Qt.Key.Key_Down)
    enter(qtbot, tab.item)
    assert tab.quantity.hasFocus()  # the request and its estimate come from the catalogue
    tab.quantity.selectAll()
    type_text(qtbot, tab.quantity, "2")
    enter(qtbot, tab.quantity)
    assert tab.fee.hasFocus() and tab.fee.text() == "2.00"  # the station's usual fee
    enter(qtbot, tab.fee)
    type_text(qtbot, tab.deposit, "100")
    assert "332.00" in tab.total.text() and "232.00" in tab.total.text()
    enter(qtbot, tab.deposit)
    enter(qtbot, tab.payment)
    order = proxy_orders.open_orders(db)[0]
    assert (order.estimate, order.fee, order.deposit, order.poverty) == (33_000, 200, 10_000, True)
    assert order.number in tab.notice.text() and tab.notice.objectName() == "ok"
    slip = receipts(ctx, printed)
    assert "代购" in slip and order.number in slip and "￥100.00" in slip and "136****2222" in slip

    # the goods come as a parcel: check-in offers the link, Alt+O makes it
    check_in = CheckInTab(ctx)
    qtbot.addWidget(check_in)
    check_in.show()
    check_in.activateWindow()
    assert QTest.qWaitForWindowActive(check_in)
    scan(qtbot, check_in.waybill, "773123456789012")
    type_text(qtbot, check_in.phone, "13611112222")
    enter(qtbot, check_in.phone)
    assert order.number in check_in.notice.text()
    qtbot.keyClick(check_in, Qt.Key.Key_O, ALT)
    parcel = parcels.find_parcels(db, "773123456789012")[1][0]
    assert proxy_orders.get_order(db, order.id).parcel_id == parcel.id
    # the parcel cannot leave over the parcels counter without the balance
    with pytest.raises(Exception) as refused:
        parcels.hand_over(db, manager, parcel_ids=[parcel.id])
    assert order.number in str(refused.value)

    # at pickup the slip is scanned; the real cost is typed; Enter hands over goods and parcel
    check_in.close()
    page.activateWindow()
    assert QTest.qWaitForWindowActive(page)
    page.on_scan(labels.format_order(order.number))
    assert page.tabs.currentIndex() == ORDERS and tab.cost.hasFocus() and tab.table.rowCount() == 1
    tab.cost.selectAll()
    type_text(qtbot, tab.cost, "320")
    drawer = cash.drawer_balance(db)
    enter(qtbot, tab.cost)
    done = proxy_orders.get_order(db, order.id)
    assert (done.status, done.cost, done.balance) == ("closed", 32_000, 22_200)
    assert parcels.get_parcel(db, parcel.id).status == "picked_up"
    assert cash.drawer_balance(db) == drawer + 22_200 and cash.ledger_problems(db) == []
    pickup = receipts(ctx, printed)
    assert "￥222.00" in pickup and "￥320.00" in pickup


def test_bad_order_input_changes_nothing(page, qtbot, db, villager):
    qtbot.keyClick(page, Qt.Key.Key_5, CTRL)
    tab = page.orders
    tab.place()
    assert tab.notice.objectName() == "error" and tab.villager.hasFocus()
    type_text(qtbot, tab.villager, "赵大爷")
    type_text(qtbot, tab.description, "老花镜")
    type_text(qtbot, tab.estimate, "20")
    type_text(qtbot, tab.deposit, "50")  # more than the whole order
    tab.place()
    assert tab.notice.objectName() == "error" and "订金" in tab.notice.text()
    assert proxy_orders.open_orders(db) == []
    tab.deposit.clear()
    tab.place()
    assert [o.description for o in proxy_orders.open_orders(db)] == ["老花镜"]
    # cancel without a reason: refused; with one: the deposit (none) and a receipt
    tab.refresh()
    tab.cancel()
    assert tab.notice.objectName() == "error" and tab.reason.hasFocus()
    type_text(qtbot, tab.reason, "不要了")
    tab.cancel()
    assert proxy_orders.open_orders(db) == [] and tab.notice.objectName() == "ok"


@pytest.fixture
def listed(db, manager, villager):
    her = consignment.register_consignor(db, manager, person_id=villager.id)
    honey, = consignment.take_in(db, manager, consignor_id=her.id, items=[IntakeItem("蜂蜜", "processed", "罐", 4, 6_800)]).lots
    county_sends(db, [("county.online_order", "online-1", {
        "number": "XY000000000123", "platform": "示范县农特产品网店",
        "receiver": {"name": "陈女士", "phone": "13300001111", "address": "杭州市西湖区文三路1号"},
        "lines": [{"lot_id": honey.id, "name": "蜂蜜", "quantity": "2", "unit": "罐", "price": 7_000}],
        "total": 14_000, "ordered_at": "2026-11-02T01:00:00.000Z", "status": "paid"})])
    return honey


def test_an_online_order_packed_by_scanning_and_sent_into_the_courier_batch(page, qtbot, db, ctx, printed, listed):
    honey = listed
    qtbot.keyClick(page, Qt.Key.Key_6, CTRL)
    tab = page.online
    assert page.tabs.currentIndex() == ONLINE and tab.scan.hasFocus()
    assert tab.table.rowCount() == 1 and "XY000000000123" in tab.chosen.text()
    first, second = consignment.codes_of(db, honey.id)[:2]
    scan(qtbot, tab.scan, labels.format_trace(first))
    scan(qtbot, tab.scan, labels.format_trace(first))  # the same jar twice: refused
    assert tab.notice.objectName() == "error"
    page.on_scan(labels.format_trace(second))  # a wedge scan routed to the page goes in the box too
    assert tab.codes == [first, second]
    qtbot.keyClick(tab.scan, Qt.Key.Key_P, CTRL)
    order = online_orders.get_online_order(db, "online-1")
    assert order.status == "packed" and tab.weight.hasFocus()
    slip = receipts(ctx, printed)
    assert "陈女士" in slip and consignment.spaced(first) in slip
    assert consignment.codes_of(db, honey.id, "sold") == [first, second]

    type_text(qtbot, tab.weight, "1.5")
    enter(qtbot, tab.weight)
    assert tab.ewaybill.hasFocus()
    tab.carrier.setCurrentIndex(tab.carrier.findData("POST"))
    scan(qtbot, tab.ewaybill, "9812345678901")
    sent = online_orders.get_online_order(db, "online-1")
    assert (sent.status, sent.waybill) == ("sent", "9812345678901")
    assert [p.ewaybill for p in outbound.waiting_for_courier(db, "POST")] == ["9812345678901"]
    assert tab.notice.objectName() == "ok"


def test_a_county_cancellation_after_packing_is_unpacked(page, qtbot, db, listed):
    online_orders.pack_online_order(db, page.ctx.operator, order_id="online-1")
    county_sends(db, [("county.online_order", "online-1", {"number": "XY000000000123", "status": "cancelled"})])
    qtbot.keyClick(page, Qt.Key.Key_6, CTRL)
    tab = page.online
    assert "县" in tab.chosen.text()  # says the county cancelled it
    tab.unpack()
    assert tab.notice.objectName() == "error"
    type_text(qtbot, tab.reason, "县里取消")
    tab.unpack()
    assert online_orders.get_online_order(db, "online-1").status == "cancelled"
    assert consignment.get_lot(db, listed.id).on_hand == "4"


def test_goods_taken_back_print_an_honest_refund_receipt(qtbot, db, ctx, printed, listed):
    honey = listed
    page = ConsignmentPage(ctx, print_doc=ctx.print)
    qtbot.addWidget(page)
    page.show()
    jar = consignment.codes_of(db, honey.id)[0]
    sale = consignment.sell(db, ctx.operator, items=[consignment.SaleItem(code=jar)], payment="cash")
    type_text(qtbot, page.sale.receipt_no, sale.number)
    type_text(qtbot, page.sale.reason, "罐子有裂")
    page.sale.take_back()
    assert page.notice.objectName() == "ok"
    text = receipts(ctx, printed)
    refund = text[text.index("退货退款"):]
    assert sale.number in refund and "￥68.00" in refund and "罐子有裂" in refund and "现金" in refund
    assert consignment.codes_of(db, honey.id, "on_hand")[0] == jar


def test_an_order_the_station_cannot_fill_is_refused_with_its_reason(page, qtbot, db, listed):
    qtbot.keyClick(page, Qt.Key.Key_6, CTRL)
    tab = page.online
    tab.refuse()
    assert tab.notice.objectName() == "error" and tab.refuse_reason.hasFocus()
    type_text(qtbot, tab.refuse_reason, "蜂蜜已卖完")
    tab.refuse()
    order = online_orders.get_online_order(db, "online-1")
    assert (order.status, order.note) == ("cancelled", "蜂蜜已卖完") and tab.notice.objectName() == "ok"
    assert "蜂蜜已卖完" in tab.lines.text() and not tab.pack_box.isVisibleTo(tab)
