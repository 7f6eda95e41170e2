"""What each station last told the hub about itself (`sync.station_report`): its receipt
printer's state since when, and its program's version. The protocol router notes it on every
sync's status call; `sync.hub.health` turns a printer in trouble into a problem the county sees
on its station pages and in the daily digest ("打印机缺纸 since …").

Its own table beside the sync tables (`ensure_once`), SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, Engine, MetaData, String, Table, insert, select, update

from station_app.clock import show
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.db import reading, writing
from sync.hub.service_db import ensure_once
from sync.hub.store import Hub
from sync.station_report import MAX_MESSAGE, StationReport

metadata = MetaData()

station_reports = Table(
    "station_reports", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("version", String(32), nullable=False),
    Column("printer", String(16), nullable=False),
    Column("printer_since", String(40)),  # the station's time
    Column("printer_message", String(MAX_MESSAGE * 4)),
    Column("reported_at", String(30), nullable=False),  # the hub's time of the report that changed it
)

#: printer states the county should hear of: (what, what to do)
TROUBLE = {
    "out_of_paper": (QT_TRANSLATE_NOOP("dashboard", "Printer out of paper since {since}"),
                     QT_TRANSLATE_NOOP("dashboard", "Call the station: a new paper roll, or villagers leave without "
                                                    "receipts.")),
    "cover_open": (QT_TRANSLATE_NOOP("dashboard", "Printer cover open since {since}"),
                   QT_TRANSLATE_NOOP("dashboard", "Call the station: the printer's cover must be closed to print.")),
    "offline": (QT_TRANSLATE_NOOP("dashboard", "Printer not reachable since {since}"),
                QT_TRANSLATE_NOOP("dashboard", "Call the station: is the printer on and its cable in? (Printer page, "
                                               "test page)")),
    "error": (QT_TRANSLATE_NOOP("dashboard", "Printer fault since {since}: {message}"),
              QT_TRANSLATE_NOOP("dashboard", "Call the station: switch the printer off and on; if it stays, it needs "
                                             "repair.")),
}


@dataclass(frozen=True)
class StationState:
    version: str
    printer: str
    printer_since: str | None
    printer_message: str
    reported_at: str

    def printer_trouble(self) -> tuple[str, str] | None:
        """(what, what to do) in the hub's language when the printer is in trouble, else None."""
        if self.printer not in TROUBLE:
            return None
        what, todo = TROUBLE[self.printer]
        since = show(self.printer_since) if self.printer_since else "—"
        return (translate("dashboard", what).format(since=since, message=self.printer_message or "—"),
                translate("dashboard", todo))


def ensure_table(engine: Engine) -> None:
    ensure_once(engine, metadata)


def note(hub: Hub, station_id: str, report: StationReport) -> None:
    """Keep what the station said; a report like the last one (the usual case) writes nothing."""
    ensure_table(hub.engine)
    values = {"version": report.version, "printer": report.printer, "printer_since": report.printer_since,
              "printer_message": report.printer_message}
    with reading(hub.engine) as conn:
        row = conn.execute(select(station_reports).where(station_reports.c.station_id == station_id)).first()
    if row is not None and all(getattr(row, k) == v for k, v in values.items()):
        return
    with writing(hub.engine) as conn:
        if row is None and conn.execute(select(station_reports.c.station_id)
                                        .where(station_reports.c.station_id == station_id)).first() is None:
            conn.execute(insert(station_reports).values(station_id=station_id, reported_at=hub.now(), **values))
        else:
            conn.execute(update(station_reports).where(station_reports.c.station_id == station_id)
                         .values(reported_at=hub.now(), **values))


def states(hub: Hub) -> dict[str, StationState]:
    """What every station last said, by station id (stations that never said are absent)."""
    ensure_table(hub.engine)
    with reading(hub.engine) as conn:
        return {r.station_id: StationState(r.version, r.printer, r.printer_since, r.printer_message or "",
                                           r.reported_at)
                for r in conn.execute(select(station_reports))}
