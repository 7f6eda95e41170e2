"""`station-hub serve` as an operating-system process, started and stopped as a county's
systemd or container runtime does it: for tests and benches that need several hub processes
on one database (docs/DEPLOY.md, "several hub processes").

Each process gets a folder of its own, as each machine of a province has: its shadow station
files (`$STATION_HUB_SHADOWS`), its data folder (`$STATION_HUB_DATA`) and its log.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

# what uvicorn says once it listens; with `--port 0` it names the port the system chose
_LISTENING = re.compile(rb"Uvicorn running on (https?)://([0-9.]+):(\d+)")


def station_hub() -> list[str]:
    """The `station-hub` program of this interpreter's environment."""
    script = Path(sys.executable).parent / "station-hub"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from sync.hub.cli import main; sys.exit(main())"]


class HubProcess:
    """`with HubProcess(db_url, folder, secret_file=F, gateways=G) as hub:` runs
    `station-hub --db db_url serve` on a loopback port the system chooses (`hub.url`), with
    `--gateways G` (or `--demo` when `gateways` is None). `stop()` ends it as systemd does:
    SIGTERM, then SIGKILL if it has not ended within `grace` seconds; it is also called when
    the `with` block fails, so no process outlives its test."""

    def __init__(self, db_url: str, folder: Path, *, secret_file: Path, gateways: Path | None = None,
                 options: Sequence[str] = (), env: Mapping[str, str] | None = None, grace: float = 20.0) -> None:
        self.db_url, self.folder, self.secret_file, self.gateways = db_url, folder, secret_file, gateways
        self.options, self.grace = list(options), grace
        self.shadows = folder / "shadows"
        self.log_path = folder / "serve.log"
        self.env = {**os.environ, "STATION_HUB_SHADOWS": str(self.shadows), "STATION_HUB_DATA": str(folder / "data"),
                    **(env or {})}
        self.env.pop("STATION_HUB_DB", None)  # the database is the one given, never the caller's
        self.port = 0
        self.returncode: int | None = None
        self.killed = False  # it did not end within `grace` seconds of SIGTERM
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def command(self) -> list[str]:
        gateways = ["--gateways", str(self.gateways)] if self.gateways else ["--demo"]
        return [*station_hub(), "--db", self.db_url, "serve", "--host", "127.0.0.1", "--port", "0",
                "--secret-file", str(self.secret_file), *gateways, *self.options]

    def launch(self) -> HubProcess:
        """Start the process without waiting for it to listen (`wait_listening`)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - open while the process runs, closed by stop()
        self._process = subprocess.Popen(self.command(), stdout=self._log, stderr=subprocess.STDOUT, env=self.env,
                                         cwd=self.folder, stdin=subprocess.DEVNULL)
        return self

    def wait_listening(self, timeout: float = 60.0) -> HubProcess:
        """Block until the process listens (its port known); RuntimeError with its log if it
        ended or did not listen within `timeout` seconds."""
        assert self._process is not None, "launch() first"
        deadline = time.monotonic() + timeout
        while True:
            found = _LISTENING.search(self.log_path.read_bytes())
            if found:
                self.port = int(found.group(3))
                return self
            if self._process.poll() is not None or time.monotonic() > deadline:
                why = f"ended with {self._process.returncode}" if self._process.poll() is not None else "is not listening"
                raise RuntimeError(f"station-hub serve {why}:\n{self.log()[-4000:]}")
            time.sleep(0.05)

    def start(self) -> HubProcess:
        return self.launch().wait_listening()

    def terminate(self) -> None:
        """Ask the process to end (SIGTERM, as `systemctl stop` does), without waiting."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)

    def stop(self) -> int | None:
        """End the process (SIGTERM; SIGKILL after `grace` seconds); its exit status (negative:
        the signal that ended it, as `subprocess` reports it)."""
        self.terminate()
        if self._process is not None and self._process.poll() is None:
            try:
                self._process.wait(self.grace)
            except subprocess.TimeoutExpired:
                self.killed = True
                self._process.kill()
                self._process.wait()
        if self._process is not None:
            self.returncode = self._process.returncode
        if self._log is not None:
            self._log.close()
            self._log = None
        return self.returncode

    def log(self) -> str:
        """What the process wrote (stdout and stderr) so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def cli(self, *args: str, timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
        """`station-hub --db <the same database> ARGS` with this process's environment (the
        county admin's command on this machine: the same shadows folder)."""
        return subprocess.run([*station_hub(), "--db", self.db_url, *args], capture_output=True, text=True,
                              env=self.env, cwd=self.folder, timeout=timeout, stdin=subprocess.DEVNULL)

    def __enter__(self) -> HubProcess:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


class HubProcesses:
    """Several `HubProcess`es started at once (as a container runtime starts replicas) and all
    stopped on leaving, whatever happened: `with HubProcesses([a, b]) as (one, two):`."""

    def __init__(self, processes: Sequence[HubProcess]) -> None:
        self.processes = list(processes)

    def __enter__(self) -> list[HubProcess]:
        try:
            for process in self.processes:
                process.launch()
            for process in self.processes:
                process.wait_listening()
        except BaseException:
            self.stop()
            raise
        return self.processes

    def stop(self) -> None:
        for process in self.processes:  # SIGTERM to all first: they shut down side by side
            process.terminate()
        for process in self.processes:
            process.stop()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
