"""Small widgets every page uses: money and PIN fields, code fields, tab-scoped keys, headings,
inline messages, tables, the one way to ask a yes/no question, and what Esc does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QRegularExpressionValidator,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
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

    def caution(self, text: str) -> None:
        """Amber: not wrong, but look at it (a cash count that found more than expected)."""
        self.setObjectName("caution")
        self._show(text)

    def by_state(self, state: str, text: str) -> None:
        """Show `text` in the colour `difference_state` chose."""
        {"good": self.ok, "bad": self.error}.get(state, self.caution)(text)

    def _show(self, text: str) -> None:
        self.setText(text)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
        _room_for(self)

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def _room_for(widget: QWidget) -> None:
    """A dialog grows downwards to show a message that appeared in it (a dialog does not follow
    its content by itself, and its words would be squeezed); a page never grows the window."""
    top = widget.window()
    layout = top.layout()
    if not isinstance(top, QDialog) or layout is None:
        return
    layout.invalidate()
    layout.activate()
    need = layout.totalHeightForWidth(top.width()) if layout.hasHeightForWidth() else top.sizeHint().height()
    screen = top.screen()
    if screen is not None:
        need = min(need, screen.availableGeometry().height())
    if need > top.height():
        top.resize(top.width(), need)



def difference_state(fen: int) -> str:
    """The colour of a money difference, the same everywhere: "good" (green, none), "bad" (red,
    short: money is missing), "warning" (amber, over: more than expected, find out why)."""
    return "good" if fen == 0 else ("bad" if fen < 0 else "warning")


#: text colours of the states (for table cells, which stylesheets do not reach)
STATE_COLOURS = {"good": "#1b5e20", "bad": "#b00020", "warning": "#8a4b00"}


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

    def colour_cell(self, row: int, column: int, state: str) -> None:
        """Colour one cell's text by meaning (`difference_state`)."""
        item = self.item(row, column)
        if item is not None and state in STATE_COLOURS:
            item.setForeground(QColor(STATE_COLOURS[state]))

    def current_key(self) -> str | None:
        item = self.item(self.currentRow(), 0) if self.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None


def save_cancel_row(dialog: QDialog, save_text: str, save: Callable[[], Any]) -> QHBoxLayout:
    """The foot of a form dialog: Cancel (Esc) and the default Save button (Enter). Esc asks
    before it drops what was typed into the dialog's text fields (made before this call)."""
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
    on_escape(dialog, dialog.findChildren(QLineEdit) + dialog.findChildren(QPlainTextEdit))
    return row


def ask(parent: QWidget | None, title: str, question: str, yes: str, no: str, *, danger: bool = False) -> bool:
    """A yes/no question answered by keyboard: Y or Enter on the highlighted button, N or Esc
    for no. "No" is the default, so an Enter pressed out of habit never destroys anything.
    `yes` and `no` name what happens ("Close the day (Y)", "Not now (N)")."""
    box = QMessageBox(QMessageBox.Icon.Warning if danger else QMessageBox.Icon.Question, title, question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("question")
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText(no)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    QShortcut(QKeySequence("Y"), box, lambda: box.done(QMessageBox.StandardButton.Yes))
    QShortcut(QKeySequence("N"), box, lambda: box.done(QMessageBox.StandardButton.No))
    answer = box.exec() == QMessageBox.StandardButton.Yes
    done_with(box)
    return answer


def done_with(dialog: QWidget) -> None:
    """Delete a dialog that was shown with exec() and answered: a hidden dialog left behind
    stays the application's active window on some platforms, and every one is a leak."""
    if shiboken6.isValid(dialog):
        shiboken6.delete(dialog)


def holds_typed_text(widget: QWidget) -> bool:
    """The field holds something the operator typed (text fields only; lists and boxes with
    a preset choice hold nothing typed)."""
    if isinstance(widget, QComboBox):
        return widget.isEditable() and bool(widget.currentText().strip()) and widget.findText(widget.currentText()) < 0
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly() and bool(widget.text().strip())
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.isReadOnly() and bool(widget.toPlainText().strip())
    return False


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    return ""


def _clear_field(widget: QWidget) -> None:
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget.setEditText("")
    elif (isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)) and not widget.isReadOnly()) or isinstance(widget, QAbstractSpinBox):
        widget.clear()


