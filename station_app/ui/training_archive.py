"""A training session's archive checklist (石城: "档案不全，不予以补贴"), by keyboard: each document
the county's rule set asks for (one line per lecturer for credentials), whether a file is there,
and Enter to add the chosen line's file (a scan, a PDF) or Alt+P to photograph the paper with the
webcam. The archive is 齐全 only when every line has its file (`core.training.documents`); the
files go to the county with the next sync.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core import training
from station_app.core.training import documents
from station_app.i18n import translate
from station_app.ui import photo_dialog
from station_app.ui.context import StationContext
from station_app.ui.widgets import Notice, ReadOnlyTable, done_with, heading, keys


class ArchiveDialog(QDialog):
    """The checklist of one session's archive, with the files that meet each line."""

    def __init__(self, ctx: StationContext, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.session_id = ctx, session_id
        session = training.get_session(ctx.db, session_id)
        self.setWindowTitle(self.tr("Training archive"))
        self.items: list[training.ChecklistItem] = []
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.table = ReadOnlyTable([self.tr("Document"), self.tr("Lecturer"), self.tr("Files")])
        self.notice = Notice()
        add = QPushButton(self.tr("Add a file (Enter)"))
        add.setAutoDefault(False)
        add.clicked.connect(self.add_from_file)
        snap = QPushButton(self.tr("Photograph the paper (Alt+P)"))
        snap.setAutoDefault(False)
        snap.clicked.connect(self.add_by_webcam)
        close = QPushButton(self.tr("Close (Esc)"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        for key in ("Return", "Enter"):
            keys(self.table, key, self.add_from_file, focused=True)
        keys(self, "Alt+P", self.add_by_webcam)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(snap)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(session.title))
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.resize(760, 520)
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        db = self.ctx.db
        self.items = training.checklist(db, self.session_id)
        chosen = self.table.currentRow()
        self.table.fill([[translate("training", i.label), i.lecturer or "—",
                          str(len(i.files)) if i.present else self.tr("missing")] for i in self.items],
                        keys=[str(n) for n in range(len(self.items))])
        for row, item in enumerate(self.items):
            self.table.colour_cell(row, 2, "good" if item.present else "bad")
        if self.items:
            self.table.selectRow(min(max(chosen, 0), len(self.items) - 1))
        gaps = training.archive_gaps(db, self.session_id)
        self.verdict.setObjectName("ok" if not gaps else "warning")
        self.verdict.setText(self.tr("Archive complete (齐全)") if not gaps else self.tr(
            "Archive incomplete, no subsidy until it is complete: {items}").format(
            items="、".join(translate("training", g) for g in gaps)))
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)

    def chosen(self) -> training.ChecklistItem | None:
        key = self.table.current_key()
        if key is None:
            self.notice.error(self.tr("Choose the document in the list first"))
            return None
        return self.items[int(key)]

    def add(self, path: Path) -> bool:
        """Keep `path` as the chosen line's document. True when kept."""
        item = self.chosen()
        if item is None:
            return False
        kept = self.ctx.act(documents.add_document, self.session_id, kind=item.kind, source=path,
                            lecturer=item.lecturer, notice=self.notice)
        if kept is None:
            return False
        self.notice.ok(self.tr("{document} kept in the archive").format(document=translate("training", item.label)))
        self.refresh()
        self.table.setFocus()
        return True

    def add_from_file(self) -> None:
        if self.chosen() is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The document's file"), "",
                                              self.tr("Photos and PDF (*.jpg *.jpeg *.png *.bmp *.webp *.pdf)"))
        if path:
            self.add(Path(path))

    def add_by_webcam(self) -> None:
        item = self.chosen()
        if item is None:
            return
        dialog = photo_dialog.PhotoDialog(self.tr("Training archive"), translate("training", item.label), self)
        taken = dialog.photo if dialog.exec() else None
        done_with(dialog)
        if taken is None:
            return
        with tempfile.TemporaryDirectory(prefix="archive-") as folder:
            path = Path(folder) / "document.jpg"
            path.write_bytes(taken)
            self.add(path)

