"""The receipt printer as the program sees it: one print queue (printer/queue.py, in the station
language through station_app.receipts.station_printer) whose worker thread reports through Qt
signals, so pages print without ever waiting on the printer."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from printer import PrinterListener, PrinterStatus, PrintJob, PrintQueue, Receipt, SqliteJobStore
from printer.errors import BadPrinterSpec
from station_app.core import settings
from station_app.core.printer_state import save_printer_state
from station_app.db import StationDB
from station_app.errors import UserError
from station_app.receipts.station_printer import print_queue, printer_message

JOBS_FILE = "print-jobs.sqlite"
log = logging.getLogger(__name__)


class _Relay(PrinterListener):
    """Runs on the printer's worker thread; Qt queues the signals to the GUI thread."""

    def __init__(self, port: PrinterPort) -> None:
        self.port = port

    def printer_state_changed(self, status: PrinterStatus, message: str) -> None:
        self.port.state_changed.emit(status.value, message)

    def job_changed(self, job: PrintJob) -> None:
        self.port.job_changed.emit(job)


class PrinterPort(QObject):
    #: (PrinterStatus value, message for the operator)
    state_changed = Signal(str, str)
    #: a PrintJob was queued, printed, retried or failed
    job_changed = Signal(object)

    def __init__(self, db: StationDB, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.store = SqliteJobStore.open(Path(db.path).parent / JOBS_FILE)
        self.queue: PrintQueue | None = None
        self.state_changed.connect(self._keep_state)  # the county hears of it with the next sync
        self.configure()

    def _keep_state(self, status: str, message: str) -> None:
        try:
            save_printer_state(self.db, status, message)
        except UserError:  # a full disk must not stop the printing; the status bar shows the printer anyway
            log.exception("keeping the printer's state for the county")
        except sqlite3.ProgrammingError:  # the station file closed first: the program is ending
            pass

    def configure(self) -> str | None:
        """(Re)open the printer from the machine settings. Returns the problem, if any."""
        spec = settings.get(self.db, "printer.spec")
        paper = settings.get(self.db, "printer.paper_mm")
        model = settings.get(self.db, "printer.profile") or None
        if not spec:
            if self.queue:
                self.queue.stop()
                self.queue = None
            self.state_changed.emit("unset", "")
            return None
        try:
            if self.queue is None:
                self.queue = print_queue(spec, paper=paper, profile=model, store=self.store, listener=_Relay(self)).start()
            else:
                self.queue.configure(spec, paper=paper, profile=model)
        except (BadPrinterSpec, ValueError) as exc:
            problem = printer_message(exc) if isinstance(exc, BadPrinterSpec) else str(exc)
            self.state_changed.emit("error", problem)
            return problem
        self.queue.request_status()
        return None

    @property
    def ready_to_queue(self) -> bool:
        return self.queue is not None

    def print(self, doc: Receipt) -> str | None:
        """Queue a receipt; returns the job id, or None when no printer is set up."""
        if self.queue is None:
            return None
        return self.queue.submit(doc)

    def reprint(self, job_id: str) -> str | None:
        return self.queue.reprint(job_id) if self.queue else None

    def history(self, limit: int = 50) -> list[PrintJob]:
        return self.store.recent(limit)

    def stop(self) -> None:
        if self.queue:
            self.queue.stop()
            self.queue = None
