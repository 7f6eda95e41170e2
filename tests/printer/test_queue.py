"""The print queue: never blocks, retries a broken link, reports the printer, reprints."""

import sqlite3
import threading
import time

import pytest

from printer.connections import PrinterStatus
from printer.emulator import EmulatorServer, PrinterState, decode
from printer.escpos import render
from printer.jobs import FAILED, INTERRUPTED, PRINTED, MemoryJobStore, PrintJob, SqliteJobStore
from printer.queue import THREAD_NAME, PrinterListener, PrintQueue
from station_app.receipts.station_printer import print_queue
from tests.printer.samples import SAMPLES

FAST = {"retry_delays": (0.01, 0.02, 0.05), "timeout": 5.0, "status_timeout": 2.0}


class Recorder(PrinterListener):
    def __init__(self) -> None:
        self.states: list[PrinterStatus] = []
        self.messages: list[str] = []
        self.jobs: list[tuple[str, str, int]] = []
        self.threads: set[str] = set()
        self.changed = threading.Event()

    def printer_state_changed(self, status, message):
        self.threads.add(threading.current_thread().name)
        self.states.append(status)
        self.messages.append(message)
        self.changed.set()

    def job_changed(self, job):
        self.threads.add(threading.current_thread().name)
        self.jobs.append((job.id, job.state, job.attempts))


def whole_receipts(jobs: list[bytes], data: bytes) -> int:
    return sum(job.count(data) for job in jobs)


def test_link_cut_mid_receipt_is_retried_and_the_receipt_arrives_once():
    data = render(SAMPLES["bill_paid"](), 58)
    listener = Recorder()
    with EmulatorServer() as printer:
        printer.drop_after = len(data) // 2  # the first connection breaks half-way
        queue = PrintQueue(printer.spec, paper=58, listener=listener, **FAST).start()
        try:
            job_id = queue.submit(SAMPLES["bill_paid"]())
            assert queue.wait_idle(30)
        finally:
            queue.stop()
        assert printer.wait_for_jobs(2)
        jobs = list(printer.jobs)
    assert whole_receipts(jobs, data) == 1
    assert len(jobs[0]) < len(data)  # the torn first try
    assert decode(jobs[-1], 58).text == decode(data, 58).text
    states = [s for i, s, _ in listener.jobs if i == job_id]
    assert states[-1] == PRINTED and "queued" in states[1:]
    assert PrinterStatus.OFFLINE in listener.states and listener.states[-1] is PrinterStatus.READY
    assert any("broke while printing" in m or "断开" in m for m in listener.messages)
    assert listener.threads == {THREAD_NAME}


def test_out_of_paper_is_reported_and_printing_resumes_when_paper_is_back():
    state = PrinterState(paper_out=True)
    listener = Recorder()
    with EmulatorServer(state=state) as printer:
        queue = PrintQueue(printer.spec, paper=58, listener=listener,
                           **{**FAST, "retry_delays": (0.05,)}).start()
        try:
            queue.submit(SAMPLES["pickup_slip"]())
            assert listener.changed.wait(30)
            assert listener.states[0] is PrinterStatus.OUT_OF_PAPER
            assert printer.received().count(b"3-2-0417") == 0  # nothing sent into an empty printer
            state.paper_out = False
            assert queue.wait_idle(30)
        finally:
            queue.stop()
        assert printer.received().count(render(SAMPLES["pickup_slip"](), 58)) == 1
    assert listener.states[-1] is PrinterStatus.READY


def test_silent_printer_still_prints():
    with EmulatorServer(state=PrinterState(silent=True)) as printer:
        queue = PrintQueue(printer.spec, paper=58, **{**FAST, "status_timeout": 0.1}).start()
        try:
            job_id = queue.submit(SAMPLES["training_card"]())
            assert queue.wait_idle(30)
        finally:
            queue.stop()
        assert queue.store.get(job_id).state == PRINTED
        sent = render(SAMPLES["training_card"](), 58)
        # the emulator's reading thread may still be storing the connection's last bytes
        deadline = time.monotonic() + 10
        while printer.received().count(sent) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert printer.received().count(sent) == 1


def test_submit_returns_at_once_and_gives_up_after_max_attempts():
    with EmulatorServer() as printer:
        spec = printer.spec  # closed again: nothing listens there now
    listener = Recorder()
    queue = PrintQueue(spec, paper=58, listener=listener, max_attempts=3, **FAST)
    queue.start()
    try:
        job_id = queue.submit(SAMPLES["sale"]())  # the worker, not the caller, meets the dead printer
        assert queue.store.get(job_id) is not None
        assert queue.wait_idle(30)
    finally:
        queue.stop()
    job = queue.store.get(job_id)
    assert (job.state, job.attempts) == (FAILED, 3)
    assert "cannot be reached" in job.last_error or "连接不上" in job.last_error
    assert listener.states == [PrinterStatus.OFFLINE]


