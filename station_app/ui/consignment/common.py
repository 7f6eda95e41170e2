"""What the sale, intake, stock and settle tabs share: the slip on the right of the page, and
the choice of consignor.

The slip contract: a tab that makes a receipt, labels or a statement hands the printer documents
to the page's `Slip.show_docs`, which shows them as the paper will read (so they are there
without a printer too) and sends them to `slip.print_doc` when the station has a printer.
Refusals and confirmations go to the page's one `Notice`, under the tabs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from printer import profiles
from printer.document import Receipt
from printer.preview import preview_text
from station_app.core import consignment as cs
from station_app.db import StationDB
from station_app.ui.widgets import keys

#: monospace fonts that draw a Chinese character two columns wide, as the printer does
SLIP_FONTS = ("NSimSun", "SimSun", "Noto Sans Mono CJK SC", "Sarasa Mono SC", "DejaVu Sans Mono", "Noto Sans Mono",
              "monospace")


class Slip(QPlainTextEdit):
    """What was just printed (or would be, without a printer) — a receipt, the labels, a
    statement — laid out exactly as on the paper and as wide as the paper's columns, so no
    amount wraps. Read-only and out of the keyboard's way."""

    def __init__(self, print_doc: Callable[[Any], Any] | None = None, paper_mm: Callable[[], int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: sends a printer Receipt to the print queue; None without a printer
        self.print_doc = print_doc
        self._paper_mm = paper_mm or (lambda: 58)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFont()
        font.setFamilies(list(SLIP_FONTS))
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setStyleSheet("font-size: 11pt;")  # smaller than the page's type: a whole slip in view
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fit_paper()

    def columns(self) -> int:
        return profiles.paper(self._paper_mm()).columns

    def fit_paper(self) -> None:
        """As wide as the paper's columns in this font (plus the frame and a scroll bar)."""
        self.ensurePolished()
        text_width = QFontMetrics(self.font()).horizontalAdvance("0" * self.columns())
        self.setFixedWidth(text_width + 2 * self.frameWidth() + int(self.document().documentMargin() * 2)
                           + self.verticalScrollBar().sizeHint().width() + 4)

    def show_docs(self, docs: Sequence[Receipt], *, print_them: bool = True) -> None:
        """`docs` on the slip as the paper will read; to the printer too when `print_them` and
        the station has one."""
        self.fit_paper()
        self.setPlainText("\n\n".join(preview_text(doc, self._paper_mm()) for doc in docs))
        if print_them and self.print_doc is not None:
            for doc in docs:
                self.print_doc(doc)


class ConsignorCombo(QComboBox):
    """The consignors by number, name and village (poverty-register households marked);
    `everyone` puts "All consignors" (no id) first."""

    def __init__(self, *, everyone: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.everyone = everyone
        narrow(self)

    def fill(self, db: StationDB) -> None:
        """Redraw from the database, keeping the consignor chosen; no change signal while filling."""
        consignors = cs.list_consignors(db)
        poor = self.tr(" (poverty register)")
        keep = self.currentData()
        self.blockSignals(True)
        self.clear()
        if self.everyone:
            self.addItem(self.tr("All consignors"), None)
        for c in consignors:
            self.addItem(f"{c.number}  {c.name}  {c.village}{poor if c.poverty else ''}", c.id)
        self.setCurrentIndex(max(self.findData(keep), 0))
        self.blockSignals(False)


class _LeaveKeyToTab(QObject):
    """Lets a key combination through to the tab's shortcut while a text field has the
    keyboard (a line edit claims Ctrl+Delete for "delete the next word")."""

    def __init__(self, sequence: QKeySequence, parent: QObject) -> None:
        super().__init__(parent)
        self.sequence = sequence

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if QKeySequence(event.keyCombination()) == self.sequence:
                return True  # not claimed by the field: the tab's shortcut takes it
        return False


def delete_line_keys(tab: QWidget, table: QWidget, remove: Callable[[], Any]) -> None:
    """One key drops a line: Delete on the list's row, Ctrl+Delete from anywhere in the tab
    (the line chosen in the list, the last one added unless another was picked)."""
    keys(table, "Delete", remove, focused=True)
    keys(tab, "Ctrl+Delete", remove)
    leave = _LeaveKeyToTab(QKeySequence("Ctrl+Delete"), tab)
    for field in tab.findChildren(QLineEdit):
        field.installEventFilter(leave)


def narrow(combo: QComboBox, characters: int = 10) -> QComboBox:
    """A list whose long entries (a consignor with their village, a catalogue item) never make
    the page wider than the screen: the box is as wide as the room, the open list as wide as
    its entries."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo
