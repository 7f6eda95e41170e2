"""Settings: every declared setting as a form row (county ones read-only), and the operators.

Money is typed in yuan (stored in fen), yes/no settings are tick boxes. Only a manager changes
the station's and this PC's settings; every operator chooses their own large text.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from station_app.core import operators, settings
from station_app.core.changes import Changes
from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.widgets import MoneyEdit, Notice, PinEdit, ReadOnlyTable

Field = QLineEdit | QSpinBox | QComboBox | QCheckBox


class SettingsPage(Page):
    watches = Changes.SETTINGS | Changes.OPERATORS
    scan_kinds: frozenset[str] = frozenset()  # no codes are scanned here

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.fields: dict[str, Field] = {}
        self.notice = Notice()
        self.who_may = QLabel()
        self.who_may.setObjectName("warning")
        self.who_may.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        mine = QGroupBox(self.tr("For me (the operator logged in)"))
        mine_form = QFormLayout(mine)
        layout.addWidget(mine)
        layout.addWidget(self.who_may)
        for scope in (settings.STATION, settings.MACHINE, settings.COUNTY):
            box = QGroupBox(self._scope_title(scope))
            form = QFormLayout(box)
            for s in settings.SETTINGS:
                if s.scope == scope:
                    field = self._field(s)
                    field.setEnabled(scope != settings.COUNTY)
                    self.fields[s.key] = field
                    shown: QWidget = field
                    if isinstance(field, MoneyEdit):  # yuan, said beside the box
                        shown = QWidget()
                        row = QHBoxLayout(shown)
                        row.setContentsMargins(0, 0, 0, 0)
                        row.addWidget(field)
                        row.addWidget(QLabel(self.tr("yuan")))
                        row.addStretch()
                    (mine_form if s.per_operator else form).addRow(translate("settings", s.label), shown)
            layout.addWidget(box)
        save = QPushButton(self.tr("Save settings (Ctrl+S)"))
        save.setShortcut("Ctrl+S")
        save.clicked.connect(self.save)
        layout.addWidget(save)
        layout.addWidget(self.notice)

        ops = QGroupBox(self.tr("Operators"))
        ops_layout = QVBoxLayout(ops)
        self.operators = ReadOnlyTable([self.tr("Name"), self.tr("Role")])
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("Name"))
        self.new_role = QComboBox()
        for code, label in operators.ROLES.items():
            self.new_role.addItem(translate("roles", label), code)
        self.new_role.setCurrentIndex(self.new_role.findData(operators.OPERATOR))
        self.new_pin = PinEdit()
        self.new_pin.setPlaceholderText(self.tr("PIN"))
        add = QPushButton(self.tr("Add operator"))
        add.clicked.connect(self.add_operator)
        set_pin = QPushButton(self.tr("Set this PIN for the selected operator"))
        set_pin.clicked.connect(self.change_pin)
        remove = QPushButton(self.tr("Remove the selected operator"))
        remove.clicked.connect(self.deactivate)
        row = QHBoxLayout()
        for w in (self.new_name, self.new_role, self.new_pin, add):
            row.addWidget(w)
        row2 = QHBoxLayout()
        row2.addWidget(set_pin)
        row2.addWidget(remove)
        self.ops_notice = Notice()
        ops_layout.addWidget(self.operators)
        ops_layout.addLayout(row)
        ops_layout.addLayout(row2)
        ops_layout.addWidget(self.ops_notice)
        layout.addWidget(ops)
        layout.addStretch()

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _scope_title(self, scope: str) -> str:
        return {
            settings.STATION: self.tr("Station settings"),
            settings.MACHINE: self.tr("This computer"),
            settings.COUNTY: self.tr("Decided by the county"),
        }[scope]

    def _field(self, s: settings.Setting) -> Field:
        if s.key == "ui.language":
            combo = QComboBox()
            combo.addItem("简体中文", "zh_CN")
            combo.addItem("English", "en")
            return combo
        if s.unit == settings.YES_NO:
            return QCheckBox()
        if s.unit == settings.FEN:
            money = MoneyEdit()
            money.setMaximumWidth(220)
            return money
        if s.type is int:
            spin = QSpinBox()
            spin.setRange(s.minimum if s.minimum is not None else 0, s.maximum if s.maximum is not None else 10**9)
            return spin
        return QLineEdit()

    def title(self) -> str:
        return self.tr("Settings")

    def focus_first(self) -> None:
        next(iter(self.fields.values())).setFocus()

    def _get(self, key: str) -> object:
        operator_id = self.ctx.operator.id if self.ctx.logged_in else None
        return settings.get(self.ctx.db, key, operator_id=operator_id)

    def refresh(self) -> None:
        manager = self.ctx.logged_in and self.ctx.operator.is_manager
        for key, field in self.fields.items():
            s = settings.declared(key)
            value = self._get(key)
            if isinstance(field, QComboBox):
                field.setCurrentIndex(max(0, field.findData(value)))
            elif isinstance(field, QCheckBox):
                field.setChecked(bool(value))
            elif isinstance(field, QSpinBox):
                field.setValue(int(str(value)))
            elif isinstance(field, MoneyEdit):
                field.setText(format_fen(int(str(value))).lstrip("¥").replace(",", ""))
            else:
                field.setText(str(value))
            field.setEnabled(s.scope != settings.COUNTY and (manager or s.per_operator))
        self.who_may.setText("" if manager else self.tr("Only a manager changes the station's settings. You can "
                                                       "choose large text for yourself above."))
        self.who_may.setVisible(not manager)
        ops = operators.list_operators(self.ctx.db)
        self.operators.fill([[o.name, translate("roles", operators.ROLES[o.role])] for o in ops], keys=[o.id for o in ops])

    def _value(self, field: Field) -> object:
        if isinstance(field, QComboBox):
            return field.currentData()
        if isinstance(field, QCheckBox):
            return 1 if field.isChecked() else 0
        if isinstance(field, QSpinBox):
            return field.value()
        if isinstance(field, MoneyEdit):
            return field.fen()
        return field.text()

    def save(self) -> None:
        """Every changed field, read first (each save redraws the page from the database)."""
        wanted: dict[str, object] = {}
        for key, field in self.fields.items():
            if not field.isEnabled():
                continue
            try:
                value = self._value(field)
            except UserError as exc:
                self.notice.error(str(exc))
                field.setFocus()
                return
            if value != self._get(key):
                wanted[key] = value
        changed = 0
        for key, value in wanted.items():
            if self.ctx.act(settings.set_value, key, value, notice=self.notice) is None:
                self.fields[key].setFocus()
                return
            changed += 1
        if changed:  # this PC's settings leave no event behind: say so to the window (large text)
            self.ctx.changed.emit(Changes.SETTINGS)
        self.notice.ok(self.tr("{n} settings saved").format(n=changed))

    def add_operator(self) -> None:
        added = self.ctx.act(operators.add_operator, name=self.new_name.text(), role=self.new_role.currentData(),
                             pin=self.new_pin.text(), notice=self.ops_notice)
        if added:
            self.ops_notice.ok(self.tr("{name} can log in now").format(name=added.name))
            self.new_name.clear()
            self.new_pin.clear()

    def change_pin(self) -> None:
        key = self.operators.current_key()
        if key and self.ctx.act(operators.change_pin, key, self.new_pin.text(), notice=self.ops_notice) is not None:
            self.ops_notice.ok(self.tr("PIN changed"))
            self.new_pin.clear()

    def deactivate(self) -> None:
        key = self.operators.current_key()
        if key and self.ctx.act(operators.deactivate_operator, key, notice=self.ops_notice) is not None:
            self.ops_notice.ok(self.tr("Operator removed"))
