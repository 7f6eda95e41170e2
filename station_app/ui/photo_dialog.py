"""Taking a photo with the webcam (高拍仪 or a plain USB camera): the live picture, Space or Enter
takes it, Esc goes on without one. The capture runs on the camera's worker thread (the
`CameraScanner` of `devices.camera`, reading no codes); the picture taken is a JPEG.

Without the camera component (OpenCV) or without a camera the dialog says so and Esc goes on:
a photo at the counter is never required.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from station_app.devices import camera
from station_app.devices.camera import CameraScanner, FrameSource
from station_app.devices.decoders import Decoded
from station_app.errors import UserError
from station_app.ui.camera_dialog import LiveCameraDialog

JPEG_QUALITY = 85


class _NoCodes:
    """A decoder that reads nothing: the camera only takes a picture here."""

    name = "none"
    formats: tuple[str, ...] = ()

    def decode(self, frame: Any) -> list[Decoded]:
        return []


def encode_jpeg(frame: Any) -> bytes:
    """An OpenCV frame as JPEG bytes. Raises CameraComponentMissing without OpenCV."""
    cv2, _ = camera.load_component()
    ok, data = cv2.imencode(".jpg", frame, [int(cv2.IMWRITE_JPEG_QUALITY), JPEG_QUALITY])
    if not ok:
        raise ValueError("the frame could not be encoded as JPEG")
    return bytes(data.tobytes())


#: how the dialog opens the camera; tests put a source of frames here
open_source: Callable[[int], FrameSource | None] = camera.open_camera


class PhotoDialog(LiveCameraDialog):
    """The webcam's picture; `photo` holds the JPEG taken (None: none taken)."""

    def __init__(self, title: str, hint: str, parent: QWidget | None = None, *, camera_index: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.photo: bytes | None = None
        self._last: Any = None
        what = QLabel(hint)
        what.setWordWrap(True)
        what.setObjectName("heading")
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

    def _offer_frame(self, frame: Any) -> None:
        self._last = frame  # the worker's newest frame: what Space takes
        super()._offer_frame(frame)

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
