"""Printer addresses ("specs") as people write them in the settings or on the command line.

    usb:0416:5011          USB vendor:product id in hex
    serial:COM3@9600       serial port and speed; @BAUD defaults to 9600
    net:192.168.1.87:9100  raw TCP; the port defaults to 9100
    win:XP-58              a Windows printer queue, by name
    file:/dev/usb/lp0      a device or a capture file
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from printer.errors import BadPrinterSpec
from printer.words import QT_TRANSLATE_NOOP

BAUDS = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
SPEC_HELP = "usb:VID:PID, serial:PORT@BAUD, net:HOST:PORT, win:NAME or file:PATH"


@dataclass(frozen=True)
class PrinterSpec:
    """A parsed printer address. `text` is the spec as written."""

    kind: str  # usb, serial, net, win, file
    text: str
    target: str = ""  # serial port, host, Windows printer name or file path
    number: int = 0  # baud rate or TCP port
    vendor: int = 0
    product: int = 0


def parse_spec(text: str) -> PrinterSpec:
    """Parse a printer spec; raises BadPrinterSpec saying what is wrong and what to write."""
    raw = (text or "").strip()
    kind, sep, rest = raw.partition(":")
    kind = kind.lower()
    if not sep or kind not in ("usb", "serial", "net", "win", "file"):
        raise BadPrinterSpec(QT_TRANSLATE_NOOP("errors", "Printer '{spec}' is not understood: write {forms}"),
                             spec=raw, forms=SPEC_HELP)
    if kind == "usb":
        m = re.fullmatch(r"(?:0x)?([0-9a-fA-F]{1,4}):(?:0x)?([0-9a-fA-F]{1,4})", rest.strip())
        if not m:
            raise BadPrinterSpec(QT_TRANSLATE_NOOP(
                "errors", "Printer '{spec}': a USB printer is usb:VID:PID in hex, like usb:0416:5011"), spec=raw)
        return PrinterSpec("usb", raw, vendor=int(m[1], 16), product=int(m[2], 16))
    if kind == "serial":
        port, _, baud = rest.strip().rpartition("@") if "@" in rest else (rest.strip(), "", "9600")
        if not port or not baud.isdigit() or int(baud) not in BAUDS:
            raise BadPrinterSpec(QT_TRANSLATE_NOOP(
                "errors", "Printer '{spec}': a serial printer is serial:PORT@BAUD, like serial:COM3@9600 "
                "(speed one of {bauds})"), spec=raw, bauds=", ".join(map(str, BAUDS)))
        return PrinterSpec("serial", raw, target=port, number=int(baud))
    if kind == "net":
        m = re.fullmatch(r"\[([0-9a-fA-F:.]+)\](?::(\d+))?|([^:\s\[\]]+)(?::(\d+))?", rest.strip())
        tcp_port = int(m[2] or m[4] or "9100") if m else 0
        if not m or not 1 <= tcp_port <= 65535:
            raise BadPrinterSpec(QT_TRANSLATE_NOOP(
                "errors", "Printer '{spec}': a network printer is net:HOST:PORT, like net:192.168.1.87:9100"),
                spec=raw)
        return PrinterSpec("net", raw, target=m[1] or m[3], number=tcp_port)
    if not rest.strip():
        raise BadPrinterSpec(QT_TRANSLATE_NOOP("errors", "Printer '{spec}': give a name or path after the colon"),
                             spec=raw)
    return PrinterSpec(kind, raw, target=rest.strip())
