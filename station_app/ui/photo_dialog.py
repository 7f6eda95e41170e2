"""Taking a photo with the webcam (高拍仪 or a plain USB camera): the live picture, Space or Enter
takes it, Esc goes on without one. The capture runs on the camera's worker thread (the
`CameraScanner` of `devices.camera`, reading no codes); the picture taken is a JPEG.

Without the camera component (OpenCV) or without a camera the dialog says so and Esc goes on:
a photo at the counter is never required.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from station_app.devices import camera
from station_app.devices.camera import STATE_TEXT, CameraScanner, CameraState, FrameSource
from station_app.devices.decoders import Decoded
from station_app.errors import UserError
from station_app.ui.camera_dialog import to_qimage

JPEG_QUALITY = 85


class _NoCodes:
    """A decoder that reads nothing: the camera only takes a picture here."""

    name = "none"
    formats: tuple[str, ...] = ()

    def decode(self, frame: Any) -> list[Decoded]:
        return []


class _Bridge(QObject):
    frame = Signal(object)
    state = Signal(object)


def encode_jpeg(frame: Any) -> bytes:
    """An OpenCV frame as JPEG bytes. Raises CameraComponentMissing without OpenCV."""
    cv2, _ = camera.load_component()
    ok, data = cv2.imencode(".jpg", frame, [int(cv2.IMWRITE_JPEG_QUALITY), JPEG_QUALITY])
    if not ok:
        raise ValueError("the frame could not be encoded as JPEG")
    return bytes(data.tobytes())


#: how the dialog opens the camera; tests put a source of frames here
open_source: Callable[[int], FrameSource | None] = camera.open_camera


class PhotoDialog(QDialog):
    """The webcam's picture; `photo` holds the JPEG taken (None: none taken)."""

    def __init__(self, title: str, hint: str, parent: QWidget | None = None, *, camera_index: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.photo: bytes | None = None
        self._last: Any = None
        self._painting = False
        self.preview = QLabel()
        self.preview.setObjectName("cameraPreview")
        self.preview.setMinimumSize(320, 240)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        what = QLabel(hint)
        what.setWordWrap(True)
        what.setObjectName("heading")
        self.status = QLabel(QCoreApplication.translate("camera", STATE_TEXT[CameraState.STARTING]))
        self.status.setWordWrap(True)
        self.take_button = QPushButton(self.tr("Take the photo (Space)"))
        self.take_button.setDefault(True)
        self.take_button.clicked.connect(self.take)
        skip = QPushButton(self.tr("No photo (Esc)"))
        skip.setAutoDefault(False)
        skip.clicked.connect(self.reject)
        QShortcut(QKeySequence("Space"), self, self.take)
        buttons = QHBoxLayout()
        buttons.addWidget(skip)
        buttons.addStretch()
        buttons.addWidget(self.take_button)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self._bridge = _Bridge()
        self._bridge.frame.connect(self._show_frame)
        self._bridge.state.connect(self._on_state)
        self.scanner: CameraScanner | None = None
        try:
            camera.check_component()
        except UserError as exc:
            self.status.setText(str(exc))
            self.take_button.setEnabled(False)
            return
        bridge = self._bridge
        self.scanner = CameraScanner(_NoCodes(), lambda _code: None, on_frame=self._offer_frame,
                                     on_state=bridge.state.emit, open_source=lambda: open_source(camera_index),
                                     turns=(0.0,), reconnect=False)

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
        self._last = frame  # the worker's newest frame: what Space takes
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

    def take(self) -> None:
        frame = self._last
        if frame is None:
            self.status.setText(self.tr("No picture from the camera yet"))
            return
        try:
            self.photo = encode_jpeg(frame)
        except (UserError, ValueError) as exc:
            self.status.setText(str(exc))
            return
        self.accept()
