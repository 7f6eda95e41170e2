"""Scanning with a webcam (DESIGN §7): OpenCV capture and decoding on one worker thread.

OpenCV and numpy are the optional camera component (摄像头扫码: the installer adds them when
the operator ticks it; from source `pip install "village-station[camera]"`), about 210 MB
of a station bundle that is 150 MB without them. This module imports them only when a
camera is opened (`load_component`); `missing_packages()` says, without importing, whether
they are here, and `component_missing()` what to tell the operator when they are not.

Qt-free: the GUI passes callbacks, which run on the worker thread (a Qt front end turns
them into signals). Each code is reported once while it stays in view, and again only
after it has been out of view for `forget_after` seconds. A camera that fails to open or
stops delivering frames (unplugged) is reported as a state, never as a crash, and is
reopened every `retry_after` seconds until `stop()`.

A barcode is read along rows, so one tilted more than ~15° (its bars' height / length) is
missed; the decoder also tries 90°. Successive frames are therefore turned 0°, +30°, -30°
in turn: one decode per frame, and a code held at any angle is read within three frames.

Use opencv-python-headless: the full wheel ships its own Qt, which clashes with PySide6.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import time
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from station_app.devices.decoders import Decoded, Decoder
from station_app.devices.worker import DeviceWorker
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)
THREAD_NAME = "camera-scanner"


class CameraState(Enum):
    STARTING = "starting"  #: opening the camera
    RUNNING = "running"  #: frames are coming and being decoded
    NO_CAMERA = "no_camera"  #: the camera could not be opened (none, or in use)
    LOST = "lost"  #: it stopped delivering frames (unplugged); it will be reopened
    STOPPED = "stopped"  #: stop() was called, or it was lost and reconnect is off


#: what each state says on screen (context "camera")
STATE_TEXT = {
    CameraState.STARTING: QT_TRANSLATE_NOOP("camera", "Opening the camera…"),
    CameraState.RUNNING: QT_TRANSLATE_NOOP("camera", "Hold the code in front of the camera"),
    CameraState.NO_CAMERA: QT_TRANSLATE_NOOP("camera", "No camera found, or another program is using it"),
    CameraState.LOST: QT_TRANSLATE_NOOP("camera", "The camera stopped working (unplugged?); trying again…"),
    CameraState.STOPPED: QT_TRANSLATE_NOOP("camera", "Camera off"),
}


#: the camera component's packages (import names): OpenCV captures and turns frames, numpy holds them
COMPONENT_PACKAGES = ("cv2", "numpy")
#: the folder `make package` builds beside dist/station-app, to copy into the program folder
COMPONENT_FOLDER = "station-camera"
#: how the operator adds the component (context "camera"): with the Windows installer, by
#: copying the built folder (a Linux bundle), or with pip (a station run from source)
HOW_TO_ADD = {
    "setup": QT_TRANSLATE_NOOP("camera", "To add it, run the station's Setup program again and tick "
                                         "“Scan with a camera” on the components page."),
    "folder": QT_TRANSLATE_NOOP("camera", "To add it, copy everything in the {component} folder into "
                                          "the program's folder {folder}."),
    "pip": QT_TRANSLATE_NOOP("camera", 'To add it: pip install "village-station[camera]"'),
}


class CameraComponentMissing(UserError):
    """OpenCV or numpy (the camera component) is not installed on this PC, or does not load."""


def missing_packages() -> list[str]:
    """The camera component's packages that are not installed here (looked up, not imported)."""
    return [name for name in COMPONENT_PACKAGES if importlib.util.find_spec(name) is None]


def how_to_add(platform: str = sys.platform, frozen: bool | None = None,
               program_folder: Path | None = None, lang: str | None = None) -> str:
    """The sentence that tells the operator how to add the camera component on this PC."""
    if frozen is None:
        frozen = bool(getattr(sys, "frozen", False))
    if not frozen:
        return translate("camera", HOW_TO_ADD["pip"], lang)
    if platform.startswith("win"):
        return translate("camera", HOW_TO_ADD["setup"], lang)
    folder = program_folder or Path(sys.executable).resolve().parent
    return translate("camera", HOW_TO_ADD["folder"], lang).format(component=COMPONENT_FOLDER, folder=folder)


def component_missing(detail: str = "") -> CameraComponentMissing:
    """The error that says the camera component is not here, and how to add it."""
    return CameraComponentMissing(
        QT_TRANSLATE_NOOP("errors", "The camera component is not installed on this PC, so it cannot scan "
                                    "with a webcam. Scanner guns and typed codes work as usual. {how}"),
        how=how_to_add(), detail=detail or ", ".join(missing_packages()))


def check_component() -> None:
    """Raises CameraComponentMissing when OpenCV or numpy is not installed."""
    missing = missing_packages()
    if missing:
        raise component_missing(", ".join(missing))


def load_component() -> tuple[Any, Any]:
    """(cv2, numpy), imported. Raises CameraComponentMissing when they are missing or do not
    load (a half-copied component: a library of OpenCV's that is not there)."""
    try:
        import cv2
        import numpy
    except ImportError as exc:
        log.warning("the camera component does not load: %s", exc)
        raise component_missing(str(exc)) from None
    return cv2, numpy


class FrameSource(Protocol):
    """What the worker reads frames from: cv2.VideoCapture, or a test's list of images."""

    def read(self) -> tuple[bool, Any]: ...

    def release(self) -> None: ...


