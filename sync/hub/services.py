"""The county's services on the hub, beside the sync protocol: SMS notices, bill payments and
the record of parcel arrivals.

The work that talks to the outside world runs in `HubServices`, one background thread that
`station-hub serve` starts: woken after every accepted push (`WakeAfterPush`, which
`create_app` puts in front of the app; and every `IDLE` seconds for retries), it records new
arrivals, sends the queued SMS notices and pays the accepted bills. Everything it does is
also a plain function (`send_notices`, `process_bills`) that tests and scripts call directly;
several runs at once are safe. County staff see the counts by status at /v1/admin/services
(`status_counts`).

Gateways for `serve` (`--sms`, `--biller`): `log` and `simulated` ship and are the defaults;
`MODULE:FACTORY` plugs in a real adapter, `FACTORY(hub)` returning the gateway object.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import re
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs
from fastapi import FastAPI
from sqlalchemy import func, select

from sync.hub.bill_payments import BillsReport, process_bills
from sync.hub.billers import BillerGateway, SimulatedBiller, SqliteStore
from sync.hub.db import reading
from sync.hub.manifest import collect_arrivals
from sync.hub.service_db import ensure_tables, hub_bills, sms_notices
from sync.hub.sms import DEFAULT_SIGNATURE, LoggingSmsSender, SendReport, SmsSender, send_notices
from sync.hub.store import Hub, HubError

log = logging.getLogger(__name__)
IDLE = 30.0  # seconds between runs when no push wakes the worker (retries and follow-ups)
_PUSH = re.compile(r"^/v1/stations/[^/]+/events$")


@dataclass
class RunReport:
    arrivals: int
    sms: SendReport
    bills: BillsReport


class HubServices:
    """The services' worker: `start()` runs `run_once` on a thread of its own, after every
    `wake()` and every `idle` seconds; `stop()` ends it between runs."""

    def __init__(self, hub: Hub, *, sms: SmsSender, biller: BillerGateway, idle: float = IDLE,
                 signature: str = DEFAULT_SIGNATURE) -> None:
        ensure_tables(hub.engine)
        self.hub, self.sms, self.biller, self.idle = hub, sms, biller, idle
        self.signature = signature  # the county's SMS signature (serve --sms-signature)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._done = threading.Condition()
        self._asked = self._finished = 0  # wake-ups asked for / runs finished after them
        self._thread: threading.Thread | None = None

    def run_once(self, now: datetime | None = None) -> RunReport:
        """Record new arrivals, send due SMS notices, pay due bills."""
        arrivals = collect_arrivals(self.hub)
        sms = send_notices(self.hub, self.sms, now, signature=self.signature)
        bills = process_bills(self.hub, self.biller, now)
        return RunReport(arrivals, sms, bills)

    def wake(self) -> None:
        with self._done:
            self._asked += 1
        self._wake.set()

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until a run that started after the latest `wake()` has finished (tests)."""
        with self._done:
            wanted = self._asked
            return self._done.wait_for(lambda: self._finished >= wanted, timeout)

    def start(self) -> HubServices:
        self._thread = threading.Thread(target=self._loop, name="hub-services", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            with self._done:
                asked = self._asked
            self._wake.clear()
            try:
                self.run_once()
            except Exception:  # a broken gateway or database blip must not end the county's services
                log.exception("hub services: a run failed; trying again in %s s", self.idle)
            with self._done:
                self._finished = asked
                self._done.notify_all()
            self._wake.wait(self.idle)


# -- the app ------------------------------------------------------------------------------------


class WakeAfterPush:
    """ASGI middleware: after a push the hub accepted (200), wake the services' worker."""

    def __init__(self, app: Any, wake: Callable[[], None]) -> None:
        self.app, self.wake = app, wake

    async def __call__(self, scope: MutableMapping[str, Any], receive: Callable[[], Awaitable[Any]],
                       send: Callable[[MutableMapping[str, Any]], Awaitable[None]]) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or not _PUSH.match(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        status = 0

        async def watch(message: MutableMapping[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        await self.app(scope, receive, watch)
        if status == 200:
            self.wake()


def wake_services(app: FastAPI) -> None:
    """Wake the services' worker of this app, if `serve` started one."""
    services = getattr(app.state, "services", None)
    if services is not None:
        services.wake()


def status_counts(hub: Hub) -> dict[str, Any]:
    """{"sms": {status: n}, "bills": {status: n}}."""
    ensure_tables(hub.engine)
    with reading(hub.engine) as conn:
        sms = conn.execute(select(sms_notices.c.status, func.count()).group_by(sms_notices.c.status)).all()
        bills = conn.execute(select(hub_bills.c.status, func.count()).group_by(hub_bills.c.status)).all()
    return {"sms": {str(k): int(v) for k, v in sms}, "bills": {str(k): int(v) for k, v in bills}}


# -- `station-hub serve` ---------------------------------------------------------------------------


def add_serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sms", default="log", metavar="GATEWAY",
                        help="SMS gateway: 'log' (default: write each message to the hub's sms_log table) "
                             "or MODULE:FACTORY for a real one")
    parser.add_argument("--biller", default="simulated", metavar="GATEWAY",
                        help="biller gateway: 'simulated' (default, pays nothing for real) or MODULE:FACTORY")


def start_services(app: FastAPI, args: argparse.Namespace) -> HubServices:
    """Start the services' worker for `serve` with the gateways the options name."""
    hub: Hub = app.state.hub
    services = HubServices(hub, sms=gateway(args.sms, hub, {"log": lambda h: LoggingSmsSender(h.engine)}),
                           biller=gateway(args.biller, hub, {"simulated": simulated_biller}),
                           signature=getattr(args, "sms_signature", None) or DEFAULT_SIGNATURE)
    app.state.services = services
    log.info("hub services: SMS gateway %s, biller %s", args.sms, args.biller)
    return services.start()


def simulated_biller(hub: Hub) -> SimulatedBiller:
    """The simulated biller, its idempotency records in a file beside the hub's (so a restart
    never pays twice): `hub.sqlite` -> `hub.biller.sqlite`, else in the user data folder."""
    url = hub.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database).with_suffix(".biller.sqlite")
    else:
        folder = Path(os.environ.get("STATION_HUB_DATA") or platformdirs.user_data_dir("VillageStationHub", "VillageStation"))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "simulated-biller.sqlite"
    return SimulatedBiller(store=SqliteStore(path), now=hub.clock.now)  # answers stamped with the hub's time


def gateway(spec: str, hub: Hub, builtin: dict[str, Callable[[Hub], Any]]) -> Any:
    """The gateway a `--sms`/`--biller` option names: a built-in one, or `MODULE:FACTORY` called with the hub."""
    if spec in builtin:
        return builtin[spec](hub)
    module, _, name = spec.partition(":")
    if not module or not name:
        raise HubError(400, "malformed", f"unknown gateway {spec!r}: use {' or '.join(builtin)} or MODULE:FACTORY")
    try:
        factory = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise HubError(400, "malformed", f"cannot load gateway {spec!r}: {exc}") from None
    return factory(hub)
