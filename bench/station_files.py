"""Simulated station files for the benchmarks, built once and kept between runs.

A 3-year station is half a million events: made through the real core actions it takes many
minutes, so each file is built once and cached under `$VS_BENCH_CACHE` (default
`<temp>/vs-bench-stations`), keyed by what makes it (days, seed, the day it ends, enrolled or
not). Benchmarks copy the cached file and work on the copy; a file built by an earlier version
is migrated on the copy, as a station's own file is when the program is upgraded.

While a file is being built the station runs with `synchronous=OFF` (the file is a fixture:
a power cut while building only means building it again); the copy a benchmark opens has the
station's ordinary PRAGMAs.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from station_app.core.simulate import Simulation
from station_app.db import open_station

#: every cached station ends on the same day (midnight in Shanghai), so its months are fixed
END = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)


def cache_folder() -> Path:
    folder = Path(os.environ.get("VS_BENCH_CACHE") or Path(tempfile.gettempdir()) / "vs-bench-stations")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _key(days: int, seed: int, enrolled: bool) -> str:
    return f"{'enrolled' if enrolled else 'station'}-{days}d-seed{seed}-{END:%Y%m%d}"


def station_file(days: int, seed: int = 1, *, enrolled: bool = False, quiet: bool = False) -> Path:
    """The cached file of a station that worked `days` days up to `END` (built now if missing).
    `enrolled`: set up and enrolled with a throwaway hub before its first day, so it invents no
    county data (re-enroll a copy with the hub under test); else a demo station that makes up
    its county's data, as `station-app simulate` does."""
    path = cache_folder() / f"{_key(days, seed, enrolled)}.sqlite"
    if path.exists():
        return path
    part = path.with_name(path.name + ".part")
    for p in (part, part.with_name(part.name + "-wal"), part.with_name(part.name + "-shm")):
        p.unlink(missing_ok=True)
    db = open_station(part)
    db.execute("PRAGMA synchronous=OFF")
    started = time.perf_counter()
    try:
        simulation = Simulation(db, days, seed, END)
        if enrolled:
            from sync.testing.live_hub import LiveHub
            from sync.testing.stations import enroll

            with tempfile.TemporaryDirectory() as tmp, LiveHub(f"sqlite:///{Path(tmp) / 'first-hub.sqlite'}") as live:
                assert live.hub is not None
                enroll(live.hub, live.url, db)
        for day in range(days):
            simulation.day()
            if not quiet and (day + 1) % 30 == 0:
                print(f"  building {path.name}: day {day + 1}/{days}, {time.perf_counter() - started:.0f} s",
                      file=sys.stderr, flush=True)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    for suffix in (".secrets", ".key"):  # the station's keystore goes with it (ID-number key, token)
        if part.with_name(part.name + suffix).exists():
            part.with_name(part.name + suffix).replace(path.with_name(path.name + suffix))
    part.replace(path)
    return path


def copy_of(source: Path, target: Path) -> Path:
    """A working copy of a cached station file and its keystore (its WAL was checkpointed),
    migrated to this program's tables (opened once), so what a benchmark times leaves that out."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    for suffix in (".secrets", ".key"):
        if source.with_name(source.name + suffix).exists():
            shutil.copy2(source.with_name(source.name + suffix), target.with_name(target.name + suffix))
    open_station(target, create=False).close()
    return target


if __name__ == "__main__":  # python bench/station_files.py DAYS [SEED] [--enrolled]: build one ahead of time
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    print(station_file(int(args[0]), int(args[1]) if len(args) > 1 else 1, enrolled="--enrolled" in sys.argv))
