"""Receipt printing: receipt documents, ESC/POS bytes, printer connections, the print queue.

A generic ESC/POS library: it imports nothing from the station program. The station's
receipts are laid out in `station_app.receipts`; here a receipt is built with
`ReceiptBuilder`::

    from printer import ReceiptBuilder, render, PrintQueue, SqliteJobStore, preview_png
    doc = (ReceiptBuilder("pickup_slip", "Pickup code 3-2-0417").center("3-2-0417", bold=True, size=3)
           .barcode("SF1234567890123").cut().build())
    data = render(doc, 58)                      # ESC/POS bytes for 58 mm (or 80)
    png = preview_png(doc, 80, "generic-80")    # what it will look like

Print without blocking (device I/O happens on the "printer-io" thread only)::

    queue = PrintQueue("net:192.168.1.87:9100", paper=80, profile="XP-80C",
                       store=SqliteJobStore.open(data_dir / "print-jobs.sqlite"),
                       listener=my_listener).start()
    job_id = queue.submit(doc)      # returns at once
    queue.reprint(job_id)           # from the stored document, marked as a reprint
    queue.request_status()          # answer arrives at listener.printer_state_changed
    queue.stop()

Messages for people (printer errors, the reprint line) are English source strings marked
with `printer.words.QT_TRANSLATE_NOOP`; the caller translates them (`PrinterError.message(
translate)`, `PrintQueue(..., translate=...)`).

Printer specs: usb:VID:PID  serial:PORT@BAUD  net:HOST:PORT  win:NAME  file:PATH
(`parse_spec` says what is wrong with a bad one). Profiles: `PROFILES` (a data table).
Emulator for development: `python -m printer.emulator --port 9100`.
Nothing here imports Qt.
"""

from printer.connections import (
    Connection,
    PrinterSpec,
    PrinterStatus,
    connect,
    ensure_escpos_capabilities,
    parse_spec,
    send_once,
)
from printer.document import Column, Receipt, ReceiptBuilder
from printer.errors import (
    BadPrinterSpec,
    ConnectionLost,
    PrinterError,
    PrinterNotReady,
    PrinterUnavailable,
)
from printer.escpos import render, render_raster
from printer.jobs import JobStore, MemoryJobStore, PrintJob, SqliteJobStore
from printer.preview import preview_image, preview_png, preview_text
from printer.profiles import PAPER_58, PAPER_80, PROFILES, Paper, Profile, profile
from printer.queue import PrinterListener, PrintQueue

__all__ = [
    "PAPER_58", "PAPER_80", "PROFILES", "BadPrinterSpec", "Column", "Connection", "ConnectionLost",
    "JobStore", "MemoryJobStore", "Paper", "PrintJob", "PrintQueue", "PrinterError", "PrinterListener",
    "PrinterNotReady", "PrinterSpec", "PrinterStatus", "PrinterUnavailable", "Profile", "Receipt",
    "ReceiptBuilder", "SqliteJobStore", "connect", "ensure_escpos_capabilities", "parse_spec",
    "preview_image", "preview_png", "preview_text", "profile", "render", "render_raster", "send_once",
]
