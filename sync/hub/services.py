"""The county's services on the hub, beside the sync protocol: SMS notices, bill payments and
the record of parcel arrivals.

The work that talks to the outside world runs in `HubServices`, one background thread that
`station-hub serve` starts: woken after every accepted push (`WakeAfterPush`, which
`create_app` puts in front of the app; and every `IDLE` seconds for retries), it records new
arrivals, sends the queued SMS notices and pays the accepted bills. Everything it does is
also a plain function (`send_notices`, `process_bills`) that tests and scripts call directly;
several runs at once are safe. County staff see the counts by status at /v1/admin/services
(`status_counts`).

The gateways `serve` runs are the county's (`--gateways FILE`, `sync.hub.gateway_config`):
Alibaba Cloud, Tencent Cloud or a GSM modem for SMS, the recharge aggregator for bills. Without
them it does not start, unless `--demo`: then the logging SMS sender and the simulated biller
run, and every station is told (`hub.gateways`), so its screens and receipts say 演示.
"""

from __future__ import annotations

import argparse
import json
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
from sqlalchemy import and_, func, select

from sync.hub import gateway_config, pages
from sync.hub.aggregator import AggregatorBiller
from sync.hub.bill_payments import BillsReport, process_bills
from sync.hub.billers import BillerGateway, SimulatedBiller, SqliteStore
from sync.hub.db import changes, reading
from sync.hub.manifest import collect_arrivals
from sync.hub.senders.aliyun import AliyunSms
from sync.hub.senders.modem import ModemSms
from sync.hub.senders.tencent import TencentSms
from sync.hub.service_db import ensure_tables, hub_bills, sms_notices
from sync.hub.sms import DEFAULT_SIGNATURE, LoggingSmsSender, SendReport, SmsSender, send_notices
from sync.hub.store import Hub

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
        sms = send_notices(self.hub, self.sms, now, signature=self.signature, stopping=self._stop.is_set)
        bills = process_bills(self.hub, self.biller, now, stopping=self._stop.is_set)
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
            more = False
            try:
                report = self.run_once()
                more = report.sms.more or report.bills.more  # a run stops at its budget: go on at once
            except Exception:  # a broken gateway or database blip must not end the county's services
                log.exception("hub services: a run failed; trying again in %s s", self.idle)
            with self._done:
                self._finished = asked
                self._done.notify_all()
            if not more:
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

GATEWAYS_SETTING = "hub.gateways"  # the county setting that tells stations which gateways their hub runs


def add_serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gateways", type=Path, metavar="FILE",
                        help=f"the county's SMS and biller gateways (TOML, docs/GATEWAYS.md; default ${gateway_config.ENV}). "
                             "Without it the hub does not start, unless --demo")
    parser.add_argument("--demo", action="store_true",
                        help="a demo or training hub: no SMS really sent (the hub's sms_log table), bills paid by a "
                             "simulator; every receipt, screen and page says 演示 (demo)")


def serve_gateways(args: argparse.Namespace) -> gateway_config.Gateways:
    """The gateways `serve` runs (see `gateway_config.for_serve`); raises GatewayConfigError."""
    return gateway_config.for_serve(getattr(args, "gateways", None), bool(getattr(args, "demo", False)))


def build_sms(hub: Hub, gateways: gateway_config.Gateways, signature: str) -> SmsSender:
    """The SMS sender the gateways name (the logging one for a demo)."""
    config = gateways.sms
    if isinstance(config, gateway_config.AliyunConfig):
        return AliyunSms(config, signature)
    if isinstance(config, gateway_config.TencentConfig):
        return TencentSms(config, signature)
    if isinstance(config, gateway_config.ModemConfig):
        return ModemSms(config)
    return LoggingSmsSender(hub.engine, hub.clock.now)


def build_biller(hub: Hub, gateways: gateway_config.Gateways) -> BillerGateway:
    """The biller the gateways name (the simulator for a demo)."""
    if gateways.biller is not None:
        return AggregatorBiller(gateways.biller, now=hub.clock.now)
    return simulated_biller(hub)


def announce_gateways(hub: Hub, gateways: gateway_config.Gateways) -> None:
    """Tell every station which gateways its hub runs (`hub.gateways`: "demo", or "real" with
    the providers' names), when that changed since the hub last said it."""
    value = "demo" if gateways.demo else f"real:{gateways.sms_name}+{gateways.biller_name}"
    announce_setting(hub, GATEWAYS_SETTING, value)


def announce_setting(hub: Hub, key: str, value: str) -> None:
    """Tell every station the county setting `key` is `value`, when that changed since the hub
    last said it (the SMS signature, so a station's own modem signs as the county does)."""
    with reading(hub.engine) as conn:
        last = conn.execute(select(changes.c.payload).where(and_(
            changes.c.kind == "county.setting_changed", changes.c.entity_id == key,
            changes.c.station_id.is_(None))).order_by(changes.c.hub_seq.desc()).limit(1)).scalar()
    if last is None or json.loads(last).get("value") != value:
        hub.push_setting(key, value)


def start_services(app: FastAPI, args: argparse.Namespace, gateways: gateway_config.Gateways) -> HubServices:
    """Start the services' worker for `serve` with the county's gateways (or the demo ones), and
    tell the stations which they are."""
    hub: Hub = app.state.hub
    signature = getattr(args, "sms_signature", None) or DEFAULT_SIGNATURE
    services = HubServices(hub, sms=build_sms(hub, gateways, signature), biller=build_biller(hub, gateways),
                           signature=signature)
    app.state.services = services
    app.state.gateways = gateways
    pages.demo_hub = gateways.demo  # every dashboard page says 演示
    announce_gateways(hub, gateways)
    announce_setting(hub, "sms.signature", signature)
    log.info("hub services: SMS gateway %s, biller %s%s", gateways.sms_name, gateways.biller_name,
             " (DEMO: nothing is really sent or paid)" if gateways.demo else "")
    return services.start()


def stop_services(services: HubServices) -> None:
    """`serve` ends: the worker stops (between runs), and the pages forget the demo banner."""
    services.stop()
    pages.demo_hub = False


def simulated_biller(hub: Hub) -> SimulatedBiller:
    """The simulated biller (demos only), its idempotency records in a file beside the hub's (so
    a restart never pays twice): `hub.sqlite` -> `hub.biller.sqlite`, else in the user data folder."""
    url = hub.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database).with_suffix(".biller.sqlite")
    else:
        folder = Path(os.environ.get("STATION_HUB_DATA") or platformdirs.user_data_dir("VillageStationHub", "VillageStation"))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "simulated-biller.sqlite"
    return SimulatedBiller(store=SqliteStore(path), now=hub.clock.now)  # answers stamped with the hub's time
