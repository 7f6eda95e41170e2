"""A real hub (FastAPI under uvicorn) on a loopback port, in a thread, restartable."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import TracebackType

import uvicorn

from sync import protocol as p
from sync.hub.app import create_app
from sync.hub.db import open_hub
from sync.hub.store import Hub


class LiveHub:
    """`with LiveHub(url) as hub:` serves the hub database at `url` on 127.0.0.1:`hub.port`.

    `restart()` stops the server (dropping open connections) and starts a new one, with a
    new engine, on the same port: the hub restarted mid-sync."""

    def __init__(self, db_url: str, *, port: int = 0, max_body: int = p.MAX_BODY,
                 cert: Path | None = None, key: Path | None = None) -> None:
        self.db_url, self.port, self.max_body, self.cert, self.key = db_url, port, max_body, cert, key
        self.hub: Hub | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.cert else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> LiveHub:
        self.hub = Hub(open_hub(self.db_url), max_body=self.max_body)
        # uvicorn binds the port itself: sockets handed over ready-made miss TCP_NODELAY (40 ms per answer)
        config = uvicorn.Config(create_app(self.hub), host="127.0.0.1", port=self.port, log_level="warning",
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
