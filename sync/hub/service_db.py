"""The tables of the county's services on the hub (manifests, SMS notices, bill payments) and
`follow`, the one way a service reads the events stations push.

A service never hooks into a push: it *follows* the stored events, each station's in its own
order, from a cursor of its own (`service_cursors`). A replayed push stores nothing new, so
a follower sees every event exactly once however often a batch arrives; a service that was
down catches up from its cursor. SQLAlchemy Core, like `sync.hub.db`: SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import logging
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from station_app.core.events import Event
from sync.hub.db import (
    add_missing_columns,
    changing_schema,
    events,
    is_sqlite_conn,
    reading,
    stations,
    writing,
)
from sync.hub.store import Hub, _row_event

log = logging.getLogger(__name__)
metadata = MetaData()
PAGE = 500  # events per follower transaction

service_cursors = Table(
    "service_cursors", metadata,
    Column("service", String(30), primary_key=True),
    Column("station_id", String(40), primary_key=True),
    Column("seq", BigInteger, nullable=False),  # the station's events up to here were handed over
)

# the county logistics centre's dispatch lists: which station each waybill was sent to
routed_parcels = Table(
    "routed_parcels", metadata,
    Column("waybill", String(40), primary_key=True),
    Column("station_id", String(40), nullable=False),
    Column("hub_seq", BigInteger, nullable=False),  # its county.parcel_expected change
    Column("carrier", String(20), nullable=False),
    Column("recipient_name", Text, nullable=False),
    Column("phone", String(20)),
    Column("phone_tail", String(4)),
    Column("dispatched_at", String(30)),
    Column("source", Text, nullable=False),  # the file it came from
    Column("imported_at", String(30), nullable=False),
)

# every check-in the stations pushed (whether or not a manifest named the parcel)
parcel_arrivals = Table(
    "parcel_arrivals", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("parcel_id", String(40), primary_key=True),
    Column("waybill", String(40), nullable=False),
    Column("arrived_at", String(30), nullable=False),
)
Index("parcel_arrivals_waybill", parcel_arrivals.c.waybill)

# SMS the stations queued with their parcel events; the hub's gateway sends each at most once
sms_notices = Table(
    "sms_notices", metadata,
    Column("id", String(40), primary_key=True),  # the station's notice id
    Column("station_id", String(40), nullable=False),
    Column("parcel_id", String(40), nullable=False),
    Column("seq", BigInteger, nullable=False),  # the station event that queued it
    Column("kind", String(20), nullable=False),
    Column("phone", String(20)),
    Column("phone_tail", String(4)),
    Column("text", Text, nullable=False),
    Column("status", String(10), nullable=False),  # queued / sending / sent / failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("queued_at", String(30), nullable=False),  # hub time it was picked up
    Column("next_try_at", String(30)),  # NULL: at once
    Column("claimed_at", String(30)),
    Column("done_at", String(30)),
    Column("detail", Text, nullable=False, default=""),
    Column("gateway_ref", String(80), nullable=False, default=""),
    # issue 19 (added to older hubs by `ensure_tables`): the template's values, the gateway that sent it and the
    # parts it billed, its delivery receipt, a demo send
    Column("params", Text),
    Column("gateway", String(20)),
    Column("parts", Integer),
    Column("delivery", String(12)),
    Column("delivered_at", String(30)),
    Column("demo", Integer),
)
Index("sms_notices_due", sms_notices.c.status, sms_notices.c.next_try_at)
Index("sms_notices_station_day", sms_notices.c.station_id, sms_notices.c.queued_at)  # a station's notices today
Index("sms_notices_parcel", sms_notices.c.station_id, sms_notices.c.parcel_id)  # notices about one parcel

# what the logging SMS sender "sent" (a real gateway keeps its own records)
sms_log = Table(
    "sms_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", String(40), nullable=False),
    Column("phone", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("sent_at", String(30), nullable=False),
)
Index("sms_log_notice", sms_log.c.notice_id)

# bills the stations accepted, as the hub pays them (one row per request id, ever)
hub_bills = Table(
    "hub_bills", metadata,
    Column("request_id", String(40), primary_key=True),  # the bill's id at the station
    Column("station_id", String(40), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("product", String(60), nullable=False),
    Column("account", String(60), nullable=False),
    Column("amount", BigInteger, nullable=False),  # fen
    Column("status", String(10), nullable=False),  # new / pending / paid / failed
    Column("sent_status", String(10), nullable=False, default=""),  # the last result sent to the station
    Column("biller_ref", String(80), nullable=False, default=""),
    Column("message", Text, nullable=False, default=""),
    Column("result_at", String(30)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_try_at", String(30)),  # NULL: at once
    Column("lease", String(40)),  # who is talking to the biller about it now, until lease_until
    Column("lease_until", String(30)),
    Column("created_at", String(30), nullable=False),
    Column("updated_at", String(30), nullable=False),
    # issue 19: fen the biller paid (less than `amount` when partly paid), a demo answer, the aggregator's state
    Column("paid_amount", BigInteger),
    Column("demo", Integer),
    Column("provider_state", String(12)),
    Column("order_no", String(64)),  # our order number at the aggregator (`billers.order_number`)
)
Index("hub_bills_order", hub_bills.c.order_no)
Index("hub_bills_due", hub_bills.c.status, hub_bills.c.next_try_at)
Index("hub_bills_station_day", hub_bills.c.station_id, hub_bills.c.created_at)  # a station's bills today

_ready: weakref.WeakKeyDictionary[Engine, set[int]] = weakref.WeakKeyDictionary()
_ready_lock = threading.Lock()


def ensure_once(engine: Engine, tables: MetaData) -> None:
    """Create the tables of `tables` (and their indexes) if missing, once per engine and process
    (hub services keep their own tables beside the sync tables)."""
    with _ready_lock:
        if id(tables) in _ready.setdefault(engine, set()):
            return
    # In one write transaction (BEGIN IMMEDIATE on SQLite): a deferred one that looks first and
    # creates after fails at once with "database is locked" when a push commits in between.
    # Outside `_ready_lock`, so a writer that is already inside `writing` can never wait on it.
    with changing_schema(engine) as conn:  # processes starting together take turns (PostgreSQL)
        tables.create_all(conn)
        for table in tables.sorted_tables:  # indexes added since an older hub made its tables
            for index in table.indexes:
                index.create(conn, checkfirst=True)
    with _ready_lock:
        _ready.setdefault(engine, set()).add(id(tables))


def ensure_tables(engine: Engine) -> None:
    """Create the services' tables if missing, and the columns later versions added (once per
    engine and process)."""
    with _ready_lock:
        fresh = id(metadata) not in _ready.get(engine, set())
    ensure_once(engine, metadata)
    if fresh:
        add_missing_columns(engine, metadata)


Handler = Callable[[Connection, str, Event], None]
FIRST_PAUSE = timedelta(seconds=30)
LONGEST_PAUSE = timedelta(hours=1)


def retry_pause(attempts: int) -> timedelta:
    """How long a service waits before trying an outside gateway again after `attempts` tries:
    30 s, doubling, at most an hour."""
    return min(LONGEST_PAUSE, FIRST_PAUSE * 2 ** max(0, min(attempts - 1, 12)))


def follow(hub: Hub, service: str, kinds: Iterable[str], handle: Handler, *, whole: bool = False) -> int:
    """Hand every stored event of `kinds` that `service` has not seen to `handle(conn,
    station_id, event)`, inside the write transaction that moves the service's cursor past
    it: each event is handled exactly once, in each station's order, however often it was
    pushed. A handler that raises is logged and skipped (one bad record must not stop the
    county's services). `whole`: a station's events are handled only while the hub holds every
    record the station announced at the start of its latest sync or in its latest bundle
    (`stations.station_head`), so no record is handled before the later ones the station had
    then (the SMS: a notice its own modem claimed). Returns how many events were handled."""
    ensure_tables(hub.engine)
    kinds = tuple(kinds)
    with reading(hub.engine) as conn:
        cursor = select(service_cursors.c.seq).where(and_(service_cursors.c.service == service,
                                                          service_cursors.c.station_id == stations.c.id))
        behind = [r.id for r in conn.execute(select(stations.c.id).where(
            stations.c.acked_seq > func.coalesce(cursor.scalar_subquery(), 0)))]
    handled = 0
    for station_id in behind:
        _start_cursor(hub, service, station_id)
        while True:
            n, more = _follow_page(hub, service, station_id, kinds, handle, whole)
            handled += n
            if not more:
                break
    return handled


def _start_cursor(hub: Hub, service: str, station_id: str) -> None:
    try:
        with writing(hub.engine) as conn:
            if conn.execute(select(service_cursors.c.seq).where(and_(
                    service_cursors.c.service == service, service_cursors.c.station_id == station_id))).first() is None:
                conn.execute(insert(service_cursors).values(service=service, station_id=station_id, seq=0))
    except IntegrityError:
        pass  # another follower made it first


def _follow_page(hub: Hub, service: str, station_id: str, kinds: tuple[str, ...], handle: Handler,
                 whole: bool = False) -> tuple[int, bool]:
    with writing(hub.engine) as conn:
        where = and_(service_cursors.c.service == service, service_cursors.c.station_id == station_id)
        query = select(service_cursors.c.seq).where(where)
        if not is_sqlite_conn(conn):
            query = query.with_for_update()  # one follower of a service per station at a time
        start = int(conn.execute(query).scalar_one())
        st = conn.execute(select(stations.c.acked_seq, stations.c.station_head).where(stations.c.id == station_id)).one()
        top = int(st.acked_seq)
        if whole and top < int(st.station_head):
            return 0, False  # the station's sync has not finished: wait for the rest of what it had
        rows = conn.execute(select(events).where(and_(
            events.c.station_id == station_id, events.c.seq > start, events.c.seq <= top, events.c.kind.in_(kinds)))
            .order_by(events.c.seq).limit(PAGE)).all()
        more = len(rows) == PAGE
        for r in rows:
            ev = _row_event(r)
            savepoint = conn.begin_nested()
            try:
                handle(conn, station_id, ev)
                savepoint.commit()
            except Exception:
                savepoint.rollback()
                log.exception("%s: record %s of station %s (%s) could not be handled", service, ev.seq, station_id,
                              ev.kind)
        conn.execute(update(service_cursors).where(where).values(seq=rows[-1].seq if more else top))
        return len(rows), more


@dataclass(frozen=True)
class OwnRecord:
    """A station as it made itself (its `station.created` event on the hub)."""

    hub_id: str  # the id the hub enrolled it under
    own_id: str  # the station's own id (the event's entity id; its trace codes are tagged with it)
    name: str
    village: str
    id_salt: str  # the secret its traceability codes are signed with


def own_records(conn: Connection) -> list[OwnRecord]:
    """Every station's `station.created` (the first event of every station file), in one query."""
    rows = conn.execute(select(events.c.station_id, events.c.entity_id, events.c.payload)
                        .select_from(stations.join(events, and_(events.c.station_id == stations.c.id, events.c.seq == 1)))
                        .where(events.c.kind == "station.created")).all()
    out = []
    for r in rows:
        p = json.loads(r.payload)
        out.append(OwnRecord(r.station_id, r.entity_id, str(p.get("name") or ""), str(p.get("village") or ""),
                             str(p.get("id_salt") or "")))
    return out
