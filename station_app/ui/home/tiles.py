"""A count on the task board that opens the list behind it: a big number, what it counts, and
Enter (or a click) to go there. Red when it needs action, green when all is done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


class Tile(QPushButton):
    def __init__(self, name: str, open_list: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setAutoDefault(False)
        self.value = QLabel()
        self.value.setObjectName("tileValue")
        self.name = QLabel(name)
        self.name.setObjectName("tileName")
        self.name.setWordWrap(True)
        for label in (self.value, self.name):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.clicked.connect(open_list)

    def show_value(self, value: str, state: str = "", detail: str = "") -> None:
        """`state`: "attention" (red: work to do), "good" (green), "" (plain)."""
        self.value.setText(value)
        self.setToolTip(detail)
        self.setAccessibleName(f"{self.name.text()} {value}")
        if self.property("state") != state:
            self.setProperty("state", state)
            for w in (self, self.value):
                w.style().unpolish(w)
                w.style().polish(w)

    def sizeHint(self):  # type: ignore[no-untyped-def]
        return self.layout().sizeHint()

    def minimumSizeHint(self):  # type: ignore[no-untyped-def]
        return self.layout().minimumSize()
