"""Schema migrations: named functions, each applied in its own transaction with its record.

Never edit or reorder a migration once released: an old station file must open in every
newer version (tests keep real old files as fixtures). Add a new function at the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils
from sqlite_utils.migrations import Migrations

from station_app.errors import NewerVersion
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

if TYPE_CHECKING:
    from station_app.db.connection import StationDB

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


def migrate(db_: StationDB) -> None:
    """Bring the file up to this version; refuse a file from a newer one without touching it."""
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
        # foreign keys off (only possible outside a transaction) so that a table rebuild cannot cascade
        db_.execute("PRAGMA foreign_keys=OFF")
        try:
            migrations.apply(utils)
        finally:
            db_.execute("PRAGMA foreign_keys=ON")
    if db_.value("SELECT value FROM meta WHERE key = 'instance_id'") is None:
        with db_.transaction():
            db_.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('instance_id', ?)", (new_id(),))


@migrations()
def m003_parcels(db: sqlite_utils.Database) -> None:
    """Parcels in and out: shelves, parcels, county manifest, SMS notices, consents, stock-takes,
    outgoing parcels, courier batches, the county fee table."""
    run(db, """
    CREATE TABLE shelf_layers (
        shelf TEXT NOT NULL,
        layer INTEGER NOT NULL,
        size TEXT NOT NULL,
        capacity INTEGER NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (shelf, layer)
    );

    CREATE TABLE parcels (
        id TEXT PRIMARY KEY,
        waybill TEXT NOT NULL,
        carrier TEXT NOT NULL DEFAULT '',
        recipient_name TEXT NOT NULL DEFAULT '',
        phone TEXT,
        phone_tail TEXT,
        person_id TEXT REFERENCES people (id),
        size TEXT NOT NULL,
        shelf TEXT,
        layer INTEGER,
        serial TEXT,
        pickup_code TEXT,
        status TEXT NOT NULL,
        on_shelf INTEGER NOT NULL,
        expected INTEGER NOT NULL DEFAULT 0,
        dispatched_at TEXT,
        arrived_at TEXT NOT NULL,
        notified_at TEXT,
        picked_up_at TEXT,
        returned_at TEXT,
        exception_at TEXT,
        checked_in_by TEXT NOT NULL,
        closed_by TEXT,
        collector TEXT,
        proxy_name TEXT,
        verified_by TEXT,
        exception_kind TEXT,
        exception_note TEXT,
        photo_path TEXT,
        return_reason TEXT,
        return_note TEXT,
        reminders INTEGER NOT NULL DEFAULT 0,
        last_reminded_at TEXT,
        warning TEXT,
        warning_detail TEXT
    );
    CREATE INDEX parcels_waybill ON parcels (waybill);
    CREATE INDEX parcels_arrived ON parcels (arrived_at);
    CREATE INDEX parcels_picked_up ON parcels (picked_up_at) WHERE picked_up_at IS NOT NULL;
    CREATE INDEX parcels_returned ON parcels (returned_at) WHERE returned_at IS NOT NULL;
    CREATE INDEX parcels_exception ON parcels (exception_at) WHERE exception_at IS NOT NULL;
    CREATE UNIQUE INDEX parcels_shelf_serial ON parcels (shelf, serial) WHERE on_shelf = 1;
    CREATE UNIQUE INDEX parcels_code ON parcels (pickup_code) WHERE on_shelf = 1;
    CREATE INDEX parcels_tail ON parcels (phone_tail) WHERE on_shelf = 1;
    CREATE INDEX parcels_phone ON parcels (phone) WHERE on_shelf = 1;
    CREATE INDEX parcels_person ON parcels (person_id) WHERE on_shelf = 1;
    CREATE INDEX parcels_on_shelf ON parcels (arrived_at) WHERE on_shelf = 1;

    CREATE TABLE parcels_expected (
        waybill TEXT PRIMARY KEY,
        hub_ref TEXT NOT NULL,
        carrier TEXT NOT NULL DEFAULT '',
        recipient_name TEXT NOT NULL DEFAULT '',
        phone TEXT,
        phone_tail TEXT,
        dispatched_at TEXT,
        received_at TEXT NOT NULL,
        return_requested INTEGER NOT NULL DEFAULT 0,
        return_reason TEXT,
        parcel_id TEXT
    );
    CREATE INDEX parcels_expected_waiting ON parcels_expected (dispatched_at) WHERE parcel_id IS NULL;

    CREATE TABLE parcel_notices (
        id TEXT PRIMARY KEY,
        parcel_id TEXT NOT NULL REFERENCES parcels (id),
        kind TEXT NOT NULL,
        phone TEXT,
        phone_tail TEXT,
        text TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
        queued_at TEXT NOT NULL,
        sent_at TEXT,
        detail TEXT
    );
    CREATE INDEX parcel_notices_parcel ON parcel_notices (parcel_id);
    CREATE INDEX parcel_notices_queued ON parcel_notices (queued_at) WHERE status = 'queued';

    CREATE TABLE delivery_consents (
        id TEXT PRIMARY KEY,
        person_id TEXT REFERENCES people (id),
        phone TEXT,
        name TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        operator_id TEXT NOT NULL
    );
    CREATE UNIQUE INDEX delivery_consents_person ON delivery_consents (person_id) WHERE person_id IS NOT NULL;
    CREATE INDEX delivery_consents_phone ON delivery_consents (phone);

    CREATE TABLE stocktakes (
        id TEXT PRIMARY KEY,
        shelf TEXT,
        status TEXT NOT NULL CHECK (status IN ('open', 'finished')),
        started_at TEXT NOT NULL,
        started_by TEXT NOT NULL,
        finished_at TEXT,
        finished_by TEXT,
        missing INTEGER,
        unexpected INTEGER
    );
    CREATE TABLE stocktake_scans (
        stocktake_id TEXT NOT NULL REFERENCES stocktakes (id),
        code TEXT NOT NULL,
        parcel_id TEXT,
        result TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (stocktake_id, code)
    );
    CREATE INDEX stocktake_scans_parcel ON stocktake_scans (stocktake_id, parcel_id);
    CREATE TABLE stocktake_items (
        stocktake_id TEXT NOT NULL REFERENCES stocktakes (id),
        code TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('missing', 'unexpected')),
        parcel_id TEXT,
        result TEXT NOT NULL,
        resolution TEXT,
        resolved_at TEXT,
        resolved_by TEXT,
        PRIMARY KEY (stocktake_id, code)
    );

    CREATE TABLE county_fees (
        carrier TEXT NOT NULL,
        zone TEXT NOT NULL,
        first_g INTEGER NOT NULL,
        first_fen INTEGER NOT NULL,
        extra_g INTEGER NOT NULL,
        extra_fen INTEGER NOT NULL,
        hub_ref TEXT NOT NULL,
        PRIMARY KEY (carrier, zone)
    );

    CREATE TABLE outbound_parcels (
        id TEXT PRIMARY KEY,
        receipt_no TEXT NOT NULL UNIQUE,
        ewaybill TEXT NOT NULL,
        carrier TEXT NOT NULL,
        sender_id TEXT NOT NULL REFERENCES people (id),
        sender_name TEXT NOT NULL,
        sender_phone TEXT,
        recipient_name TEXT NOT NULL,
        recipient_phone TEXT NOT NULL,
        recipient_address TEXT NOT NULL,
        contents TEXT NOT NULL,
        farm_produce INTEGER NOT NULL,
        farm_category TEXT,
        out_of_county INTEGER NOT NULL,
        weight_g INTEGER NOT NULL,
        fee_fen INTEGER NOT NULL,
        payment TEXT NOT NULL CHECK (payment IN ('cash', 'qr')),
        status TEXT NOT NULL CHECK (status IN ('taken', 'handed_over', 'cancelled')),
        batch_id TEXT,
        taken_at TEXT NOT NULL,
        handed_over_at TEXT,
        cancelled_at TEXT,
        cancel_reason TEXT,
        operator_id TEXT NOT NULL
    );
    CREATE UNIQUE INDEX outbound_ewaybill ON outbound_parcels (ewaybill) WHERE status != 'cancelled';
    CREATE INDEX outbound_waiting ON outbound_parcels (carrier, taken_at) WHERE status = 'taken';
    CREATE INDEX outbound_taken_at ON outbound_parcels (taken_at);
    CREATE INDEX outbound_handed_over ON outbound_parcels (handed_over_at) WHERE handed_over_at IS NOT NULL;
    CREATE TABLE courier_batches (
        id TEXT PRIMARY KEY,
        carrier TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT,
        courier_name TEXT,
        sheet_no TEXT UNIQUE,
        left_behind TEXT
    );
    CREATE UNIQUE INDEX courier_batches_one_open ON courier_batches (carrier) WHERE status = 'open';
    CREATE TABLE batch_items (
        batch_id TEXT NOT NULL REFERENCES courier_batches (id),
        outbound_id TEXT NOT NULL REFERENCES outbound_parcels (id),
        scanned_at TEXT NOT NULL,
        PRIMARY KEY (batch_id, outbound_id)
    )
    """)


@migrations()
def m002_sync(db: sqlite_utils.Database) -> None:
    """Sync with the county hub: flags the hub raised on records (a fold of hub events)."""
    run(db, """
    CREATE TABLE record_flags (
        id TEXT PRIMARY KEY,
        entity_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        params TEXT NOT NULL DEFAULT '{}',
        raised_at TEXT NOT NULL,
        cleared_at TEXT
    );
    CREATE INDEX record_flags_open ON record_flags (entity_id) WHERE cleared_at IS NULL
    """)


@migrations()
def m005_training(db: sqlite_utils.Database) -> None:
    """Training: sessions (station-made or from the county schedule), sign-ins, surveys,
    on-site photos, follow-ups per trainee."""
    run(db, """
    CREATE TABLE training_sessions (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        category TEXT NOT NULL,
        trainer_org TEXT NOT NULL DEFAULT '',
        trainer_licence TEXT NOT NULL DEFAULT '',
        lecturers TEXT NOT NULL DEFAULT '[]',
        syllabus TEXT NOT NULL DEFAULT '',
        materials TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        capacity INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('station', 'county')),
        status TEXT NOT NULL CHECK (status IN ('planned', 'running', 'ended')),
        started_at TEXT,
        started_by TEXT,
        ended_at TEXT,
        ended_by TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE training_signins (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        session_id TEXT NOT NULL REFERENCES training_sessions (id),
        person_id TEXT NOT NULL REFERENCES people (id),
        method TEXT NOT NULL,
        category TEXT NOT NULL,
        poverty INTEGER NOT NULL DEFAULT 0,
        signed_in_at TEXT NOT NULL,
        signed_out_at TEXT,
        operator_id TEXT NOT NULL,
        UNIQUE (session_id, person_id)
    );
    CREATE INDEX training_signins_person ON training_signins (person_id);
    CREATE INDEX training_signins_at ON training_signins (signed_in_at);
    CREATE TABLE training_surveys (
        signin_id TEXT PRIMARY KEY REFERENCES training_signins (id),
        session_id TEXT NOT NULL REFERENCES training_sessions (id),
        person_id TEXT NOT NULL REFERENCES people (id),
        overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
        answers TEXT NOT NULL DEFAULT '{}',
        comment TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        operator_id TEXT NOT NULL
    );
    CREATE INDEX training_surveys_session ON training_surveys (session_id);
    CREATE TABLE training_photos (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        session_id TEXT NOT NULL REFERENCES training_sessions (id),
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        caption TEXT NOT NULL DEFAULT '',
        original_name TEXT NOT NULL DEFAULT '',
        taken_at TEXT,
        added_at TEXT NOT NULL,
        operator_id TEXT NOT NULL
    );
    CREATE INDEX training_photos_session ON training_photos (session_id);
    CREATE TABLE training_followups (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        person_id TEXT NOT NULL REFERENCES people (id),
        session_id TEXT REFERENCES training_sessions (id),
        outcome TEXT NOT NULL CHECK (outcome IN ('shop', 'employed', 'none')),
        on_day TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        operator_id TEXT NOT NULL
    );
    CREATE INDEX training_followups_person ON training_followups (person_id)
    """)


@migrations()
def m006_bills(db: sqlite_utils.Database) -> None:
    """Bill payment and top-up: bills (the request id is the idempotency key), every county
    result as it arrived, and the county's biller catalogue."""
    run(db, """
    CREATE TABLE bills (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        receipt_no TEXT NOT NULL UNIQUE,
        product_id TEXT NOT NULL,
        biller_id TEXT NOT NULL,
        biller_name TEXT NOT NULL,
        product_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        account TEXT NOT NULL,
        amount INTEGER NOT NULL,
        fee INTEGER NOT NULL,
        commission INTEGER NOT NULL,
        cash_received INTEGER NOT NULL,
        change INTEGER NOT NULL,
        payer_id TEXT REFERENCES people (id),
        payer_name TEXT NOT NULL DEFAULT '',
        operator_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('accepted', 'pending', 'paid', 'refund_due', 'refunded')),
        accepted_at TEXT NOT NULL,
        pending_since TEXT,
        paid_at TEXT,
        failed_at TEXT,
        refunded_at TEXT,
        refunded_by TEXT,
        biller_ref TEXT NOT NULL DEFAULT '',
        result_message TEXT NOT NULL DEFAULT '',
        name_check TEXT NOT NULL,
        holder_expected TEXT NOT NULL DEFAULT '',
        holder_reported TEXT NOT NULL DEFAULT '',
        refund_no TEXT UNIQUE,
        refund_fee INTEGER NOT NULL DEFAULT 0,
        conflict TEXT NOT NULL DEFAULT '',
        conflict_detail TEXT NOT NULL DEFAULT '',
        conflict_note TEXT NOT NULL DEFAULT '',
        duplicate_of TEXT
    );
    CREATE INDEX bills_account ON bills (biller_id, account, accepted_at);
    CREATE INDEX bills_state ON bills (state, accepted_at);
    CREATE INDEX bills_accepted_at ON bills (accepted_at);
    CREATE INDEX bills_paid_at ON bills (paid_at);
    CREATE TABLE bill_results (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        status TEXT NOT NULL,
        biller_ref TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        effect TEXT NOT NULL
    );
    CREATE INDEX bill_results_request ON bill_results (request_id);
    CREATE TABLE bill_catalogue (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL,
        received_at TEXT NOT NULL,
        skipped INTEGER NOT NULL DEFAULT 0,
        hub_event TEXT NOT NULL
    );
    CREATE TABLE bill_products (
        id TEXT PRIMARY KEY,
        biller_id TEXT NOT NULL,
        sort INTEGER NOT NULL,
        spec TEXT NOT NULL
    );
    CREATE TABLE bill_catalogue_problems (
        id TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        problems TEXT NOT NULL
    )
    """)


