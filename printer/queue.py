"""The print queue: receipts go out on one named worker thread; the caller never waits.

`submit()` renders the receipt, stores the job (bytes and document) and returns its id
at once. The worker thread ("printer-io", the only thread that touches the device,
asserted as in Electrum's hardware-wallet plugins) opens the connection, checks the
printer is ready, sends the bytes and confirms they arrived; on failure it retries with
growing pauses, in order, and reports what happened through a `PrinterListener`:

    class Bar(PrinterListener):
        def printer_state_changed(self, status, message): ...   # ready / offline / out of paper ...
        def job_changed(self, job): ...                          # queued / printing / printed / failed

Every callback runs on the worker thread, in order: a Qt front end turns them into
queued signals. Messages are English unless the queue is given the program's `translate`
(and `show_time` for the reprint line's time).
"""

from __future__ import annotations

import collections
import logging
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Protocol

from printer import escpos
from printer.connections import Connection, PrinterSpec, PrinterStatus, connect
from printer.document import Receipt, Text
from printer.errors import PrinterError, PrinterNotReady
from printer.jobs import (
    CANCELLED,
    FAILED,
    INTERRUPTED,
    PRINTED,
    PRINTING,
    QUEUED,
    JobStore,
    MemoryJobStore,
    PrintJob,
)
from printer.profiles import Profile
from printer.words import QT_TRANSLATE_NOOP, Translate, untranslated

log = logging.getLogger(__name__)
THREAD_NAME = "printer-io"
RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)  # seconds; the last one repeats
MAX_ATTEMPTS = 20  # about eight minutes of trying, then the job waits for a person to retry
REPRINT = QT_TRANSLATE_NOOP("receipt", "REPRINT (first printed {time})")


class Clock(Protocol):
    """Where the queue reads the time for a job's created_at and printed_at."""

    def now(self) -> datetime: ...


