"""Receipts from the program reach the printer (a file printer here) as real ESC/POS, decoded back."""

from PySide6.QtCore import Qt

from printer.emulator import decode
from station_app.core import settings
from station_app.ui.context import StationContext
from station_app.ui.main_window import MainWindow
from station_app.ui.pages.printer import PrinterPage
from station_app.ui.printing import PrinterPort
from tests.ui.conftest import show_active, type_text
from tests.ui.dialogs import yes


def make_window(qtbot, db, operator):
    ctx = StationContext(db)
    ctx.printer = PrinterPort(db, ctx)
    ctx.set_operator(operator)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(window)
    return ctx, window


def test_daily_close_prints_its_slip(app, qtbot, db, manager, operator, tmp_path):
    out = tmp_path / "printer.bin"
    settings.set_value(db, manager, "printer.spec", f"file:{out}")
    ctx, window = make_window(qtbot, db, operator)
    page = window.page(type(window.pages[6]))
    window.nav.setCurrentRow(6)
    type_text(qtbot, page.amount, "100")
    page.open_day()
    type_text(qtbot, page.amount, "99")
    yes(qtbot)  # the daily close asks first
    page.close_day()
    assert "已日结" in page.notice.text() and "已发送到打印机" in page.notice.text()
    assert ctx.printer.queue.wait_idle(10)
    text = decode(out.read_bytes()).text
    assert "每日现金日结单" in text and "李秀英" in text and "￥99.00" in text and "短款" in text
    ctx.printer.stop()


def test_printer_page_saves_tests_and_previews(app, qtbot, db, manager, tmp_path):
    out = tmp_path / "test-page.bin"
    ctx, window = make_window(qtbot, db, manager)
    page = window.page(PrinterPage)
    window.nav.setCurrentRow(window.pages.index(page))
    page.spec.clear()
    type_text(qtbot, page.spec, f"file:{out}")
    page.paper.setCurrentIndex(page.paper.findData(80))
    qtbot.keyClick(page.spec, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.notice.text() != "")  # a button's shortcut clicks it after a short flash
    assert "已发送到打印机" in page.notice.text()
    assert settings.get(db, "printer.paper_mm") == 80
    assert ctx.printer.queue.wait_idle(10)
    assert "打印测试页" in decode(out.read_bytes(), 80).text
    page.preview_test_page()
    assert page.picture.pixmap().width() > 300
    page.refresh()
    assert page.history.rowCount() == 1
    page.history.selectRow(0)
    page.reprint()
    assert ctx.printer.queue.wait_idle(10)
    assert decode(out.read_bytes(), 80).text.count("打印测试页") >= 1
    ctx.printer.stop()


def test_no_printer_says_so_and_nothing_breaks(app, qtbot, db, manager):
    ctx, window = make_window(qtbot, db, manager)
    from station_app.receipts.printer_test_page import printer_test_page

    assert "没有设置打印机" in ctx.print(printer_test_page(paper_mm=58))
    assert "未设置" in window.printer_state.text()
