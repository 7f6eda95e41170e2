"""Settings: every declared setting as a form row (county ones read-only), and the operators."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from station_app.core import operators, settings
from station_app.core.changes import Changes
from station_app.i18n import translate
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.widgets import Notice, PinEdit, ReadOnlyTable


class SettingsPage(Page):
    watches = Changes.SETTINGS | Changes.OPERATORS

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.fields: dict[str, QLineEdit | QSpinBox | QComboBox] = {}
        self.notice = Notice()
        body = QWidget()
        layout = QVBoxLayout(body)
        for scope in (settings.STATION, settings.MACHINE, settings.COUNTY):
            box = QGroupBox(self._scope_title(scope))
            form = QFormLayout(box)
            for s in settings.SETTINGS:
                if s.scope == scope:
                    field = self._field(s)
                    field.setEnabled(scope != settings.COUNTY)
                    self.fields[s.key] = field
                    form.addRow(translate("settings", s.label), field)
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

    def _field(self, s: settings.Setting) -> QLineEdit | QSpinBox | QComboBox:
        if s.key == "ui.language":
            combo = QComboBox()
            combo.addItem("简体中文", "zh_CN")
            combo.addItem("English", "en")
            return combo
        if s.type is int:
            spin = QSpinBox()
            spin.setRange(s.minimum if s.minimum is not None else 0, s.maximum if s.maximum is not None else 10**9)
            return spin
        return QLineEdit()

    def title(self) -> str:
        return self.tr("Settings")

    def focus_first(self) -> None:
        next(iter(self.fields.values())).setFocus()

    def refresh(self) -> None:
        for key, field in self.fields.items():
            value = settings.get(self.ctx.db, key)
            if isinstance(field, QComboBox):
                field.setCurrentIndex(max(0, field.findData(value)))
            elif isinstance(field, QSpinBox):
                field.setValue(int(value))
            else:
                field.setText(str(value))
        ops = operators.list_operators(self.ctx.db)
        self.operators.fill([[o.name, translate("roles", operators.ROLES[o.role])] for o in ops], keys=[o.id for o in ops])

    def _value(self, field: QLineEdit | QSpinBox | QComboBox) -> object:
        if isinstance(field, QComboBox):
            return field.currentData()
        if isinstance(field, QSpinBox):
            return field.value()
        return field.text()

    def save(self) -> None:
        changed = 0
        for key, field in self.fields.items():
            if not field.isEnabled():
                continue
            value = self._value(field)
            if value == settings.get(self.ctx.db, key):
                continue
            if self.ctx.act(settings.set_value, key, value, notice=self.notice) is None:
                return
            changed += 1
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
