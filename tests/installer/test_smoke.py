"""installer/smoke.py's own logic, without a build: the pieces, and its steps run against a
stand-in bundle whose station-app is the program from source."""

from __future__ import annotations

import contextlib
import io
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from installer import bundle, smoke
from station_app.cli import build_parser

FIXTURE = bundle.ROOT / "tests" / "fixtures" / "station-v0.1.0.sqlite"


def test_program_path_is_the_console_twin_on_windows(tmp_path):
    assert smoke.program_path(tmp_path, "station-app", "win32") == tmp_path / "station-app-cli.exe"
    assert smoke.program_path(tmp_path, "station-hub", "win32") == tmp_path / "station-hub.exe"
    assert smoke.program_path(tmp_path, "station-app", "linux") == tmp_path / "station-app"
    assert smoke.program_path(tmp_path, smoke.WINDOWED, "win32") == tmp_path / "station-app.exe"
    assert smoke.program_path(tmp_path, smoke.WINDOWED, "linux") == tmp_path / "station-app"


def test_subcommands_are_read_from_the_real_help_text():
    found = smoke.subcommands_in_help(build_parser().format_help())
    assert {"simulate", "check", "backup", "restore"} <= found
    assert "zh_CN" not in found and "COMMAND" not in found


def test_subcommands_in_braces_are_read_too():
    text = "usage: x {a,b-c} ...\n\npositional arguments:\n  {simulate,check,scan-image}\n    simulate  s\n\noptions:\n"
    assert smoke.subcommands_in_help(text) == {"simulate", "check", "scan-image"}


def test_an_unknown_subcommand_is_recognised_as_missing():
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit):
        build_parser().parse_args(["frobnicate"])
    assert smoke.is_missing_subcommand(err.getvalue(), "frobnicate")
    assert not smoke.is_missing_subcommand("station-app: no station file", "frobnicate")


def test_scan_output_is_parsed_per_line():
    assert smoke.parse_scan_output("Code128\tSF1\r\nQRCode\thttps://x/y?a=1\tz\nnoise\n") == [
        ("Code128", "SF1"), ("QRCode", "https://x/y?a=1\tz")]


@pytest.mark.parametrize(("data", "problem"), [
    (b"", "empty"),
    (b"hello printer", "ESC @"),
    (b"\x1b@\x1b!\x00\x1d!\x11", "no text"),
    (b"\x1b@\x1ba\x01Village Station\n\x1dV\x00", None),
])
def test_escpos_output_is_recognised(data, problem):
    got = smoke.escpos_problem(data)
    assert (got is None) if problem is None else (got is not None and problem in got)


GOOD_REPORT = {
    "window": "FirstRunWizard", "title": "设置服务站", "platform": "offscreen", "frozen": True,
    "stylesheet_chars": 1700, "qtbase_zh_CN": True,
    "libraries": {"zxing": "ok: decoded", "pyzbar": "ok: decoded", "escpos": "ok: 35 profiles"},
    "camera": {"missing": ["cv2", "numpy"], "check": "absent"},
    "scanner_page": {"open_camera_enabled": False, "camera_missing": "没有安装摄像头扫码组件……"},
}
WITH_CAMERA = {
    **GOOD_REPORT,
    "camera": {"missing": [], "check": "ok: OpenCV 5.1.0 and numpy 2.4.6 turned a frame 30°, its QR code read"},
    "scanner_page": {"open_camera_enabled": True, "camera_missing": ""},
}


def test_a_good_probe_report_has_no_problems():
    assert smoke.probe_problems(GOOD_REPORT, "FirstRunWizard") == []
    assert smoke.probe_problems(WITH_CAMERA, "FirstRunWizard", camera=True) == []


@pytest.mark.parametrize(("camera", "change", "expected"), [
    (False, {"camera": {"missing": ["cv2"], "check": "absent"}}, "carries part of the camera component"),
    (False, {"camera": {"missing": [], "check": "ok: OpenCV"}}, "carries part of the camera component"),
    (False, {"scanner_page": {"open_camera_enabled": True, "camera_missing": ""}}, "offers the camera without"),
    (False, {"scanner_page": {"open_camera_enabled": False, "camera_missing": ""}}, "instead of saying that it is missing"),
    (False, {"scanner_page": {"error": "ImportError: numpy"}}, "the scanner page does not open: ImportError"),
    (True, {"camera": {"missing": [], "check": "error: ImportError: libopenblas"}}, "camera component: error"),
    (True, {"camera": {"missing": ["numpy"], "check": "absent"}}, "camera component: absent"),
    (True, {"scanner_page": {"open_camera_enabled": False, "camera_missing": "not installed"}}, "does not offer the camera"),
])
def test_camera_problems_are_named(camera, change, expected):
    report = {**(WITH_CAMERA if camera else GOOD_REPORT), **change}
    problems = smoke.probe_problems(report, "FirstRunWizard", camera=camera)
    assert any(expected in p for p in problems), problems


