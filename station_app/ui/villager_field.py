"""Who is being served: a villager found in the registry as the operator types a name or phone
(or scans their villager card or phone), or — when they are not registered — just the name
typed. The line under the field says whom the record will name, so nothing is guessed
silently: Alt+Down shows the next match, a poverty-register household says so.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from station_app.core import labels, people
from station_app.core.people import Person
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.ui.context import StationContext
from station_app.ui.scanning import PERSON_CARD, PHONE, ScanRead, accept_scans
from station_app.ui.widgets import keys


class VillagerField(QWidget):
    #: the chosen person changed (Person or None)
    changed = Signal(object)

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Name or phone (optional); scan the villager card"))
        self.edit.setClearButtonEnabled(True)
        self.seen = QLabel()
        self.seen.setObjectName("hint")
        self.seen.setWordWrap(True)
        self.matches: list[Person] = []
        self.index = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.seen)
        self.edit.textEdited.connect(self._look_up)
        accept_scans(self.edit, {PERSON_CARD, PHONE}, on_scan=self.take_scan)
        keys(self.edit, "Alt+Down", self.next_match, focused=True)
        self._show()

    # -- what the record will name --------------------------------------------------------------

    def person(self) -> Person | None:
        return self.matches[self.index] if self.matches else None

    def person_id(self) -> str | None:
        p = self.person()
        return p.id if p else None

    def typed_name(self) -> str:
        """The name typed for someone not registered (empty when a registered person is chosen)."""
        return "" if self.person() else self.edit.text().strip()

    def is_poor(self) -> bool:
        p = self.person()
        return bool(p and p.is_poverty_household)

    def clear(self) -> None:
        self.edit.clear()
        self.matches, self.index = [], 0
        self._show()

    def choose(self, person: Person) -> None:
        self.edit.setText(person.name)
        self.matches, self.index = [person], 0
        self._show()

    def next_match(self) -> None:
        if len(self.matches) > 1:
            self.index = (self.index + 1) % len(self.matches)
            self._show()

    # -- finding -------------------------------------------------------------------------------------

    def _look_up(self, text: str) -> None:
        self.matches = people.search_people(self.ctx.db, text, limit=6) if len(text.strip()) >= 2 else []
        self.index = 0
        self._show()

    def take_scan(self, read: ScanRead) -> bool:
        """A villager card or phone scanned: the person it names (or that nobody here has it)."""
        try:
            if labels.looks_like_label(read.code):
                label = labels.parse_label(read.code)
                found = [people.get_person(self.ctx.db, label.value)] if label.kind == labels.PERSON else []
            else:
                found = people.find_by_phone(self.ctx.db, read.value)
        except UserError:
            found = []
        if not found:
            self.edit.setText(read.value if not labels.looks_like_label(read.code) else "")
            self.matches = []
            self._show(self.tr("Not registered at this station"))
            return True
        self.edit.setText(found[0].name)
        self.matches, self.index = found, 0
        self._show()
        return True

    def _show(self, note: str = "") -> None:
        p = self.person()
        if p is None:
            text = note or (self.tr("Not registered: the name is recorded as typed") if self.edit.text().strip()
                            else self.tr("Nobody named (a walk-in)"))
        else:
            poor = translate("categories", people.CATEGORIES[people.POVERTY]) if p.is_poverty_household else ""
            text = " · ".join(x for x in (p.name, p.phone_masked, p.village, poor) if x)
            if len(self.matches) > 1:
                text += "  " + self.tr("({n} of {count}; Alt+Down the next)").format(n=self.index + 1,
                                                                                     count=len(self.matches))
        self.seen.setText(text)
        self.changed.emit(p)
