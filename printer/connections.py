"""Where receipts go: printer addresses ("specs"), connections and printer status.

    usb:0416:5011          USB vendor:product id in hex (python-escpos Usb; needs pyusb + libusb)
    serial:COM3@9600       serial port and speed (python-escpos Serial); @BAUD defaults to 9600
    net:192.168.1.87:9100  raw TCP, the port defaults to 9100 (own socket with timeouts)
    win:XP-58              a Windows printer queue, sent RAW (python-escpos Win32Raw; Windows only)
    file:/dev/usb/lp0      a device or capture file; each receipt is appended

A connection is opened for one job and closed after it. Where the link reads back
(network, serial, USB) `status()` asks the printer with DLE EOT, and `confirm()` after
a job proves every byte arrived: the printer answers a status request only after it
has received what came before it.
"""

from __future__ import annotations

import contextlib
import enum
import importlib.util
import re
import socket
import sys
import time
from typing import Any

from printer import escpos
from printer.capabilities import ensure_escpos_capabilities, escpos_printer_classes
from printer.errors import ConnectionLost, PrinterNotReady, PrinterUnavailable
from printer.specs import BAUDS, SPEC_HELP, PrinterSpec, parse_spec
from printer.words import QT_TRANSLATE_NOOP

__all__ = [  # the specs and the python-escpos import fix are part of this module's face
    "BAUDS", "SPEC_HELP", "Connection", "PrinterSpec", "PrinterStatus", "connect",
    "ensure_escpos_capabilities", "parse_spec", "send_once",
]


class PrinterStatus(enum.Enum):
    """What a printer says about itself."""

    #: ready to print
    READY = "ready"
    #: cannot be reached, or reports itself offline for no reason given
    OFFLINE = "offline"
    #: the paper roll is used up
    OUT_OF_PAPER = "out_of_paper"
    #: the cover is open
    COVER_OPEN = "cover_open"
    #: the printer reports an error (cutter jam, head too hot, ...)
    ERROR = "error"
    #: the link cannot read back (file, spooler) or the printer does not answer status requests
    UNKNOWN = "unknown"


STRAY_STATUS_REQUEST = re.compile(rb"\x10\x04[\x01-\x04]")
NOT_READY_TEXT = {
    PrinterStatus.OUT_OF_PAPER: QT_TRANSLATE_NOOP("errors", "The printer is out of paper. Put in a new roll."),
    PrinterStatus.COVER_OPEN: QT_TRANSLATE_NOOP("errors", "The printer cover is open. Close it."),
    PrinterStatus.ERROR: QT_TRANSLATE_NOOP("errors", "The printer reports an error. Switch it off and on again."),
    PrinterStatus.OFFLINE: QT_TRANSLATE_NOOP("errors", "The printer is offline. Check that it is on and connected."),
}


def send_once(spec: str | PrinterSpec, data: bytes, *, check_status: bool = True,
              timeout: float = 5.0, status_timeout: float = 1.5) -> PrinterStatus:
    """Send bytes once, synchronously (the command line; the program uses PrintQueue).

    Checks the printer is ready first and confirms delivery after, where the link reads
    back and `check_status` is true. Returns the status seen before printing. Raises
    BadPrinterSpec, PrinterUnavailable, PrinterNotReady or ConnectionLost.
    """
    conn = connect(spec, timeout=timeout, status_timeout=status_timeout)
    with conn:
        status = conn.check_ready() if check_status else PrinterStatus.UNKNOWN
        conn.write(data)
        if status is not PrinterStatus.UNKNOWN or not conn.can_read:
            conn.confirm()
    return status


