"""Printer problems a person can act on.

Each carries an English source string (context "errors", marked for the catalogue) and its
parameters; `message(translate)` gives it in the reader's language, `str()` in English.
"""

from __future__ import annotations

from printer.words import Translate, untranslated


class PrinterError(Exception):
    """The printer could not print now; a queued receipt is kept and tried again."""

    context = "errors"

    def __init__(self, source: str, /, **params: object) -> None:
        self.text = source
        self.params = params
        super().__init__(source)

    def message(self, translate: Translate = untranslated) -> str:
        """The message with its parameters filled in, translated by `translate`."""
        template = translate(self.context, self.text)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.text.format(**self.params)

    def __str__(self) -> str:
        return self.message()


class BadPrinterSpec(PrinterError):
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
