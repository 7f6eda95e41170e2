"""The camera worker with a fake frame source (a list of generated frames) and a test clock."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from station_app.devices.camera import CameraScanner, CameraState, RecentCodes
from station_app.devices.decoders import Decoded, decoder
from tests.devices import synth
from tests.devices.synth import Look

WAYBILL = "SF1234567890123"
LABEL = "VS1:T:AB12CD34"


@pytest.fixture(scope="module")
def frames():
    rng = np.random.default_rng(5)
    return {
        "waybill": synth.frame("Code128", WAYBILL, Look(module_px=2.6, noise=2), rng),
        "label": synth.frame("QRCode", LABEL, Look(module_px=5, noise=2), rng),
        "empty": synth.empty_frames(1, 3)[0],
    }


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


class FrameList:
    """A camera that shows these frames 1/10 s apart, then fails (unplugged)."""

    def __init__(self, images, clock: Clock, fail_with: Exception | None = None) -> None:
        self.images = list(images)
        self.clock = clock
        self.fail_with = fail_with
        self.released = False

    def read(self):
        if not self.images:
            if self.fail_with is not None:
                raise self.fail_with
            return False, None
        self.clock.t += 0.1
        return True, self.images.pop(0)

    def release(self) -> None:
        self.released = True


def test_each_code_is_reported_once_while_in_view_and_again_after_leaving(frames):
    clock = Clock()
    w, q, e = frames["waybill"], frames["label"], frames["empty"]
    shown = [w, w, w, e, w, w] + [e] * 12 + [w, q, q]  # a short blink, then a long absence
    source = FrameList(shown, clock)
    codes: list[Decoded] = []
    states: list[CameraState] = []
    seen_frames = []
    cam = CameraScanner(decoder(), codes.append, on_frame=seen_frames.append, on_state=states.append,
                        open_source=lambda: source, clock=clock, forget_after=1.0, reconnect=False)
    cam.run()
    assert [c.text for c in codes] == [WAYBILL, WAYBILL, LABEL]
    assert len(seen_frames) == len(shown) == cam.frames
    assert states == [CameraState.STARTING, CameraState.RUNNING, CameraState.LOST, CameraState.STOPPED]
    assert source.released


def test_no_camera_is_a_state(frames):
    states = []
    CameraScanner(decoder(), print, on_state=states.append, open_source=lambda: None, reconnect=False).run()
    assert states == [CameraState.STARTING, CameraState.NO_CAMERA, CameraState.STOPPED]


def test_unplugged_mid_capture_on_the_worker_thread_then_stop(frames):
    clock = Clock()
    opened = []

    def open_source():
        if opened:  # unplugged: it does not come back until replugged
            return None
        opened.append(1)
        return FrameList([frames["waybill"]] * 3, clock, fail_with=OSError("device gone"))

    states = []
    no_camera = threading.Event()
    codes = []

    def on_state(state):
        states.append(state)
        if state is CameraState.NO_CAMERA:
            no_camera.set()

    cam = CameraScanner(decoder(), codes.append, on_state=on_state, open_source=open_source,
                        clock=clock, retry_after=0.01)
    cam.start()
    assert no_camera.wait(10)
    cam.stop()
    assert not cam.running
    assert [c.text for c in codes] == [WAYBILL]
    assert states[:4] == [CameraState.STARTING, CameraState.RUNNING, CameraState.LOST, CameraState.NO_CAMERA]
    assert states[-1] is CameraState.STOPPED


def test_a_failing_callback_or_decoder_does_not_stop_the_camera(frames):
    clock = Clock()

    class Flaky:
        name, formats = "flaky", ()
        calls = 0

        def decode(self, image):
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("bad frame")
            return decoder().decode(image)

    def boom(_code):
        raise RuntimeError("GUI bug")

    flaky = Flaky()
    cam = CameraScanner(flaky, boom, open_source=lambda: FrameList([frames["waybill"]] * 3, clock),
                        clock=clock, reconnect=False)
    cam.run()
    assert flaky.calls == 3 and cam.state is CameraState.STOPPED


def test_recent_codes():
    recent = RecentCodes(forget_after=1.0)
    a, b = Decoded("Code128", "A", ()), Decoded("QRCode", "B", ())
    assert recent.news([a], 0.0) == [a]
    assert recent.news([a, b], 0.5) == [b]
    assert recent.news([a], 1.4) == []  # out of view for 0.9 s only
    assert recent.news([a, b], 2.3) == [b]  # a stayed (seen 0.9 s ago); b is back after 1.8 s



def test_a_tilted_waybill_is_read_by_turning_the_frames():
    from station_app.devices.camera import decode_turned

    rng = np.random.default_rng(8)
    tilted = synth.frame("Code128", WAYBILL, Look(module_px=2.6, angle=32, noise=2), rng)
    assert decoder().decode(tilted) == []  # rows cannot cross all the bars at 32°
    found = decode_turned(decoder(), tilted, 30.0)
    assert [c.text for c in found] == [WAYBILL]
    xs, ys = zip(*found[0].position, strict=True)
    assert 0 <= min(xs) <= max(xs) <= 640 and 0 <= min(ys) <= max(ys) <= 480  # back in frame pixels

    clock = Clock()
    codes = []
    CameraScanner(decoder(), codes.append, open_source=lambda: FrameList([tilted] * 6, clock),
                  clock=clock, reconnect=False).run()
    assert [c.text for c in codes] == [WAYBILL]


def test_how_to_add_the_camera_component_depends_on_how_the_station_was_installed(tmp_path):
    from station_app.devices import camera

    assert camera.how_to_add(frozen=False, lang="en") == 'To add it: pip install "village-station[camera]"'
    windows = camera.how_to_add("win32", frozen=True, lang="en")
    assert "Setup program again" in windows and "“Scan with a camera”" in windows
    linux = camera.how_to_add("linux", frozen=True, program_folder=tmp_path, lang="en")
    assert linux == f"To add it, copy everything in the station-camera folder into the program's folder {tmp_path}."
    missing = camera.component_missing("cv2")
    assert isinstance(missing, camera.CameraComponentMissing) and missing.params["detail"] == "cv2"
    assert camera.how_to_add() in missing.message("en")
    assert missing.message("en").startswith("The camera component is not installed on this PC")
