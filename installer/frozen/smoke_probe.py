"""Self-report of the frozen desktop program, for installer/smoke.py.

Armed only when VILLAGE_STATION_SMOKE names a report file and the program starts without
a subcommand. It creates the QApplication that station_app.ui.app.run_app then reuses,
and watches for the first visible window: the first-run wizard, the login, or a message
saying the station file cannot be opened. It writes what it sees (the window, the Qt
platform, the translations and stylesheet loaded, a check of every native library inside
the bundle, whether the camera component is installed and works, and what the scanner page
offers) as JSON, then cancels that window so the program ends by its own normal path.
Nothing here changes how the program behaves when the variable is unset.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

GIVE_UP_SECONDS = 90


def wants_gui(argv: list[str]) -> bool:
    """True when these arguments start the desktop program (no subcommand)."""
    from station_app.cli import build_parser

    try:
        ns, _ = build_parser().parse_known_args(argv)
    except SystemExit:
        return False
    return not ns.command


def arm(report_path: str) -> None:
    if not wants_gui(sys.argv[1:]):
        return
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    started = time.monotonic()
    timer = QTimer(app)
    timer.setInterval(100)

    def look() -> None:
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and isinstance(w, QDialog | QMainWindow):
                timer.stop()
                _write(report_path, describe(app, w))
                if isinstance(w, QDialog):
                    w.reject()  # the wizard or login was cancelled: run_app returns normally
                else:
                    w.close()
                    app.quit()
                return
        if time.monotonic() - started > GIVE_UP_SECONDS:
            timer.stop()
            _write(report_path, {"window": None, "error": f"no window after {GIVE_UP_SECONDS} s"})
            app.exit(3)

    timer.timeout.connect(look)
    timer.start()


def describe(app: Any, window: Any) -> dict[str, Any]:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    qt_translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    report: dict[str, Any] = {
        "window": type(window).__name__,
        "title": window.windowTitle(),
        "text": getattr(window, "text", lambda: "")() if type(window).__name__ == "QMessageBox" else "",
        "platform": app.platformName(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "translators": [t.filePath() for t in app.findChildren(QTranslator)],
        "qt_translations": str(qt_translations),
        "qtbase_zh_CN": (qt_translations / "qtbase_zh_CN.qm").is_file(),
        "stylesheet_chars": len(app.styleSheet()),
        "font": app.font().family(),
    }
    report["libraries"] = {name: _try(check) for name, check in LIBRARY_CHECKS.items()}
    report["camera"] = camera_report()
    report["scanner_page"] = scanner_page_report()
    return report


def camera_report() -> dict[str, Any]:
    """The camera component: which of its packages are missing, and, when none is, the
    result of using it ("ok: ..." or "error: ...")."""
    from station_app.devices import camera

    missing = camera.missing_packages()
    return {"missing": missing, "check": "absent" if missing else _try(_check_camera)}


def _check_camera() -> str:
    """OpenCV turns a camera-like frame (a numpy array) of a QR code by 30° and the
    station's decoder reads it back, as the camera worker does with every third frame."""
    from station_app.devices import camera
    from station_app.devices.decoders import decoder

    cv2, np = camera.load_component()
    frame = np.pad(np.asarray(_qr_image("SMOKE-CAMERA")), 80, constant_values=255)
    found = camera.decode_turned(decoder(), frame, 30.0)
    if [c.text for c in found] != ["SMOKE-CAMERA"]:
        raise RuntimeError(f"decoded {found!r} from the turned frame")
    return f"OpenCV {cv2.__version__} and numpy {np.__version__} turned a frame 30°, its QR code read"


def scanner_page_report() -> dict[str, Any]:
    """What the scanner page offers for the camera: its button, and the message it shows
    when the camera component is missing."""
    try:
        from station_app.ui.pages.scanner import ScannerPage

        page = ScannerPage()
        try:
            return {"open_camera_enabled": page.open_camera_button.isEnabled(),
                    "camera_missing": page.camera_missing.text() if page.camera_missing is not None else ""}
        finally:
            page.deleteLater()
    except Exception as exc:  # the report says what failed; the smoke test fails on it
        return {"error": f"{type(exc).__name__}: {exc}"}


def _try(check: Callable[[], str]) -> str:
    try:
        return "ok: " + check()
    except Exception as exc:  # the report says what failed; the smoke test fails on it
        return f"error: {type(exc).__name__}: {exc}"


def _qr_image(text: str) -> Any:
    import qrcode

    qr = qrcode.QRCode(border=4, box_size=6)
    qr.add_data(text)
    return qr.make_image().get_image().convert("L")


def _check_escpos() -> str:
    from printer.connections import escpos_printer_classes

    escpos_printer_classes()
    from escpos.capabilities import CAPABILITIES

    profiles = len(CAPABILITIES.get("profiles", {}))
    if profiles < 10:
        raise RuntimeError(f"only {profiles} printer profiles: capabilities.json is not the bundled one")
    return f"{profiles} profiles from {os.environ.get('ESCPOS_CAPABILITIES_FILE')}"


def _check_decoder(name: str) -> Callable[[], str]:
    def check() -> str:
        from station_app.devices.decoders import decoder

        found = decoder(name).decode(_qr_image("SMOKE-12345"))
        if [c.text for c in found] != ["SMOKE-12345"]:
            raise RuntimeError(f"decoded {found!r}")
        return "decoded a QR code"

    return check


def _check_timezone() -> str:
    from zoneinfo import ZoneInfo

    import tzdata  # noqa: F401  (Windows has no system time zones: the bundled ones must be there)

    return str(ZoneInfo("Asia/Shanghai"))


def _check_catalogue() -> str:
    from station_app import i18n

    entries = len(i18n.catalogue("zh_CN"))
    if not entries:
        raise RuntimeError("the Chinese catalogue (.ts) is empty or missing")
    return f"{entries} translations"


LIBRARY_CHECKS: dict[str, Callable[[], str]] = {
    "escpos": _check_escpos,
    "zxing": _check_decoder("zxing"),
    "pyzbar": _check_decoder("pyzbar"),
    "timezone": _check_timezone,
    "catalogue": _check_catalogue,
}


def _write(path: str, report: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
