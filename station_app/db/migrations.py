"""Schema migrations: named functions, each applied in its own transaction with its record.

Never edit or reorder a migration once released: an old station file must open in every
newer version (tests keep real old files as fixtures). Add a new function at the end.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from station_app.core.errors import NewerVersion
from station_app.i18n import QT_TRANSLATE_NOOP

migrations = Migrations("station")


def run(db: sqlite_utils.Database, script: str) -> None:
    """Run a block of statements inside the migration's transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_foundation(db: sqlite_utils.Database) -> None:
    run(db, """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE local_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        operator_id TEXT NOT NULL,
        station_time TEXT NOT NULL,
        hlc TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX events_entity ON events (entity_id);
    CREATE INDEX events_kind ON events (kind);

    CREATE TABLE hub_events (
        hub_seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        hub_time TEXT NOT NULL,
        after_seq INTEGER NOT NULL
    );

    CREATE TABLE station (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        village TEXT NOT NULL,
        county TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        id_salt TEXT NOT NULL,
        created_at TEXT NOT NULL
    );

    CREATE TABLE operators (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('manager', 'operator')),
        pin_salt TEXT NOT NULL,
        pin_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        last_login_at TEXT,
        created_at TEXT NOT NULL
    );

    CREATE TABLE people (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        phone TEXT,
        phone_tail TEXT,
        village TEXT NOT NULL DEFAULT '',
        sex TEXT,
        birth_year INTEGER,
        id_masked TEXT,
        id_hash TEXT,
        household_no TEXT,
        categories TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX people_name ON people (name);
    CREATE INDEX people_phone ON people (phone);
    CREATE INDEX people_phone_tail ON people (phone_tail);
    CREATE UNIQUE INDEX people_id_hash ON people (id_hash) WHERE id_hash IS NOT NULL;
    CREATE TABLE people_terms (term TEXT NOT NULL, person_id TEXT NOT NULL REFERENCES people (id));
    CREATE INDEX people_terms_term ON people_terms (term);
    CREATE INDEX people_terms_person ON people_terms (person_id);

    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('station', 'county'))
    );

    CREATE TABLE cash_periods (
        id TEXT PRIMARY KEY,
        label_day TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        opening_expected INTEGER NOT NULL,
        opening_counted INTEGER,
        closed_at TEXT,
        closed_by TEXT,
        closing_expected INTEGER,
        closing_counted INTEGER,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed'))
    );
    CREATE UNIQUE INDEX cash_one_open ON cash_periods (status) WHERE status = 'open';
    CREATE TABLE cash_txns (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        period_id TEXT NOT NULL REFERENCES cash_periods (id),
        kind TEXT NOT NULL,
        service TEXT NOT NULL,
        memo TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        operator_id TEXT NOT NULL
    );
    CREATE INDEX cash_txns_period ON cash_txns (period_id);
    CREATE TABLE cash_entries (
        txn_id TEXT NOT NULL REFERENCES cash_txns (id),
        account TEXT NOT NULL,
        amount INTEGER NOT NULL
    );
    CREATE INDEX cash_entries_txn ON cash_entries (txn_id);
    CREATE INDEX cash_entries_account ON cash_entries (account);
    CREATE TABLE cash_counts (
        id TEXT PRIMARY KEY,
        period_id TEXT NOT NULL REFERENCES cash_periods (id),
        counted INTEGER NOT NULL,
        expected INTEGER NOT NULL,
        at TEXT NOT NULL,
        operator_id TEXT NOT NULL
    )
    """)


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def migrate(db_: object) -> None:
    """Bring the file up to this version; refuse a file from a newer one without touching it."""
    from station_app.db.connection import StationDB

    assert isinstance(db_, StationDB)
    utils = db_.utils
    applied = [m.name for m in migrations.applied(utils)]
    unknown = [name for name in applied if name not in known_names()]
    if unknown:
        raise NewerVersion(
            QT_TRANSLATE_NOOP(
                "errors",
                "This station file was written by a newer version of the program ({names}). "
                "Install the newer version; the file was not changed.",
            ),
            names=", ".join(unknown),
        )
    if len(applied) < len(known_names()):
        migrations.apply(utils)
    if db_.value("SELECT value FROM meta WHERE key = 'instance_id'") is None:
        from station_app.core.ids import new_id

        with db_.transaction():
            db_.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('instance_id', ?)", (new_id(),))