@migrations()
def m004_consignment(db: sqlite_utils.Database) -> None:
    """Consignment (代卖) with traceability codes, settlements; proxy purchase (代买) and county
    online-shop orders; the county catalogue."""
    run(db, """
    CREATE TABLE consignors (
        id TEXT PRIMARY KEY,
        number INTEGER NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'coop')),
        person_id TEXT REFERENCES people (id),
        name TEXT NOT NULL,
        phone TEXT NOT NULL,
        village TEXT NOT NULL DEFAULT '',
        commission_bp INTEGER NOT NULL,
        poverty INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX consignors_person ON consignors (person_id) WHERE person_id IS NOT NULL;
    CREATE TABLE consign_intakes (
        id TEXT PRIMARY KEY,
        consignor_id TEXT NOT NULL REFERENCES consignors (id),
        day TEXT NOT NULL,
        at TEXT NOT NULL,
        operator_id TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE consign_lots (
        id TEXT PRIMARY KEY,
        lot_no INTEGER NOT NULL UNIQUE,
        intake_id TEXT NOT NULL REFERENCES consign_intakes (id),
        consignor_id TEXT NOT NULL REFERENCES consignors (id),
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        unit TEXT NOT NULL,
        per_unit INTEGER NOT NULL,
        quantity_m INTEGER NOT NULL,
        on_hand_m INTEGER NOT NULL CHECK (on_hand_m >= 0),
        sold_m INTEGER NOT NULL DEFAULT 0,
        returned_m INTEGER NOT NULL DEFAULT 0,
        price INTEGER NOT NULL,
        commission_bp INTEGER NOT NULL,
        expiry TEXT,
        photo TEXT NOT NULL DEFAULT '',
        intake_day TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('on_hand', 'sold_out', 'returned'))
    );
    CREATE INDEX consign_lots_consignor ON consign_lots (consignor_id);
    CREATE INDEX consign_lots_on_hand ON consign_lots (lot_no) WHERE on_hand_m > 0;
    CREATE TABLE consign_codes (
        code TEXT PRIMARY KEY,
        lot_id TEXT NOT NULL REFERENCES consign_lots (id),
        unit_no INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('on_hand', 'sold', 'retired')),
        sale_id TEXT
    );
    CREATE INDEX consign_codes_lot ON consign_codes (lot_id, unit_no);
    CREATE TABLE consign_sales (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        channel TEXT NOT NULL CHECK (channel IN ('counter', 'online')),
        payment TEXT NOT NULL,
        day TEXT NOT NULL,
        at TEXT NOT NULL,
        operator_id TEXT NOT NULL,
        buyer_id TEXT,
        period_id TEXT,
        list_total INTEGER NOT NULL,
        discount INTEGER NOT NULL,
        total INTEGER NOT NULL,
        commission INTEGER NOT NULL,
        share INTEGER NOT NULL,
        tendered INTEGER,
        status TEXT NOT NULL CHECK (status IN ('completed', 'voided', 'returned')),
        void_reason TEXT,
        voided_at TEXT
    );
    CREATE INDEX consign_sales_day ON consign_sales (day);
    CREATE TABLE consign_sale_lines (
        sale_id TEXT NOT NULL REFERENCES consign_sales (id),
        line_no INTEGER NOT NULL,
        lot_id TEXT NOT NULL REFERENCES consign_lots (id),
        consignor_id TEXT NOT NULL REFERENCES consignors (id),
        codes TEXT NOT NULL,
        quantity_m INTEGER NOT NULL,
        price INTEGER NOT NULL,
        list_amount INTEGER NOT NULL,
        discount INTEGER NOT NULL,
        amount INTEGER NOT NULL,
        commission_bp INTEGER NOT NULL,
        commission INTEGER NOT NULL,
        share INTEGER NOT NULL,
        returned_m INTEGER NOT NULL DEFAULT 0,
        poverty INTEGER NOT NULL,
        category TEXT NOT NULL,
        PRIMARY KEY (sale_id, line_no)
    );
    CREATE INDEX consign_sale_lines_consignor ON consign_sale_lines (consignor_id);
    CREATE TABLE consign_returns (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        sale_id TEXT NOT NULL REFERENCES consign_sales (id),
        reason TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'cancelled')),
        refund INTEGER NOT NULL,
        commission INTEGER NOT NULL,
        share INTEGER NOT NULL,
        refund_by TEXT,
        day TEXT,
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        finished_at TEXT,
        cancel_reason TEXT
    );
    CREATE INDEX consign_returns_sale ON consign_returns (sale_id);
    CREATE TABLE consign_return_lines (
        return_id TEXT NOT NULL REFERENCES consign_returns (id),
        line_no INTEGER NOT NULL,
        lot_id TEXT NOT NULL,
        consignor_id TEXT NOT NULL,
        quantity_m INTEGER NOT NULL,
        codes TEXT NOT NULL,
        refund INTEGER NOT NULL,
        commission INTEGER NOT NULL,
        share INTEGER NOT NULL,
        poverty INTEGER NOT NULL,
        category TEXT NOT NULL,
        PRIMARY KEY (return_id, line_no)
    );
    CREATE TABLE consign_moves (
        id TEXT PRIMARY KEY,
        consignor_id TEXT NOT NULL REFERENCES consignors (id),
        kind TEXT NOT NULL CHECK (kind IN ('sale', 'return')),
        sale_id TEXT NOT NULL,
        return_id TEXT,
        line_no INTEGER NOT NULL,
        lot_id TEXT NOT NULL,
        day TEXT NOT NULL,
        quantity_m INTEGER NOT NULL,
        amount INTEGER NOT NULL,
        commission INTEGER NOT NULL,
        share INTEGER NOT NULL,
        poverty INTEGER NOT NULL,
        category TEXT NOT NULL,
        channel TEXT NOT NULL,
        voided INTEGER NOT NULL DEFAULT 0,
        settlement_id TEXT
    );
    CREATE INDEX consign_moves_open ON consign_moves (consignor_id, day) WHERE settlement_id IS NULL;
    CREATE INDEX consign_moves_day ON consign_moves (day);
    CREATE INDEX consign_moves_settlement ON consign_moves (settlement_id);
    CREATE TABLE consign_handbacks (
        id TEXT PRIMARY KEY,
        consignor_id TEXT NOT NULL REFERENCES consignors (id),
        day TEXT NOT NULL,
        at TEXT NOT NULL,
        operator_id TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE consign_handback_lines (
        handback_id TEXT NOT NULL REFERENCES consign_handbacks (id),
        lot_id TEXT NOT NULL REFERENCES consign_lots (id),
        quantity_m INTEGER NOT NULL,
        codes TEXT NOT NULL
    );
    CREATE TABLE consign_settlements (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        consignor_id TEXT NOT NULL REFERENCES consignors (id),
        start_day TEXT NOT NULL,
        end_day TEXT NOT NULL,
        sales INTEGER NOT NULL,
        commission INTEGER NOT NULL,
        due INTEGER NOT NULL,
        moves TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('due', 'paid', 'cancelled')),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        paid_at TEXT,
        paid_day TEXT,
        paid_by TEXT,
        method TEXT,
        reference TEXT NOT NULL DEFAULT '',
        cancel_reason TEXT
    );

    CREATE TABLE county_catalogue (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        spec TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL,
        price INTEGER NOT NULL,
        supplier TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE proxy_orders (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        person_id TEXT NOT NULL REFERENCES people (id),
        kind TEXT NOT NULL CHECK (kind IN ('catalogue', 'request')),
        catalogue_item_id TEXT,
        description TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        estimate INTEGER NOT NULL,
        fee INTEGER NOT NULL,
        deposit INTEGER NOT NULL,
        payment TEXT NOT NULL DEFAULT 'cash',
        cost INTEGER,
        balance INTEGER,
        poverty INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ordered', 'arrived', 'closed', 'cancelled')),
        parcel_id TEXT,
        day TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        arrived_at TEXT,
        closed_at TEXT,
        closed_day TEXT,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX proxy_orders_status ON proxy_orders (status);
    CREATE INDEX proxy_orders_parcel ON proxy_orders (parcel_id) WHERE parcel_id IS NOT NULL;
    CREATE TABLE online_orders (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL,
        platform TEXT NOT NULL DEFAULT '',
        receiver_name TEXT NOT NULL,
        receiver_phone TEXT NOT NULL,
        receiver_address TEXT NOT NULL,
        lines TEXT NOT NULL,
        total INTEGER NOT NULL,
        ordered_at TEXT NOT NULL,
        county_status TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('new', 'packed', 'sent', 'cancelled')),
        sale_id TEXT,
        waybill TEXT,
        packed_at TEXT,
        sent_at TEXT,
        sent_day TEXT,
        received_at TEXT NOT NULL
    );
    CREATE INDEX online_orders_status ON online_orders (status)
    """)


