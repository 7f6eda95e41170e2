"""A GSM/4G USB modem on the station PC (`sync.gsm`: AT commands, PDU mode, UCS-2, numbered
parts, +CDS status reports), for texting the station's own notices while the county hub is out
of reach (`core.parcels.own_sms`).

What a modem failure means for a notice, as on the hub (`sync.hub.senders.modem`): not ready, or
refused for a while (no network, congestion) before any part went: `waiting`, nothing went, tried
again later; refused for good (a number that does not exist): `failed`; some parts went, or the
modem took the text without answering: `failed` / `unsure`, never sent again, since a modem cannot
be asked afterwards what it did.

Status reports: the station opens the port only for a run after a sync cycle, so the modem keeps
them in its memory (AT+CNMI <ds>=2, `sync.gsm.modem`): a report that comes at night, while the
program is closed or between two runs, waits there and is read on the next run
(`status_reports`), then deleted once dealt with (`forget`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sync.gsm.modem import (
    AtModem,
    ModemRefused,
    ModemSilent,
    ModemUnsure,
    PartlySent,
    SerialPort,
    StoredReport,
    close_port,
    open_port,
)
from sync.gsm.pdu import PduError

SENT, FAILED, UNSURE, WAITING = "sent", "failed", "unsure", "waiting"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Answer:
    """What the modem did with one notice: `status` one of SENT, FAILED, UNSURE, WAITING."""

    status: str
    detail: str = ""
    parts: int = 0
    references: tuple[int, ...] = ()  # each part's TP-MR, in order, for its status report


@dataclass(frozen=True)
class PartReport:
    """A status report kept in the modem: what became of the part sent with TP-MR `reference`."""

    stored: StoredReport

    @property
    def reference(self) -> int:
        return self.stored.report.reference

    @property
    def phone(self) -> str:
        return self.stored.report.phone

    @property
    def status(self) -> int:  # TP-ST
        return self.stored.report.status

    @property
    def done_at(self) -> datetime:
        return self.stored.report.done_at

    @property
    def delivered(self) -> bool:
        return self.stored.report.delivered

    @property
    def final(self) -> bool:
        return self.stored.report.final


def concat_reference(notice_id: str) -> int:
    """The 8-bit reference tying a notice's parts together (the hub's rule: stable per notice)."""
    return hashlib.sha256(notice_id.encode()).digest()[0]


class StationModem:
    """The modem on `port` (COM5, /dev/ttyUSB2) for one run: opened when first needed and kept
    open until `close`; a modem that could not be opened is not tried again in the same run."""

    def __init__(self, port: str, baud: int = 115200, *, open_modem: Callable[[str, int], SerialPort] = open_port,
                 timeout: float = 5.0, send_timeout: float = 60.0) -> None:
        self.port, self.baud = port, baud
        self._open, self._timeout, self._send_timeout = open_modem, timeout, send_timeout
        self._modem: AtModem | None = None
        self._tried_in_vain = False
        self.problem = ""  # why the modem is not ready, for the operator

    def ready(self) -> bool:
        """The modem answers AT commands (opened now if it was not); `problem` says why not."""
        if self._modem is not None:
            return True
        if not self.port:
            self.problem = "no port"
            return False
        if self._tried_in_vain:  # once a run: a missing modem costs its timeouts once
            return False
        try:
            port = self._open(self.port, self.baud)
        except (OSError, ValueError) as exc:
            self.problem, self._tried_in_vain = f"{self.port}: {exc}", True
            return False
        modem = AtModem(port, timeout=self._timeout, send_timeout=self._send_timeout)
        try:
            modem.start(stored_reports=True)
        except (ModemSilent, ModemRefused) as exc:
            close_port(port)
            self.problem, self._tried_in_vain = f"{self.port}: {exc}", True
            return False
        if not modem.stores_reports:
            log.warning("the SMS modem on %s cannot keep status reports: delivery shows only for those "
                        "that come while a run has the port open", self.port)
        self._modem, self.problem = modem, ""
        return True

    def send(self, notice_id: str, phone: str, text: str) -> Answer:
        """Text `text` (signature included) to `phone` as numbered UCS-2 parts."""
        if not self.ready() or self._modem is None:
            return Answer(WAITING, self.problem)
        try:
            sent = self._modem.send(phone, text, reference=concat_reference(notice_id))
        except ModemSilent as exc:  # silent before the text went
            self.close()
            return Answer(WAITING, str(exc))
        except ModemRefused as exc:
            if exc.temporary:
                return Answer(WAITING, f"+CMS ERROR {exc.code}")
            return Answer(FAILED, f"+CMS ERROR {exc.code}")
        except PartlySent as exc:
            return Answer(FAILED, f"{len(exc.references)}/{exc.parts}", parts=len(exc.references),
                          references=tuple(exc.references))
        except ModemUnsure as exc:
            self.close()
            return Answer(UNSURE, str(exc))
        except PduError as exc:
            return Answer(FAILED, str(exc))
        return Answer(SENT, parts=sent.parts, references=tuple(sent.references))

    def status_reports(self) -> list[PartReport]:
        """The status reports the modem holds: kept in its memory (those that came while the
        port was closed too), or shown on the port during this run. Empty when the modem is not
        ready or stops answering."""
        if not self.ready() or self._modem is None:
            return []
        modem = self._modem
        try:
            shown = [StoredReport(None, -1, r) for r in modem.reports()]
            return [PartReport(s) for s in shown + (modem.stored_reports() if modem.stores_reports else [])]
        except ModemSilent as exc:
            self.close()
            self.problem = str(exc)
        except ModemRefused as exc:
            self.problem = str(exc)
        return []

    def forget(self, report: PartReport) -> None:
        """Delete a report dealt with (or not ours) from the modem's memory: a full memory makes
        the network hold the next ones back. A report that was only shown is gone already."""
        if report.stored.index < 0 or self._modem is None:
            return
        try:
            self._modem.delete_stored(report.stored)
        except ModemSilent as exc:
            self.close()
            self.problem = str(exc)
        except ModemRefused as exc:
            self.problem = str(exc)

    def close(self) -> None:
        if self._modem is not None:
            close_port(self._modem.port)
        self._modem = None
