"""The county office's tables on the hub: staff roles, the audit log, the county's hub settings,
what each station's contact looked like, stations whose records the hub cannot fold, month
closes, uploads (previewed, then applied once) and targets.

SQLAlchemy Core like `sync.hub.db`, SQLite and PostgreSQL; created beside the sync tables
(`ensure_office_tables`, once per engine and process).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

from sync.hub.service_db import ensure_once

metadata = MetaData()

# a county staff login's role (a login without a row is a county admin: logins made before roles)
staff_roles = Table(
    "staff_roles", metadata,
    Column("name", String(60), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("set_at", String(30), nullable=False),
    Column("set_by", String(80), nullable=False),
)

# who changed what on the hub (never a password, token or code)
audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(30), nullable=False),
    Column("who", String(80), nullable=False),
    Column("role", String(20), nullable=False),
    Column("action", String(60), nullable=False),
    Column("target", Text, nullable=False),
    Column("detail", Text, nullable=False),  # canonical JSON
)
Index("audit_log_at", audit_log.c.at)

# the county's settings for the hub itself (not sent to stations): JSON values
hub_settings = Table(
    "hub_settings", metadata,
    Column("key", String(60), primary_key=True),
    Column("value", Text, nullable=False),
    Column("set_at", String(30), nullable=False),
    Column("set_by", String(80), nullable=False),
)

# how each station pulls the county's changes: the cursor it asks from, and since when it keeps
# asking from the same one while there is more (it refuses what comes down)
station_contact = Table(
    "station_contact", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("pull_after", BigInteger, nullable=False),
    Column("pull_next", BigInteger, nullable=False),  # where the answer ended
    Column("pull_at", String(30), nullable=False),
    Column("repeats", Integer, nullable=False, default=0),  # asked again from the same cursor
    Column("stuck_since", String(30)),  # first time it asked again without taking the answer
)

# a station whose records this hub program cannot fold (its figures are not counted)
fold_problems = Table(
    "fold_problems", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("stamp", String(200), nullable=False),  # what the fold depended on (`Shadows.stamp`)
    Column("seq", BigInteger, nullable=False),  # the station's record that cannot be folded
    Column("kind", String(60), nullable=False),
    Column("error", Text, nullable=False),
    Column("at", String(30), nullable=False),
)

# a month the county closed: the frozen report as it stood, and what each station had sent then
month_closes = Table(
    "month_closes", metadata,
    Column("month", String(7), primary_key=True),
    Column("closed_at", String(30), nullable=False),
    Column("closed_by", String(80), nullable=False),
    Column("snapshot", Text, nullable=False),  # JSON: the county report + per-station acked_seq
)

# files county staff uploaded (manifests, catalogues, fee tables ...): previewed, then applied once
county_uploads = Table(
    "county_uploads", metadata,
    Column("kind", String(30), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("filename", Text, nullable=False),
    Column("station", Text, nullable=False),  # the station it was for ("" = routed or every station)
    Column("data", LargeBinary, nullable=False),
    Column("uploaded_at", String(30), nullable=False),
    Column("uploaded_by", String(80), nullable=False),
    Column("applied_at", String(30)),
    Column("applied_by", String(80)),
    Column("summary", Text, nullable=False, default=""),  # JSON of what applying did
)

# targets the county set: county-wide (station_id "") and per station
county_targets = Table(
    "county_targets", metadata,
    Column("key", String(60), primary_key=True),
    Column("station_id", String(40), primary_key=True),
    Column("value", BigInteger, nullable=False),
    Column("hub_seq", BigInteger, nullable=False),
    Column("set_at", String(30), nullable=False),
    Column("set_by", String(80), nullable=False),
)


def ensure_office_tables(engine: Engine) -> None:
    """Create the county office's tables if missing (once per engine and process)."""
    ensure_once(engine, metadata)