def rebuild(db: sqlite_utils.Database, table: str, create: str) -> None:
    """Change a table's column constraints the SQLite way: create the new shape, copy every row,
    swap. `migrate` turns foreign keys off around migrations so the swap cannot cascade; the
    check afterwards proves no reference was broken (else the migration rolls back)."""
    columns = ", ".join(c.name for c in db[table].columns)
    run(db, create.replace(f"CREATE TABLE {table} ", f"CREATE TABLE {table}_new ", 1))
    db.execute(f"INSERT INTO {table}_new ({columns}) SELECT {columns} FROM {table}")
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"rebuilding {table} broke references: {broken[:5]}")


@migrations()
def m007_online_dispatch(db: sqlite_utils.Database) -> None:
    """County online-shop orders leave as outbound parcels: the station itself is the sender
    (no villager), and the county platform pays the postage (no cash at the counter)."""
    rebuild(db, "outbound_parcels", """
    CREATE TABLE outbound_parcels (
        id TEXT PRIMARY KEY,
        receipt_no TEXT NOT NULL UNIQUE,
        ewaybill TEXT NOT NULL,
        carrier TEXT NOT NULL,
        sender_id TEXT REFERENCES people (id),
        sender_name TEXT NOT NULL,
        sender_phone TEXT,
        recipient_name TEXT NOT NULL,
        recipient_phone TEXT NOT NULL,
        recipient_address TEXT NOT NULL,
        contents TEXT NOT NULL,
        farm_produce INTEGER NOT NULL,
        farm_category TEXT,
        out_of_county INTEGER NOT NULL,
        weight_g INTEGER NOT NULL,
        fee_fen INTEGER NOT NULL,
        payment TEXT NOT NULL CHECK (payment IN ('cash', 'qr', 'county')),
        status TEXT NOT NULL CHECK (status IN ('taken', 'handed_over', 'cancelled')),
        batch_id TEXT,
        taken_at TEXT NOT NULL,
        handed_over_at TEXT,
        cancelled_at TEXT,
        cancel_reason TEXT,
        operator_id TEXT NOT NULL
    )""")
    run(db, """
    CREATE UNIQUE INDEX outbound_ewaybill ON outbound_parcels (ewaybill) WHERE status != 'cancelled';
    CREATE INDEX outbound_waiting ON outbound_parcels (carrier, taken_at) WHERE status = 'taken';
    CREATE INDEX outbound_taken_at ON outbound_parcels (taken_at);
    CREATE INDEX outbound_handed_over ON outbound_parcels (handed_over_at) WHERE handed_over_at IS NOT NULL;
    ALTER TABLE online_orders ADD COLUMN note TEXT NOT NULL DEFAULT '';
    ALTER TABLE online_orders ADD COLUMN carrier TEXT;
    ALTER TABLE online_orders ADD COLUMN outbound_id TEXT REFERENCES outbound_parcels (id)
    """)


