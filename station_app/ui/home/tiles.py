"""A count on the task board that opens the list behind it: a big number, what it counts, and
Enter (or a click) to go there. Red when it needs action, green when all is done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
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
        layout = self.box = QVBoxLayout(self)
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

    def sizeHint(self) -> QSize:
        return self.box.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.box.minimumSize()


class LinkLine(QPushButton):
    """A warning or checklist line that wraps like a paragraph and opens where it is fixed
    (Enter or a click). `kind`: "alarm" (red), "caution" (amber), "fine" (green), "check"."""

    def __init__(self, text: str, kind: str, open_it: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(kind)
        self.setAutoDefault(False)
        self.label = QLabel(text)
        self.label.setObjectName(kind + "Text")
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(10, 4, 10, 4)
        self.box.addWidget(self.label)
        self.setToolTip(text)
        self.setAccessibleName(text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.clicked.connect(open_it)

    def line_text(self) -> str:
        return self.label.text()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.box.heightForWidth(width)

    def sizeHint(self) -> QSize:
        return self.box.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.box.minimumSize()
