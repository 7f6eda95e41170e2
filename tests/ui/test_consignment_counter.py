"""The consignment counter on a station screen (issue 16): a line dropped with one key, the
slip as wide as the paper so no amount wraps, every tab inside a 1024×768 screen, scans only
where they are wanted — by keyboard and scanner alone."""
# ruff: noqa: F811  (the page's fixtures come from test_consignment_page)

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from printer import profiles
from station_app.core import consignment, events, labels, settings
from station_app.ui.context import StationContext
from station_app.ui.pages.consignment import ConsignmentPage
from station_app.ui.scanning import ScanRouter
from tests.ui.conftest import show_active
from tests.ui.test_consignment_page import CTRL, page, scan, shop  # noqa: F401  (fixtures: page, shop)

#: the room a page has on a 1024×768 screen (the window maximised under a taskbar, the
#: navigation on the left, the status bar below)
ROOM = (800, 620)


def test_one_key_drops_a_line_of_the_sale_from_anywhere(page, qtbot, db, shop):
    _, intake = shop
    eggs, mushrooms = intake.lots
    scan(qtbot, page.sale.scan, labels.format_trace(consignment.codes_of(db, eggs.id)[0]))
    scan(qtbot, page.sale.scan, labels.format_trace(consignment.codes_of(db, mushrooms.id)[0]))
    assert page.sale.cart_table.rowCount() == 2 and page.sale.scan.hasFocus()
    assert page.sale.cart_table.item(page.sale.cart_table.currentRow(), 0).text() == "香菇"  # the line just added
    qtbot.keyClick(page.sale.scan, Qt.Key.Key_Delete, CTRL)  # no Tab to the list: Ctrl+Delete, from the scan field
    assert page.sale.cart_table.rowCount() == 1 and page.sale.cart_table.item(0, 0).text() == "土鸡蛋"
    assert "香菇" in page.notice.text() and page.sale.scan.hasFocus()


def test_the_slip_is_as_wide_as_the_paper_and_nothing_wraps(page, qtbot, db, shop, manager):
    consignor, intake = shop
    consignment.sell(db, manager, items=[consignment.SaleItem(lot_id=intake.lots[1].id, quantity="2.5")])
    page.resize(1024 - 170, ROOM[1])
    qtbot.keyClick(page.sale.scan, Qt.Key.Key_4, CTRL)
    qtbot.keyClick(page.settle.settle_consignor, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    page.settle.settle_consignor.setCurrentIndex(page.settle.settle_consignor.findData(consignor.id))
    page.settle.settle_end.setFocus()
    qtbot.keyClick(page.settle.settle_end, Qt.Key.Key_Return)  # the statement's preview on the slip
    lines = page.slip.toPlainText().splitlines()
    assert any("￥" in line for line in lines)
    assert page.slip.lineWrapMode() == page.slip.LineWrapMode.NoWrap
    widest = max(QFontMetrics(page.slip.font()).horizontalAdvance(line) for line in lines)
    assert widest <= page.slip.viewport().width(), "an amount would be cut off"
    columns = profiles.paper(settings.get(db, "printer.paper_mm")).columns
    assert all(len(line) <= columns for line in lines)  # laid out exactly as the paper prints it

    settings.set_value(db, manager, "printer.paper_mm", 80)  # a wider printer: a wider slip, still whole
    page.resize(1366 - 170, ROOM[1])
    qtbot.keyClick(page.settle.settle_end, Qt.Key.Key_Return)
    lines = page.slip.toPlainText().splitlines()
    assert max(len(line) for line in lines) > 32
    widest = max(QFontMetrics(page.slip.font()).horizontalAdvance(line) for line in lines)
    assert widest <= page.slip.viewport().width()


def test_every_tab_fits_a_1024_screen(app, qtbot, db, manager, shop):
    ctx = StationContext(db)
    ctx.set_operator(manager)
    page = ConsignmentPage(ctx)
    qtbot.addWidget(page)
    page.show()
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        need, tab = page.minimumSizeHint(), page.tabs.widget(i).minimumSizeHint()
        assert need.width() <= ROOM[0] and need.height() <= ROOM[1], (page.tabs.tabText(i), need.toTuple())
        assert need.width() >= tab.width() and need.height() >= tab.height()  # the tab on screen gets its room


def test_a_scan_the_counter_cannot_use_is_refused_and_changes_nothing(app, qtbot, db, manager, shop):
    _, intake = shop
    ctx = StationContext(db)
    ctx.scans = ScanRouter()
    ctx.set_operator(manager)
    host = QWidget()
    page = ConsignmentPage(ctx, scan_router=ctx.scans)
    QVBoxLayout(host).addWidget(page)
    qtbot.addWidget(host)
    show_active(host)
    ctx.scans.set_active(page)
    qtbot.keyClick(page.sale.scan, Qt.Key.Key_2, CTRL)  # on the intake tab
    n = events.last_seq(db)
    assert not ctx.scans.route("SF1234567890123")  # a parcel's waybill: not for this page
    assert page.tabs.currentIndex() == 1 and page.sale.cart == [] and events.last_seq(db) == n
    assert ctx.scans.route(labels.format_trace(consignment.codes_of(db, intake.lots[0].id)[0]))
    assert page.tabs.currentIndex() == 0 and len(page.sale.cart) == 1  # a product label goes on the sale