@migrations()
def m008_bill_voids(db: sqlite_utils.Database) -> None:
    """A bill taken by mistake is voided the same business day: before it went to the county the
    cash goes back at once (state 'voided'); after, the station asks the county to cancel it
    (void_requested_at) and refunds once the county says it was not paid."""
    rebuild(db, "bills", """
    CREATE TABLE bills (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        receipt_no TEXT NOT NULL UNIQUE,
        product_id TEXT NOT NULL,
        biller_id TEXT NOT NULL,
        biller_name TEXT NOT NULL,
        product_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        account TEXT NOT NULL,
        amount INTEGER NOT NULL,
        fee INTEGER NOT NULL,
        commission INTEGER NOT NULL,
        cash_received INTEGER NOT NULL,
        change INTEGER NOT NULL,
        payer_id TEXT REFERENCES people (id),
        payer_name TEXT NOT NULL DEFAULT '',
        operator_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('accepted', 'pending', 'paid', 'refund_due', 'refunded', 'voided')),
        accepted_at TEXT NOT NULL,
        pending_since TEXT,
        paid_at TEXT,
        failed_at TEXT,
        refunded_at TEXT,
        refunded_by TEXT,
        biller_ref TEXT NOT NULL DEFAULT '',
        result_message TEXT NOT NULL DEFAULT '',
        name_check TEXT NOT NULL,
        holder_expected TEXT NOT NULL DEFAULT '',
        holder_reported TEXT NOT NULL DEFAULT '',
        refund_no TEXT UNIQUE,
        refund_fee INTEGER NOT NULL DEFAULT 0,
        conflict TEXT NOT NULL DEFAULT '',
        conflict_detail TEXT NOT NULL DEFAULT '',
        conflict_note TEXT NOT NULL DEFAULT '',
        duplicate_of TEXT,
        voided_at TEXT,
        voided_by TEXT,
        void_no TEXT UNIQUE,
        void_reason TEXT NOT NULL DEFAULT '',
        void_requested_at TEXT
    )""")
    run(db, """
    CREATE INDEX bills_account ON bills (biller_id, account, accepted_at);
    CREATE INDEX bills_state ON bills (state, accepted_at);
    CREATE INDEX bills_accepted_at ON bills (accepted_at);
    CREATE INDEX bills_paid_at ON bills (paid_at)
    """)


