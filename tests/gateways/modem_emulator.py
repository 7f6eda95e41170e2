"""A GSM modem on a pseudo-terminal (os.openpty) that answers AT commands as a real one does.

The program under test opens `emulator.device` (the pty's slave, e.g. /dev/pts/7) with
pyserial exactly as it opens /dev/ttyUSB2 or COM5. The emulator, on the master side:
echoes until ATE0; answers OK / ERROR / +CME ERROR; in PDU mode takes AT+CMGS=<n>, shows
"> ", reads the PDU up to Ctrl-Z (ESC cancels), checks that <n> is the TPDU's length
(+CMS ERROR: 304 otherwise), decodes it (3GPP TS 23.040) and answers "+CMGS: <mr>" then OK;
status reports come as unsolicited "+CDS: <len>" lines when a test calls `deliver()`.

Faults a test sets: `refuse` (part number -> +CMS ERROR code), `silent` (answers nothing at
all, as an unplugged or hung modem), `silent_after_text` (takes a PDU and never answers).
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import tty
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sync.gsm.pdu import Submitted, decode_submit, status_report_pdu


@dataclass
class Taken:
    """A part the emulated network took."""

    mr: int
    submitted: Submitted
    pdu: str


@dataclass
class ModemEmulator:
    refuse: dict[int, int] = field(default_factory=dict)  # n-th AT+CMGS of this run (1-based) -> +CMS ERROR code
    silent: bool = False
    silent_after_text: bool = False
    taken: list[Taken] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.device = os.ttyname(self._slave)
        self._echo, self._pdu_mode = True, False
        self._next_mr = 0
        self._submits = 0
        self._pending: list[Taken] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True, name="modem-emulator")

    def __enter__(self) -> ModemEmulator:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    # -- what a test does -------------------------------------------------------------------------

    def texts(self) -> list[str]:
        """The messages as a phone would show them: parts joined by reference, in part order."""
        joined: dict[tuple[str, int | None, int], dict[int, str]] = {}
        for t in self.taken:
            s = t.submitted
            key = (s.phone, s.reference, s.parts) if s.reference is not None else (s.phone, None, t.mr)
            joined.setdefault(key, {})[s.part] = s.text
        return ["".join(parts[i] for i in sorted(parts)) for parts in joined.values()]

    def deliver(self, status: int = 0x00) -> int:
        """The network reports each part taken since the last call: +CDS with TP-ST `status`."""
        with self._lock:
            due, self._pending = self._pending, []
        now = datetime.now(UTC)
        for t in due:
            pdu = status_report_pdu(t.mr, t.submitted.phone, status, now - timedelta(seconds=5), now)
            self._write(f"\r\n+CDS: {len(bytes.fromhex(pdu)) - 1}\r\n{pdu}\r\n")
        return len(due)

    # -- the modem --------------------------------------------------------------------------------

    def _run(self) -> None:
        line = bytearray()
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self._master, 1024)
            except OSError:
                return
            for byte in data:
                if self.silent:
                    continue
                if byte in (0x0D, 0x0A):
                    if line:
                        self._command(line.decode("ascii", "replace").strip())
                        line.clear()
                    continue
                if byte == 0x1B:
                    line.clear()
                    continue
                line.append(byte)

    def _command(self, text: str) -> None:
        if self._echo:
            self._write(text + "\r")
        self.commands.append(text)
        upper = text.upper()
        if upper == "AT":
            self._ok()
        elif upper == "ATE0":
            self._echo = False
            self._ok()
        elif upper.startswith("AT+CMEE") or upper.startswith("AT+CNMI") or upper.startswith("AT+CSMS"):
            self._ok()
        elif upper == "AT+CMGF=0":
            self._pdu_mode = True
            self._ok()
        elif upper.startswith("AT+CMGS="):
            self._submit(text)
        else:
            self._write("\r\nERROR\r\n")

    def _submit(self, text: str) -> None:
        if not self._pdu_mode:
            self._write("\r\n+CMS ERROR: 302\r\n")  # operation not allowed (text mode not set up here)
            return
        try:
            length = int(text.split("=", 1)[1])
        except ValueError:
            self._write("\r\n+CMS ERROR: 304\r\n")
            return
        self._write("\r\n> ")
        pdu = self._read_pdu()
        if pdu is None:
            self._ok()  # ESC: nothing sent
            return
        self._submits += 1
        if self.silent_after_text:
            return
        try:
            submitted = decode_submit(pdu)
        except ValueError:
            self._write("\r\n+CMS ERROR: 304\r\n")
            return
        if len(bytes.fromhex(pdu)) - 1 != length:
            self._write("\r\n+CMS ERROR: 304\r\n")  # invalid PDU mode parameter
            return
        code = self.refuse.get(self._submits)
        if code is not None:
            self._write(f"\r\n+CMS ERROR: {code}\r\n")
            return
        mr = self._next_mr
        self._next_mr = (self._next_mr + 1) % 256
        taken = Taken(mr, submitted, pdu)
        with self._lock:
            self.taken.append(taken)
            if submitted.status_report:
                self._pending.append(taken)
        self._write(f"\r\n+CMGS: {mr}\r\n\r\nOK\r\n")

    def _read_pdu(self) -> str | None:
        data = bytearray()
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            for byte in os.read(self._master, 1024):
                if byte == 0x1A:
                    return data.decode("ascii", "replace").strip()
                if byte == 0x1B:
                    return None
                data.append(byte)
        return None

    def _ok(self) -> None:
        self._write("\r\nOK\r\n")

    def _write(self, text: str) -> None:
        with contextlib.suppress(OSError):
            os.write(self._master, text.encode("ascii"))
