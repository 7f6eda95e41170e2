"""The county's side of the stations' other services (issue 22): the categories of the service
ledger (便民服务台账) the county sets for every station, which stations have posted each county
notice on their notice wall, and the month's cash point withdrawals, services and farm inputs
per station.

    station-hub service-categories [FILE]      POST /county/service-categories  [{"code", "name"}, ...]
    station-hub notices-posted                 GET  /county/notices/posted

The figures per station are the stations' own monthly reports, folded by the hub from their
records (`sync.hub.county_report`): the same report code as the station, so they agree to the fen.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import and_, select

from station_app.core import services_ledger
from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub import audit, notices
from sync.hub.county_report import county_month
from sync.hub.db import changes, events, reading, stations, writing
from sync.hub.office_db import ensure_office_tables
from sync.hub.shadows import Shadows
from sync.hub.store import Hub, publish

CATEGORIES = services_ledger.CATEGORIES_EVENT
#: the list a station starts with (`m011_more_services`) until the county sends its own
DEFAULT_CATEGORIES = [
    {"code": "consult", "name": "信息咨询"}, {"code": "tickets", "name": "车票机票代购"},
    {"code": "hotel", "name": "酒店预订"}, {"code": "insurance", "name": "保险代办"},
    {"code": "medical_insurance", "name": "医保登记"}, {"code": "jobs", "name": "就业劳务推荐"},
    {"code": "care", "name": "家政养老信息"}, {"code": "other", "name": "其他便民服务"},
]
BAD_LINE = QT_TRANSLATE_NOOP("errors", "Line {line}: write a code, then the category's name (like: jobs 劳务推荐)")


# -- the service ledger's categories ----------------------------------------------------------------


def parse_categories(text: str) -> list[dict[str, str]]:
    """Categories as county staff type them, one a line: `code name` (or `code,name`). Raises
    ValidationError naming the first bad line."""
    items: list[dict[str, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        parts = line.replace("，", ",").replace("\t", ",").split(",", 1) if ("," in line or "，" in line or "\t" in line) \
            else line.split(None, 1)
        if len(parts) != 2:
            raise ValidationError(BAD_LINE, line=n)
        items.append({"code": parts[0].strip(), "name": parts[1].strip()})
    return services_ledger.clean_categories(items)


def publish_categories(hub: Hub, items: list[dict[str, str]], *, who: str) -> int:
    """Send the whole list of categories to every station (audited); its hub_seq. Raises
    ValidationError (`services_ledger.clean_categories`)."""
    clean = services_ledger.clean_categories(items)
    ensure_office_tables(hub.engine)  # the audit log's
    now = hub.now()
    with writing(hub.engine) as conn:
        seq = publish(conn, CATEGORIES, "categories", {"categories": clean}, None, now)
        audit.record_in(conn, now, who, "service_categories.sent", "、".join(c["name"] for c in clean),
                        {"hub_seq": seq, "codes": [c["code"] for c in clean]})
    return seq


def current_categories(hub: Hub) -> tuple[list[dict[str, str]], str | None]:
    """The categories the stations keep now (the county's last list, else the starting one) and
    when the county sent it (None: never)."""
    with reading(hub.engine) as conn:
        row = conn.execute(select(changes.c.payload, changes.c.hub_time).where(changes.c.kind == CATEGORIES)
                           .order_by(changes.c.hub_seq.desc()).limit(1)).first()
    if row is None:
        return [dict(c) for c in DEFAULT_CATEGORIES], None
    return list(json.loads(row.payload).get("categories") or []), str(row.hub_time)


# -- county notices on the stations' walls ------------------------------------------------------------


@dataclass(frozen=True)
class Posting:
    station_id: str
    station: str
    posted_at: str | None  # when the station recorded it up on its wall (its clock, hub-corrected)


@dataclass(frozen=True)
class NoticePostings:
    notice: notices.Notice
    stations: list[Posting] = field(default_factory=list)

    @property
    def posted(self) -> int:
        return sum(1 for s in self.stations if s.posted_at)


def postings(hub: Hub, limit: int = 50) -> list[NoticePostings]:
    """Each notice sent (newest first) with every station it went to and whether (and when) that
    station recorded it posted on its notice wall (`notice.posted`, pushed with its records)."""
    sent = notices.notices(hub, limit)
    with reading(hub.engine) as conn:
        all_stations = conn.execute(select(stations.c.id, stations.c.name).order_by(stations.c.name)).all()
        posted: dict[tuple[str, str], str] = {}
        ids = [n.id for n in sent]
        for i in range(0, len(ids), 200):
            for r in conn.execute(select(events.c.station_id, events.c.entity_id, events.c.payload).where(and_(
                    events.c.kind == "notice.posted", events.c.entity_id.in_(ids[i:i + 200])))):
                posted.setdefault((r.station_id, r.entity_id), str(json.loads(r.payload).get("at") or ""))
    out = []
    for n in sent:
        targets = [s for s in all_stations if not n.station or s.name == n.station]
        out.append(NoticePostings(n, [Posting(s.id, s.name, posted.get((s.id, n.id))) for s in targets]))
    return out


def postings_as_dicts(hub: Hub, limit: int = 50) -> list[dict[str, Any]]:
    return [{"id": p.notice.id, "title": p.notice.title, "sent_at": p.notice.published_at,
             "station": p.notice.station, "posted": p.posted, "stations": len(p.stations),
             "by_station": [{"station": s.station, "posted_at": s.posted_at} for s in p.stations]}
            for p in postings(hub, limit)]


# -- the month per station ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StationServices:
    station_id: str
    name: str
    counted: bool
    why_not: str | None
    cashpoint: dict[str, Any] | None
    services: dict[str, Any] | None
    farm_inputs: int
    farm_inputs_fen: int
    notices_posted: int


def month_by_station(shadows: Shadows, month: str) -> tuple[list[StationServices], dict[str, Any]]:
    """Every station's cash point, service ledger, farm inputs and notices posted in `month`
    (from its monthly report, as the hub folds it), and the county totals of those counted."""
    county = county_month(shadows, month)
    out = []
    for s in county["stations"]:
        r = s["report"]
        out.append(StationServices(s["hub_id"], s["name"], bool(s["counted"]), s["why_not"],
                                   r["cashpoint"] if r else None, r["services"] if r else None,
                                   r["proxy_orders"]["farm_inputs"] if r else 0,
                                   r["proxy_orders"]["farm_inputs_fen"] if r else 0,
                                   r["notices"]["posted"] if r else 0))
    return out, county


# -- the command line -----------------------------------------------------------------------------------


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register `service-categories` and `notices-posted` (their functions are in `COMMANDS`)."""
    c = sub.add_parser("service-categories", parents=[common],
                       help="show the service ledger's categories, or send a new list to every station")
    c.add_argument("file", nargs="?", type=Path, help="the list, one category a line: CODE NAME ('-': stdin)")
    sub.add_parser("notices-posted", parents=[common], help="which stations posted each county notice (JSON)")


def cmd_service_categories(args: argparse.Namespace) -> int:
    """Exit 0 with the list shown or sent; 2 when the list is refused (nothing sent)."""
    from sync.hub.audit import who
    from sync.hub.db import open_hub

    hub = Hub(open_hub(args.db))
    try:
        if args.file is not None:
            text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8-sig")
            try:
                publish_categories(hub, parse_categories(text), who=who())
            except UserError as exc:
                print(f"station-hub service-categories: {exc}", file=sys.stderr)
                return 2
        items, sent_at = current_categories(hub)
        for c in items:
            print(f"{c['code']}\t{c['name']}")
        print(f"# {sent_at or '-'}", file=sys.stderr)
        return 0
    finally:
        hub.engine.dispose()


def cmd_notices_posted(args: argparse.Namespace) -> int:
    from sync.hub.db import open_hub

    hub = Hub(open_hub(args.db))
    try:
        print(json.dumps(postings_as_dicts(hub), ensure_ascii=False, indent=1))
        return 0
    finally:
        hub.engine.dispose()


COMMANDS = {"service-categories": cmd_service_categories, "notices-posted": cmd_notices_posted}
