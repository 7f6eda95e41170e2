"""The program keeps the printer's state for the county (`core.printer_state`, sent with each
sync: tests/sync/test_station_report.py): an emulated printer runs out of paper, then gets a
new roll."""

from __future__ import annotations

from printer.emulator import EmulatorServer, PrinterState
from station_app.core import settings
from station_app.core.printer_state import printer_state
from station_app.ui.printing import PrinterPort


def test_the_printers_state_is_kept_with_since_when(app, qtbot, db, manager):
    paper = PrinterState(paper_out=True)
    with EmulatorServer(state=paper) as emulated:
        settings.set_value(db, manager, "printer.spec", emulated.spec)
        port = PrinterPort(db)
        try:
            qtbot.waitUntil(lambda: getattr(printer_state(db), "status", "") == "out_of_paper", timeout=30_000)
            out = printer_state(db)
            paper.paper_out = False
            port.queue.request_status()
            qtbot.waitUntil(lambda: printer_state(db).status == "ready", timeout=30_000)
            assert printer_state(db).since >= out.since
        finally:
            if port.queue is not None:
                port.queue.stop()
