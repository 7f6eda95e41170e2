"""Starting the desktop program: language, look, the station file, first run, login."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from station_app import i18n
from station_app.core import settings
from station_app.core.health import before_use, restore
from station_app.core.operators import without_pin
from station_app.core.parcels.photos import prune_photos
from station_app.core.people import rekey_id_numbers
from station_app.core.station import get_station
from station_app.db import StationDB, open_station, station_path
from station_app.devices.wedge import WedgeSettings
from station_app.errors import DamagedStation, StorageError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.resources import asset
from station_app.speech import Speaker
from station_app.ui.context import StationContext
from station_app.ui.look import apply_look
from station_app.ui.printing import PrinterPort
from station_app.ui.scanning import ScanRouter, install_scanning
from station_app.ui.sync_worker import SyncWorker

log = logging.getLogger(__name__)


def setup_application(app: QApplication, lang: str, font_size: int = 14) -> None:
    """Translations (ours and Qt's own dialogs), a CJK font, large type and the stylesheet."""
    i18n.set_language(lang)
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    if lang != "en":
        ours = QTranslator(app)
        if ours.load(str(asset("translations", f"station_{lang}.qm"))):
            app.installTranslator(ours)
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    apply_look(app, font_size)


def ask_for_backup(problem: str) -> Path | None:
    """Say why the station file cannot be used and let the operator pick a backup (or quit)."""
    answer = QMessageBox.critical(
        None, QApplication.translate("app", "The station file cannot be opened"),
        problem + "\n\n" + QApplication.translate("app", "Restore the station from a backup file?"),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
    )
    if answer != QMessageBox.StandardButton.Open:
        return None
    backup, _ = QFileDialog.getOpenFileName(None, QApplication.translate("app", "Choose a backup file"))
    return Path(backup) if backup else None


def open_or_restore(path: Path, ask: Callable[[str], Path | None] = ask_for_backup) -> StationDB | None:
    """Open the station file. A damaged or too-new file is never repaired silently: `ask` is told
    what is wrong and may name a backup, which is restored only if it passes `check`."""
    while True:
        try:
            db = open_station(path)
            problems = before_use(db)
            if not problems:
                return db
            db.close()
            message = str(DamagedStation(
                QT_TRANSLATE_NOOP("errors", "The station file is damaged ({detail}). Restore it from a backup."),
                detail="; ".join(problems[:2])))
        except StorageError as exc:
            message = str(exc)
        backup = ask(message)
        if backup is None:
            return None
        try:
            restore(backup, path)
        except StorageError as err:
            ask(str(err))


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
    if without_pin(db):  # restored from the county hub: PINs never travel there
        from station_app.ui.hub_restore import NewPinsDialog

        if not NewPinsDialog(db).exec():
            return None
    try:
        rekey_id_numbers(db)  # ID numbers an older version hashed with the synced salt, once
    except StorageError as exc:  # the key cannot be opened here: `station-app check` says so; tried again next start
        log.warning("ID numbers not re-keyed: %s", exc)
    try:
        prune_photos(db)  # counter photos past the county's days (`parcels.photo_keep_days`)
    except OSError as exc:
        log.warning("counter photos not pruned: %s", exc)
    login = LoginDialog(db)
    if not login.exec() or login.operator is None:
        return None
    ctx = StationContext(db)
    ctx.printer = PrinterPort(db, ctx)
    ctx.speaker = Speaker()  # spoken prompts, on their own thread (station_app.speech)
    ctx.scans = ScanRouter(ctx)
    ctx.scan_filter = install_scanning(ctx.scans, WedgeSettings(prefix=settings.get(db, "scanner.prefix"),
                                                                suffix=settings.get(db, "scanner.suffix")))
    ctx.set_operator(login.operator)
    window = MainWindow(ctx)
    worker = SyncWorker(db.path, parent=window)
    window.attach_sync(worker)
    worker.start()
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(worker.stop)
        if ctx.printer is not None:
            app.aboutToQuit.connect(ctx.printer.stop)
    screen = window.screen()
    if screen is not None:  # without a window manager "maximised" means nothing: fill the screen anyway
        window.setGeometry(screen.availableGeometry())
    window.showMaximized()  # the station PC's screen is small: the window is made to fit it
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
