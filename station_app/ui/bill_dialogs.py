"""The two questions the bills page asks before money moves: the read-back before taking a
payment (the service, the WHOLE account number and the amount in large type, read aloud to the
villager), and the void of a bill taken by mistake. Both default to "no": only the explicit key
takes or gives back money."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.core import bills
from station_app.core.money import format_fen
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ui.widgets import heading, on_escape


def grouped(account: str) -> str:
    """An account number in groups of four, as it is read aloud: 3300 1234 5678 9."""
    return " ".join(account[i:i + 4] for i in range(0, len(account), 4))


class ReadBackDialog(QDialog):
    """Read back before taking the money: accepted only by its own button or Enter on it."""

    def __init__(self, product: bills.Product, account: str, quote: bills.Quote, cash_received: int | None,
                 payer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readback")
        self.setWindowTitle(self.tr("Read it back to the villager"))
        service = QLabel(f"{product.biller_name} · {product.name}")
        service.setObjectName("readbackService")
        service.setWordWrap(True)
        number = QLabel(grouped(account))
        number.setObjectName("readbackAccount")
        number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        amount = QLabel(format_fen(quote.total))
        amount.setObjectName("readbackAmount")
        given = quote.total if cash_received is None else cash_received
        form = QFormLayout()
        form.addRow(self.tr("Service"), service)
        form.addRow(product.rule.label, number)
        form.addRow(self.tr("To pay"), amount)
        if quote.fee:
            form.addRow("", QLabel(self.tr("{amount} + service fee {fee}").format(
                amount=format_fen(quote.amount), fee=format_fen(quote.fee))))
        form.addRow(self.tr("Cash received"), QLabel(format_fen(given)))
        form.addRow(self.tr("Change"), QLabel(format_fen(given - quote.total)))
        if payer:
            form.addRow(self.tr("Payer"), QLabel(payer))
        self.take = QPushButton(self.tr("Take the money (Enter)"))
        self.take.setDefault(True)
        self.take.clicked.connect(self.accept)
        back = QPushButton(self.tr("Back, change it (Esc)"))
        back.setAutoDefault(False)
        back.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch()
        buttons.addWidget(self.take)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Is this right? Read it to the payer")))
        layout.addLayout(form)
        note = QLabel(self.tr("The account number is shown whole only here, to read back; the receipt shows it "
                              "masked."))
        note.setWordWrap(True)
        note.setObjectName("hint")
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.take.setFocus()


REASONS = (QT_TRANSLATE_NOOP("VoidDialog", "Wrong account number"), QT_TRANSLATE_NOOP("VoidDialog", "Wrong amount"),
           QT_TRANSLATE_NOOP("VoidDialog", "The payer changed their mind"))


class VoidDialog(QDialog):
    """Void a bill taken by mistake today: what will happen, and why (a reason the payer agreed)."""

    def __init__(self, bill: bills.Bill, went_to_county: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Void a bill taken by mistake"))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        for text in REASONS:
            self.reason.addItem(self.tr(text))
        self.reason.setCurrentIndex(-1)
        self.reason.setPlaceholderText(self.tr("Why (pick or type)"))
        what = QLabel(f"{bill.receipt_no} · {bill.label} · {grouped(bill.account)} · {format_fen(bill.total)}")
        what.setObjectName("big")
        what.setWordWrap(True)
        if went_to_county:
            then = self.tr("This bill has already gone to the county. The county is asked to cancel it; once it "
                           "answers that it was not paid, refund the payer from the Refund due list (Ctrl+R). Do "
                           "NOT hand back cash now.")
        else:
            then = self.tr("Not sent to the county yet: it will never be paid. Hand back {amount} in cash now and "
                           "have the payer sign the void receipt.").format(amount=format_fen(bill.total))
        explain = QLabel(then)
        explain.setWordWrap(True)
        explain.setObjectName("warning")
        self.void = QPushButton(self.tr("Void it (Ctrl+Enter)"))
        self.void.setAutoDefault(False)
        self.void.clicked.connect(self.accept)
        keep = QPushButton(self.tr("Do not void (Esc)"))
        keep.setDefault(True)
        keep.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(keep)
        buttons.addStretch()
        buttons.addWidget(self.void)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Void this bill?")))
        layout.addWidget(what)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addLayout(buttons)
        on_escape(self, [self.reason])
        self.reason.setFocus()

    def reason_text(self) -> str:
        return self.reason.currentText().strip()
