"""The station's own SMS modem, run by the sync worker after each cycle (`station_app.ui.sync_worker`):
when the county hub has been out of reach for the county's hours, the station texts its own
notices (`station_app.core.parcels.own_sms`, the rule; `station_app.devices.sms_modem`, the modem).

It runs under the file's sync lock, so no push or stick bundle is made while a notice is claimed:
that is what lets the hub see the claim before it could text the same notice (docs/GATEWAYS.md).

While notices it sent in the last 3 days await their status reports, each run also reads the
reports the modem kept meanwhile (it keeps them in its memory while the port is closed) and
records the notices delivered or undelivered (`own_sms.settle_deliveries`), whether the hub is
reachable or not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from station_app.core import settings
from station_app.core.parcels import own_sms
from station_app.db import StationDB, open_station
from station_app.devices.sms_modem import StationModem
from sync.errors import SyncBusy
from sync.gsm.modem import SerialPort, open_port
from sync.lock import SyncLock

log = logging.getLogger(__name__)


def send_own_sms_file(station_file: Path | str, **modem: Any) -> own_sms.OwnReport | None:
    """`send_own_sms` on the station file at `station_file`, with a connection of this thread's own."""
    db = open_station(station_file, create=False)
    try:
        return send_own_sms(db, **modem)
    finally:
        db.close()


def send_own_sms(db: StationDB, *, open_modem: Callable[[str, int], SerialPort] = open_port, timeout: float = 5.0,
                 send_timeout: float = 60.0) -> own_sms.OwnReport | None:
    """Text what the station should text itself now; None when there is nothing to do, the modem
    is off, or a sync holds the file (tried again after the next cycle)."""
    port = str(settings.get(db, "sms.modem_port")).strip()
    if not settings.get(db, "sms.modem_on") or not port:
        return None
    interrupted = db.value("SELECT count(*) FROM parcel_notices WHERE status = 'sending' AND sent_by = 'station'")
    if not interrupted and not own_sms.due_own_notices(db, limit=1) and not own_sms.awaiting_reports(db, limit=1):
        return None
    modem = StationModem(port, open_modem=open_modem, timeout=timeout, send_timeout=send_timeout)
    try:
        with SyncLock(db.path):
            report = own_sms.send_own_notices(db, modem)
            if own_sms.awaiting_reports(db, limit=1):
                read_deliveries(db, modem, report)
    except SyncBusy:
        return None
    finally:
        modem.close()
    if report.waiting:
        log.info("the station's SMS modem is not ready: %s", modem.problem)
    return report


def read_deliveries(db: StationDB, modem: StationModem, report: own_sms.OwnReport) -> None:
    """Settle the notices awaiting delivery from the status reports the modem holds, then delete
    from its memory every report dealt with or not ours (the parts still waiting for their
    notice's other parts stay there for the next run)."""
    reports = modem.status_reports()
    settled, keep = own_sms.settle_deliveries(db, reports)
    report.delivered += settled.delivered
    report.undelivered += settled.undelivered
    for part, kept in zip(reports, keep, strict=True):
        if not kept:
            modem.forget(part)
