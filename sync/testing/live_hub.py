"""A real hub (FastAPI under uvicorn) on a loopback port, in a thread, restartable."""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

import uvicorn

from station_app.clock import Clock
from sync import protocol as p
from sync.hub.app import create_app
from sync.hub.db import open_hub
from sync.hub.store import Hub


class LiveHub:
    """`with LiveHub(url) as hub:` serves the hub database at `url` on 127.0.0.1:`hub.port`.

    `restart()` stops the server (dropping open connections) and starts a new one, with a
    new engine, on the same port: the hub restarted mid-sync."""

    def __init__(self, db_url: str, *, port: int = 0, max_body: int = p.MAX_BODY,
                 cert: Path | None = None, key: Path | None = None, limits: p.Limits = p.LIMITS,
                 trusted_proxies: tuple[str, ...] = (), secret_file: Path | None = None,
                 clock: Clock | None = None) -> None:
        self.db_url, self.port, self.max_body, self.cert, self.key = db_url, port, max_body, cert, key
        if secret_file is None and not db_url.startswith("sqlite"):  # a throwaway hub: not the user's data folder
            secret_file = Path(tempfile.mkdtemp(prefix="vs-hub-")) / "hub.secret"
        self.limits, self.trusted_proxies, self.secret_file = limits, trusted_proxies, secret_file
        self.clock = clock  # the hub's clock (a simulated month's: `FixedClock`), else the real one
        self.hub: Hub | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.cert else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> LiveHub:
        self.hub = Hub(open_hub(self.db_url), self.clock, max_body=self.max_body, limits=self.limits,
                       secret_file=self.secret_file)
        # uvicorn binds the port itself: sockets handed over ready-made miss TCP_NODELAY (40 ms per answer);
        # the app decides which proxies it believes (`serve` does the same), not uvicorn (127.0.0.1 by default)
        config = uvicorn.Config(create_app(self.hub, trusted_proxies=self.trusted_proxies), host="127.0.0.1",
                                port=self.port, log_level="warning", proxy_headers=False,
                                lifespan="off", access_log=False, timeout_graceful_shutdown=1,
                                ssl_certfile=str(self.cert) if self.cert else None,
                                ssl_keyfile=str(self.key) if self.key else None)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True, name="live-hub")
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the hub did not start")
            time.sleep(0.01)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=20)
        if self.hub is not None:
            self.hub.engine.dispose()
        self._server = self._thread = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> LiveHub:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
