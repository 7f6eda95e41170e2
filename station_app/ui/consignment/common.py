"""What the sale, intake, stock and settle tabs share: the slip on the right of the page, and
the choice of consignor.

The slip contract: a tab that makes a receipt, labels or a statement puts their text on the
page's `Slip` (as printed, so it is there without a printer too), and sends the printer
document to `slip.print_doc` when the station has a printer (None when it has not).
Refusals and confirmations go to the page's one `Notice`, under the tabs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from station_app.core import consignment as cs
from station_app.db import StationDB


class Slip(QPlainTextEdit):
    """The text of the last receipt, labels or statement, read-only and out of the keyboard's way."""

    def __init__(self, print_doc: Callable[[Any], Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: sends a printer Receipt to the print queue; None without a printer
        self.print_doc = print_doc
        self.setReadOnly(True)
        self.setFont(QFont("monospace"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class ConsignorCombo(QComboBox):
    """The consignors by number, name and village (poverty-register households marked);
    `everyone` puts "All consignors" (no id) first."""

    def __init__(self, *, everyone: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.everyone = everyone

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
