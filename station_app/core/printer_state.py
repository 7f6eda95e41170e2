"""The receipt printer's last state on this PC, kept so the county hears of it with each sync
(`sync.client` sends it; the county's station health page and digest say "打印机缺纸 since …").

The program's print queue reports every change (`ui.printing.PrinterPort`); the state, since
when it holds and the printer's words are machine-local (`local_settings`), never an event: the
printer belongs to this PC, not to the station's records. The nightly `station-app sync` reads
what the program last saw.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from station_app.clock import iso
from station_app.db import Store

PRINTER_STATE = "printer.last_state"  # local_settings: {"status", "since", "message"}


@dataclass(frozen=True)
class PrinterState:
    status: str  # a printer.PrinterStatus value, or "unset" (no printer set up)
    since: str  # UTC ISO (this PC's clock): when the printer came to this status
    message: str = ""  # what the printer said, in the station language


def printer_state(db: Store) -> PrinterState | None:
    """What the program last saw of the printer, or None before it saw anything."""
    text = db.local(PRINTER_STATE)
    if not text:
        return None
    try:
        kept = json.loads(text)
        return PrinterState(str(kept["status"]), str(kept["since"]), str(kept.get("message") or ""))
    except (ValueError, KeyError, TypeError):
        return None


def save_printer_state(db: Store, status: str, message: str = "") -> PrinterState:
    """Keep the printer's status; `since` moves only when the status changes (a printer that
    stays out of paper is out of paper since the first time it said so). Writes nothing when
    nothing changed."""
    kept = printer_state(db)
    if kept is not None and kept.status == status and kept.message == message:
        return kept
    since = kept.since if kept is not None and kept.status == status else iso(db.clock.now())
    state = PrinterState(status, since, message)
    with db.transaction():
        db.set_local(PRINTER_STATE, json.dumps({"status": status, "since": since, "message": message},
                                               ensure_ascii=False))
    return state
