"""Notices from the county (县级通知, 信息发布): notices, policies and job postings the county
publishes (county data, `county.notice`), kept as they arrive; the same notice sent again
(corrected) replaces its text. The 今日 page shows the ones still in force (`current_notices`),
the operator prints one for the station's notice wall and records that it is up
(`mark_posted`, event `notice.posted`): the county sees which stations have posted it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from pathlib import Path
from typing import Any

from station_app.clock import SHANGHAI, iso, show
from station_app.core import events
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound
from station_app.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class CountyNotice:
    id: str
    title: str
    text: str
    until: str  # the last day to show it ("" = until the county replaces it)
    sender: str
    received_at: str
    posted_at: str | None = None  # when the station recorded it is up on the notice wall
    posted_by: str | None = None

    @property
    def posted(self) -> bool:
        return self.posted_at is not None


@dataclass(frozen=True)
class NoticeFigures:
    received: int
    posted: int  # notices recorded as posted on the wall in the days given


def _county_notice(db: Store, ev: Event) -> None:
    p = ev.payload
    db.execute("INSERT INTO county_notices (id, title, text, until, sender, received_at) VALUES (?, ?, ?, ?, ?, ?) "
               "ON CONFLICT(id) DO UPDATE SET title = excluded.title, text = excluded.text, until = excluded.until, "
               "sender = excluded.sender",
               (ev.entity_id, str(p.get("title") or "")[:40], str(p.get("text") or "")[:1000],
                str(p.get("until") or "")[:10], str(p.get("from") or "")[:40], ev.station_time))


def _notice(r: Row) -> CountyNotice:
    return CountyNotice(r["id"], r["title"], r["text"], r["until"], r["sender"], r["received_at"], r["posted_at"],
                        r["posted_by"])


def current_notices(db: Store, today: date) -> list[CountyNotice]:
    """The county's notices still in force on `today`, newest first."""
    rows = db.rows("SELECT * FROM county_notices WHERE until = '' OR until >= ? ORDER BY received_at DESC, id DESC",
                   (today.isoformat(),))
    return [_notice(r) for r in rows]


def get_notice(db: Store, notice_id: str) -> CountyNotice:
    r = db.row("SELECT * FROM county_notices WHERE id = ?", (notice_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such notice from the county"))
    return _notice(r)


def to_post(db: Store, today: date) -> list[CountyNotice]:
    """Notices in force that are not up on the notice wall yet (the 今日 board asks for them)."""
    return [n for n in current_notices(db, today) if not n.posted]


def mark_posted(db: Store, actor: Operator, notice_id: str) -> CountyNotice:
    """Record that the notice is up on the station's notice wall (the county sees it).
    Raises NotFound or Conflict (recorded already)."""
    with db.transaction():
        notice = get_notice(db, notice_id)
        if notice.posted:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "The notice \"{title}\" was recorded as posted already"),
                           title=notice.title)
        events.record(db, actor.id, "notice.posted", notice_id, {"at": iso(db.clock.now())}, appliers=APPLY)
    return get_notice(db, notice_id)


def figures(db: Store, first: date, last: date) -> NoticeFigures:
    """Notices received from the county and posted on the wall in the local days given."""
    a, b = (iso(datetime.combine(d, time(0), SHANGHAI)) for d in (first, last + timedelta(days=1)))
    received = int(db.value("SELECT count(*) FROM county_notices WHERE received_at >= ? AND received_at < ?", (a, b),
                            default=0))
    posted = int(db.value("SELECT count(*) FROM county_notices WHERE posted_at >= ? AND posted_at < ?", (a, b),
                          default=0))
    return NoticeFigures(received, posted)


def _posted(db: Store, ev: Event) -> None:
    db.update("county_notices", {"id": ev.entity_id}, {"posted_at": ev.payload["at"], "posted_by": ev.operator_id})


APPLY = {"county.notice": _county_notice, "notice.posted": _posted}


def write_notice_pdf(db: Store, notice_id: str, path: Path | str) -> Path:
    """The notice on an A4 page for the notice wall, in large type: the title, the text, who sent
    it, until when, the station, and a line for the day it went up. Raises NotFound."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from station_app.core import pdf
    from station_app.core.station import get_station

    notice = get_notice(db, notice_id)
    station = get_station(db)
    pdf.register_font()
    title = ParagraphStyle("title", fontName=pdf.FONT, fontSize=30, leading=40, alignment=1, spaceAfter=12 * mm)
    body = ParagraphStyle("body", fontName=pdf.FONT, fontSize=18, leading=30, firstLineIndent=36, wordWrap="CJK")
    foot = ParagraphStyle("foot", fontName=pdf.FONT, fontSize=14, leading=22, alignment=2)
    story: list[Any] = [Paragraph(escape(notice.title), title)]
    story += [Paragraph(escape(p) or "&nbsp;", body) for p in notice.text.splitlines() or [""]]
    story.append(Spacer(1, 16 * mm))
    lines = [translate("notices", SENT_BY).format(sender=notice.sender)] if notice.sender else []
    lines.append(translate("notices", RECEIVED).format(day=show(notice.received_at)[:10]))
    if notice.until:
        lines.append(translate("notices", VALID_UNTIL).format(day=notice.until))
    if station:
        lines.append(station.name)
    lines.append(translate("notices", POSTED_ON))
    story += [Paragraph(escape(line), foot) for line in lines]
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(target), pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=25 * mm,
                      bottomMargin=20 * mm, title=notice.title).build(story)
    return target


SENT_BY = QT_TRANSLATE_NOOP("notices", "Sent by {sender}")
RECEIVED = QT_TRANSLATE_NOOP("notices", "Received {day}")
VALID_UNTIL = QT_TRANSLATE_NOOP("notices", "Valid until {day}")
POSTED_ON = QT_TRANSLATE_NOOP("notices", "Posted on the wall on: ____________")
