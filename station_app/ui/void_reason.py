"""Why a record made by mistake is taken back (a withdrawal, a service): the record, what will
happen, and a reason picked or typed. "Do not void" is the default; Ctrl+Enter voids."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.ui.widgets import heading, on_escape


class VoidReasonDialog(QDialog):
    def __init__(self, title: str, what: str, then: str, reasons: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(list(reasons))
        self.reason.setCurrentIndex(-1)
        self.reason.setPlaceholderText(self.tr("Why (pick or type)"))
        record = QLabel(what)
        record.setObjectName("big")
        record.setWordWrap(True)
        explain = QLabel(then)
        explain.setWordWrap(True)
        explain.setObjectName("warning")
        void = QPushButton(self.tr("Void it (Ctrl+Enter)"))
        void.setAutoDefault(False)
        void.clicked.connect(self.accept)
        keep = QPushButton(self.tr("Do not void (Esc)"))
        keep.setDefault(True)
        keep.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(keep)
        buttons.addStretch()
        buttons.addWidget(void)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        layout.addWidget(record)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addLayout(buttons)
        on_escape(self, [self.reason])
        self.reason.setFocus()

    def reason_text(self) -> str:
        return self.reason.currentText().strip()
