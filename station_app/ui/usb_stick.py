"""同步到U盘 and 从U盘导入: the courier's USB stick for a station with no link (`sync.courier`).

To the stick: pick the stick (a removable drive found on this PC, or any folder), see what the
bundle holds and its size against the room on the stick first, then write it (off the GUI thread:
a cheap stick writes slowly). From the stick: import the county's return bundle for this station;
the county data it brings redraws the pages (`changed`).
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core import changes
from station_app.db import StationDB, open_station
from station_app.errors import UserError
from station_app.ui.widgets import Notice, heading, on_escape

log = logging.getLogger(__name__)
TO, FROM = "to", "from"


def removable_drives() -> list[Path]:
    """The USB sticks plugged into this PC: removable drives on Windows, mounted media elsewhere."""
    if sys.platform == "win32":
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        mask = kernel.GetLogicalDrives()
        return [Path(f"{chr(65 + i)}:\\") for i in range(26)
                if mask & (1 << i) and kernel.GetDriveTypeW(f"{chr(65 + i)}:\\") == 2]  # DRIVE_REMOVABLE
    found: set[Path] = set()
    user = getpass.getuser()
    for base in (Path("/media") / user, Path("/run/media") / user, Path("/media")):
        with contextlib.suppress(OSError):
            found.update(p for p in base.iterdir() if p.is_dir() and os.path.ismount(p))
    return sorted(found)


class StickWorker(QThread):
    """Runs one step (`job(db)`) on a connection of its own, off the GUI thread."""

    #: (True, the job's result) or (False, a message a person can act on)
    done = Signal(bool, object)

    def __init__(self, station_file: Path, job: Callable[[StationDB], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usb-stick")
        self.station_file, self.job = station_file, job

    def run(self) -> None:
        try:
            db = open_station(self.station_file, create=False)
        except UserError as exc:
            self.done.emit(False, str(exc))
            return
        try:
            self.done.emit(True, self.job(db))
        except UserError as exc:
            self.done.emit(False, str(exc))
        except Exception as exc:  # the operator must see it, not a dialog that never answers
            log.exception("the USB stick step failed")
            self.done.emit(False, str(exc))
        finally:
            db.close()


class StickDialog(QDialog):
    """同步到U盘 (`mode` TO) or 从U盘导入 (FROM). `changed` holds what county data arrived (to redraw)."""

    def __init__(self, db: StationDB, mode: str, parent: QWidget | None = None,
                 drives: Callable[[], list[Path]] = removable_drives) -> None:
        super().__init__(parent)
        self.db, self.mode = db, mode
        self.worker: StickWorker | None = None
        self.plan: Any = None
        self.changed = changes.Changes(0)
        self.setWindowTitle(self.tr("Sync to USB stick") if mode == TO else self.tr("Import from USB stick"))
        self.title = heading(self.windowTitle())
        self.explain = QLabel(self.tr(
            "For a station with no network: the county's courier carries this station's records to the county on a "
            "USB stick and brings the county's answer back. Plug in the stick and choose it below.") if mode == TO
            else self.tr("Plug in the stick the courier brought back from the county and choose it below: the "
                         "county's answer for this station is imported (bundles for other stations are left alone)."))
        self.explain.setWordWrap(True)
        self.folder = QComboBox()
        self.folder.setEditable(True)
        self.folder.setMinimumWidth(320)
        for drive in drives():
            self.folder.addItem(str(drive))
        self.folder.setCurrentText(self.folder.itemText(0) if self.folder.count() else "")
        line = self.folder.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("the USB stick, e.g. E:\\"))
        browse = QPushButton(self.tr("Choose a folder… (Ctrl+O)"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse)
        QShortcut(QKeySequence("Ctrl+O"), self, self.browse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.notice = Notice()
        self.action = QPushButton(self.tr("See what goes (Enter)") if mode == TO else self.tr("Import (Enter)"))
        self.action.setDefault(True)
        self.action.clicked.connect(self.go)
        close = QPushButton(self.tr("Close (Esc)"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("USB stick")))
        pick.addWidget(self.folder, 1)
        pick.addWidget(browse)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(close)
        buttons.addWidget(self.action)
        layout = QVBoxLayout(self)
        for w in (self.title, self.explain):
            layout.addWidget(w)
        layout.addLayout(pick)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.folder.currentTextChanged.connect(self._folder_changed)
        on_escape(self, [])
        self.folder.setFocus()

    def chosen(self) -> Path | None:
        text = self.folder.currentText().strip()
        return Path(text) if text else None

    def browse(self) -> None:
        found = QFileDialog.getExistingDirectory(self, self.tr("The USB stick"), self.folder.currentText())
        if found:
            self.folder.setCurrentText(found)

    def _folder_changed(self, _text: str) -> None:
        if self.mode == TO and self.worker is None:  # a plan for another stick is no plan for this one
            self.plan = None
            self.summary.clear()
            self.action.setText(self.tr("See what goes (Enter)"))

    def go(self) -> None:
        """Enter: plan (to), write the planned bundle (to), or import (from)."""
        folder = self.chosen()
        if self.worker is not None:
            return
        if folder is None:
            self.notice.error(self.tr("Choose the USB stick first"))
            self.folder.setFocus()
            return
        from sync import courier

        if self.mode == FROM:
            self._run(lambda db: courier.import_from(db, folder), self._imported, self.tr("Importing…"))
        elif self.plan is None or self.plan.folder != folder:
            self._run(lambda db: courier.plan_bundle(db, folder), self._planned, self.tr("Looking at the stick…"))
        else:
            plan = self.plan
            self._run(lambda db: courier.write_bundle(db, plan), self._written, self.tr("Writing to the stick… do not "
                                                                                          "pull it out"))

    def _run(self, job: Callable[[StationDB], Any], then: Callable[[Any], None], busy: str) -> None:
        self.action.setEnabled(False)
        self.notice.ok(busy)
        self.worker = StickWorker(Path(self.db.path), job, self)
        self.worker.done.connect(lambda ok, result: self._finished(ok, result, then))
        self.worker.start()

    def _finished(self, ok: bool, result: Any, then: Callable[[Any], None]) -> None:
        if self.worker is not None:
            self.worker.wait()
            self.worker = None
        self.action.setEnabled(True)
        if not ok:
            self.plan = None
            self.notice.error(str(result))
            return
        then(result)

    def _planned(self, plan: Any) -> None:
        from sync.bundle import show_size

        self.plan = plan
        text = self.tr("The bundle holds {records} records and {files} files: {size} ({free} free on the stick).").format(
            records=plan.events, files=plan.files, size=show_size(plan.size), free=show_size(plan.free))
        if not plan.complete:
            text += " " + self.tr("The stick cannot take everything: the oldest {records} of {waiting} records go now, "
                                  "the rest next time.").format(records=plan.events, waiting=plan.waiting)
        if plan.files_missing:
            text += " " + self.tr("{n} training photos the county lacks are not on this PC.").format(
                n=len(plan.files_missing))
        self.summary.setText(text)
        self.notice.clear_message()
        self.action.setText(self.tr("Write to the stick (Enter)"))
        self.action.setFocus()

    def _written(self, path: Any) -> None:
        self.notice.ok(self.tr("Written: {file}. The stick can be pulled out and given to the courier.").format(
            file=Path(path).name))
        self.plan = None
        self.action.setText(self.tr("See what goes (Enter)"))

    def _imported(self, got: Any) -> None:
        for kind in got.kinds:
            self.changed |= changes.for_kind(kind)
        self.changed |= changes.Changes.SYNC
        lines = []
        if got.imported:
            lines.append(self.tr("Imported the county's answer: {changes} county changes received; the county holds "
                                 "{acked} records of this station.").format(changes=got.changes, acked=got.acked_seq))
            if got.replayed == got.imported:
                lines.append(self.tr("This answer was imported before: nothing changed."))
        else:
            lines.append(self.tr("No answer for this station on the stick ({others} for other stations).").format(
                others=got.others))
        text = " ".join(lines + list(got.problems) + ([got.refused] if got.refused else []))
        if got.problems or got.refused or not got.imported:
            self.notice.error(text)
        else:
            self.notice.ok(text)

    def reject(self) -> None:
        if self.worker is not None:  # never leave a thread behind that writes the file or the stick
            self.worker.wait()
        super().reject()
