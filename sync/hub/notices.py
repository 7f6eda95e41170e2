"""County notices (县级通知): a title and a text the county sends to every station (or one), as
`county.notice`; the station keeps them (`station_app.core.notices`) to show on its 今日 page.

    station-hub notice --title T --text X [--station S] [--until YYYY-MM-DD]
    POST /county/notices    {"title", "text", "station", "until"}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id
from sync.hub import audit
from sync.hub.db import changes, reading, stations, writing
from sync.hub.places import station_target
from sync.hub.store import Hub, publish

NOTICE = "county.notice"
MAX_TITLE, MAX_TEXT = 40, 1000

NO_TITLE = QT_TRANSLATE_NOOP("errors", "A notice needs a title of at most {n} characters")
NO_TEXT = QT_TRANSLATE_NOOP("errors", "A notice needs a text of at most {n} characters")
BAD_UNTIL = QT_TRANSLATE_NOOP("errors", "'{text}' is not a day: write it like 2026-12-31")


@dataclass(frozen=True)
class Notice:
    hub_seq: int
    id: str
    title: str
    text: str
    until: str  # the last day to show it ("" = until replaced)
    station: str  # a station's name, or "" for every station
    published_at: str
    published_by: str


def publish_notice(hub: Hub, *, title: str, text: str, who: str, station: str | None = None,
                   until: str = "") -> Notice:
    """Send a notice to every station (or `station`), audited. Raises ValidationError."""
    title, text, until = " ".join((title or "").split()), (text or "").strip(), (until or "").strip()
    if not title or len(title) > MAX_TITLE:
        raise ValidationError(NO_TITLE, n=MAX_TITLE)
    if not text or len(text) > MAX_TEXT:
        raise ValidationError(NO_TEXT, n=MAX_TEXT)
    if until:
        try:
            until = date.fromisoformat(until).isoformat()
        except ValueError:
            raise ValidationError(BAD_UNTIL, text=until) from None
    station_id, _ = station_target(hub, station)
    notice_id, now = new_id(), hub.now()
    payload = {"title": title, "text": text, "until": until, "from": who[:40]}
    with writing(hub.engine) as conn:
        seq = publish(conn, NOTICE, notice_id, payload, station_id, now)
        audit.record_in(conn, now, who, "notice.sent", title, {"station": station or "", "hub_seq": seq})
    return Notice(seq, notice_id, title, text, until, station or "", now, who)


def notices(hub: Hub, limit: int = 50) -> list[Notice]:
    """The notices sent, newest first."""
    with reading(hub.engine) as conn:
        names = {r.id: r.name for r in conn.execute(select(stations.c.id, stations.c.name))}
        rows = conn.execute(select(changes).where(changes.c.kind == NOTICE).order_by(changes.c.hub_seq.desc())
                            .limit(limit)).all()
    out = []
    for r in rows:
        p = json.loads(r.payload)
        out.append(Notice(r.hub_seq, r.entity_id, p.get("title", ""), p.get("text", ""), p.get("until", ""),
                          names.get(r.station_id, "") if r.station_id else "", r.hub_time, p.get("from", "")))
    return out
