"""The hub's tables for the evidence the county's audit accepts (issue 21): its villages and which
stations serve them, its poverty register, the review of subsidy claim rows, training held at
the county centre, and the mapping of figures to the national system's field names.

SQLAlchemy Core like `sync.hub.db`, SQLite and PostgreSQL; created on first use
(`ensure_evidence_tables`, once per engine and process).
"""

from __future__ import annotations

from sqlalchemy import Column, Engine, Index, Integer, LargeBinary, MetaData, String, Table, Text

from sync.hub.service_db import ensure_once

metadata = MetaData()

# the county's administrative villages (GB/T 2260 12-digit codes), as last imported
county_villages = Table(
    "county_villages", metadata,
    Column("code", String(12), primary_key=True),
    Column("name", String(40), nullable=False),
    Column("township", String(40), nullable=False),
    Column("poor", Integer, nullable=False),
    Column("imported_at", String(30), nullable=False),
)

# which villages a station serves, when the county says so (else its registered village's name)
village_links = Table(
    "village_links", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("code", String(12), primary_key=True),
    Column("set_at", String(30), nullable=False),
    Column("set_by", String(80), nullable=False),
)

# the county's poverty register: households and members (a member's ID number only sealed with a
# key derived from the hub's secret: never in the clear in the database, never sent anywhere)
register_households = Table(
    "register_households", metadata,
    Column("household_no", String(40), primary_key=True),
    Column("village_code", String(12), nullable=False),
    Column("village", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("model", Integer, nullable=False),
    Column("imported_at", String(30), nullable=False),
)
register_members = Table(
    "register_members", metadata,
    Column("county_hash", String(64), primary_key=True),  # HMAC under the hub's register key: one row per person
    Column("household_no", String(40), nullable=False),
    Column("name_masked", String(40), nullable=False),
    Column("id_masked", String(18), nullable=False),
    Column("sealed", LargeBinary, nullable=False),
)
Index("register_members_household", register_members.c.household_no)
# what each station was last sent of each household (a digest of the payload): sent again only when it changes
register_sent = Table(
    "register_sent", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("household_no", String(40), primary_key=True),
    Column("digest", String(64), nullable=False),
)

# the county's review of subsidy claim rows (one row per station's outgoing parcel)
claim_reviews = Table(
    "claim_reviews", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("outbound_id", String(40), primary_key=True),
    Column("decision", String(10), nullable=False),  # accepted | rejected
    Column("reason", Text, nullable=False),
    Column("reviewed_at", String(30), nullable=False),
    Column("reviewed_by", String(80), nullable=False),
)

# training held at the county centre (county-level sessions, not at any station)
county_sessions = Table(
    "county_sessions", metadata,
    Column("id", String(40), primary_key=True),
    Column("title", String(60), nullable=False),
    Column("day", String(10), nullable=False),
    Column("place", String(60), nullable=False),
    Column("organiser", String(60), nullable=False),
    Column("category", String(30), nullable=False),
    Column("person_times", Integer, nullable=False),
    Column("poverty_person_times", Integer, nullable=False),
    Column("recorded_at", String(30), nullable=False),
    Column("recorded_by", String(80), nullable=False),
)

# the county's mapping of the hub's monthly indicators to the national system's field names
indicator_map = Table(
    "indicator_map", metadata,
    Column("indicator", String(40), primary_key=True),
    Column("field", String(60), nullable=False),
    Column("name", String(60), nullable=False),
    Column("set_at", String(30), nullable=False),
    Column("set_by", String(80), nullable=False),
)


def ensure_evidence_tables(engine: Engine) -> None:
    ensure_once(engine, metadata)
