"""Sync in the background: the Qt-free client (`sync.client`) on a thread of its own.

Never on the GUI thread: a cycle over a 2G link takes minutes. The worker syncs shortly
after start, every `interval` minutes (so a link that comes up is used), every night at
`sync.nightly_at`, and at once on `sync_now()`. A cycle retries blips itself; after a
failure the worker backs off (with jitter, doubling to 30 minutes) and tries again,
forever. A refusal (409, a revoked key, an old program) is announced loudly once and
retried only hourly or when asked.

    worker = SyncWorker(db.path)
    worker.state_changed.connect(status_bar.show_sync_state)
    worker.refused.connect(show_big_warning)
    worker.clock_offset.connect(lambda ms: setattr(ctx.db.clock, "offset_ms", ms))
    worker.start()            # and worker.stop() before the window closes
"""

from __future__ import annotations

import logging
import random
import threading
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from station_app.clock import SHANGHAI, Clock
from station_app.core import changes, settings
from station_app.core import sync_state as state
from station_app.db import open_station

log = logging.getLogger(__name__)
IDLE, SYNCING, OFFLINE, REFUSED, NOT_ENROLLED = "idle", "syncing", "offline", "refused", "not_enrolled"


class SyncWorker(QThread):
    #: "idle" (last cycle good), "syncing", "offline" (will retry), "refused" (a person must act), "not_enrolled"
    state_changed = Signal(str)
    #: core.sync_state.SyncStatus after every cycle (and once at start)
    status = Signal(object)
    #: hub time (UTC ISO) of the last good sync
    last_sync = Signal(str)
    #: events not yet acknowledged by the hub
    pending = Signal(int)
    #: a message with the right time when the PC clock is over 5 minutes off; "" when fine
    clock_warning = Signal(str)
    #: hub time minus PC time in ms; the GUI sets its own db.clock.offset_ms from it
    clock_offset = Signal(int)
    #: (code, message): a refused sync a person must act on (fork, revoked key, upgrade)
    refused = Signal(str, str)
    #: (code, message): a failure that retrying fixes (no link, hub down, login page)
    failed = Signal(str, str)
    #: sync.client.SyncReport of a good cycle
    finished_cycle = Signal(object)
    #: core.changes.Changes of the county data that arrived, so pages redraw
    changed = Signal(object)

    def __init__(self, station_file: Path | str, *, interval_minutes: float = 15, start_delay_s: float = 5,
                 clock: Clock | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync-worker")
        self.station_file = Path(station_file)
        self.interval = timedelta(minutes=interval_minutes)
        self.start_delay = timedelta(seconds=start_delay_s)
        self.clock = clock or Clock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._failures = 0
        self._rng = random.Random()
        self.ran_on: QThread | None = None  # the thread the last cycle ran on (tests check it is not the GUI's)

    # -- called from the GUI thread --------------------------------------------------------

    def sync_now(self) -> None:
        """Run a cycle as soon as possible (the 立即同步 button)."""
        self._wake.set()

    def stop(self, wait_ms: int = 10_000) -> None:
        """Stop between two safe points and wait for the thread to end."""
        self._stop.set()
        self._wake.set()
        self.wait(wait_ms)

    # -- the worker thread -------------------------------------------------------------------

    def run(self) -> None:
        self._announce(None)
        delay = self.start_delay
        while not self._stop.is_set():
            asked = self._wake.wait(max(0.0, delay.total_seconds()))
            self._wake.clear()
            if self._stop.is_set():
                return
            delay = self._cycle(asked)
            self._own_sms()

    def _cycle(self, asked: bool) -> timedelta:
        from sync import client, errors
        from sync.link import Retry

        self.ran_on = QThread.currentThread()
        self.state_changed.emit(SYNCING)
        try:
            report = client.sync_station(self.station_file, retry=Retry(attempts=3, base=2, cap=20, stop=self._stop))
        except errors.Stopped:
            return timedelta(0)
        except errors.SyncBusy:
            return self.interval  # the nightly task is syncing this file right now
        except errors.SyncError as exc:
            self._failures += 1
            code = exc.code
            if code == "not_enrolled":
                self.state_changed.emit(NOT_ENROLLED)
                return timedelta(hours=1)
            if exc.refused:
                self.state_changed.emit(REFUSED)
                self.refused.emit(code, str(exc))
                self._announce(None)
                return timedelta(hours=1)
            self.state_changed.emit(OFFLINE)
            self.failed.emit(code, str(exc))
            self._announce(None)
            return self._backoff()
        self._failures = 0
        self.finished_cycle.emit(report)
        flags = changes.Changes.SYNC
        for kind in report.pulled_kinds:
            flags |= changes.for_kind(kind)
        self.changed.emit(flags)
        self.state_changed.emit(IDLE)
        self._announce(report.clock_offset_ms)
        return min(self.interval, self._until_nightly())

    def _own_sms(self) -> None:
        """After each cycle: the station's own SMS modem texts its notices when the county hub has
        been out of reach for the county's hours (`sync.own_sms`). A modem problem never stops
        the worker."""
        from sync.own_sms import send_own_sms_file

        try:
            report = send_own_sms_file(self.station_file)
        except Exception:  # a broken modem must not end the sync worker
            log.exception("the station's SMS modem")
            return
        if report is not None and (report.sent or report.failed or report.unsure):
            self.changed.emit(changes.Changes.PARCELS)

    def _backoff(self) -> timedelta:
        cap = min(1800.0, 60.0 * 2 ** min(self._failures - 1, 10))
        return timedelta(seconds=self._rng.uniform(cap / 2, cap))

    def _until_nightly(self) -> timedelta:
        db = open_station(self.station_file, create=False)
        try:
            at = settings.get(db, "sync.nightly_at")
        finally:
            db.close()
        try:
            hour, minute = (int(x) for x in at.split(":"))
        except ValueError:
            return self.interval
        now = self.clock.now().astimezone(SHANGHAI)
        target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if target <= now:
            target += timedelta(days=1)
        return target - now

    def _announce(self, offset_ms: int | None) -> None:
        """Emit the status bar's figures, read through this thread's own connection."""
        try:
            db = open_station(self.station_file, create=False)
        except Exception:  # a missing or damaged file is the main window's to report
            return
        try:
            status = state.status(db)
        finally:
            db.close()
        self.status.emit(status)
        self.pending.emit(status.pending)
        if status.last_sync:
            self.last_sync.emit(status.last_sync)
        self.clock_warning.emit(status.clock_warning or "")
        self.clock_offset.emit(status.clock_offset_ms if offset_ms is None else offset_ms)
