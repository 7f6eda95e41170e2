"""A service whose page is still being built: says so plainly instead of pretending."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page


class UpcomingPage(Page):
    def __init__(self, ctx: StationContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._title = title
        label = QLabel(self.tr("{service}: this part of the program is not ready yet.").format(service=title))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("heading")
        layout = QVBoxLayout(self)
        layout.addWidget(label)

    def title(self) -> str:
        return self._title
