"""A station without the camera component (OpenCV and numpy), as the base bundle installs it.

The programs run in a fresh Python whose packages are this environment's minus the camera
component's (installer/component.py names them): a folder of links to every other entry of
site-packages, on a Python started without its site. There the station simulates and checks
a day, reads image files, and its scanner page says that the camera component is missing
and how to add it; nothing crashes and nothing imports OpenCV or numpy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from installer import component
from station_app.devices import camera

ROOT = Path(__file__).resolve().parents[2]
SCANS = ROOT / "tests" / "fixtures" / "scans"

PAGE = r"""
import importlib.util, json, sys
from PySide6.QtWidgets import QApplication
from station_app.devices import camera
from station_app.ui.camera_dialog import CameraDialog
from station_app.ui.pages.scanner import ScannerPage

app = QApplication([])
page = ScannerPage()
page.show()
app.processEvents()
dialog = page.open_camera()  # as a click would, were the button not disabled
app.processEvents()
print(json.dumps({
    "spec": {name: importlib.util.find_spec(name) is not None for name in ("cv2", "numpy")},
    "expected": str(camera.component_missing()),
    "how": camera.how_to_add(),
    "page_says": page.camera_missing.text() if page.camera_missing is not None else None,
    "page_says_visible": page.camera_missing is not None and page.camera_missing.isVisible(),
    "button_enabled": page.open_camera_button.isEnabled(),
    "dialog_says": dialog.status.text(),
    "dialog_scanner": dialog.scanner is not None,
    "loaded": sorted(name for name in ("cv2", "numpy") if name in sys.modules),
}, ensure_ascii=False))
dialog.close()
page.close()
"""


@pytest.fixture(scope="module")
def station_without_camera(tmp_path_factory):
    """(python command, environment) for a station install without the camera component."""
    site = Path(sysconfig.get_paths()["purelib"])
    packages = tmp_path_factory.mktemp("site-packages-without-camera")
    left_out = []
    for entry in site.iterdir():
        if component.TOP_FOLDERS.match(entry.name):
            left_out.append(entry.name)
        elif not entry.name.endswith(".pth"):
            (packages / entry.name).symlink_to(entry)
    assert {"cv2", "numpy"} <= set(left_out), left_out
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PYTHONPATH=os.pathsep.join([str(ROOT), str(packages)]), QT_QPA_PLATFORM="offscreen",
               PYTHONIOENCODING="utf-8", PYTHONNOUSERSITE="1")
    return [sys.executable, "-S"], env


def run(station, *args: str) -> subprocess.CompletedProcess[str]:
    python, env = station
    return subprocess.run([*python, *args], capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=ROOT, timeout=240)


@pytest.mark.skipif(sys.platform.startswith("win"), reason="links to site-packages need symlink rights on Windows")
def test_a_station_without_the_camera_component_simulates_checks_and_reads_image_files(station_without_camera,
                                                                                      tmp_path):
    station = station_without_camera
    gone = run(station, "-c", "import importlib.util as u; print([u.find_spec(n) for n in ('cv2', 'numpy')])")
    assert gone.stdout.strip() == "[None, None]", gone.stderr
    data = str(tmp_path / "station")
    simulated = run(station, "-m", "station_app", "simulate", "--days", "1", "--data-dir", data)
    assert simulated.returncode == 0, simulated.stderr[-2000:]
    checked = run(station, "-m", "station_app", "check", "--data-dir", data)
    assert checked.returncode == 0 and checked.stdout.startswith("ok"), checked.stderr[-2000:]
    for decoder in ("zxing", "pyzbar"):
        scanned = run(station, "-m", "station_app", "scan-image", "--decoder", decoder,
                      str(SCANS / "ewaybill_two_codes.png"), str(SCANS / "waybill_sf_jpeg.png"))
        assert scanned.returncode == 0, scanned.stderr[-2000:]
        assert sorted(scanned.stdout.splitlines()) == [
            "Code128\tJT0001234567890", "Code128\tSF1234567890123", "QRCode\thttps://hub.example.cn/t/QZ7K2M9X"]
    unreadable = run(station, "-m", "station_app", "scan-image", str(SCANS / "expected.json"))
    assert unreadable.returncode == 2 and "expected.json" in unreadable.stderr


@pytest.mark.skipif(sys.platform.startswith("win"), reason="links to site-packages need symlink rights on Windows")
def test_the_scanner_page_says_the_camera_component_is_missing_and_how_to_add_it(station_without_camera):
    result = run(station_without_camera, "-c", PAGE)
    assert result.returncode == 0, result.stderr[-3000:]
    got = json.loads(result.stdout.strip().splitlines()[-1])
    assert got["spec"] == {"cv2": False, "numpy": False}
    assert got["page_says_visible"] and got["page_says"] == got["expected"]
    assert got["how"] in got["page_says"] and "village-station[camera]" in got["how"]  # run from source: pip
    assert not got["button_enabled"]
    assert got["dialog_says"] == got["expected"] and not got["dialog_scanner"]
    assert got["loaded"] == []


def test_with_the_camera_component_the_page_offers_the_camera(qtbot):
    from station_app.ui.pages.scanner import ScannerPage

    assert camera.missing_packages() == []  # the dev install has it
    page = ScannerPage()
    qtbot.addWidget(page)
    assert page.open_camera_button.isEnabled() and page.camera_missing is None


def test_a_camera_component_that_does_not_load_is_said_to_be_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "cv2", None)  # as when one of OpenCV's libraries is not there
    with pytest.raises(camera.CameraComponentMissing) as err:
        camera.load_component()
    assert camera.how_to_add() in str(err.value) and "cv2" in err.value.params["detail"]
    with pytest.raises(camera.CameraComponentMissing):
        camera.open_camera()
    assert camera.missing_packages() == ["cv2"]
    with pytest.raises(camera.CameraComponentMissing):
        camera.check_component()
