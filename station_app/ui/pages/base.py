"""What a page in the main window is: a widget with a title that redraws on the changes it shows."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from station_app.core.changes import Changes
from station_app.ui.context import StationContext


class Page(QWidget):
    #: the Changes this page shows; it redraws only when one of them changed
    watches: Changes = Changes.NONE

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ctx.changed.connect(self._on_changed)

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Redraw from the database."""

    def focus_first(self) -> None:
        """Put the keyboard where the operator starts on this page."""

    def _on_changed(self, flags: Changes) -> None:
        if flags & self.watches and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
