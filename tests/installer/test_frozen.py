"""The code that runs inside the frozen bundle (installer/frozen/), tested from source."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from installer import bundle

RTHOOK = bundle.FROZEN / "rthook_station.py"


def run_hook(tmp_path, prelude: str, after: str) -> subprocess.CompletedProcess[str]:
    """Runs the runtime hook in a fresh Python the way PyInstaller would, between two snippets."""
    script = f"{prelude}\nimport runpy\nrunpy.run_path({str(RTHOOK)!r})\n{after}\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESCPOS_")}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"))
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)


def test_rthook_points_python_escpos_at_the_bundled_capabilities(tmp_path):
    meipass = tmp_path / "_internal"
    (meipass / "escpos").mkdir(parents=True)
    (meipass / "escpos" / "capabilities.json").write_text("{}")
    result = run_hook(tmp_path, f"import sys; sys._MEIPASS = {str(meipass)!r}",
                      "import os; print(os.environ['ESCPOS_CAPABILITIES_FILE']); "
                      "print(os.environ['ESCPOS_CAPABILITIES_PICKLE_DIR'])")
    assert result.returncode == 0, result.stderr
    capabilities, pickles = result.stdout.split()
    assert capabilities == str(meipass / "escpos" / "capabilities.json")
    assert pickles.startswith(str(tmp_path / "cache")) and os.path.isdir(pickles)


def test_rthook_does_nothing_outside_a_bundle(tmp_path):
    result = run_hook(tmp_path, "", "import os; print(os.environ.get('ESCPOS_CAPABILITIES_FILE'))")
    assert result.stdout.strip() == "None"


def test_rthook_sends_a_windowed_programs_output_to_the_log(tmp_path):
    result = run_hook(tmp_path, "import sys; sys.argv = ['station-app', 'sync', '--once']; sys.stdout = sys.stderr = None",
                      "print('synced 12 events'); import sys; sys.stderr.write('warning: hub slow\\n')")
    assert result.returncode == 0, result.stderr
    [log] = (tmp_path / "state").rglob("station-app.log")
    text = log.read_text("utf-8")
    assert "sync --once" in text and "synced 12 events" in text and "warning: hub slow" in text


def test_rthook_keeps_a_console_programs_output(tmp_path):
    result = run_hook(tmp_path, "", "print('to the console')")
    assert result.stdout.strip() == "to the console"
    assert not list(tmp_path.rglob("station-app.log"))


@pytest.fixture
def probe(monkeypatch):
    monkeypatch.syspath_prepend(str(bundle.FROZEN))
    import smoke_probe

    return smoke_probe


@pytest.mark.parametrize(("argv", "gui"), [
    ([], True), (["--data-dir", "x", "--lang", "en"], True), (["check"], False),
    (["scan-image", "a.png"], False), (["no-such-command"], False),
])
def test_probe_arms_only_for_the_desktop_program(probe, argv, gui):
    assert probe.wants_gui(argv) is gui


def test_probe_reports_the_first_window_and_cancels_it(probe, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    monkeypatch.setattr(sys, "argv", ["station-app"])
    report = tmp_path / "report.json"
    dialog = QDialog()
    dialog.setWindowTitle("设置服务站")
    qtbot.addWidget(dialog)
    probe.arm(str(report))
    dialog.show()
    qtbot.waitUntil(report.exists, timeout=20_000)
    got = json.loads(report.read_text("utf-8"))
    assert got["window"] == "QDialog" and got["title"] == "设置服务站"
    assert got["platform"] == "offscreen" and got["frozen"] is False
    assert set(got["libraries"]) == {"escpos", "zxing", "pyzbar", "timezone", "catalogue"}
    for name in ("zxing", "escpos", "timezone", "catalogue"):
        assert got["libraries"][name].startswith("ok"), got["libraries"][name]
    # the dev install has the camera component: it works, and the scanner page offers it
    assert got["camera"]["missing"] == [] and got["camera"]["check"].startswith("ok: OpenCV"), got["camera"]
    assert got["scanner_page"] == {"open_camera_enabled": True, "camera_missing": ""}
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_entry_scripts_run_the_console_scripts_mains():
    app = (bundle.FROZEN / "station_app_main.py").read_text("utf-8")
    hub = (bundle.FROZEN / "station_hub_main.py").read_text("utf-8")
    assert "from station_app.cli import main" in app and bundle.SMOKE_ENV in app
    assert "from sync.hub.cli import main" in hub
    pyproject = (bundle.ROOT / "pyproject.toml").read_text("utf-8")
    assert 'station-app = "station_app.cli:main"' in pyproject
    assert 'station-hub = "sync.hub.cli:main"' in pyproject


def test_probe_reports_a_missing_camera_component_and_what_the_scanner_page_says(probe, qapp, monkeypatch):
    from station_app.devices import camera

    monkeypatch.setattr(camera, "missing_packages", lambda: ["cv2", "numpy"])
    assert probe.camera_report() == {"missing": ["cv2", "numpy"], "check": "absent"}
    page = probe.scanner_page_report()
    assert page["open_camera_enabled"] is False
    assert page["camera_missing"] == str(camera.component_missing()) != ""
