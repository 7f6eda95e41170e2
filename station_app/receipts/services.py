"""Receipts of the station's other services: the villager's voucher of a bank-card cash
withdrawal (助农取款) with a line to sign or thumb-print, a voided withdrawal, the receipt of a
service with a fee (便民服务), and a county notice printed for the notice wall."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from printer.document import Receipt
from station_app.i18n import translate
from station_app.receipts.layout import signature, start, when, yuan

if TYPE_CHECKING:
    from station_app.core.cashpoint import Withdrawal
    from station_app.core.notices import CountyNotice
    from station_app.core.services_ledger import ServiceRecord


def withdrawal_voucher(*, station: str, voucher_no: str, card: str, bank: str, amount_fen: int, trace_no: str,
                       terminal_time: datetime | str, villager: str, operator: str, recorded_at: datetime | str
                       ) -> Receipt:
    """The villager's voucher of a cash withdrawal: the card (masked), the terminal's trace
    number and time, the amount large, and the cardholder's signature or thumbprint."""
    b = start("cash_withdrawal", translate("receipt", "Cash withdrawal") + " " + voucher_no, station,
              translate("receipt", "Bank-card cash withdrawal voucher (助农取款)"))
    b.pair(translate("receipt", "Voucher no."), voucher_no)
    b.pair(translate("receipt", "Card"), card)
    if bank:
        b.pair(translate("receipt", "Bank"), bank)
    b.pair(translate("receipt", "Terminal trace no."), trace_no).pair(translate("receipt", "Terminal time"),
                                                                      when(terminal_time))
    if villager:
        b.pair(translate("receipt", "Cardholder"), villager)
    b.rule().pair(translate("receipt", "Cash paid out"), yuan(amount_fen), bold=True, size=2).rule()
    b.line(translate("receipt", "The cash was counted out in front of the cardholder. Keep this voucher with the "
                                "bank terminal's slip."))
    b.pair(translate("receipt", "Paid at"), when(recorded_at)).pair(translate("receipt", "Operator"), operator)
    signature(b, translate("receipt", "Cardholder (signature or thumbprint):"))
    return b.cut().build()


def cash_withdrawal_voucher(station: str, operator: str, w: Withdrawal) -> Receipt:
    return withdrawal_voucher(station=station, voucher_no=w.voucher_no, card=w.card_masked, bank=w.bank,
                              amount_fen=w.amount, trace_no=w.trace_no, terminal_time=w.terminal_time,
                              villager=w.name, operator=operator, recorded_at=w.recorded_at)


def withdrawal_voided(station: str, operator: str, w: Withdrawal, now: datetime | str) -> Receipt:
    """A withdrawal taken back: the cash came back to the drawer."""
    b = start("cash_withdrawal_voided", translate("receipt", "Withdrawal voided") + " " + w.voucher_no, station,
              translate("receipt", "Bank-card cash withdrawal voided"))
    b.center(translate("receipt", "VOIDED"), bold=True, size=2)
    b.pair(translate("receipt", "Voucher no."), w.voucher_no).pair(translate("receipt", "Card"), w.card_masked)
    b.pair(translate("receipt", "Terminal trace no."), w.trace_no)
    b.pair(translate("receipt", "Cash given back"), yuan(w.amount), bold=True)
    if w.void_reason:
        b.pair(translate("receipt", "Reason"), w.void_reason)
    b.pair(translate("receipt", "Voided at"), when(now)).pair(translate("receipt", "Operator"), operator)
    signature(b, translate("receipt", "Cardholder (signature or thumbprint):"))
    return b.cut().build()


def service_receipt(station: str, operator: str, r: ServiceRecord) -> Receipt:
    """A service with a fee: what was done for the villager and what it cost."""
    b = start("service", translate("receipt", "Service") + " " + r.number, station,
              translate("receipt", "Service receipt"))
    b.pair(translate("receipt", "Record no."), r.number).pair(translate("receipt", "Service"), r.category_name)
    if r.name:
        b.pair(translate("receipt", "For"), r.name)
    if r.note:
        b.pair(translate("receipt", "Details"), r.note)
    if r.people > 1:
        b.pair(translate("receipt", "People"), str(r.people))
    b.rule().pair(translate("receipt", "Service fee"), yuan(r.fee), bold=True, size=2)
    b.pair(translate("receipt", "Paid at"), when(r.recorded_at)).pair(translate("receipt", "Operator"), operator)
    return b.cut().build()


def notice_sheet(station: str, notice: CountyNotice, printed_at: datetime | str) -> Receipt:
    """A county notice for the station's notice wall: the title large, the text, who sent it and
    until when it holds, and a line for the day it went up."""
    b = start("county_notice", translate("receipt", "County notice") + " " + notice.title, station,
              translate("receipt", "Notice from the county"))
    b.center(notice.title, bold=True, size=2).rule()
    for paragraph in notice.text.splitlines() or [""]:
        b.line(paragraph)  # wrapped to the paper by the printer's layout
    b.rule()
    if notice.sender:
        b.pair(translate("receipt", "From"), notice.sender)
    b.pair(translate("receipt", "Received"), when(notice.received_at))
    if notice.until:
        b.pair(translate("receipt", "Valid until"), notice.until)
    b.pair(translate("receipt", "Printed"), when(printed_at))
    b.feed(1).line(translate("receipt", "Posted on the wall on:") + "________________")
    return b.cut().build()
