"""One sync at a time per station file, across threads and processes.

An operating-system lock on a file beside the station file: the nightly scheduled task
and the program's own worker cannot both sync, and a killed process leaves no stale lock
(the system drops it with the process).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from sync.errors import SyncBusy, busy


def lock_path(station_file: Path | str) -> Path:
    return Path(f"{station_file}.sync-lock")


class SyncLock:
    """`with SyncLock(path):` holds the lock or raises SyncBusy at once (never waits)."""

    def __init__(self, station_file: Path | str) -> None:
        self.path = lock_path(station_file)
        self._fd: int | None = None

    def __enter__(self) -> SyncLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise busy() from None
        self._fd = fd
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


def is_syncing(station_file: Path | str) -> bool:
    """Whether some thread or process holds the sync lock of this file now."""
    try:
        with SyncLock(station_file):
            return False
    except SyncBusy:
        return True


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
