"""The people registry page: search as you type, add, edit — all by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core import labels, people, register
from station_app.core import villages as county_villages
from station_app.core.changes import Changes
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.scanning import PERSON_CARD, PHONE
from station_app.ui.widgets import Notice, ReadOnlyTable, done_with, save_cancel_row


class PersonDialog(QDialog):
    """Add a person, or correct one. The dialog stays open with the reason when refused."""

    def __init__(self, ctx: StationContext, person: people.Person | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person = person
        self.saved: people.Person | None = None
        self.setWindowTitle(self.tr("Edit person") if person else self.tr("Add a person"))
        self.name = QLineEdit(person.name if person else "")
        self.phone = QLineEdit(person.phone or "" if person else "")
        self.phone.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.phone.setPlaceholderText(self.tr("11-digit mobile number"))
        self.village = QComboBox()
        self.village.setEditable(True)
        # the villages this station serves first (the county's list), then the rest of the county's, then those typed before
        county = [v.name for v in sorted(county_villages.villages(ctx.db), key=lambda v: (not v.own, v.code))]
        typed = [r["village"] for r in ctx.db.rows("SELECT DISTINCT village FROM people WHERE village != '' ORDER BY village")]
        villages = list(dict.fromkeys(county + typed))
        self.village.addItems(villages)
        self.village.setCurrentText(person.village if person else (villages[0] if villages else ""))
        self.sex = QComboBox()
        self.sex.addItem(self.tr("(not given)"), None)
        for code, label in people.SEXES.items():
            self.sex.addItem(translate("people", label), code)
        if person and person.sex:
            self.sex.setCurrentIndex(self.sex.findData(person.sex))
        self.id_number = QLineEdit()
        self.id_number.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.id_number.setPlaceholderText(person.id_masked or self.tr("18 characters (optional)") if person else
                                          self.tr("18 characters (optional)"))
        self.household = QLineEdit(person.household_no or "" if person else "")
        self.note = QLineEdit(person.note if person else "")
        self.categories: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, (code, label) in enumerate(people.CATEGORIES.items()):
            box = QCheckBox(translate("categories", label))
            box.setChecked(bool(person and code in person.categories))
            self.categories[code] = box
            grid.addWidget(box, i // 3, i % 3)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Village"), self.village)
        form.addRow(self.tr("Sex"), self.sex)
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow(self.tr("Household no."), self.household)
        form.addRow(self.tr("Groups"), grid)
        form.addRow(self.tr("Note"), self.note)
        self.notice = Notice()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addLayout(save_cancel_row(self, self.tr("Save (Enter)"), self.save))  # Esc asks if typed
        self.name.setFocus()

    def save(self) -> None:
        values = {
            "name": self.name.text(), "phone": self.phone.text(), "village": self.village.currentText(),
            "sex": self.sex.currentData(), "id_number": self.id_number.text(), "household_no": self.household.text(),
            "categories": [c for c, box in self.categories.items() if box.isChecked()], "note": self.note.text(),
        }
        if self.person:
            result = self.ctx.act(people.update_person, self.person.id, notice=self.notice, **values)
        else:
            result = self.ctx.act(people.add_person, notice=self.notice, **values)
        if result is None:
            return
        self.saved = result
        self.accept()


class PeoplePage(Page):
    watches = Changes.PEOPLE
    #: a phone finds the person; a villager card opens them
    scan_kinds = frozenset({PHONE, PERSON_CARD})

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search: name, any part of it, phone, last 4 digits of the phone"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self.edit_current)
        self.table = ReadOnlyTable([self.tr("Name"), self.tr("Phone"), self.tr("Village"), self.tr("Groups"),
                                    self.tr("ID number"), self.tr("County's poverty register")])
        self.table.doubleClicked.connect(self.edit_current)
        self.count = QLabel()
        add = QPushButton(self.tr("Add a person (Ctrl+N)"))
        add.clicked.connect(self.add)
        QShortcut(QKeySequence("Ctrl+N"), self, self.add)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, lambda: self.table.setFocus())

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(add)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

    def title(self) -> str:
        return self.tr("People")

    def handle_scan(self, code: str) -> bool | None:
        """A phone scanned (or typed fast) searches; a villager card opens that person."""
        if labels.looks_like_label(code):
            try:
                label = labels.parse_label(code)
                person = people.get_person(self.ctx.db, label.value) if label.kind == labels.PERSON else None
            except UserError:
                person = None
            if person is None:
                return False
            self.search.setText(person.name)
            self._open_dialog(person)
            return True
        self.search.setText(code.strip())
        self.search.setFocus()
        return True

    def focus_first(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        found = people.search_people(self.ctx.db, self.search.text())
        self.table.fill(
            [[p.name, p.phone_masked, p.village, "、".join(translate("categories", people.CATEGORIES[c]) for c in p.categories),
              p.id_masked or "", self._household(p.id)] for p in found],
            keys=[p.id for p in found],
        )
        self.count.setText(self.tr("{shown} shown of {total} people").format(shown=len(found),
                                                                            total=people.count_people(self.ctx.db)))

    def _household(self, person_id: str) -> str:
        """The register household a person belongs to (matched by the keyed ID hash), as the county gave it."""
        home = register.household_of(self.ctx.db, person_id)
        if home is None:
            return ""
        model = self.tr(", model household") if home.model else ""
        return f"{home.household_no} {translate('register', register.STATUSES[home.status])}{model}"

    def add(self) -> None:
        self._open_dialog(None)

    def edit_current(self) -> None:
        key = self.table.current_key()
        if key:
            self._open_dialog(people.get_person(self.ctx.db, key))

    def _open_dialog(self, person: people.Person | None) -> None:
        dialog = PersonDialog(self.ctx, person, self)
        saved = dialog.saved if dialog.exec() else None
        done_with(dialog)
        if saved and not person:
            self.search.setText(saved.name)
        self.focus_first()