@migrations()
def m009_secrets_stay_here(db: sqlite_utils.Database) -> None:
    """Secrets leave the synced and backed-up parts of the file (issue 18):
    - PIN hashes move from `operators` (a fold of events, which reach the hub) to `operator_pins`,
      which no event writes; the PINs moved are marked `must_change`, since older versions put
      their hashes into events;
    - the sync token moves from `local_settings` into the PC's keystore (`station_app.keystore`),
      erased from the file's pages (secure_delete);
    - a clock offset stored as a bare number gets the PC time it was measured at
      (`clock.offset_text`): the last good sync's hub time minus the offset; with no sync
      to date it from, a large one is dropped (the next sync measures it again);
    - events get an index on their stamp (`events.stamped_ahead`, the reconcile's day ranges)."""
    run(db, """
    CREATE TABLE operator_pins (
        operator_id TEXT PRIMARY KEY REFERENCES operators (id),
        pin_salt TEXT NOT NULL,
        pin_hash TEXT NOT NULL,
        must_change INTEGER NOT NULL DEFAULT 0,
        set_at TEXT NOT NULL
    );
    INSERT INTO operator_pins (operator_id, pin_salt, pin_hash, must_change, set_at)
        SELECT id, pin_salt, pin_hash, 1, created_at FROM operators;
    CREATE TABLE operators_new (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('manager', 'operator')),
        active INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        last_login_at TEXT,
        created_at TEXT NOT NULL
    );
    INSERT INTO operators_new (id, name, role, active, failed_attempts, locked_until, last_login_at, created_at)
        SELECT id, name, role, active, failed_attempts, locked_until, last_login_at, created_at FROM operators;
    DROP TABLE operators;
    ALTER TABLE operators_new RENAME TO operators;
    CREATE INDEX events_hlc ON events (hlc)
    """)
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"moving the PINs broke references: {broken[:5]}")
    _clock_offset_with_its_time(db)
    _token_into_keystore(db)


