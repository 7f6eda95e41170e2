"""Scanners on a serial port (RS-232, or USB set to "virtual COM"), read with pyserial on one
worker thread (DESIGN §7). Each line ending in CR, LF or CR LF is one code.

Qt-free: on_code(str) and on_state(SerialState) run on the worker thread. A port that
cannot be opened or disappears (USB unplugged) is a state, not a crash, and is reopened
every `retry_after` seconds until `stop()`. Tests use pyserial's `loop://` URL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from typing import Any

from station_app.devices.wedge import strip_control_chars
from station_app.devices.worker import DeviceWorker
from station_app.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)
THREAD_NAME = "serial-scanner"
MAX_LINE = 512  # bytes; longer is line noise (wrong baud rate) and is dropped


class SerialState(Enum):
    OPENING = "opening"  #: opening the port
    READY = "ready"  #: open, waiting for scans
    NO_PORT = "no_port"  #: the port could not be opened (absent, in use, no permission)
    LOST = "lost"  #: the port went away while open; it will be reopened
    STOPPED = "stopped"  #: stop() was called, or it was lost and reconnect is off


STATE_TEXT = {
    SerialState.OPENING: QT_TRANSLATE_NOOP("serial", "Opening the serial port…"),
    SerialState.READY: QT_TRANSLATE_NOOP("serial", "Serial scanner ready"),
    SerialState.NO_PORT: QT_TRANSLATE_NOOP("serial", "The serial port cannot be opened (not there, or in use)"),
    SerialState.LOST: QT_TRANSLATE_NOOP("serial", "The serial scanner was disconnected; trying again…"),
    SerialState.STOPPED: QT_TRANSLATE_NOOP("serial", "Serial scanner off"),
}


def list_ports() -> list[tuple[str, str]]:
    """(device, description) of the serial ports on this PC, e.g. ("COM3", "USB-SERIAL CH340")."""
    from serial.tools import list_ports as lp

    return [(p.device, p.description or p.device) for p in sorted(lp.comports(), key=lambda p: p.device)]


class LineAssembler:
    """Bytes in, finished codes out: splits on CR/LF, drops empty lines, control characters
    and lines longer than `max_line` (noise from a wrong baud rate)."""

    def __init__(self, max_line: int = MAX_LINE) -> None:
        self.max_line = max_line
        self._buffer = bytearray()
        self._overflow = False
        self.dropped = 0  # lines thrown away as too long

    def feed(self, data: bytes) -> list[str]:
        codes = []
        for byte in data:
            if byte in (0x0D, 0x0A):
                if self._overflow:
                    self.dropped += 1
                else:
                    text, _ = strip_control_chars(self._buffer.decode("utf-8", errors="replace"))
                    if text.strip():
                        codes.append(text.strip())
                self._buffer.clear()
                self._overflow = False
            elif not self._overflow:
                self._buffer.append(byte)
                if len(self._buffer) > self.max_line:
                    self._buffer.clear()
                    self._overflow = True
        return codes


class SerialScanner(DeviceWorker):
    """Reads codes from a serial port on a thread named "serial-scanner"."""

    thread_name = THREAD_NAME
    stop_timeout = 2.0

    def __init__(self, port: str, on_code: Callable[[str], Any], *, baudrate: int = 9600,
                 on_state: Callable[[SerialState], Any] | None = None,
                 open_port: Callable[[], Any] | None = None,
                 retry_after: float = 2.0, reconnect: bool = True) -> None:
        """`port` is "COM3", "/dev/ttyUSB0" or a pyserial URL ("loop://"); `open_port`
        replaces opening it (tests hand over one loop:// port to write into)."""
        self.port = port
        self.baudrate = baudrate
        self.on_code = on_code
        self.on_state = on_state
        self.open_port = open_port or self._open_default
        self.retry_after = retry_after
        self.reconnect = reconnect
        self.state = SerialState.STOPPED
        self.lines = LineAssembler()
        super().__init__()

    def _open_default(self) -> Any:
        import serial

        return serial.serial_for_url(self.port, baudrate=self.baudrate, timeout=0.1)

    def run(self) -> None:
        """The worker's loop (start() runs it on its own thread)."""
        try:
            while not self._stop.is_set():
                if self.state not in (SerialState.NO_PORT, SerialState.LOST):
                    self._set_state(SerialState.OPENING)
                try:
                    port = self.open_port()
                except Exception as exc:  # SerialException, OSError, ValueError for a bad URL
                    log.info("serial port %s: %s", self.port, exc)
                    self._set_state(SerialState.NO_PORT)
                else:
                    self._set_state(SerialState.READY)
                    lost = self._read(port)
                    try:
                        port.close()
                    except Exception:
                        log.debug("closing %s failed", self.port, exc_info=True)
                    if not lost:
                        break
                    self._set_state(SerialState.LOST)
                if not self.reconnect:
                    break
                self._stop.wait(self.retry_after)
        finally:
            self._set_state(SerialState.STOPPED)

    def _read(self, port: Any) -> bool:
        """Read until stop() (False) or until the port fails (True)."""
        self.lines = LineAssembler()
        while not self._stop.is_set():
            try:
                data = port.read(max(1, port.in_waiting))
            except Exception as exc:  # SerialException / OSError when the device is pulled
                log.info("serial port %s lost: %s", self.port, exc)
                return True
            for code in self.lines.feed(data):
                self._call(self.on_code, code)
        return False

    def _set_state(self, state: SerialState) -> None:
        if state != self.state:
            self.state = state
            self._call(self.on_state, state)

    @staticmethod
    def _call(callback: Callable[[Any], Any] | None, value: Any) -> None:
        if callback is None:
            return
        try:
            callback(value)
        except Exception:  # the GUI's bug must not kill the device thread
            log.exception("serial scanner callback failed")
