"""A GSM/4G USB modem on the hub (`sync.gsm`), for a county without an SMS contract: the
county's text, signature and all, in UCS-2 parts with status reports.

What a modem failure means for the message (`sync.gsm.modem`): silent or refused for a while
(no network, congestion) before any part went out: tried again later; refused for good (a
number that does not exist): failed; partly sent or taken without an answer: failed and never
sent again, since a modem cannot be asked afterwards what it did.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable

from sync.gsm.modem import (
    AtModem,
    ModemRefused,
    ModemSilent,
    ModemUnsure,
    PartlySent,
    SerialPort,
    close_port,
    open_port,
)
from sync.gsm.pdu import PduError, StatusReport
from sync.hub.gateway_config import ModemConfig
from sync.hub.sms_gateway import (
    FAILED,
    SENT,
    Delivery,
    SentSms,
    SmsMessage,
    SmsResult,
    SmsUnavailable,
    SmsUnsure,
)

PREFIX = "modem:"


def concat_reference(notice_id: str) -> int:
    """The 8-bit reference tying a notice's parts together (any value works; a stable one helps
    a phone that gets the same notice's parts twice from a retrying network)."""
    return hashlib.sha256(notice_id.encode()).digest()[0]


class ModemSms:
    """`SmsSender` over a modem on a serial port. One message at a time (a lock): the modem
    speaks to one program at a time."""

    name = "modem"
    demo = False
    absent_means_unsent = False
    concurrency = 1  # one serial line: one message at a time (`gateway_pool`)

    def __init__(self, config: ModemConfig, *, open_modem: Callable[[str, int], SerialPort] = open_port,
                 timeout: float = 5.0, send_timeout: float = 60.0) -> None:
        self.config = config
        self._open, self._timeout, self._send_timeout = open_modem, timeout, send_timeout
        self._modem: AtModem | None = None
        self._lock = threading.Lock()
        self._reports: list[StatusReport] = []

    def send(self, message: SmsMessage) -> SmsResult:
        with self._lock:
            modem = self._ready()
            try:
                sent = modem.send(message.phone, message.full_text, reference=concat_reference(message.notice_id))
            except ModemSilent as exc:
                self._drop()
                raise SmsUnavailable(f"短信猫没有回应：{exc}") from None
            except ModemRefused as exc:
                if exc.temporary:
                    raise SmsUnavailable(f"短信猫：网络暂时不能发送（+CMS ERROR {exc.code}）") from None
                return SmsResult(FAILED, f"短信猫：网络拒绝发送（+CMS ERROR {exc.code}）")
            except PartlySent as exc:
                return SmsResult(FAILED, f"短信猫：{exc.parts} 条中只发出了 {len(exc.references)} 条，不再重发",
                                 gateway_ref=PREFIX + ",".join(map(str, exc.references)), parts=len(exc.references))
            except ModemUnsure as exc:
                self._drop()
                raise SmsUnsure(f"短信猫收下了短信但没有回应：{exc}") from None
            except PduError as exc:
                return SmsResult(FAILED, f"短信猫：号码或内容不能发送（{exc}）")
            self._reports += modem.reports()
            return SmsResult(SENT, gateway_ref=PREFIX + ",".join(map(str, sent.references)), parts=sent.parts)

    def deliveries(self, sent: list[SentSms]) -> list[Delivery]:
        """Status reports the modem showed, matched to the notices by their parts' TP-MR (the
        newest notice with that reference wins: references repeat every 256 parts). A notice is
        delivered when every part was, undelivered as soon as one part failed for good."""
        with self._lock:
            try:
                reports = self._reports + (self._ready().reports() if self._modem or sent else [])
            except (ModemSilent, ModemRefused, SmsUnavailable):
                self._drop()
                reports = self._reports
            self._reports = []
        by_reference: dict[int, SentSms] = {}
        parts_of: dict[str, list[int]] = {}
        for s in sorted(sent, key=lambda x: x.sent_at):
            refs = [int(r) for r in s.gateway_ref.removeprefix(PREFIX).split(",") if r.isdigit()]
            parts_of[s.notice_id] = refs
            for r in refs:
                by_reference[r] = s
        done: dict[str, dict[int, StatusReport]] = {}
        for report in reports:
            owner = by_reference.get(report.reference)
            if owner is not None and report.final:
                done.setdefault(owner.notice_id, {})[report.reference] = report
        out = []
        for notice_id, got in done.items():
            failed = [r for r in got.values() if not r.delivered]
            if failed:
                out.append(Delivery(notice_id, False, f"短信猫回执：未送达（状态 {failed[0].status:#04x}）",
                                    failed[0].done_at.isoformat()))
            elif set(got) >= set(parts_of[notice_id]):
                last = max(got.values(), key=lambda r: r.done_at)
                out.append(Delivery(notice_id, True, "", last.done_at.isoformat()))
            else:
                self._reports += list(got.values())  # the other parts' reports may come later
        return out

    def _ready(self) -> AtModem:
        if self._modem is None:
            try:
                port = self._open(self.config.port, self.config.baud)
            except OSError as exc:
                raise SmsUnavailable(f"打不开短信猫 {self.config.port}：{exc}") from None
            modem = AtModem(port, timeout=self._timeout, send_timeout=self._send_timeout)
            try:
                modem.start()
            except (ModemSilent, ModemRefused) as exc:
                close_port(port)
                raise SmsUnavailable(f"短信猫 {self.config.port} 没有准备好：{exc}") from None
            self._modem = modem
        return self._modem

    def _drop(self) -> None:
        if self._modem is not None:
            close_port(self._modem.port)
        self._modem = None
