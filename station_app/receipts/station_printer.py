"""The printer library as the station uses it: printer messages in the station language, and
a print queue that words its messages and reprint line that way and names jobs with station ids.

printer/ knows no language (its messages are English sources marked for the catalogue);
everything that shows them to a person goes through here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from printer.connections import Connection, PrinterSpec
from printer.errors import PrinterError
from printer.queue import PrintQueue
from station_app.clock import show
from station_app.i18n import translate
from station_app.ids import new_id


def printer_message(exc: PrinterError, lang: str | None = None) -> str:
    """What went wrong with the printer, in the station language (or `lang`)."""
    return exc.message(lambda context, text: translate(context, text, lang))


def print_queue(printer: str | PrinterSpec | Callable[[], Connection], **options: Any) -> PrintQueue:
    """A `PrintQueue` (same arguments) speaking the station language: its printer messages
    and the reprint line translated, job times shown in China time, jobs named by `new_id`.
    Raises BadPrinterSpec for a spec that does not parse."""
    return PrintQueue(printer, translate=translate, show_time=show, new_id=new_id, **options)
