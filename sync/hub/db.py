"""The hub's tables (SQLAlchemy Core) and how to open them: SQLite by default, PostgreSQL
for a province (`postgresql+psycopg://...`); the same code runs on both.

Writes that must be serialised (a station's chain, the county change sequence) take a row
lock: `SELECT ... FOR UPDATE` on PostgreSQL, `BEGIN IMMEDIATE` on SQLite.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    inspect,
    select,
    text,
    update,
)

metadata = MetaData()

stations = Table(
    "stations", metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("village", Text, nullable=False, default=""),
    Column("created_at", String(30), nullable=False),
    Column("acked_seq", BigInteger, nullable=False, default=0),
    Column("head_hash", String(64), nullable=False),
    Column("instance_id", String(40), nullable=False, default=""),
    Column("station_head", BigInteger, nullable=False, default=0),  # the station's last seq, as it reported
    Column("last_push_at", String(30)),
    Column("last_seen_at", String(30)),
    Column("clock_offset_ms", BigInteger, nullable=False, default=0),  # hub time - station PC time
    Column("warning", Text, nullable=False, default=""),  # the latest thing county staff should look at
)

tokens = Table(
    "tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("station_id", String(40), ForeignKey("stations.id"), nullable=False),
    Column("nonce", String(64), nullable=False, default=""),
    Column("created_at", String(30), nullable=False),
    Column("revoked_at", String(30)),
    Column("first_used_at", String(30)),  # its first request: an enrollment answer was not lost after that
)

enroll_codes = Table(
    "enroll_codes", metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("station_id", String(40), ForeignKey("stations.id"), nullable=False),
    Column("created_at", String(30), nullable=False),
    Column("expires_at", String(30), nullable=False),
    Column("used_at", String(30)),
    Column("used_nonce", String(64)),
)

admins = Table(
    "admins", metadata,
    Column("name", String(60), primary_key=True),
    Column("password_salt", String(64), nullable=False),
    Column("password_hash", String(128), nullable=False),
    Column("created_at", String(30), nullable=False),
)

events = Table(
    "events", metadata,
    Column("station_id", String(40), ForeignKey("stations.id"), primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("id", String(40), nullable=False),
    Column("kind", String(60), nullable=False),
    Column("entity_id", String(80), nullable=False),
    Column("payload", Text, nullable=False),
    Column("operator_id", String(40), nullable=False),
    Column("station_time", String(30), nullable=False),
    Column("hlc", String(30), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("day", String(10), nullable=False),  # Shanghai day by HLC, for reconcile and reports
    Column("money", BigInteger, nullable=False),  # fen the event moves, for reconcile
    Column("received_at", String(30), nullable=False),
)
Index("events_station_day", events.c.station_id, events.c.day)
Index("events_station_entity", events.c.station_id, events.c.entity_id)

# the county's change sequence: hub events and flags, for one station or (station_id NULL) all
changes = Table(
    "changes", metadata,
    Column("hub_seq", BigInteger, primary_key=True, autoincrement=False),
    Column("station_id", String(40), ForeignKey("stations.id")),
    Column("kind", String(60), nullable=False),
    Column("entity_id", String(80), nullable=False),
    Column("payload", Text, nullable=False),
    Column("hub_time", String(30), nullable=False),
)
Index("changes_station", changes.c.station_id, changes.c.hub_seq)

# after which of its own events a station applied a change (so a restore folds in the same order)
placements = Table(
    "placements", metadata,
    Column("station_id", String(40), ForeignKey("stations.id"), primary_key=True),
    Column("hub_seq", BigInteger, primary_key=True, autoincrement=False),
    Column("after_seq", BigInteger, nullable=False),
)

flags = Table(
    "flags", metadata,
    Column("hub_seq", BigInteger, primary_key=True, autoincrement=False),  # the change that raised it
    Column("station_id", String(40), ForeignKey("stations.id"), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("entity_id", String(80), nullable=False),
    Column("kind", String(60), nullable=False),
    Column("reason", String(60), nullable=False),
    Column("message", Text, nullable=False),
    Column("raised_at", String(30), nullable=False),
    Column("cleared_at", String(30)),
)
Index("flags_open", flags.c.station_id, flags.c.entity_id, flags.c.cleared_at)

counters = Table(
    "counters", metadata,
    Column("name", String(30), primary_key=True),
    Column("value", BigInteger, nullable=False),
)


def default_url() -> str:
    folder = Path(platformdirs.user_data_dir("VillageStationHub", "VillageStation"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'hub.sqlite'}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def open_hub(url: str | None = None) -> Engine:
    """An engine on the hub database, its tables created if missing."""
    url = url or default_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_setup(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Connection) -> None:
            # a writer takes the lock up front: no deadlock upgrading a read lock later
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("hub_write") else "BEGIN")
    else:
        engine = create_engine(url, pool_pre_ping=True)
    with changing_schema(engine) as conn:  # a write transaction: see `service_db.ensure_once`
        metadata.create_all(conn)
        _add_missing_columns_in(conn, metadata)
        if conn.execute(select(counters.c.value).where(counters.c.name == "hub_seq")).first() is None:
            conn.execute(insert(counters).values(name="hub_seq", value=0))
    return engine


SCHEMA_LOCK = 0x56534855420001  # PostgreSQL advisory lock key of the hub's schema changes ("VSHUB", 1)


@contextmanager
def changing_schema(engine: Engine) -> Iterator[Connection]:
    """One write transaction that creates or alters the hub's tables. On PostgreSQL it first
    takes an advisory lock held until it ends, so hub processes starting together on one
    database (a province's replicas, all restarted after an upgrade) take turns: two that each
    look for a table, find none and create it collide (a unique violation in `pg_type`, or a
    column added twice), and one of them would not start."""
    with writing(engine) as conn:
        if not is_sqlite(engine):
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
        yield conn


def add_missing_columns(engine: Engine, tables: MetaData) -> list[str]:
    """Add the nullable columns `tables` declares that an older hub database lacks (a table made
    by an earlier version keeps its rows; `create_all` never changes an existing table).
    Returns "table.column" for each column added."""
    with changing_schema(engine) as conn:
        return _add_missing_columns_in(conn, tables)


def _add_missing_columns_in(conn: Connection, tables: MetaData) -> list[str]:
    added = []
    existing = inspect(conn)  # looked at inside the transaction (and its lock) that adds them
    names = set(existing.get_table_names())
    for table in tables.sorted_tables:
        if table.name not in names:
            continue
        have = {c["name"] for c in existing.get_columns(table.name)}
        for column in table.columns:
            if column.name not in have and column.nullable and column.server_default is None:
                kind = column.type.compile(dialect=conn.dialect)
                conn.exec_driver_sql(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}')
                added.append(f"{table.name}.{column.name}")
    return added


class _FairGate:
    """First come, first served among this process's SQLite writers: SQLite's own busy wait
    lets a writer that commits and begins again at once starve the others (one station's long
    push would hold every other station's push back). Re-entrant per thread."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._next = self._serving = 0
        self._owner: int | None = None
        self._depth = 0

    @contextmanager
    def turn(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                self._depth += 1
            else:
                ticket = self._next
                self._next += 1
                self._cond.wait_for(lambda: self._serving == ticket)
                self._owner, self._depth = me, 1
        try:
            yield
        finally:
            with self._cond:
                self._depth -= 1
                if self._depth == 0:
                    self._owner = None
                    self._serving += 1
                    self._cond.notify_all()


_gates: weakref.WeakKeyDictionary[Engine, _FairGate] = weakref.WeakKeyDictionary()
_gates_lock = threading.Lock()


def _gate(engine: Engine) -> _FairGate:
    with _gates_lock:
        gate = _gates.get(engine)
        if gate is None:
            gate = _gates[engine] = _FairGate()
        return gate


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction (committed on success, rolled back on any exception). On SQLite,
    writers of this process take turns in the order they asked (`_FairGate`)."""
    if is_sqlite(engine):
        with _gate(engine).turn(), engine.connect().execution_options(hub_write=True) as conn, conn.begin():
            yield conn
    else:
        with engine.connect().execution_options(hub_write=True) as conn, conn.begin():
            yield conn


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn, conn.begin():
        yield conn


def next_hub_seqs(conn: Connection, n: int = 1) -> int:
    """Reserve `n` numbers of the county change sequence; returns the first.

    The counter row is locked until this transaction commits, so numbers become visible in
    order: keyset paging (`hub_seq > cursor`) can never skip one that commits late."""
    if is_sqlite_conn(conn):
        conn.execute(update(counters).where(counters.c.name == "hub_seq").values(value=counters.c.value + n))
        last = conn.execute(select(counters.c.value).where(counters.c.name == "hub_seq")).scalar_one()
    else:
        last = conn.execute(
            update(counters).where(counters.c.name == "hub_seq").values(value=counters.c.value + n)
            .returning(counters.c.value)
        ).scalar_one()
    return int(last) - n + 1


@contextmanager
def publishing(engine: Engine) -> Iterator[Connection]:
    """A write transaction that will tell stations something (`store.publish`) after changing
    other rows: on PostgreSQL it takes the county change counter's lock first. Taken last, as
    `next_hub_seqs` would, two such transactions in two hub processes deadlock whenever each
    holds a row the other wants next (a station's SMS cost row, a notice) while one of them holds
    the counter. On SQLite the write transaction is already the only writer."""
    with writing(engine) as conn:
        if not is_sqlite_conn(conn):
            conn.execute(select(counters.c.value).where(counters.c.name == "hub_seq").with_for_update())
        yield conn


def is_sqlite_conn(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"
