"""The scanner test page: scan or type anything and see what the station makes of it.

Shows the last code, which device it came from (scanner gun, camera, serial scanner, or
typed), how fast a scanner gun typed it, and what kind of code it is (with the ranked
courier guesses for a waybill). From here the operator opens the camera preview and
connects a serial scanner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from station_app.devices import camera, classify, decoders, serial_scanner
from station_app.devices.decoders import Decoded
from station_app.devices.serial_scanner import SerialState
from station_app.devices.wedge import Scan
from station_app.errors import UserError
from station_app.ui.camera_dialog import CameraDialog
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.scanning import ANYTHING, ScanFilter, ScanRouter, SerialScans, make_scan_field
from station_app.ui.widgets import Notice, heading

WEDGE, CAMERA, SERIAL, TYPED = "wedge", "camera", "serial", "typed"
BAUD_RATES = (9600, 19200, 38400, 57600, 115200)


def _big(text: str = "—") -> QLabel:
    label = QLabel(text)
    label.setObjectName("big")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class ScannerPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device_names = {
            WEDGE: self.tr("Scanner gun (keyboard)"),
            CAMERA: self.tr("Camera"),
            SERIAL: self.tr("Serial scanner"),
            TYPED: self.tr("Typed by hand"),
        }
        self.code = _big()
        self.device = QLabel("—")
        self.speed = QLabel("—")
        self.kind = _big("")
        self.reason = QLabel("")
        self.reason.setWordWrap(True)
        self.carriers = QLabel("")
        self.carriers.setWordWrap(True)
        self.notice = Notice()
        last = QGroupBox(self.tr("Last scan"))
        form = QFormLayout(last)
        form.addRow(self.code)
        form.addRow(self.tr("Device"), self.device)
        form.addRow(self.tr("Speed"), self.speed)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow("", self.reason)
        form.addRow(self.tr("Courier"), self.carriers)
        form.addRow(self.notice)

        self.test_field = make_scan_field(QLineEdit())
        self.test_field.setPlaceholderText(self.tr("Type a code and press Enter, or scan one anywhere"))
        self.test_field.returnPressed.connect(self._typed)

        self.decoder_choice = QComboBox()
        decoder_names = {"zxing": self.tr("Built-in barcode reader (recommended)"),
                         "pyzbar": self.tr("ZBar barcode reader")}
        for name, why_not in decoders.available().items():
            self.decoder_choice.addItem(decoder_names.get(name, name), name)
            if why_not:
                item = self.decoder_choice.model().item(self.decoder_choice.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
                item.setToolTip(why_not)
        self.camera_index = QSpinBox()
        self.camera_index.setRange(0, 9)
        open_camera = QPushButton(self.tr("Open the camera…"))
        open_camera.clicked.connect(lambda: self.open_camera())
        cam_box = QGroupBox(self.tr("Camera"))
        cam_form = QFormLayout(cam_box)
        cam_form.addRow(self.tr("Barcode reader"), self.decoder_choice)
        cam_form.addRow(self.tr("Camera number"), self.camera_index)
        cam_form.addRow(open_camera)
        self.open_camera_button = open_camera
        # without the camera component (OpenCV and numpy) the page says so, and how to add it
        self.camera_missing: QLabel | None = None
        if camera.missing_packages():
            self.camera_missing = QLabel(str(camera.component_missing()))
            self.camera_missing.setObjectName("cameraMissing")
            self.camera_missing.setWordWrap(True)
            open_camera.setEnabled(False)
            cam_form.setRowVisible(self.decoder_choice, False)  # both are for the camera only
            cam_form.setRowVisible(self.camera_index, False)
            cam_form.addRow(self.camera_missing)

        self.port = QComboBox()
        self.port.setEditable(True)
        for device, description in serial_scanner.list_ports():
            known = description.strip() and description.strip().lower() not in ("n/a", device.lower())
            self.port.addItem(f"{device} · {description}" if known else device, device)
        self.baud = QComboBox()
        for rate in BAUD_RATES:
            self.baud.addItem(str(rate), rate)
        self.serial_button = QPushButton(self.tr("Connect"))
        self.serial_button.clicked.connect(self._toggle_serial)
        self.serial_state = QLabel(QCoreApplication.translate("serial", serial_scanner.STATE_TEXT[SerialState.STOPPED]))
        serial_box = QGroupBox(self.tr("Serial scanner"))
        serial_form = QFormLayout(serial_box)
        serial_form.addRow(self.tr("Port"), self.port)
        serial_form.addRow(self.tr("Speed (baud)"), self.baud)
        serial_form.addRow(self.serial_button, self.serial_state)
        self.serial = SerialScans(self)
        self.serial.scanned.connect(lambda code: self.show_scan(code, SERIAL))
        self.serial.state_changed.connect(self._serial_state)

        devices = QHBoxLayout()
        devices.addWidget(cam_box)
        devices.addWidget(serial_box)
        hint = QLabel(self.tr("A scanner gun types like a keyboard: scan anywhere on this page. "
                              "If letters go missing, switch the input method to English."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Scanners")))
        layout.addWidget(last)
        layout.addWidget(self.test_field)
        layout.addLayout(devices)
        layout.addWidget(hint)
        layout.addStretch()
        self.camera_dialog: CameraDialog | None = None

    def attach(self, scan_filter: ScanFilter, router: ScanRouter | None = None) -> None:
        """Show the scanner gun's scans here; with `router`, scans made while this page is on
        screen stay here (they do not open a parcel or a person)."""
        scan_filter.scan_read.connect(lambda scan: self.show_scan(scan.code, WEDGE, scan=scan))
        scan_filter.rejected.connect(self.notice.error)
        if router is not None:
            router.set_handler(self, lambda _code: None)

    def show_scan(self, code: str, device: str, *, scan: Scan | None = None, symbology: str | None = None) -> None:
        """Show `code` from `device` (WEDGE, CAMERA, SERIAL or TYPED) and what kind it is."""
        self.notice.clear_message()
        self.code.setText(code)
        self.device.setText(self.device_names.get(device, device) + (f" · {symbology}" if symbology else ""))
        if scan is not None:
            self.speed.setText(self.tr("{cps:.0f} characters a second · {ms:.1f} ms per character").format(
                cps=scan.chars_per_second, ms=scan.ms_per_char))
        else:
            self.speed.setText("—")
        try:
            found = classify.classify(code, symbology)
        except UserError as exc:
            self.kind.setText("")
            self.reason.setText("")
            self.carriers.setText("")
            self.notice.error(str(exc))
            return
        self.kind.setText(QCoreApplication.translate("codes", classify.KIND_NAMES[found.kind]))
        reason = QCoreApplication.translate("codes", found.reason)
        if found.also:
            others = self.tr(", ").join(QCoreApplication.translate("codes", classify.KIND_NAMES[k]) for k in found.also)
            reason += " · " + self.tr("Could also be: {kinds}").format(kinds=others)
        self.reason.setText(reason)
        self.carriers.setText(" · ".join(
            f"{QCoreApplication.translate('carriers', g.name)} {g.confidence:.0%}" for g in found.carriers))

    def open_camera(self, open_source: Callable[[], Any] | None = None) -> CameraDialog:
        """The camera preview (not modal: scans keep coming here while it is open)."""
        if self.camera_dialog is not None:
            self.camera_dialog.close()
        dialog = CameraDialog(self, decoder_name=self.decoder_choice.currentData(),
                              camera_index=self.camera_index.value(), open_source=open_source)
        dialog.code_read.connect(lambda code: self._camera_code(code))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._camera_closed)
        self.camera_dialog = dialog
        dialog.show()
        return dialog

    def _camera_code(self, code: Decoded) -> None:
        self.show_scan(code.text, CAMERA, symbology=code.format)

    def _camera_closed(self) -> None:
        self.camera_dialog = None

    def connect_serial(self, port: str | None = None, baudrate: int | None = None,
                       open_port: Callable[[], Any] | None = None) -> None:
        port = port or self.port.currentData() or self.port.currentText().split(" · ")[0].strip()
        if not port:
            self.notice.error(self.tr("Choose the serial port the scanner is on"))
            return
        self.serial.connect_port(port, baudrate or self.baud.currentData(), open_port)
        self.serial_button.setText(self.tr("Disconnect"))

    def disconnect_serial(self) -> None:
        self.serial.disconnect_port()
        self.serial_button.setText(self.tr("Connect"))

    def _toggle_serial(self) -> None:
        if self.serial.scanner is not None:
            self.disconnect_serial()
        else:
            self.connect_serial()

    def _serial_state(self, state: SerialState) -> None:
        self.serial_state.setText(QCoreApplication.translate("serial", serial_scanner.STATE_TEXT[state]))

    def _typed(self) -> None:
        text = self.test_field.text()
        self.test_field.clear()
        if text.strip():
            self.show_scan(text, TYPED)

    def hideEvent(self, event: Any) -> None:
        # a test page: nothing of it keeps running once the operator moves on (minimising
        # the window is a spontaneous hide and stops nothing)
        if not event.spontaneous():
            self.disconnect_serial()
            if self.camera_dialog is not None:
                self.camera_dialog.close()
        super().hideEvent(event)


class ScannerSettingsPage(Page):
    """The scanner test page inside the main window: it takes every scan, to show it."""

    scan_kinds = ANYTHING

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.scanner = ScannerPage(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scanner)
        if ctx.scan_filter is not None:
            self.scanner.attach(ctx.scan_filter, ctx.scans)

    def title(self) -> str:
        return self.tr("Scanner")

    def handle_scan(self, code: str) -> bool:
        return True  # shown through the scan filter's `scan_read`, with its speed

    def focus_first(self) -> None:
        self.scanner.test_field.setFocus()