def _clock_offset_with_its_time(db: sqlite_utils.Database) -> None:
    from station_app.clock import CLOCK_WARNING_MS, offset_text, parse_iso

    row = db.execute("SELECT value FROM local_settings WHERE key = 'clock_offset_ms'").fetchone()
    if row is None or "@" in row[0]:
        return
    try:
        offset = int(row[0])
    except ValueError:
        offset = 0
    last_ok = db.execute("SELECT value FROM local_settings WHERE key = 'sync.last_ok'").fetchone()
    try:
        measured_at = int(parse_iso(last_ok[0]).timestamp() * 1000) - offset if last_ok else None
    except ValueError:
        measured_at = None
    if measured_at is None and abs(offset) > CLOCK_WARNING_MS:
        db.execute("DELETE FROM local_settings WHERE key = 'clock_offset_ms'")
    elif measured_at is not None:
        db.execute("UPDATE local_settings SET value = ? WHERE key = 'clock_offset_ms'", (offset_text(offset, measured_at),))


def _token_into_keystore(db: sqlite_utils.Database) -> None:
    from station_app import keystore

    row = db.execute("SELECT value FROM local_settings WHERE key = 'sync.token'").fetchone()
    if row is None:
        return
    path = db.execute("PRAGMA database_list").fetchone()[2]
    if path:  # an in-memory file has no keystore: the token is simply dropped with the file
        keystore.put(Path(path), keystore.TOKEN, row[0])
    db.execute("PRAGMA secure_delete = ON")  # the deleted row's bytes are overwritten, not left in a free page
    db.execute("DELETE FROM local_settings WHERE key = 'sync.token'")
    db.execute("PRAGMA secure_delete = OFF")


