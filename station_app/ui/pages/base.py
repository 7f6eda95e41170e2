"""What a page in the main window is: a widget with a title that redraws on the changes it shows,
and says which scanned codes it takes.

Scans (DESIGN §7): a page declares `scan_kinds` (the kinds in `ui.scanning`: WAYBILL, PHONE,
PERSON_CARD, ...) and takes them in `handle_scan(code)`; a field on it that takes a code
itself says so with `scanning.accept_scans(field, kinds)`. The main window routes each scan
to the focused field if it accepts the code, else to the page if its kinds fit, else it
says on the page that the page does not take it, and nothing changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from station_app.core.changes import Changes
from station_app.ui.context import StationContext


class Page(QWidget):
    #: the Changes this page shows; it redraws only when one of them changed
    watches: Changes = Changes.NONE
    #: the scan kinds (ui.scanning) this page takes in `handle_scan`; may be a property that
    #: depends on the tab on screen. None: not declared, the page's handler takes every code.
    scan_kinds: frozenset[str] | None = None
    #: True for a page that is long by nature (a settings form): it may scroll up and down on a
    #: 768-pixel screen. Every page must fit the width of a 1024-pixel screen.
    scrolls: bool = False

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ctx.changed.connect(self._on_changed)
        ctx.take_scans(self, self.handle_scan)

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Redraw from the database."""

    def focus_first(self) -> None:
        """Put the keyboard where the operator starts on this page."""

    def handle_scan(self, code: str) -> bool | None:
        """A scanned code of one of `scan_kinds`, routed here. Return False to refuse it after
        all (the main window then says so on the page); anything else means it was taken (a
        page that shows its own error for a code it took returns None or True)."""
        return False

    def heightForWidth(self, width: int) -> int:
        # the frame's scroll area asks this to size the page: answer with the height the page
        # NEEDS at that width (a layout answers with the height it would like, tables' 192 px
        # included, and the page would scroll on a screen it fits)
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return super().heightForWidth(width)
        return layout.minimumHeightForWidth(width)

    def _on_changed(self, flags: Changes) -> None:
        if flags & self.watches and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