def test_without_a_built_camera_component_the_camera_step_is_missing(tmp_path):
    run = smoke.Smoke(tmp_path, tmp_path, FIXTURE, tmp_path / "no-such-folder")
    run.step("camera", run.camera)
    assert run.steps[-1].status == smoke.MISSING and "no camera component" in run.steps[-1].detail


@pytest.mark.parametrize(("change", "expected"), [
    ({"window": "QMessageBox", "text": "The station file is damaged"}, "not FirstRunWizard: The station file is damaged"),
    ({"title": "Set up this station"}, "station_zh_CN.qm not loaded"),
    ({"platform": "xcb"}, "not offscreen"),
    ({"frozen": False}, "not running frozen"),
    ({"stylesheet_chars": 0}, "no stylesheet"),
    ({"qtbase_zh_CN": False}, "qtbase_zh_CN.qm"),
    ({"libraries": {"pyzbar": "error: ImportError: Unable to find zbar shared library"}}, "pyzbar: error"),
])
def test_probe_report_problems_are_named(change, expected):
    problems = smoke.probe_problems({**GOOD_REPORT, **change}, "FirstRunWizard")
    assert any(expected in p for p in problems), problems


def test_events_digest_sees_a_lost_or_changed_event(tmp_path):
    path = tmp_path / "s.sqlite"
    shutil.copy(FIXTURE, path)
    count, digest = smoke.events_digest(path)
    assert count > 0
    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)")
    conn.close()
    after, changed = smoke.events_digest(path)
    assert after == count - 1 and changed != digest


def test_the_generated_label_is_readable_by_the_station_decoder(tmp_path):
    from station_app.devices.decoders import decoder, load_image

    expected = smoke.make_scan_picture(tmp_path / "label.png")
    found = [(c.format, c.text) for c in decoder("zxing").decode(load_image(tmp_path / "label.png"))]
    assert sorted(found) == sorted(expected)


def test_no_bundle_is_said_plainly(tmp_path, capsys):
    assert smoke.main(["--bundle", str(tmp_path / "nothing")]) == 2
    assert "no bundle" in capsys.readouterr().err


@pytest.fixture
def source_bundle(tmp_path):
    """A stand-in bundle whose station-app runs the program from source."""
    if sys.platform.startswith("win"):
        pytest.skip("the stand-in bundle is a shell script")
    folder = tmp_path / "bundle"
    folder.mkdir()
    exe = folder / "station-app"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m station_app "$@"\n')
    exe.chmod(0o755)
    return folder


def test_cli_steps_pass_against_the_program_from_source(source_bundle, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    run = smoke.Smoke(source_bundle, work, FIXTURE)
    env_path = str(bundle.ROOT)
    run.env["PYTHONPATH"] = env_path + (":" + run.env["PYTHONPATH"] if run.env.get("PYTHONPATH") else "")
    (work / "station").mkdir()
    run.expect_ok("simulate", "--days", "1", "--data-dir", str(work / "station"))
    for name, action in [("help", run.help), ("new PC", run.new_pc), ("upgrade", run.upgrade),
                         ("scan-image", run.scan_image), ("sync", run.nightly_sync)]:
        run.step(name, action)
    statuses = {s.name: (s.status, s.detail) for s in run.steps}
    assert all(status == smoke.PASS for status, _ in statuses.values()), statuses
    assert "machine settings kept" in statuses["upgrade"][1]


def test_a_missing_subcommand_is_reported_missing_not_failed(source_bundle, tmp_path):
    run = smoke.Smoke(source_bundle, tmp_path, FIXTURE)
    run.env["PYTHONPATH"] = str(bundle.ROOT)

    def not_there() -> str:
        run.run("no-such-command")
        return "?"

    run.step("future", not_there)
    assert run.steps[-1].status == smoke.MISSING
    assert "no `no-such-command` subcommand" in run.steps[-1].detail


def test_fixture_is_where_smoke_looks_for_it():
    assert FIXTURE.is_file()
    assert Path(smoke.__file__).resolve().parent.parent / "tests" / "fixtures" / FIXTURE.name == FIXTURE
