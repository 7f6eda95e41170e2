"""What every device reader shares: one named daemon thread running `run()`, started once,
stopped by an event the loop watches (camera and serial scanners)."""

from __future__ import annotations

import threading


class DeviceWorker:
    """Subclasses set `thread_name` and write `run()`, which loops until `_stop` is set."""

    thread_name = "device"
    stop_timeout = 3.0  # seconds `stop()` waits for the loop by default

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run(self) -> None:
        raise NotImplementedError

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """Ask the worker to finish and wait for it (up to `timeout`, else `stop_timeout`, seconds)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(self.stop_timeout if timeout is None else timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()
