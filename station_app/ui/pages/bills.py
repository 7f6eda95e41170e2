"""The bills and top-ups page (代缴费 / 话费充值), keyboard first.

Arrow keys pick the biller's product; Enter (or Tab) moves through account, amount (face value),
payer and cash received — Enter never takes money. After the last field, or with Ctrl+Enter,
the read-back shows the service, the WHOLE account number and the amount in large type to read
to the villager; only its own button (Enter on it) takes the payment. Every villager starts
with an empty amount. A payment is only *accepted* here: the county pays it after the next sync,
and the lists below show what is waiting (with its age), what was paid, and the failed ones
whose cash is owed back (Ctrl+R refunds the selected one). A bill taken by mistake is voided
the same business day (Ctrl+Delete on it in the waiting list). Receipts go through
`station_app.receipts.bills`; the slip is shown on the right and can be printed again (Ctrl+P).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from printer.preview import preview_text
from station_app import speech
from station_app.clock import local_day, parse_iso, show
from station_app.core import bills, labels, people, sync_state
from station_app.core.changes import Changes
from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.receipts.bills import bill_receipt
from station_app.ui.bill_dialogs import ReadBackDialog, VoidDialog
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.scanning import (
    BILL,
    EAN8,
    EAN13,
    ID_CARD,
    PERSON_CARD,
    PHONE,
    UNKNOWN,
    WAYBILL,
    ScanRead,
    accept_scans,
)
from station_app.ui.widgets import (
    ElidedLabel,
    MoneyEdit,
    Notice,
    ReadOnlyTable,
    ask,
    done_with,
    heading,
    keys,
    on_escape,
)

#: what can be a bill account when scanned or typed fast: long digit strings of every reading
ACCOUNT_KINDS = frozenset({BILL, PHONE, ID_CARD, WAYBILL, EAN13, EAN8, UNKNOWN})


def preview(slip: bills.BillReceipt) -> str:
    """The bill receipt as text, as it will print."""
    return preview_text(bill_receipt(slip))


def _accept_or_warn(db: Any, actor: Any, **kwargs: Any) -> bills.Bill | bills.DuplicatePayment:
    """accept_payment, with a duplicate warning returned (for the page to ask) instead of raised."""
    try:
        return bills.accept_payment(db, actor, **kwargs)
    except bills.DuplicatePayment as warning:
        return warning


def _account_like(code: str) -> bool:
    """Digits (an ID number may end in X), spaces and dashes: what a bill account can look like."""
    plain = code.replace(" ", "").replace("-", "").upper()
    return bool(plain) and (plain.isdigit() or (plain[:-1].isdigit() and plain.endswith("X")))


class BillsPage(Page):
    """`print_doc` (optional) sends a printer Receipt to the print queue."""

    watches = Changes.BILLS | Changes.SETTINGS | Changes.SYNC | Changes.PEOPLE
    scan_kinds = ACCOUNT_KINDS | {PERSON_CARD}

    def __init__(self, ctx: StationContext, parent: QWidget | None = None, *,
                 print_doc: Callable[[Any], Any] | None = None) -> None:
        super().__init__(ctx, parent)
        self.print_doc = print_doc
        self.last_slip: bills.BillReceipt | None = None
        self.payers: dict[str, str] = {}  # completer text -> person id

        self.source = ElidedLabel()
        self.account = QLineEdit()
        accept_scans(self.account, ACCOUNT_KINDS, on_scan=self._account_scanned)  # no input method either
        self.products = QListWidget()
        self.products.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.products.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.products.currentRowChanged.connect(self._product_changed)
        self.products.itemActivated.connect(lambda _item: self.account.setFocus())
        self.face = QComboBox()
        self.face.setPlaceholderText(self.tr("Choose the amount"))
        self.amount = MoneyEdit()
        self.fixed = QLabel()
        self.payer = QLineEdit()
        self.payer.setPlaceholderText(self.tr("Name or phone of the payer (optional)"))
        self.completer = QCompleter([], self.payer)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.payer.setCompleter(self.completer)
        self.payer.textEdited.connect(self._find_payers)
        accept_scans(self.payer, {PHONE, PERSON_CARD}, on_scan=self._payer_scanned)
        self.payer.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)  # names are typed in Chinese
        self.cash = MoneyEdit()
        self.cash.setPlaceholderText(self.tr("exact"))
        self.due = QLabel()
        self.change = QLabel()
        self.change.setObjectName("big")
        big = QFont(self.change.font())
        big.setPointSize(max(big.pointSize(), 10) * 2)
        big.setBold(True)
        self.change.setFont(big)
        self.take = QPushButton(self.tr("Read back and take (Ctrl+Enter)"))
        self.take.setAutoDefault(False)
        self.take.clicked.connect(self.take_payment)
        self.notice = Notice()
        # Enter moves on, never takes money: after the last field comes the read-back
        self.account.returnPressed.connect(self._after_account)
        self.amount.returnPressed.connect(lambda: self.payer.setFocus())
        self.payer.returnPressed.connect(lambda: self.cash.setFocus())
        self.cash.returnPressed.connect(self.take_payment)
        for edit in (self.amount, self.cash):
            edit.textChanged.connect(self._show_change)
        self.face.currentIndexChanged.connect(self._show_change)

        form = QFormLayout()
        self.account_label = QLabel(self.tr("Account no."))
        form.addRow(self.account_label, self.account)
        amount_row = QHBoxLayout()
        for w in (self.face, self.amount, self.fixed):
            amount_row.addWidget(w)
        form.addRow(self.tr("Amount"), amount_row)
        form.addRow(self.tr("Payer"), self.payer)
        form.addRow(self.tr("Cash received"), self.cash)
        money_row = QHBoxLayout()
        money_row.addWidget(self.due)
        money_row.addStretch()
        money_row.addWidget(QLabel(self.tr("Change")))
        money_row.addWidget(self.change)
        form.addRow(self.tr("To pay"), money_row)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Biller (arrow keys)")))
        left.addWidget(self.products, 1)
        middle = QVBoxLayout()
        middle.addLayout(form)
        middle.addWidget(self.take)
        middle.addWidget(self.notice)
        middle.addStretch()
        self.slip = QPlainTextEdit()
        self.slip.setReadOnly(True)
        self.slip.setFont(QFont("monospace"))
        self.slip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Receipt (Ctrl+P prints it again)")))
        right.addWidget(self.slip, 1)
        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addLayout(middle, 3)
        top.addLayout(right, 3)

        self.waiting = ReadOnlyTable([self.tr("Receipt"), self.tr("Service"), self.tr("Account"), self.tr("Amount"),
                                      self.tr("State"), self.tr("Waiting time"), self.tr("Upload state")])
        self.due_list = ReadOnlyTable([self.tr("Receipt"), self.tr("Service"), self.tr("Account"), self.tr("Payer"),
                                       self.tr("To refund"), self.tr("Reason"), self.tr("Since failure")])
        self.paid = ReadOnlyTable([self.tr("Receipt"), self.tr("Service"), self.tr("Account"), self.tr("Amount"),
                                   self.tr("Biller reference"), self.tr("Paid at")])
        self.conflicts = ReadOnlyTable([self.tr("Receipt"), self.tr("Service"), self.tr("Account"), self.tr("Problem")])
        self.settle_note = QLineEdit()
        self.settle_note.setPlaceholderText(self.tr("How it was sorted out with the county (who, what was agreed)"))
        self.settle_note.returnPressed.connect(self.settle_selected)
        settle = QPushButton(self.tr("Settled (manager)"))
        settle.clicked.connect(self.settle_selected)
        conflicts_tab = QWidget()
        box = QVBoxLayout(conflicts_tab)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.conflicts, 1)
        row = QHBoxLayout()
        row.addWidget(self.settle_note, 1)
        row.addWidget(settle)
        box.addLayout(row)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.waiting, "")
        self.tabs.addTab(self.due_list, "")
        self.tabs.addTab(self.paid, "")
        self.tabs.addTab(conflicts_tab, "")
        for table in (self.waiting, self.due_list, self.paid, self.conflicts):
            table.itemSelectionChanged.connect(self._show_selected)
        self.keys_hint = ElidedLabel(self.tr("Ctrl+Delete voids the chosen bill (today) · Ctrl+R refunds"))
        self.keys_hint.setObjectName("hint")
        self.figures = ElidedLabel()

        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(heading(self.tr("Bills & top-ups")), 1)
        head.addWidget(self.source, 2)
        layout.addLayout(head)
        layout.addLayout(top, 3)
        layout.addWidget(self.tabs, 2)
        layout.addWidget(self.keys_hint)
        layout.addWidget(self.figures)

        for a, b in ((self.products, self.account), (self.account, self.face), (self.face, self.amount),
                     (self.amount, self.payer), (self.payer, self.cash), (self.cash, self.take),
                     (self.take, self.tabs)):
            QWidget.setTabOrder(a, b)
        QShortcut(QKeySequence("Ctrl+R"), self, self.refund_selected)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_again)
        QShortcut(QKeySequence("Ctrl+B"), self, self.products.setFocus)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.take_payment)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.take_payment)
        QShortcut(QKeySequence("Ctrl+Delete"), self, self.void_selected)
        for key in ("Return", "Enter"):  # Enter on the face values moves on, like in the fields
            keys(self.face, key, self.payer.setFocus, focused=True)
        on_escape(self, [self.account, self.amount, self.payer, self.cash], self.clear_entry)
        self._catalogue_version: str | None = None

    def title(self) -> str:
        return self.tr("Bills & top-ups")

    def focus_first(self) -> None:
        self.products.setFocus()

    # -- drawing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        cat = bills.catalogue(db)
        if cat.version != self._catalogue_version:
            self._fill_products(cat)
        if cat.from_county:
            text = self.tr("County catalogue {version}").format(version=cat.version)
            if cat.skipped:
                text += self.tr(" ({n} products could not be used)").format(n=cat.skipped)
        else:
            text = self.tr("Built-in catalogue: the county has not sent its own yet. Amounts and fees may differ.")
        self.source.setText(text)
        self._fill_lists()

    def _fill_products(self, cat: bills.Catalogue) -> None:
        keep = self.current_product().id if self.products.count() else None
        self.products.blockSignals(True)
        self.products.clear()
        for p in cat.products:
            item = QListWidgetItem(f"{p.biller_name}  {p.name}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.products.addItem(item)
        ids = [p.id for p in cat.products]
        self.products.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self.products.blockSignals(False)
        self._catalogue_version = cat.version
        self._product_changed()

    def _fill_lists(self) -> None:
        db = self.ctx.db
        now = db.clock.now()
        waiting = bills.waiting(db)
        states = sync_state.record_states(db, [b.id for b in waiting])
        self.waiting.fill([[b.receipt_no, b.label, b.account_masked, format_fen(b.amount),
                            b.state_text() + (self.tr(" · void asked") if b.void_requested_at else ""),
                            self._age(b.age(now)) + (" !" if bills.is_overdue(db, b) else ""),
                            sync_state.label(states[b.id])] for b in waiting], [b.id for b in waiting])
        due = bills.refunds_due(db)
        self.due_list.fill([[b.receipt_no, b.label, b.account_masked, b.payer_name, format_fen(b.refund_amount),
                             b.state_text() if b.partly_paid else b.result_message, self._age(now - parse_iso(b.failed_at or b.accepted_at))] for b in due],
                           [b.id for b in due])
        paid = bills.paid_on(db, local_day(now))
        self.paid.fill([[b.receipt_no, b.label, b.account_masked, format_fen(b.amount), b.biller_ref,
                         show(b.paid_at or "")] for b in paid], [b.id for b in paid])
        odd = bills.conflicts(db)
        self.conflicts.fill([[b.receipt_no, b.label, b.account_masked, b.conflict_text()] for b in odd],
                            [b.id for b in odd])
        self.tabs.setTabText(0, self.tr("Waiting for the county ({n})").format(n=len(waiting)))
        self.tabs.setTabText(1, self.tr("Refund due ({n})").format(n=len(due)))
        self.tabs.setTabText(2, self.tr("Paid today ({n})").format(n=len(paid)))
        self.tabs.setTabText(3, self.tr("Conflicts ({n})").format(n=len(odd)))
        f = bills.daily_figures(db, local_day(now)).total
        self.figures.setText(self.tr(
            "Today: accepted {a} ({a_fen}, fees {fees}) · paid {p} ({p_fen}) · failed {x} ({x_fen}) · "
            "refunded {r} ({r_fen})").format(
            a=f.accepted.count, a_fen=format_fen(f.accepted.amount), fees=format_fen(f.fees), p=f.paid.count,
            p_fen=format_fen(f.paid.amount), x=f.failed.count, x_fen=format_fen(f.failed.amount),
            r=f.refunded.count, r_fen=format_fen(f.refunded.amount))
            + (self.tr(" · voided {v} ({v_fen})").format(v=f.voided.count, v_fen=format_fen(f.voided.amount))
               if f.voided.count else ""))

    def current_product(self) -> bills.Product:
        item = self.products.currentItem() or self.products.item(0)
        return item.data(Qt.ItemDataRole.UserRole)

    def _product_changed(self, *_args: Any) -> None:
        if not self.products.count():
            return
        p = self.current_product()
        self.account_label.setText(p.rule.label)
        self.amount.clear()
        self.account.setPlaceholderText(self.tr("{label}: {low}–{high} characters").format(
            label=p.rule.label, low=p.rule.min_len, high=p.rule.max_len) if p.rule.min_len != p.rule.max_len else
            self.tr("{label}: {n} characters").format(label=p.rule.label, n=p.rule.min_len))
        self.face.clear()
        for value in p.face_values:
            self.face.addItem(format_fen(value), value)
        self.face.setCurrentIndex(-1)  # no amount until the operator picks one for this villager
        self.face.setVisible(bool(p.face_values))
        self.amount.setVisible(not p.face_values and p.fixed_amount is None)
        self.fixed.setVisible(p.fixed_amount is not None)
        self.fixed.setText(format_fen(p.fixed_amount or 0))
        self._show_change()

    def _chosen_amount(self) -> int | None:
        p = self.current_product()
        if p.fixed_amount is not None:
            return None
        if p.face_values:
            return self.face.currentData() if self.face.currentIndex() >= 0 else None
        return self.amount.fen() if self.amount.text() else None

    def _show_change(self, *_args: Any) -> None:
        if not self.products.count():
            return
        try:
            q = bills.quote(self.ctx.db, product_id=self.current_product().id, amount=self._chosen_amount())
        except UserError:
            self.due.setText("")
            self.change.setText("")
            return
        fee = self.tr(" (fee {fee})").format(fee=format_fen(q.fee)) if q.fee else ""
        self.due.setText(format_fen(q.total) + fee)
        try:
            given = self.cash.fen() if self.cash.text() else q.total
        except UserError:
            given = 0
        self.change.setText(format_fen(given - q.total) if given >= q.total else self.tr("short {amount}").format(
            amount=format_fen(q.total - given)))

    def _find_payers(self, text: str) -> None:
        found = people.search_people(self.ctx.db, text, limit=12) if text.strip() else []
        self.payers = {f"{p.name} {p.phone_masked}".strip(): p.id for p in found}
        model = self.completer.model()
        model.setStringList(list(self.payers))  # type: ignore[attr-defined]

    def _show_selected(self) -> None:
        table = self.tabs.currentWidget()
        key = table.current_key() if isinstance(table, ReadOnlyTable) else None
        if key:
            self._show_slip(bills.receipt(self.ctx.db, key))

    def _show_slip(self, slip: bills.BillReceipt) -> None:
        self.last_slip = slip
        self.slip.setPlainText(f"{slip.notice}\n\n{preview(slip)}")

    # -- actions ------------------------------------------------------------------------------

    def _after_account(self) -> None:
        """Enter in the account field: on to the amount (the face values or the amount field)."""
        p = self.current_product()
        if p.face_values:
            self.face.setFocus()
        elif p.fixed_amount is None:
            self.amount.setFocus()
        else:
            self.payer.setFocus()

    def _account_scanned(self, read: ScanRead) -> bool:
        """A bill's barcode (or a phone typed fast) while the cursor is in the account field."""
        if not _account_like(read.code):
            return False
        self.account.setText(read.code.replace(" ", "").replace("-", "").upper())
        self._after_account()
        return True

    def handle_scan(self, code: str) -> bool | None:
        """An account scanned elsewhere on the page goes into the account field; a villager card
        names the payer."""
        read_card = labels.looks_like_label(code)
        if read_card:
            return self._payer_from_code(code)
        if not _account_like(code):
            return False
        self.account.setFocus()
        self.account.setText(code.replace(" ", "").replace("-", "").upper())
        self._after_account()
        return True

    def _payer_scanned(self, read: ScanRead) -> bool:
        return self._payer_from_code(read.code)

    def _payer_from_code(self, code: str) -> bool:
        try:
            if labels.looks_like_label(code):
                label = labels.parse_label(code)
                if label.kind != labels.PERSON:
                    return False
                person = people.get_person(self.ctx.db, label.value)
            else:
                found = people.find_by_phone(self.ctx.db, code)
                if len(found) != 1:  # nobody (or several) with that phone: it stays as typed
                    self.payer.setText(code)
                    self.cash.setFocus()
                    return True
                person = found[0]
        except UserError as exc:
            self.notice.error(str(exc))
            return True
        text = f"{person.name} {person.phone_masked}".strip()
        self.payers[text] = person.id
        self.payer.setText(text)
        self.cash.setFocus()
        return True

    def clear_entry(self) -> None:
        """Esc (after asking, if something was typed): start again with the next villager."""
        for edit in (self.account, self.amount, self.payer, self.cash):
            edit.clear()
        self.face.setCurrentIndex(-1)
        self.notice.clear_message()
        self.account.setFocus()

    def show_list(self, which: str) -> None:
        """Open a list below: "waiting" (for the county) or "refunds" (due)."""
        self.tabs.setCurrentWidget(self.due_list if which == "refunds" else self.waiting)
        self.tabs.currentWidget().setFocus()

    def take_payment(self) -> None:
        """The read-back, then (only if the operator confirms it there) the payment."""
        try:
            amount = self._chosen_amount()
            cash_received = self.cash.fen() if self.cash.text() else None
            product = self.current_product()
            account = bills.check_account(product, self.account.text())
            quote = bills.quote(self.ctx.db, product_id=product.id, amount=amount)
        except UserError as exc:
            self.notice.error(str(exc))
            self._focus_problem()
            return
        if cash_received is not None and cash_received < quote.total:
            self.notice.error(self.tr("Cash received {cash} is less than the {total} to pay").format(
                cash=format_fen(cash_received), total=format_fen(quote.total)))
            self.cash.setFocus()
            return
        payer_text = self.payer.text().strip()
        given = quote.total if cash_received is None else cash_received  # said aloud while it is read back
        self.ctx.say(speech.due_phrase(quote.total) + "，" + speech.change_phrase(given, given - quote.total))
        readback = ReadBackDialog(product, account, quote, cash_received, payer_text, self)
        confirmed = bool(readback.exec())
        done_with(readback)
        if not confirmed:
            self.notice.error(self.tr("Not taken: change what is wrong, or Esc to start again"))
            self.account.setFocus()
            return
        args: dict[str, Any] = {"product_id": product.id, "account": self.account.text(), "amount": amount,
                "cash_received": cash_received, "payer_id": self.payers.get(payer_text),
                "payer_name": "" if payer_text in self.payers else payer_text}
        result = self.ctx.act(_accept_or_warn, notice=self.notice, **args)
        if isinstance(result, bills.DuplicatePayment):
            if not self._confirm_duplicate(str(result)):
                self.notice.error(self.tr("Not taken: the same account was paid a moment ago"))
                return
            result = self.ctx.act(bills.accept_payment, notice=self.notice, confirm_duplicate=True, **args)
        if result is None:
            return
        bill = result
        slip = bills.receipt(self.ctx.db, bill.id)
        self._show_slip(slip)
        self.notice.ok(self.tr("Accepted {receipt}: {amount} for {service}. Change {change}. Not paid yet: the "
                               "county pays it after the next sync.").format(
            receipt=bill.receipt_no, amount=format_fen(bill.total), service=bill.label,
            change=format_fen(bill.change)))
        self._print(slip)
        for edit in (self.account, self.amount, self.payer, self.cash):
            edit.clear()
        self.face.setCurrentIndex(-1)  # the next villager chooses their own amount
        self.account.setFocus()

    def _focus_problem(self) -> None:
        """After a refusal, the keyboard goes to the field that is wrong or empty."""
        p = self.current_product()
        if not self.account.text().strip():
            self.account.setFocus()
        elif p.face_values and self.face.currentIndex() < 0:
            self.face.setFocus()
        elif not p.face_values and p.fixed_amount is None and not self.amount.text():
            self.amount.setFocus()
        else:
            self.account.setFocus()

    def _confirm_duplicate(self, warning: str) -> bool:
        return ask(self, self.tr("Paid a moment ago"), warning, self.tr("Take it again (Y)"),
                   self.tr("Do not take it (N)"), danger=True)

    def void_selected(self) -> None:
        """Ctrl+Delete on a bill in the waiting list: void it (the same business day)."""
        self.tabs.setCurrentWidget(self.waiting)
        bill_id = self.waiting.current_key()
        if bill_id is None:
            self.notice.error(self.tr("Pick the bill to void in the list of bills waiting for the county"))
            return
        bill = bills.get_bill(self.ctx.db, bill_id)
        dialog = VoidDialog(bill, bills.went_to_county(self.ctx.db, bill), self)
        confirmed, reason = bool(dialog.exec()), dialog.reason_text()
        done_with(dialog)
        if not confirmed:
            self.notice.error(self.tr("Not voided"))
            return
        done = self.ctx.act(bills.void_bill, bill_id=bill_id, reason=reason, notice=self.notice)
        if done is None:
            return
        if done.state == bills.VOIDED:
            slip = bills.receipt(self.ctx.db, done.id)
            self._show_slip(slip)
            self._print(slip)
            self.notice.ok(self.tr("Voided {receipt} ({void}): hand back {amount} in cash and have the payer sign the "
                                   "void receipt. It will never be paid.").format(
                receipt=done.receipt_no, void=done.void_no, amount=format_fen(done.total)))
        else:
            self.notice.ok(self.tr("Asked the county to cancel {receipt}. Do not hand back cash yet: when the county "
                                   "says it was not paid, refund it from Refund due (Ctrl+R).").format(
                receipt=done.receipt_no))

    def refund_selected(self) -> None:
        self.tabs.setCurrentWidget(self.due_list)
        bill_id = self.due_list.current_key()
        if bill_id is None:
            self.notice.error(self.tr("No failed payment is waiting for a refund"))
            return
        bill = self.ctx.act(bills.refund_bill, bill_id=bill_id, notice=self.notice)
        if bill is None:
            return
        slip = bills.receipt(self.ctx.db, bill.id)
        self._show_slip(slip)
        self.notice.ok(self.tr("Hand back {amount} to {payer} and have the refund receipt signed ({receipt})").format(
            amount=format_fen(bill.amount - (bill.paid_amount or 0) + bill.refund_fee), payer=bill.payer_name or self.tr("the payer"),
            receipt=bill.refund_no))
        self._print(slip)

    def settle_selected(self) -> None:
        """A manager writes down how a contradictory result was sorted out; the flag clears."""
        bill_id = self.conflicts.current_key()
        if bill_id is None:
            self.notice.error(self.tr("No conflict is chosen: pick one in the Conflicts list"))
            return
        bill = self.ctx.act(bills.settle_conflict, bill_id=bill_id, note=self.settle_note.text(), notice=self.notice)
        if bill is None:
            self.settle_note.setFocus()
            return
        self.settle_note.clear()
        self.notice.ok(self.tr("Conflict on {receipt} settled: {note}").format(receipt=bill.receipt_no,
                                                                              note=bill.conflict_note))

    def print_again(self) -> None:
        if self.last_slip is None:
            self.notice.error(self.tr("Pick a payment in the lists first"))
            return
        if self._print(self.last_slip):
            self.notice.ok(self.tr("{title} {number} sent to the printer").format(
                title=self.last_slip.title, number=self.last_slip.number))

    def _age(self, delta: timedelta) -> str:
        minutes = max(0, int(delta.total_seconds() // 60))
        if minutes < 60:
            return self.tr("{m} min").format(m=minutes)
        if minutes < 48 * 60:
            return self.tr("{h} h {m} min").format(h=minutes // 60, m=minutes % 60)
        return self.tr("{d} days").format(d=minutes // 1440)

    def _print(self, slip: bills.BillReceipt) -> bool:
        if self.print_doc is None:
            return False
        self.print_doc(bill_receipt(slip))
        return True

