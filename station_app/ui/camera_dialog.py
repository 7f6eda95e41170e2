"""Scanning with the webcam: a live preview, a beep and a green flash for each code read.

The capture and decoding run on the CameraScanner's worker thread; this dialog only shows
what the worker reports, through Qt signals (queued into the GUI thread). A frame is
shown only when the previous one has been painted, so a slow PC skips frames instead of
queueing them up. Without the camera component (OpenCV and numpy) it says so, and how to
add it, instead of opening a camera.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from station_app.devices import camera
from station_app.devices.camera import STATE_TEXT, CameraScanner, CameraState, FrameSource
from station_app.devices.decoders import DEFAULT_DECODER, Decoded, decoder
from station_app.errors import UserError

PREVIEW = (640, 480)
FLASH_MS = 400


class _Bridge(QObject):
    """Carries the worker's reports into the GUI thread. Parentless on purpose: the worker
    may still emit after the dialog is gone, and Qt drops signals to deleted receivers."""

    frame = Signal(object)
    code = Signal(object)
    state = Signal(object)


def to_qimage(frame: Any) -> QImage:
    """An OpenCV frame (a numpy array, gray or BGR) as a QImage that owns its pixels."""
    if not frame.flags.c_contiguous:
        frame = frame.copy(order="C")
    height, width = frame.shape[:2]
    if frame.ndim == 2:
        return QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_Grayscale8).copy()
    return QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_BGR888).copy()


class LiveCameraDialog(QDialog):
    """The camera's live picture in a dialog: `preview`, the camera's state in words (`status`),
    the worker (`scanner`, set by the subclass) started when shown and stopped when the dialog
    ends. A frame is painted only when the last one is: the worker never queues them up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = QLabel()
        self.preview.setObjectName("cameraPreview")
        self.preview.setMinimumSize(320, 240)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel(QCoreApplication.translate("camera", STATE_TEXT[CameraState.STARTING]))
        self.status.setWordWrap(True)
        self._bridge = _Bridge()
        self._bridge.frame.connect(self._show_frame)
        self._bridge.state.connect(self._on_state)
        self._painting = False
        self.scanner: CameraScanner | None = None

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.scanner is not None and not self.scanner.running:
            self.scanner.start()

    def done(self, result: int) -> None:
        self.stop_camera()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_camera()
        super().closeEvent(event)

    def stop_camera(self) -> None:
        if self.scanner is not None:
            self.scanner.stop()

    def _offer_frame(self, frame: Any) -> None:
        # worker thread: drop this frame if the last one is not painted yet
        if not self._painting:
            self._painting = True
            self._bridge.frame.emit(frame)

    def _show_frame(self, frame: Any) -> None:
        try:
            pixmap = QPixmap.fromImage(to_qimage(frame))
            self.preview.setPixmap(pixmap.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.FastTransformation))
        finally:
            self._painting = False

    def _on_state(self, state: CameraState) -> None:
        self.status.setText(QCoreApplication.translate("camera", STATE_TEXT[state]))


class CameraDialog(LiveCameraDialog):
    """Shows the camera and reports each code read (`code_read(Decoded)`) until closed."""

    code_read = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, decoder_name: str = DEFAULT_DECODER,
                 camera_index: int = 0, open_source: Callable[[], FrameSource | None] | None = None,
                 beep: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scan with the camera"))
        self.beep = beep
        self.last = QLabel()
        self.last.setObjectName("big")
        self.last.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.last.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.last.setFont(font)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.last)
        layout.addWidget(buttons)
        self._flash_off()

        self._bridge.code.connect(self._on_code)
        try:
            camera.check_component()
            reader = decoder(decoder_name)
        except UserError as exc:
            self.status.setText(str(exc))
            return
        bridge = self._bridge
        self.scanner = CameraScanner(
            reader, bridge.code.emit, on_frame=self._offer_frame, on_state=bridge.state.emit,
            open_source=open_source or (lambda: camera.open_camera(camera_index)))

    def _on_code(self, code: Decoded) -> None:
        self.last.setText(code.text)
        if self.beep:
            QApplication.beep()
        self.preview.setStyleSheet("#cameraPreview { border: 6px solid #2e7d32; }")
        QTimer.singleShot(FLASH_MS, self._flash_off)
        self.code_read.emit(code)

    def _flash_off(self) -> None:
        self.preview.setStyleSheet("#cameraPreview { border: 6px solid transparent; }")
