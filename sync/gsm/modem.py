"""A GSM/4G modem on a serial port, spoken to in AT commands (3GPP TS 27.005, PDU mode).

    modem = AtModem(open_port("/dev/ttyUSB2"))      # or COM5 on Windows
    modem.start()                                   # AT, ATE0, AT+CMEE=1, AT+CMGF=0, AT+CNMI
    sent = modem.send("13812345678", text, reference=17)
    for report in modem.reports(): ...              # +CDS status reports, by TP-MR

Status reports reach the program in one of two ways (TS 27.005 3.4.1, AT+CNMI <ds>):
- shown as they come (`start()`, <ds>=1, `+CDS`): for a program that keeps the port open (the
  hub). A report that comes while nobody reads the port is lost.
- stored in the modem's memory (`start(stored_reports=True)`, <ds>=2, `+CDSI`): read whenever
  the port is opened next (`stored_reports()`, AT+CMGL) and deleted once dealt with
  (`delete_stored()`, AT+CMGD), for a program that opens the port only now and then (the
  station). The memory is "SR" (status reports) where the modem has one, else the one it
  stores received messages in; other messages there are left alone.

What a failure means for the message, which decides whether it may ever be sent again:
- `ModemSilent`: the modem did not answer before any part went out: nothing was sent.
- `ModemRefused` (a `+CMS ERROR` on the first part): the network refused it, nothing was sent;
  `temporary` says whether trying later may work (congestion, no network) or not (a bad
  number, no SIM).
- `PartlySent`: the first parts went and a later one was refused or unanswered.
- `ModemUnsure`: a part was handed to the modem and no answer came: it may have gone.
The last two must never be sent again (the villager may have the text already).
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from sync.gsm.pdu import PduError, StatusReport, decode_status_report, submit_pdus

CTRL_Z, ESC = b"\x1a", b"\x1b"
#: +CMS ERROR codes after which a later try may work (TS 24.011 RP-causes and TS 27.005 3.2.5)
TEMPORARY = frozenset({38, 41, 42, 47, 331, 515})
#: +CMS ERROR codes that leave open whether the part went out (the network did not answer)
UNSURE = frozenset({332})
_FINAL = re.compile(rb"^(OK|ERROR|\+CMS ERROR: ?(\d+)|\+CME ERROR: ?(\d+))$")


class SerialPort(Protocol):
    """What the modem needs of a port: pyserial's `Serial` (with a short read timeout), or a
    pseudo-terminal in the tests."""

    def read(self, size: int = 1) -> bytes:
        ...

    @property
    def in_waiting(self) -> int:
        ...

    def write(self, data: bytes) -> int | None:
        ...


class ModemError(Exception):
    """Something went wrong talking to the modem (see the subclasses)."""


class ModemSilent(ModemError):
    """The modem did not answer; nothing of the message was sent."""


class ModemRefused(ModemError):
    """The modem or the network refused the message before any part of it went out."""

    def __init__(self, code: int | None, command: str) -> None:
        super().__init__(f"{command}: +CMS ERROR {code}" if code is not None else f"{command}: ERROR")
        self.code = code

    @property
    def temporary(self) -> bool:
        return self.code in TEMPORARY


class PartlySent(ModemError):
    """Parts 1..`sent` went out, then one was refused or not answered."""

    def __init__(self, sent: list[int], parts: int, why: str) -> None:
        super().__init__(f"{len(sent)} of {parts} parts sent, then: {why}")
        self.references, self.parts = sent, parts


class ModemUnsure(ModemError):
    """A part was handed to the modem and it never said what became of it."""


@dataclass
class Sent:
    """A message the modem took: the TP-MR of each part, in order."""

    references: list[int]
    parts: int


@dataclass(frozen=True)
class StoredReport:
    """A status report kept in the modem's `memory` at `index` (AT+CMGL), until deleted."""

    memory: str | None  # None: the modem's current one (it would not say)
    index: int
    report: StatusReport


