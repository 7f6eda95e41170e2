"""A shadow station file at rest: packed (a compact copy, zstd-compressed, `<id>.sqlite.zst`)
while no one has used it for a while, unpacked again when a page, an export or a push needs it
(issue 20: derived data that fits a county server).

A shadow of 2 KB pages holds ~5 MB per busy station-month, most of it ids and times that
compress about five times; the dashboard reads the kept figures (`sync.hub.figures`), so most
shadows sit unused between one night's sync and the next. Packing one costs a compact copy
(`VACUUM INTO`) and a compression; unpacking is a decompression. Nothing is lost either way: a
shadow is derived data, folded again from the hub's events if both files went missing.

Every step leaves a usable file behind a power cut: a packed copy is written beside the shadow
and renamed into place before the shadow is removed; an unpacked one likewise before the packed
copy is removed, and whenever both exist the unpacked one is the newer (`unpack` drops the
other). Processes of one machine that share the folder coordinate through `<id>.sqlite.lock`
(flock): a process holds it shared while it has the shadow open, and packs only when it can
take it exclusively, so a shadow another process is using stays as it is.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

import zstandard

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be removed there, which is guard enough
    fcntl = None  # type: ignore[assignment]

LEVEL = 6  # zstd: ~5x on a shadow at ~100 MB/s (bench_hub_scale prints the bytes per station-month)
PACKED = ".zst"


def packed(path: Path) -> Path:
    return path.with_name(path.name + PACKED)


def _lock_file(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class Hold:
    """This process has the shadow open: others do not pack it until `release`."""

    def __init__(self, path: Path) -> None:
        self._file: IO[bytes] | None = open(_lock_file(path), "ab")  # noqa: SIM115 - held until release
        if fcntl is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_SH)

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # releases the lock
            self._file = None


@contextmanager
def _alone(path: Path, *, wait: bool) -> Iterator[bool]:
    """The shadow's lock taken exclusively: True when no other process holds it (with `wait`,
    after waiting for them)."""
    with open(_lock_file(path), "ab") as f:
        if fcntl is None:
            yield True
            return
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True  # closing the file releases the lock


def _durable_replace(tmp: Path, final: Path) -> None:
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, final)
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(final.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove(path: Path) -> None:
    """The shadow gone, packed or not (its lock file stays: another process may hold it)."""
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), packed(path)):
        p.unlink(missing_ok=True)


def unpack(path: Path) -> None:
    """Make `path` usable: unpacked from its packed copy when only that exists. Call it before
    opening the shadow, and take a `Hold` at once after."""
    if path.exists() and not packed(path).exists():
        return
    with _alone(path, wait=True):
        if path.exists():  # a pack or an unpack stopped half-way: the unpacked file is the newer
            packed(path).unlink(missing_ok=True)
            return
        if not packed(path).exists():
            return  # a new station: the fold makes the file
        tmp = path.with_name(f"{path.name}.unpacking-{os.getpid()}")
        with open(packed(path), "rb") as src, open(tmp, "wb") as dst:
            zstandard.ZstdDecompressor().copy_stream(src, dst)
        _durable_replace(tmp, path)
        packed(path).unlink()


def pack(path: Path) -> int:
    """Pack the shadow at `path` unless another process has it open (the caller has closed its
    own connection). Returns the bytes of the packed copy, 0 when nothing was packed."""
    if not path.exists():
        return 0
    with _alone(path, wait=False) as alone:
        if not alone or not path.exists():
            return 0
        compact = path.with_name(f"{path.name}.compact-{os.getpid()}")
        tmp = path.with_name(f"{packed(path).name}.packing-{os.getpid()}")
        try:
            compact.unlink(missing_ok=True)
            conn = sqlite3.connect(path)
            try:
                conn.execute("VACUUM INTO ?", (str(compact),))  # a consistent, compact copy
            finally:
                conn.close()
            with open(compact, "rb") as src, open(tmp, "wb") as dst:
                zstandard.ZstdCompressor(level=LEVEL).copy_stream(src, dst)
            _durable_replace(tmp, packed(path))
            try:
                for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    p.unlink(missing_ok=True)
            except PermissionError:  # Windows: another process has it open after all; keep it
                packed(path).unlink(missing_ok=True)
                return 0
            return packed(path).stat().st_size
        finally:
            compact.unlink(missing_ok=True)
            tmp.unlink(missing_ok=True)


def idle_files(folder: Path, idle: float) -> list[Path]:
    """The unpacked shadows in `folder` nothing has written for `idle` seconds (left by an
    earlier run or a command). Half-made copies a stopped process left are removed."""
    if not folder.is_dir():
        return []
    now = time.time()
    for made in ("compact", "unpacking", "zst.packing"):  # this module's own half-made copies, by name
        for p in folder.glob(f"*.sqlite.{made}-[0-9]*"):
            with suppress(OSError):
                if p.name.rsplit("-", 1)[1].isdigit() and now - p.stat().st_mtime >= max(idle, 3600.0):
                    p.unlink()
    found = []
    for p in folder.glob("*.sqlite"):
        with suppress(OSError):
            wal = p.with_name(p.name + "-wal")
            written = max(p.stat().st_mtime, wal.stat().st_mtime if wal.exists() else 0.0)
            if now - written >= idle:
                found.append(p)
    return found
