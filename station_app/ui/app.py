"""Starting the desktop program: language, look, the station file, first run, login."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from station_app import i18n
from station_app.core import settings
from station_app.core.errors import StorageError
from station_app.core.station import get_station
from station_app.db import StationDB, open_station, station_path
from station_app.db.maintenance import restore
from station_app.resources import asset
from station_app.ui.context import StationContext

CJK_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")


def setup_application(app: QApplication, lang: str, font_size: int = 14) -> None:
    """Translations (ours and Qt's own dialogs), a CJK font, large type and the stylesheet."""
    i18n.set_language(lang)
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
    if lang != "en":
        ours = QTranslator(app)
        if ours.load(str(asset("translations", f"station_{lang}.qm"))):
            app.installTranslator(ours)
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    families = set(QFontDatabase.families())
    font = QFont(next((f for f in CJK_FONTS if f in families), app.font().family()))
    font.setPointSize(font_size)
    app.setFont(font)
    style = asset("style.qss")
    if style.exists():
        app.setStyleSheet(style.read_text("utf-8").replace("{base}", str(font_size)))


def open_or_restore(path: Path) -> StationDB | None:
    """Open the station file; if it is damaged or too new, say so and offer a backup."""
    while True:
        try:
            return open_station(path)
        except StorageError as exc:
            answer = QMessageBox.critical(
                None, QApplication.translate("app", "The station file cannot be opened"),
                str(exc) + "\n\n" + QApplication.translate("app", "Restore the station from a backup file?"),
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
            )
            if answer != QMessageBox.StandardButton.Open:
                return None
            backup, _ = QFileDialog.getOpenFileName(None, QApplication.translate("app", "Choose a backup file"))
            if not backup:
                return None
            try:
                restore(Path(backup), path)
            except StorageError as err:
                QMessageBox.critical(None, QApplication.translate("app", "Not restored"), str(err))


def start(ctx_db: StationDB) -> object | None:
    """First-run wizard if needed, then login; returns the shown main window (or None to quit)."""
    from station_app.ui.login import LoginDialog
    from station_app.ui.main_window import MainWindow
    from station_app.ui.wizard import FirstRunWizard

    db = ctx_db
    if get_station(db) is None:
        wizard = FirstRunWizard(db)
        if not wizard.exec():
            return None
        if wizard.restore_from is not None:
            path = db.path
            db.close()
            restore(wizard.restore_from, path)
            db = open_station(path)
    login = LoginDialog(db)
    if not login.exec() or login.operator is None:
        return None
    ctx = StationContext(db)
    ctx.set_operator(login.operator)
    window = MainWindow(ctx)
    window.resize(1200, 800)
    window.show()
    return window


def run_app(data_dir: Path | None = None, lang: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    path = station_path(data_dir)
    setup_application(app, lang or "zh_CN")
    db = open_or_restore(path)
    if db is None:
        return 1
    chosen = lang or settings.get(db, "ui.language")
    setup_application(app, chosen, settings.get(db, "ui.font_size"))
    window = start(db)
    if window is None:
        return 0
    return app.exec()