@dataclass
class AtModem:
    port: SerialPort
    timeout: float = 5.0  # for a command's answer
    send_timeout: float = 60.0  # for the network to take one part
    clock: Callable[[], float] = time.monotonic
    _buffer: bytearray = field(default_factory=bytearray)
    _reports: list[StatusReport] = field(default_factory=list)
    stores_reports: bool = False  # status reports are kept in the modem's memory (<ds>=2)
    report_memory: str | None = None  # where they are kept (None: the current read memory)
    _read_memory: str | None = None

    # -- commands -----------------------------------------------------------------------------

    def start(self, *, stored_reports: bool = False) -> None:
        """Wake the modem and set it up: no echo, numbered errors, PDU mode, status reports
        shown as they come (+CDS), or kept in its memory when `stored_reports` and the modem
        can (`stores_reports` says; else shown). Raises ModemSilent, ModemRefused."""
        for attempt in range(3):
            try:
                self.command("AT", timeout=min(self.timeout, 2.0))
                break
            except ModemSilent:
                if attempt == 2:
                    raise
                self.port.write(ESC)  # a half-typed command or a waiting "> " prompt
        for setup in ("ATE0", "AT+CMEE=1", "AT+CMGF=0"):
            self.command(setup)
        if stored_reports:
            try:
                self.command("AT+CNMI=2,1,0,2,0")
            except ModemRefused:  # a modem that cannot keep them: shown as they come, at least
                pass
            else:
                self.stores_reports, self.report_memory = True, self._find_report_memory()
                return
        self.command("AT+CNMI=2,1,0,1,0")

    def command(self, text: str, timeout: float | None = None) -> list[bytes]:
        """Send one AT command; its answer lines (without the final OK). Raises ModemSilent
        (no answer), ModemRefused (ERROR / +CMS ERROR / +CME ERROR)."""
        self.port.write(text.encode("ascii") + b"\r")
        lines: list[bytes] = []
        deadline = self.clock() + (self.timeout if timeout is None else timeout)
        while True:
            line = self._line(deadline)
            if line is None:
                raise ModemSilent(f"{text}: no answer from the modem")
            if line == text.encode("ascii"):
                continue  # the echo, before ATE0 took effect
            final = _FINAL.match(line)
            if final is None:
                lines.append(line)
                continue
            if final.group(1) == b"OK":
                return lines
            code = final.group(2) or final.group(3)
            raise ModemRefused(int(code) if code else None, text)

    def send(self, phone: str, text: str, *, reference: int, status_report: bool = True) -> Sent:
        """Send a text (in parts when long), each part asking for a status report. Raises
        ModemSilent / ModemRefused (nothing sent), PartlySent, ModemUnsure (see the module)."""
        pdus = submit_pdus(phone, text, reference=reference, status_report=status_report)
        sent: list[int] = []
        for pdu in pdus:
            try:
                sent.append(self._send_part(pdu.hex, pdu.length))
            except (ModemSilent, ModemRefused) as exc:
                if not sent and not (isinstance(exc, ModemRefused) and exc.code in UNSURE):
                    raise
                if not sent:
                    raise ModemUnsure(str(exc)) from None
                raise PartlySent(sent, len(pdus), str(exc)) from None
            except ModemUnsure as exc:
                if sent:
                    raise PartlySent(sent, len(pdus), str(exc)) from None
                raise
        return Sent(sent, len(pdus))

    def reports(self, wait: float = 0.0) -> list[StatusReport]:
        """The status reports (+CDS) the modem showed since the last call, reading what it has
        sent meanwhile (for up to `wait` seconds)."""
        deadline = self.clock() + wait
        while True:
            while self._line(deadline, read=False) is not None:
                pass  # answers nobody waits for any more
            if self._reports and not self.port.in_waiting:
                break
            if not self._fill(deadline):
                break
        out, self._reports = self._reports, []
        return out

    def stored_reports(self) -> list[StoredReport]:
        """The status reports kept in the modem's memory (AT+CMGL=4, all of them, PDU mode);
        other messages there are skipped and left. Raises ModemSilent, ModemRefused."""
        self._select(self.report_memory)
        lines = self.command("AT+CMGL=4")
        out: list[StoredReport] = []
        for i, line in enumerate(lines[:-1]):
            if not line.startswith(b"+CMGL:"):
                continue
            try:
                index = int(line.split(b":", 1)[1].split(b",")[0])
                report = decode_status_report(lines[i + 1].decode("ascii"))
            except (ValueError, UnicodeDecodeError):  # PduError is a ValueError: not a report
                continue
            out.append(StoredReport(self.report_memory, index, report))
        return out

    def delete_stored(self, stored: StoredReport) -> None:
        """Delete a stored report (AT+CMGD), so the memory never fills: a full one makes the
        network hold the next reports back. Raises ModemSilent, ModemRefused."""
        self._select(stored.memory)
        self.command(f"AT+CMGD={stored.index}")

    # -- inside -----------------------------------------------------------------------------------

    def _find_report_memory(self) -> str | None:
        """"SR" when the modem has a status report memory (AT+CPMS=?), else the memory it
        stores received messages in (<mem3> of AT+CPMS?); None when it will not say."""
        try:
            offered = b"".join(self.command("AT+CPMS=?"))
            first = re.search(rb"\(([^)]*)\)", offered)
            if first and b'"SR"' in first.group(1).upper():
                return "SR"
            now = b"".join(self.command("AT+CPMS?"))
        except ModemRefused:
            return None
        names = re.findall(rb'"([A-Z]{2})"', now.upper())
        return names[2].decode("ascii") if len(names) >= 3 else None

    def _select(self, memory: str | None) -> None:
        """Make `memory` the one AT+CMGL / AT+CMGD work on (<mem1> of AT+CPMS)."""
        if memory is not None and memory != self._read_memory:
            self.command(f'AT+CPMS="{memory}"')
            self._read_memory = memory

    def _send_part(self, pdu_hex: str, length: int) -> int:
        self.port.write(f"AT+CMGS={length}\r".encode("ascii"))
        if not self._prompt(self.clock() + self.timeout):
            self.port.write(ESC)
            raise ModemSilent("AT+CMGS: no '>' prompt from the modem")
        self.port.write(pdu_hex.encode("ascii") + CTRL_Z)
        deadline = self.clock() + self.send_timeout
        reference: int | None = None
        while True:
            line = self._line(deadline)
            if line is None:
                raise ModemUnsure("AT+CMGS: the modem took the text and never answered")
            if line.startswith(b"+CMGS:"):
                try:
                    reference = int(line.split(b":", 1)[1].split(b",")[0])
                except ValueError:
                    reference = None
                continue
            final = _FINAL.match(line)
            if final is None or line == pdu_hex.encode("ascii"):
                continue
            if final.group(1) == b"OK":
                if reference is None:
                    raise ModemUnsure("AT+CMGS: OK without a message reference")
                return reference
            code = final.group(2) or final.group(3)
            raise ModemRefused(int(code) if code else None, "AT+CMGS")

    def _prompt(self, deadline: float) -> bool:
        """Wait for the "> " the modem shows before it takes a PDU (it ends no line)."""
        while True:
            at = self._buffer.find(b">")
            if at >= 0:
                self._take_lines(self._buffer[:at])
                del self._buffer[:at + 1]
                return True
            if not self._fill(deadline):
                return False

    def _line(self, deadline: float, read: bool = True) -> bytes | None:
        """The next answer line that is not an unsolicited report (those are kept), or None
        when nothing comes before `deadline` (at once when not to `read` the port)."""
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                line = bytes(self._buffer[:end]).strip()
                del self._buffer[:end + 1]
                if not line:
                    continue
                if line.startswith(b"+CDS:"):
                    self._status_report(deadline)
                    continue
                if line.startswith((b"+CMTI:", b"+CDSI:", b"RING", b"^")):
                    continue  # a new SMS in memory, a call, vendor noise: not ours to answer
                return line
            if not read or not self._fill(deadline):
                return None

    def _status_report(self, deadline: float) -> None:
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                pdu = bytes(self._buffer[:end]).strip()
                del self._buffer[:end + 1]
                if not pdu:
                    continue
                with contextlib.suppress(PduError, UnicodeDecodeError):  # an unreadable report says nothing of ours
                    self._reports.append(decode_status_report(pdu.decode("ascii")))
                return
            if not self._fill(deadline):
                return

    def _take_lines(self, before: bytes | bytearray) -> None:
        """Status reports among the lines that came before a "> " prompt."""
        lines = [raw.strip() for raw in bytes(before).split(b"\n") if raw.strip()]
        for i, line in enumerate(lines[:-1]):
            if line.startswith(b"+CDS:"):
                with contextlib.suppress(PduError, UnicodeDecodeError):
                    self._reports.append(decode_status_report(lines[i + 1].decode("ascii")))

    def _fill(self, deadline: float) -> bool:
        """Read what the port has (at least one byte) until `deadline`; False when nothing came."""
        while True:
            chunk = self.port.read(1)  # waits up to the port's read timeout for the first byte
            if chunk:
                waiting = self.port.in_waiting
                if waiting:
                    chunk += self.port.read(waiting)
                self._buffer += chunk
                return True
            if self.clock() >= deadline:
                return False


def open_port(device: str, baud: int = 115200) -> SerialPort:
    """The modem's serial port (pyserial), with a short read timeout so waits stay ours."""
    import serial  # pyserial: in both installs (station and hub)

    port: SerialPort = serial.Serial(device, baud, timeout=0.2, write_timeout=5)
    return port


def close_port(port: SerialPort) -> None:
    """Close the modem's port if it can be closed; a port already gone is closed enough."""
    close = getattr(port, "close", None)
    if close is not None:
        with contextlib.suppress(OSError):
            close()