class SystemClock:
    """The PC clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


def iso(dt: datetime) -> str:
    """UTC ISO-8601 with milliseconds, as jobs store their times: 2026-11-23T02:03:04.567Z."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def local_time(stored: str) -> str:
    """A stored job time in this PC's time zone: 2026-11-23 10:03."""
    return datetime.fromisoformat(stored.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")


def random_id() -> str:
    """A job id where the program gives none: a random UUID (jobs are ordered by insertion, not id)."""
    return str(uuid.uuid4())


class PrinterListener:
    """What the queue reports. Override what you need; both run on the worker thread."""

    def printer_state_changed(self, status: PrinterStatus, message: str) -> None:
        """The printer's state changed; `message` says what to do, in the station language."""

    def job_changed(self, job: PrintJob) -> None:
        """A job was queued, started, printed, will be retried (state queued, last_error set) or failed."""


class PrintQueue:
    """One printer's queue. `printer` is a spec ("net:192.168.1.87:9100") or a function
    returning an unopened Connection; `store` keeps the jobs (in memory by default).

    The program's words: `translate` turns printer messages and the reprint line into its
    language, `show_time` shows a stored job time to a person, `new_id` names jobs."""

    def __init__(self, printer: str | PrinterSpec | Callable[[], Connection], *, paper: int | None = None,
                 profile: str | Profile | None = None, store: JobStore | None = None,
                 listener: PrinterListener | None = None, clock: Clock | None = None,
                 retry_delays: Sequence[float] = RETRY_DELAYS, max_attempts: int = MAX_ATTEMPTS,
                 timeout: float = 5.0, status_timeout: float = 1.5, translate: Translate = untranslated,
                 show_time: Callable[[str], str] = local_time, new_id: Callable[[], str] = random_id) -> None:
        self.store: JobStore = store or MemoryJobStore()
        self.listener = listener or PrinterListener()
        self.clock: Clock = clock or SystemClock()
        self.translate, self.show_time, self.new_id = translate, show_time, new_id
        self.retry_delays = tuple(retry_delays)
        self.max_attempts = max_attempts
        self.timeout, self.status_timeout = timeout, status_timeout
        self.status = PrinterStatus.UNKNOWN
        self._message = ""
        self._lock = threading.Condition()
        self._pending: collections.deque[PrintJob] = collections.deque()
        self._announce: collections.deque[PrintJob] = collections.deque()  # job news for the listener
        self._stopping = False
        self._status_wanted = False
        self._busy = False
        self._next_try = 0.0
        self._thread: threading.Thread | None = None
        self.configure(printer, paper=paper, profile=profile)

    # ---- called from any thread -------------------------------------------------------
    def configure(self, printer: str | PrinterSpec | Callable[[], Connection], *, paper: int | None = None,
                  profile: str | Profile | None = None) -> None:
        """Change the printer; jobs still waiting keep their bytes. Raises BadPrinterSpec."""
        if callable(printer):
            factory = printer
        else:
            connect(printer)  # parse now: a bad spec is the caller's mistake, reported at once
            spec = printer

            def factory() -> Connection:
                return connect(spec, timeout=self.timeout, status_timeout=self.status_timeout)

        paper_, profile_ = escpos.resolve(paper, profile)
        with self._lock:
            self._factory, self.paper, self.profile = factory, paper_, profile_

    def start(self) -> PrintQueue:
        """Start the worker. Jobs left unfinished by a previous run are marked interrupted
        (not printed by surprise hours later); reprint them from the history."""
        for job in self.store.unfinished():
            job.state, job.last_error = INTERRUPTED, ""
            self.store.update(job)
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the current attempt; waiting jobs stay queued in the store."""
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    def submit(self, doc: Receipt, *, reprint_of: str = "") -> str:
        """Queue a receipt and return its job id at once (rendering takes milliseconds)."""
        with self._lock:
            paper, profile = self.paper, self.profile
        job = PrintJob(id=self.new_id(), kind=doc.kind, title=doc.title, document=doc.to_json(),
                       data=escpos.render(doc, paper, profile), paper_mm=paper.mm, profile=profile.name,
                       created_at=iso(self.clock.now()), reprint_of=reprint_of)
        self.store.add(job)
        with self._lock:
            self._pending.append(job)
            self._announce.append(job.copy())
            self._lock.notify_all()
        return job.id

    def reprint(self, job_id: str, *, mark: bool = True) -> str:
        """Print a past receipt again from its stored document, for today's printer; with
        `mark`, a line at the top says it is a reprint and when the original was made.
        Raises KeyError for an unknown job id."""
        old = self.store.get(job_id)
        if old is None:
            raise KeyError(job_id)
        doc = old.receipt()
        if mark:
            made = self.show_time(old.created_at) if old.created_at else ""
            doc = doc.with_blocks_before(Text(self.translate("receipt", REPRINT).format(time=made), "center", True))
        return self.submit(doc, reprint_of=job_id)

    def retry(self, job_id: str) -> None:
        """Queue a failed or interrupted job again as it was. Raises KeyError for an unknown id."""
        job = self.store.get(job_id)
        if job is None:
            raise KeyError(job_id)
        if job.state in (QUEUED, PRINTING):
            return
        job.state, job.attempts, job.last_error = QUEUED, 0, ""
        self.store.update(job)
        with self._lock:
            self._pending.append(job)
            self._announce.append(job.copy())
            self._lock.notify_all()

    def cancel(self, job_id: str) -> bool:
        """Take a waiting job off the queue; False when it is not waiting (printing or done)."""
        with self._lock:
            for job in self._pending:
                if job.id == job_id and job.state == QUEUED:
                    self._pending.remove(job)
                    break
            else:
                return False
            job.state = CANCELLED
            self._announce.append(job.copy())
            self._lock.notify_all()
        self.store.update(job)
        return True

    def request_status(self) -> None:
        """Ask the worker to query the printer; the answer comes to printer_state_changed."""
        with self._lock:
            self._status_wanted = True
            self._lock.notify_all()

    def history(self, limit: int = 50) -> list[PrintJob]:
        """Past and waiting receipts, newest first (for a reprint list)."""
        return self.store.recent(limit)

    def pending(self) -> int:
        with self._lock:
            return len(self._pending) + (1 if self._busy else 0)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no job is waiting or being sent (for the command line and tests)."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._pending and not self._busy, timeout)

    # ---- the worker thread ------------------------------------------------------------
    def _assert_io_thread(self) -> None:
        assert threading.current_thread() is self._thread, "printer I/O off the printer-io thread"

    def _run(self) -> None:
        while True:
            with self._lock:
                while True:
                    if self._stopping:
                        return
                    news = list(self._announce)
                    self._announce.clear()
                    now = time.monotonic()
                    due = bool(self._pending) and now >= self._next_try
                    if news or due or self._status_wanted:
                        break
                    self._lock.wait(self._next_try - now if self._pending else None)
                want_status = self._status_wanted and not due
                self._status_wanted = False  # a print attempt reports the state anyway
                job = self._pending[0] if due else None
                if job is not None:
                    job.state = PRINTING  # under the lock: cancel() sees it at once
                    self._busy = True
            for item in news:
                self._notify_job(item)
            if want_status:
                self._query_status()
            if job is None:
                continue
            pause = self._attempt(job)
            with self._lock:
                if pause == 0.0 and self._pending and self._pending[0] is job:
                    self._pending.popleft()
                self._next_try = time.monotonic() + pause
                self._busy = False
                self._lock.notify_all()

    def _attempt(self, job: PrintJob) -> float:
        """Send one job once; returns 0 when it is finished (printed or failed for good),
        else the pause before the next try."""
        self._assert_io_thread()
        with self._lock:
            factory, profile = self._factory, self.profile
        job.attempts += 1
        self.store.update(job)
        self._notify_job(job)
        try:
            conn = factory()
            conn.open()
            try:
                seen = conn.check_ready() if profile.status else PrinterStatus.UNKNOWN
                conn.write(job.data)
                # a printer that did not answer before will not answer after; a spooler is always watched
                if seen is not PrinterStatus.UNKNOWN or not conn.can_read:
                    conn.confirm()
            finally:
                conn.close()
        except PrinterError as exc:
            return self._failed(job, exc, exc.message(self.translate))
        except Exception as exc:  # a bug or an odd driver error must not stop the queue
            log.exception("printing job %s failed", job.id)
            return self._failed(job, exc, f"{type(exc).__name__}: {exc}")
        job.state, job.last_error, job.printed_at = PRINTED, "", iso(self.clock.now())
        self.store.update(job)
        self._notify_job(job)
        self._set_status(PrinterStatus.READY, "")
        return 0.0

    def _failed(self, job: PrintJob, exc: Exception, message: str) -> float:
        if isinstance(exc, PrinterNotReady) and isinstance(exc.status, PrinterStatus):
            status = exc.status
        elif isinstance(exc, PrinterError):
            status = PrinterStatus.OFFLINE
        else:
            status = PrinterStatus.ERROR
        self._set_status(status, message)
        job.last_error = message
        if job.attempts >= self.max_attempts:
            job.state = FAILED
            self.store.update(job)
            self._notify_job(job)
            return 0.0
        job.state = QUEUED
        self.store.update(job)
        self._notify_job(job)
        return self.retry_delays[min(job.attempts, len(self.retry_delays)) - 1] if self.retry_delays else 0.001

    def _query_status(self) -> None:
        self._assert_io_thread()
        with self._lock:
            factory = self._factory
        try:
            conn = factory()
            conn.open()
            try:
                status = conn.status()
            finally:
                conn.close()
            message = ""
        except PrinterError as exc:
            status, message = PrinterStatus.OFFLINE, exc.message(self.translate)
        except Exception as exc:
            log.exception("printer status query failed")
            status, message = PrinterStatus.ERROR, f"{type(exc).__name__}: {exc}"
        self._set_status(status, message, always=True)

    def _set_status(self, status: PrinterStatus, message: str, always: bool = False) -> None:
        if status == self.status and message == self._message and not always:
            return
        self.status, self._message = status, message
        try:
            self.listener.printer_state_changed(status, message)
        except Exception:
            log.exception("printer listener failed")

    def _notify_job(self, job: PrintJob) -> None:
        try:
            self.listener.job_changed(job.copy())
        except Exception:
            log.exception("printer listener failed")

