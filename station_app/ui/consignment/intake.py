"""Taking goods in on consignment (收货): choose the consignor (Ctrl+N registers a new one), type
each item and Enter (a line the save would refuse, a ¥0 price, is refused there and then), then
Ctrl+S takes them in and prints a label per unit (per lot for weighed goods). Ctrl+Delete drops
the chosen line, Esc clears the entry (asking first). The stock tab reprints labels with
`issue_labels`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core import consignment as cs
from station_app.core import people
from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.receipts.consignment import item_label
from station_app.ui.consignment.common import ConsignorCombo, Slip, delete_line_keys
from station_app.ui.context import StationContext
from station_app.ui.widgets import (
    MoneyEdit,
    Notice,
    ReadOnlyTable,
    holds_typed_text,
    keys,
    latin,
    on_escape,
)


def issue_labels(slip: Slip, labels: list[cs.LabelData]) -> None:
    """The labels on the slip as they print, and to the printer when there is one."""
    slip.show_docs([item_label(d) for d in labels])


class ConsignorDialog(QDialog):
    """Register a consignor: a villager found in the registry, or a cooperative by name."""

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: cs.Consignor | None = None
        self.setWindowTitle(self.tr("New consignor"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Villager: name or phone (leave empty for a cooperative)"))
        self.search.textChanged.connect(self._find)
        self.found = ReadOnlyTable([self.tr("Name"), self.tr("Phone"), self.tr("Village"), self.tr("Groups")])
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Cooperative's name"))
        self.phone = latin(QLineEdit())
        self.phone.setPlaceholderText(self.tr("11-digit mobile number"))
        self.village = QLineEdit()
        self.commission = latin(QLineEdit())
        self.commission.setPlaceholderText(self.tr("default"))
        form = QFormLayout()
        form.addRow(self.tr("Find villager"), self.search)
        form.addRow(self.found)
        form.addRow(self.tr("or cooperative"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Village"), self.village)
        form.addRow(self.tr("Commission (%)"), self.commission)
        self.notice = Notice()
        save = QPushButton(self.tr("Save (Enter)"))
        save.setDefault(True)
        save.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(save)
        self.search.setFocus()

    def _find(self) -> None:
        text = self.search.text().strip()
        found = people.search_people(self.ctx.db, text, limit=8) if text else []
        self.found.fill([[p.name, p.phone_masked, p.village, "、".join(translate("categories", people.CATEGORIES[c])
                                                                      for c in p.categories)] for p in found],
                        keys=[p.id for p in found])

    def save(self) -> None:
        person_id = self.found.current_key() if self.search.text().strip() else None
        result = self.ctx.act(cs.register_consignor, person_id=person_id, name=self.name.text(),
                              phone=self.phone.text() or None, village=self.village.text(),
                              commission_pct=self.commission.text() or None, notice=self.notice)
        if result is not None:
            self.saved = result
            self.accept()


def _pair(first: QWidget, label: str, second: QWidget) -> QHBoxLayout:
    """Two fields on one form row, the second with its own label."""
    row = QHBoxLayout()
    row.addWidget(first, 1)
    row.addWidget(QLabel(label))
    row.addWidget(second, 1)
    return row


class IntakeTab(QWidget):
    def __init__(self, ctx: StationContext, slip: Slip, notice: Notice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.slip = slip
        self.notice = notice
        self.intake_items: list[cs.IntakeItem] = []
        self.intake_consignor = ConsignorCombo()
        new = QPushButton(self.tr("New consignor (Ctrl+N)"))
        new.clicked.connect(self.new_consignor)
        keys(self, "Ctrl+N", self.new_consignor)
        self.item_name = QLineEdit()
        self.item_name.setPlaceholderText(self.tr("e.g. 土鸡蛋"))
        self.item_category = QComboBox()
        for code, label in cs.CATEGORIES.items():
            self.item_category.addItem(translate("consignment", label), code)
        self.item_unit = QComboBox()
        self.item_unit.setEditable(True)
        self.item_unit.addItems(list(cs.UNITS))
        self.item_quantity = latin(QLineEdit())
        self.item_price = MoneyEdit()
        self.item_commission = latin(QLineEdit())
        self.item_commission.setPlaceholderText(self.tr("consignor's default"))
        self.item_expiry = latin(QLineEdit())
        self.item_expiry.setPlaceholderText(self.tr("YYYY-MM-DD (optional)"))
        self.item_photo = latin(QLineEdit())
        self.item_photo.setPlaceholderText(self.tr("photo file (optional)"))
        for edit in (self.item_name, self.item_quantity, self.item_price, self.item_commission, self.item_expiry,
                     self.item_photo):
            edit.returnPressed.connect(self.add_intake_item)
        self.intake_table = ReadOnlyTable([self.tr("Goods"), self.tr("Category"), self.tr("Quantity"), self.tr("Price"),
                                           self.tr("Commission"), self.tr("Expiry")])
        save = QPushButton(self.tr("Take in and print labels (Ctrl+S)"))
        save.clicked.connect(self.take_in)
        keys(self, "Ctrl+S", self.take_in)
        who = QHBoxLayout()
        who.addWidget(self.intake_consignor, 1)
        who.addWidget(new)
        form = QFormLayout()  # two fields a row where they belong together: it fits a 768-pixel screen
        form.addRow(self.tr("Consignor"), who)
        form.addRow(self.tr("Goods"), self.item_name)
        form.addRow(self.tr("Category"), _pair(self.item_category, self.tr("Unit"), self.item_unit))
        form.addRow(self.tr("Quantity"), _pair(self.item_quantity, self.tr("Price per unit (yuan)"), self.item_price))
        form.addRow(self.tr("Commission (%)"), _pair(self.item_commission, self.tr("Expiry date"), self.item_expiry))
        form.addRow(self.tr("Photo"), self.item_photo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        hint = QLabel(self.tr("Enter adds the item; Ctrl+Delete removes the chosen line"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.intake_table, 1)
        layout.addWidget(save)
        delete_line_keys(self, self.intake_table, self.remove_intake_item)
        on_escape(self, [self.item_name, self.item_quantity, self.item_price, self.item_commission, self.item_expiry,
                         self.item_photo], clear=self.clear_entry,
                  typed=lambda: bool(self.intake_items) or any(holds_typed_text(f) for f in self._fields()))

    def focus_first(self) -> None:
        self.item_name.setFocus()

    def refresh(self) -> None:
        self.intake_consignor.fill(self.ctx.db)

    def handle_scan(self, code: str) -> bool:
        """Intake takes no scans (the page puts a scanned label on the sale)."""
        return False

    def add_intake_item(self) -> bool:
        """Put the typed item on the intake list (checked when the intake is saved)."""
        try:
            price = int(self.item_price.fen())
        except UserError as exc:
            self.notice.error(str(exc))
            return False
        item = cs.IntakeItem(self.item_name.text(), self.item_category.currentData(), self.item_unit.currentText(),
                             self.item_quantity.text().strip(), price, self.item_commission.text().strip() or None,
                             self.item_expiry.text().strip() or None, self.item_photo.text().strip())
        if not item.name.strip() or not item.quantity:
            self.notice.error(self.tr("Give the goods' name and quantity"))
            (self.item_name if not item.name.strip() else self.item_quantity).setFocus()
            return False
        try:  # the same checks as the save, now, while the line is in front of the operator
            cs.check_intake_item(self.ctx.db, item)
        except UserError as exc:
            self.notice.error(str(exc))
            field = self._field_for(exc)
            field.setFocus()
            field.selectAll()
            return False
        self.intake_items.append(item)
        for edit in self._fields():
            edit.clear()
        self.notice.clear_message()
        self._show_intake()
        self.intake_table.selectRow(len(self.intake_items) - 1)
        self.item_name.setFocus()
        return True

    def _fields(self) -> list[QLineEdit]:
        return [self.item_name, self.item_quantity, self.item_price, self.item_commission, self.item_expiry,
                self.item_photo]

    def _field_for(self, error: UserError) -> QLineEdit:
        """Where the fix goes, by the words of the (English) refusal."""
        text = error.message("en").lower()
        for words, field in ((("price",), self.item_price), (("quantity", "whole numbers"), self.item_quantity),
                             (("commission",), self.item_commission), (("expiry", "date"), self.item_expiry)):
            if any(w in text for w in words):
                return field
        return self.item_name

    def remove_intake_item(self) -> None:
        """Drop the chosen line of the intake list (one key: Ctrl+Delete, or Delete on the row)."""
        row = self.intake_table.currentRow()
        if not 0 <= row < len(self.intake_items):
            self.notice.error(self.tr("No line to remove: the intake list is empty"))
            return
        gone = self.intake_items.pop(row)
        self._show_intake()
        if self.intake_items:
            self.intake_table.selectRow(min(row, len(self.intake_items) - 1))
        self.notice.ok(self.tr("Removed from the list: {name} {quantity} {unit}").format(
            name=gone.name, quantity=gone.quantity, unit=gone.unit))

    def clear_entry(self) -> None:
        """Esc: the typed line and the list, gone (after the question when anything was typed)."""
        self.intake_items.clear()
        for edit in self._fields():
            edit.clear()
        self._show_intake()
        self.notice.clear_message()
        self.item_name.setFocus()

    def _show_intake(self) -> None:
        self.intake_table.fill([[i.name, translate("consignment", cs.CATEGORIES[i.category]), f"{i.quantity} {i.unit}",
                                 format_fen(i.price), f"{i.commission_pct}%" if i.commission_pct else "", str(i.expiry or "")]
                                for i in self.intake_items])

    def new_consignor(self) -> None:
        dialog = ConsignorDialog(self.ctx, self)
        if dialog.exec() and dialog.saved:
            self.intake_consignor.fill(self.ctx.db)
            self.intake_consignor.setCurrentIndex(self.intake_consignor.findData(dialog.saved.id))
        self.item_name.setFocus()

    def take_in(self) -> None:
        if self.item_name.text().strip() and not self.add_intake_item():
            return
        consignor_id = self.intake_consignor.currentData()
        if not consignor_id:
            self.notice.error(self.tr("Choose the consignor first (Ctrl+N registers a new one)"))
            return
        intake = self.ctx.act(cs.take_in, consignor_id=consignor_id, items=list(self.intake_items), notice=self.notice)
        if intake is None:
            return
        self.intake_items.clear()
        self._show_intake()
        labels = [d for lot in intake.lots for d in cs.label_data(self.ctx.db, lot.id)]
        issue_labels(self.slip, labels)
        self.notice.ok(self.tr("Taken in: {lots} lots, {labels} labels").format(lots=len(intake.lots), labels=len(labels)))
        self.item_name.setFocus()