def test_reprint_from_the_stored_document(tmp_path):
    store = SqliteJobStore.open(tmp_path / "jobs.sqlite")
    with EmulatorServer(paper_mm=80) as printer:
        queue = print_queue(printer.spec, paper=80, store=store, **FAST).start()
        try:
            first = queue.submit(SAMPLES["bill_paid"]())
            assert queue.wait_idle(30)
            again = queue.reprint(first)
            assert queue.wait_idle(30)
        finally:
            queue.stop()
        assert printer.wait_for_jobs(2)
        texts = [decode(job, 80).text for job in printer.jobs]
    assert "重印" in texts[1].splitlines()[0]
    assert texts[1].splitlines()[1:] == texts[0].splitlines()
    reprinted = store.get(again)
    assert reprinted.reprint_of == first and reprinted.state == PRINTED
    assert [j.id for j in queue.history()] == [again, first]


def test_the_queue_speaks_english_unless_given_a_translation():
    """printer/ knows no language: without `translate` the reprint line and printer messages stay
    English source; the station's queue (print_queue) says them in Chinese."""
    with EmulatorServer() as printer:
        spec = printer.spec  # closed again: nothing listens there now
    english, chinese = Recorder(), Recorder()
    plain = PrintQueue(spec, paper=58, listener=english, max_attempts=1, **FAST).start()
    station = print_queue(spec, paper=58, listener=chinese, max_attempts=1, **FAST).start()
    try:
        for queue in (plain, station):
            queue.submit(SAMPLES["sale"]())
            assert queue.wait_idle(30)
    finally:
        plain.stop()
        station.stop()
    assert "cannot be reached" in english.messages[0]
    assert chinese.messages[0].startswith("连接不上打印机 " + spec)
    for queue, mark in ((plain, "REPRINT (first printed 20"), (station, "重印（原单打印于 20")):
        queue.reprint(queue.history()[0].id)  # stays queued: the worker has stopped
        assert queue.history()[0].receipt().blocks[0].text.startswith(mark)


def test_reprint_renders_for_todays_printer():
    store = MemoryJobStore()
    with EmulatorServer() as printer:
        queue = PrintQueue(printer.spec, paper=58, store=store, **FAST).start()
        try:
            old = queue.submit(SAMPLES["sale"]())
            queue.wait_idle(30)
            queue.configure(printer.spec, paper=80)
            new = queue.reprint(old, mark=False)
            queue.wait_idle(30)
        finally:
            queue.stop()
    assert store.get(new).data == render(SAMPLES["sale"](), 80)
    with pytest.raises(KeyError):
        queue.reprint("no-such-job")


def test_sqlite_store_keeps_jobs_and_marks_unfinished_ones_interrupted(tmp_path):
    conn = sqlite3.connect(tmp_path / "station.sqlite", check_same_thread=False)
    store = SqliteJobStore(conn)
    doc = SAMPLES["pickup_slip"]()
    job = PrintJob(id="j1", kind=doc.kind, title=doc.title, document=doc.to_json(), data=render(doc, 58),
                   paper_mm=58, profile="generic-58", created_at="2026-11-02T01:30:00.000Z")
    store.add(job)
    again = SqliteJobStore(conn)  # CREATE TABLE IF NOT EXISTS: opening twice is fine
    assert again.get("j1") == job
    assert again.get("j1").receipt() == doc
    assert [j.id for j in again.unfinished()] == ["j1"]
    queue = PrintQueue("file:" + str(tmp_path / "out.bin"), store=again).start()
    queue.stop()
    assert again.get("j1").state == INTERRUPTED  # not printed by surprise after a restart
    queue.retry("j1")
    assert again.get("j1").state == "queued"
    assert again.prune(keep=0) == 0  # unfinished jobs are never pruned


def test_cancel_a_waiting_job(tmp_path):
    with EmulatorServer(state=PrinterState(cover_open=True)) as printer:
        queue = PrintQueue(printer.spec, paper=58, **{**FAST, "retry_delays": (60.0,)}).start()
        try:
            first = queue.submit(SAMPLES["sale"]())
            second = queue.submit(SAMPLES["sale"]())
            assert queue.cancel(second)
            assert queue.store.get(second).state == "cancelled"
            assert queue.cancel(first) or queue.store.get(first).state in ("queued", "printing")
        finally:
            queue.stop()


def test_status_request_is_answered_on_the_worker():
    listener = Recorder()
    with EmulatorServer(state=PrinterState(cover_open=True)) as printer:
        queue = PrintQueue(printer.spec, paper=58, listener=listener, **FAST).start()
        try:
            queue.request_status()
            assert listener.changed.wait(30)
        finally:
            queue.stop()
    assert listener.states == [PrinterStatus.COVER_OPEN]
    assert listener.threads == {THREAD_NAME}


def test_device_io_only_on_the_worker_thread():
    queue = PrintQueue("file:/dev/null")
    job = PrintJob(id="x", kind="t", title="t", document="{}", data=b"", paper_mm=58, profile="generic-58")
    with pytest.raises(AssertionError, match="printer-io"):
        queue._attempt(job)


def test_listener_errors_do_not_stop_the_queue(tmp_path):
    class Broken(PrinterListener):
        def job_changed(self, job):
            raise RuntimeError("a bug in the UI")

    out = tmp_path / "out.bin"
    queue = PrintQueue(f"file:{out}", paper=58, listener=Broken()).start()
    try:
        queue.submit(SAMPLES["pickup_slip"]())
        assert queue.wait_idle(30)
    finally:
        queue.stop()
    assert out.read_bytes() == render(SAMPLES["pickup_slip"](), 58)
