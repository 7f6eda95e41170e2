"""Printer problems a person can act on (shown in the station language, like core errors)."""

from __future__ import annotations

from station_app.errors import UserError, ValidationError


class PrinterError(UserError):
    """The printer could not print now; a queued receipt is kept and tried again."""


class BadPrinterSpec(PrinterError, ValidationError):
    """A printer address that does not parse (usb:VID:PID, serial:PORT@BAUD, ...)."""


class PrinterUnavailable(PrinterError):
    """The printer cannot be reached: off, unplugged, wrong address, missing driver."""


class PrinterNotReady(PrinterError):
    """The printer answers but cannot print: out of paper, cover open, error."""

    def __init__(self, source: str, /, *, status: object, **params: object) -> None:
        super().__init__(source, **params)
        self.status = status


class ConnectionLost(PrinterError):
    """The link broke while a receipt was being sent; it may be partly printed."""
