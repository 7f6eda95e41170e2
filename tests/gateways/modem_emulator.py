"""A GSM modem on a pseudo-terminal (os.openpty) that answers AT commands as a real one does.

The program under test opens `emulator.device` (the pty's slave, e.g. /dev/pts/7) with
pyserial exactly as it opens /dev/ttyUSB2 or COM5. The emulator, on the master side:
echoes until ATE0; answers OK / ERROR / +CME ERROR; in PDU mode takes AT+CMGS=<n>, shows
"> ", reads the PDU up to Ctrl-Z (ESC cancels), checks that <n> is the TPDU's length
(+CMS ERROR: 304 otherwise), decodes it (3GPP TS 23.040) and answers "+CMGS: <mr>" then OK.

Status reports come when a test calls `deliver()` (or `report()` for any reference), routed as
AT+CNMI's <ds> says (TS 27.005 3.4.1): <ds>=1, an unsolicited "+CDS: <len>" and the PDU, shown
only while a program has the port open (a report that comes while nobody reads the port is
lost, as on a real modem); <ds>=2, kept in the modem's memory (`report_memory`: "SR", or "SM"
for a modem without a status report memory, which keeps them with received messages) with a
"+CDSI: <mem>,<index>" shown if the port is open. The memory is read with AT+CPMS, AT+CMGL,
AT+CMGR and emptied with AT+CMGD (TS 27.005 3.1, 3.2.2, 3.4.2, 3.5.4); a full memory takes
nothing more: the network holds the report back and offers it again with the next `deliver()`.
<ds>=0: reports are not routed to the program at all.

Faults a test sets: `refuse` (part number -> +CMS ERROR code), `silent` (answers nothing at
all, as an unplugged or hung modem), `silent_after_text` (takes a PDU and never answers).
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import threading
import time
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
    report_memory: str = "SR"  # where <ds>=2 keeps status reports: "SR", or "SM" beside received messages
    capacity: int = 20  # messages each memory holds
    lost: list[str] = field(default_factory=list)  # status report PDUs nobody was there to read

    def __post_init__(self) -> None:
        self._master, slave = os.openpty()
        tty.setraw(slave)
        self.device = os.ttyname(slave)
        os.close(slave)  # only the program under test holds the port: its closing is seen (POLLHUP)
        self._echo, self._pdu_mode = True, False
        self._ds = 0  # AT+CNMI <ds>: status reports not routed until the program asks
        self.memories: dict[str, dict[int, tuple[int, str]]] = {m: {} for m in self._offered()}  # index -> (stat, pdu)
        self._mem = ["SM", "SM", "SM"]  # AT+CPMS <mem1> (read, list, delete), <mem2>, <mem3>
        self._held: list[tuple[int, str, int]] = []  # reports the network holds back: (mr, phone, status)
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
        with contextlib.suppress(OSError):
            os.close(self._master)

    # -- what a test does -------------------------------------------------------------------------

    def texts(self) -> list[str]:
        """The messages as a phone would show them: parts joined by reference, in part order."""
        joined: dict[tuple[str, int | None, int], dict[int, str]] = {}
        for t in self.taken:
            s = t.submitted
            key = (s.phone, s.reference, s.parts) if s.reference is not None else (s.phone, None, t.mr)
            joined.setdefault(key, {})[s.part] = s.text
        return ["".join(parts[i] for i in sorted(parts)) for parts in joined.values()]

    def deliver(self, status: int = 0x00, *, mrs: set[int] | None = None) -> int:
        """The network reports each part taken since the last call (only those with TP-MR in
        `mrs`, when given; the rest later) with TP-ST `status`; and offers again the reports a
        full memory could not take. Returns how many reports it gave the modem."""
        with self._lock:
            due = [t for t in self._pending if mrs is None or t.mr in mrs]
            self._pending = [t for t in self._pending if t not in due]
            held, self._held = self._held, []
        return sum(self.report(*h) for h in held) + sum(self.report(t.mr, t.submitted.phone, status) for t in due)

    def report(self, mr: int, phone: str, status: int = 0x00) -> bool:
        """One status report from the network, for TP-MR `mr` (any reference), routed as
        AT+CNMI's <ds> says; False when a full memory could not take it (held back)."""
        now = datetime.now(UTC)
        pdu = status_report_pdu(mr, phone, status, now - timedelta(seconds=5), now)
        with self._lock:
            ds = self._ds
            if ds == 2:
                memory = self.memories[self.report_memory]
                free = [i for i in range(1, self.capacity + 1) if i not in memory]
                if not free:
                    self._held.append((mr, phone, status))
                    return False
                memory[free[0]] = (0, pdu)  # REC UNREAD
        if ds == 2:
            if self.port_open():
                self._write(f'\r\n+CDSI: "{self.report_memory}",{free[0]}\r\n')
        elif ds == 1 and self.port_open():
            self._write(f"\r\n+CDS: {_tpdu_length(pdu)}\r\n{pdu}\r\n")
        else:
            self.lost.append(pdu)
        return True

    def stored(self, memory: str | None = None) -> dict[int, tuple[int, str]]:
        """What a memory holds now: index -> (stat, PDU)."""
        with self._lock:
            return dict(self.memories[memory or self.report_memory])

    def port_open(self) -> bool:
        """A program has the port open (the pty's master sees no hang-up)."""
        poll = select.poll()
        poll.register(self._master, select.POLLIN)
        return not any(ev & select.POLLHUP for _, ev in poll.poll(0))

    # -- the modem --------------------------------------------------------------------------------

    def _run(self) -> None:
        line = bytearray()
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self._master, 1024)
            except OSError:  # nobody has the port open (EIO): wait for the next program
                time.sleep(0.02)
                continue
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
        elif upper.startswith("AT+CMEE") or upper.startswith("AT+CSMS"):
            self._ok()
        elif upper.startswith("AT+CNMI="):
            self._notify(upper)
        elif upper == "AT+CMGF=0":
            self._pdu_mode = True
            self._ok()
        elif upper.startswith("AT+CMGS="):
            self._submit(text)
        elif upper.startswith("AT+CPMS"):
            self._storage(upper)
        elif upper.startswith(("AT+CMGL", "AT+CMGR=", "AT+CMGD=")):
            self._stored_message(upper)
        else:
            self._write("\r\nERROR\r\n")

    def _offered(self) -> tuple[str, ...]:
        return ("SM", "ME", "SR") if self.report_memory == "SR" else ("SM", "ME")

    def _notify(self, upper: str) -> None:
        """AT+CNMI=<mode>,<mt>,<bm>,<ds>,<bfr>: only <ds> 0, 1, 2 matter here."""
        fields = upper.split("=", 1)[1].split(",")
        ds = fields[3].strip() if len(fields) > 3 else "0"
        if ds not in ("0", "1", "2"):
            self._write("\r\n+CMS ERROR: 303\r\n")  # operation not supported
            return
        self._ds = int(ds)
        self._ok()

    def _storage(self, upper: str) -> None:
        """AT+CPMS=? (the memories offered for <mem1>, <mem2>, <mem3>), AT+CPMS? (the ones in
        use, with used and total), AT+CPMS=<mem1>[,<mem2>[,<mem3>]] (used and total of each)."""
        offered = self._offered()
        names = ",".join(f'"{m}"' for m in offered)
        kept = ",".join(f'"{m}"' for m in offered if m != "SR")
        if upper == "AT+CPMS=?":
            self._write(f"\r\n+CPMS: ({names}),({kept}),({kept})\r\n\r\nOK\r\n")
            return
        if upper == "AT+CPMS?":
            shown = ",".join(f'"{m}",{len(self.memories[m])},{self.capacity}' for m in self._mem)
            self._write(f"\r\n+CPMS: {shown}\r\n\r\nOK\r\n")
            return
        asked = re.findall(r'"([A-Z]{2})"', upper)
        if not asked or asked[0] not in offered or any(m not in offered or m == "SR" for m in asked[1:]):
            self._write("\r\n+CMS ERROR: 303\r\n")  # a memory this modem does not have
            return
        self._mem[:len(asked)] = asked
        shown = ",".join(f"{len(self.memories[m])},{self.capacity}" for m in self._mem)
        self._write(f"\r\n+CPMS: {shown}\r\n\r\nOK\r\n")

    def _stored_message(self, upper: str) -> None:
        """AT+CMGL=<stat> (4: all), AT+CMGR=<index>, AT+CMGD=<index>[,<delflag>] on <mem1>, in
        PDU mode: "+CMGL: <index>,<stat>,,<length>" / "+CMGR: <stat>,,<length>" and the PDU; a
        received unread message (stat 0) reads as read (1) afterwards."""
        if not self._pdu_mode:
            self._write("\r\n+CMS ERROR: 302\r\n")
            return
        command, _, arg = upper.partition("=")
        with self._lock:
            memory = self.memories[self._mem[0]]
            try:
                numbers = [int(a) for a in arg.split(",")] if arg else [4]
            except ValueError:
                self._write("\r\n+CMS ERROR: 302\r\n")
                return
            n = numbers[0]
            if command == "AT+CMGL":
                if not 0 <= n <= 4:
                    self._write("\r\n+CMS ERROR: 302\r\n")
                    return
                lines = []
                for index in sorted(memory):
                    stat, pdu = memory[index]
                    if n in (4, stat):
                        lines.append(f"+CMGL: {index},{stat},,{_tpdu_length(pdu)}\r\n{pdu}\r\n")
                        memory[index] = (1 if stat == 0 else stat, pdu)
                self._write("\r\n" + "".join(lines) + "\r\nOK\r\n")
                return
            flag = numbers[1] if command == "AT+CMGD" and len(numbers) > 1 else 0
            if flag:  # <delflag> 1..4: the read ones, and sent, and unsent, or all: <index> ignored
                gone = {1: {1}, 2: {1, 3}, 3: {1, 2, 3}}.get(flag)
                for index in [i for i, (stat, _) in memory.items() if gone is None or stat in gone]:
                    del memory[index]
                self._ok()
                return
            if not 1 <= n <= self.capacity:
                self._write("\r\n+CMS ERROR: 321\r\n")  # invalid memory index
                return
            if command == "AT+CMGR":
                if n not in memory:
                    self._write("\r\n+CMS ERROR: 321\r\n")
                    return
                stat, pdu = memory[n]
                memory[n] = (1 if stat == 0 else stat, pdu)
                self._write(f"\r\n+CMGR: {stat},,{_tpdu_length(pdu)}\r\n{pdu}\r\n\r\nOK\r\n")
                return
            memory.pop(n, None)  # deleting an empty location is no error
        self._ok()

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


def _tpdu_length(pdu: str) -> int:
    """<length> of TS 27.005 in PDU mode: the TPDU's octets, without the SMSC address before it."""
    data = bytes.fromhex(pdu)
    return len(data) - 1 - data[0]
