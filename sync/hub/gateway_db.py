"""The hub's tables for its real gateways (SQLAlchemy Core, SQLite and PostgreSQL), beside the
services' own (`sync.hub.service_db`):

- `sms_costs`: SMS sent per station, month and gateway, counted in billed parts.
- `biller_callbacks`: every result the aggregator posted, as it came, with what the hub made
  of it (`sync.hub.biller_notify`).
- `biller_statements`, `statement_differences`: the aggregator's daily statements and every
  order on them whose state or amount differs from the hub's (`sync.hub.statements`).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Engine, Index, Integer, MetaData, String, Table, Text

from sync.hub.service_db import ensure_once

metadata = MetaData()

sms_costs = Table(
    "sms_costs", metadata,
    Column("station_id", String(40), primary_key=True),
    Column("month", String(7), primary_key=True),  # YYYY-MM, the hub's month (Asia/Shanghai)
    Column("gateway", String(20), primary_key=True),  # aliyun / tencent / modem / log
    Column("messages", Integer, nullable=False),
    Column("parts", Integer, nullable=False),  # what the provider bills
)

biller_callbacks = Table(
    "biller_callbacks", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("order_no", String(64), nullable=False),
    Column("state", String(8), nullable=False),
    Column("amount", BigInteger),  # fen the aggregator says it paid
    Column("fields", Text, nullable=False),  # JSON of the posted form, without the signature
    Column("received_at", String(30), nullable=False),
    Column("verdict", String(20), nullable=False),  # applied / repeat / late / conflict / bad_sign / unknown_order
)
Index("biller_callbacks_order", biller_callbacks.c.order_no)

biller_statements = Table(
    "biller_statements", metadata,
    Column("day", String(10), primary_key=True),
    Column("fetched_at", String(30), nullable=False),
    Column("orders", Integer, nullable=False),
    Column("differing", Integer, nullable=False),
)

statement_differences = Table(
    "statement_differences", metadata,
    Column("day", String(10), primary_key=True),
    Column("order_no", String(64), primary_key=True),
    Column("request_id", String(40)),  # the hub's bill, when there is one
    Column("station_id", String(40)),
    Column("ours", String(40), nullable=False),  # status and fen as the hub has them ("" when unknown here)
    Column("theirs", String(40), nullable=False),  # state and fen as the statement has them ("" when absent)
    Column("kind", String(20), nullable=False),  # state / amount / only_ours / only_theirs
    Column("found_at", String(30), nullable=False),
    Column("settled_at", String(30)),
)


def ensure_gateway_tables(engine: Engine) -> None:
    """Create these tables if missing (once per engine and process)."""
    ensure_once(engine, metadata)
