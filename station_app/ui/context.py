"""What every page shares: the open station, the logged-in operator, and how to run an action.

Pages never write to the database themselves: they call a core action through
`StationContext.run`, which shows a refused action's message and announces what changed
(`changed` carries a `Changes` flag) so each page redraws only what it shows. An action that
takes money after today's daily close asks first whether to open another business day (never
silently), for every page alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from printer import Receipt
from station_app.core import cash, settings
from station_app.core import changes as changes_mod
from station_app.core.changes import Changes
from station_app.core.events import last_seq
from station_app.core.operators import Operator
from station_app.db import StationDB
from station_app.errors import UserError
from station_app.ui.printing import PrinterPort
from station_app.ui.widgets import Notice, ask

T = TypeVar("T")


class StationContext(QObject):
    #: a core action committed; carries the Changes flags of what it touched
    changed = Signal(object)
    #: the operator logged in (Operator) or the screen was locked (None)
    operator_changed = Signal(object)

    def __init__(self, db: StationDB, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._operator: Operator | None = None
        #: the receipt printer; None where the program runs without one (tests, tools)
        self.printer: PrinterPort | None = None
        #: where scanner-gun scans go (ui.scanning.ScanRouter) and the filter that reads them
        self.scans: Any = None
        self.scan_filter: Any = None
        #: spoken prompts for the villager at the counter (station_app.speech.Speaker); None: silent
        self.speaker: Any = None

    @property
    def operator(self) -> Operator:
        if self._operator is None:
            raise RuntimeError("no operator is logged in")
        return self._operator

    @property
    def logged_in(self) -> bool:
        return self._operator is not None

    def set_operator(self, operator: Operator | None) -> None:
        self._operator = operator
        self.operator_changed.emit(operator)

    def run(self, action: Callable[..., T], *args: Any, notice: Notice | None = None, parent: QWidget | None = None,
            **kwargs: Any) -> T | None:
        """Run one core action. When it is refused (UserError) show why — in `notice` if the page
        has one, else in a message box — and return None; nothing was changed."""
        before = last_seq(self.db)
        try:
            try:
                result = action(*args, **kwargs)
            except cash.DayClosed as closed:
                if not self._open_another_day(closed, parent or (notice.window() if notice else None)):
                    raise
                result = action(*args, **kwargs)
        except UserError as exc:
            if notice is not None:
                notice.error(str(exc))
            else:
                QMessageBox.warning(parent, self.tr("Not done"), str(exc))
            self._announce(before)
            return None
        self._announce(before)
        return result

    def _announce(self, before: int) -> None:
        flags = changes_mod.since(self.db, before)
        if flags != Changes.NONE:
            self.changed.emit(flags)

    def _open_another_day(self, closed: cash.DayClosed, parent: QWidget | None) -> bool:
        """Today's day is closed: ask whether to open another business day; open it if so."""
        if not ask(parent, self.tr("The day is closed"),
                   self.tr("Today's business day ({day}) was closed with the daily close. Open another business day "
                           "for this and the next payments? The drawer starts as the close counted it.").format(
                       day=closed.day),
                   self.tr("Open another business day (Y)"), self.tr("No, leave the day closed (N)")):
            return False
        cash.open_another_day(self.db, self.operator)  # a refusal here is shown like the action's own
        return True

    def take_scans(self, page: QWidget, handler: Callable[[str], Any], kinds: frozenset[str] | None = None) -> None:
        """`page` takes scanner-gun scans of `kinds` (default: its `scan_kinds`) while it is on screen."""
        if self.scans is not None:
            self.scans.set_handler(page, handler, kinds)

    def print(self, doc: Receipt) -> str:
        """Queue a receipt without waiting; returns a line for the page to show."""
        if self.printer is None or self.printer.print(doc) is None:
            return self.tr("No printer is set up: the receipt was not printed (F10 printer settings)")
        return self.tr("Receipt sent to the printer")

    def say(self, text: str) -> None:
        """Say a prompt aloud (a pickup code, the amount due, the change) if this station speaks
        (`speech.enabled`); never waits for the voice."""
        if self.speaker is not None and text and settings.get(self.db, "speech.enabled"):
            self.speaker.say(text)

    def act(self, action: Callable[..., T], *args: Any, notice: Notice | None = None, parent: QWidget | None = None,
            **kwargs: Any) -> T | None:
        """`run` for actions that take (db, operator, ...) — the common case."""
        return self.run(action, self.db, self.operator, *args, notice=notice, parent=parent, **kwargs)