@migrations()
def m010_county_notices(db: sqlite_utils.Database) -> None:
    """Notices the county sends every station (or one): a title, a text, the last day to show it."""
    run(db, """
    CREATE TABLE county_notices (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        until TEXT NOT NULL DEFAULT '',
        sender TEXT NOT NULL DEFAULT '',
        received_at TEXT NOT NULL
    )
    """)


@migrations()
def m011_more_services(db: sqlite_utils.Database) -> None:
    """Issue 22: the bank-card cash point (助农取款) and its daily settlement, the service ledger
    (便民服务台账) with the county's categories, county notices posted on the wall, photos taken
    at the parcel counter, and farm inputs (kind, producer, batch) in proxy purchases."""
    run(db, """
    CREATE TABLE cash_withdrawals (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        voucher_no TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL,
        trace_no TEXT NOT NULL,
        terminal_time TEXT NOT NULL,
        card_masked TEXT NOT NULL,
        card_hash TEXT NOT NULL,
        bank TEXT NOT NULL DEFAULT '',
        amount INTEGER NOT NULL CHECK (amount > 0),
        person_id TEXT REFERENCES people (id),
        name TEXT NOT NULL DEFAULT '',
        poverty INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('paid', 'voided')),
        recorded_at TEXT NOT NULL,
        operator_id TEXT NOT NULL,
        voided_at TEXT,
        void_reason TEXT
    );
    CREATE UNIQUE INDEX cash_withdrawals_trace ON cash_withdrawals (day, trace_no);
    CREATE INDEX cash_withdrawals_card ON cash_withdrawals (card_hash, day);
    CREATE TABLE cash_settlements (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        day TEXT NOT NULL,
        bank_total INTEGER NOT NULL,
        bank_count INTEGER,
        expected_total INTEGER NOT NULL,
        expected_count INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        operator_id TEXT NOT NULL
    );
    CREATE INDEX cash_settlements_day ON cash_settlements (day);
    CREATE TABLE service_categories (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        position INTEGER NOT NULL,
        active INTEGER NOT NULL DEFAULT 1
    );
    INSERT INTO service_categories (code, name, position) VALUES
        ('consult', '信息咨询', 1), ('tickets', '车票机票代购', 2), ('hotel', '酒店预订', 3),
        ('insurance', '保险代办', 4), ('medical_insurance', '医保登记', 5), ('jobs', '就业劳务推荐', 6),
        ('care', '家政养老信息', 7), ('other', '其他便民服务', 8);
    CREATE TABLE service_records (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        number TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL,
        category TEXT NOT NULL,
        category_name TEXT NOT NULL,
        person_id TEXT REFERENCES people (id),
        name TEXT NOT NULL DEFAULT '',
        poverty INTEGER NOT NULL DEFAULT 0,
        people INTEGER NOT NULL DEFAULT 1,
        fee INTEGER NOT NULL DEFAULT 0,
        payment TEXT NOT NULL DEFAULT 'cash',
        note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('done', 'voided')),
        recorded_at TEXT NOT NULL,
        operator_id TEXT NOT NULL,
        voided_at TEXT,
        void_reason TEXT
    );
    CREATE INDEX service_records_day ON service_records (day);
    ALTER TABLE county_notices ADD COLUMN posted_at TEXT;
    ALTER TABLE county_notices ADD COLUMN posted_by TEXT;
    CREATE TABLE parcel_photos (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        parcel_id TEXT NOT NULL REFERENCES parcels (id),
        moment TEXT NOT NULL CHECK (moment IN ('check_in', 'hand_over')),
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        taken_at TEXT NOT NULL,
        operator_id TEXT NOT NULL,
        pruned_at TEXT
    );
    CREATE INDEX parcel_photos_parcel ON parcel_photos (parcel_id);
    CREATE INDEX parcel_photos_kept ON parcel_photos (taken_at) WHERE pruned_at IS NULL;
    ALTER TABLE county_catalogue ADD COLUMN farm_kind TEXT NOT NULL DEFAULT '';
    ALTER TABLE county_catalogue ADD COLUMN producer TEXT NOT NULL DEFAULT '';
    ALTER TABLE proxy_orders ADD COLUMN farm_kind TEXT NOT NULL DEFAULT '';
    ALTER TABLE proxy_orders ADD COLUMN producer TEXT NOT NULL DEFAULT '';
    ALTER TABLE proxy_orders ADD COLUMN batch TEXT NOT NULL DEFAULT ''
    """)