class Connection:
    """One printer link. Use `with conn:` or open()/close() around a job."""

    can_read = False

    def __init__(self, spec: PrinterSpec, timeout: float = 5.0, status_timeout: float = 1.5) -> None:
        self.spec = spec
        self.timeout = timeout
        self.status_timeout = status_timeout
        self._answers_owed = 0

    def open(self) -> None:
        raise NotImplementedError

    def write(self, data: bytes) -> None:
        """Send bytes to the printer. Raises ConnectionLost."""
        # DLE EOT inside picture or barcode data is answered too (a real-time command)
        self._answers_owed += len(STRAY_STATUS_REQUEST.findall(data))
        self._write(data)

    def _write(self, data: bytes) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Connection:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(self, request: bytes) -> None:
        """Send a status request (links that read back)."""

    def _answer(self) -> int | None:
        """The next status byte from the printer, None when none comes in time."""
        return None

    def _ask(self, request: bytes) -> int | None:
        self._request(request)
        return self._answer()

    def status(self) -> PrinterStatus:
        """Ask the printer (DLE EOT 1, then 2 and 4 when it is offline). Raises ConnectionLost."""
        if not self.can_read:
            return PrinterStatus.UNKNOWN
        first = self._ask(escpos.status_request(escpos.STATUS_PRINTER))
        if first is None:
            return PrinterStatus.UNKNOWN
        if not first & 0x08:
            return PrinterStatus.READY
        cause = self._ask(escpos.status_request(escpos.STATUS_OFFLINE_CAUSE)) or 0
        paper = self._ask(escpos.status_request(escpos.STATUS_PAPER)) or 0
        if cause & 0x20 or paper & 0x60:
            return PrinterStatus.OUT_OF_PAPER
        if cause & 0x04:
            return PrinterStatus.COVER_OPEN
        if cause & 0x40:
            return PrinterStatus.ERROR
        return PrinterStatus.OFFLINE

    def check_ready(self) -> PrinterStatus:
        """The status, raising PrinterNotReady when the printer says it cannot print."""
        status = self.status()
        if status in NOT_READY_TEXT:
            raise PrinterNotReady(NOT_READY_TEXT[status], status=status)
        return status

    def confirm(self) -> bool:
        """After a job: True when the printer has received all of it, False when this link
        cannot tell. Raises ConnectionLost when the link broke."""
        if not self.can_read:
            return True
        owed, self._answers_owed = self._answers_owed, 0
        self._request(escpos.status_request(escpos.STATUS_PRINTER))
        got = None
        for _ in range(owed + 1):  # ours is the last answer; a printer may skip the stray ones
            answer = self._answer()
            if answer is None:
                break
            got = answer
        return got is not None

    def _lost(self, exc: BaseException) -> ConnectionLost:
        return ConnectionLost(QT_TRANSLATE_NOOP(
            "errors", "The link to printer {spec} broke while printing ({detail}); the receipt will be printed again."),
            spec=self.spec.text, detail=_reason(exc))

    def _unavailable(self, exc: BaseException | str) -> PrinterUnavailable:
        return PrinterUnavailable(QT_TRANSLATE_NOOP(
            "errors", "Printer {spec} cannot be reached ({detail}). Check that it is on and connected."),
            spec=self.spec.text, detail=_reason(exc))


def _reason(exc: BaseException | str) -> str:
    if isinstance(exc, str):
        return exc
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__