class EscapeKey(QObject):
    """What Esc does, the same everywhere: on a dialog it closes the dialog, on a page it clears
    the entry the operator is making; either way it first asks when a field holds typed text
    (nothing is lost without a question), and does it at once when nothing was typed.
    Made by `on_escape`."""

    def __init__(self, owner: QWidget, fields: Sequence[QWidget], clear: Callable[[], Any] | None,
                 typed: Callable[[], bool] | None) -> None:
        super().__init__(owner)
        self.owner = owner
        self.fields = list(fields)
        self.clear = clear
        self.typed = typed
        self.baseline = {id(f): _text_of(f) for f in self.fields}  # what was there before any typing
        self.shortcut: QShortcut | None = None
        if isinstance(owner, QDialog):  # the dialog's own Esc (reject), asked about first
            owner.installEventFilter(self)
        else:
            self.shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), owner, self.pressed)
            self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        owner = getattr(self, "owner", None)  # None while Qt takes the dialog apart
        if (owner is not None and watched is owner and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and not event.modifiers()):
            self.pressed()
            return True
        return False

    def holds_typed_data(self) -> bool:
        if self.typed is not None:
            return self.typed()
        return any(holds_typed_text(f) and _text_of(f) != self.baseline.get(id(f)) for f in self.fields)

    def pressed(self) -> bool:
        """Esc: True when the dialog closed or the entry was cleared."""
        closing = isinstance(self.owner, QDialog)
        if self.holds_typed_data():
            if closing:
                sure = ask(self.owner, QCoreApplication.translate("escape", "Close without saving?"),
                           QCoreApplication.translate("escape", "What you typed here will be lost."),
                           QCoreApplication.translate("escape", "Close, drop it (Y)"),
                           QCoreApplication.translate("escape", "Keep typing (N)"))
            else:
                sure = ask(self.owner, QCoreApplication.translate("escape", "Clear this entry?"),
                           QCoreApplication.translate("escape", "What you typed here will be cleared."),
                           QCoreApplication.translate("escape", "Clear it (Y)"),
                           QCoreApplication.translate("escape", "Keep it (N)"))
            if not sure:
                return False
        if closing:
            assert isinstance(self.owner, QDialog)
            self.owner.reject()
            return True
        if self.clear is not None:
            self.clear()
        else:
            for field in self.fields:
                _clear_field(field)
            first = next((f for f in self.fields if f.isVisible() and f.isEnabled()), None)
            if first is not None:
                first.setFocus()
        return True


def on_escape(owner: QWidget, fields: Sequence[QWidget], clear: Callable[[], Any] | None = None, *,
              typed: Callable[[], bool] | None = None) -> EscapeKey:
    """Give `owner` (a dialog or a page or tab) the station's Esc: close the dialog / clear the
    entry, asking first if `fields` hold typed text (or `typed()` says so). `clear` replaces the
    default clearing (every field emptied, the first one focused)."""
    return EscapeKey(owner, fields, clear, typed)


class ElidedLabel(QLabel):
    """One line of text that never makes its container wider: shortened with "…" when there is
    no room, whole in the tooltip (status bar texts, long names)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text if text else "")
        self._elide()

    def text(self) -> str:
        """The whole text (what is shown may be shortened: `shown_text`)."""
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setWidth(QFontMetrics(self.font()).horizontalAdvance(self._full) + 2 * self.margin() + 24)
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(10, self.width() - 2 * self.margin() - 4)
        shown = QFontMetrics(self.font()).elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(shown)
