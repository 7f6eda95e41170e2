"""A GSM/4G USB modem on the station PC (`sync.gsm`: AT commands, PDU mode, UCS-2, numbered
parts, +CDS status reports), for texting the station's own notices while the county hub is out
of reach (`core.parcels.own_sms`).

What a modem failure means for a notice, as on the hub (`sync.hub.senders.modem`): not ready, or
refused for a while (no network, congestion) before any part went: `waiting`, nothing went, tried
again later; refused for good (a number that does not exist): `failed`; some parts went, or the
modem took the text without answering: `failed` / `unsure`, never sent again, since a modem cannot
be asked afterwards what it did.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

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
from sync.gsm.pdu import PduError

SENT, FAILED, UNSURE, WAITING = "sent", "failed", "unsure", "waiting"


@dataclass(frozen=True)
class Answer:
    """What the modem did with one notice: `status` one of SENT, FAILED, UNSURE, WAITING."""

    status: str
    detail: str = ""
    parts: int = 0


def concat_reference(notice_id: str) -> int:
    """The 8-bit reference tying a notice's parts together (the hub's rule: stable per notice)."""
    return hashlib.sha256(notice_id.encode()).digest()[0]


class StationModem:
    """The modem on `port` (COM5, /dev/ttyUSB2), opened when first needed and kept open."""

    def __init__(self, port: str, baud: int = 115200, *, open_modem: Callable[[str, int], SerialPort] = open_port,
                 timeout: float = 5.0, send_timeout: float = 60.0) -> None:
        self.port, self.baud = port, baud
        self._open, self._timeout, self._send_timeout = open_modem, timeout, send_timeout
        self._modem: AtModem | None = None
        self.problem = ""  # why the modem is not ready, for the operator

    def ready(self) -> bool:
        """The modem answers AT commands (opened now if it was not); `problem` says why not."""
        if self._modem is not None:
            return True
        if not self.port:
            self.problem = "no port"
            return False
        try:
            port = self._open(self.port, self.baud)
        except (OSError, ValueError) as exc:
            self.problem = f"{self.port}: {exc}"
            return False
        modem = AtModem(port, timeout=self._timeout, send_timeout=self._send_timeout)
        try:
            modem.start()
        except (ModemSilent, ModemRefused) as exc:
            close_port(port)
            self.problem = f"{self.port}: {exc}"
            return False
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
            return Answer(FAILED, f"{len(exc.references)}/{exc.parts}", parts=len(exc.references))
        except ModemUnsure as exc:
            self.close()
            return Answer(UNSURE, str(exc))
        except PduError as exc:
            return Answer(FAILED, str(exc))
        return Answer(SENT, parts=sent.parts)

    def close(self) -> None:
        if self._modem is not None:
            close_port(self._modem.port)
        self._modem = None
