"""Small widgets every page uses: money and PIN fields, code fields, tab-scoped keys, headings,
inline messages, tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from station_app.core.money import Fen, parse_yuan


class MoneyEdit(QLineEdit):
    """Yuan typed as 12.50; `fen()` gives integer fen or raises ValidationError."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(r"^\d{0,9}(\.\d{0,2})?$", self))
        self.setPlaceholderText("0.00")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)

    def fen(self) -> Fen:
        return parse_yuan(self.text() or "0")


class PinEdit(QLineEdit):
    """A PIN: digits only, hidden, no input method (a Pinyin IME would swallow the digits)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMaxLength(8)
        self.setValidator(QRegularExpressionValidator(r"^\d{0,8}$", self))
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)


def latin(edit: QLineEdit) -> QLineEdit:
    """A field for codes, numbers and dates: no input method, so a Pinyin IME cannot swallow them."""
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    return edit


def keys(parent: QWidget, key: str | QKeySequence, slot: Callable[[], Any], *, focused: bool = False) -> QShortcut:
    """A shortcut while the keyboard is inside `parent` (or on `parent` itself, `focused`), not
    elsewhere in the window."""
    shortcut = QShortcut(QKeySequence(key), parent, slot)
    # set afterwards: PySide6 drops a `context` keyword given with a callable
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut if focused else Qt.ShortcutContext.WidgetWithChildrenShortcut)
    return shortcut


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("heading")
    return label


class Notice(QLabel):
    """An inline message under a form: red for a refusal, green for done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def error(self, text: str) -> None:
        self.setObjectName("error")
        self._show(text)

    def ok(self, text: str) -> None:
        self.setObjectName("ok")
        self._show(text)

    def _show(self, text: str) -> None:
        self.setText(text)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


class ReadOnlyTable(QTableWidget):
    """A list of rows to look at and pick from with the keyboard."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setTabKeyNavigation(False)

    def fill(self, rows: Sequence[Sequence[str]], keys: Sequence[str] | None = None) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                if keys is not None and c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, keys[r])
                self.setItem(r, c, item)
        if rows and self.currentRow() < 0:
            self.selectRow(0)

    def current_key(self) -> str | None:
        item = self.item(self.currentRow(), 0) if self.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None


def save_cancel_row(dialog: QDialog, save_text: str, save: Callable[[], Any]) -> QHBoxLayout:
    """The foot of a form dialog: Cancel (Esc) and the default Save button (Enter)."""
    ok = QPushButton(save_text)
    ok.setDefault(True)
    ok.clicked.connect(save)
    cancel = QPushButton(QCoreApplication.translate("dialogs", "Cancel (Esc)"))
    cancel.setAutoDefault(False)
    cancel.clicked.connect(dialog.reject)
    row = QHBoxLayout()
    row.addStretch()
    row.addWidget(cancel)
    row.addWidget(ok)
    return row
