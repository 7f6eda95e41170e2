"""Screenshots of every screen, on a demo station, in Chinese: docs/screenshots/*.png.

    python tools/screenshots.py [--lang en]

Runs on whatever Qt platform is set (offscreen by default, or a real X display / Xvfb).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from station_app.core import simulate  # noqa: E402
from station_app.core.operators import list_operators  # noqa: E402
from station_app.db import open_station  # noqa: E402
from station_app.ui.app import setup_application  # noqa: E402
from station_app.ui.context import StationContext  # noqa: E402
from station_app.ui.login import LoginDialog  # noqa: E402
from station_app.ui.main_window import MainWindow  # noqa: E402
from station_app.ui.wizard import FirstRunWizard  # noqa: E402


def shoot(widget, path: Path, size=(1280, 820)) -> None:
    widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.lang == "zh_CN" else f"-{args.lang}"
    app = QApplication.instance() or QApplication(sys.argv)
    setup_application(app, args.lang)
    work = Path(tempfile.mkdtemp())

    empty = open_station(work / "empty" / "station.sqlite")
    shoot(FirstRunWizard(empty), args.out / f"01-first-run{suffix}.png", (760, 560))

    db = open_station(work / "demo" / "station.sqlite")
    simulate.run(db, 30, seed=7, end=datetime.now(UTC))
    shoot(LoginDialog(db), args.out / f"02-login{suffix}.png", (560, 360))
    ctx = StationContext(db)
    ctx.set_operator(list_operators(db)[0])
    window = MainWindow(ctx)
    for i, page in enumerate(window.pages):
        window.nav.setCurrentRow(i)
        name = type(page).__name__.replace("SettingsPage", "").replace("Page", "").lower() or "settings"
        if name == "upcoming":
            continue
        if name == "people":
            page.search.setText("王")  # type: ignore[attr-defined]
        shoot(window, args.out / f"{i + 3:02d}-{name}{suffix}.png")
        tabs = getattr(page, "tabs", None)
        for t in range(1, tabs.count() if tabs is not None else 0):
            tabs.setCurrentIndex(t)
            shoot(window, args.out / f"{i + 3:02d}-{name}-{t + 1}{suffix}.png")


if __name__ == "__main__":
    main()
