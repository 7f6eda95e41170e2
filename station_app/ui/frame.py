"""The frame around every page in the main window: a message strip on top and a scroll area.

The scroll area is what lets the program fit a 1366×768 or 1024×768 screen: a page never makes
the window bigger than the screen (its minimum size stays inside the frame), and a long page
scrolls instead of pushing the status bar off the screen. `tests/ui/test_fit.py` proves that
every page and tab fits without scrolling sideways.

The strip says things about the page as a whole that are not the page's own business: a scan
this page does not take ("nothing was changed"), what the county link did (F12).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from station_app.ui.pages.base import Page
from station_app.ui.widgets import Notice


class PageFrame(QWidget):
    def __init__(self, page: Page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.message = Notice()
        self.message.setObjectName("error")
        self.scroller = QScrollArea()
        self.scroller.setObjectName("page")
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.message)
        layout.addWidget(self.scroller, 1)

    def tell(self, text: str, *, good: bool = False) -> None:
        """Say something about the page on its strip: red (needs attention) or green (done)."""
        if good:
            self.message.ok(text)
        else:
            self.message.error(text)

    def quiet(self) -> None:
        """Take the strip's message away (the operator moved on)."""
        self.message.clear_message()

    def needs_sideways_scrolling(self) -> bool:
        """The page is wider than the room it has (the fit test's question)."""
        return self.scroller.horizontalScrollBar().maximum() > 0

    def needs_scrolling_down(self) -> bool:
        return self.scroller.verticalScrollBar().maximum() > 0
