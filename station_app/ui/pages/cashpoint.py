"""助农取款, the bank-card cash point, by keyboard: a withdrawal recorded from the bank terminal's
voucher (card, amount, trace number, the terminal's time, who) and paid out of the drawer after
a read-back; the villager's voucher printed with a line to sign; the day's withdrawals (Ctrl+Delete
voids one made by mistake); and each day's settlement by the bank against what was paid out,
a difference shown in red until the bank's correction is recorded.

Keys: Enter moves on, and on the last field asks before paying (Ctrl+Enter from anywhere);
Ctrl+P prints the chosen voucher again; Ctrl+B goes to the bank's settlement; Esc clears.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
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
from station_app.clock import SHANGHAI, local_day, show
from station_app.core import cashpoint
from station_app.core.changes import Changes
from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from station_app.receipts.services import cash_withdrawal_voucher, withdrawal_voided
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.parcels.common import fit_columns, station_name
from station_app.ui.scanning import ANYTHING, PERSON_CARD, PHONE, ScanRead, accept_scans, read_scan
from station_app.ui.villager_field import VillagerField
from station_app.ui.void_reason import VoidReasonDialog
from station_app.ui.widgets import (
    MoneyEdit,
    Notice,
    ReadOnlyTable,
    ask,
    done_with,
    heading,
    keys,
    latin,
    on_escape,
)

VOID_REASONS = (QT_TRANSLATE_NOOP("CashpointPage", "The terminal declined it"),
                QT_TRANSLATE_NOOP("CashpointPage", "The terminal reversed it"),
                QT_TRANSLATE_NOOP("CashpointPage", "Recorded twice"))
STATE_COLOURS = {cashpoint.UNSETTLED: "", cashpoint.MATCHED: "good", cashpoint.DIFFERS: "bad"}


class CashpointPage(Page):
    watches = Changes.CASH | Changes.SERVICES | Changes.PEOPLE
    scan_kinds: frozenset[str] = frozenset({PERSON_CARD, PHONE})  # the villager; the card is read into its field

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = heading("")
        self.owed = QLabel()
        self.owed.setObjectName("big")
        self.card = latin(QLineEdit())
        self.card.setPlaceholderText(self.tr("Card number, or swipe/read the card"))
        accept_scans(self.card, ANYTHING, on_scan=self._card_read)
        self.card_note = QLabel()
        self.card_note.setObjectName("hint")
        self.card_note.setWordWrap(True)
        self.amount = MoneyEdit()
        self.trace = latin(QLineEdit())
        self.trace.setPlaceholderText(self.tr("On the terminal's slip"))
        self.trace.setMaxLength(12)
        self.terminal_time = QDateTimeEdit()
        self.terminal_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.bank = QLineEdit()
        self.bank.setPlaceholderText(self.tr("Bank (optional)"))
        self.villager = VillagerField(ctx)
        self.poverty = QCheckBox(self.tr("Poverty-register household"))
        self.villager.changed.connect(self._villager_changed)
        self.notice = Notice()

        form = QGridLayout()
        form.addWidget(QLabel(self.tr("Bank card")), 0, 0)
        form.addWidget(self.card, 0, 1)
        form.addWidget(QLabel(self.tr("Amount (yuan)")), 0, 2)
        form.addWidget(self.amount, 0, 3)
        form.addWidget(self.card_note, 1, 1, 1, 2)
        form.addWidget(self.poverty, 1, 3)
        form.addWidget(QLabel(self.tr("Trace no.")), 2, 0)
        form.addWidget(self.trace, 2, 1)
        form.addWidget(QLabel(self.tr("Terminal time")), 2, 2)
        form.addWidget(self.terminal_time, 2, 3)
        form.addWidget(QLabel(self.tr("Bank")), 3, 0)
        form.addWidget(self.bank, 3, 1)
        form.addWidget(QLabel(self.tr("Cardholder")), 3, 2, Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.villager, 3, 3)
        form.setColumnStretch(1, 3)
        form.setColumnStretch(3, 3)

        pay = QPushButton(self.tr("Pay out, print the voucher (Ctrl+Enter)"))
        pay.clicked.connect(self.pay)
        void = QPushButton(self.tr("Void (Ctrl+Delete)"))
        void.clicked.connect(self.void)
        again = QPushButton(self.tr("Print again (Ctrl+P)"))
        again.clicked.connect(self.print_again)
        row = QHBoxLayout()
        row.addStretch()
        for b in (pay, void, again):
            b.setAutoDefault(False)
            row.addWidget(b)
        box = QGroupBox(self.tr("A withdrawal, from the terminal's slip"))
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addLayout(row)
        inner.addWidget(self.notice)

        self.today = fit_columns(ReadOnlyTable([self.tr("Voucher"), self.tr("Time"), self.tr("Card"),
                                                self.tr("Amount"), self.tr("Cardholder")]), 0, 1, 2, 3)
        self.today.setMinimumHeight(90)

        self.settle_day = QDateEdit()
        self.settle_day.setDisplayFormat("yyyy-MM-dd")
        self.settle_day.setCalendarPopup(True)
        self.bank_total = MoneyEdit()
        self.bank_count = QSpinBox()
        self.bank_count.setRange(-1, 10_000)
        self.bank_count.setSpecialValueText(self.tr("not given"))
        self.settle_note = Notice()
        record = QPushButton(self.tr("Record it (Ctrl+B)"))
        record.setAutoDefault(False)
        record.clicked.connect(self.settle)
        settle_form = QGridLayout()
        settle_form.addWidget(QLabel(self.tr("Day")), 0, 0)
        settle_form.addWidget(self.settle_day, 0, 1)
        settle_form.addWidget(QLabel(self.tr("Count")), 0, 2)
        settle_form.addWidget(self.bank_count, 0, 3)
        settle_form.addWidget(QLabel(self.tr("Bank settled (yuan)")), 1, 0)
        settle_form.addWidget(self.bank_total, 1, 1)
        settle_form.addWidget(record, 1, 2, 1, 2)
        settle_form.setColumnStretch(1, 1)
        self.days = fit_columns(ReadOnlyTable([self.tr("Day"), self.tr("Withdrawals"), self.tr("Paid out"),
                                               self.tr("Bank settled"), self.tr("Difference"), self.tr("State")]),
                                0, 1, 2, 3, 4, 5)
        self.days.setMinimumHeight(70)
        bank = QGroupBox(self.tr("Against the bank's daily settlement"))
        bank_layout = QVBoxLayout(bank)
        bank_layout.addLayout(settle_form)
        bank_layout.addWidget(self.settle_note)
        bank_layout.addWidget(self.days, 1)

        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.owed)
        today_box = QVBoxLayout()
        today_box.addWidget(QLabel(self.tr("Today's withdrawals")))
        today_box.addWidget(self.today, 1)
        bottom = QHBoxLayout()
        bottom.addLayout(today_box, 1)
        bottom.addWidget(bank, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(box)
        layout.addLayout(bottom, 1)

        order = [self.card, self.amount, self.trace, self.terminal_time, self.bank, self.villager.edit]
        for here, there in itertools.pairwise(order):
            keys(here, "Return", there.setFocus, focused=True)
            keys(here, "Enter", there.setFocus, focused=True)
        keys(self.villager.edit, "Return", self.pay, focused=True)
        keys(self.villager.edit, "Enter", self.pay, focused=True)
        keys(self.bank_total, "Return", self.settle, focused=True)
        keys(self.bank_total, "Enter", self.settle, focused=True)
        keys(self, "Ctrl+Return", self.pay)
        keys(self, "Ctrl+Enter", self.pay)
        keys(self, "Ctrl+Delete", self.void)
        keys(self, "Ctrl+P", self.print_again)
        keys(self, "Ctrl+B", self._to_settlement)
        self.card.editingFinished.connect(self._show_card)
        on_escape(self, [self.card, self.amount, self.trace, self.bank, self.villager.edit], clear=self.clear)
        self.clear()

    def title(self) -> str:
        return self.tr("Cash point")

    def focus_first(self) -> None:
        self.card.setFocus()
        self.card.selectAll()

    def handle_scan(self, code: str) -> bool | None:
        """A villager card or phone scanned on the page names the cardholder."""
        self.villager.edit.setFocus()
        return self.villager.take_scan(read_scan(code))

    # -- drawing ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        day = local_day(db.clock.now())
        today = cashpoint.withdrawals_on(db, day)
        paid = [w for w in today if w.status == cashpoint.PAID]
        self.state.setText(self.tr("Cash point today: {n} withdrawals, {amount}").format(
            n=len(paid), amount=format_fen(sum(w.amount for w in paid))))
        self.owed.setText(self.tr("The bank owes {amount}").format(amount=format_fen(cashpoint.owed_by_bank(db))))
        self.today.fill([[w.voucher_no, show(w.recorded_at)[-5:], f"{w.card_masked[:6]}…{w.card_masked[-4:]}",
                          format_fen(w.amount) + ("" if w.status == cashpoint.PAID else " " + translate(
                              "cashpoint", cashpoint.STATUSES[w.status])), w.name] for w in today],
                        keys=[w.id for w in today])
        days = cashpoint.days_to_settle(db)
        self.days.fill([[d.day, str(d.withdrawals), format_fen(d.expected),
                         format_fen(d.bank_total) if d.bank_total is not None else "—",
                         format_fen(d.difference) if d.bank_total is not None else "—",
                         translate("cashpoint", cashpoint.SHORT_STATES[d.state])] for d in days],
                       keys=[d.day for d in days])
        for row, d in enumerate(days):
            if STATE_COLOURS[d.state]:
                for col in (4, 5):
                    self.days.colour_cell(row, col, STATE_COLOURS[d.state])
        self.days.clearSelection()  # the colours show; Ctrl+B still takes the day under the cursor

    def clear(self) -> None:
        for field in (self.card, self.amount, self.trace, self.bank):
            field.clear()
        self.villager.clear()
        self.poverty.setChecked(False)
        self.bank_count.setValue(-1)
        self.card_note.setText(self.tr("At least ¥10, in tens of yuan; at most ¥1,000 a card a day"))
        now = self.ctx.db.clock.now().astimezone(SHANGHAI)
        self.terminal_time.setDateTime(QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute)))
        yesterday = local_day(self.ctx.db.clock.now()) - timedelta(days=1)
        self.settle_day.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
        self.focus_first()

    # -- the card and the villager --------------------------------------------------------------------

    def _card_read(self, read: ScanRead) -> bool:
        """A card reader (or a scan) typed the card's track: keep the number, go to the amount."""
        try:
            number = cashpoint.read_card_number(read.code)
        except UserError as exc:
            self.notice.error(str(exc))
            return True
        self.card.setText(number)
        self._show_card()
        self.amount.setFocus()
        return True

    def _show_card(self) -> None:
        text = self.card.text().strip()
        if not text:
            return
        try:
            taken = cashpoint.card_total(self.ctx.db, text, local_day(self.ctx.db.clock.now()))
        except UserError as exc:
            self.card_note.setText(str(exc))
            return
        left = max(0, cashpoint.DAY_LIMIT_FEN - taken)
        self.card_note.setText(self.tr("{card}: taken {taken} here today; up to {left} more").format(
            card=cashpoint.mask_card(cashpoint.read_card_number(text)), taken=format_fen(taken),
            left=format_fen(left)))

    def _villager_changed(self, person: object) -> None:
        if person is not None:
            self.poverty.setChecked(self.villager.is_poor())
        self.poverty.setEnabled(person is None)

    # -- actions ----------------------------------------------------------------------------------------

    def pay(self) -> None:
        """Read the withdrawal back, then pay it out and print the villager's voucher."""
        try:
            amount = self.amount.fen()
            card = cashpoint.read_card_number(self.card.text())
            cashpoint.check_amount(amount)
        except UserError as exc:
            self.notice.error(str(exc))
            (self.amount if self.card.text().strip() else self.card).setFocus()
            return
        person = self.villager.person()
        who = person.name if person else self.villager.typed_name()
        question = self.tr("Pay {amount} ({words}) to the cardholder{who}?\nCard {card}, trace no. {trace}.\n"
                           "Count the cash out in front of them.").format(
            amount=format_fen(amount), words=speech.yuan_words(amount), card=cashpoint.mask_card(card),
            trace=self.trace.text().strip() or "—", who=f"（{who}）" if who else "")
        if not ask(self, self.tr("Pay out"), question, self.tr("Pay it out (Y)"), self.tr("Not yet (N)")):
            self.notice.caution(self.tr("Not paid: nothing was recorded"))
            return
        when = datetime.fromisoformat(self.terminal_time.dateTime().toString("yyyy-MM-ddTHH:mm:ss")).replace(
            tzinfo=SHANGHAI)
        w = self.ctx.act(cashpoint.pay_withdrawal, card_number=card, amount=amount, trace_no=self.trace.text(),
                         terminal_time=when, bank=self.bank.text(), person_id=self.villager.person_id(),
                         name=self.villager.typed_name(), poverty=self.poverty.isChecked(), notice=self.notice)
        if w is None:
            return
        printed = self.ctx.print(cash_withdrawal_voucher(station_name(self.ctx), self.ctx.operator.name, w))
        self.ctx.say(speech.paid_out_phrase(w.amount))
        self.clear()
        self.notice.ok(self.tr("Paid {amount} to card {card} (voucher {number}). Have the cardholder sign the "
                               "voucher.").format(amount=format_fen(w.amount), card=w.card_masked,
                                                  number=w.voucher_no) + "\n" + printed)

    def _chosen(self) -> cashpoint.Withdrawal | None:
        key = self.today.current_key()
        if key is None:
            self.notice.error(self.tr("Choose a withdrawal in today's list first"))
            return None
        return cashpoint.get_withdrawal(self.ctx.db, key)

    def void(self) -> None:
        w = self._chosen()
        if w is None:
            return
        dialog = VoidReasonDialog(
            self.tr("Void a withdrawal"), f"{w.voucher_no} · {w.card_masked} · {format_fen(w.amount)}",
            self.tr("Only when the terminal did not pay: take back {amount} in cash from the cardholder now, "
                    "and have them sign the void slip.").format(amount=format_fen(w.amount)),
            [self.tr(r) for r in VOID_REASONS], self)
        ok = bool(dialog.exec())
        reason = dialog.reason_text()
        done_with(dialog)
        if not ok:
            return
        done = self.ctx.act(cashpoint.void_withdrawal, w.id, reason=reason, notice=self.notice)
        if done is not None:
            printed = self.ctx.print(withdrawal_voided(station_name(self.ctx), self.ctx.operator.name, done,
                                                       self.ctx.db.clock.now()))
            self.notice.ok(self.tr("Withdrawal {number} voided: {amount} back in the drawer").format(
                number=done.voucher_no, amount=format_fen(done.amount)) + "\n" + printed)

    def print_again(self) -> None:
        w = self._chosen()
        if w is not None:
            self.notice.ok(self.ctx.print(cash_withdrawal_voucher(station_name(self.ctx), self.ctx.operator.name, w)))

    def _to_settlement(self) -> None:
        key = self.days.current_key()
        if key:
            y, m, d = (int(x) for x in key.split("-"))
            self.settle_day.setDate(QDate(y, m, d))
        self.bank_total.setFocus()
        self.bank_total.selectAll()

    def settle(self) -> None:
        try:
            total = self.bank_total.fen()
        except UserError as exc:
            self.settle_note.error(str(exc))
            return
        day = self.settle_day.date().toPython()
        count = self.bank_count.value()
        result = self.ctx.act(cashpoint.settle_day, day=day, bank_total=total, bank_count=None if count < 0 else count,
                              notice=self.settle_note)
        if result is None:
            return
        self.bank_total.clear()
        self.bank_count.setValue(-1)
        if result.flagged:
            self.settle_note.error(self.tr("{day}: the bank settled {bank}, the station paid out {paid}: they differ "
                                           "by {diff}. Ask the bank; record its correction here when it comes.").format(
                day=result.day, bank=format_fen(result.bank_total or 0), paid=format_fen(result.expected),
                diff=format_fen(result.difference)))
        else:
            self.settle_note.ok(self.tr("{day}: the bank's settlement agrees with the {n} withdrawals ({paid})").format(
                day=result.day, n=result.withdrawals, paid=format_fen(result.expected)))