@migrations()
def m012_audit_evidence(db: sqlite_utils.Database) -> None:
    """Issue 21: evidence the county's audit accepts. Outgoing parcels keep the destination's
    administrative-division code, the goods' value and a cooperative sender, and the e-waybill's
    photo; training sessions keep each archive document as a file; follow-ups record a business
    started and jobs created; the county's villages and its poverty register (keyed ID hashes,
    never a number) arrive from the hub."""
    run(db, """
    ALTER TABLE outbound_parcels ADD COLUMN destination_code TEXT;
    ALTER TABLE outbound_parcels ADD COLUMN goods_value_fen INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE outbound_parcels ADD COLUMN sender_org_code TEXT;
    ALTER TABLE outbound_parcels ADD COLUMN sender_org_name TEXT;
    CREATE TABLE outbound_photos (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        outbound_id TEXT NOT NULL REFERENCES outbound_parcels (id),
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        operator_id TEXT NOT NULL
    );
    CREATE INDEX outbound_photos_parcel ON outbound_photos (outbound_id);
    CREATE TABLE training_documents (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        session_id TEXT NOT NULL REFERENCES training_sessions (id),
        kind TEXT NOT NULL,
        lecturer TEXT NOT NULL DEFAULT '',
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        original_name TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL,
        operator_id TEXT NOT NULL
    );
    CREATE INDEX training_documents_session ON training_documents (session_id, kind);
    CREATE TABLE training_followups_v2 (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        person_id TEXT NOT NULL REFERENCES people (id),
        session_id TEXT REFERENCES training_sessions (id),
        outcome TEXT NOT NULL CHECK (outcome IN ('shop', 'employed', 'business', 'none')),
        jobs_created INTEGER NOT NULL DEFAULT 0 CHECK (jobs_created >= 0),
        on_day TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        operator_id TEXT NOT NULL
    );
    INSERT INTO training_followups_v2 (id, seq, person_id, session_id, outcome, on_day, note, recorded_at, operator_id)
        SELECT id, seq, person_id, session_id, outcome, on_day, note, recorded_at, operator_id FROM training_followups;
    DROP TABLE training_followups;
    ALTER TABLE training_followups_v2 RENAME TO training_followups;
    CREATE INDEX training_followups_person ON training_followups (person_id);
    CREATE TABLE villages (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        township TEXT NOT NULL DEFAULT '',
        poor INTEGER NOT NULL DEFAULT 0,
        own INTEGER NOT NULL DEFAULT 0,
        hub_ref TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX villages_name ON villages (name);
    CREATE TABLE register_households (
        household_no TEXT PRIMARY KEY,
        village_code TEXT NOT NULL DEFAULT '',
        village TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        model INTEGER NOT NULL DEFAULT 0,
        members INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE register_members (
        id_hash TEXT PRIMARY KEY,
        household_no TEXT NOT NULL REFERENCES register_households (household_no),
        id_masked TEXT NOT NULL,
        name_masked TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX register_members_household ON register_members (household_no)
    """)


@migrations()
def m013_demo_bills(db: sqlite_utils.Database) -> None:
    """Issue 19: a bill the county hub's simulated biller "paid" (a demo hub) is marked, so its
    receipts say 演示 and never pass for proof of payment."""
    run(db, "ALTER TABLE bills ADD COLUMN demo INTEGER NOT NULL DEFAULT 0")


@migrations()
def m014_station_sms(db: sqlite_utils.Database) -> None:
    """Issue 19: a station whose county hub has been out of reach for hours texts its own notices
    through a modem on its PC. A notice it claimed is `sending` until the modem answers, then sent,
    failed or `unsure` (never sent again); `sent_by` says who sent it (NULL: the county hub)."""
    run(db, """
    CREATE TABLE parcel_notices_v2 (
        id TEXT PRIMARY KEY,
        parcel_id TEXT NOT NULL REFERENCES parcels (id),
        kind TEXT NOT NULL,
        phone TEXT,
        phone_tail TEXT,
        text TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'unsure')),
        queued_at TEXT NOT NULL,
        sent_at TEXT,
        detail TEXT,
        sent_by TEXT,
        claimed_at TEXT,
        parts INTEGER
    );
    INSERT INTO parcel_notices_v2 (id, parcel_id, kind, phone, phone_tail, text, status, queued_at, sent_at, detail)
        SELECT id, parcel_id, kind, phone, phone_tail, text, status, queued_at, sent_at, detail FROM parcel_notices;
    DROP TABLE parcel_notices;
    ALTER TABLE parcel_notices_v2 RENAME TO parcel_notices;
    CREATE INDEX parcel_notices_parcel ON parcel_notices (parcel_id);
    CREATE INDEX parcel_notices_queued ON parcel_notices (queued_at) WHERE status = 'queued'
    """)


@migrations()
def m015_partly_paid_bills(db: sqlite_utils.Database) -> None:
    """Issue 19: a bill the biller paid only part of (部分成功) keeps the amount it paid; the
    station refunds the unpaid part at the counter. NULL: paid in full or not at all."""
    run(db, "ALTER TABLE bills ADD COLUMN paid_amount INTEGER")
