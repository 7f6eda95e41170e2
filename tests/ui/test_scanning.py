"""The wedge-scanner key filter and the scan router, driven by key events and a test clock.

QTest's key events carry timestamp 0, so the filter gets a clock the tests move: `keys()`
moves it by the gap before each key, as a scanner (8 ms) or a person (150 ms) would.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.devices.wedge import WedgeSettings
from station_app.ui.scanning import (
    ScanFilter,
    ScanRouter,
    install_scanning,
    into_focused_field,
    make_scan_field,
)


class StepClock:
    """Seconds that move only when a test says so (or by `tick` on every reading)."""

    def __init__(self, tick_ms: float = 0.0) -> None:
        self.t = 100.0
        self.tick = tick_ms / 1000

    def __call__(self) -> float:
        self.t += self.tick
        return self.t

    def advance(self, ms: float) -> None:
        self.t += ms / 1000


def keys(qtbot, widget, text: str, clock: StepClock, gap_ms: float) -> None:
    """Press the keys of `text` one by one, `gap_ms` apart on the test clock."""
    for ch in text:
        clock.advance(gap_ms)
        if ch == "\r":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif ch < " " or ch == "\x7f":
            QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))
        else:
            qtbot.keyClick(widget, ch)


def show_active(qtbot, window: QWidget) -> None:
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


class Form(QWidget):
    """A page with a name field and a scan field."""

    def __init__(self) -> None:
        super().__init__()
        self.name = QLineEdit()
        self.scan_field = make_scan_field(QLineEdit())
        self.submitted: list[str] = []
        self.name.returnPressed.connect(lambda: self.submitted.append(self.name.text()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.scan_field)


@pytest.fixture
def clock():
    return StepClock()


@pytest.fixture
def scanning(qapp, clock):
    router = ScanRouter()
    scan_filter = install_scanning(router, clock=clock)
    yield router, scan_filter
    scan_filter.remove()


@pytest.fixture
def form(qtbot, scanning):
    router, _ = scanning
    page = Form()
    qtbot.addWidget(page)
    page.scans = []
    router.set_handler(page, page.scans.append)
    show_active(qtbot, page)
    page.name.setFocus()
    return page


def test_a_scan_goes_to_the_page_and_leaves_the_focused_field_alone(qtbot, form, clock, scanning):
    _, scan_filter = scanning
    form.name.setText("李秀英")
    with qtbot.waitSignal(scan_filter.scan_read) as got:
        keys(qtbot, form.name, "SF1234567890123\r", clock, 8)
    assert form.scans == ["SF1234567890123"]
    assert form.name.text() == "李秀英"
    assert form.submitted == []  # the scanner's Enter did not submit the name
    assert got.args[0].keystrokes == 15 and round(got.args[0].ms_per_char) == 8


def test_typing_reaches_the_field_and_enter_works(qtbot, form, clock):
    keys(qtbot, form.name, "SF1234567890123\r", clock, 150)
    assert form.name.text() == "SF1234567890123"
    assert form.submitted == ["SF1234567890123"]
    assert form.scans == []


def test_typing_with_qtbot_keyclicks_and_a_ticking_clock(qtbot, scanning):
    router, scan_filter = scanning
    scan_filter._clock = StepClock(tick_ms=60)  # ShortcutOverride + KeyPress: 120 ms per key
    page = Form()
    qtbot.addWidget(page)
    show_active(qtbot, page)
    page.name.setFocus()
    qtbot.keyClicks(page.name, "lixiuying")
    assert page.name.text() == "lixiuying"
    scan_filter._clock = StepClock(tick_ms=4)  # 8 ms per key: a scanner
    seen = []
    router.set_handler(page, seen.append)
    qtbot.keyClicks(page.name, "JT0001234567890")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert seen == ["JT0001234567890"]
    assert page.name.text() == "lixiuying"


def test_fast_typed_pairs_arrive_in_order(qtbot, form, clock):
    for pair in ("li", "xi", "uy", "in"):
        keys(qtbot, form.name, pair[0], clock, 200)
        keys(qtbot, form.name, pair[1], clock, 35)  # rolled over: held for a moment
    keys(qtbot, form.name, "g", clock, 200)
    assert form.name.text() == "lixiuyin" + "g"
    keys(qtbot, form.name, "\r", clock, 200)
    assert form.submitted == ["lixiuying"]


def test_a_held_key_is_delivered_when_the_typing_stops(qtbot, form, clock):
    keys(qtbot, form.name, "ab", clock, 20)
    assert form.name.text() == "a"  # "b" is held: it might be a scan
    qtbot.waitUntil(lambda: form.name.text() == "ab")  # the idle timer gives it back


def test_two_scans_back_to_back(qtbot, form, clock):
    form.name.setText("x")
    keys(qtbot, form.name, "YT1234567890123\rJDVA12345678901-1-1-\r", clock, 8)
    assert form.scans == ["YT1234567890123", "JDVA12345678901-1-1-"]
    assert form.name.text() == "x"
    assert form.submitted == []


def test_a_2000_character_burst_is_rejected_and_the_field_is_untouched(qtbot, form, clock, scanning):
    _, scan_filter = scanning
    form.name.setText("李秀英")
    with qtbot.waitSignal(scan_filter.rejected) as got:
        keys(qtbot, form.name, "7" * 2000 + "\r", clock, 2)
    assert "忽略" in got.args[0] or "ignored" in got.args[0]
    assert form.name.text() == "李秀英"
    assert form.scans == [] and form.submitted == []


def test_control_characters_inside_a_scan_are_stripped(qtbot, form, clock):
    keys(qtbot, form.name, "\x02SF12345\x1b67890123\x03\r", clock, 8)
    assert form.scans == ["SF1234567890123"]
    assert form.name.text() == ""


def test_a_scan_while_a_modal_dialog_with_a_handler_is_open(qtbot, form, clock, scanning):
    router, _ = scanning
    dialog = QDialog(form)
    field = QLineEdit(dialog)
    ok = QPushButton("OK", dialog)
    ok.setDefault(True)
    ok.clicked.connect(dialog.accept)
    QVBoxLayout(dialog).addWidget(field)
    got = []
    router.set_handler(dialog, got.append)
    dialog.setModal(True)
    show_active(qtbot, dialog)
    field.setFocus()
    keys(qtbot, field, "6901234567892\r", clock, 8)
    assert got == ["6901234567892"] and form.scans == []
    assert field.text() == ""
    assert dialog.isVisible()  # Enter did not press the default button
    dialog.close()


def test_a_dialog_can_take_scans_into_its_focused_field(qtbot, form, clock, scanning):
    router, _ = scanning
    dialog = QDialog(form)
    phone = make_scan_field(QLineEdit(dialog))
    QVBoxLayout(dialog).addWidget(phone)
    router.set_handler(dialog, into_focused_field)
    dialog.setModal(True)
    show_active(qtbot, dialog)
    phone.setFocus()
    keys(qtbot, phone, "13812345678\r", clock, 8)
    assert phone.text() == "13812345678"
    dialog.close()


def test_a_scan_while_a_modal_dialog_without_a_handler_is_open_is_ignored(qtbot, form, clock, scanning):
    router, _ = scanning
    dialog = QDialog(form)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.setModal(True)
    show_active(qtbot, dialog)
    field.setFocus()
    with qtbot.waitSignal(router.ignored) as ignored:
        keys(qtbot, field, "773012345678901\r", clock, 8)
    assert ignored.args == ["773012345678901"]
    assert form.scans == [] and field.text() == ""
    dialog.close()


def test_a_scan_into_a_plain_text_edit_takes_the_first_key_back(qtbot, scanning, clock):
    router, _ = scanning
    page = QPlainTextEdit()
    qtbot.addWidget(page)
    seen = []
    router.set_handler(page, seen.append)
    show_active(qtbot, page)
    page.setFocus()
    keys(qtbot, page, "note ", clock, 200)
    clock.advance(500)
    keys(qtbot, page, "VS1:S:0190a5a4-7c2e-7d41-9b0e-3f1c2d4e5f60\r", clock, 8)
    assert seen == ["VS1:S:0190a5a4-7c2e-7d41-9b0e-3f1c2d4e5f60"]
    assert page.toPlainText() == "note "


def test_events_without_timestamps_are_typing_when_no_clock_is_injected(qtbot, qapp):
    # QTest's events have timestamp 0: other tests typing fast must never be taken for scans
    router = ScanRouter()
    scan_filter = install_scanning(router)
    try:
        page = Form()
        qtbot.addWidget(page)
        seen = []
        router.set_handler(page, seen.append)
        show_active(qtbot, page)
        page.name.setFocus()
        qtbot.keyClicks(page.name, "SF1234567890123")
        qtbot.keyClick(page.name, Qt.Key.Key_Return)
        assert page.name.text() == "SF1234567890123"
        assert page.submitted == ["SF1234567890123"] and seen == []
    finally:
        scan_filter.remove()


def test_a_non_text_key_ends_the_burst_as_typing(qtbot, form, clock):
    keys(qtbot, form.name, "abc", clock, 5)
    clock.advance(5)
    qtbot.keyClick(form.name, Qt.Key.Key_Left)
    keys(qtbot, form.name, "X", clock, 5)
    assert form.name.text() == "abXc"


def test_a_scanner_suffix_other_than_enter(qtbot, form, clock, scanning):
    _, scan_filter = scanning
    scan_filter.set_settings(WedgeSettings(suffix="\t", tab_ends_scan=True))
    clock.advance(100)
    for ch in "6901234567892":
        keys(qtbot, form.name, ch, clock, 8)
    clock.advance(8)
    qtbot.keyClick(form.name, Qt.Key.Key_Tab)
    assert form.scans == ["6901234567892"]
    assert form.name.hasFocus()  # the Tab did not move the focus


def test_make_scan_field_turns_off_the_input_method(qtbot):
    field = make_scan_field(QLineEdit())
    qtbot.addWidget(field)
    assert not field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)


def test_router_without_a_page_on_screen_uses_a_visible_taker_then_the_default(qtbot, qapp):
    router = ScanRouter()
    host = QWidget()
    qtbot.addWidget(host)
    a, b = QWidget(host), QWidget(host)
    QVBoxLayout(host).addWidget(a)
    host.layout().addWidget(b)
    got: list[tuple[str, str]] = []
    router.set_handler(a, lambda c: got.append(("a", c)))
    router.set_handler(b, lambda c: got.append(("b", c)))
    router.set_default(lambda c: got.append(("home", c)))
    assert router.route("1") is True  # nothing visible yet: the default takes it
    show_active(qtbot, host)
    router.route("2")
    router.set_handler(a, None)
    router.route("3")
    b.hide()
    router.route("4")
    router.set_default(None)
    assert router.route("5") is False
    assert got == [("home", "1"), ("a", "2"), ("b", "3"), ("home", "4")]


def test_with_a_page_on_screen_only_that_page_takes_scans(qtbot, qapp):
    router = ScanRouter()
    host = QWidget()
    qtbot.addWidget(host)
    a, b = QWidget(host), QWidget(host)
    QVBoxLayout(host).addWidget(a)
    host.layout().addWidget(b)
    got: list[tuple[str, str]] = []
    router.set_handler(a, lambda c: got.append(("a", c)))
    router.set_default(lambda c: got.append(("home", c)))
    show_active(qtbot, host)
    router.set_active(b)  # b takes no scans: nobody else gets them either
    with qtbot.waitSignal(router.refused) as refused:
        assert router.route("SF1234567890123") is False
    assert refused.args[0].kind == "waybill" and got == []


def test_scan_filter_can_be_used_on_its_own(qtbot, qapp, clock):
    scan_filter = ScanFilter(clock=clock)
    scan_filter.install()
    try:
        field = QLineEdit()
        qtbot.addWidget(field)
        show_active(qtbot, field)
        field.setFocus()
        with qtbot.waitSignal(scan_filter.scanned) as got:
            keys(qtbot, field, "13812345678\r", clock, 3)
        assert got.args == ["13812345678"] and field.text() == ""
    finally:
        scan_filter.remove()


def test_keys_inside_a_scan_fire_no_shortcuts(qtbot, form, clock):
    from PySide6.QtGui import QKeySequence, QShortcut

    fired = []
    QShortcut(QKeySequence("F"), form, lambda: fired.append("F"))
    QShortcut(QKeySequence("Return"), form, lambda: fired.append("Return"))
    keys(qtbot, form.name, "SF1234567890123\r", clock, 8)
    assert form.scans == ["SF1234567890123"]
    assert fired == []


# the scanner test page and the camera preview

WAYBILL = "SF1234567890123"


def tr(context, text):
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


@pytest.fixture
def page(qtbot, scanning):
    from station_app.ui.pages.scanner import ScannerPage

    router, scan_filter = scanning
    p = ScannerPage()
    qtbot.addWidget(p)
    p.attach(scan_filter, router)
    show_active(qtbot, p)
    p.test_field.setFocus()
    return p


def test_scanner_page_shows_a_gun_scan_with_its_speed_and_kind(qtbot, page, clock):
    keys(qtbot, page.test_field, WAYBILL + "\r", clock, 8)
    assert page.code.text() == WAYBILL
    assert page.test_field.text() == ""
    assert page.device.text() == page.device_names["wedge"]
    assert "125" in page.speed.text() and "8.0" in page.speed.text()
    assert page.kind.text() == tr("codes", "Courier waybill")
    assert page.carriers.text().startswith(tr("carriers", "SF Express") + " 97%")


def test_scanner_page_classifies_typed_codes_and_explains_refusals(qtbot, page, clock):
    keys(qtbot, page.test_field, "773012345678901\r", clock, 150)
    assert page.device.text() == page.device_names["typed"]
    assert page.carriers.text().startswith(tr("carriers", "STO Express") + " 60%")
    keys(qtbot, page.test_field, "hello!\r", clock, 150)
    assert page.kind.text() == "" and page.notice.isVisible() and "hello!" in page.notice.text()


def test_scanner_page_shows_a_rejected_burst(qtbot, page, clock):
    keys(qtbot, page.test_field, "A" * 400 + "\r", clock, 2)
    assert page.notice.isVisible() and page.test_field.text() == ""


def test_scanner_page_reads_a_serial_scanner(qtbot, page):
    import serial

    port = serial.serial_for_url("loop://", timeout=0.02)
    page.connect_serial("loop://", open_port=lambda: port)
    try:
        port.write(b"6901234567892\r\n")
        qtbot.waitUntil(lambda: page.code.text() == "6901234567892", timeout=10_000)
        assert page.device.text() == page.device_names["serial"]
        assert page.kind.text() == tr("codes", "Product barcode (EAN-13)")
        assert page.serial_state.text() == tr("serial", "Serial scanner ready")
    finally:
        page.disconnect_serial()
    assert not page.serial.connected


def test_camera_preview_reports_a_code_once_and_stops_on_close(qtbot, page):
    import numpy as np

    from tests.devices import synth
    from tests.devices.test_camera import Clock, FrameList

    rng = np.random.default_rng(3)
    image = synth.frame("Code128", WAYBILL, synth.Look(module_px=2.6, noise=2), rng)
    source = FrameList([image] * 4, Clock())
    dialog = page.open_camera(open_source=lambda: source)
    codes = []
    dialog.code_read.connect(codes.append)
    qtbot.waitUntil(lambda: page.code.text() == WAYBILL, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull())
    assert page.device.text() == page.device_names["camera"] + " · Code128"
    assert dialog.last.text() == WAYBILL
    scanner = dialog.scanner
    dialog.close()
    assert not scanner.running
    assert [c.text for c in codes] == [WAYBILL]


def test_camera_dialog_without_a_camera_says_so(qtbot, qapp):
    from station_app.ui.camera_dialog import CameraDialog

    dialog = CameraDialog(open_source=lambda: None, beep=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.status.text() == tr("camera", "No camera found, or another program is using it"))
    dialog.close()
    assert not dialog.scanner.running