def open_camera(index: int = 0, width: int = 640, height: int = 480) -> FrameSource | None:
    """The webcam `index` at about width×height, or None if it cannot be opened.

    Raises CameraComponentMissing without the camera component."""
    cv2, _ = load_component()

    # DirectShow opens in well under a second on Windows; the default (MSMF) can take many
    backend = cv2.CAP_DSHOW if sys.platform == "win32" else cv2.CAP_ANY
    capture = cv2.VideoCapture(index, backend)
    if not capture.isOpened():
        capture.release()
        return None
    capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
    capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
    return capture


TURNS = (0.0, 30.0, -30.0)


def decode_turned(decoder: Decoder, frame: Any, angle: float) -> list[Decoded]:
    """Decode `frame` turned by `angle` degrees about its centre; positions come back in the
    frame's own pixels."""
    if not angle:
        return decoder.decode(frame)
    cv2, np = load_component()
    image = np.asarray(frame)
    height, width = image.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned = cv2.warpAffine(image, turn, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    back = cv2.invertAffineTransform(turn)
    out = []
    for code in decoder.decode(turned):
        points = np.array(code.position, dtype=np.float64).reshape(-1, 2)
        mapped = points @ back[:, :2].T + back[:, 2]
        out.append(Decoded(code.format, code.text, tuple((round(x), round(y)) for x, y in mapped)))
    return out


class RecentCodes:
    """Which codes in a frame are news: first seen, or back after `forget_after` seconds away."""

    def __init__(self, forget_after: float = 1.0) -> None:
        self.forget_after = forget_after
        self._last_seen: dict[tuple[str, str], float] = {}

    def news(self, codes: list[Decoded], t: float) -> list[Decoded]:
        fresh = []
        for code in codes:
            key = (code.format, code.text)
            last = self._last_seen.get(key)
            if last is None or t - last > self.forget_after:
                fresh.append(code)
            self._last_seen[key] = t
        self._last_seen = {k: v for k, v in self._last_seen.items() if t - v <= self.forget_after}
        return fresh


class CameraScanner(DeviceWorker):
    """Reads frames from `open_source()` and reports codes, on a thread named "camera-scanner".

    on_code(Decoded), on_frame(ndarray) and on_state(CameraState) run on that thread."""

    thread_name = THREAD_NAME
    stop_timeout = 3.0  # a frame read can take up to ~1 s

    def __init__(self, decoder: Decoder, on_code: Callable[[Decoded], Any], *,
                 on_frame: Callable[[Any], Any] | None = None,
                 on_state: Callable[[CameraState], Any] | None = None,
                 open_source: Callable[[], FrameSource | None] = open_camera,
                 clock: Callable[[], float] = time.monotonic,
                 forget_after: float = 1.0, retry_after: float = 2.0, reconnect: bool = True,
                 turns: tuple[float, ...] = TURNS) -> None:
        self.decoder = decoder
        self.on_code = on_code
        self.on_frame = on_frame
        self.on_state = on_state
        self.open_source = open_source
        self.clock = clock
        self.recent = RecentCodes(forget_after)
        self.retry_after = retry_after
        self.reconnect = reconnect
        self.turns = turns or (0.0,)
        self.state = CameraState.STOPPED
        self.frames = 0
        super().__init__()

    def run(self) -> None:
        """The worker's loop (start() runs it on its own thread; tests may call it directly)."""
        try:
            while not self._stop.is_set():
                if self.state not in (CameraState.NO_CAMERA, CameraState.LOST):
                    self._set_state(CameraState.STARTING)  # retries keep saying what is wrong
                source = self._open()
                if source is None:
                    self._set_state(CameraState.NO_CAMERA)
                else:
                    try:
                        self._capture(source)
                    finally:
                        source.release()
                    if self._stop.is_set():
                        break
                    self._set_state(CameraState.LOST)
                if not self.reconnect:
                    break
                self._stop.wait(self.retry_after)
        finally:
            self._set_state(CameraState.STOPPED)

    def _open(self) -> FrameSource | None:
        try:
            return self.open_source()
        except Exception:  # a driver error opening the device is "no camera", not a crash
            log.exception("opening the camera failed")
            return None

    def _capture(self, source: FrameSource) -> None:
        first = True
        while not self._stop.is_set():
            try:
                ok, frame = source.read()
            except Exception:
                log.exception("reading a camera frame failed")
                ok, frame = False, None
            if not ok or frame is None:
                return
            if first:
                self._set_state(CameraState.RUNNING)
                first = False
            t = self.clock()
            self._call(self.on_frame, frame)
            angle = self.turns[self.frames % len(self.turns)]
            self.frames += 1
            try:
                codes = decode_turned(self.decoder, frame, angle)
            except Exception:  # one undecodable frame must not end the camera
                log.exception("decoding a camera frame failed")
                continue
            for code in self.recent.news(codes, t):
                self._call(self.on_code, code)

    def _set_state(self, state: CameraState) -> None:
        if state != self.state:
            self.state = state
            self._call(self.on_state, state)

    @staticmethod
    def _call(callback: Callable[[Any], Any] | None, value: Any) -> None:
        if callback is None:
            return
        try:
            callback(value)
        except Exception:  # the GUI's bug must not kill the device thread
            log.exception("camera callback failed")
