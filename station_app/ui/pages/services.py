"""便民服务台账, the service ledger, by keyboard: every other service given to a villager — advice,
a ticket or hotel booked for them, insurance, medical-insurance registration, a job referral —
one line each, in the county's categories (Alt+1…9 pick one), with the person served, how many
people, the fee if any (cash or QR) and what was done; today's lines below (Ctrl+Delete voids a
line made by mistake) and the month's people served (便民服务人次) per category.

Keys: Enter moves on and records on the last field (Ctrl+Enter from anywhere); Esc clears.
"""

from __future__ import annotations

import functools
import itertools

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from station_app import speech
from station_app.clock import local_day, show
from station_app.core import services_ledger
from station_app.core.changes import Changes
from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.i18n import translate
from station_app.receipts.services import service_receipt
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.parcels.common import station_name
from station_app.ui.scanning import PERSON_CARD, PHONE, read_scan
from station_app.ui.villager_field import VillagerField
from station_app.ui.void_reason import VoidReasonDialog
from station_app.ui.widgets import (
    MoneyEdit,
    Notice,
    ReadOnlyTable,
    done_with,
    heading,
    keys,
    on_escape,
)


class ServicesPage(Page):
    watches = Changes.CASH | Changes.SERVICES | Changes.PEOPLE
    scan_kinds: frozenset[str] = frozenset({PERSON_CARD, PHONE})

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = heading("")
        self.month = QLabel()
        self.month.setObjectName("big")
        self.category = QComboBox()
        self.villager = VillagerField(ctx)
        self.poverty = QCheckBox(self.tr("Poverty-register household"))
        self.villager.changed.connect(self._villager_changed)
        self.people = QSpinBox()
        self.people.setRange(1, services_ledger.MAX_PEOPLE)
        self.fee = MoneyEdit()
        self.payment = QComboBox()
        for code, label in services_ledger.PAYMENTS.items():
            self.payment.addItem(translate("services", label), code)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("What was done (a ticket's train and day, the policy asked about)"))
        self.notice = Notice()

        form = QGridLayout()
        form.addWidget(QLabel(self.tr("Service (Alt+1…9)")), 0, 0)
        form.addWidget(self.category, 0, 1)
        form.addWidget(QLabel(self.tr("People")), 0, 2)
        form.addWidget(self.people, 0, 3)
        form.addWidget(QLabel(self.tr("Served")), 1, 0)
        form.addWidget(self.villager, 1, 1, 1, 2)
        form.addWidget(self.poverty, 1, 3)
        form.addWidget(QLabel(self.tr("Fee (yuan)")), 2, 0)
        form.addWidget(self.fee, 2, 1)
        form.addWidget(QLabel(self.tr("Paid by")), 2, 2)
        form.addWidget(self.payment, 2, 3)
        form.addWidget(QLabel(self.tr("Details")), 3, 0)
        form.addWidget(self.note, 3, 1, 1, 3)
        form.setColumnStretch(1, 3)
        form.setColumnStretch(3, 1)
        record = QPushButton(self.tr("Record it (Ctrl+Enter)"))
        record.clicked.connect(self.record)
        void = QPushButton(self.tr("Void the chosen line (Ctrl+Delete)"))
        void.clicked.connect(self.void)
        row = QHBoxLayout()
        for b in (record, void):
            b.setAutoDefault(False)
            row.addWidget(b)
        box = QGroupBox(self.tr("A service given"))
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addLayout(row)
        inner.addWidget(self.notice)

        self.today = ReadOnlyTable([self.tr("No."), self.tr("Time"), self.tr("Service"), self.tr("Served"),
                                    self.tr("People"), self.tr("Fee"), self.tr("Details")])
        self.today.setMinimumHeight(90)
        self.by_category = ReadOnlyTable([self.tr("Service"), self.tr("Records"), self.tr("People served"),
                                          self.tr("Fees")])
        self.by_category.setMinimumHeight(70)
        lists = QHBoxLayout()
        today_box = QVBoxLayout()
        today_box.addWidget(QLabel(self.tr("Today")))
        today_box.addWidget(self.today, 1)
        month_box = QVBoxLayout()
        month_box.addWidget(QLabel(self.tr("This month by service")))
        month_box.addWidget(self.by_category, 1)
        lists.addLayout(today_box, 3)
        lists.addLayout(month_box, 2)

        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.month)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(box)
        layout.addLayout(lists, 1)

        order = [self.category, self.people, self.villager.edit, self.fee, self.note]
        for here, there in itertools.pairwise(order):
            keys(here, "Return", there.setFocus, focused=True)
            keys(here, "Enter", there.setFocus, focused=True)
        keys(self.note, "Return", self.record, focused=True)
        keys(self.note, "Enter", self.record, focused=True)
        keys(self, "Ctrl+Return", self.record)
        keys(self, "Ctrl+Enter", self.record)
        keys(self, "Ctrl+Delete", self.void)
        for n in range(9):
            keys(self, f"Alt+{n + 1}", functools.partial(self._pick, n))
        on_escape(self, [self.villager.edit, self.fee, self.note], clear=self.clear)
        self._fill_categories()

    def title(self) -> str:
        return self.tr("Other services")

    def focus_first(self) -> None:
        self.category.setFocus()

    def handle_scan(self, code: str) -> bool | None:
        self.villager.edit.setFocus()
        return self.villager.take_scan(read_scan(code))

    def _fill_categories(self) -> None:
        chosen = self.category.currentData()
        self.category.clear()
        for n, c in enumerate(services_ledger.categories(self.ctx.db)):
            self.category.addItem(f"{n + 1}  {c.name}" if n < 9 else c.name, c.code)
        at = self.category.findData(chosen)
        self.category.setCurrentIndex(at if at >= 0 else 0)

    def _pick(self, n: int) -> None:
        if n < self.category.count():
            self.category.setCurrentIndex(n)
            self.people.setFocus()

    def _villager_changed(self, person: object) -> None:
        if person is not None:
            self.poverty.setChecked(self.villager.is_poor())
        self.poverty.setEnabled(person is None)

    def refresh(self) -> None:
        db = self.ctx.db
        self._fill_categories()
        day = local_day(db.clock.now())
        today = services_ledger.records_between(db, day, day)
        done = [r for r in today if r.status == services_ledger.DONE]
        self.state.setText(self.tr("Services today: {n} records, {people} people served").format(
            n=len(done), people=sum(r.people for r in done)))
        month = services_ledger.figures(db, day.replace(day=1), day)
        self.month.setText(self.tr("This month: {people} served").format(people=month.times))
        rows = []
        for r in today:
            fee = format_fen(r.fee) if r.fee else ""
            if r.status == services_ledger.VOIDED:
                fee = self.tr("voided")
            rows.append([r.number, show(r.recorded_at)[-5:], r.category_name, r.name, str(r.people), fee, r.note])
        self.today.fill(rows, keys=[r.id for r in today])
        self.by_category.fill([[c.name, str(c.records), str(c.times), format_fen(c.fees)] for c in month.by_category])

    def clear(self) -> None:
        self.villager.clear()
        self.poverty.setChecked(False)
        self.people.setValue(1)
        self.fee.clear()
        self.note.clear()
        self.payment.setCurrentIndex(0)
        self.focus_first()

    def record(self) -> None:
        try:
            fee = self.fee.fen()
        except UserError as exc:
            self.notice.error(str(exc))
            self.fee.setFocus()
            return
        r = self.ctx.act(services_ledger.record_service, category=self.category.currentData() or "",
                         person_id=self.villager.person_id(), name=self.villager.typed_name(),
                         poverty=self.poverty.isChecked(), people=self.people.value(), fee=fee,
                         payment=self.payment.currentData(), note=self.note.text(), notice=self.notice)
        if r is None:
            return
        lines = [self.tr("Recorded {number}: {service}, {people} served").format(
            number=r.number, service=r.category_name, people=r.people)]
        if r.fee:
            lines.append(self.ctx.print(service_receipt(station_name(self.ctx), self.ctx.operator.name, r)))
            self.ctx.say(speech.due_phrase(r.fee))
        self.clear()
        self.notice.ok("\n".join(lines))

    def void(self) -> None:
        key = self.today.current_key()
        if key is None:
            self.notice.error(self.tr("Choose a line in today's list first"))
            return
        r = services_ledger.get_record(self.ctx.db, key)
        then = (self.tr("Give the fee of {fee} back to the villager.").format(fee=format_fen(r.fee)) if r.fee
                else self.tr("The line stays in the ledger, marked voided."))
        dialog = VoidReasonDialog(self.tr("Void a service line"), f"{r.number} · {r.category_name} · {r.name}", then,
                                  [self.tr("Recorded by mistake"), self.tr("The villager cancelled")], self)
        ok = bool(dialog.exec())
        reason = dialog.reason_text()
        done_with(dialog)
        if ok and self.ctx.act(services_ledger.void_record, r.id, reason=reason, notice=self.notice) is not None:
            self.notice.ok(self.tr("{number} voided").format(number=r.number))