class NetworkConnection(Connection):
    """Raw TCP (port 9100), with timeouts on connect, write and status reads."""

    can_read = True

    def __init__(self, spec: PrinterSpec, timeout: float = 5.0, status_timeout: float = 1.5) -> None:
        super().__init__(spec, timeout, status_timeout)
        self._sock: socket.socket | None = None

    def open(self) -> None:
        try:
            self._sock = socket.create_connection((self.spec.target, self.spec.number), timeout=self.timeout)
        except OSError as exc:
            raise self._unavailable(exc) from exc

    def _write(self, data: bytes) -> None:
        assert self._sock is not None, "open() first"
        try:
            self._sock.settimeout(self.timeout + len(data) / 10_000)
            self._sock.sendall(data)
        except OSError as exc:
            raise self._lost(exc) from exc

    def _request(self, request: bytes) -> None:
        self._write(request)

    def _answer(self) -> int | None:
        assert self._sock is not None, "open() first"
        try:
            self._sock.settimeout(self.status_timeout)
            while True:
                got = self._sock.recv(1)
                if not got:
                    raise self._lost(ConnectionResetError("closed by the printer"))
                if escpos.is_status_byte(got[0]):
                    return got[0]
        except TimeoutError:
            return None
        except OSError as exc:
            raise self._lost(exc) from exc

    def close(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.shutdown(socket.SHUT_RDWR)
            self._sock.close()
            self._sock = None


class FileConnection(Connection):
    """Appends to a file or writes to a device node such as /dev/usb/lp0."""

    def __init__(self, spec: PrinterSpec, timeout: float = 5.0, status_timeout: float = 1.5) -> None:
        super().__init__(spec, timeout, status_timeout)
        self._file: Any = None

    def open(self) -> None:
        try:
            self._file = open(self.spec.target, "ab")  # noqa: SIM115 - held for the job, closed in close()
        except OSError as exc:
            raise self._unavailable(exc) from exc

    def _write(self, data: bytes) -> None:
        try:
            self._file.write(data)
            self._file.flush()
        except OSError as exc:
            raise self._lost(exc) from exc

    def close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None


class _EscposConnection(Connection):
    """A link run by a python-escpos printer class (its open/_raw/_read/close)."""

    def __init__(self, spec: PrinterSpec, timeout: float = 5.0, status_timeout: float = 1.5) -> None:
        super().__init__(spec, timeout, status_timeout)
        self._printer: Any = None

    def _make(self, classes: Any) -> Any:
        raise NotImplementedError

    def open(self) -> None:
        classes = escpos_printer_classes()
        try:
            self._printer = self._make(classes)
            self._printer.open()
        except PrinterUnavailable:
            raise
        except Exception as exc:  # python-escpos raises its own errors, RuntimeError or OSError
            self._printer = None
            raise self._unavailable(exc) from exc

    def _write(self, data: bytes) -> None:
        try:
            self._printer._raw(data)
        except Exception as exc:
            raise self._lost(exc) from exc

    def close(self) -> None:
        if self._printer is not None:
            with contextlib.suppress(Exception):
                self._printer.close()
            self._printer = None


class SerialConnection(_EscposConnection):
    can_read = True

    def _make(self, classes: Any) -> Any:
        return classes.Serial(devfile=self.spec.target, baudrate=self.spec.number, timeout=self.status_timeout)

    def open(self) -> None:
        super().open()
        # a serial write can block for ever when the printer holds flow control
        self._printer.device.write_timeout = self.timeout + 30.0

    def _request(self, request: bytes) -> None:
        self._write(request)

    def _answer(self) -> int | None:
        try:
            deadline = time.monotonic() + self.status_timeout
            while time.monotonic() < deadline:
                got = self._printer.device.read(1)
                if got and escpos.is_status_byte(got[0]):
                    return int(got[0])
            return None
        except Exception as exc:
            raise self._lost(exc) from exc


class UsbConnection(_EscposConnection):
    can_read = True

    def __init__(self, spec: PrinterSpec, timeout: float = 5.0, status_timeout: float = 1.5) -> None:
        super().__init__(spec, timeout, status_timeout)
        self._unread: list[int] = []  # a USB read brings several answers at once

    def _make(self, classes: Any) -> Any:
        if importlib.util.find_spec("usb") is None:
            raise self._unavailable(
                "USB printing needs the pyusb package and libusb; on Windows use win:PRINTER NAME instead")
        return classes.Usb(self.spec.vendor, self.spec.product, timeout=int(self.timeout * 1000))

    def _request(self, request: bytes) -> None:
        self._write(request)

    def _answer(self) -> int | None:
        if not self._unread:
            try:
                got = bytes(self._printer.device.read(self._printer.in_ep, 16, int(self.status_timeout * 1000)))
            except Exception as exc:
                if "timeout" in str(exc).lower() or "timed out" in str(exc).lower():
                    return None
                raise self._lost(exc) from exc
            self._unread += [b for b in got if escpos.is_status_byte(b)]
        return self._unread.pop(0) if self._unread else None


class SpoolerConnection(_EscposConnection):
    """A Windows printer queue, sent RAW: one spooler document per job.

    A spooler accepts anything at once, so `confirm()` watches the job leave the queue;
    a job that sits there past `spool_timeout` (printer off, stuck spooler) is deleted
    and reported, and the print queue tries it again later.
    """

    spool_timeout = 30.0

    def _make(self, classes: Any) -> Any:
        if sys.platform != "win32":
            raise self._unavailable("the Windows printer queue (win:) exists only on Windows")
        return classes.Win32Raw(self.spec.target)

    def open(self) -> None:
        classes = escpos_printer_classes()
        try:
            self._printer = self._make(classes)
            self._printer.open(job_name="Village Station receipt")
        except PrinterUnavailable:
            raise
        except Exception as exc:
            self._printer = None
            raise self._unavailable(exc) from exc

    def status(self) -> PrinterStatus:
        import win32print  # Windows only, installed with python-escpos[win32]

        try:
            handle = win32print.OpenPrinter(self._printer_name())
            try:
                info = win32print.GetPrinter(handle, 2)
            finally:
                win32print.ClosePrinter(handle)
        except Exception:
            return PrinterStatus.OFFLINE
        flags, attrs = info["Status"], info["Attributes"]
        if flags & 0x10:  # PRINTER_STATUS_PAPER_OUT
            return PrinterStatus.OUT_OF_PAPER
        if flags & 0x400000:  # PRINTER_STATUS_DOOR_OPEN
            return PrinterStatus.COVER_OPEN
        if flags & (0x2 | 0x8):  # ERROR, PAPER_JAM
            return PrinterStatus.ERROR
        if flags & (0x80 | 0x1000) or attrs & 0x400:  # OFFLINE, NOT_AVAILABLE, WORK_OFFLINE
            return PrinterStatus.OFFLINE
        return PrinterStatus.READY

    def _printer_name(self) -> str:
        import win32print

        return self.spec.target or win32print.GetDefaultPrinter()

    def confirm(self) -> bool:
        import win32print

        job_id = getattr(self._printer, "current_job", None)
        self.close()  # ends the spooler document, so the spooler starts sending it
        if job_id is None:
            return False
        deadline = time.monotonic() + self.spool_timeout
        handle = win32print.OpenPrinter(self._printer_name())
        try:
            while time.monotonic() < deadline:
                try:
                    win32print.GetJob(handle, job_id, 1)
                except Exception:
                    return True  # the job has left the queue: printed
                time.sleep(0.5)
            with contextlib.suppress(Exception):
                win32print.SetJob(handle, job_id, 0, None, win32print.JOB_CONTROL_DELETE)
        finally:
            win32print.ClosePrinter(handle)
        status = self.status()
        raise PrinterNotReady(NOT_READY_TEXT.get(status, QT_TRANSLATE_NOOP(
            "errors", "The Windows print queue did not send the receipt in time; it was taken off the queue.")),
            status=status if status in NOT_READY_TEXT else PrinterStatus.OFFLINE)


def connect(spec: str | PrinterSpec, *, timeout: float = 5.0, status_timeout: float = 1.5) -> Connection:
    """An unopened connection for `spec` (raises BadPrinterSpec for a spec that does not parse).

    `timeout` bounds connecting and each write; `status_timeout` how long to wait for a
    status answer before deciding the printer does not give them.
    """
    s = parse_spec(spec) if isinstance(spec, str) else spec
    cls = {"usb": UsbConnection, "serial": SerialConnection, "net": NetworkConnection,
           "win": SpoolerConnection, "file": FileConnection}[s.kind]
    conn: Connection = cls(s, timeout, status_timeout)
    return conn
