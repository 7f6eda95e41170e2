"""A county notice opened from the 今日 board: the whole text, printed for the notice wall (on the
receipt printer, or as an A4 page opened in the PC's PDF viewer to print), and recorded as posted
once it is up — the county sees which stations have posted it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.clock import show
from station_app.core import notices
from station_app.receipts.services import notice_sheet
from station_app.ui.context import StationContext
from station_app.ui.parcels.common import station_name
from station_app.ui.widgets import Notice, heading

FOLDER = "notices"  # beside the station file: the A4 pages printed for the wall


def open_for_printing(path: Path) -> bool:
    """Open the page in the PC's PDF viewer (which prints it); False when nothing opened it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def a4_path(ctx: StationContext, notice: notices.CountyNotice) -> Path:
    return Path(ctx.db.path).parent / FOLDER / f"{notice.received_at[:10]}-{notice.id[-8:]}.pdf"


class NoticeDialog(QDialog):
    def __init__(self, ctx: StationContext, notice_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notice_id = notice_id
        n = notices.get_notice(ctx.db, notice_id)
        self.setWindowTitle(self.tr("Notice from the county"))
        self.text = QPlainTextEdit(n.text)
        self.text.setReadOnly(True)
        self.text.setMinimumHeight(160)
        facts = [self.tr("From {sender}").format(sender=n.sender) if n.sender else "",
                 self.tr("received {when}").format(when=show(n.received_at)),
                 self.tr("shown until {day}").format(day=n.until) if n.until else ""]
        self.facts = QLabel(" · ".join(f for f in facts if f))
        self.facts.setWordWrap(True)
        self.state = Notice()
        receipt = QPushButton(self.tr("Print on the receipt printer (Ctrl+P)"))
        receipt.clicked.connect(self.print_receipt)
        a4 = QPushButton(self.tr("A4 page for the wall (Ctrl+Shift+P)"))
        a4.clicked.connect(self.print_a4)
        self.posted = QPushButton(self.tr("It is up on the wall (Ctrl+Enter)"))
        self.posted.clicked.connect(self.mark_posted)
        close = QPushButton(self.tr("Close (Esc)"))
        close.clicked.connect(self.reject)
        for b in (receipt, a4, self.posted, close):
            b.setAutoDefault(False)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_receipt)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.print_a4)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.mark_posted)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.mark_posted)
        buttons = QHBoxLayout()
        buttons.addWidget(receipt)
        buttons.addWidget(a4)
        buttons.addStretch()
        buttons.addWidget(self.posted)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(n.title))
        layout.addWidget(self.facts)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        self.resize(720, 420)
        self._show_posted(n)
        close.setFocus()

    def _show_posted(self, n: notices.CountyNotice) -> None:
        if n.posted:
            self.state.ok(self.tr("Posted on the wall {when}: the county can see it").format(when=show(n.posted_at or "")))
            self.posted.setEnabled(False)

    def print_receipt(self) -> None:
        n = notices.get_notice(self.ctx.db, self.notice_id)
        self.state.ok(self.ctx.print(notice_sheet(station_name(self.ctx), n, self.ctx.db.clock.now())))

    def print_a4(self) -> Path | None:
        """Write the A4 page beside the station file and open it to print (the PC's PDF viewer)."""
        n = notices.get_notice(self.ctx.db, self.notice_id)
        try:
            path = notices.write_notice_pdf(self.ctx.db, self.notice_id, a4_path(self.ctx, n))
        except OSError as exc:
            self.state.error(self.tr("The page could not be written: {reason}").format(reason=exc.strerror or exc))
            return None
        opened = open_for_printing(path)
        self.state.ok(self.tr("The A4 page is in {path}").format(path=path) +
                      ("" if opened else "\n" + self.tr("Open it and print it from there.")))
        return path

    def mark_posted(self) -> None:
        done = self.ctx.act(notices.mark_posted, self.notice_id, notice=self.state)
        if done is not None:
            self._show_posted(done)
